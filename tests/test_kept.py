"""Entity tables kept in the cache between runs: read back as made, made again when
their sources change or the kept file is damaged, and the same entities either way."""

from __future__ import annotations

import os
import pickle
import sys

import pytest

from search.entities import kept, recognise_text, typer

gazetteer_module = sys.modules["search.entities.gazetteer"]

TEXT = (
    "Ms Orla Penhallow of the Vantrell Institute told the United Nations in Geneva on "
    "Monday that $4.5bn, or 12% of the budget, went to Kenya. Mr Penhallow said so."
)


def _table(calls: list[int]):
    @kept.kept("test_table")
    def make() -> dict[str, int]:
        calls.append(1)
        return {"made": len(calls)}

    return make


def test_a_table_made_once_is_read_back_by_the_next_process():
    calls: list[int] = []
    assert _table(calls)() == {"made": 1}
    assert _table(calls)() == {"made": 1}  # a new process' first call: read, not made
    assert calls == [1]


def test_a_damaged_kept_table_is_made_again():
    calls: list[int] = []
    _table(calls)()
    (path,) = kept._folder().glob("test_table-*.pickle")
    path.write_bytes(b"\x80\x05garbage")
    assert _table(calls)() == {"made": 2}
    assert _table(calls)() == {"made": 2}  # and kept again


def test_a_changed_source_makes_the_table_again_and_drops_the_old(monkeypatch):
    calls: list[int] = []
    _table(calls)()
    monkeypatch.setattr(kept, "_key", lambda: "another")
    assert _table(calls)() == {"made": 2}
    assert [p.name for p in kept._folder().glob("test_table-*")] == ["test_table-another.pickle"]


def test_nothing_is_kept_when_asked(monkeypatch):
    monkeypatch.setenv(kept.ENV, "0")
    calls: list[int] = []
    _table(calls)()
    _table(calls)()
    assert calls == [1, 1]
    assert not list(kept._folder().glob("test_table-*"))


def _fresh() -> None:
    gazetteer_module.gazetteer.cache_clear()
    for name in ("common_words", "census_names", "places", "weights", "packed"):
        getattr(typer, name).cache_clear()
    for name in dir(typer):  # the typer's caches of scores made from the tables
        clear = getattr(getattr(typer, name), "cache_clear", None)
        if clear is not None:
            clear()


@pytest.fixture
def fresh_tables():
    _fresh()
    yield
    _fresh()


def test_entities_are_the_same_with_tables_read_back_as_made(fresh_tables, monkeypatch):
    monkeypatch.setenv(kept.ENV, "0")
    made = recognise_text(TEXT)
    monkeypatch.delenv(kept.ENV)
    _fresh()
    recognise_text(TEXT)  # makes and keeps them
    _fresh()
    read_back = recognise_text(TEXT)
    assert len(list(kept._folder().glob("gazetteer-*.pickle"))) == 1
    assert read_back == made
    assert {e.canonical for e in made} >= {"United Nations", "Geneva", "Kenya"}


@pytest.mark.skipif(os.geteuid() != 0, reason="needs to give a file to another user")
def test_a_kept_table_of_another_user_is_never_unpickled():
    calls: list[int] = []
    _table(calls)()
    (path,) = kept._folder().glob("test_table-*.pickle")
    path.write_bytes(pickle.dumps({"made": "by someone else"}))
    os.chown(path, 54321, 54321)
    assert _table(calls)() == {"made": 2}
