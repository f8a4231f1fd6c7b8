"""Which names the index keeps a typed name may stand for: "Fahie" for "Andrew Fahie".

The recogniser resolves a surname after a full mention to the full name; the index keeps
only the full names. A lookup by a short form (``dossier entity Fahie``, ``entity:Fahie``)
goes by the words of the names the index keeps: a run of words at the start or end of a
name ("Fahie", "Andrew"), without a title ("Mr Fahie": the end only). The names are read
once from the index's list of them (its lexicon), never from the articles. (An acronym
introduced in brackets is not looked up by initials: too many guessed names share them.)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from attrs import define, field

from .folding import fold

#: Titles a short form may carry ("Mr Fahie", "Premier Fahie") that no name keeps.
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "president",
        "premier",
        "chancellor",
        "minister",
        "secretary",
        "senator",
        "general",
        "governor",
        "ambassador",
        "chairman",
        "speaker",
        "justice",
        "judge",
        "king",
        "queen",
        "prince",
        "sheikh",
        "sir",
        "dame",
    ]
)


def _folded(name: str) -> str:
    """A name as a lookup compares it: case and accents folded ("Jose" is "José"),
    spaces single."""
    return " ".join(fold(name).casefold().split())


#: A short form has at least this many characters.
SHORTEST = 2


@define
class NameForms:
    """The names the index keeps, folded, one a line: a short form is looked for with
    ``str.find`` (milliseconds over the names of 50,000 articles) and kept where it is a
    run of words at either end of a name, or the whole of it."""

    names: tuple[str, ...]
    _text: str = field(init=False)
    _starts: list[int] = field(init=False)

    def __attrs_post_init__(self) -> None:
        folded = [_folded(n) for n in self.names]
        self._text = "\n" + "\n".join(folded) + "\n"
        self._starts = list(accumulate((len(f) + 1 for f in folded), initial=1))

    @classmethod
    def of(cls, names: Iterable[str]) -> NameForms:
        return cls(tuple(names))

    def resolve(self, typed: str) -> tuple[str, ...]:
        """The names ``typed`` stands for: itself when the index keeps it (with its
        other spellings, accents apart: "Jose Ribeiro" and "José Ribeiro"), else every
        name it is a short form of (none: it is no form of a name the index keeps)."""
        folded = _folded(typed)
        if not folded:
            return ()
        line = "\n" + folded + "\n"
        whole = self._text.find(line)
        if whole >= 0:
            spellings = []
            while whole >= 0:
                spellings.append(self.names[self._line(whole + 1)])
                whole = self._text.find(line, whole + 1)
            return tuple(spellings)
        split = folded.split()
        titled = len(split) > 1 and split[0].rstrip(".") in TITLES
        while len(split) > 1 and split[0].rstrip(".") in TITLES:
            split = split[1:]  # "Mr Fahie": a surname, the last words of a name
        short = " ".join(split)
        if len(short) < SHORTEST:
            return ()  # "J", typed on the way to "Johnson": no name's short form
        found = [self._line(at) for at in self._runs(short, last_only=titled)]
        return tuple(self.names[n] for n in dict.fromkeys(found))

    def _runs(self, short: str, *, last_only: bool = False) -> list[int]:
        """Where ``short`` is a name's first or last words, or the whole of one."""
        text, found = self._text, []
        at = text.find(short)
        while at >= 0:
            end = at + len(short)
            before, after = text[at - 1], text[end] if end < len(text) else "\n"
            first = before == "\n" and after in " \n" and not last_only
            if first or (before in " \n" and after == "\n"):
                found.append(at)
            at = text.find(short, at + 1)
        return found

    def _line(self, at: int) -> int:
        return bisect_right(self._starts, at) - 1
