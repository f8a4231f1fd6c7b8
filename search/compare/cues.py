"""Cues: what makes a sentence a concern (it looks forward) or a development (it reports)."""

from __future__ import annotations

import datetime as dt
import re

import ahocorasick
from attrs import define

from search.sentences import wordset
from search.years import YEAR

# --------------------------------------------------------------------------- cues


def _words(text: str) -> list[str]:
    """Lower-cased words, with the month "May" and the noun "will" ("political will")
    renamed so that they are not taken for modal verbs."""
    if "-" not in text and "May" not in text and not _MAKES_ASCII_LETTERS.search(text):
        # No hyphen and no month: the words of the lower-cased text (lower-casing makes
        # no letter of [A-Za-z] out of any other character here), with "will" after a
        # noun's determiner renamed. What the loop below gives, without a step per word.
        words = _WORD.findall(text.lower())
        if "will" in words:
            prev = ""
            for i, low in enumerate(words):
                if low == "will" and prev in _WILL_NOUN_BEFORE:
                    low = words[i] = "<noun>"
                prev = low
        return words
    words = []
    prev = ""
    # (hyphen before, word): "open-ended" gives ("", "open"), ("-", "ended").
    for hyphen, w in _HYPHEN_WORD.findall(text):
        low = w.lower()
        if hyphen and prev not in _VERB_PREFIXES:
            low = "<part>"  # "open-ended", "long-awaited": not a verb ("re-stated" is)
        elif low == "may" and w == "May":
            # The month: after any word, or before a number ("May 5"); a sentence's
            # first word before no number is the verb ("May I ...").
            if prev or _NUMBER_NEAR.match(text, text.find(w) + 3):
                low = "<month>"
        elif low == "will" and prev in _WILL_NOUN_BEFORE:
            low = "<noun>"
        words.append(low)
        prev = low
    return words


_NUMBER_NEAR = re.compile(r"\s+\d")
#: The only characters outside [A-Za-z] whose lower case holds one of them ("İ" -> "i̇",
#: the Kelvin sign -> "k"): a text without them splits into the same words lower-cased.
_MAKES_ASCII_LETTERS = re.compile("[\u0130\u212a]")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_HYPHEN_WORD = re.compile(r"(-?)([A-Za-z]+(?:['’][A-Za-z]+)?)")
_VERB_PREFIXES = wordset("re co pre de un mis out over under counter")
_WILL_NOUN_BEFORE = frozenset(
    [
        "the",
        "political",
        "free",
        "ill",
        "good",
        "his",
        "her",
        "their",
        "its",
        "our",
        "popular",
        "public",
        "strong",
        "own",
    ]
)
#: Irregular past tenses: they narrate what happened, like the regular -ed forms (not
#: "slew" or "lent", far more often "a slew of" and "Lent").
IRREGULAR_PAST = wordset(
    """came went took gave saw became fell rose grew broke spoke chose drew drove flew
    froze led paid ran sent shook sought stood swore taught threw wrote bore began
    brought built caught fought found forgot hung knew meant sank spent split spread
    struck thought told undertook withdrew overtook heard held kept left lost met
    sold won laid fled stole overthrew upheld slid swept dealt forbade forgave arose
    dug sprang swam swung strove rode sang awoke bled wept sped hid tore"""
)
_YEAR = re.compile(rf"\b({YEAR})\b")


# Forward-looking: modals, predictions, plans. Strong ones mark a concern alone.
MODALS = wordset(
    "may might could would will shall won't wouldn't couldn't mightn't won’t wouldn’t couldn’t"
)
FORWARD_WORDS = wordset(
    """likely unlikely probably possibly perhaps expect expects expected expecting
    predict predicts predicted prediction predictions forecast forecasts foresee
    foresees anticipate anticipates anticipated expectation expectations prospect
    prospects outlook aims aim plans intends intend target targets poised bound
    eventually soon upcoming forthcoming pending optimistic pessimistic hopeful confident planned planning
    scheduled projected projection projections hope hopes hoping hoped priority
    priorities envision envisions envisioning envisage envisages envisaging"""
)
#: An aim an effort is made for (see ``FORWARD_PHRASES``).
_AIMS = ("in an effort to", "in a bid to", "in an attempt to")
FORWARD_PHRASES = (
    "going to",
    "set to",
    "on course to",
    "on track to",
    "in the long run",
    "in the years ahead",
    "in future",
    "in the future",
    "by 20",
    "next year",
    "next week",
    "next month",
    "remains to be seen",
    # Confidence in what is to come ("expressed confidence that a deal can be reached"),
    # as "optimistic" is; not confidence measured ("consumer confidence fell").
    "confidence that",
    "is due to",
    "coming days",
    "coming weeks",
    "coming months",
    "coming years",
    "in due course",
    # A plan told with the bare verb ("we plan to legislate"), and work toward something
    # not yet done ("work is under way on developing an assessment", "work continues to
    # develop regulations"): plans not yet carried out.
    "plan to",
    "work is under way",
    "work is continuing",
    "work continues",
    "continuing work",
    # A schedule as news tells it: a deadline or a day that is due ("results are due on
    # Tuesday", "the report is due by March"), a weekday ahead ("parliament votes on it
    # next Tuesday"), a rule or a law that is to start ("the ban takes effect in January",
    # "the treaty comes into force next year").
    *(f"{be} due {p}" for be in ("is", "are") for p in ("on", "in", "by", "next", "later")),
    *(
        f"next {day}"
        for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    ),
    "takes effect",
    "take effect",
    "comes into force",
    "come into force",
    # Work toward something not yet there ("the commission is working on a new date for
    # the vote", "officials are working on plans to ..."), as "work is under way" is.
    "working on",
    # An aim pursued ("the president is seeking another term", "the union seeks a pay
    # rise", "she seeks re-election"), as "aims" is.
    "is seeking",
    "are seeking",
    "was seeking",
    "were seeking",
    *(
        f"{seek} {what}"
        for seek in ("seek", "seeks")
        for what in ("to", "a", "an", "another", "re election", "reelection")
    ),
    # A candidacy, as "is seeking another term" is ("the president is running for
    # re-election", "she runs for governor", "he is standing for parliament"): an aim whose
    # outcome is the vote. Only before an office or a term: "running for cover", "has run
    # for two years" are no bid.
    *(
        f"{run} for {office}"
        for run in ("running", "run", "runs", "standing", "stand", "stands")
        for office in (
            "re election",
            "reelection",
            "election",
            "president",
            "the presidency",
            "office",
            "parliament",
            "governor",
            "mayor",
            "a second",
            "a third",
            "a fourth",
            "a fifth",
            "another term",
        )
    ),
    # Not done yet ("investigators have yet to determine the cause"), and a step weighed
    # and not yet taken ("the government is considering a ban").
    "yet to",
    "not yet",
    "is considering",
    "are considering",
    # A schedule ("elections are to be held in May", "talks are slated for March"), a
    # possible sentence ("the suspects face up to ten years"), a consequence to come
    # ("paves the way for a referendum"), a possibility left open ("did not rule out
    # further rises"; "ruled out foul play" is a finding), a deal under negotiation ("in
    # talks to sell"). "Slated" alone is "criticised" in British papers.
    "is to be",
    "are to be",
    "slated for",
    "slated to",
    "face up to",
    "faces up to",
    "pave the way",
    "paves the way",
    "paving the way",
    "rule out",
    "ruling out",
    "in talks to",
    # On the edge of it, threatened by it, braced or prepared for it, waiting on it, or
    # weighing it: what has not happened yet ("the strike threatens to disrupt exports",
    # "the army is preparing to withdraw", "the outcome hinges on independents").
    "on the verge of",
    "on the brink of",
    "in danger of",
    "threatens to",
    "threaten to",
    "threatening to",
    "bracing for",
    "braced for",
    "stand to",
    "stands to",
    "preparing to",
    "prepares to",
    "mulling",
    "weighing whether",  # "is weighing" alone is also a pressure now ("weighing on")
    "awaiting",
    "awaits",
    "hinges on",
    "hinge on",
    # Sought, still to be done, due by a deadline, tipped: what has not happened yet
    # ("the council is seeking to ban cars", "the treaty still needs to be ratified",
    # "she has until Friday to respond", "he is tipped to become leader").
    "seeking to",
    "seeks to",
    "seek to",
    "still needs to",
    "still need to",
    "has until",
    "have until",
    "tipped to",
    # A purpose of work going on or planned ("We are reforming the railways so that they
    # serve ..."); not of something done ("the law was changed so that ..."), below.
    "so that",
    # The aim of an effort going on ("donors have gathered in an effort to raise $3
    # billion", "is dredging the channel in a bid to let larger ships dock"); not of an
    # act told in the past ("police fired tear gas in an effort to clear the square"),
    # below.
    *_AIMS,
)
#: Forward words that make a sentence an outlook rather than a report.
OUTLOOK_WORDS = wordset(
    """likely unlikely probably possibly expect expects expected predict predicts
    forecast forecasts foresee anticipate anticipates prospect prospects outlook
    upcoming forthcoming optimistic pessimistic hopeful confident"""
)
OUTLOOK_PHRASES = ("going to", "set to", "remains to be seen", "confidence that")
WEAK_FORWARD = wordset("if whether unless potential potentially chance chances")
#: A condition makes a concern of one worry word ("if Mr Trump abandons Ukraine"); a
#: "potential problem" named is not one by itself.
CONDITIONS = wordset("if unless")
WORRY_WORDS = wordset(
    """fear fears feared fearful fret fretting worry worries worried worrying
    concern concerns concerned danger dangers dangerous endanger risk risks risky
    threat threats threaten threatens threatening undermine undermines undermining
    erode erodes erosion weaken weakens weaker jeopardise jeopardize
    jeopardy imperil pressure pressures problem problems trouble troubling vulnerable
    vulnerability wary sceptic sceptics sceptical skeptic skeptics skeptical
    brace alarm alarmed anxious anxiety anxieties uncertain uncertainty instability
    confrontation escalate escalation tension tensions damage harm abandon abandons
    abandoning abandonment retreat retreating collapse crisis doubt doubts
    refuse refuses refusal halt halts withdraw withdrawal drawdown dilemma setback
    backlash hostile provoke provoking costly difficult difficulty barrier barriers
    strain strains rift rifts divisions"""
)
WORRY_PHRASES = ("at stake", "drawing down", "pull out", "raise questions", "raises questions")
#: Someone fears or worries: a concern in itself, in any tense but narrated history.
WORRY_VERBS = wordset("fear fears fearing worry worries worrying fret frets fretting")
#: Fearing takes what may happen as its object ("farmers fear a drought"); worrying
#: does so with "that" or "about" ("worry that tariffs would hurt", "worry about
#: inflation"), not with a plain object ("worries investors" says who is worried).
FEAR_VERBS = wordset("fear fears fearing feared")
_WORRY_OBJECT = frozenset({"that", "about", "over"})
#: A demand, call, commitment, warning or threat not yet carried out: it looks forward
#: even when narrated in the past ("called for the bill to be dropped", "insists that
#: ...", "warned of flooding", "threatened to veto it").
DEMAND_WORDS = wordset(
    """demand demands demanded demanding insist insists insisted insisting urge urges
    urged urging deadline deadlines ultimatum pledge pledges pledged promise promises
    promised vow vows vowed commit commits committed intend intends intended intention
    intentions invite invites invited invitation warn warns warned warning warnings
    threatened assure assures assured assurance assurances guarantee guarantees
    guaranteed"""
)
DEMAND_PHRASES = (
    "call for",
    "calls for",
    "called for",
    "calling for",
    "called on",
    "asked for",
    "under pressure to",
    # A resolve or a readiness avowed ("the president is determined to push the reform
    # through", "the army is willing to hand over power"): an assurance.
    "determined to",
    "willing to",
    # An undertaking given, as "pledged to" and "promised to" are ("all three candidates
    # have agreed to accept the results", "the rebels agree to lay down their arms").
    "agreed to",
    "agree to",
    "agrees to",
)
#: An allegation or challenge still to be tested ("questioned the president's power",
#: "accused of", "faces lawsuits").
ALLEGATION_WORDS = wordset(
    """allege alleges alleged allegedly allegation allegations accuse accuses accused
    accusation accusations questioned questions challenge challenges challenged lawsuit
    lawsuits sue sues sued unlawful illegal unconstitutional investigation inquiry
    probe"""
)
#: Verbs of narrated past: a sentence with these and no forward cue is history.
PAST_MARKERS = wordset("was were had did")

EVENT_VERBS = wordset(
    """signed announced agreed pledged committed recommitted endorsed approved met held hosted
    visited launched imposed lifted slashed raised increased boosted reduced deployed
    withdrew halted resumed suspended declared attended skipped
    boycotted struck reached concluded ratified joined left quit sold bought ordered
    delivered elected won lost appointed resigned unveiled
    adopted passed vetoed sanctioned expanded extended renewed established opened
    closed ended began started completed published released confirmed rejected
    refused blocked granted awarded condemned warned demanded urged secured negotiated
    brokered mediated bypassed ceded cancelled canceled postponed dropped doubled
    tripled halved cut signalled signaled promised vowed offered accepted allowed
    banned restricted tightened eased invested acquired merged formed dissolved
    toured travelled traveled called summoned expelled recalled reaffirmed
    reiterated backed supported opposed finalised finalized inked sealed
    introduced enacted implemented abandoned retreated returned arrived ruled filed
    found sued voted approved denied withdrawn"""
)
EVENT_NOUNS = wordset(
    """pledge pledges commitment commitments agreement agreements deal deals treaty
    accord accords ceasefire declaration summit visit meeting talks
    announcement decision vote election framework memorandum sale sales ruling
    judgment verdict lawsuit
    purchase contract exercises deployment tour"""
)
WHEN_WORDS = wordset(
    """monday tuesday wednesday thursday friday saturday sunday yesterday january
    february march april <month> june july august september october november december
    weekend"""
)
WHEN_PHRASES = ("last week", "last month", "last year", "earlier this", "this week")
#: A perfect, maybe with an adverb or a negation between ("has also written", "have already
#: agreed", "has not been prorogued").
_PERFECT = re.compile(
    r"\b(?:has|have|had)\s+(?:(?:also|already|now|just|since|finally|recently|not|never|[a-z]+ly)\s+)?"
    r"(?:been\s+)?[a-z]+(?:ed|en|un|ught|ade)\b"
)


# Whether a perfect can be there at all (its first words), before the regex looks.
def _may_be_perfect(low: str) -> bool:
    return " has " in low or " have " in low or " had " in low


#: (The word boundary first: the look-behind is tried at the start of a word only.)
_GENERIC_PAST = re.compile(r"\b(?<![a-z]{3}-)[a-z]{3,}ed\b")
_PRESENT_BE = wordset("is are am isn't aren't")
#: -ed words that are counted as what they are, not as a narrated past.
_NOT_GENERIC = EVENT_VERBS | WORRY_WORDS
#: "is based", "are expected", "will be published": the participle right after a present
#: or a bare "be".
_PRESENT_PASSIVE = re.compile(
    r"(?:^|\W)(?:is|are|am|be)\s+(?:(?:[a-z]+ly|also|still|now|not|being|already)\s+)?$", re.I
)


@define(frozen=True, slots=True)
class Cues:
    forward: tuple[str, ...]
    weak_forward: tuple[str, ...]
    worry: tuple[str, ...]
    past: bool
    events: tuple[str, ...]
    event_nouns: tuple[str, ...]
    generic_past: int
    #: "on Saturday", "in March", "yesterday": when something happened.
    when: tuple[str, ...] = ()
    demand: tuple[str, ...] = ()
    allegation: tuple[str, ...] = ()
    #: Reported speech ("said", "announced"): "X will do Y, she said" is a decision told.
    reported: bool = False
    #: Years well before the article's own: background ("voted in a 2016 referendum").
    old_years: tuple[str, ...] = ()
    #: Someone fears something, or worries that or about something (the verb, not the
    #: noun: not "officials have several sets of fears").
    worry_verb: bool = False
    #: "must", "should": an obligation ("Britain must leave by that date").
    obligation: tuple[str, ...] = ()
    #: The sentence quotes someone (double quotation marks).
    quoted: bool = False
    #: The article's publication date and the day the sentence opens with ("On 15
    #: September, ...", "March 3, 2024: ..."), when it happened, as proleptic ordinals
    #: (0: unknown; see :func:`opening_day`).
    published: int = 0
    day: int = 0


def cues(
    text: str,
    year: int | None = None,
    month: int | None = None,
    published: dt.date | None = None,
) -> Cues:
    """The cue words of a sentence, grouped by what they suggest. ``year`` and ``month``
    are the article's publication's: a later year mentioned, or a deadline in a later
    month ("by October 1", "until October 14"), is a forward cue. A term quoted as a
    term (a short quotation: "the phrase “What if Trump?”") is mentioned, not said:
    its words cue nothing."""
    quoted = '"' in text or "“" in text or "”" in text  # any of _QUOTES
    if quoted and _may_mention(text):
        text = _MENTIONED.sub(" ", text)
    words = _words(text)
    low = " " + " ".join(words) + " "
    found: dict[str, list[str]] = {k: [] for k in _KINDS}
    worry_verb = False
    n = len(words)
    # One pass; most words are no cue at all (``_CUE_WORDS`` is every kind's words).
    for i, w in enumerate(words):
        if w not in _CUE_WORDS:
            continue
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < n else ""
        for kind in _KINDS_OF[w]:
            found[kind].append(w)
        if w in MODALS or w in FORWARD_WORDS:
            after = words[i + 2] if i + 2 < n else ""
            if (
                _past_inability(w, nxt, after)
                or (w in PLAN_WORDS and prev in _NEGATION)
                or (w in HOPES and prev in _NOUN_BEFORE)  # "in the hope of countering"
            ):
                found["forward"].pop()
        if w in DEMAND_WORDS and prev in _NEGATION:
            found["demand"].pop()  # "it has no guarantees of security assistance"
        # A participle after "is" or "are" tells a state ("is led by", "are based in");
        # after a modal, what may happen ("a deal would be reached").
        if w in EVENT_VERBS and (prev in _PRESENT_BE or _after_modal(words, i)):
            found["events"].pop()
        elif (
            w in EVENT_VERBS
            and _not_done_so_far(words, i)
            and not _RX_FOR_A_TIME.search(" ".join(words[i + 1 : i + 8]))
        ):
            # "has not been approved", "have not signed": an act still to come, as "not
            # yet" is, and no event; not "have not reached the city for two weeks", a
            # state that lasts (told as news).
            found["events"].pop()
            found["forward"].append("not " + w)
        if w in IRREGULAR_PAST and w not in EVENT_VERBS and prev not in _PRESENT_BE:
            found["generic"].append(w)
        if (
            w in WORRY_VERBS
            and prev not in _NOUN_BEFORE
            and (w in FEAR_VERBS or nxt in _WORRY_OBJECT)
        ):
            worry_verb = True
        if month and prev in _BY and _MONTHS.get(w, 0) > month:
            found["forward"].append(f"{prev} {w}")
    forward = found["forward"]
    if found["worry"] and not _RISK_VERBS.isdisjoint(found["worry"]):
        # A risk run, before what may follow it ("the move risks alienating allies").
        forward += [
            w
            for w, nxt in zip(words, words[1:], strict=False)
            if w in _RISK_VERBS and nxt.endswith("ing") and len(nxt) > 5
        ]
    # Every phrase of every kind written in the sentence, in one pass (most have none).
    hits = {padded for _, padded in _PHRASES.iter(low)}
    if " to " in low and (m := _DAY_BEFORE_TO.search(low)):
        # A day told between a cue and its "to" ("were preparing late Sunday to send",
        # "agreed on Tuesday to hand over"): the phrases of the sentence without it too.
        bare = low[: m.start()] + low[m.end() :]
        hits |= {padded for _, padded in _PHRASES.iter(bare)}
    if hits:
        # In the list's order, looked up from the few hits rather than the long list.
        forward += [p for _, p in sorted(_FORWARD_OF[h] for h in hits if h in _FORWARD_OF)]
    years = _YEAR.findall(text) if year and ("1" in text or "20" in text) else ()
    forward += [y for y in years if int(y) > year]
    if published and found["when"] and not _MONTH_WHEN.isdisjoint(found["when"]):
        # A day after the article's own ("the vote is moved to March 28"): a schedule.
        forward += days_ahead(text, published)[:1]
    if found["be"] and (" is to " in low or " are to " in low) and _BE_TO.search(low):
        # A schedule or an arrangement told with "is / are to" and a verb ("voters are to
        # choose a new president", "the centres are to open on Sunday"), as "is to be"
        # is; not a role described ("her job is to better the pay of dockers").
        forward.append("is to")
    if " whether " in low and " remain" in low and _WHETHER_OPEN.search(low):
        # An outcome still open ("whether there are savings remains open to question", "it
        # remains unclear whether the truce holds"), as "remains to be seen" is.
        forward.append("whether ... remains open")
    if " once " in low and _ONCE_WHEN.search(low) and not _ONCE_ASIDE.search(text):
        # What waits on a condition not yet met ("can begin collecting data once power is
        # restored"), as "if" is a condition: not "once again", not "once the capital",
        # not an aside's "formerly" ("the town, once a fishing village, is now").
        forward.append("once ... is")
    if " no sign" in low and _NO_SIGN_OF.search(low):
        # Not coming, as far as anyone can see ("a deal shows no sign of materialising",
        # "the fighting shows no signs of abating"): an expectation that it will not come
        # soon. Of something happening, in the present: "tests show no sign of
        # contamination" and "showed no sign of remorse" are findings.
        forward.append("show no sign of")
    if " ask" in low and _ASKED_TO.search(low):
        # A request made ("the UN has asked both sides to respect the truce"): a demand,
        # as "called on" is.
        found["demand"].append("asked ... to")
    if " need" in low and _NEED_TO.search(low):
        # A need with what it takes in between ("forces need six weeks to clear the
        # area", "the council needs more time to decide"): as "need to".
        found["obligation"].append("need ... to")
    generic = found["generic"]
    # Any "is" or "are": a participle after one tells a state ("is based"); after a bare
    # "be", what is to come ("will be published", "to be dropped").
    passive = found["be"] or " be " in low
    # Lower-case only: "United", "Red Bull" are names.
    if passive:
        generic += [
            m.group(0)
            for m in _GENERIC_PAST.finditer(text)
            if m.group(0) not in _NOT_GENERIC
            and not _PRESENT_PASSIVE.search(text, max(0, m.start() - 24), m.start())
        ]
    else:
        generic += [w for w in _GENERIC_PAST.findall(text) if w not in _NOT_GENERIC]
    past = bool(found["past"]) or (_may_be_perfect(low) and bool(_PERFECT.search(low)))
    if hits:
        if " so that " in hits and (past or found["events"] or generic):
            forward.remove("so that")  # the purpose of what was done: history
        if not hits.isdisjoint(_AIMS_PADDED) and _aim_of_an_act_told(text):
            forward[:] = [w for w in forward if w not in _AIMS]  # "fired ... in an effort to"
        if (" has until " in hits or " have until " in hits) and _UNTIL_NOW.search(low):
            # "has until now refused": how long something held, no deadline.
            forward[:] = [w for w in forward if w not in ("has until", "have until")]
    if "demand" in found["demand"] and _MARKET_DEMAND.search(text):
        found["demand"].remove("demand")  # a market's: "has created a demand for managers"
    return Cues(
        forward=tuple(forward),
        weak_forward=tuple(found["weak"]),
        worry=tuple(found["worry"]) + _phrases(_WORRY_PADDED, hits),
        past=past,
        events=tuple(found["events"]),
        event_nouns=tuple(found["event_nouns"]),
        generic_past=len(generic),
        when=tuple(found["when"]) + _phrases(_WHEN_PADDED, hits),
        demand=tuple(found["demand"]) + _phrases(_DEMAND_PADDED, hits),
        allegation=tuple(found["allegation"]),
        reported=bool(found["reported"]),
        # The year before is the story's own time (a pair is weeks or months apart).
        old_years=tuple(y for y in years if int(y) < year - 1),
        obligation=tuple(found["obligation"]) + _phrases(_OBLIGATION_PADDED, hits),
        worry_verb=worry_verb,
        quoted=quoted,
        published=published.toordinal() if published else 0,
        day=opening_day(text, published) if published else 0,
    )


_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_NUMBER = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
_MONTH = "|".join(_MONTH_NAMES)
#: "15 September", "15th September 2023", "September 15", "September 15, 2023".
_DAY_DATE = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})|({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b)"
    rf"(?:,?\s+({YEAR}))?"
)


#: The day a sentence opens with, maybe after "On": "On 15 September we announced" (one
#: pattern, as :data:`_DAY_DATE`'s groups: asked of every sentence).
_OPENING_DAY = re.compile(r"\W*(?:[Oo]n\s+)?" + _DAY_DATE.pattern)


def opening_day(text: str, published: dt.date) -> int:
    """The day ``text`` opens with ("On 15 September, ..."), when what it tells happened,
    as an ordinal (0: none). A day without a year is the last one on or before
    ``published`` ("On 15 September" in an April article is last September's). A day
    named later in the sentence may be a document's ("a report published on 8 May"),
    not the event's."""
    m = _OPENING_DAY.match(text)
    if m is None:
        return 0
    published = dt.date(published.year, published.month, published.day)  # not a datetime
    when = _day_of(m, published)
    return when.toordinal() if when else 0


def _day_of(m: re.Match, published: dt.date, nearest: bool = False) -> dt.date | None:
    """The date of one :data:`_DAY_DATE` match. A day without a year is the last one on
    or before ``published``, or with ``nearest`` its occurrence nearest to it ("December
    22" in a January article is last December's, "January 5" in a December one next
    January's); ``None`` for no such day ("30 February")."""
    day = int(m.group(1) or m.group(4))
    month = _MONTH_NUMBER[m.group(2) or m.group(3)]
    try:
        if m.group(5):
            return dt.date(int(m.group(5)), month, day)
        year = published.year
        when = dt.date(year, month, day)
        if nearest:  # more than half a year away: the year before's, or the next's
            days = (when - published).days
            if days > 183:
                return when.replace(year=year - 1)
            return when.replace(year=year + 1) if days < -183 else when
        return when if when <= published else dt.date(year - 1, month, day)
    except ValueError:  # no such day, or 29 February out of a leap year
        return None


def days_ahead(text: str, published: dt.date) -> list[str]:
    """The days ``text`` names (day and month) that fall after ``published``: what is
    scheduled, however it is told ("Jega announced the postponement of the polls from
    February 14 to March 28" in an article of 8 February). A day without a year is taken
    at its occurrence nearest to the publication."""
    if not (_DIGIT.search(text) and _ANY_MONTH.search(text)):  # most sentences name no day
        return []
    published = dt.date(published.year, published.month, published.day)  # not a datetime
    soon = published + dt.timedelta(days=DAYS_AHEAD_MIN)
    past = None  # asked once, of the first day without a year
    ahead = []
    for m in _DAY_DATE.finditer(text):
        when = _day_of(m, published, nearest=True)
        if when is None or when <= soon:
            continue
        if not m.group(5) and not _SCHEDULED_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            # A day without a year, told in the past ("kidnapped … on April 14", "died on
            # July 4" in a February article) is last year's, not a schedule; "moved … to
            # March 28", "takes effect on 1 March" are.
            if past is None:
                past = told_in_past(text)
            if past:
                continue
        ahead.append(m.group(0))
    return ahead


#: Words right before a day that make it a schedule's, whatever the tense ("moved from
#: February 14 to March 28", "postponed until June 3", "set for May 9").
_SCHEDULED_BEFORE = re.compile(r"\b(?:to|until|till|by|for)\s+$", re.I)
#: Verbs in the past that report what someone said, not what happened: a clause they
#: open may tell what is to come ("announced that the toll takes effect on 1 March").
_REPORTING_PAST = wordset(
    """said announced told added stated reported declared confirmed warned explained
    insisted noted wrote argued claimed promised pledged vowed predicted expected agreed
    decided ruled ordered asked urged called"""
)
#: Irregular past tenses that tell an event ("went", "died" is regular) .
_IRREGULAR_PAST = wordset(
    """went came took gave got made met left lost won held led fled fell rose began broke
    spoke wrote drove flew ran saw sent spent stood struck sold bought brought thought
    caught fought taught built felt kept slept swept paid laid hit shot cut quit split
    became overcame withdrew drew grew threw knew blew forgot sank sprang swam stole
    chose froze rode woke wore tore bore swore shook forbade"""
)


#: Demand as what a market wants, not what someone demands: "supply and demand", "in
#: demand" (not "in demand of justice"), a market's word before it ("consumer demand",
#: "demand for oil" after "global"), or a verb of making or meeting it ("created a demand
#: for managers", "meet demand"); "a growing demand for a referendum" is someone's, and so
#: is a demand for something someone must do ("for the minister to resign").
_MARKET_DEMAND = re.compile(
    r"\b(?:supply and demand|in demand(?! of)|(?:(?:consumer|global|domestic|export|import"
    r"|energy|oil|power|electricity|housing|travel|market|seasonal|pent-up|weak(?:er)?|"
    r"sluggish|slowing|falling|soaring|surging|booming|growing|rising|increas(?:ed|ing)|"
    r"strong(?:er)?|high(?:er)?|low(?:er)?)|(?:creat|boost|fuel|spurr|outstripp|dampen|curb|"
    r"meet|met)\w*(?: an?| the)?) demand(?! for (?:an?|the|his|her|their|its|[\w-]+ to)\b)"
    r"(?! for (?:justice|independence|freedom|reforms?|change|democracy|accountability"
    r"|action|peace|transparency|answers|compensation|an? )\b)(?!s))",
    re.I,
)

_AIMS_PADDED = frozenset(f" {a} " for a in _AIMS)
#: How long a state has lasted: "for two weeks", "since March", "in years".
_RX_FOR_A_TIME = re.compile(
    r"\b(?:for (?:(?:the (?:past|last) )?(?:\w+ )?(?:days?|weeks?|months?|years?|decades?|hours?)"
    r"|so long|a while)|since \w+|in (?:days|weeks|months|years|decades))\b",
    re.I,
)
_AIM = re.compile(r"\bin (?:an effort|a bid|an attempt) to\b", re.I)
#: "has / have" and the participle after it (and "been", "also", "now" between): the
#: present perfect of an effort still going on ("donors have gathered").
_PRESENT_PERFECT = re.compile(r"\b(?:has|have)\s+(?:(?:been|also|now)\s+)?[a-z]+", re.I)


def _aim_of_an_act_told(text: str) -> bool:
    """Is the aim in ``text`` ("in an effort to ...") the aim of an act told in the past
    before it ("police fired tear gas in an effort to clear the square"), not of an
    effort going on ("donors have gathered in an effort to raise ...")?"""
    m = _AIM.search(text)
    return m is not None and told_in_past(_PRESENT_PERFECT.sub(" ", text[: m.start()]))


def _not_done_so_far(words: list[str], i: int) -> bool:
    """Is ``words[i]`` (a participle) negated in the present perfect: "has not been
    approved", "have not signed"?"""
    before = words[max(0, i - 3) : i]
    if before[-2:] == ["not", "been"]:
        before = before[:-1]
    return len(before) >= 2 and before[-1] == "not" and before[-2] in ("has", "have")


def told_in_past(text: str) -> bool:
    """Does ``text`` tell an event in the past tense: a verb in -ed, or an irregular
    past, besides the verbs that report what was said ("announced that …")?"""
    for word in _WORD_RX.findall(text.lower()):
        if word in _REPORTING_PAST:
            continue
        if word in _IRREGULAR_PAST or (
            len(word) > 3 and word.endswith("ed") and word not in _NOT_PAST_ED
        ):
            return True
    return False


_WORD_RX = re.compile(r"[a-z]+")
#: Words in -ed that are no past tense of an event ("need", "speed", "hundred", "based").
_NOT_PAST_ED = wordset(
    """need indeed exceed proceed succeed speed breed bleed feed seed greed hundred
    kindred bred shed sled shred wed embed embedded based scheduled expected planned
    proposed intended supposed concerned interested united limited related
    detailed"""
)


#: A day counts as ahead only this many days past the article's own date: an article is
#: often dated a day or three before what it reports (a weekly's issue date, a time zone,
#: a story updated after its first date: "he went to the White House on April 10th" in an
#: article of 9 April), where a schedule is told further ahead.
DAYS_AHEAD_MIN = 3


_ANY_MONTH = re.compile(_MONTH)
_DIGIT = re.compile(r"\d")
#: The months among a sentence's "when" cues (:data:`WHEN_WORDS`; "May" is "<month>").
_MONTH_WHEN = frozenset([m.lower() for m in _MONTH_NAMES if m != "May"] + ["<month>"])
#: What makes the day after it a document's, not an event's: "a report published on 8
#: May", "the letter dated 3 June".
_DOCUMENT_DAY = re.compile(r"(?:published|dated|issued|entitled|report)\W+(?:on\W+)?$", re.I)


def latest_day(text: str, published: dt.date) -> int:
    """The latest day ``text`` names (day and month) as an ordinal, a day without a
    year being the last one on or before ``published`` (as :func:`opening_day` takes
    it); 0 when it names none. A document's day ("a report published on 8 May") is not
    counted: it does not date what the sentence tells."""
    if not (_DIGIT.search(text) and _ANY_MONTH.search(text)):  # most sentences name no day
        return 0
    published = dt.date(published.year, published.month, published.day)  # not a datetime
    days = [
        when.toordinal()
        for m in _DAY_DATE.finditer(text)
        if not _DOCUMENT_DAY.search(text, max(0, m.start() - 25), m.start())
        and not _SIDE_CLAUSE_BEFORE.search(text, max(0, m.start() - 60), m.start())
        and (when := _day_of(m, published)) is not None
    ]
    return max(days, default=0)


#: A clause of its own before a day, which the day dates instead of what the sentence
#: reports: "Boko Haram freed 21 of the schoolgirls it abducted on April 14" tells of
#: the release, not of April 14.
_SIDE_CLAUSE_BEFORE = re.compile(
    r"\b(?:it|they|he|she|we|who|which|that|whom)\s+(?:had\s+|has\s+|have\s+|was\s+|were\s+)?"
    r"[a-z]+(?:ed|en|ew|ook|ought|ent)\b[^,;:.]*$",
    re.I,
)


#: "need(s)", up to three words, then "to" and a verb, in :func:`cues`' space-joined
#: words ("need to" itself is an obligation phrase).
_NEED_TO = re.compile(r" needs? (?!to )(?:\S+ ){1,3}?to [a-z]")
#: "whether" and an open question that remains ("whether ... remains unclear", "remains
#: open to question whether ..."), in either order.
_WHETHER_OPEN = re.compile(
    r" whether .* remains? (?:unclear|uncertain|open to question|an open question) "
    r"| remains? (?:unclear|uncertain|open to question|an open question) whether "
)
#: "once" and a present "is / are" after its subject, up to three words ("once power is
#: restored", "once the talks are over"): a condition still to be met. Not a subject
#: ending in -ed or -ly ("once called, is ..."), not "once again", "at once".
#: "once" set off by a comma: an aside's "formerly" ("the harbour, once busy, is quiet").
_ONCE_ASIDE = re.compile(r"(?i),\s*once\b")
#: "show(s) no sign(s) of" something happening ("of abating", "of materialising").
_NO_SIGN_OF = re.compile(r" shows? no signs? of [a-z'’]{3,}ing ")
_ONCE_WHEN = re.compile(
    r" once (?!again |more |upon )(?:[a-z'’]+ ){1,3}?(?<!ed )(?<!ly )(?:is|are) "
)
#: A day or a time named right before "to" ("preparing late Sunday to", "agreed on
#: Tuesday to", "is set this week to"), as news writes it between a verb and its object.
_DAY_BEFORE_TO = re.compile(
    r" (?:(?:late|early) )?(?:on )?(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)(?: (?:night|morning|afternoon|evening))?|today|tomorrow|tonight|yesterday|"
    r"(?:this|last|next) (?:week|month|weekend))(?= to )"
)
#: Someone asked to do something ("asked both parties to respect", "asks the court to
#: block"), up to four words between; not "asked to" alone ("he was asked to leave").
_ASKED_TO = re.compile(
    r" as(?:k|ks|ked|king) (?!to |for |about |whether |if )(?:\S+ ){1,4}?to [a-z]"
)
#: "is / are to" and a verb: a schedule ("the court is to rule on Friday"). Not after a
#: role, a task or a way ("her job is to better ...", "the answer is to build"), not
#: "is to blame" or "that is to say", not before a determiner ("is to the credit of");
#: "is to be" is a phrase of its own.
_BE_TO = re.compile(
    r" (?!(?:job|jobs|task|tasks|role|roles|duty|duties|mission|purpose|function|work|"
    r"answer|solution|way|idea|point|thing|trick|challenge|key|that|what) )[a-z'’]+ "
    r"(?:is|are) to (?!(?:be|blame|say|the|a|an|his|her|their|its|our|my|your|this|that|"
    r"these|those|some|any|me|us|him|them) )[a-z]"
)


def _phrases(padded: tuple[tuple[str, str], ...], hits: set[str]) -> tuple[str, ...]:
    """The phrases (each with its padded form) whose padded form is among ``hits`` (what
    :data:`_PHRASES` found in a sentence's space-joined words)."""
    return tuple([p for p, pad in padded if pad in hits]) if hits else ()


#: Hoping, not a hope held up as a purpose ("sought links in the hope of countering").
HOPES = wordset("hope hopes")
#: A plan, aim or target negated ("there were no plans to add members") is a statement
#: of the present, not a plan.
PLAN_WORDS = wordset("plans aim aims intends intend target targets")
_NEGATION = wordset("no not never without")
#: Words before "fears" or "worries" that make it the noun ("the fears are captured").
_NOUN_BEFORE = wordset(
    """the a an these those this that his her their its our my your of such many several
    some any no deep deepest growing new old own main chief biggest greatest these"""
)


def _after_modal(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` follows a modal, maybe through "be" or "have been"."""
    j = i - 1
    while j >= 0 and i - j <= 3 and words[j] in ("be", "been", "have", "not"):
        j -= 1
    return j >= 0 and words[j] in MODALS


_QUOTES = ('"', "“", "”")
#: A term quoted as a term: a short quotation (at most three words) in brackets or after
#: a word that names or glosses it ("the phrase “What if Trump?”", "its variants
#: (“probably Trump”)", "dubbed “the wall”"). Not a fragment of what someone said ("he
#: remained “cautiously optimistic”"): that is said, and cues as said.
_MENTIONED = re.compile(
    r"(?:(?:\(|\b(?:means?|meaning|phrase|term|word|slogan|called|dubbed|known as|nicknamed)"
    r"\s*,?)\s*)"
    r"(?:“\s*(?:[^\s“”]+\s+){0,2}[^\s“”]+\s*”|\"(?:[^\s\"]+\s+){0,2}[^\s\"]+\")",
    re.I,
)
#: What a term quoted as a term comes after, one of them at least (lower-cased).
_MENTIONED_AFTER = ("(", "mean", "phrase", "term", "word", "slogan", "called", "dubbed", "known as", "nicknamed")  # fmt: skip
#: The characters outside ASCII that a case-blind pattern takes for an ASCII letter ("ı"
#: for "i", "ſ" for "s", the Kelvin sign for "k"): where none is written, a case-blind
#: pattern's words are in the lower-cased text as they are in the pattern.
CASE_BLIND_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def _may_mention(text: str) -> bool:
    """Whether :data:`_MENTIONED` may find anything: not where none of the words it
    comes after is written (most quoting sentences)."""
    if CASE_BLIND_ASCII.search(text):
        return True
    low = text.lower()
    return any(w in low for w in _MENTIONED_AFTER)


#: Obligations: a position stated, not an outcome, when a later sentence reports one.
OBLIGATIONS = wordset("must should ought mustn't shouldn't")
OBLIGATION_PHRASES = (
    "has to",
    "have to",
    "needs to",
    "need to",
    # "it is vital that the law recognises ...", "it is critical that the government
    # not use ...": an obligation put as a need.
    *(
        f"{be} {need} that"
        for be in ("is", "was")
        for need in (
            "vital",
            "essential",
            "crucial",
            "imperative",
            "critical",
            "important",
            "necessary",
            "urgent",
        )
    ),
)


def _past_inability(word: str, following: str, after: str = "") -> bool:
    """ "could not agree", "couldn't": what did not happen, not what may; "would have
    allowed", "should have": a counterfactual about the past, not a look ahead ("may
    have misused", "could have" stay: a suspicion still to be tested); "would later
    become", "would go on to win": the future of a past told, history."""
    if word in ("would", "should", "wouldn't", "wouldn’t") and following == "have":
        return after != "to"  # "would have to rewrite it" looks ahead
    if word == "would" and (following == "later" or (following == "go" and after == "on")):
        return True  # "she would later become leader", "would go on to win": history
    return word in ("couldn't", "couldn’t") or (word == "could" and following == "not")


#: Verbs that report speech or a decision: in a later article "will" after them is a
#: decision announced, not an outlook.
REPORTING_WORDS = wordset(
    """say said says announced announces told stated states statement declared confirmed
    ruled decided agreed reads wrote writes argued argues claimed claims"""
)


def concern_strength(c: Cues) -> float:
    """How much a sentence reads as a worry, risk, expectation or prediction."""
    # A worry word alone often describes the present ("Japan is wary", "another problem
    # is", "officials have several sets of fears"): it takes two, or someone who fears
    # or worries, to make a concern without a forward cue; a condition ("if") or a
    # "potential" adds to a concern, it does not make one of a problem named.
    worry = sum(0.7 for _ in c.worry[:2]) + (0.3 if c.worry_verb else 0.0)
    score = min(len(c.forward), 2) * 1.0 + worry
    # An obligation someone states ("McConnell said any new bill should not contain a
    # timetable", "REID: “The president has to work with us.”") is a demand; one nobody
    # states is a rule of procedure ("two-thirds of senators must vote to convict").
    told = c.obligation if (c.reported or c.quoted) else ()
    conditions = [w for w in c.weak_forward if w in CONDITIONS]
    if conditions or score > 0.7 or c.demand or told or c.allegation:
        score += min(len(c.weak_forward), 1) * 0.3
    # A demand, commitment or allegation looks forward even when narrated in the past.
    score += min(len(c.demand) + len(told), 1) * 1.0
    score += min(len(c.allegation), 1) * 1.0
    if not (c.forward or c.demand or told or c.allegation) and (
        c.past or c.events or c.generic_past
    ):
        score -= 1.0  # worry words in narrated history: "harboured deep concerns"
    return score


def development_strength(c: Cues) -> float:
    """How much a sentence reports something that happened, was pledged or decided."""
    score = min(len(c.events), 3) * 1.0 + min(len(c.event_nouns), 2) * 0.5
    score += min(c.generic_past, 3) * 0.3 + (0.3 if c.past else 0.0)
    if c.when and (c.events or c.generic_past or c.past):
        score += 0.4  # a dated past event: "performed ... on Saturday"
    outlook = [w for w in c.forward if w in OUTLOOK_WORDS or w in OUTLOOK_PHRASES]
    if c.obligation and not c.events:
        score -= 1.0  # "Johnson has stated that Britain must leave by that date": a position
    elif outlook and not c.events:
        # "he said he remained optimistic a deal would be reached": an outlook told,
        # however dated, is not what happened.
        score = min(score - 1.5, 0.0)
    elif outlook:
        score -= 1.0  # "because it passed by close votes, an override is unlikely"
    elif c.reported and not any(w in CONDITIONS for w in c.weak_forward):
        # "the government will withdraw the bill, Lam said": a decision told (not "if
        # he thinks he will stop us, he is mistaken, said Reid": a condition told).
        score += 0.3
    elif not (c.events or c.generic_past):
        if any(w in MODALS or w in OUTLOOK_WORDS or w in OUTLOOK_PHRASES for w in c.forward):
            score -= 1.5  # "may either reduce or heighten": an outlook, not an event
        elif c.forward:
            score -= 0.5  # "talk of a deal in 2025": a plan, unless a pledge backs it
    return score


CONCERN_MIN, DEVELOPMENT_MIN, NEW_DEVELOPMENT_MIN = 1.0, 0.3, 0.6
#: Distinct content words a sentence needs to be worth linking ("Exit America" is not).
CONCERN_MIN_WORDS, DEVELOPMENT_MIN_WORDS = 2, 4


#: Which kinds of cue each word is (one word may be several: "pledged" is an event and
#: a demand), for :func:`cues`' single pass.
_KIND_WORDS = {
    "forward": MODALS | FORWARD_WORDS,
    "weak": WEAK_FORWARD,
    "worry": WORRY_WORDS,
    "past": PAST_MARKERS,
    "events": EVENT_VERBS,
    "event_nouns": EVENT_NOUNS,
    "when": WHEN_WORDS,
    "demand": DEMAND_WORDS,
    "allegation": ALLEGATION_WORDS,
    "reported": REPORTING_WORDS,
    "obligation": OBLIGATIONS,
    "be": _PRESENT_BE,
    "generic": frozenset(),
}
_KINDS = tuple(_KIND_WORDS)
_CUE_WORDS = frozenset().union(*_KIND_WORDS.values(), IRREGULAR_PAST, WORRY_VERBS)
_KINDS_OF = {w: tuple(k for k, ws in _KIND_WORDS.items() if w in ws) for w in _CUE_WORDS}
#: Month names as words of a sentence, numbered; "may" is left out, a modal far more often.
_MONTHS = {m.lower(): i for m, i in _MONTH_NUMBER.items() if m != "May"}
#: Words that make a month a deadline ("by October 1", "not until October 14").
_BY = wordset("by until till before")
_CUE_WORDS = _CUE_WORDS | frozenset(_MONTHS)
_KINDS_OF.update((m, _KINDS_OF.get(m, ())) for m in _MONTHS)

#: A risk run, as a verb before what may follow ("risks alienating", "to risk losing").
_RISK_VERBS = frozenset(["risk", "risks", "risking"])
#: "has until now / recently / then": how long something held, not a deadline.
_UNTIL_NOW = re.compile(r" ha(?:s|ve) until (?:now|recently|then|lately) ")
#: Phrases as :func:`cues` looks them up in its space-joined words: whole words ("stand
#: to" is not in "stand together", "yet to" not in "yet tough"), but a phrase ending in a
#: digit runs on ("by 20" finds "by 2027").
_FORWARD_PADDED = tuple(
    (p, f" {p}" if p[-1].isdigit() else f" {p} ")
    for p in dict.fromkeys(FORWARD_PHRASES)  # each once, however often listed
    if p not in WORRY_PHRASES
)
#: Padded forward phrase -> (its place in the list, the phrase).
_FORWARD_OF = {pad: (i, p) for i, (p, pad) in enumerate(_FORWARD_PADDED)}
_WORRY_PADDED, _WHEN_PADDED, _DEMAND_PADDED, _OBLIGATION_PADDED = (
    tuple((p, f" {p} ") for p in phrases)
    for phrases in (WORRY_PHRASES, WHEN_PHRASES, DEMAND_PHRASES, OBLIGATION_PHRASES)
)
#: Every padded phrase above, found in one pass over a sentence (Aho-Corasick): each one
#: that occurs, overlapping ones too, as ``pad in low`` would find it.
_PHRASES = ahocorasick.Automaton()
for _padded in {
    pad
    for group in (_FORWARD_PADDED, _WORRY_PADDED, _WHEN_PADDED, _DEMAND_PADDED, _OBLIGATION_PADDED)
    for _, pad in group
}:
    _PHRASES.add_word(_padded, _padded)
_PHRASES.make_automaton()
