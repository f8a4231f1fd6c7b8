"""Entity tables kept between runs, in the user's cache folder.

Recognising the entities of one article takes milliseconds; the tables it needs take a
tenth of a second to make from their text files, in every process that recognises
anything: the gazetteer's records and automaton, the typer's word lists and packed
weights. That was a sixth of refreshing one edited file at 50,000 articles, and it is
paid again in each worker of a refresh. A table made once is pickled into the cache
(``entities/NAME-KEY.pickle``) and read back by the next process in a third of the time.

The key is made from the size and mtime of every file the tables come from (this
package's modules, :mod:`search.model`, ``search/data``), the Python version and the
Aho-Corasick library: any change to them makes a new key, and the file of the old key
is removed. A kept file that is not ours, cannot be read or is damaged is made again;
a cache folder that cannot be written only means the tables are made each time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_HERE = Path(__file__).resolve().parent
#: Set to "0" to make the tables afresh each time (and keep none).
ENV = "DOSSIER_KEEP_TABLES"


def kept(name: str) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Decorate a function that makes a table: its result is kept in the cache under
    ``name`` and read from there while the files it comes from stay as they are."""

    def wrap(make: Callable[[], T]) -> Callable[[], T]:
        @wraps(make)
        def load() -> T:
            if os.environ.get(ENV) == "0":
                return make()
            path = _folder() / f"{name}-{_key()}.pickle"
            table = _read(path)
            if table is _NONE:
                table = make()
                _write(path, table)
            return table  # type: ignore[return-value]

        return load

    return wrap


_NONE = object()


def _read(path: Path) -> object:
    try:
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_uid != os.getuid():
                return _NONE  # not ours: never unpickled
            return pickle.load(f)
    except FileNotFoundError:
        return _NONE
    except Exception:  # noqa: BLE001 - damaged or of another version: made again
        return _NONE


def _write(path: Path, table: object) -> None:
    with contextlib.suppress(OSError, pickle.PicklingError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        prefix = path.name.rsplit("-", 1)[0] + "-"
        for old in path.parent.glob(f"{prefix}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)


def _folder() -> Path:
    from search.config import cache_dir

    return cache_dir() / "entities"


def _key() -> str:
    """What the kept tables were made from: every source file's size and mtime (asked
    each time: a script that writes new weights reads them back in the same process)."""
    import ahocorasick

    sources = [*_HERE.glob("*.py"), _HERE.parent / "model.py", *(_HERE.parent / "data").iterdir()]
    sources.append(Path(ahocorasick.__file__))
    digest = hashlib.sha1(sys.version.encode())
    for source in sorted(sources):
        with contextlib.suppress(OSError):
            st = source.stat()
            digest.update(f"{source.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]
