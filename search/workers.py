"""Worker processes that never outlive the dossier that started them.

A build reads and analyses files in a pool of processes. Killed with ``kill -9``, or left
behind when the terminal goes away, a parent cannot clean up after itself: so each worker
asks the kernel to kill it when its parent dies (``PR_SET_PDEATHSIG`` on Linux; elsewhere it
watches its parent from a thread), and closes on start the descriptors it inherited on the
index's lock files, so a worker that still ran could never keep another dossier out.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import Pool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Make this (child) process end when ``parent`` does."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # died before the request was made
                    os._exit(1)
                return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="dossier-parent-watch", daemon=True).start()


def close_inherited_locks() -> None:
    """Close every descriptor this process inherited on a dossier lock file.

    A forked child shares its parent's open files, and with them any ``flock`` the parent
    holds: a child that lingered would keep the lock though its parent is gone.
    """
    fd_dir = "/proc/self/fd"
    try:
        fds = [int(name) for name in os.listdir(fd_dir)]
    except OSError:
        return
    for fd in fds:
        if fd < 3:
            continue
        try:
            target = os.readlink(f"{fd_dir}/{fd}")
        except OSError:
            continue
        name = os.path.basename(target)
        if name.startswith(".dossier") and "lock" in name:
            with contextlib.suppress(OSError):
                os.close(fd)


_watching: list[int] = []


def _after_fork() -> None:
    if _watching:
        parent = _watching[-1]
        _watching.clear()
        die_with_parent(parent)
        close_inherited_locks()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


@contextlib.contextmanager
def watch_forks() -> Iterator[None]:
    """Every process forked inside this block (Whoosh's writer processes among them) dies
    with this process and closes the lock it inherited."""
    _watching.append(os.getpid())
    try:
        yield
    finally:
        _watching.remove(os.getpid())


@contextlib.contextmanager
def shared_heap(load: Callable[[], object] | None = None) -> Iterator[None]:
    """Load what the processes forked inside this block will read (``load``), then keep
    every object made so far out of the garbage collector's reach until the block ends
    (``gc.freeze``), so a forked process shares those pages with this one.

    A forked child shares its parent's memory until it writes to a page; the collector's
    first full pass in the child writes to every object it tracks, which copied the whole
    inherited heap into each worker (the entity tables, loaded once per worker, were not
    shared at all). Objects made after the block starts are collected as usual; the frozen
    ones go back to the oldest generation when it ends.
    """
    if load is not None:
        load()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _start(parent: int, ready: Callable[[], object] | None = None) -> None:
    die_with_parent(parent)
    close_inherited_locks()
    # The parent handles ctrl+c; a worker interrupted mid-task would print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if ready is not None:
        ready()


@contextlib.contextmanager
def pool(processes: int, ready: Callable[[], object] | None = None) -> Iterator[Pool]:
    """A process pool whose workers die with this process; terminated on leaving.
    ``ready`` is called in each worker as it starts (to load what its tasks will use)."""
    workers = start_pool(processes, ready)
    try:
        yield workers
    finally:
        workers.terminate()
        workers.join()


def start_pool(processes: int, ready: Callable[[], object] | None = None) -> Pool:
    """:func:`pool` without the block: the caller terminates and joins it."""
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return multiprocessing.get_context(method).Pool(
        processes, initializer=_start, initargs=(os.getpid(), ready)
    )


def bounded(
    workers: Pool,
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    window: int,
    chunksize: int = 1,
) -> Iterator[R]:
    """``workers.imap(function, items)``, at most ``window`` items ahead of the consumer.

    ``Pool.imap`` hands every item to the workers at once and keeps each result until it is
    taken: a consumer slower than the workers (an index writer) would hold them all.
    """
    room = threading.Semaphore(window)
    stopped = False

    def feed() -> Iterator[T]:
        for item in items:
            room.acquire()
            if stopped:
                return
            yield item

    try:
        for result in workers.imap(function, feed(), chunksize=chunksize):
            room.release()
            yield result
    finally:
        stopped = True
        for _ in range(window):  # wake a feeder waiting for room, so the pool can close
            room.release()
