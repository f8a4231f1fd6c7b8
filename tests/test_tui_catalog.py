"""The article-list cache that lets the first screen list articles before the index opens."""

from __future__ import annotations

import asyncio
import os
import threading
import time

from tui_corpus import write_corpus

from search.corpus import Corpus
from tui import catalog
from tui.app import DossierApp
from tui.screens.reader import ReaderScreen
from tui.widgets.results import ResultList


def open_and_save(folder, cache):
    stamp = catalog.stamp([folder])
    corpus = Corpus.open([folder], cache_dir=cache)
    catalog.save([folder], stamp, corpus.articles)
    return corpus


def test_the_list_comes_back_exactly_while_no_file_changed(tmp_path):
    folder = write_corpus(tmp_path / "articles")
    _settle(folder)
    corpus = open_and_save(folder, tmp_path / "cache")
    cached = catalog.load([folder])
    assert cached is not None
    assert [(a.id, a.title, a.source, a.published) for a in cached] == [
        (a.id, a.title, a.source, a.published) for a in corpus.articles
    ]


def _settle(folder) -> None:
    """Date the folder back past the racy window, as a minute of quiet would."""
    past = time.time_ns() - 60 * 10**9
    os.utime(folder, ns=(past, past))


def test_a_file_added_removed_or_renamed_misses_the_cache(tmp_path):
    folder = write_corpus(tmp_path / "articles")
    _settle(folder)
    open_and_save(folder, tmp_path / "cache")
    assert catalog.load([folder]) is not None
    (folder / "new.md").write_text("# A new one\n\nText.\n", encoding="utf-8")
    assert catalog.load([folder]) is None  # added
    _settle(folder)
    open_and_save(folder, tmp_path / "cache")
    (folder / "new.md").rename(folder / "renamed.md")
    assert catalog.load([folder]) is None  # renamed (how editors save)
    _settle(folder)
    open_and_save(folder, tmp_path / "cache")
    (folder / "renamed.md").unlink()
    assert catalog.load([folder]) is None  # removed


def test_a_folder_changed_moments_before_the_list_was_saved_misses(tmp_path):
    """A file added in the same clock tick as the save would not change the folder's mtime."""
    folder = write_corpus(tmp_path / "articles")
    open_and_save(folder, tmp_path / "cache")
    assert catalog.load([folder]) is None


def test_a_broken_cache_file_is_a_miss_not_an_error(tmp_path):
    folder = write_corpus(tmp_path / "articles")
    open_and_save(folder, tmp_path / "cache")
    for path in (catalog._cache_root()).iterdir():
        path.write_text("{not json", encoding="utf-8")
    assert catalog.load([folder]) is None


def test_cached_articles_are_listed_before_the_index_opens_then_replaced(tmp_path):
    folder = write_corpus(tmp_path / "articles")
    _settle(folder)
    open_and_save(folder, tmp_path / "cache").close()
    preview = catalog.load([folder])
    gate = threading.Event()

    def slow_open():
        gate.wait(10)
        return Corpus.open([folder], cache_dir=tmp_path / "cache")

    async def scenario():
        app = DossierApp(open_corpus=slow_open, preview=preview)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            results = app.search_screen.query_one(ResultList)
            assert [o.id for o in results.options if o.id] == [a.id for a in preview]
            assert app.corpus is None
            await pilot.press("enter")  # opening waits for the index, then happens
            assert not isinstance(app.screen, ReaderScreen)
            gate.set()
            deadline = time.monotonic() + 10
            while not isinstance(app.screen, ReaderScreen):
                assert time.monotonic() < deadline, "the article never opened"
                await pilot.pause(0.05)
            assert app.screen.article.id == preview[0].id
            assert app.screen.article.body  # the real article, not the cached summary

    asyncio.run(scenario())


class _Tty:
    def isatty(self) -> bool:
        return True


def test_dossier_wires_config_keys_theme_and_the_cached_list(tmp_path, monkeypatch):
    import argparse

    from search.config import config_path
    from tui.commands import explore

    config = config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('theme = "light"\n[keys]\ncopy = "Y"\n', encoding="utf-8")
    folder = write_corpus(tmp_path / "articles")
    _settle(folder)
    made: list[DossierApp] = []

    def fake_run(self, *args, **kwargs):
        made.append(self)
        self._open_corpus()  # what the app's worker would do

    monkeypatch.setattr(explore.sys, "stdout", _Tty())
    monkeypatch.setattr(explore.sys, "stdin", _Tty())
    monkeypatch.setattr(DossierApp, "run", fake_run)
    args = argparse.Namespace(folders=[folder], debug=False)
    assert explore.run(args) == 0
    first = made[-1]
    assert first.theme == "dossier-light" and first._keys == {"reader.copy": "Y"}
    assert first.preview == ()  # nothing cached yet: the list waits for the index
    assert explore.run(args) == 0
    assert [a.title for a in made[-1].preview] == [a.title for a in catalog.load([folder])]
    assert made[-1].preview  # the second start lists articles at once


def test_an_edit_in_place_shows_after_the_background_refresh_and_is_named(tmp_path):
    """The quick open trusts the folders' mtimes; the explorer then looks at every file and
    replaces the list when something changed in place, saying what."""
    from tui.commands import explore

    folder = write_corpus(tmp_path / "articles")
    _settle(folder)
    open_and_save(folder, tmp_path / "cache").close()
    edited = folder / "harbour.md"
    mtime = folder.stat().st_mtime_ns
    text = edited.read_text(encoding="utf-8")
    edited.write_text(
        text.replace("Port workers weigh a new harbour deal", "Dockers accept the harbour deal"),
        encoding="utf-8",
    )
    os.utime(edited, ns=(time.time_ns() + 10**9,) * 2)
    os.utime(folder, ns=(mtime, mtime))  # written in place: the folder's mtime stays
    preview = catalog.load([folder])
    assert preview is not None

    async def scenario():
        opener = explore._opener([folder], tmp_path / "cache")
        app = DossierApp(open_corpus=opener, preview=preview, cache_dir=tmp_path / "cache")
        async with app.run_test(size=(100, 30)) as pilot:
            results = app.search_screen.query_one(ResultList)
            deadline = time.monotonic() + 30
            while "Dockers accept the harbour deal" not in _titles(results):
                assert time.monotonic() < deadline, "the edit never showed"
                await pilot.pause(0.05)
            assert "Port workers weigh a new harbour deal" not in _titles(results)
            # The notice is a message Textual posts: it lands just after the list changed.
            while not any("1 updated" in n.message for n in app._notifications):
                assert time.monotonic() < deadline, [n.message for n in app._notifications]
                await pilot.pause(0.05)
            notes = [n.message for n in app._notifications]
            assert any("1 updated" in n and "harbour.md" in n for n in notes), notes

    asyncio.run(scenario())


def _titles(results: ResultList) -> str:
    return " ".join(str(o.prompt) for o in results.options)


def test_the_cycle_collector_waits_for_the_first_frame(tmp_path, monkeypatch):
    """Start-up makes objects it keeps: `dossier` collects no cycles until its first frame
    is out (the app says when), then turns the collector back on; so does a run that
    ends before any frame."""
    import argparse
    import gc

    from tui.commands import explore

    folder = write_corpus(tmp_path / "articles")
    seen: list[tuple[bool, bool]] = []

    def fake_run(self, *args, **kwargs):
        before = gc.isenabled()
        self._first_frame()
        seen.append((before, gc.isenabled()))

    monkeypatch.setattr(explore.sys, "stdout", _Tty())
    monkeypatch.setattr(explore.sys, "stdin", _Tty())
    monkeypatch.setattr(DossierApp, "run", fake_run)
    assert gc.isenabled()
    try:
        assert explore.run(argparse.Namespace(folders=[folder], debug=False)) == 0
        assert seen == [(False, True)]
        monkeypatch.setattr(DossierApp, "run", lambda self, *a, **k: None)  # no frame
        assert explore.run(argparse.Namespace(folders=[folder], debug=False)) == 0
        # The index still opening in its thread pauses the collector too (search.collector
        # counts who holds it): once that is done, it is on again.
        for thread in threading.enumerate():
            if thread.name == "dossier-open-corpus":
                thread.join(30)
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_app_says_when_its_first_frame_is_out(tmp_path):
    folder = write_corpus(tmp_path / "articles")
    _settle(folder)
    open_and_save(folder, tmp_path / "cache").close()
    frames: list[bool] = []

    async def scenario():
        app = DossierApp(
            open_corpus=lambda: Corpus.open([folder], cache_dir=tmp_path / "cache"),
            preview=catalog.load([folder]),
            first_frame=lambda: frames.append(
                bool(app.search_screen.query_one(ResultList).options)
            ),
        )
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert frames == [True]  # once, with the articles listed

    asyncio.run(scenario())
