"""Compare of two ~2,000-word articles: target at most 100 ms (issue 12).

Figures:

- ``compare_ms``: median of repeated :func:`search.compare.compare` calls on two
  generated articles of about 2,000 words each, with their entities already
  recognised (as :class:`search.corpus.Corpus` caches them) and neither article's
  analysis cached. Target 100 ms.
- ``compare_cpu_ms``: the same in CPU time of this process (steadier on a busy machine).
- ``compare_with_entities_ms``: the same, recognising both articles' entities too.
- ``first_compare_ms``: the first call in the process (loads the themes thesaurus).
- ``concerns``, ``developments_linked``: what the engine found, to see it did work.
- ``topic_ms``: :func:`search.compare.compare_topic` of 50 earlier against 50 later
  generated articles (~600 words each), entities already recognised, no article analysed
  before (the analysis cache cleared before each run). Target 1,000 ms; ``topic_cpu_ms``
  the same in CPU time; ``topic_warm_ms`` the same compare again with every article's
  analysis cached (another split, or the explorer's "what happened next").
- ``dev.<pair>.*`` and ``dev.pooled.*``: quality on the real pairs of
  ``shared/data/compare-dev`` scored as its README says (:mod:`bench.compare_dev`):
  ``found``, ``top1``, ``top3``, ``silent`` as shares, and ``reported_per_gold`` (concerns
  reported per annotated one; target at most 2). Skipped when the folder is not there.

Run alone: ``python -m bench.bench_compare``.
"""

from __future__ import annotations

import json
import statistics
import time

TARGETS = {"compare_ms": 100.0, "topic_ms": 1000.0, "dev.pooled.reported_per_gold": 2.0}
WORDS = 2000
REPEATS = 7


def _article(first: int, ident: str, year: int):
    """About WORDS words of generated prose, parsed by ingest like any article."""
    import datetime as dt

    from attrs import evolve

    from bench.generate import Lexicon, article
    from search.ingest import parse_article
    from search.model import Article

    lex = Lexicon()
    bodies: list[str] = []
    words = 0
    i = first
    while words < WORDS:
        raw, _meta = article(i, lex)
        parsed = parse_article(raw, id=f"{ident}{i}")
        assert isinstance(parsed, Article)
        bodies.append(parsed.body)
        words += parsed.words
        i += 1
    return evolve(parsed, id=ident, body="\n\n".join(bodies), published=dt.date(year, 6, 1))


def run() -> dict[str, float]:
    from search.compare import compare
    from search.compare.analysis import clear_analysis_cache

    try:
        from search.entities import recognise
    except ImportError:  # entities not installed: compare without them

        def recognise(_article):
            return ()

    earlier = _article(0, "bench-earlier", 2023)
    later = _article(100, "bench-later", 2025)
    t = time.perf_counter()
    result = compare(earlier, later, earlier_entities=(), later_entities=())
    first = (time.perf_counter() - t) * 1000

    ents_e, ents_l = tuple(recognise(earlier)), tuple(recognise(later))
    times, cpu = [], []
    for _ in range(REPEATS):
        clear_analysis_cache()  # each call analyses both articles, as a first compare does
        t, c = time.perf_counter(), time.process_time()
        result = compare(earlier, later, earlier_entities=ents_e, later_entities=ents_l)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    full = []
    for _ in range(3):
        clear_analysis_cache()
        t = time.perf_counter()
        compare(earlier, later)
        full.append((time.perf_counter() - t) * 1000)
    return {
        "dev": _dev(),
        **dict(zip(("topic_ms", "topic_cpu_ms", "topic_warm_ms"), _topic(recognise), strict=True)),
        "earlier_words": float(earlier.words),
        "later_words": float(later.words),
        "compare_ms": round(statistics.median(times), 1),
        "compare_cpu_ms": round(statistics.median(cpu), 1),
        "compare_with_entities_ms": round(statistics.median(full), 1),
        "first_compare_ms": round(first, 1),
        "concerns": float(len(result.links)),
        "developments_linked": float(
            len({d.key for link in result.links for d in link.developments})
        ),
    }


def topic_articles(recognise):
    """The topic compare's 100 generated articles, a day apart, their entities (id -> a
    tuple) and the date that splits them 50 against 50."""
    import datetime as dt

    from attrs import evolve

    from bench.generate import Lexicon, article
    from search.ingest import parse_article

    lex = Lexicon()
    arts = []
    for i in range(100):
        raw, _meta = article(i, lex)
        parsed = parse_article(raw, id=f"topic{i}")
        arts.append(evolve(parsed, published=dt.date(2024, 1, 1) + dt.timedelta(days=i)))
    ents = {a.id: tuple(recognise(a)) for a in arts}
    return arts, ents, arts[50].published


def _topic(recognise) -> tuple[float, float, float]:
    """50 earlier against 50 later generated articles, median of three cold runs (wall and
    CPU), and of three warm ones (wall)."""
    from search.compare import compare_topic
    from search.compare.analysis import clear_analysis_cache

    arts, ents, split = topic_articles(recognise)
    times, cpu, warm = [], [], []
    for _ in range(3):
        clear_analysis_cache()
        t, c = time.perf_counter(), time.process_time()
        compare_topic("bench", arts[:50], arts[50:], split, entities=lambda a: ents[a.id])
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        t = time.perf_counter()
        compare_topic("bench", arts[:50], arts[50:], split, entities=lambda a: ents[a.id])
        warm.append((time.perf_counter() - t) * 1000)
    return (
        round(statistics.median(times), 1),
        round(statistics.median(cpu), 1),
        round(statistics.median(warm), 1),
    )


def _dev() -> dict[str, dict[str, float]]:
    from bench.compare_dev import run_dev, shares, table

    results = run_dev()
    if results["pooled"]["concerns"]:
        print(table(results))
    return {name: shares(counts) for name, counts in results.items() if counts["concerns"]}


if __name__ == "__main__":
    from bench.__main__ import _flatten

    figures = _flatten(run())
    print(json.dumps(figures, indent=2))
    for name, bound in TARGETS.items():
        verdict = "ok" if figures[name] <= bound else "OVER TARGET"
        print(f"{name}: {figures[name]} (target <= {bound}) {verdict}")
