"""Everything compare gives, dumped to check that a speed-up changes no result.

Dumps, for every pair of ``shared/data/compare-dev``, ``bench/compare_extra``,
``bench/compare_heldout``, ``bench/compare_blind``, the seeds and the pairs of
``tests/gold``: the full :func:`search.compare.compare` result (every link, its concern,
developments, scores, shared words and entities, marks, the new developments), each
concern's scores against every candidate and its margin (rounded to 1e-9), and the
evidence of the first development of each link as :func:`evidence_for` explains it; then
:func:`search.compare.compare_topic` of the benchmark's 50 against 50 generated articles
and "what happened next" for its first concerns.

``python -m bench.compare_dump OUT`` writes the dump to OUT and prints its SHA-256: run it
before and after a change and compare the two (``cmp``).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from bench import ROOT


def _pairs() -> list[tuple[str, Path, Path, Path]]:
    """(name, earlier file, later file, base folder) of every annotated pair."""
    from bench.compare_dev import dev_root

    out = []
    roots = [dev_root(), *(ROOT / "bench" / d for d in ("compare_extra", "compare_heldout"))]
    roots.append(ROOT / "bench" / "compare_blind")
    for root in roots:
        if root is None or not root.is_dir():
            continue
        for p in sorted(root.iterdir()):
            if (p / "earlier.txt").is_file():
                out.append((f"{root.name}/{p.name}", p / "earlier.txt", p / "later.txt", p))
    seeds = ROOT / "seeds"
    texts = sorted(seeds.glob("*.txt"))
    out.append(("seeds", texts[0], texts[-1], seeds))
    for name in ("compare_pair", "compare_energy"):
        folder = ROOT / "tests" / "gold" / name
        if folder.is_dir():
            import tomllib

            gold = tomllib.loads((folder / "gold.toml").read_text(encoding="utf-8"))
            e, lt = (folder / Path(gold[k]).name for k in ("earlier", "later"))
            out.append((f"tests/{name}", e, lt, folder))
    return out


def _scores(write, left, scorer) -> None:
    """Each concern of ``left`` scored against every candidate of ``scorer``, and its
    margin."""
    from search.compare import _is_concern
    from search.compare.score import MIN_BACKGROUND, margin

    for i, c in enumerate(left):
        before = left[i - 1] if i else None
        if not _is_concern(c, before):
            continue
        scores = scorer._scores(c, before)
        values = list(scores.values())
        n = max(len(scorer.candidates), MIN_BACKGROUND)
        m = margin(values, n) if values else None
        write(f"  scores {c.key} margin={m if m is None else round(m, 9)!r}")
        for k, v in sorted(scores.items()):
            write(f"    {k} {round(v, 9)!r}")


def dump(write) -> None:
    from search.compare import compare, evidence_for
    from search.compare.analysis import _both_sides, clear_analysis_cache, load_themes
    from search.compare.score import Scorer, headlines
    from search.entities import recognise
    from search.ingest import read_article

    for name, e_path, l_path, base in _pairs():
        clear_analysis_cache()
        earlier, later = read_article(e_path, base), read_article(l_path, base)
        ents_e, ents_l = tuple(recognise(earlier)), tuple(recognise(later))
        result = compare(earlier, later, earlier_entities=ents_e, later_entities=ents_l)
        write(f"pair {name}")
        for link in result.links:
            write(f"  {link!r}")
        write(f"  new {result.new_developments!r}")
        left, right = _both_sides(earlier, later, ents_e, ents_l, load_themes())
        _scores(write, left, Scorer([*left, *right], right, headlines([later])))
        for link in result.addressed:
            ev = evidence_for(
                earlier,
                later,
                link.concern.span,
                link.evidence[0].development.span,
                earlier_entities=ents_e,
                later_entities=ents_l,
            )
            write(f"  explain {ev!r}")
    _topic(write)


def _topic(write) -> None:
    from bench.bench_compare import topic_articles
    from search.compare import compare_topic, what_happened_next
    from search.compare.analysis import clear_analysis_cache
    from search.entities import recognise

    arts, ents, split = topic_articles(recognise)
    clear_analysis_cache()
    result = compare_topic("bench", arts[:50], arts[50:], split, entities=lambda a: ents[a.id])
    write("topic")
    for link in result.links:
        write(f"  {link!r}")
    write(f"  new {result.new_developments!r}")
    by_id = {a.id: a for a in arts}
    for link in result.links[:: max(1, len(result.links) // 8)]:
        article_ = by_id[link.concern.key.rsplit(":", 1)[0]]
        found = what_happened_next(
            article_, link.concern.key, arts[50:], entities=lambda a: ents[a.id]
        )
        write(f"  next {link.concern.key} {found!r}")
    # Every concern's scores and margin, against the topic's scorer.
    from search.compare.analysis import load_themes
    from search.compare.score import Scorer, headlines
    from search.compare.topic import _sides

    themes = load_themes()
    lefts = _sides(arts[:50], lambda a: ents[a.id], themes)
    right = [s for side in _sides(arts[50:], lambda a: ents[a.id], themes) for s in side]
    scorer = Scorer([*(s for side in lefts for s in side), *right], right, headlines(arts[50:]))
    for left in lefts:
        _scores(write, left, scorer)


if __name__ == "__main__":
    out = Path(sys.argv[1])
    digest = hashlib.sha256()
    with out.open("w", encoding="utf-8") as f:

        def write(line: str) -> None:
            f.write(line + "\n")
            digest.update(line.encode() + b"\n")

        dump(write)
    print(digest.hexdigest(), out)
