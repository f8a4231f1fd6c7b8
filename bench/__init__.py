"""dossier's benchmark suite: ``python -m bench`` (see bench/README.md).

Each ``bench/bench_*.py`` module exposes ``run() -> dict[str, float]`` and may expose
``TARGETS: dict[str, float]`` (figure name -> upper bound; every figure is lower-is-better).
The helpers here are shared by the modules and kept import-light.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import resource
import statistics
import struct
import subprocess
import termios
import time
from pathlib import Path

import attrs

#: Where generated corpora, indexes and results live (gitignored).
DATA = Path(__file__).resolve().parent / ".data"
REPO = Path(__file__).resolve().parent.parent
ROOT = DATA.parent.parent

#: Corpus size for the size-dependent benchmarks; ``--quick`` sets 1,000, ``--large`` 50,000.
DEFAULT_N = 10_000
QUICK_N = 1_000
LARGE_N = 50_000


def size() -> int:
    """The corpus size the benchmarks run on (``DOSSIER_BENCH_N``, default 10,000)."""
    return int(os.environ.get("DOSSIER_BENCH_N", DEFAULT_N))


def as_installed(env: dict[str, str]) -> dict[str, str]:
    """``env`` for timing a command as a user runs it: with our modules' bytecode on disk.

    pip compiles a wheel's modules when it installs them, and a checkout's ``__pycache__``
    fills on first run, so a user never pays to compile ``search/`` and ``tui/`` at start-up.
    A shell with ``PYTHONDONTWRITEBYTECODE`` set (some sandboxes and CI images do) would
    recompile them in every timed run, while Whoosh and Textual load from pip's ``.pyc``:
    so compile ours up front and drop the variable.
    """
    import compileall

    for package in ("search", "tui"):
        compileall.compile_dir(ROOT / package, quiet=1)
    return {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}


def percentile(values: list[float], pct: float) -> float:
    """The ``pct`` percentile (0-100) of ``values``, by linear interpolation."""
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(pct) - 1]


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (Linux reports ru_maxrss in KB)."""
    return resource.getrusage(who).ru_maxrss / 1024


class Timer:
    """``with Timer() as t: ...`` then ``t.seconds``."""

    seconds: float = 0.0

    def __enter__(self) -> Timer:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._start


@attrs.define(frozen=True)
class TreeMemory:
    """The peaks of a process tree's memory, sampled from /proc while it ran (MB).

    ``rss_mb``: the peak of the summed resident memory of every process; it counts a page
    shared by several processes (a forked worker's copy-on-write pages, a library's code)
    once in each. ``pss_mb``: the peak of the summed proportional set size
    (``/proc/PID/smaps_rollup``), where a page shared by k processes counts 1/k in each: the
    memory the tree really holds. ``at_pss_peak``: each process' (command line, PSS MB) at
    that peak, largest first. NaN and empty off Linux.
    """

    code: int
    seconds: float
    rss_mb: float
    pss_mb: float
    at_pss_peak: tuple[tuple[str, float], ...]
    stdout: str


def tree_memory(cmd: list[str], interval: float = 0.1, **popen) -> TreeMemory:
    """Run ``cmd`` and sample the summed RSS and PSS of it and every process it started
    every ``interval`` seconds (see :class:`TreeMemory`)."""
    import subprocess

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, **popen)
    rss_peak = pss_peak = 0
    at_peak: list[tuple[int, int]] = []
    root = proc.pid
    while proc.poll() is None:
        pids = process_tree(proc.pid)
        rss_peak = max(rss_peak, sum(_rss_bytes(p) for p in pids))
        each = [(p, _pss_bytes(p)) for p in pids]
        pss = sum(b for _p, b in each)
        if pss > pss_peak:
            pss_peak = pss
            at_peak = [(p, b) for p, b in each if b]
        time.sleep(interval)
    out = proc.stdout.read() if proc.stdout else ""
    seconds = time.perf_counter() - start
    linux = Path("/proc/self/smaps_rollup").exists()
    nan = float("nan")
    return TreeMemory(
        code=proc.returncode,
        seconds=seconds,
        rss_mb=rss_peak / 2**20 if linux else nan,
        pss_mb=pss_peak / 2**20 if linux else nan,
        at_pss_peak=tuple(
            sorted(
                (("main" if p == root else f"child {p}", b / 2**20) for p, b in at_peak),
                key=lambda x: -x[1],
            )
        ),
        stdout=out,
    )


def tree_peak_rss(cmd: list[str], **popen) -> tuple[int, float, float, str]:
    """Run ``cmd``; its exit status, wall seconds, and the peak of the summed resident
    memory (MB) of it and every process it started (sampled from /proc every 0.1 s), and its
    stdout. Linux only; elsewhere the peak is NaN. See :func:`tree_memory` for PSS too."""
    found = tree_memory(cmd, **popen)
    return found.code, found.seconds, found.rss_mb, found.stdout


def process_tree(pid: int) -> set[int]:
    """``pid`` and every process descended from it (Linux /proc; elsewhere ``pid`` alone)."""
    found, todo = {pid}, [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{parent}/task/{task}/children") as handle:
                    kids = {int(k) for k in handle.read().split()} - found
            except OSError:
                continue
            found |= kids
            todo.extend(kids)
    return found


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _pss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def spawn_in_pty(
    argv: list[str], env: dict[str, str], columns: int, rows: int
) -> tuple[int, subprocess.Popen]:
    """Start ``argv`` in its own session on a new pseudo-terminal of that size, as a user's
    terminal would run it: (the terminal's master side to read and write, the process)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    proc = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=REPO,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    return master, proc


@contextlib.contextmanager
def xdg_of(env: dict[str, str]):
    """This process with ``env``'s cache, config and data folders, as its children get
    them, and its own back afterwards."""
    keys = ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME")
    saved = {k: os.environ.get(k) for k in keys}
    os.environ.update({k: env[k] for k in keys})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
