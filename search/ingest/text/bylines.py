"""Who wrote it: bylines, wherever and however a page sets them.

"By Ann Lee" and its variants (a dashed rule before it, a date after it, "By" on a line of
its own above the names, a staff credit), a link to a writer's page, names alone beside
the date or at the end of a credit line, a name that the page's closing bio describes, a
blog footer's "Posted by", a personal site's copyright owner. Names are checked as names
(not a section's label, a place, an agency, a known public figure's tag). Also the
removal of the author's bio from the story once the author is known.

The HTML reader uses :func:`shown_byline` and :func:`_site_owner` on trafilatura's
output. The byline grammar itself (``_BYLINE``, ``_byline_names``) is in
:mod:`search.ingest.meta`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..meta import (
    _BYLINE,
    _BYLINE_START,
    _DATE_FORMS,
    _byline_names,
    find_date,
    is_date_line,
    without_dates,
)
from .decode import clean_line
from .furniture import _BIO_VERB, _BIO_WORDS_MAX, _UI_WORDS, _is_bio, _ui_words_only
from .markdown import _IMAGE, _LINK
from .shapes import _name_line, _words


def _without_authors_bio(body_lines: list[str], author: str) -> list[str]:
    """The story without its author's bio, wherever the page sets it and in whatever words:
    a paragraph that opens with the byline's name (two words or more) and says what the
    person is or does ("Ann Lee is a reporter...", "ANN LEE has done many things")."""
    if len(_words(author)) < 2:
        return body_lines
    name, size = author.casefold(), len(author)
    kept = [
        p
        for p in body_lines
        if not (
            p[:size].casefold() == name
            and _BIO_VERB.match(p, size)
            and len(_words(p)) <= _BIO_WORDS_MAX
        )
    ]
    return kept or body_lines


def _named_beside_date(lines: Sequence[tuple[str, int]], title_index: int) -> str:
    """People's names alone on a line just below the headline, with the date on the line
    right before or after (a "|" between): a byline that shows no "By" ("Ann Lee, Tom
    Ekwall" over "November 8 2023, 3:18 p.m."), unless the page says who they are (a
    profile's subject; a writer's bio at the end has named the author already)."""
    below = [
        line
        for line, _ in lines[title_index + 1 : title_index + 1 + _BYLINE_BELOW]
        if _words(line)  # not a separator's line
    ]
    for k, line in enumerate(below):
        line = line.strip(" |•·")
        if not _name_line(line) or _UI_WORDS.match(line) or _ui_words_only(line):
            continue
        neighbours = below[max(k - 1, 0) : k] + below[k + 1 : k + 2]
        if any(is_date_line(other) for other in neighbours) and not _label_words(line):
            return "" if _says_who(line, lines[title_index + 1 :]) else line
    return ""


def _named_after_date(lines: Sequence[tuple[str, int]], title_index: int) -> str:
    """The name a credit line below the headline ends on, after its date: "The Harbour
    Gazette 02/10/2020 Ann Lee" (a news aggregator's line: the publisher, the date, the
    writer). Only a person's name, as :func:`_named_beside_date` takes it."""
    for line, _ in lines[title_index + 1 : title_index + 1 + _HEADLINE_REACH]:
        if len(_words(line)) > 10 or find_date(line) is None:
            continue
        ends = [m.end() for form in _DATE_FORMS for m in form.finditer(line)]
        name = line[max(ends) :].strip(" |•·,–—-") if ends else ""
        if (
            _name_line(name)
            and not _label_words(name)
            and not _UI_WORDS.match(name)
            and not _ends_on_a_place_word(name)
        ):
            return "" if _says_who(name, lines[title_index + 1 :]) else name
    return ""


def _ends_on_a_place_word(name: str) -> bool:
    """A place the line names, not a writer: its last word an everyday one ("Kensington
    Palace", "Jackson Heights", "Victoria Station"), as :func:`_site_owner` refuses."""
    from ...entities.typer import everyday

    words = _words(name)
    return bool(words) and bool(everyday(words[-1]))


def _says_who(name: str, lines: Sequence[tuple[str, int]]) -> bool:
    """Whether the page says who ``name`` is ("Ines Vardy is a professor of ..."): a
    profile's subject, named under its headline."""
    key = name.casefold()
    for line, _ in lines:
        if line[: len(key)].casefold() == key and _BIO_VERB.match(line, len(key)):
            return True
    return False


def _label_words(line: str) -> bool:
    """No writer's name: a section's or a button's label in capitals ("Editors Pick",
    "Create LICENSE": it opens with an everyday word that is no one's given name, or holds
    a word in capitals in a line that is not all capitals), a place ("New York", the
    dateline beside the date), a name the recogniser knows (a public figure's topic tag, a
    body), or a credit to an agency or a column ("Getty Images", "Guest Column")."""
    from ...entities.gazetteer import lookup  # the recogniser's lists, read once
    from ...entities.typer import everyday, places

    words = _words(line)
    shouting = line != line.upper() and any(len(w) > 2 and w.isupper() for w in words)
    if shouting or everyday(words[0]) > 0 or _CREDIT_WORD.search(line):
        return True
    for part in re.split(r",\s*|\s+and\s+|\s+&\s+", line):
        known = lookup(part)
        if part in places() or known is not None:  # a place, a body, a public figure's tag
            return True
    return False


#: The last word of a credit that names no person.
_CREDIT_WORD = re.compile(
    r"\b(?:images|photos?|pictures|press|news|media|column|desk|agency|wire|staff|team"
    r"|reports?|editors?|city|county|state)$",
    re.I,
)


def _named_below_and_in_bio(lines: Sequence[tuple[str, int]], title_index: int, last: int) -> str:
    """A name alone on a line just below the headline, when the page ends on a bio of that
    person ("Leah C. Stokes is an assistant professor ...", at the story's end or after
    it, ``last`` being its last line): the author, whose byline lost its "By" (set apart
    as an icon, or not there at all). A profile prints its subject's name below the
    headline too, and says who they are early in the story: no author."""
    below = lines[title_index + 1 : title_index + 1 + _BYLINE_BELOW]
    names = {line.casefold(): line for line, _ in below if _name_line(line)}
    if not names:
        return ""
    for i, (line, _) in enumerate(lines[title_index + 1 :], title_index + 1):
        m = _BIO_VERB.search(line)
        if not (m and _is_bio(line) and line[: m.start()].casefold() in names):
            continue
        if i >= last or _WRITER.search(line):  # at the end, or a writer's bio anywhere
            return names[line[: m.start()].casefold()]
    return ""


#: What a writer's bio says they do.
_WRITER = re.compile(
    r"\b(?:reporter|correspondent|journalist|writer|writes|editor|columnist|contributor)\b", re.I
)


#: How far above the body a byline or date may stand, and how many lines above it the
#: headline may be (a summary, a photo caption or a section label can come between).
_BYLINE_REACH = 15
_HEADLINE_REACH = 4


#: How every byline _BYLINE or _CREDIT_START knows begins.
_BYLINE_OPENINGS = ("by", "written", "author", "words", "reporting", "posted", "reported")


def _is_byline(line: str) -> bool:
    """A byline, one running on into a date ("Written by Ann Lee on July 27, 2017"), or
    the bare "By" that a page sets apart from the names."""
    if not line[:10].lower().startswith(_BYLINE_OPENINGS):  # most lines: a cheap no
        return False
    return (
        line.lower() in ("by", "by:")
        or bool(_BYLINE.match(line))
        or (len(_words(line)) <= 15 and bool(_CREDIT_START.match(line)))
    )


def _is_credit(line: str) -> bool:
    """A byline, or a short line that gives a date ("The Guardian 02/10/2020 Ann Lee")."""
    return _is_byline(line) or (find_date(line) is not None and len(_words(line)) <= 10)


_CREDIT_START = re.compile(r"(?:(?:written|posted|reported|words)\s+)?by\s+\S", re.I)


#: A Markdown link to a page about a writer ("[Evan Halper](https://www.latimes.com/people/
#: evan-halper)", "by: [Cora Neas](https://www.kxan.com/author/cora-neas/ \"Posts by\")"):
#: how a clipped page keeps its byline when the words "By" and the name were set apart.
_AUTHOR_LINK = re.compile(
    r"\[([^\[\]\n]{4,60})\]\((?:https?:)?/?/?[^()\s]*?/(?:authors?|people|profiles?|staff"
    r"|contributors?|writers?|journalists?|columnists?|reporters?|newsteam|byline)/[^()\s]+"
    r"(?:\s+\"[^\"]*\")?\)",
    re.I,
)


def _author_link(text: str) -> str:
    """The name of the first link to a writer's page whose words are a person's name, on
    a line of its own or a byline's ("By [Ann Lee](url) Staff Writer"): a link to a
    person's page inside a sentence ("shares rose after [Elon Musk](url)'s company...")
    names someone the story is about."""
    for m in _AUTHOR_LINK.finditer(text):
        name = clean_line(m.group(1))
        if not _name_line(name) or _UI_WORDS.match(name):
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        around = text[start : m.start()] + " " + text[m.end() : len(text) if end < 0 else end]
        around = _ADDRESS.sub(" ", _LINK.sub(r"\1", _IMAGE.sub(" ", around)))
        around = without_dates(around)
        if len(_words(around)) <= _BYLINE_AROUND:
            return name
    return ""


#: An address in brackets left where a link did not parse ("email protected(/cdn-cgi/l/...)").
_ADDRESS = re.compile(r"\([^()\s]*/[^()\s]*\)")
#: How many other words a line may hold around a writer's link for it to be a byline ("By",
#: "Staff Writer", a handle, a date).
_BYLINE_AROUND = 6


_RULE_DASHES = frozenset("-–—~*")
#: A credit to the newsroom in lower case: "By Staff and news service reports".
_STAFF_CREDIT = re.compile(r"by\s+((?:staff|editorial\s+staff)\b[\w\s&]{0,40}?)\s*$", re.I)


def _dashed_byline(line: str) -> bool:
    """A byline a rule of dashes opens ("---- by Ann Lee"), as a dictionary's entry signs it."""
    return line[:1] in _RULE_DASHES and bool(_byline_in(line))


def _byline_in(line: str) -> str:
    """The names of a byline line, alone or running on into a date or reading time; a rule
    of dashes may open it ("---- by Ann Lee")."""
    if line[:1] in _RULE_DASHES:
        line = line.lstrip("".join(_RULE_DASHES) + " ").rstrip("*_ ")  # "---- by Ann Lee**"
    if not line[:10].lower().startswith(_BYLINE_OPENINGS):  # most lines: a cheap no
        return ""
    if _BYLINE.match(line):
        return _byline_names(line)
    staff = _STAFF_CREDIT.match(line)
    if staff:
        return staff.group(1)
    m = _BYLINE_START.match(line)
    return _byline_names(m.group(1)) if m and _BYLINE.match(m.group(1)) else ""


#: How many lines below the headline a byline may stand (a summary, a photo's caption,
#: share buttons between).
_BYLINE_BELOW = 12
#: Where a byline's "By" stands in a line: at its start, after a separator ("yas! | By Cara
#: Stiles | April 13, 2020"), or after "Posted on May 2, 2019" and the like; not in "©
#: Provided by The Guardian" or a photo's credit. A rule of dashes may open it ("--- by Ann Lee").
_BY = re.compile(
    r"(?:^[-–—~*]*\s*|[|•·]\s*|\b(?:posted|written|published|reported)(?:\s+on\s+[^|]{1,40}?)?\s+)(by\b.*)",
    re.I,
)


def _names_set_apart(lines: Sequence[str]) -> str:
    """The names a "By" set apart introduces, a line each, a writer's handle or "and"
    between ("By", "Ann Lee", "@annlee", "Tom Ekwall"): the first line, and the name lines
    after it."""
    names = [lines[0]]
    joiner = ", "
    for line in lines[1:]:
        if _HANDLE.fullmatch(line):
            continue
        if line.casefold() in ("and", "&"):  # "By", "Ann Lee", "and", "Tom Ekwall"
            joiner = " and "
            continue
        if not _name_line(line) or not _name_line(names[-1]) or _label_words(line):
            break  # not "Full Bio"
        names.append(joiner + line)
        joiner = ", "
    return "".join(names)


_HANDLE = re.compile(r"@\w{2,30}")
#: How many words a line that opens with its byline may hold (names, a team's name).
_TEAM_BYLINE_WORDS = 30


def shown_byline(lines: Sequence[str]) -> str:
    """The names of the first byline among these lines (those below a headline): "By Ann
    Lee", "Posted on May 2, 2019 by Kay", "yas! | By Cara Stiles | April 13, 2020",
    "12/04/2020 by Kay", or "By" set apart from the names."""
    for i, line in enumerate(lines):
        words = len(line.split())
        # A byline that opens its line may name a team of writers and their team's name
        # ("Posted by Ann Lee, Tom Ekwall, Kay Berg and Jo Mak - Chrome Security team").
        if words > 15 and not (words <= _TEAM_BYLINE_WORDS and _CREDIT_START.match(line)):
            continue
        # A date may open it: "12/04/2020 by Kay 24 Comments".
        m = _BY.search(line) or _BY.match(without_dates(line).lstrip())
        if not m:
            continue
        words = m.group(1)
        if words.lower().rstrip(": ") == "by" and i + 1 < len(lines):
            words = "By " + _names_set_apart(lines[i + 1 :])
        shown = _byline_in("B" + words[1:])
        if shown:
            return shown
    return ""


#: A blogging platform's post footer, its labels left as words: "Posted on May 2, 2019
#: Author Ann Lee Categories News Tags port" (the theme shows its labels to screen readers).
_LABELLED_FOOTER = re.compile(
    r"^posted\s+on\s+.{6,60}?\s*(?<![^\W\d_])author:?\s+(?P<name>.+?)"
    r"(?:\s+(?:categories|tags|leave\s+a\s+comment|\d+\s+comments?|edit)\b.*)?$",
    re.I,
)


def _footer_author(line: str) -> str:
    """The writer a post's footer names under its "Author" label, if a person's name."""
    m = _LABELLED_FOOTER.match(line)
    name = m.group("name").strip() if m else ""
    return name if name and _name_line(name) and not _label_words(name) else ""


#: Whose the site is, as its footer says: "Copyright (c) 2012- Ann Lee. All rights
#: reserved.", "© 2024 Ann Lee", "2009-2020 by Ann Lee" (a year or a span of years first).
_OWNER = re.compile(
    r"(?:(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:(?:19|20)\d\d\s*(?:[-–—]\s*(?:(?:19|20)\d\d)?)?)?"
    r"|(?<![\w-])(?:19|20)\d\d\s*[-–—]\s*(?:(?:19|20)\d\d\s+)?(?=by\s))"
    r",?\s*(?:by\s+)?(?P<name>[^\W\d_][^.,|©()\d]{2,40}?)\s*(?:[.,|–—(]|\s-\s|\ball\s+rights|(?:19|20)\d\d|$)",
    re.I,
)


def _site_owner(tail: Sequence[str]) -> str:
    """The person a page's footer says the site is by ("© 2012-2020 Ann Lee"): a personal
    site's writer. Only a person's name, a known given name first and no everyday word
    last ("Grace Church", "Ann Lee Media"): a publisher, a company or a place owns the
    news sites."""
    from ...entities.gazetteer import _given_names
    from ...entities.typer import census_names, everyday

    for line in tail:
        if len(_words(line)) > 40:
            continue
        for m in _OWNER.finditer(line):
            name = m.group("name").strip()
            words = _words(name)
            if (
                _name_line(name)
                and 2 <= len(words) <= 3
                and (words[0] in _given_names() or words[0] in census_names()[0])
                and not everyday(words[-1])
                and not _label_words(name)
            ):
                return name
    return ""
