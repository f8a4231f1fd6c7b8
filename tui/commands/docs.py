"""`dossier docs`: the articles in the corpus."""

from __future__ import annotations

import argparse

HELP = "list the articles in the corpus, newest first"


def configure(parser: argparse.ArgumentParser) -> None:
    from ._common import add_json

    add_json(parser)


def run(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from ._common import article_json, console, date_text, open_corpus, print_json

    corpus = open_corpus(args)
    if args.json:
        print_json([article_json(a) for a in corpus.articles])
        return 0
    out = console()
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    for column in ("id", "date", "source", "words", "title"):
        table.add_column(
            column, no_wrap=column != "title", justify="right" if column == "words" else "left"
        )
    for a in corpus.articles:
        table.add_row(
            Text(a.id, style="cyan"),
            Text(date_text(a.published)),
            Text(a.source or "—", style="dim"),
            Text(str(a.words)),
            Text(a.title),
        )
    out.print(table)
    if not corpus.articles:
        out.print(Text("no articles: add .txt or .md files to the corpus folder", style="yellow"))
    return 0
