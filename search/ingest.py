"""Files to clean articles: decode, sanitise, strip web boilerplate, extract metadata.

Every rule here is general: it describes what web boilerplate looks like (menus,
share prompts, copyright lines, image links, UI strings in another script), never
what one particular page says. A file that cannot be read becomes a
:class:`~search.model.Skipped` with a reason a user can act on; nothing raises.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import html
import os
import re
import stat
import string
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .files import MAX_BYTES, SIDECAR_SUFFIX, SUFFIXES, article_id, discover, display_path
from .model import Article, Skipped

__all__ = [
    "SUFFIXES",
    "SIDECAR_SUFFIX",
    "IngestError",
    "article_id",
    "decode",
    "discover",
    "parse_article",
    "read_article",
]

#: Front-matter / sidecar keys we understand, with their aliases.
META_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "publisher": "source",
    "publication": "source",
    "author": "author",
    "byline": "author",
    "by": "author",
    "published": "published",
    "date": "published",
    "url": "url",
    "link": "url",
    "standfirst": "standfirst",
    "subtitle": "standfirst",
    "summary": "standfirst",
    "description": "standfirst",
}


class IngestError(Exception):
    """A file that is not an article; the message says why, in a user's words."""


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(raw: bytes) -> tuple[str, str | None]:
    """Bytes to text, and a note when we had to guess the encoding.

    UTF-8 (with or without BOM) and UTF-16/32 with BOM are read as such, and so is
    UTF-16 without one (told by where its NULs fall); anything else falls back to cp1252. Raises :class:`IngestError` for empty or binary files.
    """
    if not raw.strip():
        raise IngestError("empty file")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), None
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}"
                ) from None
    utf16 = _utf16_without_bom(raw)
    if utf16:
        try:
            return raw.decode(utf16), None
        except UnicodeDecodeError:
            pass  # NULs in a pattern, yet not UTF-16: binary after all
    if _looks_binary(raw):
        raise IngestError("binary file, not text (dossier reads .txt and .md articles)")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "not valid UTF-8; decoded as cp1252"


#: Control bytes that never occur in text (tab, newlines, form feed and escape do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _utf16_without_bom(raw: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for UTF-16 text that lacks its byte-order mark: Latin
    text in UTF-16 has a NUL in nearly every other byte, on one side only."""
    sample = raw[:8192]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    nul_even, nul_odd = even.count(0), odd.count(0)
    if nul_odd >= half * 0.6 and nul_even <= half * 0.05:
        return "utf-16-le"
    if nul_even >= half * 0.6 and nul_odd <= half * 0.05:
        return "utf-16-be"
    return None


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return control > len(sample) * 0.1


# --------------------------------------------------------------------------- sanitising

_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]              # CSI: colours, cursor moves
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?   # OSC: titles, hyperlinks, clipboard
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?        # DCS, SOS, PM, APC strings
  | \x1b[ -/]*[0-~]?                     # any other escape
  | \x9b[0-?]*[ -/]*[@-~]                # 8-bit CSI
    """,
    re.VERBOSE,
)
# C0 (but tab and newline), DEL, C1, and the bidi controls that can reorder a line.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def sanitise(text: str) -> str:
    """Remove terminal escape sequences and control characters; unify newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\ufeff", "")
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def clean_line(text: str) -> str:
    """One line of display text: no controls, runs of spaces folded."""
    return _SPACES.sub(" ", sanitise(text).replace("\n", " ")).strip()


# --------------------------------------------------------------------------- dates

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
]
_TIME = r"(?:\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?)"
_DATE_LINE_NOISE = re.compile(
    rf"\b(?:updated|published|posted|last\s+modified|modified|first\s+published|on|at|date)\b:?"
    rf"|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b|\b(?:gmt|utc)[+-]?\d*"
    rf"|{_WEEKDAY}|{_TIME}|[|,•·—–-]",
    re.I,
)


#: A dated dateline opening a story: a place (one or two parts, each ending in a comma),
#: then the date and a dash: "CANBERRA, 3 March 2025 — ", "Nairobi, Kenya, July 1, 2025 – ".
_DATELINE = re.compile(r"^[^\W\d_][^,—–]{0,40},(?:[^,—–]{1,30},)?\s*(.{6,30}?)\s[—–-]{1,2}\s")


def find_date(text: str) -> dt.date | None:
    """The first full calendar date in ``text`` ("Apr 9th 2024", "2025-07-01", ...)."""
    best: tuple[int, dt.date] | None = None
    for form in _DATE_FORMS:
        for m in form.finditer(text):
            parsed = _to_date(m)
            if parsed and (best is None or m.start() < best[0]):
                best = (m.start(), parsed)
                break
    return best[1] if best else None


def _to_date(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    month = (
        int(groups["mnum"])
        if groups.get("mnum")
        else _MONTHS.get(groups["month"].lower().rstrip("."))
    )
    try:
        return dt.date(int(groups["year"]), month or 0, int(groups["day"]))
    except (TypeError, ValueError):
        return None


def parse_date(value: str) -> dt.date | None:
    """A date given in metadata: ISO first, then the prose forms."""
    value = value.strip().strip("\"'")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return find_date(value)


def _is_date_line(line: str) -> bool:
    """A line that is a date and little else ("06 November 2025 07:32", "Updated June 4, 2025")."""
    if len(line) > 60 or not find_date(line):
        return False
    rest = line
    for form in _DATE_FORMS:
        rest = form.sub(" ", rest)
    rest = _DATE_LINE_NOISE.sub(" ", rest)
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= 1


# --------------------------------------------------------------------------- boilerplate

# Inner runs exclude "[" so that a line of brackets that never close stays linear.
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)|<img\b[^<>\n]*>", re.I)
_LINK = re.compile(r"\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^(?:>\s?)+")
_BULLET = re.compile(r"^(?:[*+-]|\d{1,3}[.)])\s+")
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"
    r"|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"
    r"|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"
)
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s+\S+.*$", re.M)
_SETEXT = re.compile(r"^(?P<text>[^\n]+)\n(?P<rule>=+|-+)[ \t]*$", re.M)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
_RULE = re.compile(r"^(?:[-*_=~]\s*){3,}$")
#: Tags are matched up to this long: a "<p" that never closes on a 100 KB line was read to
#: the end of the line from each "<" (quadratic: seconds for one odd file).
_TAG_REST = r"[^>]{0,1000}>"
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|br|em|strong|b|i|a|figure|figcaption)\b" + _TAG_REST, re.I
)

# Words a page's furniture says on a line of its own ("Print", "Related", "Loading").
_UI_WORDS = re.compile(
    r"""^(?:share|shares|tweet|print|email|e-mail|save|bookmark|comments?|search|menu|close|open
      |subscribe|register|login|log\s*in|logout|sign\s*(?:in|up|out)|newsletters?|related|loading
      |advertisement|advertising|ads?|sponsored|promoted|listen|reprints?|more|next|previous|prev
      |home|top|back|cookies?|accept|reject|toggle|skip|print\s+this|copy|copy\s+link|link\s+copied
      |share[\s-]line|read\s+(?:more|next|also)|see\s+also|most\s+(?:read|popular|viewed)
      |trending(?:\s+now)?|popular(?:\s+now)?|latest(?:\s+news)?|top\s+stories|recommended
      |(?:share|follow)\s+(?:us|this)|night[\s_-]?(?:theme|mode)|dark\s+mode|light\s+mode
      |back\s+to\s+top|skip\s+to\s+(?:main\s+)?content|app\s+store|play\s+(?:market|store)|google\s+play)
      \W*$""",
    re.I | re.VERBOSE,
)
# Prompts of a few words that only page furniture says.
_PROMPT = re.compile(
    r"""(?:^|[\s?!.])(?:
        (?:liked|enjoyed|like)\s+(?:the|this)\s+(?:story|article|post)
      | share\s+(?:it|this|the\s+(?:story|article))\s+(?:on|via|with)\b
      | share\s+(?:this|on\s+(?:facebook|twitter|x|whatsapp|telegram|linkedin|social\s+media))
      | follow\s+(?:us|me)\s+on\b | join\s+us\s+on\b | subscribe\s+(?:to|for|now)\b
      | sign\s+up\s+(?:for|to)\s+(?:our|the)\s+newsletter | (?:download|get)\s+(?:our|the)\s+app
      | what\s+are\s+you\s+looking\s+for | click\s+here | read\s+the\s+full\s+(?:story|article)
      | (?:this|the)\s+article\s+(?:was|is)\s+(?:originally\s+)?(?:published|updated)\b
      | (?:image|photo|picture|video)\s*(?:source|credit)?\s*: | getty\s+images\b | \bafp\s+via\b
      | we\s+use\s+cookies | (?:accept|manage)\s+(?:all\s+)?cookies
      | ^(?:read\s+(?:more|also|next)|see\s+also|related|more\s+on\s+this(?:\s+story)?|watch|listen)\s*:
      | \bphotograph(?:y)?\s*: | \b(?:image|photo|picture)\s+(?:by|courtesy\s+of)\b
    )""",
    re.I | re.VERBOSE,
)
_LIST_HEADER = re.compile(
    r"^(?:related(?:\s+(?:articles|stories|content|news|topics|coverage))?|read\s+(?:more|also|next)|see\s+also"
    r"|more\s+(?:on\s+this\s+(?:story|topic)|from\s+\w+|stories)|most\s+(?:read|popular|viewed)|you\s+may\s+also\s+like"
    r"|recommended(?:\s+for\s+you)?|trending(?:\s+now)?|top\s+stories|explore\s+more(?:\s+on\s+these\s+topics)?)\s*:?\s*$",
    re.I,
)
_BREADCRUMB = re.compile(
    r"^[^\W\d_][\w'’&. -]{0,30}(?:\s*[>›»|/]\s*[^\W\d_][\w'’&. -]{0,30}){1,6}$"
)
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\s*(?:©|\(c\)|\d{4})|all\s+rights\s+reserved|any\s+use\s+of\s+(?:the\s+)?materials?|reproduction\s+(?:is\s+)?(?:prohibited|forbidden)|^(?:terms\s+of\s+(?:use|service)|privacy\s+policy)\W*$",
    re.I,
)
_COUNTER = re.compile(
    r"^(?:views?|reads?|likes?|shares?|comments?)\s*[:\-]?\s*[\d,.]+[km]?$|^[\d,.]+[km]?\s+(?:views?|reads?|likes?|shares?|comments?)$",
    re.I,
)
_SOCIAL = re.compile(
    r"^(?:twitter|x|youtube|instagram|facebook|telegram|whatsapp|linkedin|tiktok|reddit|vk|vkontakte|pinterest|threads|bluesky|mastodon|rss|flipboard|messenger|viber|line|wechat|weibo)$",
    re.I,
)
_FONT_BUTTON = re.compile(r"^[aA][+-]$|^[+-]?[aA]{1,2}$")
_DOMAIN = re.compile(
    r"\b([A-Za-z][A-Za-z0-9-]{1,40}\.(?:com|org|net|az|ru|uk|co\.uk|io|info|news|tv|fm|de|fr|in|jp|kr|cn|au|eu|ge|am|kz|ua|tr|us|ca))\b",
    re.I,
)
_NAME_WORD = r"(?-i:[A-Z\u00C0-\u00DE\u0100-\u024F\u0400-\u042F][\w.'’-]*)"
_BYLINE = re.compile(
    rf"""^(?:by|written\s+by|author:?|authors:?|words\s+by|reporting\s+by)\s+
    (?P<name>{_NAME_WORD}(?:(?:\s*,\s*|\s+(?:(?:and|&)\s+)?)(?:(?:de|van|von|der|da|di|bin|al)\s+)?{_NAME_WORD}){{0,9}})
    (?:\s+in\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?)?
    (?:\s*[,|–—-]\s*[^.!?]{{0,60}})?\s*$""",
    re.I | re.X,
)
_ROLE = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|staff|chief|bureau|columnist|analyst|contributor|producer"
    r"|journalist|desk|agency|news|press|reuters|associated|afp|bloomberg)\b",
    re.I,
)


def _byline_names(line: str) -> str:
    """The names in a byline, without the roles and agencies that may follow them."""
    m = _BYLINE.match(line)
    if not m:
        return ""
    parts = re.split(r"\s*,\s*|\s+(?:and|&)\s+", m.group("name"))
    names = []
    for part in parts:
        if _ROLE.search(part):
            break
        names.append(part)
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@functools.lru_cache(maxsize=8192)
def _words(line: str) -> tuple[str, ...]:
    """The words of a line (computed once: every rule asks)."""
    return tuple(_WORD.findall(line))


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """A coarse script name for a letter: the first word of its Unicode name."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "?"
    first = name.split(" ", 1)[0]
    return "LATIN" if first in {"LATIN", "FULLWIDTH"} else first


def _letters_script(text: str) -> Counter[str]:
    """How many letters of each script ``text`` has (ASCII letters are Latin)."""
    counts: Counter[str] = Counter()
    ascii_only = text.encode("ascii", "ignore")
    ascii_letters = len(ascii_only) - len(ascii_only.translate(None, _ASCII_LETTER_BYTES))
    if ascii_letters:
        counts["LATIN"] = ascii_letters
    if not text.isascii():
        counts.update(_script(ch) for ch in _NON_ASCII.findall(text) if ch.isalpha())
    return counts


_ASCII_LETTER_BYTES = string.ascii_letters.encode()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _strip_markdown(line: str) -> tuple[str, int]:
    """One line without markdown markers; returns (text, heading level or 0).

    Most lines of an article have no markup at all: each rule runs only on a line that
    has the character it starts with (ingest's single biggest cost was these rules).
    """
    if "[" in line or "<" in line:
        line = _IMAGE.sub(" ", line)
        line = _LINK.sub(r"\1", line)
        line = _REF_LINK.sub(r"\1", line)
        line = _AUTOLINK.sub(r"\1", line)
        line = _HTML_TAG.sub(" ", line)
    line = line.strip()
    level = 0
    if line.startswith("#"):
        m = _HEADING.match(line)
        if m:
            level, line = len(m.group(1)), m.group(2)
    if line.startswith(">"):
        line = _QUOTE.sub("", line)
    line = _BULLET.sub("", line) if not _RULE.match(line) else ""
    if "*" in line or "_" in line:
        line = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", line)
    return _SPACES.sub(" ", line).strip(), level


def _is_chrome(line: str, foreign: bool) -> bool:
    """Web-page furniture rather than article text."""
    words = len(_words(line))
    if words == 0:
        return True
    if _COPYRIGHT.search(line) and words <= 30:
        return True
    if words <= 4 and (_UI_WORDS.match(line) or _COUNTER.match(line)):
        return True
    if (
        words <= 12
        and _BREADCRUMB.match(line)
        and not _SENTENCE_END.search(line)
        and not _BYLINE.match(line)
    ):
        return True
    if words <= 14 and _PROMPT.search(line):
        return True
    if words <= 2 and (_SOCIAL.match(line) or _FONT_BUTTON.match(line)):
        return True
    if _FONT_BUTTON.match(line):
        return True
    return foreign and words <= 12


def _closing_sentence(line: str, is_chrome: bool) -> bool:
    words = _words(line)
    return (
        not is_chrome
        and 2 <= len(words) < 8
        and bool(_SENTENCE_END.search(line))
        and (words[0][:1].isupper() or words[0][:1].isdigit())
        and sum(1 for w in words[1:] if w[0].islower()) >= len(words[1:]) * 0.5
        and not _BYLINE.match(line)
        and not _is_date_line(line)
    )


def _mark_lists(lines: Sequence[tuple[str, int]], chrome: list[bool], start: int = 0) -> None:
    """Under a "Related" or "Read more" heading, the headlines that follow are links."""
    i = start
    while i < len(lines):
        if _LIST_HEADER.match(lines[i][0]):
            chrome[i] = True
            j = i + 1
            while (
                j < len(lines)
                and not _SENTENCE_END.search(lines[j][0])
                and len(_words(lines[j][0])) <= 14
            ):
                chrome[j] = True
                j += 1
            i = j
        else:
            i += 1


def _mark_menus(lines: Sequence[tuple[str, int]], chrome: list[bool]) -> None:
    """Three or more short lines in a row that do not end like sentences: a menu."""
    run: list[int] = []
    for i, (line, level) in enumerate([*lines, ("", 0)]):
        if (
            i < len(lines)
            and not level
            and len(_words(line)) <= 3
            and not _SENTENCE_END.search(line)
            and not _BYLINE.match(line)
            and not _is_date_line(line)
        ):
            run.append(i)
            continue
        if len(run) >= 3:
            for j in run:
                chrome[j] = True
        run = []


def _is_prose(line: str) -> bool:
    """A paragraph of running text: several words, mostly lower case, ends like a sentence."""
    words = _words(line)
    if len(words) < 8:
        return False
    lower = sum(1 for w in words if w[0].islower())
    if lower < len(words) * 0.4:
        return False
    return bool(_SENTENCE_END.search(line)) or len(words) >= 25


def _title_like(line: str) -> bool:
    words = _words(line)
    if not 2 <= len(words) <= 30 or len(line) > 250:
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and not all(c.isupper() for c in letters)


# --------------------------------------------------------------------------- front matter

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<block>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_META_LINE = re.compile(r"^\s*(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``(metadata, rest)`` for a leading ``---`` block of ``key: value`` lines."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group("block").splitlines():
        lm = _META_LINE.match(line)
        if lm and lm.group("key").lower() in META_KEYS:
            value = lm.group("value")
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            meta[META_KEYS[lm.group("key").lower()]] = value
    if not meta:
        return {}, text  # a horizontal rule, not front matter
    return meta, text[m.end() :]


def read_sidecar(path: Path) -> dict[str, str]:
    """Metadata from ``NAME.meta.toml`` beside ``NAME.txt``, if there is one."""
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}
    from .config import toml_loads

    try:
        data = toml_loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # unreadable, not UTF-8, not TOML
        return {}
    return {META_KEYS[k.lower()]: str(v) for k, v in data.items() if k.lower() in META_KEYS}


# --------------------------------------------------------------------------- the article


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
        or _is_date_line(stripped)
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
    unfinished = sum(1 for line in inner if not _SENTENCE_END.search(line.strip()))
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
    r"</?(?:p|div|span|h[1-6]|script|style|br|a|em|strong|b|i|u|ul|ol|li|figure|figcaption|img|section|article|header|footer|nav|aside|blockquote|table|tr|td)\b[^>\n]{0,1000}>",
    re.I,
)
_HTML_DROP = re.compile(r"<(script|style|noscript|template|svg)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.I | re.S)
_HTML_BLOCK = re.compile(
    r"</?(?:p|div|section|article|header|footer|li|ul|ol|blockquote|figure|figcaption|br|tr|table|aside|nav)\b"
    + _TAG_REST,
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


def parse_article(
    text: str,
    *,
    id: str,
    path: str = "",
    meta: dict[str, str] | None = None,
    fingerprint: str = "",
    notes: tuple[str, ...] = (),
) -> Article:
    """Clean text (already decoded) to an :class:`Article`.

    ``meta`` (from a sidecar file) and any front matter override what we guess.
    Raises :class:`IngestError` when no article text is left.
    """
    if _HTML_HINT.search(text):
        text = _strip_html(text)
    if _ENTITY.search(text):
        text = html.unescape(text)
    text = sanitise(text)
    front, text = split_front_matter(text.lstrip("\n"))
    text = _REF_DEFINITION.sub("", text)
    text = _SETEXT.sub(_setext_heading, text)
    given = {**(meta or {}), **front}

    lines: list[tuple[str, int]] = []
    for raw in _paragraphs(text):
        if _IMAGE.fullmatch(raw.strip()):
            continue
        line, level = _strip_markdown(raw)
        if line:
            lines.append((line, level))
    if not lines:
        raise IngestError("no text left after removing markup")

    scripts = _letters_script(" ".join(line for line, _ in lines)[:20000])
    main_script = scripts.most_common(1)[0][0] if scripts else "LATIN"

    def foreign(line: str) -> bool:
        if line.isascii() or len(_words(line)) > 12:
            return main_script != "LATIN" and line.isascii()
        counts = _letters_script(line)
        total = sum(counts.values())
        return total > 0 and counts.get(main_script, 0) < total * 0.5

    chrome = [_is_chrome(line, foreign(line)) for line, _ in lines]
    _mark_menus(lines, chrome)
    running_text = [_is_prose(line) for line, _ in lines]
    prose = [not chrome[i] and running_text[i] for i in range(len(lines))]
    if any(prose):  # "Related" lists inside the story (the header has its own rules)
        start = prose.index(True)
        _mark_lists(lines, chrome, start)
        prose = [not chrome[i] and running_text[i] for i in range(len(lines))]

    if any(prose):
        first = prose.index(True)
        last = len(prose) - 1 - prose[::-1].index(True)
        # A story often ends on a short sentence ("He declined to comment.").
        while last + 1 < len(lines) and _closing_sentence(lines[last + 1][0], chrome[last + 1]):
            last += 1
    else:  # short paragraphs only: keep everything after the title that is not chrome
        first, last = 0, len(lines) - 1

    head = [(i, lines[i]) for i in range(first) if not chrome[i]]
    tail = [lines[i][0] for i in range(last + 1, len(lines)) if not chrome[i]]

    # Title: a level-1 heading, else the last title-like line before the body that is not a date.
    title, title_index = "", -1
    for i, (line, level) in head:
        if level == 1:
            title, title_index = line, i
            break
    if not title:
        # The header is the run of lines just before the body that no page furniture
        # interrupts: headline, then perhaps a summary, a byline and a date.
        end = first
        while end > 0 and chrome[end - 1]:
            end -= 1
        start = end
        while start > 0 and not chrome[start - 1]:
            start -= 1
        candidates = [
            (i, line)
            for i, (line, _level) in head
            if i >= start
            and not _is_date_line(line)
            and _title_like(line)
            and not _BYLINE.match(line)
        ]
        if not candidates:  # no clean header: the last headline-like line before the body
            candidates = [
                (i, line)
                for i, (line, _level) in head
                if not _is_date_line(line) and _title_like(line) and not _BYLINE.match(line)
            ][-1:]
        # A section label or kicker above the headline ("World News") is shorter than it.
        if len(candidates) >= 2 and len(_words(candidates[0][1])) <= 3 < len(
            _words(candidates[1][1])
        ):
            candidates = candidates[1:]
        if candidates:
            title_index, title = candidates[0]

    date: dt.date | None = None
    author = ""
    standfirst = ""
    for i, (line, _level) in head:
        if date is None and _is_date_line(line):
            date = find_date(line)
        elif not author and _BYLINE.match(line):
            author = _byline_names(line)
        elif (
            i > title_index >= 0
            and not standfirst
            and not _is_date_line(line)
            and len(_words(line)) >= 4
        ):
            standfirst = line

    body_lines: list[str] = []
    run: list[str] = []  # consecutive short lines inside the body: a menu if three or more
    for i in range(first, last + 1):
        line, level = lines[i]
        if chrome[i] or (level == 1 and i == title_index):
            continue
        if _is_date_line(line):
            date = date or find_date(line)
            continue
        if not prose[i] and len(_words(line)) <= 4 and not _SENTENCE_END.search(line):
            run.append(line)
            continue
        if len(run) < 3:
            body_lines.extend(run)
        run = []
        if not author and not prose[i] and _BYLINE.match(line):
            author = _byline_names(line)
            continue
        body_lines.append(line)
    if len(run) < 3:
        body_lines.extend(run)

    for line in tail:
        if not author and _BYLINE.match(line):
            author = _byline_names(line)
        elif date is None and _is_date_line(line):
            date = find_date(line)

    if not body_lines:
        raise IngestError("no article text found (only headings, menus or links)")
    if date is None:  # "CANBERRA, 3 March 2025 — The government said...": the dateline's date
        dateline = _DATELINE.match(body_lines[0])
        date = find_date(dateline.group(1)) if dateline else None

    source = _guess_source(
        lines, chrome, [line for line, _ in lines[last + 1 :]] + [line for line, _ in lines[:first]]
    )

    title = (
        clean_line(given.get("title", "")) or title or clean_line(Path(path).stem.replace("_", " "))
    )
    published = parse_date(given["published"]) if given.get("published") else date
    return Article(
        id=id,
        path=path,
        title=title,
        standfirst=clean_line(given.get("standfirst", "")) or standfirst,
        author=clean_line(given.get("author", "")) or author,
        source=clean_line(given.get("source", "")) or source,
        published=published,
        url=clean_line(given.get("url", "")),
        body="\n\n".join(body_lines),
        fingerprint=fingerprint,
        notes=notes,
    )


def _guess_source(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], tail: Sequence[str]
) -> str:
    """The publisher: a site name the page's furniture repeats, or a bare name line at the end."""
    seen: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = {}
    for i, (line, _) in enumerate(lines):
        if chrome[i] or len(_words(line)) <= 2:
            for m in _DOMAIN.finditer(line):
                key = m.group(1).lower()
                seen[key] += 1
                spelled.setdefault(key, Counter())[m.group(1)] += 1
    if seen:
        key, _ = seen.most_common(1)[0]
        # Prefer the spelling with a capital, as a masthead writes it.
        forms = sorted(
            spelled[key].items(), key=lambda kv: (kv[0][:1].isupper(), kv[1]), reverse=True
        )
        return forms[0][0][:1].upper() + forms[0][0][1:]
    for line in tail:
        if "©" in line or re.search(r"\bcopyright\b|\(c\)", line, re.I):
            name = re.sub(
                r"(?i)all\s+rights\s+reserved|copyright|\(c\)|©|\b(?:19|20)\d\d\b", " ", line
            )
            name = " ".join(name.replace(".", " ").replace(",", " ").split())
            if 0 < len(name.split()) <= 5 and name[:1].isupper():
                return name
    return ""


def read_article(path: Path, root: Path | None = None) -> Article | Skipped:
    """Read one file into an :class:`Article`, or say why it was skipped."""
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    shown = display_path(path)
    try:
        raw = _read_regular(path)
    except OSError as exc:
        return Skipped(shown, f"cannot read: {exc.strerror or exc}")
    except IngestError as exc:
        return Skipped(shown, str(exc))
    return parse_bytes(raw, path=path, root=root)


def _read_regular(path: Path) -> bytes:
    """A regular file's bytes, up to :data:`files.MAX_BYTES`. Opened without blocking, so
    a named pipe put in a file's place since the folder was listed never hangs us."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise IngestError("not a regular file (a pipe or a device): not read")
        raw = f.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise IngestError(f"larger than the {MAX_BYTES // 2**20} MB dossier reads: not read")
    return raw


def parse_bytes(raw: bytes, *, path: Path, root: Path) -> Article | Skipped:
    shown = display_path(path)
    try:
        text, note = decode(raw)
        meta = read_sidecar(path)
        digest = hashlib.sha1(raw)
        digest.update(repr(sorted(meta.items())).encode("utf-8", "surrogateescape"))
        return parse_article(
            text,
            id=article_id(root, path),
            path=shown,
            meta=meta,
            fingerprint=digest.hexdigest(),
            notes=(note,) if note else (),
        )
    except IngestError as exc:
        return Skipped(shown, str(exc))
    except RecursionError:
        return Skipped(shown, "too deeply nested to read")
