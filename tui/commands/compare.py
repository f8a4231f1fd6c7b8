"""`dossier compare [EARLIER LATER]`: how one article's concerns played out in another."""

from __future__ import annotations

import argparse

HELP = (
    "how the concerns of an earlier article played out in a later one (--topic: across"
    " the corpus; --markdown: a briefing note)"
)

VERDICT_STYLE = {
    "borne out": "bold green",
    "partly": "yellow",
    "not borne out": "bold red",
    "not addressed": "dim",
    "open": "cyan",
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "articles",
        nargs="*",
        metavar="ID",
        help="two article ids, compared in date order whichever comes first; one id: "
        "that article and the dated article most like it (default: the oldest and newest "
        "dated articles)",
    )
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON for scripts")
    out.add_argument(
        "--markdown", action="store_true", help="print a briefing note in Markdown for a meeting"
    )
    parser.add_argument(
        "--no-curated",
        action="store_true",
        help="the automatic engine alone, without analysts' verdicts and pinned links",
    )
    parser.add_argument(
        "--topic",
        metavar="QUERY",
        help="across the corpus: concerns of every earlier article matching QUERY against "
        "the developments of every later one",
    )
    parser.add_argument(
        "--split",
        metavar="DATE",
        type=_date,
        help="with --topic: articles before DATE (YYYY-MM-DD) are earlier "
        "(default: the median date of the matches)",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="with --markdown: every concern, not only those an analyst judged",
    )


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD"
        ) from None


def run(args: argparse.Namespace) -> int:
    from rich.text import Text

    from search.compare import to_dict
    from search.links import comparison
    from tui.commands import UsageError

    from ._common import console, open_corpus, print_json

    if len(args.articles) > 2:
        raise UsageError("compare takes two article ids, EARLIER LATER, one, or none")
    if args.topic is not None and args.articles:
        raise UsageError("compare --topic takes no article ids: the query chooses them")
    if args.split is not None and args.topic is None:
        raise UsageError("--split goes with --topic QUERY")
    if args.all and not args.markdown:
        raise UsageError("--all goes with --markdown: every concern in the briefing note")
    corpus = open_corpus(args)
    if args.topic is not None:
        from search.compare import topic_to_dict
        from search.links import topic_comparison

        result, _store = topic_comparison(
            corpus, args.topic, args.split, curated=not args.no_curated
        )
        if args.json:
            print_json(topic_to_dict(result))
            return 0
    else:
        ids = args.articles or [None, None]
        if len(ids) == 1:  # the article most like it, as c does in the explorer
            partner = corpus.compare_partner(ids[0])
            if partner is None:
                raise UsageError(
                    f"no dated article is like {ids[0]} to compare it with: name a second id "
                    "(`dossier docs` lists them)"
                )
            title = corpus.get(partner).title
            console(stderr=True).print(
                Text(f"dossier: compared with {partner} ({title}), the dated article most like it")
            )
            ids = [ids[0], partner]
        result, _store = comparison(corpus, ids[0], ids[1], curated=not args.no_curated)
        if args.json:
            print_json(to_dict(result))
            return 0
    err = console(stderr=True)
    for notice in result.notices:
        err.print(Text(f"dossier: {notice}", style="yellow"))
    if args.markdown:
        import sys

        from tui.briefing import briefing

        sys.stdout.write(briefing(result, everything=args.all))
        return 0
    _print(console(), result)
    return 0


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _print(out, result) -> None:
    from rich.text import Text

    from ._common import byline

    topic = getattr(result, "query", None)
    if topic is None:
        e, lt = result.earlier, result.later
        out.print(
            Text.assemble(
                ("Concerns of  ", "dim"),
                (e.title or "Untitled", "bold"),
                f"  ({byline(e.source, e.published)}, {e.id})",
            )
        )
        out.print(
            Text.assemble(
                ("as borne out by  ", "dim"),
                (lt.title or "Untitled", "bold"),
                f"  ({byline(lt.source, lt.published)}, {lt.id})",
            )
        )
    else:
        out.print(
            Text.assemble(
                ("Concerns of  ", "dim"),
                (_count(len(result.earlier), "article"), "bold"),
                (" matching ", "dim"),
                (topic, "bold"),
                (f" before {result.split}, as borne out by ", "dim"),
                (_count(len(result.later), "later one"), "bold"),
            )
        )
    cite = _citer(result, topic is not None)
    out.print()
    for link in result.addressed:
        out.print(_concern_line(link, cite))
        for ev in link.evidence:
            line = Text("    → ", style="dim")
            line.append(f"{ev.score:.2f} ", style="dim")
            line.append(ev.development.span.text)
            line.append(cite(ev.development.key), style="dim")
            if ev.origin == "curated":
                line.append("  [pinned]", style="magenta")
            out.print(line)
        reasons = []
        if link.theme:
            reasons.append(f"theme: {link.theme}")
        if link.shared_entities:
            reasons.append("entities: " + ", ".join(link.shared_entities))
        if link.shared_terms:
            reasons.append("terms: " + ", ".join(link.shared_terms))
        if reasons:
            out.print(Text("      " + " · ".join(reasons), style="dim italic"))
        out.print()
    silent = result.unaddressed
    if silent:
        out.print(Text(f"No development found ({len(silent)})", style="bold"))
        for link in silent:
            out.print(_concern_line(link, cite))
        out.print()
    if result.new_developments:
        out.print(
            Text(
                f"New developments no concern anticipated ({len(result.new_developments)})",
                style="bold",
            )
        )
        for d in result.new_developments:
            out.print(Text.assemble(("  + ", "green"), d.span.text))


def _citer(result, topic: bool):
    """key -> "  (id, date)" after each sentence of a topic compare; nothing for a pair."""
    from ._common import date_text

    def cite(key: str) -> str:
        if not topic:
            return ""
        a = result.article_of(key)
        return f"  ({a.id}, {date_text(a.published) or 'undated'})"

    return cite


def _concern_line(link, cite=lambda key: ""):
    from rich.text import Text

    verdict = link.verdict
    line = Text("  ")
    line.append(f"[{verdict}]", style=VERDICT_STYLE.get(verdict, ""))
    if link.judged:
        line.append("*", style="magenta")
    line.append(" ")
    line.append(link.concern.span.text)
    line.append(cite(link.concern.key), style="dim")
    if link.note:
        line.append(f"\n      note: {link.note}", style="italic")
    return line
