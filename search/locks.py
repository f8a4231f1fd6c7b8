"""Locks between dossier processes, and taking over from a holder that is gone.

A lock is an advisory ``flock`` on a small file that names its holder (pid, host, boot
and the holder's start time). The kernel lets go of a ``flock`` when its holder dies,
unless a child process inherited the descriptor and outlived it: so the descriptor is
never inherited (closed in forked children, not passed on ``exec``), and a lock whose
named holder is gone is taken over at once, never waited on.

Taking a lock and breaking a dead holder's lock happen under a short second lock (the
``.guard`` file), so a newcomer never breaks the lock of a process that took it an
instant ago and has not yet written its name.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from attrs import asdict, define, field

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None  # type: ignore[assignment]

#: Descriptors of the locks this process holds: a forked child closes its copies, so a
#: worker that outlives its parent never keeps the parent's lock.
_HELD: set[int] = set()
_HELD_LOCK = threading.Lock()


def _close_in_child() -> None:
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)  # the parent's lock stays: it holds its own descriptor
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


@define(frozen=True)
class Holder:
    """Who holds a lock, as it wrote itself into the lock file."""

    pid: int
    host: str = ""
    boot: str = ""
    started: str = ""

    def __str__(self) -> str:
        where = f" on {self.host}" if self.host and self.host != os.uname().nodename else ""
        return f"pid {self.pid}{where}"

    def gone(self) -> bool:
        """Is the holder certainly no longer running? (Unsure, as on another host: no.)"""
        if self.host and self.host != os.uname().nodename:
            return False
        here = _boot_id()
        if self.boot and here and self.boot != here:
            return True  # written before the machine restarted
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass  # another user's process: it exists
        except OSError:
            return False
        stat = _proc_stat(self.pid)
        if stat is None:
            return False
        state, started = stat
        return state in ("Z", "X") or bool(self.started and started != self.started)


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """A process' state letter and start time (clock ticks after boot), where /proc has them."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rfind(")") + 2 :].split()
    return (fields[0], fields[19]) if len(fields) > 19 else None


def _me() -> Holder:
    stat = _proc_stat(os.getpid())
    return Holder(os.getpid(), os.uname().nodename, _boot_id(), stat[1] if stat else "")


def _read_holder(fd: int) -> Holder | None:
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "null")
        return Holder(
            int(data["pid"]),
            str(data.get("host", "")),
            str(data.get("boot", "")),
            str(data.get("started", "")),
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # empty (released, or an older dossier): the holder is unknown


@define
class Lock:
    """What came of asking for a lock."""

    path: Path
    acquired: bool = False
    #: Another holder we waited for (or still hold the lock, when not acquired).
    holder: Holder | None = None
    #: A holder that was gone, whose lock we took over.
    took_over: Holder | None = None
    waited: float = 0.0
    #: The lock file was removed or replaced while we held it: another process may
    #: have taken a lock of its own meanwhile.
    lost: bool = False
    _fd: int | None = field(default=None, repr=False)

    def intact(self) -> bool:
        """Is the lock file still the one we hold?"""
        return self._fd is not None and _same_file(self._fd, self.path)


def _same_file(fd: int, path: Path) -> bool:
    try:
        mine, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _open(path: Path) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    os.set_inheritable(fd, False)
    return fd


@contextlib.contextmanager
def _guard(path: Path) -> Iterator[None]:
    """A short lock around taking or breaking the lock at ``path``."""
    fd = _open(path.with_name(path.name + ".guard"))
    with _HELD_LOCK:
        _HELD.add(fd)
    try:
        deadline = time.monotonic() + 5.0
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    break  # held far longer than taking a lock takes: go on without it
                time.sleep(0.005)
        yield
    finally:
        with _HELD_LOCK:
            _HELD.discard(fd)
        os.close(fd)


def _try(path: Path, lock: Lock) -> str:
    """One attempt: take the lock ("acquired"), or take it over from a holder that is gone
    ("broken": try again at once), or find it held ("busy")."""
    with _guard(path):
        fd = _open(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            if holder is not None and holder.gone() and _same_file(fd, path):
                # Its descriptor lives on in a process that outlived it: leave that
                # file to it and lock a new one in its place.
                lock.took_over = holder
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)
                os.close(fd)
                return "broken"
            lock.holder = holder or lock.holder
            os.close(fd)
            return "busy"
        except OSError:  # no locks on this file system: as before, Whoosh's own must do
            os.close(fd)
            lock.acquired = True
            return "acquired"
        except BaseException:
            os.close(fd)
            raise
        if not _same_file(fd, path):  # broken or removed since we opened it: try again
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            return "broken"
        with contextlib.suppress(OSError):  # a full disk: held all the same, unnamed
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(asdict(_me())).encode(), 0)
        with _HELD_LOCK:
            _HELD.add(fd)
        lock._fd = fd
        lock.acquired = True
        return "acquired"


def _release(lock: Lock) -> None:
    fd = lock._fd
    if fd is None:
        return
    lock.lost = not lock.intact()
    with _HELD_LOCK:
        _HELD.discard(fd)
    try:
        if not lock.lost:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # nobody's: a newcomer never reads a stale name
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
        lock._fd = None


@contextlib.contextmanager
def exclusive(
    path: Path, wait: float, *, waiting: Callable[[Holder | None], None] | None = None
) -> Iterator[Lock]:
    """Hold the lock at ``path``, waiting up to ``wait`` seconds for a live holder.

    Yields a :class:`Lock`; ``lock.acquired`` is false if another process kept it
    that long. ``waiting`` is told who holds it, once, when we start to wait. On
    leaving, ``lock.lost`` says whether the lock file was removed while held.
    """
    path = Path(path)
    lock = Lock(path)
    if fcntl is None:  # not POSIX: no advisory locks between processes
        lock.acquired = True
        yield lock
        return
    started = time.monotonic()
    while (outcome := _try(path, lock)) != "acquired":
        if outcome == "broken":
            continue
        if time.monotonic() - started >= wait:
            break
        if waiting is not None:
            waiting(lock.holder)
            waiting = None
        time.sleep(0.05)
    lock.waited = time.monotonic() - started
    try:
        yield lock
    finally:
        _release(lock)


def holder_text(holder: Holder | None) -> str:
    """'another dossier (pid 123)', or without the pid when it did not say."""
    return f"another dossier ({holder})" if holder else "another dossier"


__all__ = ["Holder", "Lock", "exclusive", "holder_text"]
