"""The real-page entity bench: its gold file and how it scores."""

from __future__ import annotations

import json
from collections import Counter

from bench import ner_pages
from search.model import Article


def test_gold_rows_are_well_formed():
    rows = [json.loads(line) for line in ner_pages.GOLD_PATH.read_text().splitlines() if line]
    splits = tuple(
        set(pages)
        for pages in (
            ner_pages.DEV,
            ner_pages.HELD_OUT,
            ner_pages.FRESH,
            ner_pages.SIXTH,
            ner_pages.SEVENTH,
            ner_pages.SEVENTH_HELD,
            ner_pages.EIGHTH,
            ner_pages.EIGHTH_HELD,
        )
    )
    pages = set().union(*splits)
    assert sum(len(s) for s in splits) == len(pages)  # no page on two sides
    assert {r["page"] for r in rows} == pages
    for r in rows:
        assert r["type"] in {"PER", "LOC", "ORG", "X"}
        assert r["field"] in {"title", "standfirst", "body"}
        assert r["end"] - r["start"] == len(r["text"])
    spans = Counter((r["page"], r["field"], r["start"]) for r in rows)
    assert max(spans.values()) == 1  # no mention annotated twice


def test_exact_span_and_type_and_open_mentions():
    gold = [
        ("body", 0, 5, "PER"),
        ("body", 10, 16, "LOC"),
        ("body", 20, 30, "X"),
        ("body", 40, 45, "ORG"),
    ]
    ours = [
        ("body", 0, 5, "PER"),  # right
        ("body", 10, 16, "ORG"),  # wrong type
        ("body", 22, 25, "LOC"),  # inside an open mention: neither right nor wrong
        ("body", 50, 55, "PER"),  # no name there
    ]
    hits, fps, misses = ner_pages.judge(gold, ours)
    assert hits == {("body", 0, 5, "PER")}
    assert fps == {("body", 10, 16, "ORG"), ("body", 50, 55, "PER")}
    assert misses == {("body", 10, 16, "LOC"), ("body", 40, 45, "ORG")}
    assert ner_pages.kind(("body", 10, 16, "ORG"), set(gold), missed=False) == "type"
    assert ner_pages.kind(("body", 50, 55, "PER"), set(gold), missed=False) == "spurious"
    assert ner_pages.kind(("body", 40, 45, "ORG"), fps, missed=True) == "missed"


def test_gold_follows_the_text_when_cleaning_moves_it():
    art = Article(id="x", path="", title="", body="Intro added. Ada Lovelace met Babbage.")
    rows = [{"field": "body", "start": 0, "end": 12, "text": "Ada Lovelace", "type": "PER"}]
    spans, moved = ner_pages.anchored(art, rows)
    assert spans == [("body", 13, 25, "PER")]
    assert moved == 1


def test_fresh_gold_matches_its_pages():
    """The fresh, the sixth, the seventh and the eighth round's pages' gold holds its text at its
    offsets in the cleaned page, as written."""
    if not ner_pages.DATA.exists():
        return
    by_page = ner_pages.gold()
    pages = ner_pages.FRESH + ner_pages.SIXTH + ner_pages.SEVENTH + ner_pages.SEVENTH_HELD
    pages += ner_pages.EIGHTH + ner_pages.EIGHTH_HELD
    for page in pages:
        art = ner_pages.article(page)
        rows = by_page[page]
        assert rows
        for r in rows:
            assert art.text(r["field"])[r["start"] : r["end"]] == r["text"], r
        _, moved = ner_pages.anchored(art, rows)
        assert moved == 0
