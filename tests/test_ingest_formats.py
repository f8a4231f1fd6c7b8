"""Saved web pages and PDF reports: what a user sees of them once indexed.

PDFs are made here, by hand (a few objects and a cross-reference table): no binary fixture.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import ingest
from search.ingest import pdf
from search.model import Article, Skipped


def make_pdf(pages: list[list[str | tuple]], info: dict[str, str] | None = None) -> bytes:
    """A small valid PDF: each page a list of lines in Helvetica, top to bottom, 14 pt
    apart, in 10 pt or in the size a ``(points, text)`` line gives; ``("space", points)``
    leaves that much more space before the next line, ``("indent", text)`` sets a line
    20 pt in from the left edge."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages_id = add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for lines in pages:
        ops = [b"BT /F1 10 Tf 14 TL 50 774 Td"]
        for line in lines:
            kind = line[0] if isinstance(line, tuple) else None
            if kind == "space":  # ("space", points): space before the next line
                ops.append(b"0 -%d Td" % line[1])
                continue
            if kind == "indent":  # ("indent", text): a line set in from the edge
                esc = line[1].replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                text = esc.encode("latin-1")
                ops.append(b"/F1 10 Tf 14 TL T* 20 0 Td (" + text + b") Tj -20 0 Td")
                continue
            if isinstance(line, tuple):  # (points, text): a line in its own type size
                size, line = line
                ops.append(b"/F1 %d Tf %d TL" % (size, size * 1.4))
            else:
                ops.append(b"/F1 10 Tf 14 TL")
            esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(b"T* (" + esc.encode("latin-1") + b") Tj")
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_id, font, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info_id = None
    if info:
        entries = b" ".join(
            b"/%s (%s)" % (k.encode(), v.encode("latin-1")) for k, v in info.items()
        )
        info_id = add(b"<< " + entries + b" >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info_id:
        trailer += b" /Info %d 0 R" % info_id
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PARAGRAPHS = [
    "The harbour authority said on Tuesday that the new container terminal would open "
    "in the spring, two years later than first planned, after a dispute over dredging.",
    "Shipping lines had pressed for an earlier date. Several of them now route cargo "
    "through a rival port further up the coast, where fees are lower and berths are free.",
    "Officials said the delay would not change the total cost of the project.",
]


def wrapped(text: str, width: int = 78) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


LATER = [
    "Dredging contractors blamed the weather for most of the delay, and said the work "
    "would be finished before the autumn storms if the permits arrived on time.",
    "The union representing crane drivers welcomed the news, saying its members needed "
    "more time to train on the automated equipment the terminal will use.",
    "A public hearing on the revised budget is expected to take place in the summer, "
    "where residents will be able to ask questions about noise and traffic.",
]


def report_pages(n: int = 3) -> list[list[str]]:
    """A report: the article's paragraphs on page 1, other text on the next pages, and
    the same running head and a page number on every page."""
    pages = []
    for page in range(1, n + 1):
        lines = ["Ports Review | Quarterly report"]
        for paragraph in PARAGRAPHS if page == 1 else LATER[page % 3 :] + LATER[: page % 3]:
            lines += wrapped(paragraph)
        lines.append(f"Page {page} of {n}")
        pages.append(lines)
    return pages


# --------------------------------------------------------------------------- PDF


def test_pdf_metadata_comes_from_the_information_dictionary(tmp_path):
    info = {
        "Title": "Harbour terminal delayed",
        "Author": "Mara Quist",
        "CreationDate": "D:20240315093000Z",
    }
    path = write(tmp_path, "report.pdf", make_pdf(report_pages(), info))
    article = ingest.read_article(path, tmp_path)
    assert isinstance(article, Article)
    assert article.title == "Harbour terminal delayed"
    assert article.author == "Mara Quist"
    assert article.published == dt.date(2024, 3, 15)


def test_pdf_lines_are_rejoined_into_the_paragraphs_of_the_report(tmp_path):
    path = write(
        tmp_path, "report.pdf", make_pdf(report_pages(), {"Title": "Harbour terminal delayed"})
    )
    article = ingest.read_article(path, tmp_path)
    paragraphs = article.body.split("\n\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in paragraphs


def test_pdf_running_heads_and_page_numbers_are_removed(tmp_path):
    path = write(
        tmp_path, "report.pdf", make_pdf(report_pages(), {"Title": "Harbour terminal delayed"})
    )
    article = ingest.read_article(path, tmp_path)
    assert "Quarterly report" not in article.body
    assert "Page 2 of 3" not in article.body


def test_pdf_table_of_contents_is_not_read_as_text(tmp_path):
    """A report's contents page (dot leaders to page numbers) is not text to read: the
    reader shows the report from its first section, and the entries' numbers are gone."""
    contents = [
        "Table of Contents",
        "1 Introduction . . . . . . . . . . . . . . . . . . . . . . . . 1",
        "2 The terminal and its berths. . . . . . . . . . . . . . . . . . 4",
        "2.1 Dredging ........................................ 3",
        "Appendix A Sources . . . . . . . . . . . . . . . . . . . . . . . ii",
    ]
    pages = [contents, *report_pages()]
    path = write(tmp_path, "report.pdf", make_pdf(pages, {"Title": "Harbour terminal delayed"}))
    article = ingest.read_article(path, tmp_path)
    assert isinstance(article, Article)
    assert ". . ." not in article.body and "...." not in article.body
    assert "Contents" not in article.body and "Appendix A" not in article.body
    assert article.body.split("\n\n")[0] == PARAGRAPHS[0]


def test_pdf_table_of_figures_with_dot_leaders_stays(tmp_path):
    """Accounts set with dot leaders refer to no page of the report: they are its text."""
    figures = [
        "Ferry fees ........................ 125",
        "Berth rental ...................... 980",
        "Total ............................. 1105",
    ]
    pages = [[*wrapped(PARAGRAPHS[0]), *figures, *wrapped(PARAGRAPHS[1])]]
    path = write(tmp_path, "report.pdf", make_pdf(pages, {"Title": "Harbour terminal delayed"}))
    article = ingest.read_article(path, tmp_path)
    for line in figures:
        assert line.split(" ")[0] in article.body


def test_pdf_prose_with_an_ellipsis_or_a_contents_word_stays(tmp_path):
    line = "The contents of the report were leaked . . . and the minister resigned in 2024."
    pages = [[*wrapped(PARAGRAPHS[0]), "Contents", *wrapped(line), *wrapped(PARAGRAPHS[1])]]
    path = write(tmp_path, "report.pdf", make_pdf(pages, {"Title": "Harbour terminal delayed"}))
    article = ingest.read_article(path, tmp_path)
    assert "leaked . . . and the minister" in article.body
    assert "Contents" in article.body


def test_pdf_word_hyphenated_at_a_line_end_is_one_word_again(tmp_path):
    lines = [
        "The committee met on Tuesday to discuss the continuing wage ne-",
        "gotiations with the dockers' union, which began in the early spring.",
    ]
    path = write(tmp_path, "r.pdf", make_pdf([lines], {"Title": "Wage talks at the port"}))
    article = ingest.read_article(path, tmp_path)
    assert "wage negotiations with" in article.body


#: A report set the way typesetters set one: paragraphs whose last line is nearly full
#: (there is no room on it for the next paragraph's first word), one word broken across
#: two lines.
SET = [
    [
        "The harbour authority said on Tuesday that the new container terminal would",
        "open in the spring, two years later than first planned, after a long ne-",
        "gotiation with the dredging firms over the depth of the channel and its cost.",
    ],
    [
        "Shipping lines had pressed for an earlier date. Several of them now route",
        "their cargo through a rival port further up the coast, where fees are lower",
        "and where berths are free for the larger ships of the fleet, officials said.",
    ],
    [
        "Dredging contractors blamed the weather for most of the delay, and said the",
        "work would be finished before the autumn storms if the permits came on time.",
    ],
]
SET_TEXT = [
    "The harbour authority said on Tuesday that the new container terminal would open in "
    "the spring, two years later than first planned, after a long negotiation with the "
    "dredging firms over the depth of the channel and its cost.",
    "Shipping lines had pressed for an earlier date. Several of them now route their cargo "
    "through a rival port further up the coast, where fees are lower and where berths are "
    "free for the larger ships of the fleet, officials said.",
    "Dredging contractors blamed the weather for most of the delay, and said the work would "
    "be finished before the autumn storms if the permits came on time.",
]


def _set(spacing: str) -> list[str | tuple]:
    """``SET`` as one page's lines: paragraphs set apart by ``"space"``, by an ``"indent"``
    of the first line, or by nothing at all (``"none"``)."""
    lines: list[str | tuple] = []
    for n, paragraph in enumerate(SET):
        if spacing == "space" and n:
            lines.append(("space", 10))  # 24 pt from baseline to baseline, not 14
        first, *rest = paragraph
        lines += [("indent", first) if spacing == "indent" else first, *rest]
    return lines


def test_pdf_fixture_paragraphs_end_on_full_lines():
    """What the layout tests below stand on: by length alone, no paragraph of ``SET`` ends."""
    width = max(len(line) for paragraph in SET for line in paragraph)
    for paragraph, following in zip(SET, SET[1:], strict=False):
        assert len(paragraph[-1]) + 1 + len(following[0].split()[0]) > width - 2


@pytest.mark.parametrize("spacing", ["space", "indent"])
def test_pdf_paragraphs_the_page_sets_apart_stay_apart_though_their_last_line_is_full(
    tmp_path, spacing
):
    """Space between paragraphs (24 pt where lines are 14 pt apart), or an indented first
    line, ends the paragraph above however full its last line: no two run into one."""
    raw = make_pdf([_set(spacing)], {"Title": "Harbour terminal delayed"})
    article = ingest.read_article(write(tmp_path, "report.pdf", raw), tmp_path)
    assert article.body.split("\n\n") == SET_TEXT


def test_pdf_a_table_set_tighter_than_the_text_cuts_no_paragraph_of_the_text(tmp_path):
    """A table (or footnotes) in small type with more lines than the report's text made
    the page's usual line spacing the table's: every line of the text stood "apart", and
    the text fell into one-line pieces the reader then threw away. Each line is weighed
    against the spacing of the lines around it."""
    table = [(7, f"Pier {n}    {100 + 7 * n} berths    {3 * n} months") for n in range(1, 15)]
    lines = [*_set("space"), ("space", 10), *table]
    assert len(table) > sum(len(p) for p in SET)  # the table holds most of the page's lines
    raw = make_pdf([lines], {"Title": "Harbour terminal delayed"})
    article = ingest.read_article(write(tmp_path, "report.pdf", raw), tmp_path)
    assert article.body.split("\n\n")[: len(SET_TEXT)] == SET_TEXT


def test_pdf_word_hyphenated_across_lines_of_a_spaced_report_is_one_word_in_its_paragraph(
    tmp_path,
):
    """PDFium joins "ne-/gotiation" into one line that spans two baselines: the line after
    it is no farther below it than usual, so its paragraph goes on."""
    raw = make_pdf([_set("space")], {"Title": "Harbour terminal delayed"})
    article = ingest.read_article(write(tmp_path, "report.pdf", raw), tmp_path)
    assert article.body.split("\n\n")[0] == SET_TEXT[0]


def hyphenated(text: str, width: int) -> list[str]:
    """``text`` set in lines of up to ``width`` characters, as a typesetter that hyphenates
    does: a long word that does not fit is broken ("negoti-" / "ations")."""
    lines, line = [], ""
    for word in text.split():
        room = width - len(line) - 2
        if (
            line
            and len(line) + 1 + len(word) > width
            and word.isalpha()
            and 2 <= room <= len(word) - 2
        ):
            lines.append(f"{line} {word[:room]}-")
            line = word[room:]
        elif line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def test_pdf_single_spaced_report_with_many_hyphenated_lines_keeps_its_paragraphs(tmp_path):
    """PDFium makes one line of two where a word is hyphenated: the report's width is
    still that of its lines as set, so its full lines are not taken for short ones."""
    texts = [*PARAGRAPHS, *LATER]
    lines = [line for text in texts for line in hyphenated(text, 40)]
    assert sum(line.endswith("-") for line in lines) * 10 > len(lines)
    raw = make_pdf([lines], {"Title": "Harbour terminal delayed"})
    article = ingest.read_article(write(tmp_path, "report.pdf", raw), tmp_path)
    paragraphs = article.body.split("\n\n")
    for text in texts:  # none is cut in pieces (two may still run into one: no space)
        assert any(text in paragraph for paragraph in paragraphs)


def test_pdf_running_heads_are_removed_from_a_report_set_with_space(tmp_path):
    """Running heads and page numbers, set apart by space too, are still removed; a
    paragraph carried over to the next page goes on under that page's head (a page
    break is no space)."""
    *before, carried = _set("space")
    bodies = [before, [carried, ("space", 10), *wrapped(LATER[0])], wrapped(LATER[1])]
    pages = [
        ["Ports Review | Quarterly report", ("space", 12), *body, ("space", 20), f"Page {n}"]
        for n, body in enumerate(bodies, 1)
    ]
    raw = make_pdf(pages, {"Title": "Harbour terminal delayed"})
    article = ingest.read_article(write(tmp_path, "report.pdf", raw), tmp_path)
    assert "Quarterly report" not in article.body and "Page 2" not in article.body
    assert article.body.split("\n\n") == [*SET_TEXT, LATER[0], LATER[1]]


@st.composite
def _paragraphs(draw) -> list[str]:
    """Paragraphs of sentences of words no two alike (a line said twice at a page's top or
    bottom would be a running head), with no roman numeral's letter (a page number)."""
    words = draw(
        st.lists(
            st.text(alphabet="abefghjknoprstuwyz", min_size=2, max_size=10),
            min_size=8,
            max_size=160,
            unique=True,
        )
    )
    paragraphs, sentence, sentences = [], [], []
    for word in words:
        sentence.append(word)
        if len(sentence) >= 3 and draw(st.integers(0, 9)) == 0:
            sentences.append(" ".join(sentence).capitalize() + ".")
            sentence = []
            if draw(st.booleans()):
                paragraphs.append(" ".join(sentences))
                sentences = []
    if sentence:
        sentences.append(" ".join(sentence).capitalize() + ".")
    if sentences:
        paragraphs.append(" ".join(sentences))
    return paragraphs


@given(
    paragraphs=_paragraphs(),
    spacing=st.lists(st.sampled_from(["none", "space", "indent"]), min_size=60, max_size=60),
    per_page=st.integers(min_value=3, max_value=30),
    width=st.integers(min_value=40, max_value=90),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_pdf_paragraphs_lose_no_words_whatever_the_layout(paragraphs, spacing, per_page, width):
    """However paragraphs are set apart (space, an indent, nothing) and wherever the
    pages break, the paragraphs read from the PDF have every word of it, in order."""
    lines: list[str | tuple] = []
    for paragraph, how in zip(paragraphs, spacing, strict=False):
        first, *rest = wrapped(paragraph, width)
        if how == "space" and lines:
            lines.append(("space", 10))
        lines += [("indent", first) if how == "indent" else first, *rest]
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    raw = make_pdf(pages, {"Title": "Harbour terminal delayed"})
    _, read = pdf._read(raw)
    text = " ".join(pdf._paragraphs(pdf._drop_furniture(read)))
    assert text.split() == " ".join(paragraphs).split()


@given(
    paragraphs=_paragraphs(),
    per_page=st.integers(min_value=3, max_value=30),
    width=st.integers(min_value=40, max_value=90),
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_pdf_single_spaced_flush_text_keeps_the_paragraphs_line_lengths_give(
    paragraphs, per_page, width
):
    """A PDF with no space between paragraphs and no indent reads as it did before the
    layout was read: the paragraphs are those its lines' lengths alone give."""
    lines = [line for paragraph in paragraphs for line in wrapped(paragraph, width)]
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    raw = make_pdf(pages, {"Title": "Harbour terminal delayed"})
    _, read = pdf._read(raw)
    assert any(line.x is not None for page in read for line in page)
    by_length = [[pdf._Line(line.text) for line in page] for page in read]
    expected = pdf._paragraphs(pdf._drop_furniture(by_length))
    assert pdf._paragraphs(pdf._drop_furniture(read)) == expected


def test_pdf_without_info_takes_its_title_from_the_first_page_not_the_file_name(tmp_path):
    pages = [
        [
            "Harbour terminal delayed by two years",
            "",
            *wrapped(PARAGRAPHS[0]),
            *wrapped(PARAGRAPHS[1]),
        ]
    ]
    path = write(tmp_path, "scan_0001.pdf", make_pdf(pages))
    article = ingest.read_article(path, tmp_path)
    assert article.title == "Harbour terminal delayed by two years"


def test_pdf_title_page_gives_the_title_in_its_largest_type(tmp_path):
    """A report's cover: a short name in big type, a subtitle and authors in smaller type.
    The title is what the reader sees largest, not the longest line near the top."""
    pages = [
        [
            (11, "Working paper series, number 14"),
            (24, "Harbour Futures"),
            (24, "Ports after the Strike"),
            (14, "A review of wage talks and terminal delays in three cities"),
            (12, "Ana Ortiz and Lee Park"),
            *wrapped(PARAGRAPHS[0]),
        ],
        wrapped(PARAGRAPHS[1]),
    ]
    path = write(tmp_path, "wp14.pdf", make_pdf(pages))
    article = ingest.read_article(path, tmp_path)
    assert article.title == "Harbour Futures Ports after the Strike"
    assert PARAGRAPHS[0] in article.body


def test_pdf_information_title_still_wins_over_the_largest_type(tmp_path):
    pages = [[(24, "Annual Review"), *wrapped(PARAGRAPHS[0]), *wrapped(PARAGRAPHS[1])]]
    path = write(tmp_path, "r.pdf", make_pdf(pages, {"Title": "Harbour terminal delayed"}))
    assert ingest.read_article(path, tmp_path).title == "Harbour terminal delayed"


def test_pdf_with_no_text_layer_is_skipped_saying_so(tmp_path):
    path = write(tmp_path, "scan.pdf", make_pdf([[], []]))
    result = ingest.read_article(path, tmp_path)
    assert isinstance(result, Skipped)
    assert "no text layer" in result.reason


@pytest.mark.parametrize("raw", [b"%PDF-1.4\nnot really", b"\x00" * 64, b"hello"])
def test_damaged_pdf_is_skipped_as_unreadable(tmp_path, raw):
    result = ingest.read_article(write(tmp_path, "bad.pdf", raw), tmp_path)
    assert isinstance(result, Skipped)
    assert "unreadable PDF" in result.reason


def test_pdf_sidecar_overrides_the_document(tmp_path):
    write(tmp_path, "report.meta.toml", 'title = "Port of Velm: annual review"\n')
    path = write(
        tmp_path, "report.pdf", make_pdf(report_pages(), {"Title": "Harbour terminal delayed"})
    )
    assert ingest.read_article(path, tmp_path).title == "Port of Velm: annual review"


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour terminal delayed | The Velm Courier</title>
<meta property="og:title" content="Harbour terminal delayed">
<meta property="og:site_name" content="The Velm Courier">
<meta name="author" content="Mara Quist">
<meta property="article:published_time" content="2024-03-15T09:30:00Z">
<link rel="canonical" href="https://courier.example/harbour">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/login">Sign in</a></li></ul></nav>
<article><h1>Harbour terminal delayed</h1>
<p>{}</p><p>{}</p>
<ul><li>Berths: twelve</li><li>Cranes: four</li></ul>
<p>{}</p></article>
<aside><h3>Most read</h3><ul><li><a href="/a">Council votes on bus lanes tonight</a></li>
<li><a href="/b">Ferry timetable changes from May</a></li></ul></aside>
<footer><p>Contact the newsroom</p><p>&copy; 2024 The Velm Courier. All rights reserved.</p></footer>
</body></html>
""".format(*PARAGRAPHS)


@pytest.fixture
def page(tmp_path) -> Article:
    article = ingest.read_article(write(tmp_path, "harbour.html", PAGE), tmp_path)
    assert isinstance(article, Article)
    return article


def test_html_article_text_keeps_paragraphs_and_list_items(page):
    paragraphs = page.body.split("\n\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in paragraphs
    assert any("Cranes: four" in p for p in paragraphs)


@pytest.mark.parametrize(
    "heading", ["<h1>Harbour terminal delayed</h1>", "<h2>HARBOUR TERMINAL DELAYED.</h2>"]
)
def test_html_headline_inside_the_article_is_not_its_first_paragraph(tmp_path, heading):
    """The reader shows the title above the text: the page's heading, kept in the
    article's block, does not open the text again (whatever its case or full stop)."""
    page = PAGE.replace("<h1>Harbour terminal delayed</h1>", heading)
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.body.split("\n\n")[0] == PARAGRAPHS[0]


def test_html_furniture_is_gone(page):
    for furniture in ("Sign in", "Ferry timetable", "All rights reserved", "Most read"):
        assert furniture not in page.body


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("March 14, 2024 at 08:45 AM | categories: Port, Ferries | View Comments", False),
        ("By Ann Lee | 3 Comments", False),
        ("March 14, 2024 | Berths: twelve", True),  # a part that is no particular
    ],
)
def test_html_line_of_the_posts_particulars_atop_the_text_is_gone(tmp_path, line, kept):
    heading = "<h1>Harbour terminal delayed</h1>"
    page = PAGE.replace(heading, f"{heading}<p>{line}</p>")
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert (line in article.body) == kept
    assert PARAGRAPHS[0] in article.body


@pytest.mark.parametrize("label", ["Release Date:", "Last updated:"])
def test_html_date_label_without_its_date_is_gone(tmp_path, label):
    """The page's date stood in an element the extraction drops; its label alone says
    nothing (one with its date stays)."""
    heading = "<h1>Harbour terminal delayed</h1>"
    page = PAGE.replace(
        heading, f"{heading}<p>{label}</p><p>{PARAGRAPHS[2]}</p><p>Date: March 3</p>"
    )
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert label not in article.body.split("\n\n")
    assert "Date: March 3" in article.body.split("\n\n")


def test_html_furniture_inside_the_article_is_gone(tmp_path):
    """A newsletter box or a rights line set inside the article's markup goes; the short
    paragraphs and list items around it stay."""
    page = PAGE.replace(
        "<ul><li>Berths: twelve</li>",
        "<p>Sign up for the Courier newsletter and never miss our top stories</p>"
        "<p>&copy; 2024 Velm Courier Ltd. All rights reserved</p>"
        "<p>Image credit: Ann Lee</p><ul><li>Berths: twelve</li>",
    )
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    for furniture in ("newsletter", "rights reserved", "Image credit"):
        assert furniture not in article.body
    assert "Berths: twelve" in article.body and "Cranes: four" in article.body


def test_html_metadata(page):
    assert page.title == "Harbour terminal delayed"
    assert page.author == "Mara Quist"
    assert page.published == dt.date(2024, 3, 15)
    assert page.source == "The Velm Courier"
    assert page.url == "https://courier.example/harbour"


@pytest.mark.parametrize(
    ("og_title", "masthead"),
    [
        ("Velm harbour terminal opening delayed again by crane shortage", ""),
        ("Harbour terminal delayed - The Velm Courier - News, Sport and Weather", ""),
        ("Harbour terminal delayed", "<h1>The Velm Courier</h1>"),
        ("Harbour terminal delayed | The Velm Courier", "<h1>The Velm Courier</h1>"),
    ],
)
def test_html_headline_is_the_one_the_reader_sees(tmp_path, og_title, masthead):
    """The metadata's title may be a wording for sharing or carry the site's name; the
    page's own heading is the headline (and a masthead's heading is not)."""
    page = PAGE.replace(
        '<meta property="og:title" content="Harbour terminal delayed">',
        f'<meta property="og:title" content="{og_title}">',
    ).replace("<nav>", masthead + "<nav>")
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.title == "Harbour terminal delayed"


@pytest.mark.parametrize(
    ("meta_title", "heading", "expected"),
    [
        # the page's only heading, in other words than its metadata's
        ("About us - Velm", "A port town's paper since 1882", "A port town's paper since 1882"),
        ("escenic", "Harbour terminal opening put back", "Harbour terminal opening put back"),
        # the only heading is the site's name, as the title's last part says: not the headline
        (
            "Harbour terminal delayed | Velm Daily News",
            "Velm Daily News",
            "Harbour terminal delayed | Velm Daily News",
        ),
    ],
)
def test_html_pages_only_heading_is_the_headline(tmp_path, meta_title, heading, expected):
    page = (
        PAGE.replace("<title>Harbour terminal delayed | The Velm Courier</title>", "")
        .replace('content="Harbour terminal delayed"', f'content="{meta_title}"')
        .replace("<h1>Harbour terminal delayed</h1>", f"<h1>{heading}</h1>")
    )
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.title == expected


@pytest.mark.parametrize(
    "lone",
    [
        # a blog theme's masthead, the post's title set as an <h2>, no og:site_name
        "<header><h1>Notes From A Small Harbour</h1></header>",
        # a newsletter's promotion above the story
        '<div class="promo"><h1>Get our free morning briefing every day</h1></div>',
    ],
)
def test_html_lone_heading_is_no_headline_over_a_title_that_names_the_story(tmp_path, lone):
    """The page's only level-1 heading is a masthead's or a promotion's when the metadata
    title names a story (and the heading is not the page's address): the title stands."""
    page = (
        PAGE.replace('<meta property="og:site_name" content="The Velm Courier">', "")
        .replace("<title>Harbour terminal delayed | The Velm Courier</title>", "")
        .replace("<h1>Harbour terminal delayed</h1>", "<h2>Harbour terminal delayed</h2>")
        .replace("<nav>", lone + "<nav>")
    )
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.title == "Harbour terminal delayed"


def test_html_lone_heading_that_is_the_pages_address_is_the_headline(tmp_path):
    # The metadata's title is another wording; the heading is the story's own slug.
    heading = "Velm harbour terminal opening put back to the spring"
    page = PAGE.replace(
        "https://courier.example/harbour",
        "https://courier.example/news/velm-harbour-terminal-opening-put-back-to-the-spring/",
    ).replace("<h1>Harbour terminal delayed</h1>", f"<h1>{heading}</h1>")
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.title == heading


def test_html_site_name_that_is_the_headline_again_is_no_source(tmp_path):
    page = PAGE.replace(
        '<meta property="og:site_name" content="The Velm Courier">',
        '<meta property="og:site_name" content="Harbour terminal delayed">',
    ).replace("The Velm Courier", "The Courier")
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.title == "Harbour terminal delayed"
    assert article.source != article.title


@pytest.mark.parametrize(
    ("meta_author", "below", "expected"),
    [
        ("", "<div><span>By</span><a href='/lee'>Ann Lee</a></div>", "Ann Lee"),
        ("", "<p>Posted on March 14, 2024 by Kay Moreno</p>", "Kay Moreno"),
        ("", "<p>Opinion | By Ann Lee | March 14, 2024</p>", "Ann Lee"),
        ("Art Ekwall says", "<p>By Ann Lee</p>", "Ann Lee"),
        ("Ann Lee, Tom Roe", "<p>By Ann Lee</p>", "Ann Lee, Tom Roe"),
        ("", "<p>&copy; Provided by The Guardian</p>", ""),
        ("", "<p>By Rosa de la Vega</p>", "Rosa de la Vega"),  # two particles
        ("", "<p>&mdash; by Ann Lee</p>", "Ann Lee"),  # after a rule of dashes
        ("Velm Courier", "<p>By Piet van der Linde</p>", "Piet van der Linde"),
    ],
)
def test_html_byline_below_the_headline(tmp_path, meta_author, below, expected):
    """The byline a reader sees under the headline names the author when the markup names
    nobody, or someone else (a commenter); a credit line is no byline."""
    page = PAGE.replace(
        '<meta name="author" content="Mara Quist">',
        f'<meta name="author" content="{meta_author}">' if meta_author else "",
    ).replace("<h1>Harbour terminal delayed</h1>", "<h1>Harbour terminal delayed</h1>" + below)
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.author == expected


def test_html_byline_a_blogs_description_opens_with(tmp_path):
    """A blog's description is the post's first words, its byline among them: the names
    are the author when nothing else names one, and the description is no standfirst."""
    page = PAGE.replace(
        '<meta name="author" content="Mara Quist">',
        '<meta property="og:description" content="Posted by Ann Lee and Tom Roe - Port team '
        'The new harbour terminal will open a year late ...">',
    )
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.author == "Ann Lee and Tom Roe"
    assert article.standfirst == ""


@pytest.mark.parametrize("opening", ["By Monday, the council", "Posted in Harbour news"])
def test_html_description_that_opens_otherwise_names_no_author(tmp_path, opening):
    page = PAGE.replace(
        '<meta name="author" content="Mara Quist">',
        f'<meta property="og:description" content="{opening} will know more.">',
    )
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.author == ""
    assert article.standfirst.startswith(opening)


def test_html_sidecar_overrides_the_page(tmp_path):
    write(tmp_path, "harbour.meta.toml", 'author = "Desk"\npublished = "2024-03-16"\n')
    article = ingest.read_article(write(tmp_path, "harbour.html", PAGE), tmp_path)
    assert (article.author, article.published) == ("Desk", dt.date(2024, 3, 16))


def test_html_date_on_a_line_below_the_headline_when_the_markup_names_none(tmp_path):
    page = PAGE.replace(
        '<meta property="article:published_time" content="2024-03-15T09:30:00Z">', ""
    )
    page = page.replace(
        "<h1>Harbour terminal delayed</h1>",
        "<h1>Harbour terminal delayed</h1><div>Posted on March 14, 2024</div>",
    )
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.published == dt.date(2024, 3, 14)


@pytest.mark.parametrize(
    ("shown", "teaser"),
    [
        # the markup's date is another: the first version's
        ("<p>Updated Mar 18, 2024 @ 10:42 am</p>", ""),
        # none in the markup; the page's date elements have a teaser's, older
        (
            "<p class='date'>Written: 2024-03-18 15:03 / Updated: 2024-03-18 15:30</p>",
            "<aside><a href='/c'>Tides turn</a><p class='date'>2024-03-02</p></aside>",
        ),
    ],
)
def test_html_date_the_reader_sees_below_the_headline_goes_first(tmp_path, shown, teaser):
    page = PAGE.replace(
        "<h1>Harbour terminal delayed</h1>", "<h1>Harbour terminal delayed</h1>" + shown
    ).replace("</article>", "</article>" + teaser)
    if teaser:
        page = page.replace(
            '<meta property="article:published_time" content="2024-03-15T09:30:00Z">', ""
        )
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.published == dt.date(2024, 3, 18)


_STATED = '<meta property="article:published_time" content="2024-03-15T09:30:00Z">'
_STATED_LD = (
    '<script type="application/ld+json">{"@type": "NewsArticle", '
    '"datePublished": "2024-03-18T09:30:00Z"}</script>'
)


@pytest.mark.parametrize(
    ("stated", "box"),
    [
        # a box of related stories right under the headline
        (
            '<meta property="article:published_time" content="2024-03-18T09:30:00Z">',
            "<div class='related-stories'><a href='/t'>Tides turn at the north quay</a>"
            "<p>March 2, 2021</p></div>",
        ),
        (
            _STATED_LD,
            "<aside><a href='/t'>Tides turn at the north quay</a><p>March 2, 2021</p></aside>",
        ),
        # a date further down than the story's own would stand, in a box no class names
        (
            '<meta property="article:published_time" content="2024-03-18T09:30:00Z">',
            "<div><p>Most read</p><p>Tides turn at the north quay</p><p>Ferry fares rise</p>"
            "<p>March 2, 2021</p></div>",
        ),
    ],
)
def test_html_a_teasers_date_under_the_headline_does_not_beat_the_stated_one(tmp_path, stated, box):
    """A page that states its date (article:published_time, JSON-LD datePublished): a
    date shown in a box of other stories under the headline, or lines further down, is
    not the story's."""
    page = PAGE.replace(_STATED, stated).replace(
        "<h1>Harbour terminal delayed</h1>", "<h1>Harbour terminal delayed</h1>" + box
    )
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.published == dt.date(2024, 3, 18)


@pytest.mark.parametrize(
    "raw", [b"", b"<html><body><script>go()</script></body></html>", b"\xff\xfe\x00<"]
)
def test_html_page_without_article_text_is_skipped_with_a_reason(tmp_path, raw):
    result = ingest.read_article(write(tmp_path, "empty.html", raw), tmp_path)
    assert isinstance(result, Skipped)
    assert result.reason


# --------------------------------------------------------------------------- any bytes


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    raw=st.one_of(
        st.binary(max_size=400),
        st.lists(
            st.sampled_from(
                [
                    "<p>",
                    "</p>",
                    "<html>",
                    "<body>",
                    "<script>",
                    "<!--",
                    "&amp;",
                    "\x00",
                    "é",
                    "Officials said the talks would resume.",
                    "<meta name='author' content='X'>",
                    "%PDF-1.4\n",
                    "obj",
                    "endobj",
                    "xref",
                    "trailer",
                    "<<",
                    ">>",
                    "stream\n",
                    "\x1b[31m",
                ]
            ),
            max_size=40,
        ).map(lambda parts: "".join(parts).encode("utf-8")),
    ),
    suffix=st.sampled_from([".html", ".htm", ".xhtml", ".pdf"]),
)
def test_any_bytes_as_a_page_or_a_pdf_give_an_article_or_a_reason(tmp_path, raw, suffix):
    path = tmp_path / f"any{suffix}"
    result = ingest.parse_bytes(raw, path=path, root=tmp_path)
    if isinstance(result, Skipped):
        assert result.reason
        return
    assert result.body.strip()
    for value in (result.title, result.author, result.source, result.body):
        assert "\x1b" not in value and "\x00" not in value


def test_a_few_stray_nul_bytes_in_a_text_file_are_stripped_not_a_reason_to_skip(tmp_path):
    text = "# Harbour terminal delayed\n\n" + "\n\n".join(PARAGRAPHS)
    raw = text.encode().replace(b"terminal would", b"terminal\x00 would", 1) + b"\x00\n"
    article = ingest.read_article(write(tmp_path, "nul.txt", raw), tmp_path)
    assert isinstance(article, Article)
    assert "\x00" not in article.body
    assert "terminal would open" in article.body


def test_pdf_bytes_in_a_text_file_are_still_binary(tmp_path):
    result = ingest.read_article(
        write(
            tmp_path, "x.txt", make_pdf(report_pages()).replace(b"%PDF", b"\x00\x00\x00\x00" * 50)
        ),
        tmp_path,
    )
    assert isinstance(result, Skipped)
    assert "binary" in result.reason


@pytest.mark.parametrize(
    "byline", ["Mara C. Quist", "Mara Quist and Tom Ekwall", "R.J. Ekwall"], ids=str
)
def test_html_author_as_the_page_spells_it(tmp_path, byline):
    page = PAGE.replace('content="Mara Quist"', f'content="{byline}"')
    page = page.replace(
        "<h1>Harbour terminal delayed</h1>", f"<h1>Harbour terminal delayed</h1><p>By {byline}</p>"
    )
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.author == byline


@pytest.mark.parametrize("placeholder", ["No Author", "admin", "Anonymous"])
def test_html_placeholder_author_is_no_author(tmp_path, placeholder):
    page = PAGE.replace('content="Mara Quist"', f'content="{placeholder}"')
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.author == ""


def test_html_that_trips_the_parser_is_skipped_not_raised(tmp_path):
    # found by hypothesis: an assert inside lxml (via htmldate) on an unclosed script
    result = ingest.read_article(write(tmp_path, "odd.html", b"<body><script>html"), tmp_path)
    assert isinstance(result, Skipped)
    assert result.reason


def test_a_password_protected_pdf_says_how_to_decrypt_it(tmp_path):
    """The audit: skipped with PDFium's words alone ("Incorrect password error")."""
    good = make_pdf([PARAGRAPHS])
    locked = good.replace(
        b"trailer\n<< ",
        b"trailer\n<< /Encrypt << /Filter /Standard /V 1 /R 2 "
        b"/O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) "
        b"/P -4 >> /ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>] ",
    )
    assert locked != good
    (tmp_path / "locked.pdf").write_bytes(locked)
    result = ingest.read_article(tmp_path / "locked.pdf")
    assert isinstance(result, Skipped)
    assert "password-protected" in result.reason and "qpdf --decrypt" in result.reason


@pytest.mark.parametrize(
    "footer, expected",
    [
        (
            "<footer><p>Copyright (c) 2012- Ines Vardy. All rights reserved.</p></footer>",
            "Ines Vardy",
        ),
        ('<div id="footer"><p>&copy; 2015-2024 Tomas Ekwall</p></div>', "Tomas Ekwall"),
        ("<footer><p>&copy; 2024 The Velm Courier. All rights reserved.</p></footer>", ""),
    ],
)
def test_html_personal_site_s_footer_names_the_author(tmp_path, footer, expected):
    """A personal site names its writer only in its footer ("© 2012- Ann Lee"): with no
    byline and no author in the markup, that person is the author; a publisher's notice
    names none."""
    page = PAGE.replace('<meta name="author" content="Mara Quist">', "")
    page = re.sub(r"<footer>.*</footer>", footer, page, flags=re.S)
    article = ingest.read_article(write(tmp_path, "harbour.html", page), tmp_path)
    assert article.author == expected


# --------------------------------------------------------------------------- Chinese Markdown

#: A short Chinese news story, written for these tests.
ZH_TITLE = "教育部发布新学年中小学课后服务指导意见"
ZH_BODY = [
    "教育部5日发布关于进一步做好中小学课后服务工作的指导意见，要求各地在新学年全面推进课后服务。",
    "意见提出，课后服务结束时间原则上不早于当地正常下班时间！各地如何落实？教育部将开展专项督导。",
]


def test_a_short_chinese_markdown_file_is_an_article(tmp_path):
    text = f"# {ZH_TITLE}\n\n2024年3月5日 09:30\n\n" + "\n\n".join(ZH_BODY) + "\n"
    article = ingest.read_article(write(tmp_path, "kehou.md", text), tmp_path)
    assert isinstance(article, Article)
    assert article.title == ZH_TITLE
    assert article.published == dt.date(2024, 3, 5)
    assert [p for p in article.body.split("\n\n") if p] == ZH_BODY


def test_a_chinese_date_in_front_matter(tmp_path):
    text = f"---\npublished: 2024年3月5日\n---\n\n# {ZH_TITLE}\n\n" + "\n\n".join(ZH_BODY) + "\n"
    article = ingest.read_article(write(tmp_path, "kehou.md", text), tmp_path)
    assert article.published == dt.date(2024, 3, 5)
    assert article.title == ZH_TITLE


def test_chinese_and_japanese_prose_splits_into_sentences(tmp_path):
    from search.sentences import split_sentences

    text = f"# {ZH_TITLE}\n\n" + "\n\n".join(ZH_BODY) + "\n"
    article = ingest.read_article(write(tmp_path, "kehou.md", text), tmp_path)
    sentences = [s.text for s in split_sentences(article.body)]
    assert sentences == [
        ZH_BODY[0],
        "意见提出，课后服务结束时间原则上不早于当地正常下班时间！",
        "各地如何落实？",
        "教育部将开展专项督导。",
    ]
    quoted = "厚生労働相は「後押ししたい。」と述べた。詳細は来月発表する。"
    assert [s.text for s in split_sentences(quoted)] == [
        "厚生労働相は「後押ししたい。」と述べた。",
        "詳細は来月発表する。",
    ]
