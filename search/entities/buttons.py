"""A page's share and follow buttons, kept in its text, name no one.

Saved and copied pages keep the labels of their buttons: "Share Facebook Twitter
Google+ ReddIt WhatsApp Pinterest", "Follow us: Google News | Reddit | Instagram |
Facebook". Each label is a company's name, and counting them made every page with a
share bar "mention" the companies: a who's-who of a saved corpus was led by the
platforms. Prose never writes three organisations side by side with only spaces or bars
between them (it lists names with commas and "and"), so such a row is a row of buttons
and its names go.
"""

from __future__ import annotations

import re

from search.entities.spans import Span

#: What stands between two buttons on one line: spaces, bars, dots, a plus ("Google+"),
#: and at most one capitalised word of a button no one recognised ("Google News |
#: NewsBreak | Reddit"); never a comma, a slash, a full stop, a line break, a word in
#: lower case or in capitals ("KANSAS CITY AT DETROIT" is a fixture list).
_RX_GAP = re.compile(r"[ \t|·•+]*(?:[A-Z][\w.]*[a-z][\w.]*[ \t|·•+]+)?")
#: The fewest organisations side by side that make a row of buttons.
ROW = 3


def without_buttons(fields: list[tuple[str, str, str, list[Span]]]) -> list:
    """The fields without the organisations of their rows of buttons."""
    out = []
    for name, text, norm, spans in fields:
        dropped = _in_rows(norm, spans)
        if dropped:
            spans = [s for i, s in enumerate(spans) if i not in dropped]
        out.append((name, text, norm, spans))
    return out


def _in_rows(norm: str, spans: list[Span]) -> set[int]:
    """The indices of the spans that sit in a row of ``ROW`` organisations or more."""
    dropped: set[int] = set()
    row: list[int] = []
    for i, s in enumerate(spans):
        if s[2] == "ORG" and row and _RX_GAP.fullmatch(norm, spans[row[-1]][1], s[0]):
            row.append(i)
            continue
        if _buttons(norm, spans, row):
            dropped.update(row)
        row = [i] if s[2] == "ORG" else []
    if _buttons(norm, spans, row):
        dropped.update(row)
    return dropped


def _buttons(norm: str, spans: list[Span], row: list[int]) -> bool:
    """Is a row of organisations a row of buttons: long enough, and set apart by a bar or
    a dot, or by nothing but spaces at least twice? A Title-Cased headline has a word
    between each two ("Apple Sues Samsung Over Google Patents")."""
    if len(row) < ROW:
        return False
    gaps = [norm[spans[a][1] : spans[b][0]] for a, b in zip(row, row[1:], strict=False)]
    if any(c in gap for gap in gaps for c in "|·•"):
        return True
    return sum(not any(c.isalpha() for c in gap) for gap in gaps) >= ROW - 1
