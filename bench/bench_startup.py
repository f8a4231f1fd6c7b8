"""Start-up: time to the first screen with articles listed, against a bare Textual Input app.

How it is measured
------------------
Both programs run in the same kind of pseudo-terminal (``os.openpty``, 80x24,
TERM=xterm-256color), started by the same Python interpreter. The clock starts just
before the process is spawned and stops when the bytes the program has written to the
terminal, with escape sequences stripped, first contain a marker:

- ``dossier`` (the real entry point, ``tui.cli.main`` with no command, on the bundled
  corpus or ``--corpus`` folders given here): the title of the newest article, i.e. the
  first frame in which the article list is drawn (not merely the empty shell);
- the bare app: a Textual ``App`` whose only widget is an ``Input`` with a placeholder,
  timed to the frame that draws the placeholder.

The index is warm (built once before timing, in a private XDG cache dir), as it is for a
user's second and later runs; so is the explorer's article-list cache (tui/catalog.py), which
the untimed warm-up run writes. Also reported: the CPU time each process has used when its
marker appears (from /proc), which a busy machine disturbs less than wall-clock time. Each program is run ``runs`` times, alternating, after one
untimed warm-up of each (so both see a warm OS file cache); the medians are compared.
Target (issue 4): dossier / bare <= 1.3.

Run alone: ``python -m bench.bench_startup [--runs N] [--corpus DIR ...]``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import REPO, as_installed, spawn_in_pty, xdg_of

TARGET = 1.3
#: For ``python -m bench``: figure -> upper bound (median wall-clock ratio to the bare app).
TARGETS = {"ratio": TARGET}
SIZE = (80, 24)

BARE_APP = """
from textual.app import App
from textual.widgets import Input

class Bare(App):
    def compose(self):
        yield Input(placeholder="bare input ready")

Bare().run()
"""
BARE_MARKER = "bare input ready"

DOSSIER = "import sys; from tui.cli import main; sys.exit(main())"

_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[()][A-Za-z0-9]|\x1b[=>78cM]"
)


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) the process has used so far; None where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def time_to_marker(
    argv: list[str], marker: str, env: dict[str, str], timeout: float = 30.0
) -> tuple[float, float | None]:
    """(wall, cpu) seconds from spawn until ``marker`` is on the pseudo-terminal's output."""
    needle = marker.encode("utf-8")
    seen = b""
    started = time.perf_counter()
    master, proc = spawn_in_pty(argv, env, *SIZE)
    try:
        while True:
            left = timeout - (time.perf_counter() - started)
            if left <= 0:
                raise TimeoutError(f"{marker!r} never appeared from {argv[:3]}")
            ready, _, _ = select.select([master], [], [], min(left, 0.5))
            if not ready:
                if proc.poll() is not None:
                    raise RuntimeError(f"{argv[:3]} exited ({proc.returncode}) before {marker!r}")
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                raise RuntimeError(f"{argv[:3]} closed the terminal before {marker!r}") from None
            seen += chunk
            if needle in _ESCAPES.sub(b"", seen):
                return time.perf_counter() - started, cpu_seconds(proc.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        _drain(master)
        os.close(master)


def _drain(fd: int) -> None:
    while True:
        ready, _, _ = select.select([fd], [], [], 0)
        if not ready:
            return
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def run(runs: int = 7, folders: list[Path] | None = None) -> dict:
    """Time both programs ``runs`` times; return medians, spreads and the ratio."""
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(SIZE[0]),
            "LINES": str(SIZE[1]),
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
            "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
            "XDG_DATA_HOME": str(Path(tmp) / "data"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        }
        env.pop("NO_COLOR", None)
        env.pop("TEXTUAL", None)
        env = as_installed(env)
        # Warm the index in the private cache, and learn what the first screen must show.
        with xdg_of(env):
            from search.corpus import Corpus, default_folders

            folders = list(folders) if folders else default_folders()
            corpus = Corpus.open(folders)
            if not corpus.articles:
                raise SystemExit("the corpus has no articles; nothing would be listed")
            marker = corpus.articles[0].title[:24]
            corpus.close()

        dossier = [sys.executable, "-c", DOSSIER, *sum((["--corpus", str(f)] for f in folders), [])]
        bare = [sys.executable, "-c", BARE_APP]
        time_to_marker(dossier, marker, env)  # warm-ups, untimed
        time_to_marker(bare, BARE_MARKER, env)
        wall: dict[str, list[float]] = {"dossier": [], "bare": []}
        cpu: dict[str, list[float]] = {"dossier": [], "bare": []}
        for _ in range(runs):
            for name, argv, mark in (("bare", bare, BARE_MARKER), ("dossier", dossier, marker)):
                w, c = time_to_marker(argv, mark, env)
                wall[name].append(w)
                if c is not None:
                    cpu[name].append(c)

    def ms(values: list[float]) -> dict:
        return {
            "median": round(statistics.median(values) * 1000, 1),
            "min": round(min(values) * 1000, 1),
            "max": round(max(values) * 1000, 1),
        }

    ratio = statistics.median(wall["dossier"]) / statistics.median(wall["bare"])
    out = {
        "bench": "startup",
        "terminal": f"pty {SIZE[0]}x{SIZE[1]}",
        "runs": runs,
        "articles_marker": marker,
        "load_average": round(os.getloadavg()[0], 2),
        "dossier_ms": ms(wall["dossier"]),
        "bare_input_ms": ms(wall["bare"]),
        "ratio": round(ratio, 3),
        "ratio_of_minimums": round(min(wall["dossier"]) / min(wall["bare"]), 3),
        "ok": ratio <= TARGET,
    }
    if cpu["dossier"] and cpu["bare"]:
        # CPU used until the first frame: steadier than wall time on a busy machine.
        out["dossier_cpu_ms"] = ms(cpu["dossier"])
        out["bare_input_cpu_ms"] = ms(cpu["bare"])
        out["cpu_ratio"] = round(
            statistics.median(cpu["dossier"]) / statistics.median(cpu["bare"]), 3
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--corpus", action="append", type=Path, help="folder (default: bundled corpus)"
    )
    args = parser.parse_args(argv)
    result = run(args.runs, args.corpus)
    print(json.dumps(result, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
