"""What the subcommands share: opening the corpus, printing safely, JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from search.model import Article, Snippet


def console(stderr: bool = False) -> Console:
    """A console that never reads markup or guesses highlights: document text is data."""
    from rich.console import Console

    return Console(stderr=stderr, markup=False, highlight=False, emoji=False, soft_wrap=True)


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")


def open_corpus(
    args: argparse.Namespace,
    *,
    rebuild: bool = False,
    progress: bool = False,
    report_skips: bool = True,
    wait: bool = False,
):
    """Open the corpus named on the command line, telling stderr what it had to skip."""
    from search.corpus import Corpus

    def waiting(message: str) -> None:  # another dossier is updating the index
        from rich.text import Text

        console(stderr=True).print(Text(f"dossier: {message}…", style="yellow"))

    if progress and sys.stderr.isatty():
        err = console(stderr=True)
        from rich.progress import Progress

        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("indexing", total=None)

            def tick(n: int, total: int, _path: str) -> None:
                bar.update(task, completed=n, total=total)

            corpus = Corpus.open(
                args.folders, rebuild=rebuild, progress=tick, wait=wait, waiting=waiting
            )
    else:
        corpus = Corpus.open(args.folders, rebuild=rebuild, wait=wait, waiting=waiting)
    # Skipped files are reported when the index changes, not on every lookup.
    report = corpus.report
    changed = report_skips and (report.added or report.updated or report.removed or report.rebuilt)
    if corpus.notices or (changed and corpus.skipped):
        from rich.text import Text

        err = console(stderr=True)
        for notice in corpus.notices:
            err.print(Text(f"dossier: {notice}", style="yellow"))
        if changed:
            for s in corpus.skipped:
                err.print(Text(f"dossier: skipped {s.path}: {s.reason}", style="yellow"))
    return corpus


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
