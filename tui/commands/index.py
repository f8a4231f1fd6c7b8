"""`dossier index`: build or refresh the index and say what happened."""

from __future__ import annotations

import argparse

HELP = "build or refresh the index; report what was indexed and what was skipped"


def configure(parser: argparse.ArgumentParser) -> None:
    from ._common import add_json

    parser.add_argument(
        "--rebuild", action="store_true", help="throw the index away and build it again"
    )
    add_json(parser)


def run(args: argparse.Namespace) -> int:
    from rich.text import Text

    from ._common import console, open_corpus, print_json

    # This command lists what it skipped itself.
    corpus = open_corpus(
        args, rebuild=args.rebuild, progress=not args.json, report_skips=False, quick=False
    )
    r = corpus.report
    if args.json:
        print_json(
            {
                "folders": [str(f) for f in corpus.folders],
                "articles": len(corpus),
                "added": r.added,
                "updated": r.updated,
                "removed": r.removed,
                "unchanged": r.unchanged,
                "skipped": [{"path": s.path, "reason": s.reason} for s in r.skipped],
                "caveats": [{"path": path, "note": note} for path, note in r.caveats],
                "rebuilt": r.rebuilt,
                "in_memory": r.in_memory,
                "seconds": round(r.seconds, 3),
                "notices": list(corpus.notices),
            }
        )
        return 0
    out = console()
    what = "built" if r.rebuilt else "refreshed"
    out.print(
        Text(
            f"{what} the index of {len(corpus)} articles in {r.seconds:.2f} s: "
            f"{len(r.added)} added, {len(r.updated)} updated, {len(r.removed)} removed, "
            f"{r.unchanged} unchanged, {len(r.skipped)} skipped"
        )
    )
    for path, note in r.caveats:
        out.print(Text(f"  read {path}: {note}"))
    for s in r.skipped:
        out.print(Text(f"  skipped {s.path}: {s.reason}", style="yellow"))
    return 0
