"""Building ``rich.text.Text`` from document text and offsets.

Document text is data, never markup: every function here starts from a plain
``Text(str)`` and adds styles by offset, so a "[bold]" in an article stays literal.
"""

from __future__ import annotations

import datetime as dt
import re

from rich.style import StyleType
from rich.text import Text

#: Entity labels (OntoNotes) grouped into the kinds the reader colours and its legend names.
ENTITY_KINDS: dict[str, str] = {
    "PERSON": "person",
    "NORP": "place",
    "GPE": "place",
    "LOC": "place",
    "ORG": "org",
    "EVENT": "event",
    "LAW": "event",
    "DATE": "date",
    "PERCENT": "figure",
    "MONEY": "figure",
    "QUANTITY": "figure",
}
#: kind -> legend label, in legend order.
KIND_LABELS: dict[str, str] = {
    "person": "person",
    "place": "place",
    "org": "organisation",
    "event": "event / law",
    "date": "date",
    "figure": "figure",
    "other": "other",
}


def entity_kind(label: str) -> str:
    return ENTITY_KINDS.get(label.upper(), "other")


def format_date(date: dt.date | None) -> str:
    """'9 Apr 2024', or 'undated'."""
    if date is None:
        return "undated"
    return f"{date.day} {date:%b %Y}"


def source_and_date(source: str, published: dt.date | None) -> str:
    """'Caliber.az · 6 Nov 2025', as lists and headers show who published what when."""
    return f"{source or 'unknown source'} · {format_date(published)}"


def relevance_bar(score: float, best: float, width: int = 8, style: StyleType = "") -> Text:
    """A bar of ``width`` cells, full for the best score of the result set."""
    frac = 0.0 if best <= 0 else max(0.0, min(1.0, score / best))
    eighths = round(frac * width * 8)
    full, part = divmod(eighths, 8)
    blocks = " ▏▎▍▌▋▊▉"
    bar = "█" * full + (blocks[part] if part and full < width else "")
    return Text(bar.ljust(width), style=style, end="")


def one_line(text: str) -> str:
    """Collapse whitespace so a passage fits a list row."""
    return " ".join(text.split())


_PARA_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(body: str) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph of ``body``; offsets index into ``body``."""
    out: list[tuple[int, str]] = []
    pos = 0
    for m in _PARA_BREAK.finditer(body):
        _add_paragraph(out, body, pos, m.start())
        pos = m.end()
    _add_paragraph(out, body, pos, len(body))
    return out


def _add_paragraph(out: list[tuple[int, str]], body: str, start: int, end: int) -> None:
    chunk = body[start:end]
    stripped = chunk.strip()
    if stripped:
        out.append((start + chunk.index(stripped[0]), stripped))


#: The reader shows this much of an article's body at most, in blocks of at most
#: :data:`READER_BLOCK` characters: laying out and painting a text costs in proportion to
#: its length, and a 50 MB line would freeze the screen (and its keys) for minutes.
READER_CHARS = 100_000
READER_BLOCK = 4_000
#: Up to this length an article's entities and matches are found in the whole body, as
#: `dossier entities` counts them (0.5 s a megabyte): the panel's counts and "matched
#: past the part shown" are then the article's, not the shown part's.
WHOLE_CHARS = 2_000_000


def reading_blocks(
    body: str, limit: int = READER_CHARS, start: int = 0
) -> tuple[list[tuple[int, str]], int]:
    """(offset in ``body``, text) of the blocks the reader shows of ``body`` from ``start``:
    its paragraphs, a long one cut at spaces into pieces, up to ``limit`` characters; and
    where they stop."""
    shown = body[start : start + limit]
    if len(body) > start + limit:  # stop between paragraphs, else at a space, not in a word
        breaks = [m.start() for m in _PARA_BREAK.finditer(shown, limit // 2)]
        cut = breaks[-1] if breaks else shown.rfind(" ", limit - READER_BLOCK)
        shown = shown[:cut] if cut > 0 else shown
    out: list[tuple[int, str]] = []
    for offset, text in ((start + o, t) for o, t in paragraphs(shown)):
        while len(text) > READER_BLOCK:
            cut = text.rfind(" ", READER_BLOCK // 2, READER_BLOCK)
            cut = cut if cut > 0 else READER_BLOCK
            out.append((offset, text[:cut]))
            rest = text[cut:]
            offset += cut + len(rest) - len(rest.lstrip())
            text = rest.lstrip()
        if text:
            out.append((offset, text))
    return out, start + len(shown)


def citation(title: str, source: str, date: dt.date | None, quote: str, url: str = "") -> str:
    """'Title, Source, 9 Apr 2024: “…” <url>' (parts that are unknown are left out)."""
    parts = [p for p in (title.strip(), source.strip()) if p]
    if date is not None:
        parts.append(format_date(date))
    head = ", ".join(parts) or "Untitled"
    line = f"{head}: “{one_line(quote)}”"
    return f"{line} <{url.strip()}>" if url.strip() else line
