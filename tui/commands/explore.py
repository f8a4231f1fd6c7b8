"""The bare `dossier`: open the explorer on the corpus folders."""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from concurrent.futures import Future

HELP = "open the explorer (the default when no command is given)"


def configure(parser: argparse.ArgumentParser) -> None:
    """No options of its own: --corpus and --debug are common to every command."""


def _opener(folders, cache_dir, progress=None, *, listed: bool = False):
    """Open the corpus, then keep its article list for the next start (see tui.catalog).

    The open is quick (the index as it is, unless a folder changed); the app refreshes it
    exactly in the background once it is on screen. ``listed``: the saved list was loaded
    for the first frame, so it need not be read again to know it is there (at 50,000
    articles that read held the GIL for a third of a second as the user started typing).
    """

    def open_corpus():
        from search.corpus import Corpus
        from tui import catalog

        folder_stamp = catalog.stamp(folders)  # before opening: a change meanwhile misses
        corpus = Corpus.open(folders, cache_dir=cache_dir, quick=True, progress=progress)
        if not corpus.report.trusted or not (listed or catalog.load(folders) is not None):
            catalog.save(folders, folder_stamp, corpus.articles)
        return corpus

    return open_corpus


def _in_background(open_corpus) -> Future:
    """Start opening the corpus now, in a thread, so it overlaps Textual's start-up."""
    from concurrent.futures import Future

    future: Future = Future()

    def target() -> None:
        try:
            future.set_result(open_corpus())
        except BaseException as exc:  # noqa: BLE001 - handed to the app, which shows it
            future.set_exception(exc)

    threading.Thread(target=target, name="dossier-open-corpus", daemon=True).start()
    return future


def run(args: argparse.Namespace) -> int:
    startup = _collecting_after_first_frame()
    try:
        from search.files import check_folders

        # A folder that is not there: refused here, as every command does (exit 1, the
        # message on stderr), not an empty explorer that says so and exits 0.
        check_folders(args.folders)
        if not sys.stdout.isatty() or not sys.stdin.isatty():
            from tui.commands import UsageError

            raise UsageError(
                "the explorer needs a terminal; for scripts use `dossier search QUERY --json`"
            )
        return _run(args, startup.close)
    finally:
        startup.close()


def _collecting_after_first_frame() -> contextlib.ExitStack:
    """No cyclic garbage collection until the first frame is on screen (``close()``).

    Start-up (Textual, our modules, the stylesheet, the first screen) makes hundreds of
    thousands of objects and frees almost none of them: the collections they set off
    found nothing and cost a tenth of the time to the first frame. What start-up made
    lives as long as the app, so once the frame is out it is set aside (``gc.freeze``:
    later collections never walk it again), then the collector is turned back on.
    """
    from search.collector import paused_gc

    stack = contextlib.ExitStack()
    stack.enter_context(paused_gc())
    stack.callback(gc.freeze)  # (runs first: closing unwinds the stack)
    return stack


def _run(args: argparse.Namespace, first_frame) -> int:
    from tui.hangup import Hangup

    # Watch for a hangup from the very start: the index opens in a thread from here on.
    started: list = []  # the app, once there is one
    hangup = Hangup(lambda: started[0]._exit_from_anywhere() if started else None)
    hangup.install()

    from tui import catalog
    from tui.progress import Building
    from tui.settings import load_settings

    config = load_settings()
    folders = list(args.folders)
    building = Building()
    # Files unchanged since last time: list the articles at once and open the index after
    # the first frame. Otherwise start opening it now, while Textual loads.
    preview = catalog.load(folders) or ()
    open_corpus = _opener(folders, config.index_dir, building.tick, listed=bool(preview))
    if not preview:
        open_corpus = _in_background(open_corpus).result

    from tui.app import DossierApp

    app = DossierApp(
        open_corpus=open_corpus,
        preview=preview,
        cache_dir=config.index_dir,
        keys=config.keys,
        theme=config.theme,
        problems=config.problems,
        hangup=hangup,
        building=building,
        remember_session=True,
        first_frame=first_frame,
    )
    started.append(app)
    app.run()
    if hangup.fired:  # the terminal is gone: nothing to flush to, no thread worth waiting for
        hangup.hard_exit()
    hangup.uninstall()
    code = app.return_code or 0
    from tui.leaving import leave_now_if_busy

    leave_now_if_busy(code)
    return code
