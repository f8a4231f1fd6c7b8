"""Places that stand for their teams: "Cincinnati 18 Colorado 7", "Kansas City at Detroit".

In results, standings and fixtures a city's or a county's name is its club's, an
organisation, not the place. The evidence is the shape of the line the name stands in,
never the name itself:

- a result or a table row: names each followed by a score ("Harlequins 75 Gloucester
  19"), or a line that starts with the name and runs on in figures ("Houston 72 63 .533");
- a fixture: two names joined by "at", "v" or "vs" and nothing else on the line, or a name
  after "v" ("May 20 v Durham"); the name after "at" is the place the match is played in;

and, across the document, the same name in prose ("Nice have been unable to win"), unless
a preposition of place or a dateline says it is the place there ("in Nice", "NICE,
France"). A country's name stays a place: its national side is named for the country.
"""

# ruff: noqa: SIM905

from __future__ import annotations

import re
from functools import lru_cache

from search.entities.gazetteer import _Gazetteer
from search.entities.guess import _CUE_TYPES, _given_name
from search.entities.spans import Span
from search.entities.typer import DATELINE, places

_PLACES = {"GPE", "LOC"}
#: A name in capitals: its first capital, then the rest of it.
_CAPS_REST = r"[\w.'&-]*(?: (?:[A-Z][\w.'&-]*|\([A-Z]\)))*"
_CAPS = r"[A-Z]" + _CAPS_REST
#: A name and its score: "Gloucester 19", "KANSAS CITY 4" (no figure with a unit after),
#: at the line's start or after a space or a comma. (That is asked after the name's first
#: capital, ``(?<![^\s,].)``: a pattern that starts with a capital lets the scan skip from
#: capital to capital, where a test before it was tried at every position.)
_RX_SCORED = re.compile(rf"([A-Z](?<![^\s,].){_CAPS_REST}) \d{{1,3}}(?=$|[ ,;]|\n)(?! ?(?:%|per))")
_RX_ROW = re.compile(rf"^\s*(?:\d+\. )?{_CAPS}(?: \d+(?:\.\d+)?| -| \.\d+){{2,}}")
_RX_FIXTURE = re.compile(rf"^\s*(?:{_CAPS}) (?:at|AT|v|vs\.?|VS\.?) (?:{_CAPS})\s*$")
_RX_VERSUS_BEFORE = re.compile(r"(?:^|\s)(?:v|vs\.?)\s$")
_RX_PLACE_BEFORE = re.compile(r"(?:^|\s)(?:in|at|near|from|to|outside|of)\s$", re.IGNORECASE)


def _line(norm: str, start: int, end: int) -> tuple[int, str]:
    first = norm.rfind("\n", 0, start) + 1
    last = norm.find("\n", end)
    return first, norm[first : len(norm) if last < 0 else last]


def _as_team(norm: str, start: int, end: int) -> bool:
    """Does the line the name ``norm[start:end]`` stands in make it a team's name?"""
    scored = norm[end + 1 : end + 2].isdigit() and norm[end : end + 1] == " "
    if not (scored or start == 0 or norm[start - 1] == "\n" or norm[start - 1] == " "):
        return False
    before = norm[max(0, start - 4) : start]
    if not (scored or start == 0 or before.endswith(("\n", " at ", " AT ", " v ", "vs ", "s. "))):
        return False  # (the common case: a name in prose)
    if _RX_VERSUS_BEFORE.search(before):
        return True
    first, line = _line(norm, start, end)
    row, fixture, scores = _shape(line)
    at = start - first
    if fixture:  # "Boston at Chicago": Boston's team plays in Chicago, the place
        return at == 0 or not _RX_AT_BEFORE.search(before)
    return (at == 0 and row) or at in scores


@lru_cache(maxsize=512)
def _shape(line: str) -> tuple[bool, bool, frozenset[int]]:
    """(a table row, a fixture, where the names with a score start) of one line."""
    if len(line) > _LONGEST or not _RX_FIGURE_OR_VERSUS.search(line):
        return False, False, frozenset()  # (a paragraph of prose is no line of results)
    scored = []
    first = _RX_SPACE_DIGIT.search(line)  # two names with scores hold two of them
    if first and _RX_SPACE_DIGIT.search(line, first.end()):
        scored = [m.start(1) for m in _RX_SCORED.finditer(line)]
    return (
        bool(_RX_ROW.match(line)),
        bool(_RX_FIXTURE.match(line)),
        frozenset(scored) if len(scored) >= 2 else frozenset(),
    )


_RX_SPACE_DIGIT = re.compile(r" \d")
_RX_AT_BEFORE = re.compile(r" (?:at|AT) $")
#: The longest line read for results: a table's rows and a day's results are short.
_LONGEST = 240
_RX_FIGURE_OR_VERSUS = re.compile(r"\d| (?:at|AT|v|vs\.?|VS\.?) ")


def _teams(
    g: _Gazetteer, fields: list[tuple[str, str, str, list[Span]]]
) -> list[tuple[str, str, str, list[Span]]]:
    """Known places (not countries) named as teams become organisations, in the lines
    that show it and across the document (see the module's docstring)."""
    countries = g.countries
    teams: set[str] = _teams_named(fields)
    for _, _, norm, spans in fields:
        if not _has_figures(norm):
            continue
        for start, end, type_, canonical, guessed, _ in spans:
            if type_ not in _PLACES or guessed or canonical in countries:
                continue
            if _as_team(norm, start, end):
                teams.add(norm[start:end].casefold())
    if not teams:
        return fields
    out = [(name, text, norm, list(spans)) for name, text, norm, spans in fields]
    for _, _, norm, spans in out:
        for si, span in enumerate(spans):
            start, end, type_, canonical, guessed, prio = span
            if type_ not in _PLACES or guessed or canonical in countries:
                continue
            name = norm[start:end]
            if name.casefold() not in teams or _as_place(norm, start, end):
                continue
            spans[si] = (start, end, "ORG", name, True, prio)
    return out


def _teams_named(fields: list[tuple[str, str, str, list[Span]]]) -> set[str]:
    """The towns whose teams a match report names in full ("the Boston Celtics", "the
    Seattle Mariners"): a report that does calls the team by its town too ("while Boston
    went 2-for-10"), as the lines of results do. Only in a document about sport."""
    towns: set[str] = set()
    for _, _, norm, spans in fields:
        for start, end, type_, _, _, _ in spans:
            if type_ != "ORG":
                continue
            space = norm.find(" ", start, end)
            if space < 0 or norm[start:space] not in places():
                continue
            town, rest = norm[start:space], norm[space + 1 : end]
            if _nicknamed(town, rest):
                towns.add(town)
    if not towns or not any(_sport_prose(f[2]) or _sporting(f[2]) for f in fields):
        return set()
    return {t.casefold() for t in towns}


def _nicknamed(town: str, rest: str) -> bool:
    """Is ``rest`` a team's nickname after a town the lists know ("Boston" "Red Sox")?
    Capitalised words, none a place's, an institution's cue or a given name."""
    if town not in places() or rest in places():
        return False
    words = rest.split()
    return len(words) <= 2 and all(
        w[:1].isupper() and w[1:].islower() and w not in _CUE_TYPES and not _given_name(w)
        for w in words
    )


@lru_cache(maxsize=16)
def _sporting(norm: str) -> bool:
    """Does the text hold a line of results, a table row or a fixture? (Cached: the
    passes of one article ask it of the same fields.)"""
    if not _has_figures(norm) and " v" not in norm and " at " not in norm.lower():
        return False
    return any(any(_shape(line)) for line in norm.split("\n"))


#: Words of a match report: a document that uses several of them is about sport, and a
#: town's name in it is its club's as often as the place's ("Leeds have been unable...").
_SPORT_WORDS = frozenset(
    """goal goals scored scorer striker strikers midfielder midfielders defender defenders
    goalkeeper keeper penalty penalties equaliser equalizer header corner kick-off halftime
    half-time innings wicket wickets batsman batsmen bowler bowled bowling inning pitcher
    pitched homered homer homers rbi touchdown touchdowns quarterback playoff playoffs
    play-off semifinal semi-final quarter-final quarterfinal relegation relegated promoted
    fixture fixtures seeded tiebreak tie-break lap laps podium squad squads stadium coach
    coaches teammate teammates season's league's cup-tie try tries scrum winger fly-half
    unbeaten draw drew victory defeat clean sheet rally striker's match""".split()
)
#: Of those, the words politics and everyday news use as often ("the defeat of the bill",
#: "a rally in Leeds", "drew up a plan"): they count only beside one of the others.
_SPORT_WORDS_SHARED = frozenset("victory defeat rally draw drew try coach promoted match".split())
_RX_WORD = re.compile(r"[a-z][a-z'-]*")


@lru_cache(maxsize=16)
def _sport_prose(norm: str) -> bool:
    """Does the text use several words of a match report (four or more, of two or more
    kinds, one at least no politician's: :data:`_SPORT_WORDS_SHARED`), in any case
    ("Goals" at a sentence's start counts)? (Cached: the passes of one article ask it of
    the same fields, and it reads every word.)"""
    found = list(filter(_SPORT_WORDS.__contains__, _RX_WORD.findall(norm.lower())))
    kinds = set(found)
    return len(found) >= 4 and len(kinds) >= 2 and not kinds <= _SPORT_WORDS_SHARED


def _has_figures(norm: str) -> bool:
    return _RX_DIGIT.search(norm) is not None


_RX_DIGIT = re.compile(r"\d")


def _as_place(norm: str, start: int, end: int) -> bool:
    """Does a preposition of place or a dateline say the name is the place here?"""
    if _RX_PLACE_BEFORE.search(norm, max(0, start - 8), start):
        return not _as_team(norm, start, end)
    first = norm.rfind("\n", 0, start) + 1
    if start > first + 2 and norm.endswith(", ", first, start):
        # the region after a dateline's town: "ARLINGTON, Texas 1996-08-31"
        town = norm[first : start - 2]
        return town.isupper() and DATELINE.match(norm, end) is not None
    # A dateline, or a place alone before a comma at a line's start ("NICE, ...").
    return start == first and (DATELINE.match(norm, end) is not None or norm[end : end + 1] == ",")
