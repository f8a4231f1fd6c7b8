"""The explorer's article-list cache: the first screen lists articles before the index opens.

Opening the index means importing Whoosh, which costs more than starting Textual itself.
So after each successful open, the explorer keeps the article list (title, source, date,
standfirst) in a small JSON file in the cache dir, with a stamp of every file the index
reads under the corpus folders (path, size, mtime, and its sidecar's). At start-up, if the
stamp still matches, the files are exactly as they were when the list was made, so the list
is exactly what the index would give: it is shown at once and the index opens in the
background. Any change to any of those files (added, removed, edited, touched) misses the
cache and the list waits for the index.

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

VERSION = 2


def _cache_root() -> Path:
    from search.config import cache_dir

    return cache_dir() / "explorer"


def _key(folders: Sequence[Path]) -> str:
    return "\0".join(str(Path(f).expanduser().resolve()) for f in folders)


def _path(folders: Sequence[Path]) -> Path:
    # zlib is loaded by Python already (hashlib is not); the file also holds the full key.
    return _cache_root() / f"articles-{zlib.crc32(_key(folders).encode()):08x}.json"


def stamp(folders: Sequence[Path]) -> list[list]:
    """(folder index, relative path, size, mtime_ns, sidecar mtime_ns) of every article file
    under ``folders``: the files the index reads, found as the index finds them (so a
    folder too deep to recurse into, a named pipe or /proc never stall the start)."""
    from search.files import discover, signature

    out: list[list] = []
    for n, folder in enumerate(folders):
        root = Path(folder).expanduser()
        for _root, path in discover([root]):
            try:
                mtime, size, sidecar = signature(path)
            except OSError:
                continue
            out.append([n, os.path.relpath(path, root), size, mtime, sidecar])
    return out


def load(folders: Sequence[Path]) -> tuple[Article, ...] | None:
    """The cached article list if the files are unchanged since it was saved, else None."""
    try:
        data = json.loads(_path(folders).read_text(encoding="utf-8"))
        if (
            data.get("version") != VERSION
            or data.get("key") != _key(folders)
            or data.get("stamp") != stamp(folders)
        ):
            return None
        return tuple(
            Article(
                id=a["id"],
                path=a["path"],
                title=a["title"],
                body="",
                standfirst=a["standfirst"],
                source=a["source"],
                published=dt.date.fromisoformat(a["published"]) if a["published"] else None,
            )
            for a in data["articles"]
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save(folders: Sequence[Path], file_stamp: list[list], articles: Sequence[Article]) -> None:
    """Keep the list; ``file_stamp`` must be taken *before* the corpus was opened."""
    data = {
        "version": VERSION,
        "key": _key(folders),
        "stamp": file_stamp,
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "standfirst": a.standfirst or " ".join(a.body[:300].split()),
                "source": a.source,
                "published": a.published.isoformat() if a.published else "",
            }
            for a in articles
        ],
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
