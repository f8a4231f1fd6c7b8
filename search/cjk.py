"""Chinese and Japanese words, searchable without spaces between them.

Chinese and Japanese write a sentence without spaces ("岸田文雄首相は火曜日、東京で"),
so Whoosh's word tokenizer makes one token of a whole clause, and no word in it could be
found. As Lucene's ``CJKBigramFilter`` does, :class:`~search.cjk_analysis.BigramFilter`
splits each run of Han, Hiragana and Katakana characters in a token into overlapping pairs
of characters ("岸田", "田文", "文雄", ...), each one position after the last, with the
characters it covers as its offsets; a character standing alone ("党" between punctuation) stays one
token. Whatever else the token holds ("2024" of "2024年", Latin, Hangul) is a token of its
own; a token with no such character passes as it was.

A word typed in a query is split the same way, and its pairs are searched as a phrase
(:func:`is_cjk` tells the query parser, :mod:`search.query`): "東京" finds "東京" and not
"京東", and "岸田文雄首相" finds the six characters in that order. A single character is
searched in every pair that holds it (:class:`~search.cjk_analysis.CharQuery`).

Korean is written with spaces between its words, and Hangul is left alone.

This module is the characters, and imports no Whoosh (:class:`search.model.Article`
counts words with it); :mod:`search.cjk_analysis` is the filters and the query.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Han (the unified ideographs, extension A, compatibility ideographs and the
#: supplementary planes' extensions), the iteration marks (々 〆 〇 〻), Hiragana,
#: Katakana (with its phonetic extensions and half-width forms), and the prolonged sound
#: mark: the characters that make up a word written without spaces.
RANGES = (
    ("\u3005", "\u3007"),
    ("\u303b", "\u303b"),
    ("\u3041", "\u309f"),
    ("\u30a0", "\u30fa"),
    ("\u30fc", "\u30ff"),
    ("\u31f0", "\u31ff"),
    ("\u3400", "\u4dbf"),
    ("\u4e00", "\u9fff"),
    ("\uf900", "\ufaff"),
    ("\uff66", "\uff9f"),
    ("\U00020000", "\U0003134f"),
)
#: The same, as the inside of a regex's character class.
CHARS = "".join(f"{lo}-{hi}" for lo, hi in RANGES)
CHAR = re.compile(f"[{CHARS}]")
#: A token's parts: a run of CJK characters, or a run of anything else (less the dots a
#: token may have between its words, which are no token's own: "東京.com" is 東京, com).
_PART = re.compile(f"([{CHARS}]+)|[^{CHARS}.]+(?:\\.[^{CHARS}.]+)*")


#: The first bytes of these characters in UTF-8: Hiragana to the unified ideographs
#: (U+3000-U+9FFF), the compatibility ideographs and half-width Katakana (U+F000-U+FFFF),
#: the supplementary planes.
_LEADS = tuple(bytes([b]) for b in (0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEF, 0xF0))


def is_cjk(text: str) -> bool:
    """Has ``text`` a Chinese or Japanese character (:data:`CHARS`)?

    Asked of every article's body (its words are counted, its snippets found): a text
    with none is told by the first bytes of its characters in UTF-8, a search for each in
    C, a quarter of what the character class's regex costs (3 against 14 ns a character
    on the ingest dev pages); the regex decides the few that have one of those bytes (a
    curly quote has not)."""
    if text.isascii():
        return False
    raw = text.encode("utf-8", "surrogatepass")
    return any(lead in raw for lead in _LEADS) and CHAR.search(text) is not None


def is_char(text: str) -> bool:
    """Is ``text`` one Chinese or Japanese character?"""
    return len(text) == 1 and CHAR.match(text) is not None


def split(text: str, start: int = 0) -> Iterator[tuple[str, int, int]]:
    """The tokens :class:`~search.cjk_analysis.BigramFilter` makes of one token ``text``
    that starts at character ``start``: (text, start, end), in order."""
    for m in _PART.finditer(text):
        a, b = m.span()
        if m.group(1) is None or b - a == 1:  # not CJK, or one character alone
            yield m.group(), start + a, start + b
        else:
            run = m.group()
            for i in range(len(run) - 1):
                yield run[i : i + 2], start + a + i, start + a + i + 2


def count_words(text: str) -> int:
    """How many words ``text`` has: what spaces separate, with each Chinese or Japanese
    character a word of its own (a sentence of them has no spaces to count; a character
    is about as much to read as a short word). A part between spaces that has no letter
    or digit once its CJK characters are out ("、", "。") is no word. A text with no
    CJK character is counted as before: its parts between spaces."""
    if not is_cjk(text):
        return len(text.split())
    chars = len(CHAR.findall(text))
    rest = CHAR.sub(" ", text).split()
    return chars + sum(1 for part in rest if any(ch.isalnum() for ch in part))


__all__ = ["CHAR", "CHARS", "RANGES", "count_words", "is_char", "is_cjk", "split"]
