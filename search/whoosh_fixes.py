"""Fixes to Whoosh (whoosh-reloaded 2.7.5): two to its matchers, one to how it opens an
index; search.query and search.index apply them.

Whoosh narrows a top-N search as it goes: once the N best hits are known, it rewrites
``title:x OR body:x`` into "``title:x``, plus ``body:x`` where present"
(``AndMaybeMatcher``) and re-creates ``a ANDNOT b`` matchers. Two slips in those
matchers lose the plot:

- ``AndMaybeMatcher.skip_to(n)`` moves the optional side to ``n`` rather than to where
  the required side landed, so the next hit is scored without its optional part (a
  document whose title and body both match is ranked by its title alone);
- ``AndNotMatcher`` made afresh checks the excluded side only when it already stands
  on the current document, so a lagging excluded side lets an excluded document through.

Either way the ranked hits differ from the ones an exhaustive search ranks: on the
10,000-article benchmark corpus, 3 to 5 queries in 100 showed a wrong top 20. The
patches make each matcher do what its own docstring says; nothing else changes.

And opening a reader copied each segment's term dictionary into memory: a file inside a
segment's compound file is a ``BufferFile`` over a slice of the memory-mapped segment, and
its constructor wrapped that slice in a ``BytesIO``, which copies it, although the term
dictionary is read by position (``get``, which slices the map) and never as a stream. At
50,000 articles that is two copies of tens of megabytes each time an index is opened, a
third of what ``dossier search`` took. Read as a stream (the postings are: ``seek``, then
``read``), it is now a :class:`_View`, which reads the slice in place: a ``BytesIO`` copied
the whole postings file of a segment (some 100 MB at 50,000 articles) the first time a term
was looked up, which a refresh does to find the document it replaces. Opening a term
dictionary (``HashReader``) read its directory of 256 hash tables in 256 reads of 12 bytes:
it is now read in one (a refresh opens every segment's dictionaries to find the document it
replaces; at 50,000 articles, some 12,000 reads).
"""

from __future__ import annotations

import io

from whoosh.filedb import filetables
from whoosh.filedb.structfile import BufferFile
from whoosh.matching import binary, mcore


def _and_maybe_skip_to(self: binary.AndMaybeMatcher, id: int) -> bool:
    if not self.a.is_active():
        raise mcore.ReadTooFar
    ra = self.a.skip_to(id)
    rb = False
    if self.a.is_active() and self.b.is_active():
        rb = self.b.skip_to(self.a.id())  # was: skip_to(id), short of a's new place
    return ra or rb


def _and_not_find_first(self: binary.AndNotMatcher) -> None:
    if self.a.is_active() and self.b.is_active():
        self._find_next()  # skips the excluded side up to a first, wherever it stands


class _View(io.RawIOBase):
    """A read-only stream over a buffer (a slice of a memory map) that copies only what is
    read. ``BytesIO(view)`` copies the whole buffer first."""

    def __init__(self, buf) -> None:
        super().__init__()
        self._view = memoryview(buf).cast("B")
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        n = min(len(target), max(0, len(self._view) - self._pos))
        target[:n] = self._view[self._pos : self._pos + n]
        self._pos += n
        return n

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else self._pos + size
        data = self._view[self._pos : end].tobytes()
        self._pos += len(data)
        return data

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._view)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view = memoryview(b"")
        super().close()


def _buffer_file_init(self: BufferFile, buf, name=None, onclose=None) -> None:
    self._buf = buf
    self._name = name
    self._stream = None  # a view of buf, made on first use as a stream
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def _buffer_file_stream(self: BufferFile) -> io.RawIOBase:
    if self._stream is None:
        self._stream = _View(self._buf)
    return self._stream


def _buffer_file_set_stream(self: BufferFile, value: io.IOBase) -> None:
    self._stream = value


def _buffer_file_close(self: BufferFile) -> None:
    if self.is_closed:
        raise Exception("This file is already closed")  # as StructFile.close says
    if self.onclose:
        self.onclose(self)
    if self._stream is not None:
        self._stream.close()
    self.is_closed = True


def _hash_reader_init(self, dbfile, length=None, magic=b"HSH3", startoffset=0) -> None:
    """``HashReader.__init__`` as Whoosh 2.7.5 has it, but for the directory of hash tables,
    read in one read and unpacked at once rather than entry by entry."""
    self.dbfile = dbfile
    self.startoffset = startoffset
    self.is_closed = False
    if length is None:
        dbfile.seek(0, io.SEEK_END)
        length = dbfile.tell() - startoffset
    dbfile.seek(startoffset)
    filemagic = dbfile.read(4)
    if filemagic != magic:
        raise filetables.FileFormatError(f"Unknown file header {filemagic!r}")
    self.hashtype = dbfile.read_byte()
    self.hashfn = filetables._hash_functions[self.hashtype]
    dbfile.read_int()  # unused expansion bits
    dbfile.read_int()
    self.startofdata = dbfile.tell()
    exptr = startoffset + length - filetables._INT_SIZE
    exlen = dbfile.get_int(exptr)
    expos = exptr - exlen
    dbfile.seek(expos)
    self._read_extras()
    dbfile.seek(expos - filetables._directory_size)
    directory = dbfile.read(filetables._directory_size)
    self.tables = list(filetables._dir_entry.iter_unpack(directory))  # (position, slots)
    self.endofdata = self.tables[0][0]


def apply() -> None:
    binary.AndMaybeMatcher.skip_to = _and_maybe_skip_to
    binary.AndNotMatcher._find_first = _and_not_find_first
    BufferFile.__init__ = _buffer_file_init
    BufferFile.file = property(_buffer_file_stream, _buffer_file_set_stream)
    BufferFile.close = _buffer_file_close
    filetables.HashReader.__init__ = _hash_reader_init
