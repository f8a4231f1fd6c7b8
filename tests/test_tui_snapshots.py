"""SVG snapshots of each explorer screen at 100x30 and 80x24 (and the too-small message).

Deterministic by construction: our own articles with fixed dates (tests/tui_corpus.py),
a fixed query time and entity recogniser (StableCorpus), Textual pinned exactly,
animations off, no cursor blink. Regenerate after a deliberate change with
``pytest tests/test_tui_snapshots.py --snapshot-update`` and look at the report.
"""

from __future__ import annotations

import time

import pytest
from tui_corpus import StableCorpus, write_corpus

from search.corpus import Corpus
from tui.app import DossierApp

SIZES = [(100, 30), (80, 24)]


@pytest.fixture
def app(tmp_path):
    real = Corpus.open([write_corpus(tmp_path / "articles")], cache_dir=tmp_path / "cache")
    yield DossierApp(StableCorpus(real))
    real.close()


async def settle(pilot, condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the screen never settled"
        await pilot.pause(0.02)
    await pilot.pause()


def facets_shown(app) -> bool:
    """The search screen is complete: facets filled and the footer (mounted late) in place."""
    facets = app.search_screen.query("#facets")  # empty until the screen has composed
    footer = app.search_screen.query("Footer")
    return (
        bool(facets)
        and facets.first().option_count > 0
        and bool(footer)
        and bool(footer.first().children)
    )


async def query(pilot, text: str) -> None:
    app = pilot.app
    await settle(pilot, lambda: facets_shown(app) and app.focused is not None)
    await pilot.press(*text)
    await settle(
        pilot,
        lambda: (
            app.search_screen.result is not None
            and app.search_screen.result.query == text
            and (facets_shown(app) or not app.search_screen.result.total)
        ),
    )


async def open_reader(pilot, text: str = "harbour") -> None:
    await query(pilot, text)
    await pilot.press("enter")
    await settle(pilot, lambda: type(pilot.app.screen).__name__ == "ReaderScreen")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_screen_on_open(app, snap_compare, size):
    async def before(pilot):
        await settle(pilot, lambda: facets_shown(pilot.app))

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_screen_with_results(app, snap_compare, size):
    async def before(pilot):
        await query(pilot, "harbour")

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_screen_did_you_mean(app, snap_compare, size):
    async def before(pilot):
        await query(pilot, "harbr")

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reader_on_a_hit(app, snap_compare, size):
    async def before(pilot):
        await open_reader(pilot)
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reader_with_entity_selected(app, snap_compare, size):
    async def before(pilot):
        await open_reader(pilot)
        await pilot.press("e", "enter")  # the panel opens on its first name
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(app, snap_compare, size):
    async def before(pilot):
        await open_reader(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_compare_screen(app, snap_compare, size):
    """The harbour deal's concerns against the newest article's developments, the first
    concern chosen: both panes, the marks, the tracker and its status line."""

    async def before(pilot):
        await settle(pilot, lambda: facets_shown(pilot.app))
        articles = pilot.app.corpus.articles
        harbour = next(a for a in articles if "harbour deal" in a.title)
        newest = max(articles, key=lambda a: a.published)
        pilot.app.compare_articles(harbour.id, newest.id)
        await settle(
            pilot,
            lambda: (
                type(pilot.app.screen).__name__ == "CompareScreen"
                and pilot.app.screen.result is not None
            ),
        )

    assert snap_compare(app, terminal_size=size, run_before=before)


def test_light_theme_reader(app, snap_compare):
    app.theme = "dossier-light"

    async def before(pilot):
        await open_reader(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=before)


def test_too_small_terminal(app, snap_compare):
    async def before(pilot):
        await pilot.pause()

    assert snap_compare(app, terminal_size=(50, 16), run_before=before)
