"""Named entities: a curated gazetteer, regex rules and a cautious guesser.

Three sources of mentions, all offline:

1. The gazetteer (``data/gazetteer.tsv``): canonical names, types, aliases and a one-line
   description, matched with Aho-Corasick on word boundaries, longest match first.
2. Rules for DATE, PERCENT, MONEY and QUANTITY (regular expressions below).
3. A guesser for unknown capitalised names, typed by cue words (titles, "Inc", "Ministry",
   "who"...). Its mentions carry ``guessed=True`` and have no gazetteer record.

Then within-article resolution: a surname after a full mention ("Ms Brannagh" after
"Ottilie Brannagh"), an acronym introduced in brackets ("Coastal Resilience Fund (CRF)"),
and capitals used for their governments ("won Washington's backing" -> United States).

Conventions (OntoNotes labels) are written down in ``tests/gold/README.md``.
"""

# Word lists read best as one string split on spaces.
# ruff: noqa: SIM905

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import ahocorasick
from attrs import define

from search.entities import typer
from search.model import FIGURE_TYPES, TEXT_FIELDS, Article, Entity, EntityInfo

__all__ = [
    "TYPES",
    "TYPE_LABELS",
    "gazetteer",
    "lookup",
    "recognise",
    "recognise_text",
]

#: The entity labels, in the order the legend lists them.
TYPES: tuple[str, ...] = (
    "PERSON",
    "NORP",
    "ORG",
    "GPE",
    "LOC",
    "EVENT",
    "LAW",
    "DATE",
    "PERCENT",
    "MONEY",
    "QUANTITY",
)

#: A short human label per type, for legends and panels.
TYPE_LABELS: dict[str, str] = {
    "PERSON": "person",
    "NORP": "nationality or group",
    "ORG": "organisation",
    "GPE": "country, city or state",
    "LOC": "place or region",
    "EVENT": "event",
    "LAW": "law or treaty",
    "DATE": "date or period",
    "PERCENT": "percentage",
    "MONEY": "money",
    "QUANTITY": "quantity",
}

DATA_DIR = Path(__file__).parents[1] / "data"
GAZETTEER_PATH = DATA_DIR / "gazetteer.txt"
NAMES_PATH = DATA_DIR / "given_names.txt"


# --------------------------------------------------------------------------------------
# Text normalisation: same length as the input, so offsets carry over unchanged.

_NORMALISE = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u2010": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\t": " ",
        "\r": "\n",
    }
)


_NORMALISE_PAIRS = [(chr(k), v) for k, v in _NORMALISE.items()]


def _normalise(text: str) -> str:
    if text.isascii():
        return text.replace("\t", " ").replace("\r", "\n")
    for a, b in _NORMALISE_PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text


def _fold(text: str) -> str:
    """Strip accents (``Nicolás`` -> ``Nicolas``) keeping one character per character."""
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


# --------------------------------------------------------------------------------------
# The gazetteer


@define(frozen=True, slots=True)
class _Target:
    canonical: str
    type: str  # the mention's type (a demonym of a GPE is NORP)
    weak: bool  # only after a full mention or a title ("~Kim")


class _Gazetteer:
    """Records, surface forms and the Aho-Corasick automaton built from them."""

    def __init__(self, rows: Iterable[tuple[str, str, list[str], str, dict[str, str]]]):
        self.records: dict[str, EntityInfo] = {}
        self.by_alias: dict[str, str] = {}  # casefolded alias -> canonical
        self.government: dict[str, str] = {}  # capital city -> country
        self.forms: dict[str, list[_Target]] = {}
        self.weak: dict[str, list[str]] = {}  # surname -> canonical persons
        for type_, canonical, aliases, description, extra in rows:
            self._add(type_, canonical, aliases, description, extra)
        self.weak_of: dict[str, list[str]] = {}  # canonical person -> weak aliases
        for alias, owners in self.weak.items():
            for owner in owners:
                self.weak_of.setdefault(owner, []).append(alias)
        self.automaton = ahocorasick.Automaton()
        for form, targets in self.forms.items():
            first = targets[0]  # one entity per form (a test holds the data to that)
            self.automaton.add_word(form, (len(form), (first.canonical, first.type), False))
        for word in _ANCHOR_WORDS:
            for lead in ' ("\n':
                key = lead + word
                if key not in self.forms:  # no gazetteer form starts with a space
                    self.automaton.add_word(key, (len(key), (), word.strip().lower()))
        self.automaton.make_automaton()

    def _add(
        self,
        type_: str,
        canonical: str,
        aliases: list[str],
        description: str,
        extra: dict[str, str],
    ) -> None:
        if canonical in self.records:  # a later row adds aliases to an earlier one
            old = self.records[canonical]
            aliases = [a for a in aliases if a not in old.aliases]
            description = old.description or description
            type_ = old.type
        else:
            old = None
        plain: list[str] = []
        has_weak = False
        shown: list[str] = list(old.aliases) if old else []
        for raw in aliases:
            alias, mention_type, weak = raw, type_, False
            if alias.startswith("~"):
                alias, weak = alias[1:], True
            if ":" in alias and alias.split(":", 1)[0] in TYPES:
                mention_type, alias = alias.split(":", 1)
            alias = alias.strip()
            if not alias:
                continue
            shown.append(alias)
            if weak:
                self.weak.setdefault(alias, []).append(canonical)
                has_weak = True
                continue
            plain.append(alias)
            self._form(alias, canonical, mention_type)
        if old is None:
            self._form(canonical, canonical, type_)
            if type_ == "PERSON":
                self._person_defaults(canonical, plain, has_weak)
        self.records[canonical] = EntityInfo(canonical, type_, tuple(shown), description)
        for name in (canonical, *shown):
            self.by_alias.setdefault(_key(name), canonical)
        if "capital" in extra:
            city, *city_aliases = extra["capital"].split(";")
            if city not in self.records:
                self._add("GPE", city, city_aliases, f"capital of {canonical}", {})
            self.government[city] = canonical
        if "government" in extra:
            self.government[canonical] = extra["government"]

    def _person_defaults(self, canonical: str, plain: list[str], has_weak: bool) -> None:
        parts = [p for p in canonical.split() if p.rstrip(".") not in _SUFFIXES]
        single = [a for a in plain if " " not in a]
        if len(parts) >= 2 and not single and not has_weak:
            self.weak.setdefault(parts[-1], []).append(canonical)
        # Korean-style given names: "Jae-myung" also written "Jae Myung", "Jae-Myung".
        for name in (canonical, *plain):
            if re.search(r"\w-[a-z]", name):
                spaced = re.sub(r"(\w)-([a-z])", lambda m: m[1] + " " + m[2].upper(), name)
                capped = re.sub(r"(\w)-([a-z])", lambda m: m[1] + "-" + m[2].upper(), name)
                for variant in (spaced, capped):
                    self._form(variant, canonical, "PERSON")

    def _form(self, alias: str, canonical: str, mention_type: str) -> None:
        target = _Target(canonical, mention_type, False)
        variants = {_normalise(alias)}
        variants.add(_fold(_normalise(alias)))
        for v in list(variants):
            if any(c.islower() for c in v) and len(v) >= 4:
                variants.add(v.upper())  # datelines: "QUITO", "BOGOTÁ"
        for v in variants:
            targets = self.forms.setdefault(v, [])
            if all(t.canonical != canonical for t in targets):
                targets.append(target)


_SUFFIXES = set("""Jr Sr II III IV""".split())


def _key(name: str) -> str:
    return _fold(_normalise(name)).casefold().strip()


def _parse_gazetteer(text: str) -> Iterator[tuple[str, str, list[str], str, dict[str, str]]]:
    """Rows of ``TYPE | canonical | alias; alias | description | key=value``."""
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("|")]
        if len(cols) < 2 or cols[0] not in TYPES:
            raise ValueError(f"{GAZETTEER_PATH.name}:{number}: expected 'TYPE | name | ...'")
        type_, canonical = cols[0], cols[1]
        aliases = [a.strip() for a in cols[2].split(";")] if len(cols) > 2 and cols[2] else []
        description = cols[3] if len(cols) > 3 else ""
        extra: dict[str, str] = {}
        for item in cols[4:]:
            if "=" in item:
                k, v = item.split("=", 1)
                extra[k.strip()] = v.strip()
        yield type_, canonical, aliases, description, extra


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """The gazetteer, loaded once."""
    return _Gazetteer(_parse_gazetteer(GAZETTEER_PATH.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    words = NAMES_PATH.read_text(encoding="utf-8").split()
    return frozenset(w for w in words if not w.startswith("#"))


def lookup(name: str) -> EntityInfo | None:
    """The gazetteer record for a canonical name or alias (any case), else None."""
    g = gazetteer()
    canonical = g.by_alias.get(_key(name))
    return g.records.get(canonical) if canonical else None


# --------------------------------------------------------------------------------------
# Rules: DATE, PERCENT, MONEY, QUANTITY

_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH = (
    rf"(?:{_MONTH_FULL}|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?"
    r"|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[0-3]?\d(?:st|nd|rd|th)?)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:bn|billion|m|mn|million|trillion|tn|trn|k|thousand|crore|lakh)"
_UNIT_SPAN = r"(?:year|month|week|day|decade|century|quarter)"
_CURRENCY_WORDS = (
    r"(?:dollars?|euros?|pounds?|sterling|yen|yuan|renminbi|won|rupees?|roubles?|rubles?"
    r"|pesos?|reais|real|rand|naira|francs?|dirhams?|riyals?|rupiah|ringgit|baht|dong"
    r"|lira|liras|shekels?|kroner|kronor|krona|krone|crowns?|zloty|hryvnias?|taka|shillings?)"
)
_MEASURES = (
    r"(?:km|kilometres?|kilometers?|miles?|nautical miles|metres?|meters?|feet|ft|kg"
    r"|kilograms?|tonnes?|tons?|barrels?|bpd|litres?|liters?|gallons?|hectares?|acres?"
    r"|square (?:kilometres|kilometers|miles|metres|meters)|sq km|mw|gw|megawatts?"
    r"|gigawatts?|twh|kwh|knots|degrees|basis points|bps|mph|kph|km/h)"
)
_COUNTED = (
    r"(?:troops|soldiers|servicemen|personnel|sailors|marines|fighters|militants|police"
    r"|officers|people|persons|refugees|migrants|asylum-seekers|civilians|workers"
    r"|employees|staff|jobs|residents|inhabitants|citizens|voters|votes|casualties|deaths"
    r"|dead|victims|prisoners|hostages|detainees|protesters|students|children|patients"
    r"|cases|passengers|tourists|visitors|households|homes|vehicles|cars|tanks|aircraft"
    r"|jets|planes|fighter jets|helicopters|warships|ships|vessels|submarines|missiles"
    r"|rockets|drones|warheads|satellites|containers|users|subscribers)"
)


def _cap(words: str) -> str:
    """``a|b`` -> ``[Aa]|[Bb]``: a first letter in either case, keeping a literal start."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words.split("|"))


_NUMWORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    "|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    "|eighty|ninety|hundred|several|many"
)
_END = r"(?![\w]|-\w)"

# Every rule starts with a literal or a character class, so the regex engine can skip
# ahead quickly; boundaries and leading words ("over", "the early") are checked in Python.
# Within one regex the first alternative that matches at a position wins: longest first.
_NUM_RX = re.compile(_NUM)
_FIGURE_SUFFIX = (
    rf"|(?P<MONEY>(?: ?{_SCALE})? (?:(?:US|Hong Kong|Singapore|Taiwan|New Taiwan"
    rf"|Australian|Canadian) )?{_CURRENCY_WORDS}){_END}"
    rf"|(?P<QUANTITY_measure>(?: ?{_SCALE})?[- ]?(?i:{_MEASURES})){_END}"
    rf"|(?P<QUANTITY_count>(?: {_SCALE})? {_COUNTED}){_END}"
    rf"|(?P<DATE_span>[- ](?:and-a-half[- ])?{_UNIT_SPAN}s?(?:[- ]old| ago)?){_END}"
)
#: What may follow a number, tried in order. The date kinds need the number to be a day
#: or a year, which Python checks.
_NUMBER_SUFFIX = re.compile(
    rf"(?P<PERCENT>(?:-{_NUM})? ?(?:%|(?i:per ?cent|percent|percentage points?)))(?!\w)"
    rf"|(?P<DATE_full>(?:st|nd|rd|th)? {_MONTH},? {_YEAR}){_END}"
    rf"|(?P<DATE_iso>-[01]\d-[0-3]\d){_END}"
    rf"|(?P<DATE_range>(?: ?(?:-|to) ?{_YEAR}|-\d\d(?!\d))){_END}"
    rf"|(?P<DATE_decade>s){_END}" + _FIGURE_SUFFIX
)
_FIGURE_ONLY_SUFFIX = re.compile(_FIGURE_SUFFIX[1:])
_YEAR_RX = re.compile(_YEAR)
_AFTER_YEAR = re.compile(r"[\d.,]\d|%| ?per ?cent|\w")
_CURRENCY_RULES = re.compile(
    rf"(?P<MONEY>[$£€¥₹₩] ?{_NUM}(?: ?{_SCALE}(?!\w))?(?: ?(?:-|to) ?[$£€¥₹₩]?{_NUM}"
    rf"(?: ?{_SCALE}(?!\w))?)?)"
)
_NUMWORD_SET = frozenset(_NUMWORDS.split("|"))
_MONTH_WORDS = frozenset(
    [w.lower() for w in _MONTH_FULL.split("|")]
    + "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WEEKDAY_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
#: Word rules: (kind, pattern, the words it can start with). Order matters: at one
#: position the first rule that matches wins.
_WORD_RULE_PARTS: list[tuple[str, str, frozenset[str]]] = [
    (
        "MONTH",
        rf"(?P<MONTH>{_MONTH})(?: (?P<day>{_DAY})(?!\d|[,.]\d)(?:,? (?P<year>{_YEAR}))?"
        rf"| (?P<year2>{_YEAR}))?{_END}",
        _MONTH_WORDS,
    ),
    ("DATE_weekday", rf"(?P<DATE_weekday>{_WEEKDAY}){_END}", _WEEKDAY_WORDS),
    (
        "DATE_edge",
        rf"(?P<DATE_edge>(?:{_cap('early|mid|late')})[- ](?:{_MONTH_FULL}|{_YEAR})){_END}",
        frozenset({"early", "mid", "late"}),
    ),
    (
        "DATE_rel",
        rf"(?P<DATE_rel>(?:{_cap('last|next|this|that|following|previous|same|coming|past')}) "
        r"(?:week|weekend|month|year|decade|century|spring|summer|autumn|fall|winter|quarter"
        rf"|{_MONTH_FULL}|{_WEEKDAY})){_END}",
        frozenset("last next this that following previous same coming past".split()),
    ),
    (
        "DATE_rel2",
        rf"(?P<DATE_rel2>(?:{_cap('past|last|next|coming|previous')}) (?:few |several |\d+ "
        rf"|(?:{_NUMWORDS}) )(?:years|months|weeks|decades|days)){_END}",
        frozenset("past last next coming previous".split()),
    ),
    (
        "DATE_rel3",
        rf"(?P<DATE_rel3>(?:{_cap('following|next|previous')}) (?:day|morning|evening|night))"
        rf"{_END}",
        frozenset("following next previous".split()),
    ),
    ("DATE_dayof", rf"(?P<DATE_dayof>[Tt]he day (?:before|after)){_END}", frozenset({"the day"})),
    (
        "DATE_edgeof",
        rf"(?P<DATE_edgeof>(?:{_cap('end|start|beginning|middle|turn')}) of (?:the |this |last "
        rf"|next )?(?:year|month|week|decade|century|{_YEAR})){_END}",
        frozenset("end start beginning middle turn".split()),
    ),
    (
        "DATE_quarter",
        rf"(?P<DATE_quarter>(?:{_cap('first|second|third|fourth|final|last')})"
        rf"(?: quarter| half)(?: of {_YEAR})?){_END}",
        frozenset("first second third fourth final last".split()),
    ),
    (
        "DATE_recent",
        rf"(?P<DATE_recent>[Rr]ecent (?:years|months|weeks|decades)){_END}",
        frozenset({"recent"}),
    ),
    (
        "DATE_deictic",
        rf"(?P<DATE_deictic>{_cap('today|yesterday|tomorrow|decades|centuries')}){_END}",
        frozenset("today yesterday tomorrow decades centuries".split()),
    ),
    ("DATE_for", rf"[Ff]or (?P<DATE_for>years|months|weeks){_END}", frozenset({"for"})),
    (
        "DATE_ago",
        rf"(?P<DATE_ago>[Aa] {_UNIT_SPAN} (?:ago|earlier|later)){_END}"
        rf"|(?P<DATE_a>[Aa] (?:year|decade|month|week|century|fortnight)){_END}",
        frozenset({"a"}),
    ),
    (
        "DATE_wspan",
        rf"(?P<DATE_wspan>(?:{_cap(_NUMWORDS)})[- ](?:and-a-half[- ])?{_UNIT_SPAN}s?"
        rf"(?:[- ]old| ago)?){_END}",
        _NUMWORD_SET,
    ),
    (
        "PERCENT_w",
        rf"(?P<PERCENT_w>(?:{_cap(_NUMWORDS)}) (?:per ?cent|percent|percentage points?)){_END}",
        _NUMWORD_SET,
    ),
    (
        "QUANTITY_w",
        rf"(?P<QUANTITY_w>(?:{_cap(_NUMWORDS)})(?: {_SCALE})?[- ](?:{_MEASURES})){_END}",
        _NUMWORD_SET,
    ),
    (
        "MONEY_code",
        rf"(?P<MONEY_code>(?:USD|EUR|GBP|JPY|CNY|INR|KRW|AUD) ?{_NUM}(?: ?{_SCALE}(?!\w))?)",
        frozenset("usd eur gbp jpy cny inr krw aud".split()),
    ),
]
#: For each word a rule can start with, one regex of just the rules that start with it.
_WORD_RULES: dict[str, re.Pattern[str]] = {
    word: re.compile("|".join(p for _, p, words in _WORD_RULE_PARTS if word in words))
    for word in frozenset().union(*(words for _, _, words in _WORD_RULE_PARTS))
}


def _both(words: str) -> list[str]:
    out = []
    for w in words.split("|"):
        out += [w, w[0].upper() + w[1:]]
    return out


#: Words a word rule can start with; found in the same Aho-Corasick pass as the gazetteer.
_ANCHOR_WORDS: tuple[str, ...] = tuple(
    _MONTH_FULL.split("|")
    + "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
    + "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
    + [
        w + " "
        for w in _both(
            "last|next|this|that|following|previous|same|coming|past|end|start"
            "|beginning|middle|turn|first|second|third|fourth|final|recent|for|a|the day"
        )
    ]
    + _both("early|mid|late|today|yesterday|tomorrow|decades|centuries")
    + _both(_NUMWORDS)
    + "USD EUR GBP JPY CNY INR KRW AUD".split()
)
_FIRST_WORD = re.compile(r"[A-Za-z]+(?: day)?")
_APPROX_ONE = frozenset("over under almost nearly about around roughly some approximately".split())
_APPROX_TWO = frozenset(
    "more than|less than|fewer than|up to|at least|at most|an estimated|close to"
    "|just over|just under|well over|well under".split("|")
)


def _approx_before(before: str) -> int:
    """Length of an approximator ending ``before`` ("over ", "more than "), else 0."""
    if not before.endswith(" "):
        return 0
    words = before[-24:].split(" ")
    if len(words) >= 3:
        two = (words[-3] + " " + words[-2]).lower()
        if two in _APPROX_TWO:
            if len(words) >= 4 and words[-4].lower() in {"just", "well"}:
                return len(words[-4]) + len(two) + 2
            return len(two) + 1
    if len(words) >= 2 and words[-2].lower() in _APPROX_ONE:
        one = words[-2]
        if len(words) >= 3 and words[-3].lower() in {"just", "well"}:
            return len(words[-3]) + len(one) + 2
        return len(one) + 1
    return 0


_THE_BEFORE = re.compile(r"(?i:the )$")
_EDGE_BEFORE = re.compile(r"(?i:the )?(?i:early|mid|late)[- ]$|(?i:the )$")
_CURRENCY_PREFIX = re.compile(r"(?:US|A|C|NZ|HK|S|NT|R|Rs\.?)$")
_MAY_BEFORE = re.compile(
    r"(?:in|In|since|Since|until|Until|by|By|from|of|last|next|this|early|late|mid-?|during"
    r"|During|before|Before|after|After|through) $"
)
_RX_A_SPAN_BEFORE = re.compile(r"(?:\b(?:for|over|within|in|than|about|nearly|almost)) $")
_REL_WITH_THE = {"following", "previous", "same", "coming", "past", "next", "last"}


def _left_ok(norm: str, start: int, digits: bool) -> bool:
    if start == 0:
        return True
    prev = norm[start - 1]
    if prev.isalnum() or prev == "_":
        return False
    return not (digits and prev in ".,$£€¥-")


_NUMBER_START = re.compile(r"[0-9][0-9,.]*")
_CURRENCY_SIGN = re.compile(r"[$£€¥₹₩]")


def _digit_matches(norm: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of each figure or date that starts with a number."""
    last = -1
    for n in _NUMBER_START.finditer(norm):
        start = n.start()
        if start < last:
            continue
        number = _NUM_RX.match(norm, start)
        if number is None:
            continue
        digits = number[0]
        after = number.end()
        year = len(digits) == 4 and _YEAR_RX.fullmatch(digits) is not None
        m = _NUMBER_SUFFIX.match(norm, after)
        kind = m.lastgroup if m else None
        valid = {
            "DATE_full": len(digits) <= 2 and digits.isdigit(),
            "DATE_iso": year,
            "DATE_range": year,
            "DATE_decade": year and digits.endswith("0"),
        }
        if not valid.get(kind or "", True):
            kind = None
        if kind is None and m is not None:
            m = _FIGURE_ONLY_SUFFIX.match(norm, after)
            kind = m.lastgroup if m else None
        if kind is not None and m is not None:
            last = m.end()
            yield start, m.end(), kind
        elif year and not _AFTER_YEAR.match(norm, after):
            last = after
            yield start, after, "DATE_year"


def _word_matches(norm: str, anchors: list[tuple[int, str]]) -> Iterator[re.Match[str]]:
    last = -1
    for pos, word in anchors:
        if pos < last:
            continue
        rx = _WORD_RULES.get(word)
        if rx is None:
            continue
        m = rx.match(norm, pos)
        if m:
            last = m.end()
            yield m


def _rule_mentions(norm: str, anchors: list[tuple[int, str]]) -> list[Span]:
    """Dates and figures: those that start with a number, a currency sign, or a word."""
    return [*_number_mentions(norm), *_currency_mentions(norm), *_word_mentions(norm, anchors)]


def _number_mentions(norm: str) -> Iterator[Span]:
    for start, end, kind in _digit_matches(norm):
        if not _left_ok(norm, start, True):
            if not (kind.startswith("DATE") and norm[start - 1 : start] == "-"):
                continue
            edge = _EDGE_BEFORE.search(norm, max(0, start - 12), start)
            if not edge or "-" not in edge[0]:
                continue
            start = edge.start()
        type_ = kind.split("_")[0]
        before = norm[max(0, start - 24) : start]
        if type_ in {"PERCENT", "MONEY", "QUANTITY"}:
            start -= _approx_before(before)
        elif kind == "DATE_decade":
            edge = _EDGE_BEFORE.search(before)
            if edge:
                start -= len(edge[0])
        yield (start, end, type_, "", False, 2)


def _currency_mentions(norm: str) -> Iterator[Span]:
    for sign in _CURRENCY_SIGN.finditer(norm):
        m = _CURRENCY_RULES.match(norm, sign.start())
        if not m:
            continue
        start, end = m.span()
        prefix = _CURRENCY_PREFIX.search(norm, max(0, start - 3), start)
        if prefix and _left_ok(norm, prefix.start(), False):
            start = prefix.start()
        elif not _left_ok(norm, start, False) and norm[start - 1 : start] != "-":
            continue
        start -= _approx_before(norm[max(0, start - 24) : start])
        yield (start, end, "MONEY", "", False, 2)


def _word_mentions(norm: str, anchors: list[tuple[int, str]]) -> Iterator[Span]:
    for m in _word_matches(norm, anchors):
        kind = m.lastgroup or ""
        start, end = m.span(kind)
        if not _left_ok(norm, start, False):
            continue
        before = norm[max(0, start - 24) : start]
        if kind == "MONTH" or kind in {"day", "year", "year2"}:
            start, end = m.span()
            month = m["MONTH"]
            if not (m["day"] or m["year"] or m["year2"]):
                # a month on its own: full names only, and "May" only after a cue
                if month.rstrip(".") not in _MONTH_FULL.split("|"):
                    continue
                cued = _MAY_BEFORE.search(before) is not None
                if _RX_CAP_NEXT.match(norm, end) and not cued:
                    continue  # "March Madness"; but "In May New Delhi filed" is a date
                if month == "May" and not cued:
                    continue
            weekday = _RX_WEEKDAY_BEFORE.search(before)
            if weekday:
                start -= len(weekday[0])
            else:
                rel = _RX_MONTH_REL_BEFORE.search(before)
                if rel:
                    start -= len(rel[0])
            yield (start, end, "DATE", "", False, 2)
            continue
        type_ = kind.split("_")[0]
        if type_ in {"PERCENT", "QUANTITY"}:
            start -= _approx_before(before)
        elif kind in {"DATE_rel", "DATE_rel2"}:
            if norm[start:end].split()[0].lower() in _REL_WITH_THE:
                the = _THE_BEFORE.search(before)
                if the:
                    start -= len(the[0])
        elif kind in {"DATE_rel3", "DATE_edgeof", "DATE_quarter"}:
            the = _THE_BEFORE.search(before)
            if the:
                start -= len(the[0])
            elif kind != "DATE_quarter":
                continue
        elif kind == "DATE_a":
            # "for a decade", "within a year"; not "a year of talks" or "twice a year"
            if not _RX_A_SPAN_BEFORE.search(before):
                continue
        elif kind == "DATE_weekday":
            rel = _RX_DAY_REL_BEFORE.search(before)
            if rel:
                start -= len(rel[0])
        yield (start, end, type_, "", False, 2)


# --------------------------------------------------------------------------------------
# The guesser's vocabulary

#: Titles that on their own say the next name is a person (unlike "Foreign" or "State").
_PERSON_TITLES = set(
    """Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sir Dame Lord Lady President
    Premier Chancellor Minister Secretary Senator Sen. Rep. Representative Congressman
    Congresswoman Governor Gov. Mayor King Queen Prince Princess Emperor Sheikh Emir Pope
    Cardinal Archbishop Bishop Rev. General Gen. Admiral Adm. Colonel Col. Captain Capt.
    Lieutenant Lt. Major Maj. Sergeant Commander Marshal Ambassador Judge Justice Chairman
    Chairwoman Speaker Sultan Ayatollah Imam Rabbi CEO Leader""".split()
)
_ORG_CUES = set(
    """Wire Courier Dispatch Weekly Daily Monitor Observer Chronicle Review Standard Express
    Globe Bulletin Insider Ledger Telegraph Magazine Radio Television Broadcasting Watch
    International Studies Observatory Labs Pictures Records Airline Motor Pharma Foods
    Inc Inc. Corp Corp. Corporation Co Co. Ltd Ltd. Limited LLC PLC Plc AG SA S.A. NV GmbH
    SpA AB ASA Group Holdings Holding Industries Motors Airlines Airways Bank Bancorp
    Capital Partners Ventures Securities Investments Energy Oil Gas Petroleum Steel Electric
    Electronics Technologies Technology Systems Aerospace Defence Defense Shipbuilding Heavy
    Ocean Pharmaceuticals Telecom Communications Media Press News Times Post Journal Herald
    Gazette Tribune University College School Academy Institute Institution Foundation
    Centre Center Council Commission Committee Agency Authority Bureau Office Department
    Ministry Board Service Services Force Forces Army Navy Guard Command Party Front
    Movement Alliance Union League Federation Association Organisation Organization Society
    Court Tribunal Parliament Assembly Congress Senate Cabinet Administration Exchange Fund
    Trust Club Church Pact Coalition Secretariat Police Brigade Brigades Corps Network Labs
    Laboratory Hospital Mission Programme Program Initiative Forum Reserve Treasury
    Management Dal Fleet Ministries Logistics Shipping Solutions Resources Mining Insurance
    Construction Engineering Consulting Software Studios Networks Brands Retail Railways
    Rail Utilities Chemicals Materials Beverages Hotels Resorts Enterprises Ventures
    Finance Financial Investment Trading Cooperative Syndicate Consortium Conglomerate
    Brewery Breweries Petroleum Refining Semiconductor Semiconductors Biotech Therapeutics
    Pharma Healthcare Entertainment Publishing Broadcasting Newspapers""".split()
)
_EVENT_CUES = set(
    """Summit War Olympics Games Cup Conference Crisis Revolution Uprising Massacre Earthquake
    Election Elections Festival Expo Dialogue Talks Offensive Invasion""".split()
)
_LAW_CUES = set(
    """Act Treaty Accord Accords Agreement Convention Charter Protocol Declaration Law Bill
    Constitution Doctrine Strategy Resolution Directive Regulation Code Amendment""".split()
)
_LOC_CUES = set(
    """Sea Strait Straits Gulf Bay River Lake Mountains Mountain Mount Island Islands Peninsula
    Valley Desert Coast Basin Canal Shrine Square Bridge Airport Port Harbour Harbor Reef
    Shoal Atoll Delta Plateau Highlands Region""".split()
)
_GPE_CUES = set("""City Province Prefecture County State District Oblast""".split())
_CONNECTORS = set(
    """of for on and de du des la le del della di da do dos das van von der den bin bint ibn al
    el & the""".split()
)
_NAME_PARTICLES = set(
    """de da do dos das del della di du van von der den bin bint ibn al el le la""".split()
)
#: Capitalised words that start sentences or headings and are never names on their own.
_STOP = set(
    """A An The This That These Those There Then Their They Them We Our Us You Your He His
    Him She Her It Its I Me My In On At By For From With Without Within Into Onto Upon Of
    Off Over Under Above Below After Before Since Until Till During While When Whenever
    Where Wherever Why How What Whatever Which Who Whom Whose If Unless Although Though
    Even Yet But And Or Nor So As Because Also Still Just Only Now Meanwhile However
    Moreover Furthermore Indeed Instead Otherwise Thus Hence Therefore Nevertheless
    Nonetheless Besides Despite Among Amid Amongst Between Beyond Through Throughout Across
    Along Around Against Toward Towards Behind Beside Near Inside Outside Per Via Like
    Unlike Some Many Most More Much Few Fewer Several All Both Each Every Either Neither
    No Not None Nothing Any Another Other Such Same One Two Three Four Five Six Seven Eight
    Nine Ten First Second Third Last Next New Old Here Today Tomorrow Yesterday Once Twice
    Ever Never Always Often Sometimes Perhaps Maybe Probably Certainly Clearly Already
    Again Ultimately Finally Eventually Overall Shortly Recently Later Earlier Soon Please
    Read Share Follow Subscribe Click Sign Log Print Copy Email Comment Comments Reply
    Advertisement Related Photo Image Video Source Sources Note Update Updated Published
    Posted Editor Editing Reporting Writing Additional Yes Oh OK Okay Well Let Do Does
    Did Is Are Was Were Be Been Being Has Have Had Will Would Shall Should Can Could May
    Might Must Ought Mrs Mr Ms Dr Analysts Officials Critics Experts Diplomats Politicians
    Sceptics Skeptics Observers Economists Investors Supporters Residents Others People
    Everyone Someone Anyone Nobody Nor Whether Whatever Looking According Speaking Asked
    Talking Writing Having Given Following Including Regarding Concerning Considering
    During Another""".split()
)

# Capitals of the Latin, Greek and Cyrillic scripts. (The ranges hold a few small letters
# too; a run is kept only if its first letter is a capital. A class of every capital in
# Unicode makes the scan several times slower.)
_UPPER_CLASS = "[A-Z\u00c0-\u00de\u0100-\u024f\u0370-\u03ff\u0400-\u042f\u1e00-\u1eff]"
# (An opening bracket starts no sentence: "talks (Britain said) ended".)
_SENTENCE_END = re.compile(r"""(?:^|[.!?:;"\]]\s*|\s[-]\s|\n)\s*["'(\[]?\s*$""")


def _is_sentence_start(norm: str, start: int) -> bool:
    before = norm[max(0, start - 6) : start]
    if start == 0 or not before.strip():
        return True
    return bool(_SENTENCE_END.search(before))


# --------------------------------------------------------------------------------------
# Recognition


def recognise(article: Article) -> tuple[Entity, ...]:
    """Every mention in the article's title, standfirst and body, in reading order.

    Resolution is article-wide: a surname in the title resolves to the person the body
    names in full.
    """
    texts = [(name, article.text(name)) for name in TEXT_FIELDS]
    return _recognise_fields(texts)


def recognise_text(text: str, field: str = "body") -> tuple[Entity, ...]:
    """Every mention in one lone text, its offsets indexing ``text``."""
    return _recognise_fields([(field, text)])


def _recognise_fields(texts: list[tuple[str, str]]) -> tuple[Entity, ...]:
    g = gazetteer()
    norms = [(name, text, _normalise(text)) for name, text in texts]
    first = [(name, text, norm, _first_pass(g, norm)) for name, text, norm in norms]
    # Article-wide registry of names for surnames and acronyms.
    registry: dict[str, tuple[str, str]] = {}
    singles: dict[str, tuple[str, str]] = {}
    for _, _, norm, spans in first:
        _register(g, norm, spans, registry, singles)
    registry = {**singles, **registry}
    resolved = [
        (name, text, norm, _second_pass(g, norm, spans, registry))
        for name, text, norm, spans in first
    ]
    entities: list[Entity] = []
    for name, text, _norm, spans in _retype(g, resolved):
        for start, end, type_, canonical, guessed, _ in spans:
            entities.append(
                Entity(
                    name, text[start:end], type_, canonical or text[start:end], start, end, guessed
                )
            )
    return tuple(entities)


Span = tuple[int, int, str, str, bool, int]  # start, end, type, canonical, guessed, priority

#: Guessed types the typer judges, and what its classes become.
_TYPED = {"PERSON", "ORG", "GPE", "LOC", "NORP"}
_FROM_CLASS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
#: When set (by scripts/train_typer.py), the evidence for each guess is collected here
#: instead of typing it: (field, start, end, features).
_COLLECT: list | None = None


def _retype(
    g: _Gazetteer, fields: list[tuple[str, str, str, list[Span]]]
) -> list[tuple[str, str, str, list[Span]]]:
    """Type guessed names by the evidence for them, agreed across the document.

    Each guess is scored on its own evidence (:mod:`search.entities.typer`); every
    mention of the same name then takes the type the sum of their scores favours. A name
    judged to be no name, or a name of another kind, is dropped unless the guesser typed
    it as an event, law or group.
    """
    table = typer.weights()
    if not table and _COLLECT is None:
        return fields
    totals: dict[str, list[float]] = {}
    keyed: list[tuple[int, int, str]] = []  # field index, span index, key
    for fi, (name, _text, norm, spans) in enumerate(fields):
        lower: dict[str, bool] = {}  # first word -> occurs in lower case in this field
        headline = name == "title" or (len(norm) < 300 and _is_title_case(norm))
        for si, span in enumerate(spans):
            start, end, type_, canonical, guessed, _ = span
            if not guessed or type_ not in _TYPED:
                continue
            feats = _evidence(g, norm, start, end, type_, headline, lower)
            if _COLLECT is not None:
                _COLLECT.append((name, start, end, feats))
                continue
            key = canonical or norm[start:end]
            score = typer.scores(feats, table)
            total = totals.setdefault(key, [0.0] * len(score))
            for i, x in enumerate(score):
                total[i] += x
            keyed.append((fi, si, key))
    if not keyed:
        return fields
    out = [(name, text, norm, list(spans)) for name, text, norm, spans in fields]
    dropped: set[tuple[int, int]] = set()
    for fi, si, key in keyed:
        total = totals[key]
        label = typer.CLASSES[max(range(len(total)), key=total.__getitem__)]
        spans = out[fi][3]
        start, end, type_, canonical, guessed, prio = spans[si]
        new = _FROM_CLASS.get(label)
        if new is None:
            if label == "NONE" or type_ not in {"EVENT", "LAW", "NORP"}:
                dropped.add((fi, si))
            continue
        if new == "GPE" and type_ == "LOC":
            new = "LOC"
        spans[si] = (start, end, new, canonical, guessed, prio)
    return [
        (name, text, norm, [s for si, s in enumerate(spans) if (fi, si) not in dropped])
        for fi, (name, text, norm, spans) in enumerate(out)
    ]


def _evidence(
    g: _Gazetteer, norm: str, start: int, end: int, type_: str, headline: bool, lower: dict
) -> list[str]:
    """The typer's evidence for the guess ``norm[start:end]`` (``lower``: a cache)."""
    text = norm[start:end]
    first = text.split(" ", 1)[0]
    if first not in lower:
        lower[first] = _occurs_lowercase(norm, first)
    prev = ""
    if start > 1 and norm[start - 1] == " ":
        prev = norm[norm.rfind(" ", max(0, start - 30), start - 1) + 1 : start - 1]
    single = "" if " " in text else typer.shape(text)
    return [
        *_name_evidence(text, type_),
        *typer.context_features(
            norm,
            start,
            end,
            single=single,
            cue="PERSON" if prev in _PERSON_TITLES else "none",
            sentence_start=_is_sentence_start(norm, start),
            headline=headline,
            lower_elsewhere=lower[first],
        ),
    ]


@lru_cache(maxsize=8192)
def _name_evidence(text: str, type_: str) -> tuple[str, ...]:
    g = gazetteer()
    words = text.split()
    names = _given_names()
    census_given, census_surnames = typer.census_names()
    cues = [_cue_type(w) for w in words]
    known = [g.by_alias.get(_key(w)) for w in words]
    types = [g.records[c].type if c else "" for c in known]
    cue_of = next(
        (c for c, w in zip(cues[:-1], words[1:], strict=True) if c and w in {"of", "for"}),
        "none",
    )
    return typer.name_features(
        words,
        guess=type_,
        given=words[0] in names or words[0] in census_given,
        given_last=len(words) > 1 and (words[-1] in names or words[-1] in census_given),
        surname=words[-1] in census_surnames and not types[-1],
        cue_last=cues[-1] or "none",
        cue_any=next((c for c in cues if c), "none"),
        known_inside=next((t for t in types if t), "none"),
        known_last=types[-1] or "none",
        cue_of=cue_of or "none",
    )


def _PRIORITY(c: Span) -> tuple[int, int, int]:
    return (c[0] - c[1], -c[5], c[0])


def _select(candidates: list[Span], taken: list[Span] | None = None) -> list[Span]:
    """Longest match wins; ties go to higher priority, then to the leftmost."""
    chosen: list[Span] = list(taken or [])
    limit = max((c[1] for c in candidates), default=0)
    limit = max(limit, max((c[1] for c in chosen), default=0))
    occupied = bytearray(limit + 1)
    for s in chosen:
        occupied[s[0] : s[1]] = b"\1" * (s[1] - s[0])
    candidates.sort(key=_PRIORITY)
    for c in candidates:
        a, b = c[0], c[1]
        if 1 not in occupied[a:b]:
            occupied[a:b] = b"\1" * (b - a)
            chosen.append(c)
    chosen.sort()
    return chosen


def _gazetteer_mentions(g: _Gazetteer, norm: str) -> tuple[list[Span], list[tuple[int, str]]]:
    out: list[Span] = []
    anchors: list[tuple[int, str]] = []
    n = len(norm)
    government = g.government
    for end_index, (length, target, anchor) in g.automaton.iter(norm):
        end = end_index + 1
        start = end - length
        if anchor:
            anchors.append((start + 1, anchor))
            continue
        # on word boundaries: not inside "Americanism" or "Trumpet", nor after "d'"
        if end < n and (norm[end].isalnum() or norm[end] == "_"):
            continue
        if start > 0:
            prev = norm[start - 1]
            if (
                prev.isalnum()
                or prev == "_"
                or (prev == "'" and norm[start - 2 : start - 1].isalpha())
            ):
                continue
        canonical, type_ = target
        if canonical in government and type_ == "GPE":
            canonical = _metonymy(g, norm, start, end, canonical)
        out.append((start, end, type_, canonical, False, 3))
    first = _FIRST_WORD.match(norm)
    if first:  # the text's first word has no space before it
        word = first[0].lower()
        anchors.append((0, word if word in _WORD_RULES else word.split()[0]))
    anchors.sort()
    return out, anchors


_PLACE_PREPOSITIONS = set(
    """in to from at near outside around visit visited visiting visits via into across within
    toward towards through reached arrived left leave leaving streets of central downtown
    suburban between and or""".split()
)


def _metonymy(g: _Gazetteer, norm: str, start: int, end: int, city: str) -> str:
    """A capital used for its government ("Washington's favour") -> the country."""
    if norm[start:end].isupper() and len(norm[start:end]) > 3:
        return city  # a dateline
    after = norm[end : end + 6]
    if _RX_DC.match(after):
        return city
    before = norm[max(0, start - 20) : start].split()
    if before:
        word = before[-1].lower().strip("\"'(")
        if word in _PLACE_PREPOSITIONS:
            return city
    return g.government[city]


def _first_pass(g: _Gazetteer, norm: str) -> list[Span]:
    found, anchors = _gazetteer_mentions(g, norm)
    chosen = _select(found + _rule_mentions(norm, anchors))
    guesses = _guess(g, norm, chosen)
    if any(guess[5] == 0 for guess in guesses):
        chosen = _merge(chosen, guesses)
    elif guesses:
        chosen = chosen + guesses  # all in free text
        chosen.sort()
    return _widen(norm, chosen)


def _merge(chosen: list[Span], guesses: list[Span]) -> list[Span]:
    """Add guesses to ``chosen`` (sorted, disjoint); a guess replaces the mentions it
    contains ("Ghana" in "Ghana Cocoa Marketing Board") and gives way to
    one it only overlaps."""
    from bisect import bisect_left

    starts = [s[0] for s in chosen]
    dropped: set[int] = set()
    added: list[Span] = []
    for guess in sorted(guesses, key=_PRIORITY):
        a, b = guess[0], guess[1]
        i = bisect_left(starts, a)
        if i > 0 and chosen[i - 1][1] > a and (i - 1) not in dropped:
            continue  # overlaps a mention that starts before it
        j = i
        while j < len(chosen) and chosen[j][0] < b:
            if chosen[j][1] > b:
                break
            j += 1
        if j < len(chosen) and chosen[j][0] < b:
            continue  # overlaps a mention that runs past it
        if any(a < x[1] and x[0] < b for x in added):
            continue
        dropped.update(range(i, j))
        added.append(guess)
    merged = [s for k, s in enumerate(chosen) if k not in dropped] + added
    merged.sort()
    return merged


def _register(
    g: _Gazetteer,
    norm: str,
    spans: list[Span],
    registry: dict[str, tuple[str, str]],
    singles: dict[str, tuple[str, str]],
) -> None:
    """Note the names an article introduces, for :func:`_second_pass`.

    ``registry``: surnames of people named in full, acronyms given in brackets.
    ``singles``: one-word names guessed mid-sentence (the same word at a sentence start is
    the same name); they give way to ``registry``.
    """
    for start, end, type_, canonical, guessed, _ in spans:
        if guessed and " " not in norm[start:end]:
            singles.setdefault(norm[start:end], (type_, canonical or norm[start:end]))
        if type_ != "PERSON":
            continue
        name = canonical if canonical in g.records else norm[start:end]
        parts = [p for p in name.split() if p.rstrip(".") not in _SUFFIXES]
        if len(parts) < 2:
            continue
        registry.setdefault(parts[-1], ("PERSON", name))
        for weak in g.weak_of.get(name, ()):
            registry[weak] = ("PERSON", name)
        # acronym in brackets right after any mention: "Coastal Resilience Fund (CRF)"
    for start, end, type_, canonical, _guessed, _ in spans:
        if norm[end : end + 2] != " (":
            continue
        m = _RX_ACRONYM.match(norm, end)
        if m and type_ not in {"DATE", "PERCENT", "MONEY", "QUANTITY"}:
            registry.setdefault(m[1], (type_, canonical or norm[start:end]))


def _second_pass(
    g: _Gazetteer,
    norm: str,
    spans: list[Span],
    registry: dict[str, tuple[str, str]],
) -> list[Span]:
    """Surnames after full mentions, weak aliases after titles, acronyms in brackets."""
    extra: list[Span] = []
    resolved: list[Span] = []
    for span in spans:
        if span[4] and norm[span[0] : span[1]] in registry:
            # "Ms Brannagh" guessed on its own; the registry knows the full name.
            start, end, _, _, _, prio = span
            t, c = registry[norm[start:end]]
            resolved.append((start, end, t, c, c not in g.records, prio))
            continue
        resolved.append(span)
    spans = resolved
    occupied = bytearray(len(norm) + 1)
    for s in spans:
        occupied[s[0] : s[1]] = b"\1" * (s[1] - s[0])
    # Names the article already introduced: a surname, a one-word name, an acronym.
    for i, j, word in _whole_words(norm, registry):
        if 1 not in occupied[i:j]:
            type_, canonical = registry[word]
            extra.append((i, j, type_, canonical, canonical not in g.records, 1))
    # A weak alias after a title: "Mr Kim" when only one Kim is known.
    for m in _TITLED_NAME.finditer(norm):
        start, end = m.span("name")
        owners = g.weak.get(m["name"])
        if owners and len(owners) == 1 and 1 not in occupied[start:end]:
            extra.append((start, end, "PERSON", owners[0], False, 1))
    if extra:
        spans = _select(extra, spans)
    return spans


def _whole_words(norm: str, words: Iterable[str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each of ``words`` in ``norm`` as a whole word (not inside
    "Kimberley", nor after a hyphen)."""
    words = list(words)
    if len(words) <= 8:  # a few words: str.find is faster than building an automaton
        found = []
        for word in words:
            i = norm.find(word)
            while i >= 0:
                found.append((i + len(word) - 1, word))
                i = norm.find(word, i + len(word))
    else:
        finder = ahocorasick.Automaton()
        for word in words:
            finder.add_word(word, word)
        finder.make_automaton()
        found = list(finder.iter(norm))
    n = len(norm)
    for last, word in found:
        j = last + 1
        i = j - len(word)
        if (i == 0 or not (norm[i - 1].isalnum() or norm[i - 1] in "_-")) and (
            j >= n or not norm[j].isalnum()
        ):
            yield i, j, word


# --------------------------------------------------------------------------------------
# The guesser

#: Words that are titles only when a person title follows: "Foreign Minister", "Prime Minister".
_TITLE_MODIFIERS = set(
    """Prime Deputy Vice Foreign Defence Defense Finance Trade Interior Home State Chief
    Executive Crown Acting Former Opposition Senior Supreme Grand Attorney Attorney-General
    Economy Health Education Energy Justice Industry Commerce Security Treasury Labour Labor
    Culture Transport Agriculture Environment Unification Communications National General
    Army Navy Air Force of the for""".split()
)


#: Titles that are also surnames: after a given name they are the name ("John Major").
_SURNAME_TITLES = {"Major", "King", "Bishop", "Marshal", "Judge", "General", "Prince"}

_CAP_CORE = rf"{_UPPER_CLASS}\w*(?:\.(?=\w)\w+)*(?:-{_UPPER_CLASS}\w*)*"
_TOKEN = (
    r"(?:(?:[A-Z]\.){2,}|[A-Z]\.(?= [A-Z])|(?:Mrs|Mr|Ms|Dr|Prof|Gen|Col|Lt|Capt|Adm|Maj|Sen"
    rf"|Rep|Gov|Rev|St|Jr|Sr)\.|{_CAP_CORE})"
)
_TOKEN_RX = re.compile(_TOKEN)
#: A run of capitalised words joined by single spaces or lowercase connectors.
_RUN_RX = re.compile(
    rf"(?={_UPPER_CLASS}){_TOKEN}(?:(?: | (?:of|for|on|and|de|du|des|la|le|del|della|di|da|do|dos|das|van|von"
    rf"|der|den|bin|bint|ibn|al|el|&|the) ){_TOKEN})*"
)


def _run_tokens(norm: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m[0]) for m in _TOKEN_RX.finditer(norm, start, end)]


def _split_titles(run):
    """Split a run at titles; yield (part, cue) with cue "PERSON" after a person title."""
    parts = []
    cur: list = []
    cue = None
    i = 0
    n = len(run)
    while i < n:
        j = i
        while j < n and run[j][2] in _TITLE_MODIFIERS:
            j += 1
        if (
            j < n
            and run[j][2] in _PERSON_TITLES
            and (j == i or run[i][2] in _TITLE_MODIFIERS)
            and not (j == i and cur and run[j][2] in _SURNAME_TITLES)
        ):
            # run[i..j] is a title ("Prime Minister", "Defence Secretary", "Mr")
            if cur:
                parts.append((cur, cue))
                cur = []
            cue = "PERSON"
            i = j + 1
            continue
        cur.append(run[i])
        i += 1
    if cur:
        parts.append((cur, cue))
    return parts


def _guess(g: _Gazetteer, norm: str, chosen: list[Span]) -> list[Span]:
    """Unknown capitalised names, typed by cues; cautious at sentence starts."""
    names = _given_names()
    # Per character: 0 free, 1 in a mention, 2 in a date or figure.
    occupied = bytearray(len(norm) + 1)
    by_end: dict[int, int] = {}  # end -> start of each mention
    for s in chosen:
        occupied[s[0] : s[1]] = (b"\2" if s[2] in FIGURE_TYPES else b"\1") * (s[1] - s[0])
        by_end[s[1]] = s[0]
    view = _Occupancy(occupied, by_end)

    def inside(start: int, end: int) -> bool:
        """Does a recognised mention overlap [start, end)?"""
        return occupied[start:end].strip(b"\0") != b""

    out: list[Span] = []
    lowercase_seen: dict[str, bool] = {}
    skip = _TRIVIAL
    # A Title-Cased Headline capitalises ordinary words: guess only what a cue supports.
    title_case = len(norm) < 300 and _is_title_case(norm)
    for m in _RUN_RX.finditer(norm):
        run_start = m.start()
        text = m[0]
        if " " not in text:
            if occupied[run_start] or text in _STOP:
                continue  # the common case: "America", "The"
        else:
            # "Mr Macron", "New Zealand", "Chile and New Zealand": nothing left to guess
            pos = run_start
            for word in text.split(" "):
                if not (occupied[pos] or word in skip):
                    break
                pos += len(word) + 1
            else:
                continue
        if run_start and (norm[run_start - 1].isalnum() or norm[run_start - 1] in "_'-"):
            continue
        if not norm[run_start].isupper():
            continue
        run = _run_tokens(norm, run_start, m.end())
        for part, cue in _split_titles(run):
            for guess in _type_part(norm, part, cue, names, inside, view):
                start, end, type_ = guess
                text = norm[start:end]
                if title_case and cue is None and not _cue_type(text.rsplit(" ", 1)[-1]):
                    continue
                if " " not in text and cue is None:
                    if text not in lowercase_seen:
                        lowercase_seen[text] = _occurs_lowercase(norm, text)
                    if lowercase_seen[text]:
                        continue
                # priority 0 marks a guess that overlaps known mentions (it swallows them)
                out.append((start, end, type_, "", True, 0 if inside(start, end) else 1))
    return out


@define(frozen=True, slots=True)
class _Occupancy:
    occupied: bytearray
    by_end: dict[int, int]


def _is_title_case(text: str) -> bool:
    """ "How Kenya Plans To Outrun Its Debts": capitals, and no lower-case word of any length
    (prose has some: "Kishida Fumio meets Joe Biden")."""
    words = [w for w in text.split() if w[0].isalpha()]
    if sum(w[0].isupper() for w in words) < 4:
        return False
    return not any(w[0].islower() and len(w) > 4 for w in words)


def _occurs_lowercase(norm: str, word: str) -> bool:
    """Does ``word`` also occur in lower case as a whole word ("Working" / "working")?"""
    low = word.lower()
    if low == word:
        return False
    i = norm.find(low)
    while i >= 0:
        j = i + len(low)
        if (i == 0 or not norm[i - 1].isalnum()) and (j >= len(norm) or not norm[j].isalnum()):
            return True
        i = norm.find(low, i + 1)
    return False


def _cue_type(word: str) -> str | None:
    if word in _ORG_CUES:
        return "ORG"
    if word in _LAW_CUES:
        return "LAW"
    if word in _EVENT_CUES:
        return "EVENT"
    if word in _LOC_CUES:
        return "LOC"
    if word in _GPE_CUES:
        return "GPE"
    return None


def _type_part(norm, part, cue, names, inside, spans) -> list[tuple[int, int, str]]:
    # Leading stop words ("In", "The") never belong to a name.
    while part and part[0][2] in _STOP:
        part = part[1:]
    if not part:
        return []
    if cue is None and len(part) >= 2:
        institution = _institution(norm, part, inside, spans)
        if institution:
            return [institution]
    out = []
    for s in _stretches(norm, part, inside):
        typed = _type_stretch(norm, s, cue if s[0] is part[0] or s[0] == part[0] else None, names)
        if typed:
            out.append(typed)
    return out


def _institution(norm, part, inside, spans) -> tuple[int, int, str] | None:
    """An institutional name, which may swallow known names: "Ghana Cocoa Marketing
    Board", "Bank of Canada", "Chilean Mining Council"."""
    words = [t[2] for t in part]
    start, end = part[0][0], part[-1][1]
    # (a cue word inside a longer known name, "Port" in "Port Louis", is no cue)
    cued = [
        i
        for i, w in enumerate(words)
        if _cue_type(w)
        and (not inside(part[i][0], part[i][1]) or spans.by_end.get(part[i][1]) == part[i][0])
    ]
    if not cued:
        return None
    i = cued[-1]
    type_ = _cue_type(words[i])
    # the name runs to the cue word, or on through "of ..." after it, but never
    # into a date or figure ("Parliament on March 3rd")
    tail_end = part[i][1]
    # "Harbour Bank Asset Management": free capitalised words after the cue
    j = i + 1
    while (
        j < len(part)
        and norm[part[j - 1][1] : part[j][0]] == " "
        and not inside(part[j][0], part[j][1])
    ):
        j += 1
    if j > i + 1:
        i, tail_end = j - 1, part[j - 1][1]
    if (
        i < len(part) - 1
        and _RX_OF.match(norm, tail_end, end)
        and 2 not in spans.occupied[part[i + 1][0] : end]
    ):
        tail_end = end
    known_start = spans.by_end.get(tail_end)
    # "US Freedom of Information Act": the known name is the name; but "University
    # of Port Louis" is a name ending in a known one.
    known = (
        known_start is not None
        and start < known_start
        and " " in norm[known_start:tail_end]
        and norm[:known_start].rstrip().rsplit(" ", 1)[-1] not in _CONNECTORS
    )
    covered = spans.occupied[start:tail_end].strip(b"\0")
    whole = len(covered) == tail_end - start and (
        spans.by_end.get(tail_end, -1) <= start and 0 not in spans.occupied[start:tail_end]
    )
    if (i > 0 or tail_end > part[i][1]) and not known and not whole:
        return (start, tail_end, type_)
    return None


def _stretches(norm, part, inside) -> list[list]:
    """The stretches of words nothing else recognised, split at connectors that are not
    name particles ("Smith and Jones" are two)."""
    stretch: list = []
    stretches = []
    prev_end = None
    for t in part:
        if inside(t[0], t[1]):
            if stretch:
                stretches.append(stretch)
            stretch = []
            prev_end = t[1]
            continue
        if stretch and prev_end is not None:
            gap = norm[prev_end : t[0]].strip()
            if gap and gap not in _NAME_PARTICLES:
                stretches.append(stretch)
                stretch = []
        stretch.append(t)
        prev_end = t[1]
    if stretch:
        stretches.append(stretch)
    return stretches


def _type_stretch(norm, stretch, cue, names):
    while stretch and stretch[0][2] in _STOP:
        stretch = stretch[1:]
        cue = None
    if not stretch:
        return None
    words = [t[2] for t in stretch]
    start, end = stretch[0][0], stretch[-1][1]
    if len(words) > 1 and all(w.isupper() and len(w) > 3 for w in words) and cue is None:
        return None  # headings and shouting: "SIGN UP TODAY"; not "FIFA"
    single = len(words) == 1
    sentence_start = _is_sentence_start(norm, start)
    before = norm[max(0, start - 25) : start]
    after = norm[end : end + 30]
    if cue == "PERSON":
        return start, end, "PERSON"
    if single and (
        len(words[0]) < 2 or words[0] in _NOT_NAMES or (sentence_start and _ordinary(words[0]))
    ):
        return None
    if _RX_BY.search(before) and not single:
        return start, end, "PERSON"  # a byline
    type_ = _cue_type(words[-1])
    if type_ and not single:
        return start, end, type_
    if type_ == "ORG" and single:
        return None  # a lone "Council"
    if _RX_WHO.match(after):
        return start, end, "PERSON"
    if words[0] in names and not single:
        return start, end, "PERSON"
    if _RX_COMMA_PLACE.match(after) and _RX_IN_BEFORE.search(before):
        return start, end, "GPE"  # "in Tamale, Ghana"
    place = _RX_PLACE_NOUN_AFTER.match(after)
    if place:  # "the Atacama region", "Kerala state"
        return start, end, "GPE" if place[1] in _GPE_NOUNS else "LOC"
    if single and _RX_IN_ONLY_BEFORE.search(before) and not _RX_STAKE_BEFORE.search(before):
        return start, end, "GPE"  # "in Tamale"; not "shares in Vodafone"
    if _RX_WHICH.match(after):
        return start, end, "ORG"
    if sentence_start and words[0].lower() in _COMMON_STARTERS:
        return None
    if not single and len(words) <= 3 and all(len(w) > 2 and not w.isupper() for w in words):
        return start, end, "PERSON"
    return start, end, "ORG"


_COMMON_STARTERS = {w.lower() for w in _STOP}
#: Endings of everyday words that start sentences ("Negotiators", "Building", "Rarely").
_ORDINARY_ENDINGS = tuple(
    "ers ors ists ians ing ings ed ly tion tions sion sions ment ments ness ity ities ies"
    " ism isms ive ives ous ful less able ible ance ence ants ents".split()
)


def _ordinary(word: str) -> bool:
    """Does a capitalised word at a sentence start look like an everyday word?"""
    if word.isupper():
        return False  # an acronym: "FIFA said"
    low = word.lower()
    return low.endswith(_ORDINARY_ENDINGS) or low in typer.common_words()


_RX_CAP_NEXT = re.compile(r" [A-Z]")
_TITLED_NAME = re.compile(
    r"(?:Mrs|Mr|Ms|Dr|Prof|President|Premier|Chancellor|Minister|Secretary|Senator|General"
    r"|Governor|Ambassador|Chairman|Speaker|Justice|Judge|King|Queen|Prince|Sheikh)\.? "
    rf"(?P<name>{_CAP_CORE})(?!\w)"
)
_RX_WEEKDAY_BEFORE = re.compile(rf"{_WEEKDAY},? $")
_RX_MONTH_REL_BEFORE = re.compile(r"(?i:(?:last|next|this|that|early|late|mid)[- ])$")
_RX_DAY_REL_BEFORE = re.compile(r"(?i:(?:last|next|this|that) )$")
_RX_DC = re.compile(r",? ?D\.?C\b")
_RX_OF = re.compile(r" (?:of|for|on|de|du) ")
_RX_BY = re.compile(r"(?:^|\s)[Bb]y\s+$")
_RX_WHO = re.compile(r",? (?:who|whose)\b")
_RX_COMMA_PLACE = re.compile(r", (?:[A-Z]\w+ )?[A-Z]\w+(?:[,.;:]| and)")
_RX_IN_BEFORE = re.compile(r"\b(?:in|of|from|near|at|to)\s+$")
_RX_IN_ONLY_BEFORE = re.compile(r"\b(?:in|near|outside)\s+$")
_RX_STAKE_BEFORE = re.compile(
    r"\b(?:shares?|stakes?|holdings?|interest|investments?|invest(?:ed|s|ing)?|jobs|work(?:s|ed)?"
    r"|role|seat|post|deal|deals|talks|team) in\s+$",
    re.IGNORECASE,
)
_RX_PLACE_NOUN_AFTER = re.compile(
    r" (region|province|state|county|district|prefecture|oblast|valley|basin|coast|island"
    r"|islands|peninsula|river|sea|mountains|desert|plateau|delta)\b"
)
_GPE_NOUNS = {"province", "state", "county", "district", "prefecture", "oblast"}
_RX_WHICH = re.compile(r",? (?:which|whose shares)\b")
_RX_ACRONYM = re.compile(r" \(([A-Z][A-Z0-9&]{1,7})\)")
#: Words that, with recognised names, make a run with nothing left to guess.
_TRIVIAL = (_STOP | _PERSON_TITLES | _CONNECTORS) - {"General", "Major", "Chief"}
#: Capitalised abbreviations that are ordinary words, not names.
_NOT_NAMES = set(
    """GDP GNP GNI CPI PPI PMI CEO CFO COO CTO AI AGI EV EVs IPO ETF LNG LGBT LGBTQ OK TV PC IT
    HQ PR VAT FX ESG API DNA RNA NGO NGOs UAV UAVs ICBM ICBMs SLBM FDI SME SMEs PhD MP MPs
    PM VP GOP? CO2 AM FM GMT UTC BC AD CE BCE DIY FAQ URL USB WiFi COVID ETA VIP""".split()
)


#: A capitalised word that may lengthen a known name ("Real" Madrid, West "Indies").
_RX_CAP_WORD_BEFORE = re.compile(rf"(?:^|(?<=[\s(\"]))({_CAP_CORE}(?:'s?)?) $")
_RX_CAP_WORD_AFTER = re.compile(rf" ({_CAP_CORE})(?!\w)")
_RX_OF_PLACE = re.compile(r" (?:of|for) (?:the )?")
_RX_ELECTION = re.compile(rf"(?:(?:{_MONTH_FULL}) )?{_YEAR} $")
_RX_ELECTION_AFTER = re.compile(
    r"(?: (?:general|presidential|federal|parliamentary|provincial|state|legislative"
    r"|municipal|local|regional|Senate|gubernatorial|leadership|by-))?[ -]?elections?\b"
)
_WIDENED = {"ORG", "GPE", "LOC", "NORP"}


def _widen(norm: str, spans: list[Span]) -> list[Span]:
    """Known names inside longer ones: the longer name is the name.

    A known name with free capitalised words hard against it is part of a longer name
    ("Real Madrid", "West Indies", "Kurdistan Workers' Party", "Liberal Democrat"), and so
    is an organisation's name with "of <Place>" after it ("Conservative Party of
    Canada"). The longer name is guessed, so it links to no gazetteer record for a mere
    overlap of words; the typer types it. A place named in an election's name ("the 2001
    United Kingdom general election") is part of the event.
    """
    if len(norm) < 300 and _is_title_case(norm):
        return spans
    known = [s for s in spans if not s[4]]
    taken = ({s[0] for s in known}, {s[1] for s in known}, {s[0]: s for s in spans})
    out: list[Span] = []
    changed = False
    for span in spans:
        longer = None
        if not span[4] and span[2] in _WIDENED:
            longer = _longer_name(norm, span, *taken)
        elif span[2] == "ORG":  # a guessed name: "Social Democratic Party" of Croatia
            end = _of_place(norm, span[0], span[1], taken[2])
            longer = span[:1] + (end,) + span[2:] if end > span[1] else None
        out.append(longer or span)
        changed = changed or longer is not None
    return _select(out) if changed else spans


def _longer_name(norm: str, span: Span, starts: set, ends: set, by_start: dict) -> Span | None:
    """The longer name the known name ``span`` is part of, if any (see :func:`_widen`)."""
    start, end, type_, _, _, prio = span
    new_start, new_end = start, end
    # free capitalised words before it, then after it
    while new_start > 1 and norm[new_start - 1] == " " and norm[new_start - 2] != " ":
        m = _RX_CAP_WORD_BEFORE.search(norm, max(0, new_start - 40), new_start)
        if not m or m.start(1) in starts or not _may_lengthen(m[1], type_):
            break
        new_start = m.start(1)
    while norm.startswith(" ", new_end) and norm[new_end + 1 : new_end + 2].isupper():
        m = _RX_CAP_WORD_AFTER.match(norm, new_end)
        if not m or m.end() in ends or not _may_lengthen(m[1], type_):
            break
        new_end = m.end()
    if type_ == "ORG" or new_start < start or new_end > end:
        new_end = _of_place(norm, start, new_end, by_start)
    if new_start < start or new_end > end:
        new_type = type_ if new_end == end and type_ != "NORP" else "ORG"
        return (new_start, new_end, new_type, "", True, prio)
    if type_ in {"GPE", "LOC"} and "lection" in norm[end : end + 40]:
        after = _RX_ELECTION_AFTER.match(norm, end)
        if after:
            year = _RX_ELECTION.search(norm, max(0, start - 20), start)
            new_start = year.start() if year and year[0] else start
            return (new_start, after.end(), "EVENT", "", True, prio)
    return None


def _of_place(norm: str, start: int, end: int, by_start: dict) -> int:
    """Where an organisation's name ``norm[start:end]`` ends when "of <Place>" follows
    its last word ("Party", "Bank"): after a place the text names right there."""
    if _cue_type(norm[start:end].rsplit(" ", 1)[-1]) != "ORG":
        return end
    m = _RX_OF_PLACE.match(norm, end)
    place = by_start.get(m.end()) if m else None
    if place and place[2] in {"GPE", "LOC"} and not place[4]:
        return place[1]
    return end


def _may_lengthen(word: str, type_: str) -> bool:
    """May ``word`` lengthen a known name of type ``type_``?"""
    if word == "New":
        return type_ in {"ORG", "NORP"}
    if word in _STOP or word in _PERSON_TITLES or word in _TITLE_MODIFIERS:
        return False
    if word.isupper() and len(word) > 3:
        return False  # a heading in capitals
    return word not in _NOT_NAMES and word not in _CONNECTORS
