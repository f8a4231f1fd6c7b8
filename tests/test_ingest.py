"""Ingest: what a reader of the cleaned article would notice.

The seeds are fixtures here: their sentences are what must survive, their page
furniture what must go. Every other case writes its own small files.
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import multiprocessing
import re
import shutil
from pathlib import Path

import pytest
from conftest import CALIBER, ECONOMIST, SEEDS, article_text, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import ingest
from search.model import Article, Skipped


def norm(text: str) -> str:
    """Whitespace-normalised text, for comparing what a reader sees."""
    return " ".join(text.split())


def raw_prose(path: Path) -> list[str]:
    """The article paragraphs of a raw seed: in both seeds every prose paragraph is one
    long line and no piece of page furniture runs to twenty words (a fixture fact)."""
    text = path.read_text(encoding="utf-8")
    return [norm(line) for line in text.splitlines() if len(line.split()) >= 20]


def paragraphs(article: Article) -> list[str]:
    return [norm(p) for p in article.body.split("\n\n")]


@pytest.fixture(scope="module")
def caliber() -> Article:
    result = ingest.read_article(CALIBER, SEEDS)
    assert isinstance(result, Article), result
    return result


@pytest.fixture(scope="module")
def economist() -> Article:
    result = ingest.read_article(ECONOMIST, SEEDS)
    assert isinstance(result, Article), result
    return result


BODY = [
    "Officials said the harbour talks would resume next month after a pause of several weeks.",
    "Analysts expect the dispute over fishing quotas to weigh on growth in the region this year.",
    "The minister told reporters in the capital that no decision had yet been taken on the matter.",
]


def story(
    head: str = "",
    body: list[str] | None = None,
    title: str = "Harbour cranes fall silent as talks stall",
) -> str:
    parts = [title, head, *(body or BODY)]
    return "\n\n".join(p for p in parts if p) + "\n"


def parse(text: str, **kw) -> Article:
    result = ingest.parse_article(text, id="test", path="story.txt", **kw)
    assert isinstance(result, Article)
    return result


# --------------------------------------------------------------------------- page furniture

#: A saved page's furniture in wording of our own (no bundled page says it): the rules
#: must find it by its shape and its vocabulary, not by a page's phrases.
FURNITURE_HEAD = [
    "mastodon",
    "bluesky",
    "get it on google play",
    "dark mode",
    "menu_toggle",
    "{{ masthead_banner }}",
    "Type to search the archive",
    "Politics",
    "Business",
    "Culture",
    "Reprinting is permitted with a link to harbournews.example",
    "Harbour News © 2024",
    "A+",
]
FURNITURE_TAIL = [
    "By Ines Vardy",
    "Share: 12",
    "Enjoyed this article? Share it with a friend on social media",
    "Copy link",
    "Follow us on Mastodon",
    "Get our weekly newsletter delivered to your inbox every Friday",
    "Leave a comment",
    "Your email address will not be published. Required fields are marked *",
    "Related posts",
    "Ferry timetable changes from May",
    "Council votes on bus lanes tonight",
]


@pytest.fixture(scope="module")
def furnished() -> Article:
    text = "\n".join([*FURNITURE_HEAD, "", story("May 2, 2024"), *FURNITURE_TAIL])
    return parse(text)


@pytest.mark.parametrize("furniture", [*FURNITURE_HEAD, *FURNITURE_TAIL[1:]])
def test_furniture_in_other_wording_is_gone(furnished, furniture):
    for field in (furnished.title, furnished.standfirst, furnished.body):
        assert furniture.casefold() not in field.casefold()


@pytest.mark.parametrize(
    "notice",
    [
        "Please enable JavaScript to see the comments, powered by Remark42.",
        "To read the replies, turn on JavaScript in your browser settings.",
        "JavaScript is disabled in your browser, so some features will not work.",
        "Readers' comments powered by Commento",
    ],
)
def test_a_notice_about_javascript_or_a_comments_widget_is_furniture(notice):
    assert paragraphs(parse(story(body=[*BODY, notice]))) == BODY


def test_furniture_leaves_the_article_whole(furnished):
    assert paragraphs(furnished) == BODY
    assert furnished.title == "Harbour cranes fall silent as talks stall"
    assert (furnished.author, furnished.published) == ("Ines Vardy", dt.date(2024, 5, 2))


@pytest.mark.parametrize(
    "line",
    [
        "We are looking forward to the talks, the minister said on Tuesday after the meeting.",
        "Copy editors at the paper went on strike on Monday over pay and hours.",
        "Newsletter publishers say the new postal rules will cost them dearly this year.",
        "Residents who never miss a council meeting say the new stories about the port are wrong.",
        "The ferry company said it would stay up to date with the latest safety rules.",
        "Regulators found the port authority's website uses cookies to follow its visitors.",
    ],
)
def test_prose_that_uses_furniture_words_stays(line):
    assert norm(line) in paragraphs(parse(story(body=[BODY[0], line, *BODY[1:]])))


@pytest.mark.parametrize(
    "domain", ["Corriere.it", "elpais.es", "nos.nl", "straitstimes.sg", "bbc.co.uk", "Caliber.az"]
)
def test_source_from_a_site_name_in_the_furniture_any_domain(domain):
    text = "\n".join([f"{domain} © 2024", "", story("May 2, 2024")])
    assert parse(text).source.casefold() == domain.casefold()


@pytest.mark.parametrize(
    "host", ["example.org", "www.example.com", "mail.example", "printer.local"]
)
def test_an_example_address_is_never_the_source(host):
    """A manual's sample address ("dNSName example.org") is no publisher (RFC 2606 names)."""
    text = "\n".join([f"{host} © 2024", "", story("May 2, 2024")])
    assert parse(text).source == ""


@pytest.mark.parametrize(
    "name",
    [
        "report.pdf",
        "Implicit88.GeneralName",
        "config.DefaultTimeout",
        ".pre-commit-config.yaml",
        "settings.json",
        "setup.cfg",
    ],
)
def test_source_is_never_a_file_or_an_identifier(name):
    """A manual's code sample ("elt PKIX1Implicit88.GeneralName") names no publisher."""
    text = "\n".join([name, "", story("May 2, 2024")])
    assert parse(text).source == ""


@pytest.mark.parametrize(
    "furniture",
    [
        "Powered by WordPress.com",
        "Comments by Disqus.com",
        "Buy it on Amazon.com",
        "Photo: i.redd.it",
        "Follow us on Facebook.com",
        "from the __init__.py",
        "Read more here.Not now",
        "asked by jonathan.scholbach",
    ],
)
def test_a_service_a_code_file_or_glued_words_are_no_publisher(furniture):
    """The publisher is a site's name: not a service every page links to, a code file, or
    two words a missing space glued into a host name."""
    text = "\n".join([furniture, "", story("May 2, 2024"), "", furniture])
    assert parse(text).source == ""


@pytest.mark.parametrize("domain", ["tvn24.pl", "n1info.rs", "abc.com.py", "nikkei.asia"])
def test_a_country_s_or_a_new_domain_is_a_publisher(domain):
    text = "\n".join([f"{domain} © 2024", "", story("May 2, 2024")])
    assert parse(text).source.casefold() == domain.casefold()


@pytest.mark.parametrize("mark", [" –", " -", "®", " |"])
def test_a_publisher_from_a_copyright_notice_without_the_notice_s_punctuation(mark):
    text = story("May 2, 2024") + f"\n© 2024 Harbour Media Group{mark}\n"
    assert parse(text).source == "Harbour Media Group"


# --------------------------------------------------------------------------- the seeds


class TestCaliberSeed:
    def test_metadata(self, caliber):
        assert (
            caliber.title
            == "Trump’s Asia tour: balancing security, uncertainty, bilateral diplomacy"
        )
        assert caliber.published == dt.date(2025, 11, 6)
        assert caliber.author == "Vugar Khalilov"
        assert caliber.source.casefold() == "caliber.az"

    def test_words_roughly_the_prose(self, caliber):
        expected = sum(len(p.split()) for p in raw_prose(CALIBER))
        assert abs(caliber.words - expected) <= expected * 0.05

    def test_every_prose_paragraph_survives_intact(self, caliber):
        prose = raw_prose(CALIBER)
        assert len(prose) == 7  # the fixture rule found the article's paragraphs
        kept = paragraphs(caliber)
        for paragraph in prose:
            assert paragraph in kept

    def test_body_is_only_the_article(self, caliber):
        # Nothing but the seven paragraphs, in order: menus, prompts and footers all gone.
        assert paragraphs(caliber) == raw_prose(CALIBER)

    def test_title_date_and_byline_not_repeated_in_body(self, caliber):
        assert caliber.title not in caliber.body
        assert "06 November 2025" not in caliber.body
        assert "By Vugar Khalilov" not in caliber.body


class TestEconomistSeed:
    def test_metadata(self, economist):
        assert economist.title == "America’s Asian allies are trying to Trump-proof their policies"
        assert (
            economist.standfirst
            == "Kishida Fumio meets Joe Biden in Washington, DC, to shore up deterrence"
        )
        assert economist.published == dt.date(2024, 4, 9)
        # The text names no publisher; the sidecar beside it does.
        assert economist.source == "The Economist"
        assert economist.url.startswith("https://www.economist.com/")
        assert economist.author == ""

    def test_words_roughly_the_prose(self, economist):
        expected = sum(len(p.split()) for p in raw_prose(ECONOMIST))
        assert abs(economist.words - expected) <= expected * 0.05

    def test_every_prose_paragraph_survives_intact(self, economist):
        prose = raw_prose(ECONOMIST)
        assert len(prose) >= 19
        kept = paragraphs(economist)
        for paragraph in prose:
            assert paragraph in kept
        # ... and in their order.
        positions = [kept.index(p) for p in prose]
        assert positions == sorted(positions)

    @pytest.mark.parametrize(
        "sentence",
        [
            "If Russia is allowed to prevail in Ukraine, “it will send the wrong signal to Asia,”",
            "AUKUS, a defence pact signed in 2021, brings together America, Australia and Britain.",
            "The country aims to nearly double spending on defence activities to 2% of GDP by 2027, up from 1.2% in 2022.",
            "“There’s not going to be an Asian NATO,” says one official from an allied nation.",
            "In short, spokes without a hub still cannot get very far.",
        ],
    )
    def test_sentences_kept(self, economist, sentence):
        assert sentence in norm(economist.body)

    @pytest.mark.parametrize("marker", ["![", "](", "images/", ".jpg", ".png", "#", "> ", "**"])
    def test_markdown_and_image_links_gone(self, economist, marker):
        assert marker not in economist.body
        assert marker not in economist.title
        assert marker not in economist.standfirst

    def test_title_and_standfirst_not_in_body(self, economist):
        body = norm(economist.body)
        assert economist.title not in body
        assert economist.standfirst not in body
        assert "Apr 9th 2024" not in body

    def test_paragraphs_separated_by_blank_lines(self, economist):
        assert "\n\n\n" not in economist.body
        assert all(p.strip() == p and p for p in economist.body.split("\n\n"))


# --------------------------------------------------------------------------- metadata forms


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("06 November 2025 07:32", dt.date(2025, 11, 6)),
        ("Apr 9th 2024", dt.date(2024, 4, 9)),
        ("July 1, 2025", dt.date(2025, 7, 1)),
        ("2025-07-01", dt.date(2025, 7, 1)),
        ("Updated June 4, 2025", dt.date(2025, 6, 4)),
        ("Published: 3 March 2023", dt.date(2023, 3, 3)),
        ("Tuesday, 4 June 2024 | 10:15 GMT", dt.date(2024, 6, 4)),
        ("2025-07-01T10:00:00Z", dt.date(2025, 7, 1)),  # ISO 8601, as <time datetime> gives it
        ("2025-07-01 10:00", dt.date(2025, 7, 1)),
        ("Published 1 July 2025, 10:00 BST", dt.date(2025, 7, 1)),
        ("2025/07/01", dt.date(2025, 7, 1)),
        ("2025.07.01", dt.date(2025, 7, 1)),
    ],
)
def test_date_forms(line, date):
    article = parse(story(line))
    assert article.published == date
    assert article.title == "Harbour cranes fall silent as talks stall"
    assert line not in article.body
    assert paragraphs(article) == BODY


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("jeudi 14 mars 2019", dt.date(2019, 3, 14)),
        ("Donnerstag, 14. März 2019", dt.date(2019, 3, 14)),
        ("14 de marzo de 2019", dt.date(2019, 3, 14)),
        ("1er décembre 2021", dt.date(2021, 12, 1)),
        ("giovedì 14 marzo 2019", dt.date(2019, 3, 14)),
    ],
)
def test_a_date_in_another_language_is_a_date_not_the_headline(line, date):
    # A blog platform set to another language dates its English posts in that language,
    # above or below the headline.
    for text in (line + "\n\n" + story(), story(line)):
        article = parse(text)
        assert article.title == "Harbour cranes fall silent as talks stall"
        assert article.published == date
        assert paragraphs(article) == BODY


def test_a_date_beside_a_breadcrumb_above_the_headline_dates_the_story():
    article = parse("News Home • Shipping • June 4, 2025\n\n" + story())
    assert article.published == dt.date(2025, 6, 4)
    assert article.title == "Harbour cranes fall silent as talks stall"


@pytest.mark.parametrize(
    "line", ["Version 3.2024.1.1", "v2024.10.18.1", "2024/13/01", "PyCharm 2024.1.2"]
)
def test_a_version_number_is_no_date(line):
    assert ingest.find_date(line) is None


def test_a_writer_named_beside_the_date_is_no_headline():
    """The last title-like line above the story is the headline, but not when it is a
    name beside the date: a byline with no "By"."""
    head = "2025/06/04\n\n|\n\nInes Vardy\n\n0 Shares"
    article = parse(story(head))
    assert article.title == "Harbour cranes fall silent as talks stall"
    assert article.author == "Ines Vardy"
    assert article.published == dt.date(2025, 6, 4)


@pytest.mark.parametrize("line", ["Julio 14, 2019", "Mars 2019 mission update"])
def test_a_foreign_month_needs_the_day_first(line):
    # Those languages write the day first: a name or a planet before a number is no date.
    assert ingest.find_date(line) is None


def test_date_inside_prose_is_not_the_publication_date():
    # A date mentioned in a sentence is news, not the dateline; nothing says when it was published.
    body = [*BODY, "The treaty signed on 4 June 1999 expired quietly last spring, officials said."]
    article = parse(story(body=body))
    assert article.published is None
    assert paragraphs(article) == body


@pytest.mark.parametrize(
    ("dateline", "date"),
    [
        ("CANBERRA, 3 March 2025 —", dt.date(2025, 3, 3)),
        ("Nairobi, Kenya, July 1, 2025 –", dt.date(2025, 7, 1)),
        ("SEOUL (Reuters), Apr 9th 2024 -", dt.date(2024, 4, 9)),
    ],
)
def test_a_dated_dateline_opening_the_story_dates_it(dateline, date):
    # The date lives in the first paragraph's dateline, and that paragraph stays whole.
    first = f"{dateline} {BODY[0]}"
    article = parse(story(body=[first, *BODY[1:]]))
    assert article.published == date
    assert paragraphs(article) == [first, *BODY[1:]]


def test_a_date_later_in_the_first_sentence_is_no_dateline():
    first = "Officials said the treaty of 4 June 1999 - long forgotten - would be revisited."
    assert parse(story(body=[first, *BODY[1:]])).published is None


def test_byline_becomes_author_not_body():
    article = parse(story("By Jane Smith"))
    assert article.author == "Jane Smith"
    assert "Jane Smith" not in article.body


def test_front_matter_overrides_guesses():
    text = (
        "---\n"
        "title: The title the file says\n"
        "source: The Daily Planet\n"
        "author: Lois Lane\n"
        "published: 2023-02-03\n"
        "url: https://example.com/story\n"
        "---\n" + story("July 1, 2025\n\nBy Clark Kent", title="A guessed headline for the story")
    )
    article = parse(text)
    assert article.title == "The title the file says"
    assert article.source == "The Daily Planet"
    assert article.author == "Lois Lane"
    assert article.published == dt.date(2023, 2, 3)
    assert article.url == "https://example.com/story"
    assert "Daily Planet" not in article.body
    assert "title:" not in article.body
    for sentence in BODY:
        assert sentence in article.body


def test_front_matter_dates_in_prose_forms():
    text = "---\npublished: Apr 9th 2024\n---\n" + story()
    assert parse(text).published == dt.date(2024, 4, 9)


def test_horizontal_rule_is_not_front_matter():
    text = "---\n" + story()
    article = parse(text)
    assert article.title == "Harbour cranes fall silent as talks stall"
    assert paragraphs(article) == BODY


def test_sidecar_metadata(tmp_path):
    path = write(tmp_path, "story.txt", story("July 1, 2025"))
    write(
        tmp_path,
        "story.meta.toml",
        'source = "Harbour Gazette"\nauthor = "Ann Other"\nurl = "https://example.org/x"\n',
    )
    article = ingest.read_article(path, tmp_path)
    assert isinstance(article, Article)
    assert article.source == "Harbour Gazette"
    assert article.author == "Ann Other"
    assert article.url == "https://example.org/x"
    assert article.published == dt.date(2025, 7, 1)  # guessed from the text, not overridden


def test_broken_sidecar_is_ignored_not_fatal(tmp_path):
    path = write(tmp_path, "story.txt", story())
    write(tmp_path, "story.meta.toml", "source = = broken\n")
    article = ingest.read_article(path, tmp_path)
    assert isinstance(article, Article)
    assert paragraphs(article) == BODY


# --------------------------------------------------------------------------- boilerplate by rule


def test_general_boilerplate_rules_on_an_unseen_page():
    """A page nobody tuned for: menus, share prompts, counters, copyright, a foreign UI string."""
    page = "\n".join(
        [
            "Home",
            "News",
            "Sport",
            "Weather",
            "Sign in",
            "Subscribe",
            "",
            "Harbour cranes fall silent as talks stall",
            "",
            "July 1, 2025",
            "",
            *BODY,
            "",
            "Share this article",
            "Follow us on Facebook",
            "1,234 views",
            "Скопировать ссылку",
            "Copyright © 2025 Harbour Gazette. All rights reserved.",
        ]
    )
    article = parse(page)
    assert article.title == "Harbour cranes fall silent as talks stall"
    assert article.published == dt.date(2025, 7, 1)
    assert paragraphs(article) == BODY


def test_short_article_of_short_paragraphs_is_kept():
    # A brief without long prose paragraphs still has its text.
    text = "Storm closes port\n\nThe port shut at noon.\n\nShips wait offshore.\n"
    article = parse(text)
    assert "The port shut at noon." in article.body
    assert "Ships wait offshore." in article.body


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = (
        "Officials said the harbour talks would resume next month after\n"
        "a pause of several weeks, and analysts expect the dispute over\n"
        "fishing quotas to weigh on growth in the region this year.\n"
    )
    article = parse(
        "Harbour cranes fall silent as talks stall\n\n" + wrapped + "\n" + BODY[2] + "\n"
    )
    assert norm(wrapped) in paragraphs(article)
    assert BODY[2] in paragraphs(article)


# --------------------------------------------------------------------------- ids


ID_RE = re.compile(r"^[a-z0-9]{4,12}$")


def test_ids_are_short_and_typeable(caliber, economist):
    assert ID_RE.match(caliber.id)
    assert ID_RE.match(economist.id)
    assert caliber.id != economist.id


def test_same_file_same_id_across_runs_and_machines(tmp_path):
    a = tmp_path / "machine_a" / "news"
    b = tmp_path / "elsewhere" / "deeper" / "news"
    for root in (a, b):
        write(root, "world/story.txt", story())
    first = ingest.read_article(a / "world/story.txt", a)
    again = ingest.read_article(a / "world/story.txt", a)
    moved = ingest.read_article(b / "world/story.txt", b)
    assert first.id == again.id == moved.id


def test_id_survives_an_edit(tmp_path):
    path = write(tmp_path, "story.txt", story())
    before = ingest.read_article(path, tmp_path)
    path.write_text(
        story(body=[*BODY, "A late paragraph was added to the story after publication."])
    )
    after = ingest.read_article(path, tmp_path)
    assert before.id == after.id
    assert before.fingerprint != after.fingerprint


def test_different_files_and_folders_different_ids(tmp_path):
    ids = set()
    for folder in ("news", "archive"):
        for name in ("a.txt", "b.txt", "sub/a.txt"):
            path = write(tmp_path / folder, name, story())
            ids.add(ingest.read_article(path, tmp_path / folder).id)
    assert len(ids) == 6
    assert all(ID_RE.match(i) for i in ids)


# --------------------------------------------------------------------------- odd files


def read(tmp_path: Path, name: str, raw: bytes) -> Article | Skipped:
    return ingest.read_article(write(tmp_path, name, raw), tmp_path)


@pytest.mark.parametrize("raw", [b"", b"   \n\n \t \n", b"\n"])
def test_empty_files_are_skipped(tmp_path, raw):
    result = read(tmp_path, "empty.txt", raw)
    assert isinstance(result, Skipped)
    assert result.path.endswith("empty.txt")
    assert "empty" in result.reason


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,
        b"Some words then\x00\x00\x00\x00 nul bytes" * 10,
        bytes(range(32)) * 50,
    ],
)
def test_binary_files_are_skipped_with_a_reason(tmp_path, raw):
    result = read(tmp_path, "picture.txt", raw)
    assert isinstance(result, Skipped)
    assert result.path.endswith("picture.txt")
    assert "binary" in result.reason


def test_cp1252_is_decoded_and_noted(tmp_path):
    text = story(
        body=[
            "Officials at the café said “the talks” would resume next month after a pause.",
            *BODY[1:],
        ]
    )
    result = read(tmp_path, "old.txt", text.encode("cp1252"))
    assert isinstance(result, Article)
    assert "café" in result.body and "“the talks”" in result.body
    assert any("cp1252" in note for note in result.notes)


#: Words of Western European text as Windows Latin-1 writes them.
_LATIN = st.lists(
    st.sampled_from(
        ["café", "naïve", "résumé", "Müller", "Straße", "São", "Dupré", "“talks”", "–",
         "Zürich", "façade", "crème", "Renée", "€5", "Ångström", "piñata", "l’été", "and"]
    ),
    min_size=1,
    max_size=8,
).map(" ".join)  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=_LATIN, declared=st.sampled_from(["<meta charset='utf-8'>", ""]))
def test_a_page_in_latin1_saying_utf8_or_nothing_is_read_as_cp1252(tmp_path, words, declared):
    """The audit: a page's bytes in Windows Latin-1 under a UTF-8 declaration became
    "Cafķ na’ve rķsumķ" (a charset guesser's Baltic), and "Café" found nothing."""
    words = " ".join(words.split()) or "café"
    body = "".join(f"<p>{line} {words}.</p>" for line in BODY)
    page = (
        f"<html><head>{declared}<title>Café talks {words}</title></head>"
        f"<body><article><h1>Café talks {words}</h1>{body}</article></body></html>"
    )
    raw = page.encode("cp1252")
    result = read(tmp_path, "old.html", raw)
    assert isinstance(result, Article)
    assert result.title.startswith("Café talks")
    assert words in result.body
    if raw != page.encode("utf-8"):  # not ASCII: it was not UTF-8, and the note says so
        assert any("cp1252" in note for note in result.notes)


@pytest.mark.parametrize(
    ("encoding", "title", "sentence"),
    [
        (
            "cp1251",
            "Новости города",
            "Городской совет в понедельник одобрил строительство нового моста.",
        ),
        ("gbk", "城市新闻", "市议会周一批准在河上修建一座新桥，官员们说。这座桥将连接两个区。"),
    ],
)
@pytest.mark.parametrize("declared", ["", "<script>" + "var x = 1;" * 500 + "</script>"])
def test_a_legacy_page_of_another_script_is_left_to_its_encodings_reader(
    tmp_path, encoding, title, sentence, declared
):
    """The review: Latin-1 under a UTF-8 declaration was read as cp1252, but so was every
    page that was not UTF-8 and declared nothing in its first 4 KB: Russian and Chinese
    pages came out as "Ãîðîäñêîé ñîâåò"."""
    if declared:  # the declaration after a long script, still in the head
        declared += f'<meta charset="{encoding}">'
    page = (
        f"<html><head>{declared}<title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>" + f"<p>{sentence}</p>" * 12 + "</article></body></html>"
    )
    result = read(tmp_path, "legacy.html", page.encode(encoding))
    assert isinstance(result, Article)
    assert sentence[:10] in result.body
    assert not any("cp1252" in note for note in result.notes)


def test_a_latin1_body_in_a_utf8_template_keeps_both(tmp_path):
    """The review: a UTF-8 template's dashes and quotes around a body pasted in Latin-1
    sent the page to the charset guesser again ("Cafť Renť")."""
    template = "<html><head><meta charset='utf-8'><title>Café owners fight rent rise — Gazette</title></head>"
    body = "".join(
        f"<p>{line} The owners of the Café René and José Martínez objected.</p>" for line in BODY
    )
    raw = (
        template.encode("utf-8")
        + f"<body><article><h1>Café owners fight rent rise</h1>{body}".encode("cp1252")
        + "<footer>“The Gazette” — all rights reserved</footer></article></body></html>".encode()
    )
    result = read(tmp_path, "mixed.html", raw)
    assert isinstance(result, Article)
    assert "Café René and José Martínez" in result.body
    assert result.title == "Café owners fight rent rise"


@pytest.mark.parametrize("depth", [300, 1200])
def test_a_page_nested_past_lxmls_guard_is_still_read(tmp_path, depth):
    """The audit: text inside 254 or more nested elements (a saved page of unclosed
    <font> tags) was skipped as "no article text found in this web page"."""
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY)
    page = (
        "<html><head><title>Harbour cranes fall silent</title></head><body>"
        + "<div>" * depth
        + f"<h1>Harbour cranes fall silent</h1>{paragraphs}"
        + "</div>" * depth
        + "</body></html>"
    )
    result = read(tmp_path, "deep.html", page.encode())
    assert isinstance(result, Article), result
    assert BODY[1] in result.body


def test_invalid_utf8_does_not_lose_the_article(tmp_path):
    raw = (
        story().encode()
        + b"\n\nA broken byte \xff\xfe in the final line of the article text here.\n"
    )
    result = read(tmp_path, "broken.txt", raw)
    assert isinstance(result, Article)
    assert result.notes  # the user is told the encoding was guessed
    for sentence in BODY:
        assert sentence in result.body


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("utf16le.txt", codecs.BOM_UTF16_LE + story().encode("utf-16-le")),
        ("utf16be.txt", codecs.BOM_UTF16_BE + story().encode("utf-16-be")),
        ("utf8bom.txt", codecs.BOM_UTF8 + story().encode("utf-8")),
    ],
)
def test_unicode_with_bom(tmp_path, name, raw):
    result = read(tmp_path, name, raw)
    assert isinstance(result, Article)
    assert result.title == "Harbour cranes fall silent as talks stall"  # no BOM glued to it
    assert paragraphs(result) == BODY
    assert result.notes == ()


def within(seconds: int, work):
    """``work()`` in a forked child, its result back here; fail (and kill the child) if it
    runs past ``seconds``. A quadratic regex cannot be interrupted in-process, and one must
    fail this suite, not hang it. Generous on purpose: a guard, not a speed target (bench/)."""
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def child() -> None:
        send.send(work())
        send.close()

    process = ctx.Process(target=child, daemon=True)
    process.start()
    try:
        if not receive.poll(seconds):
            pytest.fail(
                f"still running after {seconds} s: a rule is likely quadratic on one long line"
            )
        return receive.recv()
    finally:
        process.kill()
        process.join()


def test_five_megabyte_single_line(tmp_path):
    unit = "the harbour cranes were idle again today "
    line = "Quokkaphobia begins here. " + unit * (5_000_000 // len(unit)) + "zebracorn ends it."
    path = write(tmp_path, "huge.txt", line.encode())
    result = within(120, lambda: ingest.read_article(path, tmp_path))
    assert isinstance(result, Article)
    assert result.body.startswith("Quokkaphobia")
    assert result.body.endswith("zebracorn ends it.")
    assert result.words > 800_000


@pytest.mark.parametrize(
    "unit",
    ["see [note ", "![alt ", "a ** b ", "x <p y ", "\\[x ", "`a "],
    ids=["bracket", "image", "stars", "tag", "escaped", "code"],
)
def test_long_line_of_unclosed_markup_does_not_stall_ingest(tmp_path, unit):
    """One odd file (a 100 KB line full of "[" that never close) must not hold up the whole
    corpus. The guard catches a hang (a quadratic rule takes minutes here); how fast this
    is belongs to the benchmark (bench/bench_ingest.py, ``odd_line_seconds``)."""
    line = "Quokkaphobia begins here. " + unit * (100_000 // len(unit)) + "zebracorn ends it."
    path = write(tmp_path, "odd.txt", line.encode())
    result = within(120, lambda: ingest.read_article(path, tmp_path))
    assert isinstance(result, Article)
    assert "zebracorn" in result.body


def test_an_open_bracket_before_a_long_run_of_spaces_does_not_stall_ingest(tmp_path):
    """A link label broken across lines is joined again (see the test above); a "[" that
    is followed by a long run of spaces and never closes must not make that quadratic."""
    text = "| [" + " " * 300_000 + "\n\n" + "\n\n".join(BODY) + "\n\n[a link](https://x.example)\n"
    path = write(tmp_path, "odd.md", text.encode())
    result = within(30, lambda: ingest.read_article(path, tmp_path))
    assert isinstance(result, Article)
    assert BODY[0] in result.body


MARKUP = (
    "The minister said [bold red]no decision[/] had been taken, [link=https://x.example]see[/link]."
)
ESCAPES = (
    "The \x1b[31mred\x1b[0m words and a \x1b]52;c;aGVsbG8=\x07clipboard grab and a "
    "\x1b]8;;https://evil.example\x1b\\hyperlink\x1b]8;;\x1b\\ and a title \x1b]0;pwned\x07 set, said officials."
)


def test_escape_sequences_stripped_markup_kept_as_text(tmp_path):
    text = story(body=[*BODY, MARKUP, ESCAPES])
    result = read(tmp_path, "hostile.txt", text.encode())
    assert isinstance(result, Article)
    assert MARKUP in result.body  # markup is the document's text: kept literally
    for bad in ("\x1b", "\x07", "\x9b", "]52;", "pwned", "evil.example"):
        assert bad not in result.body
    assert (
        "The red words and a clipboard grab and a hyperlink and a title set, said officials."
        in norm(result.body)
    )


EMBEDS = [
    '<iframe width="476" height="267" src="https://news.example/video/embed/?pid=1" frameborder="0" allowfullscreen></iframe>',
    '<script async src="https://platform.example/widgets.js" charset="utf-8"></script>',
    '<video controls src="/clip.mp4"></video>',
]


@pytest.mark.parametrize("name", ["clipped.md", "copied.txt"])
@pytest.mark.parametrize("embed", EMBEDS)
def test_an_embed_code_is_no_text_to_read(tmp_path, name, embed):
    """A video's "copy the embed code" box, a tweet's script: markup that runs something,
    which text copied from a page and a clipper's Markdown keep as it was. The reader shows
    the article without it, and what stood around it stays."""
    text = story(body=[BODY[0], embed, BODY[1], f"{BODY[2]} {embed}"])
    result = read(tmp_path, name, text.encode())
    assert isinstance(result, Article)
    assert "<" not in result.body and "embed" not in result.body
    assert norm(result.body) == norm(" ".join(BODY))


@pytest.mark.parametrize("name", ["clipped.md", "copied.txt"])
@pytest.mark.parametrize(
    "line",
    [
        "Turnout was <50% in the north, where the video and the script <of the talks> ran.",
        "Wrap the player in a <video> element and close it with </video> when you are done.",
    ],
)
def test_words_about_embedding_and_angle_brackets_in_prose_stay(tmp_path, name, line):
    result = read(tmp_path, name, story(body=[*BODY, line]).encode())
    assert isinstance(result, Article)
    assert line in result.body


def test_control_characters_stripped_from_every_field():
    text = "---\ntitle: Bad\x1b[2J title\x07\nauthor: A\x00n Author\n---\n" + story(
        body=["Officials\x08 said\u202e the harbour talks would resume next month after a pause."]
    )
    article = parse(text)
    for value in (article.title, article.author, article.body, article.standfirst):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", value)
    assert article.title == "Bad title"


# --------------------------------------------------------------------------- any bytes in


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    raw=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=1500).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.lists(
            st.sampled_from(
                [
                    "---\n",
                    "title: x\n",
                    "# Heading\n",
                    "![i](a.png)\n",
                    "\n\n",
                    "By Ann Lee\n",
                    "July 1, 2025\n",
                    "\x1b[31m",
                    "\x1b]52;",
                    "[bold]",
                    "\ufeff",
                    "\x00",
                    "©",
                    "Views: 3\n",
                    "Officials said the harbour talks would resume next month after a pause.\n",
                    "Ссылка",
                    "**",
                    "> ",
                    "* ",
                    "1. ",
                    "\r\n",
                    "\u2028",
                    "\x9b",
                ]
            ),
            max_size=30,
        ).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
    )
)
def test_any_bytes_give_an_article_or_a_reason(tmp_path, raw):
    path = tmp_path / "any.txt"
    result = ingest.parse_bytes(raw, path=path, root=tmp_path)
    assert isinstance(result, Article | Skipped)
    if isinstance(result, Skipped):
        assert result.reason
        return
    assert result.body.strip()
    assert ID_RE.match(result.id)
    for value in (result.title, result.standfirst, result.author, result.source, result.body):
        assert "\x1b" not in value and "\x00" not in value
    # ingest only removes: every letter and digit of the body was in the file (no mojibake,
    # no replacement characters, nothing a rule made up)
    text = ingest.sanitise(html.unescape(ingest.decode(raw)[0]))
    assert {c for c in result.body if c.isalnum()} <= {c for c in text if c.isalnum()}
    assert all(p and p == p.strip() for p in result.body.split("\n\n"))


def test_bundled_seeds_folder_is_untouched_by_reading(tmp_path):
    # Reading never writes beside the articles (the bundled corpus may be read-only).
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS, copy)
    before = sorted(p.name for p in copy.iterdir())
    for _root, path in ingest.discover([copy]):
        ingest.read_article(path, copy)
    assert sorted(p.name for p in copy.iterdir()) == before


def test_discover_finds_every_file_recursively_skips_hidden_and_own_files(tmp_path):
    write(tmp_path, "a.txt", story())
    write(tmp_path, "deep/er/b.md", story())
    write(tmp_path, "c.html", story())
    write(tmp_path, "d.docx", b"PK\x03\x04")
    write(tmp_path, ".hidden/d.txt", story())
    write(tmp_path, ".e.txt", story())
    write(tmp_path, "a.meta.toml", 'source = "X"\n')
    write(tmp_path, "links.toml", "")
    found = sorted(p.relative_to(tmp_path).as_posix() for _root, p in ingest.discover([tmp_path]))
    # every file is either read or reported: the .docx is found, to be skipped with a reason
    assert found == ["a.txt", "c.html", "d.docx", "deep/er/b.md"]


@pytest.mark.parametrize("page", ["Napa story.html", "Napa story.HTM", "Napa story.xhtml"])
def test_discover_passes_over_a_saved_pages_resource_folder(tmp_path, page):
    """A browser's "Save page, complete" writes the page's frames, scripts and styles
    into NAME_files beside NAME.html: parts of the page, never articles."""
    write(tmp_path, page, story())
    write(tmp_path, "Napa story_files/saved_resource.html", story(title="Advertisement"))
    write(tmp_path, "Napa story_files/app.js", "var x = 1;")
    write(tmp_path, "Napa story_files/sub/style.css", "p {}")
    write(tmp_path, "drafts_files/c.txt", story())  # no page of that name beside it
    write(tmp_path, "deep/Other.html", story())
    write(tmp_path, "deep/Napa story_files/widget.htm", story())  # not beside its page
    found = sorted(p.relative_to(tmp_path).as_posix() for _root, p in ingest.discover([tmp_path]))
    assert found == [
        page,
        "deep/Napa story_files/widget.htm",
        "deep/Other.html",
        "drafts_files/c.txt",
    ]


@pytest.mark.parametrize("name", ["notes.docx", "photo.JPG", "README"])
def test_a_file_of_a_type_dossier_does_not_read_is_skipped_with_the_reason(tmp_path, name):
    path = write(tmp_path, name, story())
    result = ingest.read_article(path, tmp_path)
    assert isinstance(result, Skipped)
    assert result.reason.startswith("unsupported type")
    assert ".html" in result.reason and ".pdf" in result.reason  # says what it does read


def test_article_text_helper_parses(tmp_path):
    # The shared fixture article is itself a clean article (other tests rely on it).
    article = parse(article_text("Talks resume in the capital", body_sentences=4))
    assert article.title == "Talks resume in the capital"
    assert article.published == dt.date(2025, 7, 1)
    assert len(article.body.split("\n\n")) == 4


# --------------------------------------------------------------------------- real prose that looks like furniture

# Sentences from ordinary news copy that begin with a word a page's furniture also uses.
# They are the article: every one must survive.
FURNITURE_WORDS = [
    "Share prices fell 3% on Monday after the results.",
    "Print editions of the paper will end next year, the owners said.",
    "Search teams reached the flooded village at dawn on Sunday.",
    "Save for one dissenting vote, the motion passed easily.",
    "Email records show the minister knew about the leak in March.",
    "Close allies of the president denied the report on Friday.",
    "Comments by the minister drew swift criticism from the opposition.",
    "Register offices will close early on Friday, officials said.",
    "Related talks in Geneva are planned for next week.",
    "Loading of the grain ships resumed on Tuesday.",
    "Copyright lawyers said the ruling would be appealed.",
    "Popular anger over prices has grown since spring.",
    "The most important thing, she said, is to keep talking.",
    "Save the Children said it would send aid.",
]


@pytest.mark.parametrize("sentence", FURNITURE_WORDS)
def test_sentence_starting_with_a_furniture_word_survives(sentence):
    body = [BODY[0], sentence, *BODY[1:]]
    article = parse(story("July 1, 2025", body=body))
    assert paragraphs(article) == body


@pytest.mark.parametrize(
    "title",
    [
        "Search for missing ship resumes off Cornwall",
        "Share prices slump as rates rise",
        "Save the Children warns of famine",
        "Close race tightens in Ohio",
        "Copyright fight over AI training heats up",
        "Menu prices soar as inflation bites",
    ],
)
@pytest.mark.parametrize("markdown", [False, True])
def test_headline_starting_with_a_furniture_word_is_the_title(title, markdown):
    article = parse(story("July 1, 2025", title=f"# {title}" if markdown else title))
    assert article.title == title


def test_short_sentence_paragraphs_in_a_row_survive():
    # Dialogue and terse wire copy: short paragraphs that end like sentences are not a menu.
    dialogue = ["“Will you resign?”", "“No.”", "“Why not?”", "“Because I was elected.”"]
    body = [BODY[0], *dialogue, *BODY[1:]]
    assert paragraphs(parse(story(body=body))) == body
    terse = ["He refused.", "She did not.", "Nobody did."]
    body = [BODY[0], *terse, *BODY[1:]]
    assert paragraphs(parse(story(body=body))) == body


def test_sentence_beginning_with_by_is_not_a_byline():
    body = [BODY[0], "By then the talks had collapsed.", *BODY[1:]]
    article = parse(story("July 1, 2025", body=body))
    assert article.author == ""
    assert paragraphs(article) == body


def test_title_then_summary_in_plain_text():
    """The commonest scrape: headline, a one-sentence summary, the date, the story. The
    summary is the story's (a plain line says nothing that sets it apart from the body):
    it opens the body rather than being lost from it."""
    head = "Unions and owners blame each other as the port stays shut"
    for layout in (f"{head}\n\nJuly 1, 2025", f"July 1, 2025\n\n{head}"):
        article = parse(story(layout, title="Harbour cranes fall silent"))
        assert article.title == "Harbour cranes fall silent"
        assert article.published == dt.date(2025, 7, 1)
        assert paragraphs(article) == [head, *BODY]


@pytest.mark.parametrize(
    "line",
    [
        "Posted on September 21, 2020 by Ann Lee",
        "12/04/2020 by Kay 24 Comments",
        "Jump to Recipe Print Recipe",
        "Reading Time: 3 mins read",
        "TAG: Harbour, Cranes, Port Authority, Unions",
    ],
)
def test_a_credit_or_a_label_under_the_headline_is_no_standfirst(line):
    article = parse(story(line))
    assert article.standfirst == ""
    assert paragraphs(article) == BODY


@pytest.mark.parametrize(
    "head",
    [
        "Posted on September 21, 2020 by Ann Lee",
        "Opinion | By Ann Lee | September 21, 2020",
        "By\n\nAnn Lee\n\nSeptember 21, 2020",
        "Written by Ann Lee on September 21, 2020",
    ],
)
def test_byline_below_the_headline_names_the_author(head):
    article = parse(story(head))
    assert article.author == "Ann Lee"
    assert article.published == dt.date(2020, 9, 21)
    assert "Ann Lee" not in article.body


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Dan Mayo 2 hours ago", "Dan Mayo"),
        ("By Wikimedia Foundation • 15 January 2020", "Wikimedia Foundation"),
        ("By Joan Onslow on May 2, 2019", "Joan Onslow"),
    ],
)
def test_a_byline_running_into_a_date_keeps_the_whole_name(byline, names):
    """A name is not cut where a month ("Mayo") or "on" ("Foundation") hides in it."""
    assert parse(story(byline)).author == names


def test_a_subheading_under_the_headline_is_the_standfirst():
    article = parse(story("## Unions and owners blame each other as the port stays shut"))
    assert article.standfirst == "Unions and owners blame each other as the port stays shut"
    assert paragraphs(article) == BODY


def test_byline_with_a_role():
    article = parse(story("By Jane Smith, Trade Correspondent\n\nJune 4, 2025"))
    assert article.title == "Harbour cranes fall silent as talks stall"
    assert article.author.startswith("Jane Smith")
    assert "Jane Smith" not in article.body


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Ines Vardy.", "Ines Vardy"),
        ("By Ines Vardy and Tom Ekwall.", "Ines Vardy and Tom Ekwall"),
        ("By Tom Ekwall Jr.", "Tom Ekwall Jr."),
        ("By T. Ekwall", "T. Ekwall"),
    ],
)
def test_a_byline_s_full_stop_is_not_part_of_the_name(line, author):
    assert parse(story(f"{line}\n\nJune 4, 2025")).author == author


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By March/April the waiting list at the harbour had doubled.", ""),
        ("By Price Johnson", "Price Johnson"),
        ("By Season Kwon | Harbour News", "Season Kwon"),
    ],
)
def test_a_slash_in_a_sentence_or_a_control_word_as_a_name_is_read_as_written(line, author):
    """A sentence that opens "By March/April" names no one; a writer whose name is also
    a control word of an archive ("Price", "Season") is still the author."""
    assert parse(story(f"{line}\n\nJune 4, 2025")).author == author


@pytest.mark.parametrize(
    "control", ["BY DATE", "By Category", "By most popular", "By Topic", "By Course/Meal:"]
)
def test_an_archive_sorted_by_date_or_category_names_no_author(control):
    assert parse(story(f"{control}\n\nJune 4, 2025")).author == ""


@pytest.mark.parametrize(
    "byline",
    [
        "By[Ines Vardy](https://news.example/about/newsteam/ines-vardy)",
        'by: [Ines Vardy](https://news.example/author/ines-vardy/ "Posts by Ines Vardy")',
        "[Ines Vardy](/people/ines-vardy)Staff Writer",
        "![Ines Vardy Image](https://cdn.news.example/vardy.jpg)\n\n[Ines Vardy](//news.example/profile/ines-vardy)",
    ],
)
def test_a_clipped_byline_s_link_to_the_writer_s_page_names_the_author(byline):
    """A clipper keeps the byline as a link to the writer's page, often with "By" glued to
    it or set apart: the link's words are the author."""
    text = f"# Harbour cranes fall silent as talks stall\n\n{byline}\n\n" + "\n\n".join(BODY)
    article = parse(text, markdown=True)
    assert article.author == "Ines Vardy"
    assert paragraphs(article) == BODY


def test_a_link_to_a_person_s_page_inside_the_story_names_no_author():
    """A story links the people it is about to their pages: that is no byline, and the
    paragraph about the person stays."""
    about = (
        "[Ines Vardy](https://uni.example/people/ines-vardy) has studied the harbour's "
        "tides for twenty years and is a professor of oceanography at the university."
    )
    mention = "Shares rose after [Tom Ekwall](https://news.example/profile/tom-ekwall)'s firm won the contract."
    text = "# Harbour cranes fall silent\n\n" + "\n\n".join([*BODY, mention, about]) + "\n"
    article = parse(text, markdown=True)
    assert article.author == ""
    assert len(paragraphs(article)) == len(BODY) + 2


@pytest.mark.parametrize(
    "link",
    [
        "[More from this author](/author/ines-vardy)",
        "[Staff](/staff/desk)",
        "[Harbours](/topics/harbours)",
    ],
)
def test_a_link_that_is_no_person_s_name_names_no_author(link):
    text = f"# Harbour cranes fall silent as talks stall\n\n{link}\n\n" + "\n\n".join(BODY)
    assert parse(text, markdown=True).author == ""


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Ines Vardy Staff Writer", "Ines Vardy"),
        ("By Ines Vardy Senior Political Correspondent", "Ines Vardy"),
        ("by: Ines Vardy", "Ines Vardy"),
        ("By Ines Vardy / June 4, 2025 9:49 am EST / Updated: Jun. 5, 2025", "Ines Vardy"),
        ("By Ines Vardy | Harbour News", "Ines Vardy"),
        ("By Ines Vardy, AJ Willingham", "Ines Vardy and AJ Willingham"),
        ("By Ines Vardy, AMP Project Marketing, Harbourco", "Ines Vardy"),
    ],
)
def test_a_byline_with_its_role_or_date_in_other_forms(line, author):
    """The role run on with no comma, "by:" with a colon, a date after a slash: the byline
    names the person, and nothing of it is left in the text."""
    article = parse(story(f"{line}\n\nJune 4, 2025"))
    assert article.author == author
    assert paragraphs(article) == BODY


def test_a_word_glued_to_a_link_was_set_apart_on_the_page():
    """A capitalised word glued to a link's label came from another element of the page
    ("[Ines Vardy](url)Staff Writer"); a lower-case one goes on the label's word."""
    line = "The [API](https://x.example/api)s of [the port](https://x.example/p)Authority failed."
    text = "# Harbour cranes fall silent\n\n" + "\n\n".join([line, *BODY]) + "\n"
    assert parse(text, markdown=True).body.split("\n\n")[0] == (
        "The APIs of the port Authority failed."
    )


BIO = "Ines Vardy is a correspondent for the Harbour News and covers shipping and the ports."


def test_a_name_below_the_headline_whose_bio_ends_the_page_is_the_author():
    """A byline whose "By" the page drew as an icon leaves the name alone below the
    headline; the bio at the end says who that person is: the author, and the bio goes."""
    article = parse(story("Ines Vardy\n\nJune 4, 2025", body=[*BODY, BIO]))
    assert article.author == "Ines Vardy"
    assert paragraphs(article) == BODY


def test_a_profile_s_subject_named_below_the_headline_is_no_author():
    """A profile prints its subject's name under the headline and says early on who that
    is: the subject, not the writer."""
    profile = "Ines Vardy is a professor of oceanography who has studied the harbour's tides."
    text = story("Ines Vardy\n\nJune 4, 2025", body=[profile, *BODY])
    assert parse(text).author == ""


def test_a_name_below_the_headline_with_no_bio_of_it_nor_date_beside_it_is_no_author():
    other = BIO.replace("Ines Vardy", "Tom Ekwall")
    assert parse(story("Ines Vardy", body=[*BODY, other])).author == ""


@pytest.mark.parametrize(
    "head",
    [
        "Ines Vardy\n\nJune 4, 2025",
        "Ines Vardy, Tom Ekwall\n\nJune 4 2025, 3:18 p.m.",
        "Ines Vardy\n\n|\n\n4 Jun 2025\n\n|\n\n4 min",
        "June 4, 2025\n\nIgnatius Okonkwo",
    ],
)
def test_names_beside_the_date_below_the_headline_are_the_author(head):
    """A byline that shows no "By": the writers' names on a line of their own, the date on
    the line before or after."""
    article = parse(story(head))
    assert article.author == head.split("\n")[0 if head[0] == "I" else -1]
    assert article.published == dt.date(2025, 6, 4)
    assert paragraphs(article) == BODY


@pytest.mark.parametrize(
    "label",
    [
        "Editors Pick",
        "Create LICENSE",
        "Latest Stories",
        "New York",
        "Gaza City",
        "Getty Images",
        "Guest Column",
        "Donald Trump",
    ],
)
def test_a_label_beside_the_date_below_the_headline_is_no_author(label):
    assert parse(story(f"{label}\n\nJune 4, 2025")).author == ""


@pytest.mark.parametrize(
    "footer, author",
    [
        ("Posted by Ines Vardy at 2:33 PM", "Ines Vardy"),
        ("Posted by Ines Vardy, AMP Project Marketing, Harbourco", "Ines Vardy"),
    ],
)
def test_a_blog_s_footer_credit_names_the_author(footer, author):
    text = story("June 4, 2025") + "\n" + footer + "\n\nNewer Post Older Post Home\n"
    assert parse(text).author == author


@pytest.mark.parametrize("heading", ["Comments", "3 Comments", "Leave a Reply"])
def test_a_commenter_s_posted_by_is_no_author(heading):
    comment = "Posted by Joe Bloggs at 5:12 PM"
    longer = [
        *BODY,
        *(f"{p} Talks went on." for p in BODY),
        *(f"{p} Ferries waited." for p in BODY),
    ]
    text = story("June 4, 2025", body=longer) + f"\n{heading}\n\nGreat article!\n\n{comment}\n"
    assert parse(text).author == ""


@pytest.mark.parametrize(
    "line, author",
    [
        ("12/04/2025 by Kay 24 Comments", "Kay"),
        ("By Ines Vardy Last updated Nov 8, 2023 Share with new partner:", "Ines Vardy"),
    ],
)
def test_bylines_with_a_date_before_or_an_update_after(line, author):
    assert parse(story(line)).author == author


@pytest.mark.parametrize(
    "head, author",
    [
        ("By Staff Writer", "Staff Writer"),
        ("By\n\nInes Vardy\n\n@ivardy\n\nTom Ekwall\n\nJune 4, 2025", "Ines Vardy and Tom Ekwall"),
        ("By\n\nInes Vardy\n\nFull Bio\n\nJune 4, 2025", "Ines Vardy"),
        ("By\n\nInes Vardy\n\nNew York\n\nJune 4, 2025", "Ines Vardy"),
        ("By\n\nInes Vardy\n\nand\n\nTom Ekwall\n\nJune 4, 2025", "Ines Vardy and Tom Ekwall"),
    ],
)
def test_a_byline_naming_no_one_or_set_apart_over_lines(head, author):
    """A credit with no person in it is the page's credit ("By Staff Writer"); the names a
    "By" set apart introduces run on over lines, a handle between, up to a label."""
    assert parse(story(head)).author == author


def test_a_newsroom_credit_and_a_line_of_two_dates_under_a_summary_are_no_paragraphs():
    """Under a summary that opens the story, "By Staff and news service reports" credits
    the newsroom, and "PUBLISHED: ... | UPDATED: ..." dates the story by its first date."""
    summary = "Talks on the harbour resumed this week, and the port's cranes could turn again."
    head = (
        f"{summary}\n\nBy Staff and news service reports\n\n"
        "PUBLISHED: November 8, 2023 at 11:30 p.m. | UPDATED: November 9, 2023 at 12:21 a.m."
    )
    article = parse(story(head))
    assert article.author == "Staff and news service reports"
    assert article.published == dt.date(2023, 11, 8)
    assert "PUBLISHED" not in article.body and "news service" not in article.body


def test_a_byline_after_a_rule_of_dashes_is_no_paragraph():
    article = parse(story(body=[BODY[0], "---- by Ines Vardy", *BODY[1:]]))
    assert article.author == "Ines Vardy"
    assert paragraphs(article) == BODY


@pytest.mark.parametrize(
    "head",
    [
        "By Ines Vardy Feb 8, 2020 5 min read",
        "Follow these steps shared online to keep safe on a crowded ferry in the harbour."
        "\n\nBy Ines Vardy Feb 8, 2020 5 min read",
    ],
)
def test_a_byline_running_into_the_date_dates_the_story(head):
    """Under a summary that reads as the story's opening, the byline stands inside the
    text: its date is still the story's."""
    article = parse(story(head))
    assert article.author == "Ines Vardy"
    assert article.published == dt.date(2020, 2, 8)


def test_byline_of_two_authors():
    article = parse(story("By Jane Smith and John Doe\n\nUpdated June 4, 2025, 10:30 a.m. ET"))
    assert article.author == "Jane Smith and John Doe"
    assert article.published == dt.date(2025, 6, 4)


# --------------------------------------------------------------------------- more markdown and HTML residue


def _one_paragraph(paragraph: str, tail: str = "") -> str:
    article = parse(story("July 1, 2025", body=[BODY[0], paragraph, BODY[1]]) + tail)
    return paragraphs(article)[1]


def test_underscore_emphasis_is_markup_not_text():
    kept = _one_paragraph(
        "The *Financial Times* and _The Guardian_ reported that the talks had stalled again."
    )
    assert kept == "The Financial Times and The Guardian reported that the talks had stalled again."


def test_snake_case_words_are_not_emphasis():
    sentence = "The file my_report_final.txt and the variable max_value were left on the server, officials said."
    assert _one_paragraph(sentence) == sentence


def test_reference_links_keep_their_text_and_lose_the_definitions():
    kept = _one_paragraph(
        "The ministry [said][1] that the talks had stalled again on Monday evening.",
        tail="\n[1]: https://example.com/ref\n",
    )
    assert kept == "The ministry said that the talks had stalled again on Monday evening."


def test_a_link_label_broken_by_a_hard_line_break_is_one_link():
    """Clippers keep a page's line break inside a link's label ("[Become  \na member](url)"):
    the label is the link's text, in its sentence, with no bracket or address left."""
    sentence = (
        "The union said it would call a strike next week if the talks failed, officials said."
    )
    broken = sentence.replace("call a strike next", "[call a strike  \nnext").replace(
        "week if", "week](https://x.example/strike) if"
    )
    text = "# Harbour cranes fall silent\n\n" + "\n\n".join([broken, *BODY]) + "\n"
    assert parse(text).body.split("\n\n")[0] == sentence


def test_html_entities_are_decoded():
    kept = _one_paragraph(
        "Shares in AT&amp;T rose after the &quot;union&quot; deal &mdash; analysts said."
    )
    assert kept == 'Shares in AT&T rose after the "union" deal — analysts said.'


def test_setext_headings():
    text = (
        "Harbour cranes fall silent\n==========================\n\n"
        "Unions blame owners as the port stays shut\n------------------------------------------\n\n"
        "July 1, 2025\n\n" + "\n\n".join(BODY) + "\n"
    )
    article = parse(text)
    assert article.title == "Harbour cranes fall silent"
    assert "---" not in article.standfirst and "===" not in article.title
    assert paragraphs(article) == BODY


def test_toml_sidecar_with_a_native_date(tmp_path):
    path = write(tmp_path, "story.txt", story())
    write(tmp_path, "story.meta.toml", "published = 2024-02-29\n")
    article = ingest.read_article(path, tmp_path)
    assert article.published == dt.date(2024, 2, 29)


# --------------------------------------------------------------------------- pages laid out as big sites lay them out
# Written for these tests in the shape of two common news-site scrapes (no real article text).

WIRE_PAGE = """Skip to main content
Exclusive news, data and analytics for financial market professionals
World
Business
Markets
Sustainability
Ukraine says it downed 20 drones overnight as Russia targets power grid
By Jane Doe and John Roe
June 4, 2025 10:32 AM GMT+1 Updated 2 hours ago
KYIV, June 4 (Reuters) - Ukraine's air force said on Wednesday it had shot down 20 of 25 drones launched by Russia overnight, as Moscow kept up attacks on the country's power grid.
The attack targeted energy infrastructure in the Kharkiv and Sumy regions, regional officials said, and left thousands of households without electricity for several hours.
"The enemy continues to terrorise civilians," the air force said in a statement on the Telegram messaging app.
Russia's defence ministry said its forces had struck military-industrial targets and did not comment on the power grid.
Reporting by Jane Doe; Editing by Mark Smith
Our Standards: The Thomson Reuters Trust Principles.
Suggested Topics:
Europe
Ukraine
Purchase Licensing Rights
"""

PAPER_PAGE = """Skip to main content
Support the Guardian
Fund independent journalism with $15 per month
Support us
News
Opinion
Sport
Culture
Lifestyle
Water levels in the Rhine fall to record low
Barges forced to carry lighter loads as drought grips western Europe
Philip Oltermann in Berlin
Tue 4 Jun 2024 12.15 BST
Share
Water levels on the Rhine have fallen to a record low for the time of year, forcing barges to carry lighter loads and raising freight costs for German industry.
At the Kaub gauge, a key measuring point west of Frankfurt, the level fell to 38cm on Tuesday morning, according to the federal waterways agency.
Shipping companies said they had begun adding surcharges to cover the cost of running more vessels with smaller cargoes.
Explore more on these topics
Germany
Europe
Drought
Share
Reuse this content
Most viewed
"""


def _prose_lines(page: str) -> list[str]:
    return [line for line in page.splitlines() if len(line.split()) >= 14]


@pytest.mark.parametrize("page", [WIRE_PAGE, PAPER_PAGE], ids=["wire", "paper"])
def test_site_page_body_is_exactly_the_story(page):
    """The story's paragraphs, and the summary under the headline first (the paper's)."""
    summary = [line for line in page.splitlines() if line.startswith("Barges forced")]
    assert paragraphs(parse(page)) == summary + _prose_lines(page)


def test_wire_page_metadata():
    article = parse(WIRE_PAGE)
    assert (
        article.title == "Ukraine says it downed 20 drones overnight as Russia targets power grid"
    )
    assert article.author == "Jane Doe and John Roe"
    assert article.published == dt.date(2025, 6, 4)


def test_paper_page_metadata():
    article = parse(PAPER_PAGE)
    assert article.title == "Water levels in the Rhine fall to record low"
    assert article.body.startswith(
        "Barges forced to carry lighter loads as drought grips western Europe\n\n"
    )
    assert article.published == dt.date(2024, 6, 4)


@pytest.mark.parametrize(
    "label", ["BBC News", "World News", "Ukraine war", "Home > World > Europe"]
)
def test_section_label_before_the_headline_is_not_the_title(label):
    """Sites print a section, kicker or breadcrumb above the headline."""
    article = parse(
        story("July 1, 2025", title=f"{label}\n\nHarbour cranes fall silent as talks stall")
    )
    assert article.title == "Harbour cranes fall silent as talks stall"
    assert paragraphs(article) == BODY


@pytest.mark.parametrize(
    "furniture",
    [
        ["Read more: Drone strike hits Kyiv overnight"],
        [
            "Related",
            "Ukraine war: latest news",
            "Drone strike hits Kyiv",
            "Markets rally on hopes of a deal",
        ],
        ["A barge on the Rhine near Kaub. Photograph: Thomas Frey/AFP/Getty Images"],
    ],
    ids=["read-more", "related-block", "photo-credit"],
)
def test_furniture_inside_the_body_is_removed(furniture):
    body = [BODY[0], *furniture, *BODY[1:]]
    assert paragraphs(parse(story("July 1, 2025", body=body))) == BODY


@pytest.mark.parametrize(
    "closing",
    [
        "He declined to comment.",
        "The vote is on Friday.",
        "Police are investigating.",
        "Talks resume on Monday.",
        "2025 will be harder, the minister said.",
    ],
)
def test_short_closing_paragraph_survives(closing):
    """News stories often end on a short line; it is the article, not the page's footer."""
    body = [*BODY, closing]
    article = parse(story("July 1, 2025", body=body))
    assert paragraphs(article) == body


def test_short_paragraph_between_long_ones_survives():
    body = [BODY[0], "Prices rose sharply.", *BODY[1:]]
    assert paragraphs(parse(story("July 1, 2025", body=body))) == body


def test_html_left_in_a_markdown_file():
    """Markdown may carry raw HTML; scrapes often leave some. Tags go, scripts and styles go
    whole, a heading tag is a heading."""
    page = (
        "<style>body { color: red; font-size: 12px; margin: 0 auto; }</style>\n\n"
        "<h1>Harbour cranes fall silent as talks stall</h1>\n\n"
        f"<p>{BODY[0]}</p>\n\n"
        "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} "
        "gtag('config', 'UA-1234');</script>\n\n"
        f"<p>{BODY[1]}</p>\n\n<p>{BODY[2]}</p>\n"
    )
    article = parse(page)
    assert article.title == "Harbour cranes fall silent as talks stall"
    assert paragraphs(article) == BODY


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Smith and John Doe", ["Jane Smith", "John Doe"]),
        ("By Jane Smith | Reuters", ["Jane Smith"]),
        ("By Jane Smith, Jo Bloggs and Ann Lee", ["Jane Smith", "Jo Bloggs", "Ann Lee"]),
        ("Written by Jean-Luc Picard", ["Jean-Luc Picard"]),
        ("By Seán Ó Ríordáin", ["Seán Ó Ríordáin"]),
    ],
)
def test_byline_forms(byline, names):
    article = parse(story(f"{byline}\n\nJuly 1, 2025"))
    for name in names:
        assert name in article.author
    assert paragraphs(article) == BODY


@pytest.mark.parametrize(
    "footer",
    [
        "© 2025 Harbour Gazette",
        "Harbour Gazette © 2025",
        "© 2025 Harbour Gazette. All rights reserved.",
    ],
)
def test_publisher_from_a_copyright_footer(footer):
    article = parse(story("July 1, 2025") + "\n" + footer + "\n")
    assert article.source == "Harbour Gazette"
    assert paragraphs(article) == BODY


# --------------------------------------------------------------------------- clippings, dates, titles


def test_clipper_front_matter_with_lists_and_wiki_links():
    text = (
        "---\n"
        'title: "Harbour cranes fall silent"\n'
        'author: ["[[Ines Vardy]]", "[[Tom Ekwall]]"]\n'
        "source:\n"
        '  - "[[The Velm Courier]]"\n'
        "published: 2024-05-02\n"
        "tags: [ports, labour]\n"
        "---\n\n"
        + "\n\n".join(BODY)
        + "\n\nSee [[Port of Velm|the port's own notes]] and [[Dredging]].\n"
    )
    article = parse(text)
    assert article.author == "Ines Vardy, Tom Ekwall"
    assert article.source == "The Velm Courier"
    assert article.published == dt.date(2024, 5, 2)
    assert "the port's own notes and Dredging" in article.body
    assert "[[" not in article.body


def test_html2text_backslash_escapes_are_undone():
    body = [BODY[0], "1\\. Cranes: 12 \\- idle since 3 May \\(Tuesday\\)\\!", *BODY[1:]]
    assert "1. Cranes: 12 - idle since 3 May (Tuesday)!" in parse(story(body=body)).body


def test_blockquotes_and_list_items_are_kept_as_text():
    body = [BODY[0], "> The harbour will reopen when the talks end, the union said.", BODY[1]]
    body += [
        "* fishing quotas for the coming season",
        "* the night-shift rota for the docks",
        "* pay",
        BODY[2],
    ]
    kept = parse(story(body=body)).body
    assert "The harbour will reopen when the talks end, the union said." in kept
    assert "fishing quotas for the coming season" in kept and "the night-shift rota" in kept


def test_an_ordered_list_keeps_its_numbers():
    """A ranked list's numbers are its text ("5. Kristi Dosh"); a menu in a numbered list
    ("1. Home", "2. Questions") is still a menu."""
    body = [BODY[0], "1. Dry the noodles well.", "2. Fry the garlic until fragrant.", BODY[1]]
    body += ["1. Home", "2. Questions", "3. Tags", "4. Users", BODY[2]]
    kept = parse(story(body=body)).body
    assert "1. Dry the noodles well." in kept and "2. Fry the garlic until fragrant." in kept
    assert "Questions" not in kept and "Tags" not in kept


def test_html2text_code_spans_and_spaced_emphasis_read_as_the_page():
    """html2text writes `next-line` for code and "**Host** :" for <b>Host</b>:."""
    body = [
        BODY[0],
        "Speak the line moved to after `next-line` is called by **Emacs** , we said.",
        BODY[1],
    ]
    body += ["**Moderator** : Ann Lee leads the panel on port dues this week", BODY[2]]
    kept = parse(story(body=body)).body
    assert "after next-line is called by Emacs, we said." in kept
    assert "Moderator: Ann Lee" in kept


def test_an_image_whose_caption_escapes_brackets_is_no_text():
    """html2text escapes the brackets of an image's caption ("\\[CC-BY-2.0\\]"): the image
    is still an image, its credit no paragraph of the story."""
    image = (
        "[![Harbour cranes at dusk. By Ann Lee \\(Own work\\) \\[CC-BY-SA-3.0 \\(http://x.org/"
        "by-sa/3.0\\)\\], via Wikimedia Commons](https://x.org/c.jpg?w=750)](https://x.org/File:c)"
    )
    article = parse(story(body=[BODY[0], image, *BODY[1:]]))
    assert paragraphs(article) == BODY


def test_a_donation_appeal_is_furniture():
    body = [
        BODY[0],
        "We rely on your support to keep harbour news free for every reader",
        *BODY[1:],
    ]
    body += ["Make your contribution now and help the Courier thrive. Donate today"]
    assert paragraphs(parse(story(body=body))) == BODY


def test_markdown_quotes_read_as_typographic_but_code_and_plain_text_keep_theirs(tmp_path):
    """A clipper's html2text writes a page's ’ and “ ” as ' and ": a Markdown file's quotes
    are rendered back, as Markdown readers do; a code span and a .txt file keep theirs."""
    line = """The port's chief said "we won't reopen" before running `grep "crane" log`."""
    text = story(body=[BODY[0], line, *BODY[1:]])
    md = ingest.read_article(write(tmp_path, "story.md", text), tmp_path)
    txt = ingest.read_article(write(tmp_path, "story.txt", text), tmp_path)
    assert 'The port’s chief said “we won’t reopen” before running grep "crane" log.' in md.body
    assert line.replace("`", "") in txt.body


def test_a_markdown_byline_keeps_the_file_s_apostrophe(tmp_path):
    """The author is metadata, looked up as typed: "O'Callaghan" stays as the file spells
    it, while the story's quotes are rendered typographic."""
    text = story("By Gavin O'Callaghan", body=[BODY[0], "The port's chief spoke.", *BODY[1:]])
    md = ingest.read_article(write(tmp_path, "story.md", text), tmp_path)
    assert md.author == "Gavin O'Callaghan"
    assert "The port’s chief spoke." in md.body


def test_what_a_closing_colon_introduces_is_kept():
    """A post that ends "In short:" goes on with its code or list, up to the furniture."""
    body = [*BODY, "As usual, the manual knows the answer. In short:"]
    body += ["set-option -g mouse on", "set-option -s set-clipboard off", "Share", "Tweet"]
    assert paragraphs(parse(story(body=body))) == body[:-2]


def test_an_indented_code_line_is_not_a_heading():
    """html2text indents a <pre> block by four spaces: its "# comment" is code, not the
    page's headline."""
    article = parse(story(head="    # set up the harbour feed\n    pip install harbour-feed"))
    assert article.title == "Harbour cranes fall silent as talks stall"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("PUBLISHED: November 8, 2023", dt.date(2023, 11, 8)),
        ("Posted on August 2, 2019", dt.date(2019, 8, 2)),
        ("07/01/2025 08:14 PM EDT", dt.date(2025, 7, 1)),
        ("12/04/2020 by Kay 24 Comments", dt.date(2020, 4, 12)),
        ("By Ines Vardy | 30.04.2021", dt.date(2021, 4, 30)),
        ("By Ines Vardy Feb 8, 2020 5 min read", dt.date(2020, 2, 8)),
    ],
)
def test_publication_date_forms_below_the_headline(line, expected):
    assert parse(story(line)).published == expected


def test_the_date_below_the_headline_beats_the_mastheads_today():
    text = "Monday, 6 January 2025\n\n" + story("Posted on August 2, 2019")
    assert parse(text).published == dt.date(2019, 8, 2)


def test_byline_running_into_a_date_gives_the_author():
    assert parse(story("By Ines Vardy Feb 8, 2020 5 min read")).author == "Ines Vardy"


@pytest.mark.parametrize(
    "furniture",
    [
        "Sign up for our newsletters",
        "Harbour at dusk. Photo: Tom Ekwall/AFP",
        "4 min read",
        "Please enter a search term.",
        "Welcome back. Thanks for subscribing.",
    ],
)
def test_title_is_never_furniture_a_caption_or_the_file_name(furniture):
    article = parse(story(title=furniture) if False else f"{furniture}\n\n" + "\n\n".join(BODY))
    assert article.title != furniture
    assert article.title != "story"  # parse() names the file story.txt
    with_headline = parse(
        f"{furniture}\n\nHarbour cranes fall silent\n\nMay 2, 2024\n\n" + "\n\n".join(BODY)
    )
    assert with_headline.title == "Harbour cranes fall silent"


def test_source_is_never_a_title_with_copyright():
    """A headline about copyright is not a copyright notice: its other words never become
    the source (was: "Honda wins China copyright ruling" gave the source "Honda wins China
    ruling"), while a real notice still names the publisher."""
    headline = "Honda wins China copyright ruling"
    parsed = parse(f"{headline}\n\nMay 2, 2024\n\n" + "\n\n".join(BODY))
    assert parsed.title == headline
    assert parsed.source == ""
    teaser = parse(story("May 2, 2024") + "\nCopyright fight over AI training heats up\n")
    assert teaser.source == ""
    noticed = parse(story("May 2, 2024") + "\n© 2024 Harbour Gazette. All rights reserved.\n")
    assert noticed.source == "Harbour Gazette"


def test_the_last_level_one_heading_above_the_article_is_the_title_not_the_masthead():
    text = (
        "# HARBOUR NEWS\n\n* Home\n* Ports\n* Ferries\n\n# Harbour cranes fall silent\n\n"
        + "\n\n".join(BODY)
    )
    assert parse(text).title == "Harbour cranes fall silent"


@pytest.mark.parametrize(
    "above", ["Read it on your phone", "Harbour Notes\n\nPort Desk Picks\n\nTry the Tide Tables"]
)
def test_a_markdown_headline_set_as_a_subheading_beats_the_plain_lines_above(above):
    # A clipper keeps the page's own levels: the headline may be a "##", and the plain
    # lines above it in the same header are a button's label or a site's picks.
    text = f"{above}\n\n## Harbour cranes fall silent as talks stall\n\n" + "\n\n".join(BODY)
    article = parse(text, markdown=True)
    assert article.title == "Harbour cranes fall silent as talks stall"
    assert paragraphs(article) == BODY


@pytest.mark.parametrize(
    "controls",
    [
        "Share [ __](https://example.org/share?u=cranes) [ __](mailto:?subject=cranes)",
        "Print Email",
        "Adjust __ __ Share",
    ],
)
def test_a_headline_run_into_its_buttons_and_date_is_cut_from_them(controls):
    # A clipper may set the headline, its row of share buttons (icons: empty links) and
    # the date on one line; the headline is the words before the buttons.
    title = "Harbour cranes fall silent as talks stall"
    text = f"{title} {controls} **May 2, 2024**\n\n" + "\n\n".join(BODY)
    article = parse(text, markdown=True)
    assert article.title == title
    assert article.published == dt.date(2024, 5, 2)
    assert paragraphs(article) == BODY


@pytest.mark.parametrize(
    "title", ["Harbour pilots strike until 4 November 2025", "Share prices slip on 2 May 2024"]
)
def test_a_headline_ending_on_its_own_date_keeps_it(title):
    assert parse(story(title=title)).title == title


@pytest.mark.parametrize(
    ("title", "markdown"),
    [
        ("Harbour residents have until Friday to comment June 30, 2025", False),
        ("Velm council votes to keep the ferry link May 3, 2025", False),
        ("Velm council votes to keep the ferry link **May 3, 2025**", True),
        ("Quay Ferry Tickets Go On Sale To Print May 3, 2025", False),
    ],
)
def test_a_headlines_own_words_before_its_date_are_no_buttons(title, markdown):
    # "to", "the", "comment" or "link" in a sentence, or one control word in a headline in
    # capitals throughout, is no row of buttons: the headline keeps its words and its date
    # (a deadline, a vote's day) does not date the story.
    article = parse(story(title=title), markdown=markdown)
    assert article.title == title.replace("**", "")
    assert article.published is None


def test_the_credit_above_a_long_row_of_buttons_still_anchors_the_headline():
    # Share buttons, a toolbar and an ad's slot may stand between the credit and the
    # photo's caption over the story: furniture does not use up the credit's reach.
    buttons = ["Share", "Facebook", "Twitter", "WhatsApp", "Email", "Print", "Reddit"]
    buttons += ["Telegram", "LinkedIn", "Save", "Comments", "Menu", "Close", "Share", "Print"]
    lines = ["Harbour cranes fall silent as talks stall", "By Ines Vardy on May 2, 2024"]
    lines += [*buttons, "Cranes idle at the north quay", *BODY]
    article = parse("\n\n".join(lines))
    assert article.title == "Harbour cranes fall silent as talks stall"
    assert article.author == "Ines Vardy"
    assert article.published == dt.date(2024, 5, 2)


@pytest.mark.parametrize("markdown", [False, True])
def test_a_blogs_tagline_above_the_posts_date_and_headline_is_not_the_story(markdown):
    # A blog's masthead ends on its tagline (a sentence); below it the post's date and its
    # headline, which the post may set again as its own first heading.
    title = "Harbour cranes fall silent as talks stall"
    mark = "# " if markdown else ""
    text = "\n\n".join(
        [
            # a masthead heading links to the blog's home page
            f"{mark}[TIDE TABLES Notes From the Quay](https://tides.example.org/)"
            if markdown
            else "TIDE TABLES Notes From the Quay",
            "Here I write about harbours, ferries and the people who keep them running.",
            "Wednesday, May 2, 2024",
            f"{'### ' if markdown else ''}{title}",
            f"{mark}{title}",
            *BODY,
        ]
    )
    article = parse(text, markdown=markdown)
    assert article.title == title
    assert article.published == dt.date(2024, 5, 2)
    assert paragraphs(article) == BODY


@pytest.mark.parametrize("markdown", [False, True])
@pytest.mark.parametrize("credit", ["By Ines Vardy", ""])
def test_a_short_opening_above_a_dated_section_is_no_blogs_tagline(markdown, credit):
    # The story's headline is set as a heading (and credited) above a short opening; the
    # first section under it is dated and headed: that is no blog's tagline, date and post.
    title = "How the week of harbour talks unfolded in Velm"
    opening = "Negotiators met for five days in Velm. Here is how the week went, day by day."
    lines = [f"# {title}", credit, opening, "Monday, 3 March 2025", "Talks open with a handshake"]
    article = parse("\n\n".join([line for line in lines if line] + BODY), markdown=markdown)
    assert article.title == title
    assert paragraphs(article)[0] == opening
    assert BODY[0] in paragraphs(article)


def test_a_one_word_heading_the_entry_names_is_its_title():
    # A glossary's or a wiki's entry is headed by its one word, which its text then uses.
    first = "A bollard is a short post on a quay to which the crew moor a ship with ropes."
    text = "# HARBOUR GLOSSARY\n\n# bollard\n\n" + "\n\n".join([first, *BODY])
    article = parse(text, markdown=True)
    assert article.title == "bollard"
    assert paragraphs(article) == [first, *BODY]


def test_a_one_word_section_heading_the_story_never_uses_is_not_its_title():
    text = "# Blog\n\n## Harbour cranes fall silent as talks stall\n\n" + "\n\n".join(BODY)
    assert parse(text, markdown=True).title == "Harbour cranes fall silent as talks stall"


def test_hard_wrapped_report_keeps_its_overview_paragraph():
    overview = (
        "Congress has appropriated funds for harbour dredging in most years since 1990, and "
        "the Corps of Engineers has used them to keep the main channels at their authorised "
        "depth; this report describes the programme, its costs, and the options before Congress."
    )
    wrapped = []
    line = ""
    for word in overview.split():
        if line and len(line) + 1 + len(word) > 72:
            wrapped.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    wrapped.append(line)
    text = (
        "Harbour Dredging: Background and Issues\n\nOverview\n\n"
        + "\n".join(wrapped)
        + "\n\n"
        + "\n\n".join(BODY)
    )
    assert overview in parse(text).body


def test_an_authors_bio_after_the_story_is_not_the_story():
    bio = "Ines Vardy is a reporter at the Courier who covers ports and shipping from Velm."
    assert paragraphs(parse(story("May 2, 2024", body=[*BODY, bio]))) == BODY


def test_a_last_paragraph_about_a_country_is_kept():
    last = "Norway is a small country, and its decision on quotas will matter across the region."
    assert paragraphs(parse(story("May 2, 2024", body=[*BODY, last])))[-1] == last


@pytest.mark.parametrize(
    "row", ["Account Settings Log Out", "Skip to main content", "Light mode Back to top"]
)
def test_a_row_of_buttons_is_never_the_title(row):
    assert parse(f"{row}\n\n" + "\n\n".join(BODY)).title != row


def test_a_headline_made_of_common_words_is_still_a_title():
    title = "Harbour workers sign up for a new union"
    assert parse(story("May 2, 2024", title=title)).title == title


# A copied page whose headline the older header-run guess missed: the credit line
# (byline or date) under the headline is what a reader looks for.
CREDIT_PAGES = {
    "written by": (
        "Newsletter\nSign in\nHealth\nHow does the brain turn ideas into conscious thought?\n"
        "Written by Ann Lee on July 27, 2017\n",
        "How does the brain turn ideas into conscious thought?",
    ),
    "summary and label": (
        "Home\nNews\nSport\nRestaurant reviews\n"
        "Mezcal restaurant goes beyond familiar fare\n"
        "The second location opened in the old town following the first in the harbour\n"
        "Share\nBy Jane Slaughter\nNov 9, 2023\n",
        "Mezcal restaurant goes beyond familiar fare",
    ),
    "date above": (
        "Blog\nEvents\nHelp\nApril 7, 2020\nPeople behind the code: the newsroom ascent\n",
        "People behind the code: the newsroom ascent",
    ),
    "tagline above": (
        "Security Blog\nThe latest news and insights on security and safety on the Internet\n"
        "Enhanced Protection Now Available In Browsers\nMay 19, 2020\n",
        "Enhanced Protection Now Available In Browsers",
    ),
}


@pytest.mark.parametrize("name", list(CREDIT_PAGES))
def test_headline_is_found_above_its_credit_line(name):
    head, title = CREDIT_PAGES[name]
    story = " ".join(["The council said the plan would be reviewed next spring."] * 6)
    article = parse(head + story + "\n" + story + "\n")
    assert article.title == title
    assert story in article.body


def test_a_headline_that_reads_like_a_sentence_is_not_the_body():
    story = " ".join(["The council said the plan would be reviewed next spring."] * 6)
    page = (
        "Home\nBeauty\nWait, are dead skin cells actually a good thing after all?\n"
        "Jessica Lee\nUpdated Mar 12, 2020 @ 10:42 am\nAdvertisement\n"
        + story
        + "\n"
        + story
        + "\n"
    )
    article = parse(page)
    assert article.title == "Wait, are dead skin cells actually a good thing after all?"
    assert article.published == dt.date(2020, 3, 12)
    assert article.body.startswith("The council said")


def test_an_author_bio_inside_the_story_is_not_body():
    story = " ".join(["The council said the plan would be reviewed next spring."] * 6)
    bio = "Jacob Wade is a personal finance expert who has covered credit cards and insurance."
    page = f"Budget plan delayed again\nBy Jacob Wade\n{bio}\n{story}\n{story}\n"
    article = parse(page)
    assert bio not in article.body
    assert article.body.count(story) == 2


def test_a_byline_running_into_its_date_is_not_body():
    story = " ".join(["The council said the plan would be reviewed next spring."] * 6)
    # a page that shows the byline twice: plain in the header, with the date by the story
    page = (
        "Budget plan delayed again\nBy Amelie Marie Nishizawa\nPhoto: a council meeting\n"
        f"{story}\nBy Amelie Marie Nishizawa Feb 8, 2020 5 min read\n{story}\n"
    )
    article = parse(page)
    assert article.author == "Amelie Marie Nishizawa"
    assert "Nishizawa" not in article.body


@pytest.mark.parametrize(
    "promo",
    [
        "Get The Harbour News's Daily Edition by email and never miss our top stories",
        "Get the latest news straight to your phone with the Harbour News app.",
        "Stay up-to-date on our work.",
        "Command Line delivers daily updates from the near-future.",
        "The week's harbour news and interviews, delivered free, direct to your inbox.",
    ],
)
def test_a_sign_up_pitch_between_paragraphs_is_gone(promo):
    article = parse(story(body=[BODY[0], promo, *BODY[1:]]))
    assert norm(promo) not in norm(article.body)
    assert paragraphs(article) == BODY


def test_a_long_footer_that_opens_with_the_copyright_is_gone():
    footer = (
        "© 2004-2020 Harbour Media Ltd, a Example Company. All rights reserved. Harbour News is "
        "the registered trade mark of Harbour Media. Any information published on this website "
        "or by this brand is not intended as a substitute for advice, and you should always "
        "consult a qualified professional before acting on it."
    )
    mention = "The paper said its copyright claim over the 2019 photographs would go to court."
    # the footer between paragraphs: a page whose furniture text runs on after it
    article = parse(story(body=[BODY[0], footer, *BODY[1:], mention]))
    assert "Harbour Media Ltd" not in article.body
    assert norm(mention) in norm(article.body)


def test_discover_lists_files_in_path_order_however_files_and_folders_mix(tmp_path):
    """Component by component, as Path sorts ("a/x" before "a-b"), with or without a
    folder that holds both files and folders (the walk sorts only then)."""
    for rel in ["a/x.txt", "a-b.txt", "a b/y.txt", "a.txt", "b/c/d.txt", "b/c.txt", "0.txt"]:
        write(tmp_path / "mixed", rel, "text")
    for rel in ["b-src/2.txt", "a/10.txt", "a/1.txt", "a-src/x.txt", "a/b/z.txt"]:
        write(tmp_path / "folders", rel, "text")
    for name in ("mixed", "folders"):
        found = [p for _root, p in ingest.discover([tmp_path / name])]
        assert found == sorted(found) and len(found) == len(set(found))


#: Teaser headlines as a "Related" box lists them: a few capitalised words, no full stop.
TEASERS = st.lists(
    st.lists(
        st.sampled_from(["Night", "ferries", "Dockers", "vote", "on", "the", "Quay", "rota"]),
        min_size=2,
        max_size=8,
    ).map(" ".join),
    min_size=1,
    max_size=5,
)


@given(
    teasers=TEASERS,
    form=st.sampled_from(["Leave a comment", "Leave a Reply", "3 Comments", "Comments (12)"]),
)
@settings(max_examples=40, deadline=None)
def test_a_teaser_list_ends_at_the_comment_form_that_follows_it(teasers, form):
    """Under "Related posts" come headlines; a comment form's heading ends that list, and
    the sidebar's prose past the form is not the story."""
    sidebar = (
        "Hello! I am Mara from the coast, and this blog is where I write about the harbours, "
        "boats and people I have met over twenty years of sailing up and down the shore."
    )
    article = parse(story("May 2, 2024", body=[*BODY, "Related posts", *teasers, form, sidebar]))
    assert paragraphs(article) == BODY


WORDS = st.lists(
    st.sampled_from(["harbour", "cranes", "talks", "quay", "ferry", "rota", "union", "dock"]),
    min_size=1,
    max_size=5,
).map(" ".join)


@given(before=WORDS, label=WORDS, after=WORDS)
@settings(max_examples=40, deadline=None)
def test_an_emphasis_touching_a_link_had_a_space_on_the_page(
    tmp_path_factory, before, label, after
):
    """html2text drops the spaces at an emphasis's edges: "<b>We report. </b><a><b>Follow
    us</b></a><b> for news</b>" becomes "**We report.**[**Follow us**](url)**for news**".
    A reader saw the words apart; a word glued to a plain link is the page's own."""
    line = f"**The {before}.**[**{label}**](https://example.org/a)**{after} each week.**"
    plain = f"See the [{label}](https://example.org/b)s of the port."
    text = story(body=[BODY[0], line, plain, *BODY[1:]])
    md = ingest.read_article(write(tmp_path_factory.mktemp("md"), "story.md", text))
    assert f"The {before}. {label} {after} each week." in md.body
    assert f"See the {label}s of the port." in md.body


@given(
    items=st.lists(
        WORDS.map(lambda w: w.capitalize() + ", Harbour Press."), min_size=1, max_size=4
    ),
    credit=st.sampled_from(
        ["Posted by Ines Vardy at 2:33 PM", "Posted on May 2, 2024 by Ines Vardy"]
    ),
)
@settings(max_examples=30, deadline=None)
def test_what_comes_before_a_posts_footer_credit_is_the_post(items, credit):
    """A blog ends its post with "Posted by ... at 2:33 PM": the references between the last
    paragraph and that credit are the post's; a teaser's "By" line after a story is not."""
    refs = ["References", *(f"{n}. {item}" for n, item in enumerate(items, 1))]
    article = parse(story(body=[*BODY, *refs, credit, "Newer Post Older Post Home"]))
    assert paragraphs(article) == [*BODY, *refs]
    teaser = parse(story(body=[*BODY, "Ferry strike ends at dawn", "By Ines Vardy"]))
    assert paragraphs(teaser) == BODY


@given(
    heading=st.sampled_from(
        ["Background", "What happened", "The vote", "Read this story in Welsh here."]
    ),
    level=st.integers(2, 4),
    images=st.integers(0, 3),
)
@settings(max_examples=40, deadline=None)
def test_the_first_paragraphs_own_subheading_opens_the_body(heading, level, images):
    """A section heading right above the first paragraph (past its photos) is the article's,
    as it would be above any later paragraph; a headline-shaped deck stays the standfirst."""
    text = "\n\n".join(
        [
            "# Harbour cranes fall silent as talks stall",
            "By Ines Vardy",
            "#" * level + " " + heading,
            *["![](https://example.org/crane.jpg)"] * images,
            *BODY,
        ]
    )
    article = parse(text, markdown=True)
    assert paragraphs(article) == [heading, *BODY]
    deck = "## Dockers and owners meet again on Monday"
    decked = parse(text.replace("#" * level + " " + heading, deck), markdown=True)
    assert decked.standfirst == deck[3:] and paragraphs(decked) == BODY


@given(
    notice=st.lists(
        st.sampled_from(
            [
                "This site uses cookies so that we can remember you and understand how you use "
                "our pages. You can change this at any time.",
                "Our website uses cookies to give you the best reading experience on every visit "
                "to the harbour pages.",
                "Essential cookies are needed for the website to work and cannot be switched off "
                "in our systems here.",
                "Analytics cookies help us count visits and see which pages readers open most "
                "often during the week.",
                "Some cookies we set may not be strictly needed for the website to function, and "
                "we ask your consent first.",
                "Any cookies that may not be strictly needed for the website to function, and "
                "that collect what a reader does on the harbour pages through analytics, "
                "advertisements and other embedded contents from other sites, are what we call "
                "optional cookies, and we must ask for your consent before we set any of them "
                "on your device when you visit.",
            ]
        ),
        min_size=1,
        max_size=5,
        unique=True,
    )
)
@settings(max_examples=30, deadline=None)
def test_a_cookie_notice_after_the_story_is_furniture(notice):
    """A consent box says the site uses cookies and what each kind does, in paragraphs
    long enough to pass for prose: none of it is the story, whatever follows."""
    tail = ["Privacy Overview", *notice, "Necessary", "Always Enabled"]
    assert paragraphs(parse(story("May 2, 2024", body=[*BODY, *tail]))) == BODY


@pytest.mark.parametrize(
    "opening",
    [
        "This website uses cookies to improve your experience while you read the harbour pages.",
        "This site participates in the Harbour Books associate program and earns revenue from "
        "links to the books we review.",
        "We use cookies on our website to remember what you read and how long you stay.",
    ],
)
def test_a_long_notice_in_the_site_s_own_voice_is_furniture(opening):
    """However long it runs, a paragraph that opens with the site speaking of its cookies
    or its affiliate links is the page's notice, not the story."""
    rest = " ".join(["Some of them are needed for the pages to work at all."] * 10)
    notice = f"{opening} {rest}"
    assert len(notice.split()) > 80
    assert paragraphs(parse(story("May 2, 2024", body=[*BODY, notice]))) == BODY


@pytest.mark.parametrize(
    "residue",
    [
        "(function() { document.addEventListener('DOMContentLoaded', function() { var meta = "
        "JSON.parse('\\x7b\\x22name\\x22'); Registry.register(meta); }); })();",
        "{{#message}}{{{message}}}{{/message}}{{^message}}Your submission failed. The server "
        "responded with {{status_text}} (code {{status_code}}).{{/message}}",
        '","ShareUrlFormat":"//share.example/?u={0}","Id":"9e78","Type":"Social","Display":"Share',
    ],
)
def test_a_script_left_as_text_is_no_paragraph(residue):
    """Minified JavaScript, a template's tags or a JSON object's fields copied with a page's
    text are no part of the story, wherever they stand."""
    body = [BODY[0], residue, *BODY[1:]]
    assert paragraphs(parse(story("May 2, 2024", body=body))) == BODY


def test_code_quoted_in_a_story_stays():
    line = "The fix was one line: var retries = 3; retries -= 1; if (retries) { retry(); }"
    body = [BODY[0], line, *BODY[1:]]
    assert paragraphs(parse(story("May 2, 2024", body=body))) == body


@pytest.mark.parametrize("line", ["Total 1 hr 50 min", "Prep: 15 mins", "5 min read"])
def test_a_duration_alone_is_no_headline(line):
    article = parse(story(line, title="Easy harbour cake"))
    assert article.title == "Easy harbour cake"


def test_a_headline_of_hours_is_a_headline():
    assert parse(story("June 4, 2025", title="Within 48 hours")).title == "Within 48 hours"


def test_a_note_on_the_advertising_disclaimer_is_furniture():
    note = "NOTE: The advertising disclaimer below does not apply to this article."
    assert paragraphs(parse(story("May 2, 2024", body=[*BODY, note]))) == BODY


def test_a_story_about_cookies_is_not_a_cookie_notice():
    """A news paragraph about cookie banners, long and in the third person, is the story."""
    story_lines = [
        'The regulator said on Tuesday that banners reading "this website uses cookies" were '
        "not enough, because analytics cookies and advertising cookies collect what readers do "
        "for the website to function as a business, and that publishers must now show a "
        "refusal button as plainly as the button that accepts them, or face fines of up to "
        "four per cent of their turnover.",
        "Analytics cookies help publishers count readers and see which stories they open, the "
        "regulator's report said, but the cookies that follow readers across other sites for "
        "advertising need a consent that is freely given, and most of the forty sites it "
        "examined did not ask for one in a way that a reader could refuse as easily as accept.",
    ]
    assert paragraphs(parse(story("May 2, 2024", body=[*BODY, *story_lines]))) == [
        *BODY,
        *story_lines,
    ]


@given(logos=st.integers(4, 24), linked=st.booleans())
@settings(max_examples=30, deadline=None)
def test_a_gallery_of_images_inside_the_story_costs_it_no_more_than_one_image(logos, linked):
    """A list of partners' logos leaves a bullet with no words per image; the paragraph past
    the gallery is still the story's, however many logos there were."""
    logo = "[![Partner logo](https://example.org/p.png)](https://example.org/partner)"
    item = f"* {logo if linked else '![Partner logo](https://example.org/p.png)'}"
    after = "Our work spans ports, ferries and the people who crew them along the whole coast."
    text = "\n\n".join(
        [
            "# Harbour cranes fall silent as talks stall",
            *BODY,
            "\n".join([item] * logos),
            "## Our programmes",
            after,
            "* Ports",
            "* Ferries",
            "* Crews",
        ]
    )
    assert norm(after) in paragraphs(parse(text, markdown=True))


@given(
    opening=st.sampled_from(
        ["It was a quiet night.", "Nobody saw it coming.", "Read this story in Welsh here."]
    ),
    images=st.integers(0, 2),
)
@settings(max_examples=20, deadline=None)
def test_a_short_sentence_opening_the_story_is_kept(opening, images):
    """A story may open on a short sentence, as it may close on one; photos between it and
    the next paragraph change nothing. A label under the headline is no sentence."""
    parts = ["Harbour cranes fall silent as talks stall", "By Ines Vardy", opening]
    text = "\n\n".join([*parts, *["* ![](https://example.org/crane.jpg)"] * images, *BODY])
    assert paragraphs(parse(text)) == [opening, *BODY]
    for label in ["Jump to Recipe Print Recipe", "Listen to this article."]:
        assert paragraphs(parse(text.replace(opening, label))) == BODY


@given(
    tagline=st.sampled_from(
        [
            "A meeting place for people who love ports, ferries and the sea in equal measure.",
            "Talks, walks and arguments about the harbour since 1998, every second Tuesday.",
        ]
    ),
    level=st.integers(2, 3),
)
@settings(max_examples=10, deadline=None)
def test_a_sites_tagline_set_as_a_subheading_is_not_the_article(tagline, level):
    """A heading that ends like a sentence is still a heading: a club's tagline above its
    menu is not the one paragraph of running text of a page whose post is an agenda."""
    page = [
        "# Harbour Club",
        "#" * level + " " + tagline,
        "\n".join(f"  * [{m}](https://example.org/{m})" for m in ["Home", "Events", "Contact"]),
        "# April meeting",
        "Posted on 11/04/2024 by Ines Vardy",
        "**Moderator** : Ines Vardy",
        "## Agenda",
        "  1. Welcome and three lightning talks (30 mins)\n"
        "  2. What the dockers learnt from the new rota, and what they would change (45 mins).\n"
        "  3. Next meeting: when, and where? (15 mins)",
        "### Share this",
        "  * [Twitter](https://example.org/t)\n  * [Facebook](https://example.org/f)",
    ]
    article = parse("\n\n".join(page), markdown=True)
    assert article.title == "April meeting"
    assert tagline not in article.body
    assert "What the dockers learnt from the new rota" in article.body


def test_a_deck_set_as_a_subheading_is_the_standfirst():
    deck = "The port's long strike brought empty quays and cold cranes. Good riddance."
    article = parse(f"# Harbour cranes fall silent\n\n## {deck}\n\n" + "\n\n".join(BODY))
    assert article.standfirst == deck and paragraphs(article) == BODY


@given(
    first=st.sampled_from(["Ines", "Tom", "R.C.", "Mara"]),
    last=st.sampled_from(["Vardy", "Ekwall", "Baker", "Lee"]),
    opening=st.sampled_from(["By", "by", "Author:"]),
)
@settings(max_examples=30, deadline=None)
def test_a_short_byline_below_the_deck_gives_the_author_and_is_not_body(first, last, opening):
    """A byline of a few words among the story's first lines ("by R.C. Baker", under a deck
    long enough to open the run) is the author, not a paragraph, however short."""
    deck = (
        "After a strike of three months, in the coldest winter in years, the port reopens its "
        "quays to ferries and the cranes start moving again."
    )
    byline = f"{opening} {first} {last}"
    article = parse("\n\n".join(["Harbour cranes fall silent as talks stall", deck, byline, *BODY]))
    assert article.author == f"{first} {last}"
    assert byline not in article.body


@given(
    before=st.lists(
        st.sampled_from(["Welcome (10 mins)", "Lightning talks (30 mins)"]), max_size=3
    ),
    after=st.lists(st.sampled_from(["Small groups (30 mins)", "Next meeting?"]), max_size=3),
    marker=st.sampled_from(["*", "-", "1."]),
    markdown=st.booleans(),
)
@settings(max_examples=40, deadline=None)
def test_a_list_the_article_runs_into_is_kept_whole(before, after, marker, markdown):
    """A post whose one paragraph is an item of its list (an agenda) keeps the whole list:
    the short items around the long one are the post's too. A list of links set right
    after it is not."""
    long_item = (
        "What the dockers learnt from the new rota, and what they would change about it "
        "before the summer season begins on the north quay."
    )
    items = [*before, long_item, *after]
    agenda = "\n".join(f"  {marker} {item}" for item in items)
    teasers = "\n".join(
        f"  * [{t}](https://example.org/{n})" for n, t in enumerate(["Ferry news", "Quay works"])
    )
    page = "\n\n".join(["# April meeting at the harbour club", agenda, teasers if markdown else ""])
    kept = parse(page, markdown=markdown).body
    for item in items:
        assert item in kept
    assert "Ferry news" not in kept


def test_a_travel_guides_by_train_subheading_stays_in_the_body():
    """A short "By ..." line inside the story leaves the body only when it names a person."""
    body = [
        BODY[0],
        "By Train",
        "The night train from the capital reaches the harbour just after dawn every day.",
        "By Car",
        "The coast road is slow in summer, and the car parks by the quay fill up by nine.",
    ]
    assert paragraphs(parse(story(body=body))) == body


@given(
    name=st.sampled_from(["Ines Vardy", "Tom Ekwall", "Mara de Luca"]),
    verb=st.sampled_from(["is a freelance writer who", "has done two amazing things:", "writes"]),
    upper=st.booleans(),
    at_start=st.booleans(),
)
@settings(max_examples=40, deadline=None)
def test_the_authors_bio_is_not_the_story_wherever_it_stands(name, verb, upper, at_start):
    """A paragraph that opens with the byline's name and says what the person is or does is
    the author's bio, above the story or below it, however long; one about someone else
    is the story's."""
    bio = (
        f"{name.upper() if upper else name} {verb} about ports, ferries and the people who "
        "work on them, and once sailed the whole coast in a borrowed boat. " * 3
    ).strip()
    other = "Anna Holm is the harbour master, and she has run the port for eleven years now."
    body = [bio, *BODY, other] if at_start else [*BODY, other, bio]
    article = parse(story(f"By {name}", body=body))
    assert article.author == name
    assert paragraphs(article) == [*BODY, other]


# --------------------------------------------------------------------------- clippers' YAML, sidecars


def test_a_clippers_source_address_is_the_url_and_the_publisher_its_host():
    """Obsidian's Web Clipper and MarkDownload write the page's address as `source:`."""
    text = (
        "---\n"
        'title: "Harbour cranes fall silent"\n'
        'source: "https://www.velmcourier.co.uk/news/2024/05/harbour-cranes"\n'
        "author:\n"
        '  - "[[Ines Vardy]]"\n'
        "created: 2024-05-09\n"
        "published:\n"
        "tags:\n"
        '  - "clippings"\n'
        "---\n\n" + "\n\n".join(BODY) + "\n"
    )
    article = parse(text)
    assert article.url == "https://www.velmcourier.co.uk/news/2024/05/harbour-cranes"
    assert article.source == "Velmcourier.co.uk"  # as a masthead writes its domain
    assert article.author == "Ines Vardy"
    assert article.published is None  # the clipping's own date is not the story's


def test_a_source_address_does_not_replace_a_given_url_and_site_names_a_publisher():
    text = (
        "---\n"
        "source: https://www.velmcourier.co.uk/a\n"
        "url: https://www.velmcourier.co.uk/b\n"
        "---\n" + story()
    )
    assert parse(text).url == "https://www.velmcourier.co.uk/b"
    assert parse("---\nsite: The Velm Courier\n---\n" + story()).source == "The Velm Courier"
    # An address kept for examples (RFC 2606) names no publisher.
    named = parse("---\nsource: https://velm.example.org/a\n---\n" + story())
    assert named.source == "" and named.url == "https://velm.example.org/a"


def test_yaml_quoted_values_are_decoded_as_yaml_does():
    text = (
        "---\n"
        'title: "Minister says \\"no\\" to new tariffs \\u2013 again"\n'
        "author: 'O''Brien, Pat'\n"
        'standfirst: "The talks broke down\n'
        '  on Friday, the union said" # a comment\n'
        "---\n" + story()
    )
    article = parse(text)
    assert article.title == 'Minister says "no" to new tariffs – again'
    assert article.author == "O'Brien, Pat"
    assert article.standfirst == "The talks broke down on Friday, the union said"


def test_a_bad_published_in_front_matter_leaves_the_date_the_text_gives():
    text = "---\npublished: last tuesday\n---\n" + story("July 1, 2025")
    assert parse(text).published == dt.date(2025, 7, 1)


_YAML_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s == s.strip() and "[[" not in s and "]]" not in s and s.strip(" '\""))


@settings(max_examples=200, deadline=None)
@given(value=_YAML_TEXT, double=st.booleans())
def test_front_matter_reads_back_any_value_a_yaml_writer_quotes(value, double):
    if double:
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    else:
        quoted = "'" + value.replace("'", "''") + "'"
    meta, rest = ingest.split_front_matter(f"---\ntitle: {quoted}\nauthor: {quoted}\n---\nbody")
    assert meta == {"title": value, "author": value}
    assert rest == "body"


def test_a_clippers_block_scalar_is_the_value_not_its_header():
    """Obsidian's Web Clipper writes a long description as ``description: >-`` and the text
    indented below: the reader's standfirst was ">-" and the text was lost."""
    meta, rest = ingest.split_front_matter(
        "---\n"
        'title: "Harbour cranes fall silent"\n'
        "description: >-\n"
        "  Dockers at Velm stopped work on Monday\n"
        "  over the night-shift rota.\n"
        "\n"
        "  Talks resume [on Friday] # not a comment\n"
        "tags:\n"
        "  - clippings\n"
        "---\n"
        "body"
    )
    assert meta["standfirst"] == (
        "Dockers at Velm stopped work on Monday over the night-shift rota.\n"
        "Talks resume [on Friday] # not a comment"
    )
    assert meta["title"] == "Harbour cranes fall silent"
    assert rest == "body"


@settings(max_examples=200, deadline=None)
@given(value=_YAML_TEXT, folded=st.booleans(), indent=st.integers(1, 4))
def test_any_one_line_block_scalar_reads_back(value, folded, indent):
    header = ">" if folded else "|"
    meta, rest = ingest.split_front_matter(
        f"---\nauthor: {header}-\n{' ' * indent}{value}\ntitle: T\n---\nbody"
    )
    assert meta["author"] == value.strip()
    assert meta["title"] == "T" and rest == "body"


def test_a_sidecar_wins_over_the_files_front_matter(tmp_path):
    path = write(
        tmp_path,
        "story.md",
        "---\nsource: Wire\nauthor: Staff\npublished: 2020-01-01\n---\n" + story(),
    )
    write(tmp_path, "story.meta.toml", 'source = "Harbour Gazette"\npublished = 2024-02-29\n')
    article = ingest.read_article(path, tmp_path)
    assert isinstance(article, Article)
    assert article.source == "Harbour Gazette"
    assert article.published == dt.date(2024, 2, 29)
    assert article.author == "Staff"  # what the sidecar does not say, the file still does


def test_a_sidecar_that_is_not_toml_is_reported(tmp_path):
    path = write(tmp_path, "story.txt", story())
    write(tmp_path, "story.meta.toml", "source = ABC7 News\n")
    article = ingest.read_article(path, tmp_path)
    assert isinstance(article, Article)
    assert paragraphs(article) == BODY
    assert article.source != "ABC7 News"
    [note] = article.notes
    assert note.startswith("story.meta.toml: not valid TOML (line 1: ")
    assert note.endswith("its corrections were not applied")


def test_a_sidecar_field_that_is_wrong_is_reported_and_the_rest_applied(tmp_path):
    path = write(tmp_path, "story.txt", story("July 1, 2025"))
    write(
        tmp_path,
        "story.meta.toml",
        'published = "last tuesday"\nsource = "https://www.velmcourier.co.uk/a"\n'
        'author = ["Ann Other", "Tom Ekwall"]\n',
    )
    article = ingest.read_article(path, tmp_path)
    assert isinstance(article, Article)
    assert article.published == dt.date(2025, 7, 1)  # the text's date, not none
    assert article.author == "Ann Other, Tom Ekwall"
    assert article.url == "https://www.velmcourier.co.uk/a"
    assert article.source == "Velmcourier.co.uk"
    [note] = article.notes
    assert "published 'last tuesday' is not a date" in note
    assert note.startswith("story.meta.toml: ")


def test_an_article_without_a_title_takes_its_file_names_words(tmp_path):
    path = write(tmp_path, "harbour_talks-resume.txt", "\n\n".join(BODY) + "\n")
    article = ingest.read_article(path, tmp_path)
    assert isinstance(article, Article)
    assert article.title == "harbour talks resume"
    titled = ingest.read_article(write(tmp_path, "other_name.txt", story()), tmp_path)
    assert titled.title == "Harbour cranes fall silent as talks stall"  # a title it has wins


@settings(max_examples=100, deadline=None)
@given(
    stem=st.text(
        alphabet=st.characters(whitelist_categories=("L", "N", "Pd", "Pc", "Zs")), min_size=1
    )
)
def test_a_titles_file_name_words_are_the_stems_words(stem):
    from search.files import title_from_name

    words = title_from_name(f"folder/{stem}.txt")
    assert words == words.strip() and "  " not in words and "_" not in words
    assert [c for c in words if c.isalnum()] == [c for c in stem if c.isalnum()]
    for i, c in enumerate(words):
        if c == "-":  # kept only inside a date or a number
            assert 0 < i < len(words) - 1 and words[i - 1].isdigit() and words[i + 1].isdigit()


def test_a_dated_file_name_keeps_its_date_as_the_title():
    from search.files import title_from_name

    assert title_from_name("news/2024-05-01.txt") == "2024-05-01"
    assert title_from_name("news/ferry-strike_2024-05-01.md") == "ferry strike 2024-05-01"


_GIVEN = ["Ines", "Tomas", "Mara", "Oskar", "Lena", "Pavel"]
_FAMILY = ["Vardy", "Ekwall", "Okafor", "Lindqvist", "Brandt", "Moreau"]


@given(
    names=st.lists(
        st.tuples(st.sampled_from(_GIVEN), st.sampled_from(_FAMILY)),
        min_size=3,
        max_size=5,
        unique=True,
    ),
    opening=st.sampled_from(["Posted by", "By", "Written by"]),
    team=st.sampled_from(["Harbour Platform Security team", "Cloud Reliability group", ""]),
)
@settings(max_examples=40, deadline=None)
def test_a_byline_naming_a_team_of_writers_gives_them_all(names, opening, team):
    """A team's post names four or five writers and their team on one line ("Posted by A,
    B, C and D - Harbour Platform Security team"): longer than a byline of one or two names,
    it is still the byline."""
    people = [f"{g} {f}" for g, f in names]
    listed = ", ".join(people[:-1]) + " and " + people[-1]
    line = f"{opening} {listed}" + (f" - {team}" if team else "")
    article = parse(story("June 4, 2025\n\n" + line))
    assert all(person in article.author for person in people)
    assert line not in article.body


@given(
    published=st.dates(dt.date(2001, 1, 1), dt.date(2029, 12, 31)),
    later=st.integers(0, 400),
    style=st.sampled_from(["%B %-d, %Y", "%b %-d, %Y", "%B %d, %Y", "%A, %B %-d, %Y"]),
)
@settings(max_examples=60, deadline=None)
def test_a_published_and_an_updated_date_run_together_give_the_first(published, later, style):
    """Copying a page loses the space between the post's published and updated dates
    ("August 2, 2019August 9, 2019"): the first is still a date, and the published one.
    (Run together day first, "2 August 20199 August 2019", the year is lost: no rule.)"""
    updated = published + dt.timedelta(days=later)
    glued = published.strftime(style) + updated.strftime(style)
    assert ingest.meta.find_date(glued) == published
    assert ingest.meta.find_date(f"Posted on {glued}") == published


@pytest.mark.parametrize("glue", [" ", ""])
@pytest.mark.parametrize("name", ["Ines Vardy", "Tomas Ekwall"])
def test_a_blog_footer_s_labels_give_the_author_and_the_date_not_the_comments(glue, name):
    """A blogging platform's post footer keeps its labels as words when copied ("Posted on
    DATE Author NAME Categories ..."): the post's writer and date, not a commenter's."""
    footer = f"Posted on June 4, 2025June 5, 2025{glue}Author {name} Categories Harbour"
    comments = [
        "3 thoughts on “Harbour cranes fall silent as talks stall”",
        "Mara Okafor says:",
        "June 9, 2025 at 4:11 am",
        "Thanks for posting this, the figures on the quays are the ones I was looking for.",
    ]
    article = parse(story(body=[*BODY, footer, *comments]))
    assert article.author == name
    assert article.published == dt.date(2025, 6, 4)
    assert "Categories" not in article.body


@given(
    heading=st.sampled_from(
        [
            "Sign up for the Harbour Weekly newsletter",
            "Get our Quayside Briefing newsletter",
            "Newsletter",
        ]
    ),
    pitch=st.sampled_from(
        [
            "The week's shipping news and the people behind it, every Friday morning.",
            "Everything that moved on the quays this week, in five minutes of reading.",
        ]
    ),
    control=st.sampled_from(["Email", "Sign Me Up", "Your email address", "Subscribe"]),
    where=st.integers(1, 2),
)
@settings(max_examples=40, deadline=None)
def test_a_newsletter_box_s_pitch_is_not_the_story(heading, pitch, control, where):
    """A newsletter box, inside a story or after it: its heading, one sentence saying what
    the letter brings, then its field or button. The sentence is the box's, not the story's;
    the story's paragraphs on either side stay."""
    longer = [*BODY, *(f"{p} Talks went on." for p in BODY)]
    body = [*longer[:where], heading, pitch, control, *longer[where:]]
    article = parse(story("June 4, 2025", body=body))
    assert pitch not in article.body
    assert all(p in article.body for p in longer)


@given(
    name=st.sampled_from(["Ines Vardy", "Tomas Ekwall", "Lena Okafor", "Pavel Lindqvist"]),
    notice=st.sampled_from(
        [
            "Copyright (c) 2012- {name}. All rights reserved. Design by Quayside Templates.",
            "© 2015-2024 {name}",
            "Archive – Feed – Imprint – 2009-2024 by {name} – Powered by a static generator",
        ]
    ),
)
@settings(max_examples=30, deadline=None)
def test_a_personal_site_s_copyright_names_the_author(name, notice):
    """A personal site names no writer above its post, only in its footer ("© 2015-2024
    Ann Lee"): that person wrote it."""
    text = story(body=[*BODY, "Newer Post Older Post Home", notice.format(name=name)])
    assert parse(text).author == name


@pytest.mark.parametrize(
    "notice",
    [
        "© 2024 Harbour City Gazette. All rights reserved.",
        "Copyright 2024 Quayside Media Group",
        "© 2024 Tomas Ekwall Media",
    ],
)
def test_a_publisher_s_copyright_names_no_author(notice):
    text = story(body=[*BODY, "Newer Post Older Post Home", notice])
    assert parse(text).author == ""


@given(
    cards=st.lists(
        st.tuples(
            st.sampled_from(["Tomas Ekwall", "Lena Okafor", "Pavel Lindqvist"]),
            st.dates(dt.date(2015, 1, 1), dt.date(2025, 12, 31)),
            st.sampled_from(
                [
                    "Dockworkers return to the night shift after the long strike",
                    "Ferry timetables change for the winter season",
                    "A new crane arrives from the shipyard up the coast",
                ]
            ),
            st.sampled_from(
                [
                    "Join us on the quays next week to see how the night crews load the ferries.",
                    "The harbour authority explains what the new timetable means for commuters.",
                    "It took three tugs and a whole afternoon to bring the crane to its berth.",
                ]
            ),
        ),
        min_size=2,
        max_size=4,
    ),
    writer_first=st.booleans(),
)
@settings(max_examples=40, deadline=None)
def test_related_posts_cards_with_their_summaries_are_not_the_story(cards, writer_first):
    """Under "Related posts", each card shows a date, a headline and a one-sentence summary
    (and perhaps its writer): the summaries are the cards', not the story's."""
    box = ["Related posts"]
    for name, day, headline, summary in cards:
        card = [day.strftime("%B %-d, %Y"), "Harbour", headline, summary]
        box += [name, *card] if writer_first else card
    longer = [*BODY, *(f"{p} Talks went on." for p in BODY)]
    article = parse(story("June 4, 2025", body=[*longer, "Share", *box]))
    assert all(p in article.body for p in longer)
    assert not any(summary in article.body for *_, summary in cards)


@given(
    name=st.sampled_from(["Ines Vardy", "Tomas Ekwall", "R.C. Baker"]),
    markdown=st.booleans(),
    dashes=st.integers(2, 6),
    above=st.sampled_from(
        [["harbour"], ["Entries", "Index", "Books", "harbour", "harbour: translation"]]
    ),
)
@settings(max_examples=40, deadline=None)
def test_a_byline_a_rule_of_dashes_opens_names_the_author(name, markdown, dashes, above):
    """A reference work signs its entry under the headword with a rule of dashes before the
    "by" ("---- by Ann Lee"), in a clipper's Markdown set in emphasis ("** _\\---- by Ann
    Lee_**"): the entry's author, wherever the headwords above it stand."""
    rule = "-" * dashes
    line = f"** _\\{rule} by {name}_**" if markdown else f"{rule} by {name}"
    text = "\n\n".join([*above, line, *BODY]) + "\n"
    article = parse(text, markdown=markdown)
    assert article.author == name
    assert f"by {name}" not in article.body


@given(
    name=st.sampled_from(["Ines Vardy", "Tomas Ekwall", "Lena Okafor"]),
    publisher=st.sampled_from(["The Harbour Gazette", "Quayside Weekly"]),
    day=st.dates(dt.date(2010, 1, 1), dt.date(2025, 12, 31)),
    style=st.sampled_from(["%d/%m/%Y", "%B %-d, %Y", "%Y-%m-%d"]),
)
@settings(max_examples=40, deadline=None)
def test_a_name_ending_the_credit_line_after_its_date_is_the_author(name, publisher, day, style):
    """A news aggregator credits a story on one line under its headline: the publisher,
    the date, the writer ("The Harbour Gazette 02/10/2020 Ann Lee")."""
    article = parse(story(f"{publisher} {day.strftime(style)} {name}"))
    assert article.author == name
    assert article.published == day


@pytest.mark.parametrize(
    "label",
    # the review: a place after the date ("Kensington Palace") is no writer either
    ["Latest Stories", "New York", "Getty Images", "Kensington Palace", "Jackson Heights"],
)
def test_a_label_ending_the_credit_line_is_no_author(label):
    assert parse(story(f"The Harbour Gazette 02/10/2020 {label}")).author == ""


@given(
    published=st.dates(dt.date(2010, 1, 1), dt.date(2025, 12, 1)),
    later=st.integers(1, 30),
    label=st.sampled_from(["PUBLISHED:", "Published", "Posted on", ""]),
)
@settings(max_examples=40, deadline=None)
def test_the_storys_own_date_line_beats_the_mastheads_today(published, later, label):
    """A newspaper's masthead shows the day the page was saved above its menus ("Thursday,
    November 9th 2023"); the story's own date line, under its summary and byline, says
    when it was published."""
    today = published + dt.timedelta(days=later)
    masthead = ["Sign Up", "Search", today.strftime("%A, %B %-d, %Y"), "Today's Paper"]
    summary = (
        "After a strike of three months, in the coldest winter in years, the port reopens its "
        "quays to ferries and the cranes start moving again."
    )
    dateline = f"{label} {published.strftime('%B %-d, %Y')} at 11:30 p.m.".strip()
    head = ["Harbour cranes fall silent as talks stall", summary, "By Ines Vardy", dateline]
    text = "\n\n".join([*masthead, *head, *BODY]) + "\n"
    assert parse(text).published == published


@given(
    day=st.dates(dt.date(2005, 1, 1), dt.date(2025, 12, 31)),
    time=st.sampled_from(["", " · 02:16", " um 14:05"]),
)
@settings(max_examples=40, deadline=None)
def test_a_date_whose_day_ends_in_a_full_stop_is_no_list_number(day, time):
    """German writes the day with a full stop ("17. Januar 2014"): on a line of its own
    that is the post's date, not item 17 of a list."""
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
              "September", "Oktober", "November", "Dezember"]  # fmt: skip
    line = f"{day.day}. {months[day.month - 1]} {day.year}{time}"
    assert parse(story(line)).published == day


def test_a_numbered_step_keeps_its_number():
    steps = [f"{n}. {p}" for n, p in enumerate(BODY, 1)]
    assert all(step in parse(story(body=steps)).body for step in steps)


@pytest.mark.parametrize(
    "link",
    [
        "← Quays at dawn: a photo essay",
        "Next Post: Ferry timetables for the winter »",
        "↓ Jump to the comments",
        "Older posts ›",
    ],  # fmt: skip
)
def test_a_link_to_the_previous_or_next_post_is_neither_body_nor_headline(link):
    """A blog's arrows to the previous and the next post, or down to the comments, are
    navigation wherever they stand: above the headline or after the story."""
    text = "\n\n".join(
        [
            "Harbour Notes",
            link,
            "June 4, 2025",
            "↓ Jump to the comments",
            "Harbour cranes fall silent as talks stall",
            *BODY,
            link,
        ]  # fmt: skip
    )
    article = parse(text + "\n")
    assert article.title == "Harbour cranes fall silent as talks stall"
    assert link not in article.body
    assert article.published == dt.date(2025, 6, 4)


@pytest.mark.parametrize("quote", ["« Nous restons au port »", "«Wir bleiben im Hafen»"])
def test_a_short_quotation_in_guillemets_is_no_arrow(quote):
    assert quote in parse(story(body=[*BODY[:2], quote, BODY[2]])).body


@given(
    count=st.sampled_from(["2", "11", "One", "Five"]),
    noun=st.sampled_from(["thoughts on", "responses to", "comments on", "thought on"]),
    quote=st.sampled_from([("“", "”"), ('"', '"')]),
)
@settings(max_examples=40, deadline=None)
def test_a_comments_heading_quoting_a_long_title_is_furniture(count, noun, quote):
    """A blog heads its comments with the post's title, however long: "11 responses to
    “Title”". That heading is the page's, not the post's, and costs the run as a comments
    heading does."""
    title = "Harbour cranes fall silent as talks stall over fishing quotas and winter pay"
    heading = f"{count} {noun} {quote[0]}{title}{quote[1]}"
    comments = [f"{p} I worked on those quays for twenty years and remember it well." for p in BODY]
    text = story(body=[*BODY, heading, "Mara Okafor says:", *comments])
    assert heading not in parse(text).body


@given(
    given_name=st.sampled_from(["Ines", "Tomas", "Lena"]),
    verb=st.sampled_from(["has worked as a harbour pilot since 2009", "is a marine engineer"]),
    heading=st.sampled_from(["About the author", "About the Author", "About the writer"]),
    role=st.booleans(),
)
@settings(max_examples=40, deadline=None)
def test_the_paragraph_under_about_the_author_is_the_box_not_the_story(
    given_name, verb, heading, role
):
    """Under "About the author", the paragraph saying who the writer is belongs to the
    author's box, even when it names the writer by the given name alone and the story's
    comments after it keep the run going."""
    bio = (
        f"{given_name} {verb}, and before that spent ten years on the container quays of the north."
    )
    box = [heading, *(["Harbour Pilot"] if role else []), bio, f"Hire {given_name}"]
    comments = [
        "Great read, I worked on those quays for twenty years and remember the strike well.",
        "My father drove a crane there and he never talked about anything else at dinner.",
    ]
    text = story(body=[*BODY, *box, "Comments", "Mara Okafor", *comments])
    article = parse(text)
    assert bio not in article.body
    assert all(p in article.body for p in BODY)


@pytest.mark.parametrize(
    "label", ["Asked 8 years, 2 months ago", "Modified 3 days ago", "Answered 1 year, 4 months ago"]
)
def test_a_question_s_relative_time_label_is_furniture(label):
    """A question-and-answer page labels its post with how long ago it was asked or
    changed: the page's furniture, not a sentence of the post."""
    assert label not in parse(story(body=[BODY[0], label, *BODY[1:]])).body


def test_a_sentence_that_ends_ago_stays():
    line = "The crane left 3 years ago"
    assert line in parse(story(body=[BODY[0], line, *BODY[1:]])).body


# --------------------------------------------------------------------------- Chinese and Japanese

#: A Japanese story as copied from a news page: a menu, the headline, the date, the story
#: and a "related articles" heading. Written for these tests.
JA_BODY = [
    "厚生労働省は5日、来年度から育児休業給付の支給率を引き上げる方針を明らかにした。"
    "両親がともに育児休業を取得した場合、手取りで実質10割相当となる見込みだ。",
    "同省によると、対象となるのは生後8週間以内に両親がそれぞれ14日以上の休業を取得した"
    "世帯で、最大28日間の給付が上乗せされる。",
    "厚生労働相は記者会見で「男性の育休取得を後押ししたい」と述べた。",
]
JA_TITLE = "厚生労働省、来年度から育児休業給付を拡充へ"


def japanese_page(
    date_line: str, menu: str = "ホーム\u3000ニュース\u3000政治\u3000経済\u3000国際\u3000スポーツ"
) -> str:
    return "\n\n".join([menu, JA_TITLE, date_line, *JA_BODY, "関連記事"]) + "\n"


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("2024年3月5日", dt.date(2024, 3, 5)),
        ("2024年3月5日 10:30", dt.date(2024, 3, 5)),
        ("2024年3月5日（火）午前10時30分", dt.date(2024, 3, 5)),
        ("公開日：2024年3月5日", dt.date(2024, 3, 5)),
        ("令和6年3月5日", dt.date(2024, 3, 5)),
        ("2024/03/05 10:30", dt.date(2024, 3, 5)),
    ],
)
def test_a_japanese_page_copied_as_text_is_an_article(line, date):
    article = parse(japanese_page(line))
    assert article.title == JA_TITLE
    assert article.published == date
    assert paragraphs(article) == JA_BODY


@pytest.mark.parametrize(
    "menu", ["トップ | 社会 | 政治 | 経済 | 天気", "トップ・社会・政治・経済・天気"]
)
def test_a_japanese_menu_never_stands_as_the_headline(menu):
    article = parse(japanese_page("2024年3月5日", menu))
    assert article.title == JA_TITLE
    assert "天気" not in article.body


valid_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))


@given(day=valid_dates, time=st.sampled_from(["", " 10:30", " 09:05", "（火）"]))
def test_any_chinese_or_japanese_date_is_read(day, time):
    written = f"{day.year}年{day.month}月{day.day}日{time}"
    assert ingest.parse_date(written) == day
    assert ingest.find_date(f"教育部{written}发布通知") == day
    padded = f"{day.year}年{day.month:02d}月{day.day:02d}日"
    assert ingest.parse_date(padded) == day
    # the review: Japanese text writes a date's digits full-width as often
    wide = written.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert ingest.find_date(f"教育部{wide}发布通知") == day


@given(day=st.dates(min_value=dt.date(2019, 5, 1), max_value=dt.date(2099, 12, 31)))
def test_any_reiwa_date_is_read(day):
    era_year = day.year - 2018
    written = f"令和{'元' if era_year == 1 else era_year}年{day.month}月{day.day}日"
    assert ingest.parse_date(written) == day


def test_a_story_that_reports_a_pitch_keeps_the_paragraph():
    """The review: "the company said it would send alerts direct to your inbox ..." was
    dropped as a newsletter's pitch."""
    told = (
        "The ferry company said it would send alerts direct to your inbox if sailings are "
        "cancelled again, and urged passengers to sign up on its website before Friday."
    )
    article = parse(story(body=[BODY[0], told, *BODY[1:]]))
    assert told in article.body


def test_a_list_item_an_arrow_opens_is_no_link_to_another_post():
    """The review: "↓ Exports fell 5% to £30bn", a list item with an arrow for a bullet,
    vanished as a link down to the comments."""
    items = ["- ↓ Exports fell 5% to £30bn in the first quarter", "- ↑ Imports rose 3% to £35bn"]
    text = story(body=[BODY[0], *items, *BODY[1:], "← Older posts"])
    article = parse(text, markdown=True)
    assert "Exports fell 5% to £30bn" in article.body and "Imports rose 3%" in article.body
    assert "Older posts" not in article.body


# ------------------------------------------------------------------ what a page repeats

#: Paragraphs of a story of our own, long enough to hold the article's run together.
LONG_BODY = [
    f"Paragraph {n}: the harbour board met again on {day} and said the cranes would stay idle "
    "until the dockers and the port agree on the new shift pattern and its overtime rates."
    for n, day in enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"])
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    credit=st.sampled_from(
        [
            "Photo by Quayside Pictures Agency",
            "Harbour Gallery: Cranes at rest",
            "Read more from the Harbour Desk",
        ]
    ),
    copies=st.integers(min_value=3, max_value=6),
)
def test_a_heading_like_line_the_page_repeats_is_furniture(credit, copies):
    """A photo credit under each picture, a gallery's title over each, a link to more: a
    headline-like line without a sentence's end, three times or more, is the page's (a
    shorter one may be the story's own label, and stays)."""
    body: list[str] = []
    for k, paragraph in enumerate(LONG_BODY):
        body.append(paragraph)
        if k < copies:
            body.append(credit)
    article = parse(story(body=body))
    assert credit.casefold() not in article.body.casefold()
    assert paragraphs(article)[: len(LONG_BODY)] == LONG_BODY


def test_a_teaser_card_set_twice_is_gone():
    """A related story's card as the page sets it twice over (for a phone, for a desk):
    its section label and headline, then both again, then its summary."""
    card = ["Transport", "Ferry fares to rise by a tenth from the spring"]
    summary = "The operator blamed the price of fuel for the second rise in a year."
    article = parse(story(body=[*LONG_BODY, *card, *card, summary, LONG_BODY[0]]))
    assert "Ferry fares to rise" not in article.body
    assert LONG_BODY[-1] in paragraphs(article)


def test_a_line_set_twice_back_to_back_is_kept_once():
    """A link and its card's title, one under the other: the reader sees it once."""
    heading = "Dockers vote on the new shift pattern"
    body = [*LONG_BODY[:3], heading, heading, *LONG_BODY[3:]]
    assert paragraphs(parse(story(body=body))).count(heading) == 1


@pytest.mark.parametrize(
    "repeated",
    [
        ["A stick.", "A stick.", "A stick."],  # a joke list's answers
        ["import sys", "import sys", "import sys"],  # code lines of a tutorial
        ["Pros:", "Pros:", "Pros:"],  # a heading that introduces a list
        ["no control over private keys", "no control over private keys"],  # list items
        ["Coinbase vs. Coinbase Pro", "Coinbase vs. Coinbase Pro"],  # twice far apart
        ["IndexError: list index out of range"] * 3,  # a program's output
        ["JOHN SMITH", "JOHN SMITH", "JOHN SMITH"],  # an interview's speaker
        ["Stir well", "Stir well", "Stir well"],  # a recipe's step
        ["Goal", "Goal", "Goal"],  # a match report's events
    ],
)
def test_what_the_story_itself_repeats_stays(repeated):
    """The story's own repeats: answers, code, a list's heading or items, a heading in a
    table of contents and again over its section."""
    body: list[str] = []
    for k, paragraph in enumerate(LONG_BODY):
        body.append(paragraph)
        if k < len(repeated):
            body.append(repeated[k])
    got = paragraphs(parse(story(body=body)))
    assert got.count(repeated[0]) == len(repeated)


def test_a_song_the_story_quotes_keeps_its_refrain():
    """A report quoting a song among its paragraphs of prose: the refrain is sung again
    within the song, among lines said once, so it is no card the page repeats."""
    song = [
        "Out on the grey water",
        "The boats go out at dawn",
        "And we wait by the harbour",
        "Out on the grey water",
        "The nets are heavy and torn",
        "And we wait by the harbour",
        "Out on the grey water",
        "The gulls cry in the storm",
        "And we wait by the harbour",
    ]
    article = parse(story(body=[LONG_BODY[0], "\n".join(song), *LONG_BODY[1:]]))
    assert norm(article.body).count("Out on the grey water") == 3
    assert norm(article.body).count("And we wait by the harbour") == 3


def test_a_song_s_refrain_stays():
    """Verse repeats its refrain, back to back and again and again: it is the story."""
    verse = [
        "Down by the harbour wall",
        "The cranes stand still tonight",
        "Hold the line, hold the line",
        "Hold the line, hold the line",
        "The night shift walking home",
        "Their lanterns burning low",
    ]
    lines = [*verse, *verse, *verse]
    article = parse(story(body=["\n".join(lines)]))
    assert norm(article.body).count("Hold the line, hold the line") == 6
