"""Compare two articles: the earlier one's concerns, the later one's developments.

The earlier article worries, predicts and expects; the later one reports what
happened, was pledged, signed, announced or decided. :func:`compare` finds both
kinds of sentence by general cues (never by the sentences of any one article),
links each concern to the developments that answer it, and says why: the words
and canonical entities they share and the theme of international affairs they
both touch. A concern nothing answers is a finding in itself ("no development
found"), and so is a development nothing anticipated.

The score of a link combines three things, each in 0..1:

- Whoosh BM25F similarity of the development to the concern's content words
  (names excluded: they count as entities), normalised by the concern's score
  against itself, with bonuses for shared adjacent word pairs ("defence spending")
  and shared synonym rings of :file:`data/synonyms.toml` ("LNG" / "liquefied
  natural gas");
- the canonical entities they share (from :mod:`search.entities`), each weighted by
  how rare it is in the two articles (the subject of either piece links nothing);
- the themes of :file:`data/themes.toml` they share, weighted by rarity in the later
  article.

Words are stemmed, US spellings folded into British and demonyms into their places
(:file:`data/demonyms.toml`) so "French farmers" meets "France".

Analysts' verdicts, pins and drops are applied on top by :mod:`search.links`.
"""

from __future__ import annotations

from . import _whoosh  # noqa: F401  (first: Whoosh without what it never uses)

# isort: split
import bisect
import datetime as dt
import hashlib
import math
import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from attrs import define, field
from whoosh.analysis import (
    CompositeAnalyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    SpaceSeparatedTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.analysis.filters import STOP_WORDS
from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.scoring import BM25F

from search.config import toml_loads
from search.model import FIGURE_TYPES, Article, Entity, Span

#: Verdicts an analyst can give a concern, in the order the UI cycles through them.
VERDICTS = ("open", "borne out", "partly", "not borne out", "not addressed")
#: The automatic verdicts: the engine links, it does not judge.
AUTO_LINKED, AUTO_SILENT = "open", "not addressed"

#: A development must score at least this to be linked to a concern at all.
LINK_THRESHOLD = 0.25
#: At most this many developments are listed for one concern.
MAX_DEVELOPMENTS = 3
#: A development below the best one by more than this factor is not listed.
RELATIVE_CUTOFF = 0.55

WEIGHT_TEXT, WEIGHT_ENTITIES, WEIGHT_THEME = 0.45, 0.35, 0.20

THEMES_PATH = Path(__file__).with_name("data") / "themes.toml"


# --------------------------------------------------------------------------- model


@define(frozen=True, slots=True)
class Concern:
    """A forward-looking worry, risk, expectation or prediction in the earlier article."""

    span: Span
    #: Stable across runs and small edits: article id + hash of the normalised text.
    key: str
    #: The words that made this sentence a concern ("may", "fears", ...), for the curious.
    cues: tuple[str, ...] = ()


@define(frozen=True, slots=True)
class Development:
    """Something the later article reports as having happened, been pledged or decided."""

    span: Span
    key: str
    cues: tuple[str, ...] = ()


@define(frozen=True, slots=True)
class Evidence:
    """One development offered as an answer to one concern, with the reasons."""

    development: Development
    score: float
    shared_entities: tuple[str, ...] = ()
    #: Surface words of the concern that the development shares (by stem).
    shared_terms: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    #: Offsets (into the earlier / later body) of the shared terms and entities.
    concern_marks: tuple[tuple[int, int], ...] = ()
    development_marks: tuple[tuple[int, int], ...] = ()
    #: "auto" (found by the engine) or "curated" (pinned by an analyst).
    origin: str = "auto"


@define(frozen=True, slots=True)
class Link:
    """A concern, the developments that answer it (best first), and a verdict."""

    concern: Concern
    evidence: tuple[Evidence, ...]
    verdict: str = AUTO_LINKED
    #: "auto" if the engine alone made it; "curated" if an analyst set the verdict or
    #: pinned or dropped a development.
    origin: str = "auto"
    note: str = ""

    @property
    def developments(self) -> tuple[Development, ...]:
        return tuple(e.development for e in self.evidence)

    @property
    def shared_entities(self) -> tuple[str, ...]:
        return _union(e.shared_entities for e in self.evidence)

    @property
    def shared_terms(self) -> tuple[str, ...]:
        return _union(e.shared_terms for e in self.evidence)

    @property
    def theme(self) -> str | None:
        for e in self.evidence:
            if e.themes:
                return e.themes[0]
        return None

    @property
    def addressed(self) -> bool:
        return bool(self.evidence)


@define(frozen=True, slots=True)
class Comparison:
    earlier: Article
    later: Article
    #: Every concern, in the earlier article's order; those with no evidence are the
    #: unaddressed ones.
    links: tuple[Link, ...]
    #: Developments that no concern anticipated, in the later article's order.
    new_developments: tuple[Development, ...]
    elapsed_ms: float = 0.0
    #: Things the user should know (e.g. a pinned development no longer in the text).
    notices: tuple[str, ...] = ()

    @property
    def addressed(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.evidence)

    @property
    def unaddressed(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if not link.evidence)

    def link(self, concern_key: str) -> Link | None:
        for link in self.links:
            if link.concern.key == concern_key:
                return link
        return None


def _union(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for item in group:
            seen.setdefault(item, None)
    return tuple(seen)


# --------------------------------------------------------------------------- sentences


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (easier to read)."""
    return frozenset(words.split())


#: Words that end in a full stop without ending a sentence (compared lower-cased).
ABBREVIATIONS = _wordset(
    """mr mrs ms mx dr prof sr jr st gen lt col maj capt cmdr adm sgt cpl pte rev hon
    gov sen rep pres supt insp det messrs mme mlle jan feb mar apr jun jul aug sep sept
    oct nov dec mon tue tues wed thu thur thurs fri sat sun inc ltd co corp bros plc llc
    dept univ assn est approx cf vs viz al fig figs vol vols ed eds pp ch sec art para
    mt ft ave blvd rd hwy min max ca c e.g i.e"""
)
#: Abbreviations that only hold before a number ("No. 10", "p. 5").
NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "p", "op", "ref", "tel"})
#: Words that start sentences; after "U.S." one of these means the sentence ended.
SENTENCE_STARTERS = _wordset(
    """the a an he she it they we i you his her its their our this that these those there
    but and yet so however meanwhile still then in on at for if when while as after
    before since although though mr mrs ms dr some many most such what who why how"""
)

_TERMINATOR = re.compile(r"(?:[.!?…]+|\.\.\.)[\"'”’»)\]]*")
_OPENER = re.compile(r"[\"'“‘«(\[]*[A-Z0-9\u00C0-\u024F\u0370-\u1FFF\u2C00-\uFFFF]")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_WORD_BEFORE = re.compile(r"([^\s\"'“‘«(\[]+)$")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_MARKUP_LINE = re.compile(r"^\s*(?:#{1,6}\s|[-*•]\s|>\s|\d+[.)]\s)")


def split_sentences(text: str, *, offset: int = 0) -> tuple[Span, ...]:
    """Split ``text`` into sentences; offsets are into ``text`` plus ``offset``.

    Paragraphs (blank-line separated) never share a sentence; a short line without
    final punctuation (a heading, a dateline) stands alone. Inside a paragraph a
    sentence ends at ``.``, ``!``, ``?`` or an ellipsis, with any closing quotes and
    brackets, when the next word starts like a sentence, and not after a title
    ("Mr", "Dr"), an initial ("J. Smith"), a dotted acronym ("U.S.") that runs on, or
    a month before a number ("Apr. 9"). Decimals never split. Every non-space
    character of ``text`` is in exactly one span.
    """
    spans: list[Span] = []
    pos = 0
    for sep in _BLANK_LINE.finditer(text):
        _split_paragraph(text, pos, sep.start(), spans)
        pos = sep.end()
    _split_paragraph(text, pos, len(text), spans)
    if offset:
        spans = [Span(s.text, s.start + offset, s.end + offset) for s in spans]
    return tuple(spans)


def _split_paragraph(text: str, start: int, end: int, out: list[Span]) -> None:
    # Lines: a heading-like line stands alone; other lines run on (hard-wrapped prose).
    line_start = start
    seg_start = start
    while True:
        nl = text.find("\n", line_start, end)
        if nl < 0:
            break
        line = text[line_start:nl]
        next_line = text[nl + 1 : end]
        if _line_stands_alone(line) or _MARKUP_LINE.match(next_line):
            _split_segment(text, seg_start, nl, out)
            seg_start = nl + 1
        line_start = nl + 1
    _split_segment(text, seg_start, end, out)


def _line_stands_alone(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if _MARKUP_LINE.match(line):
        return True
    if stripped[-1] in ".!?…:;,\"'”’)" or stripped[-1] == "-":
        return False
    return len(stripped.split()) <= 8


def _split_segment(text: str, start: int, end: int, out: list[Span]) -> None:
    seg = text[start:end]
    cut = 0
    for m in _TERMINATOR.finditer(seg):
        stop = m.end()
        rest = seg[stop:]
        if rest and not rest[0].isspace():
            continue  # "2.5", "U.S.-led", "e.g.,"
        following = rest.lstrip()
        if following and not _OPENER.match(following):
            continue  # a lower-case word follows: not a new sentence
        if not _ends_sentence(seg, m, following):
            continue
        _emit(text, start + cut, start + stop, out)
        cut = stop
    _emit(text, start + cut, end, out)


def _ends_sentence(seg: str, m: re.Match[str], following: str) -> bool:
    punct = m.group(0)
    if not punct.startswith(".") or punct.startswith(".."):
        return True
    before = _WORD_BEFORE.search(seg, 0, m.start())
    if not before:
        return True
    word = before.group(1)
    low = word.lower().rstrip(".")
    next_word = re.match(r"[\"'“‘«(\[]*([\w'’]+)", following)
    nxt = next_word.group(1) if next_word else ""
    if not following:
        return True
    if low in ABBREVIATIONS:
        return False
    if low in NUMBER_ABBREVIATIONS and nxt[:1].isdigit():
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        # An initial ("J. Smith") unless it is the pronoun or a letter ending a sentence
        # before an obvious starter.
        return nxt.lower() in SENTENCE_STARTERS and word != "I"
    if _DOTTED.match(word):
        return nxt.lower() in SENTENCE_STARTERS
    return True


def _emit(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Span(text[start:end], start, end))


def sentence_key(article_id: str, text: str) -> str:
    """A key for a sentence that survives changes of spacing, quotes and case."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    norm = re.sub(r"[\W_]+", " ", norm).strip()
    return f"{article_id}:{hashlib.sha1(norm.encode('utf-8')).hexdigest()[:12]}"


# --------------------------------------------------------------------------- cues


def _words(text: str) -> list[str]:
    """Lower-cased words, with the month "May" and the noun "will" ("political will")
    renamed so that they are not taken for modal verbs."""
    words = []
    prev = ""
    for m in re.finditer(r"[A-Za-z]+(?:['’][A-Za-z]+)?", text):
        w = m.group(0)
        low = w.lower()
        if low == "may" and (w == "May" and (prev or _NUMBER_NEAR.match(text, m.end()))):
            low = "<month>"
        elif low == "will" and prev in _WILL_NOUN_BEFORE:
            low = "<noun>"
        words.append(low)
        prev = low
    return words


_NUMBER_NEAR = re.compile(r"\s+\d")
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
#: Irregular past tenses: they narrate what happened, like the regular -ed forms.
IRREGULAR_PAST = _wordset(
    """came went took gave saw became fell rose grew broke spoke chose drew drove flew
    froze led paid ran sent shook sought stood swore taught threw wrote bore began
    brought built caught fought found forgot hung knew meant sank spent split spread
    struck thought told undertook withdrew overtook"""
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def future_years(text: str, year: int | None) -> tuple[str, ...]:
    """Years in ``text`` later than ``year`` (the article's own): a plan or forecast."""
    if year is None:
        return ()
    return tuple(y for y in _YEAR.findall(text) if int(y) > year)


# Forward-looking: modals, predictions, plans. Strong ones mark a concern alone.
MODALS = _wordset(
    "may might could would will shall won't wouldn't couldn't mightn't won’t wouldn’t couldn’t"
)
FORWARD_WORDS = _wordset(
    """likely unlikely probably possibly perhaps expect expects expected expecting
    predict predicts predicted prediction predictions forecast forecasts foresee
    foresees anticipate anticipates anticipated expectation expectations prospect
    prospects outlook aims aim plans intends intend target targets poised bound
    eventually soon upcoming forthcoming"""
)
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
    "raise questions",
    "raises questions",
    "remains to be seen",
    "is due to",
)
#: Forward words that make a sentence an outlook rather than a report.
OUTLOOK_WORDS = _wordset(
    """likely unlikely probably possibly expect expects expected predict predicts
    forecast forecasts foresee anticipate anticipates prospect prospects outlook
    upcoming forthcoming"""
)
OUTLOOK_PHRASES = ("going to", "set to", "remains to be seen")
WEAK_FORWARD = _wordset("if whether unless potential potentially chance chances")
WORRY_WORDS = _wordset(
    """fear fears feared fearful fret fretful fretting worry worries worried worrying
    concern concerns concerned danger dangers dangerous endanger risk risks risky
    threat threats threaten threatens threatening undermine undermines undermining
    wither withers erode erodes erosion weaken weakens weaker jeopardise jeopardize
    jeopardy imperil pressure pressures problem problems trouble troubling vulnerable
    vulnerability wary sceptic sceptics sceptical skeptic skeptics skeptical bracing
    brace alarm alarmed anxious anxiety anxieties uncertain uncertainty instability
    confrontation escalate escalation tension tensions damage harm abandon abandons
    abandoning abandonment retreat retreating collapse crisis dismay doubt doubts
    refuse refuses refusal halt halts withdraw withdrawal drawdown dilemma setback
    backlash hostile provoke provoking costly difficult difficulty barrier barriers
    strain strains rift rifts divisions diverge"""
)
WORRY_PHRASES = ("at stake", "drawing down", "pull out", "raise questions")
#: Verbs of narrated past: a sentence with these and no forward cue is history.
PAST_MARKERS = _wordset("was were had did")

EVENT_VERBS = _wordset(
    """signed announced agreed pledged committed endorsed approved met held hosted
    visited launched imposed lifted slashed raised increased boosted reduced deployed
    withdrew halted resumed suspended declared presided departed attended skipped
    boycotted struck reached concluded ratified joined left quit sold bought ordered
    delivered stabilised stabilized elected won lost appointed resigned unveiled
    adopted passed vetoed sanctioned expanded extended renewed established opened
    closed ended began started completed published released confirmed rejected
    refused blocked granted awarded condemned warned demanded urged secured negotiated
    brokered mediated bypassed ceded cancelled canceled postponed dropped doubled
    tripled halved cut signalled signaled promised vowed offered accepted allowed
    banned restricted tightened eased invested acquired merged formed dissolved
    toured travelled traveled called summoned expelled recalled reaffirmed
    reiterated backed supported opposed finalised finalized inked sealed
    introduced enacted implemented abandoned retreated returned arrived"""
)
EVENT_NOUNS = _wordset(
    """pledge pledges commitment commitments agreement agreements deal deals treaty
    accord accords truce ceasefire declaration summit visit meeting talks
    announcement decision vote election framework memorandum procurement sale sales
    purchase contract exercises deployment tour"""
)
WHEN_WORDS = _wordset(
    """monday tuesday wednesday thursday friday saturday sunday yesterday january
    february march april <month> june july august september october november december
    weekend"""
)
WHEN_PHRASES = ("last week", "last month", "last year", "earlier this", "this week")
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:been\s+)?[a-z]+(?:ed|en|un|ught|ade)\b")
_GENERIC_PAST = re.compile(r"\b[a-z]{3,}ed\b")


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


def cues(text: str, year: int | None = None) -> Cues:
    """The cue words of a sentence, grouped by what they suggest. ``year`` is the
    article's year of publication: a later year mentioned is a forward cue."""
    words = _words(text)
    low = " " + " ".join(words) + " "
    forward = [w for w in words if w in MODALS or w in FORWARD_WORDS]
    forward += [p for p in FORWARD_PHRASES if f" {p}" in low and p not in WORRY_PHRASES]
    forward += future_years(text, year)
    worry = [w for w in words if w in WORRY_WORDS]
    worry += [p for p in WORRY_PHRASES if f" {p} " in low]
    events = [w for w in words if w in EVENT_VERBS]
    generic = [
        m.group(0)
        for m in _GENERIC_PAST.finditer(low)
        if m.group(0) not in EVENT_VERBS and m.group(0) not in WORRY_WORDS
    ]
    generic += [w for w in words if w in IRREGULAR_PAST and w not in EVENT_VERBS]
    return Cues(
        forward=tuple(forward),
        weak_forward=tuple(w for w in words if w in WEAK_FORWARD),
        worry=tuple(worry),
        past=any(w in PAST_MARKERS for w in words) or bool(_PERFECT.search(low)),
        events=tuple(events),
        event_nouns=tuple(w for w in words if w in EVENT_NOUNS),
        generic_past=len(generic),
        when=tuple(w for w in words if w in WHEN_WORDS)
        + tuple(p for p in WHEN_PHRASES if f" {p} " in low),
    )


def concern_strength(c: Cues) -> float:
    """How much a sentence reads as a worry, risk, expectation or prediction."""
    score = min(len(c.forward), 2) * 1.0 + min(len(c.worry), 2) * 1.0
    score += min(len(c.weak_forward), 1) * 0.3
    if not c.forward and (c.past or c.events or c.generic_past):
        score -= 1.0  # worry words in narrated history: "harboured deep concerns"
    return score


def development_strength(c: Cues) -> float:
    """How much a sentence reports something that happened, was pledged or decided."""
    score = min(len(c.events), 3) * 1.0 + min(len(c.event_nouns), 2) * 0.5
    score += min(c.generic_past, 3) * 0.3 + (0.3 if c.past else 0.0)
    if c.when and (c.events or c.generic_past or c.past):
        score += 0.4  # a dated past event: "performed ... on Saturday"
    if not c.events:
        if any(w in MODALS or w in OUTLOOK_WORDS or w in OUTLOOK_PHRASES for w in c.forward):
            score -= 1.5  # "may either reduce or heighten": an outlook, not an event
        elif c.forward:
            score -= 0.5  # "talk of a deal in 2025": a plan, unless a pledge backs it
    return score


CONCERN_MIN, DEVELOPMENT_MIN, NEW_DEVELOPMENT_MIN = 1.0, 0.3, 0.6
#: Distinct content words a sentence needs to be worth linking ("Exit America" is not).
CONCERN_MIN_WORDS, DEVELOPMENT_MIN_WORDS = 3, 4


# --------------------------------------------------------------------------- analysis

#: Words that carry modality or reporting, not topic: never matched between sentences.
TOPIC_STOP = (
    MODALS
    | FORWARD_WORDS
    | WEAK_FORWARD
    | _wordset(
        """a about above after again against all am an and any are aren't as at be
        because been before being below between both but by can cannot could did do
        does doing down during each few for from further had has have having he her
        here hers herself him himself his how i if in into is it its itself let me
        more most my myself no nor not of off on once only or other ought our ours
        ourselves out over own same she should so some such than that the their theirs
        them themselves then there these they this those through to too under until up
        very was we were what when where which while who whom why with you your yours
        yourself yourselves across along amid among around behind beyond despite
        toward towards upon within without via per s t
        say says said told tells according also even more most less still already
        just many much some such other another one two three first last new recent
        recently year years time times way ways part well however although though yet
        while whether would able make makes made take takes took get gets got put puts
        come comes came go goes went do does did done be been being is are was were
        mr mrs ms dr per cent percent lot thing things kind sort instead rather
        further far long short like own help helps helped keep keeps kept"""
    )
)

_SPELLING = {
    "defense": "defence",
    "offense": "offence",
    "license": "licence",
    "center": "centre",
    "theater": "theatre",
    "program": "programme",
    "programs": "programmes",
    "labor": "labour",
    "favor": "favour",
    "harbor": "harbour",
    "ameliorate": "ameliorate",
}
_IZE = re.compile(r"(?<=[a-z]{3})iz(e|es|ed|ing|ation|ations)$")


DEMONYMS_PATH = Path(__file__).with_name("data") / "demonyms.toml"


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    data = toml_loads(DEMONYMS_PATH.read_text(encoding="utf-8"))
    return {str(k).lower(): str(v).lower() for k, v in data.get("demonyms", {}).items()}


class SpellingFilter(Filter):
    """Fold US spellings into British ("defense" meets "defence") and demonyms into
    their place ("French" meets "France"; see :file:`data/demonyms.toml`)."""

    def __call__(self, tokens):
        demonyms = _demonyms()
        for t in tokens:
            text = _SPELLING.get(t.text, t.text)
            text = demonyms.get(text, text)
            t.text = _IZE.sub(r"is\1", text) if "iz" in text else text
            yield t


@lru_cache(maxsize=1)
def _analyzer() -> CompositeAnalyzer:
    """Words -> lower-cased, topic-bearing, spelling-folded stems, with char offsets."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter(stoplist=frozenset(STOP_WORDS) | TOPIC_STOP, minsize=2)
        | SpellingFilter()
        | StemFilter(cachesize=50000)
    )


@define(frozen=True, slots=True)
class _Token:
    stem: str
    start: int
    end: int


def _tokens(text: str, offset: int) -> tuple[_Token, ...]:
    return tuple(
        _Token(t.text, t.startchar + offset, t.endchar + offset)
        for t in _analyzer()(text, chars=True, mode="index")
        if not t.text.isdigit()
    )


@define(frozen=True, slots=True)
class Theme:
    name: str
    #: Each term as a tuple of stems.
    terms: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=4)
def load_themes(path: Path = THEMES_PATH) -> tuple[Theme, ...]:
    """The thesaurus of :file:`data/themes.toml`, terms stemmed like the text."""
    data = toml_loads(path.read_text(encoding="utf-8"))
    themes = []
    for entry in data.get("theme", []):
        terms = []
        for term in entry.get("terms", []):
            stems = tuple(t.stem for t in _tokens(term, 0))
            if stems:
                terms.append(stems)
        themes.append(Theme(str(entry["name"]), tuple(dict.fromkeys(terms))))
    return tuple(themes)


SYNONYMS_PATH = Path(__file__).with_name("data") / "synonyms.toml"


@lru_cache(maxsize=4)
def load_rings(path: Path = SYNONYMS_PATH) -> tuple[Theme, ...]:
    """The synonym rings of :file:`data/synonyms.toml`, as themes named ``ring<n>``."""
    data = toml_loads(path.read_text(encoding="utf-8"))
    rings = []
    for n, entry in enumerate(data.get("ring", [])):
        terms = [tuple(t.stem for t in _tokens(term, 0)) for term in entry.get("terms", [])]
        rings.append(Theme(f"ring{n}", tuple(dict.fromkeys(t for t in terms if t))))
    return tuple(rings)


def _themes_of(stems: Sequence[str], themes: Sequence[Theme]) -> dict[str, int]:
    """Theme name -> number of its terms found in the stem sequence."""
    by_first = _terms_by_first_stem(tuple(themes))
    found: dict[str, int] = {}
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for i, stem in enumerate(stems):
        for name, term in by_first.get(stem, ()):
            if (name, term) in seen:
                continue
            if len(term) == 1 or tuple(stems[i : i + len(term)]) == term:
                seen.add((name, term))
                found[name] = found.get(name, 0) + 1
    return found


@lru_cache(maxsize=8)
def _terms_by_first_stem(
    themes: tuple[Theme, ...],
) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for theme in themes:
        for term in theme.terms:
            index.setdefault(term[0], []).append((theme.name, term))
    return index


@define(slots=True)
class _Sentence:
    span: Span
    key: str
    cues: Cues
    tokens: tuple[_Token, ...]
    entities: dict[str, list[tuple[int, int]]] = field(factory=dict)
    themes: dict[str, int] = field(factory=dict)
    #: Synonym rings the sentence uses (see :func:`load_rings`).
    rings: dict[str, int] = field(factory=dict)

    @property
    def stems(self) -> tuple[str, ...]:
        return tuple(t.stem for t in self.tokens)

    def words(self) -> tuple[_Token, ...]:
        """Tokens outside entity mentions: names are scored as entities, once."""
        if not self.entities:
            return self.tokens
        ranges = [r for rs in self.entities.values() for r in rs]
        return tuple(t for t in self.tokens if not _inside(t.start, ranges))


def _sentences(article: Article, entities: Sequence[Entity], themes) -> list[_Sentence]:
    spans = split_sentences(article.body)
    year = article.published.year if article.published else None
    # One pass of the analyzer over the whole body, then each token to its sentence.
    starts = [s.start for s in spans]
    buckets: list[list[_Token]] = [[] for _ in spans]
    for token in _tokens(article.body, 0):
        i = bisect.bisect_right(starts, token.start) - 1
        if i >= 0 and token.end <= spans[i].end:
            buckets[i].append(token)
    out = [
        _Sentence(s, sentence_key(article.id, s.text), cues(s.text, year), tuple(bucket))
        for s, bucket in zip(spans, buckets, strict=True)
    ]
    for e in entities:
        if e.field != "body" or e.type in FIGURE_TYPES:  # a shared "2026" or "5%" links nothing
            continue
        i = bisect.bisect_right(starts, e.start) - 1
        if i >= 0 and e.end <= out[i].span.end:
            out[i].entities.setdefault(e.canonical, []).append((e.start, e.end))
    rings = load_rings()
    for s in out:
        s.themes = _themes_of(s.stems, themes)
        s.rings = _themes_of(s.stems, rings)
    return out


def _entities(article: Article) -> tuple[Entity, ...]:
    from search.entities import recognise

    return tuple(recognise(article))


# --------------------------------------------------------------------------- compare


def find_concerns(article: Article) -> tuple[Concern, ...]:
    """The concerns of one article, by cues alone."""
    return tuple(
        Concern(s.span, s.key, s.cues.forward + s.cues.worry)
        for s in _sentences(article, (), ())
        if _is_concern(s)
    )


def find_developments(article: Article) -> tuple[Development, ...]:
    return tuple(
        Development(s.span, s.key, s.cues.events + s.cues.event_nouns)
        for s in _sentences(article, (), ())
        if _is_development(s)
    )


def _content(s: _Sentence) -> int:
    return len(set(s.stems))


def _is_concern(s: _Sentence) -> bool:
    return concern_strength(s.cues) >= CONCERN_MIN and _content(s) >= CONCERN_MIN_WORDS


def _is_development(s: _Sentence) -> bool:
    return development_strength(s.cues) >= DEVELOPMENT_MIN and _content(s) >= DEVELOPMENT_MIN_WORDS


def _both_sides(
    earlier: Article,
    later: Article,
    earlier_entities: Sequence[Entity] | None,
    later_entities: Sequence[Entity] | None,
    themes: Sequence[Theme],
) -> tuple[list[_Sentence], list[_Sentence]]:
    """Both articles' sentences, with entities recognised where none were given."""
    if earlier_entities is None:
        earlier_entities = _entities(earlier)
    if later_entities is None:
        later_entities = _entities(later)
    return _sentences(earlier, earlier_entities, themes), _sentences(later, later_entities, themes)


def compare(
    earlier: Article,
    later: Article,
    *,
    earlier_entities: Sequence[Entity] | None = None,
    later_entities: Sequence[Entity] | None = None,
    themes: Sequence[Theme] | None = None,
) -> Comparison:
    """Link the concerns of ``earlier`` to the developments of ``later``.

    Entities default to :func:`search.entities.recognise` of each article; themes to
    :func:`load_themes`.
    """
    t0 = time.perf_counter()
    themes = load_themes() if themes is None else tuple(themes)
    left, right = _both_sides(earlier, later, earlier_entities, later_entities, themes)
    concerns = [s for s in left if _is_concern(s)]
    developments = [s for s in right if _is_development(s)]

    text_scores = _bm25(concerns, developments)
    # Names count as entities, not words (see _Sentence.words), weighted by rarity in
    # both articles: the subject of the whole piece links nothing in particular.
    entity_weight = _rarity([*left, *right], "entities")
    theme_weight = _rarity(right, "themes")
    later_entities_all = {name for s in right for name in s.entities}

    by_entity: dict[str, list[_Sentence]] = {}
    for d in developments:
        for name in d.entities:
            by_entity.setdefault(name, []).append(d)
    by_key = {d.key: d for d in developments}

    links = []
    used: set[str] = set()
    for c in concerns:
        texts = text_scores.get(c.key, {})
        candidates = {k: by_key[k] for k in texts}
        for name in c.entities:
            candidates.update((d.key, d) for d in by_entity.get(name, ()))
        scored = sorted(
            (
                (_link_score(c, d, texts.get(d.key, 0.0), entity_weight, theme_weight), d)
                for d in candidates.values()
            ),
            key=lambda pair: (-pair[0], pair[1].span.start),
        )
        # A concern about things the later article never names is less likely answered.
        absent = [n for n in c.entities if n not in later_entities_all]
        if c.entities and absent:
            factor = 1.0 - 0.35 * len(absent) / len(c.entities)
            scored = [(score * factor, d) for score, d in scored]
        keep = []
        if scored and scored[0][0] >= LINK_THRESHOLD:
            best = scored[0][0]
            keep = [
                _evidence(c, d, score, theme_weight)
                for score, d in scored[:MAX_DEVELOPMENTS]
                if score >= LINK_THRESHOLD and score >= best * RELATIVE_CUTOFF
            ]
        used.update(e.development.key for e in keep)
        concern = Concern(c.span, c.key, c.cues.forward + c.cues.worry)
        links.append(Link(concern, tuple(keep), AUTO_LINKED if keep else AUTO_SILENT))

    new = tuple(
        Development(d.span, d.key, d.cues.events + d.cues.event_nouns)
        for d in developments
        if d.key not in used and development_strength(d.cues) >= NEW_DEVELOPMENT_MIN
    )
    elapsed = (time.perf_counter() - t0) * 1000
    return Comparison(earlier, later, tuple(links), new, elapsed)


def _pairs(s: _Sentence) -> list[str]:
    """Adjacent word pairs ("south_korea", "defenc_spend"): names and set phrases."""
    text, base = s.span.text, s.span.start
    out = []
    tokens = s.words()
    for a, b in zip(tokens, tokens[1:], strict=False):
        gap = text[a.end - base : b.start - base]
        if gap in (" ", "-", "\u00a0"):
            out.append(f"{a.stem}_{b.stem}")
    return out


def _bm25(concerns, developments) -> dict[str, dict[str, float]]:
    """BM25F of each development for each concern's content words, adjacent word
    pairs and synonym rings (an OR of them all, over three fields), as a share of the
    score of the concern's words against its own sentence: 1.0 is as good a match as
    itself."""
    words = SpaceSeparatedTokenizer()
    # Frequencies only (no positions, nothing stored): document numbers are the order
    # of addition in this one-segment index, so ``key_of`` maps them back.
    schema = Schema(
        text=TEXT(analyzer=words, phrase=False),
        pairs=TEXT(analyzer=words, phrase=False),
        rings=TEXT(analyzer=words, phrase=False),
    )
    ix = RamStorage().create_index(schema)
    writer = ix.writer()
    key_of: list[str] = []
    terms: dict[str, list[tuple[str, str]]] = {}
    for s in (*concerns, *developments):
        if s.key not in terms:
            key_of.append(s.key)
            pairs = _pairs(s)
            stems = [t.stem for t in s.words()]
            writer.add_document(
                text=" ".join(stems), pairs=" ".join(pairs), rings=" ".join(s.rings)
            )
            terms[s.key] = (
                [("text", t) for t in set(stems)]
                + [("pairs", p) for p in set(pairs)]
                + [("rings", r) for r in s.rings]
            )
    writer.commit()
    wanted = {d.key for d in developments}
    out: dict[str, dict[str, float]] = {}
    with ix.searcher(weighting=BM25F()) as searcher:
        reader = searcher.reader()
        assert searcher.doc_count_all() == len(key_of)
        postings: dict[tuple[str, str], dict[str, float]] = {}

        def scores(term: tuple[str, str]) -> dict[str, float]:
            # What Whoosh's Or([Term(...), ...]) sums, one term at a time and cached:
            # concerns share many words, and a union matcher per query costs more.
            if term not in postings:
                found: dict[str, float] = {}
                if term in reader:
                    m = searcher.postings(*term)
                    while m.is_active():
                        found[key_of[m.id()]] = m.score()
                        m.next()
                postings[term] = found
            return postings[term]

        for c in concerns:
            total: dict[str, float] = {}
            own = 0.0
            for term in terms[c.key]:
                for key, score in scores(term).items():
                    total[key] = total.get(key, 0.0) + score
                    if key == c.key and term[0] == "text":
                        own += score
            # Normalised by the words alone: a shared pair or synonym ring is a bonus.
            if own <= 0:
                continue
            out[c.key] = {
                key: min(1.0, score / own)
                for key, score in total.items()
                if key in wanted and key != c.key
            }
    return out


def _rarity(sentences: Sequence[_Sentence], attr: str) -> dict[str, float]:
    """Entity or theme -> weight in 0..1: the rarer among ``sentences``, the more a shared
    one says (the subject of the whole piece links nothing in particular). Themes are
    weighed in the later article; entities in both, as a name both keep repeating is the
    subject of both."""
    n = max(1, len(sentences))
    df: dict[str, int] = {}
    for s in sentences:
        for name in getattr(s, attr):
            df[name] = df.get(name, 0) + 1
    return {name: math.log(1 + n / k) / math.log(1 + n) for name, k in df.items()}


def _link_score(c: _Sentence, d: _Sentence, text: float, entity_weight, theme_weight) -> float:
    """0..1: how well development ``d`` answers concern ``c``."""
    ent = min(1.0, sum(entity_weight.get(n, 0.0) for n in c.entities if n in d.entities))
    theme = max((theme_weight.get(n, 0.0) for n in c.themes if n in d.themes), default=0.0)
    # BM25F as a share of the concern's own score is small for a long concern that
    # shares one telling word; the square root spreads the low end.
    return WEIGHT_TEXT * math.sqrt(text) + WEIGHT_ENTITIES * ent + WEIGHT_THEME * theme


def _evidence(c: _Sentence, d: _Sentence, score: float, theme_weight) -> Evidence:
    """The development with the reasons for linking it: shared entities, words, themes."""
    shared_entities = [n for n in c.entities if n in d.entities]
    shared_themes = sorted(
        (name for name in c.themes if name in d.themes),
        key=lambda name: -theme_weight.get(name, 0.0),
    )
    # Surface words of the concern that the development shares, minus entity words.
    entity_chars_c = [r for n in shared_entities for r in c.entities[n]]
    entity_chars_d = [r for n in shared_entities for r in d.entities[n]]
    d_stems = {t.stem for t in d.tokens}
    terms: dict[str, None] = {}
    c_marks = list(entity_chars_c)
    shared_stems = set()
    for t in c.tokens:
        if t.stem in d_stems and not _inside(t.start, entity_chars_c):
            terms.setdefault(c.span.text[t.start - c.span.start : t.end - c.span.start], None)
            c_marks.append((t.start, t.end))
            shared_stems.add(t.stem)
    d_marks = list(entity_chars_d)
    d_marks += [
        (t.start, t.end)
        for t in d.tokens
        if t.stem in shared_stems and not _inside(t.start, entity_chars_d)
    ]
    # Synonyms: "coal / lignite", marked on both sides.
    rings = {r.name: r for r in load_rings()}
    for name in c.rings:
        if name not in d.rings:
            continue
        c_spans, d_spans = _ring_spans(c, rings[name]), _ring_spans(d, rings[name])
        if not c_spans or not d_spans:
            continue
        c_word = _surface(c, c_spans[0])
        d_word = _surface(d, d_spans[0])
        if c_word.lower() != d_word.lower():
            terms.setdefault(f"{c_word} / {d_word}", None)
            c_marks += c_spans
            d_marks += d_spans
    return Evidence(
        development=Development(d.span, d.key, d.cues.events + d.cues.event_nouns),
        score=round(score, 4),
        shared_entities=tuple(shared_entities),
        shared_terms=tuple(terms),
        themes=tuple(shared_themes),
        concern_marks=tuple(sorted(set(c_marks))),
        development_marks=tuple(sorted(set(d_marks))),
    )


def _ring_spans(s: _Sentence, ring: Theme) -> list[tuple[int, int]]:
    """Where the members of a synonym ring occur in a sentence (body offsets)."""
    stems = s.stems
    out = []
    for i in range(len(stems)):
        for term in ring.terms:
            if tuple(stems[i : i + len(term)]) == term:
                out.append((s.tokens[i].start, s.tokens[i + len(term) - 1].end))
                break
    return out


def _surface(s: _Sentence, span: tuple[int, int]) -> str:
    return s.span.text[span[0] - s.span.start : span[1] - s.span.start]


def _inside(pos: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def sentence_at(article: Article, key: str) -> Span | None:
    """The sentence of ``article`` with this key (see :func:`sentence_key`), if any."""
    for span in split_sentences(article.body):
        if sentence_key(article.id, span.text) == key:
            return span
    return None


def evidence_for(
    earlier: Article,
    later: Article,
    concern: Span,
    development: Span,
    *,
    earlier_entities: Sequence[Entity] | None = None,
    later_entities: Sequence[Entity] | None = None,
) -> Evidence:
    """The reasons linking two given sentences (for a link an analyst pinned)."""
    themes = load_themes()
    left, right = _both_sides(earlier, later, earlier_entities, later_entities, themes)
    c = next(s for s in left if s.span == concern)
    d = next(s for s in right if s.span == development)
    text = _bm25([c], right).get(c.key, {}).get(d.key, 0.0)
    theme_weight = _rarity(right, "themes")
    entities = _rarity([*left, *right], "entities")
    return _evidence(c, d, _link_score(c, d, text, entities, theme_weight), theme_weight)


# --------------------------------------------------------------------------- pairs


def default_pair(articles: Sequence[Article]) -> tuple[Article, Article]:
    """The oldest and the newest dated articles (ties broken by id, for stability).

    Raises ValueError when fewer than two articles carry a date.
    """
    dated = sorted((a for a in articles if a.published is not None), key=_date_order)
    if len(dated) < 2:
        raise ValueError("compare needs two dated articles; name the two to compare, earlier first")
    return dated[0], dated[-1]


def _date_order(a: Article) -> tuple[dt.date, str]:
    assert a.published is not None
    return (a.published, a.id)


# --------------------------------------------------------------------------- output


def to_dict(comparison: Comparison) -> dict:
    """The comparison as plain data (the ``dossier compare --json`` contract).

    Offsets are into each article's body (what ``dossier show`` prints).
    """

    def span(s: Span) -> dict:
        return {"text": s.text, "start": s.start, "end": s.end}

    def article(a: Article) -> dict:
        return {
            "id": a.id,
            "title": a.title,
            "source": a.source or None,
            "published": a.published.isoformat() if a.published else None,
        }

    return {
        "earlier": article(comparison.earlier),
        "later": article(comparison.later),
        "links": [
            {
                "concern": span(link.concern.span),
                "developments": [
                    {**span(e.development.span), "score": round(e.score, 3), "origin": e.origin}
                    for e in link.evidence
                ],
                "shared_entities": list(link.shared_entities),
                "shared_terms": list(link.shared_terms),
                "theme": link.theme,
                "verdict": link.verdict,
                "origin": link.origin,
            }
            for link in comparison.addressed
        ],
        "unaddressed": [
            {**span(link.concern.span), "verdict": link.verdict, "origin": link.origin}
            for link in comparison.unaddressed
        ],
        "new_developments": [span(d.span) for d in comparison.new_developments],
        "notices": list(comparison.notices),
    }
