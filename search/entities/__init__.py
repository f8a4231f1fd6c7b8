"""Named entities: ``recognise(article)`` finds every mention, in reading order.

Sources of mentions, all offline, one module each:

1. :mod:`.gazetteer`: canonical names, types, aliases and a one-line description
   (``data/gazetteer.txt``), matched with Aho-Corasick on word boundaries, longest first.
2. :mod:`.rules`: DATE, PERCENT, MONEY and QUANTITY, by regular expression.
3. :mod:`.guess`: capitalised names the gazetteer does not know, with their boundaries (a
   known name inside a longer one gives way to it). They carry ``guessed=True``.
4. :mod:`.typer`: the type of each guessed name, from the evidence around it, agreed
   across the document (weights in ``data/entity_typer.json``).

Then :mod:`.resolve` links within the article: a surname after a full mention ("Ms
Brannagh" after "Ottilie Brannagh"), a given name alone of the one person the article
names in full by it ("Lena said", a transcript's "RICK:"), an acronym introduced in brackets ("Coastal
Resilience Fund (CRF)"), capitals used for their governments ("won Washington's backing"
-> United States); a mention links to a record only when its whole name matches.

Conventions (OntoNotes labels) are written down in ``tests/gold/README.md``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter

from search.entities import typer
from search.entities.buttons import without_buttons
from search.entities.defined import (
    acronym_names,
    campuses,
    datelines,
    numbered_roads,
    party_houses,
    people_who,
    post_offices,
    short_bodies,
    sites,
    titled_people,
    tweet_authors,
)
from search.entities.gazetteer import (
    TYPE_LABELS,
    TYPES,
    _Gazetteer,
    _gazetteer_mentions,
    _normalise,
    gazetteer,
    lookup,
)
from search.entities.guess import (
    _NAME_PARTICLES,
    _guess,
    _is_title_case,
    _widen,
    mostly_capitals,
)
from search.entities.languages import without_languages
from search.entities.resolve import (
    _SHORT,
    _finder,
    _register,
    _retype,
    _second_pass,
    _whole_words,
    _written_lowercase,
    given_names,
    speakers,
)
from search.entities.rules import _rule_mentions
from search.entities.spans import _END, _PRIORITY, Span, _select
from search.entities.teams import _teams
from search.model import TEXT_FIELDS, Article, Entity, EntityCount

__all__ = [
    "TYPES",
    "TYPE_LABELS",
    "gazetteer",
    "lookup",
    "recognise",
    "recognise_text",
    "tally",
    "warm_up",
]

# --------------------------------------------------------------------------------------
# Counting


def tally(mentions: Sequence[Entity]) -> tuple[EntityCount, ...]:
    """The entities of these mentions, one per canonical name whatever the type of each
    mention, most mentioned first (then by name): what the reader's panel and
    ``dossier entities ID`` both show."""
    by_name: dict[str, list[Entity]] = {}
    for m in mentions:
        by_name.setdefault(m.canonical, []).append(m)
    counts = []
    for name, group in by_name.items():
        per_type = Counter(m.type for m in group)  # in first-seen order on a tie
        types = tuple(t for t, _ in per_type.most_common())
        forms = tuple(dict.fromkeys(m.text for m in group if m.text != name))
        guessed = all(m.guessed for m in group)
        counts.append(EntityCount(name, types[0], len(group), types, forms, guessed))
    counts.sort(key=lambda c: (-c.count, c.canonical.casefold(), c.canonical))
    return tuple(counts)


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
    norms = [(name, text, _normalise(text)) for name, text in texts if text.strip()]
    first = [(name, text, norm, _first_pass(g, norm)) for name, text, norm in norms]
    # Article-wide registry of names for surnames and acronyms.
    registry: dict[str, tuple[str, str]] = {}
    singles: dict[str, tuple[str, str]] = {}
    # (names for a Title-Cased Headline, if the article has one: a headline is short)
    headlines = {i for i, f in enumerate(first) if len(f[2]) < _SHORT and _is_title_case(f[2])}
    headline_names: dict[str, tuple[str, str]] | None = {} if headlines else None
    givens: dict[str, str] = {}
    for _, _, norm, spans in first:
        _register(g, norm, spans, registry, singles, headline_names, givens)
    registry = {
        **singles,
        **speakers(f[2] for f in first),
        **given_names(givens),
        **registry,
    }
    # (an automaton for the registry's words is built once, if a long field needs it)
    long = len(registry) > 8 and sum(len(f[2]) >= _SHORT for f in first) > 1
    finder = _finder(registry) if long else None
    resolved = [
        (name, text, norm, _second_pass(g, norm, spans, registry, finder))
        if i not in headlines or not headline_names
        else (name, text, norm, _second_pass(g, norm, spans, {**headline_names, **registry}))
        for i, (name, text, norm, spans) in enumerate(first)
    ]
    entities: list[Entity] = []
    for name, text, _norm, spans in without_buttons(
        _in_capitals(
            _in_headings(
                without_languages(
                    people_who(
                        short_bodies(campuses(party_houses(_teams(g, _retype(g, resolved)))))
                    )
                )
            )
        )
    ):
        for start, end, type_, canonical, guessed, _ in spans:
            surface = text[start:end]
            entities.append(Entity(name, surface, type_, canonical or surface, start, end, guessed))
    return tuple(entities)


def warm_up() -> None:
    """Load now what recognition loads the first time it runs (the gazetteer's automaton,
    the typer's word lists and weights): a tenth of a second, which a process that will
    recognise a file can spend while it waits for something else."""
    recognise_text(_WARM_UP)


#: A sentence with a known name, a guessed one, a date, money and a percentage.
_WARM_UP = (
    "Ms Orla Penhallow of the Vantrell Institute told the United Nations in Geneva on "
    "Monday, 3 March 2025, that $4.5bn, or 12% of the budget, was spent."
)


def _in_capitals(
    fields: list[tuple[str, str, str, list[Span]]],
) -> list[tuple[str, str, str, list[Span]]]:
    """A headline in capitals names what the text names: "SHEARER NAMED CAPTAIN" above
    "Alan Shearer was named...". Names found elsewhere in the article, and their words
    of a person's name, are found in a field written in capitals."""
    shouting = [i for i, f in enumerate(fields) if mostly_capitals(f[2])]
    if not shouting:
        return fields
    known: dict[str, tuple[str, str, bool]] = {}
    for i, (_, _, norm, spans) in enumerate(fields):
        if i in shouting:
            continue
        for start, end, type_, canonical, guessed, _ in spans:
            if type_ in _NAME_TYPES:
                text = norm[start:end]
                target = (type_, canonical or text, guessed)
                known.setdefault(text.upper(), target)
                if type_ == "PERSON" and " " in text:  # "SHEARER" for Alan Shearer
                    known.setdefault(text.rsplit(" ", 1)[-1].upper(), target)
    known = {k: v for k, v in known.items() if len(k) > 2}
    if not known:
        return fields
    out = list(fields)
    for i in shouting:
        name, text, norm, spans = fields[i]
        occupied = bytearray(len(norm) + 1)
        for s in spans:
            occupied[s[0] : s[1]] = b"\1" * (s[1] - s[0])
        extra = [
            (a, b, known[w][0], known[w][1], known[w][2], 1)
            for a, b, w in _whole_words(norm, known)
            if 1 not in occupied[a:b]
        ]
        if extra:  # (they overlap no span here, only one another)
            out[i] = (name, text, norm, sorted(spans + _select(extra)))
    return out


_NAME_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "LAW"}

_RX_DIGIT = re.compile(r"\d")
#: A heading line inside a field is shorter than this.
_HEADING = 120
#: The types of names a Title-Cased heading is searched for.
_HEADED_TYPES = {"PERSON", "ORG", "GPE", "LOC"}


def _heading_line(line: str) -> bool:
    """A line in Title Case of two capitalised words or more ("Quorvex Unique Features")."""
    capitals = 0
    for w in line.split():
        first = w[0]
        if first.isupper():
            capitals += first.isalpha()
        elif first.islower() and len(w) > 4 and first.isalpha():
            return False
    return capitals >= 2


def _in_headings(
    fields: list[tuple[str, str, str, list[Span]]],
) -> list[tuple[str, str, str, list[Span]]]:
    """A Title-Cased heading inside a field ("Who Should Use Quorvex vs. Quorvex Pro?")
    names what the prose around it names: its capitalised words say little of where a name
    starts (the guesser's run "Who Should Use Quorvex" is no one's name and goes), so the
    names the article gives in its prose are found in it where nothing else is. Not an
    everyday word, nor one the article writes in lower case ("What Will Happen" after
    "Will Smith"); not in a line with figures (a table's row, "July 9 v Minor Counties
    XI", is no heading and its names run on)."""
    headings: list[tuple[int, int, int]] = []  # field index, start, end of a heading line
    for i, (_, _, norm, _) in enumerate(fields):
        if "\n" not in norm:
            continue
        at = 0
        for line in norm.split("\n"):
            if (
                0 < len(line) < _HEADING
                and line[0].isupper()
                and _heading_line(line)
                and not _RX_DIGIT.search(line)  # a table's or a fixture list's row
            ):
                headings.append((i, at, at + len(line)))
            at += len(line) + 1
    if not headings:
        return fields
    heads: dict[int, list[tuple[int, int]]] = {}  # field index -> its heading lines, in order
    for i, a, b in headings:
        heads.setdefault(i, []).append((a, b))
    known: dict[str, tuple[str, str, bool]] = {}
    for i, (_, _, norm, spans) in enumerate(fields):
        lines = heads.get(i, ())
        starts = [a for a, _ in lines]
        for start, end, type_, canonical, guessed, _ in spans:
            if type_ not in _HEADED_TYPES:
                continue
            at = bisect_right(starts, start) - 1  # (the lines are disjoint, in order)
            if at >= 0 and start < lines[at][1]:
                continue  # a name of a heading
            text = norm[start:end]
            if " " not in text and (typer.everyday(text) or not text[:1].isupper()):
                continue
            known.setdefault(text, (type_, canonical or text, guessed))
    if not known:
        return fields
    lowered = " ".join(f[2] for f in fields)
    known = {k: v for k, v in known.items() if " " in k or not _written_lowercase(lowered, k)}
    out = list(fields)
    # (many lines and names: one automaton finds the names in every line, where each
    # line was searched for each name; it finds the same, every place of each)
    many = len(known) > 8 and len(headings) > 8
    finder = _finder(known) if many else None
    for i, lines in heads.items():
        name, text, norm, spans = fields[i]
        occupied = bytearray(len(norm) + 1)
        for s in spans:
            occupied[s[0] : s[1]] = b"\1" * (s[1] - s[0])
        extra = [
            (a + x, a + y, *known[w], 1)
            for a, b in lines
            for x, y, w in _whole_words(norm[a:b], known, finder)
            if 1 not in occupied[a + x : a + y]
            and norm[a : a + x].rstrip().rsplit(" ", 1)[-1] not in _NAME_PARTICLES  # "de Silva"
        ]
        if extra:  # (they overlap no span here, only one another)
            out[i] = (name, text, norm, sorted(spans + _select(extra)))
    return out


def _first_pass(g: _Gazetteer, norm: str) -> list[Span]:
    found, anchors = _gazetteer_mentions(g, norm)
    chosen = _select(found + _rule_mentions(norm, anchors))
    guesses = _guess(g, norm, chosen)
    if 0 in map(_PRIORITY_OF, guesses):  # (a guess over known mentions: no Python loop)
        chosen = _merge(chosen, guesses)
    elif guesses:
        chosen = chosen + guesses  # all in free text
        chosen.sort()
    chosen = datelines(norm, _widen(norm, chosen))
    chosen = sites(norm, post_offices(norm, numbered_roads(norm, acronym_names(norm, chosen))))
    return tweet_authors(norm, titled_people(norm, chosen))


#: A span's priority (0: a guess that overlaps known mentions, see search.entities.guess).
_PRIORITY_OF = itemgetter(5)


def _merge(chosen: list[Span], guesses: list[Span]) -> list[Span]:
    """Add guesses to ``chosen`` (sorted, disjoint); a guess replaces the mentions it
    contains ("Ghana" in "Ghana Cocoa Marketing Board") and gives way to
    one it only overlaps."""
    from bisect import bisect_left

    starts = [s[0] for s in chosen]
    dropped: set[int] = set()
    added: list[Span] = []
    # (the characters the guesses added so far cover: they are disjoint, so a guess
    # overlaps one of them when it covers one of those characters)
    covered = bytearray(max(max(map(_END, guesses)), max(map(_END, chosen), default=0)) + 1)
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
        if covered.find(1, a, b) >= 0 if a < b else any(a < x[1] and x[0] < b for x in added):
            continue
        dropped.update(range(i, j))
        added.append(guess)
        covered[a:b] = b"\1" * (b - a)
    merged = [s for k, s in enumerate(chosen) if k not in dropped] + added
    merged.sort()
    return merged
