"""Queries: parse the Whoosh query language, search, snippets, suggestions, facets.

Whoosh never raises on bad syntax; it quietly searches for something else. We
check what users commonly get wrong first and say what to do, in one line.
"""

from __future__ import annotations

from . import _whoosh  # noqa: F401  (first: Whoosh without what it never uses)

# isort: split
import datetime as dt
import functools
import heapq
import json
import os
import re
import threading
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from itertools import accumulate, chain, islice, product
from pathlib import Path

from whoosh import query as wq
from whoosh import scoring
from whoosh.qparser import (
    FieldAliasPlugin,
    FuzzyTermPlugin,
    GtLtPlugin,
    MultifieldPlugin,
    QueryParser,
)
from whoosh.sorting import FieldFacet

from . import whoosh_fixes
from .cjk import CHAR, is_char, is_cjk, split
from .cjk_analysis import CharQuery
from .files import title_from_name
from .folding import fold
from .model import FacetCount, Facets, Hit, QueryError, SearchResult, Snippet, Span

whoosh_fixes.apply()

#: Fields searched by words that name no field.
#: Matches past a full page are counted up to this many; beyond, the total says "more than".
COUNT_CAP = 1000
DEFAULT_FIELDS = ("title", "body")  # the body field also indexes the standfirst
#: Fields a user may name, as they would type them.
USER_FIELDS = ("title", "standfirst", "body", "source", "author", "published", "entity")
ALIASES = {"published": ["date", "year"], "entity": ["entities", "who"], "author": ["by"]}
#: Filters the UI passes alongside a query, and the index field each one restricts.
FILTER_FIELDS = {"source": "source_facet", "year": "year", "entity": "entity_facet"}

#: Longer queries are refused: no one types one, and Whoosh's parser takes minutes on 100 KB.
MAX_QUERY_CHARS = 1000
#: A fuzzy word (``submarnie~2``) finds words this many edits away at most: each more
#: edit multiplies the words to try (``~99`` took 18 s on 3,000 articles).
MAX_EDITS = 2

_FUZZY = re.compile(r"([^\s~()\"]+)~(\d+)")
_FIELD_REF = re.compile(r"(?<![\w\"])([A-Za-z_]\w*):(?=\S)")
_OPERATOR = re.compile(r"^(?:AND|OR|ANDNOT|ANDMAYBE)\b|\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)$")


class _Parser(QueryParser):
    """Whoosh's parser, with Chinese and Japanese words read as they are indexed
    (:mod:`search.cjk`).

    A word typed without spaces that the analyzer splits into several terms is, by
    default, all of those terms anywhere in an article (``anti-China`` is "anti" and
    "china"). A Chinese or Japanese word is split into its pairs of characters, and those
    must stand in a row, as the word's characters do: they are searched as a phrase, so
    "東京" is not found in "京東" and "東京都" not in "東京" and "京都" apart. English words
    go Whoosh's way, as before.
    """

    def multitoken_query(self, spec, texts, fieldname, termclass, boost):
        if any(is_cjk(text) for text in texts):
            return self.phraseclass(fieldname, texts, boost=boost)
        return super().multitoken_query(spec, texts, fieldname, termclass, boost)


def _cjk_char(node: wq.Query) -> wq.Query:
    """One Chinese or Japanese character (a term of it) as every pair of characters that
    holds it: a character is indexed alone only where no other stands beside it."""
    if type(node) is wq.Term and isinstance(node.text, str) and is_char(node.text):
        return CharQuery(node.fieldname, node.text, boost=node.boost)
    if type(node) is wq.Phrase and len(node.words) > 1 and any(map(is_char, node.words)):
        # A character beside a number or a Latin word ("2024年", "3月5日"): the index
        # holds it in a pair with the character after it ("2024", "年度"), which no
        # phrase of terms meets. Each part is then looked for on its own, the
        # character in every pair that holds it: found, if less exactly placed.
        return wq.And(
            [
                CharQuery(node.fieldname, w) if is_char(w) else wq.Term(node.fieldname, w)
                for w in node.words
            ],
            boost=node.boost,
        )
    return node


def parser(schema):
    # Whoosh's MultifieldParser, of our parser class.
    qp = _Parser(None, schema)
    qp.add_plugin(MultifieldPlugin(list(DEFAULT_FIELDS)))
    qp.add_plugin(FuzzyTermPlugin())
    qp.add_plugin(GtLtPlugin())
    qp.add_plugin(FieldAliasPlugin(ALIASES))
    return qp


def check(text: str) -> None:
    """Raise :class:`QueryError` for the mistakes Whoosh would silently misread."""
    if text.count('"') % 2:
        raise QueryError('unbalanced quote: close the phrase with " or remove the quote')
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            raise QueryError("unbalanced parentheses: a ')' has no '(' before it")
    if depth:
        raise QueryError("unbalanced parentheses: close each '(' with ')'")
    known = set(USER_FIELDS) | {a for names in ALIASES.values() for a in names}
    outside_phrases = re.sub(r'"[^"]*"', '"_"', text)
    for m in _FIELD_REF.finditer(outside_phrases):
        if m.group(1).lower() not in known:
            # the fields, then the other names the README teaches (who:, date:...)
            names = [*USER_FIELDS, *(a for f in USER_FIELDS for a in ALIASES.get(f, ()))]
            fields = ", ".join(f"{f}:" for f in dict.fromkeys(names))
            raise QueryError(f"unknown field '{m.group(1)}:'; use one of {fields}")
    for m in re.finditer(r"(?<![\w\"])([A-Za-z_]\w*):(?=\s|\)|$)", outside_phrases):
        raise QueryError(f"'{m.group(1)}:' needs a word after it, as in {m.group(1)}:word")
    bare = text.strip()
    if _OPERATOR.search(bare):
        raise QueryError("an operator (AND, OR, NOT) needs a word on each side")


_DATE = r"(?:19|20)\d\d(?:-\d{1,2}(?:-\d{1,2})?)?"
_DATE_CLAUSE = re.compile(
    rf"""\b(?P<field>published|date|year):
        (?:\[\s*(?P<lo>{_DATE})?\s+to\s+(?P<hi>{_DATE})?\s*\]
          |(?P<op>[<>]=?)?(?P<value>{_DATE}))(?![\w-])""",
    re.I | re.X,
)
_FIELD_NAME = re.compile(
    r"(?<![\w\"])((?i:"
    + "|".join(sorted({*USER_FIELDS, *(a for v in ALIASES.values() for a in v)}))
    + r")):",
)
_ANY_DATE_FIELD = re.compile(r"\b(?:published|date|year):", re.I)
#: Stands in for a date clause while Whoosh parses the rest (an ID field: kept verbatim).
_PLACEHOLDER = "dossierdate"


def _period(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a year, month or day written as 2024, 2024-06 or 2024-06-15."""
    parts = [int(p) for p in value.split("-")]
    try:
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        day = dt.date(*parts)
        return day, day
    except ValueError:
        raise QueryError(
            f"{value} is not a date; write dates as 2025, 2025-07 or 2025-07-01"
        ) from None


def _date_range(m: re.Match[str]) -> wq.Query:
    """One ``published:`` clause as an exact, inclusive range of days."""
    lo: dt.date | None
    hi: dt.date | None
    if m.group("value"):
        first, last = _period(m.group("value"))
        lo, hi = {
            None: (first, last),
            ">": (last + dt.timedelta(days=1), None),
            ">=": (first, None),
            "<": (None, first - dt.timedelta(days=1)),
            "<=": (None, last),
        }[m.group("op")]
    else:
        lo = _period(m.group("lo"))[0] if m.group("lo") else None
        hi = _period(m.group("hi"))[1] if m.group("hi") else None
        if lo and hi and lo > hi:
            raise QueryError(
                f"the date range starts after it ends: write [{m.group('hi')} to {m.group('lo')}]"
            )
    start = dt.datetime.combine(lo, dt.time.min) if lo else None
    end = dt.datetime.combine(hi, dt.time.max) if hi else None
    return wq.DateRange("published", start, end)


def parse(qp, text: str, *, entity: Callable[[str], str | Sequence[str]] | None = None) -> wq.Query:
    """Parse a user's query, or raise :class:`QueryError` saying what to fix.

    Date clauses are read by us, exactly (Whoosh's date parser splits ``2024-06``
    at the hyphen after ``>`` and widens ``>2024`` to the whole year): each is
    replaced by a placeholder term for Whoosh to parse in place, then swapped for
    an exact day range, so ``Kishida OR published:2025`` keeps its meaning.

    ``entity`` gives the canonical name for a name as typed, so that
    ``entity:"Kishida Fumio"`` finds what the index keeps as "Fumio Kishida".
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(text):,} characters long; dossier reads queries of up to "
            f"{MAX_QUERY_CHARS:,}: shorten it"
        )
    check(text)
    for m in _FUZZY.finditer(re.sub(r'"[^"]*"(?:~\d+)?', " ", text)):
        if int(m.group(2)) > MAX_EDITS:
            raise QueryError(
                f"{m.group(0)} allows {int(m.group(2))} edits; a fuzzy word allows up to "
                f"{MAX_EDITS}: write {m.group(1)}~{MAX_EDITS}"
            )
    ranges: list[wq.Query] = []

    def hold(m: re.Match[str]) -> str:
        ranges.append(_date_range(m))
        return f" id:{_PLACEHOLDER}{len(ranges) - 1} "

    # Field names are case-insensitive to people: Title:allies means title:allies.
    text = _FIELD_NAME.sub(lambda m: m.group(1).lower() + ":", text)
    held = _DATE_CLAUSE.sub(hold, text)
    if _ANY_DATE_FIELD.search(re.sub(r'"[^"]*"', " ", held)):
        raise QueryError(
            "write dates as published:2025, published:2025-07-01, published:>2024-06 or published:[2024 to 2025]"
        )
    if not held.strip():
        raise QueryError("type a word or phrase to search for")
    try:
        q = qp.parse(held)
    except Exception as exc:  # Whoosh's parser fails in odd ways on odd input
        raise QueryError(
            f"cannot read this query ({exc}); check fields, quotes and brackets"
        ) from None

    def swap(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.Term) and node.fieldname == "id":
            held_term = re.match(rf"{_PLACEHOLDER}(\d+)", str(node.text))
            if held_term:
                return ranges[int(held_term.group(1))]
        return node

    if ranges:
        q = q.accept(swap)
    for leaf in q.leaves():
        if isinstance(leaf, wq.FuzzyTerm) and leaf.maxdist > MAX_EDITS:  # as Whoosh read it
            raise QueryError(f"a fuzzy word allows up to {MAX_EDITS} edits: write word~2")
        if isinstance(leaf, wq.FuzzyTerm) and leaf.prefixlength >= len(leaf.text):
            raise QueryError(
                f"in {leaf.text}~{leaf.maxdist}/{leaf.prefixlength}, the fixed prefix is as long as "
                f"the word: use a smaller number after the slash"
            )
    if q is wq.NullQuery or isinstance(q, wq.qcore._NullQuery):
        raise QueryError(_nothing_to_search(text))
    if _only_negations(q):
        raise QueryError(
            "a query of only NOT terms matches everything else; add a word to look for"
        )
    boosts = {name: field.format.field_boost for name, field in qp.schema.items() if field.format}
    if is_cjk(text):
        q = q.accept(_cjk_char)
    q = q.accept(_exclusions).accept(_union).accept(lambda node: _flat_score(node, boosts))
    return q.accept(lambda node: _canonical(node, entity)) if entity else q


def _nothing_to_search(text: str) -> str:
    """Why a query the analyzer leaves nothing of searches nothing: its words are single
    letters, or stop words ("the", "of": the index leaves both out), or it has none."""
    from whoosh.analysis import STOP_WORDS

    words = [w for w in _TOKEN.findall(_FIELD_REF.sub(" ", text)) if w not in _OPERATOR_WORDS]
    if not words:
        return f"nothing to search for in {text!r}: it has no letters or digits; type a word"
    short = list(dict.fromkeys(w for w in words if len(w) < 2))
    stops = list(dict.fromkeys(w for w in words if len(w) >= 2))
    if not stops:
        if len(short) == 1:
            kind = (
                "letter" if short[0].isalpha() else "digit" if short[0].isdigit() else "character"
            )
            return f'"{short[0]}" is a single {kind}, which is not searched; try a longer word'
        return f"{_quoted(short)} are single letters, which are not searched; try a longer word"
    if any(fold(w.lower()) not in STOP_WORDS for w in stops):  # not expected: say what is sure
        return f"nothing to search for in {text!r}; add a more specific word"
    said = f'"{stops[0]}" is a stop word' if len(stops) == 1 else f"{_quoted(stops)} are stop words"
    if not short:
        return f"{said}, common words the index leaves out; add a more specific word"
    said += f" and {_quoted(short)} {'a single letter' if len(short) == 1 else 'single letters'}"
    return (
        f"{said}: the index leaves out common words and single letters; add a longer, "
        "more specific word"
    )


def _quoted(words: Sequence[str]) -> str:
    return ", ".join(f'"{w}"' for w in words)


_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})


def _canonical(node: wq.Query, entity: Callable[[str], str | Sequence[str]]) -> wq.Query:
    """An entity as typed, as the names the index keeps: a short form several names
    share ("Johnson") matches any of them."""
    if isinstance(node, wq.Term) and node.fieldname == "entity":
        names = entity(node.text)
        names = [names] if isinstance(names, str) else list(names) or [node.text]
        # As the field's analyzer keeps a name: lower-cased, accents folded.
        keys = dict.fromkeys(fold(n).lower() for n in names)
        terms = [wq.Term("entity", key, boost=node.boost) for key in keys]
        return terms[0] if len(terms) == 1 else wq.Or(terms)
    return node


def _flat_score(node: wq.Query, boosts: Mapping[str, float]) -> wq.Query:
    """A wildcard or fuzzy word scores its field's weight wherever it matches.

    That is what Whoosh means by its ``constantscore=True`` default (and what Lucene
    does, and what this Whoosh does on segments under 5,000 articles), but on larger
    segments it scores every word a wildcard expands to: ``rec*`` summed the weights
    of "record", "recent", "recognise"... over 9,000 articles, a tenth of a second spent
    ranking by an accident of spelling. A title match still ranks above a body one.
    """
    if isinstance(node, wq.MultiTerm) and node.constantscore:
        return wq.ConstantScoreQuery(node, node.boost * boosts.get(node.field(), 1.0))
    return node


def _union(node: wq.Query) -> wq.Query:
    """``a OR b`` matched by a tree of unions, as Whoosh does for large segments.

    On a segment under 5,000 documents Whoosh preloads the scores of every document an
    OR of three or more terms matches (``title:a OR body:a OR title:b OR body:b``
    is four), which cannot skip the ones that will never make the page: twice as slow.
    """
    if type(node) is wq.Or:
        return wq.DefaultOr(
            node.subqueries, boost=node.boost, minmatch=node.minmatch, scale=node.scale
        )
    return node


def _exclusions(node: wq.Query) -> wq.Query:
    """``a NOT b`` as Whoosh's ``AndNot(a, b)`` rather than the parser's ``And([a, Not(b)])``.

    The same documents match, but the parser's form steps through every document
    that lacks ``b`` (most of the corpus) and scores each hit one point higher for
    what it lacks, which also stops Whoosh skipping blocks that cannot reach the
    top hits; ``AndNot`` walks only ``a``'s matches and scores them as ``a`` alone.
    """
    if not isinstance(node, wq.And):
        return node
    wanted = [s for s in node.subqueries if not isinstance(s, wq.Not)]
    unwanted = [s.query for s in node.subqueries if isinstance(s, wq.Not)]
    if not (wanted and unwanted):
        return node
    if len(wanted) == 1:
        kept = (
            wanted[0] if node.boost == 1.0 else wanted[0].with_boost(wanted[0].boost * node.boost)
        )
    else:
        kept = wq.And(wanted, boost=node.boost)
    return wq.AndNot(kept, unwanted[0] if len(unwanted) == 1 else wq.Or(unwanted))


def _only_negations(q: wq.Query) -> bool:
    if isinstance(q, wq.Not):
        return True
    if isinstance(q, wq.And | wq.Or) and q.subqueries:
        return all(_only_negations(s) for s in q.subqueries)
    return False


# --------------------------------------------------------------------------- snippets


#: How far a snippet's edge moves to reach a space: a word is seldom longer.
WORD_REACH = 24


def _snippet(text: str, start: int, end: int, matches: Iterable[tuple[int, int]]) -> Snippet:
    # Widen to word boundaries, then mark cuts with an ellipsis. Not past WORD_REACH: a
    # text with no spaces (Chinese, Japanese) would widen to the whole paragraph.
    floor, ceiling = max(0, start - WORD_REACH), min(len(text), end + WORD_REACH)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    while end < ceiling and not text[end].isspace():
        end += 1
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    raw = raw.strip()
    start += lead
    prefix = "…" if start > 0 and text[start - 1] not in "\n" else ""
    suffix = "…" if start + len(raw) < len(text) and text[start + len(raw)] != "\n" else ""
    # A paragraph break inside a passage reads as one space: fold it, moving the
    # highlights that come after it.
    pieces: list[str] = []
    shift_at: list[tuple[int, int]] = []  # (raw index, characters removed before it)
    removed = 0
    last = 0
    for m in re.finditer(r"\s*\n\s*", raw):
        pieces.append(raw[last : m.start()])
        pieces.append(" ")
        removed += len(m.group(0)) - 1
        shift_at.append((m.end(), removed))
        last = m.end()
    pieces.append(raw[last:])
    shown = prefix + "".join(pieces) + suffix

    def at(i: int) -> int:
        """Where raw index ``i`` (relative to the passage) lands in ``shown``."""
        gone = 0
        for index, total in shift_at:
            if i >= index:
                gone = total
        return i - gone + len(prefix)

    spans = sorted(
        {(at(a - start), at(b - start)) for a, b in matches if start <= a and b <= start + len(raw)}
    )
    return Snippet(shown, tuple(spans))


def _opening(text: str, width: int = 200) -> Snippet:
    text = text.strip().split("\n", 1)[0]
    if len(text) <= width:
        return Snippet(text)
    cut = text.rfind(" ", 0, width)
    return Snippet(text[: cut if cut > 0 else width] + "…")


def _wanted_leaves(q: wq.Query):
    """The terms a query looks for: its leaves, less those under a NOT."""
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from _wanted_leaves(q.a)
        return
    if q.is_leaf():
        yield q
        return
    for child in q.children():
        yield from _wanted_leaves(child)


_TOKEN = re.compile(r"\w+(?:\.?\w+)*")
#: Word, folded and lower-cased (:func:`search.folding.fold`) -> its stem, or "" for a word
#: the analyzer drops (stop words, one letter; one Chinese or Japanese character is kept).
_STEMS: dict[str, str] = {}


def _stem(word: str) -> str:
    from whoosh.analysis import STOP_WORDS

    from search.stemming import stem

    if len(_STEMS) > 200_000:
        _STEMS.clear()
    short = len(word) < 2 and not is_char(word)
    stemmed = _STEMS[word] = "" if short or word in STOP_WORDS else stem(word)
    return stemmed


def stemmed_tokens(text: str) -> list[tuple[str, int, int]]:
    """What the index's StemmingAnalyzer makes of ``text`` (stems with their character
    offsets), done with one regex pass and a stem cache: snippets of twenty hits tokenise
    twenty bodies, and Whoosh's token objects made that most of a search's time.

    A Chinese or Japanese run is its pairs of characters, as the index has them
    (:func:`search.cjk.split`)."""
    out = []
    append = out.append
    known = _STEMS.get
    cjk_text = is_cjk(text)
    for m in _TOKEN.finditer(text):
        if cjk_text and CHAR.search(m.group()) is not None:
            for part, start, end in split(m.group(), m.start()):
                word = fold(part).lower()
                stemmed = known(word)
                if stemmed is None:
                    stemmed = _stem(word)
                if stemmed:
                    append((stemmed, start, end))
            continue
        word = fold(m.group()).lower()
        stemmed = known(word)
        if stemmed is None:
            stemmed = _stem(word)
        if stemmed:
            append((stemmed, *m.span()))
    return out


class Targets:
    """What a query looks for in one field: words (stems, wildcards expanded) and phrases."""

    __slots__ = ("chars", "phrases", "words")

    def __init__(self, q: wq.Query, reader, fieldname: str) -> None:
        self.words: set[str] = set()
        self.phrases: list[list[str]] = []
        #: Single Chinese or Japanese characters: each found wherever it stands.
        self.chars: set[str] = set()
        for leaf in _wanted_leaves(q):
            if leaf.field() != fieldname:
                continue
            if isinstance(leaf, CharQuery):
                self.chars.add(leaf.text)
                continue
            if isinstance(leaf, wq.Phrase):
                self.phrases.append(list(leaf.words))
                continue
            for _field, term in leaf.expanded_terms(reader):
                self.words.add(term.decode("utf-8") if isinstance(term, bytes) else term)

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases or self.chars)

    def spans(
        self, text: str, limit: int | None = None, *, accented: bool = True
    ) -> list[tuple[int, int]]:
        """Where they occur in ``text``: a phrase is one span from first word to last.

        With ``limit``, the first ``limit`` or so (a snippet needs a few, and a text with
        ten thousand matches must not cost ten thousand). ``accented=False`` says the text
        has no accented letter (the index knows it of each article): none is looked for."""
        if not self:
            return []
        if is_cjk(text):  # pairs of characters for its Chinese or Japanese words
            return self.spans_by_tokens(text)[:limit]
        if not (self.words or self.phrases):  # CJK characters only, and none in the text
            return []
        # Folded as the index folds its words, one character for one: "São" is a "sao"
        # where it stands, and is marked as written.
        lowered = (fold(text) if accented else text).lower()
        if len(lowered) != len(text):
            return self.spans_by_tokens(text)[:limit]
        # Look only at words that start as a wanted stem does (stemming changes no more
        # than a stem's last letter): tokenising a whole body in Python was a third of a
        # search's time, and a regex finds the candidates in one linear pass.
        wanted = self.words | {phrase[0] for phrase in self.phrases}
        starts = _candidates(wanted)
        if starts is None:
            return []
        found: set[tuple[int, int]] = set()
        for m in starts.finditer(lowered):
            if limit is not None and len(found) >= limit:
                break
            if _continues_token(lowered, m.start()):
                continue  # the end of a longer word, as "ally" in "really"
            stemmed = _stem_of(m.group())
            if stemmed not in wanted:
                continue
            if stemmed in self.words:
                found.add(m.span())
            for phrase in self.phrases:
                if phrase[0] == stemmed:
                    end = _phrase_end(lowered, m.end(), phrase[1:])
                    if end is not None:
                        found.add((m.start(), end))
        return sorted(found)

    def spans_by_tokens(self, text: str) -> list[tuple[int, int]]:
        """:meth:`spans` the plain way, token by token (for text whose length
        lower-casing changes, and as the reference the fast way is tested against)."""
        tokens = stemmed_tokens(text)
        found = {(start, end) for word, start, end in tokens if word in self.words}
        for char in self.chars:  # every one is indexed, in a pair or alone
            found.update((m.start(), m.end()) for m in re.finditer(re.escape(char), text))
        if self.phrases:
            stems = [word for word, _start, _end in tokens]
            for phrase in self.phrases:
                n = len(phrase)
                for i, word in enumerate(stems):
                    if word == phrase[0] and stems[i : i + n] == phrase:
                        found.add((tokens[i][1], tokens[i + n - 1][2]))
        return sorted(found)


def _candidates(stems: set[str]) -> re.Pattern[str] | None:
    """A pattern for the words that may stem to one of ``stems``: each starts with its
    stem less the last letter (the stemmer rewrites only the end: happy -> happi)."""
    probes = {stem[:-1] if len(stem) > 2 else stem for stem in stems if stem}
    if not probes:
        return None
    if len(probes) > 300:  # a wildcard of many words: their first letters will do
        probes = {p[0] for p in probes}
    alternation = "|".join(re.escape(p) for p in sorted(probes, key=len, reverse=True))
    return _compiled(f"(?:{alternation})\\w*(?:\\.\\w+)*")


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches


def _continues_token(text: str, i: int) -> bool:
    """Does a token of :data:`_TOKEN` run on through ``text[i]`` from before it?"""
    if i == 0:
        return False
    before = text[i - 1]
    return _is_word_char(before) or (before == "." and i > 1 and _is_word_char(text[i - 2]))


def _stem_of(word: str) -> str:
    stemmed = _STEMS.get(word)
    return _stem(word) if stemmed is None else stemmed


def _phrase_end(lowered: str, pos: int, rest: list[str]) -> int | None:
    """Where a phrase ends whose first word ends at ``pos`` and whose other stems are
    ``rest``, skipping the words the index drops; None if the text goes another way."""
    end = pos
    for m in _TOKEN.finditer(lowered, pos):
        if not rest:
            break
        stemmed = _stem_of(m.group())
        if not stemmed:
            continue
        if stemmed != rest[0]:
            return None
        rest = rest[1:]
        end = m.end()
    return None if rest else end


_ENTITY_FIELD = re.compile(
    r"(?<![\w\"])(?:" + "|".join(["entity", *ALIASES["entity"]]) + r"):", re.IGNORECASE
)


def names_entities(text: str) -> bool:
    """Might ``text`` look for an entity (``entity:``, ``who:``)? A quick test, before parsing."""
    return bool(_ENTITY_FIELD.search(text))


def entity_names(q: wq.Query) -> set[str]:
    """The entities ``q`` looks for (``entity:"Xi Jinping"``; none under a NOT), by
    canonical name lower-cased and folded (:func:`search.folding.fold`), as the index
    keeps them."""
    return {
        leaf.text
        for leaf in _wanted_leaves(q)
        if isinstance(leaf, wq.Term) and leaf.field() == "entity"
    }


def match_spans(q: wq.Query, reader, fieldname: str, text: str) -> tuple[Span, ...]:
    """Every place in ``text`` (one field of an article) that ``q`` matches."""
    spans = Targets(q, reader, fieldname).spans(text)
    return tuple(Span(text[a:b], a, b) for a, b in spans)


#: The matches in one article that its passages are chosen from, at most: plenty for the
#: best three, and a bound on the work for a text with ten thousand.
SNIPPET_MATCHES = 500


def best_passages(
    text: str, spans: list[tuple[int, int]], *, top: int = 3, width: int = 220
) -> list[Snippet]:
    """Up to ``top`` passages of about ``width`` characters with the most (and most varied) matches.

    We choose passages ourselves rather than with Whoosh's highlighter, which marks
    the words of a phrase one by one wherever they stand, not the phrase. The work is
    linear in the matches, and bounded (:data:`SNIPPET_MATCHES`).
    """
    remaining = sorted(spans)[:SNIPPET_MATCHES]
    if remaining:
        from . import cjk

        first = remaining[0][0]
        if cjk.is_cjk(text[max(0, first - width) : first + width]):
            width //= 2  # a Chinese or Japanese character takes two columns on screen
    chosen: list[Snippet] = []
    while remaining and len(chosen) < top:
        start, end = _best_window(text, remaining, width)
        inside = [(x, y) for x, y in remaining if x >= start and y <= end]
        chosen.append(_snippet(text, start, end, inside))
        taken = set(inside)
        remaining = [span for span in remaining if span not in taken]
    return chosen


def _best_window(text: str, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """Of the windows that start a third of ``width`` before a match, the first with the
    most varied matches (two points a different word, one each match). The window slides
    forward as the matches do: each match enters and leaves it once."""
    words = [text[x:y].lower() for x, y in spans]
    counts: Counter[str] = Counter()
    counted = [False] * len(spans)
    distinct = inside = lo = hi = 0
    best: tuple[int, int, int] | None = None
    for a, _b in spans:
        start = max(0, a - width // 3)
        end = min(len(text), start + width)
        while hi < len(spans) and spans[hi][0] <= end and spans[hi][1] <= end:
            if spans[hi][0] >= start:
                counted[hi] = True
                counts[words[hi]] += 1
                distinct += counts[words[hi]] == 1
                inside += 1
            hi += 1
        while lo < hi and spans[lo][0] < start:
            if counted[lo]:
                counts[words[lo]] -= 1
                distinct -= counts[words[lo]] == 0
                inside -= 1
            lo += 1
        score = distinct * 2 + inside
        if best is None or score > best[0]:
            best = (score, start, end)
    assert best is not None
    return best[1], best[2]


# --------------------------------------------------------------------------- search


def field_lengths(reader, fieldname: str) -> array[int]:
    """Each document's length in ``fieldname``, as ``reader.doc_field_length(d, fieldname, 1)``
    gives it, for every document of one segment.

    Whoosh keeps the lengths as one byte a document in a column: read the column's bytes at
    once and map them through a table, rather than look each document up in Python (half a
    second at 50,000 articles, paid by every `dossier search`). Any other layout is looked
    up document by document, as before.
    """
    count = reader.doc_count_all()
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
        from whoosh.util.numeric import byte_to_length

        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:  # no document has the field: each gets the default asked for
            return array("I", [1]) * count
        if column._fixedlen != 1:
            raise ValueError("not a byte a document")
        raw = column._dbfile.get(column._basepos, min(column._count, count))
        # A zero byte (the document lacks the field, or lies past the column's end) gives
        # None, which the scorer takes as 0.
        table = [0, *(byte_to_length(b) or 0 for b in range(1, 256))]
        lengths = array("I", map(table.__getitem__, raw))
        lengths.extend([0] * (count - len(lengths)))
        return lengths
    except (AttributeError, ImportError, ValueError, TypeError):
        return array("I", (reader.doc_field_length(d, fieldname, 1) or 0 for d in range(count)))


class Weighting(scoring.BM25F):
    """Whoosh's BM25F, with each segment's field lengths read once into an array.

    BM25F divides by a document's field length; Whoosh looks it up in the index for
    every term of every match (a tenth of a search on common words). The numbers, and
    so the scores, are the same.
    """

    def __init__(self) -> None:
        super().__init__()
        self._lengths: dict[tuple[object, str], array[int]] = {}

    def scorer(self, searcher, fieldname: str, text: bytes, qf: int = 1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if hasattr(scorer, "dfl"):  # scores by field length (a scorable field)
            reader = searcher.reader()
            key = (reader, fieldname)
            if key not in self._lengths:
                # A document without the field has no length (None): 0, as the term
                # never matches it.
                self._lengths[key] = field_lengths(reader, fieldname)
            scorer.dfl = self._lengths[key].__getitem__
        return scorer


def count_upto(searcher, q: wq.Query, cap: int) -> int:
    """How many documents ``q`` matches, counting no further than ``cap + 1``."""
    n = 0
    for _ in searcher.docs_for_query(q):
        n += 1
        if n > cap:
            break
    return n


def _by_postings(q: wq.Query, *, phrases: bool = True) -> bool:
    """Whether :func:`matching_docs` answers ``q`` from posting lists alone; with
    ``phrases=False``, without reading any word's positions (a phrase of two common
    words is in half the documents, and checking where its words stand in each of them
    cost three times the search)."""
    if isinstance(q, wq.ConstantScoreQuery):
        return _by_postings(q.child, phrases=phrases)
    if isinstance(q, wq.AndNot):
        return _by_postings(q.a, phrases=phrases) and _by_postings(q.b, phrases=phrases)
    if isinstance(q, wq.And | wq.Or):
        return not any(isinstance(s, wq.Not) for s in q.subqueries) and all(
            _by_postings(s, phrases=phrases) for s in q.subqueries
        )
    if isinstance(q, wq.Phrase):
        return phrases and q.slop == 1
    return isinstance(q, wq.MultiTerm | wq.Term)


def matching_docs(searcher, q: wq.Query) -> set[int]:
    """Every document ``q`` matches, for facets: words, wildcards, AND, OR and NOT by
    set algebra on posting lists, which are read a block at a time; anything else
    (a phrase, a date range) by walking Whoosh's matcher. Walking it for a whole
    query of common words steps a tree of matchers through each of thousands of
    documents, and it is what made facets cost as much again as the search.
    """
    if isinstance(q, wq.ConstantScoreQuery):
        return matching_docs(searcher, q.child)
    if isinstance(q, wq.AndNot):
        return matching_docs(searcher, q.a) - matching_docs(searcher, q.b)
    if isinstance(q, wq.And | wq.Or) and not any(isinstance(s, wq.Not) for s in q.subqueries):
        parts = [matching_docs(searcher, s) for s in q.subqueries]
        if not parts:
            return set()
        return set.intersection(*parts) if isinstance(q, wq.And) else set.union(*parts)
    if isinstance(q, wq.MultiTerm):
        found: set[int] = set()
        reader = searcher.reader()
        for fieldname, term in q.expanded_terms(reader):
            if fieldname in searcher.schema:
                if not isinstance(term, bytes):
                    term = searcher.schema[fieldname].to_bytes(term)
                found.update(posting_ids(reader, fieldname, term))
            else:
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                found.update(searcher.docs_for_query(wq.Term(fieldname, text)))
        return found
    if isinstance(q, wq.Phrase) and q.slop == 1 and q.fieldname in searcher.schema:
        fmt = searcher.schema[q.fieldname].format
        if len(q.words) > 1 and fmt and fmt.supports("positions"):
            return _phrase_docs(searcher, q)
    if isinstance(q, wq.Term) and q.fieldname in searcher.schema:
        term = searcher.schema[q.fieldname].to_bytes(q.text)
        return set(posting_ids(searcher.reader(), q.fieldname, term))
    return set(searcher.docs_for_query(q))


def _phrase_docs(searcher, q: wq.Phrase) -> set[int]:
    """The documents where the phrase's words stand next to each other, in order: those
    that have every word, then their positions compared as sets, read a block at a time
    with the words' postings (Whoosh's span matcher builds a span object per position)."""
    from . import ranking

    try:
        return ranking.match_ids(searcher, q)
    except ranking.Unsupported:
        return set(searcher.docs_for_query(q))


def run(
    searcher,
    qp,
    text: str,
    *,
    limit: int = 20,
    filters: Mapping[str, str] | None = None,
    facet_table: FacetTable | None = None,
    newest_first: bool = False,
    vocabulary: Vocabulary | None = None,
    entity: Callable[[str], str | Sequence[str]] | None = None,
    given_up: Callable[[], bool] | None = None,
    matched: list[Set[int] | Callable[[], Set[int]]] | None = None,
) -> SearchResult:
    """Search and return hits with snippets, a suggestion when misspelt, and facets.

    ``given_up``: asked as the search goes; once true, it stops with
    :class:`~search.model.Cancelled`. ``matched``: given a list, every document the query
    matches is appended to it when that came with the ranking (for :func:`facets`), or
    a function that finds them from where the ranking stopped (a phrase ranked until its
    best hits were certain)."""
    from . import ranking

    with ranking.unless(given_up):
        return _run(
            searcher,
            qp,
            text,
            limit=limit,
            filters=filters,
            facet_table=facet_table,
            newest_first=newest_first,
            vocabulary=vocabulary,
            entity=entity,
            matched=matched,
        )


def _run(
    searcher,
    qp,
    text: str,
    *,
    limit: int,
    filters: Mapping[str, str] | None,
    facet_table: FacetTable | None,
    newest_first: bool,
    vocabulary: Vocabulary | None,
    entity: Callable[[str], str | Sequence[str]] | None,
    matched: list[Set[int] | Callable[[], Set[int]]] | None,
) -> SearchResult:
    from .ranking import stop_if_given_up

    started = time.perf_counter()
    text = text.strip()
    q = parse(qp, text, entity=entity) if text else wq.Every()
    restrict = _filter(filters)
    ranked = (
        None
        if newest_first or not text
        else _ranked(searcher, q, restrict, limit, every=facet_table is not None)
    )
    targets = _targets(searcher, q) if text else {}
    if ranked is not None:
        found = []
        for d, score in ranked.best:
            stop_if_given_up()
            found.append(_hit(searcher.stored_fields(d), score, targets, scored=True))
        hits = tuple(found)
        total, exact, facets = ranked.total, ranked.exact, Facets()
        if ranked.matched is not None:
            if facet_table is not None:
                facets = facet_table.count(ranked.matched)
            if matched is not None:
                matched.append(ranked.matched)
        elif ranked.rest is not None and matched is not None:
            matched.append(ranked.rest)  # found when the facets are asked for
    else:
        sortedby = [FieldFacet("published", reverse=True)] if newest_first or not text else None
        results = searcher.search(q, limit=limit, filter=restrict, sortedby=sortedby)
        hits = tuple(_hit(hit.fields(), hit.score, targets, scored=bool(text)) for hit in results)
        total, exact, facets = _totals(searcher, q, restrict, results, limit, facet_table)
    suggestion = (
        suggest(
            vocabulary,
            searcher,
            text,
            finds=lambda option: _finds(searcher, qp, option, restrict, entity),
        )
        if text and vocabulary is not None
        else None
    )
    return SearchResult(
        query=text,
        total=total,
        total_exact=exact,
        hits=hits,
        suggestion=suggestion,
        elapsed_ms=(time.perf_counter() - started) * 1000,
        facets=facets,
    )


def facets(
    searcher,
    qp,
    text: str,
    facet_table: FacetTable,
    *,
    filters: Mapping[str, str] | None = None,
    entity: Callable[[str], str | Sequence[str]] | None = None,
    given_up: Callable[[], bool] | None = None,
) -> Facets:
    """The facets of every document ``text`` matches: what :func:`run` adds with a
    ``facet_table``, without ranking the hits or cutting their snippets again.
    ``given_up`` as for :func:`run`."""
    from . import ranking

    text = text.strip()
    restrict = _filter(filters)
    if not text and restrict is None:
        return facet_table.count(facet_table.live)
    q = parse(qp, text, entity=entity) if text else wq.Every()
    with ranking.unless(given_up):
        found = matching_docs(searcher, wq.And([q, restrict]) if restrict else q)
    return facet_table.count(found)


def _targets(searcher, q: wq.Query) -> dict[str, Targets]:
    """What to highlight in each stored field a snippet may come from."""
    reader = searcher.reader()
    # The body field indexes the standfirst too: its words are the standfirst's.
    body = Targets(q, reader, "body")
    return {"body_stored": body, "standfirst": body, "title": Targets(q, reader, "title")}


def _ranked(searcher, q: wq.Query, restrict: wq.Query | None, limit: int, *, every: bool):
    """The best ``limit`` hits and the count, ranked by whole posting lists
    (:mod:`search.ranking`); with ``every``, every match; None for a query only Whoosh
    ranks."""
    from . import ranking

    allowed = matching_docs(searcher, restrict) if restrict is not None else None
    return ranking.top(searcher, q, limit, allowed=allowed, cap=COUNT_CAP, every=every)


def _hit(hit: Mapping, score: float | None, targets: Mapping[str, Targets], *, scored: bool) -> Hit:
    """One result (its stored fields), with passages from the first field that has the
    query's words."""
    snippets: list[Snippet] = []
    for fieldname, wanted in targets.items():
        stored = hit.get(fieldname) or ""
        if wanted and stored:
            # Looking for accented letters took a third of the time spent on a body.
            spans = wanted.spans(stored, limit=SNIPPET_MATCHES, accented=hit.get("accented", True))
            if spans:
                snippets = best_passages(stored, spans)
                break
    terms = {s.text[a:b].lower() for s in snippets for a, b in s.highlights}
    if not snippets:  # matched on metadata alone: show how the article opens
        snippets.append(_opening(hit.get("standfirst") or hit.get("body_stored") or ""))
    return Hit(
        id=hit["id"],
        title=hit.get("title") or title_from_name(hit.get("path") or ""),
        source=hit.get("source", ""),
        published=_date(hit.get("published_iso") or ""),
        score=float(score or 0.0) if scored else 0.0,
        snippets=tuple(snippets[:3]),
        terms=tuple(sorted(terms)),
    )


def _totals(
    searcher,
    q: wq.Query,
    restrict: wq.Query | None,
    results,
    limit: int,
    facet_table: FacetTable | None,
) -> tuple[int, bool, Facets]:
    """How many articles match (exactly, or "more than" past COUNT_CAP), and the facets
    when asked for."""
    if facet_table is not None:
        matched = matching_docs(searcher, wq.And([q, restrict]) if restrict else q)
        return len(matched), True, facet_table.count(matched)
    scored = results.scored_length()
    if scored < limit:  # a page not filled holds every match
        return scored, True, Facets()
    # Whoosh's estimate can be twice the truth: count. Words, wildcards and AND/OR/NOT
    # count by set algebra on posting lists (cheap, as for facets); any other query, a
    # phrase included, walks the matcher and stops past COUNT_CAP ("more than"): the
    # explorer has the exact count from its facets, which it asks for once hits show.
    counted = wq.And([q, restrict]) if restrict else q
    if _by_postings(counted, phrases=False):
        return len(matching_docs(searcher, counted)), True, Facets()
    total = count_upto(searcher, counted, COUNT_CAP)
    return min(total, COUNT_CAP), total <= COUNT_CAP, Facets()


def _date(iso: str):
    import datetime as dt

    return dt.date.fromisoformat(iso) if iso else None


def entity_key(name: str) -> str:
    """A name as the index's folded ``entity`` field keeps it (its ``names`` analyzer):
    accents folded, then lower-cased, the ends stripped."""
    from .folding import fold

    return fold(name.strip()).lower()


def _filter(filters: Mapping[str, str] | None) -> wq.Query | None:
    if not filters:
        return None
    terms = []
    for key, value in filters.items():
        if key not in FILTER_FIELDS:
            raise QueryError(f"unknown filter {key!r}; use one of {', '.join(FILTER_FIELDS)}")
        if value and key == "entity":  # the folded field: every spelling of the name
            terms.append(wq.Term("entity", entity_key(value)))
        elif value:
            terms.append(wq.Term(FILTER_FIELDS[key], value))
    return wq.And(terms) if terms else None


#: Hits a warm-up search asks for (Corpus.warm_up): enough to read their stored fields.
WARM_UP_HITS = 20

#: Seconds the facet table's loops sleep at each step while a search runs beside them.
STEP_ASIDE = 0.002


def _let_others_run(busy: Busy | None = None) -> None:
    """Give up the GIL for a moment. Facets are counted in a thread while the explorer's
    UI thread waits to echo a keystroke: a pure-Python loop would keep the GIL for the
    interpreter's whole switch interval each time the UI thread gave it up to read a key.
    While a search runs (``busy``), step aside for longer: its hits come first."""
    if busy:
        time.sleep(STEP_ASIDE)
    else:
        from .ranking import let_others_run

        let_others_run()


class Busy:
    """How many searches run now (``with busy:`` around each); true while any does."""

    def __init__(self) -> None:
        self._running = 0
        self._lock = threading.Lock()

    def __enter__(self) -> Busy:
        with self._lock:
            self._running += 1
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._running -= 1

    def __bool__(self) -> bool:
        return self._running > 0


def posting_ids(reader, fieldname: str, term: bytes) -> list[int]:
    """Every document in ``term``'s posting list, read a block at a time where the
    segment's postings allow it: Whoosh's ``all_ids()`` steps a generator, an ``is_active``,
    an ``id`` and a ``next`` call through each document (most of the facet table's cost at
    50,000 articles)."""
    from .ranking import postings

    found: list[int] = []
    for sub, offset in reader.leaf_readers():
        if (fieldname, term) not in sub:
            continue
        for ids, _weights in postings(sub, fieldname, term):
            found.extend([d + offset for d in ids] if offset else ids)
    return found


class FacetTable:
    """Each document's source, year and entities, read once from the index's posting
    lists, so that a query's facets are counted over all its matches in one pass.

    Whoosh's overlapping facets re-read every entity's postings on each query (seconds
    on a large corpus); this reads them once per opened index, and keeps them beside it
    (:meth:`save`, :meth:`stored`) so that a later launch loads them in milliseconds.
    Values are numbered: a document's source and year are a number in an array, its
    entities a tuple of numbers, and counting is :class:`Counter` over those (a loop in C).
    """

    #: Bump when what :meth:`save` writes changes (5: a name's spellings, accents apart, are one).
    VERSION = 5
    #: An entity named in at least this share of the articles keeps the set of them as a
    #: bitmap (a Python int): the entities of a large match set are counted with an AND
    #: and a ``bit_count`` each, the most named first, until no other can reach the top.
    FREQUENT = 0.01
    #: From this many matches, count entities by bitmaps.
    BITMAPS_FROM = 512

    def __init__(self, reader, *, busy: Busy | None = None) -> None:
        #: Searches running beside this table's loops, which step aside for them.
        self.busy = busy
        count = reader.doc_count_all()
        self.sources, self.source_of = self._single(reader, "source_facet", "unknown", count)
        self.years, self.year_of = self._single(reader, "year", "undated", count)
        self.names: list[str] = []
        entities: list[list[int]] = [[] for _ in range(count)]
        frequent = max(2, int(count * self.FREQUENT))
        #: Entity number -> the articles that name it, as bits (the frequent ones only).
        self.bitmaps: dict[int, int] = {}
        # One name, however its accents are written ("José Ribeiro", "Jose Ribeiro"): one
        # entry, counted once an article, shown as most articles write it, as the
        # `entity:` query and the entity filter find it (the folded `entity` field).
        spellings: dict[str, list[tuple[str, list[int]]]] = {}
        for n, term in enumerate(reader.lexicon("entity_facet")):
            name = term.decode("utf-8")
            spellings.setdefault(entity_key(name), []).append(
                (name, posting_ids(reader, "entity_facet", term))
            )
            if n % 16 == 0:
                _let_others_run(busy)
        for n, written in enumerate(spellings.values()):
            if len(written) == 1:
                name, ids = written[0]
            else:
                # the most named spelling; on a tie, the one with accents (what was dropped
                # is more often an accent than what was added)
                name = max(written, key=lambda w: (len(w[1]), not w[0].isascii(), w[0]))[0]
                ids = sorted(set().union(*(w[1] for w in written)))
            self.names.append(name)
            for docnum in ids:
                entities[docnum].append(n)
            if len(ids) >= frequent:
                self.bitmaps[n] = _bitmap(ids, count)
        #: The entities of document d: ``entity_ids[entity_start[d]:entity_start[d + 1]]``.
        self.entity_start = array("I", [0])
        self.entity_start.extend(accumulate(map(len, entities)))
        self.entity_ids = array("I", chain.from_iterable(entities))
        self.live = frozenset(d for d in range(count) if not reader.is_deleted(d))
        self._everything = self._tally(self.live, busy)

    def _single(self, reader, fieldname: str, default: str, count: int):
        values = [default]
        of = array("I", [0]) * count
        for term in reader.lexicon(fieldname):
            value = term.decode("utf-8")
            if value != default:
                values.append(value)
            number = 0 if value == default else len(values) - 1
            for docnum in posting_ids(reader, fieldname, term):
                of[docnum] = number
            _let_others_run(self.busy)
        return values, of

    def _tally(
        self, docnums: Iterable[int], busy: Busy | None = None, *, entities_too: bool = True
    ) -> tuple[Counter[int], Counter[int], Counter[int]]:
        """Count the values of ``docnums``; between chunks, step aside for ``busy``
        (building the table beside a search), or just let other threads run (counting
        for a search, which is itself what holds ``busy``)."""
        docs = list(docnums)
        sources: Counter[int] = Counter()
        years: Counter[int] = Counter()
        entities: Counter[int] = Counter()
        # A chunk is one Counter.update, a loop in C that holds the GIL: small enough that
        # the UI thread, drawing the hits meanwhile, waits a few milliseconds at most.
        for start in range(0, len(docs), 2048):
            chunk = docs[start : start + 2048]
            sources.update(map(self.source_of.__getitem__, chunk))
            years.update(map(self.year_of.__getitem__, chunk))
            if entities_too:
                entities.update(chain.from_iterable(self._entities_of(chunk)))
            _let_others_run(busy)
        return sources, years, entities

    def _entities_of(self, docs: list[int]):
        """Each document's slice of :attr:`entity_ids`, cut by maps (loops in C)."""
        start = self.entity_start.__getitem__
        ends = map(start, map((1).__add__, docs))
        return map(self.entity_ids.__getitem__, map(slice, map(start, docs), ends))

    def _top_entities(self, matched: Set[int], limit: int) -> Counter[int] | None:
        """The counts of the entities that can be among the ``limit`` most named in
        ``matched``, by bitmaps, the most named in the whole corpus first; None when one
        without a bitmap might still be."""
        everything = self._everything[2]
        if not hasattr(self, "_by_count"):
            self._by_count = sorted(self.bitmaps, key=lambda k: (-everything.get(k, 0), k))
            rest = (n for k, n in everything.items() if k not in self.bitmaps)
            self._rest_most = max(rest, default=0)
        bits = _bitmap(matched, len(self.source_of))
        counts: Counter[int] = Counter()
        floor: list[int] = []  # a heap of the best `limit` counts: the lowest on top
        for k in self._by_count:
            if len(floor) == limit and everything.get(k, 0) < floor[0]:
                break  # no entity named less often overall can reach the top
            n = (self.bitmaps[k] & bits).bit_count()
            if n:
                counts[k] = n
                if len(floor) < limit:
                    heapq.heappush(floor, n)
                elif n > floor[0]:
                    heapq.heapreplace(floor, n)
        if len(floor) < limit or self._rest_most >= floor[0]:
            return None
        return counts

    def count(self, docnums: Iterable[int]) -> Facets:
        matched = docnums if isinstance(docnums, Set) else set(docnums)
        top = self._top_entities(matched, 15) if len(matched) >= self.BITMAPS_FROM else None
        if top is not None:
            sources, years, _ = self._tally(matched, entities_too=False)
            entities = top
        elif len(matched) * 2 > len(self.live):
            # Most articles match (a common word, some thirty entities each): tally the
            # few that do not and take them from the whole corpus' counts.
            rest = self._tally(self.live - matched)
            sources, years, entities = (
                whole - part for whole, part in zip(self._everything, rest, strict=True)
            )
        else:
            sources, years, entities = self._tally(matched)

        def ranked(counts: Counter[int], names: list[str], limit: int) -> tuple[FacetCount, ...]:
            known = len(names)  # a number past the names: a damaged table kept on disk
            named = [(names[k], n) for k, n in counts.items() if k < known]
            top = heapq.nsmallest(limit, named, key=lambda kv: (-kv[1], kv[0]))
            return tuple(FacetCount(k, n) for k, n in top)

        return Facets(
            matched=len(matched),
            sources=ranked(sources, self.sources, 20),
            years=tuple(sorted(ranked(years, self.years, 50), key=lambda f: f.value, reverse=True)),
            entities=ranked(entities, self.names, 15),
        )

    # -- kept beside the index ------------------------------------------------------

    @staticmethod
    def key(reader) -> list:
        """What the table was read from: each segment, and how many of its documents
        were deleted. A refresh that changes anything changes this."""
        leaves = [r for r, _offset in reader.leaf_readers()]
        try:
            return [
                [r.segment().segment_id(), r.segment().deleted_count(), r.doc_count_all()]
                for r in leaves
            ]
        except AttributeError:  # not a segment on disk: never kept
            return []

    def save(self, path: Path, key: list) -> None:
        """Write the table to ``path`` (replaced at once: a reader never sees half)."""
        flat = self.entity_ids
        header = {
            "version": self.VERSION,
            "key": key,
            "count": len(self.source_of),
            "live": len(self.live),
            "sources": self.sources,
            "years": self.years,
            "names": self.names,
            "flat": len(flat),
            # The whole corpus' counts, which a count of most articles subtracts from.
            "everything": [sorted(counts.items()) for counts in self._everything],
            "bitmaps": sorted(self.bitmaps),
        }
        deleted = array("I", sorted(set(range(len(self.source_of))) - self.live))
        arrays = (self.source_of, self.year_of, self.entity_start, flat, deleted)
        size = (len(self.source_of) + 7) // 8
        bitmaps = [self.bitmaps[k].to_bytes(size, "little") for k in sorted(self.bitmaps)]
        blob = b"".join([*(a.tobytes() for a in arrays), *bitmaps])
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as out:
            out.write(json.dumps(header).encode("utf-8") + b"\n" + blob)
        os.replace(tmp, path)

    @classmethod
    def stored(cls, path: Path, key: list, *, busy: Busy | None = None) -> FacetTable | None:
        """The table saved at ``path``, if it was read from the segments ``key`` names;
        None if there is none, or it is another index's, or it is damaged in any way."""
        if not key:
            return None
        try:
            with open(path, "rb") as handle:
                header = json.loads(handle.readline())
                blob = handle.read()
            if header.get("version") != cls.VERSION or header.get("key") != key:
                return None
            return cls._from_blob(header, blob, busy)
        except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError):
            return None

    @classmethod
    def _from_blob(cls, header: dict, blob: bytes, busy: Busy | None) -> FacetTable | None:
        count, flat_count = int(header["count"]), int(header["flat"])
        arrays = []
        at = 0
        for size in (count, count, count + 1, flat_count, count - int(header["live"])):
            part = array("I")
            part.frombytes(blob[at : at + 4 * size])
            if len(part) != size:
                return None
            arrays.append(part)
            at += 4 * size
        source_of, year_of, starts, flat, deleted = arrays
        table = cls.__new__(cls)
        table.busy = busy
        table.sources, table.years = list(header["sources"]), list(header["years"])
        table.names = list(header["names"])
        limits = (len(table.sources), len(table.years), len(table.names))
        if max(source_of, default=0) >= limits[0] or max(year_of, default=0) >= limits[1]:
            return None
        if starts[0] != 0 or starts[-1] != flat_count or not _ascending(starts):
            return None
        if not _all_below(flat, len(table.names), blob[at - 4 * len(deleted) - 4 * flat_count :]):
            return None
        table.source_of, table.year_of = source_of, year_of
        table.entity_start, table.entity_ids = starts, flat
        size = (count + 7) // 8
        numbers = [int(k) for k in header["bitmaps"]]
        if any(not 0 <= k < len(table.names) for k in numbers) or len(blob) != at + size * len(
            numbers
        ):
            return None
        table.bitmaps = {
            k: int.from_bytes(blob[at + i * size : at + (i + 1) * size], "little")
            for i, k in enumerate(numbers)
        }
        table.live = frozenset(range(count)) - frozenset(deleted)
        everything = tuple(Counter(dict(pairs)) for pairs in header["everything"])
        if len(everything) != 3 or any(
            not (0 <= k < limit and n > 0)
            for counts, limit in zip(everything, limits, strict=True)
            for k, n in counts.items()
        ):
            return None
        table._everything = everything
        return table


def _bitmap(docnums: Iterable[int], count: int) -> int:
    """The documents as the bits of an int (document d: bit d)."""
    bits = bytearray((count + 7) // 8)
    for d in docnums:
        bits[d >> 3] |= 1 << (d & 7)
    return int.from_bytes(bits, "little")


def _ascending(values: array[int]) -> bool:
    """Is each value at least the one before it?"""
    return all(map(int.__le__, values, values[1:]))


def _all_below(values: array[int], limit: int, raw: bytes) -> bool:
    """Is every value of an array of 32-bit numbers (``raw``: its bytes, and perhaps more
    after them) below ``limit``, or at least below 65,536? That much by the two high
    bytes of each being zero, a count of bytes in C (``max`` boxed a number each: a fifth
    of a second at 50,000 articles); a value between ``limit`` and 65,536 is then skipped
    where it is looked up (:meth:`FacetTable.count`)."""
    if limit > 65536:
        return max(values, default=0) < limit
    raw = raw[: 4 * len(values)]
    little = array("I", [1]).tobytes()[0] == 1
    high = raw[2::4] + raw[3::4] if little else raw[0::4] + raw[1::4]
    return high.count(0) == len(high)


_WORDS = re.compile(r"(?<![\w:~*?])([^\W\d_][\w'’-]*)(?![\w:~*?(])")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


class Vocabulary:
    """The corpus' unstemmed words, for "did you mean" (never the stemmed index terms).

    ``load`` gives them on first use: a query whose words are all in the index never needs them.
    """

    def __init__(self, load: Callable[[], Iterable[str]]) -> None:
        self._load = load
        self._words: frozenset[str] | None = None
        self._corrector = None

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = frozenset(self._load())
        return self._words

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def near(self, word: str, *, indexed: Callable[[str], bool]) -> list[str]:
        """The words two edits away at most that ``indexed`` still finds, closest first
        (five at most; the list keeps the words of files removed since the last full
        build)."""
        if self._corrector is None:
            from whoosh.spelling import ListCorrector

            self._corrector = ListCorrector(sorted(self.words))
        options = self._corrector.suggest(word, limit=5, maxdist=2, prefix=1)
        return [o for o in options if o != word and indexed(o)]


#: Suggestions tried, in order, before "did you mean" gives up: each is one search for one
#: hit. On 180 misspelt queries over the bench's 1,000 articles (a word with two letters
#: swapped and another word, both drawn from the corpus), the nearest words found nothing
#: in 85 of the 177 suggestions; trying five (or eight) offers 97, none a dead end, for
#: 2 ms of CPU more a misspelt query (p50 4.6 -> 6.9 ms). A query spelt right pays nothing.
SUGGESTIONS_TRIED = 5


def suggest(
    vocabulary: Vocabulary,
    searcher,
    text: str,
    *,
    finds: Callable[[str], bool] | None = None,
) -> str | None:
    """ "Did you mean": replace each word the corpus has never seen by a near word it has.

    Each near word is in some article, but the query they make may be in none ("saw
    Paulo" for "Sao Paulo"): with ``finds``, a suggestion is offered only if ``finds``
    says it has a hit, the closest words first, :data:`SUGGESTIONS_TRIED` at most."""
    reader = searcher.reader()
    unknown: list[tuple[re.Match[str], list[str]]] = []
    for m in _WORDS.finditer(text):
        word = m.group(1)
        if word in _OPERATORS or _inside_field(text, m.start()) or is_cjk(word):
            continue  # a Chinese or Japanese word is its pairs of characters: none to spell
        low = word.lower()
        if _stem_known(searcher, reader, low) or low in vocabulary:
            continue
        options = (
            vocabulary.near(low, indexed=lambda w: _stem_known(searcher, reader, w))
            if vocabulary.words
            else []
        )
        if options:
            unknown.append((m, options))
    if not unknown:
        return None
    # The closest words together first, then each word's next closest (itertools.product
    # varies the last word fastest).
    for choice in islice(product(*(options for _m, options in unknown)), SUGGESTIONS_TRIED):
        out, last = [], 0
        for (m, _options), option in zip(unknown, choice, strict=True):
            out.append(text[last : m.start()])
            out.append(option)
            last = m.end()
        out.append(text[last:])
        suggestion = "".join(out)
        if finds is None or finds(suggestion):
            return suggestion
    return None


def _finds(
    searcher,
    qp,
    text: str,
    restrict: wq.Query | None,
    entity: Callable[[str], str | Sequence[str]] | None,
) -> bool:
    """Does ``text``, searched with the same filters, have a hit? (One match is enough:
    the search stops at it.)"""
    try:
        q = parse(qp, text, entity=entity)
    except QueryError:
        return False
    return count_upto(searcher, wq.And([q, restrict]) if restrict is not None else q, 0) > 0


def _stem_known(searcher, reader, word: str) -> bool:
    """Does the word match by its stem ("submarine" finds "submarines")? Then it is not misspelt."""
    analyzer = searcher.schema["body"].analyzer
    stems = [t.text for t in analyzer(word)]
    return bool(stems) and all(
        any(_live(reader, f, stem) for f in DEFAULT_FIELDS) for stem in stems
    )


def _live(reader, fieldname: str, text: str) -> bool:
    """Does an article still in the index have this term? A deleted one's terms stay in
    the index's word list until its segment is merged away."""
    if (fieldname, text) not in reader:
        return False
    if not reader.has_deletions():
        return True
    return any(not reader.is_deleted(d) for d in reader.postings(fieldname, text).all_ids())


def _inside_field(text: str, pos: int) -> bool:
    """Is the word at ``pos`` the value of a ``field:`` other than the text fields?"""
    head = text[:pos]
    m = re.search(r"(\w+):\"?[^\s\"]*$", head) or re.search(r"(\w+):\"[^\"]*$", head)
    return bool(m and m.group(1).lower() not in DEFAULT_FIELDS)
