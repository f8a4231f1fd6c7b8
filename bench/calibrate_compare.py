"""Leave-one-pair-out calibration of compare's silence decision on the development pairs.

The parameter calibrated is :data:`search.compare.score.LINK_Z` (how far the best link
must stand out of the concern's scores against every later sentence), with the absolute
floor :data:`~search.compare.score.LINK_THRESHOLD` fixed; ``--absolute`` calibrates the
absolute threshold alone instead (margin off), for comparison; ``--lone`` calibrates
:data:`~search.compare.score.LONE_THRESHOLD` (how strong a link must be when it is the
only later sentence that shares anything with the concern), the others as they are;
``--off-line`` calibrates :data:`~search.compare.score.OFF_LINE_THRESHOLD` (how strong a
link must be when the concern shares nothing with the later article's headline or lede).

For each pair held out, the threshold is chosen on the other pairs alone: the one that
maximises right-first links plus correct silences there (each concern counts once;
ties: the middle of the longest run of neighbouring thresholds that do as well). The
held-out pair is
then scored at that threshold. The pooled held-out counts are the honest estimate of how
the threshold generalises; ``python -m bench.calibrate_compare`` prints them, and the
threshold chosen on all pairs (what :data:`search.compare.score.LINK_THRESHOLD` should be).

``python -m bench.calibrate_compare [--absolute] [FOLDER ...]``: the pairs of each folder of
pairs, held out one by one among all of them. The default is all the development pairs:
compare-dev, ``bench/compare_extra`` and ``bench/compare_heldout`` (13 pairs, two genres), so
a threshold is judged across both. Never pass ``bench/compare_blind``: it is the held-out
set, scored, not calibrated on.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench import ROOT
from bench.compare_dev import dev_root, load, pairs, pooled, score, table

#: The development pairs (see the module's docstring); a missing compare-dev is left out.
DEV_FOLDERS = [
    *([dev_root()] if dev_root() else []),
    ROOT / "bench" / "compare_extra",
    ROOT / "bench" / "compare_heldout",
]

ABSOLUTE = "--absolute" in sys.argv[1:]
#: ``--lone``: calibrate :data:`search.compare.score.LONE_THRESHOLD` (the strength a link
#: needs when it is the only later sentence sharing anything with the concern) instead.
LONE = "--lone" in sys.argv[1:]
#: ``--off-line``: calibrate :data:`search.compare.score.OFF_LINE_THRESHOLD` instead.
OFF_LINE = "--off-line" in sys.argv[1:]
PARAM = (
    "LINK_THRESHOLD"
    if ABSOLUTE
    else "LONE_THRESHOLD"
    if LONE
    else "OFF_LINE_THRESHOLD"
    if OFF_LINE
    else "LINK_Z"
)
GRID = (
    [round(0.01 * i, 2) for i in range(0, 41)]
    if ABSOLUTE or LONE or OFF_LINE
    else [0.1 * i for i in range(41)]
)


def _scores_by_threshold():
    import search.compare.score as score_module
    from search.compare import compare

    folders = [Path(a) for a in sys.argv[1:] if not a.startswith("--")] or DEV_FOLDERS
    loaded = {p.name: load(p) for folder in folders for p in pairs(folder)}
    saved = (
        score_module.LINK_THRESHOLD,
        score_module.LINK_Z,
        score_module.LONE_THRESHOLD,
        score_module.OFF_LINE_THRESHOLD,
    )
    out: dict[float, dict[str, dict[str, int]]] = {}
    try:
        if ABSOLUTE:
            score_module.LINK_Z = float("-inf")
        for t in GRID:
            setattr(score_module, PARAM, t)
            out[t] = {n: score(compare(e, lt), g) for n, (e, lt, g) in loaded.items()}
    finally:
        (
            score_module.LINK_THRESHOLD,
            score_module.LINK_Z,
            score_module.LONE_THRESHOLD,
            score_module.OFF_LINE_THRESHOLD,
        ) = saved
    return out


def _gain(counts: dict[str, int]) -> int:
    return counts["top1"] + counts["silent"]


def choose(by_t: dict[float, dict[str, dict[str, int]]], names: list[str]) -> float:
    """The middle of the longest run of neighbouring thresholds that do best (a run,
    not all ties: the middle of two separate runs may lie where neither does well); of
    an even run the lower middle: a lower margin keeps links, and the right first links
    are what falls first past the run."""
    gains = [sum(_gain(by_t[t][n]) for n in names) for t in GRID]
    best = max(gains)
    runs: list[list[float]] = []
    for i, t in enumerate(GRID):
        if gains[i] == best:
            if runs and i and gains[i - 1] == best:
                runs[-1].append(t)
            else:
                runs.append([t])
    run = max(runs, key=len)
    return run[(len(run) - 1) // 2]


def main() -> None:
    by_t = _scores_by_threshold()
    names = sorted(next(iter(by_t.values())))
    held: dict[str, dict[str, int]] = {}
    for name in names:
        t = choose(by_t, [n for n in names if n != name])
        held[name] = by_t[t][name]
        print(f"{name}: {PARAM} chosen on the others {t:.2f}")
    held["pooled"] = pooled(held.values())
    print("leave-one-pair-out (each pair at the threshold chosen without it):")
    print(table(held))
    t_all = choose(by_t, names)
    print(f"{PARAM} chosen on all pairs: {t_all:.2f}")
    print(table({**by_t[t_all], "pooled": pooled(by_t[t_all].values())}))


if __name__ == "__main__":
    main()
