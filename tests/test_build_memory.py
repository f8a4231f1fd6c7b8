"""What a build's processes hold (issue 15: "without holding 2.5x the memory of a bare
build"): the workers share what the parent loaded, the ingest rules' caches stay small,
and on two cores no writer process sorts postings beside the one in the parent."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from conftest import article_text, write

import search.index
from search.corpus import Corpus
from search.ingest import read_article
from search.ingest.text import shapes as ingest_shapes

_LOADED_IN_PARENT: list[int] = []


def _load_in_parent() -> None:
    _LOADED_IN_PARENT.append(os.getpid())


def _what_a_worker_sees(_item: object) -> tuple[int, int, list[int]]:
    return os.getpid(), gc.get_freeze_count(), list(_LOADED_IN_PARENT)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="a pool needs two cores")
def test_a_pooled_build_forks_its_workers_from_a_loaded_frozen_heap(monkeypatch):
    """The entity tables are loaded once, in the parent, before the workers fork, and the
    parent's objects are frozen meanwhile: a worker's collector never writes to (and so
    copies) the pages it shares with the parent. Each worker used to load the tables
    itself, and its first full collection copied the rest."""
    monkeypatch.setattr(search.index, "BULK", search.index.POOLED)
    monkeypatch.setattr(search.index, "_ready_to_prepare", _load_in_parent)
    monkeypatch.setattr(search.index, "_prepare", _what_a_worker_sees)
    _LOADED_IN_PARENT.clear()
    todo = [(Path("/nowhere"), Path(f"f{i}.txt"), (0, 0, 0)) for i in range(search.index.POOLED)]
    seen = list(search.index._prepare_all(todo))
    workers = {pid for pid, _frozen, _loaded in seen}
    assert os.getpid() not in workers  # read in the pool, not here
    assert all(frozen > 0 for _pid, frozen, _loaded in seen)
    assert all(loaded == [os.getpid()] for _pid, _frozen, loaded in seen)
    assert gc.get_freeze_count() == 0  # the parent's collector has them back


def test_a_small_refresh_does_not_load_the_tables_in_the_parent(monkeypatch):
    """Below a build's size the parent does not pay for tables only the workers use."""
    monkeypatch.setattr(search.index, "_ready_to_prepare", _load_in_parent)
    monkeypatch.setattr(search.index, "_prepare", _what_a_worker_sees)
    _LOADED_IN_PARENT.clear()
    todo = [(Path("/nowhere"), Path(f"f{i}.txt"), (0, 0, 0)) for i in range(search.index.POOLED)]
    list(search.index._prepare_all(todo))
    assert _LOADED_IN_PARENT == []


def _writer_kinds(monkeypatch) -> list[str]:
    kinds: list[str] = []
    real = search.index.Index._writer

    def spy(self, count, *, fresh):
        writer = real(self, count, fresh=fresh)
        kinds.append(type(writer).__name__)
        return writer

    monkeypatch.setattr(search.index.Index, "_writer", spy)
    return kinds


def test_a_build_on_two_cores_writes_in_one_process_and_on_more_in_several(tmp_path, monkeypatch):
    """On two cores the parent's writer and a worker a core keep both busy: writer
    processes would each hold a sort buffer of their own (~180 MB) for no speed. With
    more cores, Whoosh's writer processes take a share of the writing."""
    folder = tmp_path / "news"
    for i in range(12):
        write(folder, f"story{i:02d}.txt", article_text(f"Story {i}", topic=f"topic{i}"))
    monkeypatch.setattr(search.index, "BULK", 10)
    kinds = _writer_kinds(monkeypatch)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    corpus = Corpus.open([folder], cache_dir=tmp_path / "cache", rebuild=True)
    assert len(corpus) == 12 and corpus.search("topic3").total == 1
    corpus.close()
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    corpus = Corpus.open([folder], cache_dir=tmp_path / "cache", rebuild=True)
    assert len(corpus) == 12 and corpus.search("topic3").total == 1
    corpus.close()
    assert kinds == ["SegmentWriter", "MpWriter"]


def test_reading_many_articles_keeps_few_lines_in_the_line_cache(tmp_path):
    """The words of a line are cached for the rules that ask of it within an article; a
    worker that kept 8,192 whole paragraphs and their words held ~30 MB for no speed."""
    ingest_shapes._words.cache_clear()
    for i in range(120):
        lines = [
            f"Paragraph {k} of story {i}: the talks on topic {i * 7 + k} went on."
            for k in range(12)
        ]
        path = write(tmp_path, f"s{i}.txt", f"# Story {i}\n\n" + "\n\n".join(lines) + "\n")
        read_article(path, tmp_path)
    assert ingest_shapes._words.cache_info().currsize <= 1024
