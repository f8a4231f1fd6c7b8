"""The lines between the headline and the story: the date, byline and standfirst found
there (:func:`_head_metadata`), the date line opening the story when the one above the
headline is a masthead's, and where the article really begins (its own subheading or a
short opening sentence above the densest run belongs to it; a summary that reads as the
story's first paragraph goes into the body).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..meta import _BYLINE, _BYLINE_START, _byline_names, find_date, is_date_line
from .bylines import _byline_in, _dashed_byline, _is_credit
from .shapes import _closing_sentence, _date_part, _dated_short_line, _reads_as_summary, _words
from .title import _FURNITURE_TITLE, _NOT_A_HEADLINE, _title_candidate


def _opening_above(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], first: int, title_index: int
) -> int:
    """What right above the first paragraph (past images only) opens the article, as it
    would stand in it anywhere inside: its own subheading (a headline-shaped deck is the
    standfirst instead, :func:`_standfirst_like`), or a short sentence, as a story may end
    on one (:func:`_closing_sentence`). Returns the article's first line."""
    k = first - 1
    while k > title_index and not _words(lines[k][0]):
        k -= 1
    if k <= title_index or chrome[k]:
        return first
    line, level = lines[k]
    if title_index >= 0 and line.casefold() == lines[title_index][0].casefold():
        return first  # the headline set again
    if not level:
        return k if _closing_sentence(line, False) else first
    if is_date_line(line) or _is_credit(line) or _standfirst_like(line, level):
        return first
    return k


def _summary_into_body(
    standfirst: str, head: Sequence[tuple[int, tuple[str, int]]], body_lines: list[str]
) -> str:
    """A plain line that reads as a summary under the headline is the story's opening (a
    page's deck): it goes first in the body, and the standfirst is left empty. Only a
    summary set apart (a subheading, front matter) stays the standfirst."""
    if (
        standfirst
        and _reads_as_summary(standfirst)
        and any(line == standfirst and not level for _, (line, level) in head)
    ):
        body_lines.insert(0, standfirst)
        return ""
    return standfirst


def _head_metadata(
    head: Sequence[tuple[int, tuple[str, int]]], title_index: int
) -> tuple[dt.date | None, str, str]:
    """Date, author and standfirst from the lines above the body.

    The date: a date line, else a short line that gives one ("By Ann Lee | 12 May 2024",
    "Posted on August 2, 2019 by Kay"); below the headline before above it, where a
    masthead shows today's date.
    """
    date: dt.date | None = None
    author = standfirst = ""
    for i, (line, level) in head:
        if date is None and is_date_line(line) and (i > title_index or title_index < 0):
            date = find_date(line)
        elif not author and _BYLINE.match(line):
            author = _byline_names(line)
        elif not author and _dashed_byline(line):  # "---- by Ann Lee"
            author = _byline_in(line)
        elif i > title_index >= 0 and not standfirst and _standfirst_like(line, level):
            standfirst = line
    below = [line for i, (line, _level) in head if i > title_index]
    above = [line for i, (line, _level) in head if i <= title_index]
    for lines, test in ((below, _dated_short_line), (above, _date_part)):
        for line in lines:
            if date is None and test(line):
                date = find_date(line)
    if not author:
        for line in below:
            m = _BYLINE_START.match(line)
            if m and _BYLINE.match(m.group(1)):
                author = _byline_names(m.group(1))
                break
    return date, author, standfirst


#: How many lines into the story its own date line may stand (a summary, a byline before).
_OPENING_DATE_REACH = 4


def _dated_below(head: Sequence[tuple[int, tuple[str, int]]], title_index: int) -> bool:
    """Whether a line below the headline, above the story, gives a date."""
    return any(i > title_index and _dated_short_line(line) for i, (line, _) in head)


def _opening_date(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], first: int, last: int
) -> dt.date | None:
    """The date of a date line among the story's first lines ("PUBLISHED: May 2, 2024 at
    9:30 p.m.")."""
    seen = 0
    for i in range(first, last + 1):
        if chrome[i]:
            continue
        if is_date_line(lines[i][0]):
            return find_date(lines[i][0])
        seen += 1
        if seen >= _OPENING_DATE_REACH:
            break
    return None


def _standfirst_like(line: str, level: int) -> bool:
    """A summary under the headline: a subheading, or a line that reads as a sentence;
    not a credit ("Posted on May 2, 2019 by Kay"), a caption, tags or a button's label."""
    if len(_words(line)) < 4 or is_date_line(line) or _is_credit(line):
        return False
    if _NOT_A_HEADLINE.search(line) or _FURNITURE_TITLE.search(line):
        return False
    if level >= 2:  # a subheading: a headline-shaped deck, or a summary set as a heading
        return _title_candidate(line) or _reads_as_summary(line)
    return _reads_as_summary(line)
