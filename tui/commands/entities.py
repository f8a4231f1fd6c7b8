"""`dossier entities [ID]`: who and what one article names; with no id, the names most
articles of the corpus mention (the explorer's entity facet, with the same counts)."""

from __future__ import annotations

import argparse

HELP = (
    "list the people, places, organisations, dates and figures one article names"
    " (no ID: the names most articles mention)"
)


def configure(parser: argparse.ArgumentParser) -> None:
    from ._common import add_json

    parser.add_argument(
        "id",
        metavar="ID",
        nargs="?",
        help="the article's id (see `dossier docs`); without it, the corpus's most-named",
    )
    add_json(parser)


def run(args: argparse.Namespace) -> int:

    from rich.table import Table
    from rich.text import Text

    from search.entities import TYPE_LABELS, TYPES, tally

    from ._common import console, counted, open_corpus, print_json, print_table

    corpus = open_corpus(args)
    if args.id is None:
        return _whos_who(corpus, args)
    article = corpus.get(args.id)
    found = corpus.entities(article.id)
    if args.json:
        print_json(
            {
                "id": article.id,
                "entities": [
                    {
                        "field": e.field,
                        "text": e.text,
                        "type": e.type,
                        "canonical": e.canonical,
                        "start": e.start,
                        "end": e.end,
                        "guessed": e.guessed,
                    }
                    for e in found
                ],
            }
        )
        return 0
    out = console()
    out.print(Text.assemble((article.id, "cyan"), "  ", (article.title, "bold")))
    if not found:
        out.print(Text("no entities found", style="dim"))
        return 0
    # One row per entity, its mentions as whatever type counted together (search.entities
    # .tally, as the reader's panel does): how often it is named, and the forms used.
    tallied = tally(found)
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("type", no_wrap=True)
    table.add_column("name")
    table.add_column("n", justify="right")
    table.add_column("also written")
    order = {t: i for i, t in enumerate(TYPES)}
    for c in sorted(tallied, key=lambda c: order.get(c.type, 99)):  # stable: by count within
        mark = " *" if c.guessed and not out.is_terminal else ""  # italics get lost
        table.add_row(
            Text(TYPE_LABELS.get(c.type, c.type), style="dim"),
            Text(c.canonical + mark, style="italic" if c.guessed else ""),
            Text(str(c.count)),
            Text(", ".join(c.forms), style="dim"),
        )
    print_table(out, table)
    how = "in italics" if out.is_terminal else "marked *"
    out.print(
        Text(
            f"{counted(len(found), 'mention')} of {counted(len(tallied), 'entity', 'entities')}; "
            f"names {how} were guessed",
            style="dim",
        )
    )
    return 0


def _whos_who(corpus, args: argparse.Namespace) -> int:
    """The names most articles of the corpus mention, and in how many articles."""
    from rich.table import Table
    from rich.text import Text

    from ._common import console, counted, print_json, print_table

    top = corpus.facets("").entities
    if args.json:
        print_json({"entities": [{"name": f.value, "articles": f.count} for f in top]})
        return 0
    out = console()
    if not top:
        out.print(Text("no entities found", style="dim"))
        return 0
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("name")
    table.add_column("articles", justify="right")
    for f in top:
        table.add_row(Text(f.value), Text(str(f.count)))
    print_table(out, table)
    out.print(
        Text(
            f"the {counted(len(top), 'name')} most of the "
            f"{counted(len(corpus.articles), 'article')} mention; "
            "`dossier entity NAME` for one, `dossier entities ID` for one article's",
            style="dim",
        )
    )
    return 0
