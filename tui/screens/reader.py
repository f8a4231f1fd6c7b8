"""The reader: one article, its query hits and entities, and a citation a key away.

The article is a column of blocks (title, standfirst, then one per body paragraph),
each a ``Static`` showing a ``Text`` built from the article's plain strings with styles
added by offset. A block cursor (marked with a bar) is what ``y`` copies; ``n``/``N``
step through query hits, or through the mentions of the entity chosen in the side panel.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence

from attrs import define
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from search.model import FIGURE_TYPES, Article, Entity, Span
from tui.keymap import key_for
from tui.messages import SearchFor, ToggleMark
from tui.screens.help import HelpFirst
from tui.widgets.entities import KIND_CLASSES, EntityLegend, EntityPanel, kinds_present
from tui.widgets.text import (
    READER_CHARS,
    citation,
    entity_kind,
    format_date,
    reading_blocks,
)


@define(frozen=True, slots=True)
class Block:
    """A piece of the article on screen: ``text`` starts at ``offset`` in ``field``."""

    field: str
    offset: int
    text: str

    def holds(self, field: str, start: int) -> bool:
        return field == self.field and self.offset <= start < self.offset + len(self.text)


@define(frozen=True, slots=True)
class Mark:
    """A place to step to (a query hit or an entity mention)."""

    field: str
    start: int
    end: int


FIELD_ORDER = {"title": 0, "standfirst": 1, "body": 2}


class ReaderScreen(HelpFirst, Screen):
    """An article with its hits and entities."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    AUTO_FOCUS = "#page"  # not focusable: screen keys read the page; `e` focuses the entity list

    #: Canonical name of the entity whose mentions n/N step through (None: the query's hits).
    selected: reactive[str | None] = reactive(None, init=False)

    BINDINGS = [
        Binding("escape", "back", "Back", id="reader.back"),
        Binding("n", "step(1)", "Next hit", id="reader.next_hit"),
        Binding("N", "step(-1)", "Previous hit", show=False, id="reader.previous_hit"),
        Binding("y", "copy", "Copy citation", id="reader.copy"),
        Binding("Y", "save_citation", "Save citation to a file", show=False, id="reader.save"),
        Binding("e", "toggle_entities", "Entities", id="reader.entities"),
        Binding("m", "mark", "Mark for compare", show=False, id="reader.mark"),
        Binding("plus", "more", "Show the next part", show=False, id="reader.more"),
        Binding(
            "s",
            "search_entity",
            "Search the corpus for the entity",
            show=False,
            id="reader.search_entity",
        ),
        Binding("j,down", "cursor(1)", "Next paragraph", show=False, id="reader.next_paragraph"),
        Binding(
            "k,up", "cursor(-1)", "Previous paragraph", show=False, id="reader.previous_paragraph"
        ),
        Binding("g,home", "edge(0)", "Top", show=False, id="reader.top"),
        Binding("G,end", "edge(1)", "Bottom", show=False, id="reader.bottom"),
        Binding(
            "ctrl+d,pagedown",
            "half_page(1)",
            "Half page down",
            show=False,
            id="reader.half_page_down",
        ),
        Binding(
            "ctrl+u,pageup", "half_page(-1)", "Half page up", show=False, id="reader.half_page_up"
        ),
    ]

    COMPONENT_CLASSES = {
        "reader--hit",
        "reader--current",
        "reader--selected",
        "reader--guessed",
        *KIND_CLASSES.values(),
    }

    def __init__(
        self,
        article: Article,
        entities: Sequence[Entity] = (),
        *,
        query: str = "",
        matches: Mapping[str, Sequence[Span]] | None = None,
        limit: int = READER_CHARS,
        start: int = 0,
        whole: bool = True,
    ) -> None:
        """``entities`` and ``matches`` may cover the whole body (``whole``) or only as
        far as the part shown; the reader shows ``limit`` characters of a long body from
        ``start`` (a later part of a very long article: its cursor there)."""
        super().__init__()
        self.article = article
        self.query_text = query
        self.limit = limit
        #: Where the part of the body shown begins (0 but for a very long article's later part).
        self.start = start
        #: Whether the entities (and their counts in the panel) are the whole article's.
        self.whole = whole
        #: Every mention, for the panel's counts: the article's, as `dossier entities`.
        self.all_entities = tuple(entities)
        self.entities = tuple(entities)
        self.blocks: list[Block] = []
        if article.title:
            self.blocks.append(Block("title", 0, article.title))
        if article.standfirst:
            self.blocks.append(Block("standfirst", 0, article.standfirst))
        body, self.shown_chars = reading_blocks(article.body, limit, start)
        self.blocks.extend(Block("body", off, text) for off, text in body)
        self.entities = tuple(e for e in self.entities if self._on_screen(e.field, e.start, e.end))
        self.hits: list[Mark] = sorted(
            (
                Mark(field, span.start, span.end)
                for field, spans in (matches or {}).items()
                for span in spans
                if self._on_screen(field, span.start, span.end)
            ),
            key=_reading_order,
        )
        #: Matches in the body past the part shown.
        self.hits_past = sum(
            1
            for field, spans in (matches or {}).items()
            for span in spans
            if field == "body" and span.end > self.shown_chars
        )
        self.marks: list[Mark] = self.hits
        self.current: int | None = 0 if self.hits else None
        self.cursor = self._first_body_block()
        if start:  # a later part: the cursor on its first paragraph, or its first hit
            later = [i for i, m in enumerate(self.hits) if m.field == "body"]
            if later:
                self.current = later[0]
                self.cursor = self._block_of(self.hits[later[0]])

    def _on_screen(self, field: str, start: int, end: int) -> bool:
        """Is this part of what the reader shows (of a very long body, one part)?"""
        return field != "body" or (start >= self.start and end <= self.shown_chars)

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="reader-panes"):
            with VerticalScroll(id="page", can_focus=False):
                for i, block in enumerate(self.blocks):
                    yield Static(id=f"block-{i}", classes=f"block {block.field}", markup=False)
                    if block.field != "body" and (
                        i + 1 == len(self.blocks) or self.blocks[i + 1].field == "body"
                    ):
                        yield Static(self._byline(), id="byline", markup=False)
                if not self.blocks:
                    yield Static(self._byline(), id="byline", markup=False)
                rest = len(self.article.body) - self.shown_chars
                if rest > 0:
                    more = key_for(self, "more", "+")
                    past = (
                        f"; the query matches {self.hits_past:,} more time"
                        f"{'s' if self.hits_past != 1 else ''} there"
                        if self.hits_past
                        else ""
                    )
                    where = (
                        f"characters {self.start:,} to {self.shown_chars:,}"
                        if self.start
                        else f"the first {self.shown_chars:,}"
                    )
                    yield Static(
                        Text(
                            f"… {rest:,} more characters not shown{past}: the reader shows "
                            f"{where} of a very long article; {more} shows the next part "
                            f"({self.article.path})",
                            style="italic",
                        ),
                        id="reader-cut",
                        markup=False,
                    )
            yield EntityPanel(id="entity-panel")
        yield EntityLegend(id="legend", markup=False)
        yield Static("", id="reader-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        panel = self.query_one(EntityPanel)
        panel.border_title = "Entities"
        panel.display = False
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.render_article())
        self.render_article()
        self.call_after_refresh(self._bring_into_view, True)
        # A long text is laid out over several refreshes: until the user moves, the
        # first hit (or the next part's first paragraph) goes back into view each time.
        self._moved = False
        self.watch(self.query_one("#page"), "virtual_size", self._laid_out, init=False)

    def _laid_out(self, _size) -> None:
        if not self._moved:
            self._bring_into_view(True)

    def _byline(self) -> Text:
        a = self.article
        parts = [a.source or "unknown source"]
        if a.author:
            parts.append(a.author)
        parts.append(format_date(a.published))
        parts.append(f"{a.words:,} words")
        parts.append(f"{a.reading_minutes} min read")
        parts.append(f"id {a.id}")  # what `dossier compare ID ID` and `show` take
        return Text(" · ".join(parts), end="")

    # -- rendering ------------------------------------------------------------------------

    def _style(self, kind: str) -> Style:
        if self.app.no_color:  # colours are gone: mark entities by underline (the panel has kinds)
            return Style(underline=True)
        return self.get_component_rich_style(
            KIND_CLASSES.get(kind, KIND_CLASSES["other"]), partial=True
        )

    def highlight_styles(self) -> tuple[Style, Style, Style, Style]:
        """Hit, current mark, chosen entity, guessed entity. Without colour (NO_COLOR) a
        background means nothing: hits are reversed, the current one also underlined."""
        get = self.get_component_rich_style
        guessed = get("reader--guessed", partial=True)
        if self.app.no_color:
            return (
                Style(reverse=True),
                Style(reverse=True, bold=True, underline=True),
                Style(bold=True, underline=True, italic=True),
                guessed,
            )
        return (
            get("reader--hit", partial=True),
            get("reader--current", partial=True),
            get("reader--selected", partial=True),
            guessed,
        )

    def _by_block(self, items, field_of, start_of) -> list[list]:
        """``items`` grouped by the block holding their start, in one pass."""
        groups: list[list] = [[] for _ in self.blocks]
        index = {
            (b.field, b.offset): i for i, b in enumerate(self.blocks)
        }  # blocks of a field are in offset order
        starts: dict[str, list[tuple[int, int]]] = {}
        for (field, offset), i in index.items():
            starts.setdefault(field, []).append((offset, i))
        for item in items:
            spans = starts.get(field_of(item), [])
            pos = bisect_right(spans, (start_of(item), len(self.blocks))) - 1
            if pos >= 0:
                groups[spans[pos][1]].append(item)
        return groups

    def render_article(self, only: Sequence[int] | None = None) -> None:
        """(Re)build block texts (all, or ``only`` these) from hits, entities and selection."""
        if not hasattr(self, "_entities_by_block"):
            self._entities_by_block = self._by_block(
                self.entities, lambda e: e.field, lambda e: e.start
            )
            self._hits_by_block = self._by_block(self.hits, lambda m: m.field, lambda m: m.start)
        hit_style, current_style, selected_style, guessed_style = self.highlight_styles()
        kind_styles = {kind: self._style(kind) for kind in KIND_CLASSES}
        current = self.marks[self.current] if self.current is not None and self.marks else None
        for i in range(len(self.blocks)) if only is None else only:
            block = self.blocks[i]
            text = Text(block.text, end="")
            end = block.offset + len(block.text)

            def paint(start: int, stop: int, style: Style, block=block, text=text, end=end) -> None:
                s, e = max(start, block.offset), min(stop, end)
                if s < e:
                    text.stylize(style, s - block.offset, e - block.offset)

            for entity in self._entities_by_block[i]:
                style = kind_styles[entity_kind(entity.type)]
                if entity.guessed:
                    style = style + guessed_style
                paint(entity.start, entity.end, style)
                if entity.canonical == self.selected:
                    paint(entity.start, entity.end, selected_style)
            if self.selected is None:
                for mark in self._hits_by_block[i]:
                    paint(mark.start, mark.end, hit_style)
            if current is not None and block.holds(current.field, current.start):
                paint(current.start, current.end, current_style)
            widget = self.query_one(f"#block-{i}", Static)
            widget.update(text, layout=only is None)  # styles only: same size
            widget.set_class(i == self.cursor, "-cursor")
        if only is None:
            kinds = [] if self.app.no_color else kinds_present(self.entities)
            self.query_one(EntityLegend).show_kinds(kinds, self._style)
            self.query_one(EntityPanel).show_entities(self.all_entities, self._style, self.selected)
        self._update_status()

    def _keys(self) -> str:
        return f"{key_for(self, 'step(1)', 'n')}/{key_for(self, 'step(-1)', 'N')}"

    def _update_status(self) -> None:
        status = Text(end="")
        if self.selected is not None:
            status.append(self.selected, style="bold")
            n = len(self.marks)
            where = f"{self.current + 1}/{n}" if self.current is not None else f"{n}"
            status.append(
                f": mention {where} · {self._keys()} step · "
                f"{key_for(self, 'search_entity', 's')} searches the corpus"
            )
            past = sum(
                1
                for e in self.all_entities
                if e.canonical == self.selected and e.field == "body" and e.end > self.shown_chars
            )
            if past:  # the panel counts the whole article; n/N step through the part shown
                status.append(
                    f" · {past:,} more past the part shown ({key_for(self, 'more', '+')} shows it)"
                )
        elif self.hits:
            assert self.current is not None
            status.append(f"hit {self.current + 1}/{len(self.hits)}")
            status.append(f" · {self._keys()} next/previous")
            if self.hits_past:
                status.append(
                    f" · {self.hits_past:,} more past the part shown "
                    f"({key_for(self, 'more', '+')} shows it)"
                )
        elif self.hits_past:
            n = self.hits_past
            status.append(
                f"{self.query_text!s}: matched {n:,} time{'s' if n != 1 else ''} past the part "
                f"shown · {key_for(self, 'more', '+')} shows the next part"
            )
        elif self.query_text:
            status.append(f"{self.query_text!s}: matched on source or date, not in the text")
        else:
            status.append(f"{self.article.words:,} words")
        if not self.entities:
            status.append(" · no entities marked")
        self.query_one("#reader-status", Static).update(status)

    # -- moving ---------------------------------------------------------------------------

    def _first_body_block(self) -> int:
        if self.hits:
            return self._block_of(self.hits[0])
        for i, block in enumerate(self.blocks):
            if block.field == "body":
                return i
        return 0

    def _block_of(self, mark: Mark) -> int:
        for i, block in enumerate(self.blocks):
            if block.holds(mark.field, mark.start):
                return i
        return self.cursor

    def _bring_into_view(self, center: bool = False) -> None:
        """Scroll the cursor's block into view: just enough, or centred after a jump."""
        if not self.blocks:
            return
        widget = self.query_one(f"#block-{self.cursor}", Static)
        page = self.query_one("#page", VerticalScroll)
        if self.cursor == 0:
            page.scroll_home(animate=False)
        elif center and not self._visible(widget, page):
            page.scroll_to_center(widget, animate=False)
        else:
            page.scroll_to_widget(widget, animate=False, top=False)

    @staticmethod
    def _visible(widget: Static, page: VerticalScroll) -> bool:
        region = widget.virtual_region
        top = page.scroll_y
        return region.y >= top and region.bottom <= top + page.scrollable_content_region.height

    def _set_cursor(self, index: int) -> None:
        self._moved = True
        if not self.blocks:
            return
        old, self.cursor = self.cursor, max(0, min(len(self.blocks) - 1, index))
        self.query_one(f"#block-{old}", Static).remove_class("-cursor")
        self.query_one(f"#block-{self.cursor}", Static).add_class("-cursor")
        self._bring_into_view()

    def action_cursor(self, delta: int) -> None:
        self._set_cursor(self.cursor + delta)

    def action_edge(self, end: int) -> None:
        self._set_cursor(len(self.blocks) - 1 if end else 0)
        page = self.query_one("#page", VerticalScroll)
        if end:
            page.scroll_end(animate=False)
        else:
            page.scroll_home(animate=False)

    def action_half_page(self, direction: int) -> None:
        """Scroll half a page and take the cursor half a page on, as vim's ctrl+d/ctrl+u."""
        if not self.blocks:
            return
        page = self.query_one("#page", VerticalScroll)
        half = max(1, page.scrollable_content_region.height // 2)
        tops = [
            self.query_one(f"#block-{i}", Static).virtual_region.y for i in range(len(self.blocks))
        ]
        target = tops[self.cursor] + direction * half
        if direction > 0:
            index = next((i for i, y in enumerate(tops) if y >= target), len(tops) - 1)
            index = max(index, min(self.cursor + 1, len(tops) - 1))
        else:
            index = next((i for i in reversed(range(len(tops))) if tops[i] <= target), 0)
            index = min(index, max(self.cursor - 1, 0))
        page.scroll_to(
            y=max(0, min(page.max_scroll_y, page.scroll_y + direction * half)), animate=False
        )
        self._set_cursor(index)

    def action_step(self, delta: int) -> None:
        self._moved = True
        if not self.marks:
            self.notify("nothing to step through here", timeout=2)
            return
        before = {self.cursor}
        if self.current is not None:
            before.add(self._block_of(self.marks[self.current]))
        self.current = 0 if self.current is None else (self.current + delta) % len(self.marks)
        self.cursor = self._block_of(self.marks[self.current])
        self.render_article(only=sorted(before | {self.cursor}))
        self._bring_into_view(center=True)

    # -- entities -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "more":  # a very long article, cut
            return self.shown_chars < len(self.article.body)
        return True

    HELP_WHEN = {"more": "in a very long article"}

    def action_more(self) -> None:
        """Show the article further on: its next part, from where this one was cut (a
        part at a time: laying out the whole would cost more with every part)."""
        if self.shown_chars < len(self.article.body):
            self.app.open_article(self.article.id, self.query_text, start=self.shown_chars)

    def action_mark(self) -> None:
        self.post_message(ToggleMark(self.article.id))

    def action_toggle_entities(self) -> None:
        panel = self.query_one(EntityPanel)
        panel.display = not panel.display
        if panel.display:
            # Options laid out while hidden have no width: lay them out again now.
            panel.show_entities(self.all_entities, self._style, self.selected)
            panel.focus()
        else:
            self.set_focus(None)

    @on(OptionList.OptionSelected, "#entity-panel")
    def _entity_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        name = self.query_one(EntityPanel).current_name
        if name is not None:
            self.select_entity(None if name == self.selected else name)

    def select_entity(self, name: str | None) -> None:
        """Highlight the mentions of ``name`` and step through them (None: back to hits)."""
        self.selected = name  # reactive: watch_selected repaints

    def watch_selected(self, name: str | None) -> None:
        if name is None:
            self.marks = self.hits
            self.current = 0 if self.hits else None
        else:
            self.marks = sorted(
                (Mark(e.field, e.start, e.end) for e in self.entities if e.canonical == name),
                key=_reading_order,
            )
            self.current = 0 if self.marks else None
        if self.current is not None:
            self.cursor = self._block_of(self.marks[self.current])
        self.render_article()
        self._bring_into_view(center=True)

    def action_search_entity(self) -> None:
        panel = self.query_one(EntityPanel)
        name = panel.current_name if panel.has_focus else None
        name = name or self.selected
        if name is None:
            self.notify("choose an entity first: e opens the list", timeout=3)
            return
        escaped = name.replace('"', "")
        types = {e.type for e in self.entities if e.canonical == name}
        if types and types <= FIGURE_TYPES:  # dates and figures are words, not indexed names
            self.post_message(SearchFor(f'"{escaped}"'))
            return
        self.post_message(SearchFor(f'entity:"{escaped}"'))

    # -- copying and leaving --------------------------------------------------------------

    def quote(self) -> str:
        """The current hit's sentence if the cursor is on it, else the cursor's paragraph."""
        if not self.blocks:
            return ""
        block = self.blocks[self.cursor]
        if self.current is not None and self.marks:
            mark = self.marks[self.current]
            if block.holds(mark.field, mark.start):
                from search.sentences import split_sentences  # the engine's, which knows "Mr."

                start, end = mark.start - block.offset, mark.end - block.offset
                around = [s for s in split_sentences(block.text) if s.start < end and start < s.end]
                if around:
                    return block.text[around[0].start : around[-1].end]
        return block.text

    def _citation(self) -> str:
        quote = self.quote()
        if not quote:
            return ""
        a = self.article
        return citation(a.title, a.source, a.published, quote, a.url)

    def action_copy(self) -> None:
        """Send the citation to the terminal's clipboard. OSC 52 is a request the terminal
        (or tmux) may ignore, and nothing says whether it did: say what was done, and
        where the fallback is."""
        text = self._citation()
        if not text:
            return
        self.app.copy_to_clipboard(text)
        save = key_for(self, "save_citation", "Y")
        self.notify(
            "citation sent to the terminal's clipboard (OSC 52); if it did not arrive "
            f"(tmux, some terminals drop it), {save} saves it to a file",
            timeout=4,
        )

    def action_save_citation(self) -> None:
        """Append the citation to citations.txt in the data dir: works in any terminal."""
        from search.config import data_dir

        text = self._citation()
        if not text:
            return
        path = data_dir() / "citations.txt"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as out:
                out.write(text + "\n")
        except OSError as exc:
            self.notify(f"cannot save the citation: {exc}", severity="error")
            return
        self.notify(f"citation added to {path}", timeout=6)

    def action_back(self) -> None:
        panel = self.query_one(EntityPanel)
        if panel.has_focus:
            self.set_focus(None)
            return
        self.dismiss()


def _reading_order(mark: Mark) -> tuple[int, int]:
    return (FIELD_ORDER.get(mark.field, 9), mark.start)
