"""From a text file's markup to display lines: HTML a scrape left in, entities, front
matter, reference links, Setext and wiki links (:func:`_normalise`); hard-wrapped
paragraphs joined (:func:`_paragraphs`); then each paragraph's Markdown markers removed,
its heading level and list number kept (:func:`_strip_markdown`, :func:`_lines`).

Nothing here decides what is furniture or article: it only says what the text is once
its markup is gone, and how much of each line was link text (a menu's, a teaser's).
Most lines have no markup at all, so each rule runs only on a line with the character it
starts with (these rules were once ingest's single biggest cost).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ...sentences import SENTENCE_END
from ..meta import _BYLINE, _WIKI_LINK, find_date, is_date_line, split_front_matter
from .decode import _SPACES, sanitise

# Inner runs exclude "[" so that a line of brackets that never close stays linear. The
# link's address is matched as runs of plain characters between parenthesised parts
# (Friedl's unrolled loop): linear, and twice as fast as one character a step.
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)|<img\b[^<>\n]*>", re.I)
_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)")
#: html2text escapes brackets and parentheses inside a label or an address
#: ("\\[CC-BY-2.0\\]"): an escaped one is part of the label, not its end. They are set
#: aside as noncharacters (Unicode's own for internal use) while links and images are
#: matched, then put back.
_HIDDEN = {"\\[": "\ufdd0", "\\]": "\ufdd1", "\\(": "\ufdd2", "\\)": "\ufdd3"}
_SHOWN = str.maketrans({v: k for k, v in _HIDDEN.items()})
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^(?:>\s?)+")
_BULLET = re.compile(r"^(?:[*+-]|\d{1,3}[.)])\s+")
_ORDINAL = re.compile(r"^\d{1,3}[.)]\s+")
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"
    r"|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"
    r"|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"
)
#: html2text sets a space between an emphasis and the punctuation after it ("**Host** :",
#: "_Beautiful Code_ ,"): the page had none.
_EMPHASIS_GAP = re.compile(r"(?<=[^\s*_])(\*\*|__|\*|_) (?=[,.;:!?)](?:\s|$))")
#: html2text strips the spaces inside an emphasis, so where a page wrote "<b>intelligence.
#: </b><a><b>Follow us</b></a><b> to stay</b>" it gives "intelligence.**[**Follow us**](url)
#: **to stay" run together: where an emphasis ends right before a link, or opens on a word
#: right after one, the page had a space. (A word glued to a plain link, "[API](url)s", is
#: the page's own.)
_GLUED_EMPHASIS = re.compile(
    r"(?<=[^\s*_(\[{\"'“‘])(\*\*|__)(?=\[)|(\]\([^()\s]*\))(?=(?:\*\*|__)[^\W_])"
)
#: A code span's backticks (`next-line`): the code is text, the backticks its markup.
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s+\S+.*$", re.M)
_SETEXT = re.compile(r"^(?P<text>[^\n]+)\n(?P<rule>=+|-+)[ \t]*$", re.M)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
_RULE = re.compile(r"^(?:[-*_=~]\s*){3,}$")
_HTML_TAG = re.compile(r"</?(?:p|div|span|br|em|strong|b|i|a|figure|figcaption)\b[^<>]*>", re.I)
#: An element that embeds or runs something (a video player, a tweet, a script) with what it
#: holds on the line: never text to read. A page's "copy the embed code" box puts one on a
#: line of its own in text copied from the page, and Markdown keeps raw HTML as it was.
_EMBEDS = r"iframe|script|style|noscript|video|audio|object|embed|source|track|svg|canvas"
_EMBEDDED = re.compile(
    # With its attributes ("<iframe width=... src=...>"), where prose naming a tag writes
    # it bare ("wrap the player in a <video> element") and code quotes it in backticks;
    # or an element alone on its line, or its closing tag alone.
    rf"(?<!`)<({_EMBEDS})\s[^<>]*>(?:[^<]*</\1\s*>)?"
    rf"|^\s*<({_EMBEDS})>(?:[^<]*</\2\s*>)?\s*$|^\s*</(?:{_EMBEDS})\s*>\s*$",
    re.I,
)


def _link_words(m: re.Match[str]) -> str:
    """A link's words, set apart from a capitalised word glued to it on either side: the
    page set them in separate elements ("By[J.R. Stone](url)", "[Evan Halper](url)Staff
    Writer"). A word that goes on in lower case ("[API](url)s") is the page's own."""
    label, line = m.group(1), m.string
    before = " " if m.start() and line[m.start() - 1].isalpha() and label[:1].isupper() else ""
    following = line[m.end() : m.end() + 1]
    after = " " if following.isupper() and label[-1:].isalpha() else ""
    return before + label + after


def _strip_markdown(line: str, smart: bool = False) -> tuple[str, int, str]:
    """One line without markdown markers; returns (text, heading level or 0, the number
    of an ordered list's item or "").

    The number is set apart so that the rules judge the item alone ("2. Questions" is a
    menu's entry), and given back in the body: it is the text's own ("5. Kristi Dosh" in
    a top ten), and an item may refer to another by it ("as in step 2"). With ``smart``
    (a Markdown file), straight quotes outside code become typographic (:func:`_smart_quotes`).

    Most lines of an article have no markup at all: each rule runs only on a line that
    has the character it starts with (ingest's single biggest cost was these rules).
    """
    if "[" in line or "<" in line:
        escaped = "\\" in line
        if escaped:
            for sequence, hidden in _HIDDEN.items():
                line = line.replace(sequence, hidden)
        line = _IMAGE.sub(" ", line)
        if "**[" in line or "__[" in line or ")**" in line or ")__" in line:
            line = _GLUED_EMPHASIS.sub(r"\1\2 ", line)
        line = _LINK.sub(_link_words, line)
        if "__" in line or "**" in line:  # an icon link's empty emphasis ("[ __](url)")
            line = _EMPTY_EMPHASIS.sub("", line)
        if "][" in line:
            line = _REF_LINK.sub(r"\1", line)
        if "<" in line:
            line = _AUTOLINK.sub(r"\1", line)
            line = _EMBEDDED.sub(" ", line)
            line = _HTML_TAG.sub(" ", line)
        if escaped:
            line = line.translate(_SHOWN)
    code = line.startswith("    ")  # four spaces: an indented code block's line, not a heading
    line = line.strip()
    level = 0
    if line.startswith("#") and not code:
        m = _HEADING.match(line)
        if m:
            level, line = len(m.group(1)), m.group(2)
    if line.startswith(">"):
        line = _QUOTE.sub("", line)
    number = ""
    if _RULE.match(line):
        line = ""
    elif line[:1].isdigit():
        m = _ORDINAL.match(line)
        # Not a list's number but a date's day ("17. Januar 2014", as German writes it).
        if m and not (find_date(line) and find_date(line[m.end() :]) is None):
            number, line = m.group().rstrip() + " ", line[m.end() :]
    else:
        line = _BULLET.sub("", line)
    if "*" in line or "_" in line:
        line = _EMPHASIS_GAP.sub(r"\1", line)
        line = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", line)
    if smart and not code and ("'" in line or '"' in line):
        line = _smart_quotes(line)
    if "`" in line:
        line = _CODE_SPAN.sub(r"\1", line)
    if "\\" in line:  # after the markers: "1\\. " was escaped so as not to be a list item
        line = _BACKSLASH_ESCAPE.sub(r"\1", line)
    return _SPACES.sub(" ", line).strip(), level, number


#: A quote that opens: at the start, or after a space, a bracket, a dash or the other quote.
_OPENING_SINGLE = re.compile(r"(^|[\s(\[{“—–-])'(?=\w)")
_OPENING_DOUBLE = re.compile(r"(^|[\s(\[{‘—–-])\"")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def _smart_quotes(line: str) -> str:
    """Straight quotes as the typographic ones they stand for, as Markdown readers render
    them (Pandoc's ``smart`` extension, SmartyPants): a clipper's html2text writes the
    page's ’ “ ” as ' and " whenever the page spelled them as entities (&rsquo;). Code
    spans are left as they are."""
    if "`" in line:
        parts = _CODE_SPAN_PARTS.split(line)
        return "".join(p if i % 2 else _smarten(p) for i, p in enumerate(parts))
    return _smarten(line)


def _smarten(text: str) -> str:
    text = _INNER_APOSTROPHE.sub("’", text)
    text = _OPENING_SINGLE.sub(r"\1‘", text).replace("'", "’")
    return _OPENING_DOUBLE.sub(r"\1“", text).replace('"', "”")


_CODE_SPAN_PARTS = re.compile(r"(`[^`\n]+`)")


def _paragraphs(text: str) -> list[str]:
    """Raw lines grouped into paragraphs.

    Scrapes put one paragraph on a line; hard-wrapped text and markdown put a
    paragraph on several lines between blank ones. We join a block's lines only
    when the block looks wrapped.
    """
    lines = text.split("\n")
    blocks: list[list[str]] = [[]]
    for line in lines:
        if not line.strip():
            if blocks[-1]:
                blocks.append([])
        elif _stands_alone(line):
            # A heading, quote, date or byline is never part of a wrapped paragraph,
            # even with no blank line around it ("Headline\n2025-07-01").
            if blocks[-1]:
                blocks.append([])
            blocks[-1].append(line.rstrip())
            blocks.append([])
        else:
            blocks[-1].append(line.rstrip())
    # Two lines alone prove little (a headline over its summary looks the same); join
    # them only in a file that shows it is hard-wrapped with a longer block.
    wrapped_file = any(len(block) >= 3 and _wrapped(block) for block in blocks)
    out: list[str] = []
    for block in blocks:
        if len(block) > 1 and (len(block) >= 3 or wrapped_file) and _wrapped(block):
            out.append(" ".join(part.strip() for part in block))
        else:
            out.extend(block)
    return out


def _stands_alone(line: str) -> bool:
    stripped = line.strip()
    return (
        stripped.startswith(("#", ">", "![", "---", "==="))
        or bool(_BULLET.match(stripped))
        or is_date_line(stripped)
        or bool(_BYLINE.match(stripped))
    )


def _wrapped(block: Sequence[str]) -> bool:
    """Do these lines continue each other (hard wrap) rather than stand alone?"""
    if any(_HEADING.match(line.strip()) or _IMAGE.search(line) for line in block):
        return False
    inner = block[:-1]
    long = [line for line in inner if len(line) >= 40]
    if len(long) < max(1, len(inner) * 0.6) or max(len(line) for line in block) > 120:
        return False
    unfinished = sum(1 for line in inner if not SENTENCE_END.search(line.strip()))
    if unfinished < len(inner) * 0.5:
        return False
    # A wrapped line ends because the next word would not fit; a headline above its
    # summary ends early. Allow a little slack for ragged wrapping.
    width = max(len(line.rstrip()) for line in block)
    for line, following in zip(block, block[1:], strict=False):
        first_word = following.split()[0] if following.split() else ""
        if len(line.rstrip()) + 1 + len(first_word) <= width - 2:
            return False
    return True


_HTML_HINT = re.compile(
    r"</?(?:p|div|span|h[1-6]|script|style|br|a|em|strong|b|i|u|ul|ol|li|figure|figcaption|img|section|article|header|footer|nav|aside|blockquote|table|tr|td)\b[^<>\n]*>",
    re.I,
)
_HTML_DROP = re.compile(r"<(script|style|noscript|template|svg)\b[^<>]*>.*?</\1\s*>", re.I | re.S)
_HTML_HEADING = re.compile(r"<h([1-6])\b[^<>]*>(.*?)</h\1\s*>", re.I | re.S)
_HTML_BLOCK = re.compile(
    r"</?(?:p|div|section|article|header|footer|li|ul|ol|blockquote|figure|figcaption|br|tr|table|aside|nav)\b[^<>]*>",
    re.I,
)
_HTML_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")


def _strip_html(text: str) -> str:
    """Markup a scrape left in: scripts and styles go whole, headings stay headings,
    block tags become paragraph breaks, any other tag goes."""
    text = _HTML_DROP.sub("\n\n", text)
    text = _HTML_HEADING.sub(
        lambda m: "\n\n" + "#" * int(m.group(1)) + " " + " ".join(m.group(2).split()) + "\n\n", text
    )
    text = _HTML_BLOCK.sub("\n\n", text)
    return _HTML_ANY_TAG.sub("", text)


def _setext_heading(m: re.Match[str]) -> str:
    if not m.group("text").strip() or _BULLET.match(m.group("text").strip()):
        return m.group(0)
    return ("# " if m.group("rule")[0] == "=" else "## ") + m.group("text")


def _normalise(text: str) -> tuple[str, dict[str, str]]:
    """Markup a scrape left in removed, controls gone, front matter split off."""
    if _HTML_HINT.search(text):
        text = _strip_html(text)
    if _ENTITY.search(text):
        text = html.unescape(text)
    text = sanitise(text)
    front, text = split_front_matter(text.lstrip("\n"))
    text = _REF_DEFINITION.sub("", text)
    text = _SETEXT.sub(_setext_heading, text)
    if "[[" in text:
        text = _WIKI_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    if "](" in text:
        text = _BROKEN_LABEL.sub(lambda m: f"{m.group(1).rstrip()} {m.group(2)}", text)
    if "__" in text or "**" in text:  # an icon's empty emphasis ("Share __ __")
        text = _EMPTY_EMPHASIS.sub("", text)
    return text, front


#: A link whose label a hard line break splits ("[Become  \na member](url)"): one line again,
#: or the page's "Donate [Become" would stand as a line of its own (and as the title).
_BROKEN_LABEL = re.compile(r"(\[[^\[\]\n]*)\n[ \t]*([^\[\]\n]*\]\()")
#: An icon's empty emphasis: "Share __ __", "__Facebook" (html2text writes an empty <i> so).
_EMPTY_EMPHASIS = re.compile(r"(?<!\S)(?:__|\*\*)(?!\S)|(?<!\S)__(?=[A-Z])")
#: html2text escapes Markdown's punctuation ("1\\. ", "\\*", "\\#"): undone.
_BACKSLASH_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~$&%<])")


def _lines(
    text: str, smart: bool = False
) -> tuple[list[tuple[str, int]], list[bool], dict[int, str], set[int]]:
    """The paragraphs as display lines (with their heading level), whether each was
    mostly link text (a menu entry, a teaser) in the Markdown, the numbers of the lines
    that are items of an ordered list, and which lines are items of any list."""
    lines: list[tuple[str, int]] = []
    linky: list[bool] = []
    numbers: dict[int, str] = {}
    items: set[int] = set()
    for raw in _paragraphs(text):
        stripped = raw.strip()
        if _IMAGE.fullmatch(stripped):
            continue
        line, level, number = _strip_markdown(raw, smart)
        if line:
            if number:
                numbers[len(lines)] = number
            if number or (stripped[:1] in ("*", "+", "-") and _BULLET.match(stripped)):
                items.add(len(lines))
            lines.append((line, level))
            linked = sum(len(m.group(1)) for m in _LINK.finditer(raw)) if "](" in raw else 0
            linky.append(linked >= len(line) * 0.5)
    return lines, linky, numbers, items
