"""Whoosh's writer with search/whoosh_writing.py's patches writes the very same index as
Whoosh's own: every file of the segment byte for byte, runs spilled to disk or not."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as windex

import search.index  # noqa: F401  (applies the patches)
from search import whoosh_writing
from search.index import schema


def _documents(count: int) -> list[dict]:
    rng = random.Random(count)
    words = [f"{rng.choice('bcdfgklmnprst')}{rng.choice('aeiou')}{k}" for k in range(3000)]
    docs = []
    for n in range(count):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(0, 300)))
        docs.append(
            {
                "id": f"doc{n}",
                "path": f"folder/doc{n}.txt",
                "title": " ".join(rng.choice(words) for _ in range(rng.randint(1, 8))),
                "standfirst": "" if n % 3 else "A standfirst of a few words",
                "body": body,
                "body_stored": body,
                "source": rng.choice(["Daily Wire", "The Times", ""]),
                "source_facet": "x",
                "words": len(body.split()),
                "year": str(2000 + n % 20),
                "entity": ",".join(rng.sample(words, rng.randint(0, 5))),
            }
        )
    return docs


def _build(folder: Path, docs: list[dict], **writer) -> dict[str, bytes]:
    folder.mkdir()
    ix = windex.create_in(str(folder), schema())
    w = ix.writer(compound=False, **writer)
    for doc in docs:
        w.add_document(**doc)
    w.commit()
    # A segment's files are named after its random id: compare them by what follows it.
    # (The table of contents differs between any two builds: it holds that id.)
    assert ix.doc_count_all() == len(docs)
    return {p.name.split(".", 1)[1]: p.read_bytes() for p in folder.glob("MAIN_*.*")}


@pytest.mark.parametrize("limitmb", [1, 128], ids=["runs on disk", "in memory"])
def test_the_patched_writer_writes_the_same_files_as_whooshs(tmp_path, monkeypatch, limitmb):
    docs = _documents(400)  # ~40,000 postings: several runs at 1 MB
    ours = _build(tmp_path / "ours", docs, limitmb=limitmb)
    for owner, name, theirs, _ours in whoosh_writing.PATCHES:
        monkeypatch.setattr(owner, name, theirs)
    whooshs = _build(tmp_path / "whoosh", docs, limitmb=limitmb)
    assert ours.keys() == whooshs.keys()
    for name in ours:
        assert ours[name] == whooshs[name], name


def test_a_spilled_run_reads_back_every_posting_in_order(tmp_path):
    from whoosh.filedb.filestore import FileStorage
    from whoosh.writing import PostingPool

    theirs_add = next(p[2] for p in whoosh_writing.PATCHES if p[1] == "add")
    items = [("body", f"w{k % 977:04d}".encode(), k, 1.0, None) for k in range(20_000)]
    items += [("title", b"x", k, 2.0, b"\x00\x01") for k in range(500)]
    ours = PostingPool(FileStorage(str(tmp_path)), None, limitmb=1)
    theirs = PostingPool(FileStorage(str(tmp_path)), None, limitmb=1)
    for item in items:
        ours.add(item)
        theirs_add(theirs, item)
        assert ours.currentsize == theirs.currentsize  # runs are written at the same points
    assert len(ours.runs) == len(theirs.runs) > 1  # it did spill
    assert list(ours.items()) == sorted(items)


_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["The", "a", "of", "İstanbul", "ÉTÉ", "straße", "x", "2024", "cats"]),
        # Chinese and Japanese runs, alone or joined to Latin, digits or Hangul: pairs of
        # characters, one alone, the rest of the token apart (search.cjk).
        st.sampled_from(
            ["東京", "党", "岸田文雄首相は", "2024年3月", "東京olympics", "a東", "京.com"]
        ),
        st.text(st.sampled_from(list("東京の党カーa1서 ")), max_size=8),
        st.text(st.sampled_from(list("aeiouAstnrl-'.,\n ")), max_size=12),
        st.text(max_size=6),
    ),
    max_size=40,
).map(" ".join)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_a_texts_words_and_positions_are_whooshs(text):
    """The one-loop analysis gives every word, frequency, weight and position list that
    Whoosh's chain of filters gives: stop words, short words, case, stems, renumbering."""
    from whoosh.formats import Positions

    field = schema()["body"]
    ours = list(whoosh_writing._word_values(Positions(), text, field.analyzer, mode="index"))
    theirs = list(
        whoosh_writing._positions_word_values(Positions(), text, field.analyzer, mode="index")
    )
    assert ours == theirs


def test_any_other_analyzer_goes_whooshs_way():
    from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
    from whoosh.formats import Positions

    text = "The cats sat on the mats, and the cats ran"
    for analyzer in (StandardAnalyzer(), StemmingAnalyzer(stoplist=None)):
        ours = list(whoosh_writing._word_values(Positions(), text, analyzer))
        assert ours == list(whoosh_writing._positions_word_values(Positions(), text, analyzer))
    assert whoosh_writing._stemming_steps(StandardAnalyzer()) is None
    assert whoosh_writing._stemming_steps(StemmingAnalyzer()) is not None


def test_the_indexs_text_fields_take_the_one_loop_analysis():
    """The body and title fold accents (a CharsetFilter in the chain): still one loop."""
    for name in ("title", "standfirst", "body"):
        assert whoosh_writing._stemming_steps(schema()[name].analyzer) is not None
