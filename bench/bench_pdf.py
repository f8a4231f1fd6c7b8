"""Reading a 50-page PDF report: ``parse_pdf`` on a report made here.

Two reports of 50 pages, 50 lines a page of wrapped prose (a running head and a page
number on each page): ``single_ms``, single-spaced with no indents (paragraphs told apart
by line length alone), and ``spaced_ms``, paragraphs set apart by space. Each figure is
the median CPU time of five reads. Run alone: ``python -m bench.bench_pdf``.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

WORDS = [
    "harbour",
    "authority",
    "terminal",
    "container",
    "spring",
    "dispute",
    "dredging",
    "shipping",
    "lines",
    "cargo",
    "rival",
    "port",
    "coast",
    "fees",
    "berths",
    "officials",
    "delay",
    "total",
    "cost",
    "project",
    "union",
    "crane",
    "drivers",
    "members",
    "train",
    "equipment",
    "budget",
    "hearing",
    "residents",
    "noise",
    "traffic",
    "summer",
    "permits",
    "autumn",
    "storms",
    "weather",
    "contractors",
    "minister",
    "council",
    "report",
    "quarter",
    "figures",
    "growth",
    "tonnage",
]


def _report(spaced: bool, pages: int = 50) -> bytes:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from test_ingest_formats import make_pdf, wrapped

    rng = random.Random(7)
    out = []
    for n in range(1, pages + 1):
        lines: list = ["Ports Review | Quarterly report"]
        while len(lines) < 48:
            words = [rng.choice(WORDS) for _ in range(rng.randint(30, 90))]
            paragraph = " ".join(words).capitalize() + "."
            if spaced and len(lines) > 1:
                lines.append(("space", 10))
            lines += wrapped(paragraph)
        lines.append(f"Page {n} of {pages}")
        out.append(lines)
    return make_pdf(out, {"Title": "Ports Review"})


def _cpu_ms(raw: bytes, runs: int = 5) -> float:
    from search.ingest.pdf import parse_pdf

    times = []
    for _ in range(runs):
        start = time.process_time()
        parse_pdf(raw, id="r")
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def run() -> dict[str, float]:
    return {"single_ms": _cpu_ms(_report(False)), "spaced_ms": _cpu_ms(_report(True))}


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value:.1f}")
