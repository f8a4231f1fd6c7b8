"""`dossier compare [EARLIER LATER]`: how one article's concerns played out in another."""

from __future__ import annotations

import argparse

HELP = "how the concerns of an earlier article played out in a later one"

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
        help="EARLIER LATER: two article ids (default: the oldest and newest dated articles)",
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


def run(args: argparse.Namespace) -> int:
    from rich.text import Text

    from search.compare import to_dict
    from search.links import comparison
    from tui.commands import UsageError

    from ._common import console, open_corpus, print_json

    if len(args.articles) not in (0, 2):
        raise UsageError("compare takes two article ids, EARLIER LATER, or none")
    corpus = open_corpus(args)
    ids = args.articles or [None, None]
    result, _store = comparison(corpus, ids[0], ids[1], curated=not args.no_curated)
    if args.json:
        print_json(to_dict(result))
        return 0
    err = console(stderr=True)
    for notice in result.notices:
        err.print(Text(f"dossier: {notice}", style="yellow"))
    if args.markdown:
        import sys

        sys.stdout.write(briefing(result))
        return 0
    _print(console(), result)
    return 0


def _print(out, result) -> None:
    from rich.text import Text

    from ._common import byline

    e, lt = result.earlier, result.later
    out.print(
        Text.assemble(
            ("Concerns of  ", "dim"),
            (e.title, "bold"),
            f"  ({byline(e.source, e.published)}, {e.id})",
        )
    )
    out.print(
        Text.assemble(
            ("as borne out by  ", "dim"),
            (lt.title, "bold"),
            f"  ({byline(lt.source, lt.published)}, {lt.id})",
        )
    )
    out.print()
    for link in result.addressed:
        out.print(_concern_line(link))
        for ev in link.evidence:
            line = Text("    → ", style="dim")
            line.append(f"{ev.score:.2f} ", style="dim")
            line.append(ev.development.span.text)
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
            out.print(_concern_line(link))
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


def _concern_line(link):
    from rich.text import Text

    verdict = link.verdict
    line = Text("  ")
    line.append(f"[{verdict}]", style=VERDICT_STYLE.get(verdict, ""))
    if link.origin == "curated":
        line.append("*", style="magenta")
    line.append(" ")
    line.append(link.concern.span.text)
    return line


def _cell(text: str) -> str:
    """Text for one Markdown table cell: no pipes or line breaks to break the table."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def _cite(article) -> str:
    from tui.widgets.text import format_date

    return ", ".join(
        x for x in (article.source or article.title, format_date(article.published)) if x
    )


def briefing(result) -> str:
    """A briefing note: each concern, its verdict, and the evidence quoted with source."""
    e, lt = result.earlier, result.later
    lines = [
        f"# Briefing: {_cell(e.title)} — how it played out",
        "",
        f"Concerns raised in *{_cell(e.title)}* ({_cite(e)}), weighed against "
        f"*{_cell(lt.title)}* ({_cite(lt)}).",
        "",
        "| # | Concern | Verdict | Evidence |",
        "|---|---------|---------|----------|",
    ]
    for n, link in enumerate(result.links, 1):
        if link.evidence:
            evidence = "<br>".join(
                f"“{_cell(ev.development.span.text)}” ({_cite(lt)})" for ev in link.evidence
            )
        else:
            evidence = f"No development found in {_cite(lt)}."
        verdict = link.verdict + (" (analyst)" if link.origin == "curated" else "")
        lines.append(
            f"| {n} | “{_cell(link.concern.span.text)}” ({_cite(e)}) | {verdict} | {evidence} |"
        )
    if result.new_developments:
        lines += ["", "## New developments no concern anticipated", ""]
        lines += [f"- “{_cell(d.span.text)}” ({_cite(lt)})" for d in result.new_developments]
    lines += [
        "",
        "Verdicts marked (analyst) were set by an analyst; the others are the engine's "
        "automatic reading (open: linked, not yet judged).",
    ]
    return "\n".join(lines) + "\n"
