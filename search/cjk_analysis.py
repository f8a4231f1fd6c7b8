"""The Whoosh side of Chinese and Japanese search (see :mod:`search.cjk`): the filter that
splits runs of their characters into pairs, the stop filter that keeps one character
alone, and the query for one character."""

from __future__ import annotations

from whoosh.analysis import Filter, StopFilter
from whoosh.query.terms import PatternQuery

from . import cjk
from .cjk import CHAR, RANGES


class BigramFilter(Filter):
    """Splits a token's runs of Chinese and Japanese characters into overlapping pairs,
    and the rest of the token apart from them (see the module's docs).

    Each token it makes has a position of its own, and those after are moved on by as
    many: a phrase's positions stay consecutive. Put it straight after the tokenizer, so
    a token's offsets are still those of its characters in the text as written. A token
    of ASCII (most of an English text) costs one ``str.isascii`` call.
    """

    def __call__(self, tokens):
        shift = 0
        char = CHAR.search
        for t in tokens:
            text = t.text
            if text.isascii() or char(text) is None:
                if shift and t.positions:
                    t.pos += shift
                yield t
                continue
            pos = t.pos + shift if t.positions else 0
            start = t.startchar if t.chars else 0
            n = 0
            for n, (part, a, b) in enumerate(cjk.split(text, start)):  # noqa: B007
                t.text = part
                if t.positions:
                    t.pos = pos + n
                if t.chars:
                    t.startchar, t.endchar = a, b
                yield t
            shift += n


class KeepCharsStopFilter(StopFilter):
    """Whoosh's :class:`~whoosh.analysis.StopFilter`, except that one Chinese or Japanese
    character is a word, not a letter too short to search ("党", "京" alone)."""

    def __call__(self, tokens):
        stoplist = self.stops
        minsize = self.min
        maxsize = self.max
        renumber = self.renumber
        pos = None
        for t in tokens:
            text = t.text
            if (
                (len(text) >= minsize or (len(text) == 1 and CHAR.match(text) is not None))
                and (maxsize is None or len(text) <= maxsize)
                and text not in stoplist
            ):
                if renumber and t.positions:
                    if pos is None:
                        pos = t.pos
                    else:
                        pos += 1
                        t.pos = pos
                t.stopped = False
                yield t
            elif not t.removestops:
                t.stopped = True
                yield t


class CharQuery(PatternQuery):
    """Documents with one Chinese or Japanese character: in a pair of characters (as
    first or second) or alone. The pairs are found among the terms that start with a CJK
    character: Whoosh sorts a field's terms by their UTF-8 bytes, which is code-point
    order, so those are a few slices of them (:data:`search.cjk.RANGES`), and a corpus
    mostly in English (or Korean) has few."""

    def __unicode__(self):
        return f"{self.fieldname}:{self.text}"

    __str__ = __unicode__

    def _btexts(self, ixreader):
        char = self.text
        fieldname = self.fieldname
        if fieldname not in ixreader.schema:
            return
        for lo, hi in RANGES:
            for name, btext in ixreader.terms_from(fieldname, lo):
                if name != fieldname:  # the next field's terms (a number's are no text)
                    break
                word = btext.decode("utf-8")
                if word[0] > hi:
                    break
                if len(word) <= 2 and char in word:
                    yield btext


__all__ = ["BigramFilter", "CharQuery", "KeepCharsStopFilter"]
