"""What the subcommands share: opening the corpus, printing safely, JSON."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from search.model import Article, Snippet


def console(stderr: bool = False, **options: Any) -> Console:
    """A console that never reads markup or guesses highlights: document text is data."""
    options = {"markup": False, "highlight": False, "emoji": False, "soft_wrap": True, **options}
    return _quiet_console_class()(stderr=stderr, **options)


@functools.cache
def _quiet_console_class() -> type[Console]:
    """Rich's Console, but a reader that went away (`dossier show ID | head`) raises
    BrokenPipeError for the command line to end quietly with status 0, as when a plain
    write fails: Rich's own handling exits with status 1."""
    from rich.console import Console

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return QuietConsole


def print_table(out: Console, table) -> None:
    """A table on a terminal as Rich lays it out; to a pipe or a file, one line a row
    whatever its length and no padding after the last cell, for grep, cut and diff."""
    if out.is_terminal:
        out.print(table)
        return
    from rich.console import Console

    wide = Console(markup=False, highlight=False, emoji=False, width=10_000, no_color=True)
    with wide.capture() as captured:
        wide.print(table)
    out.file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")


def open_corpus(
    args: argparse.Namespace,
    *,
    rebuild: bool = False,
    progress: bool = True,
    report_skips: bool = True,
    quick: bool = True,
    wait: bool = False,
):
    """Open the corpus named on the command line, telling stderr what it had to skip.

    ``quick`` (every command but ``index``): trust the index unless a folder changed since
    its last refresh; then the refresh says what it found. A build shows a progress bar
    on a terminal.
    """
    from search.corpus import Corpus

    def waiting(message: str) -> None:  # another dossier is updating the index
        from rich.text import Text

        console(stderr=True).print(Text(f"dossier: {message}…", style="yellow"))

    bar = _ProgressBar() if progress and sys.stderr.isatty() else None
    try:
        corpus = Corpus.open(
            args.folders,
            rebuild=rebuild,
            progress=bar and bar.tick,
            quick=quick,
            wait=wait,
            waiting=waiting,
        )
    finally:
        if bar is not None:
            bar.close()
    report = corpus.report
    changed = report.added or report.updated or report.removed or report.rebuilt
    err = None
    if corpus.notices or changed:
        from rich.text import Text

        err = console(stderr=True)
        for notice in corpus.notices:
            err.print(Text(f"dossier: {notice}", style="yellow"))
    if err is not None and quick and changed:
        err.print(Text(f"dossier: {changes(report)}", style="dim"))
    # Skipped files are counted when the index changes, in one line: a lookup's stderr
    # is for what happened now, and a corpus with a hundred unreadable files would repeat
    # a hundred lines at every refresh. `dossier index` lists them, each with its reason.
    if err is not None and report_skips and changed and corpus.skipped:
        skipped = counted(len(corpus.skipped), "file")
        err.print(
            Text(
                f"dossier: {skipped} skipped, not read as articles: "
                "`dossier index` says which and why",
                style="yellow",
            )
        )
    return corpus


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 article', '2 articles', '1 entity' / '3 entities' (``plural`` when not noun + s)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def changes(report) -> str:
    """'refreshed the index: 1 added (a.txt), 1 removed (b.txt)': what a refresh found."""
    from search.files import display_path

    if report.rebuilt:
        return f"built the index: {counted(len(report.added), 'article')}"
    parts = []
    for what, paths in (
        ("added", report.added),
        ("updated", report.updated),
        ("removed", report.removed),
    ):
        if paths:
            names = ", ".join(display_path(p) for p in paths[:3])
            more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
            parts.append(f"{len(paths)} {what} ({names}{more})")
    return "refreshed the index: " + "; ".join(parts)


class _ProgressBar:
    """Files read of the total, with a bar, on stderr: drawn only once a build starts."""

    def __init__(self) -> None:
        self._bar = None
        self._task = None

    def tick(self, n: int, total: int, _path: str) -> None:
        if self._bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self._bar = Progress(
                "indexing",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("indexing", total=total)
        self._bar.update(self._task, completed=n, total=total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def date_text(value) -> str:
    return value.isoformat() if value else "undated"


def article_json(a: Article) -> dict[str, Any]:
    """An article's metadata as `docs --json` lists it (`show --json` adds the text)."""
    return {
        "id": a.id,
        "title": a.title,
        "source": a.source or None,
        "author": a.author or None,
        "published": a.published.isoformat() if a.published else None,
        "words": a.words,
        "path": a.path,
    }


def byline(source: str, published) -> str:
    """'Caliber.az · 2025-11-06', leaving out what is unknown."""
    return " · ".join(x for x in (source, date_text(published)) if x)


def headline(article_id: str, title: str, source: str, published) -> Text:
    """The line that heads a hit: id, title, source and date."""
    from rich.text import Text

    return Text.assemble(
        (article_id, "cyan"), "  ", (title, "bold"), "  ", (byline(source, published), "dim")
    )


def snippet_line(snippet: Snippet) -> Text:
    """A passage, indented, its matches marked (by offset: the text is never markup)."""
    from rich.text import Text

    line = Text("  ") + Text(snippet.text)
    for start, end in snippet.highlights:
        line.stylize("bold reverse", start + 2, end + 2)
    return line
