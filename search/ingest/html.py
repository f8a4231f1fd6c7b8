"""Saved web pages (``.html``, ``.htm``, ``.xhtml``) to articles, through trafilatura.

trafilatura finds the main text of a page and drops its furniture (menus, teasers,
comment sections); its metadata step (htmldate for the date: ``<time>``, JSON-LD, Open
Graph, meta tags) gives title, author, date, site name and canonical URL. Its text is
mostly clean: of our own furniture rules only those that go by wording run over it (a
copyright notice, a newsletter appeal, an affiliate disclosure, a photo credit); those that
go by a line's shape would cut the short paragraphs, list items and code lines that
trafilatura rightly kept. The headline and the byline are the ones the reader sees.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import itertools
import re
from typing import Any

from ..model import Article
from .meta import find_date, is_date_line, parse_date
from .text import (
    PART_SEPARATOR,
    IngestError,
    clean_line,
    publisher_of,
    sanitise,
    says_furniture,
    shown_byline,
)
from .text.bylines import _site_owner

#: trafilatura's options: measured on the ingest development set (bench/bench_ingest.py).
#: favor_recall: with our furniture wording rules after it (:func:`_body`), it keeps the
#: same text as the balanced default (H .945 against .947, one snippet of 267 apart) and
#: reads a page in 31 ms of CPU instead of 36 (it skips a teaser-pruning pass, and the
#: balanced focus's retry test, which re-reads a page with a short text as plain text).
#: favor_precision loses paragraphs (H .921 before those rules).
OPTIONS = {
    "favor_recall": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
}
#: htmldate's options: its extensive search hands text to dateparser, which tries every
#: locale it knows on each call (seconds a page); a date line near the headline is found
#: below.
DATE_OPTIONS = {"original_date": True, "extensive_search": False}


def parse_html(
    raw: bytes,
    *,
    id: str,
    path: str = "",
    meta: dict[str, str] | None = None,
    fingerprint: str = "",
) -> Article:
    """One page (its bytes: trafilatura reads the encoding the page declares) to an Article.

    ``meta`` (a sidecar's metadata) overrides what the page says. Raises
    :class:`IngestError` when the page has no main text.
    """
    given = meta or {}
    raw, note = _as_declared(raw)
    document, text, below, shown = _extract(raw, url=given.get("url") or None)
    body = _body(text)
    if not body:
        raise IngestError("no article text found in this web page")
    title = clean_line(given.get("title", "")) or document.title
    url = clean_line(given.get("url", "")) or clean_line(document.url or "")
    source = clean_line(given.get("source", "")) or _site_name(document.sitename, title)
    return Article(
        id=id,
        path=path,
        title=title,
        standfirst=clean_line(given.get("standfirst", "")) or _standfirst(document, body),
        author=clean_line(given.get("author", "")) or document.author,
        source=source or publisher_of(url),
        published=_date(given.get("published", "")) or shown or _date(document.date or ""),
        url=url,
        body=_without_headline(body, title),
        fingerprint=fingerprint,
        notes=(note,) if note else (),
    )


#: A page's own statement of its encoding, in its first bytes (``<meta charset=...>`` or
#: ``content="text/html; charset=..."``).
_UNDECODED = re.compile("[\udc80-\udcff]+")


def _as_cp1252(m: re.Match[str]) -> str:
    """Bytes UTF-8 could not decode (as ``surrogateescape`` keeps them), read as cp1252."""
    return bytes(ord(c) - 0xDC00 for c in m.group()).decode("cp1252", errors="replace")


_DECLARED = re.compile(rb"""(?i)<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""")


def _as_declared(raw: bytes) -> tuple[bytes, str]:
    """``raw`` as UTF-8 when it is Windows Latin-1 text that says it is UTF-8 (or says
    nothing): a page saved by an old editor under a UTF-8 template. Its bytes are read as
    cp1252, what browsers take "Latin-1" to mean, rather than given to trafilatura's
    charset guesser, which read "Café" as the Baltic "Cafķ". Only text whose other bytes
    stand one or two together between ASCII letters ("caf\\xe9", "l\\x92\\xe9t\\xe9") is
    taken for Latin-1: a Russian or Chinese page in a legacy encoding writes whole words
    of such bytes, and the guesser reads those well. A page declaring another encoding is left to its
    declaration. Also returns a note for the article."""
    try:
        raw.decode("utf-8")
        return raw, ""
    except UnicodeDecodeError:
        pass
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw, ""  # UTF-16, told by its byte-order mark
    head = raw[: max(raw.find(b"</head"), 0) or 65536]
    declared = _DECLARED.search(head)
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return raw, ""
    # Only the bytes that are not UTF-8 are looked at, and replaced: a UTF-8 template's
    # dashes and quotes around a body pasted in Latin-1 stay as they are.
    text = raw.decode("utf-8", "surrogateescape")
    runs = [len(m) for m in _UNDECODED.findall(text)]
    if sum(n for n in runs if n >= 3) > 0.2 * sum(runs):
        return raw, ""  # words of a legacy encoding of another script
    fixed = _UNDECODED.sub(_as_cp1252, text).encode("utf-8")
    return fixed, "not valid UTF-8; decoded as cp1252"


def _site_name(sitename: str | None, title: str) -> str:
    """The page's site name, unless it is the headline again (a page that names itself in
    its Open Graph site name by its story's title)."""
    name = clean_line(sitename or "")
    return "" if name and _words_of(name) == _words_of(title) else name


def _without_headline(body: str, title: str) -> str:
    """The body without the headline as its first paragraph (trafilatura keeps the page's
    heading when it stands inside the article's block): the reader shows the title above
    it already. Only when something follows."""
    first, _, rest = body.partition("\n\n")
    same = _words_of(first) == _words_of(title)
    return rest if rest and title and same else body


def _words_of(text: str) -> str:
    """Its words, case, spacing and punctuation aside."""
    return " ".join(_WORDS.findall(text.casefold()))


#: Under this many characters of main text, the fast extraction may have missed the
#: article: the page is read again with trafilatura's fallbacks (readability, jusText).
_SHORT = 600


def _extract(raw: bytes, *, url: str | None) -> tuple[Any, str, list[str], dt.date | None]:
    """The page's metadata (a trafilatura Document, with the headline and the author as
    the reader sees them), its main text, the lines below its headline, and the date
    shown there.

    The page is parsed once. The main text is trafilatura's fast extraction, and its
    fallbacks only for a page where that found little (the fallbacks cost as much again
    on every page, for a few pages' worth of text: dev set H .929 at 27 pages/s, against
    .933 at 23 with them always).
    """
    import trafilatura
    from trafilatura.utils import load_html

    if not raw.strip():
        raise IngestError("empty file")
    try:
        tree = load_html(raw)
        if _cut_too_deep():
            # lxml stops at 256 levels of nesting (libxml2's guard), which a page of
            # unclosed <font> or <div> tags reaches: read it again without that limit.
            tree = _deep_tree(raw)
        if tree is None:
            raise IngestError("not a readable web page (no HTML found)")
        headlines = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
        document = _metadata(tree, url)
        title = clean_line(document.title or "")
        site = clean_line(document.sitename or "")
        document.title = _headline(title, headlines, site, document.url or url or "")
        below = _below_headline(raw, document.title)
        document.author = _author(
            document.author or "", below, tree, raw, clean_line(document.description or "")
        ) or _site_owner(_footer_lines(tree))
        found = trafilatura.bare_extraction(tree, url=url, fast=True, **OPTIONS)
        if found is None or len(found.text or "") < _SHORT:
            found = trafilatura.bare_extraction(tree, url=url, **OPTIONS)
        shown = _date_below(below, tree, raw)
        return document, (found.text or "") if found is not None else "", below, shown
    except IngestError:
        raise
    except RecursionError:
        raise IngestError("too deeply nested to read") from None
    except Exception as exc:  # noqa: BLE001
        # Third-party parsers fail on malformed pages in ways of their own (ValueError,
        # LookupError, even an assert in lxml's drop_tree for "<body><script>x", found by
        # hypothesis): one bad page is skipped with a reason, the corpus still indexed.
        raise IngestError(f"not a readable web page ({type(exc).__name__})") from None


def _cut_too_deep() -> bool:
    """Did the page trafilatura's parser just read stop at its nesting limit? (libxml2
    says so in the parser's error log: "Excessive depth in document: 256".)"""
    from trafilatura.utils import HTML_PARSER

    return any("xcessive depth" in e.message for e in HTML_PARSER.error_log)


def _deep_tree(raw: bytes) -> Any:
    """The page parsed as trafilatura's ``load_html`` parses it, but for nesting deeper
    than 256 levels (lxml's ``huge_tree``: up to libxml2's hard limit of 2,048); None if
    it is no HTML. Past that, RecursionError or no text: the page is skipped."""
    from lxml.html import HTMLParser, fromstring
    from trafilatura.utils import decode_file

    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    try:
        return fromstring(decode_file(raw), parser=parser)
    except ValueError:  # a str with an encoding declaration: lxml wants the bytes
        return fromstring(raw, parser=parser)


#: The page's footer: a <footer>, or a block its class or id calls one.
_FOOTERS = (
    "//footer | //*[contains(@id, 'footer') or contains(@class, 'footer')"
    " or contains(@class, 'copyright')]"
)


def _footer_lines(tree: Any) -> list[str]:
    """The lines of the page's footer blocks (a personal site's "© 2012- Ann Lee")."""
    lines: list[str] = []
    for block in tree.xpath(_FOOTERS)[:8]:
        lines += [" ".join(part.split()) for part in block.itertext() if part.strip()]
    return lines[:200]


def _metadata(tree: Any, url: str | None) -> Any:
    """Title, author, date, site name, URL and description, as trafilatura's
    ``extract_metadata`` finds them (meta tags, Open Graph, JSON-LD, then the page; the date
    by htmldate), without its categories, tags and licence: we use none of them, and they
    cost a tenth of the page's time. The author here is the markup's only; the page's
    text is searched for one in :func:`_author`."""
    from htmldate import find_date
    from trafilatura import metadata as tm

    document = tm.examine_meta(tree)
    if document.author and " " not in document.author:
        document.author = None
    with contextlib.suppress(Exception):  # trafilatura's JSON-LD reader has bugs of its own
        document = tm.extract_meta_json(tree, document)
    document.title = document.title or tm.extract_title(tree)
    document.url = document.url or tm.extract_url(tree, url)
    document.date = find_date(tree, url=document.url, **DATE_OPTIONS)
    document.sitename = document.sitename or tm.extract_sitename(tree)
    if document.sitename:
        document.sitename = document.sitename.lstrip("@")
    elif document.url and (m := tm.META_URL.match(document.url)):
        document.sitename = m[1]
    document.clean_and_trim()
    return document


#: How much of a level-1 heading's words the page's metadata title must share for the
#: heading to be the same headline, as the reader sees it.
_SAME_HEADLINE = 0.5
_FEW = frozenset(
    ("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its")
    + ("of", "on", "or", "the", "this", "to", "with")
)


def _headline(title: str, headlines: list[str], site: str = "", url: str = "") -> str:
    """The headline as the page shows it: of the page's level-1 headings, the one the
    metadata title names (a page has several: a masthead, promotions), when there is one.

    A page's metadata title is often another wording, for search engines or for sharing
    ("Oven-baked Italian Olive & Herb Focaccia Bread"), or carries the site's name ("... -
    My Daily Magazine"); the heading is what the reader reads above the story. A heading
    that is the site's name (a masthead set as a heading) is never the headline.
    """
    named = {w.casefold() for w in _WORDS.findall(title)}
    not_headlines = {site.casefold()} | {part.casefold() for part in _SEPARATOR.split(title)[1:]}
    best, share = "", 0.0
    for heading in headlines:
        words = [w.casefold() for w in _WORDS.findall(heading)]
        content = [w for w in words if w not in _FEW]
        if len(words) < 2 or not content or len(heading) > 300:
            continue
        if heading.casefold() in not_headlines:
            continue
        if heading.casefold() in title.casefold():
            found = 1.0
        else:
            found = sum(1 for w in content if w in named) / len(content)
        if found > share:
            best, share = heading, found
    if best and share >= _SAME_HEADLINE:
        return clean_line(best)
    shown = [h for h in headlines if h]
    if len(shown) == 1 and _sole_headline(shown[0], title, not_headlines, url):
        return clean_line(shown[0])
    return title


def _sole_headline(heading: str, title: str, not_headlines: set[str], url: str) -> bool:
    """The page's only level-1 heading is its headline over a metadata title that names no
    story ("About Us - Shabka" above "The strategic Think & Do Tank"), or when it is the
    page's address: unless it is the site's name or a part of the title's, or too short or
    too long to be one."""
    content = [w for w in _WORDS.findall(heading.casefold()) if w not in _FEW]
    if len(content) < 3 or len(heading) > 300 or heading.casefold() in not_headlines:
        return False
    return _generic_title(title, not_headlines) or _in_address(heading, url)


#: A metadata title of this many words or fewer, the site's name aside, names no story.
_GENERIC_WORDS = 2


def _generic_title(title: str, not_headlines: set[str]) -> bool:
    """A metadata title that names a kind of page or nothing, not the story: a CMS's one
    word ("escenic"), a page's kind with the site's name ("About Us - Shabka"), the site's
    name alone. Only over such a title does a page's lone heading win without more: the
    lone heading may be a blog theme's masthead (the post's title in an ``<h2>``) or a
    promotion's ("Get our free morning briefing"), and a title that names a story is the
    story's."""
    parts = _SEPARATOR.split(title)
    if len(parts) > 1 and parts[-1].casefold() in not_headlines:
        parts = parts[:-1]
    named = " - ".join(parts)
    return named.casefold() in not_headlines or len(_WORDS.findall(named)) <= _GENERIC_WORDS


def _in_address(heading: str, url: str) -> bool:
    """The heading's words are the page's address's last part: the story's own slug
    ("/blog/artificial-intelligence-and-machine-learning-industry-news-..."), so the
    heading is its headline (a masthead's or a promotion's words are the site's, or
    another page's)."""
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    slug = {w for w in _WORDS.findall(path.rsplit("/", 1)[-1].casefold()) if w not in _FEW}
    content = [w for w in _WORDS.findall(heading.casefold()) if w not in _FEW]
    return bool(content) and sum(w in slug for w in content) >= 0.8 * len(content)


_WORDS = re.compile(r"\w+")
#: What parts a page's title: "Headline | Site", "Headline - Site - Tagline".
_SEPARATOR = re.compile(r"\s+[|–—:·•-]{1,2}\s+")


def _body(text: str) -> str:
    """trafilatura's lines are paragraphs (and list items): one per block of the body,
    but for a paragraph that says what only furniture says (it keeps a newsletter box or
    a copyright line set inside the article) or labels a date it does not give (the date
    was an element it dropped: "Release Date:"), and a line of the post's particulars at
    its top (its date, categories and a link to its comments): the reader shows the date."""
    lines = (clean_line(line) for line in sanitise(text).split("\n"))
    kept = [
        line for line in lines if line and not says_furniture(line) and not _EMPTY_DATE.match(line)
    ]
    top = [i for i, line in enumerate(kept[:_TOP]) if _particulars(line)]
    return "\n\n".join(line for i, line in enumerate(kept) if i not in top)


#: A date's label with no date after it: "Release Date:", "Posted on:", "Last updated:".
_EMPTY_DATE = re.compile(
    r"^(?:(?:release|publish(?:ed|ing)?|post(?:ed)?|last|updated?|modified|issue)\s+)?"
    r"(?:date|dated|published|posted|updated|modified)(?:\s+on)?\s*:$",
    re.I,
)
#: How far down the body a line of the post's particulars may stand.
_TOP = 3
_LABELLED = re.compile(r"^(?:categor(?:y|ies)|tags?|topics?|filed\s+under|posted\s+in)\s*:", re.I)
_COMMENTS_LINK = re.compile(
    r"^(?:(?:view|show|read|leave|add|post|no)\s+(?:a\s+)?)?(?:\d+\s+)?"
    r"(?:comments?|responses?|replies)(?:\s*\(\d+\))?$",
    re.I,
)


def _particulars(line: str) -> bool:
    """A line of parts that each give a particular of the post: a date or a byline (one
    of them at least), a labelled list of categories or tags, a link to its comments."""
    parts = PART_SEPARATOR.split(line)
    if len(parts) < 2 or len(line) > 200:
        return False
    dated = False
    for part in parts:
        if is_date_line(part) or shown_byline([part]):
            dated = True
        elif not (_LABELLED.match(part) or _COMMENTS_LINK.match(part)):
            return False
    return dated


_PLACEHOLDER = re.compile(r"^(?:no\s+author|unknown|anonymous|admin(?:istrator)?|none|n/?a)$", re.I)


def _authors(value: str, raw: bytes) -> str:
    """trafilatura's authors ("A; B"), as the page spells them: it drops the full stops of
    initials ("Leah C Stokes" for "Leah C. Stokes"); a placeholder ("No Author") is none."""
    names = [clean_line(n) for n in value.split(";")]
    names = [n for n in names if n and not _PLACEHOLDER.match(n)]
    if len(names) >= 2:  # "Ann Lee and Tom Ekwall" as one byline on the page
        together = _as_spelled(" and ".join(names), raw)
        if together != " and ".join(names) or _on_page(together, raw):
            return together
    return ", ".join(_as_spelled(n, raw) for n in names)


def _on_page(text: str, raw: bytes) -> bool:
    return text.casefold().encode("utf-8") in raw.lower()


def _as_spelled(name: str, raw: bytes) -> str:
    words = name.split()
    if len(words) > 6:
        return name
    pattern = rb"(?:\.\s*|\s+)".join(re.escape(w.encode("utf-8")) for w in words) + rb"\.?"
    m = re.search(rb"(?<![\w.])" + pattern + rb"(?!\w)", raw, re.I)
    if not m:
        return name
    spelled = clean_line(m.group().decode("utf-8", "replace")).rstrip(".")
    if spelled.isupper() and not name.isupper():  # a styled byline: "R.C. BAKER"
        spelled = spelled.title()
    same = re.sub(r"[\s.]", "", spelled).casefold() == re.sub(r"[\s.]", "", name).casefold()
    return spelled if same else name


def _standfirst(document, body: str) -> str:
    """The page's description, unless it only repeats the start of the body (after its
    byline, in a blog's)."""
    description = clean_line(getattr(document, "description", "") or "")
    if not description or body.startswith(description[:60]) or _description_byline(description):
        return ""
    return description


#: A blog's description opens with the post's byline ("Posted by Ann Lee - Safety team");
#: a bare "By" might be the story's first words ("By Monday, the council...").
_POSTED_BY = re.compile(r"^(?:posted|written)\s+by\s", re.I)


def _description_byline(description: str) -> str:
    """The names of the byline a page's description opens with ("Posted by ..."): the
    description is the post's first words run together, the byline's end unmarked, so
    the longest opening of up to 15 words that reads as a byline."""
    if not _POSTED_BY.match(description):
        return ""
    words = description.split()
    for n in range(min(len(words), 15), 2, -1):
        shown = shown_byline([" ".join(words[:n])])
        if shown:
            return shown
    return ""


def _date(value: str) -> dt.date | None:
    return parse_date(value) if value else None


#: Elements whose text a reader never sees.
_HIDDEN = re.compile(rb"<(script|style|noscript|template|svg)\b", re.I)
_HIDDEN_END = {
    name: re.compile(rb"</" + name + rb"\s*>", re.I)
    for name in (b"script", b"style", b"noscript", b"template", b"svg")
}
#: Tags that end a line of the page as a browser shows it; any other tag is inline.
_BLOCK = re.compile(
    rb"</?(?:p|div|br|li|h[1-6]|tr|td|th|section|article|header|footer|ul|ol|table|figure"
    rb"|figcaption|aside|nav|main|blockquote|dd|dt|dl|form|hr|time)\b[^<>]*>",
    re.I,
)
_TAG = re.compile(rb"<[^<>]*>")
_BODY = re.compile(rb"<body\b", re.I)
#: How far below the headline a byline or date line may stand ("By Ann Lee", "Posted on
#: May 2, 2019").
_NEAR = 12


def _below_headline(raw: bytes, title: str) -> list[str]:
    """The lines of the page's visible text just below the headline, as a reader sees
    them: where the story's byline and date stand when the markup names none."""
    if not title:
        return []
    body = _BODY.search(raw)  # the head holds no line a reader sees, and often half the bytes
    text = _BLOCK.sub(b"\n", _without_hidden(raw[body.start() :] if body else raw))
    text = html.unescape(_TAG.sub(b" ", text).decode("utf-8", "replace"))
    key = " ".join(title.casefold().split())
    parts = iter(text.split("\n"))
    for part in parts:
        if len(part) >= len(key) and " ".join(part.split()).casefold() == key:
            lines = (clean_line(line) for line in parts if not line.isspace())
            return list(itertools.islice(filter(None, lines), _NEAR))
    return []


def _without_hidden(raw: bytes) -> bytes:
    """The page without its scripts, styles and the like; one that never closes hides the
    rest of the page, as in a browser. One pass: a pattern that looked for each one's end
    would read the rest of the page again at every "<script" that never closes."""
    parts: list[bytes] = []
    pos = 0
    while m := _HIDDEN.search(raw, pos):
        parts.append(raw[pos : m.start()])
        end = _HIDDEN_END[m.group(1).lower()].search(raw, m.end())
        if end is None:
            return b" ".join(parts)
        pos = end.end()
    parts.append(raw[pos:])
    return b" ".join(parts)


def _date_below(lines: list[str], tree: Any, raw: bytes) -> dt.date | None:
    """A date on a line of its own below the headline: the date the reader sees, which
    goes before the markup's (htmldate, with ``original_date``, takes the oldest date it
    finds in the page's date elements, a teaser's among them; and a page's meta tags
    often keep the first version's date when the story shown is a later one).

    A page that states its date (``article:published_time``, JSON-LD ``datePublished``)
    is read by htmldate from that statement: a shown date goes before it only right under
    the headline (the story's "Updated Mar 12, 2020"), not further down, nor in a box of
    other stories set there (a related story's "March 2, 2021")."""
    for n, line in enumerate(lines):
        if is_date_line(line):
            if not _STATED_DATE.search(raw):
                return find_date(line)
            if n < _SHOWN_NEAR and not _in_box(tree, line):
                return find_date(line)
            return None
    return None


#: A page's statement of its date: a meta tag's, or JSON-LD's.
_STATED_DATE = re.compile(
    rb"""<meta\s[^>]*?(?:property|name)\s*=\s*["']?article:published_time["'\s>]"""
    rb"""|["']datePublished["']\s*:\s*["']\d""",
    re.I,
)
#: How many lines under the headline a shown date may stand to go before a stated one.
_SHOWN_NEAR = 3
#: An element that holds other stories or the page's furniture, not the story's own date.
_BOX = re.compile(r"related|recommend|promo|teaser|more-?stories|sidebar|widget|trending", re.I)


def _in_box(tree: Any, line: str) -> bool:
    """Whether the date of ``line`` stands only in ``<aside>`` or ``<nav>`` elements or in
    boxes of related stories, promotions or the like, as their classes or ids name them
    (every text of the page that gives a date and is a part of the line)."""
    found = False
    for text in tree.xpath("//body//text()"):
        part = " ".join(text.split())
        if not part or part not in line or find_date(part) is None:
            continue
        element = text.getparent()
        if text.is_tail:
            element = element.getparent()
        if not _boxed(element):
            return False
        found = True
    return found


def _boxed(element: Any) -> bool:
    """Whether an element stands in an aside or a named box, up to the story's block (an
    ``<article>`` or ``<main>``: a layout's classes above it name its sidebars too)."""
    while element is not None and element.tag not in ("article", "main", "body"):
        if isinstance(element.tag, str):
            if element.tag in ("aside", "nav", "footer"):
                return True
            if _BOX.search(f"{element.get('class', '')} {element.get('id', '')}"):
                return True
        element = element.getparent()
    return False


def _author(named: str, below: list[str], tree: Any, raw: bytes, description: str = "") -> str:
    """The author: the byline below the headline, which is what the reader sees, when the
    page's markup names nobody or someone else (a commenter, "Revised Edition Edited by
    ..."); the markup's when it names the byline's people and more. With neither, the
    byline the page's description opens with (a blog's, made of the post's first words:
    "Posted by Ann Lee - Safety team Over the past..."), then trafilatura's search of the
    page (its costliest metadata step, so only then)."""
    from trafilatura.metadata import extract_author

    named = _authors(named, raw)
    shown = shown_byline(below)
    if not shown:
        return (
            named
            or _authors(_description_byline(description), raw)
            or _authors(extract_author(tree) or "", raw)
        )
    one, other = shown.casefold(), named.casefold()
    return named if named and (one in other or other in one) else shown
