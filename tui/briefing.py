"""`dossier compare --markdown`: a briefing note an analyst can paste as it is.

A headline with the concerns counted by verdict; then the concerns an analyst judged
(every concern with ``--all``), each with its verdict, the analyst's note and the best
one or two developments as short quotes; then each source once, in a numbered list of
references (title, publisher, date, URL) that the quotes point to.

Document text is data: every piece of it is escaped for Markdown, so a page's
``[x](javascript:...)``, ``<script>``, ``*`` or ``|`` stays literal text.
"""

from __future__ import annotations

import re

from search.compare import VERDICTS

#: Developments quoted per concern, and the length of a quote before it is cut.
QUOTES, QUOTE_CHARS = 2, 220

#: What Markdown could read as markup inside a line: emphasis, code, links and images
#: (a "(" is harmless once "[" is escaped), raw HTML and entities, tables, strikethrough.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_QUOTES = "\"'“”‘’«»„‚ "


def md(text: str) -> str:
    """Document text as literal Markdown text on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """A short quote in curly quotes; the sentence's own outer quotation marks are
    dropped so they are never doubled."""
    inner = " ".join(text.split()).strip(_QUOTES)
    if len(inner) > limit:
        inner = inner[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"“{md(_nested(inner))}”"


def _nested(text: str) -> str:
    """Quotation marks inside a quote become single ones, as an editor nests them, and
    one the sentence opened but never closed (a quote cut at a sentence's end) is closed."""
    out, open_ = [], 0
    for ch in text:
        if ch == "“" or (ch == '"' and not open_):
            out.append("‘")
            open_ += 1
        elif (ch == "”" or ch == '"') and open_:
            out.append("’")
            open_ -= 1
        elif ch == "”":
            out.append("’")
        else:
            out.append(ch)
    return "".join(out) + "’" * open_


def _date(article) -> str:
    return _day(article.published)


def _day(date) -> str:
    from tui.widgets.text import format_date

    return format_date(date)


def _articles(n: int) -> str:
    return f"{n} article" if n == 1 else f"{n} articles"


class _References:
    """Numbered sources, each listed once, in the order first cited."""

    def __init__(self) -> None:
        self.order: list = []

    def cite(self, article) -> str:
        if article not in self.order:
            self.order.append(article)
        return f"[{self.order.index(article) + 1}]"

    def lines(self) -> list[str]:
        out = []
        for n, a in enumerate(self.order, 1):
            parts = [f"*{md(a.title or a.id)}*"]
            parts += [md(x) for x in (a.source, _date(a)) if x]
            line = f"{n}. " + ", ".join(parts) + "."
            if a.url:
                line += f" <{a.url}>" if _safe_url(a.url) else f" {md(a.url)}"
            out.append(line)
        return out


def _safe_url(url: str) -> bool:
    return bool(re.fullmatch(r"https?://[^\s<>]+", url))


def _counts(links) -> str:
    counts = {v: 0 for v in VERDICTS}
    for link in links:
        counts[link.verdict] = counts.get(link.verdict, 0) + 1
    parts = [f"{n} {v}" for v, n in counts.items() if n]
    if not links:
        return "no concerns found"
    return f"{len(links)} concern{'s' if len(links) > 1 else ''}: " + ", ".join(parts)


def briefing(result, *, everything: bool = False) -> str:
    """The briefing note for a :class:`~search.compare.Comparison` or a
    :class:`~search.compare.TopicComparison`."""
    refs = _References()
    topic = getattr(result, "query", None)
    if topic is None:
        e, lt = result.earlier, result.later
        title = f"# Briefing: {md(e.title or e.id)}"
        scope = (
            f"Concerns raised in *{md(e.title or e.id)}* {refs.cite(e)} ({_date(e)}), "
            f"weighed against *{md(lt.title or lt.id)}* {refs.cite(lt)} ({_date(lt)})."
        )
    else:
        title = f"# Briefing: {md(topic)}"
        scope = (
            f"Concerns of {_articles(len(result.earlier))} before {_day(result.split)}, "
            f"weighed against {_articles(len(result.later))} from then on."
        )
    lines = [title, "", f"**{_counts(result.links)}.** {scope}", ""]
    if getattr(result, "different_stories", False):
        lines += [
            "The two articles share almost no words or names: they look like different "
            "stories, and no development was linked to a concern by the engine.",
            "",
        ]
    chosen = [link for link in result.links if everything or link.origin == "curated"]
    if not chosen:
        lines += [
            "No concern has an analyst's verdict yet; `--all` lists the engine's reading of each.",
            "",
        ]
    for n, link in enumerate(chosen, 1):
        where = refs.cite(result.article_of(link.concern.key))
        who = " (analyst)" if link.judged else ""
        lines.append(f"{n}. **{link.verdict}**{who}: {quote(link.concern.span.text)} {where}")
        if link.note:
            lines.append(f"   - Note: {md(link.note)}")
        for ev in link.evidence[:QUOTES]:
            cite = refs.cite(result.article_of(ev.development.key))
            lines.append(f"   - {quote(ev.development.span.text)} {cite}")
        if not link.evidence:
            lines.append("   - No development found.")
        lines.append("")
    if refs.order:
        lines += ["## Sources", "", *refs.lines()]
    return "\n".join(lines).rstrip() + "\n"
