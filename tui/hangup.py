"""Ending the explorer when its terminal goes away, whatever it is doing.

An SSH connection drops or tmux kills the pane: the process gets SIGHUP (or, under a
parent such as `make` that keeps the session, only a terminal that stops being one).
A clean ``App.exit()`` is tried first, but it needs the UI loop, and the loop's shutdown
waits for thread workers (Whoosh opening or rebuilding the index does not stop halfway):
so a daemon timer ends the process with ``os._exit`` shortly after, whatever still runs.
That is safe for the index: a rebuild commits in one atomic step (search.index), and a
process that dies before it leaves the old index as it was.

Nothing here waits on the UI thread: the signal handler and the terminal watch only start
daemon threads and post to the loop, so a busy UI thread or a stuck worker cannot keep
the process alive.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable

#: Seconds a clean exit gets before the process is ended regardless.
GRACE = 0.4
#: Seconds a quit (q, ctrl+q) gets to end the process before it is ended regardless.
QUIT_GRACE = 1.0
#: Seconds between looks at whether the terminal is still there.
POLL = 0.2
#: Exit status after a hangup (128 + SIGHUP), as a shell reports a hung-up job.
HANGUP_STATUS = 128 + signal.SIGHUP

# Leave the alternate screen, show the cursor, stop mouse and focus reports, bracketed
# paste and the kitty keyboard protocol: what Textual's driver undoes on a clean exit.
_RESET = (
    "\x1b[<u\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l"
    "\x1b[?2004l\x1b[?1004l\x1b[?7h\x1b[?1049l\x1b[?25h"
)


class Hangup:
    """Watches for SIGHUP and a vanished terminal; ``exit_clean`` asks the app to quit."""

    def __init__(self, exit_clean: Callable[[], None], *, fd: int | None = None) -> None:
        self._exit_clean = exit_clean
        self._fd = _stdin_fd() if fd is None else fd
        self._attrs = _termios_attrs(self._fd)
        self._fired = threading.Event()
        self._stop = threading.Event()

    @property
    def fired(self) -> bool:
        return self._fired.is_set()

    def install(self) -> None:
        with contextlib.suppress(ValueError, OSError):  # not the main thread: watch only
            signal.signal(signal.SIGHUP, self._on_signal)
        if self._fd is not None:
            threading.Thread(target=self._watch, name="dossier-terminal-watch", daemon=True).start()

    def uninstall(self) -> None:
        self._stop.set()
        with contextlib.suppress(ValueError, OSError):
            signal.signal(signal.SIGHUP, signal.SIG_DFL)

    def quitting(self, status: int = 0) -> None:
        """The app decided to quit: if the process still runs after ``QUIT_GRACE``
        (its loop waiting on a worker), end it."""
        timer = threading.Timer(QUIT_GRACE, self.hard_exit, (status,))
        timer.daemon = True
        timer.start()

    def _on_signal(self, signum, frame) -> None:
        self.hang_up()

    def _watch(self) -> None:
        fd = self._fd
        while not self._stop.wait(POLL):
            if not os.isatty(fd):  # a hung-up terminal fails every ioctl
                self.hang_up()
                return

    def hang_up(self) -> None:
        """Quit now: a clean exit if the loop answers in time, ``os._exit`` otherwise."""
        if self._fired.is_set():
            return
        self._fired.set()
        timer = threading.Timer(GRACE, self.hard_exit)
        timer.daemon = True
        timer.start()
        with contextlib.suppress(Exception):
            self._exit_clean()

    def hard_exit(self, status: int = HANGUP_STATUS) -> None:
        """Give the terminal back as it was (if it is still there) and end the process."""
        fd = self._fd
        if fd is not None and os.isatty(fd):
            if self._attrs is not None:
                import termios

                with contextlib.suppress(Exception):
                    termios.tcsetattr(fd, termios.TCSANOW, self._attrs)
            with contextlib.suppress(Exception):
                out = sys.__stdout__.fileno() if sys.__stdout__ is not None else fd
                os.set_blocking(out, False)  # never wait on a terminal that stopped reading
                os.write(out, _RESET.encode())
        os._exit(status)


def _stdin_fd() -> int | None:
    try:
        fd = sys.__stdin__.fileno()
    except (AttributeError, OSError, ValueError):
        return None
    return fd if os.isatty(fd) else None


def _termios_attrs(fd: int | None):
    if fd is None:
        return None
    try:
        import termios

        return termios.tcgetattr(fd)
    except Exception:  # noqa: BLE001 - no termios (not a tty, not POSIX): nothing to restore
        return None
