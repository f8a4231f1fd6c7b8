"""The search pane: a query box, a status line, the result list and facets.

Search as you type, done the way Textual's dictionary example does it: each change
restarts a short debounce timer; the search runs in an exclusive thread worker (Whoosh
is synchronous), and a generation counter makes sure a stale result never replaces a
newer one, so a keystroke never waits for the index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import evolve
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.worker import get_current_worker

from search.model import Cancelled, QueryError, SearchResult
from tui.keymap import key_for
from tui.messages import (
    CompareTopic,
    FacetsCounted,
    FocusQuery,
    OpenArticle,
    ResultsFetched,
    SearchFailed,
    SetQuery,
    ShowMark,
    ToggleMark,
)
from tui.screens.help import HelpFirst
from tui.widgets.facets import FacetList, parse_option_id
from tui.widgets.results import ResultList

if TYPE_CHECKING:
    from search.corpus import Corpus

#: Seconds of quiet typing before a query runs. A search typed past is given up (the
#: engine asks as it goes), so a short pause costs little when the typing goes on.
DEBOUNCE = 0.08
#: Hits asked of the engine per query.
LIMIT = 50


class QueryBox(Input):
    """The query box; arrows and page keys move the result cursor while you type."""

    BINDINGS = [
        Binding("enter", "submit", "Open", id="search.query.open"),
        # vim's normal mode: one Escape and single-letter keys (c, q, ?) work again.
        Binding("escape", "screen.leave_query", "Results", id="search.query.leave"),
        Binding("down", "screen.move(1)", "Next result", show=False, id="search.query.next_result"),
        Binding(
            "up",
            "screen.move(-1)",
            "Previous result",
            show=False,
            id="search.query.previous_result",
        ),
        Binding(
            "pagedown",
            "screen.move(5)",
            "Results page down",
            show=False,
            id="search.query.page_down",
        ),
        Binding(
            "pageup", "screen.move(-5)", "Results page up", show=False, id="search.query.page_up"
        ),
    ]


class SearchScreen(HelpFirst, Screen):
    """Where dossier opens: every article newest first, narrowed as the user types."""

    AUTO_FOCUS = "#query"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]

    #: The search on screen (None: every article, no query). What the footer offers
    #: (accept the did-you-mean) follows it.
    result: reactive[SearchResult | None] = reactive(None, init=False)

    BINDINGS = [
        Binding("enter", "open", "Open", id="search.open"),
        Binding(
            "ctrl+y", "accept_suggestion", "Accept did-you-mean", id="search.accept_suggestion"
        ),
        Binding("ctrl+f", "facets", "Facets", id="search.facets"),
        Binding("ctrl+r", "clear_filters", "Clear filters", show=False, id="search.clear_filters"),
        Binding("escape", "escape", "Query box", show=False, id="search.back"),
        Binding("m", "mark", "Mark for compare", id="search.mark"),
        Binding("ctrl+t", "compare_topic", "Compare topic", id="search.compare_topic"),
    ]

    #: For the help: when the keys check_action hides work.
    HELP_WHEN = {
        "accept_suggestion": "when offered",
        "clear_filters": "with a filter on",
    }

    def __init__(self) -> None:
        super().__init__()
        # The breakpoint class the first resize would set, set now: changing it then
        # restyles every widget before the first frame.
        try:
            width = self.app.size.width
        except Exception:  # noqa: BLE001 - no app yet (constructed outside one)
            width = 0
        self.add_class(
            next(c for w, c in reversed(self.HORIZONTAL_BREAKPOINTS) if width >= w), update=False
        )
        self.filters: dict[str, str] = {}
        self._generation = 0
        self._timer = None
        self._error: str | None = None
        #: The corpus' foreground, held from a keystroke until its search runs.
        self._typing = None

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield QueryBox(
            placeholder='Search articles (words, "phrases", source:, entity:"Name")',
            id="query",
            select_on_focus=False,
        )
        yield Static("", id="status", markup=False)
        with Horizontal(id="panes"):
            yield ResultList(id="results")
            yield FacetList(id="facets")
        # The footer costs about as much to build as the rest of this screen, so the first
        # frame (articles listed) goes out without it; this slot holds its line meanwhile.
        yield Static("", id="footer-slot", markup=False)

    def on_mount(self) -> None:
        query = self.query_one("#query", Input)
        query.cursor_blink = False  # calmer over SSH, and stable snapshots
        query.focus()  # AUTO_FOCUS waits for the terminal to report focus; this does not
        self.call_after_refresh(self._mount_footer)
        self.query_one("#results", ResultList).border_title = "Articles"
        self.query_one("#facets", FacetList).border_title = "Filter"
        self._status(Text("Opening corpus…"))
        # Highlight colours come from the theme: re-render when it changes.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._refresh_now())
        # The app's corpus (and why it failed, if it did) are reactive: follow them.
        self.watch(self.app, "corpus", self.corpus_ready, init=False)
        self.watch(self.app, "corpus_error", self.corpus_failed, init=False)
        if self.app.corpus is not None:
            self.corpus_ready()
        elif self.app.preview:
            self._show_all()
        elif self.app.corpus_error:
            self.corpus_failed(self.app.corpus_error)

    async def _mount_footer(self) -> None:
        from textual.widgets import Footer

        slot = self.query_one("#footer-slot", Static)
        await self.mount(Footer(), before=slot)
        await slot.remove()
        self.refresh_bindings()  # a footer mounted late fills itself on the next update

    @property
    def corpus(self) -> Corpus | None:
        return self.app.corpus

    def corpus_ready(self) -> None:
        """The corpus is open (or was reopened): show what the query box asks for.
        Called when the app's reactive ``corpus`` changes."""
        corpus = self.corpus
        if corpus is None:
            return
        for notice in corpus.notices:
            self.notify(notice, title="Corpus", timeout=6)
        if corpus.skipped:
            n = len(corpus.skipped)
            self.notify(
                f"{n} file{'s' if n != 1 else ''} not indexed; `dossier index` says why",
                severity="warning",
                timeout=6,
            )
        self._refresh_now()

    def show_reindexing(self, n: int | None, total: int | None) -> None:
        """A rebuild's progress under the list (the list is the index as it was, which
        searches meanwhile); None: the rebuild ended."""
        results = self.query_one("#results", ResultList)
        results.border_subtitle = (
            None if n is None or total is None else f"reindexing: {n:,} of {total:,} files read"
        )

    def show_building(self, n: int, total: int) -> None:
        """How far the first open's build has got (the app polls the builder)."""
        from tui.progress import line

        self._status(line(n, total))

    def corpus_failed(self, message: str | None) -> None:
        """Called when the app's reactive ``corpus_error`` changes."""
        if message:
            self._status(Text(message + " (Escape, then q quits; ctrl+q anywhere)"), error=True)

    # -- typing and searching -------------------------------------------------------------

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._generation += 1
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._refresh_now)
        corpus = self.corpus
        if self._typing is None and corpus is not None:
            # The user is typing: background work on the index (the facet table, as the
            # explorer opens) steps aside until the search runs, which holds it itself.
            self._typing = corpus.foreground
            self._typing.__enter__()

    def _stop_typing(self) -> None:
        typing, self._typing = self._typing, None
        if typing is not None:
            typing.__exit__(None, None, None)

    def on_unmount(self) -> None:
        self._stop_typing()

    def _refresh_now(self) -> None:
        self._timer = None
        self._generation += 1
        self._stop_typing()
        if self.corpus is None:
            return
        query = self.query_one("#query", Input).value.strip()
        if not query and not self.filters:
            self._show_all()
            return
        self._search(query, dict(self.filters), self._generation)

    @work(exclusive=True, thread=True, group="search")
    def _search(self, query: str, filters: dict[str, str], generation: int) -> None:
        corpus = self.corpus
        if corpus is None:
            return
        worker = get_current_worker()

        def given_up() -> bool:
            # Typed on meanwhile: its result would never be shown. A thread cannot be
            # stopped, but the engine asks this as it goes and stops.
            return worker.is_cancelled or generation != self._generation

        try:
            # The hits first, then the facets alone: a keystroke's results never wait
            # for the facets of every match (seconds, the first time, at 50,000), and
            # the list is not laid out again when they come.
            result = corpus.search(query, limit=LIMIT, filters=filters or None, given_up=given_up)
            self.post_message(ResultsFetched(generation, result))
            if given_up():
                return
            facets = corpus.facets(query, filters=filters or None, given_up=given_up)
        except Cancelled:
            return
        except QueryError as exc:
            self.post_message(SearchFailed(generation, str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - an engine failure is shown, never a crash
            self.post_message(SearchFailed(generation, f"search failed: {exc}"))
            return
        self.post_message(FacetsCounted(generation, facets))

    def _current(self, generation: int) -> bool:
        """True if nothing newer has been typed since this generation started."""
        return generation == self._generation and self.is_attached

    def _show_all(self) -> None:
        corpus = self.corpus
        articles = self.app.listing
        self._error = None
        self.result = None
        results = self.query_one("#results", ResultList)
        results.show_articles(articles)
        results.remove_class("-stale")
        results.border_title = "Articles, newest first"
        n = len(articles)
        status = Text(f"{n} article{'s' if n != 1 else ''}")
        if corpus is None:
            status.append(" · opening the index…", style="dim")
        self._status(status)
        if corpus is not None:
            self._show_facets_for_all()
        self.refresh_bindings()

    def _show_facets_for_all(self) -> None:
        # Facets with no query come from the engine's match-everything search, in the
        # background, so the list above never waits for them.
        self._facets_for_all(self._generation)

    @work(exclusive=True, thread=True, group="facets")
    def _facets_for_all(self, generation: int) -> None:
        corpus = self.corpus
        if corpus is None:
            return
        try:
            facets = corpus.facets("")
        except Exception:  # noqa: BLE001 - facets are a convenience; the list is already shown
            return
        self.post_message(FacetsCounted(generation, facets))

    @on(FacetsCounted)
    def _show_facets(self, message: FacetsCounted) -> None:
        if not self._current(message.generation):
            return
        facets = message.facets
        self.query_one("#facets", FacetList).show(facets, self.filters)
        result = self.result
        if result is not None and not result.total_exact and facets.matched is not None:
            # Counting stopped at the cap for the hits; the facets counted every match.
            self.result = evolve(result, total=facets.matched, total_exact=True)
            self._show_status(self.result)

    @on(SearchFailed)
    def _show_error(self, message: SearchFailed) -> None:
        if not self._current(message.generation):
            return
        self._error = message.error
        self._status(Text(message.error, style="bold"), error=True)
        # The list below is still the last valid query's: say so, and dim it, rather than
        # leave it under "Results, best first" as if it were this query's.
        results = self.query_one("#results", ResultList)
        results.add_class("-stale")
        last = self.result.query if self.result is not None else ""
        shown = ", ".join(f"{key}: {value}" for key, value in self.filters.items())
        every = f"Every article with {shown}" if shown else "Every article"
        # Content, not a str: a str title is read as markup, and the query is the user's.
        results.border_title = Content(
            f"Results for the last valid query: {last}"
            if last
            else f"{every} (the query above has an error)"
        )

    @on(ResultsFetched)
    def _show_result(self, message: ResultsFetched) -> None:
        if not self._current(message.generation):
            return  # a newer query is on its way; never let this one overwrite it
        result = message.result
        self._error = None
        same = self.result is not None and self.result.query == result.query
        self.result = result  # reactive: the footer's bindings follow (watch_result)
        results = self.query_one("#results", ResultList)
        results.show_hits(result.hits, keep=same)
        results.remove_class("-stale")
        results.border_title = "Results, best first"  # the facets follow (FacetsCounted)
        self._show_status(result)

    def _show_status(self, result: SearchResult) -> None:
        status = Text(end="")
        more = "" if result.total_exact else "more than "
        plural = "s" if result.total != 1 or not result.total_exact else ""
        status.append(f"{more}{result.total} hit{plural}")
        if result.total > len(result.hits):
            status.append(f" (best {len(result.hits)} shown)")
        status.append(f" · {result.elapsed_ms:.0f} ms")
        for key, value in self.filters.items():
            status.append(" · ")
            status.append(f"{key}: {value}", style="bold")
        if self.filters:
            status.append(f"  ({key_for(self, 'clear_filters', '^r')} clears)", style="dim")
        if result.suggestion:
            status.append(" · did you mean ")
            status.append(result.suggestion, style="bold italic")
            status.append(f"? ({key_for(self, 'accept_suggestion', '^y')} accepts)")
        for notice in result.notices:  # "'johnson' is written for 2 names, all matched ..."
            status.append(" · ")
            status.append(notice, style="italic")
        self._status(status)

    def watch_result(self) -> None:
        self.refresh_bindings()

    def _status(self, text: Text, *, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.set_class(error, "-error")
        status.update(text)

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept_suggestion":
            return bool(self.result is not None and self.result.suggestion)
        if action == "clear_filters":
            return bool(self.filters)
        return True

    def action_move(self, delta: int) -> None:
        results = self.query_one("#results", ResultList)
        if results.option_count == 0:
            return
        current = results.highlighted if results.highlighted is not None else -1
        results.highlighted = max(0, min(results.option_count - 1, current + delta))

    def action_open(self) -> None:
        results = self.query_one("#results", ResultList)
        article_id = results.current_id
        if article_id is not None:
            query = self.result.query if self.result is not None and results.hits else ""
            # Back from the reader, keys are keys: the results have the focus, not the box.
            results.focus()
            self.post_message(OpenArticle(article_id, query))

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    @on(OptionList.OptionSelected, "#results")
    def _result_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    @on(OptionList.OptionSelected, "#facets")
    def _facet_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        if self._refused_while_in_error():
            return
        key, value = parse_option_id(event.option.id)
        if self.filters.get(key) == value:
            del self.filters[key]
        else:
            self.filters[key] = value
        self._refresh_now()

    def action_mark(self) -> None:
        """Mark the highlighted article (again: unmark it); c on another compares them."""
        results = self.query_one("#results", ResultList)
        if results.current_id is not None:
            self.post_message(ToggleMark(results.current_id))

    def action_compare_topic(self) -> None:
        """The query's earlier matches' concerns against its later matches."""
        self.post_message(CompareTopic(self.query_one("#query", Input).value))

    @on(ShowMark)
    def _show_mark(self, message: ShowMark) -> None:
        self.query_one("#results", ResultList).set_marked(message.article_id)

    @property
    def highlighted_id(self) -> str | None:
        """The article under the result cursor."""
        return self.query_one("#results", ResultList).current_id

    def action_clear_filters(self) -> None:
        if self.filters and not self._refused_while_in_error():
            self.filters.clear()
            self._refresh_now()

    def _refused_while_in_error(self) -> bool:
        """A filter filters a query's results: with the query in error there are none,
        and the list below is the last valid query's. Say so rather than claim a filter
        the list does not show."""
        if self._error is None:
            return False
        self.notify(
            "the query has an error: fix it (or clear it) first, then filter its results",
            title="Filter",
            severity="warning",
            timeout=5,
        )
        return True

    def action_accept_suggestion(self) -> None:
        if self.result is not None and self.result.suggestion:
            self.set_query(self.result.suggestion)

    def action_facets(self) -> None:
        facets = self.query_one("#facets", FacetList)
        if facets.has_focus:
            self.focus_query()
            return
        facets.display = True
        facets.add_class("-shown")
        facets.focus()

    def action_escape(self) -> None:
        """Escape from the facets: hide them (on a narrow screen) and go to the results."""
        self.query_one("#facets", FacetList).remove_class("-shown")
        self.query_one("#results", ResultList).focus()

    def action_leave_query(self) -> None:
        """Escape in the query box: to the results, where letters are keys again."""
        self.query_one("#results", ResultList).focus()

    # -- asked by the app (messages) ------------------------------------------------------

    @on(FocusQuery)
    def _focus_requested(self, message: FocusQuery) -> None:
        self.focus_query()

    @on(SetQuery)
    def _query_requested(self, message: SetQuery) -> None:
        self.set_query(message.query)

    def focus_query(self) -> None:
        """The query box, its text selected: typing replaces it, an arrow key keeps it."""
        box = self.query_one("#query", Input)
        box.focus()
        box.select_all()

    def set_query(self, query: str) -> None:
        """Replace the query (e.g. an entity search from the reader) and run it."""
        box = self.query_one("#query", Input)
        box.value = query
        box.cursor_position = len(query)
        box.focus()
        self._refresh_now()
