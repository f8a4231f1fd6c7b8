"""The explorer, driven by keys through Textual's pilot: every flow a user has.

Each test builds a real Corpus on a tmp folder of our own articles (tests/tui_corpus.py)
with a tmp cache, wrapped so query times and entities are fixed.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time

import pytest
from textual.command import CommandList
from tui_corpus import StableCorpus, write_corpus

from search.corpus import Corpus
from search.model import Cancelled, QueryError
from tui.app import DossierApp
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.screens.too_small import TooSmallScreen
from tui.widgets.entities import EntityPanel
from tui.widgets.facets import FacetList, parse_option_id
from tui.widgets.results import ResultList
from tui.widgets.text import format_date


@pytest.fixture
def corpus(tmp_path):
    real = Corpus.open([write_corpus(tmp_path / "articles")], cache_dir=tmp_path / "cache")
    yield StableCorpus(real)
    real.close()


def run(coro):
    asyncio.run(coro)


#: How long a test waits for what a user would wait for (an f5's indexing, a notice): it
#: costs nothing when things are quick, and a loaded CI machine is slow.
PATIENCE = 20.0


async def wait_for(pilot, condition, timeout: float = PATIENCE, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def wait_for_notice(pilot, app, text: str, timeout: float = PATIENCE) -> None:
    """Textual posts a notification as a message: it lands a moment after the change it
    tells of, so a test waits for it as a user would read it."""
    await wait_for(pilot, lambda: any(text in m for m in notices(app)), timeout, repr(text))


def status_text(app) -> str:
    return str(app.screen.query_one("#status").content)


def result_ids(app) -> list[str]:
    return [o.id for o in app.search_screen.query_one(ResultList).options if o.id]


async def search(pilot, app, query: str) -> None:
    box = app.search_screen.query_one("#query")
    box.value = ""
    await pilot.press(*query)
    await wait_for(
        pilot,
        lambda: app.search_screen.result is not None and app.search_screen.result.query == query,
        what=f"results for {query!r}",
    )
    await pilot.pause()


# -- search pane ------------------------------------------------------------------------------


def test_opens_on_the_query_box_with_every_article_newest_first(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, SearchScreen)
            assert app.focused is app.screen.query_one("#query")
            ids = result_ids(app)
            assert sorted(ids) == sorted(a.id for a in corpus.articles)
            dates = [corpus.get(i).published for i in ids]
            assert dates == sorted(dates, reverse=True)
            assert status_text(app).startswith(f"{len(ids)} articles")

    run(scenario())


def test_the_corpus_can_open_in_the_background(tmp_path):
    folder = write_corpus(tmp_path / "articles")

    async def scenario():
        app = DossierApp(open_corpus=lambda: Corpus.open([folder], cache_dir=tmp_path / "c"))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: len(result_ids(app)) == 4, what="articles listed")
            assert app.focused is app.screen.query_one("#query")

    run(scenario())


def explorer_on(folder, cache, **kw) -> DossierApp:
    """The explorer as `dossier` opens it: the corpus opened in the background, with its
    cache folder (where f5's refresh and a reindex find the index)."""
    return DossierApp(
        open_corpus=lambda: Corpus.open([folder], cache_dir=cache), cache_dir=cache, **kw
    )


def save_late_article(folder) -> None:
    """A file saved into the corpus while the explorer is open."""
    (folder / "late.md").write_text(
        "---\ntitle: Ferry timetable cut\ndate: 2024-09-01\n---\n\nNo ferries.\n",
        encoding="utf-8",
    )


def test_f5_indexes_a_file_saved_into_the_corpus_while_the_explorer_is_open(tmp_path):
    folder = write_corpus(tmp_path / "articles")

    async def scenario():
        cache = tmp_path / "c"
        app = explorer_on(folder, cache)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: len(result_ids(app)) == 4, what="articles listed")
            save_late_article(folder)
            await pilot.press("escape", "f5")
            await wait_for(pilot, lambda: len(result_ids(app)) == 5, what="the new file listed")
            await wait_for_notice(pilot, app, "1 added")
            app.search_screen.query_one("#query").focus()
            await search(pilot, app, "ferry")
            assert [app.corpus.get(i).title for i in result_ids(app)] == ["Ferry timetable cut"]
            # Nothing changed since: said so, and the list stays as it is.
            app.clear_notifications()
            await pilot.press("escape", "f5")
            await wait_for_notice(pilot, app, "no file")
            assert len(app.corpus.articles) == 5

    run(scenario())


def test_f5_while_another_dossier_updates_the_index_says_so(tmp_path):
    """The review: f5 during a reindex (or a `dossier index` elsewhere) said "no file was
    added, changed or removed" though a file was: nothing had been looked at."""
    import subprocess
    import sys

    folder = write_corpus(tmp_path / "articles")
    cache = tmp_path / "c"

    async def scenario():
        app = explorer_on(folder, cache)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: len(result_ids(app)) == 4, what="articles listed")
            lock = next(cache.rglob(".dossier.lock"))
            holder = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "import fcntl, time\n"
                    f"h = open({str(lock)!r}, 'a+')\nfcntl.flock(h, fcntl.LOCK_EX)\n"
                    "print('locked', flush=True)\ntime.sleep(60)\n",
                ],
                stdout=subprocess.PIPE,
                text=True,
            )
            try:
                assert holder.stdout.readline().strip() == "locked"
                save_late_article(folder)
                await pilot.press("escape", "f5")
                await wait_for_notice(pilot, app, "press f5 again", timeout=20)
                assert not any("no file was" in m for m in notices(app))
            finally:
                holder.kill()
                holder.wait()
            await pilot.press("f5")
            await wait_for(pilot, lambda: len(result_ids(app)) == 5, timeout=20, what="the file")

    run(scenario())


def test_f5_after_another_dossier_refreshed_the_index_shows_what_it_added(tmp_path):
    """The review: with `dossier index` run in another terminal after files were added,
    f5 said "no file was added, changed or removed" (its own look found nothing left to
    do) and the explorer kept showing the index as it was."""
    folder = write_corpus(tmp_path / "articles")
    cache = tmp_path / "c"

    async def scenario():
        app = explorer_on(folder, cache)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: len(result_ids(app)) == 4, what="articles listed")
            save_late_article(folder)
            Corpus.open([folder], cache_dir=cache).close()  # the other terminal's index
            await pilot.press("escape", "f5")
            await wait_for(pilot, lambda: len(result_ids(app)) == 5, timeout=20, what="the file")
            await wait_for_notice(pilot, app, "another dossier")

    run(scenario())


def test_f5_reads_the_files_again_when_the_index_is_kept_in_memory(tmp_path):
    folder = write_corpus(tmp_path / "articles")
    (tmp_path / "not-a-folder").write_text("")
    cache = tmp_path / "not-a-folder" / "cache"  # cannot be made: the index stays in memory

    async def scenario():
        app = explorer_on(folder, cache)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: len(result_ids(app)) == 4, what="articles listed")
            assert app.corpus.report.in_memory
            (folder / "grain.md").unlink()
            await pilot.press("escape", "f5")
            await wait_for(pilot, lambda: len(result_ids(app)) == 3, what="the removed file gone")
            await wait_for_notice(pilot, app, "3 articles")

    run(scenario())


def test_the_next_run_starts_from_the_last_query_and_mark(tmp_path):
    """The analyst-workflow audit: quitting (or a dropped SSH connection) lost the query
    and the article marked for compare; the next day's c compared the wrong pair."""
    folder = write_corpus(tmp_path / "articles")
    cache = tmp_path / "c"

    def explorer() -> DossierApp:
        return explorer_on(folder, cache, remember_session=True)

    async def first_run() -> str:
        app = explorer()
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: len(result_ids(app)) == 4, what="articles listed")
            await search(pilot, app, "harbour")
            await pilot.press("escape", "m")
            await wait_for(pilot, lambda: app.marked is not None, what="the mark")
            marked = app.marked
            await pilot.press("q")
        return marked

    async def next_run(marked: str) -> None:
        app = explorer()
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: app.marked == marked, what="the mark restored")
            box = app.search_screen.query_one("#query")
            assert box.value == "harbour"
            await wait_for(
                pilot,
                lambda: (
                    app.search_screen.result is not None
                    and app.search_screen.result.query == "harbour"
                ),
                what="the query's results",
            )
            await pilot.press(*"grain")  # the query is selected: typing replaces it
            assert box.value == "grain"

    marked = asyncio.run(first_run())
    asyncio.run(next_run(marked))


def test_a_corpus_that_cannot_open_says_why_in_the_status_line(tmp_path):
    def broken():
        raise RuntimeError("disk on fire")

    async def scenario():
        app = DossierApp(open_corpus=broken)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: "disk on fire" in status_text(app), what="message")
            assert app.screen.query_one("#status").has_class("-error")

    run(scenario())


def test_typing_shows_hits_with_highlighted_snippets_and_a_status_line(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await search(pilot, app, "harbour")
            result = app.search_screen.result
            assert result.total > 0
            assert result_ids(app) == [h.id for h in result.hits]
            assert status_text(app).startswith(f"{result.total} hit")
            assert "1 ms" in status_text(app)  # the (fixed) query time
            # Each row shows title, source, date and the snippets' highlighted words.
            highlight = app.search_screen.query_one(ResultList).get_component_rich_style(
                "results--highlight", partial=True
            )
            for option, hit in zip(
                [o for o in app.search_screen.query_one(ResultList).options if o.id],
                result.hits,
                strict=True,
            ):
                text = option.prompt
                assert hit.title in text.plain and hit.source in text.plain
                assert format_date(hit.published) in text.plain
                marked = [text.plain[s.start : s.end] for s in text.spans if s.style == highlight]
                assert marked and all(m.lower().startswith("harbour") for m in marked)
            # The query box keeps the focus: typing never waits.
            assert app.focused is app.search_screen.query_one("#query")

    run(scenario())


class SlowFirstQuery(StableCorpus):
    """The first query it sees takes 0.6 s, as a cold or busy index might."""

    def __init__(self, corpus) -> None:
        super().__init__(corpus)
        self.slow: str | None = None
        self.slow_done = threading.Event()

    def search(self, query, **kwargs):
        if query and "grain".startswith(query):  # however much of it was typed
            self.slow = query
            time.sleep(0.6)
            try:
                return super().search(query, **kwargs)
            finally:
                self.slow_done.set()
        return super().search(query, **kwargs)


def test_a_slow_stale_result_never_overwrites_a_newer_query(corpus):
    slow = SlowFirstQuery(corpus._corpus)

    async def scenario():
        app = DossierApp(slow)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"grain")
            await wait_for(pilot, lambda: slow.slow is not None, what="the slow query to start")
            for _ in "grain":
                await pilot.press("backspace")
            await pilot.press(*"harbour")
            # (on a loaded machine a search for "harbo" can run between two keys: the
            # user waits for what they typed)
            await wait_for(
                pilot,
                lambda: (
                    app.search_screen.result is not None
                    and app.search_screen.result.query == "harbour"
                ),
                what="the newer query's result",
            )
            # Every search worker done means every result, the stale one too, was handed
            # to the screen: what is shown now is what stays.
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert slow.slow_done.is_set()
            assert app.search_screen.result.query == "harbour"
            expected = corpus.search("harbour", limit=50)
            assert result_ids(app) == [h.id for h in expected.hits]

    run(scenario())


class WaitsToBeGivenUp(StableCorpus):
    """The first query it sees runs until the explorer gives it up (as the engine asks
    ``given_up`` between blocks of postings), then stops as the engine does."""

    def __init__(self, corpus) -> None:
        super().__init__(corpus)
        self.first: str | None = None
        self.given_up = threading.Event()

    def search(self, query, **kwargs):
        if self.first is None and query:
            self.first = query
            given_up = kwargs.get("given_up")
            deadline = time.monotonic() + 5
            while given_up is not None and not given_up() and time.monotonic() < deadline:
                time.sleep(0.01)
            if given_up is not None and given_up():
                self.given_up.set()
                raise Cancelled
        return super().search(query, **kwargs)


def test_a_search_the_user_typed_past_is_given_up(corpus):
    """A search still running when the next key comes is told to stop (its hits would
    never be shown), so the index is free for the query the user is typing now."""
    waits = WaitsToBeGivenUp(corpus._corpus)

    async def scenario():
        app = DossierApp(waits)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"grain")
            await wait_for(pilot, lambda: waits.first is not None, what="the first search")
            await pilot.press("s")
            await wait_for(pilot, waits.given_up.is_set, what="the first search given up")
            await wait_for(
                pilot,
                lambda: (
                    app.search_screen.result is not None
                    and app.search_screen.result.query == "grains"
                ),
                what="the newer query's result",
            )
            assert "grains".startswith(waits.first)
            assert "search failed" not in status_text(app)
            expected = corpus.search("grains", limit=50)
            assert result_ids(app) == [h.id for h in expected.hits]

    run(scenario())


def test_typing_holds_the_index_for_the_user_until_the_search_runs(corpus, monkeypatch):
    """While the user types, background work on the index (the facet table) steps aside:
    the screen holds the corpus' foreground from a keystroke until its search has run."""
    import tui.screens.search

    monkeypatch.setattr(tui.screens.search, "DEBOUNCE", 2.0)  # a slow typist, on a busy box

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("h")
            assert corpus.foreground  # within the debounce: held
            await pilot.press(*"arbour")
            await wait_for(
                pilot,
                lambda: getattr(app.search_screen.result, "query", "") == "harbour",
                timeout=20,
                what="the results",
            )
            await app.workers.wait_for_complete()
            assert not corpus.foreground  # released: the search ran, and let go too

    run(scenario())


def test_workers_and_screens_talk_in_messages(tmp_path):
    """The corpus opens in a worker that posts CorpusOpened; a search worker posts
    ResultsFetched; the search screen asks the app to open an article (OpenArticle) and
    the reader asks it to search (SearchFor): collected as they pass, no polling."""
    from tui.messages import CorpusOpened, OpenArticle, ResultsFetched, SearchFor

    real = Corpus.open([write_corpus(tmp_path / "articles")], cache_dir=tmp_path / "cache")
    corpus = StableCorpus(real)
    hooked: list = []

    def seen_once():  # a message that bubbles (screen, then app) passes the hook twice
        return list({id(m): m for m in hooked}.values())

    async def scenario():
        app = DossierApp(open_corpus=lambda: corpus)
        async with app.run_test(size=(100, 30), message_hook=hooked.append) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert [m.corpus for m in seen_once() if isinstance(m, CorpusOpened)] == [corpus]
            assert app.corpus is corpus
            await search(pilot, app, "harbour")
            await app.workers.wait_for_complete()
            fetched = [m for m in seen_once() if isinstance(m, ResultsFetched)]
            assert fetched and fetched[-1].result.query == "harbour"
            assert app.search_screen.result == fetched[-1].result
            chosen = app.search_screen.query_one(ResultList).current_id
            await pilot.press("enter")
            assert [m for m in seen_once() if isinstance(m, OpenArticle)] == [
                OpenArticle(chosen, "harbour")
            ]
            assert isinstance(app.screen, ReaderScreen)
            await pilot.press("e", "down", "s")
            name = app.screen.query_one("#query").value
            assert [m for m in seen_once() if isinstance(m, SearchFor)] == [SearchFor(name)]
            assert name.startswith('entity:"')

    try:
        run(scenario())
    finally:
        real.close()


def test_a_malformed_query_gets_an_inline_message(corpus):
    bad = '"harbour deal'
    with pytest.raises(QueryError) as raised:
        corpus.search(bad)

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*bad)
            status = app.screen.query_one("#status")
            await wait_for(pilot, lambda: status.has_class("-error"), what="an error")
            assert status_text(app) == str(raised.value)
            assert isinstance(app.screen, SearchScreen)

    run(scenario())


def test_did_you_mean_is_accepted_with_one_key(corpus):
    suggestion = corpus.search("harbr").suggestion
    assert suggestion, "the engine suggests nothing for a misspelling; nothing to accept"

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await search(pilot, app, "harbr")
            assert suggestion in status_text(app)
            await pilot.press("ctrl+y")
            assert app.search_screen.query_one("#query").value == suggestion
            await wait_for(
                pilot, lambda: app.search_screen.result.query == suggestion, what="rerun"
            )

    run(scenario())


def test_choosing_a_facet_filters_and_choosing_it_again_clears(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await search(pilot, app, "harbour")
            before = app.search_screen.result.total
            await pilot.press("ctrl+f")
            facets = app.search_screen.query_one(FacetList)
            assert app.focused is facets
            sources = [
                o.id for o in facets.options if o.id and parse_option_id(o.id)[0] == "source"
            ]
            assert sources, "no source facets shown"
            _, source = parse_option_id(sources[0])
            facets.highlighted = [o.id for o in facets.options].index(sources[0])
            await pilot.press("enter")
            await wait_for(
                pilot,
                lambda: (
                    app.search_screen.filters == {"source": source}
                    and all(h.source == source for h in app.search_screen.result.hits)
                ),
                what="filtered results",
            )
            assert f"source: {source}" in status_text(app)
            assert app.search_screen.result.total < before
            await pilot.press("ctrl+r")
            await wait_for(
                pilot, lambda: app.search_screen.result.total == before, what="filter cleared"
            )

    run(scenario())


def test_a_filter_chosen_while_the_query_has_an_error_is_refused_not_claimed(corpus):
    """The audit: with an error in the query box, choosing a source titled the list
    "Every article with source: X" while every source stayed listed, and no filter
    was ticked."""

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            shown = result_ids(app)
            app.search_screen.query_one("#query").insert_text_at_cursor("x")
            status = app.screen.query_one("#status")
            await wait_for(pilot, lambda: status.has_class("-error"), what="an error")
            await pilot.press("ctrl+f")
            facets = app.search_screen.query_one(FacetList)
            first = next(
                o.id for o in facets.options if o.id and parse_option_id(o.id)[0] == "source"
            )
            facets.highlighted = [o.id for o in facets.options].index(first)
            await pilot.press("enter")
            await wait_for_notice(pilot, app, "fix it")
            assert app.search_screen.filters == {}
            title = str(app.search_screen.query_one(ResultList).border_title)
            assert "source:" not in title
            assert result_ids(app) == shown

    run(scenario())


def test_space_turns_a_filter_on_and_off_and_the_footer_names_the_key(corpus):
    """Before: only enter worked in the filters, and neither the footer nor the help said
    so; space, the key of a ticked list elsewhere, did nothing."""

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await search(pilot, app, "harbour")
            await pilot.press("ctrl+f")
            facets = app.search_screen.query_one(FacetList)
            first = next(
                o.id for o in facets.options if o.id and parse_option_id(o.id)[0] == "source"
            )
            facets.highlighted = [o.id for o in facets.options].index(first)
            await pilot.pause()
            footer = " ".join(
                f"{b.key_display or b.key} {b.description}"
                for b in app.screen.active_bindings.values()
                if b.binding.show
                for b in [b.binding]
            )
            assert "Filter on/off" in footer
            await pilot.press("space")
            await wait_for(
                pilot,
                lambda: app.search_screen.filters == {"source": parse_option_id(first)[1]},
                what="the filter on",
            )
            await pilot.press("space")
            await wait_for(pilot, lambda: app.search_screen.filters == {}, what="the filter off")

    run(scenario())


def test_document_text_that_looks_like_markup_is_shown_as_written(corpus):
    title = next(a.title for a in corpus.articles if "[" in a.title)

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            prompts = [o.prompt.plain for o in app.screen.query_one(ResultList).options if o.id]
            assert any(title in p for p in prompts)

    run(scenario())


# -- reader -----------------------------------------------------------------------------------


async def open_first(pilot, app, query: str) -> ReaderScreen:
    await search(pilot, app, query)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen), what="the reader")
    await pilot.pause()
    return app.screen


def block_text(reader: ReaderScreen, index: int) -> str:
    return str(reader.query_one(f"#block-{index}").content)


def visible(reader: ReaderScreen, index: int) -> bool:
    page = reader.query_one("#page")
    region = reader.query_one(f"#block-{index}").virtual_region
    top, bottom = page.scroll_y, page.scroll_y + page.scrollable_content_region.height
    return region.y < bottom and region.bottom > top


def test_enter_opens_the_reader_with_header_and_the_first_hit_in_view(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            reader = await open_first(pilot, app, "stoppage")
            best = corpus.search("stoppage").hits[0]
            article = corpus.get(best.id)
            assert reader.article.id == best.id
            assert block_text(reader, 0) == article.title
            byline = str(reader.query_one("#byline").content)
            for part in (
                article.source,
                format_date(article.published),
                f"{article.words:,} words",
                "min read",
                f"id {article.id}",  # what `dossier compare` and `show` take
            ):
                assert part in byline
            assert reader.hits, "the query's matches are not marked"
            first = reader.hits[0]
            assert reader.current == 0 and reader.blocks[reader.cursor].holds(
                first.field, first.start
            )
            assert visible(reader, reader.cursor)
            assert "hit 1/" in str(reader.query_one("#reader-status").content)

    run(scenario())


def test_n_and_shift_n_step_through_hits_and_keep_them_in_view(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(80, 24)) as pilot:
            reader = await open_first(pilot, app, "harbour")
            total = len(reader.hits)
            assert total >= 2
            await pilot.press("n")
            assert reader.current == 1
            await pilot.pause()
            mark = reader.hits[1]
            assert reader.blocks[reader.cursor].holds(mark.field, mark.start)
            assert visible(reader, reader.cursor)
            assert f"hit 2/{total}" in str(reader.query_one("#reader-status").content)
            await pilot.press("N", "N")
            assert reader.current == total - 1  # wraps round

    run(scenario())


def test_y_copies_the_current_hit_as_a_citation(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            reader = await open_first(pilot, app, "backlog")
            a = reader.article
            await pilot.press("y")
            head = f"{a.title}, {a.source}, {format_date(a.published)}: “"
            assert app.clipboard.startswith(head) and app.clipboard.endswith("”")
            quote = app.clipboard[len(head) : -1]
            assert "backlog" in quote.lower()
            assert quote in " ".join(a.body.split())  # a real sentence of the article

    run(scenario())


def test_y_says_where_the_citation_went_and_shift_y_saves_it_to_a_file(corpus):
    """OSC 52 may be dropped by the terminal or tmux, unseen: `y` says it was *sent*, and
    `Y` appends the citation to a file in the data dir, which always works."""
    from search.config import data_dir

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            reader = await open_first(pilot, app, "backlog")
            await pilot.press("y")
            said = [n.message for n in app._notifications]
            assert any("sent to the terminal's clipboard (OSC 52)" in m for m in said), said
            assert not any(m == "citation copied" for m in said)
            await pilot.press("Y")
            saved = data_dir() / "citations.txt"
            assert saved.read_text(encoding="utf-8") == app.clipboard + "\n"
            assert any(str(saved) in n.message for n in app._notifications)
            assert reader.article.title in app.clipboard

    run(scenario())


def test_a_citation_ends_with_the_articles_url_when_known():
    import datetime as dt

    from tui.widgets.text import citation

    line = citation("T", "S", dt.date(2024, 4, 9), "Q.", "https://example.org/a")
    assert line == "T, S, 9 Apr 2024: “Q.” <https://example.org/a>"
    assert citation("T", "S", None, "Q.") == "T, S: “Q.”"


def test_y_copies_the_whole_sentence_of_a_hit_after_a_title_like_mr(tmp_path):
    folder = write_corpus(tmp_path / "articles")
    sentence = "The harbour board met Mr. Okafor and Dr. Lind on Friday to settle the dispute."
    (folder / "okafor.md").write_text(
        "---\ntitle: Board meets the mediators\nsource: The Coastal Ledger\n"
        f"date: 2024-01-05\n---\n\nTalks had stalled for weeks. {sentence} Both sides agreed.\n",
        encoding="utf-8",
    )
    real = Corpus.open([folder], cache_dir=tmp_path / "cache")

    async def scenario():
        app = DossierApp(StableCorpus(real))
        async with app.run_test(size=(100, 30)) as pilot:
            await open_first(pilot, app, "okafor")
            await pilot.press("y")
            assert app.clipboard.endswith(f"“{sentence}”"), app.clipboard

    try:
        run(scenario())
    finally:
        real.close()


def test_y_copies_the_paragraph_under_the_cursor_when_not_on_a_hit(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # no query: the newest article
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
            reader = app.screen
            await pilot.press("j", "y")
            paragraph = reader.blocks[reader.cursor]
            assert paragraph.field == "body"
            assert app.clipboard.endswith(f"“{' '.join(paragraph.text.split())}”")

    run(scenario())


def test_the_entity_panel_opens_on_a_name_so_enter_then_s_searches_it(corpus):
    """The audit: the panel opened on its first kind's heading ("Person"), so enter then s
    said "choose an entity first"."""

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            reader = await open_first(pilot, app, "harbour")
            await pilot.press("e")
            panel = reader.query_one(EntityPanel)
            await pilot.pause()
            assert panel.current_name is not None
            first = panel.current_name
            await pilot.press("enter")
            assert reader.selected == first

    run(scenario())


def test_entities_panel_selects_highlights_steps_and_searches(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            reader = await open_first(pilot, app, "harbour")
            assert reader.entities
            await pilot.press("e")
            panel = reader.query_one(EntityPanel)
            assert panel.display and app.focused is panel
            # The name with the most mentions (several, so stepping through them is tested).
            counts = {
                o.id: sum(e.canonical == o.id for e in reader.entities) for o in panel.options
            }
            name = max(counts, key=counts.get)
            assert counts[name] > 1
            panel.highlighted = next(i for i, o in enumerate(panel.options) if o.id == name)
            await pilot.press("enter")
            mentions = [e for e in reader.entities if e.canonical == name]
            assert reader.selected == name and len(reader.marks) == len(mentions)
            assert name in str(reader.query_one("#reader-status").content)
            # The chosen mentions carry the selection style, where the cursor now is.
            selected = reader.get_component_rich_style("reader--selected", partial=True)
            text = reader.query_one(f"#block-{reader.cursor}").content
            marked = [text.plain[s.start : s.end] for s in text.spans if s.style == selected]
            assert marked and set(marked) <= {m.text for m in mentions}
            first = reader.cursor
            await pilot.press("escape")  # leave the panel; n now steps through mentions
            assert reader.current == 0
            await pilot.press("n")
            assert reader.current == 1
            second = reader.marks[1]
            assert reader.blocks[reader.cursor].holds(second.field, second.start)
            assert (second.field, second.start) != (reader.marks[0].field, reader.marks[0].start)
            assert f"mention 2/{len(mentions)}" in str(reader.query_one("#reader-status").content)
            await pilot.press("N")
            assert reader.current == 0 and reader.cursor == first
            await pilot.press("s")
            await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
            assert app.screen.query_one("#query").value == f'entity:"{name}"'

    run(scenario())


def test_reader_handles_an_article_without_entities(corpus):
    class NoEntities(StableCorpus):
        def entities(self, article_id, **_):
            return ()

    async def scenario():
        app = DossierApp(NoEntities(corpus._corpus))
        async with app.run_test(size=(100, 30)) as pilot:
            reader = await open_first(pilot, app, "harbour")
            assert not reader.query_one("#legend").display
            assert "no entities" in str(reader.query_one("#reader-status").content)
            await pilot.press("e")
            panel = reader.query_one(EntityPanel)
            assert [str(o.prompt) for o in panel.options] == ["No entities found"]
            await pilot.press("s")  # nothing chosen: a hint, not a crash
            assert isinstance(app.screen, ReaderScreen)

    run(scenario())


def test_escape_goes_back_with_query_results_and_cursor_as_they_were(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await search(pilot, app, "harbour")
            await pilot.press("down")
            results = app.search_screen.query_one(ResultList)
            before = (results.highlighted, result_ids(app), app.search_screen.result)
            chosen = results.current_id
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
            assert app.screen.article.id == chosen
            await pilot.press("j", "n", "escape")
            assert isinstance(app.screen, SearchScreen)
            assert app.screen.query_one("#query").value == "harbour"
            assert (results.highlighted, result_ids(app), app.search_screen.result) == before

    run(scenario())


def test_slash_searches_from_the_reader_and_typing_replaces_the_old_query(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_first(pilot, app, "harbour")
            await pilot.press("slash")
            assert isinstance(app.screen, SearchScreen)
            box = app.screen.query_one("#query")
            assert app.focused is box
            await pilot.press(*"grain")  # no ctrl+u needed: the old query was selected
            assert box.value == "grain"

    run(scenario())


def test_after_escape_from_the_reader_letters_are_keys_not_query_text(corpus):
    from tui.screens.compare import CompareScreen

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_first(pilot, app, "harbour")
            await pilot.press("escape")
            assert isinstance(app.screen, SearchScreen)
            await pilot.press("c")
            await pilot.pause()
            assert app.search_screen.query_one("#query").value == "harbour"
            assert isinstance(app.screen, CompareScreen)

    run(scenario())


def test_tab_from_the_facets_into_the_query_box_shows_it(corpus):
    """Tab goes round to the query box: its border and text must change for all to see,
    and the footer offers the box's own keys."""
    from textual.color import Color

    def difference(a: Color, b: Color) -> float:
        """Sum of the channel differences, 0 (same) to 3 (black and white)."""
        return sum(abs(x - y) for x, y in zip(a.rgb, b.rgb, strict=True)) / 255

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await search(pilot, app, "harbour")
            box = app.search_screen.query_one("#query")
            await pilot.press("ctrl+f")
            assert app.focused is app.search_screen.query_one(FacetList)
            background = app.screen.styles.background
            idle = background + box.styles.border_top[1]
            await pilot.press("tab")
            assert app.focused is box
            await pilot.pause()
            focused = background + box.styles.border_top[1]
            # The border changes colour, not just strength (it was 0.63: primary at 60%
            # and at 100%).
            assert difference(idle, focused) > 0.9, (idle, focused)
            shown = {
                b.binding.action for b in app.screen.active_bindings.values() if b.binding.show
            }
            assert "screen.leave_query" in shown

    run(scenario())


def test_escape_in_the_query_box_leaves_it_for_the_results(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await search(pilot, app, "harbour")
            footer_keys = lambda: {  # noqa: E731
                b.binding.action for b in app.screen.active_bindings.values() if b.binding.show
            }
            assert "screen.leave_query" in footer_keys()  # the footer says Escape leaves
            await pilot.press("escape")
            assert app.focused is app.search_screen.query_one(ResultList)
            assert "compare" in footer_keys()  # and then shows c
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert app.search_screen.query_one("#query").value == "harbour"

    run(scenario())


def test_vim_keys_move_through_results_and_paragraphs(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            results = app.search_screen.query_one(ResultList)
            await pilot.press("tab")
            assert app.focused is results
            await pilot.press("j", "j")
            assert results.current_id == result_ids(app)[2]
            await pilot.press("G")
            assert results.current_id == result_ids(app)[-1]
            await pilot.press("g")
            assert results.current_id == result_ids(app)[0]
            await pilot.press("j", "k")
            assert results.current_id == result_ids(app)[0]
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
            reader = app.screen
            start = reader.cursor
            await pilot.press("j", "j", "k")
            assert reader.cursor == start + 1
            await pilot.press("G")
            assert reader.cursor == len(reader.blocks) - 1
            await pilot.press("g")
            assert reader.cursor == 0
            await pilot.press("ctrl+d")
            assert reader.cursor > 0

    run(scenario())


# -- keys, help, palette, terminals -----------------------------------------------------------


def test_help_lists_the_live_bindings_as_remapped(corpus):
    async def scenario():
        app = DossierApp(corpus, keys={"reader.copy": "ctrl+y", "next_hit": "right"})
        async with app.run_test(size=(100, 30)) as pilot:
            reader = await open_first(pilot, app, "harbour")
            assert "→/N next/previous" in str(reader.query_one("#reader-status").content)
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            rows = {desc: keys for _, section in app.screen.sections for keys, desc, _ in section}
            ids = {desc: i for _, section in app.screen.sections for _, desc, i in section}
            assert ids["Copy citation"] == "reader.copy"
            assert ids["Next hit"] == "reader.next_hit"  # "next_hit", its old id, still works
            assert rows["Copy citation"] == "^y"
            assert rows["Next hit"] == "→"
            assert "Back" in rows and "Quit" in rows
            # The remap example names an id this very list shows, quoted as TOML wants it.
            shown = str(app.screen.query_one("#help-text").render())
            example = re.search(r'e\.g\. "([\w.]+)" = "f2"', shown)
            assert example and example[1] in {i for i in ids.values() if i}
            await pilot.press("escape")
            assert app.screen is reader
            await pilot.press("right", "ctrl+y")  # the remapped keys work
            assert reader.current == 1 and app.clipboard

    run(scenario())


def test_every_binding_has_its_own_id():
    """One id per binding: a remap by id changes one key, and `dossier config` lists each."""
    import importlib
    import inspect
    import pkgutil

    from textual.binding import Binding

    import tui.screens
    import tui.widgets

    seen: dict[str, tuple[str, str]] = {}
    classes = [DossierApp]
    for package in (tui.screens, tui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            classes += [c for _, c in inspect.getmembers(module, inspect.isclass)]
    for cls in classes:
        for b in cls.__dict__.get("BINDINGS", ()):
            if isinstance(b, Binding) and b.id:
                where = (f"{cls.__module__}.{cls.__name__}", b.action)
                assert seen.setdefault(b.id, where) == where, f"{b.id}: {seen[b.id]} and {where}"
    assert len(seen) > 30


def test_a_remap_from_the_config_file_works_on_every_screen(corpus, tmp_path, monkeypatch):
    from tui.screens.compare import CompareScreen
    from tui.settings import load_settings

    path = tmp_path / "config.toml"
    path.write_text(
        "[keys]\n"
        '"app.help" = "f2"\n'
        '"help.close" = "x"\n'
        '"search.query.leave" = "ctrl+e"\n'
        '"search.facets" = "ctrl+t"\n'
        '"list.down" = "ctrl+l"\n'
        '"reader.next_hit" = "right"\n'
        '"compare.back" = "ctrl+b"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("DOSSIER_CONFIG", str(path))
    config = load_settings()
    assert config.problems == ()

    async def scenario():
        app = DossierApp(corpus, keys=config.keys)
        async with app.run_test(size=(100, 30)) as pilot:
            await search(pilot, app, "harbour")
            results = app.search_screen.query_one(ResultList)
            await pilot.press("ctrl+e")  # the query box's Escape
            assert app.focused is results
            before = results.highlighted
            await pilot.press("ctrl+l")  # the lists' j
            assert results.highlighted == before + 1
            await pilot.press("f2")  # the app's ?
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("x")  # the help screen's Escape
            assert isinstance(app.screen, SearchScreen)
            await pilot.press("ctrl+t")  # the search screen's ctrl+f
            assert app.focused is app.search_screen.query_one(FacetList)
            await pilot.press("escape", "k", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen), what="reader")
            reader = app.screen
            assert len(reader.hits) > 1 and reader.current == 0
            await pilot.press("right")  # the reader's n
            assert reader.current == 1
            await pilot.press("escape", "c")
            await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen), what="compare")
            await app.workers.wait_for_complete()
            await pilot.press("escape")  # remapped away: Escape no longer leaves
            assert isinstance(app.screen, CompareScreen)
            await pilot.press("ctrl+b")  # the compare view's Escape
            assert isinstance(app.screen, SearchScreen)

    run(scenario())


def test_help_from_the_query_box_is_f1(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            rows = {desc for _, section in app.screen.sections for _, desc, _ in section}
            assert {"Open", "Next result"} <= rows
            assert app.screen.title_text == "search"

    run(scenario())


def test_palette_opens_an_article_by_title(corpus):
    target = corpus.articles[-1]

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+p")
            await pilot.press(*target.title[:12])
            await wait_for(
                pilot,
                lambda: any(
                    target.title in str(o.prompt) for o in app.screen.query_one(CommandList).options
                ),
                what="the article in the palette",
            )
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
            assert app.screen.article.id == target.id

    run(scenario())


def test_palette_offers_the_apps_own_commands(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            titles = [c.title for c in app.get_system_commands(app.screen)]
            for expected in ("Compare articles", "Reindex corpus", "Theme", "Keys"):
                assert expected in titles
            assert len(titles) == len(set(titles)), titles  # no two commands of one name
            light = next(c for c in app.get_system_commands(app.screen) if "light theme" in c.title)
            light.callback()
            assert app.theme == "dossier-light" and not app.current_theme.dark

    run(scenario())


def test_palette_screenshot_saves_in_the_data_dir_and_says_where(corpus):
    from search.config import data_dir

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            [shot] = [c for c in app.get_system_commands(app.screen) if c.title == "Screenshot"]
            shot.callback()
            folder = data_dir() / "screenshots"
            await wait_for(pilot, lambda: folder.exists() and any(folder.iterdir()), what="svg")
            [saved] = folder.iterdir()
            assert saved.suffix == ".svg" and "<svg" in saved.read_text(encoding="utf-8")
            await wait_for_notice(pilot, app, str(saved))
            assert not any("Failed" in m for m in notices(app))

    run(scenario())


def test_reindex_from_the_palette_reopens_the_corpus(corpus, tmp_path):
    async def scenario():
        app = DossierApp(corpus, cache_dir=tmp_path / "cache")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            old = app.corpus
            app.action_reindex()
            await wait_for(pilot, lambda: app.corpus is not old, what="reindex")
            assert len(app.corpus.articles) == len(old.articles)
            assert sorted(result_ids(app)) == sorted(a.id for a in old.articles)

    run(scenario())


def test_a_reindex_shows_its_progress_until_it_is_done(tmp_path, monkeypatch):
    """The audit: at 20,000 articles the palette's reindex said "reindexing…" for 3 s,
    then nothing for minutes; a user could take it for idle and quit, losing it."""
    folder = write_corpus(tmp_path / "articles")
    cache = tmp_path / "cache"
    gate = threading.Event()
    real_open = Corpus.open.__func__

    def held_open(cls, folders, **kw):  # the rebuild waits at its first file until let go
        told = kw.get("progress")
        if kw.get("rebuild") and told is not None:

            def tick(n, total, path=""):
                told(n, total, path)
                gate.wait(10)

            kw["progress"] = tick
        return real_open(cls, folders, **kw)

    async def scenario():
        app = explorer_on(folder, cache)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: len(result_ids(app)) == 4, what="articles listed")
            monkeypatch.setattr(Corpus, "open", classmethod(held_open))
            old = app.corpus
            app.action_reindex()
            results = app.search_screen.query_one(ResultList)
            await wait_for(
                pilot, lambda: "reindexing: " in str(results.border_subtitle or ""), what="progress"
            )
            assert "of 4 files read" in str(results.border_subtitle)
            app.action_reindex()  # the review: asked again before the first one ended,
            await wait_for_notice(pilot, app, "already reindexing")  # which blamed itself
            gate.set()
            await wait_for(pilot, lambda: app.corpus is not old, timeout=20, what="reindexed")
            await wait_for(pilot, lambda: not results.border_subtitle, what="progress gone")
            await pilot.pause(1.2)  # past two ticks of the progress timer: it stays gone
            assert not results.border_subtitle

    try:
        run(scenario())
    finally:
        gate.set()


def test_compare_key_pushes_the_compare_view(corpus):
    from tui.screens.compare import CompareScreen

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("tab", "c")
            await pilot.pause()
            assert isinstance(app.screen, CompareScreen)

    run(scenario())


def test_brackets_in_sources_and_config_lines_stay_text(tmp_path):
    """Notifications, border titles and the palette's help lines read a str as markup in
    Textual: a source like "Wire [UK]" lost its bracket, and "[/]" in a broken config line
    crashed the explorer at start-up."""
    from tui.screens.compare import CompareScreen

    folder = write_corpus(tmp_path / "articles")
    source = "Wire [UK] [/]"
    (folder / "wire.md").write_text(
        f"---\ntitle: Harbour cranes return\nsource: {source}\ndate: 2026-09-01\n---\n\n"
        "The harbour cranes returned to work on Tuesday after a long dispute over pay.\n",
        encoding="utf-8",
    )
    real = Corpus.open([folder], cache_dir=tmp_path / "cache")
    problem = 'config.toml, line 3: theme = "[/]" is not valid TOML'

    async def scenario():
        app = DossierApp(StableCorpus(real), problems=[problem])
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause()
            assert [str(n.message) for n in app._notifications] == [problem]
            await pilot.press("ctrl+p", *"Harbour cranes")
            await wait_for(
                pilot,
                lambda: any(
                    source in str(o.prompt) for o in app.screen.query_one(CommandList).options
                ),
                what="the source, brackets and all, in the palette",
            )
            await pilot.press("escape", "tab", "c")
            await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
            await wait_for(
                pilot,
                # what the border draws (border_title reads back as markup, which Textual
                # does not round-trip: "[UK]" is left unescaped)
                lambda: source in app.screen.query_one("#right")._border_title.plain,
                what="the later article's source in its pane's title",
            )

    try:
        run(scenario())
    finally:
        real.close()


def test_too_small_terminal_says_so_and_recovers(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(50, 15)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            message = str(app.screen.query_one("#too-small").content)
            assert "too small" in message and "60×20" in message
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            assert isinstance(app.screen, SearchScreen)

    run(scenario())


def test_usable_at_sixty_by_twenty(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(60, 20)) as pilot:
            await search(pilot, app, "harbour")
            assert isinstance(app.screen, SearchScreen)
            assert (
                not app.screen.query_one(FacetList).display
                or not app.screen.query_one(FacetList).region.width
            )
            assert app.screen.query_one(ResultList).region.width >= 50
            await pilot.press("ctrl+f")
            assert app.screen.query_one(FacetList).region.width > 0
            await pilot.press("escape", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))

    run(scenario())


def test_the_compare_view_at_sixty_by_twenty_leaves_room_to_read(corpus):
    """It showed four lines a pane: the tracker keeps one line and the panes the rest."""
    from tui.screens.compare import CompareScreen

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.press("tab", "c")
            await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen), what="compare")
            await app.workers.wait_for_complete()
            await pilot.pause()
            for pane in ("#left", "#right"):
                lines = app.screen.query_one(pane).scrollable_content_region.height
                assert lines >= 10, f"{pane} shows {lines} lines"
            tracker = app.screen.query_one("#tracker")
            assert tracker.display and tracker.scrollable_content_region.height >= 1

    run(scenario())


def test_themes_from_config_and_animations_off(corpus):
    assert DossierApp(corpus, theme="light").theme == "dossier-light"
    assert DossierApp(corpus, theme="nord").theme == "nord"
    app = DossierApp(corpus, theme="no-such-theme")
    assert app.theme == "dossier-dark"
    assert any("no-such-theme" in p for p in app._problems)
    assert app.animation_level == "none"


def test_no_color_is_honoured(corpus, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def scenario():
        app = DossierApp(corpus)
        assert app.no_color  # Textual then renders in monochrome
        async with app.run_test(size=(100, 30)) as pilot:
            reader = await open_first(pilot, app, "harbour")
            # Colour cannot tell entities apart: they are underlined, the legend is hidden.
            body = next(i for i, b in enumerate(reader.blocks) if reader._entities_by_block[i])
            text = reader.query_one(f"#block-{body}").content
            assert any(s.style.underline for s in text.spans)
            assert not reader.query_one("#legend").display

    run(scenario())


def test_q_quits_outside_the_query_box(corpus):
    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("q")  # in the query box, q is a letter
            assert app.is_running and app.screen.query_one("#query").value == "q"
            await pilot.press("tab", "q")
            await pilot.pause()
            assert not app.is_running

    run(scenario())


def test_explore_needs_a_terminal(tmp_path, monkeypatch, capsys):
    from tui.cli import main

    assert main(["--corpus", str(write_corpus(tmp_path / "a"))]) == 2
    assert "needs a terminal" in capsys.readouterr().err


def test_an_empty_corpus_says_what_to_do(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    corpus = Corpus.open([empty], cache_dir=tmp_path / "cache")

    async def scenario():
        app = DossierApp(StableCorpus(corpus))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            [option] = app.search_screen.query_one(ResultList).options
            assert "No articles" in option.prompt.plain and option.disabled
            await pilot.press("enter")  # nothing to open, nothing breaks
            assert isinstance(app.screen, SearchScreen)

    run(scenario())


def test_keys_work_on_a_terminal_too_small_at_start_and_after_it_grows(corpus):
    """Before: keys typed while nothing had the focus were kept for the query box, so on a
    terminal too small at start-up `q` did nothing, and after the resize the letters typed
    in the meantime were lost with every later one."""

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(30, 10)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            await pilot.resize_terminal(100, 30)
            await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen), what="search")
            await wait_for(pilot, lambda: app.focused is not None, what="the query box")
            await pilot.press("h", "a", "r")
            assert app.screen.query_one("#query").value.endswith("har")
        app = DossierApp(corpus)
        async with app.run_test(size=(30, 10)) as pilot:
            await pilot.pause()
            await pilot.press("q")
            await wait_for(pilot, lambda: not app.is_running, what="q to quit")

    run(scenario())


def test_the_type_ahead_timer_firing_as_the_app_closes_is_harmless(corpus):
    """The start-up's type-ahead timer (3 s) can fire while a quick session closes, with
    no screen left: it must not raise (a loaded machine made a pilot test fail so)."""

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
        assert not app._screen_stack
        for kept in (None, []):  # keys handed over already, or still kept
            app._typeahead = kept
            app._typeahead_expired()

    run(scenario())


def test_s_on_a_date_or_figure_searches_its_words(corpus):
    """Dates and figures are not indexed as entities: s on "Thursday" looks for the
    phrase, which finds this very article, not entity:"Thursday", which finds nothing."""

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            reader = await open_first(pilot, app, "harbour")
            names = {e.canonical: e.type for e in reader.entities}
            assert names.get("Thursday") == "DATE"
            opened = reader.article.id
            await pilot.press("e")
            panel = reader.query_one(EntityPanel)
            panel.highlighted = next(i for i, o in enumerate(panel.options) if o.id == "Thursday")
            await pilot.press("enter", "escape", "s")
            await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
            assert app.screen.query_one("#query").value == '"Thursday"'
            results = app.screen.query_one("#results", ResultList)
            await wait_for(
                pilot,
                lambda: (
                    opened
                    in {results.get_option_at_index(i).id for i in range(results.option_count)}
                ),
                what="the article in the hits",
            )

    run(scenario())


def test_ctrl_c_says_how_to_quit_without_markup_tags(corpus):
    """Every notification is plain text (document text is never markup), so Textual's own
    ctrl+c message showed its tags: "Press [b]ctrl+q[/b] to quit the app"."""

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("escape", "ctrl+c")  # from the results (the box copies)
            await pilot.pause()
            messages = [str(n.message) for n in app._notifications]
            assert messages and re.fullmatch(r"Press \S+ to quit the app", messages[-1])
            assert "[" not in messages[-1]

    run(scenario())


def help_rows(app) -> dict[str, str]:
    """The help screen's rows: description -> keys."""
    return {desc: keys for _, section in app.screen.sections for keys, desc, _ in section}


def test_help_lists_keys_that_work_only_at_times_and_enter_in_the_results(corpus):
    """The query box's help left out ctrl+y (accept the did-you-mean) and ctrl+r (clear
    the filters), hidden while they do nothing; the result list's left out Enter."""

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            rows = help_rows(app)
            assert rows["Accept did-you-mean (when offered)"] == "^y"
            assert rows["Clear filters (with a filter on)"] == "^r"
            await pilot.press("escape", "escape", "question_mark")  # from the result list
            assert isinstance(app.screen, HelpScreen)
            sections = dict(app.screen.sections)
            assert ("⏎", "Open", "results.open") in sections["In the result list"]

    run(scenario())


def test_a_malformed_query_over_a_filtered_list_names_the_filter(corpus):
    """Before: the title over a list filtered by year said "Every article" after a
    malformed query, and the status line that named the filter gave way to the error."""

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            year = str(next(a.published.year for a in corpus.articles if a.published))
            app.screen.filters["year"] = year
            await pilot.press('"')
            status = app.screen.query_one("#status")
            await wait_for(pilot, lambda: status.has_class("-error"), what="an error")
            await pilot.pause()
            title = str(app.screen.query_one(ResultList).border_title)
            assert title == f"Every article with year: {year} (the query above has an error)"

    run(scenario())


@pytest.mark.parametrize(
    ("first", "append"),
    [("harbour", " AND"), ("", '"')],
)
def test_a_malformed_query_marks_the_list_as_the_last_valid_querys(corpus, first, append):
    """The error showed in the status line, but the last query's hits stayed under
    "Results, best first" as if they were this query's."""

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            if first:
                await search(pilot, app, first)
            else:
                await pilot.pause()
            results = app.screen.query_one(ResultList)
            shown = result_ids(app)
            # At once, as pasted: typed key by key, "harbour A" is itself a valid query,
            # which a loaded machine may search between two keys.
            app.screen.query_one("#query").insert_text_at_cursor(append)
            status = app.screen.query_one("#status")
            await wait_for(pilot, lambda: status.has_class("-error"), what="an error")
            await pilot.pause()
            title = str(results.border_title)
            if first:
                assert title == f"Results for the last valid query: {first}"
            else:
                assert title == "Every article (the query above has an error)"
            assert "best first" not in title and results.has_class("-stale")
            assert results.styles.text_opacity < 1  # dimmed
            assert result_ids(app) == shown
            await pilot.press("backspace")  # valid again: its own results, not dimmed
            await wait_for(pilot, lambda: not status.has_class("-error"), what="no error")
            await pilot.pause()
            assert not results.has_class("-stale")
            assert str(results.border_title) in ("Results, best first", "Articles, newest first")

    run(scenario())


def test_the_compare_view_at_eighty_by_twenty_four_shows_five_concerns_and_toasts_above(corpus):
    """At 80x24, the analysts' SSH size, the tracker showed one concern (of 27 in the
    bundled corpus) and the first toast covered it."""
    from textual.widgets._toast import Toast

    from tui.screens.compare import CompareScreen

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.press("tab", "c")
            await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen), what="compare")
            await app.workers.wait_for_complete()
            await pilot.pause()
            tracker = app.screen.query_one("#tracker")
            assert tracker.scrollable_content_region.height >= 5
            for pane in ("#left", "#right"):
                lines = app.screen.query_one(pane).scrollable_content_region.height
                assert lines >= 10, f"{pane} shows {lines} lines"
            toasts = list(app.screen.query(Toast))
            assert toasts  # "comparing the oldest and newest articles…"
            for toast in toasts:
                assert not toast.region.overlaps(tracker.region)
                assert not toast.region.overlaps(app.screen.query_one("#compare-status").region)

    run(scenario())


@pytest.mark.parametrize("width", [60, 80])
def test_the_help_key_comes_first_in_every_footer(corpus, width):
    """At 80 columns the search footer ended '? Help  / ▏'; at 60 the help key was cut."""
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    from tui.screens.compare import CompareScreen

    def first_key(app) -> FooterKey:
        keys = sorted(app.screen.query_one(Footer).query(FooterKey), key=lambda k: k.region.x)
        return keys[0]

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(width, 24)) as pilot:
            await search(pilot, app, "harbour")
            await wait_for(pilot, lambda: app.screen.query(Footer), what="the footer")
            await pilot.pause()
            assert first_key(app).description == "Help"  # f1 in the query box
            await pilot.press("escape")  # the results: ? as well
            await pilot.pause()
            assert first_key(app).key == "question_mark"
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
            await pilot.pause()
            assert first_key(app).description == "Help"
            await pilot.press("c")
            await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen), what="compare")
            await pilot.pause()
            assert first_key(app).description == "Help"
            assert first_key(app).region.right <= width

    run(scenario())


@pytest.mark.slow
def test_a_very_long_article_is_cut_between_paragraphs_and_says_what_lies_past(tmp_path):
    """A 150 KB article, each paragraph 'Paragraph N: The Chancellor Rachel Reeves said…':
    the reader cut mid-paragraph, said "Paragraph 799" matched "on source or date, not in
    the text" though it is past the part shown, and its panel counted only the part shown
    (Reeves about half as often as `dossier entities` says)."""
    from collections import Counter

    from tui.widgets.entities import EntityPanel
    from tui.widgets.text import READER_CHARS

    folder = tmp_path / "articles"
    folder.mkdir()
    paragraphs = [
        f"Paragraph {n}: The Chancellor Rachel Reeves said on Tuesday that the Treasury "
        "would review spending plans for the coming year, and officials in London "
        "described the talks as constructive."
        for n in range(1, 801)
    ]
    (folder / "reeves.txt").write_text(
        "Reeves budget talks\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )
    real = Corpus.open([folder], cache_dir=tmp_path / "cache")
    (article,) = real.articles
    assert len(article.body) > READER_CHARS
    whole = Counter(e.canonical for e in real.entities(article.id))  # what the CLI counts

    async def scenario():
        app = DossierApp(real)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.open_article(article.id, '"Paragraph 799"')
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen), what="reader")
            await pilot.pause()
            reader = app.screen
            last = [b for b in reader.blocks if b.field == "body"][-1]
            assert last.text.endswith("described the talks as constructive.")
            assert str(reader.query_one("#reader-cut").content).startswith("… ")
            status = str(reader.query_one("#reader-status").content)
            assert "matched 1 time past the part shown" in status
            assert "source or date" not in status
            counts = {
                o.id: int(str(o.prompt).rsplit(" ", 1)[1])
                for o in reader.query_one(EntityPanel).options
                if o.id and not o.disabled
            }
            assert counts["Rachel Reeves"] == whole["Rachel Reeves"] >= 800
            reader.select_entity("Rachel Reeves")
            await pilot.pause()
            status = str(reader.query_one("#reader-status").content)
            assert "more past the part shown" in status, status
            reader.select_entity(None)
            await pilot.pause()
            await pilot.press("plus")  # the next part: here, the rest
            await wait_for(
                pilot,
                lambda: isinstance(app.screen, ReaderScreen) and app.screen is not reader,
                what="the next part",
            )
            await pilot.pause()
            reader = app.screen
            assert not reader.query("#reader-cut")
            assert str(reader.query_one("#reader-status").content).startswith("hit 1/1")
            assert reader.blocks[reader.cursor].text.startswith("Paragraph 799:")

    try:
        run(scenario())
    finally:
        real.close()


def test_slash_is_typed_in_the_query_box_and_searches_from_elsewhere(corpus):
    """The footer offers "/ Search" only where / searches: in the query box it is a
    character of the query ("port/levy"), and the footer does not claim otherwise."""

    async def scenario():
        app = DossierApp(corpus)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            box = app.search_screen.query_one("#query")
            assert app.focused is box
            assert "slash" not in app.screen.active_bindings
            await pilot.press("p", "o", "r", "t", "slash", "l")
            assert box.value == "port/l"
            await pilot.press("escape")
            await pilot.pause()
            assert "slash" in app.screen.active_bindings
            await pilot.press("slash")
            await pilot.pause()
            assert app.focused is box

    run(scenario())
