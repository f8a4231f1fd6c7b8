"""PDF reports to articles, through pypdfium2 (PDFium, the PDF engine of Chromium).

PDFium gives each page's text a line at a time, as the page lays it out. A report's
paragraphs are rebuilt from those lines: a word broken at a line's end ("ne-\\ngotiations")
is joined again, a line that runs to the full width continues on the next one, and a
line that ends a sentence short of the width ends its paragraph. Where the page sets its
paragraphs apart, the layout says where they end whatever the lines' lengths: a line with
clearly more space above it than the page's usual line spacing, or a first line indented
from a left edge the page's other lines keep, starts a paragraph. The running heads,
footers and page numbers a report repeats on every page are removed. Title, author and
date come from the document's information dictionary when it has them, else from the
first page: the title is its largest type, as a reader sees it; the rest, the text
reader's rules. A PDF with no text layer (a scan) is
skipped with a message that says so.
"""

from __future__ import annotations

import ctypes
import re
import statistics
from collections import Counter
from itertools import accumulate
from typing import NamedTuple

from ..model import Article
from .text import IngestError, clean_line, parse_article, sanitise

#: How many lines at the top and bottom of a page may be a running head or footer.
_EDGE = 3
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:/|of)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$",
    re.I,
)
_DIGITS = re.compile(r"\d+")
#: A table of contents' entry: a dot leader to a page number ("2.1 Naming . . . . . 3").
_CONTENTS_ENTRY = re.compile(r"(?:\.\s?){4,}\s*(?P<page>\d{1,4}|[ivxlc]{1,7})$", re.I)
#: How many dot-leader lines in a row make a table of contents (or an index), not a
#: table of figures.
_CONTENTS_RUN = 3
_CONTENTS_HEADING = re.compile(r"^(?:table\s+of\s+)?contents$", re.I)
#: PDFium joins a word hyphenated across a line itself, marking the break U+FFFE.
_SOFT_BREAK = re.compile("\ufffe(.?)", re.S)
_BROKEN_WORD = re.compile(r"[^\W\d_]-$")
_SENTENCE_END = re.compile(r"""[.!?:;…]["'”’)\]]*$""")
#: The line breaks ``sanitise`` makes newlines of: PDFium's lines, split the same way.
_RAW_LINE_END = re.compile("(\r\n|[\r\n\x0c\u2028\u2029])")
#: A line's space above it ends a paragraph when the step from the line above is this
#: many times the page's usual step from baseline to baseline.
_GAP = 1.4
#: A first line's indent, in its type size (ems): at least, and at most (more is a column
#: or a table's cell, not an indent).
_INDENT = (0.5, 5.0)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d\d)?(\d\d)?")
#: Titles that are a file's or a tool's name, not the document's ("Microsoft Word - x.docx").
_NOT_A_TITLE = re.compile(
    r"^(?:untitled|microsoft\s+\w+\s+-|document\d*$)|\.(?:docx?|pdf|indd|rtf|odt|tex|qxd)\s*$",
    re.I,
)


class _Line(NamedTuple):
    """A line of a page's text, and where the page sets it: ``x``, where its first
    character starts; ``top`` and ``bottom``, the baselines of its first and last
    characters; ``size``, its first character's type size (0 when it starts where the line
    above does). No position (None) when PDFium's characters do not line up with its text.

    PDFium joins a word hyphenated at a line's end to its rest on the next line, making one
    line of two: ``tail`` is then how long the second is (0 for a line that is one), and
    ``bottom`` its baseline."""

    text: str
    x: float | None = None
    top: float | None = None
    bottom: float | None = None
    size: float = 0.0
    tail: int = 0


def parse_pdf(
    raw: bytes,
    *,
    id: str,
    path: str = "",
    meta: dict[str, str] | None = None,
    fingerprint: str = "",
) -> Article:
    """A PDF's bytes to an Article; ``meta`` (a sidecar's) overrides the document's own."""
    info, pages = _read(raw)
    if sum(len(line.text) for page in pages for line in page) < 20:
        raise IngestError(
            "no text layer (a scanned PDF?): run OCR on it first (e.g. ocrmypdf), "
            "then index the result"
        )
    text = "\n\n".join(_paragraphs(_drop_furniture(pages)))
    given = {**info, **(meta or {})}
    return parse_article(text, id=id, path=path, meta=given, fingerprint=fingerprint)


def _read(raw: bytes) -> tuple[dict[str, str], list[list[_Line]]]:
    """The information dictionary's title/author/date, and each page's text lines."""
    import pypdfium2 as pdfium

    if not raw.strip():
        raise IngestError("empty file")
    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise IngestError(
                f"unreadable PDF (password-protected): {exc}; put a decrypted copy in its "
                "place (qpdf --decrypt --password=PASSWORD in.pdf out.pdf)"
            ) from None
        raise IngestError(f"unreadable PDF (damaged): {exc}") from None
    try:
        info = _info(document.get_metadata_dict(skip_empty=True))
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            if index == 0 and "title" not in info:
                title = _largest_type(textpage)
                if title:
                    info["title"] = title
            pages.append(_lines(textpage))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise IngestError(f"unreadable PDF (damaged): {exc}") from None
    finally:
        document.close()
    return info, pages


def _lines(textpage) -> list[_Line]:
    """A page's non-blank lines, sanitised, soft hyphens resolved, each with its place."""
    import pypdfium2.raw as pdfium_c

    raw = textpage.get_text_range()
    parts = _RAW_LINE_END.split(raw)  # line, break, line, break, ..., line
    segments = parts[::2]
    texts = _SOFT_BREAK.sub(_unbreak, sanitise(raw)).split("\n")
    if len(texts) != len(segments):  # sanitising made or took line breaks: a line at a time
        texts = [_SOFT_BREAK.sub(_unbreak, sanitise(seg)).replace("\n", " ") for seg in segments]
    # Without PDFium's characters lining up with its text, no line has a place.
    placed = len(raw) == textpage.count_chars()
    origin, font_size = pdfium_c.FPDFText_GetCharOrigin, pdfium_c.FPDFText_GetFontSize
    page = textpage.raw
    x, y = ctypes.c_double(), ctypes.c_double()
    starts = [0, *accumulate(map(len, parts))]  # PDFium's index of each part's first character
    lines = []
    left = None
    for n, line in enumerate(texts):
        line = line.strip()
        if not line:
            continue
        segment = segments[n]
        tail = 0
        if "\ufffe" in segment:  # two lines joined at a hyphenated word
            end = len(segment.rstrip())
            tail = end - segment.rfind("\ufffe") - 1
        first = starts[2 * n]
        if segment[:1].isspace():
            first += len(segment) - len(segment.lstrip())
        if not placed or not origin(page, first, x, y):
            lines.append(_Line(line, tail=tail))
            continue
        top = bottom = y.value
        # Only a line set in from the one above may be a paragraph's indented start.
        size = font_size(page, first) if x.value != left else 0.0
        left = x.value
        if tail and origin(page, starts[2 * n] + end - 1, x, y):
            bottom = y.value
        lines.append(_Line(line, left, top, bottom, size, tail))
    return lines


def _largest_type(textpage) -> str:
    """The first page's line(s) set in its largest type, when that stands out from the
    text around it (a report's title page); "" when the page is all one size."""
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # the characters and their sizes no longer line up
        return ""
    lines: list[tuple[float, str]] = []
    sizes: list[float] = []
    start = 0
    for i, char in enumerate(text + "\n"):
        if char in "\r\n":
            line = clean_line(sanitise(text[start:i]))
            if line and any(c.isalpha() for c in line):
                size = max(pdfium_c.FPDFText_GetFontSize(textpage.raw, j) for j in range(start, i))
                lines.append((round(size, 1), line))
                sizes.extend([size] * len(line))
            start = i + 1
    if len(lines) < 2:
        return ""
    largest = max(size for size, _ in lines)
    usual = sorted(sizes)[len(sizes) // 2]
    if largest < usual * 1.2:
        return ""
    first = next(i for i, (size, _) in enumerate(lines) if size == largest)
    run = []
    for size, line in lines[first:]:
        if size != largest:
            break
        run.append(line)
    title = " ".join(run)
    return title if len(title.split()) <= 30 and not _NOT_A_TITLE.search(title) else ""


def _unbreak(m: re.Match[str]) -> str:
    """ "ne\ufffegotiations" is one word again; before a capital or a digit the hyphen
    was a real one ("Indo-\nPacific")."""
    following = m.group(1)
    return following if following[:1].islower() else "-" + following


def _info(values: dict[str, str]) -> dict[str, str]:
    info: dict[str, str] = {}
    title = clean_line(values.get("Title", ""))
    if len(title.split()) >= 2 and not _NOT_A_TITLE.search(title):
        info["title"] = title
    author = clean_line(values.get("Author", ""))
    if author and not _NOT_A_TITLE.search(author):
        info["author"] = author
    m = _PDF_DATE.match(values.get("CreationDate", "").strip())
    if m and m.group(2) and m.group(3):
        info["published"] = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return info


def _drop_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Without page numbers, without lines repeated at the top or bottom of many pages
    (digits aside: "Report 2024 | 7" and "Report 2024 | 8" are one running footer), and
    without the table of contents (its entries and its heading): a paper's way round, not
    text to read, and its page numbers mean nothing in the reader."""
    edges: Counter[str] = Counter()
    for lines in pages:
        shapes = {_DIGITS.sub("#", line.text).casefold() for line in lines[:_EDGE] + lines[-_EDGE:]}
        edges.update(shapes)
    repeated = {shape for shape, n in edges.items() if n >= 3 and n >= len(pages) * 0.5}
    kept = []
    for lines in pages:
        out = []
        for i, line in enumerate(lines):
            edge = i < _EDGE or i >= len(lines) - _EDGE
            text = line.text
            if edge and (_PAGE_NUMBER.match(text) or _DIGITS.sub("#", text).casefold() in repeated):
                continue
            out.append(line)
        kept.append(out)
    return _without_contents(kept)


def _without_contents(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Without a table of contents or an index: runs of lines with a dot leader to a page
    number this document has ("2.1 Naming . . . . . 3", "asn1_create . . . . 14"), and
    the "Contents" heading above one. A table of figures set with leaders ("Ferry fees
    ...... 125", "Total ...... 1105") refers to no page and stays, as does a lone line."""
    flat = [(p, i, line) for p, lines in enumerate(pages) for i, line in enumerate(lines)]
    entry = [_page_entry(line.text, len(pages)) for _, _, line in flat]
    drop: set[int] = set()
    k = 0
    while k < len(flat):
        end = k
        while end < len(flat) and entry[end]:
            end += 1
        if end - k >= _CONTENTS_RUN:
            drop.update(range(k, end))
            if k and _CONTENTS_HEADING.match(flat[k - 1][2].text):
                drop.add(k - 1)
        k = max(end, k + 1)
    kept: list[list[_Line]] = [[] for _ in pages]
    for n, (p, _, line) in enumerate(flat):
        if n not in drop:
            kept[p].append(line)
    return kept


def _page_entry(line: str, pages: int) -> bool:
    """A line with a dot leader to a page of a document of ``pages`` pages (or a roman
    numeral, as front matter is numbered)."""
    m = _CONTENTS_ENTRY.search(line)
    if not m:
        return False
    page = m.group("page")
    return not page.isdigit() or int(page) <= pages


def _paragraphs(pages: list[list[_Line]]) -> list[str]:
    """Lines re-joined into paragraphs, across page breaks too.

    A line ends its paragraph when it is short (a heading, the last line of a paragraph)
    or when it ends a sentence and the next line's first word would still have fitted on
    it: a wrapped line ends because the next word did not fit. The width is that of the
    lines as set: one PDFium made of two at a hyphenated word counts as the two. A line
    the layout sets apart (``_set_apart``) starts a paragraph, however full the line above.
    """
    starts = [start for page in pages for start in _set_apart(page)]
    lines = [line.text for page in pages for line in page]
    if not lines:
        return []
    # The lengths of the lines as set: a line PDFium joined at a hyphenated word is two.
    lasts = [line.tail or len(line.text) for page in pages for line in page]
    lengths = sorted(
        [*lasts, *(len(line.text) - line.tail for page in pages for line in page if line.tail)]
    )
    width = lengths[int(len(lengths) * 0.9)] if len(lengths) >= 10 else lengths[-1]
    paragraphs: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        if current and starts[i]:
            paragraphs.append(current)
            current = ""
        if not current:
            current = line
        elif current[-1] == "-" and _BROKEN_WORD.search(current[-2:]) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        following = lines[i + 1].split(" ", 1)[0] if i + 1 < len(lines) else ""
        fits = lasts[i] + 1 + len(following) <= width - 2
        if lasts[i] < width * 0.5 or (fits and _SENTENCE_END.search(line)) or not following:
            paragraphs.append(current)
            current = ""
    return paragraphs


def _set_apart(page: list[_Line]) -> list[bool]:
    """For each line of a page, whether the layout makes it a paragraph's first line:
    the step down from the line above is over ``_GAP`` times the page's usual step (its
    median), or the line is set in (``_INDENT``) from a left edge that most of the page's
    lines keep, the line after it keeps that edge again and the line above ends a
    sentence (a list item's or a signature's text set in under its first line goes on
    one). The first line of a page (a page break is no space) and a line that goes up the
    page (the next column) are not set apart by the step or the indent."""
    starts = [False] * len(page)
    placed = [line for line in page if line.x is not None]
    if len(placed) < 3:
        return starts
    # step[i]: how far line i is set below line i - 1 (None: unknown, or up the page)
    step: list[float | None] = [None] * len(page)
    for i in range(1, len(page)):
        above, line = page[i - 1], page[i]
        if above.bottom is not None and line.top is not None and above.bottom - line.top > 1:
            step[i] = above.bottom - line.top
    known = [x for x in step if x is not None]
    usual = statistics.median(known) if len(known) >= 2 else 0.0
    lefts = Counter(round(line.x) for line in placed)
    edges = [x for x, n in lefts.items() if n >= 3 and n * 5 >= len(placed)]  # columns' edges
    for i in range(1, len(page)):
        above, line = page[i - 1], page[i]
        if above.bottom is None or line.top is None:
            continue
        if step[i] is not None and step[i] > _usual_step(step, i, usual) * _GAP:
            starts[i] = True
        elif edges and line.x != above.x and _SENTENCE_END.search(above.text):
            starts[i] = _indented(page, i, edges, lefts)
    return starts


def _usual_step(step: list[float | None], i: int, usual: float) -> float:
    """The line spacing ``step[i]`` is weighed against: the smaller of the steps just
    before and after it (the leading of the text around it), or the page's median where
    it has neither, and never under three quarters of that median. A table or footnotes set tighter than the body, with more lines than
    it, would make every body line's step a gap against the page's median."""
    around = [x for x in (step[i - 1], step[i + 1] if i + 1 < len(step) else None) if x]
    # (never far under the page's median: lines squeezed beside a drop cap are no leading)
    return max(min(around), usual * 0.75) if around else usual


def _indented(page: list[_Line], i: int, edges: list[int], lefts: Counter[int]) -> bool:
    """Whether ``page[i]`` is a paragraph's first line set in from one of the page's left
    ``edges``: the line above does not start where it does, the line below is back at the
    edge, and fewer of the page's lines start where it does than at the edge."""
    line = page[i]
    x = round(line.x)
    if round(page[i - 1].x) == x or i + 1 == len(page) or page[i + 1].x is None:
        return False
    size = line.size or 10.0
    for edge in edges:
        if (
            _INDENT[0] * size <= x - edge <= _INDENT[1] * size
            and round(page[i + 1].x) == edge
            and lefts[x] < lefts[edge]
        ):
            return True
    return False
