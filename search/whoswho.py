"""Who's who: what the corpus says about a name (``dossier entity``, the reader's panel).

The recogniser finds names (:mod:`search.entities`); the index keeps every name an article
mentions, guessed ones included; this module asks the corpus which articles name someone,
how many, and where each first does.
"""

from __future__ import annotations

import re

from attrs import define

from search.entities import lookup
from search.model import CorpusError, EntityInfo, Snippet


@define(frozen=True, slots=True)
class EntityProfile:
    """Who's who: a gazetteer record (or a stand-in for a guessed name) and its mentions.

    ``mentions`` holds ``(article id, title, source, published, Snippet)`` per article, at
    most the ``limit`` asked for; ``count`` is how many articles name it, all of them.
    """

    info: EntityInfo
    mentions: tuple[tuple[str, str, str, object, Snippet], ...] = ()
    count: int = 0


def profile(corpus, name: str, *, limit: int = 50) -> EntityProfile | None:
    """Who's who for ``name`` in ``corpus`` (a :class:`search.corpus.Corpus`).

    ``name`` may be a canonical name, an alias ("Kishida Fumio", "DPRK") or a name the
    guesser found ("Rahm Emanuel"). Returns None when nothing is known about it: no
    gazetteer record and no article mentioning it. Each article is listed once, with its
    first mention in context.
    """
    typed = " ".join(name.split())
    if not typed:
        return None
    names = corpus.names_for(typed)
    if len(names) > 1:
        shown = tuple((n, _named_by(corpus, n, 1)[1]) for n in names[:AMBIGUOUS_SHOWN])
        raise AmbiguousName(name, shown, len(names))
    info = lookup(names[0])
    canonical = info.canonical if info else names[0]
    hits, count = _named_by(corpus, canonical, limit)
    as_phrase = not hits and info is None
    if as_phrase:
        # Not a name the index keeps for any article: perhaps the phrase is written
        # differently from how the user typed it ("tony blair"); check the recogniser
        # saw a name there.
        words = re.findall(r"\w+", canonical)
        if not words:
            return None
        try:
            hits = corpus.search('"' + " ".join(words) + '"', limit=limit).hits
        except ValueError:
            return None
        count = 0
    from .folding import fold

    wanted = fold(canonical).casefold()  # as the index finds it: "Jose" is "José" too
    mentions = []
    found_type = ""
    for hit in hits:
        for e in corpus.entities(hit.id):
            if fold(e.canonical).casefold() == wanted:
                article = corpus.get(hit.id)
                snippet = context(article.text(e.field), e.start, e.end)
                mentions.append((hit.id, hit.title, hit.source, hit.published, snippet))
                found_type = found_type or e.type
                if as_phrase:  # the name as the articles write it, not as typed
                    canonical = e.canonical
                break
    if info is None:
        if not mentions:
            return None
        info = EntityInfo(canonical=canonical, type=found_type, description="")
        if not count:  # found as a phrase: now count the articles that name it so
            count = _named_by(corpus, canonical, limit)[1]
    return EntityProfile(info=info, mentions=tuple(mentions), count=max(count, len(mentions)))


#: How many of the names an ambiguous short form may stand for are listed.
AMBIGUOUS_SHOWN = 10


class AmbiguousName(CorpusError):
    """A short form several names the articles use share: which one is meant?"""

    def __init__(self, name: str, names: tuple[tuple[str, int], ...], total: int) -> None:
        self.names = names
        listed = "; ".join(f"{n} ({count} article{'s' * (count != 1)})" for n, count in names)
        if total > len(names):
            rest = total - len(names)
            listed += f"; and {_how_many(rest)} other{'s' * (rest != 1)}"
        super().__init__(
            f"{name!r} is written for {_how_many(total)} names: {listed}; "
            f'ask for one by its full name, e.g. dossier entity "{names[0][0]}"'
        )


def _how_many(n: int) -> str:
    """How many names a short form stands for: the corpus stops counting at its limit."""
    from search.corpus import SHORT_FORM_NAMES

    return f"{n} or more" if n >= SHORT_FORM_NAMES - AMBIGUOUS_SHOWN else str(n)


def _named_by(corpus, canonical: str, limit: int) -> tuple[tuple, int]:
    """The first ``limit`` articles whose names include ``canonical``, and how many."""
    result = corpus.search("", limit=limit, filters={"entity": canonical})
    if not result.total_exact:  # a full page: count every article, not an estimate
        result = corpus.search("", limit=limit, filters={"entity": canonical}, facets=True)
    return result.hits, result.total


def context(text: str, start: int, end: int, width: int = 90) -> Snippet:
    """The words around ``text[start:end]``, with the mention highlighted."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space > end else right
    before = _RX_BREAKS.sub(" ", text[left:start])
    after = _RX_BREAKS.sub(" ", text[end:right])
    before = ("…" if left > 0 else "") + before
    after = after + ("…" if right < len(text) else "")
    return Snippet(before + text[start:end] + after, ((len(before), len(before) + end - start),))


_RX_BREAKS = re.compile(r"\s*\n\s*")
