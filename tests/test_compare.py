"""Compare: sentences, concerns, developments, links, the analyst layer and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from attrs import evolve
from conftest import CALIBER, ECONOMIST, SEEDS
from hypothesis import given, settings

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib
from hypothesis import strategies as st

from search.compare import (
    VERDICTS,
    compare,
    default_pair,
    find_concerns,
    find_developments,
    sentence_key,
    split_sentences,
    to_dict,
)
from search.ingest import read_article
from search.links import (
    Curation,
    LinkStore,
    apply,
    dumps,
    loads,
    write_atomic,
)
from search.model import Article, Entity

GOLD = Path(__file__).parent / "gold"


def article(body: str, *, id: str = "a1", year: int | None = 2024, title: str = "T") -> Article:
    return Article(
        id=id,
        path=f"{id}.txt",
        title=title,
        body=body,
        source="Test Wire",
        published=dt.date(year, 1, 1) if year else None,
    )


# --------------------------------------------------------------------------- sentences


def texts(body: str) -> list[str]:
    return [s.text for s in split_sentences(body)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Mr Smith met Mrs Jones. Dr Brown left early.",
            ["Mr Smith met Mrs Jones.", "Dr Brown left early."],
        ),
        (
            "Mr. Smith met Mrs. Jones in Washington. Dr. Brown left.",
            ["Mr. Smith met Mrs. Jones in Washington.", "Dr. Brown left."],
        ),
        (
            "The U.S. Navy and the U.K. agreed. The deal holds.",
            ["The U.S. Navy and the U.K. agreed.", "The deal holds."],
        ),
        (
            "Troops stayed in the U.S. The next day they left.",
            ["Troops stayed in the U.S.", "The next day they left."],
        ),
        (
            "On Apr 9th 2024 talks began. On Apr. 10 they ended.",
            ["On Apr 9th 2024 talks began.", "On Apr. 10 they ended."],
        ),
        (
            "J. R. R. Tolkien wrote it. Growth was 2.5% in 2023.",
            ["J. R. R. Tolkien wrote it.", "Growth was 2.5% in 2023."],
        ),
        (
            "“We will win,” he said. “Will we?” She doubted it.",
            ["“We will win,” he said.", "“Will we?”", "She doubted it."],
        ),
        (
            "Sales rose (by a lot.) Then they fell (see above).",
            ["Sales rose (by a lot.)", "Then they fell (see above)."],
        ),
        (
            "Defensive postures\nYet the treaties remain. Nobody moved.",
            ["Defensive postures", "Yet the treaties remain.", "Nobody moved."],
        ),
        (
            "A long line of prose that was wrapped by the\nwriter's editor at a fixed width, "
            "and goes on.\n\nA new paragraph",
            [
                "A long line of prose that was wrapped by the\nwriter's editor at a fixed width, "
                "and goes on.",
                "A new paragraph",
            ],
        ),
    ],
)
def test_splitter_keeps_abbreviations_initials_decimals_and_quotes_together(body, expected):
    assert texts(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # the quotation goes on after a stop inside it: one sentence
            'Trump said on Friday "I can do it if I want. I may do it." Pelosi disagreed.',
            ['Trump said on Friday "I can do it if I want. I may do it."', "Pelosi disagreed."],
        ),
        (
            "“We promised to act. Today we delivered. Ask anyone!” The minister left.",
            ["“We promised to act. Today we delivered. Ask anyone!”", "The minister left."],
        ),
        (  # a closing quote after the stop belongs to the sentence it ends
            '"I may do it." He never did.',
            ['"I may do it."', "He never did."],
        ),
        (  # a quotation that runs on into the next paragraph, unclosed: split as prose
            '"We will win. We always do. Nobody doubts it.',
            ['"We will win.', "We always do.", "Nobody doubts it."],
        ),
        (  # a stray straight quote pairs with nothing: split as prose
            'The sign read 6" wide. It fell. "Oops," he said.',
            ['The sign read 6" wide.', "It fell.", '"Oops," he said.'],
        ),
        (  # quoted, then unquoted: the stop after the closing quote still ends it
            "“It will pass.” Then it failed. “Again?” Yes.",
            ["“It will pass.”", "Then it failed.", "“Again?”", "Yes."],
        ),
    ],
)
def test_a_sentence_end_inside_a_quotation_that_goes_on_splits_nothing(body, expected):
    assert texts(body) == expected


_QUOTED = st.lists(
    st.sampled_from(["It may rain.", "We will see.", "Nobody knows!", "Why not?"]),
    min_size=1,
    max_size=4,
)


@settings(max_examples=200, deadline=None)
@given(_QUOTED, _QUOTED, st.sampled_from([('"', '"'), ("“", "”")]))
def test_a_quotation_of_several_sentences_is_one_sentence(before, quoted, marks):
    """Prose sentences, then 'He said "...".' quoting several: each prose sentence is
    one, and the quotation with its speaker is one, however many sentences it holds."""
    opening, closing = marks
    body = " ".join(before) + f" He said {opening}{' '.join(quoted)}{closing} The end."
    assert texts(body) == [*before, f"He said {opening}{' '.join(quoted)}{closing}", "The end."]


def test_sentence_offsets_point_into_the_body():
    body = "First one here.  Second: e.g. this one!\n\nThird?"
    for span in split_sentences(body):
        assert body[span.start : span.end] == span.text
    assert split_sentences(body, offset=10)[0].start == 10


_alphabet = st.sampled_from(
    list("abcXYZ .!?\"'“”‘’()[]…\n\t 0123456789") + ["Mr", "U.S.", "Apr", "e.g.", "\n\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_alphabet, max_size=80).map("".join))
def test_splitter_loses_no_text_and_offsets_are_valid(body):
    spans = split_sentences(body)
    pos = 0
    for span in spans:
        assert body[span.start : span.end] == span.text
        assert span.text and span.text == span.text.strip()
        assert span.start >= pos  # in order, never overlapping
        # Only whitespace between consecutive sentences.
        assert body[pos : span.start].strip() == ""
        pos = span.end
    assert body[pos:].strip() == ""


def test_sentence_key_survives_spacing_quotes_and_case_but_not_other_words():
    a = sentence_key("x", "Trade tensions will rise.")
    assert a == sentence_key("x", "  trade  tensions WILL rise ")
    assert a == sentence_key("x", "“Trade tensions will rise”")
    assert a != sentence_key("x", "Trade tensions will fall.")
    assert a != sentence_key("y", "Trade tensions will rise.")


# --------------------------------------------------------------------------- cues


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials fear that the ceasefire may collapse within weeks.",
        "Exporters worry that new tariffs would hurt sales in Europe.",
        "The central bank will probably raise interest rates again next month.",
        "The government aims to halve emissions by 2030 under the new plan.",
        "Critics say the reform could undermine the independence of the courts.",
        "Investors expect the merger to face scrutiny from regulators in Brussels.",
        "Farmers fear a drought across the southern provinces.",
        "If the president abandons the treaty, it matters to every neighbour too.",
        "Prosecutors say the mayor may have misused public funds.",
        # Demands, obligations, intentions and invitations not yet carried out.
        "The opposition says any new budget should not contain the tax rise.",
        "The leader re-stated his position that the budget should not raise taxes.",
        '"The governor has to work with the assembly on the budget."',
        "The ministry repeated the president's intention to veto the budget.",
        "The premier invited union leaders to meet him after the strike ends.",
        "After a veto, lawmakers would have to rewrite the budget from scratch.",
        "The bill requires the army to begin withdrawing its troops by October 1.",
        "Forecasters warned of flooding along the whole coast.",
        "The president threatened to veto the spending bill.",
        "The mayor said it is vital that the ferry service resumes before winter.",
        # Not done yet, and a step weighed but not yet taken.
        "Investigators have yet to determine the cause of the crash.",
        "The government is considering a ban on the sale of the drug.",
        # Schedules, possible sentences, consequences to come, options left open, deals
        # under negotiation, pressure to act.
        "Elections are to be held in May.",
        "The next round of talks is slated for March.",
        "The suspects face up to ten years in prison if convicted.",
        "The decision paves the way for a referendum on the constitution.",
        "Officials did not rule out further rate rises this year.",
        "The company is in talks to sell its mobile phone unit.",
        "Ministers are under pressure to raise the minimum wage.",
        # On the edge of it, threatened, braced or prepared for it, waiting on it.
        "The ruling party is on the verge of losing its majority.",
        "The strike threatens to disrupt exports of grain.",
        "The town is bracing for more flooding this weekend.",
        "The army is preparing to withdraw from the northern city.",
        "The family is awaiting the results of the autopsy.",
        "The outcome hinges on the votes of independent lawmakers.",
        '"It was essential that the dam be inspected after the storms," the engineer said.',
        "Officials are planning to reopen the border crossing.",
        "The minister is scheduled to give a speech on the budget.",
        "The council plan to close the library branch after the summer.",
        "Work is under way on drafting rules for the compensation fund.",
        "Work continues to develop a safety case for the reactor.",
        # A priority is an aim not yet carried out, like a plan or a target.
        "The council's priority remains to reopen the bridge to traffic.",
        "Our priorities are reopening the bridge and repairing the flood walls.",
        # What is kept going for a while yet, or comes in due course.
        "The refinery has secured enough crude oil to keep both units running for the coming months.",
        "The ministry's review of the water charges is to be published in due course.",
        # A few words quoted from what someone said are said, and cue as said.
        'The opposition leader said the cuts were "likely to hurt" pensioners.',
        # Sought, pending, still to be done, due by a deadline, tipped.
        "The harbour council is seeking to ban cruise ships from the old port.",
        "A decision on the harbour council's appeal is pending.",
        "The ferry treaty still needs to be ratified by both parliaments.",
        "The harbour board has until Friday to answer the union's complaint.",
        "The deputy harbour master is tipped to become the port's next chief.",
        # A risk run: what may follow it.
        "The harbour levy risks driving the ferry companies to other ports.",
        # The purpose of work going on or of a policy; a demand someone makes, a growing
        # one included.
        "The port authority is dredging the channel so that larger ships can dock.",
        "The central bank raises rates so that inflation falls back to target.",
        "Protesters repeated their demand for an independent inquiry.",
        "There is a growing demand for a referendum on independence.",
        "The scandal boosted the demand for the prime minister to resign.",
        "Opposition parties increasingly demand a snap election.",
    ],
)
def test_worries_predictions_and_plans_are_concerns(sentence):
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister visited Paris on Tuesday and met her counterpart.",
        "In the 1950s the country harboured deep concerns about its rearmament.",
        "In May the parliament passed the budget by a wide margin.",
        "By January the troops had left the capital.",
        "The political will is there, said the foreign minister after the talks.",
        # A worry named, not held: a topic sentence, not a concern.
        "Officials in the capital have several sets of fears.",
        "The biggest potential problem, however, surrounds the leadership.",
        # A plan denied, a counterfactual about the past.
        "The premier clarified there were no plans to add new members to the pact.",
        "The engineers finished their work on the bridge and continued to the next site.",
        "The bill would have allowed the police to hold suspects for a month.",
        # A present worry about a capability: nothing in it that may happen.
        "Many in the region now worry more about the navy's aggression.",
        "The envoy sought closer links in the hope of countering its rival.",
        # A rule of procedure nobody states as a demand.
        "Two-thirds of senators must vote to convict the president.",
        "The island has no guarantees of security assistance from its neighbours.",
        # A term quoted as a term is mentioned, not said: its "if" looks nowhere.
        "Among Athenian bankers the fears are summed up in the phrase “What if Grexit?”.",
        "Traders call the scenario (“probably default”) and shrug off the fears.",
        # A forward phrase is whole words ("stand to", "yet to", "is to be" are not in
        # "stand together", "yet tough", "is to better"), and a cue word in its other
        # sense is not one: criticised, a pressure now, a finding made.
        "Dock workers stand together against the port authority.",
        "The harbour's union is small yet tough, its leader says.",
        "Her job is to better the pay of dock workers in the port.",
        "The port authority's plan was slated by union leaders on Monday.",
        "High interest rates are weighing on shipping firms across the region.",
        "Police have ruled out foul play in the death of the dock worker.",
        # The future of a past told: history.
        "The harbour master, who would later become mayor, opened the ferry terminal.",
        "The dockers' leader would go on to win a seat in parliament.",
        # How long something held is no deadline.
        "The dock workers' union has until now refused to join the talks.",
        # A market's demand; a state that has lasted a while.
        "This, in turn, has created a demand for social media managers.",
        "Aid convoys have not reached the city for two weeks.",
        "Growing demand for electric cars pushed prices up.",
    ],
)
def test_narrated_events_are_not_concerns(sentence):
    assert find_concerns(article(sentence, year=2024)) == ()


HARBOUR_BILL = [
    "give the harbour board new powers to ban the payment of bonuses to its directors.",
    "require every operator to publish the noise readings of its cranes.",
]


@pytest.mark.parametrize(
    "lead_in", ["The Harbour Bill will:", "Under the deal, the port would:", "Ministers plan to:"]
)
def test_the_items_of_a_list_of_plans_are_each_a_concern(lead_in):
    """A briefing lists a bill's measures under "The Bill will:": each item is a plan of
    its own, though it has no modal, and a later article answers it."""
    body = "\n\n".join([lead_in, *HARBOUR_BILL])
    assert [c.span.text for c in find_concerns(article(body, year=2024))] == HARBOUR_BILL
    answer = "The harbour board banned the bonuses of its directors on Monday, using powers the new law gave it."
    later = article(
        f"{STORMS} {answer} A new ferry began sailing to the islands.", id="l", year=2025
    )
    result = compare(article(body, id="e"), later, earlier_entities=(), later_entities=())
    (link,) = [lk for lk in result.links if "bonuses" in lk.concern.span.text]
    assert link.evidence[0].development.span.text == answer


@pytest.mark.parametrize(
    "lead_in", ["The Harbour Act did three things:", "Officials said on Monday:"]
)
def test_items_after_a_lead_in_of_no_plan_are_no_concerns(lead_in):
    body = "\n\n".join([lead_in, *HARBOUR_BILL])
    assert find_concerns(article(body, year=2024)) == ()


def news(body: str, published: dt.date) -> Article:
    """An article of ``body`` published on ``published``."""
    return evolve(article(body), published=published)


@pytest.mark.parametrize(
    ("sentence", "published", "ahead"),
    [
        # A day after the article's own is a schedule, however it is narrated.
        (
            "The ministry announced that the bridge toll takes effect on 1 March.",
            (2024, 2, 10),
            True,
        ),
        (
            "The ministry announced that the bridge toll took effect on 1 February.",
            (2024, 2, 10),
            False,
        ),
        # A day without a year is taken at its occurrence nearest to the publication:
        # "December 28" in a January article is last December's, "January 9" in a
        # December one next January's.
        (
            "The regulator approved the merger of the two ferry firms on December 28.",
            (2024, 1, 6),
            False,
        ),
        (
            "The regulator approved the merger of the two ferry firms for January 9.",
            (2023, 12, 20),
            True,
        ),
        # With its year, a day is that year's.
        (
            "The regulator approved the merger of the two ferry firms on January 9, 2023.",
            (2023, 12, 20),
            False,
        ),
        # A day or three after the article's own date is no schedule: articles are often
        # dated before what they report (a weekly's issue date, a time zone, an update).
        (
            "The prime minister flew to Washington on April 10th for a state dinner.",
            (2024, 4, 9),
            False,
        ),
        (
            "The prime minister flies to Washington on April 20th for a state dinner.",
            (2024, 4, 9),
            True,
        ),
        # A day without a year told in the past is last year's (the review): not ahead.
        (
            "Boko Haram kidnapped 276 schoolgirls from a school in Chibok on April 14.",
            (2015, 2, 8),
            False,
        ),
        ("The governor died on July 4 after a long illness.", (2015, 2, 8), False),
        # A schedule told in the past is still a schedule.
        (
            "The commission moved the vote from February 14 to March 28.",
            (2015, 2, 8),
            True,
        ),
    ],
)
def test_a_day_after_the_articles_publication_is_a_forward_cue(sentence, published, ahead):
    found = find_concerns(news(sentence, dt.date(*published)))
    assert [c.span.text for c in found] == ([sentence] if ahead else [])


@pytest.mark.parametrize(
    "sentence",
    [
        "Engineers said the crews need two more days to repair the levee.",
        "The health ministry says it needs more money to vaccinate every child in the province.",
    ],
)
def test_a_need_with_what_it_takes_in_between_is_an_obligation(sentence):
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "It is critical that the clinics stay open through the winter, the health minister told reporters.",
        "The mayor said it was urgent that the port authority repair the flood walls.",
        "It is important that both sides respect the ceasefire, the envoy said.",
    ],
)
def test_a_demand_put_as_critical_important_or_urgent_is_a_concern(sentence):
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "The governor of the province is seeking a third term in office.",
        "The farmers' union seeks to block imports of cheaper grain from abroad.",
        "The veteran senator seeks re-election despite his poor health.",
    ],
)
def test_an_aim_sought_is_a_concern(sentence):
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "The spokesman said the port authority was working on a new timetable for the ferries.",
        "Engineers are working on a way to reach the flooded tunnel from the surface.",
    ],
)
def test_work_toward_something_not_yet_there_is_a_concern(sentence):
    """ "working on" a timetable or a way: not done yet, as "work is under way" is."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Whether or not there are savings in the process remains open to question.",
        "It remains unclear whether the truce around the port holds.",
    ],
)
def test_an_outcome_that_remains_an_open_question_is_a_concern(sentence):
    """ "whether ... remains open to question": an outcome still to come, as "remains to
    be seen" is."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


def test_a_warning_retold_in_the_past_perfect_is_no_answer_to_it():
    """The later article retells the warning as background ("Exporters had warned that
    the levy would add ..."); the news is what came of it, which answers the concern."""
    earlier = news(
        "The state government will drop its plan for a container levy at the port, "
        "officials said on Thursday, after exporters warned it would add to the cost of "
        "shipping coffee and soybeans.",
        dt.date(2024, 11, 20),
    )
    later = evolve(
        news(
            "The state government rejected on Sunday a proposed levy on container traffic "
            "through the port, saying the charge would drive shippers to rival terminals. "
            "Exporters had warned that the levy would add as much as 4% to the cost of "
            "shipping soybeans and coffee.",
            dt.date(2025, 3, 2),
        ),
        id="b2",
    )
    result = compare(earlier, later, earlier_entities=(), later_entities=())
    (link,) = result.links
    assert link.evidence[0].development.span.text.startswith("The state government rejected")
    # nor is it news no concern anticipated: it is the concern's own background
    assert not [d for d in result.new_developments if "had warned" in d.span.text]


@pytest.mark.parametrize(
    "sentence",
    [
        "Union leaders say the dispute over the harbour must be settled before the harvest.",
        "Residents say the council should reopen the bridge to buses.",
    ],
)
def test_an_obligation_people_say_is_a_concern(sentence):
    """ "leaders say X must be settled": a demand stated, as "says" and "said" tell one;
    the plural present is reported speech too."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor envisions a tram line running from the harbour to the airport.",
        "The ministry envisages a new ferry terminal at the north pier.",
    ],
)
def test_what_someone_envisions_is_a_concern(sentence):
    """ "envisions a tram line": a vision of what is to come, as "foresees" is."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


def test_what_was_envisioned_long_ago_is_no_concern():
    sentence = "The architects envisioned the square as a market for farmers in 1890."
    assert find_concerns(article(sentence, year=2024)) == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "The port authority is confident of a quick reopening of the canal.",
        "The minister has expressed confidence that a settlement can be reached with the dockers.",
    ],
)
def test_confidence_in_what_is_to_come_is_a_concern(sentence):
    """ "is confident of a quick reopening", "expressed confidence that a settlement can be
    reached": an expectation, as "optimistic" is."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


def test_confidence_measured_is_no_concern():
    sentence = "Consumer confidence in the region fell sharply in March, the survey showed."
    assert find_concerns(article(sentence, year=2024)) == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "The port authority is dredging the channel in an effort to let larger ships dock.",
        "Donors have gathered in Geneva in a bid to raise money for the flooded valley.",
    ],
)
def test_the_aim_of_work_going_on_is_a_concern(sentence):
    """ "in an effort to let larger ships dock": an aim not reached yet, as "seeking to" is."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


def test_the_aim_of_something_done_is_no_concern():
    # The aim of an act told in the past is part of its story ("so that" likewise).
    sentence = "Police fired water cannon in an effort to clear the square near the harbour."
    assert find_concerns(article(sentence, year=2024)) == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "The budget for the new lock has not been approved by the council.",
        "The two ferry companies have not signed the merger agreement, officials said.",
    ],
)
def test_an_act_not_done_so_far_is_a_concern(sentence):
    """ "has not been approved", "have not signed": still to come, as "not yet" is."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


def test_an_act_done_is_no_concern():
    sentence = "The budget for the new lock has been approved by the council."
    assert find_concerns(article(sentence, year=2024)) == ()


def test_a_cause_not_known_is_no_concern():
    # The compare-dev rules leave out an open question about the past.
    sentence = "It is not clear what caused the collapse of the harbour wall."
    assert find_concerns(article(sentence, year=2024)) == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "But a deal to reopen the port to grain ships shows no sign of materialising.",
        "The fighting around the harbour shows no signs of abating.",
    ],
)
def test_something_that_shows_no_sign_of_coming_is_a_concern(sentence):
    """ "shows no sign of materialising": an expectation that it will not come soon."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Divers found no sign of the missing trawler on Monday.",
        # The review: a test's finding in the present is no expectation either.
        "Tests show no sign of contamination in the harbour water.",
        "Inspectors say the pier shows no signs of damage.",
    ],
)
def test_no_sign_found_is_no_concern(sentence):
    assert find_concerns(article(sentence, year=2024)) == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "The harbour company said it can begin pumping the tunnel dry once power is restored.",
        "Ferry services resume once the storm warnings are lifted, the operator said.",
    ],
)
def test_what_waits_on_a_condition_not_yet_met_is_a_concern(sentence):
    """ "once power is restored": something that happens when a condition still to be
    met is, as "if" makes a worry a concern."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "The port, once the busiest in the region, handled a record tonnage last year.",
        "The ferry was once again delayed by the storm on Monday.",
        # The review: an aside's "formerly", however the words after it run.
        "The town, once a fishing village, is now a busy resort.",
        "The old harbour, once busy with trawlers, is quiet today.",
    ],
)
def test_once_of_the_past_or_again_is_no_condition(sentence):
    assert find_concerns(article(sentence, year=2024)) == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "Engineers were preparing late Sunday to restore power to the flooded pumping station.",
        "The two factions agreed on Tuesday to hand over their weapons within a month.",
        "The port authority is set this week to reopen the northern terminal.",
    ],
)
def test_a_day_told_between_the_cue_and_its_to_keeps_the_cue(sentence):
    """News puts the day between the verb and what it is about ("were preparing late
    Sunday to restore", "agreed on Tuesday to hand over"): the same cue as without it."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "The regional bloc has asked both factions to respect the truce around the port.",
        "The island's governor is determined to push the fishing reform through the assembly.",
        "The junta says it is willing to hand power to an elected civilian government.",
    ],
)
def test_a_request_or_a_resolve_is_a_concern(sentence):
    """A request made ("asked both factions to") is a demand; a resolve avowed
    ("determined to", "willing to") an assurance."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


def test_asked_alone_is_no_request():
    assert (
        find_concerns(
            article("The harbour master was asked about the delays in the port.", year=2024)
        )
        == ()
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Investigators have not yet determined the cause of the ferry's sinking.",
        "The two parties have not yet agreed on who will lead the coalition.",
    ],
)
def test_not_yet_done_is_a_concern(sentence):
    """ "have not yet determined" is still open, as "have yet to determine" is."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Final results from the island's election are due on Tuesday.",
        "The harbour council votes on the ferry contract next Tuesday.",
        "The ban on night flights takes effect in the spring.",
        "The fisheries treaty comes into force once both parliaments ratify it.",
    ],
)
def test_a_schedule_as_news_tells_it_is_a_concern(sentence):
    """Due on a day, a weekday ahead, a rule that takes effect: a schedule, with no modal."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "The observer mission says both parties have agreed to accept the tribunal's ruling.",
        "Under the accord, the rebels agreed to hand over their weapons within a month.",
    ],
)
def test_an_undertaking_agreed_is_a_concern(sentence):
    """An undertaking given ("agreed to accept") looks ahead, as "pledged to" does."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "The provincial governor is running for re-election.",
        "The former finance minister is standing for parliament in the northern district.",
        "Her deputy runs for a second term as mayor of the port city.",
    ],
)
def test_a_candidacy_is_a_concern(sentence):
    """A bid for office is an aim whose outcome is the vote, as "is seeking another term"."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Dock workers were running for cover when the crane collapsed.",
        "The harbour festival has been running for twenty years.",
    ],
)
def test_running_for_cover_or_a_while_is_no_candidacy(sentence):
    assert find_concerns(article(sentence, year=2024)) == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "During the week of polling, islanders are to choose between the two mayors.",
        "More than 300 ferry terminals across the region are to reopen after the strike.",
        "The appeals court is to rule on the harbour dispute on Friday.",
    ],
)
def test_a_schedule_told_with_is_to_is_a_concern(sentence):
    """News tells an arrangement with "is / are to" and a verb, no modal or plan word."""
    assert [c.span.text for c in find_concerns(article(sentence, year=2024))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "The union's lawyer said the port authority is to blame for the delays.",
        "The best answer is to build more berths, the harbour master said.",
    ],
)
def test_is_to_of_blame_or_a_way_is_no_schedule(sentence):
    assert find_concerns(article(sentence, year=2024)) == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "The two governments signed a defence treaty in Canberra on Monday.",
        "Parliament approved the new sanctions package by a wide margin.",
        "Japan's pledge to raise defence spending to 2% of GDP reflects pressure from allies.",
        "In May the regulator fined the company €2bn for breaking competition rules.",
        "The harbour authority has also written to every ferry operator about the new fees.",
    ],
)
def test_things_that_happened_or_were_pledged_are_developments(sentence):
    assert [d.span.text for d in find_developments(article(sentence))] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Analysts expect prices to rise further next year as demand recovers.",
        "The forthcoming strategy may either reduce or heighten uncertainty in the region.",
        # An outlook or a position told, however dated, is not what happened.
        'On May 13 he said he remained "cautiously optimistic" a deal would be reached.',
        "The premier has repeatedly stated that the country must leave by that date.",
        "Officials said on Tuesday that the treaty would be signed within weeks.",
        "As the bill passed by close votes, it is unlikely the party can find a majority.",
        "The troops are mired in an open-ended civil war.",
        '"If the premier thinks that he will stop us, he is mistaken," said the senator.',
        # A word spelt like an irregular past that is not one here.
        "The mayor faces a slew of lawsuits over the harbour plan.",
        "Churches across the city hold services during Lent each spring.",
    ],
)
def test_outlooks_are_not_developments(sentence):
    assert find_developments(article(sentence)) == ()


# --------------------------------------------------------------------------- quality


def _load_pair(gold: dict, base: Path) -> tuple[Article, Article]:
    earlier = read_article(base / Path(gold["earlier"]).name, base)
    later = read_article(base / Path(gold["later"]).name, base)
    assert isinstance(earlier, Article) and isinstance(later, Article)
    return earlier, later


def _score(gold_path: Path, base: Path) -> dict:
    gold = tomllib.loads(gold_path.read_text(encoding="utf-8"))
    earlier, later = _load_pair(gold, base)
    result = compare(earlier, later)

    def link_for(fragment: str):
        found = [link for link in result.links if fragment in link.concern.span.text]
        assert len(found) <= 1, f"ambiguous gold fragment {fragment!r}"
        return found[0] if found else None

    top1 = top3 = silent = 0
    misses = []
    for item in gold["addressed"]:
        link = link_for(item["concern"])
        ranks = [
            i
            for i, ev in enumerate(link.evidence if link else ())
            if any(f in ev.development.span.text for f in item["developments"])
        ]
        top1 += bool(ranks) and ranks[0] == 0
        top3 += bool(ranks) and ranks[0] < 3
        if not ranks or ranks[0] != 0:
            misses.append(item["concern"])
    for item in gold["unaddressed"]:
        link = link_for(item["concern"])
        assert link is not None, f"concern not detected: {item['concern']!r}"
        silent += not link.evidence
    return {
        "addressed": len(gold["addressed"]),
        "top1": top1,
        "top3": top3,
        "unaddressed": len(gold["unaddressed"]),
        "silent": silent,
        "misses": misses,
    }


#: The pairs annotated in this repository: the seeds, and two pairs written for these
#: tests (EU-India trade talks, German energy). Rules were written against them, so they
#: are a regression set, never a quality figure: that comes from compare-dev below.
PAIRS = {
    "seeds": (GOLD / "compare_seeds.toml", SEEDS),
    "eu-india": (GOLD / "compare_pair" / "gold.toml", GOLD / "compare_pair"),
    "energy": (GOLD / "compare_energy" / "gold.toml", GOLD / "compare_energy"),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_regression_pairs_keep_their_right_developments_first(name):
    s = _score(*PAIRS[name])
    print(name, s)
    # Floors under today's figures (seeds 6/7 and 7/7, eu-india 4/5 and 4/5, energy 2/6
    # and 3/6 without the energy pair's own synonym rings, and since a sentence naming
    # the same people but none of a concern's words no longer answers it): a drop is a
    # regression.
    assert s["top1"] >= 0.33 * s["addressed"], s
    assert s["top3"] >= 0.5 * s["addressed"], s


def _dev_pairs():
    from bench.compare_dev import pairs

    return pairs()


@pytest.mark.parametrize("pair", _dev_pairs(), ids=lambda p: p.name)
def test_each_real_dev_pair_finds_its_concerns_and_ranks_an_answer_in_the_top_three(pair):
    """compare-dev: real Wikinews pairs annotated apart from the engine (no rule names
    their text; see shared/data/compare-dev/README.md). Floors per pair."""
    from bench.compare_dev import load, score

    earlier, later, gold = load(pair)
    s = score(compare(earlier, later), gold)
    print(pair.name, s)
    assert s["found"] >= 0.9 * s["concerns"], s
    assert s["reported"] <= 2 * s["concerns"], s
    assert s["top3"] >= 0.6 * s["addressed"], s


def test_real_dev_pairs_put_the_right_development_first_for_most_concerns():
    from bench.compare_dev import run_dev

    results = run_dev()
    if not results["pooled"]["concerns"]:
        pytest.skip("shared/data/compare-dev is not beside this checkout")
    pooled = results["pooled"]
    assert pooled["top1"] >= 0.7 * pooled["addressed"], results


def test_links_show_their_reasons_and_offsets():
    earlier, later = (read_article(p, SEEDS) for p in (ECONOMIST, CALIBER))
    result = compare(earlier, later)
    assert result.addressed, "the seed pair has linked concerns"
    for link in result.addressed:
        c = link.concern.span
        assert earlier.body[c.start : c.end] == c.text
        assert link.shared_terms or link.shared_entities
        scores = [e.score for e in link.evidence]
        assert scores == sorted(scores, reverse=True)
        for ev in link.evidence:
            d = ev.development.span
            assert later.body[d.start : d.end] == d.text
            for a, b in ev.development_marks:
                assert d.start <= a < b <= d.end
            for a, b in ev.concern_marks:
                assert c.start <= a < b <= c.end


def test_unrelated_articles_leave_every_concern_unaddressed_and_every_event_new():
    earlier = article(
        "Fishermen fear that warmer seas may drive cod further north next decade.", id="e"
    )
    later = article(
        "The orchestra performed Mahler's ninth symphony in Vienna on Saturday.", id="l", year=2025
    )
    result = compare(earlier, later)
    assert len(result.unaddressed) == 1 and not result.addressed
    assert [d.span.text for d in result.new_developments] == [later.body]


def test_a_long_name_the_recogniser_missed_does_not_outweigh_what_the_concern_is_about():
    # No entities at all: every name here is one the recogniser missed.
    earlier = article(
        "Senate Minority Whip Richard Durbin warned the tariffs could bring lawsuits from farmers.",
        id="e",
    )
    later = article(
        "Senate Minority Whip Richard Durbin spoke to reporters in Chicago. "
        "Farmers filed lawsuits against the tariffs.",
        id="l",
        year=2025,
    )
    result = compare(earlier, later, earlier_entities=(), later_entities=())
    (link,) = result.links
    assert link.evidence[0].development.span.text == "Farmers filed lawsuits against the tariffs."


def test_an_article_changed_on_disk_is_compared_as_it_now_reads():
    """Analyses are kept between compares; an edited article (same id), or the same one
    with other entities, is read afresh."""
    later = article("Exporters sued the government over the tariffs on Monday.", id="b", year=2025)
    first = article("The central bank will probably raise interest rates.", id="a")
    assert [link.concern.span.text for link in compare(first, later).links] == [first.body]
    edited = evolve(first, body="Exporters fear that the tariffs would hurt their sales.")
    (link,) = compare(edited, later, earlier_entities=(), later_entities=()).links
    assert link.concern.span.text == edited.body and link.shared_entities == ()
    named = (
        (Entity("body", "Exporters", "ORG", "Exporters' Guild", 0, 9),),
        (Entity("body", "Exporters", "ORG", "Exporters' Guild", 0, 9),),
    )
    (link,) = compare(edited, later, earlier_entities=named[0], later_entities=named[1]).links
    assert link.shared_entities == ("Exporters' Guild",)


def test_a_pledge_repeated_word_for_word_in_the_update_is_not_its_outcome():
    pledge = "The council has pledged to publish a full audit of the bridge repairs every quarter."
    earlier = article(pledge + " Residents fear the repairs could overrun by a year.", id="e")
    later = article(
        pledge.replace("The council", "The city council")
        + " The first quarterly audit of the bridge repairs, released on Monday, found the"
        " work on schedule.",
        id="l",
        year=2025,
    )
    link = next(lk for lk in compare(earlier, later).links if lk.concern.span.text == pledge)
    assert [e.development.span.text for e in link.evidence] == [
        "The first quarterly audit of the bridge repairs, released on Monday, found the work"
        " on schedule."
    ]


def test_a_state_described_later_does_not_answer_a_concern():
    earlier = article("The minister is committed to leading the reform of the courts.", id="e")
    later = article(
        "The supreme court is led by its president, a former judge of the court of appeal.",
        id="l",
        year=2025,
    )
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert not link.evidence


def test_background_the_update_copies_from_the_earlier_article_answers_nothing():
    background = (
        "The union has been in dispute with the rail operator since March, when the operator"
        " cut overtime pay."
    )
    fear = "The union fears the operator will cut overtime pay again in the autumn."
    outcome = "The operator restored overtime pay on Friday after talks with the union."
    earlier = article(f"{background} {fear}", id="e")
    later = article(f"{background} {outcome}", id="l", year=2025)
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert [e.development.span.text for e in link.evidence] == [outcome]


def test_an_outcome_told_in_other_words_of_a_synonym_ring_answers_first():
    # "overturn" / "quashed": the same outcome in a reporter's other words outranks a
    # sentence that shares only the subject.
    fear = "Lawyers expect the judges to overturn the curfew."
    background = "The curfew was imposed by the judges at the request of the police."
    outcome = "The judges quashed the curfew after a short hearing."
    earlier = article(fear, id="e")
    later = article(f"{background} {outcome}", id="l", year=2025)
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert link.evidence[0].development.span.text == outcome


@pytest.mark.parametrize(
    ("fear", "background", "outcome"),
    [
        (
            "The regulator will probably suspend the ferry operator.",
            "The ferry operator carried more passengers in the summer.",
            "The ferry operator's suspension was confirmed on Tuesday.",
        ),
        (
            "Ministers will introduce the tenancy bill next month.",
            "Civil servants drafted the tenancy bill over the winter.",
            "The Speaker confirmed the introduction of the tenancy bill after a short debate.",
        ),
        (
            "The insurer is expected to pay the flood victims.",
            "The insurer met the flood victims on Monday.",
            "The insurer's payments to the flood victims began in May.",
        ),
        (
            "The board is expected to decide on the merger of the two lenders.",
            "The board of the two lenders met on Monday.",
            "The board of the two lenders announced its decision on Friday.",
        ),
    ],
)
def test_an_outcome_told_by_the_noun_of_the_concerns_verb_answers_first(fear, background, outcome):
    # "will suspend" / "the suspension": the noun made from the concern's verb tells the
    # outcome, and outranks a sentence that names only who is involved.
    earlier = article(fear, id="e")
    later = article(f"{background} {outcome}", id="l", year=2025)
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert link.evidence and link.evidence[0].development.span.text == outcome


@pytest.mark.parametrize(
    ("fear", "background", "outcome"),
    [
        (
            "The harbour authority says the old terminal will eventually be shut down.",
            "The old terminal handled fewer ferries in the winter.",
            "Officials declared the old terminal's shutdown complete on Friday.",
        ),
        (
            "Police are expected to crack down on illegal fishing in the bay.",
            "Illegal fishing in the bay grew over the summer.",
            "The police crackdown on illegal fishing in the bay began in May.",
        ),
    ],
)
def test_an_outcome_told_by_the_compound_of_the_concerns_phrasal_verb_answers_first(
    fear, background, outcome
):
    # "will be shut down" / "the shutdown": the particle alone is a stop word, so only the
    # closed compound tells that the noun is the verb's.
    earlier = article(fear, id="e")
    later = article(f"{background} {outcome}", id="l", year=2025)
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert link.evidence and link.evidence[0].development.span.text == outcome


#: A later sentence on nothing any concern below is about.
STORMS = "Storms flooded the harbour car park twice during the winter."


def linked(concern: str, *later: str) -> list[str]:
    """What the one concern of an article ``concern`` is linked to in a later article of
    the sentences ``later``, best first (words alone: no entities)."""
    earlier = article(concern, id="e")
    after = article(" ".join(later), id="l", year=2025)
    (link,) = compare(earlier, after, earlier_entities=(), later_entities=()).links
    return [e.development.span.text for e in link.evidence]


@pytest.mark.parametrize(
    ("fear", "thing", "outcome"),
    [
        (  # "rampage" is no ramping up
            "The government will ramp up testing in schools next month.",
            "A gunman went on a rampage at a school in the north on Tuesday.",
            "Testing in schools doubled in March.",
        ),
        (  # "the judge" is a person, not a judgment
            "Lawyers expect a judgment on the extradition appeal this month.",
            "The judge in the extradition appeal was replaced on Monday.",
            "The appeal court ruled against the extradition on Friday.",
        ),
    ],
)
def test_a_noun_whose_meaning_drifted_from_the_verb_is_not_its_outcome(fear, thing, outcome):
    # WordNet derives "rampage" from "ramp" and "judgment" from "judge", but a reader
    # does not: the sentence that tells what happened comes first.
    assert linked(fear, thing, outcome)[:1] == [outcome]


@pytest.mark.parametrize(
    ("plan", "restated"),
    [
        (
            "The council will publish quarterly reports on the repairs to the sea wall.",
            '"In March we committed to reporting on the sea wall repairs every year," the mayor said.',
        ),
        (
            "The council will publish quarterly reports on the repairs to the sea wall.",
            '"In March we recommitted to reporting on the sea wall repairs every year," the mayor said.',
        ),
        (  # a committee is no commitment: the concern is not about making one
            "The sea wall committee will publish quarterly reports on the repairs.",
            '"In March we committed to reporting on the sea wall repairs every year," the mayor said.',
        ),
    ],
)
def test_a_commitment_restated_later_is_not_the_outcome_of_a_plan(plan, restated):
    # A speaker's "we committed to reporting annually" tells the plan again (changed,
    # even), not that any report came out. (Someone else's pledge is news: see the
    # next test and the Korea one.)
    assert linked(plan, STORMS, restated) == []


def test_an_irregular_past_tells_what_happened():
    # "laid off": what happened, though no "-ed" and no event verb of the lists says so.
    told = "The carmaker laid off 900 workers at the Leeds plant in March."
    fear = "Unions fear the carmaker will lay off workers at the Leeds plant."
    assert linked(fear, STORMS, told) == [told]


@pytest.mark.parametrize(
    "reached",
    [
        "The ban on disposable vapes is now in force across the country.",
        "The vapes bill is now law across the country.",
        "The strike at the vapes plant is now over across the country.",
    ],
)
def test_a_state_reached_tells_what_happened(reached):
    # "is now in force", "is now law": what the concern expected has come about.
    plan = "The ban on disposable vapes will come into force in the spring."
    assert linked(plan, STORMS, reached) == [reached]


def test_a_sum_committed_is_what_happened_not_a_promise():
    plan = "The council will pay for repairs to the sea wall after the storms."
    told = '"We committed extra funding to the sea wall repairs in March," the mayor said.'
    assert linked(plan, STORMS, told) == [told]


def test_a_pledge_answers_a_concern_about_whether_it_would_be_made():
    fear = "Leaders may pledge to cut emissions from coal plants at the summit."
    pledge = "On Friday, after two days of talks, the leaders pledged to phase out coal plants."
    assert linked(fear, STORMS, pledge) == [pledge]


#: A later article on the harbour budget, with one side sentence on the queen's visit.
HARBOUR = (
    "The council approved the harbour budget on Monday. "
    f"{STORMS} The queen visited the harbour school on Friday. "
    "Spring tides damaged the pier last month. The ferry company raised its fares in March."
)


@pytest.mark.parametrize(
    ("title", "more", "answered"),
    [
        ("Council approves harbour budget", "", False),
        # The headline names the queen: the concern is on the later article's main line.
        ("Queen visits harbour", "", True),
        # Three sentences on the queen: one of the later article's subjects.
        ("Council approves harbour budget", " The queen thanked the staff. The queen left.", True),
    ],
)
def test_a_concern_off_the_later_articles_main_line_needs_a_strong_link(title, more, answered):
    # The concern shares nothing with the later article's headline, its lede or what it
    # keeps coming back to: the queen's visit and the spring tides share a word each
    # with it (they stand out of the background, scoring 0.16), which answers nothing.
    # (A brief of fewer than five sentences is all main line.)
    plan = "The mayor will ask the queen to open the new library in the spring."
    later = article(HARBOUR + more, id="l", year=2025, title=title)
    (link,) = compare(article(plan, id="e"), later, earlier_entities=(), later_entities=()).links
    assert bool(link.evidence) == answered


@pytest.mark.parametrize(("day", "answers"), [("15 September", False), ("25 April", True)])
def test_what_happened_before_the_concern_was_voiced_is_not_its_outcome(day, answers):
    # The earlier article is of 18 September 2023, the later one of 30 April 2024: "On 15
    # September" there is last September's, days before the worry; "On 25 April" is after.
    fear = "Unions fear the steel company will close the blast furnaces at the plant."
    told = f"On {day} the company closed both blast furnaces, ending iron making at the site."
    earlier = evolve(article(fear, id="e"), published=dt.date(2023, 9, 18))
    later = evolve(article(told, id="l"), published=dt.date(2024, 4, 30))
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert [e.development.span.text for e in link.evidence] == ([told] if answers else [])


@pytest.mark.parametrize(
    ("told", "answers"),
    [
        # Background retold with its day inside the sentence: before the worry.
        (
            "The closure of both blast furnaces on 15 September ended iron making at the site.",
            False,
        ),
        ("The closure of both blast furnaces on 25 April ended iron making at the site.", True),
        # A document's day does not date what the sentence tells.
        (
            "The company closed both blast furnaces, as its plan published on 15 September "
            "had set out.",
            True,
        ),
    ],
)
def test_background_dated_inside_the_sentence_before_the_concern_is_not_its_outcome(told, answers):
    fear = "Unions fear the steel company will close the blast furnaces at the plant."
    earlier = evolve(article(fear, id="e"), published=dt.date(2023, 9, 18))
    later = evolve(article(told, id="l"), published=dt.date(2024, 4, 30))
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert [e.development.span.text for e in link.evidence] == ([told] if answers else [])


@pytest.mark.parametrize(
    "later",
    [
        "The review of the dam's safety, stalled by a row over funding, continues.",
        "Engineers are also continuing the review of the dam's safety, delayed by floods.",
    ],
)
def test_work_that_goes_on_is_not_the_outcome_of_a_plan(later):
    earlier = article(
        "The agency plans to finish its review of the dam's safety by spring.", id="e"
    )
    (link,) = compare(
        earlier, article(later, id="l", year=2025), earlier_entities=(), later_entities=()
    ).links
    assert not link.evidence


@pytest.mark.parametrize(
    "state",
    [
        # Work under way told in a progressive, beside a past verb or not.
        "The council approved the budget and is taking action on every recommendation of"
        " the flood review.",
        "The council has been working closely with engineers on the recommendations of the"
        " flood review.",
    ],
)
def test_work_under_way_is_not_the_outcome_a_plan_awaits(state):
    # "will carry out every recommendation" is answered by what was carried out, not by
    # the work going on: the report comes first, the state is never linked.
    plan = "The council will carry out every recommendation of the flood review."
    outcome = "The council has completed two recommendations of the flood review."
    earlier = article(plan, id="e")
    later = article(f"{state} {outcome}", id="l", year=2025)
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert [e.development.span.text for e in link.evidence] == [outcome]


def test_one_weak_overlap_with_nothing_to_stand_out_of_is_silence():
    # Only one later sentence shares anything with the concern, and only the word
    # "network": with no background a margin means nothing (a lone score always stands
    # out), so the link must be strong by itself, and this one is not.
    earlier = article(
        "If the talks fail, drivers say they will strike and halt the city's bus network.",
        id="e",
    )
    later = article(
        "Daily passenger numbers on the network stood at 2.1 million. The council elected a"
        " new mayor on Friday. Heavy rain flooded two underpasses in the north.",
        id="l",
        year=2025,
    )
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert not link.evidence


def test_a_sentence_opening_with_when_is_told_not_asked():
    earlier = article("The rebels may free the hostages before the talks.", id="e")
    outcome = "When they were freed on Monday, the hostages thanked the army."
    later = article(outcome, id="l", year=2025)
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert [e.development.span.text for e in link.evidence] == [outcome]


def test_an_event_told_in_the_present_progressive_still_answers():
    # Only effort under way ("is taking action on") is a state: "are suing" tells that
    # the lawsuit was filed.
    earlier = article("Critics warn that the states will sue the governor over the order.", id="e")
    outcome = "Sixteen states are suing the governor over the emergency order."
    later = article(outcome, id="l", year=2025)
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert [e.development.span.text for e in link.evidence] == [outcome]


@pytest.mark.parametrize(
    "question",
    [
        "What steps he has taken to pay compensation to the flood victims.",
        "Who approved the compensation the council pays to the flood victims?",
    ],
)
def test_a_question_asked_later_answers_no_concern(question):
    # A record of questions ("What steps he has taken to ...") tells nothing that
    # happened, however many of the concern's words it repeats.
    earlier = article("The council will pay compensation to the flood victims.", id="e")
    outcome = "Victims received the first compensation payments in March."
    later = article(f"{question} {outcome}", id="l", year=2025)
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert [e.development.span.text for e in link.evidence] == [outcome]


def test_the_actor_of_a_concern_is_who_comes_before_its_verb():
    # "Korea" is the concern's actor though a fronted phrase puts it mid-sentence; it
    # acts in the later sentence too, which shares no other word.
    earlier = article("Among the allies in the region, Korea probably faces the worst.", id="e")
    later = article(
        "Korea pledged to raise its defence spending by eight per cent. "
        "The weather in Lyon was mild on Monday.",
        id="l",
        year=2025,
    )
    korea = Entity("body", "Korea", "GPE", "Korea", 0, 5)
    (link,) = compare(
        earlier,
        later,
        earlier_entities=[evolve(korea, start=32, end=37)],
        later_entities=[korea],
    ).links
    assert [e.development.span.text for e in link.evidence] == [later.body.split(". ")[0] + "."]


def test_figures_and_directions_link_nothing():
    earlier = article(
        "The storm will pass just west of the islands, and ministers would need two "
        "thirds of the votes to fund the repairs.",
        id="e",
    )
    later = article(
        "Two thirds of the villages west of the capital lost power during the night.",
        id="l",
        year=2025,
    )
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert not link.evidence


def test_the_subject_of_the_whole_story_links_nothing_by_itself():
    earlier = article("Ian will reach the islands with heavy rain on Wednesday.", id="e")
    later = article(
        "Ian made landfall near the port. Ian knocked out power to the city. "
        "Ian weakened over land on Thursday.",
        id="l",
        year=2025,
    )
    ian = Entity("body", "Ian", "EVENT", "Hurricane Ian", 0, 3)
    (link,) = compare(
        earlier,
        later,
        earlier_entities=[ian],
        later_entities=[evolve(ian, start=i, end=i + 3) for i in (0, 33, 68)],
    ).links
    assert not link.evidence


def test_who_says_a_concern_is_not_who_it_is_about():
    # "According to Smith's critics": Smith is the source, not a participant.
    earlier = article("According to Smith's critics, the plan could delay the vote.", id="e")
    later = article(
        "Smith met the mayor of Lyon on Monday to talk about housing.", id="l", year=2025
    )
    smith = Entity("body", "Smith", "PERSON", "Smith", 0, 5)
    (link,) = compare(
        earlier,
        later,
        earlier_entities=[evolve(smith, start=13, end=18)],
        later_entities=[smith],
    ).links
    assert not link.evidence


def test_who_says_or_fears_a_concern_before_its_verb_is_not_what_it_is_about():
    # A leading frame ("Smith's advisers say", "X has voiced concern that", "X told
    # reporters"), no comma before its verb, is the concern's source: its entity is no
    # participant and its words link nothing.
    earlier = article("Smith's advisers say the plan could delay the vote.", id="e")
    later = article(
        "Smith met the mayor of Lyon on Monday to talk about housing.", id="l", year=2025
    )
    smith = Entity("body", "Smith", "PERSON", "Smith", 0, 5)
    (link,) = compare(earlier, later, earlier_entities=[smith], later_entities=[smith]).links
    assert not link.evidence
    # Unless the speaker speaks of themselves: Smith then acts in what is said.
    for itself in [
        "Smith said on Friday he may delay the vote.",
        "Smith said on Friday “I may delay the vote.”",
    ]:
        (link,) = compare(
            article(itself, id="e"), later, earlier_entities=[smith], later_entities=[smith]
        ).links
        assert link.evidence
    inspectors = "Fisheries inspectors and coastguard officers boarded three trawlers in the harbour in March."
    for concern in [
        "Fisheries inspectors say the cod quota will be cut again next year.",
        "The coastguard has voiced concern that the old lifeboat station could close.",
        "Coastguard officers told reporters the old lifeboat station may close within a year.",
    ]:
        assert (
            linked(concern, STORMS, inspectors, "The ferry company raised its fares in April.")
            == []
        )
    # What is said stays the concern's: the outcome still answers it.
    outcome = "Ministers cut the cod quota by a fifth in December."
    assert linked(
        "Fisheries inspectors say the cod quota will be cut again next year.",
        STORMS,
        inspectors,
        outcome,
    ) == [outcome]


def test_a_link_must_stand_out_of_the_concerns_background():
    from search.compare.score import LINK_Z, margin

    # One later sentence answers, the others share little: it stands out.
    assert margin([0.4, 0.05, 0.05], 20) >= LINK_Z
    # Every later sentence scores alike (the subject of both pieces): no answer stands out.
    assert margin([0.2] * 10, 10) < LINK_Z
    assert margin([], 10) < LINK_Z


def test_default_pair_is_the_oldest_and_newest_dated():
    a = article("x", id="a", year=2020)
    b = article("x", id="b", year=2024)
    c = article("x", id="c", year=2022)
    undated = article("x", id="u", year=None)
    assert default_pair([b, undated, a, c]) == (a, b)
    with pytest.raises(ValueError, match="two dated"):
        default_pair([a, undated])


DOCKS = article(
    "Dock workers at the harbour of Velmora fear that the port authority will cut their "
    "wages next month. Union leaders warned that a strike could close the container terminal "
    "for weeks. Shipping firms expect long delays at the harbour if the cranes stop. "
    "The authority is expected to publish its budget before the summer.",
    id="docks",
    year=2023,
)


FOOTBALL = article(
    "The football club Realto Athletic cut its players' wages by a tenth, its board "
    "announced on Monday. Fans welcomed a new stadium roof, which the club said would be "
    "finished by autumn. The striker Tomas Brandl signed a new contract for two seasons. "
    "The coach praised the youth academy after a win against Marlowe Rovers. "
    "Tickets for the derby sold out within an hour.",
    id="football",
)


def test_two_articles_on_different_stories_link_nothing_and_say_so():
    """A word in common ("wages", "cut") is not a story in common: an analyst who compares
    a harbour dispute with a football club's accounts gets every concern listed, none
    linked, and told why, not a link the linker's relative threshold let stand out."""
    result = compare(DOCKS, FOOTBALL)
    assert len(result.links) == 4  # the concerns are still the earlier article's
    assert not result.addressed
    assert any("different stories" in n for n in result.notices)
    assert to_dict(result)["notices"] == list(result.notices)
    assert to_dict(result)["different_stories"] is True


def test_a_briefing_of_two_different_stories_says_why_nothing_is_linked():
    from tui.briefing import briefing

    out = briefing(compare(DOCKS, FOOTBALL), everything=True)
    assert "look like different stories" in out
    assert "look like different stories" not in briefing(compare(DOCKS, DOCKS_LATER))


DOCKS_LATER = article(
    "The port authority of Velmora cut dock workers' wages by a tenth on Monday, and the "
    "union called a strike at the container terminal. Cranes at the harbour stood idle as "
    "shipping firms diverted vessels. The authority published its budget in June.",
    id="docks-later",
)


def test_an_article_on_the_same_story_still_links_the_wage_cut():
    result = compare(DOCKS, DOCKS_LATER)
    assert not result.notices and not result.different_stories
    wages = next(link for link in result.links if "wages" in link.concern.span.text)
    assert "cut dock workers' wages" in wages.evidence[0].development.span.text


def test_a_topic_compare_links_a_concern_only_to_articles_on_its_story():
    import datetime as dt

    from search.compare import compare_topic

    # The harbour's later news says nothing of wages; the football club's wage cut
    # shares "cut" and "wages" with the dockers' fear, and is no answer to it.
    cranes = article(
        "Cranes at the Velmora harbour stood idle on Monday as the union called a strike at "
        "the container terminal. Shipping firms diverted vessels from the harbour. The port "
        "authority published its budget in June.",
        id="cranes",
    )
    result = compare_topic("harbour", [DOCKS], [FOOTBALL, cranes], dt.date(2024, 1, 1))
    linked = {e.development.span.text for link in result.links for e in link.evidence}
    assert linked and not [t for t in linked if "football" in t]


def test_what_happened_next_looks_only_at_articles_on_the_concerns_story():
    # Across a corpus of many stories, the football club's wage cut shares "cut" and
    # "wages" with the dockers' fear, and is no answer to it.
    from search.compare import what_happened_next

    wages = next(c for c in find_concerns(DOCKS) if "wages" in c.span.text)
    answers = what_happened_next(DOCKS, wages.key, [FOOTBALL, DOCKS_LATER])
    texts = [e.development.span.text for e in answers]
    assert texts and "cut dock workers' wages" in texts[0]
    assert not [t for t in texts if "football" in t]


# --------------------------------------------------------------------------- links store


def _seed_pair():
    earlier, later = (read_article(p, SEEDS) for p in (ECONOMIST, CALIBER))
    return earlier, later, compare(earlier, later)


text_values = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.builds(
            Curation,
            concern=text_values.filter(bool),
            earlier=text_values.filter(bool),
            later=text_values.filter(bool),
            text=text_values,
            verdict=st.none() | st.sampled_from(VERDICTS),
            pinned=st.lists(st.tuples(text_values.filter(bool), text_values), max_size=2).map(
                tuple
            ),
            dropped=st.lists(st.tuples(text_values.filter(bool), text_values), max_size=2).map(
                tuple
            ),
            note=text_values,
            updated=text_values,
        ),
        max_size=4,
        unique_by=lambda c: (c.concern, c.later),
    )
)
def test_links_file_round_trips_any_text(entries):
    back, problems = loads(dumps(entries))
    assert problems == []
    key = lambda c: (c.earlier, c.later, c.concern)  # noqa: E731
    assert sorted(back, key=key) == sorted(entries, key=key)


def test_verdicts_pins_and_drops_are_kept_and_applied(tmp_path):
    earlier, later, result = _seed_pair()
    store = LinkStore(tmp_path / "links.toml")
    linked = result.addressed[0]
    silent = next(link for link in result.links if link is not linked)
    dropped = linked.evidence[0].development
    other = next(
        d
        for d in split_sentences(later.body)
        if d not in {e.development.span for e in linked.evidence}
    )

    store.set_verdict(linked.concern, earlier, later, "borne out")
    store.drop(linked.concern, earlier, later, dropped)
    store.pin(silent.concern, earlier, later, other)
    store.set_verdict(silent.concern, earlier, later, "partly")

    # A fresh store reads the same file: nothing was only in memory.
    curated = apply(result, LinkStore(tmp_path / "links.toml").entries())
    got = curated.link(linked.concern.key)
    assert got.verdict == "borne out" and got.origin == "curated"
    assert dropped.key not in {d.key for d in got.developments}
    got = curated.link(silent.concern.key)
    assert got.verdict == "partly" and got.origin == "curated"
    assert got.evidence[0].development.span == other
    assert got.evidence[0].origin == "curated"
    # Untouched concerns stay automatic.
    untouched = [
        link
        for link in curated.links
        if link.concern.key not in {linked.concern.key, silent.concern.key}
    ]
    assert untouched and all(link.origin == "auto" for link in untouched)


def test_an_analysts_note_is_kept_and_shown_in_json(tmp_path):
    earlier, later, result = _seed_pair()
    store = LinkStore(tmp_path / "links.toml")
    concern = result.links[0].concern
    store.set_note(concern, earlier, later, "Tokyo's  budget\nvote settles it")
    curated = apply(result, LinkStore(tmp_path / "links.toml").entries())
    assert curated.link(concern.key).note == "Tokyo's budget vote settles it"
    data = to_dict(curated)
    notes = [x["note"] for x in data["links"] + data["unaddressed"]]
    assert "Tokyo's budget vote settles it" in notes


def test_a_pinned_sentence_that_is_gone_is_reported_and_kept(tmp_path):
    earlier, later, result = _seed_pair()
    concern = result.links[0].concern
    path = tmp_path / "links.toml"
    path.write_text(
        dumps(
            [
                Curation(
                    concern.key, earlier.id, later.id, pinned=((f"{later.id}:gone", "Old text"),)
                )
            ]
        ),
        encoding="utf-8",
    )
    curated = apply(result, LinkStore(path).entries())
    assert any("no longer in" in n and "Old text" in n for n in curated.notices)
    assert "Old text" in path.read_text(encoding="utf-8")


def test_a_broken_links_file_is_kept_aside_and_reported_not_overwritten(tmp_path):
    earlier, later, result = _seed_pair()
    path = tmp_path / "links.toml"
    path.write_text('version = 1\n[[link]]\nconcern = "unterminated\n', encoding="utf-8")
    original = path.read_bytes()
    store = LinkStore(path)
    assert store.entries() == {}
    assert store.notices and "links.toml.bad" in store.notices[0]
    assert (tmp_path / "links.toml.bad").read_bytes() == original
    # The next change starts a new file; the broken one is still there, and a second
    # broken file does not overwrite the first.
    store.set_verdict(result.links[0].concern, earlier, later, "open")
    assert len(LinkStore(path).entries()) == 1
    path.write_text("not toml at all [", encoding="utf-8")
    LinkStore(path).entries()
    assert (tmp_path / "links.toml.bad").read_bytes() == original
    assert (tmp_path / "links.toml.bad.1").read_text(encoding="utf-8") == "not toml at all ["


def test_a_bad_entry_is_skipped_reported_and_the_file_kept_aside(tmp_path):
    path = tmp_path / "links.toml"
    good = Curation("e:1", "e", "l", verdict="partly")
    text = (
        dumps([good])
        + '\n[[link]]\nconcern = "e:2"\nearlier = "e"\nlater = "l"\nverdict = "maybe"\n'
    )
    path.write_text(text, encoding="utf-8")
    store = LinkStore(path)
    assert list(store.entries().values()) == [good]
    assert any("unknown verdict 'maybe'" in n for n in store.notices)
    assert (tmp_path / "links.toml.bad").read_text(encoding="utf-8") == text
    store.entries()
    store.entries()  # every change reads the file again: still one copy kept aside
    assert sorted(p.name for p in tmp_path.iterdir()) == ["links.toml", "links.toml.bad"]


def test_writes_are_atomic_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "links.toml"
    write_atomic(path, "old\n")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(path, "new\n")
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["links.toml"]  # no temp file left


def test_two_windows_do_not_undo_each_others_changes(tmp_path):
    earlier, later, result = _seed_pair()
    path = tmp_path / "links.toml"
    first, second = LinkStore(path), LinkStore(path)
    first.set_verdict(result.links[0].concern, earlier, later, "borne out")
    second.set_verdict(result.links[1].concern, earlier, later, "not borne out")
    verdicts = {e.verdict for e in LinkStore(path).entries().values()}
    assert verdicts == {"borne out", "not borne out"}


def test_the_bundled_links_file_names_only_sentences_of_the_seeds(seed_corpus):
    from search.links import comparison

    result, store = comparison(seed_corpus)
    assert store.shared, "the bundled corpus ships links.toml"
    assert result.notices == (), result.notices
    curated = [link for link in result.links if link.origin == "curated"]
    assert len(curated) >= 5
    assert all(link.verdict in VERDICTS for link in curated)


def test_clearing_a_verdict_given_with_other_folders_open_clears_it(tmp_path):
    """A verdict given with folders A and B open shows with A alone; `0` there clears
    it (the entry stays, undecided, so the other file's older verdict does not win)."""
    import time

    earlier, later, result = _seed_pair()
    link = result.links[0]
    both, alone = tmp_path / "ab.toml", tmp_path / "a.toml"
    LinkStore(both, others=[alone]).set_verdict(link.concern, earlier, later, "borne out")
    time.sleep(0.01)
    LinkStore(alone, others=[both]).set_verdict(link.concern, earlier, later, None)
    got = apply(result, LinkStore(alone, others=[both]).entries()).link(link.concern.key)
    assert (got.verdict, got.judged) == (link.verdict, False)


def test_clearing_your_verdict_shows_the_corpus_shared_one_again(tmp_path):
    """`0` clears the analyst's own verdict: the verdict the corpus folder's links.toml
    gives shows again (not the engine's), and a concern no file judges shows the
    engine's verdict, not labelled as an analyst's."""
    earlier, later, result = _seed_pair()
    judged, other = result.links[0], result.links[1]
    shared = tmp_path / "folder" / "links.toml"
    shared.parent.mkdir()
    shared.write_text(dumps([Curation(judged.concern.key, earlier.id, later.id, verdict="partly")]))
    store = LinkStore(tmp_path / "mine.toml", shared=[shared])
    for link in (judged, other):
        store.set_verdict(link.concern, earlier, later, "not borne out")
        store.set_verdict(link.concern, earlier, later, None)

    curated = apply(result, LinkStore(tmp_path / "mine.toml", shared=[shared]).entries())
    got = curated.link(judged.concern.key)
    assert (got.verdict, got.judged) == ("partly", True)
    got = curated.link(other.concern.key)
    assert got.verdict == other.verdict and not got.judged
    assert got.origin == "auto"  # nothing left decided: not listed as the analyst's (*)
    assert (other.concern.key, later.id) not in LinkStore(tmp_path / "mine.toml").entries()


# --------------------------------------------------------------------------- CLI


def _cli(capsys, *argv):
    from tui.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json_follows_the_contract_with_offsets_into_show_bodies(seed_corpus, capsys):
    folder = str(seed_corpus.folders[0])
    code, out, _ = _cli(capsys, "--corpus", folder, "compare", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"earlier", "later", "links", "unaddressed", "new_developments"}
    earlier = seed_corpus.get(data["earlier"]["id"])
    later = seed_corpus.get(data["later"]["id"])
    assert earlier.published < later.published
    assert data["links"]
    for link in data["links"]:
        assert set(link) >= {
            "concern",
            "developments",
            "shared_entities",
            "shared_terms",
            "theme",
            "verdict",
            "origin",
        }
        c = link["concern"]
        assert earlier.body[c["start"] : c["end"]] == c["text"]
        assert link["verdict"] in VERDICTS and link["origin"] in ("auto", "curated")
        for d in link["developments"]:
            assert later.body[d["start"] : d["end"]] == d["text"]
            assert isinstance(d["score"], float)
    for u in data["unaddressed"]:
        assert earlier.body[u["start"] : u["end"]] == u["text"]
    for n in data["new_developments"]:
        assert later.body[n["start"] : n["end"]] == n["text"]

    # --no-curated: the engine alone, every link automatic.
    code, out, _ = _cli(capsys, "--corpus", folder, "compare", "--json", "--no-curated")
    plain = json.loads(out)
    assert all(link["origin"] == "auto" for link in plain["links"])
    assert all(u["origin"] == "auto" for u in plain["unaddressed"])
    assert any(link["origin"] == "curated" for link in data["links"] + data["unaddressed"])

    # Named explicitly, the same pair gives the same answer.
    code, out, _ = _cli(
        capsys, "--corpus", folder, "compare", earlier.id, later.id, "--json", "--no-curated"
    )
    assert json.loads(out)["links"] == plain["links"]


def test_cli_usage_and_unknown_ids(seed_corpus, capsys):
    folder = str(seed_corpus.folders[0])
    code, _, err = _cli(capsys, "--corpus", folder, "compare", "one", "two", "three")
    assert code == 2 and "two article ids" in err
    code, _, err = _cli(capsys, "--corpus", folder, "compare", "only-one")
    assert code == 1 and "only-one" in err
    code, _, err = _cli(capsys, "--corpus", folder, "compare", "nope1", "nope2")
    assert code == 1 and "nope1" in err


def test_cli_markdown_briefing_lists_judged_concerns_with_quotes_and_sources(seed_corpus, capsys):
    folder = str(seed_corpus.folders[0])
    code, out, _ = _cli(capsys, "--corpus", folder, "compare", "--markdown")
    assert code == 0
    result = json.loads(_cli(capsys, "--corpus", folder, "compare", "--json")[1])
    every = result["links"] + result["unaddressed"]
    judged = [x for x in every if x["origin"] == "curated"]
    # The headline counts every concern by verdict.
    headline = next(line for line in out.splitlines() if line.startswith("**"))
    assert f"{len(every)} concerns:" in headline
    for verdict in {x["verdict"] for x in every}:
        n = sum(x["verdict"] == verdict for x in every)
        assert f"{n} {verdict}" in headline
    # Only the judged concerns, numbered, each with its verdict; --all lists them all.
    items = [line for line in out.splitlines() if line[:1].isdigit() and "**" in line]
    assert 0 < len(items) == len(judged) < len(every)
    everything = _cli(capsys, "--corpus", folder, "compare", "--markdown", "--all")[1]
    assert len([x for x in everything.splitlines() if x[:1].isdigit() and "**" in x]) == len(every)
    # The analyst's notes, at most two quotes each, no doubled quotation marks.
    notes = [x["note"] for x in judged if x["note"]]
    assert notes and all(f"Note: {n.split()[0]}" in out for n in notes)
    assert "““" not in out and "””" not in out and '“"' not in out
    # Each source once, with publisher and date, in the reference list.
    sources = out.split("## Sources", 1)[1]
    assert sources.count("Caliber.az") == 1 and "6 Nov 2025" in sources


def test_markdown_briefing_keeps_document_text_literal():
    from tui.briefing import briefing

    earlier = article(
        "Officials fear the **ceasefire** may collapse [x](javascript:alert(1)) <b>soon</b>.",
        id="e1",
        year=2023,
        title="Talks [y](javascript:alert(2)) | in doubt",
    )
    later = evolve(
        article("The ceasefire collapsed on Monday after heavy shelling.", id="l1", year=2024),
        source="Wire | Desk",
        url="javascript:alert(3)",
    )
    out = briefing(compare(earlier, later), everything=True)
    assert not re.search(r"(?<!\\)\]\(javascript", out), out
    assert "\\[x\\]" in out and "\\[y\\]" in out
    assert "<b>" not in out and "\\*\\*ceasefire\\*\\*" in out
    assert "Wire \\| Desk" in out and "<javascript" not in out


def test_cli_topic_compares_every_earlier_match_with_every_later_one(tmp_path, cache_dir, capsys):
    folder = _small_pair(tmp_path / "pair")
    (folder / "c.md").write_text(
        "# More talks\n\nApril 1, 2023\n\nDiplomats expect the ceasefire talks to resume.\n",
        encoding="utf-8",
    )
    code, out, _ = _cli(
        capsys, "--corpus", str(folder), "compare", "--topic", "ceasefire", "--json"
    )
    assert code == 0
    data = json.loads(out)
    # Default split: the median date of the matches (three dates: the middle one is later).
    assert data["split"] == "2023-04-01"
    assert [a["published"] for a in data["earlier"]] == ["2023-03-01"]
    linked = next(x for x in data["links"] if "collapse" in x["concern"]["text"])
    assert linked["concern"]["article"]["published"] == "2023-03-01"
    assert linked["developments"][0]["article"]["published"] == "2023-05-02"
    code, out, _ = _cli(
        capsys, "--corpus", str(folder), "compare", "--topic", "ceasefire", "--split", "2023-05-01"
    )
    assert code == 0 and "2 articles" in out and "(" in out
    code, _, err = _cli(
        capsys, "--corpus", str(folder), "compare", "--topic", "ceasefire", "--split", "2020-01-01"
    )
    assert code == 1 and "--split" in err


def _small_pair(folder: Path) -> Path:
    """Two dated articles: one concern answered, one the later article never mentions."""
    folder.mkdir()
    (folder / "a.md").write_text(
        "# Truce talks\n\nMarch 1, 2023\n\nOfficials fear the ceasefire may collapse within"
        " weeks. Farmers expect grain harvests to double by 2026.\n",
        encoding="utf-8",
    )
    (folder / "b.md").write_text(
        "# Fighting resumes\n\nMay 2, 2023\n\nThe ceasefire collapsed on Monday after heavy"
        " shelling near the border.\n",
        encoding="utf-8",
    )
    return folder


def test_cli_people_output_lists_concerns_and_silence(tmp_path, cache_dir, capsys):
    folder = str(_small_pair(tmp_path / "pair"))
    code, out, _ = _cli(capsys, "--corpus", folder, "compare", "--no-curated")
    assert code == 0
    assert "No development found" in out and "[open]" in out and "→" in out


def test_not_addressed_hides_the_engines_links_but_keeps_pins(tmp_path):
    earlier, later, result = _seed_pair()
    linked = result.addressed[0]
    store = LinkStore(tmp_path / "links.toml")
    store.set_verdict(linked.concern, earlier, later, "not addressed")
    got = apply(result, store.entries()).link(linked.concern.key)
    assert got.verdict == "not addressed" and got.evidence == ()
    extra = linked.evidence[0].development
    store.pin(linked.concern, earlier, later, extra)
    got = apply(result, store.entries()).link(linked.concern.key)
    assert [e.development.key for e in got.evidence] == [extra.key]


def test_a_curated_sentence_the_engine_missed_becomes_a_concern(tmp_path):
    earlier, later, result = _seed_pair()
    known = {link.concern.span for link in result.links}
    missed = next(s for s in split_sentences(earlier.body) if s not in known and len(s.text) > 40)
    path = tmp_path / "links.toml"
    path.write_text(
        dumps([Curation("", earlier.id, later.id, text=missed.text, verdict="partly")]).replace(
            'concern = ""\n', ""
        ),
        encoding="utf-8",
    )
    curated = apply(result, LinkStore(path).entries())
    added = [link for link in curated.links if link.concern.span == missed]
    assert added and added[0].verdict == "partly" and added[0].origin == "curated"
    starts = [link.concern.span.start for link in curated.links]
    assert starts == sorted(starts)


_prose = st.lists(
    st.sampled_from(
        [
            "Officials fear",
            "the treaty",
            "may collapse",
            "signed",
            "on Monday",
            "tariffs",
            "will rise",
            "Mr",
            "U.S.",
            "2.5%",
            "“quoted”",
            "(aside)",
            ".",
            "!",
            "?",
            "\n\n",
            "\n",
            " ",
            "defence spending",
            "was",
            "pledged",
            "in 2030",
            "[bold]",
            "May",
        ]
    ),
    max_size=60,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(_prose, _prose)
def test_any_two_articles_compare_without_error_and_with_valid_offsets(a, b):
    earlier, later = article(a, id="e", year=2023), article(b, id="l", year=2025)
    result = compare(earlier, later, earlier_entities=(), later_entities=())
    data = to_dict(result)
    for link in data["links"]:
        c = link["concern"]
        assert earlier.body[c["start"] : c["end"]] == c["text"]
        assert link["developments"]
        for d in link["developments"]:
            assert later.body[d["start"] : d["end"]] == d["text"]
    for u in data["unaddressed"]:
        assert earlier.body[u["start"] : u["end"]] == u["text"]
    json.dumps(data)


def test_cli_says_what_to_do_without_two_dated_articles(tmp_path, cache_dir, capsys):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.md").write_text(
        "# Alone\n\nMarch 1, 2023\n\nOfficials fear the talks may fail.\n", encoding="utf-8"
    )
    code, _, err = _cli(capsys, "--corpus", str(folder), "compare")
    assert code == 1 and "two dated articles" in err


def test_compare_makes_no_folder_in_the_shared_temporary_folder(tmp_path, monkeypatch):
    """Two analysts' compares once shared Whoosh's ``$TMPDIR/MAIN.tmp`` (issue 14: one
    crashed, or failed when another user owned it): compare keeps everything in memory
    and makes no folder there."""
    import tempfile

    shared = tmp_path / "tmp"
    shared.mkdir()
    monkeypatch.setenv("TMPDIR", str(shared))
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    made = []
    real_mkdir = os.mkdir

    def mkdir(path, *args, **kwargs):
        made.append(str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)
    earlier, later, result = _seed_pair()
    assert result.links
    assert [p for p in made if p.startswith(str(shared))] == []
    assert list(shared.iterdir()) == []


def test_the_dev_scorer_follows_the_readme_rules():
    """bench/compare_dev.py scores as shared/data/compare-dev/README.md says: substring
    match after NFKC + case-fold + collapsed spaces; an unreported concern fails top-1,
    top-3 and silence alike."""
    from bench.compare_dev import score

    earlier = article(
        "Officials fear the  CEASEFIRE may collapse. Farmers expect grain to double by 2026.",
        id="e1",
        year=2023,
    )
    later = article("The ceasefire collapsed on Monday after shelling.", id="l1", year=2024)
    result = compare(earlier, later)
    gold = {
        "concerns": [
            {"concern": "the ceasefire may collapse", "developments": ["ceasefire collapsed"]},
            {"concern": "expect grain to double", "developments": []},
            {"concern": "a sentence nobody wrote", "developments": []},
        ]
    }
    s = score(result, gold)
    assert (s["concerns"], s["found"], s["addressed"], s["unaddressed"]) == (3, 2, 1, 2)
    assert s["top1"] == s["top3"] == 1
    assert s["silent"] == 1  # the grain concern; the unreported one is a failed silence
    assert s["reported"] == len(result.links)


_BENCH_SETS = (
    "compare_extra",
    "compare_heldout",
    "compare_blind",
    "compare_news",
    "compare_unseen4",
)


@pytest.mark.parametrize(
    "pair",
    [
        p
        for name in _BENCH_SETS
        for p in sorted((Path(__file__).parent.parent / "bench" / name).glob("*/gold.json"))
    ],
    ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}",
)
def test_each_bench_pairs_gold_follows_the_annotation_rules(pair):
    """Each gold phrase occurs exactly once in its article (as the scorer normalises
    both), and a concern has developments exactly when it is addressed: otherwise the
    scorer finds the wrong sentence, or none, and the figures mean nothing."""
    from bench.compare_dev import norm

    gold = json.loads(pair.read_text(encoding="utf-8"))
    earlier = norm((pair.parent / "earlier.txt").read_text(encoding="utf-8"))
    later = norm((pair.parent / "later.txt").read_text(encoding="utf-8"))
    assert gold["concerns"]
    for item in gold["concerns"]:
        assert earlier.count(norm(item["concern"])) == 1, item["concern"]
        for phrase in item["developments"]:
            assert later.count(norm(phrase)) == 1, phrase
        assert (item["verdict"] == "not addressed") == (not item["developments"]), item


def test_a_colon_after_ordinary_words_names_no_speaker():
    # "REID:" labels a speaker; "Smith was blunt on Sunday:" does not, and Smith stays
    # the concern's participant, as in the same sentence without the colon. (A frame of
    # saying, "Smith warned on Sunday that", is the concern's source with or without
    # the colon: see the test of frames.)
    later = article(
        "Smith met the mayor of Lyon on Monday to talk about housing.", id="l", year=2025
    )
    smith = Entity("body", "Smith", "PERSON", "Smith", 0, 5)

    def evidence(text: str) -> tuple:
        earlier = article(text, id="e")
        (link,) = compare(
            earlier,
            later,
            earlier_entities=[
                evolve(smith, start=text.index("Smith"), end=text.index("Smith") + 5)
            ],
            later_entities=[smith],
        ).links
        return link.evidence

    assert evidence("Smith was blunt on Sunday that the plan could delay the vote.")
    assert evidence("Smith was blunt on Sunday: the plan could delay the vote.") == evidence(
        "Smith was blunt on Sunday that the plan could delay the vote."
    )
    assert evidence("Smith warned on Sunday: the plan could delay the vote.") == evidence(
        "Smith warned on Sunday that the plan could delay the vote."
    )
    assert not evidence("SMITH: the plan could delay the vote, said Smith.")


@pytest.mark.parametrize(
    ("sentence", "worried"),
    [
        ("Farmers fear a drought this summer.", True),
        ("Economists worry that tariffs would hurt exporters.", True),
        ("Economists worry about inflation as rates stay low.", True),
        ("The slowdown worries investors.", False),  # says who is worried, not about what
        ("Officials have several sets of fears.", False),  # the noun, named not held
    ],
)
def test_who_fears_or_worries_about_something_holds_a_concern(sentence, worried):
    from search.compare.cues import cues

    assert cues(sentence, 2024).worry_verb is worried


@pytest.mark.parametrize(
    ("later", "answers"),
    [
        ("The levy was scrapped.", True),
        ("The levy has not been scrapped.", True),
        ("The levy may be scrapped.", False),  # still an outlook
    ],
)
def test_a_short_sentence_telling_what_happened_is_a_development(later, answers):
    earlier = article("Shopkeepers warn the council could scrap the levy within weeks.", id="e")
    body = later + " Traders in the market reported a busy weekend after the heavy rain."
    (link,) = compare(
        earlier, article(body, id="l", year=2025), earlier_entities=(), later_entities=()
    ).links
    assert [e.development.span.text for e in link.evidence] == ([later] if answers else [])


@pytest.mark.parametrize("recognised_in", ["earlier", "later"])
def test_a_name_recognised_on_one_side_is_the_same_participant_on_the_other(recognised_in):
    # The recogniser finds "Harbour Board" on one side only (a quoted sentence's first
    # words, after a title it does not know): where the other side writes it, it is the same
    # participant, and the sentence naming it answers before one that only shares words.
    earlier = article(
        "The Harbour Board could close the ferry terminal before winter to save on repairs.",
        id="e",
    )
    answer = "The Harbour Board closed the ferry terminal on Friday."
    later = article(
        "The airport closed its ferry terminal shuttle on Monday. " + answer, id="l", year=2025
    )
    board = Entity("body", "Harbour Board", "ORG", "Harbour Board", 4, 17)
    named = {"earlier": [board], "later": [evolve(board, start=61, end=74)]}
    (link,) = compare(
        earlier,
        later,
        earlier_entities=named["earlier"] if recognised_in == "earlier" else [],
        later_entities=named["later"] if recognised_in == "later" else [],
    ).links
    assert link.evidence[0].development.span.text == answer
    assert link.evidence[0].shared_entities == ("Harbour Board",)


def test_a_name_is_not_found_inside_a_longer_one():
    # "Mexico" recognised on one side does not make "New Mexico", written unrecognised on
    # the other, the same participant.
    earlier = article("Mexico could close the border crossings before winter.", id="e")
    later = article(
        "New Mexico closed the border crossings on Friday. The mayor of Lyon met farmers.",
        id="l",
        year=2025,
    )
    mexico = Entity("body", "Mexico", "GPE", "Mexico", 0, 6)
    comparison = compare(earlier, later, earlier_entities=[mexico], later_entities=[])
    assert all(not e.shared_entities for link in comparison.links for e in link.evidence)


@pytest.mark.parametrize("recognised_in", ["earlier", "later"])
def test_a_capitalised_common_noun_is_matched_as_a_word_whether_or_not_it_was_named(
    recognised_in,
):
    # The recogniser names "Parliament" in one article only, and the comparison also writes
    # "parliament" in lower case: a common noun given a capital, matched as the word it is
    # on both sides. (As an entity on one side it matched nothing: the answer tied with a
    # sentence that shares only "suspended".)
    capital = recognised_in == "earlier"
    earlier = article(
        f"The government could suspend {'Parliament' if capital else 'parliament'} for five weeks.",
        id="e",
    )
    answer = f"The Queen suspended {'parliament' if capital else 'Parliament'} on Tuesday."
    later = article(
        "Officials suspended the harbour ferry service for five weeks. " + answer,
        id="l",
        year=2025,
    )
    side = earlier if capital else later
    at = side.body.index("Parliament")
    parliament = [Entity("body", "Parliament", "ORG", "Parliament", at, at + 10)]
    (link,) = compare(
        earlier,
        later,
        earlier_entities=parliament if capital else [],
        later_entities=[] if capital else parliament,
    ).links
    assert link.evidence[0].development.span.text == answer
    assert "suspend" in link.evidence[0].shared_terms
    assert {"Parliament", "parliament"} & set(link.evidence[0].shared_terms)


@pytest.mark.parametrize(
    ("name", "canonical", "kind", "concern", "development", "common"),
    [
        (
            "Brown",
            "Gordon Brown",
            "PERSON",
            "Gordon Brown could lose the vote. Brown warned of a slump.",
            "Brown said the slump would end.",
            "Voters received a brown envelope.",
        ),
        (
            "Apple",
            "Apple",
            "ORG",
            "Apple could struggle to sell phones in China.",
            "Apple sold more phones in China.",
            "Farmers said the apple harvest was poor.",
        ),
        (
            "Shell",
            "Shell",
            "ORG",
            "Shell could cut jobs in Aberdeen.",
            "Shell cut 300 jobs in Aberdeen.",
            "The shell company was based offshore.",
        ),
    ],
)
def test_a_known_name_also_written_in_lower_case_stays_a_name(
    name, canonical, kind, concern, development, common
):
    # A person's short form ("Brown" for Gordon Brown) or a company the recogniser knows
    # ("Apple", "Shell") is the name wherever it is written: "a brown envelope", "the apple
    # harvest", "a shell company" take nothing from it, and the sentence about farming or
    # an offshore company does not answer a concern about the person or the company.
    # (Only an institution's common noun, "Parliament", or a name the recogniser merely
    # guessed from its capitals, is matched as the word it is.)
    from search.compare.analysis import _analyse, name_forms, with_names

    earlier = article(concern, id="e")
    later = article(f"{development} {common}", id="l", year=2025)

    def mentions(body):
        return [
            Entity("body", m.group(), kind, canonical, m.start(), m.end())
            for m in re.finditer(rf"\b(?:{re.escape(canonical)}|{name})\b", body)
        ]

    left = _analyse(earlier, mentions(earlier.body), ())
    right = _analyse(later, mentions(later.body), ())
    forms = name_forms([*left, *right])
    assert not forms.common
    for s in [*left, *right]:
        if name in s.span.text:
            assert canonical in with_names(s, forms).entities
    comparison = compare(
        earlier,
        later,
        earlier_entities=mentions(earlier.body),
        later_entities=mentions(later.body),
    )
    assert all(
        e.development.span.text != common for link in comparison.links for e in link.evidence
    )


def test_a_name_written_in_lower_case_nowhere_stays_a_name():
    # Written only with a capital, a name one side recognises is still the participant
    # the other side writes unrecognised (the lower-case rule takes no name away).
    from search.compare.analysis import _analyse, name_forms, with_names

    earlier = article("The Harbour Board could close the terminal.", id="e")
    later = article("Critics said the Harbour Board closed the terminal.", id="l", year=2025)
    board = Entity("body", "Harbour Board", "ORG", "Harbour Board", 4, 17)
    left = _analyse(earlier, [board], ())
    right = _analyse(later, [], ())
    forms = name_forms([*left, *right])
    assert list(with_names(right[0], forms).entities) == ["Harbour Board"]


def test_a_longer_name_of_the_other_side_covers_a_part_the_recogniser_found():
    # One side recognises the whole Act; the other recognises only "Steel Industry" of it
    # (the words in brackets cut it): the whole Act is the participant on both sides, and
    # the part does not keep the Act's words apart from it.
    from search.compare.analysis import _analyse, name_forms, with_names

    earlier = article("Ministers will use the Steel Industry Special Measures Act again.", id="e")
    later = article(
        "Peers debated the Steel Industry (Special Measures) Act on Monday.", id="l", year=2025
    )
    name = "Steel Industry Special Measures Act"
    at, part_at = earlier.body.index(name), later.body.index("Steel")
    act = Entity("body", name, "LAW", name, at, at + len(name))
    part = Entity("body", "Steel Industry", "ORG", "Steel Industry", part_at, part_at + 14)
    left = _analyse(earlier, [act], ())
    right = _analyse(later, [part], ())
    named = with_names(right[0], name_forms([*left, *right]))
    (where,) = named.entities.pop(name)
    assert not named.entities  # the part gave way to the whole
    assert later.body[slice(*where)] == "Steel Industry (Special Measures) Act"


def test_a_restated_worry_does_not_make_a_weak_report_stand_out():
    # The later sentence closest to the concern restates the worry (no report, never
    # linked); the only report shares one word with it, like the rest of the article:
    # it does not stand out of the background, so the concern is unanswered.
    earlier = article("Residents fear the council could close the library next year.", id="e")
    later = article(
        "Residents still fear the council could close the library. "
        "The council approved a new car park on Monday. "
        "The council repainted the town hall in March. "
        "The council hired two gardeners for the park in April. "
        "Shops on the high street reported a busy weekend.",
        id="l",
        year=2025,
    )
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert not link.evidence


def test_a_briefing_with_nothing_judged_reads_cleanly(tmp_path, cache_dir, capsys):
    """No verdict yet: the hint is a paragraph of its own, a topic briefing counts its
    articles in good English with the date as everywhere else, and has no empty
    reference list."""
    folder = str(_small_pair(tmp_path / "pair"))
    code, out, _ = _cli(capsys, "--corpus", folder, "compare", "--markdown")
    assert code == 0
    lines = out.splitlines()
    hint = next(i for i, line in enumerate(lines) if line.startswith("No concern has"))
    assert lines[hint + 1] == "" and lines[hint + 2] == "## Sources"
    code, out, _ = _cli(capsys, "--corpus", folder, "compare", "--topic", "ceasefire", "--markdown")
    assert code == 0
    assert "Concerns of 1 article before 2 May 2023, weighed against 1 article from then on" in out
    assert "## Sources" not in out


def test_cli_compare_says_what_all_goes_with_and_counts_in_good_english(
    tmp_path, cache_dir, capsys
):
    folder = str(_small_pair(tmp_path / "pair"))
    code, out, err = _cli(capsys, "--corpus", folder, "compare", "--all")
    assert code == 2 and "--all goes with --markdown" in err and out == ""
    code, out, _ = _cli(capsys, "--corpus", folder, "compare", "--topic", "ceasefire")
    assert code == 0 and "1 article matching" in out and "1 later one" in out
    assert "1 articles" not in out


def test_cli_compare_names_an_untitled_article(tmp_path, cache_dir, capsys):
    folder = _small_pair(tmp_path / "pair")
    (folder / "a.md").write_text(
        "March 1, 2023\n\nOfficials fear the ceasefire may collapse within weeks.\n",
        encoding="utf-8",
    )
    code, out, _ = _cli(capsys, "--corpus", str(folder), "compare")
    assert code == 0
    first = out.splitlines()[0]
    assert " a " in first  # by its file's name (a.md), as every list names it


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        (
            'Nancy Pelosi said on Friday "We are committed to keeping our border safe.',
            "“Nancy Pelosi said on Friday ‘We are committed to keeping our border safe.’”",
        ),
        (
            'Trump said "I can do it" and left.',
            "“Trump said ‘I can do it’ and left.”",
        ),
        (
            "He called it “a crisis” again.",
            "“He called it ‘a crisis’ again.”",
        ),
        ('"I may do it."', "“I may do it.”"),
    ],
)
def test_a_briefing_quote_nests_and_closes_the_quotation_marks_inside_it(sentence, quoted):
    """A quote holding a quote reads as an editor writes it: inner marks single, and one
    the sentence split left open is closed, never a stray straight mark."""
    from tui.briefing import quote

    assert quote(sentence) == quoted


def test_topic_compare_gives_each_development_once_when_a_page_is_saved_twice(
    tmp_path, cache_dir, capsys
):
    """The later article saved as a web page and again as a clipper's markdown (furniture
    around the same text) is one article: each development is cited once, and the
    output says a duplicate was set aside."""
    folder = _small_pair(tmp_path / "pair")
    (folder / "b.html").write_text(
        "<html><head><title>Fighting resumes</title></head><body><nav>Home | World | Sport"
        "</nav><article><h1>Fighting resumes</h1><p>May 2, 2023</p><p>The ceasefire "
        "collapsed on Monday after heavy shelling near the border.</p></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>",
        encoding="utf-8",
    )
    code, out, _ = _cli(
        capsys, "--corpus", str(folder), "compare", "--topic", "ceasefire", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert len(data["later"]) == 1
    linked = next(x for x in data["links"] if "collapse" in x["concern"]["text"])
    assert [d["text"] for d in linked["developments"]].count(linked["developments"][0]["text"]) == 1
    assert any("1 duplicate set aside" in n for n in data["notices"])
    code, _, err = _cli(capsys, "--corpus", str(folder), "compare", "--topic", "ceasefire")
    assert code == 0 and "1 duplicate set aside" in " ".join(err.split())


def test_topic_compare_keeps_articles_that_share_only_a_title():
    """Two different stories under one headline ("Live updates") are both compared."""
    from search.compare.topic import without_duplicates

    first = article("The ceasefire collapsed on Monday after heavy shelling.", id="a1", year=2024)
    other = article("Grain exports doubled as ports reopened to shipping.", id="a2", year=2024)
    same = evolve(first, id="a3", body=first.body + "\n\nShare this article.")
    kept, copies = without_duplicates([other, same, first])
    assert [a.id for a in kept] == ["a2", "a1"]
    assert [(c.id, k.id) for c, k in copies] == [("a3", "a1")]


def test_a_verb_of_saying_shared_links_nothing():
    """Officials "argue" the fares will double; a later sentence where fishermen "argued"
    over another matter is no development of it: only the fares report is linked."""
    earlier = article(
        "Harbour officials argue the ferry fares will double by spring. The council meets in May.",
        id="e1",
        year=2023,
    )
    later = article(
        "The council met on Monday. Fishermen argued with harbour police over mooring fees."
        " The ferry fares rose by a third in spring.",
        id="l1",
        year=2024,
    )
    link = next(x for x in compare(earlier, later).links if "fares" in x.concern.span.text)
    assert [e.development.span.text for e in link.evidence] == [
        "The ferry fares rose by a third in spring."
    ]


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        ("Will the council pay the victims?", True),
        ("“Will the council pay the victims?” (She did not say.)?", True),
        ("He asked: “Will the council pay?”" + " )" * 5000, True),
        ("Why?" + "—" * 20000 + " the council paid.", False),
        ("The council paid the victims in March.", False),
        ("What steps he has taken to pay compensation to the flood victims.", True),
    ],
)
def test_a_question_is_told_by_its_end_whatever_closes_it(sentence, question):
    from search.compare.score import asks

    assert asks(sentence) is question


def test_has_been_nothing_is_no_work_under_way():
    # "has been nothing but trouble" tells a state of things, not effort going on; "has
    # been negotiating" is effort.
    from search.compare.score import _PROGRESSIVE

    assert _PROGRESSIVE.search("The dam has been nothing but trouble since it collapsed.") is None
    assert _PROGRESSIVE.search("The union has been negotiating with the board.") is not None


@pytest.mark.parametrize(
    "counterfactual",
    [
        "Hundreds of jobs at the plant would have been lost in March were it not for the agreement.",
        "Had it not been for the agreement, the jobs at the plant would have been lost.",
    ],
)
def test_a_counterfactual_reports_nothing(counterfactual):
    # "would be lost were it not for the agreement" tells what did not happen: it
    # shares the concern's words, but the outcome is the sentence that says what did.
    outcome = "The agreement kept the plant open and the jobs there in March."
    assert linked(
        "The union fears the jobs at the plant will be lost.", counterfactual, outcome
    ) == [outcome]


def test_saving_jobs_answers_a_plan_to_protect_them():
    # "protect" / "save" / "safeguard": one ring, as reporters write either for the other.
    # The sentence that shares more of the plan's words ("thousands", "skilled") tells
    # nothing of the jobs.
    outcome = "Four hundred jobs at the mill were saved, the owners said in March."
    assert (
        linked(
            "The grant will protect thousands of skilled jobs at the mill.",
            STORMS,
            "Thousands of skilled workers left the mill town in spring.",
            outcome,
        )[0]
        == outcome
    )


@pytest.mark.parametrize(
    "state",
    [
        "The minister is widely suspected of delaying the inquiry into the dam collapse.",
        "Residents are not permitted to return to homes below the dam until the inquiry.",
        "The inquiry into the dam collapse is still delayed by the minister.",
    ],
)
def test_a_present_passive_with_an_adverb_is_a_state(state):
    # "is widely suspected", "are not permitted", "is still delayed" tell a state, as
    # "is suspected" does: the participle is no narrated past, and the sentence no
    # report, however many of the concern's words it shares.
    from search.compare.cues import cues

    assert cues(state).generic_past == 0
    assert cues(state.replace(" is ", " was ").replace(" are ", " were ")).generic_past > 0
    outcome = "The inquiry into the dam opened in March."
    fear = "Critics fear the minister will delay the inquiry into the dam collapse and keep residents from their homes."
    assert linked(fear, STORMS, state, outcome)[:1] == [outcome]


def test_a_concern_that_points_back_is_answered_by_its_own_words():
    # "It will also cut ..." borrows the sentence before to say what "it" is, but what
    # it says of it is its own: a later sentence that shares only the sentence before
    # (the monitoring) answers that sentence, not this one. The borrowed words count up
    # to as much as a sentence shares of the concern's own.
    before = (
        "The reservoir plan adds automatic monitoring of every sluice outlet on the river Wyre."
    )
    concern = "It will also cut the charges paid by farmers."
    earlier = article(f"{before} {concern}", id="e")
    context_only = "Automatic monitoring of every sluice outlet on the river Wyre began in March."
    outcome = "Farmers in the valley were spared higher charges in April."
    later = article(f"{STORMS} {context_only} {outcome}", id="l", year=2025)
    links = compare(earlier, later, earlier_entities=(), later_entities=()).links
    (link,) = [x for x in links if x.concern.span.text == concern]
    assert [e.development.span.text for e in link.evidence][:1] == [outcome]
    assert context_only not in [e.development.span.text for e in link.evidence]


def test_a_concern_of_no_word_of_its_own_is_all_borrowed():
    # "I may do it.": what "it" is comes from the sentence before, all of it.
    earlier = article(
        "The mayor said he could close the harbour car park to lorries. I may do it.", id="e"
    )
    outcome = "Lorries were banned from the harbour car park in March."
    later = article(f"{STORMS} {outcome} Tourists returned to the beaches.", id="l", year=2025)
    links = compare(earlier, later, earlier_entities=(), later_entities=()).links
    (link,) = [x for x in links if x.concern.span.text == "I may do it."]
    assert [e.development.span.text for e in link.evidence][:1] == [outcome]


def test_a_plan_named_in_a_later_sentence_is_not_what_it_reports():
    # "the council's plan to ban lorries from the harbour car park" restates what was
    # planned: those words link nothing. The sentence that tells the bylaw passed does.
    plan = (
        "March marks a milestone in the council's plan to ban lorries from the harbour "
        "car park and reform parking across the town, the mayor said."
    )
    outcome = "The harbour bylaw was passed by councillors in March."
    concern = "The council will bring forward a bylaw to ban lorries from the harbour car park."
    assert linked(concern, STORMS, plan, outcome)[:1] == [outcome]


def test_an_irregular_past_meets_its_verb():
    # "paid" is the past of "pay" (Porter stems it "paid"): "will pay" meets "were paid"
    # and "payment" alike, and the sentence that tells the payment outranks one that
    # only names the same people.
    from search.compare.analysis import raw_stem

    assert raw_stem("paid") == raw_stem("pay") and raw_stem("brought") == raw_stem("bring")
    assert raw_stem("found") != raw_stem("find")  # "found" a company is a word of its own
    outcome = "Harbour traders were paid in April."
    assert linked(
        "The council will pay harbour traders for flood damage to the quay.",
        STORMS,
        "Harbour traders met in the town hall in March.",
        outcome,
    )[:1] == [outcome]


def test_a_plan_named_by_what_befell_it_is_its_outcome():
    # "Councillors approved the plan to ban lorries ...": the plan's words link the
    # sentence that tells what became of it.
    outcome = "Councillors approved the plan to ban lorries from the harbour car park in March."
    concern = "The council will ban lorries from the harbour car park."
    assert linked(concern, STORMS, "Lorries queued at the port in March.", outcome)[:1] == [outcome]


@pytest.mark.parametrize(
    "word", ["fuelled", "panicking", "replicated", "rations", "peering", "proposes", "transports"]
)
def test_an_inflected_or_prefixed_word_is_no_compound(word):
    """An inflection's letters read as a word ("fuel|led", "panic|king", "pee|ring") or a
    prefix ("pro|poses") made a concern's "fuelled" meet "fuel costs led"."""
    from search.compare.score import compound_parts

    assert compound_parts(word) is None


def test_a_compound_spelt_out_in_two_words_meets_the_concern():
    # "shipbuilding" is "ship" and "build": a later sentence that tells the ships were
    # built names the concern's heaviest word, spelt out, and outranks one that names
    # the same yard only.
    from search.compare.score import compound_parts

    assert compound_parts("shipbuilding") is not None
    assert compound_parts("weekend") is None  # an everyday word, not taken apart
    outcome = "The yard began building two ships for the island ferry service in March."
    assert linked(
        "The council fears shipbuilding at the harbour yard will end.",
        STORMS,
        "The harbour yard hosted a ferry festival in March.",
        outcome,
    )[:1] == [outcome]


def test_a_laws_bracketed_title_is_one_name():
    # "the Harbour (Lorry Ban) Act" is one participant, brackets and all: each of its
    # capitalised words weighs a fourth, as in "Harbour Lorry Ban Act".
    from search.compare.analysis import _sentences
    from search.compare.score import _name_share

    (s,) = _sentences(article("Critics say the Harbour (Lorry Ban) Act will fail."), (), ())
    shares = dict(zip([t.word for t in s.words()], _name_share(s, s.words()), strict=True))
    assert shares["harbour"] == shares["act"] == 0.25
    assert shares["fail"] == 1.0


def test_more_irregular_past_forms_meet_their_verbs():
    # "heard" is the past of "hear", "built" of "build", "overrode" of "override".
    from search.compare.analysis import raw_stem

    for past, verb in [("heard", "hear"), ("built", "build"), ("overrode", "override")]:
        assert raw_stem(past) == raw_stem(verb)
    outcome = "Judges heard the harbour traders' appeal in April."
    assert linked(
        "The tribunal will hear an appeal by harbour traders over the car park charges.",
        STORMS,
        "Harbour traders protested outside the tribunal in March.",
        outcome,
    )[:1] == [outcome]


def test_a_past_form_with_a_doubled_consonant_meets_its_verb():
    # Whoosh's Porter stemmer leaves "banned" as "bann" and "stopped" as "stopp"; Porter's
    # own rule undoubles them, so "banned" meets "will ban". "added" keeps "add".
    from search.compare.analysis import raw_stem

    assert raw_stem("banned") == raw_stem("ban") and raw_stem("stopped") == raw_stem("stop")
    assert raw_stem("egged") == raw_stem("egg")
    outcome = "After a vote in April, councillors banned coaches from the seafront road."
    assert linked(
        "The council may ban coaches from the seafront road.",
        STORMS,
        "Coaches queued on the seafront road in March.",
        outcome,
    )[:1] == [outcome]


def test_a_synonym_ring_term_is_matched_whole_or_not_at_all():
    # "strike down" (of a ruling) and "step down" (of a post) lose "down", a stop word:
    # "strike" alone is a walkout and "step" a stage, so neither joins "overturn" or
    # "resign". A walkout over the harbour charges is no answer to a court that may
    # overturn them; the court that annulled them is.
    outcome = "Judges annulled the harbour charges in April."
    assert linked(
        "The court may overturn the harbour charges.",
        STORMS,
        "Dockers went on strike over the harbour charges in March.",
        outcome,
    )[:1] == [outcome]


def test_a_ring_term_written_with_a_cue_or_stop_word_still_matches():
    # "withdraw" is a cue word and "down" a stop word: no sentence's stems keep them,
    # yet "will withdraw" meets "pulled out" and "step down" meets "resigned".
    from search.compare.analysis import _sentences

    def rings(text: str) -> set[str]:
        (s,) = _sentences(article(text), (), ())
        return set(s.rings)

    assert rings("The army may withdraw from the port.") & rings("Troops pulled out of the port.")
    assert rings("The mayor will step down in May.") & rings("The mayor resigned on Friday.")
    assert not rings("The next step is a vote.") & rings("The mayor resigned on Friday.")
    outcome = "The last soldiers pulled out of the harbour town in April."
    concern = "The army will withdraw its soldiers from the harbour town."
    assert linked(concern, STORMS, "Soldiers paraded through the harbour town in March.", outcome)[
        :1
    ] == [outcome]
    # The reasons name the ring's two words, as for any ring.
    later = article(f"{STORMS} {outcome}", id="l", year=2025)
    (link,) = compare(article(concern, id="e"), later, earlier_entities=(), later_entities=()).links
    assert "withdraw / pulled out" in link.evidence[0].shared_terms


def test_us_and_british_spellings_of_one_word_meet():
    # One writer's "honored" and "analyze" are another's "honoured" and "analyse"; a
    # word of -or is folded only when its -our form is an everyday word ("actor",
    # "mayor", "florist" stay as they are).
    from search.compare.analysis import raw_stem

    for us, uk in [("honored", "honoured"), ("neighbors", "neighbours"), ("analyze", "analyse")]:
        assert raw_stem(us) == raw_stem(uk)
    assert raw_stem("judgement") == raw_stem("judgment")
    for word in ["actor", "mayor", "florist", "major", "error"]:
        assert "our" not in raw_stem(word)
    outcome = "Scientists analysed the harbour water in April."
    assert linked(
        "Divers will analyze the harbour water for oil.",
        STORMS,
        "Tourists swam in the harbour water in March.",
        outcome,
    )[:1] == [outcome]


def test_an_ate_verbs_past_meets_the_verb():
    # Whoosh's stemmer leaves "regulated" as "regulat" though "regulate" is "regul";
    # Porter's own rule gives the "e" back first.
    from search.compare.analysis import raw_stem

    for past, verb in [("regulated", "regulate"), ("estimated", "estimate"), ("dated", "date")]:
        assert raw_stem(past) == raw_stem(verb)


def test_a_business_that_stays_competitive_is_not_great_power_rivalry():
    """The audit's port strike was labelled "great-power rivalry": stemmed, the theme's
    "containment" met "container exports" (and "competition" a port kept "competitive");
    its terms now name rivalry between powers."""
    earlier = article(
        "Union leaders warned that the stoppage could halt container exports for weeks.",
        id="e",
        year=2023,
    )
    later = article(
        "The stoppage ended on Monday and container exports resumed, which the harbour "
        "authority said would keep the port competitive with its neighbours.",
        id="l",
    )
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert link.evidence, "the ended stoppage answers the warning"
    assert link.theme != "great-power rivalry"


@pytest.mark.parametrize(
    "stance",
    [
        "We are proud of our decision to keep the steel plant open and protect its jobs.",
        "The owners were not prepared to tolerate the closure of the steel plant or cuts to its jobs.",
    ],
)
def test_a_stance_is_not_what_happened(stance):
    # How someone feels about the plant ("proud of our decision", "not prepared to see
    # it close") shares the plan's words but tells nothing of what became of the jobs;
    # the sentence that does is the only answer.
    outcome = "The owners shut the steel plant in March, and four hundred jobs were cut."
    assert linked(
        "The union fears hundreds of jobs at the steel plant will be cut next year.",
        stance,
        outcome,
    ) == [outcome]


def test_pleased_to_announce_tells_the_news():
    # A stance that introduces news ("pleased to announce that ...") is the news.
    outcome = "We are pleased to announce that the steel plant reopened in March."
    assert linked("The owners hope the steel plant will reopen next year.", outcome) == [outcome]


def test_who_a_concern_cites_is_not_what_it_fears():
    # "Critics from across the political spectrum have claimed ...": the words of the
    # source tell who says it. A later sentence about the critics' rally shares those
    # words only and answers nothing; the concern is silent.
    later = [
        "Critics from across the political spectrum held a rally in the capital on Monday.",
        STORMS,
        "The harbour master retired after thirty years in the post.",
    ]
    assert (
        linked(
            "Critics from across the political spectrum have claimed the ferry levy will"
            " ruin the island's fishermen.",
            *later,
        )
        == []
    )


def test_the_purpose_of_work_going_on_is_a_concern():
    # "We are reforming ... so that ...": what the work is for has not happened yet.
    (concern,) = find_concerns(
        article("We are rebuilding the harbour wall so that ferries can dock in winter.")
    )
    assert "so that" in concern.cues


def test_the_purpose_of_something_done_is_history():
    # "The council widened the wall so that ...": narrated, not looked forward to.
    assert (
        find_concerns(
            article("The council widened the harbour wall so that ferries dock safely in winter.")
        )
        == ()
    )


def test_a_clause_before_a_verb_of_saying_is_what_is_said():
    # "If the ferry operator raises fares, the union says ...": the condition is what the
    # concern is about, not who says it.
    outcome = "The ferry operator raised its fares by a fifth on Monday."
    assert linked(
        "If the ferry operator raises fares, the union says its members will strike.",
        outcome,
        STORMS,
        "The harbour master retired after thirty years in the post.",
    ) == [outcome]


def test_a_later_sentence_that_dates_only_its_side_clause_still_answers():
    """The review: "Boko Haram freed 21 of the schoolgirls it abducted on April 14" was
    taken for background (April 14, before the concern) and never linked: the day dates
    the abduction, not the release the sentence reports."""
    earlier = news(
        "Parents fear the Chibok schoolgirls may never be freed by Boko Haram.",
        dt.date(2015, 1, 10),
    )
    later = evolve(
        news(
            "Boko Haram freed 21 of the Chibok schoolgirls it abducted on April 14.",
            dt.date(2015, 3, 29),
        ),
        id="later",
    )
    (link,) = compare(earlier, later, earlier_entities=(), later_entities=()).links
    assert [e.development.span.text for e in link.evidence] == [later.body]


def test_a_topic_compare_shows_the_verdict_given_in_a_pair_compare(tmp_path, cache_dir):
    """The analyst-workflow audit: a verdict and a note given on a concern in the pair
    view were missing from a topic compare over the same articles ("[not addressed]", no
    note), so a briefing built from the topic lost the analyst's work."""
    from search.corpus import Corpus
    from search.links import comparison, topic_comparison, topic_side

    corpus = Corpus.open([_small_pair(tmp_path / "pair")], cache_dir=cache_dir)
    try:
        earlier, later = sorted(corpus.articles, key=lambda a: a.published)
        pair, store = comparison(corpus, earlier.id, later.id)
        grain = next(link for link in pair.links if "grain" in link.concern.span.text)
        store.set_verdict(grain.concern, pair.earlier, pair.later, "not borne out")
        store.set_note(grain.concern, pair.earlier, pair.later, "harvests fell")
        topic, store = topic_comparison(corpus, "ceasefire", later.published)
        shown = next(link for link in topic.links if link.concern.key == grain.concern.key)
        assert (shown.verdict, shown.note, shown.origin) == (
            "not borne out",
            "harvests fell",
            "curated",
        )
        # Decided again in the topic's own view, the topic's decision is the one shown.
        earlier_of = topic.article_of(shown.concern.key)
        store.set_verdict(shown.concern, earlier_of, topic_side("ceasefire"), "partly")
        topic, _ = topic_comparison(corpus, "ceasefire", later.published)
        shown = next(link for link in topic.links if link.concern.key == grain.concern.key)
        assert shown.verdict == "partly"
    finally:
        corpus.close()


def test_what_happened_next_across_a_corpus_reads_only_the_articles_like_the_concern(
    tmp_path, cache_dir, monkeypatch
):
    """At 20,000 articles, reading every later one took minutes and gigabytes: only the
    few the index finds most like the concern are read, and the answer is among them."""
    from conftest import story_among_unrelated

    import search.compare.analysis as analysis
    import search.corpus
    from search.compare import _is_concern
    from search.corpus import Corpus

    pledge_title, report_title = story_among_unrelated(tmp_path / "news", unrelated=40)
    corpus = Corpus.open([tmp_path / "news"], cache_dir=cache_dir)
    by_title = {a.title: a for a in corpus.articles}
    pledge, report = by_title[pledge_title], by_title[report_title]
    themes = analysis.load_themes()
    side = analysis._sentences(pledge, corpus.entities(pledge.id), themes)
    concern = next(s for i, s in enumerate(side) if _is_concern(s, side[i - 1] if i else None))

    read: list[str] = []
    real = analysis._analyse

    def counted(article, entities, themes):
        read.append(article.id)
        return real(article, entities, themes)

    analysis.clear_analysis_cache()
    monkeypatch.setattr(analysis, "_analyse", counted)
    monkeypatch.setattr(search.corpus, "NEXT_CANDIDATES", 5)
    answers, looked_in = corpus.what_happened_next(pledge, concern.key, concern.span.text)
    corpus.close()
    assert len(set(read) - {pledge.id}) <= 5 < 40
    assert answers and answers[0].development.key.startswith(f"{report.id}:")
    assert report.id in {a.id for a in looked_in}
