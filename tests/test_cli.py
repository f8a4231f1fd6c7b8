"""The `dossier` command as scripts and people use it: a real process, its JSON,
its exit status, and what it prints."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CALIBER, ECONOMIST, REPO, SEEDS, article_text, write

from search import ingest

_INSTALLED = Path(sys.executable).parent / "dossier"
#: The installed console script, or exactly what it runs (`tui.cli:main`) when not installed.
COMMAND = (
    [str(_INSTALLED)]
    if _INSTALLED.exists()
    else [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())"]
)
ESC = "\x1b"


def dossier(
    *args: str, env: dict[str, str] | None = None, check: int | None = 0, cwd: Path = REPO
) -> subprocess.CompletedProcess:
    """Run dossier as a user would; the XDG dirs are the test's own (conftest)."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    for name in ("FORCE_COLOR", "COLUMNS", "TERM"):
        if env is None or name not in env:
            full_env.pop(name, None)
    done = subprocess.run(
        [*COMMAND, *args], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=120
    )
    if check is not None:
        assert done.returncode == check, (done.returncode, done.stdout, done.stderr)
    return done


@pytest.fixture
def run(capsys, monkeypatch):
    """dossier in this process (`tui.cli.main`, what the console script calls): the same
    parser, commands and exit statuses, without the cost of a new interpreter."""
    from tui.cli import main

    def _run(*args: str, env: dict[str, str] | None = None, check: int | None = 0):
        monkeypatch.delenv("FORCE_COLOR", raising=False)
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        try:
            status = main(list(args))
        except SystemExit as exc:  # argparse: --version, usage errors
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capsys.readouterr()
        done = subprocess.CompletedProcess(["dossier", *args], status, out, err)
        if check is not None:
            assert done.returncode == check, (done.returncode, done.stdout, done.stderr)
        return done

    return _run


def no_traceback(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stderr
    assert "Traceback" not in done.stdout


@pytest.fixture(scope="module")
def _shared_seeds(tmp_path_factory) -> tuple[Path, Path]:
    """One copy of the seeds and one cache for the read-only tests: each process
    then opens a warm index, as a user's second lookup does."""
    base = tmp_path_factory.mktemp("cli")
    shutil.copytree(SEEDS, base / "seeds")
    (base / "cache").mkdir()
    return base / "seeds", base / "cache"


@pytest.fixture
def seeds(_shared_seeds, monkeypatch) -> str:
    folder, cache = _shared_seeds
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return str(folder)


def seed_ids(folder: str) -> dict[str, str]:
    return {
        "economist": ingest.read_article(Path(folder) / ECONOMIST.name, Path(folder)).id,
        "caliber": ingest.read_article(Path(folder) / CALIBER.name, Path(folder)).id,
    }


# --------------------------------------------------------------------------- JSON contract


def test_docs_json(seeds):
    done = dossier("--corpus", seeds, "docs", "--json")
    docs = json.loads(done.stdout)
    assert len(docs) == 2
    for doc in docs:
        assert {"id", "title", "source", "author", "published", "words", "path"} <= set(doc)
        assert isinstance(doc["words"], int) and doc["words"] > 100
        assert Path(doc["path"]).is_file()
        assert doc["published"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", doc["published"])
    ids = seed_ids(seeds)
    # newest first
    assert [d["id"] for d in docs] == [ids["caliber"], ids["economist"]]
    by_id = {d["id"]: d for d in docs}
    assert by_id[ids["caliber"]]["published"] == "2025-11-06"
    assert by_id[ids["caliber"]]["author"] == "Vugar Khalilov"
    assert by_id[ids["economist"]]["source"] == "The Economist"


def test_show_json(seeds):
    ids = seed_ids(seeds)
    done = dossier("--corpus", seeds, "show", ids["economist"], "--json")
    shown = json.loads(done.stdout)
    assert {"id", "title", "standfirst", "source", "author", "published", "url", "body"} <= set(
        shown
    )
    assert shown["id"] == ids["economist"]
    assert shown["title"] == "America’s Asian allies are trying to Trump-proof their policies"
    assert shown["standfirst"].startswith("Kishida Fumio meets Joe Biden")
    assert shown["published"] == "2024-04-09"
    assert shown["url"].startswith("https://www.economist.com/")
    body = shown["body"]
    assert shown["title"] not in body
    paragraphs = body.split("\n\n")
    assert len(paragraphs) >= 19
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)
    assert paragraphs[0].startswith("The prime minister of Japan, Kishida Fumio")
    assert paragraphs[-1].endswith("In short, spokes without a hub still cannot get very far. ■")


def test_search_json(seeds):
    done = dossier("--corpus", seeds, "search", "submarines", "--json")
    result = json.loads(done.stdout)
    assert set(result) >= {"query", "total", "suggestion", "hits"}
    assert result["query"] == "submarines"
    assert result["total"] == 2
    assert result["suggestion"] is None
    assert {h["id"] for h in result["hits"]} == set(seed_ids(seeds).values())
    for hit in result["hits"]:
        assert {"id", "title", "source", "published", "score", "snippets"} <= set(hit)
        assert isinstance(hit["score"], int | float) and hit["score"] > 0
        assert 1 <= len(hit["snippets"]) <= 3
        for snippet in hit["snippets"]:
            assert set(snippet) >= {"text", "highlights"}
            assert snippet["highlights"]
            for a, b in snippet["highlights"]:
                assert snippet["text"][a:b].lower() == "submarines"
    scores = [h["score"] for h in result["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_search_json_query_is_the_words_joined(seeds, run):
    done = run("--corpus", seeds, "search", "Kishida", "AND", "Biden", "--json")
    result = json.loads(done.stdout)
    assert result["query"] == "Kishida AND Biden"
    assert [h["id"] for h in result["hits"]] == [seed_ids(seeds)["economist"]]


def test_search_limit(seeds, run):
    result = json.loads(run("--corpus", seeds, "search", "Trump", "--limit", "1", "--json").stdout)
    assert len(result["hits"]) == 1
    assert result["total"] == 2


def test_search_counts_a_full_page_and_says_more_than_past_the_cap(seeds, run, monkeypatch):
    # Never an estimate (Whoosh's could be twice the truth): a full page is counted.
    page = run("--corpus", seeds, "search", "Trump", "--limit", "1").stdout
    assert page.splitlines()[0].startswith("2 hits for Trump")
    assert (
        json.loads(run("--corpus", seeds, "search", "Trump", "--limit", "1", "--json").stdout)[
            "total_exact"
        ]
        is True
    )
    import search.query

    # A date range is counted by walking Whoosh's matcher, which stops past the cap.
    monkeypatch.setattr(search.query, "COUNT_CAP", 1)
    capped = run("--corpus", seeds, "search", "Trump published:>1900", "--limit", "1").stdout
    assert capped.splitlines()[0].startswith("more than 1 hits for Trump")
    everything = run("--corpus", seeds, "search", "Trump", "--json").stdout
    assert json.loads(everything)["total_exact"] is True
    assert run("--corpus", seeds, "search", "Trump").stdout.splitlines()[0].startswith("2 hits")


def test_misspelt_search_suggests(seeds, run):
    result = json.loads(run("--corpus", seeds, "search", "submarnies", "--json").stdout)
    assert result["total"] == 0
    assert result["hits"] == []
    assert result["suggestion"] == "submarines"


def test_index_json_and_rebuild(seeds_copy, run):
    seeds = str(seeds_copy)
    first = json.loads(run("--corpus", seeds, "index", "--json").stdout)
    assert first["rebuilt"] is True
    assert len(first["added"]) == 2 and first["skipped"] == []
    again = json.loads(run("--corpus", seeds, "index", "--json").stdout)
    assert again["rebuilt"] is False
    assert again["added"] == [] and again["unchanged"] == 2
    rebuilt = json.loads(run("--corpus", seeds, "index", "--rebuild", "--json").stdout)
    assert rebuilt["rebuilt"] is True
    assert len(rebuilt["added"]) == 2
    assert rebuilt["articles"] == 2


def test_index_for_people_reports_what_was_skipped(tmp_path, run):
    folder = tmp_path / "news"
    write(folder, "good.txt", article_text("Harbour cranes fall silent", topic="harbour"))
    write(folder, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    done = run("--corpus", str(folder), "index")
    no_traceback(done)
    assert "1 added" in done.stdout or "1 article" in done.stdout
    assert "photo.txt" in done.stdout + done.stderr
    assert "binary" in done.stdout + done.stderr
    assert ESC not in done.stdout + done.stderr


HARBOUR_PAGE = """<html><head><title>Harbour cranes fall silent</title>
<meta name="author" content="Mara Quist"></head><body><nav>Home News Sport</nav><article>
<h1>Harbour cranes fall silent</h1>
<p>Dock workers at the harbour walked out on Monday over a dispute about night shifts,
leaving the cranes idle and a dozen ships waiting at anchor outside the breakwater.</p>
<p>The port authority said talks with the union would resume on Thursday morning.</p>
</article></body></html>"""


def test_index_reads_web_pages_and_lists_every_file_it_does_not_read_with_why(tmp_path, run):
    folder = tmp_path / "news"
    write(folder, "story.txt", article_text("Ferry fares rise again", topic="ferry"))
    write(folder, "saved/page.html", HARBOUR_PAGE)
    write(folder, "notes.docx", b"PK\x03\x04 not read")
    write(folder, "empty.md", "")
    write(folder, "scan.pdf", b"%PDF-1.4\n%%EOF\n")
    write(folder, "story.meta.toml", 'source = "The Velm Courier"\n')
    report = json.loads(run("--corpus", str(folder), "index", "--json").stdout)
    assert len(report["added"]) == 2
    reasons = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert set(reasons) == {"notes.docx", "empty.md", "scan.pdf"}  # the sidecar is no article
    assert reasons["notes.docx"].startswith("unsupported type (.docx)")
    assert reasons["empty.md"] == "empty file"
    assert "PDF" in reasons["scan.pdf"]


def test_export_writes_every_article_as_json_lines(tmp_path, run):
    folder = tmp_path / "news"
    write(folder, "story.txt", article_text("Ferry fares rise again", topic="ferry"))
    write(folder, "page.html", HARBOUR_PAGE)
    lines = run("--corpus", str(folder), "export").stdout.splitlines()
    records = {r["format"]: r for r in map(json.loads, lines)}
    assert set(records) == {"txt", "html"}
    page = records["html"]
    assert page["title"] == "Harbour cranes fall silent"
    assert page["author"] == "Mara Quist"
    assert page["path"].endswith("page.html")
    assert "walked out on Monday" in page["body"] and "Home News Sport" not in page["body"]
    shown = json.loads(run("--corpus", str(folder), "show", page["id"], "--json").stdout)
    assert set(page) == set(shown) | {"format"}  # the fields of show --json, plus its format
    as_array = json.loads(run("--corpus", str(folder), "export", "--json").stdout)
    assert sorted(r["id"] for r in as_array) == sorted(r["id"] for r in records.values())


def test_a_file_name_with_an_escape_sequence_prints_it_as_text(tmp_path, run):
    folder = tmp_path / "news"
    write(folder, "red\x1b[31m.txt", article_text("Harbour cranes fall silent", topic="harbour"))
    write(folder, "blink\x1b[5m.txt", b"\x00\x01binary")
    done = run("--corpus", str(folder), "index")
    no_traceback(done)
    assert ESC not in done.stdout + done.stderr
    assert "skipped " in done.stdout and "blink\\x1b[5m.txt" in done.stdout  # visible, inert
    listed = json.loads(run("--corpus", str(folder), "docs", "--json").stdout)
    assert [a["path"].endswith("red\\x1b[31m.txt") for a in listed] == [True]


@pytest.mark.parametrize("where", ["query", "folder"])
def test_an_escape_sequence_the_user_typed_is_printed_as_text(tmp_path, run, where):
    """The audit: `dossier search $'\\e[31mred'` printed the heading with a live escape,
    and a folder named with an OSC sequence put it live in the error."""
    folder = tmp_path / "news"
    write(folder, "story.txt", article_text("Harbour cranes fall silent", topic="harbour"))
    if where == "query":
        done = run("--corpus", str(folder), "search", "\x1b[31mred")
        assert "\\x1b[31mred" in done.stdout
    else:
        done = run("--corpus", str(tmp_path / "\x1b]0;pwn\x07"), "search", "harbour", check=None)
        assert "\\x1b]0;pwn\\x07" in done.stderr
    no_traceback(done)
    assert ESC not in done.stdout + done.stderr and "\x07" not in done.stderr


def test_index_says_which_files_were_read_as_cp1252(tmp_path, run):
    folder = tmp_path / "news"
    text = article_text("Café owners count the cost", topic="harbour")
    write(folder, "legacy.txt", text.encode("cp1252"))
    write(folder, "modern.txt", article_text("Harbour cranes fall silent", topic="harbour"))
    done = run("--corpus", str(folder), "index")
    no_traceback(done)
    assert "legacy.txt: not valid UTF-8; decoded as cp1252" in done.stdout
    assert "modern.txt" not in done.stdout
    as_json = json.loads(run("--corpus", str(folder), "index", "--rebuild", "--json").stdout)
    assert [c["path"].endswith("legacy.txt") for c in as_json["caveats"]] == [True]


def test_show_says_where_an_article_came_from_and_how_it_was_read(tmp_path, run):
    """Before: two saved copies of a page printed alike, with no path, id or url, and a
    file read as cp1252 printed its mojibake with no word of it once `dossier index` had
    said so (or when a search had read it first)."""
    folder = tmp_path / "news"
    text = article_text("Café owners count the cost", topic="harbour")
    write(folder, "legacy.txt", text.encode("cp1252"))
    run("--corpus", str(folder), "search", "harbour")  # read first by a search
    [doc] = json.loads(run("--corpus", str(folder), "docs", "--json").stdout)
    done = run("--corpus", str(folder), "show", doc["id"])
    lines = done.stdout.splitlines()
    assert any(
        line.startswith(f"id {doc['id']} · ") and line.endswith("legacy.txt") for line in lines
    ), lines
    assert "note: not valid UTF-8; decoded as cp1252" in lines
    shown = json.loads(run("--corpus", str(folder), "show", doc["id"], "--json").stdout)
    assert shown["notes"] == ["not valid UTF-8; decoded as cp1252"]


def test_index_says_which_sidecar_could_not_be_applied(tmp_path, run):
    folder = tmp_path / "news"
    write(folder, "story.txt", article_text("Harbour cranes fall silent", topic="harbour"))
    run("--corpus", str(folder), "index")
    # Written after the article was indexed: the next refresh reads the article again.
    write(folder, "story.meta.toml", "source = ABC7 News\n")
    done = run("--corpus", str(folder), "index")
    no_traceback(done)
    assert "story.txt: story.meta.toml: not valid TOML (line 1: " in done.stdout
    assert "its corrections were not applied" in done.stdout


def test_index_counts_a_saved_pages_resource_folder_in_one_line(tmp_path, run):
    folder = tmp_path / "news"
    write(folder, "Harbour story.html", HARBOUR_PAGE)
    resources = folder / "Harbour story_files"
    write(resources, "saved_resource.html", HARBOUR_PAGE.replace("Harbour cranes", "Advert"))
    for name in ("app.js", "style.css", "widget.htm", "logo.png"):
        write(resources, name, "x")
    done = run("--corpus", str(folder), "index")
    no_traceback(done)
    assert "1 saved page's resource folder not read" in done.stdout
    assert "skipped" not in done.stdout.split("\n", 1)[1]  # no line a file
    listed = json.loads(run("--corpus", str(folder), "docs", "--json").stdout)
    assert [a["title"] for a in listed] == ["Harbour cranes fall silent"]


def test_an_untitled_article_is_listed_and_found_by_its_file_name(tmp_path, run):
    folder = tmp_path / "news"
    text = article_text("x", topic="harbour").split("\n\n", 2)[2]  # no headline, no date
    write(folder, "harbour_talks-resume.txt", text)
    listed = json.loads(run("--corpus", str(folder), "docs", "--json").stdout)
    assert [a["title"] for a in listed] == ["harbour talks resume"]
    assert "harbour talks resume" in run("--corpus", str(folder), "docs").stdout
    hits = json.loads(run("--corpus", str(folder), "search", "minister", "--json").stdout)
    assert [h["title"] for h in hits["hits"]] == ["harbour talks resume"]


def test_an_index_built_before_shows_an_untitled_article_by_its_file_name():
    from search.index import from_stored

    stored = {"id": "abcdef", "path": "/news/harbour_talks-resume.txt", "title": ""}
    assert from_stored(stored).title == "harbour talks resume"


# --------------------------------------------------------------------------- exit status


def test_zero_hits_exit_zero(seeds, run):
    done = run("--corpus", seeds, "search", "xyzzyplugh")
    assert "0 hits" in done.stdout
    assert done.stderr == ""


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ('"unbalanced', "quote"),
        ("colour:red", "unknown field"),
        ("the", "common"),
        ("x", "single letter"),
        ("NOT Trump", "NOT"),
        ("Trump AND", "operator"),
    ],
)
def test_bad_query_exits_two_with_a_message(seeds, query, says, run):
    done = run("--corpus", seeds, "search", query, "--json", check=2)
    no_traceback(done)
    assert done.stdout == ""
    assert done.stderr.startswith("dossier: ")
    assert says.lower() in done.stderr.lower()
    assert len(done.stderr.strip().splitlines()) == 1


def test_python_dash_m_gives_the_same_exit_status(seeds):
    """`python -m tui.cli` (how a checkout without the console script runs dossier) must
    treat bad usage as the entry point does: exit 2 and one line, not an internal error."""
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--corpus", seeds, "search", "Trump", "--limit", "0"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == "dossier: --limit must be at least 1"


@pytest.mark.parametrize("query", ["<<", "NOT NOT Trump", "published:<foo"])
def test_odd_query_exits_two_not_one(seeds, query, run):
    """Queries that trip Whoosh itself are still the user's query to fix: exit 2, one line."""
    done = run("--corpus", seeds, "search", query, check=None)
    no_traceback(done)
    assert done.returncode == 2, done.stderr
    assert "--debug" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("search",),
        ("search", "Trump", "--limit", "0"),
        ("search", "Trump", "--limit", "many"),
        ("show",),
        ("no-such-command",),
        ("docs", "--no-such-flag"),
    ],
)
def test_bad_usage_exits_two(seeds, args, run):
    done = run("--corpus", seeds, *args, check=2)
    no_traceback(done)
    assert done.stderr.strip()


def test_missing_corpus_exits_one_with_a_message(tmp_path, run):
    missing = tmp_path / "no-such-folder"
    done = run("--corpus", str(missing), "search", "Trump", check=1)
    no_traceback(done)
    assert str(missing) in done.stderr
    assert done.stdout == ""


def test_the_messages_about_what_to_put_in_a_folder_name_every_kind_dossier_reads(tmp_path, run):
    """A newcomer with a folder of saved web pages or PDFs is not told to bring .txt files."""
    done = run("--corpus", str(tmp_path / "no-such-folder"), "docs", check=1)
    assert ".html" in done.stderr and ".pdf" in done.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run("--corpus", str(empty), "docs")
    assert ".html" in done.stdout + done.stderr and ".pdf" in done.stdout + done.stderr


def test_debug_shows_the_traceback(tmp_path):
    done = dossier("--corpus", str(tmp_path / "nope"), "--debug", "docs", check=None)
    assert done.returncode != 0
    assert "Traceback" in done.stderr


def test_unknown_id_exits_one_and_points_to_docs(seeds, run):
    done = run("--corpus", seeds, "show", "zzzzzz", check=1)
    no_traceback(done)
    assert "dossier docs" in done.stderr


def test_show_accepts_an_id_typed_in_capitals(seeds, run):
    ids = seed_ids(seeds)
    shown = json.loads(run("--corpus", seeds, "show", ids["caliber"].upper(), "--json").stdout)
    assert shown["id"] == ids["caliber"]


def test_version(run):
    done = run("--version")
    assert done.stdout.startswith("dossier ")


# --------------------------------------------------------------------------- which corpus


@pytest.fixture
def two_folders(tmp_path) -> tuple[str, str]:
    a, b = tmp_path / "east", tmp_path / "west"
    write(a, "one.txt", article_text("Harbour cranes fall silent", topic="harbour"))
    write(b, "two.txt", article_text("Grain exports recover", topic="grain"))
    return str(a), str(b)


def titles(done: subprocess.CompletedProcess) -> set[str]:
    return {d["title"] for d in json.loads(done.stdout)}


def test_corpus_is_repeatable(two_folders, run):
    a, b = two_folders
    done = run("--corpus", a, "--corpus", b, "docs", "--json")
    assert titles(done) == {"Harbour cranes fall silent", "Grain exports recover"}


def test_corpus_after_the_subcommand(two_folders, run):
    a, b = two_folders
    done = run("docs", "--corpus", a, "--json")
    assert titles(done) == {"Harbour cranes fall silent"}
    hits = json.loads(run("search", "grain", "--corpus", b, "--json").stdout)["hits"]
    assert [h["title"] for h in hits] == ["Grain exports recover"]


def test_dossier_corpus_environment(two_folders, run):
    a, b = two_folders
    done = run("docs", "--json", env={"DOSSIER_CORPUS": os.pathsep.join([a, b])})
    assert titles(done) == {"Harbour cranes fall silent", "Grain exports recover"}
    # --corpus wins over the environment
    done = run("--corpus", a, "docs", "--json", env={"DOSSIER_CORPUS": b})
    assert titles(done) == {"Harbour cranes fall silent"}


def test_a_missing_folder_in_dossier_corpus_says_it_came_from_the_variable(
    two_folders, tmp_path, run
):
    """Before: "no such folder: …/missing", with nothing to say the name came from an
    environment variable the user may have set months ago."""
    a, _ = two_folders
    gone = tmp_path / "unmounted"
    done = run("docs", env={"DOSSIER_CORPUS": os.pathsep.join([a, str(gone)])}, check=1)
    assert done.stderr == (
        f"dossier: no such folder: {gone} (named in $DOSSIER_CORPUS); correct or unset "
        "the variable, or give --corpus FOLDER\n"
    )
    # --corpus still wins over the variable, whatever it names
    assert run("--corpus", a, "docs", env={"DOSSIER_CORPUS": str(gone)}).returncode == 0
    # and the commands that diagnose it, or run from a shell's start-up file, still work
    config = run("config", "--json", env={"DOSSIER_CORPUS": str(gone)})
    assert json.loads(config.stdout)["corpus_from"] == "$DOSSIER_CORPUS"
    assert "complete" in run("completion", "bash", env={"DOSSIER_CORPUS": str(gone)}).stdout


def test_default_is_the_bundled_corpus_from_any_directory(tmp_path):
    done = dossier("docs", "--json", cwd=tmp_path)
    docs = json.loads(done.stdout)
    assert {Path(d["path"]).name for d in docs} >= {ECONOMIST.name, CALIBER.name}


def test_unwritable_cache_still_answers(seeds_copy, tmp_path):
    seeds = str(seeds_copy)
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    done = dossier(
        "--corpus",
        seeds,
        "search",
        "submarines",
        "--json",
        env={"XDG_CACHE_HOME": str(blocker / "cache")},
    )
    assert json.loads(done.stdout)["total"] == 2
    notices = [line for line in done.stderr.splitlines() if "index kept in memory" in line]
    assert len(notices) == 1


# --------------------------------------------------------------------------- text for people


def test_piped_output_has_no_escape_codes(seeds):
    ids = seed_ids(seeds)
    for args in (("search", "submarines"), ("docs",), ("show", ids["caliber"]), ("index",)):
        done = dossier("--corpus", seeds, *args)
        assert ESC not in done.stdout, args
        assert ESC not in done.stderr, args
        assert done.stdout.strip()


def test_search_for_people_shows_ids_titles_and_snippets(seeds, run):
    done = run("--corpus", seeds, "search", "submarines")
    ids = seed_ids(seeds)
    assert ids["economist"] in done.stdout and ids["caliber"] in done.stdout
    assert "Trump-proof" in done.stdout
    assert "nuclear-powered submarines" in done.stdout


def test_show_for_people_prints_the_article(seeds, run):
    ids = seed_ids(seeds)
    done = run("--corpus", seeds, "show", ids["caliber"])
    out = " ".join(done.stdout.split())
    assert "Trump’s Asia tour: balancing security, uncertainty, bilateral diplomacy" in out
    assert "Trump’s engagement in multilateral forums was minimal." in out
    assert "Views: 53" not in out


def test_terminal_output_highlights_matches(seeds):
    done = dossier(
        "--corpus",
        seeds,
        "search",
        "submarines",
        env={"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "200"},
    )
    # The matched word is styled; the rest of the snippet is plain.
    assert re.search(r"\x1b\[[0-9;]*m(submarines)\x1b\[0?m", done.stdout)


HOSTILE = (
    "Dockers vote to strike\n\n"
    "July 1, 2025\n\n"
    "The union said [bold red]no deal[/] was possible before [link=https://x.example]Friday[/link] at the earliest.\n\n"
    "Members voted \x1b[31mheavily\x1b[0m in favour \x1b]52;c;aGVsbG8=\x07of the walkout, "
    "the \x1b]0;pwned\x07union's ballot showed on Tuesday.\n\n"
    "Negotiators from both sides met on Tuesday and agreed to keep talking about the harbour.\n"
)


@pytest.fixture
def hostile(tmp_path) -> tuple[str, str]:
    folder = tmp_path / "hostile"
    path = write(folder, "strike.txt", HOSTILE)
    return str(folder), ingest.read_article(path, folder).id


def test_show_json_keeps_markup_literally(hostile):
    folder, article_id = hostile
    body = json.loads(dossier("--corpus", folder, "show", article_id, "--json").stdout)["body"]
    assert "[bold red]no deal[/]" in body
    assert "[link=https://x.example]Friday[/link]" in body
    assert ESC not in body and "\x07" not in body and "pwned" not in body


@pytest.mark.parametrize("colour", [False, True])
def test_show_prints_markup_literally_and_no_escapes_from_the_document(hostile, colour):
    folder, article_id = hostile
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "200"} if colour else None
    done = dossier("--corpus", folder, "show", article_id, env=env)
    assert "[bold red]no deal[/]" in done.stdout
    assert "[link=https://x.example]Friday[/link]" in done.stdout
    assert "pwned" not in done.stdout and "]52;" not in done.stdout and "\x07" not in done.stdout
    if colour:
        # only dossier's own colours (SGR) may appear; nothing the document smuggled in
        assert not re.search(r"\x1b(?!\[[0-9;]*m)", done.stdout)
        assert "]8;" not in done.stdout  # no hyperlink from the [link=...] text
    else:
        assert ESC not in done.stdout


@pytest.mark.parametrize("colour", [False, True])
def test_search_prints_markup_literally(hostile, colour):
    folder, _article_id = hostile
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "200"} if colour else None
    done = dossier("--corpus", folder, "search", "deal", env=env)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout)
    assert "[bold red]no deal[/]" in plain
    assert not re.search(r"\x1b(?!\[[0-9;]*m)", done.stdout)


# --------------------------------------------------------------------------- the quick path


def python(script: str) -> subprocess.CompletedProcess:
    """Run ``script`` in a fresh interpreter (what it imports is what we check), from the
    checkout; the tests' isolated environment (no DOSSIER_CORPUS) carries over."""
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_search_does_not_import_textual(seeds):
    """The quick path loads neither the explorer nor the network and asyncio modules that
    Whoosh imports and never uses (see search/_whoosh.py): a third of its start-up."""
    heavy = ("textual", "tui.app", "asyncio", "urllib.request", "ssl", "http.client")
    script = (
        "import sys\n"
        "from tui.cli import main\n"
        f"rc = main(['--corpus', {seeds!r}, 'search', 'submarines', '--json'])\n"
        "assert rc == 0, rc\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r} or m in {heavy!r})\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    done = python(script)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 2


@pytest.mark.parametrize("command", [["docs", "--json"], ["index", "--json"]])
def test_other_lookups_do_not_import_textual_either(seeds, command):
    script = (
        "import sys\n"
        "from tui.cli import main\n"
        f"main(['--corpus', {seeds!r}, *{command!r}])\n"
        "sys.exit(1 if 'textual' in sys.modules else 0)\n"
    )
    done = python(script)
    assert done.returncode == 0, done.stderr


def test_docs_with_a_file_name_that_is_not_utf8(tmp_path):
    folder = tmp_path / "archive"
    write(folder, "good.txt", article_text("Harbour cranes fall silent", topic="harbour"))
    try:
        with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
            handle.write(article_text("Cafe owners protest", topic="espresso").encode())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    done = dossier("--corpus", str(folder), "docs", "--json", check=None)
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    assert "Harbour cranes fall silent" in {d["title"] for d in json.loads(done.stdout)}


@pytest.mark.skipif(shutil.which("script") is None, reason="needs script(1) for a pseudo-terminal")
def test_index_on_a_terminal_shows_progress_then_the_report(seeds_copy):
    """On a terminal `dossier index` draws a progress bar, then leaves the one-line report."""
    command = " ".join(f"'{part}'" for part in [*COMMAND, "--corpus", str(seeds_copy), "index"])
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "TERM": "xterm-256color", "COLUMNS": "100"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", done.stdout)
    assert "indexing" in screen  # the bar's label
    assert "built the index of 2 articles" in screen
    assert "Traceback" not in screen


def test_the_explorer_starts_without_argparse(seeds):
    """`dossier` and `dossier --corpus DIR` go straight to the explorer, timed to its
    first frame: the parser every command needs is not loaded for it."""
    script = (
        "import sys\n"
        "from tui.cli import main\n"
        f"rc = main(['--corpus', {seeds!r}, '--debug'])\n"
        "assert rc == 2, rc  # (no terminal here: refused, once the folders are known)\n"
        "sys.exit(1 if 'argparse' in sys.modules else 0)\n"
    )
    done = python(script)
    assert done.returncode == 0, done.stderr
    assert "the explorer needs a terminal" in done.stderr


def test_explorer_finds_its_folders_without_loading_whoosh():
    """The explorer paints its first screen from the article catalog and loads the index
    after it: finding the corpus folders must not import Whoosh on the way."""
    script = (
        "import argparse, sys\n"
        "from tui.cli import corpus_folders\n"
        "folders = corpus_folders(argparse.Namespace(corpus=None))\n"
        "assert folders and folders[0].is_dir(), folders\n"
        "sys.exit(1 if 'whoosh' in sys.modules else 0)\n"
    )
    done = python(script)
    assert done.returncode == 0, done.stderr


def test_docs_piped_is_one_article_a_line_tab_separated(tmp_path, run):
    """`dossier docs | fzf`, `| grep`: whole articles a line, never wrapped at 80 columns."""
    import sys as _sys

    _sys.path.insert(0, str(REPO / "tests"))
    from tui_corpus import ARTICLES, write_corpus

    folder = write_corpus(tmp_path / "articles")
    long_title = "A very long title " + "that keeps going " * 8 + "to the end"
    (folder / "long.md").write_text(
        f"---\ntitle: {long_title}\nsource: The Coastal Ledger\ndate: 2021-01-02\n---\n\n"
        "Some words of a body.\n",
        encoding="utf-8",
    )
    lines = run("--corpus", str(folder), "docs").stdout.splitlines()
    assert len(lines) == len(ARTICLES) + 1
    rows = [line.split("\t") for line in lines]
    assert all(len(r) == 5 for r in rows), lines
    by_title = {r[4]: r for r in rows}
    assert by_title[long_title][1:4] == ["2021-01-02", "The Coastal Ledger", "5"]
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), reverse=True)  # newest first

    def ids(*args: str) -> set[str]:
        out = run("--corpus", str(folder), "docs", *args).stdout.splitlines()
        return {line.split("\t")[4] for line in out}

    ledger = ids("--source", "coastal ledger")
    assert long_title in ledger and all("Coastal" in by_title[t][2] for t in ledger)
    assert ids("--since", "2023", "--until", "2024-07") == {
        r[4] for r in rows if "2023-01-01" <= r[1] <= "2024-07-31"
    }
    assert ids("--since", "2023-03-14", "--until", "2023-03-14") == {
        r[4] for r in rows if r[1] == "2023-03-14"
    }
    as_json = json.loads(run("--corpus", str(folder), "docs", "--json", "--until", "2022").stdout)
    assert {d["title"] for d in as_json} == {r[4] for r in rows if r[1] <= "2022-12-31"}
    bad = run("--corpus", str(folder), "docs", "--since", "last week", check=2)
    assert "2024-03-14" in bad.stderr


def test_the_help_names_what_a_newcomer_looks_for(run):
    """`dossier search --help` shows the entity: field the README teaches, and
    `dossier --help` says compare also runs across the corpus and writes a briefing."""
    done = run("search", "--help")
    assert 'entity:"Name"' in " ".join(done.stdout.split())
    done = run("--help")
    text = " ".join(done.stdout.split())
    assert "--topic" in text and "--markdown" in text


def test_entities_with_no_id_lists_the_most_named_with_the_counts_entity_gives(seeds, run):
    """`dossier entities` alone is the corpus's who's who: each name with the number of
    articles that mention it, the number `dossier entity NAME` reports too."""
    done = run("--corpus", seeds, "entities", "--json")
    top = json.loads(done.stdout)["entities"]
    assert top and top[0]["articles"] >= top[-1]["articles"]
    for row in top[:5]:
        one = json.loads(run("--corpus", seeds, "entity", row["name"], "--json").stdout)
        assert one["count"] == row["articles"], row
    done = run("--corpus", seeds, "entities")
    assert "Donald Trump" in done.stdout and "dossier entity NAME" in done.stdout


_PORT_STORY = """# Territory premier arrested in Miami

July 1, 2025

The premier of the territory, Ottilie Brannagh, was arrested in Miami on Thursday.
Prosecutors said Brannagh had agreed to take bribes. Brannagh denied the charges.

Caspar Wendell, a port director, said Wendell would resign.
"""
_COUSIN_STORY = """# Cousin questioned over port deal

July 3, 2025

Marcus Brannagh, a cousin of the premier, was questioned by police on Monday.
"""


def test_a_short_form_entities_lists_finds_the_name_in_entity_and_search(tmp_path, run):
    """`dossier entities ID` says "Ottilie Brannagh, also written Brannagh": asking for
    Brannagh (or Mr Wendell) finds the full name, in `dossier entity` and `who:`."""
    folder = tmp_path / "news"
    write(folder, "arrest.md", _PORT_STORY)
    corpus = ["--corpus", str(folder)]
    doc_id = json.loads(run(*corpus, "docs", "--json").stdout)[0]["id"]
    listed = json.loads(run(*corpus, "entities", doc_id, "--json").stdout)["entities"]
    assert any(e["text"] == "Brannagh" and e["canonical"] == "Ottilie Brannagh" for e in listed)
    one = json.loads(run(*corpus, "entity", "Brannagh", "--json").stdout)
    assert one["canonical"] == "Ottilie Brannagh" and one["count"] == 1
    one = json.loads(run(*corpus, "entity", "Mr", "Wendell", "--json").stdout)
    assert one["canonical"] == "Caspar Wendell"
    for query in ("who:Brannagh", "entity:Brannagh", "entity:Wendell"):
        found = json.loads(run(*corpus, "search", query, "--json").stdout)
        assert [h["id"] for h in found["hits"]] == [doc_id], query


def test_a_short_form_two_names_share_is_listed_not_guessed(tmp_path, run):
    """Brannagh is written for Ottilie Brannagh in one article and Marcus Brannagh is
    named in another: `dossier entity Brannagh` lists both and asks which; `who:` finds
    the articles of either."""
    folder = tmp_path / "news"
    write(folder, "arrest.md", _PORT_STORY)
    write(folder, "cousin.md", _COUSIN_STORY)
    corpus = ["--corpus", str(folder)]
    done = run(*corpus, "entity", "Brannagh", check=None)
    assert done.returncode != 0
    no_traceback(done)
    said = " ".join(done.stderr.split())
    assert "Ottilie Brannagh (1 article)" in said and "Marcus Brannagh (1 article)" in said
    done = run(*corpus, "search", "who:Brannagh", "--json")
    assert len(json.loads(done.stdout)["hits"]) == 2
    said = " ".join(done.stderr.split())
    assert "written for 2 names, all matched" in said and "Marcus Brannagh" in said
    one = json.loads(run(*corpus, "entity", "Marcus", "Brannagh", "--json").stdout)
    assert one["count"] == 1


def test_an_alias_of_a_record_no_article_names_gives_way_to_the_articles_name(tmp_path, run):
    """The gazetteer's "Johnson" is a Johnson the articles never name; asking for
    Johnson finds the Johnson they do name, as `who:Johnson` does."""
    from search.entities import lookup

    record = lookup("Johnson")
    assert record is not None and record.canonical != "Boris Johnson"
    folder = tmp_path / "news"
    write(
        folder,
        "brexit.md",
        "# Parliament suspended\n\nAugust 29, 2019\n\nPrime Minister Boris Johnson asked the"
        " Queen to suspend Parliament. Johnson denied that he meant to stop debate.\n",
    )
    one = json.loads(run("--corpus", str(folder), "entity", "Johnson", "--json").stdout)
    assert one["canonical"] == "Boris Johnson" and one["count"] == 1
    found = json.loads(run("--corpus", str(folder), "search", "who:Johnson", "--json").stdout)
    assert len(found["hits"]) == 1


def test_the_explorer_refuses_a_missing_corpus_before_opening(tmp_path, run):
    """`dossier --corpus /nonexistent` opened an empty explorer that said so and exited 0;
    it exits 1 with the message every command gives. An empty folder is still opened."""
    missing = tmp_path / "no-such-folder"
    done = run("--corpus", str(missing), check=1)
    assert f"no such folder: {missing}" in done.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run("--corpus", str(empty), check=2)  # here, no terminal: the explorer's own refusal
    assert "needs a terminal" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("search", "trump"),
        ("docs",),
        ("export",),
        ("show", "{economist}"),
        ("entities", "{economist}"),
        ("entities",),
        ("entity", "Trump"),
        ("compare",),
        ("compare", "--markdown"),
        ("config",),
    ],
    ids=" ".join,
)
def test_a_reader_that_went_away_ends_every_command_quietly_with_status_0(seeds, args):
    """`dossier show ID | head`: before, show, entities, entity and compare ended with
    status 1 (Rich's own broken-pipe handling) where search, docs and export gave 0."""
    ids = seed_ids(seeds)
    dossier("--corpus", seeds, "index")  # built: nothing but the command's output to write
    argv = [a.format(**ids) for a in args]
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first write
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        done = subprocess.run(
            [*COMMAND, "--corpus", seeds, *argv],
            cwd=REPO,
            env=env,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr, done.stderr


def test_compare_takes_the_two_articles_in_date_order_and_says_so_once(seeds, run):
    """Before: `compare LATER EARLIER` weighed the later article's concerns against the
    earlier one's news, under a warning; the explorer sorts by date, and so does this."""
    ids = seed_ids(seeds)  # the Economist (April 2024) is the earlier
    given_in_order = run(
        "--corpus", seeds, "compare", ids["economist"], ids["caliber"], "--markdown"
    )
    assert "date order" not in given_in_order.stderr
    reversed_ = run("--corpus", seeds, "compare", ids["caliber"], ids["economist"], "--markdown")
    assert reversed_.stdout == given_in_order.stdout
    assert "weighed against" in reversed_.stdout
    assert reversed_.stderr.count("compared in date order") == 1, reversed_.stderr
    plain = run("--corpus", seeds, "compare", ids["caliber"], ids["economist"])
    assert plain.stdout.splitlines()[0].startswith("Concerns of  America")


def test_compare_of_an_article_with_itself_is_an_error(seeds, run):
    """Before: a warning, then a full comparison of the article with itself, status 0."""
    ids = seed_ids(seeds)
    for extra in ([], ["--json"], ["--markdown"]):
        done = run("--corpus", seeds, "compare", ids["caliber"], ids["caliber"], *extra, check=1)
        assert done.stdout == ""
        assert done.stderr == (
            f"dossier: {ids['caliber']} is named twice: an article is not compared with "
            "itself; name two different articles\n"
        )


def test_compare_with_one_id_takes_the_dated_article_most_like_it(tmp_path, run):
    """As c does in the explorer: in a folder of two stories the partner is on the
    article's own story, not the newest article."""
    folder = tmp_path / "news"
    shutil.copytree(SEEDS, folder)
    write(
        folder,
        "bakery.txt",
        "Bakery wins the county's bread prize\n\nMay 2, 2026\n\nA family bakery in the "
        "valley won the county fair's prize for its sourdough loaf on Saturday.\n",
    )
    ids = seed_ids(str(folder))
    done = run("--corpus", str(folder), "compare", ids["economist"], "--json")
    result = json.loads(done.stdout)
    assert (result["earlier"]["id"], result["later"]["id"]) == (ids["economist"], ids["caliber"])
    assert f"compared with {ids['caliber']}" in done.stderr
    unknown = run("--corpus", str(folder), "compare", "extra", check=1)
    assert "no article with id 'extra'" in unknown.stderr


def test_search_says_when_it_lists_fewer_hits_than_it_found(seeds, run):
    """Before: "29 hits" over a list of 10, with no word of --limit."""
    cut = run("--corpus", seeds, "search", "Trump", "--limit", "1").stdout.splitlines()[0]
    assert cut.startswith("2 hits for Trump") and cut.endswith("; showing 1: -n 2 for all"), cut
    whole = run("--corpus", seeds, "search", "Trump").stdout.splitlines()[0]
    assert "showing" not in whole, whole


def test_docs_says_why_it_listed_nothing(seeds, run):
    """Before: `docs --since 2026` and `docs --since 2025 --until 2024` printed nothing."""
    after = run("--corpus", seeds, "docs", "--since", "2026")
    assert after.stdout == ""
    assert after.stderr == (
        "dossier: no article matches --since 2026 (the articles are dated 2024-04-09 to "
        "2025-11-06)\n"
    )
    reversed_ = run("--corpus", seeds, "docs", "--since", "2025", "--until", "2024", check=2)
    assert reversed_.stdout == ""
    assert "the date range starts after it ends: write --since 2024 --until 2025" in (
        reversed_.stderr
    )
    source = run("--corpus", seeds, "docs", "--source", "reuters")
    assert source.stderr == "dossier: no article matches --source reuters\n"
    listed = run("--corpus", seeds, "docs", "--since", "2025")
    assert listed.stdout.count("\n") == 1 and listed.stderr == ""


def test_counts_of_one_are_singular(tmp_path, run, monkeypatch):
    """Before: "built the index of 1 articles", "1 words"."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "one"
    write(folder, "a.txt", "---\ntitle: One\npublished: 2024-01-01\n---\n\nWord.\n")
    built = run("--corpus", str(folder), "search", "word")
    assert "dossier: built the index: 1 article\n" in built.stderr, built.stderr
    done = run("--corpus", str(folder), "index", "--rebuild")
    assert done.stdout.startswith("built the index of 1 article in "), done.stdout
    [article_id] = [
        line.split("\t")[0] for line in run("--corpus", str(folder), "docs").stdout.splitlines()
    ]
    shown = run("--corpus", str(folder), "show", article_id).stdout
    assert "· 1 word\n" in shown and "1 words" not in shown, shown


def test_a_lookup_counts_skipped_files_in_one_line_and_index_lists_them(tmp_path, run, monkeypatch):
    """Before: every lookup that refreshed the index repeated a line for every file ever
    skipped, whichever file had changed."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "news"
    write(folder, "good.txt", article_text("Harbour cranes fall silent", topic="harbour"))
    for name in ("photo.txt", "scan.txt", "logo.txt"):
        write(folder, name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    first = run("--corpus", str(folder), "search", "harbour")
    write(folder, "more.txt", article_text("Ferry fares rise again", topic="ferry"))
    refreshed = run("--corpus", str(folder), "search", "harbour")
    for done in (first, refreshed):
        lines = [line for line in done.stderr.splitlines() if "refreshed" not in line]
        lines = [line for line in lines if "built the index" not in line]
        assert lines == [
            "dossier: 3 files skipped, not read as articles: `dossier index` says which and why"
        ], done.stderr
    assert run("--corpus", str(folder), "search", "harbour").stderr == ""  # nothing changed
    listed = run("--corpus", str(folder), "index").stdout
    for name in ("photo.txt", "scan.txt", "logo.txt"):
        assert re.search(rf"  skipped \S*/{re.escape(name)}: ", listed), listed


def test_entities_of_an_article_lists_each_name_once_as_the_readers_panel_does(seeds, run):
    """Before: China twice (5 as a country, 3 as a nationality, through "Chinese") where
    the reader's panel shows China 8: a name's mentions count together whatever their type."""
    ids = seed_ids(seeds)
    mentions = json.loads(run("--corpus", seeds, "entities", ids["economist"], "--json").stdout)
    per_name: dict[str, int] = {}
    for e in mentions["entities"]:
        if e["type"] not in ("DATE", "PERCENT", "MONEY", "QUANTITY"):
            per_name[e["canonical"]] = per_name.get(e["canonical"], 0) + 1
    rows = run("--corpus", seeds, "entities", ids["economist"]).stdout.splitlines()[2:-1]
    listed = [re.split(r"\s{2,}", row.strip()) for row in rows]
    names = [cells[1].removesuffix(" *") for cells in listed]
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
    shown = {cells[1].removesuffix(" *"): int(cells[2]) for cells in listed}
    assert shown["China"] == per_name["China"] == 8
    assert {n: c for n, c in shown.items() if n in per_name} == per_name


def test_a_verdict_follows_its_articles_into_a_corpus_of_more_folders(seeds_copy, tmp_path, run):
    """Before: verdicts were kept per set of folders, so opening the same articles with one
    more folder (`--corpus A --corpus B`) showed none of them ("No concern has an
    analyst's verdict yet") until the extra folder was dropped again."""
    from search import links
    from search.corpus import Corpus

    more = tmp_path / "more"
    write(more, "other.md", "---\ntitle: Unrelated\ndate: 2020-01-01\n---\n\nA harbour reopened.\n")
    ids = seed_ids(str(seeds_copy))
    alone = Corpus.open([seeds_copy])
    result, store = links.comparison(alone, ids["economist"], ids["caliber"])
    concern = result.links[0].concern
    store.set_verdict(concern, result.earlier, result.later, "not borne out")
    store.set_note(concern, result.earlier, result.later, "the alliance held")
    alone.close()

    def judged(*folders: Path) -> list[tuple[str, str]]:
        corpus = [arg for f in folders for arg in ("--corpus", str(f))]
        done = run(*corpus, "compare", ids["economist"], ids["caliber"], "--json")
        shown = json.loads(done.stdout)
        every = [(c["concern"]["text"], c) for c in shown["links"]]
        every += [(c["text"], c) for c in shown["unaddressed"]]
        return [(c["verdict"], c["note"]) for text, c in every if text == concern.span.text]

    assert judged(seeds_copy, more) == [("not borne out", "the alliance held")]

    # Changed with both folders open, it is the new verdict with one folder open too.
    with_more = Corpus.open([seeds_copy, more])
    result, store = links.comparison(with_more, ids["economist"], ids["caliber"])
    store.set_verdict(concern, result.earlier, result.later, "borne out")
    with_more.close()
    assert judged(seeds_copy) == [("borne out", "the alliance held")]


# --------------------------------------------------------------------------- the README


def _readme_usage() -> list[str]:
    """The command lines of the README's usage block, as a newcomer copies them."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Usage.*?```sh\n(.*?)```", text, re.S)
    assert block, "the README has a usage block"
    return [line for line in block.group(1).splitlines() if line.startswith("dossier ")]


def _readme_command(line: str) -> list[str]:
    """A usage line as arguments: its comment, pipe and redirection left off, its ID
    placeholders the bundled corpus' ids (the README says: ids from `dossier docs`)."""
    import shlex

    words = shlex.split(line, comments=True)
    words = words[1 : next((i for i, w in enumerate(words) if w in "|>"), None)]
    ids = iter([seed_ids(str(SEEDS))["caliber"], seed_ids(str(SEEDS))["economist"]])
    return [next(ids) if w == "ID" else w for w in words]


@pytest.mark.parametrize(
    "line",
    # Not the explorer (a terminal of its own), nor the user's own folder.
    [
        line
        for line in _readme_usage()
        if "~/" not in line and line.split("#")[0].strip() != "dossier"
    ],
)
def test_every_usage_example_of_the_readme_works_on_the_bundled_corpus(line, run):
    """`dossier entity Fahie` said "nothing known about 'Fahie'" (exit 1) on the bundled
    corpus, the one a newcomer tries the README on; `docs --source reuters` listed nothing."""
    done = run(*_readme_command(line))
    no_traceback(done)
    assert done.stdout.strip(), (line, done.stderr)
    assert "nothing known" not in done.stderr and "no article" not in done.stderr, line


def _readme_queries() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = re.search(r"\| you type \| finds \|\n(.*?)\n\n", text, re.S)
    assert table, "the README has a table of queries"
    rows = table.group(1).splitlines()[1:]  # past the |---|---| line
    return [q for row in rows for q in re.findall(r"`([^`]+)`", row.split("|")[1])]


@pytest.mark.parametrize("query", _readme_queries())
def test_every_query_of_the_readme_finds_something_in_the_bundled_corpus(query, run):
    done = run("search", query, "--json")
    assert json.loads(done.stdout)["total"] > 0, query
