"""`?`: the keys that work right now on the screen underneath, as the keymap has them."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

#: Extra words for bindings Textual defines itself.
BUILTIN = {
    "command_palette": "Command palette: open an article, compare, theme, reindex",
    "quit": "Quit",
}


#: Section names for the focused widget's own keys.
WIDGET_NAMES = {
    "QueryBox": "In the query box",
    "ResultList": "In the result list",
    "FacetList": "In the filters",
    "EntityPanel": "In the entity list",
}


def live_bindings(app: App, screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(keys, description)]) for the bindings active on ``screen``.

    Keys of one action are joined ("j, down"), so a remapped key shows as remapped.
    """
    active: Mapping[str, ActiveBinding] = screen.active_bindings
    sections: dict[str, dict[tuple[int, str], tuple[list[str], str]]] = {}
    for key, info in active.items():
        binding: Binding = info.binding
        described = binding.id is not None or binding.show or binding.action in BUILTIN
        if not described or binding.system:
            continue
        description = binding.description or BUILTIN.get(binding.action, binding.action)
        if binding.action == "command_palette" or (binding.action in BUILTIN and not binding.id):
            description = BUILTIN[binding.action]
        section = _section(info.node)
        entry = sections.setdefault(section, {}).setdefault(
            (id(info.node), binding.action), ([], description)
        )
        display = app.get_key_display(Binding(key, binding.action))
        if display not in entry[0]:
            entry[0].append(display)
    order = sorted(sections, key=lambda name: {"This screen": 1, "Everywhere": 2}.get(name, 0))
    return [
        (name, [(", ".join(keys), desc) for keys, desc in sections[name].values()])
        for name in order
    ]


def _section(node) -> str:
    if isinstance(node, App):
        return "Everywhere"
    if isinstance(node, Screen):
        return "This screen"
    if isinstance(node, Widget):
        return WIDGET_NAMES.get(type(node).__name__, "This widget")
    return "Everywhere"


class HelpScreen(ModalScreen[None]):
    """A list of the live bindings of the screen it was opened over."""

    BINDINGS = [
        Binding("escape,question_mark,q,f1", "dismiss", "Close", id="close_help"),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]], title: str) -> None:
        super().__init__()
        self.sections = sections
        self.title_text = title

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = f"Keys: {self.title_text}"
            box.border_subtitle = "escape closes"
            yield Static(self._text(), id="help-text", markup=False)

    def _text(self) -> Text:
        out = Text(end="")
        width = max((len(k) for _, rows in self.sections for k, _ in rows), default=4) + 2
        width = min(width, 22)
        for n, (section, rows) in enumerate(self.sections):
            if n:
                out.append("\n\n")
            out.append(section, style="bold underline")
            for keys, desc in rows:
                out.append("\n")
                out.append(keys.ljust(width), style="bold")
                out.append(desc)
        out.append("\n\nKeys are remappable: `dossier config` shows the config file; ")
        out.append("use binding ids in a [keys] table.", style="")
        return out

    def action_scroll(self, delta: int) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=delta, animate=False)
