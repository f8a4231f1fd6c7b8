"""Each sentence of an article as compare sees it: stems, entities, themes."""

from __future__ import annotations

from search import _whoosh  # noqa: F401  (first: Whoosh without what it never uses)

# isort: split
import bisect
import operator
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from attrs import define, evolve, field
from whoosh.analysis.filters import STOP_WORDS

from search.collector import paused_gc
from search.compare.cues import FORWARD_WORDS, MODALS, WEAK_FORWARD, WORRY_WORDS, Cues, cues
from search.config import toml_loads
from search.model import FIGURE_TYPES, Article, Entity, Span
from search.sentences import sentence_key, split_sentences, wordset
from search.stemming import stem as porter_stem

THEMES_PATH = Path(__file__).parent.parent / "data" / "themes.toml"


# --------------------------------------------------------------------------- analysis

#: Words that carry modality or reporting, not topic: never matched between sentences.
TOPIC_STOP = (
    MODALS
    | FORWARD_WORDS
    | WEAK_FORWARD
    | wordset(
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
        say says said told tells according mean means meaning meant also even more most less still already
        just many much some such other another one two three first last new recent
        recently year years time times way ways part well however although though yet
        while whether would able make makes made take takes took get gets got put puts
        come comes came go goes went do does did done be been being is are was were
        mr mrs ms dr per cent percent lot thing things kind sort instead rather
        matter matters fact facts
        four five six seven eight nine ten dozen dozens hundred hundreds thousand
        thousands million millions billion billions half halves third thirds quarter
        quarters north south east west northeast northwest southeast southwest
        further far long short like own help helps helped keep keeps kept"""
    )
    # Reporting and time words: "announced ... in a statement on Sunday" is how news is
    # told, not what it is about.
    | wordset(
        """announce announced announces announcing announcement statement statements
        stated comment comments commented added adding claim claims claimed noted
        interview spokesman spokeswoman spokesperson reported reports today yesterday
        tomorrow day days week weeks month months monday tuesday wednesday thursday friday
        saturday sunday january february march april may june july august september
        october november december jan feb mar apr jun jul aug sep sept oct nov dec"""
    )
    # The worry itself ("fears", "risk") is the concern's modality, not its topic: a
    # later sentence that repeats it restates the worry, it does not answer it.
    | WORRY_WORDS
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
}
_IZE = re.compile(r"(?<=[a-z]{3})iz(e|es|ed|ing|ation|ations)$")
#: -yze is -yse ("analyze", "paralyzed"), and judgement keeps no e.
_YZE = re.compile(r"(?<=[a-z]{3})yz(e|es|ed|ing|er|ers)$")
_SPELLING.update(
    {
        "judgement": "judgment",
        "judgements": "judgments",
        "acknowledgement": "acknowledgment",
        "acknowledgements": "acknowledgments",
        "dialog": "dialogue",
        "dialogs": "dialogues",
        "catalog": "catalogue",
        "catalogs": "catalogues",
        "skeptic": "sceptic",
        "skeptics": "sceptics",
        "skeptical": "sceptical",
        "skepticism": "scepticism",
        "aluminum": "aluminium",
        "maneuver": "manoeuvre",
        "maneuvers": "manoeuvres",
    }
)
#: A word of -or whose -our form is an everyday word is that word's US spelling
#: ("honor", "honored", "behavior", "neighbors", "favorable"): :func:`_our`.
_OR = re.compile(r"^([a-z]{3,}?)or(s|ed|ing|able|ably|ful|less|ite|ites|ism|ist|ists)?$")


@lru_cache(maxsize=20_000)
def _our(word: str) -> str:
    """A US -or spelling into the British -our ("honored" -> "honoured"), when the -our
    form of its root is an everyday English word (Zipf 3 or more: "honour", "colour",
    "rumour"; not "actour", "errour", "majour")."""
    from wordfreq import zipf_frequency

    m = _OR.match(word)
    if m is None or zipf_frequency(m.group(1) + "our", "en", wordlist="small") < 3.0:
        return word
    return m.group(1) + "our" + (m.group(2) or "")


#: Irregular past forms -> the verb ("paid" meets "will pay" and "payment", "brought"
#: "bring forward"): Porter stems "paid" as "paid". Only forms with no other common
#: meaning ("found", "left", "won", "saw", "met", "led" are words of their own, and so
#: are "given" the cost, a "rose", a "fell", being "broke"). No verb of the stop list
#: ("keep": :func:`_stem_of` gives no stem to any of its forms).
_IRREGULAR = {
    past: verb
    for verb, forms in {
        "pay": "paid",
        "sell": "sold",
        "buy": "bought",
        "bring": "brought",
        "hold": "held",
        "give": "gave",
        "spend": "spent",
        "seek": "sought",
        "fight": "fought",
        "catch": "caught",
        "send": "sent",
        "strike": "struck",
        "choose": "chose chosen",
        "drive": "drove driven",
        "break": "broken",
        "begin": "began begun",
        "rise": "risen",
        "fall": "fallen",
        "grow": "grew grown",
        "throw": "threw thrown",
        "lose": "lost",
        "stand": "stood",
        "freeze": "froze frozen",
        "fly": "flew flown",
        "sink": "sank sunk",
        "deal": "dealt",
        "uphold": "upheld",
        "overthrow": "overthrew overthrown",
        "flee": "fled",
        "steal": "stole stolen",
        "forbid": "forbade forbidden",
        "forgive": "forgave forgiven",
        "swear": "swore sworn",
        "hide": "hid hidden",
        "undertake": "undertook undertaken",
        "build": "built",
        "rebuild": "rebuilt",
        "hear": "heard",
        "override": "overrode overridden",
        "withhold": "withheld",
        "oversee": "oversaw overseen",
        "undergo": "underwent undergone",
        "teach": "taught",
        "arise": "arose arisen",
        "shake": "shook shaken",
        "sweep": "swept",
        "foresee": "foresaw foreseen",
        "blow": "blew blown",
    }.items()
    for past in forms.split()
}


DEMONYMS_PATH = Path(__file__).parent.parent / "data" / "demonyms.toml"


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    data = toml_loads(DEMONYMS_PATH.read_text(encoding="utf-8"))
    return {str(k).lower(): str(v).lower() for k, v in data.get("demonyms", {}).items()}


def _fold(word: str) -> str:
    """US spellings into British ("defense" meets "defence", "honored" "honoured":
    :func:`_our`), demonyms into their place ("French" meets "France"; see
    :file:`data/demonyms.toml`), -ize into -ise, -yze into -yse."""
    word = _SPELLING.get(word, word)
    word = _IRREGULAR.get(word, word)
    word = _demonyms().get(word, word)
    if "or" in word:
        word = _our(word)
    if "yz" in word:
        word = _YZE.sub(r"ys\1", word)
    return _IZE.sub(r"is\1", word) if "iz" in word else word


#: Words as Whoosh's default tokenizer finds them ("U.S", "2.5", "e.g").
#: (A dot between runs of word characters, not an optional dot: the first run is as long
#: as it goes, so "(?:\.?run)*" could only ever take dotted runs, at more cost.)
_WORD = re.compile(r"[\w\*]+(?:\.[\w\*]+)*")
#: The same words, each with the characters before it (which no word takes).
_GAP_WORD = re.compile(r"([^\w\*]*)([\w\*]+(?:\.[\w\*]+)*)")
_STOPLIST = frozenset(STOP_WORDS) | TOPIC_STOP
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


@lru_cache(maxsize=100_000)
def _stem_of(word: str) -> str | None:
    """A lower-cased word -> its topic-bearing, spelling-folded stem, or None for a stop
    word, a one-letter word or a number. A noun made from a verb has the verb's stem
    ("suspension" that of "suspend"; see :func:`derived_stems`)."""
    stem = raw_stem(word)
    if stem is None:
        return None
    return derived_stems().get(stem, stem)


@lru_cache(maxsize=100_000)
def raw_stem(word: str) -> str | None:
    """:func:`_stem_of` without the derivations: the stemmer's own stem."""
    if len(word) < 2 or word in _STOPLIST:
        return None
    if _ORDINAL.fullmatch(word):  # "31st": a date, like a number
        return None
    stem = porter_stem(_fold(word))
    return None if stem.isdigit() else stem


DERIVATIONS_PATH = Path(__file__).parent.parent / "data" / "derivations.txt"


@lru_cache(maxsize=1)
def derived_targets() -> frozenset[str]:
    """The stems some noun's stem is mapped to (:func:`derived_stems`)."""
    return frozenset(derived_stems().values())


@lru_cache(maxsize=1)
def derived_stems() -> dict[str, str]:
    """The stem of a noun -> the stem of the verb it is made from
    (:file:`data/derivations.txt`, from WordNet: "prorogation" / "prorogue", "decision"
    / "decide"): the outcome is often told by the noun of the verb the concern used
    ("will suspend Parliament" / "the suspension of Parliament"). A noun of several
    verbs takes the one spelt most like it; a stem that is some verb's is never
    mapped, so no chain of derivations joins two words that are not one family."""
    verbs: dict[str, list[str]] = {}
    for line in DERIVATIONS_PATH.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        noun, verb = (raw_stem(w) for w in line.split())
        if noun is not None and verb is not None and noun != verb:
            verbs.setdefault(noun, []).append(verb)
    targets = {v for vs in verbs.values() for v in vs}

    def likeness(noun: str, verb: str) -> tuple[int, int, str]:
        return (-len(os.path.commonprefix([noun, verb])), len(verb), verb)

    return {
        noun: min(vs, key=lambda v, n=noun: likeness(n, v))
        for noun, vs in verbs.items()
        if noun not in targets
    }


class _Token(NamedTuple):
    stem: str
    start: int
    end: int
    #: The word as written, lower-cased (what its rarity in the language is looked up by).
    word: str = ""


def _tokens(text: str, offset: int) -> tuple[_Token, ...]:
    """The content words of ``text`` with their offsets (plus ``offset``)."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): word by word
        return tuple(
            _token(m.group().lower(), m.start() + offset, m.end() + offset)
            for m in _WORD.finditer(text)
            if _stem_of(m.group().lower()) is not None
        )
    out = []
    new, stem_of = tuple.__new__, _stem_of
    pos = offset
    # (what comes before, word): no match object per word, the offsets summed up.
    for gap, word in _GAP_WORD.findall(low):
        start = pos + len(gap)
        pos = start + len(word)
        stem = stem_of(word)
        if stem is not None:
            # (No "’" to replace, as _token does: it is no word character.)
            out.append(new(_Token, (stem, start, pos, word)))
    return tuple(out)


#: A verb and its particle written apart ("shut down", "cracking down", "took over"):
#: the verb's word, the particle.
_PHRASAL = re.compile(r"\b([a-z]+)\s+(down|out|off|over|up|back)\b")
#: A closed compound at least this common (wordfreq's Zipf) is a word of its own.
PHRASAL_ZIPF = 3.0


@lru_cache(maxsize=20_000)
def _phrasal_compound(verb: str, particle: str) -> str | None:
    """The noun a verb and its particle close into ("shut" + "down" -> "shutdown",
    "crack" + "down" -> "crackdown", "take" + "over" -> "takeover"), when English
    writes it as a word; else None."""
    from wordfreq import zipf_frequency

    stem = porter_stem(verb)
    for base in dict.fromkeys((verb, stem, stem + "e" if not stem.endswith("e") else stem)):
        word = base + particle
        if zipf_frequency(word, "en") >= PHRASAL_ZIPF:
            return word
    return None


def _with_phrasal(tokens: tuple[_Token, ...], text: str, offset: int) -> tuple[_Token, ...]:
    """``tokens`` and, after them, the compound of each verb written apart from its
    particle ("will eventually be shut down" also names "shutdown"): the later report
    often tells the outcome with the noun ("a cold shutdown", "a crackdown"), and the
    particle alone is a stop word."""
    if not any(p in text for p in (" down", " out", " off", " over", " up", " back")):
        return tokens
    extra = []
    for m in _PHRASAL.finditer(text.lower()):
        word = _phrasal_compound(m.group(1), m.group(2))
        if word is not None and (stem := _stem_of(word)) is not None:
            extra.append(_Token(stem, m.start() + offset, m.end() + offset, word))
    return tokens + tuple(extra) if extra else tokens


def _token(word: str, start: int, end: int) -> _Token:
    stem = _stem_of(word)
    assert stem is not None
    return _Token(stem, start, end, word.replace("’", "'"))


_STEM = operator.itemgetter(0)  # a _Token's stem


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


SYNONYMS_PATH = Path(__file__).parent.parent / "data" / "synonyms.toml"


@lru_cache(maxsize=4)
def load_rings(path: Path = SYNONYMS_PATH) -> tuple[Theme, ...]:
    """The synonym rings of :file:`data/synonyms.toml`, as themes named ``ring<n>``. A
    term is matched whole or not at all: one with a word no sentence's stems keep (a
    stop word, "down" in "step down", "strike down"; a cue word, "withdraw") is left
    out, as its other words alone ("step", "strike") mean something else."""
    only = _ring_only(path)
    rings = []
    for n, entry in enumerate(_ring_entries(path)):
        terms = []
        for term in entry.get("terms", []):
            stems = [_stem_of(w) or only.get(w) for w in _WORD.findall(term.lower())]
            if stems and None not in stems:
                terms.append(tuple(stems))
        rings.append(Theme(f"ring{n}", tuple(dict.fromkeys(terms))))
    return tuple(rings)


def _ring_entries(path: Path) -> list[dict]:
    return toml_loads(path.read_text(encoding="utf-8")).get("ring", [])


@lru_cache(maxsize=4)
def _ring_only(path: Path = SYNONYMS_PATH) -> dict[str, str]:
    """The stop and cue words a ring's term is written with ("down" of "step down",
    "out" of "pull-out", "withdraw", "halt": no sentence's stems keep them), each ->
    the stem rings match it by; and the other forms of those stop and cue words
    ("withdrawal", "halts"). In a sentence that writes one, rings are looked for among
    its stems with these words in their places (:func:`_ring_stems`)."""
    words = {
        w
        for entry in _ring_entries(path)
        for term in entry.get("terms", [])
        for w in _WORD.findall(term.lower())
        if _stem_of(w) is None and w.isalpha() and len(w) > 1
    }
    roots = {_plain_stem(w) for w in words}
    return {w: _plain_stem(w) for w in _STOPLIST if w.isalpha() and _plain_stem(w) in roots}


def _plain_stem(word: str) -> str:
    """The stemmer's stem of any word, stop or cue words too."""
    return porter_stem(_fold(word))


@lru_cache(maxsize=4)
def _ring_only_anchors(path: Path = SYNONYMS_PATH) -> tuple[frozenset[str], tuple[str, ...]]:
    """What a sentence must hold for a ring term written with a stop or cue word to be
    in it: one of those terms' other stems ("step" of "step down"), or, for a term of
    such words alone ("withdraw"), the word's stem as a substring."""
    only = _ring_only(path)
    anchors: set[str] = set()
    alone: set[str] = set()
    for entry in _ring_entries(path):
        for term in entry.get("terms", []):
            words = _WORD.findall(term.lower())
            if not any(w in only for w in words):
                continue
            stems = {_stem_of(w) for w in words} - {None}
            if stems:
                anchors.update(stems)
            else:
                alone.update(only[w] for w in words if w in only)
    return frozenset(anchors), tuple(sorted(alone))


def _ring_stems(s: _Sentence) -> Sequence[str]:
    """The stems rings are looked for among: the sentence's stems, with the stop and cue
    words ring terms are written with (:func:`_ring_only`) in their places when such a
    term may be in it (:func:`_ring_only_anchors`)."""
    words = ring_words(s)
    return s.stems if words is None else [stem for stem, _, _ in words]


def ring_words(s: _Sentence) -> list[tuple[str, int, int]] | None:
    """The sentence's words as rings see them, (stem, start, end) in body offsets, when
    they differ from its tokens (:func:`_ring_stems`); None when they do not."""
    anchors, alone = _ring_only_anchors()
    text = s.span.text
    if s.stem_set().isdisjoint(anchors) and not any(
        a in text or a.capitalize() in text for a in alone
    ):
        return None  # most sentences: no lower-casing
    low = text.lower()
    if len(low) != len(text):
        return None
    only, stem_of = _ring_only(), _stem_of
    out = []
    pos = s.span.start
    for gap, word in _GAP_WORD.findall(low):
        start = pos + len(gap)
        pos = start + len(word)
        stem = stem_of(word) or only.get(word)
        if stem is not None:
            out.append((stem, start, pos))
    return out


def _themes_of(stems: Sequence[str], by_first: dict) -> dict[str, int]:
    """Theme name -> number of its terms found in the stem sequence (``by_first``: see
    :func:`_terms_by_first_stem`)."""
    found: dict[str, int] = {}
    if by_first.keys().isdisjoint(stems):
        return found  # no term starts here (half the sentences, for the synonym rings)
    seen: set[int] = set()
    get = by_first.get
    for i, stem in enumerate(stems):
        for name, term, n, ident in get(stem, ()):
            if ident in seen:
                continue
            if n == 1 or tuple(stems[i : i + n]) == term:
                seen.add(ident)
                found[name] = found.get(name, 0) + 1
    return found


@lru_cache(maxsize=8)
def _terms_by_first_stem(
    themes: tuple[Theme, ...],
) -> dict[str, list[tuple[str, tuple[str, ...], int, int]]]:
    """First stem -> (theme name, term, its length, a number for the pair (name, term)):
    a term counts once in a sentence however often it is written, told by its number."""
    index: dict[str, list[tuple[str, tuple[str, ...], int, int]]] = {}
    idents: dict[tuple[str, tuple[str, ...]], int] = {}
    for theme in themes:
        for term in theme.terms:
            ident = idents.setdefault((theme.name, term), len(idents))
            index.setdefault(term[0], []).append((theme.name, term, len(term), ident))
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
    #: The mentions that may be a common noun given a capital (:func:`_may_be_common`).
    nounlike: frozenset[tuple[int, int]] = frozenset()
    _words: tuple[_Token, ...] | None = None
    _stem_set: frozenset[str] | None = None
    _word_stems: frozenset[str] | None = None

    @property
    def stems(self) -> tuple[str, ...]:
        return tuple(map(_STEM, self.tokens))

    def stem_set(self) -> frozenset[str]:
        """The distinct stems (kept: every comparison the sentence is in asks)."""
        if self._stem_set is None:
            self._stem_set = frozenset(map(_STEM, self.tokens))
        return self._stem_set

    def word_stems(self) -> frozenset[str]:
        """The distinct stems as the stemmer alone gives them, a noun made from a verb
        not joined to the verb (:func:`raw_stem`): what "word for word" compares."""
        if self._word_stems is None:
            stems = self.stem_set()
            # A phrasal verb's compound (:func:`_with_phrasal`) is a second reading of
            # words already there, not a word written.
            phrasal = [t for t in self.tokens if t.end - t.start > len(t.word)]
            if derived_targets().isdisjoint(stems) and not phrasal:  # most sentences
                self._word_stems = stems
            else:
                self._word_stems = frozenset(
                    raw_stem(t.word) or t.stem
                    for t in self.tokens
                    if t.end - t.start <= len(t.word)
                )
        return self._word_stems

    def words(self) -> tuple[_Token, ...]:
        """Tokens outside entity mentions: names are scored as entities, once."""
        if not self.entities:
            return self.tokens
        if self._words is None:
            ranges = [r for rs in self.entities.values() for r in rs]
            self._words = tuple(t for t in self.tokens if not _inside(t.start, ranges))
        return self._words


def _sentences(article: Article, entities: Sequence[Entity], themes) -> list[_Sentence]:
    """The article's sentences as compare sees them, analysed once for as long as the
    article, its entities and the themes stay the same (see :class:`_AnalysisCache`): a
    topic compare, "what happened next" and a pinned link's evidence meet the same
    articles again and again."""
    return _CACHE.get(article, tuple(entities), tuple(themes))


def _analyse(article: Article, entities: Sequence[Entity], themes) -> list[_Sentence]:
    spans = split_sentences(article.body)
    year = article.published.year if article.published else None
    month = article.published.month if article.published else None
    starts = [s.start for s in spans]
    out = [
        _Sentence(
            s,
            sentence_key(article.id, s.text),
            cues(s.text, year, month, article.published),
            _with_phrasal(_tokens(s.text, s.start), s.text, s.start),
        )
        for s in spans
    ]
    _list_items_plan(out, article.body)
    for e in entities:
        if e.field != "body" or e.type in FIGURE_TYPES:  # a shared "2026" or "5%" links nothing
            continue
        i = bisect.bisect_right(starts, e.start) - 1
        if i >= 0 and e.end <= out[i].span.end:
            start = _designation_start(out[i], e.start)
            out[i].entities.setdefault(e.canonical, []).append((start, e.end))
            if _may_be_common(e):
                out[i].nounlike |= {(start, e.end)}
    theme_index = _terms_by_first_stem(tuple(themes))
    ring_index = _terms_by_first_stem(load_rings())
    for s in out:
        stems = s.stems
        s.themes = _themes_of(stems, theme_index)
        s.rings = _themes_of(_ring_stems(s), ring_index)
    return out


#: A sentence that opens a list of what someone will do: "The Bill will:", "The deal
#: would:", "Ministers plan to:". Each item of the list reads "[the Bill will] give the
#: regulator new powers to ban bonuses": a plan, though the item has no modal of its own.
_PLAN_LEAD_IN = re.compile(
    r"\b(?:will|would|shall|(?:is|are)\s+to|(?:plans?|aims?|intends?|proposes?|seeks?|"
    r"promises?|pledges?|vows?|is\s+set|are\s+set|is\s+expected|are\s+expected)\s+to)"
    r"(?:\s+(?:also|now|then|first))?\s*:\s*$",
    re.I,
)


def _list_items_plan(sentences: Sequence[_Sentence], body: str) -> None:
    """Give the items of a list a plan opens (:data:`_PLAN_LEAD_IN`) the lead-in's forward
    cue. An item is a sentence that starts a paragraph of its own, in lower case (the
    lead-in's sentence goes on in it) or after a bullet, right after the lead-in or
    another item; the first other sentence ends the list."""
    lead: _Sentence | None = None
    forward: tuple[str, ...] = ()
    for i, s in enumerate(sentences):
        text = s.span.text
        if lead is not None:
            gap = body[sentences[i - 1].span.end : s.span.start]
            first = text.lstrip("•·–-* ")[:1]
            if "\n" in gap and (first.islower() or text[:1] in "•·–-*"):
                if not s.cues.forward:
                    s.cues = evolve(s.cues, forward=forward)
                if lead.cues.forward:  # "The Bill will:" alone says nothing: its items do
                    lead.cues = evolve(lead.cues, forward=())
                continue
            lead = None
        if text.rstrip().endswith(":") and s.cues.forward and _PLAN_LEAD_IN.search(text):
            lead, forward = s, s.cues.forward


class _AnalysisCache:
    """The last :data:`ANALYSIS_CACHE_SIZE` articles' analyses, each kept with everything
    the analysis reads (id, body, date, entities, themes): a changed article or entity
    list is analysed afresh. The sentences are shared, never changed after analysis (the
    list handed out is a copy). Thread-safe: the explorer compares in a worker."""

    def __init__(self, size: int) -> None:
        self.size = size
        # (id, date) -> (body, entities, themes, sentences): the rest of the key is
        # compared on a hit rather than hashed on every look-up.
        self._items: OrderedDict[tuple, tuple] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, article: Article, entities: tuple[Entity, ...], themes: tuple) -> list[_Sentence]:
        key = (article.id, article.published)
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[:3] == (article.body, entities, themes):
                self._items.move_to_end(key)
                return list(hit[3])
        out = _analyse(article, entities, themes)
        with self._lock:
            self._items[key] = (article.body, entities, themes, out)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return list(out)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


#: How many articles' analyses are kept (a few hundred kilobytes each at most).
ANALYSIS_CACHE_SIZE = 512
_CACHE = _AnalysisCache(ANALYSIS_CACHE_SIZE)


def cycles_collected_after():
    """Python's cycle collector paused while compare builds its many small objects (it
    otherwise runs a couple of hundred times in a topic compare, walking every object
    the process holds, the entity gazetteer and word lists too: a tenth of the time):
    :func:`search.collector.paused_gc`, shared with the rest of the engine."""
    return paused_gc()


def clear_analysis_cache() -> None:
    """Forget every analysed article (benchmarks time a cold compare with it)."""
    _CACHE.clear()


#: Titles, roles and affiliations written before a name ("Senate majority leader Harry
#: Reid", "Conservative MP Philip Hammond", "President Bush"): they designate the person,
#: so they are matched as the entity, not as words of their own.
TITLE_WORDS = wordset(
    """mr mrs ms dr prof professor sir dame lord lady president premier chancellor minister
    secretary senator sen rep representative congressman congresswoman governor gov mayor
    king queen prince princess emperor sheikh emir pope cardinal archbishop bishop rev
    general gen admiral colonel captain lieutenant major sergeant commander marshal
    ambassador judge justice chairman chairwoman chair speaker sultan ayatollah imam rabbi
    ceo leader prime deputy vice foreign defence defense finance trade interior home state
    chief executive acting former incoming outgoing opposition senior attorney majority
    minority whip spokesman spokeswoman spokesperson mp mep lawmaker legislator envoy
    commissioner director head member correspondent candidate nominee conservative labour
    democratic republican liberal socialist"""
)


_START = operator.itemgetter(1)  # a _Token's start


#: The common nouns of institutions ("Parliament", "the Court", "the Government"): an
#: organisation whose whole name is one of them, capital or not, is the word it is.
INSTITUTION_NOUNS = wordset(
    """parliament court government senate congress council assembly cabinet treasury
    commission committee ministry department legislature judiciary tribunal
    executive administration police army navy crown church opposition chamber board
    inquiry regulator authority agency bank"""
)


def _may_be_common(e: Entity) -> bool:
    """Whether a mention may be a common noun given a capital (:func:`common_forms`): an
    organisation named by an institution's common noun ("Parliament", "the Court"), or a
    name the recogniser only guessed from its capitals ("Offences", "Final Investment
    Decision"), not a person's. A name it knows ("Apple", "Shell", "Gordon Brown") is
    the name wherever it is written: "the apple harvest" takes nothing from it."""
    if e.type == "PERSON":
        return False
    if e.guessed:
        return True
    words = _WORD.findall(e.canonical.lower())
    return e.type == "ORG" and bool(words) and words[-1] in INSTITUTION_NOUNS


def _designation_start(s: _Sentence, start: int) -> int:
    """Where the titles written right before an entity mention at ``start`` begin."""
    tokens = s.tokens
    i = bisect.bisect_left(tokens, start, key=_START) - 1
    text, base = s.span.text, s.span.start
    while i >= 0 and tokens[i].word in TITLE_WORDS:
        if text[tokens[i].end - base : start - base].strip():
            break  # something other than space between: "accused Johnson"
        start = tokens[i].start
        i -= 1
    return start


class CompareNames(dict):
    """:func:`name_forms`: first content word -> (content words, form, name) of each name
    to look for in one comparison's sentences, and the :attr:`common` forms
    (:func:`common_forms`). (Not :class:`search.names.NameForms`, the index's names.)"""

    __slots__ = ("common", "common_stems", "longest")

    def __init__(self, by_first=(), common: frozenset[tuple[str, ...]] = frozenset()) -> None:
        super().__init__(by_first)
        self.common = common
        #: First content word -> the most content words of a form it begins.
        self.longest = {w: max(len(words) for words, _, _ in fs) for w, fs in self.items()}
        #: The stems of the common forms' words: a sentence with none of them has none.
        self.common_stems = frozenset(t.stem for form in common for t in _tokens(" ".join(form), 0))


def name_forms(sentences: Sequence[_Sentence]) -> CompareNames:
    """The names of ``sentences`` as :func:`with_names` looks for them: a name the
    recogniser found in one sentence of the comparison ("Parliament", "the Court of
    Session") is the same participant where another sentence writes it and the recogniser
    did not (a name at the start of a quoted sentence, after a title it does not know), on
    either side. Matched by the name as written (titles before it left out, words in any
    case but the first with a capital); a form that names two entities names neither, and
    only a form written inside a sentence somewhere is a name. A form the comparison
    also writes in lower case (:func:`common_forms`) is no name at all, where it is the
    whole name of an entity that may be a common noun (:func:`_may_be_common`)."""
    # (name, as written, whether inside the sentence: after its first word and space;
    # None for the name itself)
    written = set()
    add = written.add
    # The mentions that may be a common noun: written as the entity's whole name (not
    # "Brown" for Gordon Brown, a short form), of an entity that may be one.
    nounlike = set()
    for s in sentences:
        if s.entities:
            text, base = s.span.text, s.span.start
            for name, ranges in s.entities.items():
                add((name, name, None))  # the name itself, written nowhere perhaps
                for a, b in ranges:
                    form = text[a - base : b - base]
                    add((name, form, a - base > 2))
                    if (a, b) in s.nounlike and _plain_form(form) == _plain_form(name):
                        nounlike.add(form)
    common = common_forms(sentences, nounlike)
    forms: dict[tuple[str, ...], set[str]] = {}
    # A capital at a sentence's start says nothing: a form is a name where it is also
    # written inside a sentence ("Bilateral talks ..." recognised once makes no name).
    inside: set[tuple[str, ...]] = set()
    for name, form, within in written:
        words = _form_words(form)
        if words:
            forms.setdefault(words, set()).add(name)
            if within and form[:1].isupper():
                inside.add(words)
    # By the form's first content word: (its content words, the form, the name), the
    # longest form first ("new mexico" before "mexico").
    by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]] = {}
    for form, names in sorted(forms.items(), key=lambda kv: -len(kv[0])):
        words = _content_words(form)
        if len(names) == 1 and words and form in inside and form not in common:
            by_first.setdefault(words[0], []).append((words, form, next(iter(names))))
    return CompareNames(by_first, common)


def common_forms(sentences: Sequence[_Sentence], mentions) -> frozenset[tuple[str, ...]]:
    """The plain forms (:func:`_plain_form`) of the ``mentions`` (names as written) that
    some sentence of ``sentences`` also writes in lower case: a common noun given a
    capital ("Parliament" where the other side writes "suspended parliament", "the Court"
    beside "the court heard"), which the recogniser may take for a name in one article
    and not in the other. It is matched as the words it is, wherever it is written, so
    that whether the recogniser named it on either side changes nothing."""
    # (A form of no content word is no name: "The Who" is never a common noun.)
    forms = {f for f in map(_plain_form, mentions) if f and _content_words(f)}
    if not forms:
        return frozenset()
    lower: set[str] = set()
    for s in sentences:
        lower.update(_lower_words(s.span.text))
    # Those whose every word is written in lower case somewhere (seldom any), looked for
    # as they are written, word after word.
    forms = {form for form in forms if lower.issuperset(form)}
    common = set()
    for s in sentences if forms else ():
        words = _lower_words(s.span.text)
        here = [form for form in forms if form[0] in words and form not in common]
        if here:
            # Every word as written, between spaces: a capital anywhere makes no match.
            joined = " " + " ".join(_WORD.findall(s.span.text)) + " "
            common.update(form for form in here if f" {' '.join(form)} " in joined)
    return frozenset(common)


@lru_cache(maxsize=50_000)
def _lower_words(text: str) -> frozenset[str]:
    """The words ``text`` writes all in lower case."""
    return frozenset(w for w in _WORD.findall(text) if w.islower())


@lru_cache(maxsize=20_000)
def _plain_form(mention: str) -> tuple[str, ...]:
    """A mention's words, lower-cased, without "the" before them; none when a title comes
    first ("President Bush", "Labour Party": the name is not the common word after it)."""
    words = _WORD.findall(mention.lower())
    while words and words[0] == "the":
        words = words[1:]
    if not words or words[0] in TITLE_WORDS:
        return ()
    return tuple(words)


def with_names(s: _Sentence, forms: CompareNames) -> _Sentence:
    """``s`` with the names of ``forms`` (:func:`name_forms`) it writes unrecognised, or
    recognised only in part, as entities, and without the mentions that are common words
    (:func:`common_forms`; ``s`` itself when nothing changes)."""
    found = _unrecognised(s, forms)
    common = forms.common
    drop = set()
    if common and s.nounlike and not forms.common_stems.isdisjoint(s.stem_set()):
        drop = _common_mentions(s, common)
    if not found and not drop:
        return s
    for _, _, covered in found:
        drop.update(covered)
    entities = {
        name: kept
        for name, ranges in s.entities.items()
        if (kept := [r for r in ranges if r not in drop])
    }
    for name, where, _ in found:
        entities.setdefault(name, []).append(where)
    named = _Sentence(s.span, s.key, s.cues, s.tokens, entities, s.themes, s.rings, s.nounlike)
    named._stem_set = s._stem_set
    named._word_stems = s._word_stems
    return named


def _common_mentions(s: _Sentence, common) -> set[tuple[int, int]]:
    """The ranges of ``s``'s entity mentions whose form is common (:func:`common_forms`)
    and which may be a common noun: the whole name of an entity that may be one."""
    text, base = s.span.text, s.span.start
    nounlike = s.nounlike
    return {
        (a, b)
        for name, ranges in s.entities.items()
        for a, b in ranges
        if (a, b) in nounlike
        and (form := _plain_form(text[a - base : b - base])) in common
        and form == _plain_form(name)
    }


@lru_cache(maxsize=20_000)
def _form_words(form: str) -> tuple[str, ...]:
    """A name's words as written, lower-cased, without the titles and "the" before it."""
    words = _WORD.findall(form.lower())
    while words and (words[0] in TITLE_WORDS or words[0] == "the"):
        words = words[1:]
    return tuple(words)


@lru_cache(maxsize=20_000)
def _content_words(form: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t.word for t in _tokens(" ".join(form), 0))


def _unrecognised(
    s: _Sentence, by_first: CompareNames
) -> list[tuple[str, tuple[int, int], list[tuple[int, int]]]]:
    """(name, range, the mentions it covers) of each known name's form among ``s``'s
    words, outside its entities or over shorter ones: where the recogniser found only a
    part of a name another sentence names whole ("Steel Industry" of "the Steel Industry
    (Special Measures) Act"), the whole name is the participant, as it is there."""
    tokens = s.tokens
    # The words that may begin a name, outside the names recognised or where one begins
    # (most sentences have none, and are done).
    text, base = s.span.text, s.span.start
    starts = [
        i for i, t in enumerate(tokens) if t.word in by_first and text[t.start - base].isupper()
    ]
    if not starts:
        return []
    ranges = [r for rs in s.entities.values() for r in rs]
    # Where a recognised mention begins -> where it ends: a form found there must go
    # further to cover it.
    begins: dict[int, int] = {}
    longest = by_first.longest
    for a, b in ranges:
        begins[a] = max(b, begins.get(a, b))
    kept = []
    for i in starts:
        end = begins.get(tokens[i].start)
        if end is None:
            if not _inside(tokens[i].start, ranges):
                kept.append(i)
        elif longest[tokens[i].word] > bisect.bisect_left(tokens, end, key=_START) - i:
            kept.append(i)  # a form with more words than the mention may cover it
    starts = kept
    if not starts:
        return []
    written: dict[int, int] | None = None  # where each word ends -> its place
    raw: list = []
    found = []
    i = starts[0]
    while i < len(tokens):
        step = 1
        mention_end = begins.get(tokens[i].start, -1)
        for words, form, name in by_first.get(tokens[i].word, ()):
            n = len(words)
            if i + n > len(tokens) or tokens[i + n - 1].end <= mention_end:
                continue  # no further than the mention recognised here (most often itself)
            if tuple(t.word for t in tokens[i : i + n]) != words:
                continue
            if written is None:  # every word as written, stop words too
                raw = [(m.group().lower(), m.start()) for m in _WORD.finditer(s.span.text)]
                ends = (m.end() for m in _WORD.finditer(s.span.text))
                written = {end + s.span.start: j for j, end in enumerate(ends)}
            j = written.get(tokens[i + n - 1].end, -1) + 1
            if j < len(form) or tuple(w for w, _ in raw[j - len(form) : j]) != form:
                continue  # "Mexico" of "New Mexico", or words between the name's words
            start = raw[j - len(form)][1] + base
            end = tokens[i + n - 1].end
            # The mentions it overlaps: only shorter ones wholly inside it give way.
            covered = [(a, b) for a, b in ranges if a < end and start < b]
            if text[start - base].isupper() and all(
                start <= a and b <= end and b - a < end - start for a, b in covered
            ):  # a name is written with a capital: "green" is no "Green"
                found.append((name, (start, end), covered))
            step = n
            break
        i = next((k for k in starts if k >= i + step), len(tokens))
    return found


def _entities(article: Article) -> tuple[Entity, ...]:
    from search.entities import recognise

    return tuple(recognise(article))


def _inside(pos: int, ranges: Sequence[tuple[int, int]]) -> bool:
    for a, b in ranges:  # noqa: SIM110 (a loop is twice as fast: called for every word)
        if a <= pos < b:
            return True
    return False


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
