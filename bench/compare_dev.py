"""The compare-dev scorer, exactly as ``shared/data/compare-dev/README.md`` says.

Each pair folder ``pNN/`` holds ``earlier.txt``, ``later.txt`` and ``gold.json``. Both
sides are normalised the same way (NFKC, case-fold, runs of whitespace to one space)
and matched by substring:

- **found**: a gold concern is found when a reported concern contains its phrase;
- **top-1 / top-3** (concerns with developments): the first / one of the first three
  developments the engine links contains one of the gold development phrases;
- **silent** (``not addressed`` concerns): the engine reports the concern and links no
  development to it; a concern not reported at all is a miss everywhere;
- **reported / gold**: how many concerns the engine reports against how many the
  gold annotates (the target is at most twice as many).

The engine runs alone (no analyst's verdicts, pins or drops).
``python -m bench.compare_dev [-v] [PAIR_DIR ...]`` prints the figures per pair and pooled.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from bench import ROOT

COUNTS = ("concerns", "found", "addressed", "top1", "top3", "unaddressed", "silent", "reported")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def dev_root() -> Path | None:
    """The compare-dev folder: ``$DOSSIER_COMPARE_DEV``, else ``shared/data/compare-dev``
    beside the checkout (``/work/main`` or a worktree ``/work/wt/NAME``)."""
    env = os.environ.get("DOSSIER_COMPARE_DEV")
    candidates = [Path(env)] if env else []
    candidates += [p / "shared" / "data" / "compare-dev" for p in (ROOT.parent, ROOT.parent.parent)]
    return next((p for p in candidates if (p / "p01" / "gold.json").is_file()), None)


def pairs(root: Path | None = None) -> list[Path]:
    root = root or dev_root()
    if root is None:
        return []
    return sorted(p for p in root.iterdir() if (p / "gold.json").is_file())


def load(pair: Path):
    """(earlier, later, gold) of one pair folder, read by ingest like any article."""
    from search.ingest import read_article

    earlier = read_article(pair / "earlier.txt", pair)
    later = read_article(pair / "later.txt", pair)
    gold = json.loads((pair / "gold.json").read_text(encoding="utf-8"))
    return earlier, later, gold


def score(comparison, gold: dict, *, detail: list | None = None) -> dict[str, int]:
    """The README's figures for one engine result against one gold file."""
    reported = [(norm(link.concern.span.text), link) for link in comparison.links]
    out = dict.fromkeys(COUNTS, 0)
    out["concerns"] = len(gold["concerns"])
    out["reported"] = len(reported)
    for item in gold["concerns"]:
        phrase = norm(item["concern"])
        link = next((link for text, link in reported if phrase in text), None)
        devs = [norm(e.development.span.text) for e in link.evidence] if link else []
        golds = [norm(d) for d in item["developments"]]
        rank = next((i for i, d in enumerate(devs) if any(g in d for g in golds)), None)
        out["found"] += link is not None
        if golds:
            out["addressed"] += 1
            out["top1"] += rank == 0
            out["top3"] += rank is not None and rank < 3
        else:
            out["unaddressed"] += 1
            out["silent"] += link is not None and not devs
        if detail is not None:
            detail.append((item["id"], link is not None, bool(golds), rank, devs[:1]))
    return out


def pooled(per_pair: Iterable[dict[str, int]]) -> dict[str, int]:
    total = dict.fromkeys(COUNTS, 0)
    for s in per_pair:
        for k in COUNTS:
            total[k] += s[k]
    return total


def shares(s: dict[str, int]) -> dict[str, float]:
    """Counts -> the README's shares (and reported per annotated concern)."""

    def share(a: int, b: int) -> float:
        return round(a / b, 3) if b else 1.0

    return {
        "found": share(s["found"], s["concerns"]),
        "top1": share(s["top1"], s["addressed"]),
        "top3": share(s["top3"], s["addressed"]),
        "silent": share(s["silent"], s["unaddressed"]),
        "reported_per_gold": share(s["reported"], s["concerns"]),
    }


def run_dev(
    compare: Callable | None = None, root: Path | None = None, *, verbose: bool = False
) -> dict[str, dict[str, int]]:
    """Per pair and ``pooled``: the counts of :func:`score` for ``compare`` (default
    :func:`search.compare.compare`)."""
    if compare is None:
        from search.compare import compare
    out: dict[str, dict[str, int]] = {}
    for pair in pairs(root):
        earlier, later, gold = load(pair)
        detail: list = []
        out[pair.name] = score(compare(earlier, later), gold, detail=detail)
        if verbose:
            for ident, found, addressed, rank, best in detail:
                if not found:
                    got = "MISSED"
                elif addressed:
                    got = f"right at rank {rank + 1}" if rank is not None else f"wrong: {best}"
                else:
                    got = "silent" if not best else f"linked (should be silent): {best}"
                print(f"  {pair.name} {ident:32} {got}")
    out["pooled"] = pooled(out.values())
    return out


def table(results: dict[str, dict[str, int]]) -> str:
    lines = [f"{'pair':8} found   top1   top3   silent reported/gold"]
    for name, s in results.items():
        lines.append(
            f"{name:8} {s['found']:>2}/{s['concerns']:<3} {s['top1']:>2}/{s['addressed']:<3}"
            f" {s['top3']:>2}/{s['addressed']:<3} {s['silent']:>2}/{s['unaddressed']:<3}"
            f"  {s['reported']}/{s['concerns']}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    root = Path(args[0]) if args else None
    print(table(run_dev(root=root, verbose="-v" in sys.argv)))
