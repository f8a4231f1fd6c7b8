"""The Whoosh index: schema, location, build and incremental refresh, locking.

One index per corpus (a set of folders) and per schema version, in the user's
cache directory. A manifest beside it records each file's size, mtime and
content hash, so a refresh reads only the files that changed. When the cache
cannot be written, the index is built in memory instead.
"""

from __future__ import annotations

from . import _whoosh  # noqa: F401  (first: Whoosh without what it never uses)

# isort: split
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from attrs import define, field
from whoosh import index as windex
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.writing import CLEAR

from . import files, locks
from .model import FIGURE_TYPES, Article, Skipped

#: Bump when the schema or what goes into it changes: a new version is a new index.
SCHEMA_VERSION = 3
MANIFEST = "manifest.json"
LOCK = ".dossier.lock"
WORDS = "words.txt"
#: Above this many new or changed files, write with two processes in parallel.
BULK = 500

Progress = Callable[[int, int, str], None]


def schema() -> Schema:
    """What the index holds.

    ``body`` indexes the standfirst with the body, so a word is searched in two fields
    rather than three; the body as shown is stored apart. Spelling suggestions come
    from a word list kept beside the index (see :class:`Index`), not from a second,
    unstemmed copy of every text: that copy was nearly half the index's postings.
    """
    stem = StemmingAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        path=ID(stored=True),
        title=TEXT(analyzer=stem, stored=True, field_boost=2.0),
        standfirst=TEXT(analyzer=stem, stored=True),
        body=TEXT(analyzer=stem),
        body_stored=STORED(),
        source=TEXT(analyzer=StandardAnalyzer(stoplist=None), stored=True),
        source_facet=ID(stored=True),
        author=TEXT(analyzer=StandardAnalyzer(stoplist=None), stored=True),
        published=DATETIME(sortable=True),
        published_iso=STORED(),
        year=ID(stored=True),
        url=STORED(),
        words=NUMERIC(stored=True),
        notes=STORED(),
        fingerprint=STORED(),
        # Canonical entity names: lower-cased for `entity:"xi jinping"`; as written, for facets.
        entity=KEYWORD(commas=True, lowercase=True, scorable=True),
        entity_facet=KEYWORD(commas=True, lowercase=False, stored=True),
    )


def corpus_key(folders: Sequence[Path]) -> str:
    """A stable name for a set of folders (order does not matter)."""
    resolved = sorted(str(Path(f).expanduser().resolve()) for f in folders)
    return hashlib.sha1("\n".join(resolved).encode()).hexdigest()[:12]


def default_cache_root() -> Path:
    """Where indexes go: the config's ``index_dir``, else the user's cache folder."""
    from .config import load_config

    return load_config().index_root


def index_directory(folders: Sequence[Path], cache_root: Path | None = None) -> Path:
    """The folder that holds the index of ``folders`` (it may not be built yet)."""
    root = Path(cache_root) if cache_root is not None else default_cache_root()
    resolved = [Path(f).expanduser().resolve() for f in folders]
    return root / f"index-v{SCHEMA_VERSION}" / corpus_key(resolved)


def to_document(article: Article, canonical_entities: Sequence[str]) -> dict:
    published = article.published
    doc = {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "standfirst": article.standfirst,
        "body": f"{article.standfirst}\n\n{article.body}" if article.standfirst else article.body,
        "body_stored": article.body,
        "source": article.source,
        "source_facet": article.source or "unknown",
        "author": article.author,
        "published_iso": published.isoformat() if published else "",
        "year": str(published.year) if published else "undated",
        "url": article.url,
        "words": article.words,
        "notes": list(article.notes),
        "fingerprint": article.fingerprint,
    }
    if published:
        doc["published"] = dt.datetime(published.year, published.month, published.day)
    if canonical_entities:
        names = sorted(set(canonical_entities))
        doc["entity"] = ",".join(names)
        doc["entity_facet"] = ",".join(names)
    return doc


def from_stored(fields: dict) -> Article:
    iso = fields.get("published_iso") or ""
    return Article(
        id=fields["id"],
        path=fields.get("path", ""),
        title=fields.get("title", ""),
        body=fields.get("body_stored", ""),
        standfirst=fields.get("standfirst", ""),
        author=fields.get("author", ""),
        source=fields.get("source", ""),
        published=dt.date.fromisoformat(iso) if iso else None,
        url=fields.get("url", ""),
        fingerprint=fields.get("fingerprint", ""),
        notes=tuple(fields.get("notes") or ()),
    )


def _entity_names(article: Article) -> list[str]:
    from .entities import recognise

    return [e.canonical for e in recognise(article) if not e.guessed and e.type not in FIGURE_TYPES]


_VOCABULARY_WORD = re.compile(r"[^\W\d_]{2,}")


def _prepare(item: tuple[Path, Path]) -> tuple[Article | Skipped, list[str], set[str]]:
    """Read one file, find its entities and its words: the costly part of indexing,
    done in worker processes."""
    from . import ingest

    root, path = item
    result = ingest.read_article(path, root)
    if isinstance(result, Skipped):
        return result, [], set()
    text = f"{result.title}\n{result.standfirst}\n{result.body}".lower()
    return result, _entity_names(result), set(_VOCABULARY_WORD.findall(text))


def _prepare_all(
    todo: Sequence[tuple[Path, Path, tuple[int, int, int]]],
) -> Iterator[tuple[Article | Skipped, list[str], set[str]]]:
    """Prepare files in order: in two worker processes when there are many."""
    items = [(root, path) for root, path, _stat in todo]
    if len(items) < BULK:
        yield from map(_prepare, items)
        return
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with multiprocessing.get_context(method).Pool(min(2, os.cpu_count() or 1)) as pool:
        yield from pool.imap(_prepare, items, chunksize=32)


@define
class Refresh:
    """What a build or refresh did, for the user."""

    added: list[str] = field(factory=list)
    updated: list[str] = field(factory=list)
    removed: list[str] = field(factory=list)
    skipped: list[Skipped] = field(factory=list)
    unchanged: int = 0
    rebuilt: bool = False
    in_memory: bool = False
    seconds: float = 0.0
    notices: list[str] = field(factory=list)
    #: Files indexed with a caveat, as (shown path, what): "not valid UTF-8; decoded as cp1252".
    caveats: list[tuple[str, str]] = field(factory=list)
    #: Why nothing was done, when another process kept the index: what to tell the user.
    busy: str = ""


def _lock_notices(lock: locks.Lock, report: Refresh) -> None:
    if lock.took_over is not None:
        report.notices.append(
            f"took over the index lock of {lock.took_over}, which is no longer running"
        )
    if lock.acquired and lock.holder is not None:
        report.notices.append(
            f"waited {lock.waited:.1f} s for {locks.holder_text(lock.holder)} "
            "to finish updating this index"
        )


def _writable(directory: Path) -> bool:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


class Index:
    """A corpus' Whoosh index, opened or built and kept up to date."""

    def __init__(self, ix: windex.Index, directory: Path | None, manifest: dict) -> None:
        self.ix = ix
        self.directory = directory
        self.manifest = manifest
        self._vocabulary: set[str] | None = None

    @property
    def vocabulary(self) -> set[str]:
        """Every word of the corpus, unstemmed: what "did you mean" chooses from.

        Read on first use: most searches never misspell, and `dossier search` is a quick path.
        """
        if self._vocabulary is None:
            on_disk = self.directory is not None and self.manifest["files"]
            self._vocabulary = _read_words(self.directory) if on_disk else set()
        return self._vocabulary

    @classmethod
    def open(
        cls,
        folders: Sequence[Path],
        *,
        cache_root: Path | None = None,
        rebuild: bool = False,
        progress: Progress | None = None,
        wait: bool = False,
        waiting: Callable[[str], None] | None = None,
    ) -> tuple[Index, Refresh]:
        """Open the index for ``folders``, refreshing it from the files first.

        While another dossier updates the index, an open with ``wait`` (``dossier index``)
        waits for it to finish; other opens read the index as it was (and wait only when
        there is none yet). ``waiting`` is told, in words, when we start to wait.
        """
        started = time.perf_counter()
        directory = index_directory(folders, cache_root)
        unread: list[Skipped] = []  # what discovery passed over (a FIFO, a huge file...)
        found = list(files.discover(folders, skipped=unread))
        if not _writable(directory):
            index, report = cls._in_memory(found, progress)
            report.notices.append(
                f"index kept in memory: cannot write to {directory} (set index_dir in the config to keep it)"
            )
        else:
            index, report = cls._on_disk(
                directory, found, rebuild, progress, wait=wait, waiting=waiting
            )
        report.skipped[:0] = unread
        report.seconds = time.perf_counter() - started
        return index, report

    @classmethod
    def _in_memory(
        cls, found: list[tuple[Path, Path]], progress: Progress | None
    ) -> tuple[Index, Refresh]:
        ix = _PrivateRamStorage().create_index(schema())
        index = cls(ix, None, {"files": {}, "skipped": {}})
        report = Refresh(rebuilt=True, in_memory=True)
        index._apply(found, report, progress, fresh=True)
        return index, report

    @classmethod
    def _on_disk(
        cls,
        directory: Path,
        found: list[tuple[Path, Path]],
        rebuild: bool,
        progress: Progress | None,
        *,
        wait: bool = False,
        waiting: Callable[[str], None] | None = None,
    ) -> tuple[Index, Refresh]:
        storage = FileStorage(str(directory))
        report = Refresh()
        # Another dossier may be refreshing this corpus: wait briefly if a finished index
        # exists (we can read it as it is), as long as it runs if there is none yet or
        # we were asked to update it. A holder that is gone is taken over at once.
        patient = wait or not (directory / MANIFEST).exists()
        told = None
        if waiting is not None and patient:

            def told(holder: locks.Holder | None) -> None:
                waiting(f"waiting for {locks.holder_text(holder)} to finish updating this index")

        with locks.exclusive(
            directory / LOCK, wait=900.0 if patient else 2.0, waiting=told
        ) as lock:
            _lock_notices(lock, report)
            exists = _exists(directory)
            if not lock.acquired:
                report.busy = f"{locks.holder_text(lock.holder)} is updating this index"
                report.notices.append(f"{report.busy}; showing it as it was")
                manifest = _read_manifest(directory) or {"files": {}, "skipped": {}}
                return cls(storage.open_index(), directory, manifest), report
            manifest = _read_manifest(directory) if exists else None
            ix = None
            if manifest is not None:
                try:
                    ix = storage.open_index()
                    ix.reader().close()  # opens every segment's files: a missing one fails here
                except Exception as exc:  # a damaged or foreign index: we can always rebuild it
                    ix = None
                    report.notices.append(
                        f"the index was unreadable ({type(exc).__name__}); rebuilt it"
                    )
            if ix is None:
                _clear(directory)
                ix = storage.create_index(schema())
                report.rebuilt = True
            elif rebuild:
                # Build beside the old segments and drop them in the commit, so another
                # dossier reading meanwhile sees the old index, never an empty one.
                report.rebuilt = True
            if report.rebuilt:
                manifest = {"files": {}, "skipped": {}}
            index = cls(ix, directory, manifest)
            try:
                index._apply(found, report, progress, fresh=report.rebuilt)
            except windex.LockError:
                # Whoosh's own write lock is held although ours was free: our lock file
                # was removed while another dossier wrote, or another program writes.
                report.busy = (
                    "another process is writing this index although dossier's lock was "
                    f"free (was {directory / LOCK} removed while a dossier ran?)"
                )
                report.notices.append(f"{report.busy}; showing it as it was")
                manifest = _read_manifest(directory) or {"files": {}, "skipped": {}}
                index = cls(storage.open_index(), directory, manifest)
        if lock.lost:
            report.notices.append(
                f"the index's lock file {directory / LOCK} was removed while this dossier "
                "updated the index; if another dossier updated it meanwhile, run `dossier index`"
            )
        return index, report

    def _apply(
        self,
        found: list[tuple[Path, Path]],
        report: Refresh,
        progress: Progress | None,
        *,
        fresh: bool,
    ) -> None:
        """Bring the index in line with the files ``found``: add new, update changed, drop removed."""
        known: dict[str, dict] = self.manifest["files"]
        known_skipped: dict[str, dict] = self.manifest["skipped"]
        todo: list[tuple[Path, Path, tuple[int, int, int]]] = []
        present: set[str] = set()
        for root, path in found:
            key = str(path)
            present.add(key)
            try:
                stat = files.signature(path)
            except OSError as exc:
                report.skipped.append(
                    Skipped(files.display_path(key), f"cannot read: {exc.strerror or exc}")
                )
                continue
            entry = known.get(key) or known_skipped.get(key)
            if entry and (entry["mtime_ns"], entry["size"], entry.get("sidecar", 0)) == stat:
                if key in known_skipped:
                    reason = known_skipped[key]["reason"]
                    report.skipped.append(Skipped(files.display_path(key), reason))
                else:
                    report.unchanged += 1
                continue
            todo.append((root, path, stat))

        removed = [key for key in list(known) if key not in present]
        for key in list(known_skipped):
            if key not in present:
                del known_skipped[key]
        if not todo and not removed and not fresh:
            return

        seen_ids = {entry["id"]: key for key, entry in known.items() if key not in removed}
        docs: list[tuple[str, dict]] = []
        total = len(todo)
        for n, ((root, path, stat), (result, names, words)) in enumerate(
            zip(todo, _prepare_all(todo), strict=True), 1
        ):
            key = str(path)
            if progress:
                progress(n, total, key)
            if isinstance(result, Skipped):
                report.skipped.append(result)
                known_skipped[key] = {
                    "mtime_ns": stat[0],
                    "size": stat[1],
                    "sidecar": stat[2],
                    "reason": result.reason,
                }
                if key in known:
                    removed.append(key)
                continue
            known_skipped.pop(key, None)
            previous = known.get(key)
            if previous and previous["fingerprint"] == result.fingerprint:
                previous["mtime_ns"], previous["size"], previous["sidecar"] = (
                    stat  # touched, not changed
                )
                report.unchanged += 1
                continue
            article = result
            owner = seen_ids.get(article.id)
            if owner is not None and owner != key:  # two folders with the same name and file
                from attrs import evolve

                article = evolve(article, id=files.article_id(root.parent, path))
            seen_ids[article.id] = key
            docs.append((key, to_document(article, names)))
            self.vocabulary.update(words)
            (report.updated if previous else report.added).append(key)
            report.caveats.extend((article.path, note) for note in article.notes)
            known[key] = {
                "id": article.id,
                "mtime_ns": stat[0],
                "size": stat[1],
                "sidecar": stat[2],
                "fingerprint": article.fingerprint,
            }

        bulk = fresh and len(docs) >= BULK
        writer = (
            self.ix.writer(procs=2, multisegment=True, limitmb=384)
            if bulk
            else self.ix.writer(timeout=30.0)
        )
        try:
            for key in removed:
                entry = known.pop(key, None)
                if entry:
                    writer.delete_by_term("id", entry["id"])
                    report.removed.append(key)
            for _key, doc in docs:
                if fresh:
                    writer.add_document(**doc)
                else:
                    writer.update_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        # A fresh build replaces whatever segments were there, in one atomic commit.
        if fresh:
            writer.commit(mergetype=CLEAR)
        else:
            writer.commit()
        self._write_manifest()

    def _write_manifest(self) -> None:
        if self.directory is None:
            return
        words = self.directory / WORDS
        tmp_words = words.with_name(f"{WORDS}.{os.getpid()}.tmp")
        tmp_words.write_text("\n".join(sorted(self.vocabulary)), encoding="utf-8")
        os.replace(tmp_words, words)
        target = self.directory / MANIFEST
        tmp = target.with_name(f"{MANIFEST}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"version": SCHEMA_VERSION, **self.manifest}), encoding="utf-8")
        os.replace(tmp, target)


class _PrivateRamStorage(RamStorage):
    """Whoosh's in-memory storage puts its scratch files in one fixed folder under /tmp
    (MAIN.tmp), which two dossiers building in memory at once would share and delete
    under each other, and another user could own. Ours is a private folder (``mkdtemp``:
    a name nobody can guess, readable by us alone), removed when the index goes or the
    process ends; one left by a process killed outright is removed by the next dossier."""

    def __init__(self) -> None:
        super().__init__()
        self._scratch: str | None = None

    def temp_storage(self, name=None):
        if self._scratch is None:
            _sweep_scratch()
            self._scratch = tempfile.mkdtemp(prefix=f"{_SCRATCH}{os.getpid()}-")
            weakref.finalize(self, _remove_scratch, self._scratch, os.getpid())
        folder = tempfile.mkdtemp(prefix=f"{name or 'tmp'}-", dir=self._scratch)
        return FileStorage(folder).create()


_SCRATCH = "dossier-"


def _remove_scratch(folder: str, owner: int) -> None:
    if os.getpid() == owner:  # not from a forked worker's copy of the storage
        shutil.rmtree(folder, ignore_errors=True)


def _sweep_scratch() -> None:
    """Remove our scratch folders whose process is gone (killed before it could)."""
    root = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for path in root.glob(f"{_SCRATCH}*-*"):
            pid = path.name[len(_SCRATCH) :].split("-", 1)[0]
            if not pid.isdigit() or int(pid) == os.getpid():
                continue
            try:
                if path.lstat().st_uid != os.getuid() or not path.is_dir() or path.is_symlink():
                    continue
                os.kill(int(pid), 0)
            except ProcessLookupError:
                shutil.rmtree(path, ignore_errors=True)
            except (OSError, OverflowError):
                continue


def _exists(directory: Path) -> bool:
    """Is there an index here, readable or not?"""
    try:
        return windex.exists_in(str(directory))
    except Exception:
        return any(directory.glob("*.toc"))


def _clear(directory: Path) -> None:
    """Remove an index's files (not our lock, which another process may be waiting on)."""
    for path in directory.iterdir():
        if path.is_file() and not path.name.startswith(LOCK):
            path.unlink(missing_ok=True)


def _read_words(directory: Path) -> set[str]:
    try:
        return set((directory / WORDS).read_text(encoding="utf-8").split())
    except (OSError, UnicodeDecodeError):
        return set()


def _read_manifest(directory: Path) -> dict | None:
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("version") != SCHEMA_VERSION:
        return None
    return {"files": data.get("files", {}), "skipped": data.get("skipped", {})}


__all__ = ["Index", "Refresh", "SCHEMA_VERSION", "corpus_key", "from_stored", "schema"]
