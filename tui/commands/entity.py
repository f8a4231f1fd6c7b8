"""`dossier entity NAME`: who's who, and every article that mentions them."""

from __future__ import annotations

import argparse

HELP = "who's who: what dossier knows about a name, and the articles that mention it"


def configure(parser: argparse.ArgumentParser) -> None:
    from ._common import add_json

    parser.add_argument(
        "name", metavar="NAME", nargs="+", help='a name or alias, e.g. "Kishida" or DPRK'
    )
    parser.add_argument(
        "--limit", "-n", type=int, default=50, metavar="N", help="at most N articles (default 50)"
    )
    add_json(parser)


def run(args: argparse.Namespace) -> int:
    from rich.text import Text

    from search.entities import TYPE_LABELS
    from search.model import CorpusError
    from tui.commands import UsageError

    from ._common import console, headline, open_corpus, print_json, snippet_line

    name = " ".join(args.name).strip()
    if not name:
        raise UsageError("give a name, e.g. dossier entity Kishida")
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    corpus = open_corpus(args)
    found = corpus.entity(name, limit=args.limit)
    if found is None:
        raise CorpusError(
            f"nothing known about {name!r}: no record and no article names it (try `dossier search {name}`)"
        )
    info = found.info
    if args.json:
        print_json(
            {
                "canonical": info.canonical,
                "type": info.type or None,
                "aliases": list(info.aliases),
                "description": info.description or None,
                "count": found.count,
                "mentions": [
                    {
                        "id": article_id,
                        "title": title,
                        "source": source or None,
                        "published": published.isoformat() if published else None,
                        "snippet": {
                            "text": snippet.text,
                            "highlights": [list(x) for x in snippet.highlights],
                        },
                    }
                    for article_id, title, source, published, snippet in found.mentions[
                        : args.limit
                    ]
                ],
            }
        )
        return 0
    out = console()
    out.print(
        Text.assemble(
            (info.canonical, "bold"), "  ", (TYPE_LABELS.get(info.type, info.type), "dim")
        )
    )
    if info.description:
        out.print(Text(info.description))
    else:
        out.print(Text("not in the gazetteer: a name found in the text", style="dim"))
    if info.aliases:
        out.print(Text("also: " + ", ".join(info.aliases), style="dim"))
    mentions = found.mentions[: args.limit]
    noun = "article names" if found.count == 1 else "articles name"
    shown = f" (the first {len(mentions)} below)" if len(mentions) < found.count else ""
    out.print(Text(f"{found.count} {noun} it{shown}", style="dim"))
    for article_id, title, source, published, snippet in mentions:
        out.print()
        out.print(headline(article_id, title, source, published))
        out.print(snippet_line(snippet))
    return 0
