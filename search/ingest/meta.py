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
    re.compile(rf"\b{_DAY}\s+(?:of\s+|de\s+)?{_ANY_MONTH},?\s+(?:de\s+)?{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    # 30/12/2019, 12/30/2019, 07.01.2025: see _numeric_date for which number is the month
    re.compile(rf"(?<![\d/.])(?P<a>[0-3]?\d)([/.])(?P<b>[0-3]?\d)\2{_YEAR}(?![\d/])"),
]
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


def find_date(text: str) -> dt.date | None:
    """The first full calendar date in ``text`` ("Apr 9th 2024", "2025-07-01", ...)."""
    if not _A_YEAR.search(text):  # every form has a year: most lines have none
        return None
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
    try:
        return dt.date(int(groups["year"]), month or 0, int(groups["day"]))
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

    Web clippers write YAML lists too, inline (``author: ["[[Ann Lee]]"]``) or as
    ``- item`` lines under the key; their items are joined, wiki links unwrapped.
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    key = None
    items: dict[str, list[str]] = {}
    for line in m.group("block").splitlines():
        item = _YAML_ITEM.match(line)
        if item and key:
            items.setdefault(key, []).append(_scalar(item.group(1)))
            continue
        lm = _META_LINE.match(line)
        key = META_KEYS.get(lm.group("key").lower()) if lm else None
        if key is None:
            continue
        value = lm.group("value")
        if value.startswith("[") and value.endswith("]") and not value.startswith("[["):
            items[key] = [_scalar(v) for v in value[1:-1].split(",")]
        elif value:
            meta[key] = _scalar(value)
    for key, values in items.items():
        values = [v for v in values if v]
        if values and not meta.get(key):
            meta[key] = ", ".join(values)
    if not meta:
        return {}, text  # a horizontal rule, not front matter
    return meta, text[m.end() :]


_YAML_ITEM = re.compile(r"^\s*-\s+(.*?)\s*$")


def _scalar(value: str) -> str:
    """A YAML scalar as text: quotes and wiki-link brackets off ("[[Ann Lee]]" -> Ann Lee)."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return _WIKI_LINK.sub(lambda m: m.group(2) or m.group(1), value).strip()


def read_sidecar(path: Path) -> dict[str, str]:
    """Metadata from ``NAME.meta.toml`` beside ``NAME.txt``, if there is one."""
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}
    from ..config import toml_loads

    try:
        data = toml_loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # unreadable, not UTF-8, not TOML
        return {}
    return {META_KEYS[k.lower()]: str(v) for k, v in data.items() if k.lower() in META_KEYS}


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
