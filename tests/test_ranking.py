"""Ranking by whole posting lists (search.ranking) finds what Whoosh finds, scored as Whoosh
scores it, in the order Whoosh ranks it: on generated news, in one segment and in several,
with a file removed (a deletion the segment still holds), with filters and phrases."""

from __future__ import annotations

import shutil

import pytest

from bench import generate
from search import query as q
from search import ranking
from search.corpus import Corpus
from search.model import Cancelled

N = 120

QUERIES = [
    "minister",
    "government security",
    "sanctions OR tariffs",
    "minister NOT election",
    "Japan AND minister",
    "rec*",
    "rec* minister",
    "minist*",
    "title:minister",
    '"prime minister"',
    '"nuclear weapons" Japan',
    '"security alliance" OR sanctions',
    '"prime minister" NOT Korea',
    'minister NOT "trade war"',
    "submarnie~2",
    "(minister OR president) AND (sanctions OR talks)",
    "minister^3 talks",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    data = tmp_path_factory.mktemp("ranking")
    return generate.corpus(N, data=data)


@pytest.fixture(scope="module")
def corpus(folder, tmp_path_factory):
    c = Corpus.open([folder], cache_dir=tmp_path_factory.mktemp("ranking-cache"))
    yield c
    c.close()


def _whoosh(corpus, text: str, limit: int, restrict=None):
    """Whoosh's own score for every match (its matcher, document by document), ranked
    best first, ties by document number. Not its collector: that one skips documents a
    boost (``minister^3``) would have brought into the top ten."""
    searcher = corpus._searcher
    parsed = q.parse(corpus._parser, text)
    allowed = q.matching_docs(searcher, restrict) if restrict is not None else None
    scored = {}
    m = parsed.matcher(searcher, searcher.context())
    while m.is_active():
        if allowed is None or m.id() in allowed:
            scored[m.id()] = m.score()
        m.next()
    best = sorted(scored.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return parsed, best, set(scored)


def _same(corpus, text: str, *, limit: int = 10, restrict=None) -> None:
    parsed, best, every = _whoosh(corpus, text, limit, restrict)
    allowed = q.matching_docs(corpus._searcher, restrict) if restrict is not None else None
    ranked = ranking.top(corpus._searcher, parsed, limit, allowed=allowed, cap=10_000, every=True)
    assert ranked is not None, f"{text!r} fell back to Whoosh"
    assert [d for d, _ in ranked.best] == [d for d, _ in best], text
    assert [s for _, s in ranked.best] == pytest.approx([s for _, s in best], rel=1e-9), text
    assert set(ranked.matched) == every, text
    assert (ranked.total, ranked.exact) == (len(every), True), text


@pytest.mark.parametrize("text", QUERIES)
def test_the_same_hits_scores_and_matches_as_whoosh(corpus, text):
    assert corpus._searcher.doc_count() == N
    _same(corpus, text)


def test_several_segments_a_removed_file_and_a_filter(folder, tmp_path):
    """Files added after the build go to a segment of their own; a removed file stays in
    its segment, deleted; a filter keeps only its documents."""
    copy = tmp_path / "news"
    shutil.copytree(folder, copy)
    later = sorted(copy.rglob("*.txt"))[-20:]
    moved = tmp_path / "later"
    moved.mkdir()
    for path in later:
        path.rename(moved / path.name)
    Corpus.open([copy], cache_dir=tmp_path / "cache").close()
    for path in later:  # back, as new files: a second segment
        (moved / path.name).rename(path)
    sorted(copy.rglob("*.txt"))[3].unlink()  # a deletion in the first segment
    corpus = Corpus.open([copy], cache_dir=tmp_path / "cache")
    try:
        assert len(corpus._searcher.leaf_searchers()) > 1
        assert corpus._searcher.reader().has_deletions()
        source = corpus.articles[0].source
        for text in QUERIES:
            _same(corpus, text)
            _same(corpus, text, restrict=q._filter({"source": source}))
    finally:
        corpus.close()


def test_a_phrase_counts_up_to_the_cap_and_ranks_exactly(corpus):
    """A phrase's positions are compared only as far as the hits shown and the count's cap
    need: the hits are Whoosh's, the count says "more than" past the cap."""
    parsed, best, every = _whoosh(corpus, '"prime minister"', 5)
    assert len(every) > 10
    ranked = ranking.top(corpus._searcher, parsed, 5, cap=10)
    assert ranked is not None
    assert [d for d, _ in ranked.best] == [d for d, _ in best]
    assert (ranked.total, ranked.exact, ranked.matched) == (10, False, None)
    whole = ranking.top(corpus._searcher, parsed, 5, cap=len(every))
    assert (whole.total, whole.exact) == (len(every), True)


def test_what_it_cannot_rank_whoosh_ranks(corpus):
    for text in ('"prime minister"~3', "minister published:2025"):
        parsed = q.parse(corpus._parser, text)
        assert ranking.top(corpus._searcher, parsed, 10, cap=1000) is None
        assert corpus.search(text).total == len(set(corpus._searcher.docs_for_query(parsed)))


def test_a_search_given_up_stops_and_one_not_given_up_answers(corpus):
    """``given_up`` is asked as the search goes; once true, it stops with Cancelled."""
    asked: list[int] = []

    def after(n: int):
        def given_up() -> bool:
            asked.append(1)
            return len(asked) > n

        return given_up

    for text in ("minister", '"prime minister"', "rec* NOT talks"):
        asked.clear()
        with pytest.raises(Cancelled):
            corpus.search(text, given_up=after(0))
        asked.clear()
        with pytest.raises(Cancelled):
            corpus.search(text, limit=50, given_up=after(2))
        answered = corpus.search(text, given_up=lambda: False)
        assert answered.hits == corpus.search(text).hits
    with pytest.raises(Cancelled):
        corpus.facets('"prime minister"', given_up=lambda: True)


def test_postings_of_many_blocks_read_as_whoosh_reads_them(tmp_path):
    """A word in hundreds of documents spans several posting blocks (Whoosh writes 128 a
    block, some compressed): read a block at a time, they are the documents, weights and
    positions Whoosh's matcher steps through, the deleted ones left out."""
    from whoosh import fields, index
    from whoosh.query import Term

    schema = fields.Schema(body=fields.TEXT(phrase=True))
    ix = index.create_in(str(tmp_path), schema)
    with ix.writer() as w:
        for n in range(700):
            w.add_document(body=" ".join(["alpha"] * (1 + n % 7) + ["beta"] * (n % 3 == 0)))
    with ix.writer() as w:
        w.delete_by_query(Term("body", "beta"))
    with ix.reader() as reader:
        for text in (b"alpha", b"beta"):
            for values in (False, True):
                read = [
                    row
                    for block in ranking.postings(reader, "body", text, values=values)
                    for row in zip(*block, strict=True)
                ]
                m = reader.postings("body", text)
                stepped = []
                while m.is_active():
                    stepped.append(
                        (m.id(), m.weight(), m.value()) if values else (m.id(), m.weight())
                    )
                    m.next()
                assert read == stepped, (text, values)
                assert len(read) == (466 if text == b"alpha" else 0)


def test_a_phrase_ranked_part_way_finds_every_match_from_where_it_stopped(corpus, monkeypatch):
    """A phrase ranked until its hits were certain and its count passed the cap leaves
    the candidates it did not look at: ``rest()`` looks at those, and only those, for
    every match (the facets, asked once the hits are shown). Ranked to the end, every
    match comes with the ranking."""
    parsed, _best, every = _whoosh(corpus, '"prime minister"', 5)
    candidates = ranking.evaluate(corpus._searcher, parsed).bounds
    # (which field's phrase, document) for each document whose positions were compared,
    # one at a time (ranking) or many at once (every match)
    looked: list[tuple[int, int]] = []
    real_check, real_matching = ranking._pair_check, ranking._pair_matching

    def counting_check(bounds, first, second):
        check, which = real_check(bounds, first, second), len(phrases)
        phrases.append(bounds)

        def counted(d: int):
            looked.extend([(which, d)] if d in bounds else [])
            return check(d)

        return counted

    def counting_matching(bounds, first, second):
        matching, which = real_matching(bounds, first, second), len(phrases) - 1

        def counted(docs: list[int]):
            looked.extend((which, d) for d in docs if d in bounds)
            return matching(docs)

        return counted

    phrases: list[object] = []

    monkeypatch.setattr(ranking, "_pair_check", counting_check)
    monkeypatch.setattr(ranking, "_pair_matching", counting_matching)
    ranked = ranking.top(corpus._searcher, parsed, 5, cap=10)
    assert ranked is not None and (ranked.matched, ranked.exact) == (None, False)
    part_way = len(looked)
    assert part_way < len(candidates)
    assert set(ranked.rest()) == every
    assert len(set(looked)) == len(looked)  # none looked at twice
    assert {d for _which, d in looked} == set(candidates)  # and each looked at
    whole = ranking.top(corpus._searcher, parsed, 5, cap=len(every))
    assert set(whole.matched) == every and whole.rest is None


@pytest.mark.parametrize("cap", [10, q.COUNT_CAP])
def test_facets_after_a_search_count_its_matches_without_searching_again(corpus, monkeypatch, cap):
    """The explorer asks for a query's facets once its hits are shown: the phrase's
    matches found by the search (all of them, or as far as its ranking went) are
    counted, not looked for again from the posting lists."""
    text = '"prime minister"'
    expected = corpus.search(text, limit=5, facets=True).facets
    monkeypatch.setattr(q, "COUNT_CAP", cap)
    corpus.search(text, limit=5)
    evaluated: list[object] = []
    real = ranking.evaluate
    monkeypatch.setattr(ranking, "evaluate", lambda *a: evaluated.append(a) or real(*a))
    assert corpus.facets(text) == expected
    assert corpus.facets(text) == expected  # found once, counted again
    assert evaluated == []


@pytest.mark.parametrize(
    "text", [t for t in QUERIES if '"' in t] + ['"Papua New Guinea" OR "prime minister" talks']
)
def test_every_match_found_many_at_once_is_whooshs(corpus, text):
    """With facets, the candidates a phrase's ranking did not need are asked many at a
    time which match (``Lazy.matching``): through OR, AND and NOT, the same as Whoosh."""
    parsed, best, every = _whoosh(corpus, text, 3)
    ranked = ranking.top(corpus._searcher, parsed, 3, cap=0, every=True)
    assert [d for d, _ in ranked.best] == [d for d, _ in best], text
    assert (set(ranked.matched), ranked.total, ranked.exact) == (every, len(every), True), text
    assert ranking.match_ids(corpus._searcher, parsed) == every, text
