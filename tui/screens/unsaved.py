"""Leaving a view that holds verdicts the disk refused (a full disk: they are kept in
memory until a save succeeds)."""

from __future__ import annotations

from typing import Any


def warned_before_leaving(screen: Any) -> bool:
    """Whether leaving ``screen`` now would lose verdicts its store could not save: then
    say so, once for these (and again for more), so that the next press leaves. The
    screen keeps the count it last warned of in ``_warned_unsaved``."""
    store = screen.store
    if store is None or store.save_pending() or store.unsaved == screen._warned_unsaved:
        return False
    screen._warned_unsaved = store.unsaved
    screen.notify(
        f"{store.unsaved} change(s) could not be saved (see above) and are lost if you leave "
        "now: free some space and press escape again, or press it to leave",
        severity="error",
        timeout=10,
    )
    return True
