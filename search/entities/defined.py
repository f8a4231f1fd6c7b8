"""Names a text marks out by its own conventions, whatever words they are made of.

- A dateline: "TAYLORVILLE — The following...", "WEST PALM BEACH — ...", "AUSTIN (KXAN) —":
  the capitals that open a story or a paragraph before a dash name the place it was filed
  from. The span is the place, with the words inside it (a known "West" does not cut
  "WEST PALM BEACH" short), and no evidence around it changes its type.
- A name its acronym follows in brackets: "Homeland Security Investigations (HSI)",
  "U.S. Customs and Border Protection (CBP)", "Air and Marine Operations (AMO)". The
  capitalised words whose initials the acronym spells are one name, though "and" joins
  them and no cue word ends them; the typer types it (it sees the acronym spell it out).
  Where the same field names it again without the acronym, that is the same name.
"""

# Word lists read best as one string split on spaces.
# ruff: noqa: SIM905

from __future__ import annotations

import re

from search.entities import typer
from search.entities.guess import _PERSON_TITLES, _cue_type
from search.entities.spans import DEFINED, SPELT, Span, _select

#: Capitals at the start of a line (or after a colon, for a heading), then an optional ", State" and "(AGENCY)", then a dash.
_RX_DATELINE = re.compile(
    r"(?m)(?:^|: )(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)?(?: \([A-Za-z][\w ]*\))? (?:—|–|--|-) "
)


def datelines(norm: str, spans: list[Span]) -> list[Span]:
    """The place of each dateline in capitals, as one span that replaces those inside it."""
    found = []
    headings: list[tuple[int, int]] = []
    for m in _RX_DATELINE.finditer(norm):
        start, end = m.span("place")
        place = m["place"]
        if len(place.replace(".", "")) < 3:
            continue
        title = " ".join(w.capitalize() for w in place.split())
        # "ARRESTS – Corey O. Inman", "UPDATE - ...": a heading in everyday words is no place
        if title not in typer.places() and all(
            typer.everyday(w) or typer.everyday(w[:-1]) for w in title.replace("-", " ").split()
        ):  # (an everyday word or its plural)
            headings.append((start, end))
            continue
        found.append((start, end, "GPE", "", True, DEFINED))
    if headings:  # and no guess of a name
        spans = [
            s for s in spans if not (s[4] and any(a <= s[0] and s[1] <= b for a, b in headings))
        ]
    return _replace(spans, found) if found else spans


#: An acronym in brackets right after a name: " (HSI)", " (AT&T)".
_RX_ACRONYM_AFTER = re.compile(r" \(([A-Z][A-Z&]{1,7})\)")
#: Lower-case words a name's words may be joined by.
_JOINS = frozenset("of and for the & on de du des la le del di da".split())
_RX_WORD = re.compile(r"[A-Z][\w'’.-]*")
#: A country's abbreviation before an agency's name is part of it: "U.S. Customs ...".
_RX_COUNTRY_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,3}|US|UK|EU")


def acronym_names(norm: str, spans: list[Span]) -> list[Span]:
    """Names an acronym in brackets spells out, one span each (see the module's doc)."""
    if " (" not in norm:
        return spans
    found: list[Span] = []
    names: set[str] = set()
    for m in _RX_ACRONYM_AFTER.finditer(norm):
        span = _spelt_out(norm, m.start(), m[1])
        if span:
            found.append(span)
            names.add(norm[span[0] : span[1]])
    if not found:
        return spans
    for name in names:  # the same name again, without its acronym
        short = (
            name.split(" ", 1)[1] if _RX_COUNTRY_ABBREVIATION.fullmatch(name.split(" ")[0]) else ""
        )
        for text in filter(None, (name, short)):
            at = norm.find(text)
            while at >= 0:
                end = at + len(text)
                if (at == 0 or not norm[at - 1].isalnum()) and not norm[end : end + 1].isalnum():
                    found.append((at, end, "ORG", "", True, SPELT))
                at = norm.find(text, end)
    found = _select(found)  # the longest of overlapping ones
    return _replace(spans, found)


def _spelt_out(norm: str, end: int, acronym: str) -> Span | None:
    """The longest run of capitalised words ending at ``end`` whose initials spell
    ``acronym``, as a guessed organisation's span, else None."""
    letters = acronym.replace("&", "")
    window = max(0, end - 160)
    words: list[tuple[int, int, str]] = []
    for t in reversed(list(re.finditer(r"\S+", norm[window:end]))):
        w = t[0]
        if w in _JOINS or _RX_WORD.fullmatch(w):
            words.append((window + t.start(), window + t.end(), w))
            continue
        break
    words.reverse()
    if not words or words[-1][2] in _JOINS:
        return None
    for i, (start, _, first) in enumerate(words):
        if first in _JOINS:
            continue
        rest = [w for _, _, w in words[i:]]
        capitals = [w for w in rest if w not in _JOINS]
        if len(capitals) < 2:
            break
        spelt = "".join(w[0] for w in capitals)
        spelt_all = "".join(w[0].upper() for w in rest if w not in {"the", "&"})
        if letters not in (spelt, spelt_all):
            continue
        if first in _PERSON_TITLES or _cue_type(capitals[-1]) in {"LAW", "EVENT"}:
            return None  # "Member of Parliament (MP)", "Comprehensive Test Ban Treaty (CTBT)"
        if i and _RX_COUNTRY_ABBREVIATION.fullmatch(words[i - 1][2]):
            start = words[i - 1][0]
        return (start, end, "ORG", "", True, SPELT)
    return None


def _replace(spans: list[Span], found: list[Span]) -> list[Span]:
    """``spans`` with each of ``found`` in place of the mentions inside it; one that a
    known name runs across, or that is a known name already, is left out."""
    keep = []
    for new in found:
        a, b = new[0], new[1]
        # its own convention cuts a guess short, never a known name
        clash = any(
            not s[4] and s[0] < b and a < s[1] and (s[0] < a or s[1] > b or (s[0], s[1]) == (a, b))
            for s in spans
        )
        if not clash:
            keep.append(new)
    if not keep:
        return spans
    out = [s for s in spans if not any(s[0] < k[1] and k[0] < s[1] for k in keep)]
    out.extend(keep)
    out.sort()
    return out


#: A road by its number: "Illinois Route 29", "Township Road 1950E", "Interstate 95",
#: "Highway 401"; and a numbered street: "1600E Road", "42nd Street", "5th Avenue".
_RX_NUMBERED_ROAD = re.compile(
    r"(?<![\w-])(?:(?:[A-Z][\w.]*|U\.S\.) )*(?:Route|Highway|Road|Interstate|Hwy\.?|State Road)"
    r" \d{1,5}[A-Z]?(?![\w-])"
    r"|(?<![\w,.-])\d{1,5}(?:st|nd|rd|th|[NSEW])? (?:Street|Avenue|Road|Boulevard|Lane|Drive)"
    r"(?![\w-])"
)


def numbered_roads(norm: str, spans: list[Span]) -> list[Span]:
    """Roads and streets named by a number, as places (the guesser sees no capitalised
    name in "1600E Road", and cuts "Illinois Route 29" short of its number)."""
    if not _RX_ROAD_WORD.search(norm):  # (the common case)
        return spans
    found = []
    for m in _RX_NUMBERED_ROAD.finditer(norm):
        start = m.start()
        while norm[start:].startswith(_LEADING_STOPS):  # "At Route 9": no part of it
            start = norm.index(" ", start) + 1
        found.append((start, m.end(), "LOC", "", True, DEFINED))
    return _replace(spans, found) if found else spans


_RX_ROAD_WORD = re.compile(
    r"Route |Road|Highway |Interstate |Hwy|\d(?:st|nd|rd|th|[NSEW])? [SABLD]"
)
_LEADING_STOPS = ("The ", "On ", "At ", "In ", "Near ", "Along ", "From ", "To ", "Via ")


#: An office named for its holder's post: "Christian County Sheriff's Department", "the
#: Attorney General's Office", "Children's Hospital".
_RX_POST_OFFICE = re.compile(
    r"(?<![\w'’-])(?P<name>(?:[A-Z][\w.-]* ){0,4}(?P<post>[A-Z][a-z]+)['’]s"
    r"(?: [A-Z][\w-]*){0,3} (?P<cue>[A-Z][a-z]+))(?![\w'’-])"
)


def post_offices(norm: str, spans: list[Span]) -> list[Span]:
    """Offices named for their holder's post, whole, as organisations: the post is an
    everyday word ("Sheriff", "Attorney"), not a name ("Britain's Labour Party" is two)."""
    if "s " not in norm or ("'s " not in norm and "’s " not in norm):
        return spans
    found = []
    for m in _RX_POST_OFFICE.finditer(norm):
        if _cue_type(m["cue"]) != "ORG" or not typer.everyday(m["post"]):
            continue
        start = m.start()
        while norm[start:].startswith(_LEADING_STOPS):
            start = norm.index(" ", start) + 1
        if start >= m.start("post") and not _is_post_first(m["post"]):
            continue
        found.append((start, m.end(), "ORG", "", True, DEFINED))
    return _replace(spans, found) if found else spans


def _is_post_first(word: str) -> bool:
    """Can a post's possessive open an office's name ("Children's Hospital")?"""
    return word in {"Children", "Women", "Men", "Veterans", "People", "Workers"}
