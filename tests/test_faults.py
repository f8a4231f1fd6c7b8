"""Faults, injected: each test makes one happen (a dead lock holder, two writers at once, a
full disk, a FIFO, a folder too deep...) and then asserts the invariant a user relies on:
the index opens and answers, nothing is lost, no process is left, and what happened is
said in words. Races are run many times over."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, article_text, write

from search.corpus import Corpus

pytestmark = pytest.mark.timeout(300)


def open_corpus(folder: Path, cache: Path, **kw) -> Corpus:
    return Corpus.open([folder], cache_dir=cache, **kw)


def titles(corpus: Corpus, query: str) -> set[str]:
    return {h.title for h in corpus.search(query, limit=100).hits}


def stories(folder: Path, n: int, prefix: str = "Coastal story") -> Path:
    for i in range(n):
        write(folder, f"{i:03}.txt", article_text(f"{prefix} {i}", topic=f"subject{i}"))
    return folder


def lock_is_free(lock: Path) -> bool:
    with open(lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    return state != "Z"


def kill_all(pids) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def python(code: str, *args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def dossier(corpus: Path | str, *args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "--corpus", str(corpus), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def cli_cache() -> Path:
    """Where the `dossier` command keeps its index in these tests (the isolated XDG cache)."""
    return Path(os.environ["XDG_CACHE_HOME"]) / "dossier"


# --------------------------------------------------------------------------- locks

#: A dossier that took the index lock, wrote its name in the lock file as dossier does,
#: and died; its lock descriptor lives on in a child it started (as a worker of an older
#: dossier, or any program given the descriptor, would keep it).
_DEAD_HOLDER = """
import fcntl, json, os, subprocess, sys
lock = sys.argv[1]
os.makedirs(os.path.dirname(lock), exist_ok=True)
fd = os.open(lock, os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
os.ftruncate(fd, 0)
os.write(fd, json.dumps({"pid": os.getpid()}).encode())
child = subprocess.Popen(
    [sys.executable, "-c", "import time; time.sleep(300)"],
    pass_fds=[fd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
)
print(child.pid, flush=True)
"""


def _die_holding_the_lock(lock: Path) -> int:
    """The pid of the orphan that keeps the lock; its holder has exited."""
    holder = python(_DEAD_HOLDER, lock)
    out, err = holder.communicate(timeout=60)
    assert holder.returncode == 0, err
    orphan = int(out)
    assert not lock_is_free(lock)
    return orphan


@pytest.mark.parametrize("built", [True, False], ids=["index built", "first build"])
def test_a_dead_holders_lock_is_taken_over_not_waited_on(tmp_path, cache_dir, built):
    """Before: with an index built, every open answered from the old index ("another
    dossier is updating this index") and new files were never indexed; with none yet,
    it waited 900 s."""
    folder = stories(tmp_path / "news", 3)
    if built:
        open_corpus(folder, cache_dir).close()
    write(folder, "new.txt", article_text("Lighthouse keepers return", topic="lighthouse"))
    from search.index import index_directory

    lock = index_directory([folder], cache_dir) / ".dossier.lock"
    orphan = _die_holding_the_lock(lock)
    try:
        for _ in range(3):  # and again: the lock taken over is not left to the orphan
            corpus = open_corpus(folder, cache_dir)
            assert titles(corpus, "lighthouse") == {"Lighthouse keepers return"}
            assert len(corpus.articles) == 4
            assert not any("updating" in n for n in corpus.notices)
            corpus.close()
        assert alive(orphan)  # it still held the old lock file all along
    finally:
        kill_all([orphan])


_FORKS_AND_DIES = """
import multiprocessing, os, signal, subprocess, sys, time
from pathlib import Path
from search.corpus import Corpus

def progress(n, total, path):
    if n != 1:
        return
    worker = multiprocessing.get_context("fork").Process(target=time.sleep, args=(300,))
    worker.start()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"], close_fds=False)
    Path(sys.argv[3]).write_text(f"{worker.pid} {child.pid}")
    os.kill(os.getpid(), signal.SIGKILL)

Corpus.open([Path(sys.argv[1])], cache_dir=Path(sys.argv[2]), progress=progress)
"""


def test_children_never_inherit_the_index_lock(tmp_path, cache_dir):
    """A dossier killed while building, with a forked worker and a started program alive:
    the lock goes with it (before: the forked worker kept it)."""
    folder = stories(tmp_path / "news", 5)
    from search.index import index_directory

    lock = index_directory([folder], cache_dir) / ".dossier.lock"
    for _ in range(3):
        pids = tmp_path / "pids"
        builder = subprocess.run(  # no pipes: the children would hold them open
            [sys.executable, "-c", _FORKS_AND_DIES, folder, cache_dir, pids],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=120,
        )
        assert builder.returncode == -signal.SIGKILL
        children = [int(p) for p in pids.read_text().split()]
        try:
            # Whether or not the children outlive it (dossier's own workers die with it),
            # none of them keeps its lock.
            assert lock_is_free(lock)
        finally:
            kill_all(children)
    corpus = open_corpus(folder, cache_dir)
    assert len(corpus.articles) == 5
    corpus.close()


_SLOW_BUILD = (
    "import sys, time; from pathlib import Path; from search.corpus import Corpus; "
    "Corpus.open([Path(sys.argv[1])], cache_dir=Path(sys.argv[2]), rebuild=True, "
    "progress=lambda *_: time.sleep(0.05)).close()"
)


def _until_locked(proc: subprocess.Popen, lock: Path) -> None:
    while not lock.exists() or lock_is_free(lock):
        assert proc.poll() is None, "the first rebuild ended before the second started"
        time.sleep(0.01)


@pytest.mark.slow
def test_two_rebuilds_at_once_the_second_waits_then_rebuilds(tmp_path):
    """Before: the second `index --rebuild` exited 0 saying "0 added, 0 unchanged",
    having done nothing."""
    folder = stories(tmp_path / "news", 40)
    assert dossier(folder, "index").returncode == 0
    from search.index import index_directory

    lock = index_directory([folder], cli_cache()) / ".dossier.lock"
    first = python(_SLOW_BUILD, folder, cli_cache())
    try:
        _until_locked(first, lock)
        second = dossier(folder, "index", "--rebuild", "--json")
    finally:
        first.communicate(timeout=120)
    assert first.returncode == 0
    assert second.returncode == 0, second.stderr
    report = json.loads(second.stdout)
    assert report["rebuilt"] and len(report["added"]) == report["articles"] == 40
    assert any(n.startswith("waited") and "another dossier (pid" in n for n in report["notices"])
    assert "waiting for another dossier (pid" in second.stderr  # said at once, not after


def test_refresh_while_whoosh_write_lock_is_held_says_what_happened(
    tmp_path, cache_dir, monkeypatch
):
    """Our lock file removed while a dossier writes: the next one takes a new lock, and
    finds Whoosh's write lock held. Before: "LockError: " with no message."""
    import whoosh.writing
    from whoosh.filedb.filestore import FileStorage

    from search.index import index_directory

    real_try_for = whoosh.writing.try_for
    monkeypatch.setattr(
        whoosh.writing, "try_for", lambda fn, timeout, delay=0.1: real_try_for(fn, 0.2, delay)
    )
    folder = stories(tmp_path / "news", 3)
    open_corpus(folder, cache_dir).close()
    directory = index_directory([folder], cache_dir)
    (directory / ".dossier.lock").unlink()
    writelock = FileStorage(str(directory)).lock("MAIN_WRITELOCK")
    assert writelock.acquire()
    try:
        write(folder, "new.txt", article_text("Lighthouse keepers return", topic="lighthouse"))
        corpus = open_corpus(folder, cache_dir)
        assert len(corpus.articles) == 3  # the index as it was, still answering
        assert corpus.search("subject1").total == 1
        assert corpus.report.busy
        assert any("another process is writing this index" in n for n in corpus.notices)
        corpus.close()
    finally:
        writelock.release()
    corpus = open_corpus(folder, cache_dir)
    assert titles(corpus, "lighthouse") == {"Lighthouse keepers return"}
    corpus.close()


def test_lock_file_removed_mid_build_is_reported(tmp_path, cache_dir):
    folder = stories(tmp_path / "news", 5)
    from search.index import index_directory

    lock = index_directory([folder], cache_dir) / ".dossier.lock"
    corpus = open_corpus(folder, cache_dir, progress=lambda n, *_: n == 2 and lock.unlink())
    assert len(corpus.articles) == 5
    assert any(".dossier.lock was removed" in n for n in corpus.notices)
    corpus.close()


# --------------------------------------------------------------------------- verdicts


def _concerns(n: int):
    from search.compare import Concern, sentence_key
    from search.model import Article, Span

    earlier = Article(id="early1", path="early.txt", title="Early", body="")
    later = Article(id="late22", path="late.txt", title="Late", body="")
    concerns = []
    for i in range(n):
        text = f"Officials fear that the dispute over port number {i} may drag on."
        concerns.append(Concern(Span(text, 0, len(text)), sentence_key(earlier.id, text)))
    return earlier, later, concerns


def _verdict_of(i: int) -> str:
    from search.compare import VERDICTS

    return VERDICTS[i % len(VERDICTS)]


def _save_half(path: Path, half: int, rounds: int, barrier) -> None:
    """One analyst's dossier: at each round, a verdict on every other concern."""
    from search.links import LinkStore

    earlier, later, concerns = _concerns(35)
    for r in range(rounds):
        store = LinkStore(path.with_name(f"round{r}.toml"))
        barrier.wait()
        for i in range(half, 35, 2):
            store.set_verdict(concerns[i], earlier, later, _verdict_of(i))
        if store.notices:
            raise SystemExit(f"notices: {store.notices}")
    os._exit(0)


@pytest.mark.slow
def test_two_processes_saving_verdicts_at_once_lose_none(tmp_path):
    """Two dossiers, each on its own half of 35 concerns, saving at the same instant, 20
    times over. Before: 14-16 of 35 verdicts lost in every run."""
    import multiprocessing

    from search.links import LinkStore

    rounds = 20
    fork = multiprocessing.get_context("fork")
    barrier = fork.Barrier(2)
    writers = [
        fork.Process(target=_save_half, args=(tmp_path / "links.toml", half, rounds, barrier))
        for half in (0, 1)
    ]
    for w in writers:
        w.start()
    for w in writers:
        w.join(240)
    assert [w.exitcode for w in writers] == [0, 0]
    earlier, later, concerns = _concerns(35)
    for r in range(rounds):
        entries = LinkStore(tmp_path / f"round{r}.toml").entries()
        saved = {key: e.verdict for (key, _later), e in entries.items()}
        assert saved == {c.key: _verdict_of(i) for i, c in enumerate(concerns)}, f"round {r}"


@pytest.fixture
def small_disk(tmp_path, monkeypatch):
    """A folder on a disk that can be filled: a 64 KB tmpfs when we may mount one (as
    root), else a folder where, once "full", every fsync and rename fails with ENOSPC (as
    on a full network disk): simulated, by monkeypatching. Yields (folder, fill, make_room)."""
    import errno

    folder = tmp_path / "small"
    folder.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)]
    if os.geteuid() == 0 and subprocess.run(mount, capture_output=True).returncode == 0:
        filler = folder / "filler"

        def fill() -> None:
            fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"x" * 512)
            os.close(fd)

        try:
            yield folder, fill, filler.unlink
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        return
    full = False
    real_fsync = os.fsync

    def fsync(fd):
        if full:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    def fill() -> None:
        nonlocal full
        full = True

    def make_room() -> None:
        nonlocal full
        full = False

    real_replace = os.replace

    def replace(src, dst, **kw):
        if full:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(src, dst, **kw)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    yield folder, fill, make_room


def test_a_verdict_saved_on_a_full_disk_is_kept_and_saved_later(small_disk):
    """Before: the TUI died with a traceback printing the file's text, verdict gone."""
    from search.links import LinkStore

    folder, fill, make_room = small_disk
    earlier, later, concerns = _concerns(3)
    path = folder / "links" / "corpus.toml"
    store = LinkStore(path)
    store.set_verdict(concerns[0], earlier, later, _verdict_of(0))
    fill()
    entry = store.set_verdict(concerns[1], earlier, later, _verdict_of(1))
    assert entry.verdict == _verdict_of(1)
    assert any("the disk is full" in n and "kept in memory" in n for n in store.notices)
    assert all(concerns[1].span.text not in n for n in store.notices)
    assert store.entries()[(concerns[1].key, later.id)].verdict == _verdict_of(1)
    assert {e.concern for e in LinkStore(path).entries().values()} == {concerns[0].key}
    assert not list(path.parent.glob(".*.tmp"))  # no half-written leftovers
    make_room()
    store.set_verdict(concerns[2], earlier, later, _verdict_of(2))
    saved = {key: e.verdict for (key, _), e in LinkStore(path).entries().items()}
    assert saved == {c.key: _verdict_of(i) for i, c in enumerate(concerns)}
    assert store.unsaved == 0


# --------------------------------------------------------------------------- hostile files


def test_a_file_name_that_is_not_utf8_does_not_stop_the_explorer(tmp_path, cache_dir):
    """Before: "cannot open the corpus: 'utf-8' codec can't encode..." for a photo."""
    from tui import catalog
    from tui.commands.explore import _opener

    folder = stories(tmp_path / "news", 2)
    (folder / os.fsdecode(b"photo\xe9.jpg")).write_bytes(b"\xff\xd8\xff")
    write(folder, os.fsdecode(b"caf\xe9.txt"), article_text("Lighthouse keepers return"))
    corpus = _opener([folder], cache_dir)()
    assert titles(corpus, "lighthouse") == {"Lighthouse keepers return"}
    shown = {Path(a.path).name for a in corpus.articles}
    assert "caf\ufffd.txt" in shown  # shown with a replacement character, never a surrogate
    corpus.close()
    # The article-list cache (tui.catalog) never fails on the name either; whether it
    # trusts such a folder for the next start is its own choice (search.manifest).
    catalog.load([folder])


def test_index_report_of_a_name_that_is_not_utf8_is_valid_utf8_json(tmp_path):
    """Before: `index --json` wrote the name's raw bytes: JSON no UTF-8 reader accepts."""
    folder = stories(tmp_path / "news", 1)
    write(folder, os.fsdecode(b"caf\xe9.txt"), article_text("Lighthouse keepers return"))
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--corpus", folder, "index", "--json"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.decode("utf-8"))
    assert sorted(Path(p).name for p in report["added"]) == ["000.txt", "caf\ufffd.txt"]


def test_showing_an_id_that_is_not_utf8_says_no_such_article(tmp_path):
    """Before: `dossier show $'\\xff'` died with a UnicodeEncodeError."""
    folder = stories(tmp_path / "news", 1)
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--corpus", folder, "show", b"\xff"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "no article with id" in done.stderr
    assert "UnicodeEncodeError" not in done.stderr


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


def test_a_fifo_a_device_and_a_huge_file_are_skipped_saying_why(tmp_path):
    """Before: a FIFO named x.txt blocked indexing forever, holding the lock; a link to
    /dev/zero grew memory without limit."""
    from search.files import MAX_BYTES

    folder = stories(tmp_path / "news", 3)
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    with open(folder / "huge.txt", "w") as f:
        line = "the harbour cranes were idle again today " * 1000 + "\n"
        while f.tell() <= MAX_BYTES:
            f.write(line)
    for _ in range(2):  # and again, from the index as built
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "--corpus", folder, "index", "--json"],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=_limit_memory,
        )
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        assert report["articles"] == 3
        reasons = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
        assert "named pipe" in reasons["pipe.txt"]
        assert "device" in reasons["zero.txt"]
        assert "larger than" in reasons["huge.txt"]


def test_a_quick_open_counts_the_files_discovery_passed_over(tmp_path, cache_dir):
    """Before: the explorer's quick open said "4 files not indexed" where `dossier index`
    said 6: a named pipe and a dangling link, passed over while listing the folders,
    were not kept for the next quick open."""
    from search.corpus import Corpus

    folder = stories(tmp_path / "news", 2)
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    write(folder, "notes.docx", b"PK\x03\x04 not read")
    past = time.time() - 60  # a folder changed a moment ago is not trusted by a quick open
    os.utime(folder, (past, past))
    exact = Corpus.open([folder], cache_dir=cache_dir)
    told = sorted(Path(s.path).name for s in exact.report.skipped)
    exact.close()
    quick = Corpus.open([folder], cache_dir=cache_dir, quick=True)
    assert quick.report.trusted
    assert sorted(Path(s.path).name for s in quick.report.skipped) == told
    assert {"pipe.txt", "notes.docx"} <= set(told)
    quick.close()


def test_a_file_that_cannot_be_read_is_skipped_with_what_to_do(tmp_path, cache_dir):
    """The audit: a dangling link, a link loop and an encrypted PDF were skipped with the
    system's words alone ("No such file or directory", "Too many levels of symbolic
    links", PDFium's "Incorrect password error"), and nothing said what to do."""
    from search.corpus import Corpus

    folder = stories(tmp_path / "news", 1)
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    corpus = Corpus.open([folder], cache_dir=cache_dir)
    reasons = {Path(s.path).name: s.reason for s in corpus.report.skipped}
    corpus.close()
    assert "fix or remove the link" in reasons["gone.txt"]
    assert "leads back to itself" in reasons["loop.txt"]
    assert len(reasons) == 2


def test_a_file_and_a_link_to_it_are_one_article_kept_under_the_files_own_name(tmp_path, cache_dir):
    """The audit: a story reached by its name and by a link beside it was indexed once,
    under the link's name (first in the walk): its id came from the link, and deleting
    the link changed the id and left its verdicts behind."""
    from search.corpus import Corpus

    folder = stories(tmp_path / "news", 2)
    real = sorted(p for p in folder.iterdir() if p.suffix == ".txt")[-1]
    (folder / "0-link.txt").symlink_to(real)  # walked before the file itself
    corpus = Corpus.open([folder], cache_dir=cache_dir)
    paths = sorted(Path(a.path).name for a in corpus.articles)
    ids = {a.id for a in corpus.articles}
    corpus.close()
    assert paths == sorted(p.name for p in folder.iterdir() if not p.is_symlink())
    (folder / "0-link.txt").unlink()
    again = Corpus.open([folder], cache_dir=cache_dir)
    assert {a.id for a in again.articles} == ids
    again.close()


@pytest.mark.slow
def test_folders_nested_1900_deep_are_read(tmp_path, cache_dir):
    """Before: RecursionError, and the whole corpus failed (here and in the explorer)."""
    from tui.commands.explore import _opener

    folder = stories(tmp_path / "news", 1)
    deep = str(folder)
    for _ in range(1900):  # one at a time: Path.mkdir(parents=True) itself recurses
        deep += "/d"
        os.mkdir(deep)
    bottom = write(Path(deep), "bottom.txt", article_text("Lighthouse keepers return"))
    try:
        corpus = _opener([folder], cache_dir)()
        assert titles(corpus, "lighthouse") == {"Lighthouse keepers return"}
        assert len(corpus.articles) == 2
        corpus.close()
    finally:  # bottom up: shutil.rmtree (pytest's clean-up) recurses too
        bottom.unlink()
        while deep != str(folder):
            os.rmdir(deep)
            deep = os.path.dirname(deep)


def test_system_folders_are_refused_and_not_followed(tmp_path, cache_dir):
    """Before: --corpus /proc walked the whole machine through /proc/*/root."""
    if not Path("/proc/self/mountinfo").exists():
        pytest.skip("no /proc on this system")
    done = dossier(Path("/proc"), "docs", timeout=120)
    assert done.returncode == 1
    assert "/proc is a system folder" in done.stderr
    folder = stories(tmp_path / "news", 2)
    (folder / "machine").symlink_to("/proc", target_is_directory=True)
    corpus = open_corpus(folder, cache_dir)
    assert len(corpus.articles) == 2
    assert any(Path(s.path).name == "machine" for s in corpus.skipped)
    corpus.close()


def test_an_empty_corpus_name_is_refused(tmp_path):
    """Before: --corpus '' silently meant the current folder."""
    done = dossier("", "docs", timeout=120)
    assert done.returncode == 2
    assert "empty folder name" in done.stderr


def test_an_unreadable_subfolder_is_skipped_with_a_message(tmp_path, cache_dir, monkeypatch):
    """Before: passed over in silence. Root reads any folder, so for root the refusal is
    simulated (opening or listing it raises PermissionError)."""
    folder = stories(tmp_path / "news", 2)
    locked = folder / "private"
    write(locked, "secret.txt", article_text("Hidden story"))
    locked.chmod(0)
    if os.geteuid() == 0:
        real_scandir, real_open = os.scandir, os.open

        def refuse(path):
            if isinstance(path, (str, os.PathLike)) and Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))

        def scandir(path="."):
            refuse(path)
            return real_scandir(path)

        def open_(path, *args, **kwargs):
            refuse(path)
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "scandir", scandir)
        monkeypatch.setattr(os, "open", open_)
    try:
        corpus = open_corpus(folder, cache_dir)
        assert len(corpus.articles) == 2
        reasons = {Path(s.path).name: s.reason for s in corpus.skipped}
        assert "Permission denied" in reasons["private"]
        corpus.close()
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, encoding):
    """Before: called a binary file and skipped."""
    from search import ingest
    from search.model import Article

    text = article_text("Übersee-Häfen: Lighthouse keepers return", topic="lighthouse")
    path = write(tmp_path, "story.txt", text.encode(encoding))
    article = ingest.read_article(path, tmp_path)
    assert isinstance(article, Article)
    assert article.title == "Übersee-Häfen: Lighthouse keepers return"
    assert "lighthouse talks" in article.body


def test_a_failed_catalog_save_leaves_no_tmp_files(tmp_path, small_disk, monkeypatch):
    """Before: each failed save left a 0-byte .tmp file in the cache."""
    from tui import catalog

    disk, fill, _make_room = small_disk
    monkeypatch.setenv("XDG_CACHE_HOME", str(disk))
    folder = stories(tmp_path / "news", 2)
    corpus = open_corpus(folder, tmp_path / "index")
    fill()
    for _ in range(3):
        catalog.save([folder], catalog.stamp([folder]), corpus.articles)
    corpus.close()
    assert [p.name for p in disk.rglob("*.tmp")] == []
    assert catalog.load([folder]) is None


def test_an_index_in_memory_leaves_nothing_in_tmp(tmp_path):
    """With the cache unwritable, the index is built in memory: before, each run left
    /tmp/dossier-PID-* behind (a shared, predictable name)."""
    folder = stories(tmp_path / "news", 3)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    (tmp / "dossier-999999999-left").mkdir()  # from a dossier killed outright
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "--corpus", folder, "search", "subject1"],
            cwd=REPO,
            env={
                **os.environ,
                "PYTHONPATH": str(REPO),
                "XDG_CACHE_HOME": "/dev/null/cache",
                "TMPDIR": str(tmp),
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "Coastal story 1" in done.stdout
        assert list(tmp.iterdir()) == []


# --------------------------------------------------------------------------- big input


@pytest.fixture
def one_long_line(tmp_path) -> Path:
    """A 1 MB article on a single line, "tariff" 40,000 times in it (a scraped page that
    lost its line breaks), beside an ordinary one."""
    folder = stories(tmp_path / "big", 1)
    unit = "the tariff on steel rose again as talks stalled "
    line = "Quokkaphobia begins here. " + unit * 40_000 + "Zebracorn ends it."
    write(folder, "line.txt", line)
    return folder


@pytest.mark.timeout(240)  # a hang guard: before, snippets were quadratic in the matches
def test_search_answers_on_a_text_with_forty_thousand_matches(one_long_line, cache_dir):
    corpus = open_corpus(one_long_line, cache_dir)
    result = corpus.search("tariff")
    assert result.total == 1
    (hit,) = result.hits
    assert len(hit.snippets) == 3
    for snippet in hit.snippets:
        assert snippet.highlights
        assert {snippet.text[a:b] for a, b in snippet.highlights} == {"tariff"}
        assert len(snippet.text) < 400
    corpus.close()


def _passages_the_old_way(text, spans, top=3, width=220):
    """How passages were chosen before (quadratic in the matches): the reference."""
    remaining, chosen = list(spans), []
    while remaining and len(chosen) < top:
        best = None
        for a, _b in remaining:
            start = max(0, a - width // 3)
            end = min(len(text), start + width)
            inside = [(x, y) for x, y in remaining if x >= start and y <= end]
            score = len({text[x:y].lower() for x, y in inside}) * 2 + len(inside)
            if best is None or score > best[0]:
                best = (score, start, end)
        _score, start, end = best
        inside = [(x, y) for x, y in remaining if x >= start and y <= end]
        chosen.append((start, end, inside))
        remaining = [s for s in remaining if s not in inside]
    return chosen


def test_snippets_choose_the_passages_they_chose_before():
    """Linear now, and the same choice: the window with the most matches, and the most
    varied, first (checked against the old quadratic way on 300 random texts)."""
    import random
    import re

    from search.query import best_passages

    rng = random.Random(14)
    vocabulary = ["tariff", "steel", "quota", "talks", "the", "filler", "a", "minister"]
    for _ in range(300):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 400)))
        wanted = set(rng.sample(vocabulary[:5], rng.randint(1, 3)))
        spans = [m.span() for m in re.finditer(r"\w+", text) if m.group() in wanted]
        new = best_passages(text, spans)
        old = _passages_the_old_way(text, spans)
        assert [len(s.highlights) for s in new] == [len(inside) for _, _, inside in old]
        for snippet, (start, end, _inside) in zip(new, old, strict=True):
            assert snippet.text.strip("…") in text[max(0, start - 40) : end + 40]


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_the_reader_shows_a_bounded_part_of_a_huge_article_and_quits(one_long_line, cache_dir):
    """Before: the whole text went into one widget; past a few MB the reader froze and
    ignored ctrl+q."""
    import asyncio

    from tui.app import DossierApp
    from tui.screens.reader import ReaderScreen
    from tui.widgets.text import READER_BLOCK, READER_CHARS

    corpus = open_corpus(one_long_line, cache_dir)
    (hit,) = corpus.search("quokkaphobia").hits

    async def scenario() -> None:
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            app.open_article(hit.id, "tariff")
            while not (isinstance(app.screen, ReaderScreen) and app.screen.query("#block-0")):
                await pilot.pause(0.05)
            await pilot.pause()
            reader = app.screen
            body = [b for b in reader.blocks if b.field == "body"]
            assert sum(len(b.text) for b in body) <= READER_CHARS
            assert max(len(b.text) for b in body) <= READER_BLOCK
            assert body[0].text.startswith("Quokkaphobia")
            assert all(m.end <= READER_CHARS for m in reader.hits)
            assert "more characters not shown" in str(reader.query_one("#reader-cut").content)
            await pilot.press("n", "n", "G")
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert app.return_code is not None or not app.is_running

    asyncio.run(scenario())
    corpus.close()


# --------------------------------------------------------------------------- queries


@pytest.mark.timeout(120)
def test_fuzzy_words_allow_two_edits_and_say_so(seed_corpus):
    """Before: `submarine~99` ran for 18.6 s on 3,000 articles (the README says 2 edits)."""
    from search.model import QueryError

    for query in ("submarine~99", "submarine~3", "allies OR submarnie~5/2"):
        with pytest.raises(QueryError, match="up to 2"):
            seed_corpus.search(query)
    assert seed_corpus.search("submarnies~2").total >= 1
    assert seed_corpus.search('"allies trump"~5').total >= 1  # a phrase's slop is no edit


async def _compared(app, pilot):
    """The compare view, once it shows the bundled pair's comparison."""
    from tui.screens.compare import CompareScreen

    app.action_compare()
    while not (isinstance(app.screen, CompareScreen) and app.screen.result is not None):
        await pilot.pause(0.02)
    return app.screen


@pytest.mark.timeout(120)
def test_a_query_of_100_kb_is_refused_saying_so(seed_corpus):
    """Before: a 100 KB query ran past 60 s."""
    from search.model import QueryError

    with pytest.raises(QueryError, match="characters long"):
        seed_corpus.search("tariff " * 15_000)
    assert seed_corpus.search("tariff " * 100).total >= 1  # a long query still works


def test_a_verdict_keyed_on_a_full_disk_is_said_and_saved_later(
    seed_corpus, small_disk, monkeypatch
):
    """Before: the compare view died with a traceback that printed the file's text."""
    import asyncio

    from search.links import LinkStore
    from tui.app import DossierApp

    disk, fill, make_room = small_disk
    monkeypatch.setenv("XDG_DATA_HOME", str(disk))
    said: list[str] = []

    async def scenario() -> None:
        app = DossierApp(seed_corpus)
        app.notify = lambda message, **_kw: said.append(str(message))
        async with app.run_test(size=(140, 40)) as pilot:
            await _compared(app, pilot)
            screen = app.screen
            await pilot.pause()
            fill()
            await pilot.press("1")  # borne out
            await pilot.pause()
            assert app.is_running
            assert any("the disk is full" in m for m in said)
            first = screen.result.links[screen.current]
            assert first.verdict == "borne out"  # shown as decided, kept in memory
            make_room()
            await pilot.press("j", "3")
            await pilot.pause()
            second = screen.result.links[screen.current]
            saved = LinkStore.for_corpus(seed_corpus).entries()
            assert saved[(first.concern.key, screen.result.later.id)].verdict == "borne out"
            assert saved[(second.concern.key, screen.result.later.id)].verdict == second.verdict
            # Full again: leaving would lose the verdict, so the first escape says so.
            fill()
            await pilot.press("j", "2")
            third = screen.result.links[screen.current]
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
            assert "lost if you leave now" in said[-1]
            make_room()
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is not screen
            saved = LinkStore.for_corpus(seed_corpus).entries()
            assert saved[(third.concern.key, screen.result.later.id)].verdict == third.verdict

    asyncio.run(scenario())


@pytest.mark.parametrize("quit_key", ["q", "ctrl+q"])
def test_quitting_with_a_verdict_the_disk_refused_warns_first(
    seed_corpus, small_disk, monkeypatch, quit_key
):
    """Before: escape warned that a verdict kept in memory would be lost, but q (and
    ctrl+q) quit at once, exit 0, and the verdict was gone."""
    import asyncio

    from search.links import LinkStore
    from tui.app import DossierApp

    disk, fill, make_room = small_disk
    monkeypatch.setenv("XDG_DATA_HOME", str(disk))
    said: list[str] = []

    async def scenario() -> None:
        app = DossierApp(seed_corpus)
        app.notify = lambda message, **_kw: said.append(str(message))
        async with app.run_test(size=(140, 40)) as pilot:
            await _compared(app, pilot)
            screen = app.screen
            await pilot.pause()
            fill()
            await pilot.press("1")
            await pilot.pause()
            first = screen.result.links[screen.current]
            await pilot.press(quit_key)
            await pilot.pause()
            assert app.is_running and app.screen is screen
            assert "lost if you quit now" in said[-1] and "press q again" in said[-1]
            make_room()  # the next quit saves it, then goes
            await pilot.press(quit_key)
            await pilot.pause()
            assert not app.is_running
            saved = LinkStore.for_corpus(seed_corpus).entries()
            assert saved[(first.concern.key, screen.result.later.id)].verdict == "borne out"

    asyncio.run(scenario())


def test_quitting_twice_leaves_a_verdict_the_disk_still_refuses(
    seed_corpus, small_disk, monkeypatch
):
    import asyncio

    from tui.app import DossierApp

    disk, fill, _make_room = small_disk
    monkeypatch.setenv("XDG_DATA_HOME", str(disk))

    async def scenario() -> None:
        app = DossierApp(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            await _compared(app, pilot)
            await pilot.pause()
            fill()
            await pilot.press("1", "q")
            await pilot.pause()
            assert app.is_running
            await pilot.press("q")
            await pilot.pause()
            assert not app.is_running

    asyncio.run(scenario())


def test_a_verdict_refused_after_the_quit_warning_is_warned_of_again(
    seed_corpus, small_disk, monkeypatch
):
    """Before: the quit warning came once a session; a verdict refused after it was lost
    to the next q without a word."""
    import asyncio

    from tui.app import DossierApp

    disk, fill, _make_room = small_disk
    monkeypatch.setenv("XDG_DATA_HOME", str(disk))
    said: list[str] = []

    async def scenario() -> None:
        app = DossierApp(seed_corpus)
        app.notify = lambda message, **_kw: said.append(str(message))
        async with app.run_test(size=(140, 40)) as pilot:
            await _compared(app, pilot)
            await pilot.pause()
            fill()
            await pilot.press("1", "q")
            await pilot.pause()
            assert app.is_running and "lost if you quit now" in said[-1]
            await pilot.press("j", "3", "q")  # another refused verdict, then q
            await pilot.pause()
            assert app.is_running and "2 change(s)" in said[-1]

    asyncio.run(scenario())


def test_the_topic_view_says_a_verdict_was_refused_and_warns_before_leaving_it(
    seed_corpus, small_disk, monkeypatch
):
    """Before: the topic view kept a refused verdict without a word, and escape lost it."""
    import asyncio

    from tui.app import DossierApp
    from tui.screens.topic import TopicCompareScreen

    disk, fill, _make_room = small_disk
    monkeypatch.setenv("XDG_DATA_HOME", str(disk))
    said: list[str] = []

    async def scenario() -> None:
        app = DossierApp(seed_corpus)
        app.notify = lambda message, **_kw: said.append(str(message))
        async with app.run_test(size=(140, 40)) as pilot:
            app.compare_topic("Trump")
            while not (
                isinstance(app.screen, TopicCompareScreen) and app.screen.result is not None
            ):
                await pilot.pause(0.02)
            screen = app.screen
            await pilot.pause()
            fill()
            await pilot.press("1")
            await pilot.pause()
            assert any("the disk is full" in m for m in said)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen and "lost if you leave now" in said[-1]
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is not screen

    asyncio.run(scenario())


def test_the_explorers_background_refresh_ignores_code_in_the_working_folder(
    tmp_path, cache_dir, monkeypatch
):
    """Before: the refresh child ran `python -c`, which imports first from the working
    folder: started where a search/ package or a json.py lives, it failed and the
    explorer never picked up a change."""
    from tui.refresh import in_child

    folder = stories(tmp_path / "news", 2)
    trap = tmp_path / "project"
    (trap / "search").mkdir(parents=True)
    (trap / "search" / "__init__.py").write_text("raise ImportError('not dossier')\n")
    (trap / "json.py").write_text("raise ImportError('not the json module')\n")
    monkeypatch.chdir(trap)
    in_child([folder], cache_dir)  # the first build
    write(folder, "late.txt", article_text("Ferry strike ends"))
    assert "late.txt" in (in_child([folder], cache_dir) or "")


#: On PYTHONPATH: the module lxml.html.clean now lives in (the lxml_html_clean project)
#: cannot be imported, as in an install whose pip skipped lxml's html_clean extra.
WITHOUT_LXML_HTML_CLEAN = """
import sys

class _Missing:
    def find_spec(self, name, path=None, target=None):
        if name == "lxml_html_clean" or name.startswith("lxml_html_clean."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, _Missing())
"""


def test_a_library_that_will_not_import_skips_its_files_not_the_index(tmp_path):
    """Before: with lxml_html_clean missing (an offline install by an old pip), one saved
    web page failed the whole `dossier index` with an ImportError; now the page is skipped
    saying what is missing and the text files are indexed."""
    folder = stories(tmp_path / "news", 2)
    write(folder, "page.html", "<html><body><h1>Harbour</h1><p>" + "Cranes idle. " * 80)
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(WITHOUT_LXML_HTML_CLEAN)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(guard), str(REPO)]),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--corpus", folder, "index", "--json"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["articles"] == 2
    [skipped] = report["skipped"]
    assert Path(skipped["path"]).name == "page.html"
    assert "lxml_html_clean" in skipped["reason"] and "reinstall" in skipped["reason"]

    # Mended (the library imports again): `dossier index` reads the page, though the file
    # did not change.
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--corpus", folder, "index", "--json"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["articles"] == 3 and report["skipped"] == [], report


def test_a_file_a_little_over_the_limit_says_by_how_much():
    """'8 MB, larger than the 8 MB dossier reads' contradicted itself for 8.5 MB."""
    from search.files import MAX_BYTES, _unreadable

    for size in (MAX_BYTES + 2**19, MAX_BYTES + 1000):
        st = os.stat_result((stat.S_IFREG | 0o644, 0, 0, 1, 0, 0, size, 0, 0, 0))
        said, limit = _unreadable(st, MAX_BYTES).split(", larger than the ")
        assert said.split()[0].rstrip("0").rstrip(".") != limit.split()[0], said
        assert said.endswith(" bytes") or float(said.split()[0]) > MAX_BYTES / 2**20
