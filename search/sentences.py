"""Sentences of an article body: the splitter compare and the reader's citations use."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right

from search.cjk import count_words
from search.model import Span


def wordset(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (easier to read)."""
    return frozenset(words.split())


#: Words that end in a full stop without ending a sentence (compared lower-cased).
ABBREVIATIONS = wordset(
    """mr mrs ms mx dr prof sr jr st gen lt col maj capt cmdr adm sgt cpl pte rev hon
    gov sen rep pres supt insp det messrs mme mlle jan feb mar apr jun jul aug sep sept
    oct nov dec mon tue tues wed thu thur thurs fri sat sun inc ltd co corp bros plc llc
    dept univ assn est approx cf vs viz al fig figs vol vols ed eds pp ch sec art para
    mt ft ave blvd rd hwy min max ca c e.g i.e"""
)
#: Abbreviations that only hold before a number ("No. 10", "p. 5").
NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "p", "op", "ref", "tel"})
#: Words that start sentences; after "U.S." one of these means the sentence ended.
SENTENCE_STARTERS = wordset(
    """the a an he she it they we i you his her its their our this that these those there
    but and yet so however meanwhile still then in on at for if when while as after
    before since although though mr mrs ms dr some many most such what who why how"""
)

#: What ends a sentence: final punctuation and any closing quotes or brackets. Chinese and
#: Japanese end theirs with the full-width stops 。！？ and close quotations with 」』.
_END = r"[.!?…。！？]+[\"'”’»)\]」』）]*"
#: The full-width stops: a sentence ends at one with no space after it (none is written).
_CJK_STOPS = frozenset("。！？")
#: After a quotation, the quotative particle (「…。」と述べた, 「…」って): the sentence runs on.
_QUOTATIVE = ("と", "っ")
_TERMINATOR = re.compile(_END)
#: A line whose text ends a sentence (ingest's paragraph and furniture rules use it).
SENTENCE_END = re.compile(_END + "$")
_OPENER = re.compile(r"[\"'“‘«(\[「『（]*[A-Z0-9\u00C0-\u024F\u0370-\u1FFF\u2C00-\uFFFF]")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_WORD_BEFORE = re.compile(r"([^\s\"'“‘«(\[]+)$")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_MARKUP_LINE = re.compile(r"^\s*(?:#{1,6}\s|[-*•]\s|>\s|\d+[.)]\s)")


def split_sentences(text: str, *, offset: int = 0) -> tuple[Span, ...]:
    """Split ``text`` into sentences; offsets are into ``text`` plus ``offset``.

    Paragraphs (blank-line separated) never share a sentence; a short line without
    final punctuation (a heading, a dateline) stands alone. Inside a paragraph a
    sentence ends at ``.``, ``!``, ``?`` or an ellipsis, with any closing quotes and
    brackets, when the next word starts like a sentence, and not after a title
    ("Mr", "Dr"), an initial ("J. Smith"), a dotted acronym ("U.S.") that runs on, or
    a month before a number ("Apr. 9"). Decimals never split. Every non-space
    character of ``text`` is in exactly one span.
    """
    spans: list[Span] = []
    pos = 0
    for sep in _BLANK_LINE.finditer(text):
        _split_paragraph(text, pos, sep.start(), spans)
        pos = sep.end()
    _split_paragraph(text, pos, len(text), spans)
    if offset:
        spans = [Span(s.text, s.start + offset, s.end + offset) for s in spans]
    return tuple(spans)


def _split_paragraph(text: str, start: int, end: int, out: list[Span]) -> None:
    # Lines: a heading-like line stands alone; other lines run on (hard-wrapped prose).
    line_start = start
    seg_start = start
    while True:
        nl = text.find("\n", line_start, end)
        if nl < 0:
            break
        line = text[line_start:nl]
        next_line = text[nl + 1 : end]
        if _line_stands_alone(line) or _MARKUP_LINE.match(next_line):
            _split_segment(text, seg_start, nl, out)
            seg_start = nl + 1
        line_start = nl + 1
    _split_segment(text, seg_start, end, out)


def _line_stands_alone(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if _MARKUP_LINE.match(line):
        return True
    if stripped[-1] in ".!?…:;,\"'”’)。！？、，」』）" or stripped[-1] == "-":
        return False
    return count_words(stripped) <= 8


def _split_segment(text: str, start: int, end: int, out: list[Span]) -> None:
    seg = text[start:end]
    cut = 0
    quoted = _Quotations(seg) if _QUOTE_MARK.search(seg) else None
    for m in _TERMINATOR.finditer(seg):
        stop = m.end()
        rest = seg[stop:]
        if rest and not rest[0].isspace():
            punct = m.group()
            if not any(c in _CJK_STOPS for c in punct):
                continue  # "2.5", "U.S.-led", "e.g.,"
            if punct[-1] in "」』" and rest.startswith(_QUOTATIVE):
                continue  # 「…したい。」と述べた: the quotation is the sentence's
        following = rest.lstrip()
        if following and not _OPENER.match(following):
            continue  # a lower-case word follows: not a new sentence
        if quoted is not None and quoted.continues(stop):
            continue  # 'said "I can do it. I may do it."': one sentence, the quotation's
        if not _ends_sentence(seg, m, following):
            continue
        _emit(text, start + cut, start + stop, out)
        cut = stop
    _emit(text, start + cut, end, out)


_QUOTE_MARK = re.compile(r"[\"“”]")


class _Quotations:
    """Where double quotations are open in a segment: a stop inside one, with the
    quotation closed later in the segment, ends no sentence. Straight quotes are paired
    in turn, and only when they pair up (an odd count: a stray mark, or a quotation
    running on into the next paragraph, as news writes them); curly ones open and close."""

    def __init__(self, seg: str) -> None:
        marks = [(m.end(), m.group()) for m in _QUOTE_MARK.finditer(seg)]
        paired = sum(mark == '"' for _, mark in marks) % 2 == 0
        self.at: list[int] = []  # where the state changes
        self.open: list[bool] = []  # the state from there
        state = False
        for at, mark in marks:
            if mark == '"':
                if not paired:
                    continue
                state = not state
            else:
                state = mark == "“"
            self.at.append(at)
            self.open.append(state)
        # closed_after[k]: a quotation closes at or after the k-th change
        self.closed_after = [False] * (len(self.at) + 1)
        for k in range(len(self.at) - 1, -1, -1):
            self.closed_after[k] = self.closed_after[k + 1] or not self.open[k]

    def continues(self, stop: int) -> bool:
        """Is a quotation open at ``stop`` and closed further on?"""
        k = bisect_right(self.at, stop)
        return k > 0 and self.open[k - 1] and self.closed_after[k]


def _ends_sentence(seg: str, m: re.Match[str], following: str) -> bool:
    punct = m.group(0)
    if not punct.startswith(".") or punct.startswith(".."):
        return True
    # The word before the stop (a window: searching from the segment start is quadratic).
    word = _word_before(seg, max(0, m.start() - 80), m.start())
    if not word or not following:
        return True
    low = word.lower().rstrip(".")
    if low in ABBREVIATIONS:
        return False
    single = len(word) == 1 and word.isalpha() and word.isupper()
    if not single and low not in NUMBER_ABBREVIATIONS and not _DOTTED.match(word):
        return True  # what follows decides nothing more: no need to read it
    next_word = _NEXT_WORD.match(following)
    nxt = next_word.group(1) if next_word else ""
    if low in NUMBER_ABBREVIATIONS and nxt[:1].isdigit():
        return False
    if single:
        # An initial ("J. Smith") unless it is the pronoun or a letter ending a sentence
        # before an obvious starter.
        return nxt.lower() in SENTENCE_STARTERS and word != "I"
    if _DOTTED.match(word):
        return nxt.lower() in SENTENCE_STARTERS
    return True


_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*([\w'’]+)")
#: Characters other than space that no word before a stop takes (see :data:`_WORD_BEFORE`).
_BEFORE_WORD = frozenset("\"'“‘«([")


def _word_before(seg: str, lo: int, hi: int) -> str | None:
    """The word ending at ``hi`` (what ``_WORD_BEFORE.search(seg, lo, hi)`` finds), read
    backwards from ``hi``: the pattern tries every position of the window, and each one
    to the end of its word."""
    end = hi
    if hi > lo and seg[hi - 1] == "\n":
        end = hi - 1  # "$" matches before a newline that ends the text searched too
    start = end
    while start > lo:
        c = seg[start - 1]
        if c.isspace() or c in _BEFORE_WORD:
            break
        start -= 1
    return seg[start:end] if start < end else None


def _emit(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Span(text[start:end], start, end))


_NOT_WORDS = re.compile(r"[\W_]+")
#: The same in a case-folded ASCII text: what is not a letter or a digit.
_ASCII_WORDS = re.compile(r"[a-z0-9]+")


def sentence_key(article_id: str, text: str) -> str:
    """A key for a sentence that survives changes of spacing, quotes and case."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    if norm.isascii():  # the words joined by a space: what the pattern leaves, sooner
        norm = " ".join(_ASCII_WORDS.findall(norm))
    else:
        norm = _NOT_WORDS.sub(" ", norm).strip()
    return f"{article_id}:{hashlib.sha1(norm.encode('utf-8')).hexdigest()[:12]}"
