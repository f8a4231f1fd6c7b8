"""Entities in the reader: the side panel (by type, with counts) and the colour legend."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.style import Style
from rich.text import Text
from textual.widgets import Static
from textual.widgets.option_list import Option

from search.model import Entity
from tui.widgets.lists import KeyList
from tui.widgets.text import KIND_LABELS, entity_kind

#: The component class that colours each kind of entity (defined on the reader screen).
KIND_CLASSES = {kind: f"entity--{kind}" for kind in KIND_LABELS}

HEADING_PREFIX = "\x1fheading:"


def kinds_present(entities: Sequence[Entity]) -> list[str]:
    present = {entity_kind(e.type) for e in entities}
    return [kind for kind in KIND_LABELS if kind in present]


class EntityPanel(KeyList):
    """Entities of one article grouped by kind, most mentioned first; ids are canonical names."""

    def show_entities(
        self, entities: Sequence[Entity], style_for: Callable[[str], Style], selected: str | None
    ) -> None:
        from search.entities import tally

        tallied = tally(entities)  # as `dossier entities ID` lists them
        counts = {c.canonical: c.count for c in tallied}
        kind_of = {c.canonical: entity_kind(c.type) for c in tallied}
        options: list[Option] = []
        for kind in KIND_LABELS:
            names = [c.canonical for c in tallied if kind_of[c.canonical] == kind]
            if not names:
                continue
            heading = Text(KIND_LABELS[kind].capitalize(), style=style_for(kind) + Style(bold=True))
            options.append(Option(heading, id=HEADING_PREFIX + kind, disabled=True))
            for name in names:
                line = Text("▸ " if name == selected else "  ", end="")
                line.append(name, style=Style(bold=name == selected))
                line.append(f" {counts[name]}", style=Style(dim=True))
                options.append(Option(line, id=name))
        if not options:
            options.append(Option(Text("No entities found", style="italic"), disabled=True))
        self.set_options(options)
        ids = [o.id for o in options]
        if selected is not None and selected in ids:
            self.highlighted = ids.index(selected)
        else:  # the first name, not its kind's heading: enter, then s, acts on a name
            first = next((i for i, o in enumerate(options) if not o.disabled), None)
            if first is not None:
                self.highlighted = first

    @property
    def current_name(self) -> str | None:
        option = self.highlighted_option
        if option is None or option.id is None or option.id.startswith(HEADING_PREFIX):
            return None
        return option.id


class EntityLegend(Static):
    """One line: a swatch and a word for each kind of entity the article has."""

    def show_kinds(self, kinds: Sequence[str], style_for: Callable[[str], Style]) -> None:
        line = Text(end="")
        for kind in kinds:
            if line:
                line.append("  ")
            line.append("■ " + KIND_LABELS[kind], style=style_for(kind))
        self.display = bool(kinds)
        self.update(line)
