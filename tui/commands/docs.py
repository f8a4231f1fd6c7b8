"""`dossier docs`: the articles in the corpus.

On a terminal, a table; piped, one article a line, tab-separated (id, date, source,
words, title), so `dossier docs | fzf` and `grep` see whole articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys

HELP = "list the articles in the corpus, newest first"

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
#: Tabs and line breaks would split a line of the piped listing; other control characters
#: never reach the terminal.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def configure(parser: argparse.ArgumentParser) -> None:
    from ._common import add_json

    add_json(parser)
    parser.add_argument(
        "--source", metavar="TEXT", help="only articles whose source contains TEXT (any case)"
    )
    parser.add_argument(
        "--since",
        metavar="DATE",
        help="only articles published on or after DATE (2024, 2024-03, 2024-03-14)",
    )
    parser.add_argument(
        "--until", metavar="DATE", help="only articles published on or before DATE (same forms)"
    )


def _period(text: str, option: str) -> tuple[dt.date, dt.date]:
    """First and last day of ``2024``, ``2024-03`` or ``2024-03-14``."""
    from tui.commands import UsageError

    m = _DATE.match(text.strip())
    try:
        if m is None:
            raise ValueError
        year, month, day = int(m[1]), m[2], m[3]
        if day is not None:
            first = last = dt.date(year, int(month), int(day))
        elif month is not None:
            first = dt.date(year, int(month), 1)
            following = dt.date(year + int(month) // 12, int(month) % 12 + 1, 1)
            last = following - dt.timedelta(days=1)
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        raise UsageError(
            f"{option} {text!r} is not a date: write 2024, 2024-03 or 2024-03-14"
        ) from None
    return first, last


def _wanted(args: argparse.Namespace, articles):
    since = _period(args.since, "--since")[0] if args.since else None
    until = _period(args.until, "--until")[1] if args.until else None
    if since and until and since > until:
        from tui.commands import UsageError

        raise UsageError(
            f"the date range starts after it ends: write --since {args.until} --until {args.since}"
        )
    source = (args.source or "").strip().casefold()
    for a in articles:
        if source and source not in (a.source or "").casefold():
            continue
        if (since or until) and a.published is None:
            continue
        if since and a.published < since:
            continue
        if until and a.published > until:
            continue
        yield a


def _field(text: str) -> str:
    return _UNSAFE.sub(" ", text).strip()


def _none_match(args: argparse.Namespace, articles) -> str:
    """Why nothing was listed: the corpus is empty, or these filters match nothing (and
    the dates the articles do have, when the filter was a date)."""
    if not articles:
        return EMPTY
    given = (("--source", args.source), ("--since", args.since), ("--until", args.until))
    filters = " ".join(f"{option} {value}" for option, value in given if value)
    dates = sorted(a.published for a in articles if a.published is not None)
    span = ""
    if (args.since or args.until) and dates:
        span = f" (the articles are dated {dates[0].isoformat()} to {dates[-1].isoformat()})"
    elif args.since or args.until:
        span = " (no article is dated)"
    return f"no article matches {filters}{span}"


def run(args: argparse.Namespace) -> int:
    from ._common import article_json, open_corpus, print_json

    # A reversed range is the command line's mistake: said before opening the corpus.
    list(_wanted(args, ()))
    corpus = open_corpus(args)
    articles = list(_wanted(args, corpus.articles))
    if args.json:
        print_json([article_json(a) for a in articles])
        return 0
    if not articles:  # on stderr, where a person sees it past a pipe
        sys.stderr.write(f"dossier: {_none_match(args, corpus.articles)}\n")
    if not (sys.stdout.isatty() or os.environ.get("FORCE_COLOR")):
        lines = (
            "\t".join(
                (
                    a.id,
                    a.published.isoformat() if a.published else "undated",
                    _field(a.source) or "-",
                    str(a.words),
                    _field(a.title) or "Untitled",
                )
            )
            for a in articles
        )
        sys.stdout.writelines(line + "\n" for line in lines)
        return 0
    if articles:
        _print_table(articles)
    return 0


#: What an empty corpus is told.
EMPTY = "no articles: add articles (.html, .pdf, .txt, .md) to the corpus folder"


def _print_table(articles) -> None:
    from rich.table import Table
    from rich.text import Text

    from ._common import console, date_text

    out = console()
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    for column in ("id", "date", "source", "words", "title"):
        table.add_column(
            column, no_wrap=column != "title", justify="right" if column == "words" else "left"
        )
    for a in articles:
        table.add_row(
            Text(a.id, style="cyan"),
            Text(date_text(a.published)),
            Text(a.source or "—", style="dim"),
            Text(str(a.words)),
            Text(a.title),
        )
    out.print(table)
