"""Learn compare's link ranking from the annotated development pairs, judged by
leave-one-pair-out (issue 12).

Today a link's score (:mod:`search.compare.score`) is a hand-weighted sum of what the
concern and a later sentence share. This script asks whether weights LEARNED from the
gold links rank better. For every development pair (compare-dev, ``bench/compare_news``,
``bench/compare_extra``, ``bench/compare_heldout``, ``bench/compare_unseen2``; never a
held-out set) and every concern the engine finds that the gold says is answered, the
candidates are the later sentences :meth:`~search.compare.score.Scorer.evidence` would
rank (those that share anything with the concern and report: ``Scorer._reports``), the
best :data:`SHORTLIST` by today's score, each with :data:`FEATURES` (:func:`link_features`)
and a label: right when it contains a gold development phrase (matched as
``bench/compare_dev.py`` matches them).

Three small learners, pure Python, regularised, one weight a feature (they cannot
memorise a pair): ``listwise`` (softmax over a concern's candidates, the right ones the
target, L2), ``anchored`` (the same with today's score as one more feature, left
unregularised, so strong L2 gives today's ranking back and weak L2 learns corrections to
it), ``pairwise`` (logistic regression on right-minus-wrong feature differences, each
concern weighing one) and ``perceptron`` (averaged, on the best wrong against the best
right). Each pair is ranked by the weights trained without it (leave-one-pair-out); the
table compares top-1 / top-3 with today's score on exactly the same concerns (a concern
with no right candidate is a miss for both). Silence is not judged here: that is
``bench/calibrate_compare.py``'s.

``python -m bench.learn_links [--why]`` prints the LOO tables, the weights trained on all
pairs, and (``--why``) for each found, answered concern that today's ranking misses,
whether any right candidate shares anything with it at all. Rerun it after changing the
features, the scorer or the gold.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from pathlib import Path

from bench import ROOT
from bench.compare_dev import dev_root, load, norm, pairs

FOLDERS = [
    *([dev_root()] if dev_root() else []),
    ROOT / "bench" / "compare_news",
    ROOT / "bench" / "compare_extra",
    ROOT / "bench" / "compare_heldout",
    ROOT / "bench" / "compare_unseen2",
]
#: A concern's candidates kept for learning and ranking: the best this many by today's
#: score (the engine ranks its best dozen).
SHORTLIST = 20
#: What :func:`link_features` tells of a candidate against a concern, in order: the
#: shares of the concern's weight that the candidate names by the concern's own words
#: (compounds spelt out included), by the words it borrows from the sentence before, by
#: synonym rings, by entities in the same role and in another role (these five summed,
#: capped at 1, are today's score of a report); the shared weight, each key's weight times
#: the share of the later sentences naming that key (the story's echo); the concern's
#: weightiest own word it names, over the concern's weightiest; whether it tells an event
#: verb; whether it says when; its place in the later article (0 first, towards 1 last);
#: its length (log of its content words).
FEATURES = (
    "own",
    "borrowed",
    "ring",
    "entity",
    "entity_other",
    "echo",
    "best_word",
    "event",
    "when",
    "place",
    "length",
)


def link_features(scorer, c, before) -> tuple[dict[str, tuple[float, ...]], float]:
    """Key -> the :data:`FEATURES` of every candidate that shares anything with ``c``
    (the candidates ``Scorer._shared`` gives), and the weight of all ``c`` is about.

    ``Scorer._shared``'s sums kept apart by kind (the same rules, restated here so that
    the engine's hot path is untouched: :func:`concern_rows` checks that they still sum
    to the engine's scores), and what else the scorer knows of the candidate."""
    from search.compare.score import (
        ACTOR_ALONE,
        OTHER_ROLE,
        _actors,
        _borrowed_share,
        _compounds,
        concern_parts,
        participants,
    )

    c, before = scorer._as_named(c), scorer._as_named(before)
    own, context = concern_parts(c, before, scorer.local)
    c_terms = {**own, **context}
    total = sum(c_terms.values())
    index = scorer.index
    n = max(1, len(scorer.candidates))
    parts: dict[str, list[float]] = {}
    echo: dict[str, float] = {}

    def add(k: str, slot: int, w: float, key: str | None) -> None:
        row = parts.get(k)
        if row is None:
            row = parts[k] = [0.0] * 5
        row[slot] += w
        if key is not None:
            echo[k] = echo.get(k, 0.0) + w * len(index.get(key, ())) / n

    for stem, w in own.items():
        for k in index.get(stem, ()):
            add(k, 0, w, stem)
    for stem, (a, b) in _compounds(c, own).items():
        if a in index and b in index:
            holds = set(index.get(stem, ()))
            both = set(index[b])
            for k in index[a]:
                if k in both and k not in holds:
                    add(k, 0, own[stem], a)
    if context:
        borrowed: dict[str, float] = {}
        for stem, w in context.items():
            for k in index.get(stem, ()):
                borrowed[k] = borrowed.get(k, 0.0) + w
        for k, v in borrowed.items():
            share = _borrowed_share(parts[k][0] if k in parts else 0.0, v, bool(own))
            if share > 0.0:
                add(k, 1, share, None)
    ring_bonus = 0.5 * max(c_terms.values(), default=0.0)
    for ring in c.rings:
        key = f"ring:{ring}"
        for k in index.get(key, ()):
            add(k, 2, ring_bonus, key)
    c_actors = _actors(c, concern=True)
    names_only: set[str] = set()
    acting: set[str] = set()
    for name in participants(c):
        w = scorer.entity_weight.get(name, 0.0)
        total += w
        actor = name in c_actors
        key = f"entity:{name}"
        for k in index.get(key, ()):
            if k not in parts:
                names_only.add(k)
            if (name in scorer.actors[k]) == actor:
                if actor and w >= ACTOR_ALONE:
                    acting.add(k)
                add(k, 3, w, key)
            else:
                add(k, 4, OTHER_ROLE * w, key)
    for k in names_only - acting:
        del parts[k]
    if total <= 0:
        return {}, 0.0
    top = max(own.values(), default=0.0)
    out = {}
    for k, row in parts.items():
        d = scorer.by_key[k]
        best = max((w for stem, w in own.items() if stem in scorer.terms[k]), default=0.0)
        out[k] = (
            *(v / total for v in row),
            echo.get(k, 0.0) / total,
            best / top if top > 0 else 0.0,
            1.0 if d.cues.events else 0.0,
            1.0 if (d.cues.when or d.cues.day) else 0.0,
            -scorer.place[k] / n,
            math.log(1 + len(scorer.terms[k])) / math.log(40),
        )
    return out, total


def concern_rows(pair: Path, why: list | None = None) -> list[dict]:
    """One row per found, answered gold concern of a pair: its candidates' features,
    today's scores, labels and places (today's best first). With ``why``, a line for
    each concern no reporting candidate of which is right."""
    from search.compare import _is_concern
    from search.compare.analysis import _both_sides, cycles_collected_after, load_themes
    from search.compare.score import Scorer, asks_commitment, headlines
    from search.compare.story import SAME_STORY_MIN, story_overlap

    earlier, later, gold = load(pair)
    rows = []
    with cycles_collected_after():
        left, right = _both_sides(earlier, later, None, None, load_themes())
        if story_overlap(left, right) < SAME_STORY_MIN:
            return []
        scorer = Scorer([*left, *right], right, headlines([later]))
        concerns = []
        told: set[str] = set()
        for i, c in enumerate(left):
            before = left[i - 1] if i else None
            if c.key in told or not _is_concern(c, before):
                continue
            told.add(c.key)
            concerns.append((c, before))
        for item in gold["concerns"]:
            golds = [norm(d) for d in item["developments"]]
            phrase = norm(item["concern"])
            found = next(((c, b) for c, b in concerns if phrase in norm(c.span.text)), None)
            if not golds or found is None:
                continue
            c, before = found
            feats, _ = link_features(scorer, c, before)
            hand = scorer._scores(c, before)
            assert set(feats) == set(hand), (pair.name, item["id"])
            for k, x in feats.items():  # the parts sum to today's score
                assert abs(min(1.0, sum(x[:5])) * scorer.factor[k] - hand[k]) < 1e-9

            def right(k: str, golds=golds) -> bool:
                return any(g in norm(scorer.by_key[k].span.text) for g in golds)

            cands = [(hand[k], scorer.place[k], k) for k in feats]
            cands = scorer._reports(cands, c.cues.published, asks_commitment(c.span.text))
            cands = sorted(cands, reverse=True)[:SHORTLIST]
            if why is not None and not any(right(k) for _, _, k in cands):
                shared = [f"{hand[k]:.2f} (factor {scorer.factor[k]})" for k in hand if right(k)]
                why.append(
                    f"{pair.name} {item['id']}: "
                    + (f"right sentence not a report: {shared}" if shared else "shares nothing")
                )
            rows.append(
                {
                    "pair": pair.name,
                    "id": item["id"],
                    "x": [feats[k] for _, _, k in cands],
                    "hand": [s for s, _, _ in cands],
                    "place": [p for _, p, _ in cands],
                    "right": [right(k) for _, _, k in cands],
                }
            )
    return rows


def _learnable(rows: list[dict]) -> list[dict]:
    return [r for r in rows if any(r["right"]) and not all(r["right"])]


def _dot(w: list[float], x) -> float:
    return sum(a * b for a, b in zip(w, x, strict=True))


def train_listwise(
    rows: list[dict], l2: float, free: int = 0, start: list[float] | None = None
) -> list[float]:
    """Weights of a listwise logistic ranker: the mean over concerns of the log
    probability of the right candidates under a softmax of ``w . x``, minus ``l2 |w|^2``
    (the first ``free`` weights unregularised); plain gradient ascent."""
    rows = _learnable(rows)
    m = len(rows[0]["x"][0])
    w = list(start) if start else [0.0] * m
    for _ in range(400):
        grad = [0.0 if j < free else -2.0 * l2 * wi for j, wi in enumerate(w)]
        for r in rows:
            xs = r["x"]
            s = [_dot(w, x) for x in xs]
            top = max(s)
            e = [math.exp(v - top) for v in s]
            z = sum(e)
            zr = sum(ei for ei, ok in zip(e, r["right"], strict=True) if ok)
            for j in range(m):
                mean = sum(ei * x[j] for ei, x in zip(e, xs, strict=True)) / z
                mean_right = (
                    sum(ei * x[j] for ei, x, ok in zip(e, xs, r["right"], strict=True) if ok) / zr
                )
                grad[j] += (mean_right - mean) / len(rows)
        w = [wi + 0.5 * g for wi, g in zip(w, grad, strict=True)]
    return w


def train_pairwise(rows: list[dict], l2: float) -> list[float]:
    """Logistic regression on (right - wrong) feature differences, each concern's pairs
    weighing one concern, minus ``l2 |w|^2``; gradient ascent."""
    diffs: list[tuple[float, list[float]]] = []
    for r in _learnable(rows):
        pairs_ = [
            [a - b for a, b in zip(xi, xj, strict=True)]
            for xi, oki in zip(r["x"], r["right"], strict=True)
            if oki
            for xj, okj in zip(r["x"], r["right"], strict=True)
            if not okj
        ]
        diffs += [(1.0 / len(pairs_), d) for d in pairs_]
    n_concerns = sum(weight for weight, _ in diffs)
    m = len(diffs[0][1])
    w = [0.0] * m
    for _ in range(400):
        grad = [-2.0 * l2 * wi for wi in w]
        for weight, d in diffs:
            p = 1.0 / (1.0 + math.exp(min(50.0, _dot(w, d))))  # 1 - sigmoid(w . d)
            for j in range(m):
                grad[j] += weight * p * d[j] / n_concerns
        w = [wi + 1.0 * g for wi, g in zip(w, grad, strict=True)]
    return w


def train_perceptron(rows: list[dict], epochs: int = 20) -> list[float]:
    """Averaged perceptron: when a wrong candidate outscores (or ties) the best right one,
    move towards the right one's features and away from the wrong one's."""
    rows = _learnable(rows)
    m = len(rows[0]["x"][0])
    w, total, steps = [0.0] * m, [0.0] * m, 0
    for _ in range(epochs):
        for r in rows:
            s = [_dot(w, x) for x in r["x"]]
            best_right = max((i for i, ok in enumerate(r["right"]) if ok), key=s.__getitem__)
            best_wrong = max((i for i, ok in enumerate(r["right"]) if not ok), key=s.__getitem__)
            if s[best_wrong] >= s[best_right]:
                xr, xw = r["x"][best_right], r["x"][best_wrong]
                w = [wi + a - b for wi, a, b in zip(w, xr, xw, strict=True)]
            total = [t + wi for t, wi in zip(total, w, strict=True)]
            steps += 1
    return [t / steps for t in total]


def rank_of_right(scores: list[float], places: list[int], right: list[bool]) -> int | None:
    """The rank (0 first) of the first right candidate, ties broken by place (the earlier
    sentence first, as the engine breaks them)."""
    order = sorted(range(len(scores)), key=lambda i: (scores[i], places[i]), reverse=True)
    return next((n for n, i in enumerate(order) if right[i]), None)


def with_today(rows: list[dict]) -> list[dict]:
    """The rows with today's score as a first feature (scaled so that a unit weight is a
    soft-max temperature near the one learned)."""
    return [
        {**r, "x": [(10.0 * h, *x) for h, x in zip(r["hand"], r["x"], strict=True)]} for r in rows
    ]


def loo(rows: list[dict], fit: Callable[[list[dict]], list[float]]) -> dict[str, dict[str, int]]:
    """Per set (the pair names' first letter) and pooled: top-1 / top-3 of today's
    ranking and of the weights fitted without the pair."""
    names = sorted({r["pair"] for r in rows})
    held = {n: fit([r for r in rows if r["pair"] != n]) for n in names}
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        h = rank_of_right(r["hand"], r["place"], r["right"])
        lr = rank_of_right([_dot(held[r["pair"]], x) for x in r["x"]], r["place"], r["right"])
        for group in (r["pair"][0] + "*", "pooled"):
            acc = out.setdefault(group, dict.fromkeys(("n", "h1", "h3", "l1", "l3"), 0))
            acc["n"] += 1
            acc["h1"] += h == 0
            acc["h3"] += h is not None and h < 3
            acc["l1"] += lr == 0
            acc["l3"] += lr is not None and lr < 3
    return out


def main() -> None:
    why: list[str] | None = [] if "--why" in sys.argv[1:] else None
    rows = [row for folder in FOLDERS for p in pairs(folder) for row in concern_rows(p, why)]
    names = sorted({r["pair"] for r in rows})
    reachable = sum(any(r["right"]) for r in rows)
    print(f"{len(rows)} found, answered concerns in {len(names)} pairs; {reachable} with a")
    print(f"right report among their first {SHORTLIST} candidates (the rest: a miss for all)")
    anchored = with_today(rows)
    runs: list[tuple[str, list[dict], Callable, tuple[str, ...]]] = []
    for l2 in (0.001, 0.01, 0.1):
        runs.append((f"listwise l2={l2}", rows, lambda rs, l2=l2: train_listwise(rs, l2), FEATURES))
    for l2 in (0.003, 0.03, 0.3):
        runs.append(
            (
                f"anchored l2={l2}",
                anchored,
                lambda rs, l2=l2: train_listwise(
                    rs, l2, free=1, start=[1.0] + [0.0] * len(FEATURES)
                ),
                ("today", *FEATURES),
            )
        )
    for l2 in (0.001, 0.01):
        runs.append((f"pairwise l2={l2}", rows, lambda rs, l2=l2: train_pairwise(rs, l2), FEATURES))
    runs.append(("perceptron", rows, train_perceptron, FEATURES))
    print(f"\n{'learner':22} {'set':7} {'n':>3}  top-1 today -> learned  top-3 today -> learned")
    for label, data, fit, names_ in runs:
        for group, s in sorted(loo(data, fit).items(), key=lambda kv: kv[0] == "pooled"):
            print(
                f"{label:22} {group:7} {s['n']:3}  {s['h1']:>10} -> {s['l1']:<8}"
                f"  {s['h3']:>10} -> {s['l3']}"
            )
        w = fit(data)
        print(
            f"{'':22} weights on all pairs: "
            + ", ".join(f"{f} {v:+.2f}" for f, v in zip(names_, w, strict=True))
        )
    if why:
        print("\nfound, answered concerns with no right report among the candidates:")
        print("\n".join(why))


if __name__ == "__main__":
    main()
