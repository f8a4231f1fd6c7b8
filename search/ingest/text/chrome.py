"""Which of a page's lines are furniture: each line judged alone (:mod:`.furniture`,
with a line in another script than the page's counted as furniture), then the runs only
their neighbours give away: three short labels in a row (a menu), the headlines under a
"Related" heading, a newsletter box's pitch, the bio under "About the author".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...sentences import SENTENCE_END
from ..meta import _BYLINE, is_date_line
from .bylines import _dashed_byline
from .furniture import _BIO_VERB, _BIO_WORDS_MAX, _END_SECTION, _LIST_HEADER, _SECTION, _is_chrome
from .shapes import _has_ascii_letter, _labels, _letters_script, _name_line, _words


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
