"""The gazetteer: the names the recogniser knows, with types, aliases and descriptions.

``data/gazetteer.txt`` holds one record a line. Its forms are matched with Aho-Corasick
on word boundaries, longest match first, in the same pass that finds the words a date or
figure rule may start with.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import ahocorasick
from attrs import define

from search.entities.kept import kept
from search.entities.rules import _ANCHOR_WORDS, _FIRST_WORD, _WORD_RULES
from search.entities.spans import Span
from search.model import EntityInfo

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
    if text.isascii():
        return text
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
        self.countries: set[str] = set()  # canonical names of countries
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
        if type_ == "GPE" and ("capital" in extra or _RX_COUNTRY.search(description)):
            self.countries.add(canonical)
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


#: A description that says its record is a country (or a nation of one, as England).
_RX_COUNTRY = re.compile(r"\b(?:country|nation|principality)\b")

_SUFFIXES = set(["Jr", "Sr", "II", "III", "IV"])


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
@kept("gazetteer")
def gazetteer() -> _Gazetteer:
    """The gazetteer, loaded once."""
    return _Gazetteer(_parse_gazetteer(GAZETTEER_PATH.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    lines = NAMES_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def lookup(name: str) -> EntityInfo | None:
    """The gazetteer record for a canonical name or alias (any case), else None."""
    g = gazetteer()
    canonical = g.by_alias.get(_key(name))
    return g.records.get(canonical) if canonical else None


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
    [
        "in",
        "to",
        "from",
        "at",
        "near",
        "outside",
        "around",
        "visit",
        "visited",
        "visiting",
        "visits",
        "via",
        "into",
        "across",
        "within",
        "toward",
        "towards",
        "through",
        "reached",
        "arrived",
        "left",
        "leave",
        "leaving",
        "streets",
        "of",
        "central",
        "downtown",
        "suburban",
        "between",
        "and",
        "or",
    ]
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


_RX_DC = re.compile(r",? ?D\.?C\b")
