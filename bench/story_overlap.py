"""Calibrates :data:`search.compare.story.SAME_STORY_MIN`: how much two articles must share
to be compared as one story.

One story: every annotated pair (compare-dev, ``bench/compare_extra``,
``bench/compare_heldout``, ``bench/compare_blind``, ``bench/compare_unseen`` and the seeds), whole and with each side
cut to its first three sentences (a brief against a long piece). Different stories: every
pair of the real pages of ingest-dev (``$DOSSIER_INGEST_DEV``), read as dossier reads them:
pages of 26 publishers on unrelated subjects, a few on one subject.

``python -m bench.story_overlap`` prints both distributions and, for the threshold in
force, the share of each side that falls on the wrong side of it.
"""

from __future__ import annotations

import itertools
import sys

from attrs import evolve

from bench import ROOT
from bench.compare_dev import dev_root, load, pairs
from bench.ner_pages import DATA

FOLDERS = [
    *([dev_root()] if dev_root() else []),
    ROOT / "bench" / "compare_extra",
    ROOT / "bench" / "compare_heldout",
    ROOT / "bench" / "compare_blind",
    ROOT / "bench" / "compare_unseen",
]
CUT = 3  # sentences kept of a side cut short


def _sides(article):
    from search.compare.analysis import _sentences, load_themes
    from search.entities import recognise

    return _sentences(article, recognise(article), load_themes())


def _cut(article):
    from search.sentences import split_sentences

    spans = split_sentences(article.body)[:CUT]
    return evolve(article, body=article.body[: spans[-1].end]) if spans else article


def _seeds():
    from search.ingest import read_article
    from search.model import Article

    read = [read_article(p, p.parent) for p in sorted((ROOT / "seeds").iterdir())]
    dated = sorted(
        (a for a in read if isinstance(a, Article) and a.published), key=lambda a: a.published
    )
    return dated[0], dated[-1]


def one_story() -> list[tuple[str, float, float]]:
    """(pair, overlap whole, least overlap with a side or both cut short)."""
    from search.compare.story import story_overlap

    found = [(p.name, *load(p)[:2]) for folder in FOLDERS for p in pairs(folder)]
    found.append(("seeds", *_seeds()))
    out = []
    for name, earlier, later in found:
        whole = story_overlap(_sides(earlier), _sides(later))
        short = min(
            story_overlap(_sides(a), _sides(b))
            for a, b in (
                (_cut(earlier), later),
                (earlier, _cut(later)),
                (_cut(earlier), _cut(later)),
            )
        )
        out.append((name, whole, short))
    return out


def different_stories() -> list[float]:
    from search.compare.story import story_overlap
    from search.ingest import read_article
    from search.model import Article

    pages = sorted((DATA / "html").glob("*.html"))
    read = [read_article(p, p.parent) for p in pages]
    sides = [_sides(a) for a in read if isinstance(a, Article) and a.body]
    return [story_overlap(a, b) for a, b in itertools.combinations(sides, 2)]


def main() -> int:
    from search.compare.story import SAME_STORY_MIN

    pairs_ = one_story()
    print("one story (whole, shortest cut):")
    for name, whole, short in sorted(pairs_, key=lambda r: r[1]):
        print(f"  {name:6} {whole:.3f} {short:.3f}")
    for i, what in ((1, "whole"), (2, "cut short")):
        low = [row[0] for row in pairs_ if row[i] < SAME_STORY_MIN]
        print(f"  under {SAME_STORY_MIN}, {what}: {len(low)} of {len(pairs_)} {low}")
    if not (DATA / "html").is_dir():
        print(f"  no different-story pages: {DATA} not found (set DOSSIER_INGEST_DEV)")
        return 0
    others = sorted(different_stories(), reverse=True)
    over = sum(v >= SAME_STORY_MIN for v in others)
    print(f"different stories: {len(others)} pairs of ingest-dev pages; top ten", end=" ")
    print(" ".join(f"{v:.3f}" for v in others[:10]))
    for t in (0.04, 0.06, 0.08, 0.10, 0.12):
        share = sum(v >= t for v in others) / len(others)
        print(f"  at {t:.2f}: {share:.1%} compared as one story")
    print(f"at {SAME_STORY_MIN} (in force): {over} of {len(others)} ({over / len(others):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
