"""`dossier search QUERY`: the quick lookup. Must never import Textual."""

from __future__ import annotations

import argparse
import os
import sys

HELP = (
    'search the corpus (Whoosh query language: AND OR NOT "phrase" title: source:'
    ' entity:"Name" published:2025 wild* fuzzy~)'
)


def configure(parser: argparse.ArgumentParser) -> None:
    from ._common import add_json

    parser.add_argument("query", metavar="QUERY", nargs="+", help="what to look for")
    parser.add_argument(
        "--limit", "-n", type=int, default=10, metavar="N", help="at most N hits (default 10)"
    )
    add_json(parser)


def run(args: argparse.Namespace) -> int:
    from tui.commands import UsageError

    from ._common import open_corpus, print_json

    text = " ".join(args.query).strip()
    if not text:
        raise UsageError("empty query: give a word or phrase to search for")
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    corpus = open_corpus(args)
    result = corpus.search(text, limit=args.limit)
    for notice in result.notices:
        sys.stderr.write(f"dossier: {_typed(notice)}\n")
    if args.json:
        print_json(
            {
                "query": result.query,
                "total": result.total,
                "total_exact": result.total_exact,
                "suggestion": result.suggestion,
                "notices": list(result.notices),
                "hits": [
                    {
                        "id": h.id,
                        "title": h.title,
                        "source": h.source or None,
                        "published": h.published.isoformat() if h.published else None,
                        "score": round(h.score, 4),
                        "snippets": [
                            {"text": s.text, "highlights": [list(x) for x in s.highlights]}
                            for s in h.snippets
                        ],
                    }
                    for h in result.hits
                ],
            }
        )
        return 0
    if not (sys.stdout.isatty() or os.environ.get("FORCE_COLOR")):
        # Piped: plain text, and no need to load Rich on the quick path.
        _print_plain(result)
    else:
        _print_rich(result)
    return 0


def _heading(result) -> str:
    noun = "hit" if result.total == 1 and result.total_exact else "hits"
    more = "" if result.total_exact else "more than "
    heading = f"{more}{result.total} {noun} for {_typed(result.query)} ({result.elapsed_ms:.0f} ms)"
    shown = len(result.hits)
    if shown < result.total:  # the rest are cut by --limit: say so, and how to see them
        wanted = f"-n {result.total} for all" if result.total_exact else "-n N for more"
        heading += f"; showing {shown}: {wanted}"
    return heading


def _typed(text: str) -> str:
    """What the user typed, as it may be printed: a control character in it (a pasted
    escape sequence) shown as ``\\x1b``, never sent to the terminal."""
    from search.files import display_path

    return display_path(text)  # the same escaping a file's name gets


def _print_plain(result) -> None:
    from ._common import byline

    out = [f"did you mean: {result.suggestion}?"] if result.suggestion else []
    out.append(_heading(result))
    for h in result.hits:
        out += ["", f"{h.id}  {h.title}  {byline(h.source, h.published)}"]
        out += [f"  {s.text}" for s in h.snippets]
    sys.stdout.write("\n".join(out) + "\n")


def _print_rich(result) -> None:
    from rich.text import Text

    from ._common import console, headline, snippet_line

    out = console()
    if result.suggestion:
        out.print(Text.assemble("did you mean: ", (result.suggestion, "bold yellow"), "?"))
    out.print(Text(_heading(result), style="dim"))
    for h in result.hits:
        out.print()
        out.print(headline(h.id, h.title, h.source, h.published))
        for s in h.snippets:
            out.print(snippet_line(s))
