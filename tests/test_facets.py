"""Facet counts: what Whoosh's own grouping counts, from a table kept beside the index."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest
from whoosh.sorting import FieldFacet

from bench import generate
from search import query as q
from search.corpus import FACETS, Corpus

N = 80


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return generate.corpus(N, data=tmp_path_factory.mktemp("facets"))


@pytest.fixture(scope="module")
def built(folder, tmp_path_factory):
    """An index of ``folder``, built once; a test that changes it works on a copy."""
    cache = tmp_path_factory.mktemp("facets-cache")
    Corpus.open([folder], cache_dir=cache).close()
    return cache


def _whoosh_facets(corpus, text: str) -> tuple[Counter, Counter, Counter]:
    """Whoosh's own counts: its grouping of every match by source, year and entity."""
    searcher = corpus._searcher
    parsed = q.parse(corpus._parser, text) if text else q.wq.Every()
    results = searcher.search(
        parsed,
        limit=None,
        groupedby={
            "source": FieldFacet("source_facet"),
            "year": FieldFacet("year"),
            "entity": FieldFacet("entity_facet", allow_overlap=True),
        },
    )
    return tuple(
        Counter({value: len(docs) for value, docs in results.groups(name).items() if value})
        for name in ("source", "year", "entity")
    )


def _ours(facets) -> tuple[dict, dict, dict]:
    return tuple(
        {f.value: f.count for f in part} for part in (facets.sources, facets.years, facets.entities)
    )


def _same_as_whoosh(corpus, text: str) -> None:
    facets = corpus.search(text, facets=True).facets if text else corpus.facets("")
    sources, years, entities = _ours(facets)
    w_sources, w_years, w_entities = _whoosh_facets(corpus, text)
    assert sources == dict(w_sources)
    assert years == dict(w_years)
    # The fifteen most named entities (ties by name), as many as Whoosh counts for each.
    top = sorted(w_entities.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    assert [(f.value, f.count) for f in facets.entities] == top
    assert facets.matched == len(
        set(
            corpus._searcher.docs_for_query(q.parse(corpus._parser, text) if text else q.wq.Every())
        )
    )


@pytest.mark.parametrize(
    "text", ["", "minister", "sanctions", '"prime minister"', "rec* NOT talks"]
)
def test_facets_count_what_whoosh_groups(folder, built, text):
    corpus = Corpus.open([folder], cache_dir=built)
    try:
        _same_as_whoosh(corpus, text)
    finally:
        corpus.close()


@pytest.mark.parametrize(
    "text", ["", "minister", "sanctions", '"prime minister"', "rec* NOT talks"]
)
def test_entities_counted_by_bitmaps_are_what_whoosh_groups(folder, built, text, monkeypatch):
    """A large match set's entities are counted by the bitmaps of the most named ones,
    until no other can reach the top: the same fifteen, the same counts."""
    monkeypatch.setattr(q.FacetTable, "BITMAPS_FROM", 1)
    corpus = Corpus.open([folder], cache_dir=built)
    try:
        table = corpus._facet_table()
        assert table.bitmaps
        used: list[bool] = []
        real = q.FacetTable._top_entities
        monkeypatch.setattr(
            q.FacetTable,
            "_top_entities",
            lambda self, *a: (lambda r: (used.append(r is not None), r)[1])(real(self, *a)),
        )
        _same_as_whoosh(corpus, text)
        assert used and (any(used) or not text)
    finally:
        corpus.close()


def test_the_table_is_kept_beside_the_index_and_read_again_only_when_it_changed(
    folder, tmp_path, monkeypatch
):
    news = tmp_path / "news"
    shutil.copytree(folder, news)
    first = Corpus.open([news], cache_dir=tmp_path / "cache")
    expected = first.facets("minister")
    kept = first._index.directory / FACETS
    first.close()
    assert kept.exists()

    read: list[object] = []
    real = q.FacetTable.__init__
    monkeypatch.setattr(
        q.FacetTable, "__init__", lambda self, *a, **k: (read.append(1), real(self, *a, **k))[1]
    )
    again = Corpus.open([news], cache_dir=tmp_path / "cache")
    try:
        assert again.facets("minister") == expected
        assert not read  # loaded, not read from the posting lists
        assert again._facet_reader is None  # nor a reader opened for it
    finally:
        again.close()

    # A file removed: a deletion in the segment; the table kept is not this index's.
    gone = sorted(news.rglob("*.txt"))[0]
    gone.unlink()
    after = Corpus.open([news], cache_dir=tmp_path / "cache")
    try:
        assert after.facets("").matched == N - 1
        assert read
        _same_as_whoosh(after, "minister")
    finally:
        after.close()


@pytest.mark.parametrize(
    "damage", [b"", b"not json\n", b'{"version": 4, "key": []}\n', None, "everything"]
)
def test_a_damaged_table_is_read_again_from_the_index(folder, built, tmp_path, damage):
    shutil.copytree(built, tmp_path / "cache")
    first = Corpus.open([folder], cache_dir=tmp_path / "cache")
    expected = first.facets("")
    kept = first._index.directory / FACETS
    first.close()
    data = kept.read_bytes()
    if damage == "everything":  # whole, but its counts name a value the table lacks
        head, _, blob = data.partition(b"\n")
        header = json.loads(head)
        header["everything"][2].append([len(header["names"]) + 5, 1])
        kept.write_bytes(json.dumps(header).encode() + b"\n" + blob)
    else:
        kept.write_bytes(data[: len(data) // 2] if damage is None else damage)  # cut short, junk
    again = Corpus.open([folder], cache_dir=tmp_path / "cache")
    try:
        assert again.facets("") == expected
    finally:
        again.close()
    assert kept.read_bytes() == data  # and kept again, whole
