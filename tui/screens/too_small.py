"""Shown over everything while the terminal is smaller than the explorer can use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 60, 20


class TooSmallScreen(ModalScreen[None]):
    #: A modal screen keeps the app's keys from the screens below it, its own quit included.
    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("", id="too-small", markup=False)

    def on_mount(self) -> None:
        self.update_size()

    def on_resize(self) -> None:
        self.update_size()

    def update_size(self) -> None:
        w, h = self.app.size
        self.query_one("#too-small", Static).update(
            f"Terminal too small: {w}×{h}.\n"
            f"dossier needs at least {MIN_WIDTH}×{MIN_HEIGHT}; please enlarge the window.\n"
            "q quits."
        )
