"""Text files (``.txt``, ``.md``) to clean articles: decode, sanitise, strip web boilerplate,
find the article (the densest run of prose) and its title; dates, bylines and front matter
come from :mod:`search.ingest.meta`.

Every rule here is general: it describes what web boilerplate looks like (menus,
share prompts, copyright lines, image links, UI strings in another script), never
what one particular page says. A file that cannot be read becomes a
:class:`~search.model.Skipped` with a reason a user can act on; nothing raises.

One concern a module, each building only on those above it:

- :mod:`.decode`: bytes to text, sanitising (also used by the HTML and PDF readers);
- :mod:`.shapes`: words (a CJK character is one) and the shapes of a line: a name, prose, a label;
- :mod:`.markdown`: markup and hard wraps to display lines;
- :mod:`.furniture`: the wording rules, one line at a time;
- :mod:`.bylines`: who wrote it; :mod:`.source`: who published it;
- :mod:`.chrome`: which lines are furniture, alone and in runs (menus, lists, boxes);
- :mod:`.title`: the headline; :mod:`.head`: what stands between it and the story;
- :mod:`.body`: the densest run of prose, and its paragraphs;
- :mod:`.article`: :func:`parse_article`, those steps in order.

The names other modules use are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ...model import Article
from ...sentences import SENTENCE_END
from ..meta import (
    _BYLINE,
    _BYLINE_START,
    _DATELINE,
    _byline_names,
    find_date,
    is_date_line,
    parse_date,
)
from .bylines import (
    _BYLINE_BELOW,
    _BYLINE_REACH,
    _HEADLINE_REACH,
    _author_link,
    _byline_in,
    _dashed_byline,
    _footer_author,
    _is_byline,
    _is_credit,
    _named_after_date,
    _named_below_and_in_bio,
    _named_beside_date,
    _site_owner,
    _without_authors_bio,
    shown_byline,
)
from .decode import IngestError, clean_line, decode, sanitise
from .furniture import (
    _BIO_VERB,
    _BIO_WORDS_MAX,
    _COMMENTS_HEADING,
    _COMMENTS_TITLE,
    _END_SECTION,
    _LIST_HEADER,
    _SECTION,
    _is_bio,
    _is_chrome,
    _post_link,
    says_furniture,
)
from .markdown import _lines, _normalise
from .shapes import (
    _WORD,
    PART_SEPARATOR,
    _caseless,
    _closing_sentence,
    _date_part,
    _dated_short_line,
    _has_ascii_letter,
    _is_prose,
    _labels,
    _letters_script,
    _name_line,
    _reads_as_summary,
    _runs_on,
    _words,
)
from .source import _guess_source, publisher_of

__all__ = [
    "IngestError",
    "clean_line",
    "decode",
    "parse_article",
    "sanitise",
    "PART_SEPARATOR",
    "publisher_of",
    "says_furniture",
    "shown_byline",
]


#: Lines that are never an article's title: calls to act, site chrome.
_FURNITURE_TITLE = re.compile(
    r"^(?:sign\s+(?:up|in|out)|log\s*(?:in|out)|subscribe|skip\s+to|(?:main\s+)?menu$|search$)"
    r"|\b(?:sign\s+up|subscribe)\b.*\bnewsletters?\b|\bnewsletters?\b.*\b(?:sign\s+up|subscribe)\b"
    r"|©|all\s+rights\s+reserved|^cookies?\b",
    re.I,
)


def _mark_lists(lines: Sequence[tuple[str, int]], chrome: list[bool], start: int = 0) -> set[int]:
    """Under a "Related" or "Read more" heading, the headlines that follow are links, up to
    a sentence, a long line or the heading of the next section (a comment form's "Leave a
    reply" is no headline: it keeps its own cost in :func:`_main_run`). Returns the lines
    of those lists (the heading's own line aside)."""
    boxed: set[int] = set()
    i = start
    while i < len(lines):
        if _LIST_HEADER.match(lines[i][0]) or _SECTION.match(lines[i][0]):
            chrome[i] = True
            j = i + 1
            while j < len(lines) and (
                (
                    not SENTENCE_END.search(lines[j][0])
                    and len(_words(lines[j][0])) <= 14
                    and not _END_SECTION.match(lines[j][0])
                )
                or _teaser_before_card(lines, j)
            ):
                chrome[j] = True
                boxed.add(j)
                j += 1
            i = j
        else:
            i += 1
    return boxed


#: How long a teaser's summary under a related story's headline may be.
_TEASER_WORDS = 45


def _teaser_before_card(lines: Sequence[tuple[str, int]], j: int) -> bool:
    """A related story's summary, the next card right after it: its date, or its writer's
    name over its date ("Ann Lee", "November 14, 2019")."""
    if len(_words(lines[j][0])) > _TEASER_WORDS or j + 2 >= len(lines):
        return False
    after = lines[j + 1][0]
    return is_date_line(after) or (_name_line(after) and is_date_line(lines[j + 2][0]))


def _mark_menus(lines: Sequence[tuple[str, int]], chrome: list[bool]) -> None:
    """Three or more short lines in a row that do not end like sentences: a menu."""
    run: list[int] = []
    for i, (line, level) in enumerate([*lines, ("", 0)]):
        if (
            i < len(lines)
            and not level
            and len(_words(line)) <= 3
            and not SENTENCE_END.search(line)
            and not _BYLINE.match(line)
            and not _dashed_byline(line)
            and not is_date_line(line)
        ):
            run.append(i)
            continue
        if len(run) >= 3 and _labels(lines[j][0] for j in run):
            for j in run:
                chrome[j] = True
        run = []


def _title_like(line: str) -> bool:
    words = _words(line)
    if not 2 <= len(words) <= 30 or len(line) > 250:
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and not all(c.isupper() for c in letters)


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
    chrome = _mark_chrome(lines)
    running_text = [_is_prose(line) and _runs_on(line, level) for line, level in lines]
    prose = [not chrome[i] and running_text[i] for i in range(len(lines))]
    boxed: set[int] = set()
    if any(prose):  # "Related" lists inside the story (the header has its own rules)
        boxed = _mark_lists(lines, chrome, prose.index(True))
        prose = [not chrome[i] and running_text[i] for i in range(len(lines))]
    first, last = _whole_lists(_main_run(lines, chrome, prose, linky, boxed), items, chrome, linky)

    head = [(i, lines[i]) for i in range(first) if not chrome[i]]
    title, title_index = _headline_under_tagline(lines, first, head, linky)
    if title_index >= 0:  # the story begins under it, past the headline set twice
        first = title_index + 1
        while first < last and (chrome[first] or lines[first][0].casefold() == title.casefold()):
            first += 1
        head = [(i, lines[i]) for i in range(first) if not chrome[i]]
    else:
        title, title_index = _find_title(lines, head, chrome, first)
    if first <= title_index < last:  # a headline that reads like a sentence began the run
        first = title_index + 1
        while first < last and not prose[first]:
            first += 1
        head = [(i, lines[i]) for i in range(first) if not chrome[i]]
    opening = _opening_above(lines, chrome, first, title_index)
    if opening < first:
        first = opening
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
    if not body_lines:
        raise IngestError("no article text found (only headings, menus or links)")
    if not author and title_index >= 0:  # "Posted on May 2, 2019 by Kay", "yas! | By Cara"
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


def _mark_chrome(lines: Sequence[tuple[str, int]]) -> list[bool]:
    """Which lines are page furniture, judged each alone and then as runs of short lines."""
    scripts = _letters_script(" ".join(line for line, _ in lines)[:20000])
    main_script = scripts.most_common(1)[0][0] if scripts else "LATIN"

    def foreign(line: str) -> bool:
        if line.isascii() or len(_words(line)) > 12:
            # (a line of numbers, "2024/03/05 10:30", is in no script)
            return main_script != "LATIN" and line.isascii() and _has_ascii_letter(line)
        counts = _letters_script(line)
        total = sum(counts.values())
        return total > 0 and counts.get(main_script, 0) < total * 0.5

    chrome = [_is_chrome(line, foreign(line)) for line, _ in lines]
    _mark_menus(lines, chrome)
    _mark_newsletter_pitches(lines, chrome)
    _mark_author_boxes(lines, chrome)
    return chrome


_ABOUT_AUTHOR = re.compile(r"^about\s+the\s+(?:authors?|writers?|contributors?)\W*$", re.I)
#: How far below its heading an author box's bio may stand (the name, a role between).
_ABOUT_REACH = 3


def _mark_author_boxes(lines: Sequence[tuple[str, int]], chrome: list[bool]) -> None:
    """Under an "About the author" heading, the paragraph that says who the writer is
    ("Ann has worked as a reporter since 2007 ...", "Ann Lee is ..."): the author's box,
    wherever it stands, in whatever words it goes on."""
    for i, (line, _) in enumerate(lines):
        if len(line) > 30 or not _ABOUT_AUTHOR.match(line):
            continue
        for j in range(i + 1, min(len(lines), i + 1 + _ABOUT_REACH)):
            line = lines[j][0]
            if chrome[j] or (len(_words(line)) <= 4 and not SENTENCE_END.search(line)):
                continue  # the writer's name, their role
            chrome[j] = _says_who_they_are(line)
            break


def _says_who_they_are(line: str) -> bool:
    """A bio's opening: a name of one to four capitalised words, then what the person is or
    does ("Ann has worked as", "Ann Lee, is")."""
    words = line.split()
    if len(words) > _BIO_WORDS_MAX:
        return False
    for k in range(1, min(5, len(words))):
        if not words[k - 1][:1].isupper():
            return False
        if _BIO_VERB.match(" " + " ".join(words[k:])):
            return True
    return False


#: How long a newsletter box's pitch may be: a sentence.
_PITCH_WORDS = 30
#: A sentence's end with another after it.
_TWO_SENTENCES = re.compile(r"[.!?][\"”’)]?\s+\S")


def _mark_newsletter_pitches(lines: Sequence[tuple[str, int]], chrome: list[bool]) -> None:
    """A newsletter box: its heading ("Sign up for the Harbour Weekly newsletter"), one
    sentence saying what the letter brings ("The week's shipping news, every Friday."),
    then its field or button ("Email", "Sign Me Up"). The sentence between is the box's,
    wherever the box stands, even inside a story."""
    for i in range(len(lines) - 2):
        heading = lines[i][0]
        if not chrome[i] or "newsletter" not in heading.lower() or len(_words(heading)) > 10:
            continue
        j = i + 1
        pitch = lines[j][0]
        words = len(_words(pitch))
        if chrome[j] or not 0 < words <= _PITCH_WORDS or _TWO_SENTENCES.search(pitch):
            continue
        control = lines[j + 1][0]
        if 0 < len(_words(control)) <= 4 and not SENTENCE_END.search(control):
            chrome[j] = True


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
    return body_lines, date, author
