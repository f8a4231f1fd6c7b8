"""Compare across the corpus, and "what happened next" for one concern.

:class:`TopicCompareScreen`: the concerns of every earlier article matching a query,
each with what the later matches reported, every sentence citing its article and date.
Verdict, pin, drop and note keys work as in the pair view (``n``/``N`` choose one of the
developments shown; a dropped one stays listed, struck through, so ``u`` can bring it
back) and are kept under the topic in the links file.

:class:`NextScreen`: from one concern, the later sentences across the corpus that
answer it, best first.

The engine does the work (``search.compare``, ``search.links``); these screens paint
its sentences as plain ``Text``.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from search.model import Cancelled
from tui.messages import AnswersFound, ComparisonFailed, ComparisonReady
from tui.screens.compare import VERDICT_KEYS, NoteScreen
from tui.screens.help import HelpFirst
from tui.screens.unsaved import warned_before_leaving
from tui.widgets.lists import KeyList
from tui.widgets.text import format_date, one_line


def _scroll_below(box: VerticalScroll, above: Text | None) -> None:
    """Scroll ``box`` so the line after the text ``above`` (and a blank line) is in view."""
    width = box.scrollable_content_region.width
    if above is None or width <= 0:
        return
    line = len(above.wrap(box.app.console, width)) + 1  # its blank line, then it
    if not box.scroll_y <= line < box.scroll_y + box.scrollable_content_region.height:
        box.scroll_to(y=max(0, line - 1), animate=False)


def _n(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _cite(article) -> str:
    return f"{article.source or article.id} · {format_date(article.published)}"


def _sentence(text: str, article, style: str = "") -> Text:
    """A sentence and, dimmed, where and when it was written."""
    out = Text(one_line(text), style=style, end="")
    out.append(f"  ({_cite(article)}: {article.title or article.id})", style="dim")
    return out


#: The footer shows 1-5 as one entry.
VERDICT_GROUP = Binding.Group("Verdict", compact=True)
CONCERN_GROUP = Binding.Group("Concern", compact=True)


class ConcernList(KeyList):
    """The topic's concerns: j/k (the list's own keys) shown in the footer."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next concern", group=CONCERN_GROUP, id="topic.next_concern"),
        Binding(
            "k", "cursor_up", "Previous concern", group=CONCERN_GROUP, id="topic.previous_concern"
        ),
    ]


class TopicCompareScreen(HelpFirst, Screen):
    """Concerns of the earlier matches of ``query`` against the later matches."""

    DEFAULT_CSS = """
    TopicCompareScreen #topic-concerns { height: 1fr; border: round $primary 40%; }
    TopicCompareScreen #topic-concerns:focus { border: round $primary; }
    TopicCompareScreen #topic-detail { height: 1fr; border: round $primary 40%; padding: 0 1; }
    TopicCompareScreen #topic-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="topic.back"),
        Binding("n", "dev_cursor(1)", "Next development", id="topic.next_development"),
        Binding(
            "N",
            "dev_cursor(-1)",
            "Previous development",
            show=False,
            id="topic.previous_development",
        ),
        Binding("p", "curate('pin')", "Pin", id="topic.pin"),
        Binding("d", "curate('drop')", "Drop", id="topic.drop"),
        Binding("u", "curate('unset')", "Clear pin/drop", show=False, id="topic.unset"),
        Binding("e", "note", "Note", id="topic.note"),
        Binding("w", "next", "What happened next", id="topic.next"),
        *(
            Binding(
                key,
                f"verdict({key!r})",
                verdict.capitalize(),
                group=VERDICT_GROUP,
                id=f"topic.{key}",
            )
            for key, verdict in VERDICT_KEYS.items()
        ),
        Binding(
            "0",
            "verdict('0')",
            "Clear my verdict (shared or engine's)",
            show=False,
            id="topic.verdict_auto",
        ),
    ]

    def __init__(self, corpus, query: str) -> None:
        super().__init__()
        self.corpus, self.topic = corpus, query
        self.raw = None  # the engine's reading
        self.result = None  # with the analysts' decisions
        self.store = None
        self._warned_unsaved = 0  # how many unsaved verdicts leaving last warned of
        #: The development chosen in the detail (what p, d and u act on), by its key.
        self.chosen: str | None = None
        self._concern: str | None = None  # the key of the concern shown

    def compose(self) -> ComposeResult:
        yield ConcernList(id="topic-concerns")
        with VerticalScroll(id="topic-detail"):
            yield Static("", id="topic-text", markup=False)
        yield Static("comparing…", id="topic-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#topic-concerns").border_title = "Concerns"
        self.query_one("#topic-detail").border_title = "What the later articles report"
        self._compare()

    @work(thread=True, exclusive=True, group="topic", exit_on_error=False)
    def _compare(self) -> None:
        from search.links import topic_comparison

        try:
            raw, store = topic_comparison(self.corpus, self.topic, curated=False)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.post_message(ComparisonFailed(str(exc)))
            return
        self.post_message(ComparisonReady(raw, store))

    def on_comparison_failed(self, message: ComparisonFailed) -> None:
        self._failed(message.error)

    def on_comparison_ready(self, message: ComparisonReady) -> None:
        self._ready(message.raw, message.store)

    def _failed(self, message: str) -> None:
        self.query_one("#topic-status", Static).update(Text(f"cannot compare: {message}"))
        # The status line cuts a long reason off: the whole of it, where it can be read.
        self.notify(message, title="cannot compare", severity="error", timeout=8)

    def _ready(self, raw, store) -> None:
        self.raw, self.store = raw, store
        self._apply(0)
        self.query_one("#topic-concerns").focus()

    def _apply(self, keep: int) -> None:
        """The engine's reading with the analysts' decisions applied; repaint."""
        from search.links import apply_topic

        try:
            self.result = apply_topic(self.raw, self.store.entries())
        except OSError as exc:
            self.result = self.raw
            self.notify(
                f"cannot read the links file {self.store.path} ({exc.strerror or exc}):"
                " showing the engine alone",
                severity="error",
                timeout=8,
            )
        result = self.result
        concerns = self.query_one("#topic-concerns", OptionList)
        concerns.clear_options()
        concerns.add_options(Option(self._row(link), id=link.concern.key) for link in result.links)
        concerns.border_title = (
            f"Concerns of {_n(len(result.earlier), 'article')} before "
            f"{format_date(result.split)} · {len(result.addressed)} answered by "
            f"{_n(len(result.later), 'later one')}"
        )
        if result.links:
            concerns.highlighted = min(keep, len(result.links) - 1)
            self._show(concerns.highlighted)
        else:
            self.query_one("#topic-status", Static).update("no concerns in the earlier articles")
        for notice in result.notices:
            self.notify(notice, severity="warning", timeout=6)

    def _row(self, link) -> Text:
        row = Text(f"{link.verdict:<13}", end="")
        row.append("*" if link.origin == "curated" else " ")
        row.append(f" {len(link.evidence)} " if link.evidence else " – ", style="dim")
        row.append_text(_sentence(link.concern.span.text, self.result.article_of(link.concern.key)))
        return row

    @on(OptionList.OptionHighlighted, "#topic-concerns")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        links = self.result.links if self.result is not None else ()
        key = links[event.option_index].concern.key if event.option_index < len(links) else None
        if key != self._concern:  # another concern; a repaint after a change keeps the choice
            self.chosen, self._concern = None, key
        self._show(event.option_index)

    def _developments(self, index: int) -> list[tuple[object, str]]:
        """The developments shown for a concern, each with its state: "pinned", "" (the
        engine's) or "dropped" (the engine linked it, the analyst dropped it)."""
        link = self.result.links[index]
        shown = [
            (ev.development, "pinned" if ev.origin == "curated" else "") for ev in link.evidence
        ]
        keys = {d.key for d, _ in shown}
        raw = self.raw.links[index] if self.raw is not None else link
        dropped = [
            (ev.development, "dropped")
            for ev in raw.evidence
            if ev.development.key not in keys and raw.concern.key == link.concern.key
        ]
        return shown + dropped

    def _show(self, index: int | None) -> None:
        if self.result is None or index is None or not self.result.links:
            return
        link = self.result.links[index]
        developments = self._developments(index)
        if self.chosen not in {d.key for d, _ in developments}:
            self.chosen = developments[0][0].key if developments else None
        text = Text(end="")
        text.append_text(
            _sentence(link.concern.span.text, self.result.article_of(link.concern.key), "bold")
        )
        if link.note:
            text.append(f"\nnote: {one_line(link.note)}", style="italic")
        above = None  # the text above the chosen development, to scroll it into view
        for development, state in developments:
            chosen = development.key == self.chosen
            if chosen:
                above = text.copy()
            text.append("\n\n▶ " if chosen else "\n\n→ ", style="bold" if chosen else "dim")
            if state:
                text.append(f"[{state}] ", style="bold" if state == "pinned" else "dim")
            style = "strike dim" if state == "dropped" else ("reverse" if chosen else "")
            text.append_text(
                _sentence(development.span.text, self.result.article_of(development.key), style)
            )
        if not link.evidence:
            text.append("\n\nno development found in the later articles", style="dim")
        self.query_one("#topic-text", Static).update(text)
        self._scroll_to(above)
        status = Text(f"concern {index + 1}/{len(self.result.links)} · {link.verdict}", end="")
        if link.judged:
            status.append(" (analyst)")
        if link.note:
            status.append(f" · note: {one_line(link.note)}")
        if developments:
            n = next(i for i, (d, _) in enumerate(developments) if d.key == self.chosen)
            status.append(f" · development {n + 1}/{len(developments)} (n/N: p pin, d drop)")
        self.query_one("#topic-status", Static).update(status)

    def _scroll_to(self, above: Text | None) -> None:
        """Scroll the detail so the chosen development (below ``above``) is in view."""
        _scroll_below(self.query_one("#topic-detail", VerticalScroll), above)

    @property
    def link(self):
        index = self.query_one("#topic-concerns", OptionList).highlighted
        if self.result is None or index is None or not self.result.links:
            return None
        return self.result.links[index]

    def _change(self, method: str, *args) -> None:
        """Record an analyst's decision on the highlighted concern, save it, repaint."""
        from search.links import topic_side

        link = self.link
        if link is None or self.store is None:
            return
        index = self.query_one("#topic-concerns", OptionList).highlighted or 0
        earlier = self.result.article_of(link.concern.key)
        try:
            getattr(self.store, method)(link.concern, earlier, topic_side(self.topic), *args)
        except OSError as exc:
            self.notify(f"not saved: {exc}", severity="error", timeout=8)
            return
        for notice in self.store.notices:  # a verdict the disk refused: kept in memory
            self.notify(notice, severity="warning", timeout=6)
        self.store.notices.clear()
        self._apply(index)

    def action_verdict(self, key: str) -> None:
        self._change("set_verdict", VERDICT_KEYS.get(key))

    def action_dev_cursor(self, delta: int) -> None:
        """Choose the next (previous) development shown for the concern."""
        index = self.query_one("#topic-concerns", OptionList).highlighted
        if self.result is None or index is None or not self.result.links:
            return
        keys = [d.key for d, _ in self._developments(index)]
        if not keys:
            return
        at = keys.index(self.chosen) if self.chosen in keys else -delta
        self.chosen = keys[(at + delta) % len(keys)]
        self._show(index)

    def action_curate(self, method: str) -> None:
        """Pin, drop or clear the chosen development."""
        index = self.query_one("#topic-concerns", OptionList).highlighted
        if self.result is None or index is None or not self.result.links:
            return
        chosen = [d for d, _ in self._developments(index) if d.key == self.chosen]
        if not chosen:
            self.notify("no development to choose for this concern", timeout=3)
            return
        self._change(method, chosen[0])

    def action_note(self) -> None:
        """The analyst's note on the concern (shown here, in --json and the briefing)."""
        link = self.link
        if link is None:
            return

        def save(note: str | None) -> None:
            if note is not None:
                self._change("set_note", note)

        self.app.push_screen(NoteScreen(link.note, link.concern.span.text), save)

    def action_next(self) -> None:
        link = self.link
        if link is not None:
            self.app.push_screen(
                NextScreen(
                    self.corpus,
                    self.result.article_of(link.concern.key),
                    link.concern,
                    pin=self._pin_answer,
                )
            )

    def _pin_answer(self, development) -> str | None:
        """Pin an answer "what happened next" found: one of this topic's later articles."""
        later = {a.id for a in self.result.later}
        if development.key.rsplit(":", 1)[0] not in later:
            return (
                "not pinned: that article is not among this topic's later matches "
                "(pin it in the pair's compare view instead)"
            )
        self._change("pin", development)
        return None

    def action_back(self) -> None:
        if not warned_before_leaving(self):
            self.dismiss()


#: The figure before each answer "what happened next" lists.
SCORE_ABOUT = (
    "The figure before each answer (→ 0.04) is how well it answers the concern: the "
    "share of the concern's words and names it has too, the rarer ones counting more "
    "(0 to 1; under 0.02 is not listed). Answers are later sentences, across the corpus, "
    "of articles on the concern's story, best first."
)


class NextScreen(HelpFirst, ModalScreen):
    """What happened next: the later sentences across the corpus that answer a concern."""

    DEFAULT_CSS = """
    NextScreen { align: center middle; }
    NextScreen #next-box {
        width: 90%; height: 80%; border: round $primary; background: $surface; padding: 0 1;
    }
    """
    #: What the help says about the view, above its keys.
    HELP_ABOUT = SCORE_ABOUT
    HELP_TITLE = "what happened next"
    HELP_WHEN = {"pin": "from a topic compare", "step": "from a topic compare"}
    BINDINGS = [
        Binding("escape,w,q", "dismiss", "Close", id="next.close"),
        # A modal screen has none of the app's keys: its help is its own.
        Binding("question_mark,f1", "app.help", "Help", id="next.help"),
        Binding("n", "step(1)", "Next answer", id="next.next_answer"),
        Binding("N", "step(-1)", "Previous answer", show=False, id="next.previous_answer"),
        Binding("p", "pin", "Pin to the concern", id="next.pin"),
    ]

    def __init__(self, corpus, article, concern, pin=None) -> None:
        """``pin``, if given, pins a chosen answer (a Development) to the concern and
        returns None, or returns why it cannot (then ``p`` says so)."""
        super().__init__()
        self.corpus, self.article, self.concern, self.pin = corpus, article, concern, pin
        self.answers: tuple = ()
        self.by_id: dict = {}
        self.chosen = 0
        self.above: Text | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pin", "step"):  # only where an answer can be pinned
            return self.pin is not None
        return True

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="next-box"):
            yield Static("looking across the corpus…", id="next-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#next-box")
        box.border_title = "What happened next"
        box.border_subtitle = "escape, w or q closes · ? help"
        self._look()

    @work(thread=True, exclusive=True, group="next", exit_on_error=False)
    def _look(self) -> None:
        worker = get_current_worker()
        try:
            # Closing the view cancels this worker: a thread cannot be stopped, but the
            # engine asks before each article it reads and stops.
            answers, later = self.corpus.what_happened_next(
                self.article,
                self.concern.key,
                self.concern.span.text,
                given_up=lambda: worker.is_cancelled,
            )
        except Cancelled:
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.post_message(AnswersFound(Text(f"cannot look: {exc}")))
            return
        self.answers, self.by_id = answers, {a.id: a for a in later}
        self.post_message(AnswersFound(self._text()))

    def _text(self) -> Text:
        text = _sentence(self.concern.span.text, self.article, "bold")
        self.above = None  # the text above the chosen answer, to scroll it into view
        for i, ev in enumerate(self.answers):
            chosen = self.pin is not None and i == self.chosen
            if chosen:
                self.above = text.copy()
            text.append("\n\n▶ " if chosen else "\n\n→ ", style="bold" if chosen else "dim")
            text.append(f"{ev.score:.2f} ", style="dim")
            article = self.by_id[ev.development.key.rsplit(":", 1)[0]]
            text.append_text(
                _sentence(ev.development.span.text, article, "reverse" if chosen else "")
            )
        if not self.answers:
            text.append("\n\nnothing later in the corpus answers it", style="dim")
            return text
        text.append("\n\n")
        if self.pin is not None:
            text.append("n/N choose an answer, p pins it to the concern. ", style="dim")
        text.append(
            "The figure before an answer: the share of the concern's words and names it "
            "has too, rarer ones counting more (0 to 1). Escape, w or q closes.",
            style="dim",
        )
        return text

    def on_answers_found(self, message: AnswersFound) -> None:
        self.query_one("#next-text", Static).update(message.text)

    def action_step(self, delta: int) -> None:
        if self.answers:
            self.chosen = (self.chosen + delta) % len(self.answers)
            self.query_one("#next-text", Static).update(self._text())
            _scroll_below(self.query_one("#next-box", VerticalScroll), self.above)

    def action_pin(self) -> None:
        if not self.answers or self.pin is None:
            return
        why_not = self.pin(self.answers[self.chosen].development)
        if why_not:
            self.notify(why_not, severity="warning", timeout=5)
        else:
            self.notify("pinned to the concern", timeout=3)
