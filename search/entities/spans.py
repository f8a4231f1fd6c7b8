"""Candidate mentions as tuples, and choosing among overlapping ones."""

from __future__ import annotations

from operator import itemgetter, le

Span = tuple[int, int, str, str, bool, int]  # start, end, type, canonical, guessed, priority

#: The priority of a guessed name that lengthens a known one ("Real Madrid"): a name for
#: sure, whatever its type.
LENGTHENED = 4
#: The priority of a name the text's own conventions mark out, of a type no evidence
#: around it changes (a dateline's place: :mod:`search.entities.defined`).
DEFINED = 5
#: The priority of a name an acronym in brackets spells out: a name for sure (of a type
#: the typer says; an organisation's if it says none).
SPELT = 6


def _PRIORITY(c: Span) -> tuple[int, int, int]:
    return (c[0] - c[1], -c[5], c[0])


_START = itemgetter(0)
_END = itemgetter(1)


def _select(candidates: list[Span], taken: list[Span] | None = None) -> list[Span]:
    """Longest match wins; ties go to higher priority, then to the leftmost."""
    if not taken:
        ordered = sorted(candidates)
        # (each ends before the next starts, compared without a Python loop: the common
        # case, where no two overlap, so every one is kept)
        if all(map(le, map(_END, ordered), map(_START, ordered[1:]))):
            return ordered
    chosen: list[Span] = list(taken or [])
    limit = max(map(_END, candidates), default=0)
    limit = max(limit, max(map(_END, chosen), default=0))
    occupied = bytearray(limit + 1)
    for s in chosen:
        occupied[s[0] : s[1]] = b"\1" * (s[1] - s[0])
    candidates.sort(key=_PRIORITY)
    for c in candidates:
        a, b = c[0], c[1]
        if occupied.find(1, a, b) < 0:
            occupied[a:b] = b"\1" * (b - a)
            chosen.append(c)
    chosen.sort()
    return chosen
