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
import os
import re
import shutil
import tempfile
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from attrs import define, evolve, field
from whoosh import index as windex
from whoosh.analysis import (
    IntraWordFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StripFilter,
)
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage, RamStorage

from . import cjk, cjk_analysis, files, folding, locks, stemming, whoosh_fixes, whoosh_writing
from . import manifest as mf
from .collector import paused_gc, set_aside
from .manifest import MANIFEST, Manifest
from .model import FIGURE_TYPES, Article, Skipped

whoosh_fixes.apply()  # before any index is opened: a reader no longer copies its terms
whoosh_writing.apply()  # before any writer: the same index for less CPU

#: Bump when the schema or what goes into it changes: a new version is a new index.
#: 4: guessed names are indexed too; 5: Porter's step 1b (search.stemming); 6: accents
#: folded in the text, source, author and entity fields (search.folding); 7: Chinese and
#: Japanese written without spaces indexed as pairs of characters, and their characters
#: counted as words (search.cjk); 8: a source's name split at its dots and its
#: capitals, so that ``source:reuters`` finds "Reuters.com", ``source:atlantic``
#: "TheAtlantic.com".
SCHEMA_VERSION = 8
LOCK = ".dossier.lock"
WORDS = "words.txt"
#: Above this many new or changed files, write with two processes in parallel.
BULK = 500
#: From this many new or changed files, read them in worker processes, one a core: a
#: hundred files added (ingest and entities, ~6 ms each) are worth a fork.
POOLED = 64
#: A build writes with Whoosh's writer processes beside this one's only on this many
#: cores or more. On 2, the writer here and a worker a core already keep both busy: at
#: 10,000 articles the build's CPU, all processes, was the same with writer processes as
#: without (106-108 s) and so was its wall time, but each writer process sorts its own
#: postings in memory (``limitmb``), ~180 MB apiece: the build's memory, summed PSS of
#: every process, was 470 MB with them and 300 MB without (bare Whoosh: 200 MB).
BUILD_WRITER_CORES = 3
#: Files read ahead of the index writer in a pooled build.
WINDOW = 256
#: From this many new or changed files, a refresh writes with Whoosh's writer processes as
#: well. At 50,000 articles on 2 cores, 100 added files took 1.49 s with them against
#: 1.71-1.73 s with one writer on a quiet machine (load 1.0-1.1, interleaved pairs); on
#: busy cores one writer wins (1.9 against 2.2 s at load 1.2-2.1): an idle core is the
#: usual case of a refresh someone waits for.
WRITERS = POOLED
#: Documents handed to a writer process at a time in a refresh. With half the files each,
#: the second batch was handed over only once every file was read, and all of its writing
#: came after: at 50,000 articles on 2 cores, 100 added files took 1.62 s in batches of
#: 16 against 1.88 s in halves (and 1.68 s in batches of 8), interleaved, both cores ours.
REFRESH_BATCH = 16
#: A refresh writes a segment of its own and merges none until the index has this many:
#: Whoosh's default merged small segments every few commits, which made one refresh in a
#: few take seconds (rewriting the merged documents) where searching a dozen segments
#: costs milliseconds more than searching two. See :func:`_merge_policy`.
MAX_SEGMENTS = 12

Progress = Callable[[int, int, str], None]
#: A file found in the corpus: (its corpus folder, its path, its stat when listed).
Found = tuple[Path, str, os.stat_result]


def schema() -> Schema:
    """What the index holds.

    ``body`` indexes the standfirst with the body, so a word is searched in two fields
    rather than three; the body as shown is stored apart. Spelling suggestions come
    from a word list kept beside the index (see :class:`Index`), not from a second,
    unstemmed copy of every text: that copy was nearly half the index's postings.

    Every field a user types words for folds accents (:mod:`search.folding`): "Sao Paulo"
    finds "São Paulo", ``who:"Jose Ribeiro"`` "José Ribeiro". The query parser analyses
    what is typed with the same analyzer, so a query is folded as the text was.
    """
    fold = folding.charset_filter()
    # Whoosh's StemmingAnalyzer with the fold first: before lower-casing, which makes the
    # Turkish "İ" an "i" and a combining dot ("İstanbul" must be "istanbul"), and before
    # the stop list and the stemmer (whose rules know ASCII's vowels: "cafés" is "cafes").
    # Chinese and Japanese runs are split into pairs of characters straight after the
    # tokenizer, while each token's offsets are still its characters' (search.cjk); the
    # stop list keeps a CJK character standing alone, a word of its own.
    stem = (
        RegexTokenizer()
        | cjk_analysis.BigramFilter()
        | fold
        | LowercaseFilter()
        | cjk_analysis.KeepCharsStopFilter()
        | StemFilter(stemming.stem)
    )
    # StandardAnalyzer, no stop list
    plain = RegexTokenizer() | cjk_analysis.BigramFilter() | fold | LowercaseFilter()
    # The same, with a site's name split at its dots and its capitals: a publisher is often
    # known only by its address ("Reuters.com", "TheAtlantic.com"), and is searched by its
    # name ("reuters", "atlantic"); the word as written is kept too ("theatlantic").
    site = (
        RegexTokenizer(r"[^\W_]+")  # (an underscore parts words: no part of a name)
        | IntraWordFilter(splitnums=False, mergewords=True, mergenums=False)
        | cjk_analysis.BigramFilter()
        | fold
        | LowercaseFilter()
    )
    # Whoosh's keyword analyzer for a list of names (each between commas, lower-cased), folded.
    names = RegexTokenizer(r"[^,]+") | StripFilter() | fold | LowercaseFilter()
    return Schema(
        id=ID(stored=True, unique=True),
        path=ID(stored=True),
        title=TEXT(analyzer=stem, stored=True, field_boost=2.0),
        standfirst=TEXT(analyzer=stem, stored=True),
        body=TEXT(analyzer=stem),
        body_stored=STORED(),
        source=TEXT(analyzer=site, stored=True),
        source_facet=ID(stored=True),
        author=TEXT(analyzer=plain, stored=True),
        published=DATETIME(sortable=True),
        published_iso=STORED(),
        year=ID(stored=True),
        url=STORED(),
        words=NUMERIC(stored=True),
        notes=STORED(),
        fingerprint=STORED(),
        # Whether the title, standfirst or body has an accented letter: a hit's snippets
        # fold its text only then (search.query.Targets.spans).
        accented=STORED(),
        # Canonical entity names: lower-cased and folded for `entity:"xi jinping"`; as
        # written, for facets (and for what is shown).
        entity=KEYWORD(commas=True, scorable=True, analyzer=names),
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
        "accented": any(
            folding.accented(t) for t in (article.title, article.standfirst, article.body)
        ),
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
        # An index built before untitled articles took their file's name shows it too.
        title=fields.get("title") or files.title_from_name(fields.get("path", "")),
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

    # Every name, guessed ones too: entity:"Tony Blair", the facets, the reader's `s` and
    # `dossier entity` go by the same names.
    return [e.canonical for e in recognise(article) if e.type not in FIGURE_TYPES]


_VOCABULARY_WORD = re.compile(r"[^\W\d_]{2,}")


def _vocabulary_words(text: str) -> set[str]:
    """The words "did you mean" may offer, of one article's text: not a Chinese or
    Japanese run (a clause, searched by its pairs of characters, never spelt). A text
    without one is told by its bytes (:func:`search.cjk.is_cjk`), cheaper than a
    character class that leaves them out (a fifth more on the English dev pages)."""
    words = set(_VOCABULARY_WORD.findall(text))
    if cjk.is_cjk(text):
        words = {word for word in words if cjk.CHAR.search(word) is None}
    return words


def _prepare(item: tuple[Path, Path]) -> tuple[Article | Skipped, list[str], set[str]]:
    """Read one file, find its entities and its words: the costly part of indexing,
    done in worker processes."""
    from . import ingest

    root, path = item
    result = ingest.read_article(path, root)
    if isinstance(result, Skipped):
        return result, [], set()
    text = f"{result.title}\n{result.standfirst}\n{result.body}".lower()
    return result, _entity_names(result), _vocabulary_words(text)


def _load_modules() -> None:
    from . import entities, ingest  # noqa: F401


def _ready_to_prepare() -> None:
    """Load what :func:`_prepare` loads on first use: the ingest and entity modules (their
    regular expressions compiled as they are imported) and the entity tables."""
    from . import entities, ingest  # noqa: F401

    entities.warm_up()


class ReadAhead:
    """A worker process started as a refresh begins to list the corpus, loading what
    reading a file needs (:func:`_ready_to_prepare`: the ingest and entity modules and
    tables, a tenth of a second) on an idle core meanwhile; a refresh of a few files has
    them read there, ready, when the walk (0.2 s at 50,000 files) is done. Started only
    when a core is idle (the load average a core below their number) and the index is
    there to refresh (a build reads in a pool of its own); ended with the refresh."""

    def __init__(self, enabled: bool = True) -> None:
        self.pool = None
        if enabled and _idle_core():
            from .workers import start_pool

            self.pool = start_pool(1, _ready_to_prepare)

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


def _idle_core() -> bool:
    """Is a core idle: fewer processes running, over the last minute, than cores less one?
    On busy cores a process loading ahead only takes time from the one walking."""
    cores = os.cpu_count() or 1
    try:
        running = os.getloadavg()[0]
    except (AttributeError, OSError):
        return False
    return cores > 1 and running < cores - 0.5


def _prepare_all(
    todo: Sequence[tuple[Path, Path, tuple[int, int, int]]],
    ahead: ReadAhead | None = None,
) -> Iterator[tuple[Article | Skipped, list[str], set[str]]]:
    """Prepare files in order: in worker processes, one a core, when there are many;
    a few in the :class:`ReadAhead` worker when there is one.

    The workers die with this process (see :mod:`search.workers`), and the index is written
    here as their results arrive, one writer in one process. At most :data:`WINDOW` files
    are read ahead of the writer, so a build holds a window of texts, never the corpus.
    """
    items = [(root, path) for root, path, _stat in todo]
    if ahead is not None and ahead.pool is not None:
        if len(items) < POOLED:
            yield from ahead.pool.imap(_prepare, items)
            return
        ahead.close()  # the pool below takes every core
    if len(items) < POOLED or (os.cpu_count() or 1) < 2:
        yield from map(_prepare, items)
        return
    from .workers import bounded, pool, shared_heap

    # A build loads the entity tables here, once, for every worker to share; a refresh of
    # a few hundred files does not wait for them in this process.
    load = _ready_to_prepare if len(items) >= BULK else _load_modules
    with shared_heap(load), pool(os.cpu_count() or 1) as workers:
        yield from bounded(workers, _prepare, items, window=WINDOW, chunksize=8)


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
    #: Opened as it was: no folder changed since the last exact refresh (a quick open).
    trusted: bool = False
    #: Another dossier was updating the index: it was opened as it was, not refreshed.
    locked_out: bool = False
    #: Why nothing was done, when another process kept the index: what to tell the user.
    busy: str = ""
    notices: list[str] = field(factory=list)
    #: Files indexed with a caveat, as (shown path, what): "not valid UTF-8; decoded as cp1252".
    caveats: list[tuple[str, str]] = field(factory=list)
    #: Folders a browser's "Save page, complete" wrote beside a page (``Story_files``), not
    #: read: counted in one line, not listed file by file.
    resource_folders: list[str] = field(factory=list)


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


def why_unwritable(directory: Path) -> str | None:
    """Why an index could not be written in ``directory`` (None when it could), found
    without creating anything: the nearest folder that exists must be one we may write in.
    Then :meth:`Index.open` keeps the index in memory, built again on every start."""
    here = Path(directory)
    while not here.exists() and here != here.parent:
        here = here.parent
    if not here.is_dir():
        return f"{here} is not a folder"
    if not os.access(here, os.W_OK | os.X_OK):
        return f"no permission to write in {here}"
    return None


class Index:
    """A corpus' Whoosh index, opened or built and kept up to date."""

    def __init__(self, ix: windex.Index, directory: Path | None, manifest: Manifest | None) -> None:
        self.ix = ix
        self.directory = directory
        self._manifest = manifest
        self._vocabulary: set[str] | None = None
        self._new_words = False  # words.txt is written again only when it gains a word
        self._ahead: ReadAhead | None = None  # during a refresh: a worker ready to read files

    @property
    def manifest(self) -> Manifest:
        """What the index knows of its files; read on first use (a quick open never does)."""
        if self._manifest is None:
            try:
                found = self.directory and mf.read(self.directory, SCHEMA_VERSION)
            except mf.Damaged:
                found = None
            self._manifest = found or Manifest()
        return self._manifest

    @property
    def vocabulary(self) -> set[str]:
        """Every word of the corpus, unstemmed: what "did you mean" chooses from.

        Read on first use: most searches never misspell, and `dossier search` is a quick path.
        """
        if self._vocabulary is None:
            on_disk = self.directory is not None and self.ix.doc_count_all() > 0
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
        quick: bool = False,
        wait: bool = False,
        waiting: Callable[[str], None] | None = None,
    ) -> tuple[Index, Refresh]:
        """Open the index for ``folders``, refreshing it from the files first.

        While another dossier updates the index, an open with ``wait`` (``dossier index``)
        waits for it to finish; other opens read the index as it was (and wait only when
        there is none yet). ``waiting`` is told, in words, when we start to wait.

        ``quick``: trust the index when no folder changed since its last exact refresh
        (one stat a folder, no stat of a file, no manifest read); an edit in place is then
        found by the next exact refresh (``dossier index``, the explorer in the background).
        """
        started = time.perf_counter()
        with set_aside():
            index, report = cls._open(folders, cache_root, rebuild, progress, quick, wait, waiting)
        report.seconds = time.perf_counter() - started
        return index, report

    @classmethod
    def _open(
        cls,
        folders: Sequence[Path],
        cache_root: Path | None,
        rebuild: bool,
        progress: Progress | None,
        quick: bool,
        wait: bool,
        waiting: Callable[[str], None] | None,
    ) -> tuple[Index, Refresh]:
        directory = index_directory(folders, cache_root)
        opened = cls._trusted(directory) if quick and not rebuild else None
        if opened is not None:
            index, report = opened
        else:
            with ReadAhead(enabled=not rebuild and mf.exists(directory)) as ahead:
                index, report = cls._exact(
                    folders, directory, rebuild, progress, wait, waiting, ahead
                )
        return index, report

    @classmethod
    def _exact(
        cls,
        folders: Sequence[Path],
        directory: Path,
        rebuild: bool,
        progress: Progress | None,
        wait: bool,
        waiting: Callable[[str], None] | None,
        ahead: ReadAhead,
    ) -> tuple[Index, Refresh]:
        """Walk the folders and bring the index in line with every file found."""
        unread: list[Skipped] = []  # what discovery passed over (a FIFO, a huge file...)
        walked = files.Walked()  # each folder's mtime as listed, for the next quick open
        with paused_gc():  # 50,000 stats and tuples, none of them in a cycle
            found = list(files.scan(folders, skipped=unread, walked=walked))
        stamp, sidecars = mf.settled(walked.folders), walked.sidecars
        if not _writable(directory):
            index, report = cls._in_memory(found, sidecars, progress)
            report.notices.append(
                f"index kept in memory: cannot write to {directory} (set index_dir in the config to keep it)"
            )
        else:
            index, report = cls._on_disk(
                directory,
                found,
                sidecars,
                rebuild,
                progress,
                wait=wait,
                waiting=waiting,
                ahead=ahead,
            )
        report.skipped[:0] = unread
        report.resource_folders = list(walked.resources)
        if not report.in_memory and not report.locked_out:  # else nothing was kept
            # with what discovery passed over (a FIFO, a dangling link), so the next quick
            # open (the explorer's) counts every file not indexed, as `dossier index` does
            _remember_folders(directory, stamp, report)
        return index, report

    @classmethod
    def _trusted(cls, directory: Path) -> tuple[Index, Refresh] | None:
        """The index as it is, if no folder of the corpus changed since its last refresh."""
        known = mf.read_folders(directory, SCHEMA_VERSION)
        if known is None or mf.changed_folders(known.folders):
            return None
        try:
            ix = FileStorage(str(directory)).open_index()
        except Exception:  # noqa: BLE001 - missing or damaged: the exact path says and rebuilds
            return None
        try:  # counted from the table of contents: a reader would open every segment
            unchanged = sum(segment.doc_count() for segment in ix._segments())
        except Exception:  # noqa: BLE001 - not Whoosh's own index: ask a reader
            unchanged = ix.doc_count()
        report = Refresh(unchanged=unchanged, trusted=True)
        report.skipped = [Skipped(path, reason) for path, reason in known.skipped]
        return cls(ix, directory, None), report

    @classmethod
    def _in_memory(
        cls, found: list[Found], sidecars: dict[str, int], progress: Progress | None
    ) -> tuple[Index, Refresh]:
        ix = _PrivateRamStorage().create_index(schema())
        index = cls(ix, None, Manifest())
        report = Refresh(rebuilt=True, in_memory=True)
        index._apply(found, sidecars, report, progress, fresh=True)
        return index, report

    @classmethod
    def _on_disk(
        cls,
        directory: Path,
        found: list[Found],
        sidecars: dict[str, int],
        rebuild: bool,
        progress: Progress | None,
        *,
        wait: bool = False,
        waiting: Callable[[str], None] | None = None,
        ahead: ReadAhead | None = None,
    ) -> tuple[Index, Refresh]:
        storage = FileStorage(str(directory))
        report = Refresh()
        # Another dossier may be refreshing this corpus: wait briefly if a finished index
        # exists (we can read it as it is), as long as it runs if there is none yet or
        # we were asked to update it. A holder that is gone is taken over at once.
        patient = wait or not mf.exists(directory)
        told = None
        if waiting is not None and patient:

            def told(holder: locks.Holder | None) -> None:
                waiting(f"waiting for {locks.holder_text(holder)} to finish updating this index")

        with locks.exclusive(
            directory / LOCK, wait=900.0 if patient else 2.0, waiting=told
        ) as lock:
            _lock_notices(lock, report)
            if not lock.acquired:
                report.locked_out = True
                report.busy = f"{locks.holder_text(lock.holder)} is updating this index"
                report.notices.append(f"{report.busy}; showing it as it was")
                return cls(storage.open_index(), directory, None), report
            known, ix = _open_existing(directory, storage, report)
            if ix is None:
                _clear(directory)
                ix = storage.create_index(schema())
                report.rebuilt = True
            elif rebuild:
                # Build beside the old segments and drop them in the commit, so another
                # dossier reading meanwhile sees the old index, never an empty one.
                report.rebuilt = True
            index = cls(ix, directory, Manifest() if report.rebuilt else known)
            index._ahead = ahead
            try:
                index._apply(found, sidecars, report, progress, fresh=report.rebuilt)
            except windex.LockError:
                # Whoosh's own write lock is held although ours was free: our lock file
                # was removed while another dossier wrote, or another program writes.
                report.locked_out = True
                report.busy = (
                    "another process is writing this index although dossier's lock was "
                    f"free (was {directory / LOCK} removed while a dossier ran?)"
                )
                report.notices.append(f"{report.busy}; showing it as it was")
                index = cls(storage.open_index(), directory, None)
        if lock.lost:
            report.notices.append(
                f"the index's lock file {directory / LOCK} was removed while this dossier "
                "updated the index; if another dossier updated it meanwhile, run `dossier index`"
            )
        return index, report

    def _apply(
        self,
        found: list[Found],
        sidecars: dict[str, int],
        report: Refresh,
        progress: Progress | None,
        *,
        fresh: bool,
    ) -> None:
        """Bring the index in line with the files ``found``: add new, update changed, drop removed."""
        with paused_gc():
            todo, removed = self._changes(found, sidecars, report)
        if not todo and not removed and not fresh:
            return
        if fresh:
            self._vocabulary = set()  # not the words of the index this one replaces
            self._new_words = True
        if self.directory is not None:
            mf.forget_folders(self.directory)  # until this refresh is recorded
        from .workers import watch_forks

        with watch_forks():
            self._write(todo, removed, report, progress, fresh=fresh)
        self._write_manifest()

    def _write(
        self,
        todo: list[tuple[Path, Path, tuple[int, int, int]]],
        removed: list[str],
        report: Refresh,
        progress: Progress | None,
        *,
        fresh: bool,
    ) -> None:
        """Delete what left, add what is new or changed, and commit: all or nothing."""
        writer = self._writer(len(todo), fresh=fresh)
        try:
            for key in removed:
                entry = self.manifest.files.pop(key, None)
                if entry:
                    writer.delete_by_term("id", entry[0])
                    report.removed.append(key)
            add = writer.add_document if fresh else writer.update_document
            for doc, stale_id in self._prepared(todo, report, progress):
                if stale_id is not None:
                    writer.delete_by_term("id", stale_id)
                else:
                    add(**doc)
        except BaseException:
            _cancel(writer)
            raise
        # A fresh build replaces whatever segments were there, in one atomic commit.
        if fresh:
            from whoosh.writing import CLEAR  # here: a lookup never writes

            writer.commit(mergetype=CLEAR)
        else:
            writer.commit(mergetype=_merge_policy)

    def _writer(self, count: int, *, fresh: bool):
        """One writer in this process; for a build of :data:`BULK` files on
        :data:`BUILD_WRITER_CORES` cores or a refresh of :data:`WRITERS`, Whoosh's own
        writer processes as well, each indexing a share of
        the files into a segment of its own (their forks die with this process, see
        :func:`search.workers.watch_forks`): analysing and writing a document costs the
        writer as much as reading it and finding its entities costs a worker. For a hundred
        files, starting them costs more than they save. Never for an index in memory: a
        process of its own could not write into this one's memory."""
        cores = os.cpu_count() or 1
        procs = min(2, cores)
        many = count >= WRITERS if not fresh else count >= BULK and cores >= BUILD_WRITER_CORES
        extra = {} if fresh else {"codec": _refresh_codec()}
        if many and procs > 1 and self.directory is not None:
            share = min(100, -(-count // procs))  # each process a batch at least
            if not fresh:  # batches that keep the writer processes busy as files are read
                share = min(share, REFRESH_BATCH)
            return self.ix.writer(
                procs=procs, multisegment=True, limitmb=128, batchsize=share, **extra
            )
        return self.ix.writer(timeout=30.0, limitmb=128, **extra)

    def _changes(
        self, found: list[Found], sidecars: dict[str, int], report: Refresh
    ) -> tuple[list[tuple[Path, Path, tuple[int, int, int]]], list[str]]:
        """Which files to read again (new or changed), and which left the corpus."""
        known = self.manifest.files
        known_skipped = self.manifest.skipped
        todo: list[tuple[Path, Path, tuple[int, int, int]]] = []
        get, unchanged, listed = known.get, 0, 0  # listed: files found that the index knows
        for root, key, st in found:
            entry = get(key)
            if entry is not None:
                listed += 1
                # The stat taken while listing (a sidecar's only where there is one): the
                # fields compared one by one, no tuple made for the 50,000 unchanged files.
                side = _sidecar_mtime(key, sidecars) if sidecars else 0
                if entry[1] == st.st_mtime_ns and entry[2] == st.st_size and entry[3] == side:
                    unchanged += 1
                    continue
            stat = (st.st_mtime_ns, st.st_size, _sidecar_mtime(key, sidecars) if sidecars else 0)
            skip = known_skipped.get(key)
            if skip is not None and tuple(skip[:3]) == stat:
                report.skipped.append(Skipped(files.display_path(key), skip[3]))
                continue
            todo.append((root, Path(key), stat))
        report.unchanged += unchanged
        if listed == len(known) and not known_skipped:
            return todo, []  # every file the index knows is still there (paths are unique)
        present = {key for _root, key, _st in found}
        for key in [k for k in known_skipped if k not in present]:
            del known_skipped[key]
        return todo, [key for key in known if key not in present]

    def _prepared(
        self,
        todo: list[tuple[Path, Path, tuple[int, int, int]]],
        report: Refresh,
        progress: Progress | None,
    ) -> Iterator[tuple[dict, str | None]]:
        """The documents to write for ``todo`` as they are read, or the id of one to delete
        (a file that turned bad leaves the index); the manifest kept in step."""
        known = self.manifest.files
        seen_ids = {entry[0]: key for key, entry in known.items()}
        total = len(todo)
        for n, ((root, path, stat), (result, names, words)) in enumerate(
            zip(todo, _prepare_all(todo, self._ahead), strict=True), 1
        ):
            key = str(path)
            if progress:
                progress(n, total, key)
            if isinstance(result, Skipped):
                stale_id = self._skip(key, stat, result, report)
                if stale_id is not None:
                    yield {}, stale_id
                continue
            self.manifest.skipped.pop(key, None)
            previous = known.get(key)
            if previous and previous[4] == result.fingerprint:
                known[key] = (previous[0], *stat, previous[4])  # touched, not changed
                report.unchanged += 1
                continue
            article = result
            owner = seen_ids.get(article.id)
            if owner is not None and owner != key:  # two folders with the same name and file
                article = evolve(article, id=files.article_id(root.parent, path))
            seen_ids[article.id] = key
            vocabulary = self.vocabulary
            if not self._new_words and not words <= vocabulary:
                self._new_words = True
            vocabulary.update(words)
            (report.updated if previous else report.added).append(key)
            report.caveats.extend((article.path, note) for note in article.notes)
            known[key] = (article.id, *stat, article.fingerprint)
            yield to_document(article, names), None

    def _skip(
        self, key: str, stat: tuple[int, int, int], skipped: Skipped, report: Refresh
    ) -> str | None:
        """Record a file that cannot be indexed; the id it had, if it was indexed before."""
        report.skipped.append(skipped)
        if not skipped.retry:  # else read again next time: the install may be mended
            self.manifest.skipped[key] = [*stat, skipped.reason]
        if key not in self.manifest.files:
            return None
        report.removed.append(key)
        return self.manifest.files.pop(key)[0]

    def _write_manifest(self) -> None:
        if self.directory is None:
            return
        if self._new_words:  # an edit rarely brings a word the corpus never had
            words = self.directory / WORDS
            tmp_words = words.with_name(f"{WORDS}.{os.getpid()}.tmp")
            tmp_words.write_text("\n".join(sorted(self.vocabulary)), encoding="utf-8")
            os.replace(tmp_words, words)
            self._new_words = False
        mf.write(self.directory, self.manifest, SCHEMA_VERSION)


def _cancel(writer) -> None:
    """Drop what ``writer`` wrote. Whoosh's writer processes are only asked to stop (a flag
    set in this process's copy of them) and would wait for work for as long as this process
    lives, an explorer's session: they are ended here."""
    try:
        writer.cancel()
    finally:
        for task in getattr(writer, "tasks", ()):
            task.terminate()
            task.join(5)


def _refresh_codec():
    """Whoosh's codec without compressing posting blocks, for the small segment a refresh
    writes: Whoosh compressed every block, however small, and a new segment's words are
    nearly all a block of a few postings each, for which starting zlib cost more than the
    rest of writing them (a fifth of the CPU of indexing 100 added files). Each block says
    whether it is compressed: readers, and the segments of a build, are as before."""
    from whoosh.codec.whoosh3 import W3Codec

    return W3Codec(compression=0)


def _merge_policy(writer, segments: list) -> list:
    """Which segments a refresh keeps as they are (Whoosh's ``mergetype``): all of them,
    but for those whose every document was replaced or removed (dropped: nothing to copy)
    and, past :data:`MAX_SEGMENTS`, the smaller half, which are merged into the new
    segment. The large segments of a build are never rewritten by a refresh."""
    live = [s for s in segments if s.doc_count() > 0]
    if len(live) < MAX_SEGMENTS:
        return live
    from whoosh.reading import SegmentReader

    by_size = sorted(live, key=lambda s: s.doc_count_all())
    small = by_size[: len(by_size) - MAX_SEGMENTS // 2]
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [s for s in live if s not in small]


def _sidecar_mtime(path: str, sidecars: dict[str, int]) -> int:
    """The mtime of ``path``'s sidecar if it has one (in ``sidecars``, as listed), else 0."""
    stem, _suffix = os.path.splitext(path)
    return sidecars.get(stem + files.SIDECAR_SUFFIX, 0)


def _open_existing(
    directory: Path, storage: FileStorage, report: Refresh
) -> tuple[Manifest | None, windex.Index | None]:
    """The manifest and index found in ``directory``, or None for what must be rebuilt."""
    if not _exists(directory):
        return None, None
    try:
        known = mf.read(directory, SCHEMA_VERSION)
    except mf.Damaged as exc:
        report.notices.append(f"the index's {exc}; rebuilt it")
        return None, None
    if known is None:
        return None, None
    try:
        ix = storage.open_index()
        ix.reader().close()  # opens every segment's files: a missing one fails here
    except Exception as exc:  # noqa: BLE001 - a damaged or foreign index: we can rebuild it
        report.notices.append(f"the index was unreadable ({type(exc).__name__}); rebuilt it")
        return None, None
    return known, ix


def _remember_folders(directory: Path, stamp: dict[str, int], report: Refresh) -> None:
    """Record the folders as they were before this exact refresh, for the next quick open."""
    skipped = [(s.path, s.reason) for s in report.skipped]
    with contextlib.suppress(OSError):
        mf.write_folders(directory, mf.Folders(stamp, skipped), SCHEMA_VERSION)


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


__all__ = ["MANIFEST", "Index", "Refresh", "SCHEMA_VERSION", "corpus_key", "from_stored", "schema"]
