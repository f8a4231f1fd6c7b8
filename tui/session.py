"""What the explorer keeps between runs for each corpus: the last query and the article
marked for compare, so an analyst who quits (or whose SSH connection drops) comes back
to where they were. Verdicts and notes are kept apart, by ``search.links``.

A small JSON file in the data folder, one entry per set of corpus folders (its corpus
key). Reading or writing it never stops the explorer: a file that does not read is as
if there were none, and one that cannot be written is simply not kept.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

FILE_NAME = "session.json"
#: Entries kept at most (the corpora used last), so the file stays small.
KEEP = 50


def _path() -> Path:
    from search.config import data_dir

    return data_dir() / FILE_NAME


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load(corpus_key: str) -> tuple[str, str | None]:
    """The last query (or "") and marked article id (or None) for this corpus."""
    entry = _read(_path()).get(corpus_key)
    if not isinstance(entry, dict):
        return "", None
    query = entry.get("query")
    marked = entry.get("marked")
    return (
        query if isinstance(query, str) else "",
        marked if isinstance(marked, str) and marked else None,
    )


def save(corpus_key: str, query: str, marked: str | None) -> None:
    """Keep ``query`` and ``marked`` for this corpus (quietly not, if the disk refuses)."""
    from search.links import write_atomic

    path = _path()
    data = _read(path)
    data.pop(corpus_key, None)
    data[corpus_key] = {"query": query, "marked": marked}
    kept = dict(list(data.items())[-KEEP:])  # the latest last: the oldest drop out
    with contextlib.suppress(OSError):
        write_atomic(path, json.dumps(kept, ensure_ascii=False, indent=1) + "\n")
