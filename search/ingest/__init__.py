"""Files to clean articles: one reader per format, chosen by the file's ending.

- ``.txt``, ``.md``: :mod:`search.ingest.text` (decode, sanitise, page furniture,
  hard wraps) with :mod:`search.ingest.meta` (title, byline, date from the text);
- ``.html``, ``.htm``, ``.xhtml``: :mod:`search.ingest.html` (trafilatura);
- ``.pdf``: :mod:`search.ingest.pdf` (pypdfium2).

A file that cannot be read becomes a :class:`~search.model.Skipped` with a reason a user
can act on (unsupported type, binary, empty, no text layer, unreadable); nothing raises.
A sidecar ``NAME.meta.toml`` overrides what any format says (a Markdown file's front
matter included); what in it cannot be applied is a note on the article, which
``dossier index`` shows.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from attrs import evolve

from ..files import (
    FORMATS,
    SIDECAR_SUFFIX,
    SUFFIXES,
    article_id,
    cannot_read,
    discover,
    display_path,
    file_format,
    size_limit,
    title_from_name,
)
from ..model import Article, Skipped
from .meta import (
    META_KEYS,
    find_date,
    load_sidecar,
    parse_date,
    read_sidecar,
    split_front_matter,
)
from .text import IngestError, clean_line, decode, parse_article, sanitise

__all__ = [
    "FORMATS",
    "META_KEYS",
    "SIDECAR_SUFFIX",
    "SUFFIXES",
    "IngestError",
    "article_id",
    "clean_line",
    "decode",
    "discover",
    "file_format",
    "find_date",
    "load_sidecar",
    "parse_article",
    "parse_bytes",
    "parse_date",
    "read_article",
    "read_sidecar",
    "sanitise",
    "split_front_matter",
]

_READ = ", ".join(sorted({s for s in SUFFIXES if s != ".markdown"}))


def read_article(path: Path, root: Path | None = None) -> Article | Skipped:
    """Read one file into an :class:`Article`, or say why it was skipped."""
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    shown = display_path(path)
    if file_format(path) is None:
        kind = path.suffix.lower() or "no file ending"
        return Skipped(shown, f"unsupported type ({kind}): dossier reads {_READ}")
    try:
        raw = _read_regular(path)
    except OSError as exc:
        return Skipped(shown, cannot_read(exc))
    except IngestError as exc:
        return Skipped(shown, str(exc))
    return parse_bytes(raw, path=path, root=root)


def _read_regular(path: Path) -> bytes:
    """A regular file's bytes, up to :func:`files.size_limit`. Opened without blocking, so
    a named pipe put in a file's place since the folder was listed never hangs us."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise IngestError("not a regular file (a pipe or a device): not read")
        limit = size_limit(path)
        raw = f.read(limit + 1)
    if len(raw) > limit:
        raise IngestError(f"larger than the {limit // 2**20} MB dossier reads: not read")
    return raw


def parse_bytes(raw: bytes, *, path: Path, root: Path) -> Article | Skipped:
    """The bytes of ``path`` to an Article by its format, or a Skipped saying why not."""
    shown = display_path(path)
    kind = file_format(path) or "txt"
    try:
        meta, problems = load_sidecar(path)
        digest = hashlib.sha1(raw)
        digest.update(repr((sorted(meta.items()), problems)).encode("utf-8", "surrogateescape"))
        common = {
            "id": article_id(root, path),
            "path": shown,
            "meta": meta,
            "fingerprint": digest.hexdigest(),
        }
        if kind == "html":
            from .html import parse_html

            article = parse_html(raw, **common)
        elif kind == "pdf":
            from .pdf import parse_pdf

            article = parse_pdf(raw, **common)
        else:
            text, note = decode(raw)
            notes = (note,) if note else ()
            article = parse_article(text, notes=notes, markdown=kind == "md", **common)
        if not article.title.strip():  # a list shows it by its file's name, not a blank
            article = evolve(article, title=title_from_name(shown))
        # What a sidecar could not correct, said where the other caveats are.
        return evolve(article, notes=(*article.notes, *problems)) if problems else article
    except IngestError as exc:
        return Skipped(shown, str(exc))
    except RecursionError:
        return Skipped(shown, "too deeply nested to read")
    except ImportError as exc:
        # A library this format needs will not load (an install that left one out): the
        # files of that format are skipped saying so; the rest of the corpus is indexed.
        missing = (str(exc).splitlines() or [type(exc).__name__])[0].rstrip(".")
        return Skipped(
            shown,
            f"cannot read {kind} files here: {missing}; reinstall dossier, then run "
            "`dossier index` to read them",
            retry=True,
        )
