"""The bare `dossier`: open the explorer on the corpus folders."""

from __future__ import annotations

import argparse
import sys
import threading
from concurrent.futures import Future

HELP = "open the explorer (the default when no command is given)"


def configure(parser: argparse.ArgumentParser) -> None:
    """No options of its own: --corpus and --debug are common to every command."""


def _open_in_background(folders, cache_dir) -> Future:
    """Start opening the corpus now, in a thread, so it overlaps Textual's start-up."""
    future: Future = Future()

    def target() -> None:
        try:
            from search.corpus import Corpus

            future.set_result(Corpus.open(folders, cache_dir=cache_dir))
        except BaseException as exc:  # noqa: BLE001 - handed to the app, which shows it
            future.set_exception(exc)

    threading.Thread(target=target, name="dossier-open-corpus", daemon=True).start()
    return future


def run(args: argparse.Namespace) -> int:
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        from tui.commands import UsageError

        raise UsageError(
            "the explorer needs a terminal; for scripts use `dossier search QUERY --json`"
        )
    from search.config import load_config

    config = load_config()
    future = _open_in_background(list(args.folders), config.index_dir)

    from tui.app import DossierApp

    app = DossierApp(
        open_corpus=future.result,
        cache_dir=config.index_dir,
        keys=config.keys,
        theme=config.theme,
        problems=config.problems,
    )
    app.run()
    return app.return_code or 0
