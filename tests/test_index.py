"""The index: built once, refreshed file by file, shared by two dossiers, kept in
memory when the cache cannot be written."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO, article_text, write

import search.files
import search.index
from search.corpus import Corpus
from search.model import CorpusError


def open_corpus(folder: Path, cache: Path, **kw) -> Corpus:
    return Corpus.open([folder], cache_dir=cache, **kw)


def hit_paths(corpus: Corpus, query: str) -> set[str]:
    return {Path(corpus.get(h.id).path).name for h in corpus.search(query, limit=100).hits}


@pytest.fixture
def news(tmp_path) -> Path:
    folder = tmp_path / "news"
    write(folder, "ports.txt", article_text("Harbour cranes fall silent", topic="harbour"))
    write(folder, "farms.txt", article_text("Grain exports recover", topic="grain"))
    write(folder, "sub/rail.md", article_text("Railway strike ends", topic="railway"))
    return folder


# --------------------------------------------------------------------------- build and reopen


def test_first_open_builds_second_reuses(news, cache_dir):
    first = open_corpus(news, cache_dir)
    assert first.report.rebuilt
    assert sorted(Path(p).name for p in first.report.added) == ["farms.txt", "ports.txt", "rail.md"]
    assert len(first.articles) == 3
    first.close()

    second = open_corpus(news, cache_dir)
    assert not second.report.rebuilt
    assert second.report.added == second.report.updated == second.report.removed == []
    assert second.report.unchanged == 3
    assert hit_paths(second, "railway") == {"rail.md"}
    second.close()


def _open_index_files(cache: Path) -> int:
    """How many of this process' file descriptors are files of an index under ``cache``."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # the listing's own descriptor, gone by now
            count += os.readlink(f"/proc/self/fd/{fd}").startswith(str(cache))
    return count


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_a_corpus_nobody_holds_any_more_closes_its_files_at_once(news, cache_dir):
    """The explorer swaps in a refreshed corpus and cannot close the old one (a screen may
    still use it): its index files must close when the last reference goes, not at some
    later garbage collection (one set of open files per refresh, otherwise)."""
    import gc

    open_corpus(news, cache_dir).close()  # built; what follows only reads
    gc.collect()
    gc.disable()
    try:
        corpus = open_corpus(news, cache_dir)
        # What the explorer asks: a search, its facets, another query's, the reader's
        # highlights (each parses a query, which Whoosh keeps in a cycle of its own).
        corpus.search("railway")
        corpus.search("railway", facets=True)
        corpus.facets("harbour")
        corpus.matches(corpus.articles[0].id, "harbour")
        assert _open_index_files(cache_dir) > 0
        del corpus
        assert _open_index_files(cache_dir) == 0
    finally:
        gc.enable()


def test_index_lives_in_the_cache_dir_not_beside_the_articles(news, cache_dir):
    before = sorted(p.relative_to(news) for p in news.rglob("*"))
    open_corpus(news, cache_dir).close()
    assert sorted(p.relative_to(news) for p in news.rglob("*")) == before
    assert any(cache_dir.rglob(search.index.MANIFEST))


def test_default_cache_is_the_xdg_cache_dir(news, _isolated_xdg):
    corpus = Corpus.open([news])
    assert corpus.search("grain").total == 1
    corpus.close()
    assert any((_isolated_xdg / "cache").rglob(search.index.MANIFEST))


def test_seeds_index(seed_corpus):
    assert len(seed_corpus.articles) == 2
    assert seed_corpus.skipped == ()
    # newest first
    assert seed_corpus.articles[0].published > seed_corpus.articles[1].published


def test_stored_article_equals_ingested(seeds_copy, cache_dir):
    from search import ingest

    corpus = open_corpus(seeds_copy, cache_dir)
    for _root, path in ingest.discover([seeds_copy]):
        fresh = ingest.read_article(path, seeds_copy)
        stored = corpus.get(fresh.id)
        assert stored == fresh
    corpus.close()


# --------------------------------------------------------------------------- incremental refresh


def test_added_file_is_indexed_and_searchable(news, cache_dir):
    open_corpus(news, cache_dir).close()
    write(news, "later/ships.txt", article_text("Shipyard orders rise", topic="shipyard"))
    corpus = open_corpus(news, cache_dir)
    assert [Path(p).name for p in corpus.report.added] == ["ships.txt"]
    assert corpus.report.updated == corpus.report.removed == []
    assert corpus.report.unchanged == 3
    assert not corpus.report.rebuilt
    assert hit_paths(corpus, "shipyard") == {"ships.txt"}
    corpus.close()


def test_a_refresh_finds_what_a_build_of_the_same_files_finds(news, cache_dir, tmp_path):
    """A refresh writes its segment another way (posting blocks left uncompressed):
    words, phrases, wildcards and entities find the same articles, in the same order."""
    open_corpus(news, cache_dir).close()
    write(news, "later/ships.txt", article_text("Shipyard orders rise", topic="shipyard"))
    write(news, "farms.txt", article_text("Grain exports recover in Kenya", topic="harbour"))
    refreshed = open_corpus(news, cache_dir)
    assert len(refreshed.report.added) == len(refreshed.report.updated) == 1
    built = open_corpus(news, tmp_path / "other-cache")
    assert built.report.rebuilt
    queries = ["shipyard", '"shipyard orders"', "ship*", "harbour", "grain OR railway",
               'entity:"kenya"', "harbour -cranes"]  # fmt: skip
    for query in queries:
        found = [(h.id, h.title) for h in refreshed.search(query, limit=50).hits]
        assert found == [(h.id, h.title) for h in built.search(query, limit=50).hits], query
    assert hit_paths(refreshed, '"shipyard orders"') == {"ships.txt"}
    refreshed.close()
    built.close()


def test_changed_file_is_updated_new_words_found_old_gone(news, cache_dir):
    before = open_corpus(news, cache_dir)
    old_id = next(a.id for a in before.articles if a.path.endswith("ports.txt"))
    before.close()
    path = news / "ports.txt"
    path.write_text(
        article_text("Harbour reopens to container ships", topic="quokka"), encoding="utf-8"
    )
    os.utime(path, ns=(time.time_ns() + 10**9,) * 2)  # a later mtime, as an editor would leave

    corpus = open_corpus(news, cache_dir)
    assert [Path(p).name for p in corpus.report.updated] == ["ports.txt"]
    assert corpus.report.added == corpus.report.removed == []
    assert corpus.report.unchanged == 2
    assert hit_paths(corpus, "quokka") == {"ports.txt"}
    assert hit_paths(corpus, "harbour") == {"ports.txt"}  # still in the new title
    assert hit_paths(corpus, "cranes") == set()  # the old title is gone
    assert corpus.get(old_id).title == "Harbour reopens to container ships"
    assert len(corpus.articles) == 3
    corpus.close()


def _segments(corpus: Corpus) -> list[str]:
    """The names of the index's segments, as its table of contents lists them."""
    from whoosh import index as windex

    return [s.segment_id() for s in windex.open_dir(str(corpus._index.directory))._segments()]


def test_a_refresh_writes_a_segment_of_its_own_and_rewrites_none(news, cache_dir):
    """An edit is a small new segment and a deletion mark in the old one; the segment a
    build wrote is kept as it is (rewriting it is what made some refreshes take seconds),
    and a segment whose every document was replaced since is dropped."""
    built = _segments(open_corpus(news, cache_dir))
    path = news / "ports.txt"
    for n, topic in enumerate(["quokka", "wombat"], 1):
        path.write_text(article_text(f"Harbour edit {n}", topic=topic), encoding="utf-8")
        os.utime(path, ns=(time.time_ns() + n * 10**9,) * 2)
        corpus = open_corpus(news, cache_dir)
        assert [Path(p).name for p in corpus.report.updated] == ["ports.txt"]
        segments = _segments(corpus)
        assert segments[: len(built)] == built and len(segments) == len(built) + 1
        assert hit_paths(corpus, topic) == {"ports.txt"}
        assert hit_paths(corpus, "quokka" if topic == "wombat" else "cranes") == set()
        assert hit_paths(corpus, "grain") == {"farms.txt"}
        assert len(corpus.articles) == 3
        corpus.close()
    (news / "farms.txt").unlink()
    corpus = open_corpus(news, cache_dir)
    assert hit_paths(corpus, "grain") == set() and len(corpus.articles) == 2
    corpus.close()


def test_many_refreshes_merge_their_small_segments_not_the_build(news, cache_dir, monkeypatch):
    monkeypatch.setattr(search.index, "MAX_SEGMENTS", 4)
    built = _segments(open_corpus(news, cache_dir))
    for i in range(7):
        write(news, f"later/story{i}.txt", article_text(f"Later story {i}", topic=f"topic{i}x"))
        corpus = open_corpus(news, cache_dir)
        assert len(_segments(corpus)) <= 4
        assert _segments(corpus)[: len(built)] == built  # the largest: never merged
        corpus.close()
    corpus = open_corpus(news, cache_dir)
    assert all(hit_paths(corpus, f"topic{i}x") == {f"story{i}.txt"} for i in range(7))
    assert len(corpus.articles) == 10
    corpus.close()


def test_removed_file_is_dropped(news, cache_dir):
    first = open_corpus(news, cache_dir)
    gone_id = next(a.id for a in first.articles if a.path.endswith("farms.txt"))
    first.close()
    (news / "farms.txt").unlink()
    corpus = open_corpus(news, cache_dir)
    assert [Path(p).name for p in corpus.report.removed] == ["farms.txt"]
    assert corpus.report.unchanged == 2
    assert hit_paths(corpus, "grain") == set()
    assert len(corpus.articles) == 2
    with pytest.raises(CorpusError):
        corpus.get(gone_id)
    corpus.close()


def test_touch_without_change_is_not_reindexed(news, cache_dir):
    open_corpus(news, cache_dir).close()
    path = news / "ports.txt"
    os.utime(path, ns=(time.time_ns() + 5 * 10**9,) * 2)
    corpus = open_corpus(news, cache_dir)
    assert corpus.report.updated == corpus.report.added == corpus.report.removed == []
    assert corpus.report.unchanged == 3
    corpus.close()
    # ... and the new mtime was remembered: a third open reads nothing again.
    again = open_corpus(news, cache_dir)
    assert again.report.unchanged == 3 and again.report.updated == []
    again.close()


def test_bad_file_is_skipped_with_a_reason_the_rest_indexed(news, cache_dir):
    write(news, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(news, "blank.md", b"  \n\n")
    corpus = open_corpus(news, cache_dir)
    skipped = {Path(s.path).name: s.reason for s in corpus.skipped}
    assert set(skipped) == {"photo.txt", "blank.md"}
    assert "binary" in skipped["photo.txt"]
    assert "empty" in skipped["blank.md"]
    assert len(corpus.articles) == 3
    assert hit_paths(corpus, "railway") == {"rail.md"}
    corpus.close()

    # Reopened without changes, the skipped files are still reported, not re-read as new.
    again = open_corpus(news, cache_dir)
    assert {Path(s.path).name for s in again.skipped} == {"photo.txt", "blank.md"}
    assert again.report.added == []
    again.close()

    # Fixed, it is indexed.
    (news / "blank.md").write_text(
        article_text("Blank no more", topic="lighthouse"), encoding="utf-8"
    )
    fixed = open_corpus(news, cache_dir)
    assert [Path(p).name for p in fixed.report.added] == ["blank.md"]
    assert {Path(s.path).name for s in fixed.skipped} == {"photo.txt"}
    assert hit_paths(fixed, "lighthouse") == {"blank.md"}
    fixed.close()


def test_file_that_turns_bad_leaves_the_index(news, cache_dir):
    open_corpus(news, cache_dir).close()
    (news / "farms.txt").write_bytes(b"")
    corpus = open_corpus(news, cache_dir)
    assert hit_paths(corpus, "grain") == set()
    assert {Path(s.path).name for s in corpus.skipped} == {"farms.txt"}
    assert len(corpus.articles) == 2
    corpus.close()


def test_schema_version_bump_builds_a_new_index(news, cache_dir, monkeypatch):
    open_corpus(news, cache_dir).close()
    monkeypatch.setattr(search.index, "SCHEMA_VERSION", search.index.SCHEMA_VERSION + 100)
    corpus = open_corpus(news, cache_dir)
    assert corpus.report.rebuilt
    assert len(corpus.report.added) == 3
    assert corpus.search("grain").total == 1
    corpus.close()


def test_rebuild_starts_over(news, cache_dir):
    open_corpus(news, cache_dir).close()
    corpus = open_corpus(news, cache_dir, rebuild=True)
    assert corpus.report.rebuilt
    assert len(corpus.report.added) == 3
    assert len(corpus.articles) == 3  # not six
    corpus.close()


def test_rebuild_forgets_the_words_of_removed_files(news, cache_dir):
    """Did you mean offers only words the rebuilt index has."""
    open_corpus(news, cache_dir).close()
    (news / "farms.txt").unlink()
    corpus = open_corpus(news, cache_dir, rebuild=True)
    assert "grain" not in corpus._index.vocabulary
    assert "railway" in corpus._index.vocabulary
    corpus.close()


def test_damaged_manifest_rebuilds(news, cache_dir):
    open_corpus(news, cache_dir).close()
    for manifest in cache_dir.rglob(search.index.MANIFEST):
        manifest.write_text("{ not json", encoding="utf-8")
    corpus = open_corpus(news, cache_dir)
    assert len(corpus.articles) == 3
    assert corpus.search("railway").total == 1
    corpus.close()


def test_damaged_index_files_are_rebuilt_not_fatal(news, cache_dir):
    """A half-written or truncated index (disk full, killed mid-write) is rebuilt."""
    open_corpus(news, cache_dir).close()
    damaged = 0
    for seg in cache_dir.rglob("*.seg"):
        seg.write_bytes(b"\x00garbage")
        damaged += 1
    for toc in cache_dir.rglob("*.toc"):
        toc.write_bytes(b"\x00garbage")
        damaged += 1
    assert damaged
    corpus = open_corpus(news, cache_dir)
    assert len(corpus.articles) == 3
    assert corpus.search("railway").total == 1
    corpus.close()


@pytest.mark.parametrize("rebuild", [False, True])
def test_index_with_segment_files_gone_is_rebuilt(news, cache_dir, rebuild):
    """Cache cleaners delete old files one by one: a table of contents whose segments are
    gone must be rebuilt, not crash every command."""
    open_corpus(news, cache_dir).close()
    segments = list(cache_dir.rglob("*.seg"))
    assert segments
    for seg in segments:
        seg.unlink()
    corpus = open_corpus(news, cache_dir, rebuild=rebuild)
    assert corpus.search("railway").total == 1
    assert len(corpus.articles) == 3
    corpus.close()


def test_rebuild_recovers_a_damaged_index(news, cache_dir):
    """`dossier index --rebuild` is what a user tries when the index is broken: it must work."""
    open_corpus(news, cache_dir).close()
    for toc in cache_dir.rglob("*.toc"):
        toc.write_bytes(b"\x00garbage")
    corpus = open_corpus(news, cache_dir, rebuild=True)
    assert corpus.report.rebuilt
    assert corpus.search("railway").total == 1
    corpus.close()


def test_five_megabyte_single_line_is_indexed_and_found(tmp_path, cache_dir):
    from test_ingest import within

    folder = tmp_path / "huge"
    unit = "the harbour cranes were idle again today "
    write(
        folder,
        "huge.txt",
        "Quokkaphobia begins here. " + unit * (5_000_000 // len(unit)) + "zebracorn ends it.",
    )
    write(folder, "small.txt", article_text("Grain exports recover", topic="grain"))

    def work():
        corpus = open_corpus(folder, cache_dir)
        result = corpus.search("zebracorn")  # the very end of the line
        snippet = result.hits[0].snippets[0] if result.hits else None
        answer = (
            list(corpus.skipped),
            [Path(corpus.get(h.id).path).name for h in result.hits],
            [snippet.text[a:b] for a, b in snippet.highlights] if snippet else [],
            hit_paths(corpus, "grain"),
        )
        corpus.close()
        return answer

    skipped, zebra, marked, grain = within(180, work)
    assert skipped == []
    assert zebra == ["huge.txt"]
    assert marked == ["zebracorn"]
    assert grain == {"small.txt"}


def test_progress_is_reported(news, cache_dir):
    calls = []
    open_corpus(news, cache_dir, progress=lambda n, total, path: calls.append((n, total))).close()
    assert calls and calls[-1] == (3, 3)


# --------------------------------------------------------------------------- folders


def test_several_folders_one_corpus(news, tmp_path, cache_dir):
    other = tmp_path / "archive"
    write(other, "old.txt", article_text("Ferry service restored", topic="ferry"))
    corpus = Corpus.open([news, other], cache_dir=cache_dir)
    assert len(corpus.articles) == 4
    assert hit_paths(corpus, "ferry") == {"old.txt"}
    assert corpus.key == Corpus.open([other, news], cache_dir=cache_dir).key
    assert corpus.key != open_corpus(news, cache_dir).key


def test_relative_and_absolute_folder_are_the_same_corpus(news, tmp_path, cache_dir, monkeypatch):
    """`dossier --corpus news` in one shell and `--corpus ~/x/news` in another: one index,
    nothing re-read, and every path still opens from wherever the user stands."""
    monkeypatch.chdir(news.parent)
    first = Corpus.open([Path("news")], cache_dir=cache_dir)
    first.close()
    monkeypatch.chdir(tmp_path.parent)
    again = Corpus.open([news], cache_dir=cache_dir)
    assert again.report.added == again.report.removed == again.report.updated == []
    assert again.report.unchanged == 3
    monkeypatch.chdir(cache_dir)
    for article in again.articles:
        assert Path(article.path).is_file(), article.path
    again.close()


def test_two_folders_with_the_same_name_keep_distinct_ids(tmp_path, cache_dir):
    a, b = tmp_path / "a" / "news", tmp_path / "b" / "news"
    write(a, "story.txt", article_text("Harbour cranes fall silent", topic="harbour"))
    write(b, "story.txt", article_text("Grain exports recover", topic="grain"))
    corpus = Corpus.open([a, b], cache_dir=cache_dir)
    ids = {x.id for x in corpus.articles}
    assert len(ids) == 2
    assert {corpus.get(i).title for i in ids} == {
        "Harbour cranes fall silent",
        "Grain exports recover",
    }
    corpus.close()


def test_empty_folder_is_an_empty_corpus(tmp_path, cache_dir):
    (tmp_path / "empty").mkdir()
    corpus = open_corpus(tmp_path / "empty", cache_dir)
    assert corpus.articles == ()
    assert corpus.search("anything").total == 0
    corpus.close()


def test_missing_folder_says_so(tmp_path, cache_dir):
    with pytest.raises(CorpusError) as info:
        open_corpus(tmp_path / "nowhere", cache_dir)
    assert "nowhere" in str(info.value)


def test_unknown_id_says_how_to_find_ids(seed_corpus):
    with pytest.raises(CorpusError) as info:
        seed_corpus.get("zzzzzz")
    assert "dossier docs" in str(info.value)


def test_ids_typed_in_upper_case_still_work(seed_corpus):
    article = seed_corpus.articles[0]
    assert seed_corpus.get(article.id.upper()).id == article.id
    assert seed_corpus.get(f" {article.id} ").id == article.id


# --------------------------------------------------------------------------- read-only cache


def test_unwritable_cache_keeps_the_index_in_memory(news, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a directory would have to be")
    corpus = open_corpus(
        news, blocker / "cache"
    )  # cannot be created: we run as root, so chmod would not do
    assert corpus.report.in_memory
    notices = [n for n in corpus.notices if "index kept in memory" in n]
    assert len(notices) == 1 and "\n" not in notices[0]
    assert hit_paths(corpus, "railway") == {"rail.md"}
    assert len(corpus.articles) == 3
    corpus.close()
    assert blocker.read_text() == "a file where a directory would have to be"


def test_writable_cache_has_no_notice(news, cache_dir):
    corpus = open_corpus(news, cache_dir)
    assert corpus.notices == ()
    assert not corpus.report.in_memory
    corpus.close()


# --------------------------------------------------------------------------- two at once


def test_two_threads_open_the_same_corpus(news, cache_dir):
    for i in range(30):
        write(
            news,
            f"bulk/{i:02}.txt",
            article_text(f"Story number {i} about the coast", topic=f"topic{i}"),
        )
    results: dict[int, object] = {}

    def worker(n: int) -> None:
        try:
            c = open_corpus(news, cache_dir)
            results[n] = (len(c.articles), c.search("topic7").total)
            c.close()
        except Exception as exc:  # noqa: BLE001 - reported below
            results[n] = exc

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == {0: (33, 1), 1: (33, 1)}


def test_one_corpus_searched_from_two_threads(seed_corpus):
    """One corpus shared by the explorer's workers: each search, interleaved with the
    other thread's, gives the totals and hits it gives alone."""
    words = ["Trump", "submarine", "Kishida", "Hegseth"]
    alone = {w: (r.total, [h.id for h in r.hits]) for w in words for r in [seed_corpus.search(w)]}
    assert len({total for total, _ids in alone.values()}) > 1  # words that tell results apart
    answers: list[tuple[str, int, list[str]]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def worker(mine: list[str]) -> None:
        try:
            start.wait()
            for _ in range(20):
                for w in mine:
                    r = seed_corpus.search(w)
                    answers.append((w, r.total, [h.id for h in r.hits]))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(w,)) for w in (words[:2], words[2:])]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(answers) == 80
    assert all((total, ids) == alone[w] for w, total, ids in answers)


def _cli(corpus: Path, cache_home: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(REPO)}
    env.pop("DOSSIER_CORPUS", None)
    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--corpus", str(corpus), *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_at_once_on_a_fresh_corpus(tmp_path):
    corpus = tmp_path / "fifty"
    for i in range(50):
        topic = "lighthouse" if i % 10 == 3 else f"subject{i}"
        write(
            corpus, f"{i:02}.txt", article_text(f"Coastal story {i}", body_sentences=6, topic=topic)
        )
    cache_home = tmp_path / "shared-cache"
    cache_home.mkdir()

    procs = [
        _cli(corpus, cache_home, "search", "lighthouse", "--json", "--limit", "50")
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err
        data = json.loads(out)
        assert data["total"] == 5
        assert len(data["hits"]) == 5

    third = _cli(corpus, cache_home, "index", "--json")
    out, err = third.communicate(timeout=120)
    assert third.returncode == 0, err
    report = json.loads(out)
    assert report["articles"] == 50
    assert not report["rebuilt"]
    assert report["added"] == report["updated"] == report["removed"] == []
    assert report["unchanged"] == 50

    fourth = _cli(corpus, cache_home, "search", "subject17", "--json")
    out, err = fourth.communicate(timeout=120)
    assert fourth.returncode == 0, err
    assert json.loads(out)["total"] == 1


def _hold_until_locked(proc: subprocess.Popen, cache_dir: Path) -> None:
    """Wait until ``proc`` holds the index lock (it waits for us, so it cannot end first)."""
    import fcntl

    while True:
        assert proc.poll() is None, "the other dossier ended before it took the lock"
        locks = list(cache_dir.rglob(".dossier.lock"))
        if locks:
            with open(locks[0], "a+") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    return
                fcntl.flock(handle, fcntl.LOCK_UN)
        time.sleep(0.01)


def _two_hundred_stories(folder: Path) -> Path:
    for i in range(200):
        write(folder, f"{i:03}.txt", article_text(f"Coastal story {i}", topic=f"subject{i}"))
    return folder


def _paused_dossier(folder: Path, cache_dir: Path, go: Path, *, rebuild: bool) -> subprocess.Popen:
    """Another dossier opening ``folder`` that, having read its first file (holding the
    lock), waits until the file ``go`` exists: the race is held open, not hoped for."""
    code = (
        "import sys, time; from pathlib import Path; from search.corpus import Corpus\n"
        "go = Path(sys.argv[4])\n"
        "def progress(n, total, path):\n"
        "    while n == 1 and not go.exists():\n"
        "        time.sleep(0.01)\n"
        "Corpus.open([Path(sys.argv[1])], cache_dir=Path(sys.argv[2]), "
        "rebuild=sys.argv[3] == '1', progress=progress).close()\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, str(folder), str(cache_dir), "1" if rebuild else "0", go],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_reader_during_another_process_rebuild_sees_the_articles(tmp_path, cache_dir):
    """One SSH session runs `dossier index --rebuild`; a search in the other meanwhile must
    still find what is there (or wait), never answer from an emptied index."""
    folder = _two_hundred_stories(tmp_path / "many")
    open_corpus(folder, cache_dir).close()
    go = tmp_path / "go"
    rebuild = _paused_dossier(folder, cache_dir, go, rebuild=True)
    seen: list[int] = []
    try:
        _hold_until_locked(rebuild, cache_dir)
        for _ in range(2):  # the rebuild is under way, paused, all along
            corpus = open_corpus(folder, cache_dir)
            seen.append(len(corpus.articles))
            assert corpus.search("subject7").total == 1
            corpus.close()
        assert rebuild.poll() is None
    finally:
        go.touch()
        rebuild.wait(120)
    assert rebuild.returncode == 0
    assert seen == [200, 200]


def test_second_dossier_during_the_first_build_waits_for_it(tmp_path, cache_dir, monkeypatch):
    """Two sessions open a new corpus at once; the first build takes a while (a big
    folder, a slow disk). The second has nothing to show yet: it must wait, not show an
    empty corpus."""
    import search.locks

    folder = _two_hundred_stories(tmp_path / "fresh")
    go = tmp_path / "go"
    waiting = threading.Event()
    real_try = search.locks._try

    def attempt(path, lock):
        outcome = real_try(path, lock)
        if outcome == "busy":
            waiting.set()  # the second found the first building: now let the first go on
        return outcome

    monkeypatch.setattr(search.locks, "_try", attempt)
    first = _paused_dossier(folder, cache_dir, go, rebuild=False)
    opened: list[Corpus] = []
    try:
        _hold_until_locked(first, cache_dir)
        second = threading.Thread(target=lambda: opened.append(open_corpus(folder, cache_dir)))
        second.start()
        assert waiting.wait(60)
        go.touch()
        second.join(120)
        assert len(opened[0].articles) == 200
        assert opened[0].search("subject7").total == 1
        assert any(n.startswith("waited") for n in opened[0].notices)
        opened[0].close()
    finally:
        go.touch()
        first.wait(120)
    assert first.returncode == 0


@pytest.mark.timeout(80)  # a hang guard: the other process holds the lock for 90 s
def test_open_while_another_process_holds_the_index_lock(news, cache_dir):
    """Another dossier mid-refresh: we still answer from the index as it was."""
    first = open_corpus(news, cache_dir)
    first.close()
    lock = next(cache_dir.rglob(".dossier.lock"))
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time\n"
            f"h = open({str(lock)!r}, 'a+')\n"
            "fcntl.flock(h, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "time.sleep(90)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        write(news, "new.txt", article_text("Lighthouse keepers return", topic="lighthouse"))
        corpus = open_corpus(news, cache_dir)  # without waiting the holder's 90 s out
        assert len(corpus.articles) == 3  # the index as it was
        assert corpus.notices  # and says why the new file is not there yet
        corpus.close()
    finally:
        holder.kill()
        holder.wait()
    after = open_corpus(news, cache_dir)
    assert hit_paths(after, "lighthouse") == {"new.txt"}
    after.close()


# --------------------------------------------------------------------------- the quick path


def _settle(*folders: Path) -> None:
    """Date folders' mtimes back past the racy window, as minutes of quiet would."""
    past = time.time_ns() - 60 * 10**9
    for folder in folders:
        os.utime(folder, ns=(past, past))


def test_quick_open_trusts_the_index_without_walking_the_files(news, cache_dir, monkeypatch):
    """`dossier search` on 50,000 files must not list or stat each of them."""
    _settle(news, news / "sub")
    open_corpus(news, cache_dir).close()

    def no_walk(*_args, **_kw):
        raise AssertionError("the quick path walked the corpus")

    monkeypatch.setattr(search.files, "discover", no_walk)
    monkeypatch.setattr(search.files, "scan", no_walk)
    corpus = open_corpus(news, cache_dir, quick=True)
    assert corpus.report.trusted
    assert hit_paths(corpus, "railway") == {"rail.md"}
    assert len(corpus.articles) == 3
    corpus.close()


@pytest.mark.parametrize("change", ["add", "remove", "rename", "add in a sub-folder"])
def test_quick_open_refreshes_when_a_folder_changed_and_says_what(news, cache_dir, change):
    _settle(news, news / "sub")
    open_corpus(news, cache_dir).close()
    if change == "add":
        write(news, "ships.txt", article_text("Shipyard orders rise", topic="shipyard"))
    elif change == "remove":
        (news / "farms.txt").unlink()
    elif change == "rename":
        (news / "farms.txt").rename(news / "grain.txt")
    else:
        write(news, "sub/ships.txt", article_text("Shipyard orders rise", topic="shipyard"))
    corpus = open_corpus(news, cache_dir, quick=True)
    report = corpus.report
    assert not report.trusted
    names = {
        "added": sorted(Path(p).name for p in report.added),
        "removed": sorted(Path(p).name for p in report.removed),
    }
    expected = {
        "add": {"added": ["ships.txt"], "removed": []},
        "remove": {"added": [], "removed": ["farms.txt"]},
        "rename": {"added": ["grain.txt"], "removed": ["farms.txt"]},
        "add in a sub-folder": {"added": ["ships.txt"], "removed": []},
    }[change]
    assert names == expected
    corpus.close()
    # ... and recorded: the next quick open trusts the index again.
    _settle(news, news / "sub")
    open_corpus(news, cache_dir).close()
    again = open_corpus(news, cache_dir, quick=True)
    assert again.report.trusted
    again.close()


def test_quick_open_keeps_what_was_skipped(news, cache_dir):
    write(news, "blank.md", b"  \n\n")
    _settle(news, news / "sub")
    open_corpus(news, cache_dir).close()
    corpus = open_corpus(news, cache_dir, quick=True)
    assert corpus.report.trusted
    assert [Path(s.path).name for s in corpus.skipped] == ["blank.md"]
    corpus.close()


def test_exact_open_finds_an_edit_in_place_the_quick_one_trusted(news, cache_dir):
    _settle(news, news / "sub")
    open_corpus(news, cache_dir).close()
    path = news / "ports.txt"
    folder_mtime = news.stat().st_mtime_ns
    path.write_text(article_text("Harbour reopens", topic="quokka"), encoding="utf-8")
    os.utime(path, ns=(time.time_ns() + 10**9,) * 2)
    os.utime(news, ns=(folder_mtime, folder_mtime))  # an edit in place keeps the folder's
    assert open_corpus(news, cache_dir, quick=True).report.trusted
    corpus = open_corpus(news, cache_dir)
    assert [Path(p).name for p in corpus.report.updated] == ["ports.txt"]
    assert hit_paths(corpus, "quokka") == {"ports.txt"}
    corpus.close()


def test_a_folder_changed_just_before_a_refresh_is_checked_again(news, cache_dir):
    """A file added in the same clock tick as the refresh leaves the folder's mtime as the
    refresh saw it: a folder changed that recently is never trusted on its mtime."""
    open_corpus(news, cache_dir).close()  # the folders were written a moment ago
    assert not open_corpus(news, cache_dir, quick=True).report.trusted


def test_a_source_known_by_its_address_is_found_by_its_name(news, cache_dir):
    """Clipped pages often name their publisher by its site ("Reuters.com", "DW.COM",
    "TheAtlantic.com"): ``source:reuters`` finds it, as ``dossier docs --source reuters``
    lists it, and ``source:atlantic`` the site written in capitals."""
    write(news, "ports.meta.toml", 'source = "Reuters.com"\n')
    corpus = open_corpus(news, cache_dir)
    assert hit_paths(corpus, "source:reuters") == {"ports.txt"}
    assert hit_paths(corpus, "source:reuters.com") == {"ports.txt"}
    assert hit_paths(corpus, "source:REUTERS") == {"ports.txt"}
    corpus.close()

    write(news, "ports.meta.toml", 'source = "TheAtlantic.com"\n')  # its name in capitals
    corpus = open_corpus(news, cache_dir)
    for query in ("source:atlantic", "source:theatlantic", "source:TheAtlantic.com"):
        assert hit_paths(corpus, query) == {"ports.txt"}, query
    assert hit_paths(corpus, "source:reuters") == set()
    corpus.close()


# --------------------------------------------------------------------------- sidecars and odd names


def test_added_or_edited_sidecar_takes_effect(news, cache_dir):
    """`story.meta.toml` is how a user fixes a story's metadata: the next open must use it."""
    open_corpus(news, cache_dir).close()
    write(news, "ports.meta.toml", 'source = "Harbour Gazette"\n')
    corpus = open_corpus(news, cache_dir)
    assert hit_paths(corpus, "source:gazette") == {"ports.txt"}
    corpus.close()

    write(news, "ports.meta.toml", 'source = "Quayside Courier"\n')
    corpus = open_corpus(news, cache_dir)
    assert hit_paths(corpus, "source:courier") == {"ports.txt"}
    assert hit_paths(corpus, "source:gazette") == set()
    corpus.close()


def test_file_name_that_is_not_utf8_does_not_break_the_corpus(news, cache_dir):
    """Archives copied from old systems carry names in other encodings; the rest must still work."""
    try:
        with open(os.path.join(os.fsencode(news), b"caf\xe9.txt"), "wb") as handle:
            handle.write(article_text("Cafe owners protest", topic="espresso").encode())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    corpus = open_corpus(news, cache_dir)
    assert hit_paths(corpus, "railway") == {"rail.md"}
    assert len(corpus.articles) + len(corpus.skipped) == 4
    for article in corpus.articles:
        json.dumps(article.path, ensure_ascii=False).encode(
            "utf-8"
        )  # as `dossier docs --json` prints it
    corpus.close()


def test_symlinked_folder_inside_the_corpus_is_read_and_loops_do_not_hang(
    news, tmp_path, cache_dir
):
    """Analysts link shared folders into their own (`~/articles/team -> /mnt/share/team`)."""
    shared = tmp_path / "shared"
    write(shared, "memo.txt", article_text("Ferry service restored", topic="ferry"))
    (news / "team").symlink_to(shared, target_is_directory=True)
    (shared / "back").symlink_to(news, target_is_directory=True)  # a loop
    corpus = open_corpus(news, cache_dir)
    assert hit_paths(corpus, "ferry") == {"memo.txt"}
    assert len(corpus.articles) == 4  # each file once, however many ways it can be reached
    corpus.close()


def test_articles_newest_first_undated_last_by_title(tmp_path, cache_dir):
    folder = tmp_path / "mixed"
    write(
        folder,
        "a.txt",
        "---\ntitle: Zebra crossing repainted\n---\n" + article_text("x").split("\n\n", 2)[2],
    )
    write(
        folder,
        "b.txt",
        "---\ntitle: Older story\npublished: 2023-05-01\n---\n"
        + article_text("x").split("\n\n", 2)[2],
    )
    write(
        folder,
        "c.txt",
        "---\ntitle: Apple harvest undated\n---\n" + article_text("x").split("\n\n", 2)[2],
    )
    write(
        folder,
        "d.txt",
        "---\ntitle: Newest story\npublished: 2025-02-01\n---\n"
        + article_text("x").split("\n\n", 2)[2],
    )
    corpus = open_corpus(folder, cache_dir)
    assert [a.title for a in corpus.articles] == [
        "Newest story",
        "Older story",
        "Apple harvest undated",
        "Zebra crossing repainted",
    ]
    corpus.close()


def test_whoosh_stand_ins_do_not_outlive_whoosh_import(tmp_path):
    """search/_whoosh.py keeps two modules Whoosh never uses out of the quick path; code
    that imports them afterwards still gets the real ones, and Whoosh still works."""
    script = (
        "import sys\n"
        "import search.index\n"
        "assert 'urllib.request' not in sys.modules and 'cached_property' not in sys.modules\n"
        "import urllib.request, cached_property\n"
        "assert callable(urllib.request.urlopen)\n"
        "assert hasattr(cached_property, 'threaded_cached_property')\n"
        "import whoosh.compat\n"
        "assert whoosh.compat.urlretrieve.__module__ == 'search._whoosh'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert done.returncode == 0, done.stderr


def test_a_batch_of_added_files_is_read_in_workers_and_every_one_indexed(news, cache_dir):
    """A hundred files dropped into the corpus are read by a pool of workers (see
    search.index.POOLED): each is indexed once, in order, and found."""
    open_corpus(news, cache_dir).close()
    n = search.index.POOLED + 6
    for i in range(n):
        topic = "zeppelin" if i == 5 else f"topic{i % 5}"
        write(news, f"batch/story{i:03d}.txt", article_text(f"Batch story {i}", topic=topic))
    corpus = open_corpus(news, cache_dir)
    assert not corpus.report.rebuilt
    assert sorted(Path(p).name for p in corpus.report.added) == [
        f"story{i:03d}.txt" for i in range(n)
    ]
    assert hit_paths(corpus, "zeppelin") == {"story005.txt"}
    assert len(corpus.articles) == n + 3
    corpus.close()


def test_a_batch_of_edited_files_is_rewritten_by_whoosh_writer_processes(
    news, cache_dir, monkeypatch
):
    """From search.index.WRITERS changed files on, Whoosh's own writer processes index
    them (each into a segment of its own): every edited file's new text is found and its
    old text is not, in one refresh that also drops a removed file."""
    monkeypatch.setattr(search.index, "WRITERS", search.index.POOLED)  # fewer files to write
    n = search.index.POOLED + 4
    for i in range(n):
        write(news, f"batch/story{i:03d}.txt", article_text(f"Batch story {i}", topic="ferret"))
    open_corpus(news, cache_dir).close()
    later = time.time_ns() + 10**9
    for i in range(n):
        path = write(
            news, f"batch/story{i:03d}.txt", article_text(f"Batch story {i}", topic="okapi")
        )
        os.utime(path, ns=(later, later))
    (news / "farms.txt").unlink()
    corpus = open_corpus(news, cache_dir)
    assert len(corpus.report.updated) == n and corpus.report.added == []
    assert [Path(p).name for p in corpus.report.removed] == ["farms.txt"]
    assert len(hit_paths(corpus, "okapi")) == n
    assert hit_paths(corpus, "ferret") == hit_paths(corpus, "grain") == set()
    assert len(corpus.articles) == n + 2
    if (os.cpu_count() or 1) > 1:  # the build's segment, and one a writer process
        assert len(_segments(corpus)) == 3
    corpus.close()


def test_did_you_mean_learns_the_words_a_refresh_brings_and_only_then_rewrites_them(
    news, cache_dir
):
    open_corpus(news, cache_dir).close()
    words = next(cache_dir.rglob(search.index.WORDS))
    written = words.stat().st_mtime_ns
    path = news / "ports.txt"
    later = time.time_ns() + 10**9
    path.write_text(article_text("Silent harbour cranes fall", topic="harbour"), encoding="utf-8")
    os.utime(path, ns=(later, later))
    corpus = open_corpus(news, cache_dir)  # an edit with no word the corpus lacked
    assert corpus.report.updated and words.stat().st_mtime_ns == written
    corpus.close()
    write(news, "later/ships.txt", article_text("Shipyard orders rise", topic="zeppelins"))
    open_corpus(news, cache_dir).close()
    corpus = open_corpus(news, cache_dir)  # a new process would read the list from disk
    corpus._index._vocabulary = None
    assert corpus.search("zepelins").suggestion == "zeppelins"
    corpus.close()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="reads ahead only with a core to spare")
@pytest.mark.parametrize("idle", [True, False])
def test_an_edit_is_read_by_a_worker_loaded_during_the_walk_when_a_core_is_idle(
    news, cache_dir, monkeypatch, idle, tmp_path
):
    """With a core idle, a worker loads the reading rules while the corpus is listed and
    reads the edited file; on busy cores none is started. Either way the edit is indexed
    and no process is left behind."""
    import multiprocessing

    open_corpus(news, cache_dir).close()
    monkeypatch.setattr(search.index, "_idle_core", lambda: idle)
    started = []
    real = search.index.ReadAhead.__init__

    def spy(self, enabled: bool = True) -> None:
        real(self, enabled)
        started.append(self.pool is not None)

    monkeypatch.setattr(search.index.ReadAhead, "__init__", spy)
    path = write(news, "ports.txt", article_text("Harbour reopens", topic="quokka"))
    os.utime(path, ns=(time.time_ns() + 10**9,) * 2)
    corpus = open_corpus(news, cache_dir)
    assert started == [idle]
    assert [Path(p).name for p in corpus.report.updated] == ["ports.txt"]
    assert hit_paths(corpus, "quokka") == {"ports.txt"}
    assert multiprocessing.active_children() == []
    corpus.close()
    fresh = open_corpus(news, tmp_path / "another-cache")  # a build: reads in a pool of its own
    assert fresh.report.rebuilt and started[-1] is False
    fresh.close()


def test_the_readme_names_the_index_folder_the_index_is_in(tmp_path):
    """A user looking for (or clearing) the index by the README finds the folder in use."""
    folder = tmp_path / "articles"
    write(folder, "a.txt", article_text("Harbour deal"))
    directory = search.index.index_directory([folder], tmp_path / "cache")
    shown = f"~/.cache/dossier/{directory.parent.name}/<corpus>/"
    assert shown in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_index_keeps_names_folded_to_search_and_as_written_to_show(tmp_path):
    """An author, a source and the names an article mentions are found typed without
    their accents; the index shows and counts them as the article writes them."""
    folder = tmp_path / "news"
    write(
        folder,
        "cafe.txt",
        "---\ntitle: Cafés close early in the heat\nsource: Folha de São Paulo\n"
        "author: Inês Guimarães\npublished: 2025-07-01\n---\n\n"
        "José Ribeiro, who runs three cafés in São Paulo, said customers stayed at home.\n",
    )
    write(folder, "port.txt", article_text("Port workers strike over pay"))
    corpus = open_corpus(folder, tmp_path / "cache")
    try:
        for query in ("author:guimaraes", "author:Inês", "source:sao", 'who:"jose ribeiro"'):
            assert hit_paths(corpus, query) == {"cafe.txt"}, query
        (hit,) = corpus.search("cafes").hits
        assert (hit.source, hit.title) == ("Folha de São Paulo", "Cafés close early in the heat")
        facets = corpus.search("cafes", facets=True).facets
        assert "José Ribeiro" in {f.value for f in facets.entities}
        assert "Jose Ribeiro" not in {f.value for f in facets.entities}
    finally:
        corpus.close()


def test_the_index_says_which_articles_have_accented_letters():
    """A hit's snippets look for accented letters only in an article that has some: the
    index records which (a curly quote or a Greek word is not one)."""
    from search.index import to_document
    from search.model import Article

    def article(body: str) -> Article:
        return Article(id="x", path="x.txt", title="Heat", body=body)

    assert to_document(article("Café owners in São Paulo."), [])["accented"] is True
    assert to_document(article("“Owners” in Paulo — Αθήνα."), [])["accented"] is False


# --------------------------------------------------------------------------- Chinese and Japanese


def _page(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def test_chinese_and_japanese_pages_are_found_by_word_after_a_build_and_a_refresh(news, cache_dir):
    """A page written without spaces is searchable by its words whichever way it went into
    the index: in the first build, or added later by a refresh."""
    write(
        news,
        "osaka.html",
        _page(
            "大阪で首脳会談", "岸田首相は大阪で韓国の大統領と会談した。両首脳は経済協力で一致した。"
        ),
    )
    corpus = open_corpus(news, cache_dir)
    assert hit_paths(corpus, "大阪") == {"osaka.html"}
    assert hit_paths(corpus, "首脳会談") == {"osaka.html"}
    assert hit_paths(corpus, "grain") == {"farms.txt"}  # English as before
    corpus.close()
    write(
        news,
        "shanghai.html",
        _page("上海港口吞吐量创新高", "上海港今年的集装箱吞吐量再创新高，官员表示贸易正在恢复。"),
    )
    corpus = open_corpus(news, cache_dir)
    assert corpus.report.added and not corpus.report.rebuilt
    assert hit_paths(corpus, "吞吐量") == {"shanghai.html"}
    assert hit_paths(corpus, "上海") == {"shanghai.html"}
    assert hit_paths(corpus, "海") == {"shanghai.html"}  # one character, inside a word
    assert hit_paths(corpus, "量吞") == set()
    corpus.close()


def test_an_index_of_the_schema_before_cjk_pairs_is_rebuilt_once(news, cache_dir, monkeypatch):
    """An index written before Chinese and Japanese were split into pairs knows none of
    their words: the new schema version builds a new index, and opening it again does not."""
    write(
        news,
        "osaka.html",
        _page(
            "大阪で首脳会談", "岸田首相は大阪で韓国の大統領と会談した。両首脳は経済協力で一致した。"
        ),
    )
    version = search.index.SCHEMA_VERSION
    monkeypatch.setattr(search.index, "SCHEMA_VERSION", version - 1)
    open_corpus(news, cache_dir).close()
    monkeypatch.setattr(search.index, "SCHEMA_VERSION", version)
    corpus = open_corpus(news, cache_dir)
    assert corpus.report.rebuilt
    assert hit_paths(corpus, "首脳") == {"osaka.html"}
    corpus.close()
    corpus = open_corpus(news, cache_dir)
    assert not corpus.report.rebuilt
    corpus.close()
