"""Keys as the user has them: what to print in hints, after any remap from the config file."""

from __future__ import annotations

from textual.screen import Screen


def key_for(screen: Screen, action: str, default: str) -> str:
    """The display of the first key bound to ``action`` on ``screen`` now, else ``default``."""
    for binding in screen.active_bindings.values():
        if binding.binding.action == action:
            return screen.app.get_key_display(binding.binding)
    return default
