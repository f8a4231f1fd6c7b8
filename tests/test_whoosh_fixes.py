"""Whoosh's matchers as search.query uses them: a narrowed top-N search must rank the same
hits, with the same scores, as an exhaustive one (see search/whoosh_fixes.py)."""

from __future__ import annotations

from whoosh.matching import ListMatcher, binary

import search.query  # noqa: F401  (applies the fixes)


def test_optional_part_still_counts_after_a_skip():
    # title:x (required) with body:x (optional): the body's score belongs to doc 5 too.
    m = binary.AndMaybeMatcher(
        ListMatcher([1, 5], all_weights=1.0), ListMatcher([3, 5], all_weights=10.0)
    )
    m.skip_to(2)
    assert (m.id(), m.score()) == (5, 11.0)


def test_excluded_document_never_matches_even_when_the_exclusion_lags():
    # A fresh AndNot whose excluded side still stands before the first candidate.
    m = binary.AndNotMatcher(ListMatcher([4, 6, 8]), ListMatcher([1, 4, 6]))
    assert list(m.all_ids()) == [8]


def test_best_hits_of_a_page_are_the_best_of_all_matches(tmp_path_factory):
    """On a generated corpus, the first page of every two-word query is the start of the
    full ranking, scores included: narrowing the search to a page must not change it."""
    import random

    from bench import generate
    from search.corpus import Corpus

    data = tmp_path_factory.mktemp("ranking")
    corpus = Corpus.open([generate.corpus(250, data=data)], cache_dir=data / "cache")
    lex = generate.Lexicon()
    rng = random.Random("ranking")
    words = [lex.nouns.draw(rng)[0] for _ in range(30)] + [
        lex.adjectives.draw(rng) for _ in range(30)
    ]
    queries = [
        f"{rng.choice(words)}{op}{rng.choice(words)}"
        for _ in range(40)
        for op in (" ", " NOT ", " OR ")
    ]
    try:
        for text in queries:
            page = corpus.search(text, limit=10)
            everything = corpus.search(text, limit=len(corpus))
            expected = [(h.id, round(h.score, 6)) for h in everything.hits[:10]]
            assert [(h.id, round(h.score, 6)) for h in page.hits] == expected, text
    finally:
        corpus.close()


def test_a_file_inside_a_segment_is_read_in_place_not_copied():
    """Opening an index reads its term dictionaries by position from the mapped segment:
    copying each (tens of MB at 50,000 articles) was a third of `dossier search`."""
    from whoosh.filedb.structfile import BufferFile

    data = bytes(range(256)) * 64
    f = BufferFile(memoryview(data), name="x.trm")
    assert f.get(4, 4) == data[4:8] and f.get_uint(8) == int.from_bytes(data[8:12], "big")
    assert f._stream is None  # nothing copied for reads by position
    f.seek(10)
    assert f.read(3) == data[10:13] and f.tell() == 13  # a stream still, when one is needed
    assert f.read_int() == int.from_bytes(data[13:17], "big", signed=True)
    f.seek(-2, 2)
    assert f.read() == data[-2:] and f.read(5) == b""
    # ...reading the map in place: the postings file of a segment is read this way, and
    # a copy of it (~100 MB at 50,000 articles) was most of refreshing one document
    assert f._stream._view.obj is data
    f.close()
    assert f.is_closed
