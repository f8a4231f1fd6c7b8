"""Which folders and files make up a corpus, and the ids they get. Cheap to import: the
explorer finds its folders with it before Whoosh is loaded, and the quick lookup path
checks for changes without loading the ingest rules."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

#: File endings read as articles, by format: text, a saved web page, a PDF.
FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}
SUFFIXES = frozenset(FORMATS)
#: Beside ``story.txt``, ``story.meta.toml`` may give metadata the text lacks.
SIDECAR_SUFFIX = ".meta.toml"
#: dossier's own files in a corpus folder: read by dossier, never articles.
OWN_FILES = frozenset({"links.toml"})


def file_format(path: Path | str) -> str | None:
    """``txt``, ``md``, ``html`` or ``pdf`` for a file dossier reads; None for any other."""
    return FORMATS.get(os.path.splitext(str(path))[1].lower())


def is_own_file(name: str) -> bool:
    """A sidecar or a folder's ``links.toml``: dossier's, not an article nor a file to report."""
    return name.endswith(SIDECAR_SUFFIX) or name in OWN_FILES


def bundled_corpus() -> Path:
    """The seeds that ship with dossier: inside the installed package, or the repo's folder."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    from .model import CorpusError

    raise CorpusError("the bundled corpus is missing from this installation; reinstall dossier")


def default_folders() -> list[Path]:
    """The configured default corpus, else the bundled one."""
    from .config import load_config

    return list(load_config().corpus) or [bundled_corpus()]


def discover(folders: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """Yield ``(root, file)`` for every file under each folder, sorted, recursively.

    Every file, not only the formats dossier reads: one it cannot read is reported with
    the reason (``search.ingest.read_article`` says "unsupported type"), never silently
    left out. Linked folders are followed (analysts link shared folders into their own),
    each real folder and file once, so a link loop ends. Hidden files and folders are
    passed over; so are dossier's own files (sidecar metadata, ``links.toml``).
    """
    seen_files: set[str] = set()
    for root in folders:
        root = Path(root).expanduser()
        if root.is_file():
            yield root.parent, root
            continue
        found: list[Path] = []
        seen_dirs: set[str] = set()
        for folder, dirnames, filenames in os.walk(root, followlinks=True):
            real = os.path.realpath(folder)
            if real in seen_dirs:
                dirnames[:] = []
                continue
            seen_dirs.add(real)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if name.startswith(".") or is_own_file(name):
                    continue
                # Files are named by where they really are, so a file reached twice
                # (through a linked folder) is indexed once.
                real_file = os.path.join(real, name)
                if real_file in seen_files:
                    continue
                seen_files.add(real_file)
                found.append(Path(folder, name))
        yield from ((root, f) for f in sorted(found))


def signature(path: Path) -> tuple[int, int, int]:
    """What tells us a file may have changed: its mtime and size, and its sidecar's mtime."""
    st = path.stat()
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    try:
        extra = sidecar.stat().st_mtime_ns
    except OSError:
        extra = 0
    return st.st_mtime_ns, st.st_size, extra


def display_path(path: Path | str) -> str:
    """A path as text that can always be printed and indexed: undecodable bytes shown as
    �, control characters as ``\\x1b`` (a file name is data too, and may hold an escape)."""
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def article_id(root: Path, path: Path) -> str:
    """A short, typeable id that a file keeps across runs and machines.

    Built from the corpus folder's name and the file's path inside it, never from
    absolute paths or contents: editing an article keeps its id.
    """
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = path.name
    key = f"{Path(root).name}/{rel}".encode("utf-8", "surrogateescape")
    digest = hashlib.sha1(key).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:6]


def folder_stamp(folders: Iterable[Path]) -> tuple[dict[str, int], set[str]]:
    """The mtime of every folder :func:`discover` reads, and the sidecar files it finds.

    Taken before an exact refresh, the folder mtimes let a later quick open tell, with one
    stat a folder, whether a file was added, removed or renamed since; the sidecars let the
    refresh skip a failed stat for every article that has none. Folders only: no stat of
    the files themselves, no recursion (a folder nested thousands deep is a loop here).
    """
    stamp: dict[str, int] = {}
    sidecars: set[str] = set()
    seen: set[str] = set()
    stack = [os.fspath(Path(f).expanduser()) for f in reversed(list(folders))]
    while stack:
        folder = stack.pop()
        try:
            real = os.path.realpath(folder)
            if real in seen:
                continue
            seen.add(real)
            stamp[folder] = os.stat(folder).st_mtime_ns
            with os.scandir(folder) as entries:
                subfolders = []
                for entry in entries:
                    name = entry.name
                    if name.startswith("."):
                        continue
                    if name.endswith(SIDECAR_SUFFIX):
                        sidecars.add(entry.path)
                    elif entry.is_dir():
                        subfolders.append(entry.path)
        except OSError:
            continue  # unreadable or gone: discover says so; a later change shows in the parent
        stack.extend(sorted(subfolders, reverse=True))
    return stamp, sidecars
