"""The explorer's exact refresh, run in a process of its own.

Once the list is on screen, the explorer looks at every file of the corpus (the quick open
trusted the folders' mtimes, so an edit in place is found here). At 50,000 articles that is
seconds of pure Python: run in a thread it held the GIL against the UI thread just as the
user starts typing, and every keystroke waited for it. In a child process it uses the
other core, at a lower priority, and the explorer only reopens the index when the child
says something changed.

The child dies with the explorer (``search.workers.die_with_parent``): an unfinished
refresh is never committed, so nothing is lost.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

#: How much lower than the explorer the child runs (``nice``).
NICENESS = 10


_CHILD = "import sys; sys.path.pop(0); from tui.refresh import main; main()"


class Busy(Exception):
    """Another dossier is updating the index: nothing was looked at (the message says who)."""


def in_child(folders: Sequence[Path], cache_dir: Path | None) -> str | None:
    """Refresh the index of ``folders`` exactly, in a child process: what changed, in
    words (``tui.commands._common.changes``), or None if nothing did. Raises
    :class:`Busy` when another dossier held the index, so nothing was refreshed."""
    request = {"folders": [str(f) for f in folders], "cache_dir": str(cache_dir or "")}
    package_root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    done = subprocess.run(
        # -c puts the working folder first on the path: a json.py or a search/ of the
        # user's there would be imported instead of ours (python -P is 3.11 and later).
        [sys.executable, "-c", _CHILD, str(os.getpid())],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"exit status {done.returncode}")
    answer = json.loads(done.stdout)
    if answer.get("busy"):
        raise Busy(answer["busy"])
    return answer["changes"]


def main() -> None:
    """The child: ``argv[1]`` is the explorer's pid; the request comes on stdin, the
    answer goes to stdout as JSON."""
    from search.workers import die_with_parent

    die_with_parent(int(sys.argv[1]))
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
    request = json.load(sys.stdin)
    from search.corpus import Corpus
    from tui.commands._common import changes

    cache_dir = Path(request["cache_dir"]) if request["cache_dir"] else None
    corpus = Corpus.open([Path(f) for f in request["folders"]], cache_dir=cache_dir)
    report = corpus.report
    changed = report.added or report.updated or report.removed or report.rebuilt
    corpus.close()
    if report.locked_out:  # opened as it was: whether anything changed is not known
        busy = report.busy or "another dossier is updating the index"
        json.dump({"changes": None, "busy": busy}, sys.stdout)
        return
    json.dump({"changes": changes(report) if changed else None}, sys.stdout)
