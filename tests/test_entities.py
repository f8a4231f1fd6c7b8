"""The entity recogniser: gold annotations, resolution, rules, the guesser, robustness."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search import entities
from search.entities import TYPE_LABELS, TYPES, lookup, recognise, recognise_text
from search.ingest import read_article
from search.model import TEXT_FIELDS, Article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).parent / "gold"


def _gold(path: Path) -> Counter[tuple[str, str, str]]:
    rows: Counter[tuple[str, str, str]] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        field, text, type_ = line.split("\t")[:3]
        rows[(field, text, type_)] += 1
    return rows


def _score(gold: Counter, found: Counter) -> tuple[float, float, str]:
    hits = sum((gold & found).values())
    precision = hits / max(1, sum(found.values()))
    recall = hits / max(1, sum(gold.values()))
    report = (
        f"missed: {sorted((gold - found).elements())}\n"
        f"spurious: {sorted((found - gold).elements())}"
    )
    return precision, recall, report


def _found(ents) -> Counter[tuple[str, str, str]]:
    return Counter((e.field, e.text, e.type) for e in ents)


def _types(text: str) -> dict[str, str]:
    return {e.text: e.type for e in recognise_text(text)}


def _canon(text: str) -> dict[str, str]:
    return {e.text: e.canonical for e in recognise_text(text)}


# --- gold -------------------------------------------------------------------------


@pytest.mark.parametrize("gold_file", sorted(GOLD.glob("entities_*.tsv")), ids=lambda p: p.stem)
def test_seed_mentions_regression(gold_file: Path) -> None:
    # A regression check, not a quality figure: the gazetteer was written with the seeds
    # in view. Quality is measured on ner-dev (`python -m bench --only entities`).
    seed = SEEDS / (gold_file.stem.removeprefix("entities_") + ".txt")
    article = read_article(seed)
    assert isinstance(article, Article)
    precision, recall, report = _score(_gold(gold_file), _found(recognise(article)))
    assert precision >= 0.95, report
    assert recall >= 0.95, report


@pytest.mark.parametrize("passage", sorted((GOLD / "heldout").glob("*.txt")), ids=lambda p: p.stem)
def test_regression_passage_keeps_its_floor(passage: Path) -> None:
    # A regression set, not held-out text: rules were written after reading some of
    # these passages (tests/gold/README.md). Each passage keeps its own floor, so one
    # passage getting worse is not hidden by the others; quality figures come from
    # ner-dev only.
    gold = _gold(passage.with_suffix(".tsv"))
    found = _found(recognise_text(passage.read_text(encoding="utf-8")))
    precision, recall, report = _score(gold, found)
    assert precision >= 0.8, report
    assert recall >= 0.8, report


def test_every_seed_mention_indexes_its_field_in_reading_order() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        article = read_article(seed)
        ents = recognise(article)
        assert ents
        order = [(TEXT_FIELDS.index(e.field), e.start) for e in ents]
        assert order == sorted(order)
        for e in ents:
            assert article.text(e.field)[e.start : e.end] == e.text
            assert e.type in TYPES


# --- resolution -------------------------------------------------------------------


def test_a_japanese_name_in_either_order_and_with_a_title_is_one_person() -> None:
    ents = recognise_text(
        "Kishida Fumio met reporters. Fumio Kishida said little. Mr Kishida left."
    )
    people = [e for e in ents if e.type == "PERSON"]
    assert [e.text for e in people] == ["Kishida Fumio", "Fumio Kishida", "Kishida"]
    assert {e.canonical for e in people} == {"Fumio Kishida"}


def test_names_of_america_and_washington_as_government_resolve_to_the_united_states() -> None:
    text = (
        "America and the United States are one; the US and the U.S. too. "
        "Asian leaders curried Washington's favour. Washington has warned Beijing."
    )
    canon = [(e.text, e.canonical) for e in recognise_text(text) if e.type == "GPE"]
    assert ("America", "United States") in canon
    assert ("United States", "United States") in canon
    assert ("US", "United States") in canon
    assert ("U.S.", "United States") in canon
    assert [c for t, c in canon if t == "Washington"] == ["United States", "United States"]
    assert ("Beijing", "China") in canon


def test_washington_the_city_stays_the_city() -> None:
    canon = _canon(
        "He flew to Washington on Monday. Kishida Fumio met Joe Biden in Washington, DC."
    )
    assert canon["Washington"] == "Washington"
    assert canon["Washington, DC"] == "Washington"


def test_a_surname_after_a_full_mention_is_that_person_even_when_unknown() -> None:
    ents = recognise_text(
        "Ottilie Brannagh, who was ambassador, spoke first. Later Ms Brannagh said Brannagh "
        "was tired."
    )
    people = [e for e in ents if e.type == "PERSON"]
    assert [e.text for e in people] == ["Ottilie Brannagh", "Brannagh", "Brannagh"]
    assert {e.canonical for e in people} == {"Ottilie Brannagh"}
    assert all(e.guessed for e in people)


def test_an_ambiguous_family_name_follows_the_person_the_article_named() -> None:
    ents = recognise_text("Kim Jong Un fired a missile. Mr Kim watched. Kim later slept.")
    assert {e.canonical for e in ents if e.type == "PERSON"} == {"Kim Jong Un"}
    other = recognise_text("Kim Yo Jong spoke. Ms Kim was angry.")
    assert {e.canonical for e in other if e.type == "PERSON"} == {"Kim Yo Jong"}


def test_a_bare_common_surname_is_not_a_famous_person() -> None:
    # It may be guessed a name, but it links to no one the gazetteer knows.
    ents = recognise_text("Kim is a common name; Lee and Park too.")
    assert all(e.guessed and e.canonical == e.text for e in ents)


def test_an_acronym_in_brackets_names_the_same_thing_later() -> None:
    ents = recognise_text(
        "The Coastal Resilience Fund (CRF) opened in May. Critics say the CRF is slow to pay."
    )
    crf = [e for e in ents if e.text == "CRF"]
    assert len(crf) == 2
    assert {(e.type, e.canonical) for e in crf} == {("ORG", "Coastal Resilience Fund")}


def test_possessives_hyphen_compounds_and_datelines() -> None:
    types = _types(
        "PARIS - Macron's critics want to Macron-proof EU-funded roads and NATO-style pacts."
    )
    assert types == {"PARIS": "GPE", "Macron": "PERSON", "EU": "ORG", "NATO": "ORG"}
    assert _canon("PARIS - rain.")["PARIS"] == "Paris"


def test_sentence_initial_ordinary_words_and_headings_are_not_names() -> None:
    text = (
        "Leaning on old friends, she campaigned.\n\nQuiet ambitions\n\nBuilding bridges takes "
        "time. Talk of reform grew. SIGN UP FOR OUR NEWSLETTER\n\nOpen questions\n\n"
        "Negotiators met again.\nForecasters disagree"
    )
    assert recognise_text(text) == ()


def test_a_title_cased_headline_does_not_turn_ordinary_words_into_names() -> None:
    types = _types("How Kenya Plans To Outrun Its Debts")
    assert types == {"Kenya": "GPE"}


def test_every_mention_of_one_text_comes_back_with_the_field_asked_for() -> None:
    ents = recognise_text("Xi Jinping met Joe Biden.", field="title")
    assert {e.field for e in ents} == {"title"}


def test_an_article_is_resolved_across_its_fields() -> None:
    article = Article(
        id="x", path="x", title="Why Ishiba matters", standfirst="", body="Shigeru Ishiba won."
    )
    ents = recognise(article)
    assert [(e.field, e.text, e.canonical) for e in ents] == [
        ("title", "Ishiba", "Shigeru Ishiba"),
        ("body", "Shigeru Ishiba", "Shigeru Ishiba"),
    ]


# --- rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "type_"),
    [
        ("It happened on 9 April 2024 in town.", "9 April 2024", "DATE"),
        ("It happened on Apr 9th 2024 in town.", "Apr 9th 2024", "DATE"),
        ("They met on April 5th, then left.", "April 5th", "DATE"),
        ("Sales rose in November 2025 sharply.", "November 2025", "DATE"),
        ("He will visit in June.", "June", "DATE"),
        ("It rained last June.", "last June", "DATE"),
        ("She was due the following day.", "the following day", "DATE"),
        ("Spending grew this year.", "this year", "DATE"),
        ("In the early 1950s, nothing moved.", "the early 1950s", "DATE"),
        ("He ruled from 2012 to 2020.", "2012 to 2020", "DATE"),
        ("A 10-year deal was signed.", "10-year", "DATE"),
        ("Peace held for decades.", "decades", "DATE"),
        ("In recent years it grew.", "recent years", "DATE"),
        ("They meet on Thursday.", "Thursday", "DATE"),
        ("Output fell in the first quarter.", "the first quarter", "DATE"),
        ("Growth was 8.2 per cent last year.", "8.2 per cent", "PERCENT"),
        ("Spending of 2% of GDP is the goal.", "2%", "PERCENT"),
        ("A step that over 70% of the public backs.", "over 70%", "PERCENT"),
        ("It cost $16.2bn in all.", "$16.2bn", "MONEY"),
        ("A fee of £522,000 was paid.", "£522,000", "MONEY"),
        ("They spent 10bn yen on it.", "10bn yen", "MONEY"),
        ("The deal is worth about $5bn now.", "about $5bn", "MONEY"),
        ("America keeps 28,500 troops there.", "28,500 troops", "QUANTITY"),
        ("The refinery makes 650,000 barrels a day.", "650,000 barrels", "QUANTITY"),
        ("A line 12km long.", "12km", "QUANTITY"),
    ],
)
def test_rules_find_dates_and_figures(text: str, mention: str, type_: str) -> None:
    assert _types(text).get(mention) == type_


@pytest.mark.parametrize(
    "text",
    [
        "The other 31 members could remain.",  # a bare count is CARDINAL, not annotated
        "It is ten times bigger.",
        "May we go now?",  # the verb, not the month
        "COVID-19 spread.",  # not a year or a figure
    ],
)
def test_rules_leave_counts_and_lookalikes_alone(text: str) -> None:
    assert not [e for e in recognise_text(text) if e.type in {"DATE", "QUANTITY", "PERCENT"}]


# --- guesser and gazetteer --------------------------------------------------------


def test_unknown_names_are_guessed_and_typed_by_evidence() -> None:
    # Fresh text (no seed's, no gold passage's): names no list here holds.
    ents = {
        e.text: e
        for e in recognise_text(
            "The ruling angered Tomasz Wielgosz, who had sued Brennholt Logistics and the "
            "Malawi Electoral Support Network. Lawyers gathered in Zomba, Malawi, on Friday."
        )
    }
    assert (ents["Tomasz Wielgosz"].type, ents["Tomasz Wielgosz"].guessed) == ("PERSON", True)
    assert ents["Brennholt Logistics"].type == "ORG"
    assert ents["Malawi Electoral Support Network"].type == "ORG"
    assert ents["Zomba"].type == "GPE"
    assert ents["Malawi"].guessed is False
    assert lookup("Tomasz Wielgosz") is None


def test_lookup_finds_records_by_name_or_alias_in_any_case() -> None:
    info = lookup("kishida fumio")
    assert info is not None
    assert (info.canonical, info.type) == ("Fumio Kishida", "PERSON")
    assert "prime minister" in info.description
    assert lookup("DPRK").canonical == "North Korea"
    assert lookup("Japanese").canonical == "Japan"
    assert lookup("Nobody Atall") is None


def test_gazetteer_covers_countries_demonyms_and_leaders_generally() -> None:
    for name, canonical in [
        ("Burkina Faso", "Burkina Faso"),
        ("ROK", "South Korea"),
        ("UK", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("PRC", "China"),
        ("Quad", "Quad"),
        ("G20", "G20"),
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Yoon Suk-yeol", "Yoon Suk Yeol"),
        ("Lee Jae-myung", "Lee Jae-myung"),
        ("Abe Shinzo", "Shinzo Abe"),
    ]:
        info = lookup(name)
        assert info is not None and info.canonical == canonical, name
    # spelling variants of hyphenated Korean given names are generated
    assert _canon("Lee Jae Myung spoke.")["Lee Jae Myung"] == "Lee Jae-myung"


def test_gazetteer_records_are_well_formed() -> None:
    g = entities.gazetteer()
    assert len(g.records) > 1000
    for info in g.records.values():
        assert info.type in TYPES
        assert info.description, info.canonical
    for form, targets in g.forms.items():
        assert len({t.canonical for t in targets}) == 1, f"{form!r} names two entities"


def test_every_type_has_a_short_label() -> None:
    assert set(TYPE_LABELS) == set(TYPES)
    assert all(0 < len(label) <= 24 for label in TYPE_LABELS.values())


# --- robustness -------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("abcXYZ Mr. US$%£€-–—’'\"()\n\t,0123456789") + ["Kishida", "May ", "Trump", "the "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET | st.characters(), max_size=80).map("".join))
def test_any_text_gives_valid_offsets(text: str) -> None:
    for e in recognise_text(text):
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        assert e.type in TYPES


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60), st.text(max_size=200))
def test_any_article_gives_valid_offsets(title: str, standfirst: str, body: str) -> None:
    article = Article(id="x", path="x", title=title, standfirst=standfirst, body=body)
    for e in recognise(article):
        assert article.text(e.field)[e.start : e.end] == e.text


# --- the commands -----------------------------------------------------------------


def _dossier(capsys, *args: str) -> tuple[int, str, str]:
    from tui.cli import main

    code = main(["--corpus", str(SEEDS), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _economist_id(capsys) -> str:
    import json

    code, out, _ = _dossier(capsys, "docs", "--json")
    assert code == 0
    return next(d["id"] for d in json.loads(out) if d["source"] == "The Economist")


def test_entities_json_offsets_index_the_fields_of_show(capsys) -> None:
    import json

    article_id = _economist_id(capsys)
    code, out, _ = _dossier(capsys, "entities", article_id, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["id"] == article_id
    code, shown, _ = _dossier(capsys, "show", article_id, "--json")
    article = json.loads(shown)
    fields = {e["field"] for e in data["entities"]}
    assert fields == {"title", "standfirst", "body"}
    for e in data["entities"]:
        assert set(e) >= {"field", "text", "type", "canonical", "start", "end"}
        assert article[e["field"]][e["start"] : e["end"]] == e["text"]
    kishida = {e["text"] for e in data["entities"] if e["canonical"] == "Fumio Kishida"}
    assert kishida == {"Kishida Fumio", "Kishida"}


def test_entities_for_people_lists_each_entity_once_with_its_count(capsys) -> None:
    code, out, _ = _dossier(capsys, "entities", _economist_id(capsys))
    assert code == 0
    row = next(line for line in out.splitlines() if "Fumio Kishida" in line)
    assert row.split()[0] == "person"
    assert "Kishida Fumio" in row


def test_entity_who_is_who_by_alias_with_context(capsys) -> None:
    import json

    code, out, _ = _dossier(capsys, "entity", "kishida", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["canonical"] == "Fumio Kishida"
    assert data["type"] == "PERSON"
    assert "Kishida Fumio" in data["aliases"]
    assert "prime minister" in data["description"]
    [mention] = data["mentions"]
    ((start, end),) = mention["snippet"]["highlights"]
    assert "Kishida" in mention["snippet"]["text"][start:end]


def test_entity_finds_a_guessed_name_and_refuses_an_unknown_one(capsys) -> None:
    code, out, _ = _dossier(capsys, "entity", "Alexander", "Gray")
    assert code == 0
    assert "Alexander Gray" in out and "not in the gazetteer" in out
    code, out, err = _dossier(capsys, "entity", "Nobody", "Atall")
    assert code == 1
    assert "nothing known about 'Nobody Atall'" in err


def test_a_guessed_name_is_indexed_and_every_view_counts_the_same_articles(
    tmp_path, capsys
) -> None:
    # A name no list holds, in three articles of fresh text: entity: search, the facets,
    # the reader's entities and `dossier entity` must all know it, with the same count.
    import json

    from conftest import write

    from search.corpus import Corpus
    from tui.cli import main

    for i, place in enumerate(["the harbour", "the council chamber", "a radio studio"]):
        write(
            tmp_path / "news",
            f"{i}.txt",
            f"---\ntitle: Ferry dispute, day {i + 1}\nsource: Coast Weekly\n---\n"
            f"Ottilie Brannagh, who leads the ferry workers, spoke in {place} on Tuesday. "
            "Brannagh said the crossings would stop unless the operator raised wages.\n",
        )
    write(tmp_path / "news", "9.txt", "---\ntitle: Weather\n---\nRain fell all week.\n")
    corpus = Corpus.open([tmp_path / "news"], cache_dir=tmp_path / "cache")
    try:
        hits = corpus.search('entity:"Ottilie Brannagh"', facets=True)
        assert hits.total == 3
        facet = {f.value: f.count for f in hits.facets.entities}
        assert facet.get("Ottilie Brannagh") == 3
        for hit in hits.hits:
            names = {e.canonical for e in corpus.entities(hit.id)}
            assert "Ottilie Brannagh" in names
    finally:
        corpus.close()
    code = main(
        ["--corpus", str(tmp_path / "news"), "entity", "ottilie brannagh", "--limit", "1", "--json"]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    assert data["canonical"] == "Ottilie Brannagh"
    assert data["count"] == 3  # the true number, not the one shown
    assert len(data["mentions"]) == 1


def test_a_lone_capitalised_word_at_a_sentence_start_is_a_name_only_if_not_everyday() -> None:
    # Fresh text. Position capitalises any word; an everyday one is no name.
    assert _types("Shares fell on Monday. Prices rose again. Police said little.") == {
        "Monday": "DATE"
    }
    # An unknown word that is no everyday word, or an acronym, is judged by the typer.
    types = _types("The regulator fined the airline. Brennholt said it would appeal.")
    assert set(types) == {"Brennholt"}  # a name (of what kind, one sentence cannot say)
    assert _types("FIFA said the match would go ahead.") == {"FIFA": "ORG"}


def test_a_headline_in_capitals_names_what_the_body_names() -> None:
    article = Article(
        id="x",
        path="",
        title="FERRY STRIKE: BRANNAGH WARNS THE OPERATOR",
        body="Ottilie Brannagh, who leads the ferry workers, said the crossings would stop.",
    )
    title = [e for e in recognise(article) if e.field == "title"]
    assert [(e.text, e.type, e.canonical) for e in title] == [
        ("BRANNAGH", "PERSON", "Ottilie Brannagh")
    ]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "She joined the Conservative Party of Canada before the election.",
            "Conservative Party of Canada",
        ),
        ("Members of the New Democratic Party gathered yesterday.", "New Democratic Party"),
        ("The West Indies toured England during the summer.", "West Indies"),
        ("He signed for Real Madrid after a long negotiation.", "Real Madrid"),
        ("A Liberal Democrat spokesman criticised the proposal.", "Liberal Democrat"),
        ("Fighters from the Kurdistan Workers' Party retreated.", "Kurdistan Workers' Party"),
        ("The Syrian Democratic Forces captured the village.", "Syrian Democratic Forces"),
        ("Delegates from the California Democratic Party arrived.", "California Democratic Party"),
        ("The seat was held by the Irish Nationalist Party until 1950.", "Irish Nationalist Party"),
        ("He had left the Italian Republican Party in protest.", "Italian Republican Party"),
        ("She voted for the Australian Greens at the election.", "Australian Greens"),
        ("They later founded the New Renaissance Party with friends.", "New Renaissance Party"),
        ("He led the People's National Party for a decade.", "People's National Party"),
        (
            "Fletcher later joined the Progressive Conservative Party of Manitoba.",
            "Progressive Conservative Party of Manitoba",
        ),
        (
            "Calls came from the New Zealand National Party and others.",
            "New Zealand National Party",
        ),
    ],
)
def test_a_known_name_inside_a_longer_name_neither_splits_it_nor_links_it(
    sentence: str, name: str
) -> None:
    # A mention links to a record only when its whole name matches; a shared word is not
    # enough ("Liberal Democrat" is not the US Democratic Party).
    ents = recognise_text(sentence + " Officials described the situation as extremely uncertain.")
    [found] = [e for e in ents if name in sentence[e.start : e.end + 1] or e.text == name]
    assert found.text == name
    assert found.type == "ORG" or name in {"West Indies", "Liberal Democrat"}
    assert lookup(found.canonical) is None or lookup(found.canonical).canonical == name


def test_the_conservative_party_is_an_organisation() -> None:
    ents = recognise_text("The Conservative Party won the vote after a difficult campaign.")
    assert [(e.text, e.type) for e in ents] == [("Conservative Party", "ORG")]


def test_a_city_in_results_and_fixtures_is_its_team_and_a_country_stays_a_place() -> None:
    text = (
        "Baseball results on Thursday:\n"
        "Boston 18 Chicago 7\n"
        "Italy 2 Wales 1\n"
        "Friday's schedule:\n"
        "Boston at Chicago\n"
        "Chicago have won four of their last five games, the club said in Boston."
    )
    found = [(e.text, e.type) for e in recognise_text(text) if e.type in {"GPE", "ORG", "LOC"}]
    assert found == [
        ("Boston", "ORG"),
        ("Chicago", "ORG"),
        ("Italy", "GPE"),
        ("Wales", "GPE"),
        ("Boston", "ORG"),
        ("Chicago", "GPE"),  # "Boston at Chicago": where the match is played
        ("Chicago", "ORG"),
        ("Boston", "GPE"),  # "in Boston": the place
    ]


@pytest.mark.parametrize(
    "dateline", ["BOSTON 1996-08-30", "BOSTON, Aug 30", "BOSTON Aug. 30", "BOSTON (AP)"]
)
def test_a_dateline_names_the_place_in_a_document_of_results(dateline: str) -> None:
    """Datelines as wires write them, not only as the CoNLL files do."""
    text = f"Boston 18 Chicago 7\nBoston 3 Detroit 2\n{dateline}\nBoston won again."
    found = [(e.text, e.type) for e in recognise_text(text) if e.text.upper() == "BOSTON"]
    assert found == [("Boston", "ORG"), ("Boston", "ORG"), ("BOSTON", "GPE"), ("Boston", "ORG")]


def test_a_club_named_for_its_town_opens_a_line_of_results_whole() -> None:
    # The line before ends in a score: the word opening the next line is still the club's.
    text = (
        "Results of Polish first division matches on Sunday:\n"
        "Gornik Zabrze 2 Widzew Lodz 1\n"
        "Stomil Warsaw 0 Hutnik Krakow 3\n"
        "Standings:\n"
        "Hutnik Krakow 6 4 1 1 11 5 13\n"
        "Stomil Warsaw 6 1 1 4 4 10 4"
    )
    found = [(e.text, e.type) for e in recognise_text(text) if e.type in {"GPE", "ORG", "LOC"}]
    assert ("Stomil Warsaw", "ORG") in found
    assert ("Hutnik Krakow", "ORG") in found
    assert ("Warsaw", "GPE") not in found and ("Krakow", "GPE") not in found


def test_a_clubs_initials_before_its_town_in_results_are_part_of_its_name() -> None:
    text = (
        "Results of Ukrainian premier division matches on Saturday:\n"
        "Metalurg Zaporizhya 1 CSKA Kiev 2\n"
        "Standings:\n"
        "CSKA Kiev 5 3 1 1 8 4 10\n"
        "Metalurg Zaporizhya 5 1 1 3 5 9 4\n"
        "The UN Geneva office said nothing."
    )
    found = [(e.text, e.type) for e in recognise_text(text)]
    assert found.count(("CSKA Kiev", "ORG")) == 2
    assert ("UN Geneva", "ORG") not in found  # (no score after it: the UN and the city)


@pytest.mark.parametrize(
    ("line", "place", "region"),
    [
        ("PORT ELSWICK, Ore. 1996-12-06", "PORT ELSWICK", "Ore."),
        ("LOWER TANNERTON 1996-12-06", "LOWER TANNERTON", None),
        ("SANDY HOLLOW, N.M. Dec 6", "SANDY HOLLOW", "N.M."),
    ],
)
def test_a_dated_dateline_in_capitals_on_its_own_line_names_the_place(
    line: str, place: str, region: str | None
) -> None:
    article = Article(
        id="d",
        path="",
        title="Grain elevator fire closes rail line.",
        body=f"{line}\nA fire at a grain elevator closed the rail line on Friday, police said.",
    )
    found = {(e.text, e.type) for e in recognise(article)}
    assert (place, "GPE") in found
    if region:
        assert (region, "GPE") in found


def test_a_press_reviews_papers_in_capitals_are_organisations() -> None:
    article = Article(
        id="p",
        path="",
        title="PRESS DIGEST - Freedonia - Dec 6.",
        body=(
            "OSTRAVEL 1996-12-06\n"
            "These are the leading stories in the Freedonian press on Friday.\n"
            "KURIER NOVAK\n"
            "- The finance minister said the budget would pass.\n"
            "- Farmers block roads over grain prices.\n"
            "MORNING GAZETTE\n"
            "- Parliament opens its winter session.\n"
            "FRONT PAGE\n"
            "- Floods close the northern highway."
        ),
    )
    found = {(e.text, e.type) for e in recognise(article)}
    assert ("KURIER NOVAK", "ORG") in found
    assert ("MORNING GAZETTE", "ORG") in found
    assert not any(text == "FRONT PAGE" for text, _ in found)  # a heading, no paper


def test_a_fixture_in_capitals_names_the_two_sides_and_no_at() -> None:
    text = (
        "Standings after Tuesday's games:\n"
        "SEATTLE 70 60 .538 -\n"
        "KANSAS CITY 60 70 .462 10\n"
        "WEDNESDAY'S SCHEDULE\n"
        "SEATTLE AT DETROIT\n"
        "KANSAS CITY AT DETROIT"
    )
    texts = [e.text for e in recognise_text(text)]
    assert not any(t.endswith(" AT") or t == "AT" for t in texts)
    assert texts.count("KANSAS CITY") == 2
    assert texts.count("SEATTLE") == 2


def test_a_city_with_figures_in_prose_stays_a_place() -> None:
    text = "Chicago 4 percent growth was reported, and 12 people moved to Chicago 3 days later."
    assert {e.type for e in recognise_text(text) if e.text == "Chicago"} == {"GPE"}


def test_an_acronym_after_a_place_ending_a_longer_name_is_not_that_place() -> None:
    text = (
        "The chairman of the Organisation for Security and Cooperation in Europe (OSCE) "
        "spoke on Friday. He said the OSCE was doing what it could."
    )
    assert all(
        e.type != "GPE" and e.type != "LOC" for e in recognise_text(text) if e.text == "OSCE"
    )


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        (
            "She lost her seat in the 2008 Meghalaya Legislative Assembly election last year.",
            "2008 Meghalaya Legislative Assembly election",
        ),
        (
            "He stood in the 1954 United States House of Representatives elections as well.",
            "1954 United States House of Representatives elections",
        ),
    ],
)
def test_a_name_inside_an_elections_name_is_part_of_the_event(sentence: str, event: str) -> None:
    found = [(e.text, e.type) for e in recognise_text(sentence) if e.type != "DATE"]
    assert found == [(event, "EVENT")]


def test_a_known_persons_possessive_is_not_part_of_a_partys_name() -> None:
    ents = recognise_text("Critics opposed Obama's Democratic Party at every turn.")
    assert [(e.text, e.type) for e in ents] == [("Obama", "PERSON"), ("Democratic Party", "ORG")]


def test_hyphenated_and_arabic_names_are_whole_and_compounds_are_cut() -> None:
    text = (
        "He ran against Kim Dae-jung in the election, and Loujain al-Hathloul was held. "
        "The Washington-based Brookings Institution said so."
    )
    found = [(e.text, e.type) for e in recognise_text(text)]
    assert ("Kim Dae-jung", "PERSON") in found
    assert ("Loujain al-Hathloul", "PERSON") in found
    assert ("Washington", "GPE") in found
    assert not any("based" in name for name, _ in found)


def test_a_realms_name_is_a_place_by_its_own_word() -> None:
    text = (
        "Dukes of the Principality of Guria fought the British Empire in the war, "
        "long before the Kingdom of Italy existed."
    )
    found = {(e.text, e.type) for e in recognise_text(text)}
    assert {
        ("Principality of Guria", "GPE"),
        ("British Empire", "GPE"),
        ("Kingdom of Italy", "GPE"),
    } <= found


_UNKNOWN_NAMES = (
    "Ottilie Brannagh, who leads the Kasbeel Workers' Party, told reporters in Tamale on "
    "Monday that the Zorbanian Development Bank would fund a bridge at Nkwanta. Ms Brannagh "
    "said the Volta Unity Front had opposed the plan. Kwesi Ampofo-Darko, a spokesman for "
    "the Ministry of Roads, declined to comment."
)


def test_a_paragraph_of_names_nobody_listed_reads_as_a_reader_would() -> None:
    found = [(e.text, e.type, e.canonical) for e in recognise_text(_UNKNOWN_NAMES)]
    assert found == [
        ("Ottilie Brannagh", "PERSON", "Ottilie Brannagh"),
        ("Kasbeel Workers' Party", "ORG", "Kasbeel Workers' Party"),
        ("Tamale", "GPE", "Tamale"),
        ("Monday", "DATE", "Monday"),
        ("Zorbanian Development Bank", "ORG", "Zorbanian Development Bank"),
        ("Nkwanta", "GPE", "Nkwanta"),
        ("Brannagh", "PERSON", "Ottilie Brannagh"),
        ("Volta Unity Front", "ORG", "Volta Unity Front"),
        ("Kwesi Ampofo-Darko", "PERSON", "Kwesi Ampofo-Darko"),
        ("Ministry of Roads", "ORG", "Ministry of Roads"),
    ]


def typer_evidence(text: str) -> list:
    """(field, start, end, features) of each guessed name the typer saw in ``text``, as
    the trainer collects them (``resolve._COLLECT``)."""
    from search.entities import resolve

    resolve._COLLECT = []
    try:
        recognise_text(text)
        return resolve._COLLECT
    finally:
        resolve._COLLECT = None


def test_the_typer_scores_what_its_trainer_fits() -> None:
    """The recogniser adds the typer's weights as packed integers, the name's evidence
    apart from its words once per kind of name; the trainer (scripts/train_typer.py) fits
    them on the evidence as features. Both must score every guess alike, or retrained
    weights would type names otherwise than they were fitted to."""
    from search.entities import resolve, typer

    collected = typer_evidence(_UNKNOWN_NAMES)
    assert len(collected) >= 8
    for _field, start, end, features in collected:
        text = _UNKNOWN_NAMES[start:end]
        guess = next(f for f in features if f.startswith("guess="))[len("guess=") :]
        own = resolve._name_evidence(text, guess)
        assert tuple(features[: len(own)]) == own
        fitted = [round(x * 10_000) for x in typer.scores(list(features))]
        added = resolve._name_score(text, guess) + typer.packed_score(features[len(own) :])
        assert typer.unpack(added) == fitted, text


_RUN_PIECES = [
    *["Kim", "Dae-jung", "O'Brien", "J.", "U.S.", "Mr.", "al-Aziz", "Āsmā", "É", "Co.Ltd"],
    *["Washington-based", "of", "the", "&", "de", "-", "'s", ".", "x", "1", ""],
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_RUN_PIECES), max_size=12))
def test_a_runs_words_are_the_capitalised_words_its_pattern_joined(words: list[str]) -> None:
    """The guesser reads a run of capitalised words by its spaces: the same words as the
    pattern of one word finds in it, so a connector or "al-" never becomes a name."""
    from search.entities import guess

    text = " ".join(words)
    for m in guess._RUN_RX.finditer(text):
        found = [(w.start(), w[0]) for w in guess._TOKEN_RX.finditer(text, m.start(), m.end())]
        assert guess._run_words(m[0], m.start()) == found


def test_entities_piped_still_says_which_names_were_guessed(capsys) -> None:
    """Italics do not survive a pipe or a file: there a guessed name is marked with *."""
    import json

    article_id = _economist_id(capsys)
    code, out, _ = _dossier(capsys, "entities", article_id, "--json")
    found = json.loads(out)["entities"]
    guessed = {e["canonical"] for e in found if e["guessed"]}
    known = {e["canonical"] for e in found if not e["guessed"]} - guessed
    assert guessed and known
    code, out, _ = _dossier(capsys, "entities", article_id)
    assert code == 0
    for name in guessed:
        assert f"{name} *" in out, name
    for name in known:
        assert f"{name} *" not in out, name
    assert "marked * were guessed" in out


_PLAIN_PIECES = [
    *["The", "In", "New", "Phil", "Simmons", "Grace", "Road", "Italian", "Democratic"],
    *["Socialists", "Britain", "Party", "Bank", "Mr", "Prime", "Minister", "of", "and"],
    *["the", "ANC", "Kim", "Dae-jung", "Soviet-era", "said", "in", ",", ".", "2001", "\n"],
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PLAIN_PIECES), max_size=14))
def test_a_run_of_plain_words_is_typed_as_the_full_path_types_it(words: list[str]) -> None:
    """The guesser types a run of plain capitalised words (no connector, title or cue
    word) without cutting it into runs, parts and stretches: what it finds is what the
    full path finds, stop words first and known names inside included."""
    from search.entities import gazetteer, guess
    from search.entities.gazetteer import _gazetteer_mentions, _normalise
    from search.entities.rules import _rule_mentions
    from search.entities.spans import _select

    norm = _normalise(" ".join(words))
    g = gazetteer()
    found, anchors = _gazetteer_mentions(g, norm)
    chosen = _select(found + _rule_mentions(norm, anchors))
    fast = guess._guess(g, norm, chosen)
    plain = guess._plain_run
    guess._plain_run = lambda text, start: None  # every run by the full path
    try:
        assert guess._guess(g, norm, chosen) == fast
    finally:
        guess._plain_run = plain


def test_entities_piped_is_one_line_a_row_without_trailing_blanks(capsys) -> None:
    """To a pipe, a long name or list of forms is not wrapped onto a line of its own
    (which grep would find without its type) nor padded with blanks."""
    code, out, _ = _dossier(capsys, "entities", _economist_id(capsys))
    assert code == 0
    rows = out.splitlines()[2:-1]  # after the title and the header, before the summary
    assert rows and all(not row[:1].isspace() for row in rows), rows
    assert all(line == line.rstrip() for line in out.splitlines())


# --- names a text marks out by its own conventions (issue 11) ---------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("BRANDERVILLE — The council met on Monday to vote on the budget.", "BRANDERVILLE"),
        ("NORTH QUELLING BAY — Fishermen said the season was poor.", "NORTH QUELLING BAY"),
        ("OSTERHOLM, Minn. — Voters went to the polls.", "OSTERHOLM"),
        ("FARWICK (KWTX) — A storm closed the schools.", "FARWICK"),
    ],
)
def test_a_dateline_in_capitals_is_the_place_whole(text: str, place: str) -> None:
    found = {e.text: e.type for e in recognise_text(text) if e.type in {"GPE", "LOC", "ORG"}}
    assert found.get(place) == "GPE", found


@pytest.mark.parametrize("heading", ["ARRESTS", "UPDATE", "BREAKING NEWS"])
def test_a_heading_in_everyday_capitals_before_a_dash_is_no_place(heading: str) -> None:
    text = f"{heading} – Dorian Vell, 31, was held for theft on Friday."
    assert heading not in {e.text for e in recognise_text(text)}


def test_a_name_its_acronym_spells_out_is_one_name_though_and_joins_it() -> None:
    text = (
        "Officers of Coastal Patrol and Harbour Operations (CPHO) searched the vessel. "
        "Later Coastal Patrol and Harbour Operations said the search was routine."
    )
    found = [(e.text, e.type) for e in recognise_text(text)]
    assert found.count(("Coastal Patrol and Harbour Operations", "ORG")) == 2, found
    assert ("CPHO", "ORG") in found
    assert not any(t in {"Coastal Patrol", "Harbour Operations"} for t, _ in found)


def test_a_given_name_a_middle_initial_and_a_surname_are_a_person() -> None:
    text = "Tarquin R. Vellacott, 52, of Dunmore, was cited. Brinley J. Osgathorpe, 30, was not."
    types = _types(text)
    assert types.get("Tarquin R. Vellacott") == "PERSON", types
    assert types.get("Brinley J. Osgathorpe") == "PERSON", types


def test_the_rest_of_a_title_is_not_part_of_the_persons_name() -> None:
    text = "It was announced by Minister of Education Delphine Okonkwo-Hale on Tuesday."
    assert _types(text).get("Delphine Okonkwo-Hale") == "PERSON", _types(text)


def test_a_team_is_called_by_its_name_without_its_town() -> None:
    text = (
        "The Sixers played host to the Denver Lumberjacks on Sunday. The Sixers and "
        "Lumberjacks each struggled early, and the Lumberjacks' star duo scored 27 points. "
        "It was a win over Lumberjacks."
    )
    found = [(e.text, e.type) for e in recognise_text(text) if "Lumberjacks" in e.text]
    assert found == [("Denver Lumberjacks", "ORG")] + [("Lumberjacks", "ORG")] * 3, found


def test_a_place_whose_police_act_is_a_place() -> None:
    text = "Marlo Finch, 40, was arrested by Quarrington police for speeding on Monday."
    assert _types(text).get("Quarrington") == "GPE", _types(text)


def test_a_name_after_someones_name_and_age_is_where_they_live() -> None:
    text = (
        "Perrin Sollas, 44, Wendham, was arrested for theft. "
        "Odile Marchetto, 61, of Castlebrook, was cited."
    )
    types = _types(text)
    assert types.get("Wendham") == "GPE", types
    assert types.get("Castlebrook") == "GPE", types
    assert types.get("Perrin Sollas") == "PERSON", types


def test_a_heading_in_capitals_after_a_date_and_colon_names_nothing() -> None:
    text = "No one was hurt.\n\nOctober 24: ARRESTS – Ferris Holloway, 38, was arrested."
    found = {e.text for e in recognise_text(text)}
    assert "ARRESTS" not in found and "Ferris Holloway" in found, found


@pytest.mark.parametrize(
    "road", ["Ohio Route 11", "Township Road 2210W", "1450N Road", "42nd Street", "Interstate 80"]
)
def test_a_road_named_by_its_number_is_a_place_whole(road: str) -> None:
    text = f"The truck was eastbound on {road} when it left the roadway near Corvell."
    found = {e.text: e.type for e in recognise_text(text)}
    assert found.get(road) == "LOC", found


def test_an_office_named_for_its_holders_post_is_one_organisation() -> None:
    text = (
        "Reports were filed with the Marlow County Sheriff's Department and the Attorney "
        "General’s Office. Britain's Labour Party said nothing."
    )
    found = {e.text: e.type for e in recognise_text(text)}
    assert found.get("Marlow County Sheriff's Department") == "ORG", found
    assert found.get("Attorney General’s Office") == "ORG", found
    assert found.get("Labour Party") == "ORG" and "Britain" in found, found


def test_the_office_of_a_post_is_one_organisation() -> None:
    text = "A statement from the Office of the Governor – Ambrose Tillet said on Monday."
    assert _types(text).get("Office of the Governor") == "ORG", _types(text)


def test_a_title_its_acronym_spells_is_no_organisation() -> None:
    text = "She served as a Member of the Legislative Assembly (MLA) for Dunmore until 2019."
    assert "Member of the Legislative Assembly" not in {
        e.text for e in recognise_text(text) if e.type == "ORG"
    }


def test_a_word_saying_what_someone_is_is_not_part_of_their_name() -> None:
    text = "The show starred Rapper Howard Pellinger, and Coach Alison Drury watched."
    types = _types(text)
    assert types.get("Howard Pellinger") == "PERSON", types
    assert types.get("Alison Drury") == "PERSON", types


def test_a_middle_name_alone_is_the_person_named_in_full() -> None:
    text = (
        "Marisol Etxeberria Quintana, his mother, started the fund. "
        "“He needs care,” Etxeberria said."
    )
    found = [(e.text, e.type) for e in recognise_text(text)]
    assert ("Etxeberria", "PERSON") in found, found


def test_a_bodys_cue_word_alone_is_the_body_the_article_named_in_full() -> None:
    text = (
        "The Pellworth Regional Council voted on Monday. Two members may lose their seats "
        "in the Council, and the Council of Europe was not asked."
    )
    found = [(e.text, e.type, e.canonical) for e in recognise_text(text)]
    assert ("Council", "ORG", "Pellworth Regional Council") in found, found
    assert ("Council of Europe", "ORG", "Council of Europe") in found, found


def test_a_cue_word_alone_names_nothing_when_no_body_was_named() -> None:
    text = "Two members may lose their seats in the Council, a spokesman said."
    assert "Council" not in {e.text for e in recognise_text(text)}


def test_a_title_cased_headline_names_what_the_prose_names_as_the_prose_types_it() -> None:
    article = Article(
        id="t",
        path="",
        title="Ferry Returning Home From Isla Caldera With Stolen Cargo Seized By Agents",
        body=(
            "Agents seized a ferry returning from Isla Caldera on Sunday. The crew had sailed "
            "to Isla Caldera twice that week, officials said, and were arrested in the port "
            "of Maravilla after the ferry docked."
        ),
    )
    found = [(e.field, e.text, e.type) for e in recognise(article)]
    types = [(f, t) for f, x, t in found if x == "Isla Caldera"]
    assert [f for f, _ in types] == ["title", "body", "body"], found
    assert len({t for _, t in types}) == 1, found  # one name, one type


def test_a_person_named_like_a_firm_is_the_person_all_through() -> None:
    text = (
        "The billionaire Michael R. Bloomberg spoke on Monday. Bloomberg said he would "
        "debate, and critics said Bloomberg had not answered."
    )
    found = [(e.text, e.type) for e in recognise_text(text) if e.type in {"PERSON", "ORG"}]
    assert found == [
        ("Michael R. Bloomberg", "PERSON"),
        ("Bloomberg", "PERSON"),
        ("Bloomberg", "PERSON"),
    ], found


def test_a_university_stays_an_organisation_after_at() -> None:
    text = (
        "She directs the Centre for Water Policy in Rural Areas at Pellham University; "
        "some colleges, including Imperial College Dunmore and Ashby, test their students."
    )
    types = _types(text)
    assert types.get("Pellham University") == "ORG", types
    assert types.get("Imperial College Dunmore") == "ORG", types


def test_a_holiday_is_no_one() -> None:
    text = "Students may not be able to return home for Christmas, or even for Easter."
    assert {"Christmas", "Easter"}.isdisjoint(
        e.text for e in recognise_text(text) if e.type in {"PERSON", "ORG", "GPE", "LOC"}
    )


def test_file_formats_and_message_kinds_are_no_ones_names() -> None:
    text = (
        "The malware spreads via SMS messages and encrypts DOC, PPT and JPEG files, then "
        "asks for a payment in Bitcoin, said Halvard Rimstad of the firm."
    )
    found = {e.text for e in recognise_text(text) if e.type in {"PERSON", "ORG", "GPE", "LOC"}}
    assert found == {"Halvard Rimstad"}, found


def test_a_name_listed_after_places_is_a_place_though_a_guess_stands_between() -> None:
    text = (
        "Travellers returning from Aruba, St Illan and Mereth must now quarantine, and "
        "Mereth has been removed from the list."
    )
    found = [(e.text, e.type) for e in recognise_text(text) if e.text == "Mereth"]
    assert found == [("Mereth", "GPE")] * 2, found


def test_a_site_named_by_its_capitalised_address_is_an_organisation() -> None:
    text = (
        "Read the report at Quillpost.com today or at MARROWNEWS.COM, not at "
        "quillpost.com/archive, which is an address."
    )
    found = [(e.text, e.type) for e in recognise_text(text) if e.type in {"ORG", "GPE", "PERSON"}]
    assert found == [("Quillpost.com", "ORG"), ("MARROWNEWS.COM", "ORG")], found


def test_a_models_letter_is_no_part_of_the_makers_name() -> None:
    text = "Agents asked the Dunmore County Police Department K-9 unit for help."
    assert _types(text).get("Dunmore County Police Department") == "ORG", _types(text)


def test_places_joined_by_an_ampersand_are_a_place_and_partners_a_firm() -> None:
    text = (
        "The cargo was shipped to St. Quill & Marrow, then sold by Fenwick & Oddie, "
        "a firm the Dunmore & Western Railway once carried for."
    )
    types = _types(text)
    assert types.get("St. Quill & Marrow") == "GPE", types
    assert types.get("Fenwick & Oddie") == "ORG", types


def test_a_dotted_abbreviation_gives_all_its_letters_to_an_acronym() -> None:
    text = (
        "Boats sail between Quarry Bay and the U.S. Coral Islands daily. A crew from "
        "Quarry Bay returned to USCI on Sunday."
    )
    found = [(e.text, e.type, e.canonical) for e in recognise_text(text) if e.text == "USCI"]
    assert found and found[0][2] == "U.S. Coral Islands", found


def test_a_holiday_named_for_its_day_is_no_one_but_a_person_named_day_is() -> None:
    text = "Markets were shut for Labor Day and Memorial Day, and Doris Day sang at a parade."
    found = {e.text: e.type for e in recognise_text(text)}
    assert found.get("Doris Day") == "PERSON", found
    assert not {"Labor Day", "Memorial Day", "Labor", "Memorial"} & {
        t for t, ty in found.items() if ty in {"PERSON", "ORG", "GPE", "LOC"}
    }, found


# What a long text costs: lookups that stand in for scans must answer as the scans did.

_WORDISH = st.text(alphabet="aAbBzZ_'-. 9é\n", max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=_WORDISH, word=st.text(alphabet="aAbBzZ_'-9é", min_size=1, max_size=4))
def test_a_long_texts_words_in_lower_case_are_found_as_by_searching(text: str, word: str) -> None:
    from search.entities import guess

    threshold = guess._WORD_SET_FROM
    try:
        guess._WORD_SET_FROM = 10**9
        searched = guess._occurs_lowercase(text, word)
        guess._WORD_SET_FROM = 0
        assert guess._occurs_lowercase(text, word) == searched
    finally:
        guess._WORD_SET_FROM = threshold


def test_the_words_kept_for_long_texts_are_a_few_texts_worth() -> None:
    from search.entities import guess

    for i in range(40):
        guess._words(f"text number {i}")
    assert guess._words.cache_info().currsize <= 8


_SPANS = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 12), st.booleans()).map(
        lambda t: (t[0], t[0] + t[1], "ORG", "", t[2], 3)
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(spans=_SPANS, found=_SPANS)
def test_replacing_many_spans_by_lookup_does_what_comparing_each_pair_does(
    spans: list, found: list
) -> None:
    from search.entities import defined

    spans.sort()
    assert len(spans) * len(found) <= defined._MANY  # (so _replace compares each pair)
    pairwise = defined._replace(list(spans), list(found))
    assert defined._replace_many(list(spans), list(found)) == pairwise
    held = defined._holder([(s[0], s[1]) for s in found] or [(0, 0)])
    for s in spans:
        assert held(s[0], s[1]) == any(
            a <= s[0] and s[1] <= b for a, b in [(f[0], f[1]) for f in found] or [(0, 0)]
        )


@settings(max_examples=300, deadline=None)
@given(
    candidates=st.lists(
        st.tuples(
            st.integers(0, 40), st.integers(0, 8), st.sampled_from("AB"), st.integers(0, 6)
        ).map(lambda t: (t[0], t[0] + t[1], t[2], "", False, t[3])),
        max_size=12,
    )
)
def test_choosing_among_spans_keeps_the_longest_and_all_when_none_overlap(candidates: list) -> None:
    # (the spans that overlap no other are returned at once, unsorted by priority)
    from search.entities.spans import _select

    chosen: list = []
    for c in sorted(candidates, key=lambda c: (c[0] - c[1], -c[5], c[0])):
        if not any(max(c[0], k[0]) < min(c[1], k[1]) for k in chosen):
            chosen.append(c)
    assert _select(list(candidates)) == sorted(chosen)


def test_a_site_inside_a_longer_name_stays_that_name_in_a_long_text() -> None:
    # The address is looked up among the spans by bisection, not a scan of each: the same
    # answers, the longer name kept, however many addresses a text has.
    text = "Quillpost.com Inc. reported results. " + "Read it at Marrownews.com today. " * 300
    found = [(e.text, e.type) for e in recognise_text(text) if e.type in {"ORG", "GPE", "PERSON"}]
    assert found[0] == ("Quillpost.com Inc.", "ORG"), found[:3]
    assert found[1:] == [("Marrownews.com", "ORG")] * 300, found[1:4]


def test_a_long_list_of_names_joined_by_and_is_read_whole() -> None:
    # Each "and" splits the run in two; a list longer than Python's recursion limit once
    # raised RecursionError, which would have failed the file's indexing.
    text = "Quill Party and " * 1100 + "Marrow Party."
    found = [e for e in recognise_text(text) if e.type == "ORG"]
    assert len(found) == 1101 and found[-1].text == "Marrow Party", found[-3:]


def test_a_long_list_of_places_joined_by_and_reads_each_word_a_few_times(monkeypatch) -> None:
    # Each split at an "and" asked its questions of the whole rest of the run again, so a
    # list of 5,000 places took 30 s; now the run's words are read once for every split.
    from search.entities import guess

    looked_up: list[str] = []
    cue_type = guess._cue_type
    monkeypatch.setattr(guess, "_cue_type", lambda w: looked_up.append(w) or cue_type(w))
    found = recognise_text("They visited " + "Port Arlen and " * 400 + "Kent.")
    # (each "Port Arlen" a town by its first word, as "Kent" is a place)
    assert [(e.text, e.type) for e in found] == [("Port Arlen", "GPE")] * 400 + [("Kent", "GPE")]
    assert len(looked_up) < 10 * 800, len(looked_up)  # (was 320,000)


def test_a_name_frequent_in_print_is_no_everyday_word() -> None:
    # wordfreq counts words case-blind, so its frequent words held names: an acronym
    # it counts often ("NFL", "IRS") was taken for an everyday word and dropped.
    types = {
        e.text: e.type
        for e in recognise_text(
            "Nearly half of NFL fans are women, the survey says. Her columns run on ESPN, "
            "and the IRS has opened an audit."
        )
    }
    assert types.get("NFL") == "ORG"
    assert types.get("ESPN") == "ORG"
    assert types.get("IRS") == "ORG"


def test_everyday_words_are_those_a_dictionary_writes_in_lower_case(tmp_path, monkeypatch) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_common_words", ROOT / "scripts" / "build_common_words.py"
    )
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    words = tmp_path / "words"
    words.write_text("Blorvikstad\nBlorvikstad's\nfrindle\nfrindle's\nZantex\nzantex\n")
    monkeypatch.setattr(build, "DICTIONARIES", (words,))
    assert build.lower_case_words() == {"frindle", "zantex"}
    common = entities.typer.common_words()
    assert "earth" in common and "shares" in common
    assert not {"espn", "nfl", "irs", "miami"} & common.keys()


def test_a_name_after_a_town_and_a_comma_is_the_region_it_is_in() -> None:
    types = {
        e.text: e.type
        for e in recognise_text("Police in Carrowmere, Westholt, said the man was 37.")
    }
    assert types == {"Carrowmere": "GPE", "Westholt": "GPE"}


def test_a_first_level_region_of_a_country_is_a_place() -> None:
    # the places list holds ISO 3166-2's regions (scripts/build_place_lists.py)
    types = {e.text: e.type for e in recognise_text("Jalisco produces most of the agave.")}
    assert types["Jalisco"] == "GPE"
    assert {"Jalisco", "Aargau", "Oaxaca"} <= entities.typer.places()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Judge Ford said the sentence would run concurrently.", "Ford"),
        ("Mr Ford, 37, was led from the dock.", "Ford"),
        ("Senator Jordan told reporters she would vote no.", "Jordan"),
    ],
)
def test_a_known_name_after_a_persons_title_is_that_persons_name(text: str, name: str) -> None:
    types = {e.text: e.type for e in recognise_text(text)}
    assert types[name] == "PERSON"


def test_a_pageant_is_no_person_and_a_title_before_a_longer_name_leaves_it_whole() -> None:
    types = {e.text: e.type for e in recognise_text("She was crowned Miss Macau in May.")}
    assert types.get("Macau") != "PERSON"
    assert types.get("Miss Macau") == "ORG"
    assert types.get("General Motors", "ORG") == "ORG"
    assert {e.text: e.type for e in recognise_text("Shares of General Motors fell.")} == {
        "General Motors": "ORG"
    }


@pytest.mark.parametrize(
    "name",
    [
        "Pellworth Evening Sentinel",
        "Harrowgate Examiner",
        "Pellworth City Museum",
        "Dunmore Philharmonic",
    ],
)
def test_a_paper_a_museum_an_orchestra_are_organisations_by_their_last_word(name: str) -> None:
    types = {e.text: e.type for e in recognise_text(f"The {name} said on Friday it would close.")}
    assert types[name] == "ORG"
    assert len(types) == 2  # and "Friday"


def test_a_paper_named_for_its_region_is_one_name_not_a_place_and_a_person() -> None:
    types = {e.text: e.type for e in recognise_text("the South Westholt Sun Sentinel reports.")}
    assert types == {"South Westholt Sun Sentinel": "ORG"}


def test_a_judges_style_and_letters_after_a_name_are_no_part_of_it() -> None:
    types = {
        e.text: e.type
        for e in recognise_text("His Honour Judge Marta Vell QC sentenced him to three years.")
    }
    assert types == {"Marta Vell": "PERSON", "three years": "DATE"}


def test_a_family_doctor_is_no_organisation() -> None:
    found = [e for e in recognise_text("If you feel unwell, call your GP or the Westholt clinic.")]
    assert "GP" not in {e.text for e in found}


def test_gazetteer_covers_bodies_papers_and_leaders_that_any_news_names() -> None:
    types = {
        e.text: e.type
        for e in recognise_text(
            "The Gestapo came for him under Hitler, Forbes and the New Yorker reported; now the "
            "NHS, the FDA and the NCAA say the same."
        )
    }
    for name in ("Gestapo", "Forbes", "New Yorker", "NHS", "FDA", "NCAA"):
        assert types.get(name) == "ORG", name
    assert types.get("Hitler") == "PERSON"
    assert lookup("UCLA").type == "ORG"
    credit = "The council met on Tuesday. (Photo: Kelvin Ashdown/Getty Images)"
    assert {e.text: e.type for e in recognise_text(credit)}.get("Getty Images") == "ORG"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kell met Tomasz Wielgosz He said nothing.", "Tomasz Wielgosz"),
        ("The deal went to Vantrell Kinsey How it happened is unclear.", "Vantrell Kinsey"),
    ],
)
def test_a_pronoun_after_a_name_where_a_full_stop_is_missing_is_no_part_of_it(
    text: str, name: str
) -> None:
    names = {e.text for e in recognise_text(text) if e.type == "PERSON"}
    assert name in names
    assert not any(n.endswith((" He", " How")) for n in names)


def test_a_place_who_does_something_is_a_person_of_that_name_all_through() -> None:
    found = recognise_text(
        "Jordan, who directed the film, said it was his best. Critics liked Jordan's film."
    )
    assert [(e.text, e.type) for e in found if e.text == "Jordan"] == [
        ("Jordan", "PERSON"),
        ("Jordan", "PERSON"),
    ]
    for text in (
        "Israel, whose army entered the town, said it would stay.",
        "Scotland, who thrashed Belarus 5-1, drew again.",
    ):
        assert all(e.type != "PERSON" for e in recognise_text(text)), text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rapper Kelvin Ashdown and his band played on.", "Kelvin Ashdown"),
        ("Singers Megan Vellacott and Orla Penhallow performed.", "Megan Vellacott"),
        ("Ashdown and General Douglas Pennock claimed the delegates.", "Douglas Pennock"),
    ],
)
def test_what_someone_is_said_before_their_name_is_no_part_of_it(text: str, name: str) -> None:
    persons = {e.text for e in recognise_text(text) if e.type == "PERSON"}
    assert name in persons


@pytest.mark.parametrize("name", ["Jan van der Berg", "Anders de la Cruz", "Peter van den Hoek"])
def test_a_name_with_two_particles_is_one_name(name: str) -> None:
    text = f"The campaign was run by {name} in the city of Leeds last year."
    persons = [e.text for e in recognise_text(text) if e.type == "PERSON"]
    assert persons == [name]


def test_a_word_the_text_writes_in_lower_case_is_no_name_at_a_sentences_start() -> None:
    # the title names a bar "Vellamor"; the body's sentences open with the drink it is
    # named for, which the body also writes in lower case
    article = Article(
        id="x",
        path="x",
        title="Pelham's Vellamor bar goes beyond the usual",
        standfirst="",
        body="Vellamor is huge right now. Most vellamor is made in small batches. "
        "Vellamor can be made from any grain.",
    )
    assert [e.text for e in recognise(article) if e.field == "body" and e.text == "Vellamor"] == []
    # a surname that is also a word still names the person it was introduced as
    people = Article(
        id="y",
        path="y",
        title="",
        standfirst="",
        body="Professor Jane Pay leads the study. Pay says the pay gap is closing.",
    )
    assert [e.text for e in recognise(people) if e.type == "PERSON"] == ["Jane Pay", "Pay"]


def test_a_name_with_a_brother_or_a_widow_is_a_persons_all_through() -> None:
    # a name that reads like a firm's: its older brother says whose it is
    text = (
        "The hearing was brief. Zentrix said nothing in court. Zentrix’s older brother "
        "Kofi, 22, helps at home."
    )
    assert [e.type for e in recognise_text(text) if e.text == "Zentrix"] == ["PERSON", "PERSON"]


def test_a_paper_named_in_full_is_the_paper_again_by_its_masthead_word() -> None:
    text = (
        "The Pellworth Evening Post reported the deal on Monday. Asked about it, the mayor "
        "told the Post that it was fine."
    )
    found = [(e.text, e.type) for e in recognise_text(text)]
    assert ("Pellworth Evening Post", "ORG") in found
    assert ("Post", "ORG") in found


@pytest.mark.parametrize("name", ["Chad Vantrell", "Jordan Pellam"])
def test_a_name_with_an_age_after_it_is_a_persons(name: str) -> None:
    # a given name that is also a country's, and a police blotter's heading before it
    text = f"October 25: ARRESTS – {name}, 37, Bulpitt, was arrested by police for theft."
    assert {e.text: e.type for e in recognise_text(text)}[name] == "PERSON"


def test_the_planet_is_a_place_and_a_pageant_named_for_it_is_no_place() -> None:
    text = "It is the hottest year on record as the Earth warms; Miss Earth contestants marched."
    types = {e.text: e.type for e in recognise_text(text)}
    assert types.get("Earth") == "LOC"
    assert types.get("Miss Earth") == "ORG"


def test_a_person_for_a_paper_is_a_person_and_a_paper() -> None:
    text = "Reporting by Helen Marsh for The Pellworth Times; editing by Tal Ostrow."
    found = {(e.text, e.type) for e in recognise_text(text)}
    assert ("Helen Marsh", "PERSON") in found
    assert ("Pellworth Times", "ORG") in found


def test_a_match_report_in_prose_tells_the_typer_its_towns_may_be_clubs():
    # "Leeds have been unable to win": with no table of results, the words of a match
    # report (of two kinds or more) give a town's name the typer's third value, not the
    # one of a document about something else.
    from search.entities.teams import _sport_prose

    report = (
        "Leeds have been unable to win away this season. Their striker scored two goals "
        "before the goalkeeper saved a penalty, and relegation now looms."
    )
    council = (
        "Leeds have been unable to agree a budget this year. The council voted on Tuesday "
        "and the mayor said cuts now loom."
    )
    assert _sport_prose(report)
    assert not _sport_prose("a victory for the coalition and a defeat for the opposition")

    def town_feature(text: str) -> list[str]:
        found = typer_evidence(text)
        return [
            f for _, a, _, feats in found if a == 0 for f in feats if f.startswith("place&sport=")
        ]

    assert town_feature(report) == ["place&sport=prose"]
    assert town_feature(council) == ["place&sport=False"]


def _named(text: str) -> dict[str, str]:
    """The names of PERSON, ORG, GPE or LOC in ``text``, with their types."""
    return {
        e.text: e.type for e in recognise_text(text) if e.type in {"PERSON", "ORG", "GPE", "LOC"}
    }


@pytest.mark.parametrize(
    "text",
    [
        "Few voters outside the party ever warmed to Gaitskellism, the pamphlet argued.",
        "Commentators said Peronisms of every stripe had failed the country's poor.",
        "The governor's rivals promised to repeal Pritzkercare before the winter.",
    ],
)
def test_a_creed_or_scheme_named_by_its_ending_is_no_name(text: str) -> None:
    # "-ism" words and coined "-care" schemes are doctrines and programmes (MISC in
    # CoNLL's and CrossNER's gold), not organisations, places or people.
    assert _named(text) == {}


def test_a_firm_named_in_one_word_ending_in_care_is_still_a_name() -> None:
    from search.entities.guess import doctrine

    assert not doctrine("UnitedHealthcare")  # capitals inside: a firm's coined name
    assert not doctrine("Care")
    assert doctrine("Medicare") and doctrine("Marxism-Leninism")


def test_a_rule_named_for_its_author_is_a_law_not_an_organisation() -> None:
    # "Rule" ends the names of regulations as "Act" and "Law" do ("Home Rule", a
    # regulator's rule named for the official who proposed it): a law, not scored as ORG.
    found = {
        e.text: e.type
        for e in recognise_text(
            "Lenders lobbied for years against the Brannock Rule, which capped their fees."
        )
    }
    assert found.get("Brannock Rule") == "LAW"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("The bakery on Tallis St reopens next week.", "Tallis St"),
        ("Roadworks will close Glenmore Rd until the spring.", "Glenmore Rd"),
        ("Walkers were rescued below Carrow Head on Sunday.", "Carrow Head"),
        ("The trawler tied up at Fenwick Quay before dawn.", "Fenwick Quay"),
    ],
)
def test_a_street_by_its_short_word_or_a_headland_or_quay_is_a_place(text: str, place: str) -> None:
    assert _named(text).get(place) in {"LOC", "GPE"}


def test_a_given_name_before_head_or_quay_keeps_a_persons_name() -> None:
    assert _named("Matthew Quay said the vote was close.").get("Matthew Quay") == "PERSON"


def test_a_bar_or_pub_is_a_business_and_the_street_it_is_on_a_place() -> None:
    # "Bar", "Pub", "Tavern", "Bistro" end businesses' names as "Hotel" and "Cafe" do:
    # an organisation, not a person ("Pelham" is a surname too). A business "on" a
    # street is two names, not one.
    assert _named("Gorman Bar says it will reopen after the renovation.") == {"Gorman Bar": "ORG"}
    assert _named("Quill Bistro on Tallis St will stay open this winter.") == {
        "Quill Bistro": "ORG",
        "Tallis St": "LOC",
    }
    assert "Council on Foreign Relations" in _named(
        "The Council on Foreign Relations published the report."
    )


def test_irish_offices_are_titles_and_a_role_abbreviation_is_no_name() -> None:
    # "Taoiseach" and "Tánaiste" are offices as "Chancellor" is: the name after them is
    # the person's, without the title; "CMO" (chief medical officer) is a role, like "CEO".
    assert _named("Taoiseach Aodhan Keogh said the curfew would last a month.") == {
        "Aodhan Keogh": "PERSON"
    }
    assert _named("Tanaiste Ruairi Lenihan met the unions.") == {"Ruairi Lenihan": "PERSON"}
    assert _named("The CMO told ministers that admissions were rising.") == {}


def test_a_point_of_the_compass_named_alone_is_a_region() -> None:
    # "the South", "the Midwest" as a country's region: a place, however the words
    # around it (a verb of voting, "its") make it look like a body.
    assert _named("In the end the Midwest voted against him, and so did the South.") == {
        "Midwest": "LOC",
        "South": "LOC",
    }


def test_a_model_after_a_products_name_is_no_name_anywhere_in_the_text() -> None:
    # "iPad Vela": a word after a product's name with a small letter first and a capital
    # inside is the product's model, and so is the same word alone later on.
    assert (
        _named("The new iPad Vela has a bigger screen. Unlike the 2019 Vela, it has two cameras.")
        == {}
    )


def test_an_adjective_opening_a_sentence_is_no_part_of_the_name_after_it() -> None:
    # "Popular Kilbrack spot ...": an everyday adjective capitalised only for starting
    # the sentence, before a one-word name; the name is the town alone, not a person
    # "Popular Kilbrack". ("Red Star" keeps its short first word.)
    found = _named(
        "Crowds queued in Kilbrack all morning. Popular Kilbrack bakery Crumbs will stay "
        "open all week."
    )
    assert "Popular Kilbrack" not in found
    assert found.get("Kilbrack") == "GPE"


@pytest.mark.parametrize(
    "text",
    [
        "Air Canada said flights would resume on Monday.",
        "Passengers on Air Canada flight 301 were safe, officials said.",
    ],
)
def test_air_before_a_country_is_an_airline_at_a_sentence_s_start_too(text: str) -> None:
    assert _named(text).get("Air Canada") == "ORG"


def test_air_as_a_word_before_a_place_is_no_airline() -> None:
    found = _named("Air pollution in Canada rose again, the agency said.")
    assert found == {"Canada": "GPE"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mystic Meg predicted the result of the vote.", "Mystic Meg"),
        ("Constant Lambert wrote the ballet in 1926.", "Constant Lambert"),
    ],
)
def test_a_name_opened_by_an_adjective_s_word_is_whole(text: str, name: str) -> None:
    # An adjective's word that opens a name the text writes nowhere else is the name's own.
    assert _named(text).get(name) == "PERSON"


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Oliver North testified before Congress. North said he was proud.", "North"),
        ("Damon South testified on Monday. South said he was proud.", "South"),
    ],
)
def test_a_persons_surname_that_is_a_point_of_the_compass_is_no_region(
    text: str, short: str
) -> None:
    # A region's word alone is a region ("the South"), except as the short form of a person
    # the text names in full: "North" after "Oliver North" is him.
    assert _named(text).get(short) == "PERSON"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Shin Bet chief Ronen Bar resigned on Monday. Bar said he took responsibility.",
            "Ronen Bar",
        ),
        ("Tom Diner, 45, was charged with assault.", "Tom Diner"),
        ("Lucy Guild and her sister were named in the will.", "Lucy Guild"),
        ("Israeli actress Moran Bar starred in the series.", "Moran Bar"),
    ],
)
def test_a_persons_name_ending_in_a_pubs_word_is_no_business(text: str, name: str) -> None:
    # "Bar", "Inn", "Diner", "Guild" end businesses' names, and surnames too: after a given
    # name, with an age after it or what someone is before it, the name is a person's.
    assert _named(text).get(name) == "PERSON"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("True crime writer Ann Rule died in 2015. Rule wrote about Ted Bundy.", "Ann Rule"),
        ("Ja Rule said the festival was not a scam. Rule later apologised.", "Ja Rule"),
        ("The novelist Kate Rule signed copies of her book.", "Kate Rule"),
    ],
)
def test_a_persons_name_ending_in_rule_is_no_law(text: str, name: str) -> None:
    # "Rule" ends laws' names ("the Brannock Rule") and is a surname: after a given name,
    # a role, or as someone who speaks, the name is a person's.
    assert _named(text).get(name) == "PERSON"


@pytest.mark.parametrize(
    "text",
    [
        "Lawmakers in Wigan drew up a plan after the defeat. The rally was peaceful. Wigan "
        "voted for victory in the draw. Wigan council said it would try again.",
        "Protesters drew thousands to a rally in Leeds after the defeat of the bill. The "
        "coach operators tried to help. The victory would come later, the mayor said.",
    ],
)
def test_political_prose_is_no_match_report(text: str) -> None:
    # "defeat", "victory", "rally", "drew", "draw", "coach" are a politician's words as
    # much as a sports writer's: they make no match report, nor a town a club.
    from search.entities.teams import _sport_prose

    assert not _sport_prose(text)
    assert "ORG" not in {t for n, t in _named(text).items() if n in {"Wigan", "Leeds"}}


def test_a_match_reports_words_count_with_a_capital() -> None:
    from search.entities.teams import _sport_prose

    assert _sport_prose("Goals from the striker. Penalty saved. Relegation looms for the squad.")


@pytest.mark.parametrize(
    ("text", "club"),
    [
        (
            "Port Vale beat Walsall on Saturday. Port Vale manager Darren Moore praised his "
            "striker after the goal, and the goalkeeper made a late penalty save.",
            "Port Vale",
        ),
        (
            "Fort Arlen lost at home again. The Fort Arlen striker missed a penalty and the "
            "goalkeeper let in three goals before half-time.",
            "Fort Arlen",
        ),
    ],
)
def test_a_port_or_fort_in_a_match_report_is_no_place(text: str, club: str) -> None:
    # "Port", "Fort", "Mount" open places' names, except in a document about sport: a
    # match report in prose says so as a table of results does.
    assert _named(text).get(club) not in {"GPE", "LOC"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ms Tara St said she was happy.", "Tara St"),
        ("Jenny Ave and her band performed on Friday.", "Jenny Ave"),
    ],
)
def test_a_given_name_before_a_streets_short_word_is_no_street(text: str, name: str) -> None:
    # "Baxter St" is a street; "Tara St", after a given name, is someone's name.
    assert _named(text).get(name) not in {"LOC", "GPE"}


@pytest.mark.parametrize(
    "text", ["Kaspi sold a GDR in London.", "The bank listed its GDR on the exchange."]
)
def test_a_depositary_receipt_is_no_east_germany(text: str) -> None:
    # "GDR" is a global depositary receipt in financial news as often as East Germany:
    # the gazetteer does not make it a place.
    assert _named(text).get("GDR") != "GPE"


def test_a_technique_its_acronym_spells_is_no_organisation() -> None:
    # an everyday phrase ending in a verb's "-ing" form is a technique, acronym or not
    text = (
        "Vellacott Drives improved upon Heated Thermal Magnetic Writing (HTMW) "
        "technology this year. HTMW works by heating the disk."
    )
    found = [(e.text, e.type) for e in recognise_text(text)]
    assert not any(t in {"HTMW", "Heated Thermal Magnetic Writing"} for t, _ in found), found
    # a body's name with its body's word still is one
    text = "The Pellworth Broadcasting Corporation (PBC) said. The PBC is old."
    assert _types(text).get("PBC") == "ORG"


def test_the_house_is_the_legislature_where_the_text_names_one() -> None:
    text = (
        "When the Greens took the House in 2006, the Senate stayed out of reach, and "
        "Orla Penhallow led the House for four years."
    )
    found = [(e.text, e.type) for e in recognise_text(text)]
    assert found.count(("House", "ORG")) == 2, found
    text = "The MP told the House of Commons that the House would sit late."
    assert ("House", "ORG") in [(e.text, e.type) for e in recognise_text(text)]


def test_a_partys_adjective_is_no_part_of_the_legislature_it_holds() -> None:
    text = "He faced a Democratic House of Representatives. The Republican Senate waited."
    types = _types(text)
    assert types.get("House of Representatives") == "ORG", types
    assert types.get("Senate") == "ORG", types
    assert "Democratic House of Representatives" not in types
    # a party's own name holding the adjective stays whole
    text = "The Christian Democratic Assembly met in Quellburg."
    assert _types(text).get("Christian Democratic Assembly") == "ORG"


def test_names_back_to_back_without_punctuation_are_several() -> None:
    # a list flattened from a table: one name after another, no comma between
    text = (
        "The letter was signed by Michelle Quarrington David Pellowe Kim Saxelby, "
        "writers, and by Orla Penhallow, Pellworth University David Tremayne, "
        "Vantrell College."
    )
    found = [(e.text, e.type) for e in recognise_text(text)]
    for name in ("Michelle Quarrington", "David Pellowe", "Kim Saxelby", "David Tremayne"):
        assert (name, "PERSON") in found, found
    assert ("Pellworth University", "ORG") in found, found
    # a person's name of three words, and a body's longer name, stay whole
    text = "Arlie Russell Hochquist spoke at Pellworth University Irving Medical Center."
    types = _types(text)
    assert types.get("Arlie Russell Hochquist") == "PERSON", types
    assert types.get("Pellworth University Irving Medical Center") == "ORG", types


def test_a_known_bodys_name_is_not_lengthened_by_the_next_persons_name() -> None:
    text = "Among the signers: Orla Penhallow, Yale University Anjali Trevose, writer."
    found = [(e.text, e.type) for e in recognise_text(text)]
    assert ("Yale University", "ORG") in found, found
    assert not any(t.startswith("Yale University ") for t, _ in found), found


def test_a_job_at_a_name_makes_the_name_a_body() -> None:
    text = (
        "Orla Penhallow has worked in software for a decade and now she is a product "
        "leader at Quenvira, where she runs a small team. Before that she was an engineer "
        "with a start-up, and she still writes about the craft every week."
    )
    assert _types(text).get("Quenvira") == "ORG"
    # a remit is no employer: "minister for Europe"
    text = "The minister for Europe said on Monday that talks would go on for a week or so."
    assert _types(text).get("Europe") in {"LOC", "GPE"}


def test_a_limited_liability_partnership_is_a_company() -> None:
    text = (
        "Heidy Pellowe, a research consultant, joined Adelwick LLP last year and has been "
        "writing about safety cases ever since, in long posts that few engineers skip."
    )
    assert _types(text).get("Adelwick LLP") == "ORG"


def test_a_name_that_was_founded_is_a_body_not_a_person() -> None:
    text = (
        "Talvaro was founded in 2013 by two engineers who met at university. Since then "
        "Talvaro has grown to forty people and Talvaro says it will hire more."
    )
    found = [(e.text, e.type) for e in recognise_text(text)]
    assert found.count(("Talvaro", "ORG")) == 3, found


def test_a_name_after_the_with_an_everyday_first_word_gives_no_surname() -> None:
    # "the Salon Quenvira" (a format's name) is no one's: "Quenvira" alone is not its surname
    text = (
        "Quenvira was set up as a network of young writers. Its formats include the Salon "
        "Quenvira and a weekly blog. Today Quenvira runs talks across Europe, and Quenvira "
        "works with two universities on research about conflict."
    )
    types = [(e.text, e.type) for e in recognise_text(text) if e.text == "Quenvira"]
    assert types and all(t != "PERSON" for _, t in types), types


def test_a_universitys_campus_after_at_is_part_of_its_name() -> None:
    text = (
        "She taught at the University of Illinois at Chicago and later at the University "
        "of North Carolina at Chapel Hill, then at the University of Illinois at "
        "Urbana-Champaign for a decade and a half in all."
    )
    types = _types(text)
    for name in (
        "University of Illinois at Chicago",
        "University of North Carolina at Chapel Hill",
        "University of Illinois at Urbana-Champaign",
    ):
        assert types.get(name) == "ORG", types


def test_learn_more_at_names_a_source() -> None:
    text = (
        "Hospitals are already testing chatbots that answer routine questions, and the "
        "results so far are promising for patients and staff alike. Learn more at Quenvira."
    )
    assert _types(text).get("Quenvira") == "ORG"


def test_a_title_before_a_nouns_plural_is_no_persons_name() -> None:
    text = (
        "How Major Hospitals are Already Using AI. Research has hinted at what is possible. "
        "Hospitals are moving away from guesswork, and Hospitals are also testing chatbots "
        "that answer routine questions about treatment."
    )
    found = [(e.text, e.type) for e in recognise_text(text)]
    assert not any(t == "PERSON" for _, t in found), found


def test_a_papers_kind_after_its_name_makes_it_an_organisation() -> None:
    text = (
        "The story was first told in Quenvira magazine last spring, and the reporter who "
        "wrote it has since left journalism for a job in local government."
    )
    assert _types(text).get("Quenvira") == "ORG"


def test_a_point_of_the_compass_after_the_is_a_region_even_with_a_possessive() -> None:
    text = (
        "Historians agree on this. The North's abandonment of the old settlement had moved "
        "the question off the agenda for decades, and the South kept its laws."
    )
    found = [(e.text, e.type) for e in recognise_text(text)]
    assert ("North", "LOC") in found, found


# --------------------------------------------------------------------------- languages


@pytest.mark.parametrize(
    "text",
    [
        "The page is written in English and French.",
        "Signs at the harbour are in English, French and German.",
        "He spoke English with a German accent.",
        "English-language newspapers reported the strike.",
        "The English translation was published in May.",
        "Translated into French, the report reached more readers.",
        "Most dockers speak Spanish at home.",
    ],
)
def test_a_nationality_s_word_naming_its_language_names_no_country(text):
    """Counted as the country, a folder of pages "in English" all named England."""
    assert not [e for e in recognise_text(text) if e.type in ("NORP", "GPE")]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("English fans travelled to Munich for the final.", "English"),
        ("The French government said on Monday it would act.", "French"),
        ("The port was sold to French buyers in May.", "French"),
        ("In English law the rule is old.", "English"),
        ("Thousands of Mexican teachers marched in Oaxaca.", "Mexican"),
        ("He understood French concerns about the deal.", "French"),
        ("She was teaching American students.", "American"),
        ("The loans came from Chinese and Russian banks.", "Russian"),
        ("The Ukrainian text of the agreement was signed.", "Ukrainian"),
    ],
)
def test_a_nationality_s_word_for_its_people_or_state_still_names_the_country(text, word):
    assert word in {e.text for e in recognise_text(text) if e.type == "NORP"}


def test_a_number_before_real_is_no_money():
    """Brazil's currency is written "reais" in English copy; "89 real pages" is an adjective."""
    assert not [
        e for e in recognise_text("The set holds 89 real English web pages.") if e.type == "MONEY"
    ]
    assert "300 reais" in {e.text for e in recognise_text("He paid 300 reais for it.")}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("A student at Berkeley said the Berkeley campus was quiet.", "Berkeley"),
        ("The BBC correspondent at Westminster said Westminster was busy.", "Westminster"),
    ],
)
def test_a_job_at_a_town_the_lists_know_leaves_the_town_a_place(text, place):
    """ "Product Leader at Vantrell" makes an unknown name where one works, a body; a
    student at Berkeley is in a town, every mention of which became an organisation."""
    assert {e.type for e in recognise_text(text) if e.text == place} == {"GPE"}


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Velmora Global, Inc. owns both platforms and sets their fees.", "Velmora Global, Inc."),
        ("The deal was signed by Tarrow Systems, LLC in March.", "Tarrow Systems, LLC"),
    ],
)
def test_a_legal_form_after_a_comma_ends_a_company_s_name(text, company):
    """ "Coinbase Global, Inc." is a company with its legal form, not a person called
    Coinbase Global and a stray "Inc.", whatever its first words look like."""
    assert _named(text).get(company) == "ORG"


def test_a_company_named_with_its_legal_form_is_a_company_by_its_first_word():
    """After "Quenlar Holdings Inc.", "Quenlar said" is the company, not a person."""
    text = (
        "Shares of Quenlar Holdings Inc. rose. Quenlar said on Monday that it met Smith. "
        "Quenlar told reporters he was wrong."
    )
    assert {e.type for e in recognise_text(text) if e.text == "Quenlar"} == {"ORG"}


def test_a_title_cased_heading_s_verb_lends_no_surname():
    """ "Who Should Use Brinkfold?" makes no person "Use Brinkfold" whose surname every
    later "Brinkfold" would be: "Use" is a verb of the heading, no given name."""
    text = (
        "Who Should Use Brinkfold vs. Brinkfold Pro?\n\n"
        "Brinkfold is ideal for beginners. Brinkfold charges higher fees than most exchanges."
    )
    found = recognise_text(text)
    assert "Use Brinkfold" not in {e.text for e in found}
    assert {e.type for e in found if e.text == "Brinkfold"} == {"ORG"}


def test_a_given_name_of_someone_named_in_full_is_that_person_not_a_town():
    """ "Ann" is also a town on the lists; after "Ann Wilson", "Ann" alone is her."""
    text = (
        "Ann Wilson sang the ballad in 1987. As I listened to Ann tell him she loved him, "
        "I remember thinking that Ann was as desperate as I was."
    )
    assert {e.type for e in recognise_text(text) if e.text == "Ann"} == {"PERSON"}
    assert _named("He moved to Ann, a town in Myanmar, in 2001.").get("Ann") == "GPE"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Prices are quoted in USD and balances are insured.", "USD"),
        ("Fees are charged in GBP for every transfer.", "GBP"),
        ("The order cannot be smaller than 0.001 BTC, 0.01 ETH, or 0.1 LTC.", "LTC"),
        ("The order cannot be smaller than 0.001 BTC, 0.01 ETH, or 0.1 LTC.", "ETH"),
    ],
)
def test_a_currency_s_code_or_an_amount_s_unit_is_no_organisation(text, code):
    """A currency's code ("in USD") and a ticker after an amount ("0.01 ETH,") are units:
    no organisation, no place."""
    assert code not in _named(text)


def test_an_acronym_after_a_number_that_goes_on_is_still_a_name():
    """ "150 NATO troops": a number before a body's acronym does not make it a unit."""
    assert _named("Some 150 NATO troops arrived in Vilnius on Monday.").get("NATO") == "ORG"


def test_a_name_before_app_is_a_product_s():
    """ "the Quellmark Authenticator app" is a product, MISC: no organisation."""
    text = "Sign in with a code from the Quellmark Authenticator app on your phone."
    assert "Quellmark Authenticator" not in _named(text)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "As the first licks from his chosen song “Barracuda” filled the bar, he sang.",
            "Barracuda",
        ),
        ("I love “Barracuda,” “Magic Man,” and the rest of the album.", "Magic Man"),
    ],
)
def test_a_name_that_is_the_whole_of_a_quoted_title_is_no_person_or_place(text, title):
    """A song's or a book's title in quotation marks is MISC, whatever its words."""
    assert title not in _named(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Ivan Petrenko, a former worker at Chernobyl, said the reactor was unsafe. "
            "Radiation near Chernobyl remains high.",
            "Chernobyl",
        ),
        ("He is a student at Kyrenia and lives in Kyrenia with his parents.", "Kyrenia"),
    ],
)
def test_a_job_at_a_town_the_article_places_elsewhere_leaves_it_a_place(text, place):
    """A job "at" an unknown name makes it an employer, unless another mention says it is
    where one lives or what something is near, as no company is."""
    assert {e.type for e in recognise_text(text) if e.text == place} == {"GPE"}


def test_a_job_at_a_company_stays_an_employer():
    text = "Jane Doe, an engineer at Quillpost, said Quillpost would hire in Leeds."
    assert {e.type for e in recognise_text(text) if e.text == "Quillpost"} == {"ORG"}


def test_a_body_speaking_for_itself_after_at_is_an_organisation():
    """ "At Quellmark, we provide training data": the name is a body's, not a place's."""
    text = "At Quellmark, we provide high-quality training data for machine learning."
    assert _named(text).get("Quellmark") == "ORG"


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "According to the anticorruption watchdog group Varnel Holosy, the funds moved "
            "through Cyprus. Varnel Holosy said the scheme ran for years.",
            "Varnel Holosy",
        ),
        (
            "Fees are lower than at Kraylix, a US exchange, and the company says so.",
            "Kraylix",
        ),
    ],
)
def test_a_noun_for_a_body_in_apposition_makes_the_name_an_organisation(text, body):
    """ "the watchdog group Nashi Groshi", "Kraken, a US exchange,": the name is a body's."""
    assert {e.type for e in recognise_text(text) if e.text == body} == {"ORG"}


def test_a_person_in_apposition_to_a_body_s_noun_stays_a_person():
    """ "Ann Lee, a spokeswoman for the agency," and "the group Maria founded" name people."""
    text = "Maria Okafor, a founder of the charity, said the group Maria founded would grow."
    assert {e.type for e in recognise_text(text) if e.text.startswith("Maria")} == {"PERSON"}


def test_a_known_company_s_product_before_app_is_no_organisation():
    """ "the Google Authenticator app": a known company's name lengthened into a product's
    is MISC, not the company."""
    text = "Two-factor codes come by SMS or from the Google Authenticator app on your phone."
    assert "Google Authenticator" not in _named(text)


@pytest.mark.parametrize(
    "text",
    [
        "Investing in Initial Coin Offerings (ICOs) is highly risky and speculative.",
        "Several NGOs said the aid had not reached the camps.",
    ],
)
def test_an_acronym_s_plural_is_no_organisation(text):
    """ "ICOs", "NGOs": a plural names a kind of thing, no one body."""
    assert not [e for e in recognise_text(text) if e.text.endswith("Os")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Helen Marsh, University of Oregon Daniel Ortega-Lind, writer Rosa Lind, poet",
            {"University of Oregon": "ORG", "Daniel Ortega-Lind": "PERSON"},
        ),
        (
            "Anne Cole, historian Walter Brandt Tariq Osei, Yale University Rosa Lind, writer",
            {"Walter Brandt": "PERSON", "Tariq Osei": "PERSON"},
        ),
        (
            "Anne Cole, novelist Carol Whitfield Maria Bay, historian Rosa Lind, writer",
            {"Carol Whitfield": "PERSON", "Maria Bay": None},
        ),
        (
            "Anne Cole, historian Harvard Law School Kaveh Tabrizi, Columbia University",
            {"Harvard Law School": "ORG", "Kaveh Tabrizi": None},
        ),
    ],
)
def test_names_run_together_in_a_flattened_table_are_cut_apart(text, names):
    """A list of signatories flattened with no punctuation between a body's name and a
    person's, or between two people's, where the second's given name is one the lists
    lack ("Tariq", "Kaveh" after an institution's name), or whose surname is also a
    place's word ("Bay": cut apart, whatever type the typer then gives it)."""
    found = _named(text)
    for name, type_ in names.items():
        assert name in found, (name, found)
        assert type_ is None or found[name] == type_, (name, found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The deputy Giuseppe De Felice Giuffrida spoke in Catania.",
            "Giuseppe De Felice Giuffrida",
        ),
        (
            "The Columbia University Irving Medical Center said so.",
            "Columbia University Irving Medical Center",
        ),
    ],
)
def test_one_long_name_is_not_cut(text, name):
    assert name in _named(text)


@pytest.mark.parametrize(
    "sentence, person",
    [
        ('"The risk is rising," said Nkechi Okafor, an analyst at the firm.', "Nkechi Okafor"),
        ("Prices fell, said Bartholomew Quist, a spokesman for the company.", "Bartholomew Quist"),
        ("Lisbeth Varga, a spokeswoman for the firm, declined to comment.", "Lisbeth Varga"),
    ],
)
def test_a_person_named_before_a_job_at_a_firm_stays_a_person(sentence, person) -> None:
    """The review: "X, an analyst at the firm," read "firm" as X's apposition and made X
    an organisation, whenever the lists lacked X's given name."""
    assert _types(sentence)[person] == "PERSON"


def test_a_body_in_apposition_is_still_an_organisation() -> None:
    assert _types("Kraken, a US exchange, said it would list the token.")["Kraken"] == "ORG"


@pytest.mark.parametrize(
    "sentence, place",
    [
        ("At Kirkwall, we waited for the ferry.", "Kirkwall"),
        ("At Glastonbury, we camped in the rain.", "Glastonbury"),
        ("At Sandringham, our hosts were kind.", "Sandringham"),
    ],
)
def test_what_we_did_at_a_place_leaves_it_a_place(sentence, place) -> None:
    """The review: "At X, we" made every X a body speaking for itself; only what a body
    says of itself does ("At Appen, we provide")."""
    assert _types(sentence)[place] != "ORG"
    assert _types("At Appen, we provide training data to tech firms.")["Appen"] == "ORG"


def test_cop_is_the_climate_summit_not_a_currency_code() -> None:
    found = _types("Delegates said the talks at COP in Baku had stalled.")
    assert "COP" in found


_INTERVIEW = (
    "Rick Moranis talks to Lena Dunham about the years he spent away from the screen.\n\n"
    "Rick: I think I just wanted to be at home with my kids.\n\n"
    "Q: Did you miss it?\n\n"
    "Rick: Not really. Lena asked me the same thing last year.\n\n"
    "RICK: And I told her the truth."
)


def test_a_speaker_called_by_a_given_name_is_the_person_named_in_full():
    """An interview introduces its speakers in full, then labels their lines by their
    given names ("Rick:", "RICK:") and calls them so ("Lena asked"): each is that person."""
    found = recognise_text(_INTERVIEW)
    alone = [(e.text, e.type, e.canonical) for e in found if " " not in e.text]
    assert alone == [
        ("Rick", "PERSON", "Rick Moranis"),
        ("Rick", "PERSON", "Rick Moranis"),
        ("Lena", "PERSON", "Lena Dunham"),
        ("RICK", "PERSON", "Rick Moranis"),
    ]  # ("Q" is no one)


def test_a_given_name_two_people_share_links_to_neither():
    """Two people of one given name: "Rick" alone may be either, and is linked to neither;
    the one Lena is still Lena Dunham."""
    text = _INTERVIEW.replace("talks to", "and Rick Astley talk to")
    found = recognise_text(text)
    assert not [e for e in found if e.text in {"Rick", "RICK"} and e.canonical != e.text]
    assert [e.canonical for e in found if e.text == "Lena"] == ["Lena Dunham"]


def test_a_given_name_that_is_an_everyday_word_opening_a_sentence_is_no_one():
    """ "Mark" alone after "Mark Carney" is him mid-sentence, not "Mark my words"."""
    text = (
        "Mark Carney spoke in Ottawa on Monday. Mark my words, he said, this is a change. "
        "Later that day, Mark said the plan was sound."
    )
    marks = [e for e in recognise_text(text) if e.text == "Mark"]
    assert [text[e.start : e.start + 12] for e in marks] == ["Mark said th"]
    assert {e.canonical for e in marks} == {"Mark Carney"}


def test_a_transcripts_speakers_labelled_by_given_names_alone_are_people():
    """A transcript that never names its speakers in full labels lines "Marissa:" and
    "DEVON:": each is a person, mentioned so in the prose too; a label that is a word of
    the prose ("Note:") is no one, nor a given name used as a label once."""
    text = (
        "We spoke to the two founders about the launch.\n\n"
        "Marissa: We started in a garage in 2019.\n\n"
        "DEVON: And we nearly gave up twice.\n\n"
        "Marissa: The first customers came from a forum. Devon wrote the code.\n\n"
        "DEVON: Yes.\n\n"
        "Note: This interview has been edited for length.\n\n"
        "Note: Photographs by the company."
    )
    people = [(e.text, e.canonical) for e in recognise_text(text) if e.type == "PERSON"]
    assert people == [
        ("Marissa", "Marissa"),
        ("DEVON", "Devon"),
        ("Marissa", "Marissa"),
        ("Devon", "Devon"),
        ("DEVON", "Devon"),
    ]


def test_a_company_named_in_full_is_called_by_its_first_word_later():
    """An article names "Halvern Bancorp Inc." once, then calls it "Halvern" and
    "Mercantile": the bank each time, even when the word is an everyday one; the first word
    of "General Lumen Corp." (one of the commonest words) is no name of the company."""
    text = (
        "Ashford-based Halvern Bancorp Inc. and Mercantile Bancshares Inc. were named as "
        "targets. The most coveted bank out there is Mercantile, one analyst said, and "
        "Halvern may be next. General Lumen Corp. declined to comment. In general, the "
        "analysts expect more deals."
    )
    found = [(e.text, e.type) for e in recognise_text(text)]
    assert ("Mercantile", "ORG") in found, found
    assert ("Halvern", "ORG") in found, found
    assert not any(t.lower() == "general" for t, _ in found), found


def test_a_name_after_a_job_and_for_is_an_employer_even_when_the_typer_doubts_it():
    """ "Deputy Editor for Tallow And Pine": where she works, an organisation, though its
    words alone ("Tallow And Pine") read as no name at all."""
    found = [
        (e.text, e.type)
        for e in recognise_text("Cara Dunn, Deputy Editor for Tallow And Pine. She covers food.")
    ]
    assert ("Tallow And Pine", "ORG") in found, found


def test_a_name_before_a_business_noun_is_the_business():
    """ "the Quarrelwood network", "Detroit's Tavolino restaurant": the network's and the
    restaurant's names, organisations (not a place, not dropped); a town the lists know
    stays a town ("Detroit"), and an everyday word before a business noun is no name
    ("Distraught pub and hotel groups")."""

    def found(text: str) -> list[tuple[str, str]]:
        return [(e.text, e.type) for e in recognise_text(text)]

    assert found("The latest podcast from the Quarrelwood network is a history of radio.") == [
        ("Quarrelwood", "ORG")
    ]
    assert found("Detroit's Tavolino restaurant goes beyond the familiar dishes.") == [
        ("Detroit", "GPE"),
        ("Tavolino", "ORG"),
    ]
    assert found("Distraught pub and hotel groups have slammed the decision.") == []


def test_a_product_named_in_apposition_to_its_noun_is_no_organisation():
    """A product's noun in apposition names a thing made, not a body ("an access trojan
    ... called Quellmark", "Their machine, Cardiolume,", "Parvane Vault is a secure digital
    wallet that"), in every mention; a person after a phrase of time ("In the first game,
    Ryne Sandberg") and a company in apposition to its noun ("Kraken, a US exchange,") stay
    what they are."""

    def orgs(text: str) -> list[str]:
        return [e.text for e in recognise_text(text) if e.type == "ORG"]

    assert "Quellmark" not in orgs(
        "Researchers found an access trojan for Android called Quellmark, using new techniques."
    )
    assert (
        orgs(
            "Their machine, Cardiolume, was designed to predict risk. Cardiolume monitors a "
            "patient's heart."
        )
        == []
    )
    assert (
        orgs(
            "The Parvane Vault is a secure digital wallet that stores coins. Parvane Vault is "
            "popular."
        )
        == []
    )
    people = [e.text for e in recognise_text("In the first game, Ryne Sandberg snapped a tie.")]
    assert people == ["Ryne Sandberg"]
    assert orgs("Kraken, a US exchange, charges fees.") == ["Kraken"]


def test_a_title_cased_heading_names_what_the_prose_names():
    """Headings inside an article ("Quorvex Unique Features", "Who Should Use Quorvex vs.
    Quorvex Pro?") name the exchange the prose names: each mention is found, not lost in
    the heading's run of capitals."""
    text = (
        "Quorvex, a US exchange, charges a fee on each trade, and Quorvex Pro offers lower "
        "fees.\n\n"
        "Quorvex Unique Features\n\nFree education and rewards.\n\n"
        "Who Should Use Quorvex vs. Quorvex Pro?\n\nBeginners.\n\n"
        "What Will Happen Next\n\nFees may fall."
    )
    headings = text.index("Quorvex Unique")
    found = [(e.text, e.type) for e in recognise_text(text) if e.start >= headings]
    assert found == [("Quorvex", "ORG"), ("Quorvex", "ORG"), ("Quorvex Pro", "ORG")]


def test_a_job_title_in_title_case_is_no_name_and_where_the_job_is_an_organisation():
    """ "a Software Engineer for Tarnwell", "Director of Engineering at Brightvane": the
    title is a post, no organisation, and the name after "for" or "at" is where the job
    is, an organisation on its own."""

    def found(text: str) -> list[tuple[str, str]]:
        return [(e.text, e.type) for e in recognise_text(text)]

    assert ("Tarnwell", "ORG") in found(
        "Ana Ruiz is a Software Engineer for Tarnwell. Born in Ohio, she codes."
    )
    speakers = found(
        "Speakers include Laura Tacho, Director of Engineering at Brightvane, and others."
    )
    assert speakers == [("Laura Tacho", "PERSON"), ("Brightvane", "ORG")], speakers


def test_a_match_report_that_names_a_team_in_full_calls_it_by_its_town_too():
    """A report naming "the Boston Celtics" says "Boston went 2-for-10" of the team (an
    organisation), but "Fans in Boston" of the city; so does a dateline's region stay a
    place ("ARLINGTON, Texas 1996-08-31" above "the Texas Rangers")."""
    text = (
        "The Philadelphia 76ers beat the Boston Celtics 112-98 on Friday in the playoff "
        "opener. Embiid scored 30 points and his teammates held firm, while Boston went "
        "2-for-10 from three in the third quarter. The coach praised the defenders who "
        "guarded Boston's wings. Fans in Boston were quiet."
    )
    assert [e.type for e in recognise_text(text) if e.text == "Boston"] == ["ORG", "ORG", "GPE"]
    report = (
        "ARLINGTON, Texas 1996-08-31\nJuan Gonzalez homered twice as the Texas Rangers beat "
        "the Seattle Mariners 6-4. Texas scored three runs in the first inning, and Seattle's "
        "pitcher was relieved in the third."
    )
    texas = [e.type for e in recognise_text(report) if e.text == "Texas"]
    assert texas[0] == "GPE", texas


def test_an_acronym_someone_has_is_no_organisation():
    """ "his new EP." is a record he has, no body, and so is "The EP" after it; "his FBI
    file" is a body's file, and the FBI stays the body."""

    def found(text: str) -> list[tuple[str, str]]:
        return [(e.text, e.type) for e in recognise_text(text)]

    assert found("The singer released his new EP. The EP took a year to make.") == []
    assert found("The agents reviewed his FBI file before the FBI closed the case.") == [
        ("FBI", "ORG"),
        ("FBI", "ORG"),
    ]


def test_a_team_panel_or_unit_named_in_full_is_an_organisation():
    """ "the National Public Health Emergency Team" is a body by its last word, as a
    Committee or a Board is (so are a Panel and a Unit)."""
    text = (
        "The deal was agreed between the government and the National Public Health "
        "Emergency Team who advised a Level 5."
    )
    found = [(e.text, e.type) for e in recognise_text(text)]
    assert ("National Public Health Emergency Team", "ORG") in found, found


def test_a_name_that_resigns_or_was_born_is_a_person():
    """A one-word name the typer takes for a body is someone when the text says what only
    a person does: "Varnholtz resigned", "Quenby was born in Ontario" (every mention)."""

    def found(text: str) -> list[tuple[str, str]]:
        return [(e.text, e.type) for e in recognise_text(text) if e.text[0] in "VQ"]

    assert found("After the vote, Varnholtz resigned from the post of prime minister.") == [
        ("Varnholtz", "PERSON")
    ]
    assert found("In the 2004 election, Quenby finished second. Quenby was born in Ontario.") == [
        ("Quenby", "PERSON"),
        ("Quenby", "PERSON"),
    ]


def test_a_name_a_post_credits_with_via_is_its_source():
    """ "(via Brimfield Corners)" closing a blog's teaser credits the site the post was
    found on: an organisation, not the place its words would make it."""
    text = "A generation we love to dump on (via Brimfield Corners)\n\nThe folks still sing."
    assert [(e.text, e.type) for e in recognise_text(text)] == [("Brimfield Corners", "ORG")]


@pytest.mark.parametrize(
    "bar",
    [
        "Follow us on Facebook | Twitter | NewsBreak | Instagram",
        "384 Share Facebook Twitter Google+ReddIt WhatsApp Pinterest Email Linkedin",
    ],
)
def test_a_pages_share_buttons_kept_in_its_text_mention_no_company(bar: str) -> None:
    text = f"The council voted on Tuesday to close the library.\n{bar}"
    assert [e.text for e in recognise_text(text) if e.type == "ORG"] == []


def test_organisations_listed_in_prose_or_a_table_are_still_named() -> None:
    prose = recognise_text("Google, Apple and Microsoft said on Monday that Facebook would join.")
    assert [e.text for e in prose if e.type == "ORG"] == [
        "Google",
        "Apple",
        "Microsoft",
        "Facebook",
    ]
    listed = recognise_text("The companies that signed:\nApple\nGoogle\nMicrosoft")
    assert [e.text for e in listed if e.type == "ORG"] == ["Apple", "Google", "Microsoft"]


def test_software_named_with_its_version_and_release_is_no_name():
    """ "Quillwork 5.2 was released": a name with a version number and a word for its
    release is software's, a product, in every mention ("a maintainer of Quillwork")."""
    text = (
        "Quillwork 5.2 was released on November 5, 2019. It is the first version of "
        "Quillwork that runs on the new interpreter.\n\nSpeaking as a maintainer of "
        "Quillwork, I feel the port was worth it. Quillwork needed a way to run the same code."
    )
    assert [e.text for e in recognise_text(text) if e.type in {"PERSON", "ORG", "GPE"}] == []
    found = recognise_text("Mr Tolvane said the Quillwork 3.0 release was late.")
    assert [e.text for e in found] == ["Tolvane"]


def test_a_name_an_article_or_a_journal_is_in_is_a_publication():
    """ "an article in Farrowline", "an editorial in Quenmoor", "the journal Cortical
    Letters": the name is where a piece was published, an organisation (a paper, a
    journal, a site), not the place "in" would make it; every mention follows."""

    def found(text: str) -> list[tuple[str, str]]:
        return [(e.text, e.type) for e in recognise_text(text) if e.type != "DATE"]

    assert found(
        "The evidence is mixed, according to an article in Farrowline. So once again, "
        "Farrowline noted the risk."
    ) == [("Farrowline", "ORG"), ("Farrowline", "ORG")]
    assert found("A 2013 editorial in Quenmoor argued that the pills are a waste.") == [
        ("Quenmoor", "ORG")
    ]
    assert found(
        "The findings were published in the journal Cortical Letters. The team was led by Ann Bell."
    ) == [("Cortical Letters", "ORG"), ("Ann Bell", "PERSON")]


def test_a_degree_after_a_name_and_a_comma_is_no_place():
    """ "Ann Corvell, Ph.D., of Brisbane University": letters after a name and a comma
    are her degree, not the region a town is in ("Springfield, Ohio")."""
    text = "The team was led by Ann Corvell, Ph.D., of Brisbane University, and colleagues."
    assert [e.text for e in recognise_text(text) if e.type in {"GPE", "LOC"}] == []
    assert [e.text for e in recognise_text(text) if e.type == "PERSON"] == ["Ann Corvell"]


def test_a_programming_language_is_no_person():
    """ "I would choose Quellcode as an implementation language", "Quellcode code": the
    name is a language's, a product, in every mention ("a rewrite in Quellcode")."""
    text = (
        "Speaking of Quellcode, we discussed its use at the meetup. Porting to Quellcode "
        "would have been the better choice, and I would choose Quellcode as an "
        "implementation language today. I find Quellcode code surprisingly expressive."
    )
    assert [e.text for e in recognise_text(text) if e.type in {"PERSON", "ORG", "GPE"}] == []
    people = recognise_text("Ann Marlowe said the Quellcode compiler was slow.")
    assert [e.text for e in people] == ["Ann Marlowe"]


def test_an_embedded_tweets_signature_names_its_author():
    """A page that copies a tweet ends it with "— NAME (@handle) Date": the name is its
    author, a person, even in a script the guesser cannot see."""
    text = (
        "A user wrote a thread of advice.\n\n必ず複数の男性で確保する。\n\n"
        "— ナカムラユウキ (@yuki_n88) January 24, 2020\n\nThe thread went on."
    )
    assert [(e.text, e.type) for e in recognise_text(text) if e.type == "PERSON"] == [
        ("ナカムラユウキ", "PERSON")
    ]


def test_an_acronym_before_a_technical_or_medical_noun_is_a_term_not_a_body():
    """ "QPIX platforms", "a QRT system", "VKD symptoms": an acronym before a word for a
    technical or medical thing is a term's, in every mention; one before a word a body
    has stays a body ("QRT staff")."""

    def orgs(text: str) -> list[str]:
        return [e.text for e in recognise_text(text) if e.type == "ORG"]

    assert (
        orgs(
            "Nearly all tests were passing on QPIX platforms. Functions that are proxies to "
            "QPIX functions won't accept bytes, though QPIX paths are bytes."
        )
        == []
    )
    assert orgs("If you have VKD and too much acid, you may get other VKD symptoms.") == []
    assert orgs("The QRT said on Monday that QRT staff would strike.") == ["QRT", "QRT"]


def test_a_given_name_opening_a_sentence_before_said_or_knew_is_the_person():
    """ "Matt knew that ..." after "(Matt Corrigan)": a given name that is also an
    everyday word ("matt") opening a sentence is the person when a verb only a person
    takes follows; "Mark my words" by Mark Hollis stays no one."""

    def people(text: str) -> list[str]:
        return [e.text for e in recognise_text(text) if e.type == "PERSON"]

    assert people(
        "The project's maintainer (Matt Corrigan) set a ground rule. It was the right call. "
        "Matt knew that the port would take years."
    ) == ["Matt Corrigan", "Matt"]
    assert people("Mark Hollis spoke first. Mark my words, he said, it will rain.") == [
        "Mark Hollis"
    ]


def test_a_craft_named_with_its_model_number_is_no_organisation():
    """ "the day the agency's Quenmark 1 space probe took a picture": a name with a model
    number and a craft's or a device's noun is a product's, in every mention."""
    text = (
        "The album takes its inspiration from the Quenmark 1 space probe, which took a picture "
        "of Earth. Quenmark was launched in 1977."
    )
    assert [e.text for e in recognise_text(text) if e.type in {"ORG", "PERSON", "GPE"}] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ARM chips are everywhere. ARM said licensing grew.", "ARM"),
        ("Hackers stole Okta code last year. Okta said it fixed the flaw.", "Okta"),
        ("Engineers chose Snowflake as their database. Snowflake shares rose.", "Snowflake"),
        ("The Kia 5 series launched in May. Kia said sales rose.", "Kia"),
    ],
)
def test_a_company_the_article_shows_speaking_or_trading_is_no_product(text, name):
    """A product's or a term's cue ("ARM chips", "Okta code", "as their database") made a
    name no name in every mention; a name that speaks or trades is a body's."""
    assert name in [e.text for e in recognise_text(text) if e.type == "ORG"]


def test_a_count_of_craft_is_no_model_number():
    found = recognise_text("Lufthansa 12 aircraft were grounded on Monday.")
    assert "Lufthansa" in [e.text for e in found]


@pytest.mark.parametrize(
    "text",
    [
        "He wrote an article in Springfield about the flood. Springfield officials said "
        "the river rose.",
        "A column in Avdiivka's local paper said the town held.",
    ],
)
def test_a_place_after_an_article_in_stays_a_place(text):
    place = text.split(" in ", 1)[1].split()[0].removesuffix("'s")
    assert [e.type for e in recognise_text(text) if e.text == place][:1] == ["GPE"]


def test_a_title_cased_headline_is_no_row_of_buttons():
    found = recognise_text("Apple Sues Samsung Over Google Patents")
    assert [e.text for e in found if e.type == "ORG"] == ["Apple", "Samsung", "Google"]


@pytest.mark.parametrize(
    "account",
    [
        "bbc breaking news (@BBCBreaking)",
        "東京都防災 (@tokyo_bousai)",
        "City of Fernley (@fernley)",
    ],
)
def test_an_institutions_tweet_signature_names_no_person(account):
    text = f"The storm hit the coast.\n— {account} January 20, 2021"
    assert [e.text for e in recognise_text(text) if e.type == "PERSON"] == []


def test_a_given_name_that_is_a_peoples_word_before_a_surname_is_a_person():
    """ "Christian Bruch" was the demonym "Christian" and an organisation "Bruch"; a
    people's word that is a census given name, before a surname, is a person's name."""
    found = recognise_text("Siemens Energy chief executive Christian Bruch said orders rose.")
    assert ("Christian Bruch", "PERSON") in [(e.text, e.type) for e in found]
    found = recognise_text("Christian Democrats won the vote in Bavaria.")
    assert "PERSON" not in [e.type for e in found]
