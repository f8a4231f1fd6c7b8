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
    "command_palette": "Commands: open article, compare, theme, reindex",
    "quit": "Quit",
}


#: Section names for the focused widget's own keys.
WIDGET_NAMES = {
    "QueryBox": "In the query box",
    "ResultList": "In the result list",
    "FacetList": "In the filters",
    "EntityPanel": "In the entity list",
}


Row = tuple[str, str, str]  # keys, description, binding id ("" if it has none)


def live_bindings(app: App, screen: Screen) -> list[tuple[str, list[Row]]]:
    """(section, [(keys, description, binding id)]) for the bindings active on ``screen``.

    Keys of one action are joined ("j, down"), so a remapped key shows as remapped; the
    id is what a [keys] table in the config file names to remap it.
    """
    active: Mapping[str, ActiveBinding] = dict(screen.active_bindings)
    # Keys that work only at times (ctrl+y with a did-you-mean, ctrl+r with a filter):
    # their node's check_action hides them from the footer, and the help lists them too,
    # saying when they work.
    for node, bindings in screen._modal_binding_chain:
        for key, binding in bindings:
            if key in active or binding.id is None:
                continue
            if app._check_action_state(binding.action, node) is False:
                name = binding.action.split("(", 1)[0]  # "step(1)" is the action "step"
                when = getattr(node, "HELP_WHEN", {}).get(name, "not now")
                hidden = Binding(
                    key, binding.action, f"{binding.description} ({when})", id=binding.id
                )
                active[key] = ActiveBinding(node, hidden, False, binding.tooltip)
    sections: dict[str, dict[tuple[int, str], tuple[list[str], str, list[str]]]] = {}
    for key, info in active.items():
        binding: Binding = info.binding
        described = binding.id is not None or binding.show or binding.action in BUILTIN
        if not described or binding.system:
            continue
        description = binding.description or BUILTIN.get(binding.action, binding.action)
        if binding.action == "command_palette" or (binding.action in BUILTIN and not binding.id):
            description = BUILTIN[binding.action]
        section = _section(info.node)
        keys, _, ids = sections.setdefault(section, {}).setdefault(
            (id(info.node), binding.action), ([], description, [])
        )
        display = app.get_key_display(Binding(key, binding.action))
        if display not in keys:
            keys.append(display)
        if binding.id and binding.id not in ids:
            ids.append(binding.id)
    order = sorted(sections, key=lambda name: {"This screen": 1, "Everywhere": 2}.get(name, 0))
    return [
        (
            name,
            [
                (", ".join(keys), desc, ", ".join(ids))
                for keys, desc, ids in sections[name].values()
            ],
        )
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


HELP_ACTIONS = ("help", "app.help")


class HelpFirst:
    """A screen mixin: its footer shows the help key first. The footer lists the focused
    widget's keys, then the screen's, then the app's, and cuts what does not fit: at 80
    columns the search footer ended '? Help  / ▏', and at 60 the help key was not shown."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings = super().active_bindings  # type: ignore[misc]
        first = {k: b for k, b in bindings.items() if b.binding.action in HELP_ACTIONS}
        return {**first, **{k: b for k, b in bindings.items() if k not in first}}


class HelpScreen(ModalScreen[None]):
    """A list of the live bindings of the screen it was opened over."""

    BINDINGS = [
        Binding("escape,question_mark,q,f1", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    def __init__(self, sections: list[tuple[str, list[Row]]], title: str, about: str = "") -> None:
        super().__init__()
        self.sections = sections
        self.title_text = title
        #: What the view shows, in a few words, above its keys (e.g. what a score means).
        self.about = about

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = f"Keys: {self.title_text}"
            box.border_subtitle = "escape closes"
            yield Static(self._text(), id="help-text", markup=False)

    def _text(self) -> Text:
        out = Text(end="")
        if self.about:
            out.append(self.about + "\n\n")
        width = max((len(k) for _, rows in self.sections for k, _, _ in rows), default=4) + 2
        width = min(width, 22)
        desc_width = min(
            max((len(d) for _, rows in self.sections for _, d, _ in rows), default=8), 34
        )
        for n, (section, rows) in enumerate(self.sections):
            if n:
                out.append("\n\n")
            out.append(section, style="bold underline")
            for keys, desc, binding_id in rows:
                out.append("\n")
                out.append(keys.ljust(width), style="bold")
                out.append(desc.ljust(desc_width) + "  " if binding_id else desc)
                if binding_id:
                    out.append(binding_id, style="dim")
        example = next((i.split(", ")[0] for _, rows in self.sections for *_, i in rows if i), "")
        out.append("\n\nTo remap a key, name its binding id (dim, after each line) in the ")
        out.append("[keys] table of the config file")
        if example:  # an id from this very list, quoted as TOML wants an id with a dot
            out.append(f', e.g. "{example}" = "f2"')
        out.append("; `dossier config` shows where the file is.")
        return out

    def action_scroll(self, delta: int) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=delta, animate=False)
