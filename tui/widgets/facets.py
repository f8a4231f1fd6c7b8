"""Facets: sources, years and top entities with counts; choosing one filters."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option

from search.model import FacetCount, Facets
from tui.widgets.lists import KeyList

#: facet key (as passed to Corpus.search filters) -> heading.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("source", "Source"),
    ("year", "Year"),
    ("entity", "Entities"),
)
SEP = "\x1f"  # option ids are "key<SEP>value"; a control char never occurs in a value


def option_id(key: str, value: str) -> str:
    return f"{key}{SEP}{value}"


def parse_option_id(option_id: str) -> tuple[str, str]:
    key, _, value = option_id.partition(SEP)
    return key, value


class FacetList(KeyList):
    """Facet values grouped under headings; active filters are ticked."""

    COMPONENT_CLASSES = {"facets--heading", "facets--count", "facets--active"}
    #: The list's own enter, named (in the footer and the help), and space as well: the
    #: key a ticked list takes elsewhere.
    BINDINGS = [Binding("enter,space", "select", "Filter on/off", id="facets.toggle")]

    def show(self, facets: Facets, active: Mapping[str, str], *, top_entities: int = 12) -> None:
        get = self.get_component_rich_style
        heading, count_style, active_style = (
            get("facets--heading", partial=True),
            get("facets--count", partial=True),
            get("facets--active", partial=True),
        )
        groups = {"source": facets.sources, "year": facets.years, "entity": facets.entities}
        keep = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option] = []
        for key, label in SECTIONS:
            values = list(groups[key])
            if key == "entity":
                values = values[:top_entities]
            chosen = active.get(key)
            # Keep an active filter visible even if the engine's facet list dropped it.
            if chosen is not None and all(v.value != chosen for v in values):
                values.insert(0, FacetCount(chosen, 0))
            if not values:
                continue
            options.append(
                Option(Text(label, style=heading), id=f"heading{SEP}{key}", disabled=True)
            )
            for facet in values:
                is_active = chosen == facet.value
                line = Text("✓" if is_active else " ", end="")
                line.append(f"{facet.count:>4} " if facet.count else "     ", count_style)
                line.append(facet.value, active_style if is_active else "")
                options.append(Option(line, id=option_id(key, facet.value)))
        self.set_options(options)
        ids = [o.id for o in options]
        if keep in ids:
            self.highlighted = ids.index(keep)
