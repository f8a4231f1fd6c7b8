"""The explorer at scale (issue 15): first frame, keystroke echo and results while it starts.

How it is measured
------------------
The real ``dossier`` explorer runs in a pseudo-terminal (``os.openpty``, 100x30,
TERM=xterm-256color) on the generated N-article corpus (``bench/generate.py``) with its
index built and its article list saved by an untimed first launch, as on a user's second
and later runs. Everything the program writes to the terminal goes through a small
terminal emulator (:class:`Screen`: cursor moves and text; Textual draws by absolute
cursor positioning), so each figure is read off the screen as a user would see it, the
moment the bytes arrive:

- ``first_frame_s``: spawn to the first screen that shows the newest article's title;
- while launching: one second after the spawn (whether or not anything is drawn yet) a
  query is typed a key at a time, 60-200 ms apart (a seeded rhythm: some pauses outlast
  the debounce, most do not). ``echo_p50_ms``/``echo_p95_ms``: from writing a key to the
  query box showing it (a space shows only with the next key, so spaces are not timed);
  ``results_p50_ms``/``results_p95_ms``: from the last key to the list showing that query's
  hits (the status line's exact count and the best hit's title, as the engine gives them
  in this process); ``facets_after_last_key_ms``: to the facet pane showing its sources;
- ``steady_*``: the same for a second query typed once the index is open and the first
  query's facets are shown (after ctrl+u clears the box and the list is back);
- ``search_p50_ms``/``search_p95_ms``: in this process, ``Corpus.search`` as the search pane
  calls it (50 hits with snippets) on bench_search's 150-query mix, after a warm-up set;
  ``facets_p50_ms``/``facets_p95_ms``: the explorer's whole path, that search and then the
  query's facets (``Corpus.facets``), as the pane asks for them once the hits are shown;
  ``facets_p95_vs_search`` the ratio (issue 15: within 1.5x); ``facets_true_*``: both in
  one call, ``search(..., facets=True)`` (the API; no screen asks for it). A thread is
  parked beside, as the explorer's UI thread always is.

The corpus, its index and saved list live in ``bench/.data/explorer-N/`` (XDG dirs of their
own), built on the first run. Each launch is timed ``runs`` times (default 5); the medians
and the spread are reported with the load average, as wall time on a busy 2-core machine
is pessimistic.

Run alone: ``python -m bench.bench_explorer [--runs N] [-v]`` (N from ``DOSSIER_BENCH_N``,
default 10,000; ``python -m bench --large --only explorer`` for 50,000).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import json
import os
import random
import re
import select
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench import DATA, REPO, as_installed, percentile, size, spawn_in_pty, xdg_of

SIZE = (100, 30)
#: Seconds after the spawn when the first query starts being typed.
TYPE_AT = 1.0
#: Queries typed, one pair (launching, steady) a run, rotating.
QUERIES = (
    ("oil prices", "sanctions"),
    ("trade talks", "election"),
    ("minister", "nuclear deal"),
)
PLACEHOLDER = "Search articles"
DOSSIER = "import sys; from tui.cli import main; sys.exit(main())"

#: For ``python -m bench``: figure -> upper bound (issue 15's targets, at 50,000 articles).
TARGETS = {
    "first_frame_s": 1.0,
    "echo_p95_ms": 100.0,
    "results_p95_ms": 300.0,
    "search_p95_ms": 120.0,
    "facets_p95_ms": 200.0,
    "facets_p95_vs_search": 1.5,
}

_TOKEN = re.compile(
    r"\x1b\[(?P<params>[0-?]*)[ -/]*(?P<final>[@-~])"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS
    r"|\x1b[()][A-Za-z0-9]|\x1b[=>78cMDE]"
    r"|(?P<text>[^\x1b]+)"
)
#: Border and cursor cells around the query box's value.
_FRAME = "▊▎▍▌▋█│┃▏▕ "


class Screen:
    """The cells of a terminal, from the bytes a program writes: cursor moves (CUP, CR,
    LF), erases (ED, EL) and text; styles and modes are skipped. Enough for Textual,
    which positions the cursor before every run of cells it draws."""

    def __init__(self, width: int, height: int) -> None:
        from rich.cells import cell_len

        self._width_of = cell_len
        self.width, self.height = width, height
        self.cells = [[" "] * width for _ in range(height)]
        self.x = self.y = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._pending = ""

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        self._pending = ""
        pos = 0
        for m in _TOKEN.finditer(text):
            if m.start() != pos:  # an escape that is not complete yet (or unknown)
                rest = text[pos:]
                if len(rest) < 64 and "\x1b" in rest[:1]:
                    self._pending = rest
                    return
            pos = m.end()
            if m.group("text") is not None:
                self._write(m.group("text"))
            elif m.group("final") is not None:
                self._csi(m.group("params"), m.group("final"))
        tail = text[pos:]
        if tail.startswith("\x1b"):
            self._pending = tail

    def _csi(self, params: str, final: str) -> None:
        if params.startswith("?") or params.startswith(">") or params.startswith("<"):
            return  # private modes
        args = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []
        if final in "Hf":
            row = (args[0] if args and args[0] else 1) - 1
            col = (args[1] if len(args) > 1 and args[1] else 1) - 1
            self.y, self.x = min(max(row, 0), self.height - 1), min(max(col, 0), self.width)
        elif final == "J" and (args[:1] == [2] or args[:1] == [3]):
            self.cells = [[" "] * self.width for _ in range(self.height)]
        elif final == "J":
            self._erase_line(self.x)
            for row in self.cells[self.y + 1 :]:
                row[:] = [" "] * self.width
        elif final == "K":
            self._erase_line(self.x if not args or args[0] == 0 else 0)
        elif final == "A":
            self.y = max(0, self.y - (args[0] if args and args[0] else 1))

    def _erase_line(self, start: int) -> None:
        row = self.cells[self.y]
        row[start:] = [" "] * (self.width - start)

    def _write(self, text: str) -> None:
        for ch in text:
            if ch == "\r":
                self.x = 0
            elif ch == "\n":
                self.y = min(self.y + 1, self.height - 1)
            elif ch < " " or ch == "\x7f":
                continue
            else:
                cells = self._width_of(ch)
                if cells == 0 or self.x + cells > self.width:
                    continue
                row = self.cells[self.y]
                row[self.x] = ch
                if cells == 2:
                    row[self.x + 1] = ""
                self.x += cells

    def line(self, y: int) -> str:
        return "".join(self.cells[y])

    def text(self) -> str:
        return "\n".join(self.line(y) for y in range(self.height))

    def find(self, needle: str) -> int | None:
        """The first row that shows ``needle``."""
        return next((y for y in range(self.height) if needle in self.line(y)), None)


class Session:
    """The explorer running in a pseudo-terminal; :meth:`until` reads what it draws."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.screen = Screen(*SIZE)
        #: When each key written by :meth:`until` went out (perf_counter).
        self.sent: list[float] = []
        self.started = time.perf_counter()
        self.master, self.proc = spawn_in_pty(argv, env, *SIZE)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def send(self, keys: str) -> float:
        """Write ``keys``; the time just before (the write may wake the explorer and let
        it draw before this process runs again)."""
        at = time.perf_counter()
        os.write(self.master, keys.encode("utf-8"))
        return at

    def until(
        self,
        done: Callable[[Screen], bool],
        timeout: float,
        *,
        keys: list[tuple[float, str]] = (),
        seen: Callable[[Screen, float], None] | None = None,
    ) -> float:
        """Read the terminal until ``done(screen)``; the time (perf_counter) it became true.

        ``keys``: (when, text) to write meanwhile, ``when`` a perf_counter time, each
        recorded in :attr:`sent` as it goes out; ``seen`` is told of every state of the
        screen as it arrives.
        """
        deadline = time.perf_counter() + timeout
        keys = list(keys)
        while True:
            now = time.perf_counter()
            while keys and keys[0][0] <= now:
                self.sent.append(self.send(keys.pop(0)[1]))
            if done(self.screen) and not keys:
                return now
            if now > deadline:
                tail = self.screen.text()
                raise TimeoutError(f"the explorer never showed what was awaited; screen:\n{tail}")
            wait = min(deadline - now, 0.25)
            if keys:
                wait = max(0.0, min(wait, keys[0][0] - now))
            ready, _, _ = select.select([self.master], [], [], wait)
            if not ready:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"the explorer exited ({self.proc.returncode}) early")
                continue
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError:
                raise RuntimeError("the explorer closed the terminal") from None
            arrived = time.perf_counter()
            self.screen.feed(chunk)
            if seen is not None:
                seen(self.screen, arrived)
            if done(self.screen) and not keys:
                return arrived

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.send("\x11")  # ctrl+q
        try:
            self.proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        with contextlib.suppress(OSError):
            os.close(self.master)


def query_value(screen: Screen, row: int) -> str:
    """What the query box shows (its placeholder counts as empty)."""
    line = screen.line(row)
    if PLACEHOLDER in line:
        return ""
    return line.strip(_FRAME)


class Expected:
    """What the list and the facets show for a query, from the engine in this process."""

    def __init__(self, corpus, query: str) -> None:
        from tui.screens.search import LIMIT

        result = corpus.search(query, limit=LIMIT, facets=True)
        if not result.hits:
            raise SystemExit(f"{query!r} matches nothing in the bench corpus; pick another")
        self.query = query
        self.count = re.compile(rf"(?<![\d,]){result.total} hits?\b")
        self.title = result.hits[0].title[:20]
        top = result.facets.sources[0]
        self.facet = f"{top.count:>4} {top.value}"[:18]

    def results(self, screen: Screen) -> bool:
        text = screen.text()
        return bool(self.count.search(text)) and self.title in text

    def facets(self, screen: Screen) -> bool:
        return self.facet in screen.text()


def type_query(
    session: Session,
    row: int,
    expected: Expected,
    start: float,
    rng: random.Random,
    seen: Callable[[Screen, float], None] | None = None,
) -> dict:
    """Type ``expected.query`` from ``start``: when each key showed in the box, and when
    the query's hits and then its facets showed, after the last key."""
    text = expected.query
    when, keys = start, []
    for ch in text:
        keys.append((when, ch))
        when += rng.uniform(0.06, 0.2)
    first = len(session.sent)
    echoed: dict[int, float] = {}

    def look(screen: Screen, at: float) -> None:
        if seen is not None:
            seen(screen, at)
        value = query_value(screen, row)
        typed = len(session.sent) - first
        for k in range(1, min(len(value), typed) + 1):
            if k not in echoed and value[:k] == text[:k]:
                echoed[k] = at

    results_at = session.until(expected.results, 60.0, keys=keys, seen=look)
    facets_at = session.until(expected.facets, 60.0, seen=look)
    sent = session.sent[first:]
    echo = [
        (echoed[k] - sent[k - 1]) * 1000
        for k in range(1, len(text) + 1)
        if text[k - 1] != " " and k in echoed
    ]
    return {
        "echo_ms": echo,
        "results_ms": (results_at - sent[-1]) * 1000,
        "facets_ms": (facets_at - sent[-1]) * 1000,
        "start_s": sent[0] - session.started,
    }


def one_launch(argv, env, marker: str, row: int, pair, seed: int) -> dict:
    """One launch: a query typed from the first second, then, once it is all shown, a
    second one; and when the first frame with articles came (if it came before the hits)."""
    rng = random.Random(f"bench-explorer-{seed}")
    session = Session(argv, env)
    framed: list[float] = []

    def first_frame(screen: Screen, at: float) -> None:
        if not framed and marker in screen.text():
            framed.append(at - session.started)

    try:
        launching = type_query(
            session, row, pair[0], session.started + TYPE_AT, rng, seen=first_frame
        )
        session.send("\x15")  # ctrl+u: the box empties, the list of every article is back
        session.until(lambda s: marker in s.text() and PLACEHOLDER in s.text(), 60.0)
        steady = type_query(session, row, pair[1], time.perf_counter() + 0.3, rng)
    finally:
        session.close()
    # Never listed before the hits came: the first frame with articles is no earlier.
    first = framed[0] if framed else launching["start_s"] + launching["results_ms"] / 1000
    return {"first_frame_s": first, "launching": launching, "steady": steady}


def first_screen(argv, env, marker: str) -> int:
    """A launch that waits for the list and the index (untimed: it saves the article list
    for the later launches); the query box's row."""
    session = Session(argv, env)
    try:
        session.until(lambda s: marker in s.text() and s.find(PLACEHOLDER) is not None, 300.0)
        row = session.screen.find(PLACEHOLDER)
        # The facets are counted once the index is open: the list is saved by then.
        session.until(lambda s: "Source" in s.text(), 300.0)
    finally:
        session.close()
    return row


def _environment(n: int) -> tuple[dict[str, str], Path]:
    home = DATA / f"explorer-{n}"
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": str(SIZE[0]),
        "LINES": str(SIZE[1]),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    for name in ("NO_COLOR", "TEXTUAL", "DOSSIER_CORPUS", "DOSSIER_CONFIG"):
        env.pop(name, None)
    return as_installed(env), home


def _open_corpus(folder: Path, env: dict[str, str]):
    """The corpus as the explorer opens it, built first if need be (untimed)."""
    with xdg_of(env):
        from search.config import cache_dir
        from search.corpus import Corpus

        return Corpus.open([folder], cache_dir=cache_dir())


def in_process(corpus) -> dict[str, float]:
    """Search latency as the search pane asks: its hits alone (``search``); its hits and
    then their facets (``facets``: ``Corpus.search`` then ``Corpus.facets``, as the pane
    does); and both in one call (``facets_true``: ``search(..., facets=True)``, the API,
    no user's path). With a thread parked beside, as the explorer's UI thread always is:
    the engine gives up the GIL in long loops only when another thread may want it."""
    import threading

    from bench.bench_search import _time, queries
    from tui.screens.search import LIMIT

    def hits(q: str) -> None:
        corpus.search(q, limit=LIMIT)

    def hits_then_facets(q: str) -> None:
        corpus.search(q, limit=LIMIT)
        corpus.facets(q)

    def in_one_call(q: str) -> None:
        corpus.search(q, limit=LIMIT, facets=True)

    warmup, mix = queries(20, seed=1), queries(150, seed=7)
    figures: dict[str, float] = {}
    parked = threading.Event()
    ui = threading.Thread(target=parked.wait, name="bench-ui", daemon=True)
    ui.start()
    try:
        for name, ask in (
            ("search", hits),
            ("facets", hits_then_facets),
            ("facets_true", in_one_call),
        ):
            _time(ask, warmup)
            t = _time(ask, mix, budget_s=120.0)
            figures[f"{name}_p50_ms"] = percentile(t.wall, 50)
            figures[f"{name}_p95_ms"] = percentile(t.wall, 95)
            figures[f"{name}_cpu_p95_ms"] = percentile(t.cpu, 95)
    finally:
        parked.set()
    figures["facets_p95_vs_search"] = figures["facets_p95_ms"] / figures["search_p95_ms"]
    figures["facets_cpu_p95_vs_search"] = (
        figures["facets_cpu_p95_ms"] / figures["search_cpu_p95_ms"]
    )
    return figures


def _spread(values: list[float]) -> dict[str, float]:
    return {"min": min(values), "max": max(values)}


def run(runs: int = 5, verbose: bool = False) -> dict:
    from bench.generate import corpus as generated

    n = size()
    folder = generated(n)
    env, _home = _environment(n)
    corpus = _open_corpus(folder, env)
    marker = corpus.articles[0].title[:24]
    pairs = [(Expected(corpus, a), Expected(corpus, b)) for a, b in QUERIES]
    argv = [sys.executable, "-c", DOSSIER, "--corpus", str(folder)]
    load = [os.getloadavg()[0]]
    row = first_screen(argv, env, marker)
    launches = []
    for i in range(runs):
        launches.append(one_launch(argv, env, marker, row, pairs[i % len(pairs)], seed=i))
        load.append(os.getloadavg()[0])
        if verbose:
            print(json.dumps(launches[-1], default=round), file=sys.stderr)

    figures: dict = {"load_average": {"start": load[0], "end": load[-1], "max": max(load)}}
    frames = [r["first_frame_s"] for r in launches]
    figures["first_frame_s"] = statistics.median(frames)
    figures["first_frame"] = _spread(frames)
    for phase, prefix in (("launching", ""), ("steady", "steady_")):
        echo = [ms for r in launches for ms in r[phase]["echo_ms"]]
        results = [r[phase]["results_ms"] for r in launches]
        facets = [r[phase]["facets_ms"] for r in launches]
        figures[f"{prefix}echo_p50_ms"] = percentile(echo, 50)
        figures[f"{prefix}echo_p95_ms"] = percentile(echo, 95)
        figures[f"{prefix}echo_max_ms"] = max(echo)
        figures[f"{prefix}results_p50_ms"] = percentile(results, 50)
        figures[f"{prefix}results_p95_ms"] = percentile(results, 95)
        figures[f"{prefix}facets_after_last_key_ms"] = statistics.median(facets)
    figures.update(in_process(corpus))
    corpus.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    figures = run(args.runs, args.verbose)
    print(json.dumps(figures, indent=2, default=lambda v: round(v, 3)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
