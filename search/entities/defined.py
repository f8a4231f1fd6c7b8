"""Names a text marks out by its own conventions, whatever words they are made of.

- A dateline: "BRANDERVILLE — The council met...", "NORTH QUELLING BAY — ...", "FARWICK
  (KWTX) —": the capitals that open a story or a paragraph before a dash name the place
  it was filed from (unless they are everyday words: "ARRESTS – ...", a heading, names
  nothing). The span is the place, with the words inside it (a known "North" does not cut
  it short), and no evidence around it changes its type.
- A name its acronym follows in brackets: "Coastal Patrol and Harbour Operations (CPHO)",
  "U.S. Customs and Border Protection (CBP)". The capitalised words whose initials the
  acronym spells are one name, though "and" joins them and no cue word ends them; the
  typer types it (it sees the acronym spell it out), an organisation if it calls it none.
  Where the same field names it again without the acronym, that is the same name.
- A road by its number ("Ohio Route 11", "1450N Road", "42nd Street"): a place.
- An office named for its holder's post ("Marlow County Sheriff's Department", "the
  Office of the Governor"): one organisation.
- "the Council" after "the Pellworth Regional Council": that body (:func:`short_bodies`,
  across the article's fields).
"""

# Word lists read best as one string split on spaces.
# ruff: noqa: SIM905

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate

from search.entities import typer
from search.entities.gazetteer import gazetteer
from search.entities.guess import _PERSON_TITLES, _TITLE_WORDS, _cue_type
from search.entities.spans import DEFINED, SPELT, Span, _select

#: Capitals that open a line (or a heading after a colon), then an optional ", State" and
#: "(AGENCY)", then a dash; matched on what is before each dash (:func:`_dateline_heads`).
_RX_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)?(?: \([A-Za-z][\w ]*\))?"
)
_RX_DASH = re.compile(r" (?:—|–|--|-) ")
#: What a dateline's place or state may end in before the dash: "(KXAN)", "Minn.".
_PLACE_ENDS = frozenset(").")


def _dateline_heads(norm: str):
    """The matches of ``_RX_DATELINE`` that fill what runs from a line's start (or a colon)
    to a dash: a dash is rarer than a place to start at."""
    for dash in _RX_DASH.finditer(norm):
        end = dash.start()
        if not (norm[end - 1 : end].isupper() or norm[end - 1 : end] in _PLACE_ENDS):
            continue  # (the common case: a dash after a word in lower case)
        newline = norm.rfind("\n", max(0, end - 90), end)
        line = newline + 1 if newline >= 0 or end <= 90 else end - 90
        colon = norm.rfind(": ", line, end)
        if colon >= 0:
            start = colon + 2
        elif newline >= 0 or end <= 90:
            start = line
        else:
            continue  # no line starts near enough
        m = _RX_DATELINE.fullmatch(norm, start, end)
        if m:
            yield m


def datelines(norm: str, spans: list[Span]) -> list[Span]:
    """The place of each dateline in capitals, as one span that replaces those inside it."""
    found = []
    headings: list[tuple[int, int]] = []
    for m in _dateline_heads(norm):
        start, end = m.span("place")
        place = m["place"]
        if len(place.replace(".", "")) < 3:
            continue
        title = " ".join(w.capitalize() for w in place.split())
        # "ARRESTS – Corey O. Inman", "UPDATE - ...": a heading in everyday words is no place
        if title not in typer.places() and all(
            typer.everyday(w) or typer.everyday(w[:-1]) for w in title.replace("-", " ").split()
        ):  # (an everyday word or its plural)
            headings.append((start, end))
            continue
        found.append((start, end, "GPE", "", True, DEFINED))
    found.extend(_dated_lines(norm))
    if "\n- " in norm or "\n-- " in norm:
        found.extend(_mastheads(norm))
    if headings:  # and no guess of a name
        held = _holder(headings)
        spans = [s for s in spans if not (s[4] and held(s[0], s[1]))]
    return _replace(spans, found) if found else spans


#: A news agency's dateline on a line of its own, with the date and no dash: "SAN MATEO,
#: Calif. 1996-08-23", "LAS CRUCES, N.M. 1996-08-23", "FORT WORTH 1996-08-30".
_RX_DATED_LINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:, (?P<region>[A-Z][\w.]*(?: [A-Z][\w.]*)?))? "
    rf"(?:{typer.DATELINE_DATE})[ \t]*(?:\n|$)"
)
#: How far into a field a dateline may stand (it opens the story).
_DATED_WITHIN = 160


def _dated_lines(norm: str) -> list[Span]:
    """The place (and its region, unless known already) of a dateline on a line of its
    own near the field's start, dated and without a dash (``_RX_DATED_LINE``)."""
    found: list[Span] = []
    line = 0
    while line < _DATED_WITHIN and line < len(norm):
        if norm[line : line + 1].isupper():  # (a line that opens in a capital)
            m = _RX_DATED_LINE.match(norm, line)
            if m and len(m["place"].replace(".", "")) >= 3:
                found.append((m.start("place"), m.end("place"), "GPE", "", True, DEFINED))
                region = m["region"]
                if region and not region[:1].isdigit():
                    found.append((m.start("region"), m.end("region"), "GPE", "", True, DEFINED))
                return found
        nl = norm.find("\n", line, line + _DATED_WITHIN)
        if nl < 0:
            break
        line = nl + 1
    return found


#: A line in capitals alone, the stories listed under it ("HAARETZ\n- Arafat opens...").
_RX_MASTHEAD = re.compile(r"(?<=\n)([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})\n--? (?=[A-Z\"])")
#: Words a newspaper's name ends in, everyday words all the same ("FINANCIAL POST").
_MASTHEAD_WORDS = frozenset(
    "Globe Times Post Herald Tribune Journal Chronicle Gazette Observer Sentinel Examiner"
    " Inquirer Courier Telegraph Dispatch Enquirer News Express Mail Star Sun Mirror"
    " Standard Press Daily Nation Independent Guardian Monitor Review Recorder".split()
)
#: What a press review says of itself: its mastheads are papers.
_RX_PRESS = re.compile(r"\b(?:newspapers?|press|dailies|daily|papers|editorials?)\b")


def _mastheads(norm: str) -> list[Span]:
    """A press review's papers: each line in capitals alone with the stories it ran
    listed under it ("YEDIOTH AHRONOTH\n- Netanyahu opposes..."), where the text says it
    reviews the press; a heading in everyday words ("FRONT PAGE", "BUSINESS PAGES")
    is no paper, unless a paper's word ends it ("FINANCIAL POST")."""
    heads = list(_RX_MASTHEAD.finditer(norm))
    if len(heads) < 2 or not _RX_PRESS.search(norm.lower()):
        return []
    found = []
    for m in heads:
        words = m[1].replace("-", " ").lower().split()
        common = typer.common_words()
        if words[-1].capitalize() not in _MASTHEAD_WORDS and all(
            w in common or w[:-1] in common for w in words
        ):
            continue
        found.append((m.start(1), m.end(1), "ORG", "", True, DEFINED))
    return found


def _holder(intervals: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether one of ``intervals`` (start, end) holds ``[start, end)``: whether
    the farthest end of those that start at or before ``start`` reaches ``end`` (a long
    text has many intervals and spans: no scan of them all for each span)."""
    intervals = sorted(intervals)
    starts = [a for a, _ in intervals]
    reach = list(accumulate((b for _, b in intervals), max))

    def held(start: int, end: int) -> bool:
        i = bisect_right(starts, start)
        return i > 0 and reach[i - 1] >= end

    return held


#: An acronym in brackets right after a name: " (HSI)", " (AT&T)".
_RX_ACRONYM_AFTER = re.compile(r" \(([A-Z][A-Z&]{1,7})\)")
#: Lower-case words a name's words may be joined by.
_JOINS = frozenset("of and for the & on in de du des la le del di da pour en et y und für".split())
_RX_WORD = re.compile(r"[A-Z][\w'’.-]*")
#: A country's abbreviation before an agency's name is part of it: "U.S. Customs ...".
_RX_COUNTRY_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,3}|US|UK|EU")


def acronym_names(norm: str, spans: list[Span]) -> list[Span]:
    """Names an acronym in brackets spells out, one span each (see the module's doc)."""
    if " (" not in norm:
        return spans
    found: list[Span] = []
    names: set[str] = set()
    for m in _RX_ACRONYM_AFTER.finditer(norm):
        span = _spelt_out(norm, m.start(), m[1])
        if span:
            found.append(span)
            names.add(norm[span[0] : span[1]])
    if not found:
        return spans
    for name in names:  # the same name again, without its acronym
        short = (
            name.split(" ", 1)[1] if _RX_COUNTRY_ABBREVIATION.fullmatch(name.split(" ")[0]) else ""
        )
        for text in filter(None, (name, short)):
            at = norm.find(text)
            while at >= 0:
                end = at + len(text)
                if (at == 0 or not norm[at - 1].isalnum()) and not norm[end : end + 1].isalnum():
                    found.append((at, end, "ORG", "", True, SPELT))
                at = norm.find(text, end)
    found = _select(found)  # the longest of overlapping ones
    return _replace(spans, found)


def _spelt_out(norm: str, end: int, acronym: str) -> Span | None:
    """The longest run of capitalised words ending at ``end`` whose initials spell
    ``acronym``, as a guessed organisation's span, else None."""
    letters = acronym.replace("&", "")
    window = max(0, end - 160)
    words: list[tuple[int, int, str]] = []
    for t in reversed(list(re.finditer(r"\S+", norm[window:end]))):
        w = t[0]
        if w in _JOINS or _RX_WORD.fullmatch(w):
            words.append((window + t.start(), window + t.end(), w))
            continue
        break
    words.reverse()
    if not words or words[-1][2] in _JOINS:
        return None
    for i, (start, _, first) in enumerate(words):
        if first in _JOINS:
            continue
        rest = [w for _, _, w in words[i:]]
        capitals = [w for w in rest if w not in _JOINS]
        if len(capitals) < 2:
            break
        spelt = "".join(w[0] for w in capitals)
        spelt_all = "".join(w[0].upper() for w in rest if w not in {"the", "&"})
        if letters not in (spelt, spelt_all):
            continue
        if first in _PERSON_TITLES or _cue_type(capitals[-1]) in {"LAW", "EVENT"}:
            return None  # "Member of Parliament (MP)", "Comprehensive Test Ban Treaty (CTBT)"
        if i and _RX_COUNTRY_ABBREVIATION.fullmatch(words[i - 1][2]):
            start = words[i - 1][0]
        return (start, end, "ORG", "", True, SPELT)
    return None


def _replace(spans: list[Span], found: list[Span]) -> list[Span]:
    """``spans`` with each of ``found`` in place of the mentions inside it; one that a
    known name runs across, or that is a known name already, is left out."""
    if len(found) * len(spans) > _MANY:
        return _replace_many(spans, found)
    keep = []
    for new in found:
        a, b = new[0], new[1]
        # its own convention cuts a guess short, never a known name
        clash = any(
            not s[4] and s[0] < b and a < s[1] and (s[0] < a or s[1] > b or (s[0], s[1]) == (a, b))
            for s in spans
        )
        if not clash:
            keep.append(new)
    if not keep:
        return spans
    out = [s for s in spans if not any(s[0] < k[1] and k[0] < s[1] for k in keep)]
    out.extend(keep)
    out.sort()
    return out


#: How many (found, span) pairs :func:`_replace` compares one by one; a long text's are
#: looked up (:func:`_replace_many`), which costs more to set up.
_MANY = 2000


def _replace_many(spans: list[Span], found: list[Span]) -> list[Span]:
    """:func:`_replace`, for many spans: each found span is compared only with the known
    mentions that reach into it, by their starts and the farthest end before each."""
    known = sorted(s for s in spans if not s[4])
    starts = [s[0] for s in known]
    reach = list(accumulate((s[1] for s in known), max))
    keep = []
    for new in found:
        a, b = new[0], new[1]
        k = bisect_left(starts, b) - 1  # (known[: k + 1] start before b)
        while k >= 0 and reach[k] > a:  # (some of known[: k + 1] ends after a)
            s = known[k]
            if a < s[1] and (s[0] < a or s[1] > b or (s[0], s[1]) == (a, b)):
                break  # a clash: its own convention cuts a guess short, never a known name
            k -= 1
        else:
            keep.append(new)
    if not keep:
        return spans
    kept = sorted(keep)
    kept_starts = [k[0] for k in kept]
    kept_reach = list(accumulate((k[1] for k in kept), max))

    def overlaps(s: Span) -> bool:
        i = bisect_left(kept_starts, s[1])  # (kept[:i] start before s ends)
        return i > 0 and kept_reach[i - 1] > s[0]

    out = [s for s in spans if not overlaps(s)]
    out.extend(keep)
    out.sort()
    return out


#: A road by its number: "Route 29", "Road 1950E", "Interstate 95", "Highway 401" (the
#: capitalised words before it are its name too: "Illinois Route 29"); a numbered street:
#: "1600E Road", "42nd Street", "5th Avenue".
_RX_ROAD_NUMBER = re.compile(r"(?:Route|Highway|Road|Interstate|Hwy\.?) \d{1,5}[A-Z]?(?![\w-])")
_RX_NUMBER_STREET = re.compile(
    r"(?<![\w,.-])\d{1,5}(?:st|nd|rd|th|[NSEW])? (?:Street|Avenue|Road|Boulevard|Lane|Drive)(?![\w-])"
)
_ROAD_WORDS = ("Route ", "Highway ", "Road ", "Interstate ", "Hwy")
_STREET_WORDS = (" Street", " Avenue", " Road", " Boulevard", " Lane", " Drive")
#: A word of a name before a road's or an office's: "Illinois", "U.S."; not "Office."
_RX_NAME_WORD = re.compile(r"[A-Z][\w-]*|(?:[A-Z]\.)+")


def _known(word: str) -> bool:
    """Is ``word`` a name the gazetteer or the list of places knows?"""
    return word.lower() in gazetteer().by_alias or word in typer.places()


def _name_words_before(norm: str, start: int, most: int) -> int:
    """Where a name that ends at ``start`` begins, taking up to ``most`` capitalised words
    before it, one space apart, but no leading stop word ("In", "The")."""
    for _ in range(most):
        before = norm.rfind(" ", 0, max(0, start - 1)) + 1
        word = norm[before : start - 1]
        if start < 2 or norm[start - 1] != " " or not _RX_NAME_WORD.fullmatch(word):
            break
        if word in _LEADING_STOPS:
            break
        start = before
    return start


def numbered_roads(norm: str, spans: list[Span]) -> list[Span]:
    """Roads and streets named by a number, as places (the guesser sees no capitalised
    name in "1600E Road", and cuts "Illinois Route 29" short of its number)."""
    found = []
    if any(w in norm for w in _ROAD_WORDS):
        for m in _RX_ROAD_NUMBER.finditer(norm):
            if m.start() and (norm[m.start() - 1].isalnum() or norm[m.start() - 1] == "-"):
                continue
            # the capitalised words before it: "Illinois", "Township"
            start = _name_words_before(norm, m.start(), 3)
            found.append((start, m.end(), "LOC", "", True, DEFINED))
    for word in _STREET_WORDS:
        at = norm.find(word)
        while at >= 0:  # "42nd Street": a number right before the street's word
            if norm[at - 1 : at].isalnum():
                m = _RX_NUMBER_STREET.search(norm, max(0, at - 8), at + len(word) + 1)
                if m:
                    found.append((m.start(), m.end(), "LOC", "", True, DEFINED))
            at = norm.find(word, at + len(word))
    return _replace(spans, found) if found else spans


_LEADING_STOPS = frozenset("The On At In Near Along From To Via A An".split())


def tweet_authors(norm: str, spans: list[Span]) -> list[Span]:
    """An embedded tweet's signature names its author: "— マツモトケイジ (@keizi666) January
    24, 2020", the name a page copies from the post before its handle and date. A name the
    guesser cannot see (another script, small letters) is a person there; one it found
    keeps the type it has."""
    if "(@" not in norm:
        return spans
    found = []
    for m in _RX_TWEET_SIGNATURE.finditer(norm):
        a, b = m.span("name")
        if any(s[0] < b and a < s[1] for s in spans) or _RX_DIGIT_OR_MARK.search(norm, a, b):
            continue
        if _institution_signs(norm[a:b]):
            continue  # "Ministério da Saúde (@minsaude)", "bbc breaking news": an account
        found.append((a, b, "PERSON", "", True, DEFINED))
    return sorted(spans + found) if found else spans


#: A tweet's signature on a line of its own: a dash, the author's name, the handle in
#: brackets, the date ("— Dana Ruiz (@danaruiz) July 3, 2019").
_RX_TWEET_SIGNATURE = re.compile(
    r"(?m)^[-—–] ?(?P<name>[^\W\d_][^\n()@—–]{0,58}?) \(@\w{1,30}\) [A-Z][a-z]+\.? \d{1,2}, \d{4}"
)
_RX_DIGIT_OR_MARK = re.compile(r"[\d:;!?\"“”]")
#: Words of an institution's or a newsroom's account, in the languages of the news.
_ACCOUNT_WORDS = frozenset(
    "news breaking live official ministry ministério ministerio ministère ministero"
    " department agency office police government council city county state embassy"
    " university college institute foundation party team club radio tv weather"
    " gobierno governo gouvernement regierung polizei ministerium".split()
)
#: Characters of Chinese and Japanese institutions' names (ministry, agency, bureau, office,
#: party, broadcasting, newspaper, disaster prevention).
_ACCOUNT_CHARS = ("省", "庁", "局", "署", "党", "放送", "新聞", "防災", "ニュース", "政府")


def _institution_signs(name: str) -> bool:
    """Does a tweet's signature name an institution's account, not a person: a word of
    a body or a newsroom, all lower case ("bbc breaking news"), or a CJK institution's
    character?"""
    words = name.split()
    if any(w.casefold() in _ACCOUNT_WORDS for w in words):
        return True
    if name.isascii() and name == name.lower():
        return True
    return any(c in name for c in _ACCOUNT_CHARS)


#: An office named for its holder's post: "Christian County Sheriff's Department", "the
#: Attorney General's Office", "Children's Hospital".
_RX_OFFICE_AFTER = re.compile(r"(?: [A-Z][\w-]*){0,3} (?P<cue>[A-Z][a-z]+)(?![\w'’-])")
#: Posts whose possessive may open an office's name ("Children's Hospital").
_POSTS_FIRST = frozenset("Children Women Men Veterans People Workers".split())


def post_offices(norm: str, spans: list[Span]) -> list[Span]:
    """Offices named for their holder's post, whole, as organisations: the post is an
    everyday word ("Sheriff", "Attorney"), not a name ("Britain's Labour Party" is two)."""
    found = []
    at = norm.find("Office of the ")
    while at >= 0:  # "the Office of the Governor", "Office of the Attorney General"
        m = _RX_OFFICE_OF.match(norm, at)
        if m and all(w in _TITLE_WORDS for w in m["post"].split()):
            found.append((at, m.end(), "ORG", "", True, DEFINED))
        at = norm.find("Office of the ", at + 14)
    for mark in ("'s ", "’s "):
        at = norm.find(mark)
        while at >= 0:
            if norm[at + 3 : at + 4].isupper():  # (the common case: "the company's share")
                found += _post_office(norm, at)
            at = norm.find(mark, at + 3)
    return _replace(spans, found) if found else spans


_RX_OFFICE_OF = re.compile(r"Office of the (?P<post>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?![\w-])")


def _post_office(norm: str, at: int) -> list[Span]:
    """The office whose post's possessive ends at ``at``, as a list of none or one span."""
    post_start = norm.rfind(" ", max(0, at - 30), at) + 1
    post = norm[post_start:at]
    if not (post[:1].isupper() and post[1:].islower() and post.isalpha()):
        return []  # (the common case: "the company's", "Britain's" passes on to the list)
    m = _RX_OFFICE_AFTER.match(norm, at + 2)
    if not m or _cue_type(m["cue"]) != "ORG" or not typer.everyday(post) or _known(post):
        return []  # (everyday words include "Britain": a known name is no post)
    # the capitalised words before the post: "Christian County"
    start = _name_words_before(norm, post_start, 4)
    if start == post_start and post not in _POSTS_FIRST:
        return []
    return [(start, m.end(), "ORG", "", True, DEFINED)]


#: Institutions' cue words an article goes on to use alone for the one it named in full:
#: "the City Council" ... "the Council"; "the General Assembly" ... "the Assembly".
_BODIES = frozenset(
    "Council Assembly Commission Committee Parliament Senate Congress Court Tribunal Ministry"
    " Department Agency Authority Board Bureau Cabinet Legislature Commons"
    # a paper by its masthead word: "the Globe" after "California Globe", "the Post"
    " Globe Times Post Herald Tribune Journal Chronicle Gazette Observer Sentinel Examiner"
    " Inquirer Courier Telegraph Dispatch Enquirer".split()
)


def campuses(fields: list[tuple[str, str, str, list[Span]]]) -> list:
    """A university's name goes on with "at" and the place of its campus: "University of
    Illinois at Chicago", "Southern Illinois University at Carbondale" (one name in
    CoNLL-2003), "University of North Carolina at Chapel Hill"."""
    out = []
    for name, text, norm, spans in fields:
        if "University" in norm and " at " in norm:
            spans = _campuses(norm, spans)
        out.append((name, text, norm, spans))
    return out


def _campuses(norm: str, spans: list[Span]) -> list[Span]:
    by_start = {s[0]: s for s in spans}
    out: list[Span] = []
    skip_to = -1
    for s in spans:
        if s[0] < skip_to:
            continue
        end = _campus_end(norm, s, by_start) if s[2] == "ORG" else 0
        if end:
            out.append((s[0], end, "ORG", "", True, DEFINED))
            skip_to = end
        else:
            out.append(s)
    return out


def _campus_end(norm: str, span: Span, by_start: dict) -> int:
    """Where the campus's place after ``span``, a university's name, ends; else 0."""
    if not _RX_UNIVERSITY.search(norm, span[0], span[1]) or norm[span[1] : span[1] + 4] != " at ":
        return 0
    at = span[1] + 4
    place = by_start.get(at)
    if place and place[2] in {"GPE", "LOC"}:
        return place[1]  # "at Chicago", "at Chapel Hill"
    m = _RX_CAMPUS.match(norm, at)
    if not m:
        return 0
    if "-" in m[1] or m[1] in typer.places():
        return m.end(1)  # "at Urbana-Champaign"
    return 0


#: A university's name as it ends: "... University", "University of Illinois".
_RX_UNIVERSITY = re.compile(r"University(?: of [A-Z][\w.]*(?: [A-Z][\w.]*)?)?$")
#: A campus's place: one capitalised word, hyphenated or not.
_RX_CAMPUS = re.compile(r"([A-Z][\w'’]*(?:-[A-Z][\w'’]*)*)(?![\w-])")


def party_houses(fields: list[tuple[str, str, str, list[Span]]]) -> list:
    """A party's adjective is no part of the legislature it holds: "a Democratic House of
    Representatives", "the Republican Senate" are the House and the Senate (CoNLL-2003's
    "Democratic Congress": MISC, then ORG); "Christian Democratic Assembly", a party's
    own name, stays whole."""
    out = []
    for name, text, norm, spans in fields:
        if "Democratic " in norm or "Republican " in norm:
            spans = [_party_house(norm, s) if s[2] == "ORG" else s for s in spans]
        out.append((name, text, norm, spans))
    return out


def _party_house(norm: str, span: Span) -> Span:
    m = _RX_PARTY_HOUSE.match(norm, span[0], span[1])
    if m is None or (
        span[0] > 1 and _RX_CAPITAL_BEFORE.search(norm, max(0, span[0] - 30), span[0])
    ):
        return span
    return (m.end(), span[1], "ORG", "", True, span[5])


#: A party's adjective before a legislature's word: "Democratic House", "Republican Senate".
_RX_PARTY_HOUSE = re.compile(r"(?:Democratic|Republican) (?=(?:House|Senate|Congress)\b)")
#: A capitalised word right before, no article or preposition opening a sentence: the
#: adjective is a name's word ("Christian Democratic").
_RX_CAPITAL_BEFORE = re.compile(r"(?<![\w'’.-])(?!(?:The|A|An|In|On|For|With|By) )[A-Z][\w'’.-]* $")


def short_bodies(fields: list[tuple[str, str, str, list[Span]]]) -> list:
    """ "the Council" after "the City Council", "the Globe" after "California Globe": the
    institution the article named in full whose last word it is (an organisation if the
    article named several such)."""
    named: dict[str, set[str]] = {}
    for _, _, norm, spans in fields:
        for s in spans:
            if s[2] != "ORG":
                continue
            text = norm[s[0] : s[1]]
            if " " in text:
                last = text.rsplit(" ", 1)[1]
                if last in _BODIES:
                    named.setdefault(last, set()).add(s[3] or text)
            # "the House" where the text names a house's legislature: the Senate,
            # Congress, the House of Representatives or of Commons
            if text.startswith("House of ") and text[9:] in _HOUSES_OF:
                named.setdefault("House", set()).add(s[3] or text)
            elif s[3] in _LEGISLATURES:
                named.setdefault("House", set()).add(_LEGISLATURES[s[3]])
    if not named:
        return fields
    out = []
    for name, text, norm, spans in fields:
        extra = []
        for cue, names in named.items():
            at = norm.find("the " + cue)
            while at >= 0:
                start, end = at + 4, at + 4 + len(cue)
                if not norm[end : end + 1].isalnum() and not _RX_NAME_GOES_ON.match(norm, end):
                    canonical = next(iter(names)) if len(names) == 1 else ""
                    extra.append((start, end, "ORG", canonical, True, DEFINED))
                at = norm.find("the " + cue, end)
        if extra:
            # a guess of the cue word alone, of another type, is the body too ("when
            # Democrats took the House": no place)
            at_cue = {(e[0], e[1]): e for e in extra}
            spans = [
                at_cue[(s[0], s[1])] if s[4] and s[2] != "ORG" and (s[0], s[1]) in at_cue else s
                for s in spans
            ]
            taken = bytearray(len(norm) + 1)
            for s in spans:
                taken[s[0] : s[1]] = b"\1" * (s[1] - s[0])
            extra = [e for e in extra if 1 not in taken[e[0] : e[1]]]
            spans = sorted(spans + extra) if extra else spans
        out.append((name, text, norm, spans))
    return out


#: Houses named "House of ...", called "the House" after their full name once.
_HOUSES_OF = frozenset(("Representatives", "Commons", "Lords", "Delegates", "Assembly", "Keys"))
#: Known legislatures (the gazetteer's names) whose lower house the text calls "the House".
_LEGISLATURES = {
    "US Congress": "US House of Representatives",
    "US Senate": "US House of Representatives",
    "US House of Representatives": "US House of Representatives",
}


#: After a cue word, what makes it part of a longer name: "the Council of Europe", "the
#: Court Street ...", "the Council's" is still it.
_RX_NAME_GOES_ON = re.compile(r" (?:of|for|on) [A-Z]| [A-Z]|-")


#: A site's name as its address, capitalised: "Salon.com", "BVINEWS.COM" (a lower-case
#: address, "harpers.org/blog", is an address, no name).
_RX_SITE = re.compile(
    r"(?<![\w@./-])[A-Z][A-Za-z0-9-]*\.(?:com|COM|net|NET|org|ORG|co\.uk|CO\.UK)(?![\w/@-]|\.\w)"
)


def sites(norm: str, spans: list[Span]) -> list[Span]:
    """Sites named by their capitalised address, as organisations."""
    if ".com" not in norm and ".COM" not in norm and ".org" not in norm and ".net" not in norm:
        return spans  # (the common case)
    matches = [(m.start(), m.end()) for m in _RX_SITE.finditer(norm)]
    if not matches:
        return spans
    # "Amazon.com Inc." is the longer name, and a known one stays: a span that holds the
    # address and is longer at either end, or is not a guess (bisected, not a scan of
    # every span for each address: a long text names many).
    held = _holder([(s[0], s[1]) for s in spans])
    known = _holder([(s[0], s[1]) for s in spans if not s[4]])
    found = [
        (a, b, "ORG", "", True, DEFINED)
        for a, b in matches
        if not (held(a - 1, b) or held(a, b + 1) or known(a, b))
    ]
    return _replace(spans, found) if found else spans


#: Words that say a person is named next, whatever name follows: "Mr Ford", "Judge
#: Chase", "Senator Jordan" are people, not a carmaker, a bank, a country. (Not "General",
#: "Major", "Prince", "King": "General Motors", "Prince Edward Island"; nor "Miss": "Miss
#: Macau" is a pageant.)
HONORIFICS = frozenset(
    """Mr Mr. Mrs Mrs. Ms Ms. Mx Mx. Dr Dr. Prof Prof. Professor Sir Dame Judge Justice
    Senator Sen. Rep. Representative Congressman Congresswoman Councilman Councilwoman
    Councilmember Councillor Councilor Assemblyman Assemblywoman Assemblymember Detective
    Det. Officer Sgt. Sergeant Coach Governor Gov. Mayor President Premier Chancellor
    Ambassador Commissioner""".split()
)
_TITLED_TYPES = frozenset(("ORG", "GPE", "LOC"))


def titled_people(norm: str, spans: list[Span]) -> list[Span]:
    """A known name of a body or a place right after a person's title is that person's
    name ("Mr Ford said", "Judge Chase ruled"), unless another capitalised word goes on
    it ("Ms Paris Hilton" is a name the guesser reads); "Miss" and a place is a pageant
    ("Miss Earth", "Miss Macau")."""
    out = None
    for i, span in enumerate(spans):
        if span[4] or span[2] not in _TITLED_TYPES:
            continue
        a = span[0]
        if a < 3 or norm[a - 1] != " " or not norm[a - 2].isalpha() and norm[a - 2] != ".":
            continue
        lo = max(0, a - 18)
        space = norm.rfind(" ", lo, a - 1)
        if space < 0 and lo:
            continue
        word = norm[space + 1 : a - 1].rsplit("\n", 1)[-1].lstrip("(\"'“‘")
        b = span[1]
        if word == "Miss" and span[2] != "ORG":
            if out is None:
                out = list(spans)
            out[i] = (a - 5, b, "ORG", "", True, DEFINED)  # "Miss Earth": a pageant
            continue
        if word not in HONORIFICS:
            continue
        if norm.startswith(" ", b) and norm[b + 1 : b + 2].isupper():
            continue
        if out is None:
            out = list(spans)
        out[i] = (a, b, "PERSON", "", True, DEFINED)
    return spans if out is None else out


def _people_name(word: str) -> bool:
    """Is ``word`` a given name or a surname of the census lists?"""
    given, surnames = typer.census_names()
    return word in given or word in surnames


#: "who" after a name: "Washington, who climbed back from 1-5", "said Jordan, who".
_RX_WHO_AFTER = re.compile(r",? who\b")


def people_who(fields: list[tuple[str, str, str, list[Span]]]) -> list:
    """A known place of one word that "who" follows is a person of that name ("Washington,
    who climbed back", not "Israel, whose army"), and so is every mention of it in the
    article ("Jordan said", "Jordan's film" after "Jordan, who directed it"); if people
    bear that name ("Scotland, who thrashed Belarus" is a team)."""
    who: set[str] = set()
    for _, _, norm, spans in fields:
        if " who" not in norm:
            continue  # (the common case)
        for a, b, type_, _canonical, guessed, _prio in spans:
            if (
                type_ in {"GPE", "LOC"}
                and not guessed
                and norm.startswith((", who", " who"), b)
                and _RX_WHO_AFTER.match(norm, b)
                and " " not in norm[a:b]
                and _people_name(norm[a:b])
            ):
                who.add(norm[a:b])
    if not who:
        return fields
    out = []
    for name, text, norm, spans in fields:
        spans = [
            (s[0], s[1], "PERSON", "", True, DEFINED)
            if s[2] in {"GPE", "LOC"} and norm[s[0] : s[1]] in who
            else s
            for s in spans
        ]
        out.append((name, text, norm, spans))
    return out
