"""Which folders and files make up a corpus, and the ids they get. Cheap to import: the
explorer finds its folders with it before Whoosh is loaded, and the quick lookup path
checks for changes without loading the ingest rules."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import operator
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Skipped

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


def changed_folders(folders: dict[str, int]) -> list[str]:
    """The folders whose mtime differs from ``folders`` (or that are gone): one stat each.
    Here, not in :mod:`search.manifest`, so the explorer's saved list (tui.catalog) is
    checked before the first frame without loading the manifest's classes."""
    changed = []
    for path, mtime in folders.items():
        try:
            if os.stat(path).st_mtime_ns != mtime:
                changed.append(path)
        except OSError:
            changed.append(path)
    return changed


def default_folders() -> list[Path]:
    """The configured default corpus, else the bundled one."""
    from .config import load_config

    return list(load_config().corpus) or [bundled_corpus()]


#: Files larger than this are not read: an article, even a long report, is far smaller,
#: and a log or a dump that size would take minutes and gigabytes to index.
MAX_BYTES = 8 * 1024 * 1024
#: A PDF holds pictures and fonts besides its text: it may be larger.
MAX_PDF_BYTES = 64 * 1024 * 1024


def size_limit(path: Path | str) -> int:
    """The largest file of this kind dossier reads."""
    return MAX_PDF_BYTES if file_format(path) == "pdf" else MAX_BYTES


#: File systems that are the machine's own state, not anyone's articles: walking /proc
#: reaches every folder of the machine again through each process' root.
PSEUDO_FILESYSTEMS = frozenset(
    {
        "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs",
        "devpts", "devtmpfs", "efivarfs", "fusectl", "hugetlbfs", "mqueue", "nsfs",
        "proc", "pstore", "rpc_pipefs", "securityfs", "selinuxfs", "sysfs", "tracefs",
    }
)  # fmt: skip


def discover(
    folders: Iterable[Path], skipped: list[Skipped] | None = None
) -> Iterator[tuple[Path, Path]]:
    """Yield ``(root, file)`` for every file under each folder, sorted, recursively.

    Every file, not only the formats dossier reads: one it cannot read is reported with
    the reason (``search.ingest.read_article`` says "unsupported type"), never silently
    left out. Linked folders are followed (analysts link shared folders into their own),
    each real folder and file once, so a link loop ends; folders are walked with a list,
    not by recursion, so no depth is too deep. Hidden files and folders are passed over;
    so are dossier's own files (sidecar metadata, ``links.toml``) and a saved page's
    resource folder (``NAME_files`` beside ``NAME.html``: :func:`resource_folder`). What cannot be read at
    all (a folder without permission, a named pipe or device, a file over
    :data:`MAX_BYTES`, a system folder such as /proc) is added to ``skipped``, saying why.
    """
    for root, path, _st in scan(folders, skipped):
        yield root, Path(path)


class Walked:
    """What a :func:`scan` saw besides the files: the mtime of each folder it listed (and
    of a file given as a folder), taken just before listing it, and of each sidecar; and
    the saved pages' resource folders it passed over (:func:`resource_folder`)."""

    def __init__(self) -> None:
        self.folders: dict[str, int] = {}
        self.sidecars: dict[str, int] = {}
        self.resources: list[str] = []


#: What a browser's "Save page, complete" names the folder of a page's images, scripts,
#: styles and frames beside ``NAME.html``: ``NAME_files`` (Chrome, Edge, Firefox, and
#: Internet Explorer before them). Safari saves one ``.webarchive`` file instead.
RESOURCES_SUFFIX = "_files"
_PAGE_SUFFIXES = (".html", ".htm", ".xhtml")


def resource_folder(name: str, names: Iterable[str]) -> bool:
    """Whether a folder called ``name``, among the entries ``names`` of its parent, holds a
    saved page's resources (``Story_files`` beside ``Story.html``): its files are the
    page's parts (an advertisement's frame, scripts, styles), never articles of their own."""
    if not name.endswith(RESOURCES_SUFFIX) or len(name) == len(RESOURCES_SUFFIX):
        return False
    stem = name[: -len(RESOURCES_SUFFIX)].casefold()
    pages = {stem + suffix for suffix in _PAGE_SUFFIXES}
    return any(other.casefold() in pages for other in names)


def scan(
    folders: Iterable[Path], skipped: list[Skipped] | None = None, walked: Walked | None = None
) -> Iterator[tuple[Path, str, os.stat_result]]:
    """:func:`discover` for a refresh: each file as ``(root, path as text, its stat)``.

    The stat is the one taken while listing (which a refresh compares with the manifest),
    and the path stays text: at 50,000 files, a ``Path`` and a second ``stat`` for each
    were most of what an exact refresh cost. ``walked`` is told each folder's mtime and
    each sidecar's, in the same pass (a second listing of every folder for them was a
    sixth of refreshing one edited file at 50,000).
    """
    note = skipped.append if skipped is not None else (lambda _s: None)
    walked = walked if walked is not None else Walked()
    linked: list[bool] = []
    parts: list[tuple[list[tuple[Path, str, os.stat_result]], bool, bool]] = []
    for root in folders:
        root = Path(root).expanduser()
        try:
            st = root.stat()
        except OSError as exc:
            note(_skip(root, cannot_read(exc)))
            continue
        walked.folders[str(root)] = st.st_mtime_ns
        if not stat.S_ISDIR(st.st_mode):
            reason = _unreadable(st, size_limit(root))
            if reason:
                note(_skip(root, reason))
            else:
                parts.append(([(root.parent, str(root), st)], False, False))
            continue
        system = pseudo_filesystem(root)
        if system:
            note(_skip(root, f"a system folder ({system}), not a folder of articles: not read"))
            continue
        mixed: list[bool] = []
        parts.append((_walk(root, linked, note, mixed, walked), True, bool(mixed)))
    if linked or sum(listed for _found, listed, _mixed in parts) > 1:
        _once([found for found, listed, _mixed in parts if listed])
    for found, _listed, mixed in parts:
        # In the order of Path: component by component (so "a/b" comes before "a-b"),
        # which is text order once the separator sorts before every other character. The
        # walk lists each folder's files in name order, then its folders: that is already
        # the order unless a folder holds both files and folders.
        if mixed:
            found.sort(key=_by_component)
        yield from found


def _once(lists: list[list[tuple[Path, str, os.stat_result]]]) -> None:
    """Keep one of the ways to each file (a file reached through a linked folder, a hard
    link, or two folders of one corpus is indexed once): the first in the order walked,
    unless that is a symbolic link and another way is the file itself, which is kept
    instead (its id then comes from its own name: deleting the link changes nothing)."""
    seen: dict[tuple[int, int], tuple[int, int]] = {}  # a file -> where its way is kept
    kept: list[list] = [[] for _ in lists]
    for n, found in enumerate(lists):
        for item in found:
            st = item[2]
            ident = (st.st_dev, st.st_ino)
            first = seen.get(ident)
            if first is None:
                seen[ident] = (n, len(kept[n]))
                kept[n].append(item)
                continue
            # A second way to a file: rare, so only now is either looked at as a link.
            where, at = first
            if os.path.islink(kept[where][at][1]) and not os.path.islink(item[1]):
                kept[where][at] = None  # the link's way goes, the file's own stays
                seen[ident] = (n, len(kept[n]))
                kept[n].append(item)
    for found, mine in zip(lists, kept, strict=True):
        found[:] = [item for item in mine if item is not None]


def _by_component(item: tuple[Path, str, os.stat_result]) -> str:
    return item[1].replace(os.sep, "\0")


def _walk(
    root: Path, linked: list[bool], note, mixed: list[bool], walked: Walked
) -> list[tuple[Path, str, os.stat_result]]:
    """Every file under ``root`` as ``(root, path, stat)``, each folder's files then its
    folders; ``mixed`` is appended to when a folder held both. A list, not a generator, and
    the names bound once: this loop runs once a file (50,000 times for a refresh at 50,000
    articles). ``linked`` is appended to when a file has more than one name (a hard
    link, a linked file): only then, or with more than one folder, may a file be reached
    twice (each folder is listed once), which :func:`_once` then sees to."""
    found: list[tuple[Path, str, os.stat_result]] = []
    seen_dirs: set[tuple[int, int]] = set()
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            handle = os.open(folder, _FOLDER_FLAGS) if _BY_DESCRIPTOR else folder
        except OSError as exc:
            note(_skip(folder, f"folder not read: {exc.strerror or exc}"))
            continue
        try:
            here = os.stat(handle)
            if (here.st_dev, here.st_ino) in seen_dirs:
                continue
            seen_dirs.add((here.st_dev, here.st_ino))
            walked.folders[folder] = here.st_mtime_ns
            with os.scandir(handle) as entries:
                listed = sorted(entries, key=_NAME)
            files_before = len(found)
            subfolders = _list(root, folder, listed, here.st_dev, found, linked, note, walked)
        except OSError as exc:
            note(_skip(folder, f"folder not read: {exc.strerror or exc}"))
            continue
        finally:
            if handle is not folder:
                os.close(handle)
        if subfolders and len(found) > files_before and not mixed:
            mixed.append(True)
        # In name order, as a walk from the top does: which of two ways to one file is
        # kept does not depend on the order the file system lists them.
        stack.extend(reversed(subfolders))
    return found


#: A folder is opened and its files statted by name inside it (``fstatat``), not by
#: their whole path, where the platform can: the kernel then looks up one name a file,
#: not every folder above it again (a tenth less CPU for a walk of 50,000 files).
_BY_DESCRIPTOR = os.scandir in os.supports_fd and os.stat in os.supports_dir_fd
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


def _list(
    root: Path,
    folder: str,
    listed: list[os.DirEntry],
    device: int,
    found: list[tuple[Path, str, os.stat_result]],
    linked: list[bool],
    note,
    walked: Walked,
) -> list[str]:
    """The files of one folder (its entries ``listed``, in name order) onto ``found``;
    returns its subfolders. Each entry's path is made from ``folder``: an entry of a
    folder listed through a descriptor knows only its name."""
    keep = found.append
    regular, limit, sidecars = stat.S_ISREG, MAX_BYTES, walked.sidecars
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    subfolders: list[str] = []
    for entry in listed:
        name = entry.name
        if name[0] == ".":  # a name is never empty
            continue
        try:
            is_dir = entry.is_dir()  # follows a link
        except OSError:
            is_dir = False
        if is_dir:
            if name.endswith(RESOURCES_SUFFIX) and resource_folder(name, map(_NAME, listed)):
                walked.resources.append(prefix + name)  # counted, not read, not listed
            elif _system_folder(entry, prefix + name, device):
                note(_skip(prefix + name, "a system folder, not articles: not read"))
            else:
                subfolders.append(prefix + name)
            continue
        if name.endswith(SIDECAR_SUFFIX):
            with contextlib.suppress(OSError):  # gone since listed: as if not there
                sidecars[prefix + name] = entry.stat().st_mtime_ns
            continue
        if name in OWN_FILES:
            continue  # every other file is listed: one we cannot read is reported
        try:
            st = entry.stat()
        except OSError as exc:
            note(_skip(prefix + name, cannot_read(exc)))
            continue
        # An ordinary file of an ordinary size, as nearly all are, needs no more look.
        if not (regular(st.st_mode) and st.st_size <= limit):
            reason = _unreadable(st, size_limit(name))
            if reason:
                note(_skip(prefix + name, reason))
                continue
        if st.st_nlink > 1 or entry.is_symlink():
            linked.append(True)  # a file with more names than one: see _once
        keep((root, prefix + name, st))
    return subfolders


_NAME = operator.attrgetter("name")


def _system_folder(entry: os.DirEntry, path: str, parent_device: int) -> bool:
    """Does this folder (a link, or another file system mounted here) lead into /proc,
    /sys or the like?"""
    try:
        crosses = entry.is_symlink() or entry.stat().st_dev != parent_device
    except OSError:
        return False
    return crosses and bool(pseudo_filesystem(path))


def _unreadable(st: os.stat_result, limit: int) -> str:
    """Why a file is not read as an article, or "" if it may be."""
    mode = st.st_mode
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file: not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file: not read"
    if not stat.S_ISREG(mode):
        return "not a regular file: not read"
    if st.st_size > limit:
        size = f"{st.st_size / 2**20:,.1f} MB"
        if size == f"{limit / 2**20:.1f} MB":  # just over: "8.0 MB, larger than 8 MB"
            size = f"{st.st_size:,} bytes"
        return f"{size}, larger than the {limit / 2**20:g} MB dossier reads: not read"
    return ""


def _skip(path: str | Path, reason: str) -> Skipped:
    from .model import Skipped

    return Skipped(display_path(path), reason)


def check_folders(folders: Iterable[str | Path]) -> None:
    """Raise CorpusError unless every folder exists and is not a system folder (/proc...):
    what ``Corpus.open`` and the explorer check before opening anything."""
    from .model import CorpusError

    folders = [Path(f).expanduser().resolve() for f in folders]
    missing = [str(f) for f in folders if not f.exists()]
    if missing:
        raise CorpusError(
            f"no such folder: {', '.join(missing)}; give an existing folder of articles "
            "(.html, .pdf, .txt, .md)"
        )
    for f in folders:
        system = pseudo_filesystem(f)
        if system:
            raise CorpusError(
                f"{f} is a system folder ({system}), not a folder of articles; "
                "name the folder your articles (.html, .pdf, .txt, .md) are in"
            )


def pseudo_filesystem(path: str | Path) -> str:
    """The type of the system file system ``path`` is on (/proc, /sys...), or ""."""
    try:
        real = os.path.realpath(path)
    except (OSError, ValueError):
        return ""
    best, kind = "", ""
    for mount, fstype in _mounts():
        inside = real == mount or real.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) > len(best):
            best, kind = mount, fstype
    return kind if kind in PSEUDO_FILESYSTEMS else ""


_MOUNTS: list[tuple[str, str]] | None = None


def _mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) of each mount, from /proc/self/mountinfo."""
    global _MOUNTS
    if _MOUNTS is None:
        _MOUNTS = []
        try:
            lines = Path("/proc/self/mountinfo").read_text().splitlines()
        except OSError:
            lines = []
        for line in lines:
            head, _, tail = line.partition(" - ")
            parts, rest = head.split(), tail.split()
            if len(parts) > 4 and rest:
                point = parts[4].replace("\\040", " ").replace("\\011", "\t")
                _MOUNTS.append((point, rest[0]))
    return _MOUNTS


def signature(path: Path) -> tuple[int, int, int]:
    """What tells us a file may have changed: its mtime and size, and its sidecar's mtime."""
    st = path.stat()
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    try:
        extra = sidecar.stat().st_mtime_ns
    except OSError:
        extra = 0
    return st.st_mtime_ns, st.st_size, extra


def cannot_read(exc: OSError) -> str:
    """Why a file could not be read, and what to do, for the skipped-file report."""
    import errno

    said = exc.strerror or str(exc)
    if exc.errno == errno.ELOOP:
        return f"cannot read: a link that leads back to itself ({said}); fix or remove the link"
    if exc.errno == errno.ENOENT:
        return (
            f"cannot read: {said}: a link to a file that is not there, or a file deleted "
            "or moved while it was read; fix or remove the link, or run again"
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot read: {said}; give yourself read access (chmod u+r) or move it out"
    return f"cannot read: {said}"


def display_path(path: Path | str) -> str:
    """A path as text that can always be printed and indexed: undecodable bytes shown as
    �, control characters as ``\\x1b`` (a file name is data too, and may hold an escape)."""
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def title_from_name(path: Path | str) -> str:
    """The title of an article whose text gives none: its file name's words
    ("harbour_talks-resume.txt" -> "harbour talks resume", "2024-05-01.txt" as it is), so
    every list shows it by a name the user knows."""
    stem = PurePath(str(path)).stem
    # a hyphen between digits is a date's or a number's ("2024-05-01"), not a space
    words = re.sub(r"_|(?<!\d)-|-(?!\d)", " ", stem)
    return " ".join(words.split())


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
    seen: set[tuple[int, int]] = set()  # a folder by identity: realpath is a stat a level
    stack = [os.fspath(Path(f).expanduser()) for f in reversed(list(folders))]
    while stack:
        folder = stack.pop()
        try:
            here = os.stat(folder)
            if (here.st_dev, here.st_ino) in seen:
                continue
            seen.add((here.st_dev, here.st_ino))
            stamp[folder] = here.st_mtime_ns
            with os.scandir(folder) as entries:
                subfolders = []
                names = []
                for entry in entries:
                    name = entry.name
                    names.append(name)
                    if name.startswith("."):
                        continue
                    if name.endswith(SIDECAR_SUFFIX):
                        sidecars.add(entry.path)
                    elif entry.is_dir():
                        subfolders.append(entry.path)
            subfolders = [  # as discover: a saved page's resources are not read
                path for path in subfolders if not resource_folder(os.path.basename(path), names)
            ]
        except OSError:
            continue  # unreadable or gone: discover says so; a later change shows in the parent
        stack.extend(sorted(subfolders, reverse=True))
    return stamp, sidecars
