"""Queries as a user types them: what is found, what is shown, and what is refused."""

from __future__ import annotations

import datetime as dt
import shutil
import threading

import pytest
from conftest import CALIBER, ECONOMIST, SEEDS, article_text, write
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from search.corpus import Corpus
from search.model import QueryError, SearchResult


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds, indexed once for this module (queries never change the index)."""
    base = tmp_path_factory.mktemp("query")
    shutil.copytree(SEEDS, base / "seeds")
    c = Corpus.open([base / "seeds"], cache_dir=base / "cache")
    yield c
    c.close()


@pytest.fixture(scope="module")
def ids(corpus):
    """Seed ids by who published them (looked up, never hard-coded)."""
    by_path = {a.path: a.id for a in corpus.articles}
    found = {}
    for path, article_id in by_path.items():
        if path.endswith(ECONOMIST.name):
            found["economist"] = article_id
        elif path.endswith(CALIBER.name):
            found["caliber"] = article_id
    assert set(found) == {"economist", "caliber"}
    return found


def found(corpus, text: str, **kw) -> set[str]:
    result = corpus.search(text, limit=50, **kw)
    return {h.id for h in result.hits}


def named(ids, *names: str) -> set[str]:
    return {ids[n] for n in names}


# --------------------------------------------------------------------------- the language


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("submarine", {"economist", "caliber"}),  # stemming: both say "submarines"
        ("submarines", {"economist", "caliber"}),
        ("Submarine", {"economist", "caliber"}),
        ("Kishida AND Biden", {"economist"}),
        # Words are ANDed by default: "submarine" is in both articles, "Kishida" in one,
        # "Hegseth" in the other (OR would find both articles each time).
        ("submarine Kishida", {"economist"}),
        ("Kishida Hegseth", set()),
        ("submarine OR Kishida", {"economist", "caliber"}),
        ("Kishida OR Hegseth", {"economist", "caliber"}),
        ("Trump NOT Kishida", {"caliber"}),
        ("Trump AND NOT Hegseth", {"economist"}),
        ("(Kishida OR Hegseth) AND Takaichi", {"caliber"}),
        ('"nuclear-powered submarines"', {"caliber"}),
        ('"prime minister of Japan"', {"economist"}),
        ('"minister prime"', set()),  # a phrase keeps its order
        ("title:allies", {"economist"}),  # "allies" is in both bodies, one title
        ("title:tour", {"caliber"}),
        ("source:economist", {"economist"}),
        ('source:"The Economist"', {"economist"}),
        ("source:caliber.az", {"caliber"}),
        ("author:khalilov", {"caliber"}),
        ("author:Vugar", {"caliber"}),
        ("by:khalilov", {"caliber"}),  # aliases
        ("year:2025", {"caliber"}),
        ("date:2024", {"economist"}),
        ("published:2025", {"caliber"}),
        ("published:2024", {"economist"}),
        ("published:[2024 to 2025]", {"economist", "caliber"}),
        ("published:>2024-06", {"caliber"}),
        ("published:<2025", {"economist"}),
        ("Trump AND published:2025", {"caliber"}),
        ("subm*", {"economist", "caliber"}),
        ("Kish*", {"economist"}),
        ("submarnies~2", {"economist", "caliber"}),
        ("Kishda~1", {"economist"}),
        ("xyzzyplugh", set()),
    ],
)
def test_query_finds(corpus, ids, query, expected):
    assert found(corpus, query) == named(ids, *expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("published:2024 OR published:2025", {"economist", "caliber"}),
        ("Kishida OR published:2025", {"economist", "caliber"}),
        ("Hegseth OR (Kishida AND published:2024)", {"economist", "caliber"}),
        ("(Trump AND published:2024) OR (Hegseth AND published:2025)", {"economist", "caliber"}),
        ("(Trump AND published:2024) OR (Kishida AND published:2025)", {"economist"}),
        ("(published:2024)", {"economist"}),
        ("Trump AND (published:2024)", {"economist"}),
        ("Trump NOT published:2024", {"caliber"}),
        ("published:2024 AND published:2025", set()),
    ],
)
def test_date_clauses_keep_their_place_in_the_query(corpus, ids, query, expected):
    """A date is one clause among others: OR and brackets mean what they say around it."""
    assert found(corpus, query) == named(ids, *expected)


@pytest.mark.parametrize(
    "query", ["Title:allies", "SOURCE:economist", "Author:khalilov", "Published:2024"]
)
def test_capitalised_field_names_are_not_silently_ignored(corpus, query):
    """`Title:allies` must find what `title:allies` finds (or say what is wrong), not
    quietly search for something else and report no hits."""
    try:
        got = found(corpus, query)
    except QueryError:
        return
    field, value = query.split(":", 1)
    assert got == found(corpus, f"{field.lower()}:{value}")
    assert got


def test_zero_hits_is_a_result_not_an_error(corpus):
    result = corpus.search("xyzzyplugh")
    assert result.total == 0
    assert result.hits == ()


def test_limit_caps_hits_not_total(corpus):
    result = corpus.search("Trump", limit=1)
    assert len(result.hits) == 1
    assert result.total == 2


def test_a_full_page_counts_its_total_and_past_the_cap_says_more_than(
    tmp_path_factory, monkeypatch
):
    """Whoosh's estimate said "about 223" where 110 matched: a total is exact, or a floor."""
    import search.query

    base = tmp_path_factory.mktemp("totals")
    for i in range(30):
        write(base / "news", f"{i:02}.txt", f"Harbour story {i}: the harbour talks resume.\n")
    write(base / "news", "other.txt", "Harbour trade.\n")  # "talks" is in 30 of 31
    c = Corpus.open([base / "news"], cache_dir=base / "cache")
    try:
        page = c.search("harbour talks", limit=10)
        counted = c.search("harbour talks", limit=10, facets=True)
        all_of_it = c.search("harbour talks", limit=50)
        assert (len(page.hits), page.total, page.total_exact) == (10, 30, True)
        assert (counted.total, counted.total_exact) == (30, True)
        assert (all_of_it.total, all_of_it.total_exact) == (30, True)
        # A query that posting lists cannot answer (a sloppy phrase) walks Whoosh's matcher,
        # and stops counting past COUNT_CAP: "more than 20" is then true, never an estimate.
        monkeypatch.setattr(search.query, "COUNT_CAP", 20)
        capped = c.search('"harbour talks"~3', limit=10)
        assert (capped.total, capped.total_exact) == (20, False)
        # So does a phrase (where its words stand is read only for the facets, which
        # count it exactly): under the cap the count is exact, past it "more than".
        monkeypatch.setattr(search.query, "COUNT_CAP", 40)
        phrase = c.search('"harbour talks"', limit=10)
        assert (phrase.total, phrase.total_exact) == (30, True)
        monkeypatch.setattr(search.query, "COUNT_CAP", 20)
        phrase = c.search('"harbour talks"', limit=10)
        assert (phrase.total, phrase.total_exact) == (20, False)
        exact = c.search('"harbour talks"', limit=10, facets=True)
        assert (exact.total, exact.total_exact, exact.facets.matched) == (30, True, 30)
    finally:
        c.close()


def test_empty_query_lists_everything_newest_first(corpus, ids):
    result = corpus.search("")
    assert [h.id for h in result.hits] == [ids["caliber"], ids["economist"]]


def test_ranking_prefers_the_article_about_it(corpus, ids):
    # Kishida is the Economist piece's subject and absent from the other.
    result = corpus.search("Kishida OR Trump")
    assert result.hits[0].id == ids["economist"]
    assert result.hits[0].score >= result.hits[-1].score


@pytest.mark.parametrize(
    "query", ["Trump NOT Kishida", "Trump AND NOT Kishida", "(Trump NOT Kishida) OR xyzzy"]
)
def test_excluding_a_word_leaves_the_other_hits_scores_alone(corpus, ids, query):
    # A NOT removes articles; it must not lift the ones left over the rest of the query.
    kept = {h.id: h.score for h in corpus.search(query).hits}
    alone = {h.id: h.score for h in corpus.search("Trump").hits}
    assert set(kept) == named(ids, "caliber")
    assert kept == pytest.approx({k: alone[k] for k in kept})


@pytest.mark.parametrize(
    "query", ["Trump", "Kishida OR Hegseth", "submarines AND Japan", "author:khalilov"]
)
def test_scores_are_whoosh_bm25f(corpus, query):
    # Our weighting reads field lengths ahead; the scores must be Whoosh's own.
    from search.query import parse

    with corpus._index.ix.searcher() as plain:
        q = parse(corpus._parser, query)
        expected = {plain.stored_fields(h.docnum)["id"]: h.score for h in plain.search(q)}
    got = {h.id: h.score for h in corpus.search(query).hits}
    assert expected
    assert got == pytest.approx(expected)


def test_filters_restrict_hits(corpus, ids):
    assert found(corpus, "Trump", filters={"source": "The Economist"}) == named(ids, "economist")
    assert found(corpus, "Trump", filters={"year": "2025"}) == named(ids, "caliber")
    assert found(corpus, "Trump", filters={"year": "1999"}) == set()
    with pytest.raises(QueryError):
        corpus.search("Trump", filters={"colour": "red"})


# --------------------------------------------------------------------------- snippets


@pytest.mark.parametrize(
    ("query", "stem"),
    [
        ("submarine", "submarin"),
        ("Trump", "trump"),
        ("subm*", "subm"),
        ("submarnies~2", "submarin"),
        ("Kishida AND Biden", ""),
    ],
)
def test_snippets_highlight_the_matched_words(corpus, query, stem):
    result = corpus.search(query)
    assert result.hits
    for hit in result.hits:
        assert 1 <= len(hit.snippets) <= 3
        highlighted = []
        for snippet in hit.snippets:
            assert snippet.text.strip()
            assert "\n" not in snippet.text
            for a, b in snippet.highlights:
                assert 0 <= a < b <= len(snippet.text)
                word = snippet.text[a:b].lower()
                highlighted.append(word)
                if stem:
                    assert word.startswith(stem), (query, snippet.text, a, b)
                else:
                    assert word in {"kishida", "biden"}
        assert highlighted, f"no highlight in {hit.snippets}"
        assert set(hit.terms) == set(highlighted)


def test_phrase_snippet_highlights_the_phrase_words(corpus):
    result = corpus.search('"nuclear-powered submarines"')
    words = {s.text[a:b].lower() for s in result.hits[0].snippets for a, b in s.highlights}
    assert words and words <= {
        "nuclear",
        "powered",
        "submarines",
        "nuclear-powered",
        "nuclear-powered submarines",
    }
    assert any("submarines" in w for w in words)


@pytest.mark.parametrize(
    ("query", "pattern"),
    [('"defence spending"', r"defence\s+spending"), ('"prime minister"', r"prime\s+minister")],
)
def test_phrase_snippets_show_the_phrase_and_mark_only_it(corpus, query, pattern):
    """A phrase search shows where the phrase is, not passages where one of its words
    happens to appear, and marks the phrase, not every lone "defence"."""
    import re

    for hit in corpus.search(query).hits:
        for snippet in hit.snippets:
            places = [m.span() for m in re.finditer(pattern, snippet.text, re.I)]
            assert places, snippet.text
            for a, b in snippet.highlights:
                assert any(start <= a and b <= end for start, end in places), (
                    snippet.text[a:b],
                    snippet.text,
                )


@pytest.mark.parametrize("query", ["Trump", "China", "defence"])
def test_snippets_read_as_one_line_of_text(corpus, query):
    """A snippet that crosses a paragraph break shows it as one space, not a gap."""
    for hit in corpus.search(query).hits:
        for snippet in hit.snippets:
            assert "  " not in snippet.text, snippet.text


def test_snippet_text_comes_from_the_article(corpus):
    for hit in corpus.search("Trump").hits:
        body = " ".join(corpus.get(hit.id).body.split())
        for snippet in hit.snippets:
            assert " ".join(snippet.text.strip("…").split()) in body


def test_metadata_only_hit_still_shows_a_snippet(corpus, ids):
    result = corpus.search("source:economist")
    assert result.hits[0].snippets and result.hits[0].snippets[0].text


# --------------------------------------------------------------------------- did you mean


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("submarnies", "submarines"),
        ("Kishda", "kishida"),
        ("nucler submarnies", "nuclear submarines"),
    ],
)
def test_misspelt_query_gets_a_suggestion(corpus, query, suggestion):
    result = corpus.search(query)
    assert result.suggestion is not None
    assert result.suggestion.lower() == suggestion


@pytest.mark.parametrize("query", ["Trump", "submarines", "Kishida AND Biden", "source:economist"])
def test_correct_query_gets_no_suggestion(corpus, query):
    assert corpus.search(query).suggestion is None


def test_did_you_mean_offers_only_a_query_that_finds_something(tmp_path):
    """Each word of "sau Paulo" has a near word in the corpus ("say", and "Paulo" itself),
    but no article has both: "did you mean: say Paulo?" led to 0 hits."""
    news = tmp_path / "news"
    write(news, "a.txt", "# Talks resume\n\nJuly 1, 2025\n\nOfficials say the talks resume.\n")
    write(
        news, "b.txt", "# A teacher remembered\n\nJuly 2, 2025\n\nPaulo Freire wrote on teaching.\n"
    )
    c = Corpus.open([news], cache_dir=tmp_path / "cache")
    try:
        assert c.search("sau").suggestion == "say"  # alone, "say" finds a.txt
        for query in ("sau Paulo", '"sau paulo"', "sau AND paulo"):
            result = c.search(query)
            assert result.total == 0
            if result.suggestion is not None:
                assert c.search(result.suggestion).total > 0, (query, result.suggestion)
        assert c.search("sau OR Paulo").suggestion is not None  # finds: still offered
    finally:
        c.close()


def test_did_you_mean_tries_the_next_nearest_word_when_the_nearest_finds_nothing(tmp_path):
    """Two words near "sau" ("say", "sun"): the one that finds an article with "Paulo"
    is offered, not the closest that finds none."""
    news = tmp_path / "news"
    write(news, "a.txt", "# Talks resume\n\nJuly 1, 2025\n\nOfficials say the talks resume.\n")
    write(news, "b.txt", "# Heat\n\nJuly 2, 2025\n\nPaulo walked in the sun all day.\n")
    c = Corpus.open([news], cache_dir=tmp_path / "cache")
    try:
        suggestion = c.search("sau Paulo").suggestion
        assert suggestion is not None
        assert c.search(suggestion).total == 1
    finally:
        c.close()


def test_stemmed_match_gets_no_suggestion(corpus):
    """ "submarine" finds both seeds (they say "submarines"); nothing is misspelt, so a
    "did you mean: submarines?" above two hits is noise."""
    result = corpus.search("submarine")
    assert result.total == 2
    assert result.suggestion is None


# --------------------------------------------------------------------------- malformed


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ('"unbalanced phrase', "quote"),
        ("(Trump AND Kishida", "parenthes"),
        ("Trump)", "parenthes"),
        ("colour:red", "unknown field"),
        ("the", "common words"),
        ("the of and", "common words"),
        ("x", '"x" is a single letter'),
        ("title:x", '"x" is a single letter'),
        ("x y", "single letters"),
        ("2", "single digit"),
        ("the x", '"the" is a stop word and "x" a single letter'),
        ("!!!", "no letters or digits"),
        ("Trump AND", "operator"),
        ("OR Trump", "operator"),
        ("Trump NOT", "operator"),
        ("NOT Trump", "NOT"),
        ("NOT Trump NOT Kishida", "NOT"),
        ("AND", "operator"),
    ],
)
def test_malformed_query_says_what_is_wrong(corpus, query, says):
    with pytest.raises(QueryError) as info:
        corpus.search(query)
    message = str(info.value)
    assert says.lower() in message.lower()
    assert "Traceback" not in message and len(message.splitlines()) == 1


@pytest.mark.parametrize("query", ["x", "x y", "title:x"])
def test_a_single_letter_is_not_called_a_common_word(corpus, query):
    """ "x" was refused as "only very common words": it is a letter, and a longer word is
    what to try."""
    with pytest.raises(QueryError) as info:
        corpus.search(query)
    assert "common" not in str(info.value)
    assert "longer word" in str(info.value)


@pytest.mark.parametrize("query", ["<<", ">>", "NOT NOT Trump", "Trump AND NOT NOT Biden"])
def test_stray_operators_are_a_query_error(corpus, query):
    with pytest.raises(QueryError):
        corpus.search(query)


@pytest.mark.parametrize("query", ["x~/2", "Trump~/99", "ANDAND~/2024"])
def test_fuzzy_prefix_longer_than_the_word_is_read_or_refused_never_a_crash(corpus, ids, query):
    """`word~/N` keeps the first N letters fixed; N past the word's end is odd, not fatal."""
    try:
        corpus.search(query)
        corpus.matches(ids["economist"], query)
    except QueryError as exc:
        assert str(exc)


@pytest.mark.parametrize(
    "query",
    [
        "published:<foo",
        "published:>x2024",
        "date:<Trump",
        "published:<2024-13-01",
        "published:notadate",
        "published:2024-02-30",
    ],
)
def test_bad_date_is_a_query_error_naming_the_date(corpus, query):
    with pytest.raises(QueryError) as info:
        corpus.search(query)
    assert "date" in str(info.value).lower()


@pytest.mark.parametrize(
    "query",
    [
        "published:2024,",
        "published:2024.",
        "published:2024]",
        "published:>2024]",
        "Trump published:2024-06-01]",
    ],
)
def test_date_followed_by_punctuation_is_read_or_refused_never_a_crash(corpus, query):
    try:
        result = corpus.search(query)
    except QueryError as exc:
        assert "date" in str(exc).lower() or "bracket" in str(exc).lower()
        return
    assert isinstance(result, SearchResult)


@pytest.mark.parametrize("query", ["title:", "author:", "published:"])
def test_field_with_nothing_after_it_is_a_query_error(corpus, query):
    with pytest.raises(QueryError):
        corpus.search(query)


# --------------------------------------------------------------------------- any query


_PIECES = st.sampled_from(
    [
        "AND",
        "OR",
        "NOT",
        "ANDNOT",
        '"',
        "(",
        ")",
        "title:",
        "source:",
        "published:",
        "author:",
        "date:",
        "entity:",
        "*",
        "?",
        "~",
        "~2",
        "^2",
        "[",
        "to",
        "]",
        "{",
        "}",
        ">",
        "<",
        "=",
        "2024",
        "2025-06",
        "2024-13-40",
        "Trump",
        "submarine",
        "the",
        "x",
        ":",
        "-",
        "\\",
        "'",
        " ",
        " ",
        " ",
        "日本",
        "\x00",
        "\x1b",
        "/",
        "+",
        "é",
    ]
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(st.lists(_PIECES, max_size=8).map("".join), st.text(max_size=30)))
def test_any_query_gives_a_result_or_a_query_error(corpus, text):
    try:
        result = corpus.search(text)
    except QueryError as exc:
        assert str(exc)
        return
    assert isinstance(result, SearchResult)
    assert result.total >= len(result.hits)
    for hit in result.hits:
        assert 1 <= len(hit.snippets) <= 3
        for snippet in hit.snippets:
            for a, b in snippet.highlights:
                assert 0 <= a < b <= len(snippet.text)
        if not text.strip():
            continue  # an empty query lists everything; nothing to mark
        article = corpus.get(hit.id)
        for field, spans in corpus.matches(hit.id, text).items():
            for span in spans:
                assert article.text(field)[span.start : span.end] == span.text


# --------------------------------------------------------------------------- dates, exactly


DATES = [
    "2023-12-31",
    "2024-01-01",
    "2024-05-31",
    "2024-06-01",
    "2024-06-15",
    "2024-06-30",
    "2024-07-01",
    "2024-12-31",
    "2025-01-01",
    "2025-06-15",
]


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    base = tmp_path_factory.mktemp("dated")
    for d in DATES:
        write(
            base / "news",
            f"story-{d}.txt",
            f"---\ntitle: Harbour story of {d}\npublished: {d}\n---\n"
            "Officials said the harbour talks would resume next month after a pause of several weeks.\n",
        )
    c = Corpus.open([base / "news"], cache_dir=base / "cache")
    yield c
    c.close()


def _between(lo: str, hi: str) -> list[str]:
    return [d for d in DATES if lo <= d <= hi]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("published:2024", _between("2024-01-01", "2024-12-31")),
        ("published:2024-06", _between("2024-06-01", "2024-06-30")),
        ("published:2024-06-15", ["2024-06-15"]),
        ("published:[2024 to 2025]", _between("2024-01-01", "2025-12-31")),
        ("published:>2024", _between("2025-01-01", "2099-12-31")),
        ("published:>=2024", _between("2024-01-01", "2099-12-31")),
        ("published:<2024", _between("1900-01-01", "2023-12-31")),
        ("published:<=2024", _between("1900-01-01", "2024-12-31")),
        ("published:>2024-06", _between("2024-07-01", "2099-12-31")),
        ("published:>=2024-06", _between("2024-06-01", "2099-12-31")),
        ("published:<2024-06", _between("1900-01-01", "2024-05-31")),
        ("published:<=2024-06", _between("1900-01-01", "2024-06-30")),
        ("published:>2024-06-15", _between("2024-06-16", "2099-12-31")),
        ("published:<2024-06-15", _between("1900-01-01", "2024-06-14")),
        ("published:[2024-06 to 2024-07]", _between("2024-06-01", "2024-07-31")),
        ("published:[2024-06-01 to 2024-06-30]", _between("2024-06-01", "2024-06-30")),
    ],
)
def test_date_filters_are_exact(dated, query, expected):
    result = dated.search("harbour AND " + query, limit=50)
    got = sorted(h.published.isoformat() for h in result.hits)
    assert got == expected


def test_reversed_date_range_finds_nothing_or_says_so(dated):
    try:
        result = dated.search("harbour AND published:[2025 to 2024]", limit=50)
    except QueryError:
        return
    assert result.hits == ()


# --------------------------------------------------------------------------- matches in the reader


@pytest.mark.parametrize(
    "query",
    [
        "submarine",
        "Trump",
        '"prime minister"',
        "title:allies",
        "subm*",
        "Kishda~1",
        "Japan OR Trump",
    ],
)
def test_matches_offsets_index_into_the_article(corpus, query):
    seen = 0
    for article in corpus.articles:
        spans = corpus.matches(article.id, query)
        assert set(spans) == {"title", "standfirst", "body"}
        for field, found_spans in spans.items():
            text = article.text(field)
            for span in found_spans:
                assert text[span.start : span.end] == span.text
                seen += 1
    assert seen


def test_matches_follow_the_field(corpus, ids):
    spans = corpus.matches(ids["economist"], "title:allies")
    assert [s.text.lower() for s in spans["title"]] == ["allies"]
    assert spans["body"] == ()


def test_matches_do_not_mark_excluded_words(corpus, ids):
    """The reader highlights what the user looked for, not the word they excluded."""
    spans = corpus.matches(ids["economist"], "Japan AND NOT Hegseth")
    assert spans["body"]
    spans = corpus.matches(ids["caliber"], "Japan AND NOT Kishida")
    assert {s.text.lower() for field in spans.values() for s in field} == {"japan"}
    spans = corpus.matches(ids["economist"], "Kishida NOT Hegseth NOT Trump")
    assert "trump" not in {s.text.lower() for field in spans.values() for s in field}


def test_matches_of_an_empty_query_mark_nothing(corpus, ids):
    """The reader opened from the full list (no query) has nothing to mark, and no error."""
    spans = corpus.matches(ids["economist"], "")
    assert all(found == () for found in spans.values())


def test_matches_of_a_bad_query_raise_query_error(corpus, ids):
    with pytest.raises(QueryError):
        corpus.matches(ids["economist"], '"unbalanced')


def test_published_field_stored_as_date(corpus):
    assert all(isinstance(h.published, dt.date) for h in corpus.search("Trump").hits)


def test_facets_count_the_hits(corpus):
    facets = corpus.search("Trump", facets=True).facets
    assert {(f.value, f.count) for f in facets.sources} == {("Caliber.az", 1), ("The Economist", 1)}
    assert [(f.value, f.count) for f in facets.years] == [("2025", 1), ("2024", 1)]
    only = corpus.search("Kishida", facets=True).facets
    assert [(f.value, f.count) for f in only.sources] == [("The Economist", 1)]
    assert [(f.value, f.count) for f in only.years] == [("2024", 1)]


def test_entity_field_is_searchable(corpus, ids):
    # Issue 3's recogniser fills the `entity` field; the query language must reach it.
    assert found(corpus, 'entity:"Xi Jinping"') == named(ids, "caliber")
    assert found(corpus, 'who:"Xi Jinping" AND Trump') == named(ids, "caliber")


def test_facet_counts_add_up_to_the_hits(tmp_path_factory):
    """The facet panel says how many hits each year and source has: on a corpus with more
    hits than a page, those counts must still add up to the total the user is shown."""
    base = tmp_path_factory.mktemp("facets")
    for i in range(320):
        year = 2023 + i % 3
        write(
            base / "news",
            f"{i:03}.txt",
            f"---\ntitle: Harbour story {i}\npublished: {year}-03-0{1 + i % 9}\nsource: Paper {i % 4}\n---\n"
            "Officials said the harbour talks would resume next month after a pause of several weeks.\n",
        )
    c = Corpus.open([base / "news"], cache_dir=base / "cache")
    result = c.search("harbour", facets=True)
    c.close()
    assert result.total == 320
    assert sum(f.count for f in result.facets.years) == 320
    assert sum(f.count for f in result.facets.sources) == 320
    assert {f.value: f.count for f in result.facets.years} == {
        "2023": 107,
        "2024": 107,
        "2025": 106,
    }


def test_facets_alone_are_the_facets_a_search_counts(tmp_path):
    """What the explorer asks once the hits are shown: the same counts as a search with
    facets, for words, a phrase, a filter and no query at all."""
    base = tmp_path
    for i in range(40):
        write(
            base / "news",
            f"{i:03}.txt",
            f"---\ntitle: Harbour story {i}\npublished: {2023 + i % 3}-03-01\nsource: Paper {i % 4}\n---\n"
            + ("Officials said the harbour talks would resume. " if i % 2 else "Rain fell. ")
            + ("The port reopened." if i % 3 else "Nothing else."),
        )
    c = Corpus.open([base / "news"], cache_dir=base / "cache")
    try:
        for query, filters in (
            ("harbour", None),
            ('"harbour talks"', None),
            ("port OR rain", {"source": "paper 1"}),
            ("", None),
            ("", {"year": "2024"}),
        ):
            expected = c.search(query, facets=True, filters=filters).facets
            assert c.facets(query, filters=filters) == expected, query
        assert sum(f.count for f in c.facets("talks").years) == 20
    finally:
        c.close()


def test_posting_ids_read_by_block_are_whooshs_own(tmp_path):
    """The facet table reads posting lists a block at a time: the same documents as
    Whoosh's all_ids(), across segments and with deleted documents."""
    from search import query as q

    for i in range(30):
        write(
            tmp_path / "news",
            f"{i:03}.txt",
            f"---\ntitle: Story {i}\npublished: {2020 + i % 5}-01-01\nsource: Paper {i % 3}\n---\n"
            "Officials in Japan and France said the harbour talks would resume.\n",
        )
    Corpus.open([tmp_path / "news"], cache_dir=tmp_path / "cache").close()
    for i in range(30, 36):  # a second segment
        write(tmp_path / "news", f"{i:03}.txt", f"Story {i}\n\nGermany said the talks resume.\n")
    for i in (3, 31):  # deletions in both
        (tmp_path / "news" / f"{i:03}.txt").unlink()
    c = Corpus.open([tmp_path / "news"], cache_dir=tmp_path / "cache")
    try:
        reader = c._searcher.reader()
        checked = 0
        for field in ("entity_facet", "source_facet", "year"):
            for term in reader.lexicon(field):
                assert q.posting_ids(reader, field, term) == list(
                    reader.postings(field, term).all_ids()
                ), (field, term)
                checked += 1
        assert checked > 10
        assert c.facets("").matched == 34
        # Words and wildcards count by the same block reads (totals and facets).
        from whoosh import query as wq

        searcher = c._searcher
        for query in (
            wq.Term("body", "talk"),
            wq.Term("body", "japan"),
            wq.Term("body", "nothere"),
            wq.Prefix("body", "ta"),
            wq.Or([wq.Term("body", "germani"), wq.Term("title", "stori")]),
        ):
            assert q.matching_docs(searcher, query) == set(searcher.docs_for_query(query)), query
        assert q.matching_docs(searcher, wq.Term("body", "talk"))
    finally:
        c.close()


def test_the_facet_table_steps_aside_while_a_search_runs(tmp_path, monkeypatch):
    """Built in a thread while the explorer searches, the facet table sleeps at each step
    as long as a search runs (the hits come first), and counts the same."""
    from search import query as q

    for i in range(12):
        write(tmp_path / "news", f"{i:03}.txt", f"Story {i}\n\nJapan and France met.\n")
    c = Corpus.open([tmp_path / "news"], cache_dir=tmp_path / "cache")
    slept: list[float] = []
    monkeypatch.setattr(q.time, "sleep", slept.append)
    parked = threading.Event()
    ui = threading.Thread(target=parked.wait)  # as the explorer's UI thread
    ui.start()
    try:
        busy = q.Busy()
        idle = q.FacetTable(c._searcher.reader(), busy=busy)
        assert slept and not any(slept)  # nothing running: a bare yield
        slept.clear()
        with busy, busy:
            assert busy
            stepping = q.FacetTable(c._searcher.reader(), busy=busy)
        assert not busy
        assert slept and all(s == q.STEP_ASIDE for s in slept)
        assert stepping.count(stepping.live) == idle.count(idle.live)
        parked.set()
        ui.join()
        slept.clear()
        # Alone, whatever an earlier test left behind (a build's queue feeder threads end
        # only when the garbage collector gets to their queues).
        monkeypatch.setattr(threading, "active_count", lambda: 1)
        alone = q.FacetTable(c._searcher.reader(), busy=busy)
        # No other thread to hand the GIL to: no yield, which on busy cores would give
        # up the core until the scheduler came back (milliseconds, each time).
        assert slept == []
        assert alone.count(alone.live) == idle.count(idle.live)
    finally:
        parked.set()
        c.close()


def test_warming_up_an_opened_corpus_changes_no_answer(tmp_path):
    """The explorer warms an opened index in the background: any corpus, even one with
    no articles or no title words, takes it, and searches answer as before."""
    (tmp_path / "empty").mkdir()
    empty = Corpus.open([tmp_path / "empty"], cache_dir=tmp_path / "cache-empty")
    empty.warm_up()
    empty.close()
    write(tmp_path / "news", "a.txt", "2024 — 99\n\nOfficials said the harbour talks resume.\n")
    write(tmp_path / "news", "b.txt", "Harbour deal\n\nDockers accept the harbour deal.\n")
    c = Corpus.open([tmp_path / "news"], cache_dir=tmp_path / "cache")
    try:
        before = c.search("harbour", limit=5)
        c.warm_up()
        after = c.search("harbour", limit=5)
        assert [h.id for h in after.hits] == [h.id for h in before.hits]
        assert after.total == before.total == 2
    finally:
        c.close()


# --------------------------------------------------------------------------- snippet tokens


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.characters(
            codec="utf-8", categories=("L", "N", "P", "Zs"), exclude_characters="*"
        ),
        max_size=200,
    )
)
def test_snippet_tokens_are_what_the_index_makes_of_the_text(text: str) -> None:
    """Snippets find matches with our own fast tokeniser; it must agree with the index's
    analyzer, or a hit would show no highlight (or the wrong one). (Whoosh's tokeniser
    also keeps a "*" inside a word; no query can look for such a word, as a "*" in a
    query is a wildcard.)"""
    from search.index import schema
    from search.query import stemmed_tokens

    analyzer = schema()["body"].analyzer
    expected = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index")]
    assert stemmed_tokens(text) == expected


_PROSE = st.sampled_from(
    [
        "ally", "allies", "Allied", "really", "tally", "the", "of", "a", "U.S.", "u.s",
        "U.S.A", "e.g.", "3.5", "ally_x", "_ally", "café", "CAFÉ", "İstanbul", "ﬁnance",
        "finance", "ally.ally", "ally..ally", "prime", "minister", "ministers", "of", "Japan",
        " ", " ", "  ", ", ", ". ", ".", "\n\n", "-", "—", "'", "’s", "(", ")",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@example(text="Prime minister of", words=set(), phrases=[["prime", "minist", "japan"]])
@example(text="really U.S.A allies", words={"alli", "u.s"}, phrases=[])
@given(
    text=st.lists(_PROSE, max_size=40).map("".join),
    words=st.sets(st.sampled_from(["alli", "us", "u.s", "café", "financ", "3.5", "minist"])),
    phrases=st.lists(
        st.sampled_from([["prime", "minist", "japan"], ["alli", "alli"], ["u.s", "alli"]]),
        max_size=2,
    ),
)
def test_snippet_spans_are_exactly_the_analyzers_tokens(text, words, phrases):
    """Snippets find matches without tokenising the whole text; what they find must be
    what tokenising it finds, so a highlight never marks half a word or misses one."""
    from search.query import Targets

    targets = Targets.__new__(Targets)
    targets.words, targets.phrases, targets.chars = set(words), list(phrases), set()
    assert targets.spans(text) == targets.spans_by_tokens(text)


def test_a_wildcard_counts_as_one_word_and_a_title_match_ranks_first(tmp_path_factory):
    """``rec*`` asks for any word starting "rec": an article is not ranked up for
    happening to use more such words, and one with such a word in its title leads."""
    base = tmp_path_factory.mktemp("wildcard")
    texts = {
        "one": ("Harbour talks", "Officials said the record would stand. " * 3),
        "many": (
            "Port talks",
            "The recent recession broke a record; recognition came late. " * 3,
        ),
        "title": ("Records tumble", "Officials said the harbour talks would resume."),
    }
    for name, (title, body) in texts.items():
        write(base / "news", f"{name}.txt", f"---\ntitle: {title}\n---\n{body}\n")
    c = Corpus.open([base / "news"], cache_dir=base / "cache")
    result = c.search("rec*")
    c.close()
    by_title = {h.title: h.score for h in result.hits}
    assert result.hits[0].title == "Records tumble"
    assert by_title["Harbour talks"] == by_title["Port talks"], by_title


def _dated_corpus(base, stories: list[tuple[str, str]]) -> Corpus:
    """Stories ``(published, body)`` titled "Story 0", "Story 1"... in ``base/news``, opened."""
    for i, (published, body) in enumerate(stories):
        front = f"---\ntitle: Story {i}\npublished: {published}\n---\n"
        write(base / "news", f"{i:02}.txt", f"{front}{body}\n")
    return Corpus.open([base / "news"], cache_dir=base / "cache")


def test_facets_of_a_word_most_articles_use_count_only_its_hits(tmp_path_factory):
    # Two articles in three say "harbour": the facets list the years that have them.
    c = _dated_corpus(
        tmp_path_factory.mktemp("most"),
        [
            (f"{2023 + i % 3}-05-01", f"The {'river' if i % 3 == 2 else 'harbour'} talks resume.")
            for i in range(30)
        ],
    )
    result = c.search("harbour", facets=True)
    rare = c.search("river", facets=True)
    c.close()
    assert result.total == 20
    assert {f.value: f.count for f in result.facets.years} == {"2023": 10, "2024": 10}
    assert {f.value: f.count for f in rare.facets.years} == {"2025": 10}


def test_facets_of_a_phrase_count_only_the_articles_with_the_phrase(tmp_path_factory):
    base = tmp_path_factory.mktemp("phrase")
    bodies = [
        "The harbour talks resume after the pause.",  # the phrase
        "The harbour talks. Talks resume.",  # the phrase
        "Talks about the harbour resume.",  # both words, other order
        "The harbour closed; new talks began.",  # both words apart
        "The harbour of talks resume.",  # a stop word between: still the phrase
    ]
    c = _dated_corpus(base, [(f"2024-0{i + 1}-01", body) for i, body in enumerate(bodies)])
    result = c.search('"harbour talks"', facets=True)
    c.close()
    assert {h.title for h in result.hits} == {"Story 0", "Story 1", "Story 4"}
    assert result.total == 3
    assert sum(f.count for f in result.facets.years) == 3


# --------------------------------------------------------------------------- entity queries


def test_an_entity_query_shows_and_marks_where_the_article_names_it(corpus):
    """entity:"Name" matches a field kept beside the text; the user still wants to see
    the passages that name it, and the reader to step through those mentions."""
    article = corpus.articles[0]
    named = [e for e in corpus.entities(article.id) if e.field == "body" and not e.guessed]
    name = max({e.canonical for e in named}, key=lambda n: sum(e.canonical == n for e in named))
    mentions = {(e.start, e.end) for e in named if e.canonical == name}

    query = f'entity:"{name}"'
    [hit] = [h for h in corpus.search(query).hits if h.id == article.id]
    assert hit.snippets and all(s.highlights for s in hit.snippets)
    marked = {s.text[a:b] for s in hit.snippets for a, b in s.highlights}
    assert marked <= {article.body[a:b] for a, b in mentions}

    body = corpus.matches(article.id, query)["body"]
    assert {(s.start, s.end) for s in body} == mentions
    excluded = corpus.matches(article.id, f"trade NOT {query}")["body"]
    assert not mentions & {(s.start, s.end) for s in excluded}  # NOT marks nothing of it


def test_an_entity_query_takes_any_of_its_names(corpus):
    """entity:"Kishida Fumio" or who:DPRK: an alias finds what the canonical name finds."""
    from search.entities import lookup

    article = corpus.articles[-1]
    infos = [lookup(e.canonical) for e in corpus.entities(article.id) if not e.guessed]
    info = next(i for i in infos if i is not None and i.aliases)
    by_name = corpus.search(f'entity:"{info.canonical}"')
    for alias in info.aliases:
        by_alias = corpus.search(f'entity:"{alias}"')
        assert [h.id for h in by_alias.hits] == [h.id for h in by_name.hits], alias
        assert article.id in [h.id for h in by_alias.hits]


def test_did_you_mean_never_offers_a_word_only_a_removed_file_had(tmp_path):
    folder = tmp_path / "news"
    write(folder, "a.txt", article_text("Harbour cranes fall silent", topic="harbour"))
    write(folder, "b.txt", article_text("Submarine deal signed", topic="submarines"))
    Corpus.open([folder], cache_dir=tmp_path / "cache").close()
    (folder / "b.txt").unlink()  # a refresh, not a rebuild: the word list keeps its words
    c = Corpus.open([folder], cache_dir=tmp_path / "cache")
    try:
        assert c.search("submarnies").suggestion is None
        assert c.search("harbuor").suggestion == "harbour"
    finally:
        c.close()


def test_field_lengths_read_at_once_are_the_ones_looked_up_one_by_one(tmp_path):
    """Scores divide by these lengths: reading them in bulk must not change one of them."""
    from tui_corpus import write_corpus

    from search.corpus import Corpus
    from search.query import field_lengths

    corpus = Corpus.open([write_corpus(tmp_path / "articles")], cache_dir=tmp_path / "cache")
    try:
        for reader, _base in corpus._searcher.reader().leaf_readers():
            for fieldname in ("title", "body", "standfirst", "entity"):
                one_by_one = [
                    reader.doc_field_length(d, fieldname, 1) or 0
                    for d in range(reader.doc_count_all())
                ]
                assert list(field_lengths(reader, fieldname)) == one_by_one
    finally:
        corpus.close()


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("Fahie", ("Andrew Fahie", "Fahie Holdings")),  # shared: both, not a pick
        ("Mr Fahie", ("Andrew Fahie",)),  # a title goes before a surname
        ("mr.  van dyke", ("Dick Van Dyke",)),
        ("Andrew", ("Andrew Fahie",)),
        ("andrew fahie", ("Andrew Fahie",)),  # a kept name is itself, as written
        ("Van", ()),  # a middle word is no short form
        ("Fah", ()),  # nor part of a word
        ("Holdings Fahie", ()),
    ],
)
def test_a_short_form_stands_for_the_names_it_ends_or_starts(typed, names):
    from search.names import NameForms

    forms = NameForms.of(["Andrew Fahie", "Fahie Holdings", "Dick Van Dyke", "Zed"])
    assert forms.resolve(typed) == names


_NAME_WORD = st.sampled_from(["Ann", "Lee", "Park", "Holdings", "van", "O'Neil", "José"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_NAME_WORD, min_size=1, max_size=3).map(" ".join), max_size=8))
def test_every_names_surname_finds_it_and_only_names_it_ends_or_starts(names):
    """Whatever the names kept, a name's last word stands for it (among others, perhaps),
    and whatever a word stands for starts or ends with it, or is it."""
    from search.names import NameForms

    forms = NameForms.of(names)
    for name in names:
        last = name.split()[-1]
        found = forms.resolve(last)
        if last.casefold() not in {n.casefold() for n in names}:
            assert name in found
        for other in found:
            words = other.casefold().split()
            assert last.casefold() in (words[0], words[-1])


# --------------------------------------------------------------------------- stemming


@pytest.mark.parametrize(
    ("query", "written"),
    [
        ("ban", "The council banned night flights over the harbour."),
        ("stop", "Ferries stopped running on Tuesday."),
        ("run", "Ferries stopped running on Tuesday."),
        ("regulate", "The port is regulated by the county."),
        ("stabbing", "Police recorded three stabbings near the quay."),
        ("kidnappings", "The kidnapping of a ferry captain shocked the town."),
    ],
)
def test_a_word_finds_its_verb_s_other_forms(tmp_path, query, written):
    """Whoosh's Porter stemmer never undoubled ("banned" -> "bann") nor gave -ated its e
    back ("regulated" -> "regulat"): a search for "ban" missed every "banned"."""
    write(tmp_path / "news", "story.txt", f"Harbour news\n\nMay 2, 2024\n\n{written}\n")
    c = Corpus.open([tmp_path / "news"], cache_dir=tmp_path / "cache")
    try:
        result = c.search(query)
        assert len(result.hits) == 1
        (snippet,) = result.hits[0].snippets
        assert any(snippet.text[a:b].lower().startswith(query[:3]) for a, b in snippet.highlights)
    finally:
        c.close()


@pytest.mark.parametrize(
    ("query", "written"), [("man", "Manning spoke."), ("red", "Redding spoke.")]
)
def test_a_short_word_does_not_find_a_surname_it_begins(tmp_path, query, written):
    """Undoubling is for verbs that double ("banned", "running"): a search for "man"
    finding "Manning" would be noise in every story that names him."""
    write(tmp_path / "news", "story.txt", f"Harbour news\n\nMay 2, 2024\n\n{written}\n")
    c = Corpus.open([tmp_path / "news"], cache_dir=tmp_path / "cache")
    try:
        assert not c.search(query).hits
    finally:
        c.close()


# --------------------------------------------------------------------------- accents

_ACCENTED = """# Café owners in São Paulo count the cost of the heatwave

July 1, 2025

Café owners in São Paulo say the heatwave has cut their takings by a third. José Ribeiro,
who runs three cafés near the Avenida Paulista, said customers stayed at home.

In Valência, on the other side of the Atlantic, the council opened shelters for older
residents. Flights from İstanbul were delayed. Mr Ribeiro said he hoped the rains would
come back in August.
"""


@pytest.fixture(scope="module")
def accented(tmp_path_factory):
    """An article that writes its names with their accents, and one that does not."""
    base = tmp_path_factory.mktemp("accents")
    write(base / "news", "cafe.txt", _ACCENTED)
    write(base / "news", "port.txt", article_text("Port workers strike over pay"))
    c = Corpus.open([base / "news"], cache_dir=base / "cache")
    yield c
    c.close()


def _cafe(corpus) -> str:
    return next(a.id for a in corpus.articles if a.path.endswith("cafe.txt"))


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("Sao Paulo", {"São", "Paulo"}),
        ("valencia", {"Valência"}),
        ("VALENCIA", {"Valência"}),
        ("cafe", {"Café", "cafés"}),
        ('"sao paulo"', {"São Paulo"}),
        ("sao*", {"São"}),
        ("São Paulo", {"São", "Paulo"}),  # typed with its accent, as before
        ("istanbul", {"İstanbul"}),  # lower-cased, Turkish's "İ" is "i" and a dot above
    ],
)
def test_a_word_typed_without_its_accents_finds_and_marks_it(accented, query, marked):
    """Analysts type "Sao Paulo"; the article says "São Paulo". The hit's passages mark
    the words as the article writes them, and no "did you mean" sends them elsewhere."""
    result = accented.search(query)
    assert [h.id for h in result.hits] == [_cafe(accented)]
    assert result.suggestion is None
    shown = {s.text[a:b] for h in result.hits for s in h.snippets for a, b in s.highlights}
    assert shown == marked


def test_the_reader_marks_the_accented_words_of_an_unaccented_query(accented):
    article = accented.get(_cafe(accented))
    spans = accented.matches(article.id, "Sao Paulo valencia")
    assert {s.text for s in spans["title"]} == {"São", "Paulo"}
    assert {s.text for s in spans["body"]} == {"São", "Paulo", "Valência"}
    for field, found in spans.items():
        for span in found:
            assert article.text(field)[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "query", ['who:"Jose Ribeiro"', 'entity:"jose ribeiro"', 'who:"José Ribeiro"', "who:Jose"]
)
def test_a_name_typed_without_its_accents_finds_who_it_is(accented, query):
    """An entity is looked up folded; it is shown, marked and counted as written."""
    result = accented.search(query, facets=True)
    assert [h.id for h in result.hits] == [_cafe(accented)]
    shown = {s.text[a:b] for h in result.hits for s in h.snippets for a, b in s.highlights}
    assert "José Ribeiro" in shown
    assert "José Ribeiro" in {f.value for f in result.facets.entities}
    assert accented.entity("Jose Ribeiro").info.canonical == "José Ribeiro"


_LATIN = [chr(c) for c in range(0xC0, 0x250) if chr(c).isalpha()] + list("abcdefghiklmnoprstuvy")


def _plain(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@given(st.text(st.sampled_from(_LATIN), min_size=2, max_size=12))
@settings(max_examples=300, deadline=None)
def test_any_latin_word_is_found_and_marked_by_its_unaccented_form(accented, word):
    """The index keeps a word as its unaccented form does, and the highlighter marks the
    word as written when its unaccented form is searched."""
    from search import query as q

    plain = _plain(word)
    if not plain.isascii() or len(plain) != len(word):
        return  # a letter with no plain form ("ø", "ß"): nothing to fold it to
    analyzer = accented._index.ix.schema["body"].analyzer
    assert [t.text for t in analyzer(word)] == [t.text for t in analyzer(plain)]
    try:
        parsed = q.parse(accented._parser, plain)
    except QueryError:
        return  # a stop word or a single letter when plain: searched by neither form
    text = f"Before {word} after."
    with accented._lock:
        spans = q.match_spans(parsed, accented._searcher.reader(), "body", text)
    assert [s.text for s in spans] == [word]


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=20))
@settings(max_examples=300, deadline=None)
def test_folding_changes_only_latin_letters_and_keeps_every_offset(text):
    """No word of another script is folded into another (Greek, Cyrillic, Han keep their
    letters), and a folded text's offsets are the text's."""
    import unicodedata

    from search.folding import fold

    folded = fold(text)
    assert len(folded) == len(text)
    for before, after in zip(text, folded, strict=True):
        if before != after:
            assert unicodedata.name(before).startswith(("LATIN", "FULLWIDTH"))
            assert after.isascii()


def test_text_saved_with_decomposed_accents_is_found_either_way(tmp_path):
    """The review: a file in NFD (macOS writes "é" as "e" and a combining accent) split
    "réunion" at the accent, so no query found it, with or without the accent."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", _ACCENTED.replace("heatwave", "réunion"))
    assert decomposed != _ACCENTED
    write(tmp_path / "news", "nfd.txt", decomposed)
    corpus = Corpus.open([tmp_path / "news"], cache_dir=tmp_path / "cache")
    try:
        for query in ("réunion", "reunion", "São Paulo", "Sao Paulo"):
            assert corpus.search(query).total == 1, query
        [article] = corpus.articles
        assert "São Paulo" in article.body  # shown composed, one character an accent
    finally:
        corpus.close()


def test_one_name_written_with_and_without_its_accents_is_one_name(tmp_path):
    """The review: "José Ribeiro" in one article and "Jose Ribeiro" in another made
    `who:Ribeiro` ask which of the two was meant, though both queries find both."""
    write(tmp_path / "news", "cafe.txt", _ACCENTED)
    write(
        tmp_path / "news",
        "plain.txt",
        _ACCENTED.replace("José", "Jose").replace("São", "Sao").replace("heatwave", "drought"),
    )
    corpus = Corpus.open([tmp_path / "news"], cache_dir=tmp_path / "cache")
    try:
        result = corpus.search("who:Ribeiro")
        assert result.total == 2 and not result.notices, result.notices
        assert len(corpus.names_for("Ribeiro")) == 1
    finally:
        corpus.close()


@pytest.fixture
def two_spellings(tmp_path):
    """One name with its accents in two articles and without them in a third."""
    news = tmp_path / "news"
    write(news, "cafe.txt", _ACCENTED)
    write(news, "rain.txt", _ACCENTED.replace("heatwave", "rain"))
    write(
        news,
        "plain.txt",
        _ACCENTED.replace("José", "Jose").replace("São", "Sao").replace("heatwave", "drought"),
    )
    corpus = Corpus.open([news], cache_dir=tmp_path / "cache")
    yield corpus
    corpus.close()


@pytest.mark.parametrize("typed", ["Jose Ribeiro", "José Ribeiro", "jose ribeiro"])
def test_who_is_who_counts_a_name_whatever_its_accents(two_spellings, typed):
    """The audit: `dossier entity "José Ribeiro"` said one article, and showed the name
    without its accents, when three articles named him (two with them)."""
    found = two_spellings.entity(typed)
    assert found.info.canonical == "José Ribeiro"  # as most articles write it
    assert found.count == 3
    assert len({m[0] for m in found.mentions}) == 3


def test_the_facets_list_a_name_whatever_its_accents_once(two_spellings):
    """The audit: the filters listed "José Ribeiro 2" and "Jose Ribeiro 1"; choosing one
    showed only its spelling's articles."""
    facets = two_spellings.facets("")
    counts = {f.value: f.count for f in facets.entities}
    assert counts.get("José Ribeiro") == 3
    assert "Jose Ribeiro" not in counts
    filtered = two_spellings.search("", filters={"entity": "José Ribeiro"})
    assert filtered.total == 3
    assert two_spellings.search("drought", filters={"entity": "José Ribeiro"}).total == 1


# --------------------------------------------------------------------------- Chinese and Japanese

# Written for these tests: pages as a news site serves them (dossier reads a plain-text
# file's paragraphs by their words between spaces; a web page's by its markup).
_JAPANESE = """<html><head><meta charset="utf-8"><title>岸田首相、東京で記者会見</title></head>
<body><article><h1>岸田首相、東京で記者会見</h1>
<p>岸田文雄首相は火曜日、東京で記者会見を開き、日米同盟の強化について語った。首相は来月、京都で開かれる会議にも出席する予定だ。</p>
<p>会見には党の幹部も同席した。Reuters contributed to this report.</p>
</article></body></html>"""
_CHINESE = """<html><head><meta charset="utf-8"><title>习近平在北京会见外国领导人</title></head>
<body><article><h1>习近平在北京会见外国领导人</h1>
<p>国家主席习近平周二在北京会见了来访的外国领导人。双方讨论了贸易和安全问题，并同意加强合作。</p>
<p>外交部发言人表示，会谈坦诚而富有成果。</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def asian(tmp_path_factory):
    """The seeds (English) with a Japanese and a Chinese article; ids by language."""
    base = tmp_path_factory.mktemp("cjk")
    shutil.copytree(SEEDS, base / "corpus")
    write(base / "corpus", "kishida-tokyo.html", _JAPANESE)
    write(base / "corpus", "xi-beijing.html", _CHINESE)
    c = Corpus.open([base / "corpus"], cache_dir=base / "cache")
    by_name = {a.path.rsplit("/", 1)[-1]: a.id for a in c.articles}
    yield c, {"ja": by_name["kishida-tokyo.html"], "zh": by_name["xi-beijing.html"]}
    c.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("岸田", {"ja"}),  # a name, inside a sentence written without spaces
        ("岸田文雄首相", {"ja"}),  # a word of six characters, as written
        ("习近平", {"zh"}),
        ("北京", {"zh"}),
        ("東京", {"ja"}),
        ("京東", set()),  # the characters of "東京" the other way round
        ("東京都", set()),  # "東京" and "京都" are there, apart: not "東京都"
        ("京都", {"ja"}),
        ("京", {"ja", "zh"}),  # one character: in 東京 and 京都, in 北京
        ("党", {"ja"}),
        ("会见", {"zh"}),
        ("会見", {"ja"}),  # the Japanese form of the character is another character
        ('"日米同盟の強化"', {"ja"}),
        ("title:习近平", {"zh"}),
        ("岸田 Reuters", {"ja"}),
        ("习近平 OR 岸田", {"ja", "zh"}),
        ("京 NOT 岸田", {"zh"}),
    ],
)
def test_chinese_and_japanese_words_are_found(asian, query, expected):
    corpus, ids = asian
    assert found(corpus, query) == {ids[name] for name in expected}


def test_english_searches_of_a_corpus_with_asian_pages_find_what_they_did(asian, corpus):
    """The seeds' English searches find the same seeds, in the same order, with the
    Japanese and Chinese pages beside them."""

    def names(c: Corpus, query: str) -> list[str]:
        return [c.get(h.id).path.rsplit("/", 1)[-1] for h in c.search(query, limit=50).hits]

    for query in ["submarine", "Kishida", '"prime minister"', "Japan OR China", "alli*"]:
        before = names(corpus, query)
        assert before
        assert names(asian[0], query) == before, query


@pytest.mark.parametrize("query", ["岸田文雄首相", "习近平", "東京", "京", "党", '"日米同盟"'])
def test_chinese_and_japanese_highlights_mark_the_characters_searched(asian, query):
    """A snippet and the reader mark exactly the characters typed, wherever they are."""
    corpus, _ids = asian
    wanted = query.strip('"')
    result = corpus.search(query)
    assert result.hits
    for hit in result.hits:
        marked = [s.text[a:b] for s in hit.snippets for a, b in s.highlights]
        assert marked and set(marked) == {wanted}, marked
        article = corpus.get(hit.id)
        spans = corpus.matches(hit.id, query)
        for field, found_spans in spans.items():
            text = article.text(field)
            assert [s.start for s in found_spans] == [
                i for i in range(len(text)) if text.startswith(wanted, i)
            ]
            assert all(text[s.start : s.end] == s.text == wanted for s in found_spans)


def test_a_snippet_of_text_without_spaces_is_a_passage_not_its_paragraph():
    """Found in review: a Japanese hit's snippet was its whole paragraph (thousands of
    characters), since a snippet widened to the next space and there was none."""
    from search import query as q

    paragraph = "岸田文雄首相は火曜日、東京で記者会見を開き、新たな経済対策を発表した。" * 60
    at = paragraph.index("東京", 900)
    [snippet] = q.best_passages(paragraph, [(at, at + 2)], top=1)
    assert "東京" in snippet.text
    assert len(snippet.text) <= 160  # about the columns an English snippet takes
    english = "The harbour authority said the new terminal would open in spring. " * 60
    at = english.index("terminal", 900)
    [plain] = q.best_passages(english, [(at, at + 8)], top=1)
    assert 200 <= len(plain.text) <= 260


def test_a_word_counts_its_chinese_and_japanese_characters(asian):
    """`dossier docs` and the reader give an article written without spaces as many words
    as it has characters of Han and kana, not one a sentence."""
    import re

    corpus, ids = asian
    for name in ("ja", "zh"):
        article = corpus.get(ids[name])
        characters = len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]", article.body))
        latin = len(re.findall(r"[A-Za-z]+", article.body))
        assert article.words == characters + latin
        assert {d.id: d.words for d in corpus.articles}[ids[name]] == article.words


def test_a_chinese_word_found_nowhere_gets_no_spelling_suggestion(asian):
    result = asian[0].search("大阪府")
    assert not result.hits
    assert result.suggestion is None


_CJK_MIX = st.lists(
    st.one_of(
        st.text(
            st.sampled_from(list("東京都岸田文雄首相のはをカタナーー々习近平")),
            min_size=1,
            max_size=8,
        ),
        st.sampled_from(
            ["Tokyo", "the", "2024", "年", "U.S.", "café", "서울", "、", "。", " ", "", "x"]
        ),
        st.text(max_size=3),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_CJK_MIX)
def test_every_cjk_token_is_the_characters_its_offsets_slice(text):
    """For any text mixing Chinese or Japanese with Latin (and Hangul, digits,
    punctuation), each token the index makes of a CJK run is one character or two that
    stand together, and its offsets slice the text to those characters; the tokens'
    positions follow one another; a highlight built from them marks what is written."""
    from search.cjk import is_cjk
    from search.index import schema

    for name in ("body", "source"):
        tokens = [
            (t.text, t.pos, t.startchar, t.endchar)
            for t in schema()[name].analyzer(text, chars=True, positions=True, mode="index")
        ]
        for word, _pos, start, end in tokens:
            if is_cjk(word):
                assert text[start:end] == word
                assert len(word) in (1, 2)
        positions = [pos for _w, pos, _s, _e in tokens]
        if name == "body":  # the body's stop list renumbers what it keeps
            first = positions[0] if positions else 0
            assert positions == list(range(first, first + len(positions)))
        else:  # the source keeps every token, and a word split at its capitals is also
            # kept whole at its last part's position ("TheAtlantic": the, atlantic, theatlantic)
            assert positions[:1] in ([], [0])
            assert all(b - a in (0, 1) for a, b in zip(positions, positions[1:], strict=False))


@pytest.mark.parametrize("typed", ["2024年", "3月5日", "G7各国"])
def test_a_cjk_word_with_digits_or_latin_letters_is_found(tmp_path, typed):
    """The second review: "2024年" found nothing where "2024年度" did: the index holds the
    number and then "年度", a pair that no phrase of "2024" and "年" meets."""
    news = tmp_path / "news"
    write(
        news,
        "budget.html",
        "<html><head><meta charset='utf-8'><title>財務省、予算案を発表</title></head><body>"
        "<article><h1>財務省、予算案を発表</h1>"
        + "<p>財務省は火曜日、2024年度予算案を発表した。北京3月5日电。G7各国も協議した。</p>" * 6
        + "</article></body></html>",
    )
    corpus = Corpus.open([news], cache_dir=tmp_path / "cache")
    try:
        result = corpus.search(typed)
        assert result.total == 1
        marked = {s.text[a:b] for h in result.hits for s in h.snippets for a, b in s.highlights}
        assert marked, "nothing highlighted"
    finally:
        corpus.close()


def test_an_unknown_field_is_answered_with_every_field_name_the_readme_teaches():
    from search.query import check

    with pytest.raises(QueryError) as raised:
        check("colour:red")
    for name in ("title:", "source:", "entity:", "who:", "date:", "by:"):
        assert name in str(raised.value)
