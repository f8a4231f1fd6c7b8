"""Pausing Python's cycle collector while many small objects are made, for every part of
the engine that does so (a manifest's rows, a walk's stats, a compare's sentences).

One counted pause for the whole process: the collector is turned back on when the last
pause ends (two compares in two threads, or a compare during a refresh, do not turn it on
under each other), and only if a pause turned it off.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_holders = 0
_resume = False
_setting_aside = 0


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside: what is made holds no cycles or can wait for
    the next collection (what it drops goes by reference counting), and the collector
    would otherwise walk every object the process holds again and again as they add up."""
    global _holders, _resume
    with _lock:
        if _holders == 0:
            _resume = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _resume:
                # Set aside until the block that made them ends (:func:`set_aside`): else
                # the first collection after this goes through every one of them at once.
                if _setting_aside:
                    gc.freeze()
                gc.enable()


@contextlib.contextmanager
def set_aside() -> Iterator[None]:
    """Inside, what a :func:`paused_gc` made is kept out of the collector's young
    generations (``gc.freeze``), and put back with the old objects at the end, to be looked
    at by the next full collection: an open of 50,000 files otherwise spent a tenth of a
    second in collections going through its own stats and manifest rows. Nothing is kept
    from the collector for longer than the block."""
    global _setting_aside
    with _lock:
        _setting_aside += 1
    try:
        yield
    finally:
        with _lock:
            _setting_aside -= 1
            if not _setting_aside:
                gc.unfreeze()
