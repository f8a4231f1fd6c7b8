""":func:`parse_article`: the steps of reading a text file's article, in order.

Normalise the markup and split the front matter (:mod:`.markdown`), mark the furniture
(:mod:`.chrome`), find the densest run of prose (:mod:`.body`), the headline
(:mod:`.title`) and what stands between it and the story (:mod:`.head`), then the author
(:mod:`.bylines`), the date and the publisher (:mod:`.source`). A sidecar's fields and
the front matter override what is found; no article text left raises :class:`IngestError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...model import Article
from ..meta import _BYLINE, _DATELINE, _byline_names, find_date, is_date_line, parse_date
from .body import _body, _main_run, _whole_lists
from .bylines import (
    _BYLINE_BELOW,
    _author_link,
    _footer_author,
    _named_after_date,
    _named_below_and_in_bio,
    _named_beside_date,
    _site_owner,
    _without_authors_bio,
    shown_byline,
)
from .chrome import _mark_chrome, _mark_lists
from .decode import IngestError, clean_line
from .furniture import _COMMENTS_HEADING
from .head import _dated_below, _head_metadata, _opening_above, _opening_date, _summary_into_body
from .markdown import _lines, _normalise
from .shapes import _dated_short_line, _is_prose, _runs_on
from .source import _guess_source, publisher_of
from .title import _find_title, _headline_under_tagline, _without_controls_and_date


def parse_article(
    text: str,
    *,
    id: str,
    path: str = "",
    meta: dict[str, str] | None = None,
    fingerprint: str = "",
    notes: tuple[str, ...] = (),
    markdown: bool = False,
) -> Article:
    """Clean text (already decoded) to an :class:`Article`; ``markdown`` for a ``.md``
    file (its straight quotes are rendered as typographic ones).

    ``meta`` (from a sidecar file) and any front matter override what we guess; the
    sidecar wins over the front matter (it is how a file is corrected without editing it).
    Raises :class:`IngestError` when no article text is left.
    """
    text, front = _normalise(text)
    given = {**front, **(meta or {})}
    lines, linky, numbers, items = _lines(text, markdown)
    if not lines:
        raise IngestError("no text left after removing markup")
    chrome, prose, (first, last) = _furniture_and_story(lines, linky, items)
    title, title_index, first = _headline(lines, chrome, prose, linky, (first, last))
    head = [(i, lines[i]) for i in range(first) if not chrome[i]]
    date, author, standfirst = _head_metadata(head, title_index)
    title, run_in_date = _without_controls_and_date(title)
    date = date or run_in_date
    if date is not None and title_index >= 0 and not _dated_below(head, title_index):
        # A masthead's today or a breadcrumb's date above the headline: a date line that
        # opens the story (its byline's block, under a summary) says when it was published.
        date = _opening_date(lines, chrome, first, last) or date
    body_lines, date, author = _body(
        lines, chrome, prose, (first, last), title_index, (date, author), numbers
    )
    date, author = _after_the_story(lines, chrome, last, (date, author))
    if not body_lines:
        raise IngestError("no article text found (only headings, menus or links)")
    if not author:
        author = _author_elsewhere(text, lines, title_index, last)
    body_lines = _without_authors_bio(body_lines, author)
    if markdown and "’" in author and author not in text:  # the name as the file spells it
        author = author.replace("’", "'")  # "O'Callaghan", not as the story's quotes show
    if date is None:  # "CANBERRA, 3 March 2025 — The government said...": the dateline's date
        dateline = _DATELINE.match(body_lines[0])
        date = find_date(dateline.group(1)) if dateline else None
    standfirst = _summary_into_body(standfirst, head, body_lines)

    url = clean_line(given.get("url", ""))
    source = clean_line(given.get("source", "")) or _guess_source(
        lines, chrome, [line for line, _ in lines[last + 1 :]] + [line for line, _ in lines[:first]]
    )
    return Article(
        id=id,
        path=path,
        title=clean_line(given.get("title", "")) or title,
        standfirst=clean_line(given.get("standfirst", "")) or standfirst,
        author=clean_line(given.get("author", "")) or author,
        source=source or publisher_of(url),
        published=parse_date(given.get("published", "")) or date,
        url=url,
        body="\n\n".join(body_lines),
        fingerprint=fingerprint,
        notes=notes,
    )


def _furniture_and_story(
    lines: Sequence[tuple[str, int]], linky: Sequence[bool], items: set[int]
) -> tuple[list[bool], list[bool], tuple[int, int]]:
    """Which lines are furniture, which are the story's prose, and the story's first and
    last lines: the densest run of prose, with the lists it begins or ends inside."""
    chrome = _mark_chrome(lines)
    running_text = [_is_prose(line) and _runs_on(line, level) for line, level in lines]
    prose = [not chrome[i] and running_text[i] for i in range(len(lines))]
    boxed: set[int] = set()
    if any(prose):  # "Related" lists inside the story (the header has its own rules)
        boxed = _mark_lists(lines, chrome, prose.index(True))
        prose = [not chrome[i] and running_text[i] for i in range(len(lines))]
    span = _whole_lists(_main_run(lines, chrome, prose, linky, boxed), items, chrome, linky)
    return chrome, prose, span


def _headline(
    lines: Sequence[tuple[str, int]],
    chrome: Sequence[bool],
    prose: Sequence[bool],
    linky: Sequence[bool],
    span: tuple[int, int],
) -> tuple[str, int, int]:
    """The headline, its line (-1 if none) and the story's first line, which the headline
    may move: below a blog's tagline, below a headline that began the run, or up to the
    story's own opening line above the run."""
    first, last = span
    head = [(i, lines[i]) for i in range(first) if not chrome[i]]
    title, title_index = _headline_under_tagline(lines, first, head, linky)
    if title_index >= 0:  # the story begins under it, past the headline set twice
        first = title_index + 1
        while first < last and (chrome[first] or lines[first][0].casefold() == title.casefold()):
            first += 1
    else:
        title, title_index = _find_title(lines, head, chrome, first)
    if first <= title_index < last:  # a headline that reads like a sentence began the run
        first = title_index + 1
        while first < last and not prose[first]:
            first += 1
    opening = _opening_above(lines, chrome, first, title_index)
    return title, title_index, min(first, opening)


def _after_the_story(
    lines: Sequence[tuple[str, int]],
    chrome: Sequence[bool],
    last: int,
    found: tuple[dt.date | None, str],
) -> tuple[dt.date | None, str]:
    """The date and the byline, if the story and its head gave none, from the lines after
    the story: a byline, a blog's footer ("Posted on May 2, 2019 by Kay"), a date line."""
    date, author = found
    comments = False  # past the comments' heading, a "Posted by" is a commenter's
    for i in range(last + 1, len(lines)):
        line = lines[i][0]
        comments = comments or bool(_COMMENTS_HEADING.match(line))
        if chrome[i]:
            continue
        footer = not comments and line[:6].lower() == "posted"  # a blog's footer
        if not author and _BYLINE.match(line):
            author = _byline_names(line)
        elif not author and footer:
            author = shown_byline([line]) or _footer_author(line)
            author = "" if author.casefold() in ("anonymous", "unknown") else author
        elif date is None and is_date_line(line):
            date = find_date(line)
        if date is None and footer and _dated_short_line(line):  # "Posted on May 2, 2019 ..."
            date = find_date(line)
    return date, author


def _author_elsewhere(
    text: str, lines: Sequence[tuple[str, int]], title_index: int, last: int
) -> str:
    """The writer of a story with no byline above it, in it or after it, in the order the
    signs are trusted: a byline a little below the headline, a link to a writer's page,
    a name set apart below the headline (that the page's bio, the date or a credit line
    goes with), and last a personal site's owner, as its footer names them."""
    author = ""
    if title_index >= 0:  # "Posted on May 2, 2019 by Kay", "yas! | By Cara"
        below = title_index + 1
        author = shown_byline([line for line, _ in lines[below : below + _BYLINE_BELOW]])
    if not author and "](" in text:
        author = _author_link(text)
    if not author and title_index >= 0:
        author = (
            _named_below_and_in_bio(lines, title_index, last)
            or _named_beside_date(lines, title_index)
            or _named_after_date(lines, title_index)
        )
    if not author:  # a personal site: "© 2012-2020 Ann Lee. All rights reserved."
        author = _site_owner([line for line, _ in lines[last + 1 :]])
    return author
