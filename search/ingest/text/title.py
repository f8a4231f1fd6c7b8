"""The headline: which line of the header is the article's title.

A level-1 heading when the page has one that is not its masthead; else the line just above
the byline or the date (past share buttons, a kicker, a caption); else the last
headline-like line of the header. A headline is a line of a few words, not a date, a
byline, furniture, a caption, a reading time or a sentence (:func:`_title_candidate`).
Also a blog's headline under its tagline, and a headline a clipper ran into its buttons
and date ("Port reopens Share Print May 2, 2024").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..meta import _BYLINE, find_date, is_date_line
from .bylines import _BYLINE_REACH, _HEADLINE_REACH, _dashed_byline, _is_byline, _is_credit
from .furniture import _post_link
from .shapes import _date_part, _is_prose, _name_line, _reads_as_summary, _runs_on, _words

#: Lines that are never an article's title: calls to act, site chrome.
_FURNITURE_TITLE = re.compile(
    r"^(?:sign\s+(?:up|in|out)|log\s*(?:in|out)|subscribe|skip\s+to|(?:main\s+)?menu$|search$)"
    r"|\b(?:sign\s+up|subscribe)\b.*\bnewsletters?\b|\bnewsletters?\b.*\b(?:sign\s+up|subscribe)\b"
    r"|©|all\s+rights\s+reserved|^cookies?\b",
    re.I,
)


def _title_like(line: str) -> bool:
    words = _words(line)
    if not 2 <= len(words) <= 30 or len(line) > 250:
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and not all(c.isupper() for c in letters)


def _find_title(
    lines: Sequence[tuple[str, int]],
    head: Sequence[tuple[int, tuple[str, int]]],
    chrome: Sequence[bool],
    first: int,
) -> tuple[str, int]:
    """A level-1 heading, else the last title-like line of the header before the body."""
    # A page's masthead may be a level-1 heading too ("# KBS WORLD"): the headline is the
    # last one above the article.
    opening = lines[first][0] if first < len(lines) else ""
    headings = [
        (i, line) for i, (line, level) in head if level == 1 and _heading_title(line, opening)
    ]
    if headings:
        return headings[-1][1], headings[-1][0]
    anchored = _title_above_byline(lines, chrome, first)
    if anchored[1] >= 0:
        return anchored
    # The header is the run of lines just before the body that no page furniture
    # interrupts: headline, then perhaps a summary, a byline and a date.
    end = first
    while end > 0 and chrome[end - 1]:
        end -= 1
    start = end
    while start > 0 and not chrome[start - 1]:
        start -= 1
    candidates = [(i, line) for i, (line, _level) in head if i >= start and _title_candidate(line)]
    if not candidates:  # no clean header: the last headline-like line before the body
        candidates = [(i, line) for i, (line, _level) in head if _title_candidate(line)][-1:]
    candidates = _kicker_dropped(candidates)
    # In Markdown the headline is set as a heading: the header's highest one (the first of
    # that rank) beats the plain lines around it (a button's "Get the App", a site label),
    # unless it reads as the summary under a plain headline (a deck set as "##").
    headed = [
        (lines[i][1], n, (i, line))
        for n, (i, line) in enumerate(candidates)
        if lines[i][1] and not _reads_as_summary(line)
    ]
    if headed:
        i, line = min(headed)[2]
        return line, i
    if candidates:
        return candidates[0][1], candidates[0][0]
    return "", -1


#: A page's controls a headline may run into on one line, before its date.
_TITLE_CONTROLS = frozenset(
    (
        "share",
        "print",
        "email",
        "e-mail",
        "mail",
        "tweet",
        "save",
        "comment",
        "comments",
        "adjust",
        "bookmark",
        "listen",
        "copy",
        "link",
    )
)


def _without_controls_and_date(title: str) -> tuple[str, dt.date | None]:
    """A headline a clipper ran into its row of buttons and its date on one line ("Port
    reopens Share Print May 2, 2024"): the headline alone, and the date. Only when such
    controls stand between them: a headline may end on a date of its own.

    A button's label is capitalised, and the row is read back over the labels only (not
    over a sentence's "to", "the" or "in"): two of them at least ("Adjust Share"), or one
    after a word in small letters, a headline in sentence case, where a capital marks the
    label ("... as talks stall Share"). A headline's own words stay: "Residents have until
    Friday to comment June 30, 2025" is a deadline, "... votes to keep the link" no button."""
    words = title.split()
    if len(words) < 5 or not title[-1:].isdigit():  # most headlines: a cheap no
        return title, None
    start = -1
    for k in range(len(words) - 1, max(0, len(words) - 8), -1):
        if is_date_line(" ".join(words[k:])):
            start = k
    if start < 0:
        return title, None
    while start < len(words) - 1 and _is_control_label(words[start]):  # "Share May 2, 2024"
        start += 1
    date = find_date(" ".join(words[start:]))
    k = start
    while k > 0 and _is_control_label(words[k - 1]):
        k -= 1
    controls = start - k
    head = " ".join(words[:k])
    if controls == 1 and not words[k - 1][:1].islower():
        return title, None
    if not controls or len(_words(head)) < 3 or not _title_candidate(head):
        return title, None
    return head, date


def _is_control_label(word: str) -> bool:
    """A button's label: one of the page's controls, capitalised ("Share", "Print")."""
    return word[:1].isupper() and word.lower() in _TITLE_CONTROLS


#: A blog's tagline is a sentence or two.
_TAGLINE_WORDS = 30


def _headline_under_tagline(
    lines: Sequence[tuple[str, int]],
    first: int,
    head: Sequence[tuple[int, tuple[str, int]]],
    linky: Sequence[bool],
) -> tuple[str, int]:
    """A blog's masthead may end on its tagline, a sentence that begins the run of prose;
    right below it stand the post's date and headline ("Wednesday, October 16, 2019" /
    "Notes on ..."). A date line and a headline under the run's first, short paragraph are
    the post's header: the tagline is above the story.

    Not when the header above already has the story's headline: a level-1 heading (other
    than a masthead, which links to the site's home page or shouts in capitals) or a
    byline, which credits the headline above it. There the short paragraph is the story's
    opening, and the date and the short line under it are the story's own (a report's
    day-by-day section: "Monday, 3 March 2025" / "Talks open with a handshake")."""
    if first + 2 >= len(lines) or len(_words(lines[first][0])) > _TAGLINE_WORDS:
        return "", -1
    for i, (line, level) in head:
        if _is_byline(line) or (level == 1 and not linky[i] and not line.isupper()):
            return "", -1
    date, (line, level) = lines[first + 1][0], lines[first + 2]
    prose = _is_prose(line) and _runs_on(line, level)
    if is_date_line(date) and _title_candidate(line) and not prose:
        return line, first + 2
    return "", -1


def _heading_title(line: str, opening: str) -> bool:
    """A level-1 heading may be the headline in one word: a dictionary's or a wiki's entry
    ("micropolitics", "Photosynthesis"), which the story's first paragraph names; not a
    word in capitals (a masthead), nor a section's name ("Blog") the story never uses."""
    if " " not in line and line.isalpha():
        return (
            len(line) >= 4
            and not line.isupper()
            and line.casefold() in (w.casefold() for w in _words(opening))
        )
    return _title_candidate(line)


def _reach_above(chrome: Sequence[bool], first: int) -> list[int]:
    """The lines a credit may stand on above the body: the last _BYLINE_REACH that are
    not furniture (a row of share buttons or an ad's slot between costs nothing)."""
    reach: list[int] = []
    i = first - 1
    while i >= 0 and len(reach) < _BYLINE_REACH:
        if not chrome[i]:
            reach.append(i)
        i -= 1
    return reach[::-1]


def _kicker_dropped(candidates: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A section label or kicker above the headline ("World News") is shorter than it."""
    if len(candidates) >= 2 and len(_words(candidates[0][1])) <= 3 < len(_words(candidates[1][1])):
        return candidates[1:]
    return candidates


def _title_above_byline(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], first: int
) -> tuple[str, int]:
    """The headline as pages set it: just above the byline, or the date when no byline.

    The credit nearest the body is the story's own (a masthead's date is further up; a
    headline that reads like a sentence may have begun the body's run). Above it, past
    share buttons, a label or a caption, the nearest headline-like line is the headline,
    unless it reads as the summary under it. A date with furniture right above it and a
    headline right below it ("April 7, 2020" / "People behind the code") is set above.
    """
    credits = [i for i in range(max(0, first - _BYLINE_REACH), first) if _is_credit(lines[i][0])]
    if not credits:  # a headline that reads like a sentence may have begun the body's run
        credits = [i for i in range(first, min(len(lines), first + 6)) if _is_credit(lines[i][0])]
    if not credits:
        credits = [i for i in _reach_above(chrome, first) if _is_credit(lines[i][0])]
    if not credits:
        return "", -1
    bylines = [i for i in credits if _is_byline(lines[i][0])]
    anchor = (bylines or credits)[0]
    while anchor > 0 and _is_credit(lines[anchor - 1][0]):
        anchor -= 1
    if not bylines and anchor > 0 and chrome[anchor - 1]:
        below = anchor + 1
        while below < first - 1 and chrome[below]:  # a link to the comments between
            below += 1
        if below < first and not chrome[below] and _title_candidate(lines[below][0]):
            return lines[below][0], below
    candidates = _lines_above(lines, chrome, anchor)
    if not candidates:
        return "", -1
    if len(candidates) >= 2 and _name_line(candidates[-1][1]):
        candidates = candidates[:-1]  # a byline without "By": "Ann Lee in Berlin"
    longer = [c for c in candidates if len(_words(c[1])) > 3] or candidates
    if len(longer) >= 2 and _reads_as_summary(longer[-1][1]):
        return longer[-2][1], longer[-2][0]
    return longer[-1][1], longer[-1][0]


def _lines_above(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], anchor: int
) -> list[tuple[int, str]]:
    """Headline-like lines among the few above ``anchor``, skipping furniture until the
    first one; furniture after it ends the header."""
    candidates: list[tuple[int, str]] = []
    seen = 0
    i = anchor - 1
    while i >= max(0, anchor - 3 * _HEADLINE_REACH) and seen < _HEADLINE_REACH:
        line = lines[i][0]
        # Right above the credit, a headline the furniture rules took for a label
        # ("VIDEO: Voting on ...") still counts when it is long enough to be one.
        if not chrome[i] or (i == anchor - 1 and len(_words(line)) >= 4):
            seen += 1
            if _headline_above(line) and not _is_credit(line):
                candidates.insert(0, (i, line))
        elif candidates:
            break
        i -= 1
    return candidates


def _headline_above(line: str) -> bool:
    """A headline candidate; in Title Case it may end on an abbreviation ("... Tues.")."""
    if line.startswith("(") and line.endswith(")"):  # a photo credit
        return False
    if _title_candidate(line):
        return True
    words = _words(line)
    return (
        line.endswith(".")
        and 4 <= len(words) <= 15
        and _title_candidate(line[:-1])
        and sum(1 for w in words if w[0].isupper()) >= len(words) * 0.6
    )


def _title_candidate(line: str) -> bool:
    """A line that could be the headline: not a date, a byline, furniture, a photo caption,
    a reading time, nor a sentence (a headline does not end with a full stop)."""
    return (
        not _date_part(line)
        and _title_like(line)
        and not _BYLINE.match(line)
        and not _dashed_byline(line)
        and not _post_link(line)
        and not _FURNITURE_TITLE.search(line)
        and not _NOT_A_HEADLINE.search(line)
        and not _DURATION.match(line)
        and not (line.endswith(".") and not line.endswith(("...", "…")))
    )


#: A time and perhaps its label, alone: a recipe's "Total 1 hr 50 min", a "5 min read"
#: (abbreviated, as such labels write it: "Within 48 hours" is a headline).
_DURATION = re.compile(r"(?:[A-Za-z]+:?\s+)?(?:\d+\s*(?:hrs?|mins?)\b\s*)+(?:read)?$", re.I)


_NOT_A_HEADLINE = re.compile(
    r"\b(?:photo|image|picture|illustration)s?\s*(?::|by\b|courtesy\b|credit)|getty\s+images"
    r"|\((?:ap|afp|reuters)\b|/afp\b|\b(?:ap|afp|reuters)/|^\d+\s+(?:min(?:ute)?s?|words)\b"
    r"|\[email\s+protected\]|\S@\S+\.[a-z]|^(?:tags?|topics?|categor(?:y|ies)|filed\s+under)\s*:"
    r"|^(?:please|welcome|thanks|thank\s+you|already\s+have|close\s+this|copy\s+link|we\s+rely"
    r"|get\s+.{1,40}\s+(?:to|in)\s+your\s+inbox|share\s+(?:it|this))\b",
    re.I,
)
