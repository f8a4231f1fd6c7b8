"""How far a build has got, handed from the thread that builds to the screen that shows it.

The engine reports each file it reads through a callback (``search.index.Progress``); the
build runs in a thread, so the callback only records where it is, and the explorer looks
a few times a second (a message per file would flood the app's queue).
"""

from __future__ import annotations

from rich.text import Text

#: Cells in the bar.
WIDTH = 24


class Building:
    """The latest (files read, total) of a build in progress; None before it starts."""

    def __init__(self) -> None:
        self.state: tuple[int, int] | None = None

    def tick(self, n: int, total: int, _path: str = "") -> None:
        self.state = (n, total)  # one assignment: safe to read from another thread


def line(n: int, total: int) -> Text:
    """'Indexing ━━━━━━╺━━━━━━  1,204 of 50,000 files': what the status line shows."""
    done = round(WIDTH * n / total) if total else 0
    text = Text("Indexing ", end="")
    text.append("━" * done, style="bold")
    text.append("╺" + "━" * (WIDTH - done - 1) if done < WIDTH else "", style="dim")
    text.append(f"  {n:,} of {total:,} files read (first opening builds the index)")
    return text
