"""The explorer's article-list cache: the first screen lists articles before the index opens.

Opening the index means importing Whoosh, which costs more than starting Textual itself.
So after each successful open, the explorer keeps the article list (title, source, date,
standfirst) in a small JSON file in the cache dir, with the mtime of every folder of the
corpus. At start-up, if no folder changed (no file added, removed or renamed), the list is
what the index would give: it is shown at once, with one stat a folder rather than one a
file, and the index opens in the background. A changed folder misses the cache and the list
waits for the index; an edit in place is found by the refresh the explorer runs once the
index is open, which replaces the list when it changed anything.

Imports only the standard library, attrs (via the model) and platformdirs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from search.model import Article

VERSION = 3


def _cache_root() -> Path:
    from search.config import cache_dir

    return cache_dir() / "explorer"


def _key(folders: Sequence[Path]) -> str:
    return "\0".join(str(Path(f).expanduser().resolve()) for f in folders)


def _path(folders: Sequence[Path]) -> Path:
    # zlib is loaded by Python already (hashlib is not); the file also holds the full key.
    return _cache_root() / f"articles-{zlib.crc32(_key(folders).encode()):08x}.json"


def stamp(folders: Sequence[Path]) -> dict[str, int]:
    """The mtime of every folder under ``folders`` (see search.manifest.stamp_folders)."""
    from search.manifest import stamp_folders

    return stamp_folders(folders)[0]


_COLUMNS = ("ids", "paths", "titles", "standfirsts", "sources", "published")
#: Characters of the lead kept for the list (it shows one line of it).
LEAD = 200


class Listing(Sequence[Article]):
    """The saved list, by column; an :class:`Article` (without its body) is made only for
    the rows asked for, so 50,000 articles cost a JSON read, not 50,000 objects."""

    def __init__(self, columns: dict[str, list[str]]) -> None:
        self._columns = [columns[name] for name in _COLUMNS]
        self.ids: list[str] = columns["ids"]

    def __len__(self) -> int:
        return len(self.ids)

    def _row(self, i: int) -> Article:
        id_, path, title, standfirst, source, published = (c[i] for c in self._columns)
        return Article(
            id=id_,
            path=path,
            title=title,
            body="",
            standfirst=standfirst,
            source=source,
            published=dt.date.fromisoformat(published) if published else None,
        )

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._row(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._row(index)


def load(folders: Sequence[Path]) -> Listing | None:
    """The cached article list if no folder changed since it was saved, else None."""
    try:
        from search.files import changed_folders

        data = json.loads(_path(folders).read_text(encoding="utf-8"))
        saved = data.get("stamp")
        if (
            data.get("version") != VERSION
            or data.get("key") != _key(folders)
            or not isinstance(saved, dict)
            or not saved
            or changed_folders(saved)
        ):
            return None
        columns = data["articles"]
        lengths = {len(columns[name]) for name in _COLUMNS}
        if len(lengths) != 1 or not all(
            isinstance(v, str) for name in _COLUMNS for v in columns[name]
        ):
            return None
        listing = Listing(columns)
        return listing if len(listing) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save(folders: Sequence[Path], file_stamp: dict[str, int], articles: Sequence[Article]) -> None:
    """Keep the list; ``file_stamp`` must be taken *before* the corpus was opened."""
    data = {
        "version": VERSION,
        "key": _key(folders),
        "stamp": file_stamp,
        "articles": {
            "ids": [a.id for a in articles],
            "paths": [a.path for a in articles],
            "titles": [a.title for a in articles],
            "standfirsts": [
                (a.standfirst or " ".join(a.body[: LEAD + 100].split()))[:LEAD] for a in articles
            ],
            "sources": [a.source for a in articles],
            "published": [a.published.isoformat() if a.published else "" for a in articles],
        },
    }
    path = _path(folders)
    # ASCII JSON: a file name that is not UTF-8 (its bytes kept as surrogates) is written
    # as \udcxx escapes and read back the same, where UTF-8 text cannot hold it.
    text = json.dumps(data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError:
        return  # a cache: never a reason to fail
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)  # a full disk leaves no empty .tmp files behind
