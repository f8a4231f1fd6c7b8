"""Entity recognition speed, in milliseconds per 1,000 words.

Articles are recognised one at a time, as the index does:

- generated: 200 article bodies from ``bench.generate`` (seeded, the same everywhere),
  about 120,000 words of news-like prose with names, places and figures, each through
  ``search.entities.recognise_text``;
- seeds: the two bundled articles (cleaned by ``search.ingest``) through
  ``search.entities.recognise`` (title, standfirst and body): real prose, dense with names.

Figures (best of 5 repeats, so a busy machine does not decide them):

- ``cpu_ms_per_1000_words``: CPU time on the generated text; target 2 ms (issue 3).
  Recognition is single-threaded pure computation with no I/O, so its CPU time is its
  cost; on an idle machine the wall time is the same figure.
- ``ms_per_1000_words``: the same by wall time, which on a busy machine also counts the
  time the process waited for a core (no target for that reason).
- ``seeds_ms_per_1000_words``, ``seeds_cpu_ms_per_1000_words``: the same on the seeds.
- ``load_ms``: loading the gazetteer and building its automaton, once per process.
- ``mentions_per_1000_words``: how many mentions it finds (no target; a sanity figure).
- ``conll.*``, ``crossner.*``: quality on the ner-dev development splits (CoNLL-2003
  ``valid``, CrossNER politics ``dev``), scored as the judge scores the test splits
  (``bench/ner_dev.py``): exact span and type, P/R/F1 per type (PER, LOC, ORG) and over
  all (floors: issue 11's targets for the test splits), plus the lenient F1. These are
  dossier's quality figures; the seeds' scores in the tests are a regression check, not
  a measure of quality. Skipped when the data is absent.
- ``pages.dev.*``, ``pages.held_out.*``, ``pages.fresh.*``: the same scores on real web pages of
  ``ingest-dev``, annotated by hand (``bench/ner_pages.py``; ``n`` is the number of gold
  names): issue 11's real-page target (P >= .92, R >= .88 per type) is judged on pages we
  do not have, so no floor here.
- ``dev_cpu_ms_per_1000_words`` (and ``conll.cpu_ms_per_1000_words``,
  ``crossner.cpu_ms_per_1000_words``): CPU time on that text, dense with names nobody
  has seen (a guessed name every eleven words, where the generated text repeats a
  lexicon's), in one pass: cold for its names and their contexts, as new articles are,
  though the gazetteer, weights and word lists are loaded (that is ``load_ms``). Target
  5 ms (issue 11), as for the news-like text and the seeds.

Run alone: ``python -m bench.bench_entities``.
"""

from __future__ import annotations

import time
from pathlib import Path

#: Upper bounds: issue 3's 2 ms on news-like text; issue 11's 5 ms on any text, dense too.
TARGETS = {
    "cpu_ms_per_1000_words": 2.0,
    "seeds_cpu_ms_per_1000_words": 5.0,
    "dev_cpu_ms_per_1000_words": 5.0,
    "conll.cpu_ms_per_1000_words": 5.0,
    "crossner.cpu_ms_per_1000_words": 5.0,
}
#: Lower bounds: issue 11's F1 targets (judged on the test splits; these are the dev ones).
MIN_TARGETS = {"conll.all.f1": 0.85, "crossner.all.f1": 0.72}

ROOT = Path(__file__).resolve().parents[1]


def _generated(n: int = 200) -> list[str]:
    from bench.generate import Lexicon, article

    lex = Lexicon()
    return [article(i, lex)[1]["body"] for i in range(n)]


def _seeds() -> list:
    from search.ingest import read_article
    from search.model import Article

    found = [read_article(path) for path in sorted((ROOT / "seeds").glob("*.txt"))]
    return [a for a in found if isinstance(a, Article)]


def _best(fn, items: list, repeats: int = 5) -> tuple[float, float, int]:
    """(best wall seconds, best CPU seconds, mentions) of ``repeats`` passes over ``items``."""
    wall = cpu = float("inf")
    found = 0
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        found = sum(len(fn(item)) for item in items)
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu, found


def run() -> dict[str, float]:
    t0 = time.perf_counter()
    from search import entities

    entities.gazetteer()
    entities.recognise_text("warm up: Kishida met Biden on April 5th.")
    load_ms = (time.perf_counter() - t0) * 1000

    generated = _generated()
    words = sum(len(text.split()) for text in generated)
    wall, cpu, found = _best(entities.recognise_text, generated)

    seeds = _seeds() * 10
    seed_words = sum(len(" ".join((a.title, a.standfirst, a.body)).split()) for a in seeds)
    seed_wall, seed_cpu, _ = _best(entities.recognise, seeds)

    figures = {
        "ms_per_1000_words": wall * 1000 / words * 1000,
        "cpu_ms_per_1000_words": cpu * 1000 / words * 1000,
        "seeds_ms_per_1000_words": seed_wall * 1000 / seed_words * 1000,
        "seeds_cpu_ms_per_1000_words": seed_cpu * 1000 / seed_words * 1000,
        "load_ms": load_ms,
        "mentions_per_1000_words": found / words * 1000,
    }
    figures.update(dev_quality())
    figures.update(page_quality())
    return figures


def page_quality() -> dict:
    """P/R/F1 per type on the hand-annotated real pages (``bench/ner_pages.py``), pooled
    over the dev pages, the held-out ones, the six fresh ones, the sixth round's four and
    the seventh and the eighth round's four dev and two held-out pages each."""
    from bench import ner_pages

    found = ner_pages.run()
    sides = (
        "dev",
        "held_out",
        "fresh",
        "sixth",
        "seventh",
        "seventh_held",
        "eighth",
        "eighth_held",
    )
    return {"pages": {s: found[s] for s in sides if s in found}}


def dev_quality() -> dict:
    """P/R/F1 per type on the ner-dev development splits, and the CPU time they take."""
    from bench import ner_dev

    out: dict = {}
    cpu = 0.0
    words = 0
    for name in ner_dev.SETS:
        try:
            docs = ner_dev.documents(name)
        except FileNotFoundError as exc:
            print(f"  skipped dev quality: {exc}")
            return {}
        c0 = time.process_time()
        predicted = [ner_dev.predict(doc) for doc in docs]
        set_cpu = time.process_time() - c0
        set_words = sum(doc.words for doc in docs)
        cpu += set_cpu
        words += set_words
        exact = ner_dev.score(docs, predicted)
        lenient = ner_dev.score(docs, predicted, lenient=True)
        figures: dict = {}
        for type_, s in exact.items():
            figures[type_] = {"p": s.p, "r": s.r, "f1": s.f1}
        figures["lenient_f1"] = lenient["all"].f1
        figures["cpu_ms_per_1000_words"] = set_cpu * 1000 / set_words * 1000
        out[name] = figures
    out["dev_cpu_ms_per_1000_words"] = cpu * 1000 / words * 1000
    return out


def main() -> int:
    from bench.__main__ import _flatten

    figures = _flatten(run())
    width = max(map(len, figures))
    for name, value in figures.items():
        target, floor = TARGETS.get(name), MIN_TARGETS.get(name)
        verdict = ""
        if target is not None:
            verdict = "  ok" if value <= target else f"  > {target}"
        elif floor is not None:
            verdict = "  ok" if value >= floor else f"  < {floor}"
        print(f"{name:<{width}}  {value:10.3f}{verdict}")
    over = any(figures.get(k, 0.0) > v for k, v in TARGETS.items())
    under = any(k in figures and figures[k] < v for k, v in MIN_TARGETS.items())
    return 1 if over or under else 0


if __name__ == "__main__":
    raise SystemExit(main())
