"""`dossier show ID`: one cleaned article."""

from __future__ import annotations

import argparse

HELP = "print one article, cleaned"


def configure(parser: argparse.ArgumentParser) -> None:
    from ._common import add_json

    parser.add_argument("id", metavar="ID", help="the article's id (see `dossier docs`)")
    add_json(parser)


def run(args: argparse.Namespace) -> int:
    from rich.text import Text

    from ._common import article_json, console, counted, date_text, open_corpus, print_json

    corpus = open_corpus(args)
    a = corpus.get(args.id)
    if args.json:
        print_json(
            {
                **article_json(a),
                "standfirst": a.standfirst or None,
                "url": a.url or None,
                "notes": list(a.notes),
                "body": a.body,
            }
        )
        return 0
    out = console()
    out.print(Text(a.title, style="bold"))
    if a.standfirst:
        out.print(Text(a.standfirst, style="italic"))
    meta = " · ".join(
        x
        for x in (
            a.source,
            a.author and f"by {a.author}",
            date_text(a.published),
            counted(a.words, "word"),
        )
        if x
    )
    out.print(Text(meta, style="dim"))
    # Where it came from: two saved copies of a page read alike, and the id is what
    # `dossier compare ID ID` takes.
    where = " · ".join(x for x in (f"id {a.id}", a.path, a.url) if x)
    out.print(Text(where, style="dim"))
    for note in a.notes:  # read with a caveat: the text may not be what the file meant
        out.print(Text(f"note: {note}", style="yellow"))
    out.print()
    for paragraph in a.body.split("\n\n"):  # ingest keeps paragraphs apart by one blank line
        out.print(Text(paragraph))
        out.print()
    return 0
