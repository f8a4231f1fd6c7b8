"""The article itself: the densest run of prose, and its paragraphs.

:func:`_main_run` finds the maximum-sum run of lines, in one pass: a paragraph of running
text adds its words, furniture and links cost a little, and the heading of a section that
follows a story ("Related posts", "Leave a reply") costs much. The run is then widened to
what belongs to it (a closing short sentence, a list it starts or ends inside, what a
sentence ending on a colon introduces, a blog post's footer credit) and narrowed past a
closing bio. :func:`_body` gives its paragraphs, dropping date and byline lines and short
menus inside it, and keeping an ordered list's numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from ...sentences import SENTENCE_END
from ..meta import find_date, is_date_line
from .bylines import _byline_in, _footer_author, _is_byline, shown_byline
from .furniture import _COMMENTS_TITLE, _END_SECTION, _LIST_HEADER, _SECTION, _is_bio
from .shapes import (
    _WORD,
    _caseless,
    _closing_sentence,
    _dated_short_line,
    _labels,
    _name_line,
    _words,
)

#: What a line adds to the article's run: prose counts its words; furniture costs.
_CHROME_COST = 5
_LINK_COST = 2
_SECTION_COST = 12
_END_COST = 60


def _main_run(
    lines: Sequence[tuple[str, int]],
    chrome: Sequence[bool],
    prose: Sequence[bool],
    linky: Sequence[bool],
    boxed: set[int] = frozenset(),  # type: ignore[assignment]
) -> tuple[int, int]:
    """The article: the densest run of prose paragraphs (a maximum-sum run, in one pass).

    A paragraph of running text adds its words; furniture, link lines and other short
    lines cost a little, and a furniture section's heading ("Related posts", "Leave a
    reply") costs much: only more article on the far side would make it worth crossing.
    """
    if not any(prose):  # short paragraphs only: everything after the title not chrome
        return 0, len(lines) - 1
    best, best_span = float("-inf"), (0, 0)
    total, start = 0.0, 0
    for i, (line, _level) in enumerate(lines):
        words = len(_words(line))
        short = words <= 8  # a section's heading is a few words
        if prose[i]:
            gain = float(words)
        elif i in boxed:  # the headlines under a "Related" heading, which paid for them
            gain = 0.0
        elif (short and _END_SECTION.match(line)) or _COMMENTS_TITLE.match(line):
            gain = -_END_COST
        elif short and (_SECTION.match(line) or _LIST_HEADER.match(line)):
            gain = -_SECTION_COST
        elif not words and i and not _words(lines[i - 1][0]):
            gain = 0.0  # a gallery of images costs as one piece of furniture, not one each
        elif chrome[i]:
            gain = -_CHROME_COST
        elif linky[i]:
            gain = -_LINK_COST
        else:  # a short line's worth: its items set apart by spaces, whatever its script
            gain = min(len(_WORD.findall(line)), 14) / 14 - 0.5
        if total <= 0:
            total, start = 0.0, i
        total += gain
        if total > best:
            best, best_span = total, (start, i)
    first, last = best_span
    while first < last and not prose[first]:
        first += 1
    while last > first and not prose[last]:
        last -= 1
    # An author's bio closing the page is not the story ("Ann Lee is a reporter at ...").
    while last > first and _is_bio(lines[last][0]):
        last -= 1
        while last > first and not prose[last]:
            last -= 1
    # A story often ends on a short sentence ("He declined to comment.").
    while last + 1 < len(lines) and _closing_sentence(lines[last + 1][0], chrome[last + 1]):
        last += 1
    return first, _introduced(lines, chrome, linky, _up_to_footer_credit(lines, chrome, last))


#: How many lines after a post's last paragraph its footer credit may stand.
_FOOTER_REACH = 8


def _up_to_footer_credit(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], last: int
) -> int:
    """A blog's footer credit ("Posted by Ann Lee at 2:33 PM") closes its post: what lies
    between the last paragraph and it, with no furniture between (a list of references, a
    postscript), is the post's. Returns the post's new last line. A teaser's "By Ann Lee"
    is no post's end."""
    for k in range(last + 1, min(len(lines), last + 1 + _FOOTER_REACH)):
        line = lines[k][0]
        if chrome[k] or _heading_of_more(line):
            break
        if line[:6].lower() == "posted" and (_is_byline(line) or shown_byline([line])):
            return k - 1
    return last


def _whole_lists(
    span: tuple[int, int], items: set[int], chrome: Sequence[bool], linky: Sequence[bool]
) -> tuple[int, int]:
    """A list the article's run begins or ends inside is the article's whole: the agenda
    whose one long item was the run's paragraph, a list of steps. Items that are furniture
    or links (a list of teasers set right after) stay out."""
    first, last = span

    def joins(i: int, j: int) -> bool:
        return i in items and 0 <= j < len(chrome) and j in items and not chrome[j] and not linky[j]

    while joins(first, first - 1):
        first -= 1
    while joins(last, last + 1):
        last += 1
    return first, last


def _introduced(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], linky: Sequence[bool], last: int
) -> int:
    """A story that ends on a sentence with a colon ("In short:", "as follows:") goes on
    with what it introduces: the code, list or quotation below, up to the page's
    furniture. Returns the story's new last line."""
    j = last + 1
    if j < len(lines) and not chrome[j] and _introduces(lines[j][0]):
        j += 1  # the introducing sentence itself, short as it may be
    if not _introduces(lines[j - 1][0]):
        return last
    while j < len(lines) and not chrome[j] and not linky[j] and not _heading_of_more(lines[j][0]):
        j += 1
    return j - 1


def _introduces(line: str) -> bool:
    words = _words(line)
    return (
        line.endswith(":")
        and len(words) >= 3
        and sum(1 for w in words if w[0].islower() or _caseless(w)) >= len(words) * 0.5
    )


def _heading_of_more(line: str) -> bool:
    """A heading of what follows a story: comments, related links, a newsletter box."""
    return len(_words(line)) <= 8 and bool(
        _END_SECTION.match(line) or _SECTION.match(line) or _LIST_HEADER.match(line)
    )


def _body(
    lines: Sequence[tuple[str, int]],
    chrome: Sequence[bool],
    prose: Sequence[bool],
    span: tuple[int, int],
    title_index: int,
    found: tuple[dt.date | None, str],
    numbers: dict[int, str],
) -> tuple[list[str], dt.date | None, str]:
    """The article's paragraphs (an ordered list's items with their numbers), and a date
    or byline found among them."""
    date, author = found
    body_lines: list[str] = []
    run: list[int] = []  # consecutive short lines inside the body: a menu if three or more
    for i in range(span[0], span[1] + 1):
        line, level = lines[i]
        if chrome[i] or (level == 1 and i == title_index):
            continue
        if is_date_line(line):
            date = date or find_date(line)
            continue
        byline = _byline_in(line) if not prose[i] else ""
        if not byline and not prose[i] and line[:6].lower() == "posted":
            byline = _footer_author(line)  # "Posted on May 2, 2019 Author Ann Lee Categories"
        # A short "By ..." is a byline when it names a person ("by R.C. Baker"): "By Train"
        # is a travel guide's subheading. "Author: Kay" says what it is.
        named = bool(byline) and (_name_line(byline) or line[:2].lower() != "by")
        if not prose[i] and len(_words(line)) <= 4 and not SENTENCE_END.search(line) and not named:
            run.append(i)
            continue
        if len(run) < 3 or not _labels(lines[j][0] for j in run):
            body_lines.extend(numbers.get(j, "") + lines[j][0] for j in run)
        run = []
        if byline:  # the byline repeated, or one running into the date
            author = author or byline
            if date is None and _dated_short_line(line):  # "By Ann Lee Feb 8, 2020 5 min read"
                date = find_date(line)
            continue
        body_lines.append(numbers.get(i, "") + line)
    if len(run) < 3 or not _labels(lines[j][0] for j in run):
        body_lines.extend(numbers.get(j, "") + lines[j][0] for j in run)
    return _without_repeats(body_lines), date, author


#: How long a line that recurs in a page may be and still be furniture: a headline.
_REPEAT_WORDS = 14
#: How often a heading-like line must recur in a story to be furniture wherever it stands.
_REPEATS = 3


def _recurring_furniture(line: str) -> bool:
    """A line that, found again and again in a story, is the page's furniture: a short
    heading-like line (a teaser's headline, a gallery's caption title, "Reply", an image
    credit) that begins with a capital, neither ends like a sentence nor introduces what
    follows (":"), and is not code or its output ("IndexError: list index out of range",
    a list's item in lower case, "—Ann, age 8")."""
    words = _words(line)
    return (
        0 < len(words) <= _REPEAT_WORDS
        and line[:1].isupper()
        and not SENTENCE_END.search(line)
        and not line.rstrip().endswith(":")
        and not _CODE_MARK.search(line)
    )


#: A story whose lines are this short, nearly all of them, is verse (or a list).
_VERSE_WORDS = 8
_VERSE_SHARE = 0.8
#: Code's punctuation, or a message's "Name: what went wrong".
_CODE_MARK = re.compile(r"[{}();=<>\[\]@]|:\s+[a-z]")


#: Fewer words than this, a line the story repeats may be its own label: a speaker's
#: ("JOHN SMITH", "Q"), an event's ("Goal"), a step's ("Stir well"), an "UPDATE".
_LABEL_WORDS = 4


def _in_verse(lines: list[str], keys: list[str], counts: Counter[str], i: int) -> bool:
    """Is ``lines[i]`` a refrain of verse the story quotes: said again within a run of
    five short lines or more (no figures, no address, no label's colon) of which three
    are said once (a song's lines)? A teaser's headline the page repeats stands in
    another card each time, among times and links."""
    a = b = i
    while a > 0 and _verse_line(lines[a - 1]):
        a -= 1
    while b + 1 < len(lines) and _verse_line(lines[b + 1]):
        b += 1
    run = keys[a : b + 1]
    return (
        len(run) >= _STANZA
        and run.count(keys[i]) >= 2  # sung again within the song, not a card set twice apart
        and sum(counts[k] == 1 for k in run) >= 3
    )


#: The fewest lines of a stanza.
_STANZA = 5
_RX_NOT_VERSE = re.compile(r"\d|https?:|www\.|:\s*$")


def _verse_line(line: str) -> bool:
    return 0 < len(_words(line)) <= _VERSE_WORDS and not _RX_NOT_VERSE.search(line)


def _without_repeats(body_lines: list[str]) -> list[str]:
    """The story without the heading-like lines the page repeats: a gallery's title over
    each picture, a teaser's headline, a credit of four words or more under each photo
    (three times or more, anywhere; a shorter line may be the story's own label: a
    speaker's name, "Goal", a step); a teaser's card set twice over (its section label and
    headline, then the same again). A line set twice back to back (a link, then its card's
    title) is kept once. A story says its own headings once, or twice far apart (a table
    of contents, a summary box's list): those stay, and so does a poem's or a song's
    refrain (a story of short lines)."""

    def key(line: str) -> str:
        return " ".join(line.casefold().split())

    short = sum(len(_words(line)) <= _VERSE_WORDS for line in body_lines)
    if short >= _VERSE_SHARE * len(body_lines):  # a poem, a song: its refrain is its own
        return body_lines
    keys = [key(line) for line in body_lines]
    counts = Counter(keys)
    heading = [_recurring_furniture(line) for line in body_lines]
    refrains = {
        keys[i]
        for i in range(len(keys))
        if counts[keys[i]] >= _REPEATS and _in_verse(body_lines, keys, counts, i)
    }
    drop = [
        counts[k] >= _REPEATS
        and heading[i]
        and len(_words(body_lines[i])) >= _LABEL_WORDS
        and k not in refrains
        for i, k in enumerate(keys)
    ]
    for i in range(len(keys) - 3):  # a card twice: label, headline, label, headline
        if (
            keys[i : i + 2] == keys[i + 2 : i + 4]
            and keys[i] != keys[i + 1]
            and all(heading[i : i + 2])
        ):
            drop[i : i + 4] = [True] * 4
    kept: list[str] = []
    for i, line in enumerate(body_lines):
        if drop[i] or (heading[i] and kept and key(kept[-1]) == keys[i]):
            continue
        kept.append(line)
    return kept
