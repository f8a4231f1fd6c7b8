"""The explorer app: a thin shell that opens the corpus and pushes screens.

Construct it with a ready ``corpus`` (tests: a Corpus on a tmp folder and tmp cache), or
with ``open_corpus``, a callable run in a thread worker so the first frame never waits
for the index (``dossier`` starts opening the index before Textual is even imported).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Input

from tui.messages import (
    CompareTopic,
    CorpusFailed,
    CorpusOpened,
    FocusQuery,
    OpenArticle,
    SearchFor,
    SetQuery,
    ShowMark,
    ToggleMark,
)
from tui.palette import ArticleProvider
from tui.screens.search import SearchScreen
from tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

if TYPE_CHECKING:
    from textual.timer import Timer

    from search.corpus import Corpus
    from search.model import Article
    from tui.hangup import Hangup
    from tui.progress import Building

DARK = Theme(
    name="dossier-dark",
    primary="#5FA8D3",
    secondary="#9A8CCF",
    accent="#E0A458",
    warning="#E0C058",
    error="#E06C75",
    success="#7FBF7F",
    foreground="#E4E4E4",
    background="#16181C",
    surface="#1E2127",
    panel="#262A31",
    dark=True,
)
LIGHT = Theme(
    name="dossier-light",
    primary="#1F5F8B",
    secondary="#5B4B9A",
    accent="#A2570B",
    warning="#8A6D00",
    error="#B3261E",
    success="#2E6B30",
    foreground="#1C1C1C",
    background="#FAFAF7",
    surface="#F0EFEA",
    panel="#E4E2DA",
    dark=False,
)
#: Config names -> registered themes ("dark"/"light" are what the config file documents).
#: How long after start-up keys typed before the query box has the focus are kept for it.
TYPEAHEAD_SECONDS = 3.0

THEME_ALIASES = {"dark": DARK.name, "light": LIGHT.name}


class DossierApp(App[None]):
    """dossier's explorer."""

    TITLE = "dossier"
    CSS_PATH = Path(__file__).parent / "dossier.tcss"
    COMMANDS = App.COMMANDS | {ArticleProvider}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("c", "compare", "Compare", id="app.compare"),
        Binding("f5", "rescan", "Look for new files", show=False, id="app.rescan"),
        # As in a shell: to the background, and `fg` brings it back (not from a modal
        # box such as the note's, which keeps its keys to itself).
        Binding("ctrl+z", "suspend_process", "Suspend (fg resumes)", show=False, id="app.suspend"),
        Binding(
            "ctrl+p", "command_palette", "Palette", id="app.palette", priority=True, show=False
        ),
    ]

    #: The open corpus; None while it opens. Screens watch it (``self.watch(app, "corpus")``).
    corpus: reactive[Corpus | None] = reactive(None, init=False)
    #: Why the corpus could not be opened, if it could not.
    corpus_error: reactive[str | None] = reactive(None, init=False)

    def __init__(
        self,
        corpus: Corpus | None = None,
        *,
        open_corpus: Callable[[], Corpus] | None = None,
        preview: Sequence[Article] = (),
        cache_dir: Path | None = None,
        keys: Mapping[str, str] | None = None,
        theme: str | None = None,
        problems: Iterable[str] = (),
        hangup: Hangup | None = None,
        building: Building | None = None,
        remember_session: bool = False,
        first_frame: Callable[[], object] | None = None,
    ) -> None:
        """``remember_session``: start from the last run's query and mark on this corpus,
        and keep them for the next (tui.session); the `dossier` command does.
        ``first_frame``: called once the first frame is on screen (the `dossier` command
        turns the cycle collector back on then)."""
        super().__init__()
        self._first_frame = first_frame
        #: Where the build that opens the corpus has got (the opener's progress callback).
        self.building = building
        self.set_reactive(DossierApp.corpus, corpus)
        self._open_corpus = open_corpus
        #: Articles to list until the corpus is open (from tui.catalog), without bodies.
        self.preview: Sequence[Article] = preview  # a catalog.Listing: rows made on demand
        self.cache_dir = cache_dir  # for reindexing: where the index lives
        self._reindexing: Timer | None = None  # shows a rebuild's progress while it runs
        self._pending_open: tuple[str, str] | None = None
        from tui.keymap import current_ids

        self._keys, renamed = current_ids(keys or {})
        self._problems = (*problems, *renamed)
        #: Set up when running in a terminal (tui.hangup); None under run_test.
        self.hangup: Hangup | None = hangup
        #: Quitting was refused once for changes the disk refused: the next quit goes.
        self._warned_quit = 0  # how many unsaved changes the last quit warned of
        #: The article marked with m: c on another article compares the two.
        self.marked: str | None = None
        #: The corpus whose last query and mark were restored (tui.session); None before.
        self._session_restored: str | None = None
        self._remember_session = remember_session
        #: The first article of the palette's "Compare with…".
        self.compare_anchor: str | None = None
        self.animation_level = "none"
        #: Keys typed before anything had the focus (start-up): the query box gets them.
        self._typeahead: list[events.Key] | None = []
        self.register_theme(DARK)
        self.register_theme(LIGHT)
        self._set_initial_theme(self._theme_name(theme))

    def _set_initial_theme(self, name: str) -> None:
        """What ``self.theme = name`` does, minus re-parsing every stylesheet.

        The stylesheet has not been parsed yet, so giving it the theme's variables now
        is enough; assigning the reactive would parse all CSS twice before the first frame.
        """
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        dark = self.current_theme.dark
        stale = {c: False for c in self.classes if c.startswith("-theme-")}
        self.update_classes(
            {**stale, f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark},
            update=False,
        )
        self._refresh_truecolor_filter(self.ansi_theme)

    def _theme_name(self, name: str | None) -> str:
        if not name:
            return DARK.name
        name = THEME_ALIASES.get(name.strip().lower(), name.strip())
        if name in self.available_themes:
            return name
        self._problems += (f"unknown theme {name!r}; using {DARK.name}",)
        return DARK.name

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text, whoever asks (screens ask for markup,
        Textual's default): they carry titles, file paths, error messages and lines of a
        broken config file, in which ``[`` must stay a bracket and never crash the app."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    async def action_quit(self) -> None:
        """q and ctrl+q: quit, unless verdicts the disk refused would be lost. Then say
        so once (as escape does in the compare view), and quit on the next press."""
        unsaved = 0
        for screen in self.screen_stack:
            store = getattr(screen, "store", None)
            if store is not None and hasattr(store, "save_pending") and not store.save_pending():
                unsaved += store.unsaved
        if unsaved and unsaved != self._warned_quit:  # once for these, again for more
            self._warned_quit = unsaved
            self.notify(
                f"{unsaved} change(s) could not be saved (see above) and are lost if you "
                "quit now: free some space and press q again, or press it to quit anyway",
                severity="error",
                timeout=10,
            )
            return
        await super().action_quit()

    def action_help_quit(self) -> None:
        """ctrl+c: which key quits, in plain words. Textual's own message is markup
        ("Press [b]ctrl+q[/b]..."), which our notify shows as written, tags and all."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Press {key} to quit the app", title="Do you want to quit?")
                return

    # -- start-up -------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return SearchScreen()

    async def on_event(self, event: events.Event) -> None:
        """Keep what is typed before the query box has the focus: Textual reads the
        terminal from before the first frame, and a key with nowhere to go is dropped, so
        a query typed as the explorer starts lost its first letters."""
        if (
            self._typeahead is not None
            and isinstance(event, events.Key)
            and not event.is_forwarded
            and self.focused is None
            and isinstance(self.screen, SearchScreen)  # not "too small", not a dialog
            and (event.is_printable or event.key == "backspace")
        ):
            self._typeahead.append(event)
            return
        await super().on_event(event)

    def _type_ahead(self, focused) -> None:
        """The first focus (the query box): what was typed before it goes there, in order.
        Keys are kept for the start-up only: with nothing focused by then they are
        dropped, and the keys after them go where keys go (never stored unseen)."""
        keys, self._typeahead = self._typeahead or [], None
        for key in keys if focused is not None else ():
            focused._forward_event(key)

    def _typeahead_expired(self) -> None:
        """The start-up's type-ahead ends: keys still kept go to the focus, if any. The
        timer can fire as the app closes, with no screen left to ask for the focus."""
        if self._typeahead is None:
            return
        self._type_ahead(self.screen.focused if self._screen_stack else None)

    def on_mount(self) -> None:
        from tui import leaving

        leaving.install()  # quitting never waits for a search or a build in a thread
        self.app_resume_signal.subscribe(self, self._repaint_after_resume)
        if self._first_frame is not None:
            self.call_after_refresh(self._first_frame)
        self.watch(self.screen, "focused", self._type_ahead, init=False)
        self.set_timer(TYPEAHEAD_SECONDS, self._typeahead_expired)
        if self._keys:
            self.set_keymap(self._keys)
        for problem in self._problems:
            self.notify(problem, title="Config", severity="warning", timeout=8)
        self._check_size()
        if not self.is_headless:
            self._exit_with_the_terminal()
        if self.corpus is not None and self._remember_session:
            self.call_after_refresh(self._restore_session, self.corpus)
        if self.corpus is None and self._open_corpus is not None:
            if self.building is not None:
                self._building_timer = self.set_interval(0.2, self._show_building)
            if self.preview:  # the list is on screen already: open the index after it
                self.call_after_refresh(self._load_corpus, self._open_corpus)
            else:
                self._load_corpus(self._open_corpus)

    def _exit_with_the_terminal(self) -> None:
        """Quit when the terminal goes away (an SSH connection drops, tmux kills the pane),
        whatever the UI thread and the workers are doing: see tui.hangup."""
        if self.hangup is None:
            from tui.hangup import Hangup

            self.hangup = Hangup(self._exit_from_anywhere)
            self.hangup.install()

    def _repaint_after_resume(self, _app: App) -> None:
        """Back from ctrl+z (`fg`): the terminal's screen is the shell's, so draw it all
        again (Textual draws only what changed, which is nothing)."""
        self.screen.refresh(repaint=True, layout=True)

    def _exit_from_anywhere(self) -> None:
        """``exit`` from a signal handler or another thread, without waiting for the loop."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.exit)

    def exit(self, result=None, return_code: int = 0, message=None) -> None:
        self._keep_session()
        super().exit(result, return_code, message)
        if self.hangup is not None:
            # The loop's shutdown waits for thread workers (an index build does not stop
            # halfway): if it has not ended soon, end the process (tui.hangup).
            self.hangup.quitting(return_code)

    def _show_building(self) -> None:
        """Files read of the total while the first open builds the index."""
        state = self.building.state if self.building is not None else None
        if self.corpus is not None:
            self._building_timer.stop()
        elif state is not None and self.search_screen.is_mounted:
            self.search_screen.show_building(*state)

    @property
    def listing(self) -> Sequence[Article]:
        """Every article, newest first: the saved list while it is what the index holds."""
        if self.corpus is None or (self.preview and self.corpus.report.trusted):
            return self.preview
        return self.corpus.articles

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def _load_corpus(self, opener: Callable[[], Corpus]) -> None:
        try:
            corpus = opener()
        except Exception as exc:  # noqa: BLE001 - shown to the user, who can quit
            self.post_message(CorpusFailed(f"cannot open the corpus: {exc}"))
            return
        self.post_message(CorpusOpened(corpus))
        corpus.warm_up()  # the user's first query then runs as fast as later ones
        if corpus.report.trusted:
            self._refresh_quietly(corpus.folders)

    def _refresh_exactly(self, folders) -> bool:
        """Look at every file once the corpus is on screen (the quick open trusted the
        folders' mtimes): an edit in place shows when this is done, and is named. The
        looking is done by a child process (tui.refresh), so it never holds the GIL
        while the user types; the index is reopened only if it changed. True if it did.
        Raises what stopped the refresh (the index as it was stays on screen)."""
        from search.corpus import Corpus
        from tui import catalog, refresh

        folder_stamp = catalog.stamp(folders)
        changed = refresh.in_child(folders, self.cache_dir)
        if changed is None:
            shown = self.corpus
            if shown is None or not shown.is_stale():
                return False
            # nothing left to refresh, because another dossier already did it
            changed = "the index was brought up to date by another dossier"
        corpus = Corpus.open(folders, cache_dir=self.cache_dir, quick=True)
        catalog.save(folders, folder_stamp, corpus.articles)  # the articles read here, too
        self.call_from_thread(self._refreshed, corpus, changed)
        return True

    def _refresh_quietly(self, folders) -> None:
        try:
            self._refresh_exactly(folders)
        except Exception as exc:  # noqa: BLE001 - the index as it was is still on screen
            self.log.warning(f"background refresh failed: {exc!r}")

    def action_rescan(self) -> None:
        """Pick up files added, edited or removed since the corpus was opened."""
        if self.corpus is None:
            self.notify("the corpus is still opening", timeout=2)
            return
        self.notify("looking for new, changed or removed files…", timeout=2)
        self._rescan(self.corpus)

    # Its own group: a second f5 replaces the first, but never the open or a reindex.
    @work(thread=True, exclusive=True, group="rescan", exit_on_error=False)
    def _rescan(self, corpus: Corpus) -> None:
        from search.corpus import Corpus
        from tui.refresh import Busy

        try:
            if corpus.report.in_memory:  # no index on disk to compare the files with
                fresh = Corpus.open(corpus.folders, cache_dir=self.cache_dir)
                fresh.articles  # noqa: B018 - read here, not on the UI thread
                self.call_from_thread(
                    self._refreshed, fresh, f"read the files again: {len(fresh.articles)} articles"
                )
            elif not self._refresh_exactly(corpus.folders):
                self.call_from_thread(
                    self.notify, "no file was added, changed or removed", title="Corpus", timeout=4
                )
        except Busy as exc:
            self.call_from_thread(
                self.notify,
                f"{exc}; press f5 again when it is done",
                title="Corpus",
                severity="warning",
                timeout=6,
            )
        except Exception as exc:  # noqa: BLE001 - the index as it was is still on screen
            self.post_message(CorpusFailed(f"cannot look at the files: {exc}", reindex=True))

    def _refreshed(self, corpus: Corpus, changed: str) -> None:
        self.preview = ()
        self.set_corpus(corpus)
        self.notify(changed, title="Corpus", timeout=6)

    @on(CorpusFailed)
    def _corpus_failed(self, message: CorpusFailed) -> None:
        self._reindexed()
        if message.reindex:
            self.notify(message.error, severity="error")
        else:
            self.corpus_error = message.error  # the search screen watches it

    @on(CorpusOpened)
    def _corpus_opened(self, message: CorpusOpened) -> None:
        if message.reindexed:
            self._reindexed()
            self.preview = ()  # the saved list is the old index's
        self.set_corpus(message.corpus)
        if message.reindexed:
            self.notify(f"reindexed {len(message.corpus.articles)} articles", timeout=3)

    def _keep_session(self) -> None:
        """The query and the mark, for the next run on this corpus (tui.session)."""
        if self.corpus is None or self._session_restored is None or not self._screen_stack:
            return
        from tui import session

        try:
            query = self.search_screen.query_one("#query").value
        except Exception:  # noqa: BLE001 - the screen is already gone: keep what was kept
            return
        session.save(self.corpus.key, query, self.marked)

    def _restore_session(self, corpus: Corpus) -> None:
        """Once, when the corpus first opens: last run's query (selected, so typing
        replaces it) and mark, unless the user has typed or marked since the start."""
        from tui import session

        self._session_restored = corpus.key
        query, marked = session.load(corpus.key)
        if marked and self.marked is None:
            try:
                title = corpus.get(marked).title
            except Exception:  # noqa: BLE001 - the article is gone since: no mark
                title = None
            if title is not None:
                self.marked = marked
                self.search_screen.post_message(ShowMark(marked))
                self.notify(f"still marked from last time: {title}", timeout=4)
        box = self.search_screen.query_one("#query")
        if query and not box.value:
            self.search_screen.set_query(query)
            box.select_all()

    def set_corpus(self, corpus: Corpus) -> None:
        """Show ``corpus``: the search screen watches the reactive; a pending open goes on."""
        self.corpus_error = None
        self.corpus = corpus
        if self._session_restored is None and self._remember_session:
            self._restore_session(corpus)
        if self._pending_open is not None:
            article_id, query = self._pending_open
            self._pending_open = None
            self.open_article(article_id, query)

    @property
    def search_screen(self) -> SearchScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, SearchScreen)
        return screen

    # -- terminal size --------------------------------------------------------------------

    def on_resize(self, event) -> None:
        self._check_size(event.size)

    def _check_size(self, size=None) -> None:
        width, height = size if size is not None else self.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        on_top = isinstance(self.screen, TooSmallScreen)
        if small and not on_top:
            self.push_screen(TooSmallScreen())
        elif not small and on_top:
            self.pop_screen()

    # -- navigation -----------------------------------------------------------------------

    def open_article(self, article_id: str, query: str = "", *, start: int = 0) -> None:
        """Push the reader for ``article_id``, with ``query``'s matches highlighted: of
        a very long body, the part (READER_CHARS) from ``start`` (the next part, when the
        user asks for more)."""
        from search.model import CorpusError, QueryError
        from tui.screens.reader import ReaderScreen
        from tui.widgets.text import READER_CHARS, WHOLE_CHARS

        if self.corpus is None:  # listed from the cache: open it as soon as the index is
            self._pending_open = (article_id, query)
            self.notify("opening the index…", timeout=2)
            return
        try:
            article = self.corpus.get(article_id)
        except CorpusError as exc:
            self.notify(str(exc), severity="error")
            return
        # The whole article's entities and matches, as `dossier entities` counts them and
        # so the reader can say a match lies past the part shown; only a body too long to
        # read in a second is looked at as far as the reader shows it.
        end = start + READER_CHARS  # (as far as this part goes, at most)
        upto = None if len(article.body) <= max(WHOLE_CHARS, end) else end
        try:
            entities = self.corpus.entities(article_id, upto=upto)
        except Exception as exc:  # noqa: BLE001 - the article is still worth reading
            self.log.warning(f"entities unavailable: {exc!r}")
            entities = ()
        matches = {}
        if query:
            try:
                matches = self.corpus.matches(article_id, query, upto=upto)
            except (QueryError, CorpusError) as exc:
                self.log.warning(f"matches unavailable: {exc!r}")
        self._pop_to_search()
        self.push_screen(
            ReaderScreen(
                article,
                entities,
                query=query,
                matches=matches,
                start=start,
                whole=upto is None,
            )
        )

    def _pop_to_search(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TooSmallScreen):
            self.pop_screen()

    @on(OpenArticle)
    def _open_requested(self, message: OpenArticle) -> None:
        self.open_article(message.article_id, message.query)

    @on(SearchFor)
    def _search_requested(self, message: SearchFor) -> None:
        """Back to the search screen with ``query`` in the box (e.g. `s` in the reader)."""
        self._pop_to_search()
        self.search_screen.post_message(SetQuery(message.query))

    #: For the help: when the keys check_action hides work.
    HELP_WHEN = {"search": "outside a text box, where / is typed"}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A text box types "/" (Textual cannot tell that its key "slash" is a character
        # the box takes, so the footer would offer a key that does nothing there).
        return not (action == "search" and isinstance(self.focused, Input))

    def action_search(self) -> None:
        self._pop_to_search()
        self.search_screen.post_message(FocusQuery())

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen, live_bindings

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        title = (
            getattr(screen, "HELP_TITLE", "")
            or type(screen).__name__.removesuffix("Screen").lower()
        )
        about = getattr(screen, "HELP_ABOUT", "")
        self.push_screen(HelpScreen(live_bindings(self, screen), title, about))

    @on(CompareTopic)
    def _compare_topic_requested(self, message: CompareTopic) -> None:
        self.compare_topic(message.query)

    @on(ToggleMark)
    def _mark_requested(self, message: ToggleMark) -> None:
        self.toggle_mark(message.article_id)

    def toggle_mark(self, article_id: str) -> None:
        """Mark an article for compare (or unmark it if it is the marked one)."""
        self.marked = None if self.marked == article_id else article_id
        self.search_screen.post_message(ShowMark(self.marked))
        if self.marked is not None:
            self.notify(f"{self._title(article_id)} marked: c on another article compares the two")
        else:
            self.notify("unmarked", timeout=2)

    def _title(self, article_id: str) -> str:
        try:
            return repr(self.corpus.get(article_id).title) if self.corpus else article_id
        except Exception:  # noqa: BLE001 - a stale id: name it as it is
            return article_id

    def _current_article(self) -> str | None:
        """The article open in the reader, or under the explorer's result cursor."""
        from tui.screens.reader import ReaderScreen
        from tui.screens.search import SearchScreen

        screen = self.screen
        if isinstance(screen, ReaderScreen):
            return screen.article.id
        if isinstance(screen, SearchScreen):
            return screen.highlighted_id
        return None

    def action_compare(self) -> None:
        """The marked article against the open or highlighted one, in date order. With no
        mark, the open or highlighted one against the dated article most like it (in a
        corpus of many stories, one on its story); with neither, the corpus's oldest and
        newest dated articles."""
        if self.corpus is None:
            self.notify("the corpus is still opening", timeout=2)
            return
        other = self._current_article()
        if self.marked is not None and other is not None and other != self.marked:
            self.compare_articles(self.marked, other)
            return
        if self.marked is not None:  # never a pair the analyst did not choose
            where = "this is the marked article: " if other == self.marked else ""
            self.notify(
                f"{where}highlight or open another article and press c to compare it with "
                "the marked one (or ctrl+p, Compare with…)",
                timeout=5,
            )
            return
        if other is not None:  # among many stories, the one most like it
            self._compare_with_most_like(other)
            return
        self.notify("comparing the oldest and newest articles; m marks one to choose", timeout=4)
        self.compare_articles(None, None)

    @work(thread=True, exclusive=True, group="partner", exit_on_error=False)
    def _compare_with_most_like(self, article_id: str) -> None:
        """Find the article to compare this one with off the UI thread (a search of the
        whole corpus), then compare the two."""
        try:
            alike = self.corpus.compare_partner(article_id)
        except Exception:  # noqa: BLE001 - a stale id: no choice to offer
            alike = None
        pair = alike is None and sum(a.published is not None for a in self.corpus.articles) == 2
        self.call_from_thread(self._compare_with, article_id, alike, pair)

    def _compare_with(self, article_id: str, alike: str | None, pair: bool = False) -> None:
        if alike is None and pair:  # two dated articles: those two, whatever they share
            self.compare_articles(None, None)
            return
        if alike is None:
            self.notify(
                "no other dated article is like this one: m marks an article, c on another "
                "compares the two (or ctrl+p, Compare with…)",
                timeout=6,
            )
            return
        self.notify(
            f"comparing with {self._title(alike)}, the article most like it; "
            "m marks one to choose (or ctrl+p, Compare with…)",
            timeout=5,
        )
        self.compare_articles(article_id, alike)

    def compare_articles(self, first: str | None, second: str | None) -> None:
        """Compare two articles, the earlier first whatever the order given."""
        from tui.screens.compare import CompareScreen

        if first is not None and second is not None:
            from search.compare import in_date_order

            a, b = in_date_order(self.corpus.get(first), self.corpus.get(second))
            first, second = a.id, b.id
        self.push_screen(CompareScreen(self.corpus, first, second))

    def compare_topic(self, query: str) -> None:
        """Across the corpus: the concerns of the earlier matches of ``query`` against
        the developments of the later ones."""
        from tui.screens.topic import TopicCompareScreen

        if self.corpus is None:
            self.notify("the corpus is still opening", timeout=2)
            return
        if not query.strip():
            self.notify("type a query first: its matches are what a topic compare compares")
            return
        self.push_screen(TopicCompareScreen(self.corpus, query.strip()))

    def action_compare_with(self) -> None:
        """The palette's "Compare with…": pick the article to compare the marked (or the
        open, or highlighted) one with."""
        from textual.command import CommandPalette

        from tui.palette import CompareWithProvider

        if self.corpus is None:
            self.notify("the corpus is still opening", timeout=2)
            return
        self.compare_anchor = self.marked or self._current_article()
        if self.compare_anchor is None:
            self.notify("mark an article with m first, or open one", timeout=4)
            return
        self.push_screen(
            CommandPalette(
                providers=[CompareWithProvider], placeholder="Compare with which article?"
            )
        )

    # -- palette --------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Compare articles", "Earlier concerns against later developments", self.action_compare
        )
        yield SystemCommand(
            "Compare topic",
            "The query's earlier matches' concerns against its later matches",
            lambda: self.compare_topic(self.search_screen.query_one("#query").value),
        )
        yield SystemCommand(
            "Compare with…",
            "Choose the article to compare the marked (or open) one with",
            self.action_compare_with,
        )
        yield SystemCommand(
            "Look for new files",
            "Index files added, changed or removed since the corpus was opened",
            self.action_rescan,
        )
        yield SystemCommand(
            "Reindex corpus", "Rebuild the search index from the article files", self.action_reindex
        )
        yield SystemCommand("Search", "Go to the query box", self.action_search)
        other = LIGHT.name if self.current_theme.dark else DARK.name
        yield SystemCommand(
            f"Switch to the {'light' if other == LIGHT.name else 'dark'} theme",
            "Toggle between dossier's light and dark themes",
            lambda: setattr(self, "theme", other),
        )
        yield SystemCommand("Keys", "List the keys that work here", self.action_help)
        yield SystemCommand(
            "Screenshot",
            "Save an SVG picture of the screen in dossier's data folder",
            lambda: self.set_timer(0.1, self.action_screenshot),  # once the palette is gone
        )
        # Textual's own "Keys" opens its key panel: ours, the help screen, stands for it.
        # Its "Screenshot" delivers to a browser download that a terminal app lacks.
        yield from (
            c for c in super().get_system_commands(screen) if c.title not in ("Keys", "Screenshot")
        )

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG of the screen under the data dir (``screenshots/``) and say where."""
        from search.config import data_dir

        folder = Path(path) if path else data_dir() / "screenshots"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            saved = self.save_screenshot(filename, str(folder))
        except OSError as exc:
            self.notify(f"cannot save the screenshot: {exc}", severity="error")
            return
        self.notify(f"screenshot saved to {saved}", title="Screenshot", timeout=6)

    def action_reindex(self) -> None:
        if self.corpus is None:
            self.notify("the corpus is still opening", timeout=2)
            return
        if self._reindexing is not None:  # a second one would wait on the first's lock
            self.notify("already reindexing: its progress is under the list", timeout=4)
            return
        from tui.progress import Building

        self.notify("reindexing…", timeout=3)
        # A rebuild of a large corpus takes minutes: its progress stays on screen (the
        # result list's lower border) until it is done, while searching goes on.
        progress = Building()
        self._reindexing = self.set_interval(0.5, lambda: self._show_reindexing(progress))
        self._reindex(self.corpus.folders, progress)

    def _show_reindexing(self, progress) -> None:
        if progress.state is not None:
            self.search_screen.show_reindexing(*progress.state)

    def _reindexed(self) -> None:
        """The rebuild ended, done or failed: its progress leaves the screen."""
        timer, self._reindexing = self._reindexing, None
        if timer is not None:
            timer.stop()
            self.search_screen.show_reindexing(None, None)

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def _reindex(self, folders, progress=None) -> None:
        from search.corpus import Corpus

        try:
            corpus = Corpus.open(
                folders,
                cache_dir=self.cache_dir,
                rebuild=True,
                progress=progress.tick if progress is not None else None,
            )
            corpus.articles  # noqa: B018 - read here, not on the UI thread
        except Exception as exc:  # noqa: BLE001
            self.post_message(CorpusFailed(f"reindex failed: {exc}", reindex=True))
            return
        self.post_message(CorpusOpened(corpus, reindexed=True))
