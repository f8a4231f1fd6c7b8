"""Faults in the build, injected and then checked against what must hold.

Each test damages something a real machine damages (a cache file, a killed build, a cache
that cannot be written) and asserts the invariant a user relies on: the index opens and
answers, nothing is left running, and dossier says what happened.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, article_text, write

import search.index
import search.manifest
from bench import process_tree
from search.corpus import Corpus


def _corpus(folder: Path, n: int) -> Path:
    for i in range(n):
        topic = "lighthouse" if i == n // 2 else f"topic{i % 7}"
        write(folder, f"part{i % 5}/story{i:05d}.txt", article_text(f"Story {i}", topic=topic))
    return folder


@pytest.fixture
def small(tmp_path) -> Path:
    return _corpus(tmp_path / "news", 6)


# --------------------------------------------------------------------------- damaged cache files

DAMAGE = {
    "null": "null",
    "a list": "[1, 2, 3]",
    "a string": '"manifest"',
    "files a list": json.dumps(
        {"version": search.index.SCHEMA_VERSION, "files": [], "skipped": {}}
    ),
    "an entry of the wrong type": json.dumps(
        {
            "version": search.index.SCHEMA_VERSION,
            "files": {"/x.txt": {"id": 3, "mtime_ns": "a", "size": None, "fingerprint": []}},
            "skipped": {},
        }
    ),
    "columns of different lengths": json.dumps(
        {
            "version": search.index.SCHEMA_VERSION,
            "layout": search.manifest.LAYOUT,
            "paths": ["/a.txt", "/b.txt"],
            "ids": ["abc"],
            "mtimes": [1, 2],
            "sizes": [1, 2],
            "sidecars": [0, 0],
            "fingerprints": ["f", "g"],
            "skipped": [],
        }
    ),
    "not UTF-8": b"\xff\xfe\x00garbage",
    "empty": "",
}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("quick", [False, True], ids=["exact", "quick"])
def test_a_damaged_manifest_is_rebuilt_with_a_notice(small, cache_dir, damage, quick):
    Corpus.open([small], cache_dir=cache_dir).close()
    for _ in range(2):  # and again: the rebuild must leave a manifest that reads back
        for path in cache_dir.rglob(search.index.MANIFEST):
            data = DAMAGE[damage]
            path.write_bytes(data if isinstance(data, bytes) else data.encode())
        for path in cache_dir.rglob(search.manifest.FOLDERS):
            path.unlink()  # as if the quick path saw a folder change
        corpus = Corpus.open([small], cache_dir=cache_dir, quick=quick)
        assert corpus.search("lighthouse").total == 1
        assert len(corpus.articles) == 6
        if damage != "files a list":  # an old layout, readable as such, is simply rebuilt
            assert corpus.report.rebuilt
        corpus.close()
        again = Corpus.open([small], cache_dir=cache_dir)
        assert not again.report.rebuilt and again.report.unchanged == 6
        again.close()


@pytest.mark.parametrize("damage", ["null", "a list", "not UTF-8", "empty"])
def test_a_damaged_manifest_says_so_on_the_command_line(small, tmp_path, damage):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "tui", "--corpus", str(small)]
    subprocess.run([*command, "index"], env=env, capture_output=True, check=True, timeout=120)
    cache = Path(env["XDG_CACHE_HOME"])
    for path in cache.rglob(search.index.MANIFEST):
        data = DAMAGE[damage]
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    done = subprocess.run([*command, "index"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "rebuilt" in done.stderr and search.index.MANIFEST in done.stderr
    assert "Traceback" not in done.stderr
    search_done = subprocess.run(
        [*command, "search", "lighthouse"], env=env, capture_output=True, text=True, timeout=120
    )
    assert search_done.returncode == 0 and "1 hit" in search_done.stdout


@pytest.mark.parametrize("damage", ["null", "[]", '{"version": 3, "folders": [1]}', "{"])
def test_a_damaged_folder_record_means_an_exact_refresh(small, cache_dir, damage):
    Corpus.open([small], cache_dir=cache_dir).close()
    write(small, "part0/late.txt", article_text("Late story", topic="zeppelin"))
    for path in cache_dir.rglob(search.manifest.FOLDERS):
        path.write_text(damage, encoding="utf-8")
    corpus = Corpus.open([small], cache_dir=cache_dir, quick=True)
    assert not corpus.report.trusted
    assert corpus.search("zeppelin").total == 1
    corpus.close()


# --------------------------------------------------------------------------- killed builds

BULK = search.index.BULK + 100


@pytest.fixture(scope="module")
def bulk(tmp_path_factory) -> Path:
    """More files than the build reads alone: it reads them in a pool of workers."""
    return _corpus(tmp_path_factory.mktemp("bulk") / "news", BULK)


def _children(pid: int) -> set[int]:
    """Every descendant of ``pid`` (Linux /proc)."""
    return process_tree(pid) - {pid}


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("attempt", range(2))
def test_kill_9_mid_build_leaves_no_worker_and_no_lock(bulk, tmp_path, attempt):
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "tui", "--corpus", str(bulk), "index", "--rebuild"]
    build = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        workers: set[int] = set()

        def started() -> bool:
            workers.update(_children(build.pid))
            return len(workers) >= 2 or build.poll() is not None

        assert _wait_for(started, 120), "the build never started its workers"
        assert build.poll() is None, "the build ended before it could be killed"
        time.sleep(0.3 * attempt)  # a little further into the build each time
        workers.update(_children(build.pid))
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=10)
    finally:
        if build.poll() is None:
            build.kill()
    assert _wait_for(lambda: not any(_alive(w) for w in workers), 2.0), (
        f"workers outlived their parent: {[w for w in workers if _alive(w)]}"
    )
    # The lock died with them: the next dossier builds at once, not "another dossier is updating".
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--corpus", str(bulk), "search", "lighthouse"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "another dossier" not in done.stderr
    assert "1 hit" in done.stdout


def test_a_refresh_that_fails_part_way_leaves_no_writer_process(tmp_path, monkeypatch):
    """A batch of changed files is written by Whoosh's writer processes: a refresh that
    fails (here, while reading the files) ends them, rather than leaving them waiting for
    work for the rest of an explorer's session, and the index is as it was."""
    import multiprocessing

    folder = _corpus(tmp_path / "news", 3)
    Corpus.open([folder], cache_dir=tmp_path / "cache").close()
    monkeypatch.setattr(search.index, "WRITERS", search.index.POOLED)  # fewer files to write
    for i in range(search.index.POOLED + 40):  # enough for the writer processes to start
        write(folder, f"batch/extra{i:03d}.txt", article_text(f"Extra {i}", topic="narwhal"))
    real = search.index.Index._prepared

    def failing(self, todo, report, progress):
        for n, item in enumerate(real(self, todo, report, progress)):
            if n == search.index.POOLED + 20:
                raise RuntimeError("the disk went away")
            yield item

    monkeypatch.setattr(search.index.Index, "_prepared", failing)
    before = set(multiprocessing.active_children())
    with pytest.raises(RuntimeError, match="disk went away"):
        Corpus.open([folder], cache_dir=tmp_path / "cache")
    assert set(multiprocessing.active_children()) <= before
    monkeypatch.undo()
    corpus = Corpus.open([folder], cache_dir=tmp_path / "cache")
    assert corpus.search("narwhal", limit=200).total == search.index.POOLED + 40
    corpus.close()


def _lock_files(_item: object) -> list[str]:
    """The lock files this process has open."""
    links = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            links.append(os.readlink(f"/proc/self/fd/{fd}"))
    return [link for link in links if "lock" in os.path.basename(link)]


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="reads /proc (Linux)")
def test_workers_hold_no_lock_file(tmp_path):
    """A worker that outlived its parent anyway must not keep another dossier out."""
    from search import workers

    lock = tmp_path / ".dossier.lock"
    with open(lock, "a+"), workers.pool(2) as pool:
        assert _lock_files(None) == [str(lock)]  # the parent holds it
        seen = pool.map(_lock_files, range(4))
    assert seen == [[], [], [], []]


# --------------------------------------------------------------------------- unwritable cache


def test_unwritable_cache_with_many_files_still_answers(bulk, tmp_path):
    """The README promises an in-memory index when the cache cannot be written: also for a
    corpus big enough to be read by worker processes."""
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would have to be")
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(blocker / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--corpus", str(bulk), "search", "lighthouse"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "index kept in memory" in done.stderr
    assert "1 hit for lighthouse" in done.stdout


def _square(n: int) -> int:
    return n * n


def test_a_slow_writer_keeps_only_a_window_of_files_read_ahead():
    """The pool reads ahead of the index writer by a window, not by the whole corpus."""
    from search import workers

    fed = 0

    def items():
        nonlocal fed
        for n in range(300):
            fed += 1
            yield n

    taken = []
    with workers.pool(2) as pool:
        for result in workers.bounded(pool, _square, items(), window=20, chunksize=4):
            taken.append(result)
            assert fed <= len(taken) + 20 + 1
            if len(taken) == 50:
                break  # leaving early closes the pool, feeder and all
    assert taken == [n * n for n in range(50)]


def test_a_quit_explorer_does_not_wait_for_a_search_or_build_in_a_thread(monkeypatch):
    """Python joins executor threads at exit: a long search would keep a quit explorer alive."""
    import threading

    from tui import leaving
    from tui.app import DossierApp

    release = threading.Event()

    def opens_for_ever():
        release.wait(60)  # a first build of a big corpus, or a long search
        raise RuntimeError("released")

    async def quit_at_once(pilot):
        await pilot.pause()
        pilot.app.exit()

    left: list[int] = []
    monkeypatch.setattr(leaving.os, "_exit", left.append)
    app = DossierApp(open_corpus=opens_for_ever)
    try:
        started = time.monotonic()
        app.run(headless=True, size=(100, 30), auto_pilot=quit_at_once)
        assert time.monotonic() - started < 20  # did not wait the 60 s out
        leaving.leave_now_if_busy(0)
        assert left == [0]  # and the process ends here, not when the thread does
    finally:
        release.set()
