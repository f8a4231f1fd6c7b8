""" "What happened next" across the generated corpus of N articles (``DOSSIER_BENCH_N``).

From one concern, the later sentences across the corpus that answer it
(:meth:`search.corpus.Corpus.what_happened_next`): the index chooses the later articles
most like the concern and its article, and only those are read. Reading every later one
took 14 s at 2,958 articles and 3.5 to 4.75 minutes (5.3 GB) at 20,000.

Figures:

- ``next_ms``: median wall time over five concerns (the first concern of the articles at
  30%, 50%, 70%, 80% and 90% of the corpus by date), each asked cold as the explorer's
  ``w`` asks it: no article's analysis cached, the candidates' entities not yet
  recognised. Target 2,000 ms. ``next_max_ms`` the slowest of the five.
- ``next_articles_read``: the most later articles one of them read (the cap).
- ``next_peak_rss_mb``: this process's peak resident memory after the five, less what it
  held with the corpus open before them.

Run alone: ``python -m bench.bench_next``.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import statistics
import time

TARGETS = {"next_ms": 2000.0}
QUANTILES = (0.3, 0.5, 0.7, 0.8, 0.9)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _by_date(corpus, quantiles):
    """The dated articles at these quantiles of the corpus by date (from the index's date
    column: reading every stored article takes a minute at 20,000)."""
    from whoosh.util.times import datetime_to_long

    from search.index import from_stored

    searcher = corpus._searcher
    dates = searcher.reader().column_reader("published", translate=False)
    last = datetime_to_long(dt.datetime.max)  # an undated article's value is over it
    dated = sorted((when, n) for n, when in enumerate(dates) if when <= last)
    return [from_stored(searcher.stored_fields(dated[int(len(dated) * q)][1])) for q in quantiles]


def run() -> dict[str, float]:
    from bench import size
    from bench.bench_search import dossier_corpus
    from search.compare import _is_concern
    from search.compare.analysis import _sentences, clear_analysis_cache, load_themes

    corpus = dossier_corpus(size())
    themes = load_themes()
    asks = []
    for article in _by_date(corpus, QUANTILES):
        side = _sentences(article, corpus.entities(article.id), themes)
        concern = next(
            (s for i, s in enumerate(side) if _is_concern(s, side[i - 1] if i else None)), None
        )
        if concern is not None:
            asks.append((article, concern))
    before = _rss_mb()
    times, read = [], []
    for article, concern in asks:
        clear_analysis_cache()
        t = time.perf_counter()
        _answers, later = corpus.what_happened_next(article, concern.key, concern.span.text)
        times.append((time.perf_counter() - t) * 1000)
        read.append(len(later))
    corpus.close()
    return {
        "next_ms": round(statistics.median(times), 1),
        "next_max_ms": round(max(times), 1),
        "next_articles_read": float(max(read)),
        "next_peak_rss_mb": round(_rss_mb() - before, 1),
    }


if __name__ == "__main__":
    figures = run()
    print(json.dumps(figures, indent=2))
    for name, bound in TARGETS.items():
        verdict = "ok" if figures[name] <= bound else "OVER TARGET"
        print(f"{name}: {figures[name]} (target <= {bound}) {verdict}")
