"""The explorer's lists at corpus scale: only what is on screen is laid out."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading

from search.model import Article
from tui.app import DossierApp
from tui.widgets.results import PAGE, ResultList

N = 5_000


def _articles(n: int) -> tuple[Article, ...]:
    day = dt.date(2025, 1, 1)
    return tuple(
        Article(
            id=f"a{i:05d}",
            path=f"/corpus/{i:05d}.txt",
            title=f"Story number {i}",
            body="",
            standfirst=f"What happened on day {i}.",
            source="The Wire",
            published=day - dt.timedelta(days=i),
        )
        for i in range(n)
    )


def _app(preview) -> tuple[DossierApp, threading.Event]:
    gate = threading.Event()

    def never_opens():
        gate.wait(30)
        raise RuntimeError("closed")

    return DossierApp(open_corpus=never_opens, preview=preview), gate


def test_a_big_list_lays_out_a_page_and_more_as_the_cursor_goes_down():
    preview = _articles(N)

    async def scenario():
        app, gate = _app(preview)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            results = app.search_screen.query_one(ResultList)
            assert PAGE <= results.option_count < 3 * PAGE  # not 5,000
            assert "5000 articles" in str(app.search_screen.query_one("#status").render())
            results.focus()
            shown = results.option_count
            for _ in range(shown):
                await pilot.press("j")
            await pilot.pause()
            assert results.option_count > shown  # the next page came as the cursor neared it
            assert results.current_id == preview[shown].id
            await pilot.press("G")
            await pilot.pause()
            assert results.current_id == preview[-1].id  # G still goes to the very last
            gate.set()

    asyncio.run(scenario())


def test_the_same_list_shown_again_is_not_laid_out_again():
    preview = _articles(300)

    async def scenario():
        app, gate = _app(preview)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            results = app.search_screen.query_one(ResultList)
            first = results.get_option_at_index(0)
            app.search_screen._show_all()  # as when the index opens and trusts the list
            assert results.get_option_at_index(0) is first
            results.show_articles(list(preview))  # another list, though equal: laid out
            assert results.get_option_at_index(0) is not first
            gate.set()

    asyncio.run(scenario())


def test_the_first_build_shows_files_read_of_the_total():
    """A first open of a big folder builds the index: say how far it has got."""
    from tui.progress import Building

    building = Building()
    reached = threading.Event()
    gate = threading.Event()

    def builds():
        for n in range(1, 1_235):
            building.tick(n, 50_000, f"/corpus/{n}.txt")
        reached.set()
        gate.wait(30)
        raise RuntimeError("closed")

    async def scenario():
        app = DossierApp(open_corpus=builds, building=building)
        async with app.run_test(size=(100, 30)) as pilot:
            assert await asyncio.to_thread(reached.wait, 10)
            status = app.search_screen.query_one("#status")
            for _ in range(40):
                if "1,234 of 50,000 files" in str(status.render()):
                    break
                await pilot.pause(0.05)
            text = str(status.render())
            assert "1,234 of 50,000 files" in text
            assert "━" in text  # and a bar
            gate.set()

    asyncio.run(scenario())


def _hits(n: int):
    from search.model import Hit, Snippet

    return tuple(
        Hit(
            id=f"h{i:03d}",
            title=f"Hit number {i}",
            source="The Wire",
            published=dt.date(2025, 1, 1),
            score=float(n - i),
            snippets=(Snippet(f"the harbour deal, part {i}", ((4, 11),)),),
        )
        for i in range(n)
    )


def test_fifty_hits_lay_out_a_screenful_and_the_rest_as_the_cursor_nears_them():
    from tui.widgets.results import HIT_PAGE

    hits = _hits(50)

    async def scenario():
        app, gate = _app(_articles(10))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            results = app.search_screen.query_one(ResultList)
            results.show_hits(hits)
            assert results.option_count < 2 * len(hits)  # not every hit laid out at once
            assert results.option_count >= 2 * HIT_PAGE - 1
            results.focus()
            for _ in range(HIT_PAGE):
                await pilot.press("j")
            await pilot.pause()
            assert results.current_id == hits[HIT_PAGE].id  # past the first page: there
            assert [o.id for o in results.options if o.id] == [h.id for h in hits]  # the rest came
            await pilot.press("G")
            assert results.current_id == hits[-1].id
            # Shown again (a mark toggled), the cursor stays on its hit, however far down.
            results.show_hits(hits, keep=True)
            await pilot.pause()
            assert results.current_id == hits[-1].id
            gate.set()

    asyncio.run(scenario())


def test_a_very_long_body_is_read_a_part_at_a_time_with_nothing_lost_between():
    """Before: each `+` laid out the article from its start again, up to the part asked
    for, so the tenth part of a 2 MB report took seconds to show. A part now begins where
    the last was cut, and no part is longer than the reader shows."""
    from tui.widgets.text import READER_CHARS, reading_blocks

    body = "\n\n".join(f"Paragraph {n}: the harbour talks went on." * 3 for n in range(20_000))
    start, seen = 0, []
    while start < len(body):
        blocks, end = reading_blocks(body, READER_CHARS, start)
        assert start < end <= start + READER_CHARS
        assert all(start <= offset and body[offset:].startswith(text) for offset, text in blocks)
        seen += [text for _, text in blocks]
        start = end
    assert "\n\n".join(seen) == body


def test_a_snippet_line_keeps_its_highlight_on_screen_in_chinese_or_japanese():
    """The review: the context kept before a hit was 28 characters, and a Japanese
    character takes two columns: at 80 columns the hit itself was off the line."""
    from rich.cells import cell_len

    from search.model import Snippet
    from tui.widgets.results import LEAD, snippet_line

    text = "日本政府は火曜日に新たな経済対策を発表し、防衛費を計上する方針を示した。京都でも会合が開かれた。"
    at = text.index("京都")
    line = snippet_line(Snippet(text=text, highlights=((at, at + 2),)), "bold")
    before = line.plain[: line.plain.index("京都")]
    assert cell_len(before) <= LEAD + 2  # the ellipsis and at most one wide character
    english = "The harbour authority said on Tuesday that the new terminal in Velm would open."
    at = english.index("Velm")
    plain = snippet_line(Snippet(text=english, highlights=((at, at + 4),)), "bold").plain
    assert plain.startswith("…") and len(plain[: plain.index("Velm")]) <= LEAD + 1
