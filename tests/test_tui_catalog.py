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
    corpus = open_and_save(folder, tmp_path / "cache")
    cached = catalog.load([folder])
    assert cached is not None
    assert [(a.id, a.title, a.source, a.published) for a in cached] == [
        (a.id, a.title, a.source, a.published) for a in corpus.articles
    ]


def test_any_change_to_the_files_misses_the_cache(tmp_path):
    folder = write_corpus(tmp_path / "articles")
    open_and_save(folder, tmp_path / "cache")
    some = next(folder.iterdir())
    st = some.stat()
    os.utime(some, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert catalog.load([folder]) is None  # touched
    open_and_save(folder, tmp_path / "cache")
    (folder / "new.md").write_text("# A new one\n\nText.\n", encoding="utf-8")
    assert catalog.load([folder]) is None  # added
    open_and_save(folder, tmp_path / "cache")
    (folder / "new.md").unlink()
    assert catalog.load([folder]) is None  # removed


def test_a_broken_cache_file_is_a_miss_not_an_error(tmp_path):
    folder = write_corpus(tmp_path / "articles")
    open_and_save(folder, tmp_path / "cache")
    for path in (catalog._cache_root()).iterdir():
        path.write_text("{not json", encoding="utf-8")
    assert catalog.load([folder]) is None


def test_cached_articles_are_listed_before_the_index_opens_then_replaced(tmp_path):
    folder = write_corpus(tmp_path / "articles")
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
