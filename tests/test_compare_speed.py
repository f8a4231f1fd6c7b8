"""What compare's speed-ups rely on: shortcuts that must give what the long way gives."""

from __future__ import annotations

import string
import sys

from search.compare import cues as cue_module


def test_only_the_characters_the_word_splitter_checks_make_ascii_letters_when_lower_cased():
    """cues._words splits the lower-cased text at once when none of these is in it."""
    letters = set(string.ascii_letters)
    makers = [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if c not in letters and any(ch in letters for ch in c.lower())
    ]
    assert all(cue_module._MAKES_ASCII_LETTERS.search(c) for c in makers)
    assert makers


def test_words_split_at_once_as_word_by_word():
    long_way = cue_module._words  # hyphens and "May" take the word-by-word loop
    for text in [
        "The political will may fade, and the will of the people will not.",
        "Good will will prevail; their will WILL hold.",
        "İstanbul will grow; the Kelvin sign K is a letter.",
        "A long-awaited deal may be re-stated in May.",
        "They’re sure it won’t fail.",
    ]:
        assert long_way(text) == _word_by_word(text)


def _word_by_word(text: str) -> list[str]:
    words, prev = [], ""
    for hyphen, w in cue_module._HYPHEN_WORD.findall(text):
        low = w.lower()
        if hyphen and prev not in cue_module._VERB_PREFIXES:
            low = "<part>"
        elif low == "may" and w == "May":
            if prev or cue_module._NUMBER_NEAR.match(text, text.find(w) + 3):
                low = "<month>"
        elif low == "will" and prev in cue_module._WILL_NOUN_BEFORE:
            low = "<noun>"
        words.append(low)
        prev = low
    return words


def test_the_word_before_a_stop_is_what_the_pattern_finds():
    """The splitter reads the word before a full stop backwards rather than by
    ``_WORD_BEFORE`` (which tries every position of its window): the same word, or none."""
    import random

    from search import sentences

    rnd = random.Random(7)
    alphabet = list("ab AB.\n\"'“‘«([)U.S. Mr. J. No. 5 e.g. \t\u00a0\u2003İx?!…”’»]-")
    for _ in range(300):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 40)))
        for hi in range(len(text) + 1):
            for lo in range(max(0, hi - 12), hi + 1):
                m = sentences._WORD_BEFORE.search(text, lo, hi)
                assert (m.group(1) if m else None) == sentences._word_before(text, lo, hi)


def test_the_space_the_word_pattern_stops_at_is_what_isspace_says():
    import re

    space = re.compile(r"\s")
    assert all(bool(space.match(chr(i))) == chr(i).isspace() for i in range(sys.maxunicode + 1))


def test_the_phrase_automaton_finds_every_phrase_written_as_a_substring_search_would():
    import random

    groups = (
        cue_module._FORWARD_PADDED,
        cue_module._WORRY_PADDED,
        cue_module._WHEN_PADDED,
        cue_module._DEMAND_PADDED,
        cue_module._OBLIGATION_PADDED,
    )
    pads = [pad for group in groups for _, pad in group]
    words = sorted({w for pad in pads for w in pad.split()} | {"the", "deal", "20", "s"})
    rnd = random.Random(3)
    for _ in range(3000):
        low = " " + " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 12))) + " "
        hits = {pad for _, pad in cue_module._PHRASES.iter(low)}
        assert hits == {pad for pad in pads if pad in low}


def test_compare_pauses_the_cycle_collector_and_resumes_it_as_it_was():
    import datetime as dt
    import gc

    from search.compare import compare, compare_topic
    from search.model import Article

    def article(ident: str, year: int, body: str) -> Article:
        return Article(
            id=ident, title=ident, body=body, published=dt.date(year, 1, 1), path=f"{ident}.txt"
        )

    earlier = article("e", 2023, "Officials fear the dam may burst before the rains.")
    later = article("l", 2024, "The dam burst on Monday, officials said.")
    seen: list[bool] = []

    def entities(_article):
        seen.append(gc.isenabled())
        return ()

    assert gc.isenabled()
    compare(earlier, later, earlier_entities=(), later_entities=())
    compare_topic("dam", [earlier], [later], later.published, entities=entities)
    assert gc.isenabled()
    assert seen and not any(seen)
    gc.disable()
    try:
        compare(earlier, later, earlier_entities=(), later_entities=())
        assert not gc.isenabled()  # not turned on when it was off
    finally:
        gc.enable()


def test_a_case_blind_pattern_takes_only_the_checked_characters_for_ascii_letters():
    import re

    letter = re.compile("[a-z]", re.I)
    others = [
        c
        for c in map(chr, range(128, sys.maxunicode + 1))
        if letter.fullmatch(c) or c.lower() == "k"
    ]
    assert others and all(cue_module.CASE_BLIND_ASCII.search(c) for c in others)


def test_a_state_that_goes_on_is_found_as_the_pattern_finds_it():
    from search.compare import score

    for text in [
        "The deadline currently stands at 31 October.",
        "Work STILL goes on.",
        "Talks remain stalled; the ongoing row is costly.",
        "The inquiry is also continuing, and it continues.",
        "Protests continued on Sunday.",
        "The dam burst on Monday.",
        "The row ıs ongoıng; ſtill there.",
        "Remains of the day.",
        "",
    ]:
        assert score._goes_on(text) == bool(score._STATE.search(text)), text


def test_a_term_quoted_as_a_term_is_looked_for_only_after_what_it_comes_after():
    for text in [
        "the phrase “What if Trump?” spread",
        "its variants (“probably Trump”) too",
        'a plan DUBBED "the wall" failed',
        "he remained “cautiously optimistic” about it",
        "known as “the deal” by some",
        "a ſlogan “x y” here",
        '"We will do it," she said.',
    ]:
        skipped = not cue_module._may_mention(text)
        assert not (skipped and cue_module._MENTIONED.search(text)), text


def test_words_are_found_as_whooshs_pattern_finds_them():
    """analysis._WORD drops the optional dot of Whoosh's "[\\w\\*]+(?:\\.?[\\w\\*]+)*": the
    same words, sooner."""
    import random
    import re

    from search.compare import analysis

    whoosh = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")
    gap_whoosh = re.compile(r"([^\w\*]*)([\w\*]+(?:\.?[\w\*]+)*)")
    rnd = random.Random(5)
    alphabet = list("ab.*_ 1.2 U.S. e.g. x..y *a* é’'-\n")
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        spans = [m.span() for m in whoosh.finditer(text)]
        assert [m.span() for m in analysis._WORD.finditer(text)] == spans
        assert analysis._GAP_WORD.findall(text) == gap_whoosh.findall(text)


def test_no_word_holds_a_curly_apostrophe():
    """analysis._tokens replaces none in its words, as no word can hold one."""
    from search.compare import analysis

    assert [t.word for t in analysis._tokens("Britain’s rôle won’t wane", 0)] == [
        "britain",
        "rôle",
        "won",
        "wane",
    ]
    assert not analysis._WORD.search("’")
