"""The compare view, driven as a user would: keys in, what the screen shows out."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from search.links import LinkStore


def _app(corpus):
    from tui.app import DossierApp

    return DossierApp(corpus)


async def _open_compare(pilot):
    from tui.screens.compare import CompareScreen

    # The app binds c (the search box, when focused, takes letters as text).
    pilot.app.action_compare()
    for _ in range(300):
        await pilot.pause(0.02)
        screen = pilot.app.screen
        if isinstance(screen, CompareScreen) and screen.result is not None:
            await pilot.pause()
            return screen
    raise AssertionError("the compare view never finished comparing")


async def _open_topic(app, pilot, query: str):
    """Type ``query``, compare it across the corpus (ctrl+t) and wait for the topic view."""
    from tui.screens.topic import TopicCompareScreen

    await pilot.press(*query, "ctrl+t")
    for _ in range(300):
        await pilot.pause(0.02)
        screen = app.screen
        if isinstance(screen, TopicCompareScreen) and screen.result is not None:
            return screen
    raise AssertionError("the topic compare never finished")


def _pane_text(screen, side: str) -> str:
    return "\n\n".join(t.plain for _, t in sorted(screen.painted[side].items()))


def _styled(screen, side: str, style_name: str) -> list[str]:
    """The runs of text painted with a component style on one side."""
    style = screen.get_component_rich_style(style_name, partial=True)
    out = []
    for _, text in sorted(screen.painted[side].items()):
        for span in text.spans:
            if span.style == style:
                out.append(text.plain[span.start : span.end])
    return out


def test_c_opens_both_articles_with_headers_and_a_tracker(seed_corpus):
    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await _open_compare(pilot)
            earlier, later = screen.result.earlier, screen.result.later
            assert earlier.published < later.published
            left_header = str(screen.query_one("#left-header", Static).render())
            right_header = str(screen.query_one("#right-header", Static).render())
            assert earlier.title in left_header and later.title in right_header
            assert "2024" in left_header and "2025" in right_header
            # Side by side on a wide terminal.
            left, right = screen.query_one("#left"), screen.query_one("#right")
            assert left.region.x < right.region.x and left.region.y == right.region.y
            tracker = screen.query_one("#tracker", OptionList)
            assert tracker.option_count == len(screen.result.links) > 0
            # Every concern shows its verdict badge.
            for i, link in enumerate(screen.result.links):
                assert str(tracker.get_option_at_index(i).prompt).startswith(link.verdict)

    asyncio.run(scenario())


def test_choosing_a_concern_highlights_it_and_its_developments(seed_corpus):
    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await _open_compare(pilot)
            # Step with j to the first concern the later article answers.
            target = next(i for i, link in enumerate(screen.result.links) if link.evidence)
            for _ in range(target):
                await pilot.press("j")
            await pilot.pause()
            link = screen.link
            assert link is screen.result.links[target]
            assert _styled(screen, "left", "compare--concern") == [link.concern.span.text]
            developments = _styled(screen, "right", "compare--development")
            assert developments == [
                e.development.span.text
                for e in sorted(link.evidence, key=lambda e: e.development.span.start)
            ]
            # Shared words are marked on both sides.
            assert _styled(screen, "left", "compare--shared")
            assert _styled(screen, "right", "compare--shared")
            # Both sides scrolled so the highlighted sentences are on screen.
            for side, pos in (
                ("left", link.concern.span.start),
                ("right", link.evidence[0].development.span.start),
            ):
                i = screen._block_index(side, pos)
                block = screen.query_one(f"#{side}-{i}")
                pane = screen.query_one(f"#{side}")
                assert pane.region.overlaps(block.region), side
            # k goes back.
            await pilot.press("k")
            assert screen.current == max(0, target - 1)

    asyncio.run(scenario())


def test_verdict_keys_and_pins_are_saved_for_the_corpus(seed_corpus):
    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await _open_compare(pilot)
            concern = screen.link.concern
            await pilot.press("1")
            assert screen.link.verdict == "borne out" and screen.link.origin == "curated"
            prompt = str(
                screen.query_one("#tracker", OptionList).get_option_at_index(screen.current).prompt
            )
            assert prompt.startswith("borne out")
            # Pin the sentence under the right-hand cursor.
            await pilot.press("n")
            pinned = screen.later_sentences[screen.dev_cursor]
            await pilot.press("p")
            assert pinned in [e.development.span for e in screen.link.evidence]
            # It is in the user's links file, not only on screen.
            store = LinkStore.for_corpus(seed_corpus)
            entry = store.entries()[(concern.key, screen.result.later.id)]
            assert entry.verdict == "borne out"
            assert pinned.text in [t for _, t in entry.pinned]
            # Drop it again.
            await pilot.press("d")
            assert pinned not in [e.development.span for e in screen.link.evidence]
            # "a" shows the engine alone: the verdict is the automatic one again.
            await pilot.press("a")
            assert screen.link.origin == "auto"

    asyncio.run(scenario())


def test_a_verdict_key_keeps_the_sentence_chosen_on_the_right(seed_corpus):
    """The analyst chooses a sentence, gives a verdict, then pins: the pin is the chosen
    sentence, not the engine's first link."""

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await _open_compare(pilot)
            engine_first = screen.dev_cursor
            for _ in range(3):
                await pilot.press("n")
            chosen = screen.later_sentences[screen.dev_cursor]
            assert screen.dev_cursor != engine_first
            await pilot.press("2")
            assert screen.link.verdict == "partly"
            assert screen.later_sentences[screen.dev_cursor] == chosen
            await pilot.press("p")
            pinned = [e.development.span for e in screen.link.evidence if e.origin == "curated"]
            assert pinned == [chosen]

    asyncio.run(scenario())


def test_an_unreadable_links_file_says_why_and_still_compares(seed_corpus):
    store = LinkStore.for_corpus(seed_corpus)
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.mkdir()  # a folder where the file should be: reading it fails (even as root)

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await _open_compare(pilot)
            status = str(screen.query_one("#compare-status", Static).render())
            assert "cannot read the links file" in status and str(store.path) in status
            assert screen.result.links  # the engine's reading is shown

    asyncio.run(scenario())


def test_a_narrow_terminal_stacks_the_panes(seed_corpus):
    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(80, 40)) as pilot:
            screen = await _open_compare(pilot)
            left, right = screen.query_one("#left"), screen.query_one("#right")
            assert left.region.x == right.region.x and left.region.y < right.region.y

    asyncio.run(scenario())


def _compare_two(tmp_path, cache_dir, earlier: str, later: str, check) -> None:
    """Compare two Markdown articles in the explorer (``earlier`` dated 2023, ``later``
    2024) and ``await check(app, screen, pilot)`` once the comparison is on screen."""

    async def scenario():
        from search.corpus import Corpus

        folder = tmp_path / "c"
        folder.mkdir()
        (folder / "a.md").write_text(earlier.replace("DATE", "March 1, 2023"), encoding="utf-8")
        (folder / "b.md").write_text(later.replace("DATE", "March 1, 2024"), encoding="utf-8")
        corpus = Corpus.open([folder], cache_dir=cache_dir)
        try:
            app = _app(corpus)
            async with app.run_test(size=(140, 40)) as pilot:
                await check(app, await _open_compare(pilot), pilot)
        finally:
            corpus.close()

    asyncio.run(scenario())


def test_document_text_is_never_read_as_markup(tmp_path, cache_dir):
    async def check(app, screen, pilot):
        assert "[red]tariffs[/red]" in _pane_text(screen, "left")
        assert "[bold]Early[/bold]" in str(screen.query_one("#left-header", Static).render())

    _compare_two(
        tmp_path,
        cache_dir,
        "# [bold]Early[/bold] worries\n\nDATE\n\n"
        "Officials fear that [red]tariffs[/red] on steel may rise sharply next year.\n",
        "# Later events\n\nDATE\n\n"
        "The government raised [red]tariffs[/red] on steel imports in January.\n",
        check,
    )


_REPEATED = (
    "The finance minister is expected to raise tariffs on imported steel next year, "
    "officials in Brussels warned on Tuesday."
)


def test_a_sentence_an_article_repeats_is_one_concern_and_the_view_opens(tmp_path, cache_dir):
    """The audit: a lede repeated at the end of the earlier article (pull quotes, a
    summary) made two concerns with one id, and the compare view crashed the app."""

    async def check(app, screen, pilot):
        from tui.screens.compare import CompareScreen

        assert isinstance(app.screen, CompareScreen)
        assert "finance minister is expected" in _pane_text(screen, "left")
        concerns = [c for c in screen.result.links if "finance minister" in c.concern.span.text]
        assert len(concerns) == 1 and concerns[0].developments  # once, and linked
        await pilot.press("j", "k")
        assert app.is_running

    _compare_two(
        tmp_path,
        cache_dir,
        f"# Steel tariffs loom\n\nDATE\n\n{_REPEATED}\n\n"
        "Manufacturers said the move could cost thousands of jobs at the mills.\n\n"
        f"{_REPEATED}\n",
        "# Steel tariffs raised\n\nDATE\n\n"
        "The finance minister raised tariffs on imported steel on Monday, ending months "
        "of speculation in Brussels.\n\nThe finance minister raised tariffs on imported "
        "steel on Monday, ending months of speculation in Brussels.\n",
        check,
    )


def test_two_articles_on_different_stories_are_not_linked_and_the_user_is_told(tmp_path, cache_dir):
    def told(app) -> int:
        return sum("different stories" in n.message for n in app._notifications)

    async def check(app, screen, pilot):
        assert screen.result.links and not screen.result.addressed
        assert told(app) == 1
        status = str(screen.query_one("#compare-status", Static).render())
        assert "different stories: nothing linked" in status
        await pilot.press("4")  # a verdict: the engine's notice is not told again
        await pilot.pause()
        assert told(app) == 1

    _compare_two(
        tmp_path,
        cache_dir,
        "# Harbour dispute\n\nDATE\n\n"
        "Dock workers at the harbour of Velmora fear that the port authority will cut "
        "their wages next month. Union leaders warned that a strike could close the "
        "container terminal for weeks. Shipping firms expect long delays at the harbour "
        "if the cranes stop.\n",
        "# Club accounts\n\nDATE\n\n"
        "The football club Realto Athletic cut its players' wages by a tenth, its board "
        "announced on Monday. Fans welcomed a new stadium roof, which the club said would "
        "be finished by autumn. The striker Tomas Brandl signed a new contract for two "
        "seasons. Tickets for the derby sold out within an hour.\n",
        check,
    )


def test_screen_module_keeps_analysis_in_the_engine():
    source = Path(__file__).resolve().parent.parent / "tui" / "screens" / "compare.py"
    text = source.read_text(encoding="utf-8")
    assert "import whoosh" not in text and "BM25" not in text


async def _until_compared(pilot):
    from tui.screens.compare import CompareScreen

    for _ in range(300):
        await pilot.pause(0.02)
        screen = pilot.app.screen
        if isinstance(screen, CompareScreen) and screen.result is not None:
            return screen
    raise AssertionError("the compare view never finished comparing")


def test_m_marks_an_article_and_c_on_another_compares_them_in_date_order(seed_corpus):
    from tui.widgets.results import ResultList

    newest_first = sorted(seed_corpus.articles, key=lambda a: a.published, reverse=True)

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            results = app.screen.query_one("#results", ResultList)
            results.focus()
            results.highlighted = 0
            await pilot.press("m")  # the newest article
            assert app.marked == results.current_id
            marked = str(results.get_option_at_index(0).prompt)
            assert ResultList.MARK in marked
            await pilot.press("down")
            other = results.current_id
            assert other != app.marked and ResultList.MARK not in str(
                results.highlighted_option.prompt
            )
            await pilot.press("c")
            screen = await _until_compared(pilot)
            # The marked article is the newer one: it is compared as the later.
            assert screen.result.earlier.id == other == newest_first[-1].id
            assert screen.result.later.id == app.marked == newest_first[0].id

    asyncio.run(scenario())


def test_c_in_the_reader_compares_the_open_article_with_the_marked_one(seed_corpus):
    from tui.screens.reader import ReaderScreen

    older, newer = sorted(seed_corpus.articles, key=lambda a: a.published)

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            app.open_article(older.id, "")
            await pilot.pause()
            assert isinstance(app.screen, ReaderScreen)
            await pilot.press("m")
            assert app.marked == older.id
            app.open_article(newer.id, "")
            await pilot.pause()
            await pilot.press("c")
            screen = await _until_compared(pilot)
            assert (screen.result.earlier.id, screen.result.later.id) == (older.id, newer.id)

    asyncio.run(scenario())


def test_the_palette_compares_the_marked_article_with_one_chosen_by_title(seed_corpus):
    older, newer = sorted(seed_corpus.articles, key=lambda a: a.published)

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            app.toggle_mark(newer.id)
            titles = [c.title for c in app.get_system_commands(app.screen)]
            assert "Compare with…" in titles
            app.action_compare_with()
            await pilot.pause()
            await pilot.press(*older.title.split()[0])
            for _ in range(50):
                await pilot.pause(0.02)
            await pilot.press("enter")
            screen = await _until_compared(pilot)
            assert (screen.result.earlier.id, screen.result.later.id) == (older.id, newer.id)

    asyncio.run(scenario())


def test_a_topic_compare_from_the_explorer_cites_articles_and_keeps_verdicts(seed_corpus):
    from search.links import topic_side

    older, newer = sorted(seed_corpus.articles, key=lambda a: a.published)

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            screen = await _open_topic(app, pilot, "Trump")
            concerns = screen.query_one("#topic-concerns", OptionList)
            row = str(concerns.get_option_at_index(0).prompt)
            assert older.source in row and older.title in row
            # The first concern a later sentence answers: its development cites its article.
            i = next(i for i, link in enumerate(screen.result.links) if link.evidence)
            first = screen.result.links[i]
            for _ in range(i):
                await pilot.press("down")
            await pilot.pause()
            assert concerns.highlighted == i
            detail = str(screen.query_one("#topic-text", Static).render())
            assert newer.title in detail
            await pilot.press("3")
            assert screen.result.links[i].verdict == "not borne out"
            entry = LinkStore.for_corpus(seed_corpus).entries()[
                (first.concern.key, topic_side("Trump").id)
            ]
            assert entry.verdict == "not borne out"

    asyncio.run(scenario())


def test_w_shows_what_happened_next_across_the_corpus(seed_corpus):
    from tui.screens.topic import NextScreen

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await _open_compare(pilot)
            target = next(i for i, link in enumerate(screen.result.links) if link.evidence)
            for _ in range(target):
                await pilot.press("j")
            expected = screen.link.evidence[0].development.span.text
            await pilot.press("w")
            for _ in range(300):
                await pilot.pause(0.02)
                if isinstance(app.screen, NextScreen) and app.screen.answers:
                    break
            else:
                raise AssertionError("what happened next never answered")
            shown = str(app.screen.query_one("#next-text", Static).render())
            assert " ".join(expected.split())[:60] in " ".join(shown.split())

    asyncio.run(scenario())


def test_e_writes_a_note_that_shows_and_is_saved(seed_corpus):
    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await _open_compare(pilot)
            concern = screen.link.concern
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("ctrl+u", *"Tokyo vote settles it", "enter")
            await pilot.pause()
            assert screen.link.note == "Tokyo vote settles it"
            assert "note: Tokyo vote settles it" in str(
                screen.query_one("#compare-status", Static).render()
            )
            entry = LinkStore.for_corpus(seed_corpus).entries()[
                (concern.key, screen.result.later.id)
            ]
            assert entry.note == "Tokyo vote settles it"
            row = screen.query_one("#tracker", OptionList).get_option_at_index(screen.current)
            assert "✎" in str(row.prompt)

    asyncio.run(scenario())


def test_the_note_box_keeps_the_concern_it_is_about_in_view_at_80x24(seed_corpus):
    """Before: at 80x24 the note box's screen hid the compare view, so the analyst wrote
    a note without the concern in sight."""

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open_compare(pilot)
            concern = " ".join(screen.link.concern.span.text.split())
            await pilot.press("e")
            await pilot.pause()
            note = app.screen
            assert note is not screen
            shown = " ".join(str(note.query_one("#note-about", Static).render()).split())
            assert shown.startswith("On: ") and concern[:40] in shown
            about, box = note.query_one("#note-about"), note.query_one(Input)
            assert about.region.bottom <= box.region.y and about.region.height >= 1

    asyncio.run(scenario())


def test_the_comparison_arrives_as_a_message_from_its_worker(seed_corpus):
    """The compare worker posts what it found (ComparisonReady) rather than calling into
    the screen: the message carries the two articles the view then shows."""
    from tui.messages import ComparisonReady
    from tui.screens.compare import CompareScreen

    seen: list[ComparisonReady] = []

    def hook(message) -> None:
        if isinstance(message, ComparisonReady):
            seen.append(message)

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40), message_hook=hook) as pilot:
            pilot.app.action_compare()
            for _ in range(300):
                await pilot.pause(0.02)
                if isinstance(pilot.app.screen, CompareScreen):
                    break
            screen = pilot.app.screen
            assert isinstance(screen, CompareScreen)
            await screen.workers.wait_for_complete()
            await pilot.pause()
            assert len(seen) == 1
            raw = seen[0].raw
            assert {raw.earlier.id, raw.later.id} == {a.id for a in seed_corpus.articles}
            assert raw.earlier.title in str(screen.query_one("#left-header", Static).render())

    asyncio.run(scenario())


def _shown(widget) -> str:
    """The text a widget shows on screen, line by line (what fits, not what it holds)."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def test_the_note_is_on_screen_even_when_the_reasons_are_long(seed_corpus):
    """A concern's reasons (theme, names, words) can fill the status line: the analyst's
    note comes before them, where it is seen."""

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(90, 40)) as pilot:
            screen = await _open_compare(pilot)
            for _ in range(len(screen.result.links)):  # a concern with long reasons
                status = screen.query_one("#compare-status", Static)
                if len(str(status.render())) > 90:
                    break
                await pilot.press("j")
            assert len(str(status.render())) > 90, "no concern with a long status line"
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("ctrl+u", *"check Seoul", "enter")
            await pilot.pause()
            assert "note: check Seoul" in _shown(status)

    asyncio.run(scenario())


def test_a_topic_compare_pins_drops_and_notes_the_chosen_development(seed_corpus):
    """In the topic view the analyst chooses a development (n), gives a verdict, pins it,
    drops another and writes a note: each is saved under the topic, and the screen says so."""
    from search.links import topic_side

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            screen = await _open_topic(app, pilot, "Trump")
            i = next(i for i, link in enumerate(screen.result.links) if len(link.evidence) >= 2)
            for _ in range(i):
                await pilot.press("down")
            await pilot.pause()
            link = screen.result.links[i]
            second = link.evidence[1].development
            await pilot.press("n")
            assert "development 2/" in str(screen.query_one("#topic-status", Static).render())
            await pilot.press("2", "p")  # a verdict keeps the choice; p pins the chosen one
            await pilot.pause()
            entry = LinkStore.for_corpus(seed_corpus).entries()[
                (link.concern.key, topic_side("Trump").id)
            ]
            assert entry.verdict == "partly"
            assert [k for k, _ in entry.pinned] == [second.key]
            assert screen.result.links[i].evidence[0].development.key == second.key
            # Drop the engine's first link: it stays listed, struck, and u brings it back.
            first = link.evidence[0].development
            while screen.chosen != first.key:
                await pilot.press("n")
            await pilot.press("d")
            await pilot.pause()
            assert first.key not in [e.development.key for e in screen.result.links[i].evidence]
            detail = str(screen.query_one("#topic-text", Static).render())
            assert "[dropped] " + first.span.text[:40] in detail
            await pilot.press("u")
            await pilot.pause()
            assert first.key in [e.development.key for e in screen.result.links[i].evidence]
            # A note shows in the status line and is saved.
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("ctrl+u", *"ask the embassy", "enter")
            await pilot.pause()
            assert "note: ask the embassy" in str(
                screen.query_one("#topic-status", Static).render()
            )
            entry = LinkStore.for_corpus(seed_corpus).entries()[
                (link.concern.key, topic_side("Trump").id)
            ]
            assert entry.note == "ask the embassy"

    asyncio.run(scenario())


def test_c_on_the_marked_article_itself_asks_for_another_not_some_other_pair(seed_corpus):
    """With an article marked, c on that same article does not open a compare of two
    articles the analyst never chose: it says to choose the other one."""
    from tui.screens.compare import CompareScreen
    from tui.widgets.results import ResultList

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            results = app.screen.query_one("#results", ResultList)
            results.focus()
            results.highlighted = 0
            await pilot.press("m", "c")
            await pilot.pause()
            assert not isinstance(app.screen, CompareScreen)
            said = [str(n.message) for n in app._notifications]
            assert any("another article" in m for m in said), said

    asyncio.run(scenario())


def test_a_topic_compare_that_cannot_run_says_why_in_full(seed_corpus):
    """One matching article cannot be split in two: the reason is told whole, not cut off
    at the edge of the status line."""
    from tui.screens.topic import TopicCompareScreen

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(*"Chatham", "ctrl+t")
            for _ in range(300):
                await pilot.pause(0.02)
                said = [n for n in app._notifications if n.title == "cannot compare"]
                if said:
                    break
            else:
                raise AssertionError("no message says why the topic compare cannot run")
            assert isinstance(app.screen, TopicCompareScreen)
            assert "Chatham" in said[0].message and len(said[0].message) > 60

    asyncio.run(scenario())


def test_the_chosen_development_of_a_topic_concern_scrolls_into_view(seed_corpus):
    from textual.containers import VerticalScroll

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = await _open_topic(app, pilot, "Trump")
            links = screen.result.links
            i = max(range(len(links)), key=lambda i: len(links[i].evidence))
            assert len(links[i].evidence) >= 3
            for _ in range(i):
                await pilot.press("down")
            await pilot.pause()
            detail = screen.query_one("#topic-detail", VerticalScroll)
            text = screen.query_one("#topic-text", Static)
            for _ in range(len(links[i].evidence) - 1):
                await pilot.press("n")
                await pilot.pause()
                top, rows = int(detail.scroll_y), detail.scrollable_content_region.height
                seen = "\n".join(text.render_line(y).text for y in range(top, top + rows))
                assert "▶" in seen, seen

    asyncio.run(scenario())


def test_what_happened_next_from_a_topic_concern_pins_the_chosen_answer(seed_corpus):
    """In the topic view, w lists answers from across the corpus; n chooses one and p pins
    it to the concern, kept under the topic like the view's own pins."""
    from search.links import topic_side
    from tui.screens.topic import NextScreen

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            screen = await _open_topic(app, pilot, "Trump")
            i = next(i for i, link in enumerate(screen.result.links) if link.evidence)
            for _ in range(i):
                await pilot.press("down")
            await pilot.pause()
            link = screen.link
            await pilot.press("w")
            for _ in range(300):
                await pilot.pause(0.02)
                nxt = app.screen
                if isinstance(nxt, NextScreen) and nxt.answers:
                    break
            else:
                raise AssertionError("what happened next found nothing to pin")
            later = {a.id for a in screen.result.later}
            pinnable = [
                i
                for i, ev in enumerate(nxt.answers)
                if ev.development.key.rsplit(":", 1)[0] in later
            ]
            target = pinnable[-1]
            for _ in range(target):
                await pilot.press("n")
            assert nxt.chosen == target
            await pilot.press("p")
            await pilot.pause()
            key = nxt.answers[target].development.key
            entry = LinkStore.for_corpus(seed_corpus).entries()[
                (link.concern.key, topic_side("Trump").id)
            ]
            assert key in [k for k, _ in entry.pinned]
            await pilot.press("escape")
            index = screen.query_one("#topic-concerns", OptionList).highlighted
            pinned = [
                e.development.key
                for e in screen.result.links[index].evidence
                if e.origin == "curated"
            ]
            assert key in pinned

    asyncio.run(scenario())


def _with_an_unrelated_newest_article(seeds_copy, cache_dir):
    """The bundled pair and a newer article on another story (newest first, it heads the
    corpus's list): the corpus, the pair's older and newer article."""
    from conftest import write

    from search.corpus import Corpus

    bakery = (
        "Bakery wins the county's bread prize\n\nMay 2, 2026\n\n"
        "A family bakery in the valley won the county fair's prize for its sourdough loaf on "
        "Saturday. The judges praised the crust and the crumb of the bread. The bakers said "
        "they would use the prize money to buy a second oven for the shop.\n"
    )
    write(seeds_copy, "bakery.txt", bakery)
    corpus = Corpus.open([seeds_copy], cache_dir=cache_dir)
    older, newer = sorted(
        (a for a in corpus.articles if "Bakery" not in a.title), key=lambda a: a.published
    )
    return corpus, older, newer


async def _first_offered(pilot) -> str:
    """The first article the "Compare with…" palette offers, once it is open."""
    from textual.command import CommandPalette

    for _ in range(50):
        await pilot.pause(0.02)
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    return str(palette.query_one(OptionList).get_option_at_index(0).prompt)


def test_the_corpus_ranks_the_articles_most_like_one_first(seeds_copy, cache_dir):
    corpus, older, newer = _with_an_unrelated_newest_article(seeds_copy, cache_dir)
    assert corpus.articles[0].title.startswith("Bakery")
    alike = corpus.more_like(older.id)
    assert alike[0] == newer.id
    assert older.id not in alike


def test_the_partner_chosen_for_an_article_is_no_copy_of_it(seeds_copy, cache_dir):
    """The same page saved twice (a .txt beside the original): the copy is the article
    most like it, and no story to compare it with."""
    import shutil

    from conftest import ECONOMIST

    from search.corpus import Corpus

    shutil.copy(seeds_copy / ECONOMIST.name, seeds_copy / "economist-copy.txt")
    corpus = Corpus.open([seeds_copy], cache_dir=cache_dir)
    economist = [a for a in corpus.articles if a.published.year == 2024]
    (caliber,) = [a for a in corpus.articles if a.published.year == 2025]
    assert len(economist) == 2
    for a in economist:
        assert corpus.more_like(a.id)[0] in {b.id for b in economist}  # its copy, first
        assert corpus.compare_partner(a.id) == caliber.id


def test_an_undated_article_is_compared_with_the_dated_one_most_like_it(seeds_copy, cache_dir):
    """Before: an undated article had no partner, and c compared the corpus's oldest and
    newest articles, a pair without it."""
    from conftest import write

    from search.corpus import Corpus

    write(
        seeds_copy,
        "undated.txt",
        "Allies weigh Trump's Asia tour\n\nJapan and South Korea weighed defence spending, "
        "AUKUS submarines and tariffs after Trump's Asia tour, officials in Tokyo said.\n",
    )
    corpus = Corpus.open([seeds_copy], cache_dir=cache_dir)
    (undated,) = [a for a in corpus.articles if a.published is None]
    partner = corpus.compare_partner(undated.id)
    assert partner is not None and corpus.get(partner).published is not None


def test_compare_with_lists_the_articles_on_the_anchor_s_story_first(seeds_copy, cache_dir):
    corpus, older, newer = _with_an_unrelated_newest_article(seeds_copy, cache_dir)

    async def scenario():
        app = _app(corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            app.toggle_mark(older.id)
            app.action_compare_with()
            first = await _first_offered(pilot)
            assert newer.title in first and "Bakery" not in first

    asyncio.run(scenario())


def test_the_topic_footer_shows_concern_and_verdict_keys_and_help_says_what_0_does(seed_corpus):
    """The topic view's footer showed neither j/k nor 1-5; the help said 0 gave the
    verdict back "to the engine", when it clears the analyst's own (the corpus's shared
    verdict, as the bundled corpus has, shows again if there is one)."""
    from textual.widgets._footer import FooterKey, FooterLabel

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 30)) as pilot:
            await pilot.pause()
            screen = await _open_topic(app, pilot, "Trump")
            await pilot.pause()
            footer_keys = {k.key for k in screen.query(FooterKey)}
            assert {"j", "k", "1", "2", "3", "4", "5"} <= footer_keys
            labels = {str(label.render()) for label in screen.query(FooterLabel)}
            assert {"Concern", "Verdict"} <= labels
            await pilot.press("question_mark")
            rows = {d: k for _, s in app.screen.sections for k, d, _ in s}
            assert rows["Clear my verdict (shared or engine's)"] == "0"

    asyncio.run(scenario())


def test_c_with_no_mark_compares_the_highlighted_article_with_the_one_most_like_it(
    seeds_copy, cache_dir
):
    """Among many stories the oldest and newest articles are no pair: c on an article with
    nothing marked compares it with the dated article most like it."""
    corpus, older, newer = _with_an_unrelated_newest_article(seeds_copy, cache_dir)

    async def scenario():
        app = _app(corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            app.open_article(older.id, "")
            await pilot.pause()
            await pilot.press("c")
            screen = await _until_compared(pilot)
            assert (screen.result.earlier.id, screen.result.later.id) == (older.id, newer.id)

    asyncio.run(scenario())


def test_what_happened_next_from_a_pair_says_its_keys_and_what_the_figures_mean(seed_corpus):
    """The pair view's popup had no footer, ? and F1 did nothing (a modal screen has none
    of the app's keys), nothing said what closes it, and '→ 0.04' was unexplained."""
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    from tui.screens.help import HelpScreen
    from tui.screens.topic import NextScreen

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open_compare(pilot)
            target = next(i for i, link in enumerate(screen.result.links) if link.evidence)
            for _ in range(target):
                await pilot.press("j")
            await pilot.press("w")
            for _ in range(300):
                await pilot.pause(0.02)
                if isinstance(app.screen, NextScreen) and app.screen.answers:
                    break
            else:
                raise AssertionError("what happened next never answered")
            await pilot.pause()
            popup = app.screen
            keys = {k.key: k.description for k in popup.query_one(Footer).query(FooterKey)}
            assert keys.get("escape") == "Close" and "question_mark" in keys
            shown = " ".join(str(popup.query_one("#next-text", Static).render()).split())
            assert "Escape, w or q closes" in shown and "(0 to 1)" in shown
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            help_text = " ".join(str(app.screen.query_one("#help-text").render()).split())
            assert "how well it answers the concern" in help_text
            await pilot.press("escape")
            assert app.screen is popup
            await pilot.press("q")
            assert app.screen is screen

    asyncio.run(scenario())


def test_the_status_line_says_which_sentence_p_will_pin_and_g_G_reach_the_ends(seed_corpus):
    """The audit: after n the status line stayed "concern 1/6 · open", the chosen sentence
    told only by a shade, so an analyst pinned the wrong one; and g/G, which every other
    list takes, did nothing in the concerns."""

    async def scenario():
        app = _app(seed_corpus)
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await _open_compare(pilot)
            await pilot.press("n")
            await pilot.pause()
            status = str(screen.query_one("#compare-status", Static).render())
            chosen = " ".join(screen.later_sentences[screen.dev_cursor].text.split())
            assert f"▶ {screen.dev_cursor + 1}/{len(screen.later_sentences)} " in status
            assert chosen[:30] in status
            await pilot.press("G")
            await pilot.pause()
            assert screen.current == len(screen.result.links) - 1
            await pilot.press("g")
            await pilot.pause()
            assert screen.current == 0

    asyncio.run(scenario())


def test_closing_what_happened_next_stops_the_look_across_the_corpus(
    tmp_path, cache_dir, monkeypatch
):
    """Escape leaves the view and the work behind it: the worker reads no other article
    once the view is closed (it kept a core busy for minutes at 20,000 articles)."""
    import threading

    from conftest import story_among_unrelated

    import search.compare
    import search.compare.analysis as analysis
    from search.compare import _is_concern
    from search.corpus import Corpus
    from tui.screens.topic import NextScreen

    pledge_title, _ = story_among_unrelated(tmp_path / "news", unrelated=30)
    corpus = Corpus.open([tmp_path / "news"], cache_dir=cache_dir)
    pledge = next(a for a in corpus.articles if a.title == pledge_title)
    side = analysis._sentences(pledge, corpus.entities(pledge.id), analysis.load_themes())
    concern = next(s for i, s in enumerate(side) if _is_concern(s, side[i - 1] if i else None))
    analysis.clear_analysis_cache()
    read: list[str] = []
    reading, go_on = threading.Event(), threading.Event()
    real = analysis._analyse

    def held(article, entities, themes):
        read.append(article.id)
        if article.id != pledge.id:
            reading.set()
            go_on.wait(10)  # the first later article is read while the user presses Escape
        return real(article, entities, themes)

    monkeypatch.setattr(analysis, "_analyse", held)
    done = threading.Event()
    look = search.compare.what_happened_next

    def looked(*args, **kwargs):
        try:
            return look(*args, **kwargs)
        finally:
            done.set()

    monkeypatch.setattr(search.compare, "what_happened_next", looked)

    async def scenario():
        app = _app(corpus)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = NextScreen(corpus, pledge, evolve_concern(concern))
            app.push_screen(screen)
            for _ in range(300):
                await pilot.pause(0.02)
                if reading.is_set():
                    break
            else:
                raise AssertionError("what happened next never started reading")
            await pilot.press("escape")
            assert not isinstance(app.screen, NextScreen)
            go_on.set()
            for _ in range(300):
                await pilot.pause(0.02)
                if done.is_set():
                    break
            else:
                raise AssertionError("the look across the corpus never stopped")
        return read

    read = asyncio.run(scenario())
    corpus.close()
    assert len(set(read) - {pledge.id}) == 1  # the one being read when Escape was pressed


def evolve_concern(sentence):
    """A concern as the compare view hands it to "what happened next"."""
    from search.compare.model import Concern

    return Concern(sentence.span, sentence.key)
