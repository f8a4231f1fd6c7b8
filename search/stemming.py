"""The stemmer search and compare share: Whoosh's Porter stemmer, with step 1b as Porter
wrote it.

Whoosh's ``whoosh.lang.porter`` matches step 1b's patterns at the start of the word, so
it never undoubles a consonant ("banned" -> "bann", "running" -> "runn", "stopped" ->
"stopp") and never gives an -ated or -bled form its "e" back ("regulated" -> "regulat",
while "regulate" -> "regul"). A search for "ban" missed every "banned", and compare's
"will ban" never met "banned". :func:`stem` does those two steps (Porter 1980, step 1b)
and is otherwise Whoosh's, so every other stem stays as it was.
"""

from __future__ import annotations

import re

from whoosh.lang.porter import stem as _porter

#: An -ed or -ing form of a verb of -ate or -ble ("regulated", "troubling"): stemmed as
#: the verb ("regulate", "trouble").
_AT_BL = re.compile(r"^([^aeiouy]*[aeiouy][a-z]*(?:at|bl))(?:ed|ing)$")
#: A stem ending in a doubled consonant: not l, s or z (Porter's exceptions: "falling",
#: "missed", "buzzing" keep their verb's letters), nor f (no verb doubles an f: "stuffed").
_DOUBLED = re.compile(r"([^aeiouylszf])\1$")
#: Verbs whose own last two letters are one doubled consonant: "added" is "add".
_DOUBLE_BASES = frozenset(
    ["add", "odd", "ebb", "egg", "err", "purr", "whirr", "burr", "butt", "putt"]
)


def stem(word: str) -> str:
    """The Porter stem of a lower-case word."""
    base = _AT_BL.match(word)
    if base is not None:
        word = base.group(1) + "e"
    stemmed = _porter(word)
    if word.endswith(("ed", "ing")) and _DOUBLED.search(stemmed) and stemmed not in _DOUBLE_BASES:
        return stemmed[:-1]
    return stemmed
