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


#: Verbs of three letters that double their last one ("banned", "running"): only these are
#: undoubled at that length, where surnames are ("Manning", "Redding", "Cummings" stay
#: apart from "man", "red", "cum", as Whoosh's stemmer kept them).
_SHORT_DOUBLING = frozenset(
    [
        "ban",
        "bar",
        "bat",
        "beg",
        "bet",
        "bid",
        "bob",
        "cap",
        "cut",
        "dab",
        "dig",
        "dim",
        "dip",
        "dot",
        "dub",
        "fan",
        "fit",
        "gag",
        "get",
        "hit",
        "hop",
        "hug",
        "jab",
        "jam",
        "jog",
        "jot",
        "let",
        "lob",
        "log",
        "lug",
        "mop",
        "nab",
        "nag",
        "nap",
        "net",
        "nip",
        "nod",
        "pad",
        "pat",
        "pet",
        "pin",
        "pit",
        "pop",
        "pot",
        "put",
        "rig",
        "rip",
        "rob",
        "rot",
        "rub",
        "run",
        "sag",
        "set",
        "sip",
        "sit",
        "sob",
        "sum",
        "tag",
        "tan",
        "tap",
        "tip",
        "top",
        "tug",
        "vet",
        "wag",
        "wed",
        "wet",
        "win",
        "zip",
    ]
)


def stem(word: str) -> str:
    """The Porter stem of a lower-case word."""
    if word.endswith("ings"):  # step 1a first: "stabbings" is stemmed as "stabbing"
        word = word[:-1]
    base = _AT_BL.match(word)
    if base is not None:
        word = base.group(1) + "e"
    stemmed = _porter(word)
    if (
        word.endswith(("ed", "ing"))
        and _DOUBLED.search(stemmed)
        and stemmed not in _DOUBLE_BASES
        and (len(stemmed) > 4 or stemmed[:-1] in _SHORT_DOUBLING)
    ):
        return stemmed[:-1]
    return stemmed
