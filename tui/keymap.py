"""Keys as the user has them: what to print in hints, after any remap from the config file."""

from __future__ import annotations

from collections.abc import Mapping

from textual.screen import Screen


def key_for(screen: Screen, action: str, default: str) -> str:
    """The display of the first key bound to ``action`` on ``screen`` now, else ``default``."""
    for binding in screen.active_bindings.values():
        if binding.binding.action == action:
            return screen.app.get_key_display(binding.binding)
    return default


#: Binding ids before they were namespaced (one id per binding): a config file written
#: then still works. The ids in AMBIGUOUS named two bindings at once, so they are refused.
RENAMED: dict[str, str] = {
    "quit": "app.quit",
    "help": "app.help",
    "search": "app.search",
    "compare": "app.compare",
    "palette": "app.palette",
    "close_help": "help.close",
    "copy": "reader.copy",
    "next_hit": "reader.next_hit",
    "prev_hit": "reader.previous_hit",
    "entities": "reader.entities",
    "search_entity": "reader.search_entity",
    "accept_suggestion": "search.accept_suggestion",
    "facets": "search.facets",
    "clear_filters": "search.clear_filters",
    "next_result": "search.query.next_result",
    "previous_result": "search.query.previous_result",
    "results_page_down": "search.query.page_down",
    "results_page_up": "search.query.page_up",
}
AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "down": ("list.down", "reader.next_paragraph"),
    "up": ("list.up", "reader.previous_paragraph"),
    "first": ("list.first", "reader.top"),
    "last": ("list.last", "reader.bottom"),
    "back": ("search.back", "reader.back"),
    "open": ("search.open", "search.query.open"),
    "page_down": ("results.half_page_down", "reader.half_page_down"),
    "page_up": ("results.half_page_up", "reader.half_page_up"),
}


def current_ids(keys: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """``keys`` with old binding ids renamed, and a problem for each id that named two."""
    out: dict[str, str] = {}
    problems: list[str] = []
    for name, spec in keys.items():
        if name in AMBIGUOUS:
            choices = " or ".join(repr(c) for c in AMBIGUOUS[name])
            problems.append(f"[keys] {name!r} named two bindings; write {choices}; ignored")
            continue
        out.setdefault(RENAMED.get(name, name), spec)
    return out, problems
