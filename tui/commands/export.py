"""`dossier export [--json]`: every article of the corpus, for scripts and for checking ingest."""

from __future__ import annotations

import argparse

HELP = "write every article (the fields of `show --json`, plus its format) as JSON Lines"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json",
        action="store_true",
        help="one JSON array instead of JSON Lines (one article a line)",
    )


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from search.files import file_format

    from ._common import article_json, open_corpus, print_json

    corpus = open_corpus(args)
    records = (
        {
            **article_json(a),
            "standfirst": a.standfirst or None,
            "url": a.url or None,
            "notes": list(a.notes),
            "format": file_format(a.path),
            "body": a.body,
        }
        for a in corpus.articles
    )
    if args.json:
        print_json(list(records))
        return 0
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str))
        sys.stdout.write("\n")
    return 0
