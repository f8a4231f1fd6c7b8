"""Whoosh's index writer (whoosh-reloaded 2.7.5) without its per-posting overheads: the
same index, byte for byte, for less CPU. search.index applies them before it writes.

A build spends most of its time in Whoosh's writer, and much of that is not indexing but
bookkeeping done once for each posting (some 400 a document):

- A writer sorts its postings in memory until they pass ``limitmb``, then writes them to
  a run file and, at the commit, merges the runs. Each posting was pickled with a call of
  its own, and read back the same way: a Pickler made and dropped 400 times a document,
  twice. Runs are now pickled a block of postings at a time (the same postings, in the same
  order; a run is read back only by the writer that wrote it: dossier's writer processes
  finish segments of their own, ``multisegment``, and hand over no run).
- Writing the postings asked the new segment for the document's field length once per
  posting: a method call, a column lookup by name and a read from the column file each.
  Each field's lengths are now looked up once per document, in a list made when the field
  starts, by the same method. Each posting goes straight to the field's postings writer,
  whose ``add_posting`` no longer asserts the types of what Whoosh's own writer just made
  (four ``isinstance`` calls a posting), nor does the sorting pool's ``add``.
- A text field's words went through a chain of generators (tokenizer, lower case, stop
  words, stemmer), one Python frame each per word, with an LFU cache's bookkeeping around
  every stem. For the analyzer dossier indexes text with (Whoosh's ``StemmingAnalyzer``:
  those four steps, with a ``CharsetFilter`` folding accents before the lower case, and
  search.cjk_analysis's filter splitting Chinese and Japanese into pairs of characters
  after the tokenizer, its stop filter keeping one such character alone), the
  words and positions are now found in one loop that does the same steps in the same order
  with the same objects (its expression, character map, stop list and stemming function),
  and encoded as Whoosh encodes them. Any other analyzer goes Whoosh's way.
"""

from __future__ import annotations

from . import _whoosh  # noqa: F401  (first: Whoosh without what it never uses)

# isort: split
from itertools import islice

from whoosh import externalsort, formats
from whoosh.analysis import (
    CharsetFilter,
    CompositeAnalyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
)
from whoosh.analysis.filters import StopFilter
from whoosh.codec import base
from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import W3FieldWriter, W3PerDocReader, W3PostingsWriter
from whoosh.writing import PostingPool

from . import cjk
from .cjk_analysis import BigramFilter, KeepCharsStopFilter

#: Postings pickled together in a run file.
RUN_BLOCK = 4096


def _write_run(self, f, items) -> None:
    """``SortingPool._write_run``: ``items`` pickled a block at a time."""
    dump = externalsort.dump
    try:
        if isinstance(items, list):
            for start in range(0, len(items), RUN_BLOCK):
                dump(items[start : start + RUN_BLOCK], f, -1)
        else:
            items = iter(items)
            while block := list(islice(items, RUN_BLOCK)):
                dump(block, f, -1)
    finally:
        f.close()


def _read_run(self, path):
    """``SortingPool._read_run`` for runs written by :func:`_write_run`."""
    load = externalsort.load
    f = self._open_run(path)
    try:
        while True:
            try:
                block = load(f)
            except EOFError:
                return
            yield from block
    finally:
        f.close()
        self._remove_run(path)


class _Lengths:
    """Each field's length in each document of a new segment, read once per document."""

    def __init__(self, lengths) -> None:
        self._lengths = lengths
        self._tables: dict[str, list] = {}
        self._count = lengths.doc_count_all() if isinstance(lengths, W3PerDocReader) else -1

    def table(self, fieldname: str):
        """``docnum -> length`` for ``fieldname``: a list's ``__getitem__`` for a segment
        being written, else the reader's own method."""
        lengths = self._lengths
        if lengths is None:
            return lambda docnum: 0
        if self._count < 0:
            return lambda docnum: lengths.doc_field_length(docnum, fieldname)
        table = self._tables.get(fieldname)
        if table is None:
            dfl = lengths.doc_field_length
            table = [dfl(docnum, fieldname) for docnum in range(self._count)]
            self._tables[fieldname] = table
        return table.__getitem__


def _add_posting(self, id_, weight, vbytes, length=None) -> None:
    """``W3PostingsWriter.add_posting`` without its assertions."""
    if len(self._ids) >= self._blocklimit:
        self._write_block()
    self._ids.append(id_)
    self._weights.append(weight)
    if weight > self._maxweight:
        self._maxweight = weight
    if vbytes:
        self._values.append(vbytes)
    if length:
        minlength = self._minlength
        if minlength is None or length < minlength:
            self._minlength = length
        if length > self._maxlength:
            self._maxlength = length


def _pool_add(self, item) -> None:
    """``PostingPool.add`` without its assertions: the same size reckoning, so a run is
    written at the same point."""
    fieldname, tbytes, _docnum, _weight, vbytes = item
    self.fieldnames.add(fieldname)
    self.currentsize += 150 + len(fieldname) + 2 * len(tbytes) + len(vbytes or "")
    if self.currentsize > self.limit:
        self.save()
    self.current.append(item)


def _add_postings(self, schema, lengths, items) -> None:
    """``FieldWriter.add_postings`` with each field's lengths read once (see :class:`_Lengths`);
    otherwise the same calls in the same order."""
    start_field, start_term, add = self.start_field, self.start_term, self.add
    direct = type(self) is W3FieldWriter  # its add() only hands on to the field's writer
    finish_term, finish_field = self.finish_term, self.finish_field
    tables = _Lengths(lengths)
    lastfn = lasttext = None
    length_of = None
    for fieldname, btext, docnum, weight, value in items:
        if lastfn is not None and fieldname < lastfn:
            raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
        if fieldname == lastfn and lasttext and btext < lasttext:
            raise OutOfOrderError(f"Term {lastfn}:{lasttext!r} .. {fieldname}:{btext!r}")
        if fieldname != lastfn:
            if lasttext is not None:
                finish_term()
            if lastfn is not None:
                finish_field()
            start_field(fieldname, schema[fieldname])
            length_of = tables.table(fieldname)
            if direct:
                add = self._postwriter.add_posting
            lastfn, lasttext = fieldname, None
        if docnum == -1:  # Whoosh's spelling words: not postings (it skips them too)
            continue
        if btext != lasttext:
            if lasttext is not None:
                finish_term()
            start_term(btext)
            lasttext = btext
        add(docnum, weight, b"" if value is None else value, length_of(docnum))
    if lasttext is not None:
        finish_term()
    if lastfn is not None:
        finish_field()


_positions_word_values = formats.Positions.word_values
#: A stem cache grows to this many words, then starts again (Whoosh's kept 50,000).
STEMS = 100_000


def _stemming_steps(analyzer):
    """(tokenizer, character map or None, stop filter, stem filter, whether CJK runs are
    split) if ``analyzer`` is exactly a ``StemmingAnalyzer``'s chain, or that chain with a
    ``CharsetFilter`` before its lower case, and perhaps
    :class:`search.cjk_analysis.BigramFilter` straight after its tokenizer (with
    :class:`search.cjk_analysis.KeepCharsStopFilter` for its stop filter), which
    :func:`_word_values` can run in one loop; else None."""
    items = analyzer.items if type(analyzer) is CompositeAnalyzer else ()
    bigrams = len(items) > 1 and type(items[1]) is BigramFilter
    if bigrams:
        items = [items[0], *items[2:]]
    if len(items) not in (4, 5):
        return None
    tokenizer, *middle, lower, stop, stem = items
    charset = middle[0] if middle else None
    if (
        type(tokenizer) is RegexTokenizer
        and not tokenizer.gaps
        and type(lower) is LowercaseFilter
        and (charset is None or type(charset) is CharsetFilter)
        and type(stop) is (KeepCharsStopFilter if bigrams else StopFilter)
        and type(stem) is StemFilter
    ):
        return tokenizer, charset and charset.charmap, stop, stem, bigrams
    return None


#: Each stemming function's stems so far (Whoosh's StemFilter caches them the same way).
_stems: dict[object, dict[str, str]] = {}


def _word_values(self, value, analyzer, **kwargs):
    """``Positions.word_values``: each distinct word of ``value`` with its frequency,
    weight and encoded positions, in the order Whoosh finds them."""
    steps = _stemming_steps(analyzer) if isinstance(value, str) else None
    if steps is None or steps[3].lang or set(kwargs) - {"mode"}:
        return _positions_word_values(self, value, analyzer, **kwargs)
    tokenizer, charmap, stop, stemmer, bigrams = steps
    stops, minsize, maxsize = stop.stops, stop.min, stop.max
    renumber, ignore, stemfn = stop.renumber, stemmer.ignore, stemmer.stemfn
    stems = _stems.setdefault(stemfn, {})
    if len(stems) > STEMS:
        stems.clear()
    poses: dict[str, list[int]] = {}
    pos = None
    # The tokens a CJK run made beyond the one it replaces: each later word moves on by
    # as many places (search.cjk_analysis.BigramFilter).
    shift = 0
    cjk_char = cjk.CHAR.search if bigrams else None  # a token is short: the regex
    for raw, match in enumerate(tokenizer.expression.finditer(value)):
        text = match.group(0)
        if not text.isascii():
            if cjk_char is not None and cjk_char(text) is not None:
                parts = [part for part, _start, _end in cjk.split(text)]
                for k, part in enumerate(parts):
                    if cjk_char(part) is None:
                        if charmap is not None and not part.isascii():
                            part = part.translate(charmap)
                        part = part.lower()
                        size = len(part)
                        if size < minsize or (maxsize is not None and size > maxsize):
                            continue
                    if part in stops:
                        continue
                    pos = raw + shift + k if pos is None or not renumber else pos + 1
                    if part not in ignore:
                        stemmed = stems.get(part)
                        if stemmed is None:
                            stemmed = stems[part] = stemfn(part)
                        part = stemmed
                    found = poses.get(part)
                    if found is None:
                        poses[part] = [pos]
                    else:
                        found.append(pos)
                shift += len(parts) - 1
                continue
            if charmap is not None:
                text = text.translate(charmap)
        text = text.lower()
        size = len(text)
        if size < minsize or (maxsize is not None and size > maxsize) or text in stops:
            continue
        # StopFilter renumbers: the first word kept keeps its place, the next follow it.
        pos = raw + shift if pos is None or not renumber else pos + 1
        if text not in ignore:
            stemmed = stems.get(text)
            if stemmed is None:
                stemmed = stems[text] = stemfn(text)
            text = stemmed
        found = poses.get(text)
        if found is None:
            poses[text] = [pos]
        else:
            found.append(pos)
    return _encoded(self, poses)


def _encoded(self, poses: dict[str, list[int]]):
    fb, pack, dumps = self.field_boost, formats.pack_uint, formats.dumps
    out = []
    for word, poslist in poses.items():
        deltas = [poslist[0], *map(int.__sub__, poslist[1:], poslist)]
        count = len(poslist)
        out.append((word, count, float(count) * fb, pack(count) + dumps(deltas, 2)))
    return out


#: What :func:`apply` replaces: (owner, name, Whoosh's own, ours).
PATCHES = [
    (externalsort.SortingPool, "_write_run", externalsort.SortingPool._write_run, _write_run),
    (externalsort.SortingPool, "_read_run", externalsort.SortingPool._read_run, _read_run),
    (base.FieldWriter, "add_postings", base.FieldWriter.add_postings, _add_postings),
    (formats.Positions, "word_values", _positions_word_values, _word_values),
    (W3PostingsWriter, "add_posting", W3PostingsWriter.add_posting, _add_posting),
    (PostingPool, "add", PostingPool.add, _pool_add),
]


def apply() -> None:
    """Patch Whoosh's writer (idempotent); before any writer, or its processes, starts."""
    for owner, name, _theirs, ours in PATCHES:
        setattr(owner, name, ours)
