"""Ranking a query by whole posting lists, a block at a time.

Whoosh ranks document at a time: a tree of matchers steps through every document a query
of common words matches, a few Python calls per document and matcher (a word in the title
or the body is three matchers), and the count of matches reads the same posting lists once
more. At 50,000 articles a word in most of them spent a quarter of a second that way.

Here a word's postings are read a block at a time (document numbers and weights come out
of one decoded block together), each scored by the searcher's own weighting (BM25F), and
the query's tree is combined on dictionaries of scores: the sum where Whoosh's union and
intersection matchers add, the first side's scores for ``AndNot``, a constant for a
wildcard. The same documents, the same scores (up to the order floating-point sums are
taken in), and the set of every match comes with them, for the count and the facets.

Only the shapes this can score exactly are taken (words, ``AND``/``OR``/``NOT`` of them,
wildcards and fuzzy words scored flat); for anything else (a phrase, a date range)
:func:`score` answers None and Whoosh ranks it.
"""

from __future__ import annotations

import heapq
import threading
import time
import weakref
import zlib
from array import array
from collections.abc import Callable, Iterator, Set
from contextlib import contextmanager
from contextvars import ContextVar
from io import BytesIO
from itertools import accumulate
from pickle import load, loads
from struct import Struct

from attrs import define
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Positions
from whoosh.scoring import BM25FScorer
from whoosh.system import _INT_SIZE

from .model import Cancelled

Scores = dict[int, float]

_unpack_int = Struct("!i").unpack_from

#: Whether the search running in this thread (or task) has been given up: see :func:`unless`.
_GIVEN_UP: ContextVar[Callable[[], bool] | None] = ContextVar("given_up", default=None)


@contextmanager
def unless(given_up: Callable[[], bool] | None) -> Iterator[None]:
    """Within this block, stop with :class:`~search.model.Cancelled` once ``given_up()``
    says so: asked between blocks of postings and between documents checked, so that a
    search the user has typed past stops within milliseconds instead of holding the
    index until it ends."""
    token = _GIVEN_UP.set(given_up)
    try:
        yield
    finally:
        _GIVEN_UP.reset(token)


def let_others_run() -> None:
    """Give up the GIL for a moment when another thread may be waiting for it: a long
    loop in a thread lets the explorer's UI thread echo a key. ``time.sleep(0)`` gives up
    the core too: on cores busy with other work, until the scheduler comes back to this
    process (2.8 ms a call at load 3 on 2 cores, a second over 150 searches with facets),
    which a process with no other thread (``dossier search``) would pay for nothing."""
    if threading.active_count() > 1:
        time.sleep(0)


def stop_if_given_up() -> None:
    given_up = _GIVEN_UP.get()
    if given_up is not None and given_up():
        raise Cancelled


class Unsupported(Exception):
    """A query this module does not rank: Whoosh does."""


class Lazy:
    """Documents that may match, each with the most it can score (``bounds``), and
    ``check``, which gives a document's score once looked at closely (None: it does not
    match after all). A phrase is one: its words' postings say which documents may have
    it, their positions whether each does, and looking costs far more than reading.
    ``matching(docs)``: which of ``docs`` match, as ``check`` says a document at a time,
    for many at once (every match, for the facets: a few Python calls a document fewer)."""

    __slots__ = ("bounds", "check", "matching")

    def __init__(
        self,
        bounds: Scores,
        check: Callable[[int], float | None],
        matching: Callable[[list[int]], set[int]] | None = None,
    ) -> None:
        self.bounds = bounds
        self.check = check
        self.matching = matching or (lambda docs: {d for d in docs if check(d) is not None})


Result = Scores | Lazy


@define(frozen=True)
class Ranked:
    """The best documents, best first, as (docnum, score); how many match (``exact``:
    all counted, else at least that many); and every match, when known. When the
    ranking stopped before looking at every candidate, ``rest()`` finds every match by
    looking at only those it did not (for the facets, asked once the hits are shown)."""

    best: list[tuple[int, float]]
    total: int
    exact: bool
    matched: Set[int] | None
    rest: Callable[[], Set[int]] | None = None


def top(
    searcher,
    q: wq.Query,
    limit: int,
    *,
    allowed: Set[int] | None = None,
    cap: int,
    every: bool = False,
) -> Ranked | None:
    """The ``limit`` best documents of ``q`` (ties: the lower document number first, as
    Whoosh), counted exactly or, where counting means looking closely, up to ``cap``
    (``every``: all looked at, every match known, for facets); None when ``q`` has a part
    only Whoosh ranks. ``allowed``: only these documents."""
    try:
        result = evaluate(searcher, q)
    except Unsupported:
        return None
    if isinstance(result, Lazy):
        ranked = _top_checked(result, limit, allowed, cap)
        if not every or ranked.rest is None:
            return ranked
        # The hits are certain already: of the rest, only which match is asked
        matched = ranked.rest()
        return Ranked(ranked.best, len(matched), True, matched)
    scores = result
    if allowed is not None:
        scores = {d: scores[d] for d in scores.keys() & allowed}
    if not scores or limit <= 0:
        return Ranked([], len(scores), True, scores.keys())
    # The limit-th best score (a pass in C), then only the documents that reach it sorted.
    bar = heapq.nlargest(limit, scores.values())[-1]
    best = sorted(((d, s) for d, s in scores.items() if s >= bar), key=lambda i: (-i[1], i[0]))
    return Ranked(best[:limit], len(scores), True, scores.keys())


def _top_checked(result: Lazy, limit: int, allowed: Set[int] | None, cap: int) -> Ranked:
    """Check the candidates from the highest bound down, until the best ``limit`` are
    certain (no bound left reaches the worst of them) and ``cap`` matches are counted."""
    bounds = result.bounds
    candidates = bounds.keys() & allowed if allowed is not None else bounds.keys()
    # Highest bound first, ties by document number: a stable sort of the sorted numbers
    # (``reverse`` keeps equal keys in their order), keyed in C, not by a tuple each.
    order = sorted(sorted(candidates), key=bounds.__getitem__, reverse=True)
    best: list[tuple[float, int]] = []  # a heap of (score, -docnum): the worst on top
    hits: list[int] = []  # every match so far
    check = result.check
    for n, d in enumerate(order):
        full = len(best) >= limit
        if full and len(hits) > cap and bounds[d] < best[0][0]:
            # "more than cap"; the candidates not looked at yet are looked at if asked
            rest = _the_rest(hits, order[n:], result.matching)
            return Ranked(_ranked(best), cap, False, None, rest)
        s = check(d)
        if s is None:
            continue
        hits.append(d)
        if not full:
            heapq.heappush(best, (s, -d))
        elif (s, -d) > best[0]:
            heapq.heapreplace(best, (s, -d))
        if n % 1024 == 1023:
            let_others_run()  # a long check, in a thread: let the UI thread have the GIL
            stop_if_given_up()
    return Ranked(_ranked(best), len(hits), True, set(hits))


def _the_rest(
    hits: list[int], unseen: list[int], matching: Callable[[list[int]], set[int]]
) -> Callable[[], Set[int]]:
    """Every match: ``hits``, found already, and those of ``unseen`` that match."""
    return lambda: _every_match(matching, hits, unseen)


def _every_match(
    matching: Callable[[list[int]], set[int]], hits: list[int], unseen: list[int]
) -> set[int]:
    found = set(hits)
    for start in range(0, len(unseen), 1024):
        found |= matching(unseen[start : start + 1024])
        let_others_run()  # as in the ranking: the UI thread may be waiting
        stop_if_given_up()
    return found


def match_ids(searcher, q: wq.Query) -> set[int]:
    """Every document ``q`` matches (its scores unasked)."""
    result = evaluate(searcher, q)
    if isinstance(result, Lazy):
        return _every_match(result.matching, [], list(result.bounds))
    return set(result)


def _matching(result: Result, docs: list[int]) -> set[int]:
    if isinstance(result, Lazy):
        return result.matching(docs)
    return set(filter(result.__contains__, docs))


def _ranked(heap: list[tuple[float, int]]) -> list[tuple[int, float]]:
    return sorted(((-nd, s) for s, nd in heap), key=lambda i: (-i[1], i[0]))


def evaluate(searcher, q: wq.Query) -> Result:
    """Each matching document's score for ``q`` (top-level document numbers), or for a
    query with a phrase, the documents that may match and how to check each."""
    if isinstance(q, wq.Term):
        return _term(searcher, q)
    if isinstance(q, wq.ConstantScoreQuery) and isinstance(q.child, wq.MultiTerm):
        return dict.fromkeys(_expanded_ids(searcher, q.child), q.score)
    if isinstance(q, wq.Phrase) and q.slop == 1 and len(q.words) > 1:
        return _phrase(searcher, q)
    if isinstance(q, wq.AndNot):
        return _and_not(evaluate(searcher, q.a), evaluate(searcher, q.b))
    if type(q) in (wq.Or, wq.DefaultOr) and q.scale is None and not q.minmatch:
        return _boosted(_combine(_union, [evaluate(searcher, s) for s in q.subqueries]), q)
    if type(q) is wq.And and not any(isinstance(s, wq.Not) for s in q.subqueries):
        return _boosted(_combine(_intersection, [evaluate(searcher, s) for s in q.subqueries]), q)
    raise Unsupported(type(q).__name__)


def _and_not(kept: Result, dropped: Result) -> Result:
    if isinstance(dropped, Lazy):
        check_kept = _checker(kept)
        check_dropped = dropped.check

        def matching(docs: list[int]) -> set[int]:
            found = _matching(kept, docs)
            return found - dropped.matching(list(found))

        return Lazy(
            _bounds(kept),
            lambda d: None if check_dropped(d) is not None else check_kept(d),
            matching,
        )
    if isinstance(kept, Lazy):
        bounds = {d: b for d, b in kept.bounds.items() if d not in dropped}
        kept_matching = kept.matching
        return Lazy(
            bounds,
            kept.check,
            lambda docs: kept_matching([d for d in docs if d not in dropped]),
        )
    return {d: s for d, s in kept.items() if d not in dropped}


def _combine(merge: Callable[[list[Scores]], Scores], parts: list[Result]) -> Result:
    """``merge`` (a union or an intersection) of scores; of bounds, and of checks, when a
    part is lazy."""
    if not any(isinstance(p, Lazy) for p in parts):
        return merge(parts)  # type: ignore[arg-type]
    checks = [_checker(p) for p in parts]
    every = merge is _intersection

    def check(d: int) -> float | None:
        total = None
        for c in checks:
            s = c(d)
            if s is None:
                if every:
                    return None
            else:
                total = s if total is None else total + s
        return total

    def matching(docs: list[int]) -> set[int]:
        if not every:
            return set().union(*(_matching(p, docs) for p in parts))
        found = docs
        for p in sorted(parts, key=lambda p: isinstance(p, Lazy)):  # the cheap ones first
            found = list(_matching(p, found))
        return set(found)

    return Lazy(merge([_bounds(p) for p in parts]), check, matching)


def _bounds(result: Result) -> Scores:
    return result.bounds if isinstance(result, Lazy) else result


def _checker(result: Result) -> Callable[[int], float | None]:
    return result.check if isinstance(result, Lazy) else result.get


def _boosted(result: Result, q: wq.Query) -> Result:
    if q.boost == 1.0 or len(q.subqueries) < 2:  # Whoosh wraps only a real tree
        return result
    boost = q.boost
    if isinstance(result, Lazy):
        check = result.check

        def boosted(d: int) -> float | None:
            s = check(d)
            return None if s is None else s * boost

        return Lazy({d: s * boost for d, s in result.bounds.items()}, boosted, result.matching)
    return {d: s * boost for d, s in result.items()}


def _union(parts: list[Scores]) -> Scores:
    if not parts:
        return {}
    total = dict(parts[0])
    for part in parts[1:]:
        both = total.keys() & part.keys()
        summed = {d: total[d] + part[d] for d in both}
        total.update(part)
        total.update(summed)
    return total


def _intersection(parts: list[Scores]) -> Scores:
    if not parts:
        return {}
    parts = sorted(parts, key=len)
    total = parts[0]
    for part in parts[1:]:
        total = {d: total[d] + part[d] for d in total.keys() & part.keys()}
    return total


def _expanded_ids(searcher, q: wq.MultiTerm) -> set[int]:
    """Every document a wildcard or fuzzy word matches, whichever word it expands to."""
    from .query import posting_ids

    reader = searcher.reader()
    schema = searcher.schema
    found: set[int] = set()
    for fieldname, term in q.expanded_terms(reader):
        stop_if_given_up()
        if fieldname not in schema:
            raise Unsupported(fieldname)
        if not isinstance(term, bytes):
            term = schema[fieldname].to_bytes(term)
        found.update(posting_ids(reader, fieldname, term))
    return found


def _term(searcher, q: wq.Term) -> Scores:
    """A word's BM25F score in each document that has it, as Whoosh's scorer gives it."""
    fieldname = q.fieldname
    if fieldname not in searcher.schema:
        return {}
    field = searcher.schema[fieldname]
    try:
        text = field.to_bytes(q.text)
    except ValueError:
        return {}
    weighting = searcher.weighting
    scores: Scores = {}
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if (fieldname, text) not in reader:
            continue
        scorer = weighting.scorer(sub, fieldname, text)
        if not isinstance(scorer, BM25FScorer):
            raise Unsupported(f"{type(scorer).__name__} on {fieldname}")
        _score_postings(reader, fieldname, text, scorer, q.boost, offset, scores)
    return scores


def _score_postings(
    reader,
    fieldname: str,
    text: bytes,
    scorer: BM25FScorer,
    boost: float,
    offset: int,
    out: Scores,
    places: dict[int, bytes] | None = None,
) -> None:
    """Add each document's score for one term of one segment to ``out`` (and, with
    ``places``, its positions value there, for a phrase)."""
    idf, k1 = scorer.idf, scorer.K1
    k1_1 = k1 + 1
    norm = _norms(reader, fieldname, scorer)
    for ids, weights, *values in postings(reader, fieldname, text, values=places is not None):
        stop_if_given_up()
        # whoosh.scoring.bm25 term for term (the same float operations, so the same
        # scores), its length part per document read from ``norm``; then the query's
        # boost, as Whoosh's WrappingMatcher applies it.
        scores = [idf * ((w * k1_1) / (w + norm[d])) for d, w in zip(ids, weights, strict=True)]
        if boost != 1.0:
            scores = [s * boost for s in scores]
        docnums = [d + offset for d in ids] if offset else ids
        out.update(zip(docnums, scores, strict=True))
        if places is not None:
            places.update(zip(docnums, values[0], strict=True))


#: Per segment reader and field: each document's ``K1 * ((1 - B) + B * length / avgfl)``.
_NORM_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _norms(reader, fieldname: str, scorer) -> array[float]:
    """The length part of BM25's denominator for every document of one segment, worked
    out once per opened segment: it depends on nothing the query says."""
    key = (fieldname, scorer.avgfl, scorer.B, scorer.K1)
    cached = _NORM_CACHE.setdefault(reader, {})
    if key not in cached:
        from .query import field_lengths

        avgfl, b, k1 = scorer.avgfl, scorer.B, scorer.K1
        cached[key] = array(
            "d", [k1 * ((1 - b) + b * fl / avgfl) for fl in field_lengths(reader, fieldname)]
        )
    return cached[key]


def _phrase(searcher, q: wq.Phrase) -> Result:
    """Where the words stand one after another, scored as Whoosh's phrase matcher scores:
    the sum of each word's score in the document. The documents with every word are the
    candidates, each bound by that sum, which is its score if the phrase is there; their
    positions (read in the same blocks as the words' postings) are compared only when a
    document is checked."""
    fieldname = q.fieldname
    field = searcher.schema[fieldname] if fieldname in searcher.schema else None  # noqa: SIM401
    if field is None or type(field.format) is not Positions:  # the encoding read below
        raise Unsupported(f"phrase on {fieldname}")
    try:
        terms = [field.to_bytes(w) for w in q.words]
    except ValueError:
        return {}
    bounds: Scores = {}
    places: list[dict[int, bytes]] = [{} for _ in terms]
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if any((fieldname, t) not in reader for t in terms):
            continue
        scores = []
        for k, term in enumerate(terms):
            scorer = searcher.weighting.scorer(sub, fieldname, term)
            if not isinstance(scorer, BM25FScorer):
                raise Unsupported(f"phrase scored by {type(scorer).__name__}")
            mine: Scores = {}
            _score_postings(reader, fieldname, term, scorer, 1.0, offset, mine, places[k])
            scores.append(mine)
        common = set.intersection(*(set(m) for m in sorted(scores, key=len)))
        if len(terms) == 2:  # as Whoosh's intersection matcher adds: first + second
            first, second = scores
            found = {d: first[d] + second[d] for d in common}
        else:
            found = {d: _tree_sum([m[d] for m in scores]) for d in common}
        bounds.update(found if q.boost == 1.0 else {d: s * q.boost for d, s in found.items()})

    if len(places) == 2:
        return Lazy(bounds, _pair_check(bounds, *places), _pair_matching(bounds, *places))

    def check(d: int) -> float | None:
        if d not in bounds:
            return None
        return bounds[d] if _in_a_row([p[d] for p in places]) else None

    def matching(docs: list[int]) -> set[int]:
        return {d for d in docs if d in bounds and _in_a_row([p[d] for p in places])}

    return Lazy(bounds, check, matching)


def _pair_check(
    bounds: Scores, first: dict[int, bytes], second: dict[int, bytes]
) -> Callable[[int], float | None]:
    """The check of a two-word phrase (the usual one, and with the facets checked for
    every candidate): :func:`_in_a_row`'s answer in fewer Python calls a document."""
    before = (-1).__add__

    def check(d: int) -> float | None:
        bound = bounds.get(d)
        if bound is None:
            return None
        starts = set(_positions(first[d]))
        return None if starts.isdisjoint(map(before, _positions(second[d]))) else bound

    return check


def _pair_matching(
    bounds: Scores, first: dict[int, bytes], second: dict[int, bytes]
) -> Callable[[list[int]], set[int]]:
    """Which of many documents have a two-word phrase: :func:`_pair_check`'s answer in
    one comprehension, no call a document."""
    before = (-1).__add__

    def matching(docs: list[int]) -> set[int]:
        docs = [d for d in docs if d in bounds]
        return {
            d
            for d, one, two in zip(
                docs, map(first.__getitem__, docs), map(second.__getitem__, docs), strict=True
            )
            if not set(accumulate(loads(one[_INT_SIZE:] + b"."))).isdisjoint(
                map(before, accumulate(loads(two[_INT_SIZE:] + b".")))
            )
        }

    return matching


def _in_a_row(values: list[bytes]) -> bool:
    """Do the terms whose positions are ``values`` (Whoosh's Positions format: a count,
    then a pickled list of gaps) stand one after another somewhere?"""
    starts = set(_positions(values[0]))
    for k, value in enumerate(values[1:], 1):
        if len(values) == 2:  # the usual phrase: no set of the second word's places
            return not starts.isdisjoint([p - 1 for p in _positions(value)])
        starts.intersection_update([p - k for p in _positions(value)])
        if not starts:
            return False
    return True


def _positions(value: bytes) -> accumulate:
    return accumulate(loads(value[_INT_SIZE:] + b"."))


#: Where a block's positions start in its pickle: Whoosh pickles the block as (ids,
#: weights, values) with protocol 2, each value a ``_codecs.encode(text, "latin1")`` call.
_VALUES_START = b"(c_codecs\nencode\n"


def _ids_and_weights(data: bytes, count: int, compressed: bool) -> tuple:
    """A block's ids and weights, without unpickling its positions (nine tenths of the
    time, one codec call per posting), nor inflating them when the block is compressed
    (two thirds of its bytes). The pickle is cut where its values start and closed as a
    pair: that marker cannot stand inside the ids or weights (their opcodes, one every
    few bytes, are none of its characters); when it is not there, or the pair is not what
    it should be, the whole block is read."""
    head = data
    if compressed:  # ids take at most 5 bytes each, weights 9, then the marker
        head = zlib.decompressobj().decompress(data, 64 + 14 * count)
    cut = head.find(_VALUES_START)
    if cut > 0:
        try:
            ids, weights = loads(head[:cut] + b"\x86.")  # TUPLE2, STOP
        except Exception:  # noqa: BLE001 - not the layout expected: read it all
            pass
        else:
            if len(ids) == count and (not isinstance(weights, tuple) or len(weights) == count):
                return ids, weights, None
    return loads(zlib.decompress(data) if compressed else data)


def _block(data: bytes) -> tuple:
    """A block's (ids, weights, values), each value made by ``bytes(text, "latin1")``
    where the pickle says ``_codecs.encode(text, "latin1")``: the same bytes, in two
    fifths less time (no codec looked up by name for each posting)."""
    cut = data.find(_VALUES_START)
    if cut > 0:
        data = data[:cut] + b"(cbuiltins\nbytes\n" + data[cut + len(_VALUES_START) :]
    return loads(data)


def _tree_sum(parts: list[float]) -> float:
    """Add as Whoosh's binary tree of intersection matchers adds its children's scores."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return _tree_sum(parts[:half]) + _tree_sum(parts[half:])


def postings(reader, fieldname: str, text: bytes, *, values: bool = False) -> Iterator[tuple]:
    """A term's postings in one segment: (document numbers, weights), with ``values``
    (document numbers, weights, values), a block at a time, documents deleted from the
    segment left out."""
    m = reader.postings(fieldname, text)
    deleted = reader.deleted_docs_set if reader.has_deletions() else None
    raw = m.child if deleted is not None and hasattr(m, "child") else m
    if not isinstance(raw, W3LeafMatcher):
        # Another codec: step through the matcher (it leaves out what is deleted).
        rows = []
        while m.is_active():
            rows.append((m.id(), m.weight(), m.value() if values else None))
            m.next()
        ids, weights, found = (list(c) for c in zip(*rows, strict=True)) if rows else ([], [], [])
        yield (ids, weights, found) if values else (ids, weights)
        return
    for block in _w3_blocks(raw, values):
        if deleted:
            kept = [k for k, d in enumerate(block[0]) if d not in deleted]
            block = tuple([column[k] for k in kept] for column in block)
        yield block


def _w3_blocks(raw: W3LeafMatcher, values: bool) -> Iterator[tuple]:
    """The blocks of a Whoosh 3 posting list as W3LeafMatcher decodes them, read from
    one copy of the list's bytes: the matcher reads each block's header through Python
    file calls and its document numbers through a generator, a third of the time."""
    size = raw._length  # a 1-tuple as Whoosh reads it back (W3TermInfo.from_bytes)
    raw_bytes = raw._postfile.get(raw._startoffset, size[0] if isinstance(size, tuple) else size)
    stream = BytesIO(raw_bytes)
    pos = raw._baseoffset - raw._startoffset
    byteids, fixedsize = raw._byteids, raw._fixedsize
    while True:
        (length,) = _unpack_int(raw_bytes, pos)
        stream.seek(pos + _INT_SIZE)
        count, _maxid, _maxweight, compression, _mnlen, _mxlen = load(stream)
        pos += _INT_SIZE + abs(length)
        data = raw_bytes[stream.tell() : pos]
        if values:
            ids, weights, found = _block(zlib.decompress(data) if compression else data)
        else:
            ids, weights, found = _ids_and_weights(data, count, bool(compression))
        if not byteids:
            ids = list(accumulate(ids))
        if weights is None:
            weights = array("f", [1.0]) * count
        elif isinstance(weights, float):
            weights = array("f", [weights]) * count
        if not values:
            yield ids, weights
        elif fixedsize is None or fixedsize < 0:
            yield ids, weights, found
        else:  # not a format this module reads values of (positions are variable)
            raise Unsupported(f"values of fixed size {fixedsize}")
        if length < 0:
            return
