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
        if len(row) >= ROW:
            dropped.update(row)
        row = [i] if s[2] == "ORG" else []
    if len(row) >= ROW:
        dropped.update(row)
    return dropped
