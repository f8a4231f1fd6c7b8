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

    from search.files import display_path

    from ._common import console, counted, open_corpus, print_json

    # This command lists what it skipped itself. It is asked to update the index: while
    # another dossier updates it, it waits (and says so), rather than report nothing done.
    corpus = open_corpus(
        args,
        rebuild=args.rebuild,
        progress=not args.json,
        report_skips=False,
        quick=False,
        wait=True,
    )
    r = corpus.report
    if args.json:
        print_json(
            {
                "folders": [str(f) for f in corpus.folders],
                "articles": len(corpus),
                # Paths as text that is always valid (a name that is not UTF-8 shows U+FFFD).
                "added": [display_path(p) for p in r.added],
                "updated": [display_path(p) for p in r.updated],
                "removed": [display_path(p) for p in r.removed],
                "unchanged": r.unchanged,
                "skipped": [{"path": s.path, "reason": s.reason} for s in r.skipped],
                "caveats": [{"path": path, "note": note} for path, note in r.caveats],
                "resource_folders": [display_path(p) for p in r.resource_folders],
                "rebuilt": r.rebuilt,
                "in_memory": r.in_memory,
                "seconds": round(r.seconds, 3),
                "notices": list(corpus.notices),
                "busy": r.busy or None,
            }
        )
        return 1 if r.busy else 0
    out = console()
    if r.busy:  # the notice on stderr said what happened; nothing was done here
        console(stderr=True).print(
            Text("dossier: the index was not updated; run `dossier index` again later")
        )
        return 1
    what = "built" if r.rebuilt else "refreshed"
    out.print(
        Text(
            f"{what} the index of {counted(len(corpus), 'article')} in {r.seconds:.2f} s: "
            f"{len(r.added)} added, {len(r.updated)} updated, {len(r.removed)} removed, "
            f"{r.unchanged} unchanged, {len(r.skipped)} skipped"
        )
    )
    if r.resource_folders:  # dozens of scripts and styles each: one line for them all
        n = len(r.resource_folders)
        folders = "saved page's resource folder" if n == 1 else "saved pages' resource folders"
        out.print(Text(f"  {n} {folders} not read (the files beside a page saved complete)"))
    for path, note in r.caveats:
        out.print(Text(f"  read {path}: {note}"))
    for s in r.skipped:
        out.print(Text(f"  skipped {s.path}: {s.reason}", style="yellow"))
    return 0
