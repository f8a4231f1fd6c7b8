"""Rules for dates and figures: DATE, PERCENT, MONEY and QUANTITY, by regular expression.

The words a rule can start with (``_ANCHOR_WORDS``) are found in the gazetteer's
Aho-Corasick pass; numbers and currency signs by scans of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from search.entities.spans import Span
from search.years import YEAR

# Rules: DATE, PERCENT, MONEY, QUANTITY

_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH = (
    rf"(?:{_MONTH_FULL}|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?"
    r"|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[0-3]?\d(?:st|nd|rd|th)?)"
_YEAR = YEAR
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:bn|billion|m|mn|million|trillion|tn|trn|k|thousand|crore|lakh)"
_UNIT_SPAN = r"(?:year|month|week|day|decade|century|quarter)"
_CURRENCY_WORDS = (
    r"(?:dollars?|euros?|pounds?|sterling|yen|yuan|renminbi|won|rupees?|roubles?|rubles?"
    r"|pesos?|reais|rand|naira|francs?|dirhams?|riyals?|rupiah|ringgit|baht|dong"
    r"|lira|liras|shekels?|kroner|kronor|krona|krone|crowns?|zloty|hryvnias?|taka|shillings?)"
)
_MEASURES = (
    r"(?:km|kilometres?|kilometers?|miles?|nautical miles|metres?|meters?|feet|ft|kg"
    r"|kilograms?|tonnes?|tons?|barrels?|bpd|litres?|liters?|gallons?|hectares?|acres?"
    r"|square (?:kilometres|kilometers|miles|metres|meters)|sq km|mw|gw|megawatts?"
    r"|gigawatts?|twh|kwh|knots|degrees|basis points|bps|mph|kph|km/h)"
)
_COUNTED = (
    r"(?:troops|soldiers|servicemen|personnel|sailors|marines|fighters|militants|police"
    r"|officers|people|persons|refugees|migrants|asylum-seekers|civilians|workers"
    r"|employees|staff|jobs|residents|inhabitants|citizens|voters|votes|casualties|deaths"
    r"|dead|victims|prisoners|hostages|detainees|protesters|students|children|patients"
    r"|cases|passengers|tourists|visitors|households|homes|vehicles|cars|tanks|aircraft"
    r"|jets|planes|fighter jets|helicopters|warships|ships|vessels|submarines|missiles"
    r"|rockets|drones|warheads|satellites|containers|users|subscribers)"
)


def _cap(words: str) -> str:
    """``a|b`` -> ``[Aa]|[Bb]``: a first letter in either case, keeping a literal start."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words.split("|"))


_NUMWORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    "|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    "|eighty|ninety|hundred|several|many"
)
_END = r"(?![\w]|-\w)"

# Every rule starts with a literal or a character class, so the regex engine can skip
# ahead quickly; boundaries and leading words ("over", "the early") are checked in Python.
# Within one regex the first alternative that matches at a position wins: longest first.
_NUM_RX = re.compile(_NUM)
_FIGURE_SUFFIX = (
    rf"|(?P<MONEY>(?: ?{_SCALE})? (?:(?:US|Hong Kong|Singapore|Taiwan|New Taiwan"
    rf"|Australian|Canadian) )?{_CURRENCY_WORDS}){_END}"
    rf"|(?P<QUANTITY_measure>(?: ?{_SCALE})?[- ]?(?i:{_MEASURES})){_END}"
    rf"|(?P<QUANTITY_count>(?: {_SCALE})? {_COUNTED}){_END}"
    rf"|(?P<DATE_span>[- ](?:and-a-half[- ])?{_UNIT_SPAN}s?(?:[- ]old| ago)?){_END}"
)
#: What may follow a number, tried in order. The date kinds need the number to be a day
#: or a year, which Python checks.
_NUMBER_SUFFIX = re.compile(
    rf"(?P<PERCENT>(?:-{_NUM})? ?(?:%|(?i:per ?cent|percent|percentage points?)))(?!\w)"
    rf"|(?P<DATE_full>(?:st|nd|rd|th)? {_MONTH},? {_YEAR}){_END}"
    rf"|(?P<DATE_iso>-[01]\d-[0-3]\d){_END}"
    rf"|(?P<DATE_range>(?: ?(?:-|to) ?{_YEAR}|-\d\d(?!\d))){_END}"
    rf"|(?P<DATE_decade>s){_END}" + _FIGURE_SUFFIX
)
_FIGURE_ONLY_SUFFIX = re.compile(_FIGURE_SUFFIX[1:])
_YEAR_RX = re.compile(_YEAR)
_AFTER_YEAR = re.compile(r"[\d.,]\d|%| ?per ?cent|\w")
_CURRENCY_RULES = re.compile(
    rf"(?P<MONEY>[$£€¥₹₩] ?{_NUM}(?: ?{_SCALE}(?!\w))?(?: ?(?:-|to) ?[$£€¥₹₩]?{_NUM}"
    rf"(?: ?{_SCALE}(?!\w))?)?)"
)
_NUMWORD_SET = frozenset(_NUMWORDS.split("|"))
_MONTH_WORDS = frozenset(
    [w.lower() for w in _MONTH_FULL.split("|")]
    + ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
_WEEKDAY_WORDS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
#: Word rules: (kind, pattern, the words it can start with). Order matters: at one
#: position the first rule that matches wins.
_WORD_RULE_PARTS: list[tuple[str, str, frozenset[str]]] = [
    (
        "MONTH",
        rf"(?P<MONTH>{_MONTH})(?: (?P<day>{_DAY})(?!\d|[,.]\d)(?:,? (?P<year>{_YEAR}))?"
        rf"| (?P<year2>{_YEAR}))?{_END}",
        _MONTH_WORDS,
    ),
    ("DATE_weekday", rf"(?P<DATE_weekday>{_WEEKDAY}){_END}", _WEEKDAY_WORDS),
    (
        "DATE_edge",
        rf"(?P<DATE_edge>(?:{_cap('early|mid|late')})[- ](?:{_MONTH_FULL}|{_YEAR})){_END}",
        frozenset({"early", "mid", "late"}),
    ),
    (
        "DATE_rel",
        rf"(?P<DATE_rel>(?:{_cap('last|next|this|that|following|previous|same|coming|past')}) "
        r"(?:week|weekend|month|year|decade|century|spring|summer|autumn|fall|winter|quarter"
        rf"|{_MONTH_FULL}|{_WEEKDAY})){_END}",
        frozenset(
            ["last", "next", "this", "that", "following", "previous", "same", "coming", "past"]
        ),
    ),
    (
        "DATE_rel2",
        rf"(?P<DATE_rel2>(?:{_cap('past|last|next|coming|previous')}) (?:few |several |\d+ "
        rf"|(?:{_NUMWORDS}) )(?:years|months|weeks|decades|days)){_END}",
        frozenset(["past", "last", "next", "coming", "previous"]),
    ),
    (
        "DATE_rel3",
        rf"(?P<DATE_rel3>(?:{_cap('following|next|previous')}) (?:day|morning|evening|night))"
        rf"{_END}",
        frozenset(["following", "next", "previous"]),
    ),
    ("DATE_dayof", rf"(?P<DATE_dayof>[Tt]he day (?:before|after)){_END}", frozenset({"the day"})),
    (
        "DATE_edgeof",
        rf"(?P<DATE_edgeof>(?:{_cap('end|start|beginning|middle|turn')}) of (?:the |this |last "
        rf"|next )?(?:year|month|week|decade|century|{_YEAR})){_END}",
        frozenset(["end", "start", "beginning", "middle", "turn"]),
    ),
    (
        "DATE_quarter",
        rf"(?P<DATE_quarter>(?:{_cap('first|second|third|fourth|final|last')})"
        rf"(?: quarter| half)(?: of {_YEAR})?){_END}",
        frozenset(["first", "second", "third", "fourth", "final", "last"]),
    ),
    (
        "DATE_recent",
        rf"(?P<DATE_recent>[Rr]ecent (?:years|months|weeks|decades)){_END}",
        frozenset({"recent"}),
    ),
    (
        "DATE_deictic",
        rf"(?P<DATE_deictic>{_cap('today|yesterday|tomorrow|decades|centuries')}){_END}",
        frozenset(["today", "yesterday", "tomorrow", "decades", "centuries"]),
    ),
    ("DATE_for", rf"[Ff]or (?P<DATE_for>years|months|weeks){_END}", frozenset({"for"})),
    (
        "DATE_ago",
        rf"(?P<DATE_ago>[Aa] {_UNIT_SPAN} (?:ago|earlier|later)){_END}"
        rf"|(?P<DATE_a>[Aa] (?:year|decade|month|week|century|fortnight)){_END}",
        frozenset({"a"}),
    ),
    (
        "DATE_wspan",
        rf"(?P<DATE_wspan>(?:{_cap(_NUMWORDS)})[- ](?:and-a-half[- ])?{_UNIT_SPAN}s?"
        rf"(?:[- ]old| ago)?){_END}",
        _NUMWORD_SET,
    ),
    (
        "PERCENT_w",
        rf"(?P<PERCENT_w>(?:{_cap(_NUMWORDS)}) (?:per ?cent|percent|percentage points?)){_END}",
        _NUMWORD_SET,
    ),
    (
        "QUANTITY_w",
        rf"(?P<QUANTITY_w>(?:{_cap(_NUMWORDS)})(?: {_SCALE})?[- ](?:{_MEASURES})){_END}",
        _NUMWORD_SET,
    ),
    (
        "MONEY_code",
        rf"(?P<MONEY_code>(?:USD|EUR|GBP|JPY|CNY|INR|KRW|AUD) ?{_NUM}(?: ?{_SCALE}(?!\w))?)",
        frozenset(["usd", "eur", "gbp", "jpy", "cny", "inr", "krw", "aud"]),
    ),
]
#: For each word a rule can start with, one regex of just the rules that start with it.
_WORD_RULES: dict[str, re.Pattern[str]] = {
    word: re.compile("|".join(p for _, p, words in _WORD_RULE_PARTS if word in words))
    for word in frozenset().union(*(words for _, _, words in _WORD_RULE_PARTS))
}


def _both(words: str) -> list[str]:
    out = []
    for w in words.split("|"):
        out += [w, w[0].upper() + w[1:]]
    return out


#: Words a word rule can start with; found in the same Aho-Corasick pass as the gazetteer.
_ANCHOR_WORDS: tuple[str, ...] = tuple(
    _MONTH_FULL.split("|")
    + ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
    + ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    + [
        w + " "
        for w in _both(
            "last|next|this|that|following|previous|same|coming|past|end|start"
            "|beginning|middle|turn|first|second|third|fourth|final|recent|for|a|the day"
        )
    ]
    + _both("early|mid|late|today|yesterday|tomorrow|decades|centuries")
    + _both(_NUMWORDS)
    + ["USD", "EUR", "GBP", "JPY", "CNY", "INR", "KRW", "AUD"]
)
_FIRST_WORD = re.compile(r"[A-Za-z]+(?: day)?")
_APPROX_ONE = frozenset(
    ["over", "under", "almost", "nearly", "about", "around", "roughly", "some", "approximately"]
)
_APPROX_TWO = frozenset(
    [
        "more than",
        "less than",
        "fewer than",
        "up to",
        "at least",
        "at most",
        "an estimated",
        "close to",
        "just over",
        "just under",
        "well over",
        "well under",
    ]
)


def _approx_before(before: str) -> int:
    """Length of an approximator ending ``before`` ("over ", "more than "), else 0."""
    if not before.endswith(" "):
        return 0
    words = before[-24:].split(" ")
    if len(words) >= 3:
        two = (words[-3] + " " + words[-2]).lower()
        if two in _APPROX_TWO:
            if len(words) >= 4 and words[-4].lower() in {"just", "well"}:
                return len(words[-4]) + len(two) + 2
            return len(two) + 1
    if len(words) >= 2 and words[-2].lower() in _APPROX_ONE:
        one = words[-2]
        if len(words) >= 3 and words[-3].lower() in {"just", "well"}:
            return len(words[-3]) + len(one) + 2
        return len(one) + 1
    return 0


_THE_BEFORE = re.compile(r"(?i:the )$")
_EDGE_BEFORE = re.compile(r"(?i:the )?(?i:early|mid|late)[- ]$|(?i:the )$")
_CURRENCY_PREFIX = re.compile(r"(?:US|A|C|NZ|HK|S|NT|R|Rs\.?)$")
_MAY_BEFORE = re.compile(
    r"(?:in|In|since|Since|until|Until|by|By|from|of|last|next|this|early|late|mid-?|during"
    r"|During|before|Before|after|After|through) $"
)
_RX_A_SPAN_BEFORE = re.compile(r"(?:\b(?:for|over|within|in|than|about|nearly|almost)) $")
_REL_WITH_THE = {"following", "previous", "same", "coming", "past", "next", "last"}


def _left_ok(norm: str, start: int, digits: bool) -> bool:
    if start == 0:
        return True
    prev = norm[start - 1]
    if prev.isalnum() or prev == "_":
        return False
    return not (digits and prev in ".,$£€¥-")


_NUMBER_START = re.compile(r"[0-9][0-9,.]*")
_CURRENCY_SIGN = re.compile(r"[$£€¥₹₩]")


def _digit_matches(norm: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of each figure or date that starts with a number."""
    last = -1
    for n in _NUMBER_START.finditer(norm):
        start = n.start()
        if start < last:
            continue
        number = _NUM_RX.match(norm, start)
        if number is None:
            continue
        digits = number[0]
        after = number.end()
        year = len(digits) == 4 and _YEAR_RX.fullmatch(digits) is not None
        m = _NUMBER_SUFFIX.match(norm, after) if _may_have_suffix(norm, after) else None
        kind = m.lastgroup if m else None
        if kind is not None and not _valid_date(kind, digits, year):
            kind = None
        if kind is None and m is not None:
            m = _FIGURE_ONLY_SUFFIX.match(norm, after)
            kind = m.lastgroup if m else None
        if kind is not None and m is not None:
            last = m.end()
            yield start, m.end(), kind
        elif year and not _AFTER_YEAR.match(norm, after):
            last = after
            yield start, after, "DATE_year"


def _may_have_suffix(norm: str, at: int) -> bool:
    """May one of :data:`_NUMBER_SUFFIX`'s suffixes start at ``at``? Each starts with a
    letter, "-" or "%", or a space before one of them. (Asked before the regex, which tries
    every suffix in turn: most numbers, a table's scores and figures, have none.)"""
    c = norm[at : at + 1]
    if c == " ":
        c = norm[at + 1 : at + 2]
    return c.isalpha() or c in "-%"


def _valid_date(kind: str, digits: str, year: bool) -> bool:
    """May the number ``digits`` start a date of this kind (any other kind: yes)?"""
    if kind == "DATE_full":
        return len(digits) <= 2 and digits.isdigit()
    if kind == "DATE_iso" or kind == "DATE_range":
        return year
    if kind == "DATE_decade":
        return year and digits.endswith("0")
    return True


def _word_matches(norm: str, anchors: list[tuple[int, str]]) -> Iterator[re.Match[str]]:
    last = -1
    for pos, word in anchors:
        if pos < last:
            continue
        rx = _WORD_RULES.get(word)
        if rx is None:
            continue
        m = rx.match(norm, pos)
        if m:
            last = m.end()
            yield m


def _rule_mentions(norm: str, anchors: list[tuple[int, str]]) -> list[Span]:
    """Dates and figures: those that start with a number, a currency sign, or a word."""
    return [*_number_mentions(norm), *_currency_mentions(norm), *_word_mentions(norm, anchors)]


def _number_mentions(norm: str) -> Iterator[Span]:
    for start, end, kind in _digit_matches(norm):
        if not _left_ok(norm, start, True):
            if not (kind.startswith("DATE") and norm[start - 1 : start] == "-"):
                continue
            edge = _EDGE_BEFORE.search(norm, max(0, start - 12), start)
            if not edge or "-" not in edge[0]:
                continue
            start = edge.start()
        type_ = kind.split("_")[0]
        before = norm[max(0, start - 24) : start]
        if type_ in {"PERCENT", "MONEY", "QUANTITY"}:
            start -= _approx_before(before)
        elif kind == "DATE_decade":
            edge = _EDGE_BEFORE.search(before)
            if edge:
                start -= len(edge[0])
        yield (start, end, type_, "", False, 2)


def _currency_mentions(norm: str) -> Iterator[Span]:
    if norm.isascii() and "$" not in norm:
        return  # (no sign: "$" is the only one in ASCII, and both tests are quicker than
        # the scan for any sign, which most texts do not hold)
    for sign in _CURRENCY_SIGN.finditer(norm):
        m = _CURRENCY_RULES.match(norm, sign.start())
        if not m:
            continue
        start, end = m.span()
        prefix = _CURRENCY_PREFIX.search(norm, max(0, start - 3), start)
        if prefix and _left_ok(norm, prefix.start(), False):
            start = prefix.start()
        elif not _left_ok(norm, start, False) and norm[start - 1 : start] != "-":
            continue
        start -= _approx_before(norm[max(0, start - 24) : start])
        yield (start, end, "MONEY", "", False, 2)


def _word_mentions(norm: str, anchors: list[tuple[int, str]]) -> Iterator[Span]:
    for m in _word_matches(norm, anchors):
        kind = m.lastgroup or ""
        start, end = m.span(kind)
        if not _left_ok(norm, start, False):
            continue
        before = norm[max(0, start - 24) : start]
        if kind == "MONTH" or kind in {"day", "year", "year2"}:
            start, end = m.span()
            month = m["MONTH"]
            if not (m["day"] or m["year"] or m["year2"]):
                # a month on its own: full names only, and "May" only after a cue
                if month.rstrip(".") not in _MONTH_FULL.split("|"):
                    continue
                cued = _MAY_BEFORE.search(before) is not None
                if _RX_CAP_NEXT.match(norm, end) and not cued:
                    continue  # "March Madness"; but "In May New Delhi filed" is a date
                if month == "May" and not cued:
                    continue
            weekday = _RX_WEEKDAY_BEFORE.search(before)
            if weekday:
                start -= len(weekday[0])
            else:
                rel = _RX_MONTH_REL_BEFORE.search(before)
                if rel:
                    start -= len(rel[0])
            yield (start, end, "DATE", "", False, 2)
            continue
        type_ = kind.split("_")[0]
        if type_ in {"PERCENT", "QUANTITY"}:
            start -= _approx_before(before)
        elif kind in {"DATE_rel", "DATE_rel2"}:
            if norm[start:end].split()[0].lower() in _REL_WITH_THE:
                the = _THE_BEFORE.search(before)
                if the:
                    start -= len(the[0])
        elif kind in {"DATE_rel3", "DATE_edgeof", "DATE_quarter"}:
            the = _THE_BEFORE.search(before)
            if the:
                start -= len(the[0])
            elif kind != "DATE_quarter":
                continue
        elif kind == "DATE_a":
            # "for a decade", "within a year"; not "a year of talks" or "twice a year"
            if not _RX_A_SPAN_BEFORE.search(before):
                continue
        elif kind == "DATE_weekday":
            rel = _RX_DAY_REL_BEFORE.search(before)
            if rel:
                start -= len(rel[0])
        yield (start, end, type_, "", False, 2)


_RX_CAP_NEXT = re.compile(r" [A-Z]")
_RX_WEEKDAY_BEFORE = re.compile(rf"{_WEEKDAY},? $")
_RX_MONTH_REL_BEFORE = re.compile(r"(?i:(?:last|next|this|that|early|late|mid)[- ])$")
_RX_DAY_REL_BEFORE = re.compile(r"(?i:(?:last|next|this|that) )$")
