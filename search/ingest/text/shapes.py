"""What a line looks like, by its words: the small tests every other rule asks.

Words are counted once per line (:func:`_words`, cached), a Chinese or Japanese character
counting as a word, so a line in those scripts is measured as the same line in English;
:func:`_caseless` lets the rules that look at capitals read those scripts as lower case.
Then the shapes: people's names alone on a line, running prose, a summary, a menu's label,
a short closing sentence, a line that gives a date. They know no page furniture, no title
and no byline rules: everything else in :mod:`search.ingest.text` builds on them.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable

from ...cjk import CHAR as _CJK_CHAR
from ...cjk import CHARS as _CJK
from ...cjk import is_cjk
from ...sentences import SENTENCE_END
from ..meta import _BYLINE, find_date, is_date_line

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


#: A word, with each Chinese or Japanese character one of its own (a sentence of them has
#: no spaces between its words: :func:`search.cjk.count_words` counts them so).
_WORD_OR_CJK = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+(?:['’-][^\W_{_CJK}]+)*")


@functools.lru_cache(maxsize=512)
def _words(line: str) -> tuple[str, ...]:
    """The words of a line (computed once: every rule asks). Each Chinese or Japanese
    character is a word, so a line of them is measured as the same line in English."""
    if not line.isascii() and is_cjk(line):
        return tuple(_WORD_OR_CJK.findall(line))
    return tuple(_WORD.findall(line))


def _caseless(word: str) -> bool:
    """A Chinese or Japanese character: a script without capitals, whose running text
    reads as lower-case words do (no capital marks a name or a heading in it)."""
    return not word.isascii() and _CJK_CHAR.match(word) is not None


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """A coarse script name for a letter: the first word of its Unicode name. Japanese
    writes one sentence in Han, Hiragana and Katakana: the three are one script, "CJK"."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "?"
    first = name.split(" ", 1)[0]
    if first in {"HIRAGANA", "KATAKANA", "HALFWIDTH"} and _CJK_CHAR.match(ch):
        return "CJK"
    return "LATIN" if first in {"LATIN", "FULLWIDTH"} else first


def _has_ascii_letter(text: str) -> bool:
    raw = text.encode("ascii", "ignore")
    return len(raw.translate(None, _ASCII_LETTER_BYTES)) < len(raw)


def _letters_script(text: str) -> Counter[str]:
    """How many letters of each script ``text`` has (ASCII letters are Latin)."""
    counts: Counter[str] = Counter()
    ascii_only = text.encode("ascii", "ignore")
    ascii_letters = len(ascii_only) - len(ascii_only.translate(None, _ASCII_LETTER_BYTES))
    if ascii_letters:
        counts["LATIN"] = ascii_letters
    if not text.isascii():
        counts.update(_script(ch) for ch in _NON_ASCII.findall(text) if ch.isalpha())
    return counts


_ASCII_LETTER_BYTES = string.ascii_letters.encode()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _closing_sentence(line: str, is_chrome: bool) -> bool:
    words = _words(line)
    return (
        not is_chrome
        and 2 <= len(words) < 8
        and bool(SENTENCE_END.search(line))
        and (words[0][:1].isupper() or words[0][:1].isdigit() or _caseless(words[0]))
        and sum(1 for w in words[1:] if w[0].islower() or _caseless(w)) >= len(words[1:]) * 0.5
        and not _BYLINE.match(line)
        and not is_date_line(line)
    )


def _label(line: str) -> bool:
    """A menu entry or a link's label: one word, or every word capitalised ("Contact Us",
    "Arts & Entertainment"); not an item of a list of things ("120g rice noodles")."""
    words = _words(line)
    return (
        len(words) <= 1
        or sum(1 for w in words if w[0].isupper()) >= len(words) - 1 > 0
        and not any(w[0].isdigit() for w in words)
    )


def _labels(lines: Iterable[str]) -> bool:
    """Most of these short lines are labels: a menu, not a list inside the article."""
    flags = [_label(line) for line in lines]
    return sum(flags) >= len(flags) * 0.6


def _is_prose(line: str) -> bool:
    """A paragraph of running text: several words, mostly lower case, ends like a sentence.
    A teaser cut short ("The ministry has completed a temporary road around the...") is not."""
    words = _words(line)
    if len(words) < 8 or line.endswith(("...", "…")):
        return False
    lower = sum(1 for w in words if w[0].islower() or _caseless(w))
    if lower < len(words) * 0.4:
        return False
    return bool(SENTENCE_END.search(line)) or len(words) >= 25


#: A heading this long is a paragraph set as one (a deck, a lead in large type).
_HEADING_PROSE_WORDS = 20


def _runs_on(line: str, level: int) -> bool:
    """Is a line that reads as prose running text? Not a heading of a few words that ends
    like a sentence (a site's tagline, a headline, a deck): only a paragraph set as one."""
    return not level or len(_words(line)) >= _HEADING_PROSE_WORDS


_NAME_JOINERS = frozenset(("in", "and", "de", "van", "von", "der", "da", "di", "bin", "al"))


def _name_line(line: str) -> bool:
    """People's names alone, perhaps with a place ("Philip Oltermann in Berlin",
    "Ann Lee, Tom Ekwall")."""
    if len(line) > 80 or any(c.isdigit() or c in ":?!" for c in line):
        return False
    for part in re.split(r",\s*|\s+and\s+|\s+&\s+", line):
        words = _words(part)
        if not words or not words[0][0].isupper():
            return False
        if not all(w[0].isupper() or w in _NAME_JOINERS for w in words):
            return False
        if not 2 <= sum(1 for w in words if w not in _NAME_JOINERS) <= 4:
            return False
    return True


def _reads_as_summary(line: str) -> bool:
    """A standfirst reads as a sentence: many words, most of them lower case."""
    words = _words(line)
    return (
        len(words) >= 8
        and sum(1 for w in words if w[0].islower() or _caseless(w)) >= len(words) * 0.5
    )


def _date_part(line: str) -> bool:
    """A date line, or a short line one of whose parts is ("Blog Home • October 18, 2019")."""
    if is_date_line(line):
        return True
    return len(line) <= 100 and any(map(is_date_line, PART_SEPARATOR.split(line)))


#: What sets a line's parts apart: "Blog Home • AI • October 18, 2019", "January 13, 2020 |
#: categories: Python | View Comments".
PART_SEPARATOR = re.compile(r"\s+[|•·]\s+")


def _dated_short_line(line: str) -> bool:
    return len(_words(line)) <= 20 and find_date(line) is not None
