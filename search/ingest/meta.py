"""Metadata from an article's text: dates, bylines, front matter and sidecar files.

Dates in the forms pages write them ("06 November 2025 07:32", "Posted on August 2, 2019",
"07/01/2025 08:14 PM EDT"), the names in a byline ("By Ann Lee and Tom Ekwall, Reuters"),
a leading ``---`` block of ``key: value`` lines (clippers' YAML lists and wiki links
included), and ``NAME.meta.toml`` beside the article.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

from ..files import SIDECAR_SUFFIX
from ..years import PUBLISHED_YEAR

#: Front-matter / sidecar keys we understand, with their aliases.
META_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "publisher": "source",
    "publication": "source",
    "site": "source",
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
#: Month names as pages in other languages write them beside English text (a blog's
#: platform set to French: "mardi 5 juin 2018"; "5. Juni 2018", "5 de junio de 2018"):
#: French, German, Dutch, Spanish, Italian, Portuguese, with and without accents. Only in a
#: full date (day, month and year), so "Mars" or "Mai" alone is no date.
_FOREIGN_MONTHS = [
    ("janvier", "janv", "januar", "januari", "jänner", "enero", "gennaio", "janeiro"),
    (
        "février",
        "fevrier",
        "févr",
        "fevr",
        "februar",
        "februari",
        "febrero",
        "febbraio",
        "fevereiro",
    ),
    ("mars", "märz", "maerz", "maart", "marzo", "março"),
    ("avril", "avr", "abril", "aprile"),
    ("mai", "mei", "mayo", "maggio", "maio"),
    ("juin", "juni", "junio", "giugno", "junho"),
    ("juillet", "juil", "juli", "julio", "luglio", "julho"),
    ("août", "aout", "augustus", "agosto"),
    ("septembre", "septiembre", "setiembre", "settembre", "setembro"),
    ("octobre", "oktober", "octubre", "ottobre", "outubro"),
    ("novembre", "noviembre", "novembro"),
    ("décembre", "decembre", "dezember", "diciembre", "dicembre", "dezembro"),
]
for _number, _names in enumerate(_FOREIGN_MONTHS, start=1):
    for _name in _names:
        _MONTHS.setdefault(_name, _number)
_ENGLISH_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH = rf"(?P<month>{_ENGLISH_MONTH})\.?"
#: These languages put the day first: "julio 12, 2019" is no date ("Julio" is a name).
_ANY_MONTH = (
    rf"(?P<month>{_ENGLISH_MONTH}"
    + "".join(
        "|" + re.escape(name)
        for name in sorted({n for names in _FOREIGN_MONTHS for n in names}, key=len, reverse=True)
    )
    + r")\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
_YEAR = rf"(?P<year>{PUBLISHED_YEAR})"
_DATE_FORMS = [
    # 2025-07-01, and the year first with slashes or dots: 2025/07/01, 2025.07.01
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(rf"(?<![\w./]){_YEAR}/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)(?![\d/.])"),
    # (with dots, two digits each: a version is "2024.1.2")
    re.compile(rf"(?<![\w./]){_YEAR}\.(?P<mnum>[01]\d)\.(?P<day>[0-3]\d)(?![\d/.])"),
    # (a letter may follow the year: a page's published and updated dates run together,
    # "August 2, 2019August 3, 2019", where copying lost the space between them)
    re.compile(rf"\b{_DAY}\s+(?:of\s+|de\s+)?{_ANY_MONTH},?\s+(?:de\s+)?{_YEAR}(?![\d_])", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}(?![\d_])", re.I),
    # 30/12/2019, 12/30/2019, 07.01.2025: see _numeric_date for which number is the month
    re.compile(rf"(?<![\d/.])(?P<a>[0-3]?\d)([/.])(?P<b>[0-3]?\d)\2{_YEAR}(?![\d/])"),
    # Chinese and Japanese: 2024年3月5日, and Japan's era years: 令和6年3月5日 (元年: its first)
    re.compile(
        rf"(?:(?<!\d){_YEAR}|(?P<era>令和|平成)\s*(?P<era_year>元|[1-9]\d?))\s*年\s*"
        r"(?P<mnum>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日"
    ),
]
#: The first year of each of Japan's eras, less one: 令和6年 is 2024.
_ERAS = {"令和": 2018, "平成": 1988}
#: North American time zones: a page that gives one writes month/day/year.
_US_ZONE = re.compile(r"\b(?:[ECMP][DS]T|[ECMP]T|AKST|HST)\b")
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


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def find_date(text: str) -> dt.date | None:
    """The first full calendar date in ``text`` ("Apr 9th 2024", "2025-07-01", ...)."""
    if "年" in text:  # Japanese writes its dates' digits full-width too: "２０２４年３月５日"
        text = text.translate(_FULL_WIDTH_DIGITS)
    if not _A_YEAR.search(text) and not ("年" in text and _ERA_YEAR.search(text)):
        return None  # every form has a year: most lines have none
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
    if groups.get("a"):
        return _numeric_date(m)
    month = (
        int(groups["mnum"])
        if groups.get("mnum")
        else _MONTHS.get(groups["month"].lower().rstrip("."))
    )
    era = groups.get("era")
    if era:
        year = _ERAS[era] + (1 if groups["era_year"] == "元" else int(groups["era_year"]))
    else:
        year = int(groups["year"])
    try:
        return dt.date(year, month or 0, int(groups["day"]))
    except (TypeError, ValueError):
        return None


def _numeric_date(m: re.Match[str]) -> dt.date | None:
    """Day/month/year as most of the world writes it; month/day/year when the first
    number cannot be a day's month... or the line names a North American time zone."""
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
    month_first = b > 12 or (a <= 12 and bool(_US_ZONE.search(m.string)))
    day, month = (b, a) if month_first else (a, b)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(value: str) -> dt.date | None:
    """A date given in metadata: ISO first, then the prose forms."""
    value = value.strip().strip("\"'")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return find_date(value)


_A_YEAR = re.compile(PUBLISHED_YEAR)
_ERA_YEAR = re.compile(r"(?:令和|平成)\s*(?:元|\d)")


@functools.lru_cache(maxsize=8192)
def is_date_line(line: str) -> bool:
    """A line that is a date and little else ("06 November 2025 07:32", "Updated June 4, 2025"),
    or dates and little else ("Published: May 2, 2024 at 9:30 | Updated: May 3, 2024")."""
    if len(line) > 80:
        return len(line) <= 160 and "|" in line and all(map(is_date_line, line.split("|")))
    if not find_date(line):
        return False
    return len(re.findall(r"[^\W\d_]{2,}", without_dates(line))) <= 1


def without_dates(line: str) -> str:
    """``line`` without its dates and the words that go with them ("Updated", "at 9:49",
    "3 hours ago", weekdays, separators)."""
    for form in _DATE_FORMS:
        line = form.sub(" ", line)
    return _DATE_LINE_NOISE.sub(" ", line)


_NAME_WORD = r"(?-i:[A-Z\u00C0-\u00DE\u0100-\u024F\u0400-\u042F][\w.'’-]*)"
_BYLINE = re.compile(
    rf"""^(?:by:?|written\s+by|author:?|authors:?|words\s+by|reporting\s+by)\s+
    (?P<name>{_NAME_WORD}(?:(?:\s*,\s*|\s+(?:(?:and|&)\s+)?)(?:(?:de|del|della|la|le|van|von|der|den|da|di|du|dos|das|bin|al|ter|ten)\s+){{0,2}}{_NAME_WORD}){{0,9}})
    (?:\s+in\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?)?
    (?:\s*[,–—-]\s*[^.!?]{{0,60}}|(?:\s*\||\s+/\s)\s*[^!?]{{0,100}})?\s*$""",
    re.I | re.X,
)
_ROLE = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|staff|chief|bureau|columnist|analyst|contributor|producer"
    r"|journalist|desk|agency|news|press|reuters|associated|afp|bloomberg)\b",
    re.I,
)


#: What an archive or a list is sorted or browsed by ("BY DATE", "By category", "By most
#: popular"): a control, never a byline.
_BROWSE_BY = re.compile(
    r"^by\s+(?:date|month|year|category|categories|topic|topics|tag|tags|author|authors|section"
    r"|type|name|title|relevance|popularity|most\s+\w+|newest|oldest|latest|region|country"
    r"|course|meal|cuisine|ingredients?|occasion|season|diet|price|brand|rating|subject|genre)"
    r"(?:\s*/\s*\w+)*\s*:?\s*$",  # the control alone ("By Course/Meal:"), not "By Price Johnson"
    re.I,
)


#: A word that opens a role ("Senior Reporter", "Foreign Correspondent"): not a surname.
_ROLE_MODIFIER = re.compile(
    r"^(?:senior|chief|deputy|foreign|political|economics?|business|sports?|special|staff"
    r"|associate|assistant|managing|executive|contributing|national|international|local"
    r"|science|health|tech(?:nology)?|education|environment|legal|news|data|investigative)$",
    re.I,
)


def _affiliation(part: str) -> bool:
    """What follows a comma in a byline and is no writer's name: one word ("Ann Lee,
    Google"), or words with an acronym ("Ann Lee, AMP Project Marketing"; a byline set in
    capitals has none)."""
    return " " not in part or (part != part.upper() and bool(_ACRONYM.search(part)))


#: Three capitals or more: "AMP", "BBC" (two may be a given name's initials: "AJ Willingham").
_ACRONYM = re.compile(r"\b[A-Z]{3,}\b")


def _byline_names(line: str) -> str:
    """The names in a byline, without the roles and agencies that may follow them."""
    m = _BYLINE.match(line)
    if not m or _BROWSE_BY.match(line):
        return ""
    parts = re.split(r"(\s*,\s*|\s+(?:and|&)\s+)", m.group("name"))
    names = []
    for k in range(0, len(parts), 2):
        part = parts[k]
        if k and "," in parts[k - 1] and _affiliation(part):
            break  # "Ann Lee, AMP Project Marketing, Google": where she works, not who
        role = _ROLE.search(part)
        if role:  # "Evan Halper Staff Writer": the name before the role, if any
            words = part[: role.start()].split()
            while words and _ROLE_MODIFIER.match(words[-1]):
                words.pop()  # "Senior Political", "Staff"
            if len(words) >= 2:
                names.append(" ".join(words))
            elif not names and len(part.split()) <= 4:
                return part  # no one named: the credit as given ("Staff Writer", "Reuters")
            break
        names.append(part)
    if not names:
        return ""
    last = names[-1].rsplit(" ", 1)[-1]
    if last.endswith(".") and len(last) > 4:  # "Tatyana Turner.": the line's full stop
        names[-1] = names[-1][:-1]  # (not "Jr." or an initial's)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# --------------------------------------------------------------------------- front matter

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<block>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_META_LINE = re.compile(r"^\s*(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``(metadata, rest)`` for a leading ``---`` block of ``key: value`` lines.

    Values are YAML scalars: quoted ones decoded as YAML does (``"say \"no\""``,
    ``'O''Brien'``, a quoted value run on over lines). Web clippers write YAML lists too,
    inline (``author: ["[[Ann Lee]]"]``) or as ``- item`` lines under the key; their
    items are joined, wiki links unwrapped. A ``source`` that is a web address is the
    article's address (see :func:`settle`).
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    key = None
    items: dict[str, list[str]] = {}
    lines = m.group("block").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        item = _YAML_ITEM.match(line)
        if item and key:
            value, i = _run_on(item.group(1), lines, i)
            items.setdefault(key, []).append(_scalar(value))
            continue
        lm = _META_LINE.match(line)
        key = META_KEYS.get(lm.group("key").lower()) if lm else None
        if key is None:
            continue
        value, i = _run_on(lm.group("value"), lines, i)
        if value.startswith("[") and value.endswith("]") and not value.startswith("[["):
            items[key] = [_scalar(v) for v in _flow_items(value[1:-1])]
        elif value:
            meta[key] = _scalar(value)
    for key, values in items.items():
        values = [v for v in values if v]
        if values and not meta.get(key):
            meta[key] = ", ".join(values)
    if not meta:
        return {}, text  # a horizontal rule, not front matter
    return settle(meta), text[m.end() :]


_YAML_ITEM = re.compile(r"^\s*-\s+(.*?)\s*$")


def _run_on(value: str, lines: list[str], i: int) -> tuple[str, int]:
    """A quoted value its line does not close runs on over the indented lines after it, as
    YAML allows: the whole value (lines joined, for :func:`_fold`) and the index of the
    line after it. A quote never closed is the value as written."""
    value = value.strip()
    block = _BLOCK_SCALAR.match(value)
    if block:
        return _block_scalar(block.group(1), lines, i)
    if value[:1] not in ("'", '"') or _quoted(value) is not None:
        return value, i
    joined = value
    for j in range(i, len(lines)):
        line = lines[j]
        if line and not line[0].isspace():
            break  # the next key: continuation lines are indented
        joined += "\n" + line
        if _quoted(joined) is not None:
            return joined, j + 1
    return value, i


#: A block scalar's header (YAML 1.2, 8.1): ``|`` keeps the lines, ``>`` folds them, with
#: an optional chomping sign and indentation digit, in either order ("description: >-").
_BLOCK_SCALAR = re.compile(r"^([|>])(?:[+-]?[1-9]?|[1-9][+-])\s*(?:#.*)?$")


def _block_scalar(style: str, lines: list[str], i: int) -> tuple[str, int]:
    """A block scalar's text, from the indented (or empty) lines after its header, and
    the index of the line after it: literal (``|``) lines kept, folded (``>``) ones joined
    by spaces, an empty line a paragraph break. Returned quoted, so that nothing in the
    text is read as YAML again (a ``[`` first, a ``#``)."""
    body: list[str] = []
    j = i
    while j < len(lines) and (not lines[j].strip() or lines[j][0].isspace()):
        body.append(lines[j].strip())
        j += 1
    while body and not body[-1]:
        body.pop()
    text = "\n".join(body) if style == "|" else _fold("\n".join(body))
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"', j


#: A double-quoted YAML scalar's escapes (YAML 1.2, 5.7), and the single-quoted form's
#: one: a quote written twice.
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
    "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_DOUBLE_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"', re.S)
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'", re.S)
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_COMMENT_AFTER = re.compile(r"\s*(?:#.*)?", re.S)


def _quoted(value: str) -> tuple[str, int] | None:
    """A quoted scalar at the start of ``value``: its text, decoded, and where it ends;
    None when the quote is not closed."""
    pattern = _DOUBLE_QUOTED if value[:1] == '"' else _SINGLE_QUOTED
    m = pattern.match(value)
    if not m:
        return None
    inner = m.group(1)
    if value[0] == "'":
        return _fold(inner).replace("''", "'"), m.end()
    return _ESCAPE.sub(_unescape, _fold(inner)), m.end()


def _fold(inner: str) -> str:
    """Line breaks inside a quoted scalar as YAML folds them: a space, or, for each empty
    line between, a line break."""
    if "\n" not in inner:
        return inner
    lines = inner.split("\n")
    out = lines[0].rstrip()
    breaks = ""
    for line in lines[1:]:
        line = line.strip()
        if not line:
            breaks += "\n"
            continue
        out += (breaks or " ") + line
        breaks = ""
    return out + (breaks or "")


def _unescape(m: re.Match[str]) -> str:
    code = m.group(1)
    if len(code) > 1:  # \xXX, \uXXXX, \UXXXXXXXX
        try:
            return chr(int(code[1:], 16))
        except (ValueError, OverflowError):
            return m.group(0)
    return _ESCAPES.get(code, m.group(0))  # an escape YAML does not know: as written


def _flow_items(inner: str) -> list[str]:
    """The items of an inline list (``a, "b, c", 'd'``): commas inside quotes kept."""
    items: list[str] = []
    rest = inner.strip()
    while rest:
        if rest[0] in "\"'" and (q := _quoted(rest)) is not None:
            end = q[1]
            items.append(rest[:end])
            rest = rest[end:].lstrip()
            rest = rest[1:].lstrip() if rest.startswith(",") else ""
            continue
        item, _, rest = rest.partition(",")
        items.append(item)
        rest = rest.lstrip()
    return items


def _scalar(value: str) -> str:
    """A YAML scalar as text: a quoted one decoded as YAML does (escapes, a quote written
    twice; a comment after it dropped), wiki-link brackets off ("[[Ann Lee]]" -> Ann Lee)."""
    value = value.strip()
    if value[:1] in ("'", '"'):
        q = _quoted(value)
        if q is not None and _COMMENT_AFTER.fullmatch(value, q[1]):
            value = q[0]
    return _WIKI_LINK.sub(lambda m: m.group(2) or m.group(1), value).strip()


#: A web address given where a publisher's name goes (a clipper's ``source:``).
_WEB_ADDRESS = re.compile(r"(?i)^(?:https?://|www\.)\S+$")


def settle(meta: dict[str, str]) -> dict[str, str]:
    """Metadata as an article takes it: a ``source`` that is a web address (what Obsidian's
    Web Clipper and MarkDownload write there) is the article's address, unless one is
    given, not its publisher; the publisher is then found as if none were given."""
    source = meta.get("source", "").strip()
    if not _WEB_ADDRESS.match(source):
        return meta
    meta = {k: v for k, v in meta.items() if k != "source"}
    if not meta.get("url", "").strip():
        meta["url"] = source
    return meta


def read_sidecar(path: Path) -> dict[str, str]:
    """Metadata from ``NAME.meta.toml`` beside ``NAME.txt``, if there is one (the fields
    that could be read: :func:`load_sidecar` says what could not)."""
    return load_sidecar(path)[0]


def load_sidecar(path: Path) -> tuple[dict[str, str], tuple[str, ...]]:
    """``(metadata, problems)`` from ``NAME.meta.toml`` beside ``NAME.txt``.

    A problem is a line for the user ("NAME.meta.toml: not valid TOML (line 1: ...); its
    corrections were not applied"). A file that does not parse gives no metadata; a field
    that is wrong (a ``published`` that is no date) is left out, and the rest kept.
    """
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}, ()
    from ..config import toml_loads

    name = sidecar.name
    try:
        data = toml_loads(sidecar.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return {}, (f"{name}: not UTF-8 text; its corrections were not applied",)
    except OSError as exc:
        return {}, (
            f"{name}: cannot read it ({exc.strerror or exc}); its corrections were not applied",
        )
    except ValueError as exc:
        return {}, (
            f"{name}: not valid TOML ({_toml_error(exc)}); its corrections were not applied",
        )
    meta: dict[str, str] = {}
    problems: list[str] = []
    for raw_key, value in data.items():
        key = META_KEYS.get(raw_key.lower())
        if key is None:
            continue
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ", ".join(v.strip() for v in value if v.strip())
        if isinstance(value, (dict, list, bool)):
            problems.append(f"{name}: {raw_key} is not text; that correction was not applied")
            continue
        text = str(value)
        if key == "published" and not isinstance(value, dt.date) and parse_date(text) is None:
            problems.append(
                f"{name}: {raw_key} {text!r} is not a date (write it as 2025-07-01); "
                "that correction was not applied"
            )
            continue
        meta[key] = text
    return settle(meta), tuple(problems)


def _toml_error(exc: ValueError) -> str:
    """tomllib's message as the user reads it: "line 1: invalid value"."""
    message = str(exc)
    m = re.match(r"(?s)(.*?)\s*\(at line (\d+), column \d+\)\s*$", message)
    if m:
        what = m.group(1).rstrip(".")
        return f"line {m.group(2)}: {what[:1].lower() + what[1:]}"
    if "(at end of document)" in message:
        what = message.replace("(at end of document)", "").strip().rstrip(".")
        return f"at its end: {what[:1].lower() + what[1:]}"
    return message


#: ``[[Page]]`` and ``[[Page|shown text]]``: links of Obsidian-style clippings.
_WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]")


#: A byline running on into a date or a reading time: "By Ann Lee Feb 8, 2020 5 min read",
#: "By Ann Lee Last updated Nov 8, 2023", "by Ann Lee at 2:33 PM".
_BYLINE_START = re.compile(
    r"^(by\s+.+?)\s*(?:[|•·,–—-]|\d|\bon\b|\bat\s+\d|\b(?:last\s+)?(?:updated|modified|published)\b"
    r"|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?"
    r"|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?"
    r"|dec(?:ember)?)\.?\s+\d)",
    re.I,
)
