"""Search latency with snippets on the N-article corpus (default 10,000).

A fixed, seeded mix of queries drawn from the generator's vocabulary (single terms common
and rare, phrases, AND / OR / NOT, prefix wildcards, ``title:`` fields), each run once after
a separate warm-up set, so no result cache can flatter the figures:

- ``p50_ms``, ``p95_ms``: ``Corpus.search(q, limit=20)`` (hits with snippets); target
  p95 <= 120 ms (issue 15, at 50,000 articles).
- ``facets_p50_ms``, ``facets_p95_ms``: the same with ``facets=True`` (every match counted
  by source, year and entity), after the same warm-up; ``facets_p95_vs_plain`` <= 1.5
  (issue 15). The explorer asks for the hits and then the facets (``Corpus.facets``):
  bench_explorer times that path.
- ``p50_vs_baseline``, ``p95_vs_baseline``: against bare Whoosh; targets 0.88 and 0.47
  (issue 2's 15/17 ms and 40/85 ms), the same targets judged on whatever machine runs it.
- ``cpu_p50_ms``, ``cpu_p95_ms``: the dossier figures by CPU time (steadier on a busy box).
- ``baseline_p50_ms``, ``baseline_p95_ms``: a bare Whoosh index of the same files, same
  queries through a ``MultifieldParser``, top 20 with ``hit.highlights("body", top=3)``.

Run alone: ``python -m bench.bench_search``; add ``-v`` for the per-kind breakdown.
"""

from __future__ import annotations

import random
import sys
import time
from collections import defaultdict

from bench import percentile, size

TARGETS = {
    # issue 15: search p95 <= 120 ms in process at 50,000 articles (issue 2's 15 / 40 ms
    # p50 / p95 were set at 10,000; its ratios to bare Whoosh stay)
    "p95_ms": 120.0,
    "p50_vs_baseline": 15 / 17,
    "p95_vs_baseline": 40 / 85,
    # issue 15: with facets within 1.5x of plain search (the explorer's own path, hits then
    # facets, is timed by bench_explorer: facets_p95_vs_search)
    "facets_p95_vs_plain": 1.5,
}

#: query kind -> share of the mix
MIX = {"term": 30, "phrase": 15, "and": 12, "or": 8, "not": 8, "prefix": 15, "field": 12}


def queries(count: int = 150, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` (kind, query) pairs, the same on every run and machine."""
    from bench.generate import Lexicon

    lex = Lexicon()
    rng = random.Random(f"bench-search-{seed}")

    def word() -> str:
        r = rng.random()
        if r < 0.45:
            sg, pl = lex.nouns.draw(rng)
            return rng.choice((sg, sg, pl))
        if r < 0.6:
            return lex.adjectives.draw(rng)
        if r < 0.7:
            return rng.choice(lex.verbs.draw(rng)[1:3])
        if r < 0.85:
            return lex.people.draw(rng)[1]
        name = lex.countries.draw(rng)[0]
        return name if " " not in name else name.split()[-1]

    def phrase() -> str:
        r = rng.random()
        if r < 0.6:
            return f'"{lex.collocations.draw(rng)}"'
        if r < 0.8:
            first, last = lex.people.draw(rng)
            return f'"{first} {last}"'
        multi = [c for c, _ in lex.countries.items if " " in c]
        return f'"{rng.choice(multi)}"'

    def prefix() -> str:
        w = lex.nouns.draw(rng)[0]
        stem = w[: max(3, min(len(w) - 1, rng.choice((3, 4, 5))))]
        return f"{stem}*"

    makers = {
        "term": word,
        "phrase": phrase,
        "and": lambda: rng.choice((f"{word()} AND {word()}", f"{word()} {word()}")),
        "or": lambda: f"{word()} OR {word()}",
        "not": lambda: f"{word()} NOT {word()}",
        "prefix": lambda: prefix() if rng.random() < 0.7 else f"{prefix()} {word()}",
        "field": lambda: rng.choice(
            (f"title:{word()}", f"title:{phrase()}", f"title:{word()} {word()}")
        ),
    }
    kinds = list(MIX)
    weights = [MIX[k] for k in kinds]
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(out) < count:
        kind = rng.choices(kinds, weights)[0]
        text = makers[kind]()
        if text.lower() not in seen:
            seen.add(text.lower())
            out.append((kind, text))
    return out


class Timings:
    """Wall and CPU milliseconds per query, and per kind of query."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.by_kind: dict[str, list[float]] = defaultdict(list)
        self.errors = 0


def _time(fn, mix: list[tuple[str, str]], budget_s: float = 600.0) -> Timings:
    """Time ``fn`` on each query of ``mix``; stop early once ``budget_s`` is spent."""
    t = Timings()
    deadline = time.perf_counter() + budget_s
    for kind, text in mix:
        if time.perf_counter() > deadline:
            print(
                f"  note: time budget spent after {len(t.wall)} of {len(mix)} queries",
                file=sys.stderr,
            )
            break
        cpu, start = time.process_time(), time.perf_counter()
        try:
            fn(text)
        except ValueError:  # QueryError: a query the engine refuses counts, but is noted
            t.errors += 1
        ms = (time.perf_counter() - start) * 1000
        t.cpu.append((time.process_time() - cpu) * 1000)
        t.wall.append(ms)
        t.by_kind[kind].append(ms)
    return t


def _report(label: str, by_kind: dict[str, list[float]], mix, times) -> None:
    print(f"  {label}: p50/p95/max ms by kind", file=sys.stderr)
    for kind, values in sorted(by_kind.items()):
        print(
            f"    {kind:7} n={len(values):3}  {percentile(values, 50):7.1f} "
            f"{percentile(values, 95):7.1f} {max(values):7.1f}",
            file=sys.stderr,
        )
    slowest = sorted(zip(times, mix, strict=True), reverse=True)[:5]
    print("    slowest: " + "; ".join(f"{q!r} {ms:.0f}" for ms, (_, q) in slowest), file=sys.stderr)


def baseline_searcher(n: int):
    """``search(text)`` over the bare Whoosh index: top 20 with body highlights."""
    from whoosh import index
    from whoosh.qparser import MultifieldParser

    from bench.bench_index import baseline_index

    ix = index.open_dir(str(baseline_index(n)))
    searcher = ix.searcher()
    qp = MultifieldParser(["title", "body"], ix.schema)

    def search(text: str) -> list:
        results = searcher.search(qp.parse(text), limit=20)
        return [(hit["title"], hit.highlights("body", top=3)) for hit in results]

    return search


def dossier_corpus(n: int):
    from bench.bench_index import dossier_cache
    from bench.generate import corpus
    from search.corpus import Corpus

    return Corpus.open([corpus(n)], cache_dir=dossier_cache(n))


def run(verbose: bool = False) -> dict[str, float]:
    n = size()
    warmup, mix = queries(20, seed=1), queries(150, seed=7)
    figures: dict[str, float] = {}

    base = baseline_searcher(n)
    _time(base, warmup)
    t = _time(base, mix)
    figures["baseline_p50_ms"] = percentile(t.wall, 50)
    figures["baseline_p95_ms"] = percentile(t.wall, 95)
    if verbose:
        _report("bare Whoosh", t.by_kind, mix, t.wall)

    try:
        corpus = dossier_corpus(n)
    except ImportError:
        print("  (search.corpus not importable yet: dossier figures skipped)", file=sys.stderr)
        return figures
    _time(lambda q: corpus.search(q, limit=20), warmup)
    t = _time(lambda q: corpus.search(q, limit=20), mix)
    figures["p50_ms"] = percentile(t.wall, 50)
    figures["p95_ms"] = percentile(t.wall, 95)
    figures["max_ms"] = max(t.wall)
    figures["p50_vs_baseline"] = figures["p50_ms"] / figures["baseline_p50_ms"]
    figures["p95_vs_baseline"] = figures["p95_ms"] / figures["baseline_p95_ms"]
    figures["cpu_p50_ms"] = percentile(t.cpu, 50)
    figures["cpu_p95_ms"] = percentile(t.cpu, 95)
    if t.errors:
        print(f"  note: dossier refused {t.errors} of {len(mix)} queries", file=sys.stderr)
    if verbose:
        _report("dossier", t.by_kind, mix, t.wall)

    with_facets = lambda q: corpus.search(q, limit=20, facets=True)  # noqa: E731
    try:
        # warmed up as the plain search was: the first asks for the facet table (loaded
        # from beside the index, or read from it), once per opened index
        _time(with_facets, warmup)
    except TypeError:  # an engine without the facets keyword
        return figures
    t = _time(with_facets, mix, budget_s=60.0)
    figures["facets_p50_ms"] = percentile(t.wall, 50)
    figures["facets_p95_ms"] = percentile(t.wall, 95)
    figures["facets_p95_vs_plain"] = figures["facets_p95_ms"] / figures["p95_ms"]
    figures["facets_p95_vs_baseline"] = figures["facets_p95_ms"] / figures["baseline_p95_ms"]
    if verbose:
        _report("dossier with facets", t.by_kind, mix, t.wall)
    return figures


if __name__ == "__main__":
    for name, value in run(verbose="-v" in sys.argv).items():
        print(f"{name:24} {value:10.3f}")
