"""What the index knows about the files it was built from, kept beside it.

Files written whole and atomically:

- ``manifest.bin``: every file's mtime, size, sidecar mtime, article id and content
  fingerprint, and the files skipped and why. Stored by column, each column as one block:
  the texts joined by NUL (which no file name holds), the numbers as 64-bit integers,
  behind a one-line JSON header giving each block's length. At 50,000 files it reads and
  writes in milliseconds, where the same columns as JSON lists took a quarter of a
  second each way (and an object per file the best part of a second). Read only to
  refresh. ``manifest.json``, the layout before it, is still read (then replaced).
  A refresh that changed a few rows does not write it again: it writes the rows changed
  since (``manifest.log``, see :func:`write`), which the next read applies: at 50,000
  files a few hundred bytes for one edited file where the whole manifest was 9 MB
  (0.03 s of a 0.6 s refresh).
- ``folders.json``: the mtime of every folder under the corpus at the last exact refresh.
  A file added, removed or renamed (editors save by renaming) changes its folder's mtime,
  so comparing a few hundred folder mtimes tells the quick path (``dossier search``, the
  explorer's first frame) whether the index can be trusted as it is, without a stat of
  every file. An edit in place keeps the folder's mtime: ``dossier index`` and the
  explorer's background refresh find those.

Anything unexpected in any of them (not what we write, ``null``, a list, wrong types,
columns of different lengths) makes it unreadable, which the caller treats as a reason to
rebuild.
"""

from __future__ import annotations

import json
import os
import sys
import time
from array import array
from collections.abc import Iterable
from pathlib import Path

from attrs import define, field

from .collector import paused_gc
from .files import changed_folders  # noqa: F401 - the index asks it here

MANIFEST = "manifest.bin"
#: The rows changed since ``manifest.bin`` was written, with the token of that write.
JOURNAL = "manifest.log"
#: The first line of ``manifest.log``.
JOURNAL_MAGIC = b"dossier manifest log\n"
#: Past this many changed rows, ``manifest.bin`` is written again (and the log removed).
JOURNAL_ROWS = 1000
#: The manifest as JSON (layouts 1 and 2), as dossier wrote it before: read, then replaced.
OLD_MANIFEST = "manifest.json"
FOLDERS = "folders.json"
#: The manifest's layout (inside one schema version): 2 is by column, as JSON; 3 is by
#: column in blocks (``manifest.bin``).
LAYOUT = 3
#: The first line of ``manifest.bin``.
MAGIC = b"dossier manifest\n"

#: path -> (article id, mtime_ns, size, sidecar mtime_ns, fingerprint): a tuple, which
#: costs the garbage collector nothing once made (50,000 lists it would scan again and again)
FileEntry = tuple
#: path -> [mtime_ns, size, sidecar mtime_ns, reason]
SkipEntry = list

_COLUMNS = ("ids", "mtimes", "sizes", "sidecars", "fingerprints")
_TYPES = (str, int, int, int, str)


class Damaged(ValueError):
    """A cache file that is there but cannot be what we wrote."""


class Rows(dict):
    """A manifest's files (path -> :data:`FileEntry`) that remember which paths were set
    or removed since they were read (or last written in full): what :func:`write` puts in
    the log. Made from the rows read without looking at each (``dict``'s own constructor);
    only a change goes through Python."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.changed: set[str] = set()
        #: Changed in a way not followed row by row: written in full next time.
        self.rewrite = False

    def __setitem__(self, key: str, value: FileEntry) -> None:
        self.changed.add(key)
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.changed.add(key)
        super().__delitem__(key)

    def pop(self, key: str, *default):
        if key in self:
            self.changed.add(key)
        return super().pop(key, *default)

    def update(self, *args, **kwargs) -> None:
        self.rewrite = True  # not followed row by row: written in full next time
        super().update(*args, **kwargs)

    def setdefault(self, key: str, default=None):
        if key not in self:
            self.changed.add(key)
        return super().setdefault(key, default)

    def popitem(self):
        key, value = super().popitem()
        self.changed.add(key)
        return key, value

    def clear(self) -> None:
        self.rewrite = True
        super().clear()


def _rows(files: dict) -> Rows:
    return files if type(files) is Rows else Rows(files)


@define
class Manifest:
    files: dict[str, FileEntry] = field(factory=Rows, converter=_rows)
    skipped: dict[str, SkipEntry] = field(factory=dict)
    #: The token of the ``manifest.bin`` these rows were read from (or written to), to
    #: which a log of the changed rows can be added; "" for none.
    base: str = field(default="", eq=False, repr=False)

    def ids(self) -> dict[str, str]:
        return {entry[0]: path for path, entry in self.files.items()}


def exists(directory: Path) -> bool:
    """Is there a manifest in ``directory`` (of any layout, readable or not)?"""
    return (directory / MANIFEST).exists() or (directory / OLD_MANIFEST).exists()


def read(directory: Path, version: int) -> Manifest | None:
    """The manifest in ``directory``; None if there is none or it is of another version.

    Raises :class:`Damaged` when the file is there but is not a manifest we wrote.
    """
    try:
        raw = (directory / MANIFEST).read_bytes()
    except FileNotFoundError:
        return _read_json(directory, version)
    except OSError as exc:
        raise Damaged(f"{MANIFEST} cannot be read ({exc})") from None
    try:
        with paused_gc():
            manifest = _by_block(raw, version)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise Damaged(f"{MANIFEST} is damaged ({exc})") from None
    if manifest is not None and manifest.base:
        _apply_journal(directory, manifest)
    return manifest


def _read_json(directory: Path, version: int) -> Manifest | None:
    """The manifest as dossier wrote it before ``manifest.bin``."""
    data = _load(directory / OLD_MANIFEST)
    if data is _MISSING:
        return None
    if not isinstance(data, dict):
        raise Damaged(f"{OLD_MANIFEST} holds {type(data).__name__}, not a manifest")
    if data.get("version") != version:
        return None
    try:
        if data.get("layout") == 2:
            return _by_column(data)
        return _by_file(data)  # written by dossier before the layout by column
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise Damaged(f"{OLD_MANIFEST} is damaged ({exc})") from None


#: The blocks of ``manifest.bin`` in order: texts joined by NUL, or 64-bit integers.
_BLOCKS = (
    ("paths", "text"),
    ("ids", "text"),
    ("mtimes", "int"),
    ("sizes", "int"),
    ("sidecars", "int"),
    ("fingerprints", "text"),
)


def _by_block(raw: bytes, version: int) -> Manifest | None:
    if not raw.startswith(MAGIC):
        raise ValueError("not a dossier manifest")
    end = raw.index(b"\n", len(MAGIC))
    header = json.loads(raw[len(MAGIC) : end])
    if not isinstance(header, dict):
        raise TypeError("the header is not an object")
    if header.get("version") != version:
        return None
    if header["layout"] != LAYOUT or header["byteorder"] != sys.byteorder:
        return None  # another layout: rebuilt, as for another version
    count, lengths = header["count"], header["lengths"]
    if type(count) is not int or len(lengths) != len(_BLOCKS):
        raise ValueError("the header does not describe the columns")
    columns: list[list] = []
    at = end + 1
    for (name, kind), length in zip(_BLOCKS, lengths, strict=True):
        block = raw[at : at + length]
        if type(length) is not int or len(block) != length:
            raise ValueError(f"{name} is cut short")
        at += length
        columns.append(_column(block, kind, count, name))
    if at != len(raw):
        raise ValueError("bytes after the last column")
    files = Rows(zip(columns[0], zip(*columns[1:], strict=True), strict=True))
    if len(files) != count:
        raise ValueError("a path is listed twice")
    base = header.get("base", "")
    if type(base) is not str:
        raise TypeError("the token is not text")
    return Manifest(files, _skipped(header["skipped"]), base)


def _skipped(rows: list) -> dict[str, SkipEntry]:
    skipped = {}
    for row in rows:
        path, mtime, size, sidecar, reason = row
        _check_row((path, mtime, size, sidecar, reason), (str, int, int, int, str))
        skipped[path] = [mtime, size, sidecar, reason]
    return skipped


def _apply_journal(directory: Path, manifest: Manifest) -> None:
    """Apply ``manifest.log`` to the rows read from ``manifest.bin``, if it was written
    since that file (a log of an earlier ``manifest.bin`` is stale: its rows are in this
    one). The rows it changes are changed again in the next log."""
    try:
        raw = (directory / JOURNAL).read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise Damaged(f"{JOURNAL} cannot be read ({exc})") from None
    try:
        if not raw.startswith(JOURNAL_MAGIC):
            raise ValueError("not a dossier manifest log")
        data = json.loads(raw[len(JOURNAL_MAGIC) :])
        if data["base"] != manifest.base:
            return
        files, changed = manifest.files, []
        for path, *row in data["set"]:
            _check_row((path, *row), (str, *_TYPES))
            dict.__setitem__(files, path, tuple(row))
            changed.append(path)
        for path in data["gone"]:
            if type(path) is not str:
                raise TypeError(f"{path!r} is not str")
            dict.pop(files, path, None)
            changed.append(path)
        manifest.skipped = _skipped(data["skipped"])
        files.changed.update(changed)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise Damaged(f"{JOURNAL} is damaged ({exc})") from None


def _column(block: bytes, kind: str, count: int, name: str) -> list:
    if kind == "int":
        numbers = array("q")
        numbers.frombytes(block)  # a length not a multiple of 8 raises ValueError
        values: list = numbers.tolist()
    else:
        # A file name that is not UTF-8 was written as its bytes, and reads back the same.
        values = block.decode("utf-8", "surrogateescape").split("\0") if count else []
    if len(values) != count:
        raise ValueError(f"{name} has {len(values)} values for {count} files")
    return values


_MISSING = object()


def _load(path: Path) -> object:
    """The JSON in ``path`` (``null`` included), or ``_MISSING`` if there is no such file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _MISSING
    except (OSError, UnicodeDecodeError) as exc:
        raise Damaged(f"{path.name} cannot be read ({exc})") from None
    try:
        return json.loads(text)
    except ValueError:
        raise Damaged(f"{path.name} is not JSON") from None


def _by_column(data: dict) -> Manifest:
    paths = data["paths"]
    columns = [data[name] for name in _COLUMNS]
    _check_list(paths, str, "paths")
    for name, column, kind in zip(_COLUMNS, columns, _TYPES, strict=True):
        _check_list(column, kind, name)
        if len(column) != len(paths):
            raise ValueError(f"{name} has {len(column)} values for {len(paths)} paths")
    files = {path: tuple(row) for path, *row in zip(paths, *columns, strict=True)}
    skipped = {}
    for row in data["skipped"]:
        path, mtime, size, sidecar, reason = row
        _check_row((path, mtime, size, sidecar, reason), (str, int, int, int, str))
        skipped[path] = [mtime, size, sidecar, reason]
    return Manifest(files, skipped)


def _by_file(data: dict) -> Manifest:
    files = {}
    for path, e in data["files"].items():
        row = [e["id"], e["mtime_ns"], e["size"], e.get("sidecar", 0), e["fingerprint"]]
        _check_row((path, *row), (str, *_TYPES))
        files[path] = tuple(row)
    skipped = {}
    for path, e in data["skipped"].items():
        row = [e["mtime_ns"], e["size"], e.get("sidecar", 0), e["reason"]]
        _check_row((path, *row), (str, int, int, int, str))
        skipped[path] = row
    return Manifest(files, skipped)


def _check_list(values: object, kind: type, name: str) -> None:
    if not isinstance(values, list):
        raise TypeError(f"{name} is not a list")
    if not all(type(v) is kind for v in values):
        raise TypeError(f"{name} holds values that are not {kind.__name__}")


def _check_row(values: Iterable[object], kinds: Iterable[type]) -> None:
    for value, kind in zip(values, kinds, strict=True):
        if type(value) is not kind:
            raise TypeError(f"{value!r} is not {kind.__name__}")


def write(directory: Path, manifest: Manifest, version: int) -> None:
    """Save ``manifest``: the rows changed since ``manifest.bin`` was read or written,
    when there are at most :data:`JOURNAL_ROWS` of them, as ``manifest.log`` (a few
    hundred bytes for one edited file, where ``manifest.bin`` is megabytes at 50,000
    files); else ``manifest.bin`` in full, with a new token, and no log."""
    rows = manifest.files
    if manifest.base and not rows.rewrite and len(rows.changed) <= JOURNAL_ROWS:
        _write_journal(directory, manifest, version)
    else:
        _write_whole(directory, manifest, version)


def _write_journal(directory: Path, manifest: Manifest, version: int) -> None:
    rows = manifest.files
    changed = sorted(rows.changed)
    data = {
        "version": version,
        "base": manifest.base,
        "set": [[path, *rows[path]] for path in changed if path in rows],
        "gone": [path for path in changed if path not in rows],
        "skipped": [[path, *entry] for path, entry in manifest.skipped.items()],
    }
    # ASCII: a file name that is not UTF-8 stays as its \\udcXX escapes, and reads back.
    text = json.dumps(data, separators=(",", ":")).encode("ascii")
    _write_bytes(directory / JOURNAL, JOURNAL_MAGIC + text)


def _write_whole(directory: Path, manifest: Manifest, version: int) -> None:
    files = manifest.files
    entries = list(files.values())
    blocks: list[bytes] = []
    for i, (_name, kind) in enumerate(_BLOCKS):
        if i == 0:
            values: list = list(files)
        else:
            values = [entry[i - 1] for entry in entries]
        if kind == "int":
            blocks.append(array("q", values).tobytes())
        else:
            blocks.append("\0".join(values).encode("utf-8", "surrogateescape"))
    base = f"{time.time_ns():x}-{os.getpid():x}"
    header = {
        "version": version,
        "layout": LAYOUT,
        "byteorder": sys.byteorder,
        "count": len(files),
        "lengths": [len(b) for b in blocks],
        "base": base,
        # ASCII: a file name that is not UTF-8 stays as its \\udcXX escapes, and reads back.
        "skipped": [[path, *entry] for path, entry in manifest.skipped.items()],
    }
    head = MAGIC + json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n"
    _write_bytes(directory / MANIFEST, b"".join([head, *blocks]))
    # The log, if any, was of the manifest just replaced: stale whether removed or not.
    (directory / JOURNAL).unlink(missing_ok=True)
    (directory / OLD_MANIFEST).unlink(missing_ok=True)
    manifest.base = base
    files.changed.clear()
    files.rewrite = False


def _write_bytes(target: Path, data: bytes) -> None:
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_json(target: Path, data: object) -> None:
    # ASCII: a file name that is not UTF-8 stays as its \\udcXX escapes, and reads back.
    _write_bytes(target, json.dumps(data, separators=(",", ":")).encode("ascii"))


# --------------------------------------------------------------------------- folders


@define
class Folders:
    """Each folder's mtime at the last exact refresh, and the files it skipped and why."""

    folders: dict[str, int]
    skipped: list[tuple[str, str]] = field(factory=list)


def read_folders(directory: Path, version: int) -> Folders | None:
    """What the last exact refresh saw; None when unknown or damaged (then refresh)."""
    try:
        data = _load(directory / FOLDERS)
    except Damaged:
        return None
    if not isinstance(data, dict) or data.get("version") != version:
        return None
    folders, skipped = data.get("folders"), data.get("skipped")
    if not isinstance(folders, dict) or not all(type(v) is int for v in folders.values()):
        return None
    if not isinstance(skipped, list) or not all(
        isinstance(s, list) and len(s) == 2 and all(type(x) is str for x in s) for s in skipped
    ):
        return None
    return Folders(folders, [(path, reason) for path, reason in skipped])


def write_folders(directory: Path, record: Folders, version: int) -> None:
    data = {"version": version, "folders": record.folders, "skipped": record.skipped}
    _write_json(directory / FOLDERS, data)


def forget_folders(directory: Path) -> None:
    """Make the next quick open refresh (e.g. while a refresh is under way)."""
    (directory / FOLDERS).unlink(missing_ok=True)


#: A folder changed this recently may change again within its mtime's granularity unseen.
RACY_NS = 2 * 10**9


def stamp_folders(folders: Iterable[Path]) -> tuple[dict[str, int], set[str]]:
    """Every folder's mtime (see :func:`files.folder_stamp`), and the sidecars found.

    A folder whose mtime is within :data:`RACY_NS` of now is recorded as unknown (-1), as
    git does for racy files: a file added in the same clock tick would leave the mtime as
    it is now, so the next quick open checks rather than trust it.
    """
    from .files import folder_stamp

    stamp, sidecars = folder_stamp(folders)
    return settled(stamp), sidecars


def settled(stamp: dict[str, int]) -> dict[str, int]:
    """Folder mtimes as a quick open may trust them: a racy one (see :func:`stamp_folders`)
    as unknown (-1). Call it once the folders were read."""
    racy = time.time_ns() - RACY_NS
    return {path: (-1 if mtime >= racy else mtime) for path, mtime in stamp.items()}
