"""The compare view: the earlier article's concerns against the later one's developments.

Two panes side by side (stacked on a narrow terminal), each with its article's header,
and a tracker of the concerns with their verdicts. Choosing a concern highlights it on
the left and its developments on the right, marks the words and entities they share on
both sides, and scrolls both into view. Keys set the analyst's verdict and pin or drop
links; every change is written at once to the corpus's links file (search.links).

All analysis comes from ``search.compare`` / ``search.links``; this module only paints
offsets onto ``Text`` built from the articles' plain strings.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from search.model import Article, Span
from tui.messages import ComparisonFailed, ComparisonReady
from tui.screens.help import HelpFirst
from tui.screens.unsaved import warned_before_leaving
from tui.widgets.text import format_date, one_line, paragraphs, source_and_date

#: Keys 1-5 set these verdicts; 0 clears the analyst's own, and the verdict shown is then
#: the corpus's shared one (its links.toml, as the bundled corpus has) or the engine's.
VERDICT_KEYS = {
    "1": "borne out",
    "2": "partly",
    "3": "not borne out",
    "4": "not addressed",
    "5": "open",
}
BADGE_CLASS = {
    "borne out": "compare--borne-out",
    "partly": "compare--partly",
    "not borne out": "compare--not-borne-out",
    "not addressed": "compare--not-addressed",
    "open": "compare--open",
}


class CompareScreen(HelpFirst, Screen):
    """How the concerns of ``earlier_id`` played out in ``later_id`` (default: the
    corpus's oldest and newest dated articles)."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    #: Under 22 rows the tracker shrinks to one line (dossier.tcss): the panes are for
    #: reading. From 22 (the analysts' 80x24 over SSH) it shows five concerns.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-medium"), (30, "-tall")]
    AUTO_FOCUS = "#tracker"

    DEFAULT_CSS = """
    CompareScreen #compare-panes { height: 2fr; }
    CompareScreen.-narrow #compare-panes { layout: vertical; }
    CompareScreen .compare-pane {
        width: 1fr;
        height: 1fr;
        border: round $primary 40%;
        border-title-color: $text-muted;
        padding: 0 1;
    }
    CompareScreen .compare-header { margin-bottom: 1; }
    CompareScreen .compare-para { margin-bottom: 1; }
    CompareScreen #tracker {
        height: 1fr;
        min-height: 5;
        border: round $primary 40%;
        border-title-color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    CompareScreen #tracker:focus { border: round $primary; }
    CompareScreen #compare-status { height: 1; padding: 0 1; color: $text-muted; }
    CompareScreen > .compare--concern { background: $accent 30%; text-style: bold; }
    CompareScreen > .compare--development { background: $success 25%; text-style: bold; }
    CompareScreen > .compare--cursor { background: $primary 45%; text-style: bold underline; }
    CompareScreen > .compare--shared { color: $text-warning; text-style: bold underline; }
    CompareScreen > .compare--other { text-style: underline; color: $text-muted; }
    CompareScreen > .compare--borne-out { color: $text-success; text-style: bold; }
    CompareScreen > .compare--partly { color: $text-warning; text-style: bold; }
    CompareScreen > .compare--not-borne-out { color: $text-error; text-style: bold; }
    CompareScreen > .compare--not-addressed { color: $text-muted; }
    CompareScreen > .compare--open { color: $text-primary; }
    CompareScreen > .compare--curated { color: $text-secondary; text-style: bold; }
    """

    COMPONENT_CLASSES = {
        "compare--concern",
        "compare--development",
        "compare--cursor",
        "compare--shared",
        "compare--other",
        "compare--curated",
        *BADGE_CLASS.values(),
    }

    BINDINGS = [
        Binding("escape", "back", "Back", id="compare.back"),
        Binding("j", "step(1)", "Next concern", id="compare.next"),
        Binding("k", "step(-1)", "Previous concern", id="compare.previous"),
        Binding("g", "first_concern", "First concern", show=False, id="compare.first"),
        Binding("G", "last_concern", "Last concern", show=False, id="compare.last"),
        Binding("n", "dev_cursor(1)", "Next sentence right", id="compare.next_sentence"),
        Binding(
            "N", "dev_cursor(-1)", "Previous sentence right", show=False, id="compare.prev_sentence"
        ),
        Binding("p", "pin", "Pin", id="compare.pin"),
        Binding("d", "drop", "Drop", id="compare.drop"),
        Binding("u", "unset", "Clear pin/drop", show=False, id="compare.unset"),
        *(
            Binding(
                key,
                f"verdict({key!r})",
                verdict.capitalize(),
                show=False,
                id=f"compare.verdict_{key}",
            )
            for key, verdict in VERDICT_KEYS.items()
        ),
        Binding(
            "0",
            "verdict('0')",
            "Clear my verdict (shared or engine's)",
            show=False,
            id="compare.verdict_auto",
        ),
        Binding("a", "toggle_curated", "Engine only", id="compare.curated"),
        Binding("w", "next", "What happened next", id="compare.next_across"),
        Binding("e", "note", "Note", id="compare.note"),
        # Already here: c (the app's "compare") only brings the tracker back into focus.
        Binding("c", "focus_tracker", "Concerns", show=False, id="compare.focus"),
    ]

    def __init__(self, corpus, earlier_id: str | None = None, later_id: str | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.earlier_id, self.later_id = earlier_id, later_id
        self.raw = None  # the engine's comparison
        self.result = None  # with curation applied (or the raw one, see show_curated)
        self.store = None
        self._warned_unsaved = 0  # how many unsaved verdicts leaving last warned of
        self.entities: tuple = ((), ())
        self.show_curated = True
        #: Why the analysts' curation is not shown (an unreadable links file), if it is not.
        self.problem = ""
        self.current: int = 0  # index into result.links
        self.dev_cursor: int | None = None  # index into later sentences
        self.later_sentences: tuple[Span, ...] = ()
        self._blocks: dict[str, list[tuple[int, str]]] = {"left": [], "right": []}
        #: The Text last shown in each paragraph block, by side (what the user sees).
        self.painted: dict[str, dict[int, Text]] = {"left": {}, "right": {}}

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-panes"):
            with VerticalScroll(id="left", classes="compare-pane", can_focus=False):
                yield Static("", id="left-header", classes="compare-header", markup=False)
            with VerticalScroll(id="right", classes="compare-pane", can_focus=False):
                yield Static("", id="right-header", classes="compare-header", markup=False)
        with Vertical(id="compare-bottom"):
            yield OptionList(id="tracker")
            yield Static("comparing…", id="compare-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#left").border_title = "Earlier: concerns"
        self.query_one("#right").border_title = "Later: developments"
        self.query_one("#tracker").border_title = "Concerns"
        # When a pane's text is laid out anew (a result arrives and the tracker below
        # grows, the terminal is resized), the chosen sentences go back into view: a
        # scroll asked for before the text has its size does nothing.
        for side in ("#left", "#right"):
            self.watch(self.query_one(side), "virtual_size", self._relaid, init=False)
        self._compare()

    def _relaid(self, _size) -> None:
        if self.result is not None:
            self._bring_into_view()

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compare(self) -> None:
        from search.links import comparison

        try:
            raw, store = comparison(self.corpus, self.earlier_id, self.later_id, curated=False)
            ents = (self.corpus.entities(raw.earlier.id), self.corpus.entities(raw.later.id))
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.post_message(ComparisonFailed(str(exc)))
            return
        self.post_message(ComparisonReady(raw, store, ents))

    def on_comparison_failed(self, message: ComparisonFailed) -> None:
        self._failed(message.error)

    def on_comparison_ready(self, message: ComparisonReady) -> None:
        self._ready(message.raw, message.store, message.entities)

    def _failed(self, message: str) -> None:
        self.query_one("#compare-status", Static).update(Text(f"cannot compare: {message}"))
        self.notify(message, severity="error", timeout=6)

    def _ready(self, raw, store, ents) -> None:
        from search.sentences import split_sentences

        self.raw, self.store, self.entities = raw, store, ents
        self.later_sentences = split_sentences(raw.later.body)
        for side, article in (("left", raw.earlier), ("right", raw.later)):
            self.query_one(f"#{side}-header", Static).update(_header(article))
            pane = self.query_one(f"#{side}", VerticalScroll)
            # The border keeps who and when in sight once the header scrolls away.
            role = "Earlier" if side == "left" else "Later"
            # Content, not a string: a str title is read as markup, and a source is data.
            pane.border_title = Content(
                f"{role} · {article.source or article.id} · {format_date(article.published)}"
            )
            blocks = paragraphs(article.body)
            self._blocks[side] = blocks
            pane.mount_all(
                Static("", id=f"{side}-{i}", classes="compare-para", markup=False)
                for i in range(len(blocks))
            )
        for notice in raw.notices:  # the engine's own (two articles on different stories)
            self.notify(notice, severity="warning", timeout=10)
        self._apply(keep=None)

    # -- state ----------------------------------------------------------------------------

    def _apply(self, keep: str | None) -> None:
        """Recompute the curated view and repaint, keeping concern ``keep`` chosen."""
        from search.links import apply

        if self.raw is None:
            return
        entries = None
        if self.show_curated:
            try:
                entries = self.store.entries()
            except OSError as exc:  # unreadable: say why, show the engine's own reading
                self.problem = (
                    f"cannot read the links file {self.store.path} ({exc.strerror or exc}):"
                    " showing the engine alone"
                )
                self.notify(self.problem, severity="error", timeout=8)
                self.show_curated = False
        if entries is not None:
            self.result = apply(
                self.raw,
                entries,
                earlier_entities=self.entities[0],
                later_entities=self.entities[1],
            )
            added = [n for n in self.result.notices if n not in self.raw.notices]
            for notice in (*added, *self.store.notices):  # the engine's were told once
                self.notify(notice, severity="warning", timeout=6)
            self.store.notices.clear()
        else:
            self.result = self.raw
        keys = [link.concern.key for link in self.result.links]
        if keep in keys:
            self.current = keys.index(keep)
        self.current = max(0, min(self.current, len(keys) - 1))
        self._fill_tracker()
        if keep is None or self.link is None or self.link.concern.key != keep:
            self._reset_dev_cursor()
        self.render_panes()
        self.call_after_refresh(self._bring_into_view)

    @property
    def link(self):
        if self.result is None or not self.result.links:
            return None
        return self.result.links[self.current]

    def _fill_tracker(self) -> None:
        tracker = self.query_one("#tracker", OptionList)
        tracker.clear_options()
        get = self.get_component_rich_style
        options = []
        for link in self.result.links:
            badge = Text(
                f"{link.verdict:<13}", style=get(BADGE_CLASS[link.verdict], partial=True), end=""
            )
            row = Text(end="")
            row.append_text(badge)
            row.append(
                "*" if link.origin == "curated" else " ",
                style=get("compare--curated", partial=True),
            )
            n = len(link.evidence)
            row.append(f" {n} " if n else " – ", style="dim")
            if link.note:
                row.append("✎ ", style=get("compare--curated", partial=True))
            row.append(one_line(link.concern.span.text))
            options.append(Option(row, id=link.concern.key))
        tracker.add_options(options)
        if options:
            tracker.highlighted = self.current
        self.query_one("#tracker").border_title = (
            f"Concerns ({len(self.result.addressed)} answered, "
            f"{len(self.result.unaddressed)} not) · "
            + ("with analysts' verdicts" if self.show_curated else "engine only")
        )

    def _reset_dev_cursor(self) -> None:
        link = self.link
        self.dev_cursor = None
        if link is not None and link.evidence:
            first = link.evidence[0].development.span
            self.dev_cursor = self._sentence_index(first)

    def _sentence_index(self, span: Span) -> int | None:
        for i, s in enumerate(self.later_sentences):
            if s.start == span.start:
                return i
        return None

    # -- painting -------------------------------------------------------------------------

    def render_panes(self) -> None:
        if self.result is None:
            return
        get = self.get_component_rich_style
        link = self.link
        left: list[tuple[int, int, Style]] = []
        right: list[tuple[int, int, Style]] = []
        other = get("compare--other", partial=True)
        for each in self.result.links:
            if each is not link:
                c = each.concern.span
                left.append((c.start, c.end, other))
        if link is not None:
            c = link.concern.span
            left.append((c.start, c.end, get("compare--concern", partial=True)))
            shared = get("compare--shared", partial=True)
            for ev in link.evidence:
                d = ev.development.span
                right.append((d.start, d.end, get("compare--development", partial=True)))
                left.extend((a, b, shared) for a, b in ev.concern_marks)
                right.extend((a, b, shared) for a, b in ev.development_marks)
        if self.dev_cursor is not None:
            s = self.later_sentences[self.dev_cursor]
            right.append((s.start, s.end, get("compare--cursor", partial=True)))
        for side, marks in (("left", left), ("right", right)):
            for i, (offset, text) in enumerate(self._blocks[side]):
                painted = Text(text, end="")
                end = offset + len(text)
                for start, stop, style in marks:
                    s, e = max(start, offset), min(stop, end)
                    if s < e:
                        painted.stylize(style, s - offset, e - offset)
                self.painted[side][i] = painted
                self.query_one(f"#{side}-{i}", Static).update(painted)
        self._update_status()

    def _update_status(self) -> None:
        link = self.link
        status = Text(end="")
        if self.problem:
            status.append(self.problem + " · ", style="bold")
        if link is None:
            status.append("no concerns found in the earlier article")
        else:
            status.append(f"concern {self.current + 1}/{len(self.result.links)} · ")
            status.append(
                link.verdict,
                style=self.get_component_rich_style(BADGE_CLASS[link.verdict], partial=True),
            )
            if link.judged:
                status.append(" (analyst)")
            if link.note:  # before the reasons, which can fill the line
                status.append(" · note: ", style="bold")
                status.append(one_line(link.note), style="italic")
            if self.dev_cursor is not None and self.later_sentences:
                # what p and d act on, said in words: the cursor's colour alone is easy
                # to miss (and is only an underline without colour)
                chosen = one_line(self.later_sentences[self.dev_cursor].text)
                status.append(
                    f" · ▶ {self.dev_cursor + 1}/{len(self.later_sentences)} ", style="bold"
                )
                status.append(chosen if len(chosen) <= 50 else chosen[:49] + "…")
            reasons = []
            if link.theme:
                reasons.append(link.theme)
            if link.shared_entities:
                reasons.append(", ".join(link.shared_entities))
            if link.shared_terms:
                reasons.append(", ".join(link.shared_terms))
            if reasons:
                status.append(" · " + " · ".join(reasons))
            elif not link.evidence and self.result.different_stories:
                status.append(" · different stories: nothing linked")
            elif not link.evidence:
                status.append(" · no development found")
        self.query_one("#compare-status", Static).update(status)

    def _block_index(self, side: str, pos: int) -> int | None:
        for i, (offset, text) in enumerate(self._blocks[side]):
            if offset <= pos < offset + len(text):
                return i
        return None

    def _bring_into_view(self) -> None:
        link = self.link
        if link is None:
            return
        targets = [("left", link.concern.span.start)]
        if self.dev_cursor is not None:
            targets.append(("right", self.later_sentences[self.dev_cursor].start))
        for side, pos in targets:
            i = self._block_index(side, pos)
            if i is not None:
                pane = self.query_one(f"#{side}", VerticalScroll)
                pane.scroll_to_widget(self.query_one(f"#{side}-{i}", Static), animate=False)

    # -- actions --------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#tracker")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.result is None or event.option_index == self.current:
            return
        self.current = event.option_index
        self._reset_dev_cursor()
        self.render_panes()
        self._bring_into_view()

    def action_step(self, delta: int) -> None:
        if self.result is None or not self.result.links:
            return
        index = max(0, min(len(self.result.links) - 1, self.current + delta))
        self.query_one("#tracker", OptionList).highlighted = index
        if index != self.current:
            self.current = index
            self._reset_dev_cursor()
            self.render_panes()
            self._bring_into_view()

    def action_first_concern(self) -> None:
        self.query_one("#tracker", OptionList).action_first()

    def action_last_concern(self) -> None:
        self.query_one("#tracker", OptionList).action_last()

    def action_dev_cursor(self, delta: int) -> None:
        """Move the cursor over the later article's sentences (what p and d act on)."""
        if not self.later_sentences:
            return
        if self.dev_cursor is None:
            self.dev_cursor = 0
        else:
            self.dev_cursor = (self.dev_cursor + delta) % len(self.later_sentences)
        self.render_panes()
        self._bring_into_view()

    def _cursor_sentence(self) -> Span | None:
        if self.dev_cursor is None:
            self.notify("move to a sentence on the right with n first", timeout=3)
            return None
        return self.later_sentences[self.dev_cursor]

    def _curate(self, method: str, *args) -> None:
        link = self.link
        if link is None or self.store is None:
            return
        if not self.show_curated:
            self.notify("showing the engine alone: press a to edit verdicts", timeout=3)
            return
        try:
            getattr(self.store, method)(link.concern, self.result.earlier, self.result.later, *args)
        except OSError as exc:
            self.notify(
                f"not saved: cannot write {self.store.path} ({exc.strerror or exc})",
                severity="error",
                timeout=8,
            )
            return
        # The chosen sentence on the right stays chosen: a verdict does not move it.
        self._apply(keep=link.concern.key)

    def action_verdict(self, key: str) -> None:
        self._curate("set_verdict", VERDICT_KEYS.get(key))

    def _curate_sentence(self, method: str, *, stay: bool) -> None:
        """Pin, drop or unset the chosen sentence; ``stay`` keeps the cursor on it."""
        sentence = self._cursor_sentence()
        if sentence is None:
            return
        self._curate(method, sentence)
        if not stay:
            self._reset_dev_cursor()
            self.render_panes()

    def action_pin(self) -> None:
        self._curate_sentence("pin", stay=True)

    def action_drop(self) -> None:
        self._curate_sentence("drop", stay=False)

    def action_unset(self) -> None:
        self._curate_sentence("unset", stay=True)

    def action_toggle_curated(self) -> None:
        self.show_curated = not self.show_curated
        keep = self.link.concern.key if self.link else None
        self._apply(keep=keep)

    def action_next(self) -> None:
        """What happened next: later sentences across the corpus that answer the concern."""
        from tui.screens.topic import NextScreen

        if self.link is not None:
            self.app.push_screen(NextScreen(self.corpus, self.result.earlier, self.link.concern))

    def action_note(self) -> None:
        """Write the analyst's note on the concern (shown here, in --json and the briefing)."""
        link = self.link
        if link is None:
            return
        if not self.show_curated:
            self.notify("showing the engine alone: press a to edit notes", timeout=3)
            return

        def save(note: str | None) -> None:
            if note is not None:
                self._curate("set_note", note)

        self.app.push_screen(NoteScreen(link.note, link.concern.span.text), save)

    def action_focus_tracker(self) -> None:
        self.query_one("#tracker", OptionList).focus()

    def action_back(self) -> None:
        if not warned_before_leaving(self):
            self.dismiss()


def _header(article: Article) -> Text:
    text = Text(article.title or "Untitled", style="bold", end="")
    meta = f"{source_and_date(article.source, article.published)} · {article.id}"
    text.append("\n")
    text.append(meta, style="dim")
    return text


class NoteScreen(ModalScreen[str | None]):
    """One line for the analyst's note: enter saves it, escape leaves it as it was. The
    concern it is about stays in view above it (the screen behind is only lightly dimmed,
    and the concern is repeated here in case the box covers it)."""

    DEFAULT_CSS = """
    NoteScreen { align: center bottom; background: $background 25%; }
    NoteScreen #note-about {
        width: 100%; max-height: 4; padding: 0 1; background: $panel; color: $text-muted;
    }
    NoteScreen Input { width: 100%; border: round $primary; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="compare.note_cancel")]

    def __init__(self, note: str, about: str = "") -> None:
        super().__init__()
        self.note = note
        self.about = about

    def compose(self) -> ComposeResult:
        if self.about:
            yield Static(Text(f"On: {one_line(self.about)}"), id="note-about")
        box = Input(self.note, placeholder="A note on this concern (enter saves, empty removes)")
        box.border_title = "Note"
        yield box

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
