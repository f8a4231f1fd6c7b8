"""``python -m bench [--quick] [--only NAME ...]``: run every bench/bench_*.py and judge it.

Each module's ``run()`` returns ``{figure: value}``; its ``TARGETS`` (figure -> upper bound)
and ``MIN_TARGETS`` (figure -> lower bound, for figures where higher is better) say what passes. Prints a table of figure, value, target and verdict, and writes
``bench/.data/results.json`` (plus a line in ``bench/.data/history.jsonl``).
Exit status: 0 if every target is met, 1 if one is missed or a module failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import pkgutil
import subprocess
import sys
import time
import traceback
from pathlib import Path

from bench import DATA, DEFAULT_N, LARGE_N, QUICK_N, ROOT


def modules() -> list[str]:
    here = Path(__file__).resolve().parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))


def _short(name: str) -> str:
    return name.removeprefix("bench_")


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
        return out.stdout.strip()
    except OSError:
        return ""


def _flatten(figures: dict, prefix: str = "") -> dict[str, float]:
    """Numbers only: nested dicts become ``a.b``; strings and booleans are not figures."""
    out: dict[str, float] = {}
    for key, value in figures.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[f"{prefix}{key}"] = float(value)
    return out


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help=f"N={QUICK_N:,} articles (default {DEFAULT_N:,})"
    )
    parser.add_argument(
        "--large",
        action="store_true",
        help=f"N={LARGE_N:,} articles, the scale of a team's archive (slow: generates it first)",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this module (index, search, cli, ...); repeatable",
    )
    parser.add_argument("--list", action="store_true", help="list the benchmark modules and exit")
    args = parser.parse_args(argv)

    names = modules()
    if args.list:
        print("\n".join(_short(n) for n in names))
        return 0
    if args.only:
        wanted = {_short(o) for o in args.only}
        unknown = wanted - {_short(n) for n in names}
        if unknown:
            parser.error(f"no benchmark named {', '.join(sorted(unknown))}; try --list")
        names = [n for n in names if _short(n) in wanted]
    n = QUICK_N if args.quick else LARGE_N if args.large else None
    n = n or int(os.environ.get("DOSSIER_BENCH_N", DEFAULT_N))
    os.environ["DOSSIER_BENCH_N"] = str(n)  # read by bench.size() in every module

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"dossier benchmarks: N={n:,} articles, {os.cpu_count()} CPUs, load {load:.2f}", flush=True
    )
    if load > (os.cpu_count() or 1) * 0.5:
        print("  warning: the machine is busy; wall-clock figures will be pessimistic", flush=True)

    rows: list[dict] = []
    failed_modules: list[str] = []
    for name in names:
        short = _short(name)
        print(f"- {short} ...", flush=True)
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{name}")
            figures = _flatten(module.run())
            targets = dict(getattr(module, "TARGETS", {}) or {})
            floors = dict(getattr(module, "MIN_TARGETS", {}) or {})
        except Exception:
            traceback.print_exc()
            failed_modules.append(short)
            continue
        print(f"  ({time.perf_counter() - started:.0f} s)", flush=True)
        for figure, value in figures.items():
            target, floor = targets.get(figure), floors.get(figure)
            if floor is not None:
                ok: bool | None = bool(value >= floor)
            else:
                ok = None if target is None else bool(value <= target)
            row = {"figure": f"{short}.{figure}", "value": value, "target": target, "pass": ok}
            if floor is not None:
                row["floor"] = floor
            rows.append(row)

    width = max([len(r["figure"]) for r in rows] + [6])
    print()
    print(f"{'figure':{width}}  {'value':>12}  {'target':>10}  result")
    for r in rows:
        verdict = {True: "pass", False: "FAIL", None: ""}[r["pass"]]
        target = f"≤ {_fmt(r['target'])}" if r["target"] is not None else ""
        if r.get("floor") is not None:
            target = f"≥ {_fmt(r['floor'])}"
        print(f"{r['figure']:{width}}  {_fmt(r['value']):>12}  {target:>10}  {verdict}")
    for short in failed_modules:
        print(f"{short + '.*':{width}}  {'error':>12}  {'':>10}  FAIL")

    ratios = [r for r in rows if "vs_baseline" in r["figure"] or r["figure"].endswith("ratio")]
    if ratios:
        print(f"\nagainst bare Whoosh (or a bare Textual app), measured in this run (N={n:,}):")
        for r in ratios:
            print(f"  {r['figure']:{width}}  {r['value']:6.2f}x")

    report = {
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "commit": _git_commit(),
        "n": n,
        "load": load,
        "figures": rows,
        "errors": failed_modules,
    }
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / "results.json").write_text(json.dumps(report, indent=2))
    with open(DATA / "history.jsonl", "a", encoding="utf-8") as history:
        history.write(json.dumps(report) + "\n")
    print(f"\nwritten {DATA / 'results.json'}")
    missed = [r for r in rows if r["pass"] is False]
    return 1 if missed or failed_modules else 0


if __name__ == "__main__":
    sys.exit(main())
