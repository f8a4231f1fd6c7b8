"""PDF reports to articles, through pypdfium2 (PDFium, the PDF engine of Chromium).

PDFium gives each page's text a line at a time, as the page lays it out. A report's
paragraphs are rebuilt from those lines: a word broken at a line's end ("ne-\\ngotiations")
is joined again, a line that runs to the full width continues on the next one, and a
line that ends a sentence short of the width ends its paragraph. The running heads,
footers and page numbers a report repeats on every page are removed. Title, author and
date come from the document's information dictionary when it has them, else from the
first page: the title is its largest type, as a reader sees it; the rest, the text
reader's rules. A PDF with no text layer (a scan) is
skipped with a message that says so.
"""

from __future__ import annotations

import re
from collections import Counter

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
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d\d)?(\d\d)?")
#: Titles that are a file's or a tool's name, not the document's ("Microsoft Word - x.docx").
_NOT_A_TITLE = re.compile(
    r"^(?:untitled|microsoft\s+\w+\s+-|document\d*$)|\.(?:docx?|pdf|indd|rtf|odt|tex|qxd)\s*$",
    re.I,
)


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
    if sum(len(line) for page in pages for line in page) < 20:
        raise IngestError(
            "no text layer (a scanned PDF?): run OCR on it first (e.g. ocrmypdf), "
            "then index the result"
        )
    text = "\n\n".join(_paragraphs(_drop_furniture(pages)))
    given = {**info, **(meta or {})}
    return parse_article(text, id=id, path=path, meta=given, fingerprint=fingerprint)


def _read(raw: bytes) -> tuple[dict[str, str], list[list[str]]]:
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
            text = _SOFT_BREAK.sub(_unbreak, sanitise(textpage.get_text_range()))
            textpage.close()
            page.close()
            pages.append([line.strip() for line in text.split("\n") if line.strip()])
    except pdfium.PdfiumError as exc:
        raise IngestError(f"unreadable PDF (damaged): {exc}") from None
    finally:
        document.close()
    return info, pages


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


def _drop_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Without page numbers, without lines repeated at the top or bottom of many pages
    (digits aside: "Report 2024 | 7" and "Report 2024 | 8" are one running footer), and
    without the table of contents (its entries and its heading): a paper's way round, not
    text to read, and its page numbers mean nothing in the reader."""
    edges: Counter[str] = Counter()
    for lines in pages:
        shapes = {_DIGITS.sub("#", line).casefold() for line in lines[:_EDGE] + lines[-_EDGE:]}
        edges.update(shapes)
    repeated = {shape for shape, n in edges.items() if n >= 3 and n >= len(pages) * 0.5}
    kept = []
    for lines in pages:
        out = []
        for i, line in enumerate(lines):
            edge = i < _EDGE or i >= len(lines) - _EDGE
            if edge and (_PAGE_NUMBER.match(line) or _DIGITS.sub("#", line).casefold() in repeated):
                continue
            out.append(line)
        kept.append(out)
    return _without_contents(kept)


def _without_contents(pages: list[list[str]]) -> list[list[str]]:
    """Without a table of contents or an index: runs of lines with a dot leader to a page
    number this document has ("2.1 Naming . . . . . 3", "asn1_create . . . . 14"), and
    the "Contents" heading above one. A table of figures set with leaders ("Ferry fees
    ...... 125", "Total ...... 1105") refers to no page and stays, as does a lone line."""
    flat = [(p, i, line) for p, lines in enumerate(pages) for i, line in enumerate(lines)]
    entry = [_page_entry(line, len(pages)) for _, _, line in flat]
    drop: set[int] = set()
    k = 0
    while k < len(flat):
        end = k
        while end < len(flat) and entry[end]:
            end += 1
        if end - k >= _CONTENTS_RUN:
            drop.update(range(k, end))
            if k and _CONTENTS_HEADING.match(flat[k - 1][2]):
                drop.add(k - 1)
        k = max(end, k + 1)
    kept: list[list[str]] = [[] for _ in pages]
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


def _paragraphs(pages: list[list[str]]) -> list[str]:
    """Lines re-joined into paragraphs, across page breaks too.

    A line ends its paragraph when it is short (a heading, the last line of a paragraph)
    or when it ends a sentence and the next line's first word would still have fitted on
    it: a wrapped line ends because the next word did not fit.
    """
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(len(lengths) * 0.9)] if len(lengths) >= 10 else lengths[-1]
    paragraphs: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        if not current:
            current = line
        elif _BROKEN_WORD.search(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        following = lines[i + 1].split(" ", 1)[0] if i + 1 < len(lines) else ""
        fits = len(line) + 1 + len(following) <= width - 2
        if len(line) < width * 0.5 or (fits and _SENTENCE_END.search(line)) or not following:
            paragraphs.append(current)
            current = ""
    return paragraphs
