"""Leaving the explorer at once, whatever its workers are doing.

Textual runs thread workers (searches, opening and building the index) in the event loop's
default executor. When the app quits, ``asyncio.run`` shuts that executor down and waits
for every running thread, and Python joins them again at exit: a long search or a first
build kept a quit (or hung-up) explorer alive, at full CPU, with its screen gone.

Nothing is lost by not waiting: an unfinished index write is never committed (the index
stays as it was), the lock goes with the process, and a build's workers die with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor


class NoWaitExecutor(ThreadPoolExecutor):
    """The loop's executor: shutting it down never waits for a running thread."""

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=False, cancel_futures=True)


def install() -> None:
    """Make the running loop's default executor one that is left without waiting."""
    asyncio.get_running_loop().set_default_executor(
        NoWaitExecutor(thread_name_prefix="dossier-worker")
    )


def leave_now_if_busy(code: int) -> None:
    """End the process with ``code`` at once if a worker thread still runs (the terminal
    is restored by then: call it after ``App.run`` returns)."""
    busy = [
        t
        for t in threading.enumerate()
        if t is not threading.main_thread() and t.is_alive() and not t.daemon
    ]
    if busy:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
