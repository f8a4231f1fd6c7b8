"""Index build and refresh: dossier against a bare single-process Whoosh index.

Figures (N articles, default 10,000; each measurement in a fresh process so memory and
imports do not leak between them):

- ``baseline_build_s``: a bare Whoosh index of the same files, one process, plain schema
  (stemmed stored body, stored title, unique id). The yardstick, no target.
- ``build_s``: ``Corpus.open([folder], cache_dir=..., rebuild=True)``; target 25 s at 10,000.
- ``refresh_s``: one file changed, ``Corpus.open`` again in a new process (median of 3
  different files); target 1 s.
- ``open_s``: ``Corpus.open`` with nothing changed (the cost every command pays).
- ``build_vs_baseline``: build_s / baseline_build_s; target 0.83 (25 s against the issue's
  "about 30 s" bare build), the same target judged on whatever machine runs it.
- ``build_cpu_s``: CPU seconds of the build, all processes (with 2 cores, wall >= cpu / 2).
- ``peak_rss_mb``, ``children_peak_rss_mb``: peak resident memory of the build process and
  of its largest worker, from ``resource.getrusage``.
- ``peak_tree_mb``: the peak of the summed resident memory of the build and all its workers
  (sampled from /proc); target 1.5 GB (issue 15, at 50,000); ``baseline_peak_tree_mb`` beside
  it, and ``peak_tree_vs_baseline``. A page that forked processes share is counted in each.
- ``peak_pss_mb``: the peak of the summed proportional set size of the same processes
  (``/proc/PID/smaps_rollup``: a page shared by k processes counts 1/k in each), the memory
  the build really holds; ``baseline_peak_pss_mb`` and ``peak_pss_vs_baseline`` (issue 15:
  "without holding 2.5x the memory of a bare build"; target 2.5). Each process' share at the
  peak is printed.
- ``baseline_refresh_s``: a bare Whoosh process updating one document and committing;
  ``refresh_vs_baseline``: ``refresh_s`` against it.
- ``add_100_s``: 100 new files in a new folder, then ``Corpus.open``; target 1.5 s.
- ``refresh_cpu_s``, ``add_100_cpu_s``, ``baseline_refresh_cpu_s``: the same in CPU seconds
  of the process and its workers, imports included, which a busy machine disturbs less.

Run alone: ``python -m bench.bench_index`` (``DOSSIER_BENCH_N=1000`` for a quick one).
``DOSSIER_BENCH_REUSE_INDEX=1`` keeps the indexes an earlier run built (a 50,000-article
build takes most of an hour on a busy machine) and measures only open, refresh and add:
the build figures are then left out, not reported from the earlier run.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import DATA, ROOT, as_installed, peak_rss_mb, size


def targets(n: int | None = None) -> dict[str, float]:
    """Issue 15's targets (stated at 50,000 articles; memory scaled from there).

    ``build_vs_baseline`` <= 1.0: at least bare Whoosh's docs/s with ingest and entities.
    """
    n = size() if n is None else n
    return {
        "build_vs_baseline": 1.0,
        "refresh_s": 0.5,
        "add_100_s": 1.5,
        "peak_tree_mb": 1536 * max(1.0, n / 50_000),
        "peak_pss_vs_baseline": 2.5,
    }


TARGETS = targets()

# --------------------------------------------------------------------------- baseline


def baseline_schema():
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(stored=True),
        body=TEXT(analyzer=StemmingAnalyzer(), stored=True),
    )


def build_baseline(folder: Path, index_dir: Path, titles: dict[str, str] | None = None) -> int:
    """A bare Whoosh index of every .txt under ``folder``: one process, one writer.

    ``titles`` maps a path relative to ``folder`` to its title (from the generator's
    manifest); without it the first non-empty line is the title. Returns the file count.
    """
    from whoosh import index

    shutil.rmtree(index_dir, ignore_errors=True)
    index_dir.mkdir(parents=True)
    ix = index.create_in(str(index_dir), baseline_schema())
    writer = ix.writer()
    count = 0
    for path in sorted(folder.rglob("*.txt")):
        rel = path.relative_to(folder).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        title = (titles or {}).get(rel) or next((s for s in text.splitlines() if s.strip()), "")
        writer.add_document(id=rel, title=title, body=text)
        count += 1
    writer.commit()
    return count


def _titles(n: int) -> dict[str, str]:
    from bench.generate import manifest

    return {r["path"]: r["title"] for r in manifest(n)}


def baseline_index(n: int | None = None) -> Path:
    """The bare Whoosh index of ``corpus(n)``, built if missing (for the search baseline)."""
    from bench.generate import corpus

    n = size() if n is None else n
    folder = corpus(n)
    index_dir = DATA / f"whoosh-{n}"
    stamp = index_dir / "bench.stamp"
    want = (DATA / f"corpus-{n}.stamp").read_text()
    if not (stamp.exists() and stamp.read_text() == want):
        build_baseline(folder, index_dir, _titles(n))
        stamp.write_text(want)
    return index_dir


# --------------------------------------------------------------------------- child processes
# `python -m bench.bench_index --child KIND ARGS...` prints one JSON object.


def _child(kind: str, *args: str) -> dict:
    import time

    if kind == "baseline":
        n, index_dir = int(args[0]), Path(args[1])
        from bench.generate import corpus

        folder, titles = corpus(n), _titles(n)
        import whoosh.index  # noqa: F401  (imports are not what we time)

        start = time.perf_counter()
        count = build_baseline(folder, index_dir, titles)
        seconds = time.perf_counter() - start
        stamp = (DATA / f"corpus-{n}.stamp").read_text()
        (index_dir / "bench.stamp").write_text(stamp)
        return {"seconds": seconds, "count": count, **_rss()}
    if kind == "baseline_update":
        index_dir, path, rel = Path(args[0]), Path(args[1]), args[2]
        from whoosh import index

        start = time.perf_counter()
        ix = index.open_dir(str(index_dir))
        writer = ix.writer()
        text = path.read_text(encoding="utf-8")
        title = next((s for s in text.splitlines() if s.strip()), "")
        writer.update_document(id=rel, title=title, body=text)
        writer.commit()
        return {"seconds": time.perf_counter() - start, **_rss()}
    if kind in ("build", "open"):
        folder, cache = Path(args[0]), Path(args[1])
        from search.corpus import Corpus

        start = time.perf_counter()
        corpus = Corpus.open([folder], cache_dir=cache, rebuild=kind == "build")
        seconds = time.perf_counter() - start
        spent = _rss()  # before reading every article back, which is not the open's work
        return {
            "seconds": seconds,
            "articles": len(corpus),
            "skipped": len(corpus.skipped),
            "notices": list(corpus.notices),
            **spent,
        }
    raise SystemExit(f"unknown child kind {kind!r}")


def _rss() -> dict:
    import resource

    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return {
        "rss_mb": peak_rss_mb(),
        "children_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
        "cpu_s": own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime,
    }


_ENV: dict[str, str] = {}


def _child_env() -> dict[str, str]:
    """As installed (our modules' bytecode on disk, see :func:`bench.as_installed`): a
    refresh imports ingest and entities, which a shell with ``PYTHONDONTWRITEBYTECODE``
    would otherwise compile again in every timed child."""
    if not _ENV:
        _ENV.update(as_installed(dict(os.environ, PYTHONHASHSEED="0")))
    return _ENV


def run_child(kind: str, *args: object, timeout: float = 3600, sample_tree: bool = False) -> dict:
    """Run ``--child KIND ARGS`` in a fresh process; with ``sample_tree``, also the peaks of
    the summed memory of it and its workers: resident (``tree_mb``) and proportional
    (``tree_pss_mb``), and each process' share at the PSS peak (``at_pss_peak``)."""
    from bench import tree_memory

    env = _child_env()
    cmd = [sys.executable, "-m", "bench.bench_index", "--child", kind, *map(str, args)]
    if sample_tree:
        found = tree_memory(cmd, cwd=ROOT, env=env)
        if found.code != 0:
            raise RuntimeError(f"bench child {kind} failed ({found.code})")
        return {
            **json.loads(found.stdout.strip().splitlines()[-1]),
            "tree_mb": found.rss_mb,
            "tree_pss_mb": found.pss_mb,
            "at_pss_peak": found.at_pss_peak,
        }
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"bench child {kind} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- dossier


def dossier_cache(n: int | None = None) -> Path:
    """The cache dir holding dossier's index of ``corpus(n)`` (shared with bench_search)."""
    return DATA / f"cache-{size() if n is None else n}"


def _touch_article(path: Path, k: int) -> str:
    """Change one article the way an editor would: a sentence added; returns the original."""
    original = path.read_text(encoding="utf-8")
    extra = f"\n\nEditor's note {k}: this article was updated after publication.\n"
    path.write_text(original.rstrip("\n") + extra, encoding="utf-8")
    return original


def run() -> dict[str, float]:
    from bench.generate import corpus

    n = size()
    folder = corpus(n)
    figures: dict[str, float] = {}
    cache = dossier_cache(n)
    if os.environ.get("DOSSIER_BENCH_REUSE_INDEX") == "1" and cache.exists():
        print("  (DOSSIER_BENCH_REUSE_INDEX: reusing the built indexes; no build figures)")
        run_child("open", folder, cache)  # in step with the files, not timed
    else:
        figures.update(_build(n, folder, cache))
    figures.update(_refresh(n, folder, cache))
    return figures


def _build(n: int, folder: Path, cache: Path) -> dict[str, float]:
    """Bare Whoosh's build and dossier's, each in a fresh process."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        base = run_child("baseline", n, Path(tmp) / "whoosh", sample_tree=True)
        # keep it for bench_search (saves rebuilding it there)
        target = DATA / f"whoosh-{n}"
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(Path(tmp) / "whoosh"), target)
    figures["baseline_build_s"] = base["seconds"]
    figures["baseline_build_cpu_s"] = base["cpu_s"]
    figures["baseline_peak_rss_mb"] = base["rss_mb"]
    figures["baseline_peak_tree_mb"] = base["tree_mb"]
    figures["baseline_peak_pss_mb"] = base["tree_pss_mb"]

    try:
        import search.corpus  # noqa: F401
    except ImportError:
        print("  (search.corpus not importable yet: dossier figures skipped)", file=sys.stderr)
        return figures

    shutil.rmtree(cache, ignore_errors=True)
    build = run_child("build", folder, cache, sample_tree=True)
    figures["build_s"] = build["seconds"]
    figures["build_cpu_s"] = build["cpu_s"]  # all processes, imports included
    figures["build_vs_baseline"] = build["seconds"] / base["seconds"]
    figures["build_cpu_vs_baseline"] = build["cpu_s"] / base["cpu_s"]
    figures["docs_per_s"] = n / build["seconds"]
    figures["baseline_docs_per_s"] = n / base["seconds"]
    figures["peak_rss_mb"] = build["rss_mb"]
    figures["children_peak_rss_mb"] = build["children_rss_mb"]
    figures["peak_tree_mb"] = build["tree_mb"]
    figures["peak_tree_vs_baseline"] = build["tree_mb"] / base["tree_mb"]
    figures["peak_pss_mb"] = build["tree_pss_mb"]
    figures["peak_pss_vs_baseline"] = build["tree_pss_mb"] / base["tree_pss_mb"]
    shares = ", ".join(f"{who} {mb:.0f}" for who, mb in build["at_pss_peak"])
    print(f"  build's PSS at its peak, MB a process: {shares}", file=sys.stderr)
    if build["articles"] != n:
        print(f"  note: dossier indexed {build['articles']} of {n} files", file=sys.stderr)
    for notice in build["notices"]:
        print(f"  notice: {notice}", file=sys.stderr)
    return figures


def _refresh(n: int, folder: Path, cache: Path) -> dict[str, float]:
    """Open with nothing changed, one file edited, 100 added: each in a fresh process."""
    from bench.generate import manifest

    figures: dict[str, float] = {}
    figures["open_s"] = statistics.median(
        run_child("open", folder, cache)["seconds"] for _ in range(3)
    )

    records = manifest(n)
    refreshes = []
    for k, record in enumerate(records[n // 3 :: max(1, n // 3)][:3]):
        path = folder / record["path"]
        original = _touch_article(path, k)
        try:
            refreshes.append(run_child("open", folder, cache))
        finally:
            path.write_text(original, encoding="utf-8")
    figures["refresh_s"] = statistics.median(r["seconds"] for r in refreshes)
    figures["refresh_cpu_s"] = statistics.median(r["cpu_s"] for r in refreshes)
    record = records[n // 2]
    path = folder / record["path"]
    original = _touch_article(path, 9)
    try:
        base = run_child("baseline_update", DATA / f"whoosh-{n}", path, record["path"])
        figures["baseline_refresh_s"] = base["seconds"]
        figures["baseline_refresh_cpu_s"] = base["cpu_s"]
    finally:
        path.write_text(original, encoding="utf-8")
    figures["refresh_vs_baseline"] = figures["refresh_s"] / figures["baseline_refresh_s"]

    added = folder / "zz-bench-added"
    shutil.rmtree(added, ignore_errors=True)
    try:
        added.mkdir()
        for k, record in enumerate(records[:100]):
            text = (folder / record["path"]).read_text(encoding="utf-8")
            (added / f"added-{k:03d}.txt").write_text(f"Added story {k}\n\n{text}", "utf-8")
        added_100 = run_child("open", folder, cache)
        figures["add_100_s"] = added_100["seconds"]
        figures["add_100_cpu_s"] = added_100["cpu_s"]
    finally:
        shutil.rmtree(added, ignore_errors=True)
    # leave the index in step with the restored files for bench_search
    run_child("open", folder, cache)
    return figures


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2], *sys.argv[3:])))
    else:
        for name, value in run().items():
            print(f"{name:24} {value:10.3f}")
