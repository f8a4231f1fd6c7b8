"""``dossier search`` as a whole process, against a bare Python + Whoosh process.

On the N-article corpus (``bench.size()``, 10,000 by default, 50,000 with ``--large``) with
warm indexes (dossier's kept in ``bench/.data/cache-N`` through a config file in a temp
XDG dir; the bare one from ``bench_index.baseline_index``), the same query, runs
interleaved; medians of 15 runs each:

- ``dossier_ms``: ``dossier search QUERY`` (output piped, so plain text).
- ``bare_ms``: ``python -c "from whoosh import index; ix = index.open_dir(D); s = ix.searcher();
  s.search(...)"`` on a bare Whoosh index of the same files.
- ``ratio``: dossier_ms / bare_ms; target 1.2.
- ``python_ms``: ``python -c pass``, the floor both pay.
- ``dossier_cpu_ms``, ``bare_cpu_ms``, ``cpu_ratio``: the same by CPU time (user + sys), which
  other load on the machine disturbs much less than wall time.

Uses the installed ``dossier`` beside the running interpreter (``.venv/bin/dossier``); if it is
missing, an equivalent ``python -c "from tui.cli import main; ..."``. Run alone:
``python -m bench.bench_cli``.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import ROOT, as_installed

TARGETS = {"ratio": 1.2}
QUERY = "oil prices"
RUNS = 15

BARE = (
    "import sys\n"
    "from whoosh import index\n"
    "from whoosh.qparser import QueryParser\n"
    "ix = index.open_dir(sys.argv[1])\n"
    "s = ix.searcher()\n"
    "r = s.search(QueryParser('body', ix.schema).parse(sys.argv[2]), limit=10)\n"
    "print(len(r), [h['title'] for h in r])\n"
)


def dossier_command() -> list[str]:
    script = Path(sys.executable).with_name("dossier")
    if script.exists():
        return [str(script)]
    print(
        f"  note: {script} not installed; using python -c 'from tui.cli import main'",
        file=sys.stderr,
    )
    return [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())"]


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOSSIER_", "XDG_"))}
    for name in ("CACHE", "CONFIG", "DATA", "STATE"):
        env[f"XDG_{name}_HOME"] = str(tmp / name.lower())
    # the fallback (no installed script) imports tui/ and search/ from the checkout
    env["PYTHONPATH"] = str(ROOT)
    return as_installed(env)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU milliseconds of one process (CPU is steadier on a busy machine)."""
    cpu, start = _cpu(), time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=cwd)
    ms = (time.perf_counter() - start) * 1000
    cpu_ms = (_cpu() - cpu) * 1000
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd[:3])} failed ({proc.returncode}):\n{proc.stderr[-2000:]}"
        )
    return ms, cpu_ms


def run() -> dict[str, float]:
    from bench import size
    from bench.bench_index import baseline_index, dossier_cache
    from bench.generate import corpus

    n = size()
    folder = corpus(n)
    bare_index = baseline_index(n)
    with tempfile.TemporaryDirectory(prefix="dossier-bench-cli-") as tmp_name:
        tmp = Path(tmp_name)
        env = _env(tmp)  # and run from tmp, a neutral directory
        config = tmp / "config" / "dossier" / "config.toml"
        config.parent.mkdir(parents=True)
        config.write_text(f"index_dir = {json.dumps(str(dossier_cache(n)))}\n", "utf-8")

        dossier = [*dossier_command(), "--corpus", str(folder), "search", QUERY]
        bare = [sys.executable, "-c", BARE, str(bare_index), QUERY]
        floor = [sys.executable, "-c", "pass"]
        built = subprocess.run(
            [*dossier_command(), "--corpus", str(folder), "index"],
            env=env,
            capture_output=True,
            cwd=tmp,
        )
        if built.returncode != 0:
            raise RuntimeError(f"dossier index failed:\n{built.stderr[-2000:]}")
        for _ in range(2):  # warm the index, the page cache and the .pyc files
            _run(dossier, env, tmp)
            _run(bare, env, tmp)
        times: dict[str, list[tuple[float, float]]] = {"dossier": [], "bare": [], "python": []}
        for _ in range(RUNS):
            times["dossier"].append(_run(dossier, env, tmp))
            times["bare"].append(_run(bare, env, tmp))
            times["python"].append(_run(floor, env, tmp))

    wall = {name: statistics.median(w for w, _ in values) for name, values in times.items()}
    cpu = {name: statistics.median(c for _, c in values) for name, values in times.items()}
    return {
        "dossier_ms": wall["dossier"],
        "bare_ms": wall["bare"],
        "ratio": wall["dossier"] / wall["bare"],
        "python_ms": wall["python"],
        "dossier_cpu_ms": cpu["dossier"],
        "bare_cpu_ms": cpu["bare"],
        "cpu_ratio": cpu["dossier"] / cpu["bare"],
    }


def import_profile(top: int = 15) -> str:
    """The slowest imports of ``dossier search`` (python -X importtime), for diagnosis."""
    with tempfile.TemporaryDirectory(prefix="dossier-bench-cli-") as tmp_name:
        env = _env(Path(tmp_name))
        code = "import sys; from tui.cli import main; sys.exit(main())"
        subprocess.run(
            [sys.executable, "-c", code, "search", QUERY], env=env, capture_output=True, cwd=ROOT
        )
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code, "search", QUERY],
            env=env,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
    rows = []
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            parts = [p.strip() for p in line[len("import time:") :].split("|")]
            if parts[0].isdigit():
                rows.append((int(parts[1]), int(parts[0]), parts[2]))
    rows.sort(reverse=True)
    return "\n".join(
        f"{cum / 1000:8.1f} ms cumulative {own / 1000:7.1f} ms own  {name}"
        for cum, own, name in rows[:top]
    )


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name:24} {value:10.3f}")
    if "-v" in sys.argv:
        print(import_profile())
