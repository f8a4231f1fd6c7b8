"""The manifest beside the index: what it records reads back exactly, the layout dossier
wrote before is still read (no rebuild on upgrade), and a damaged one means a rebuild."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import article_text, write
from hypothesis import given, settings
from hypothesis import strategies as st

import search.index
from search import manifest as mf
from search.corpus import Corpus

VERSION = search.index.SCHEMA_VERSION

# What a file name on Linux may be: any text without NUL or "/", undecodable bytes as
# their surrogate escapes (as os.scandir gives them).
_names = (
    st.binary(min_size=1, max_size=30)
    .filter(lambda b: b"\0" not in b)
    .map(lambda b: "/corpus/" + b.replace(b"/", b"_").decode("utf-8", "surrogateescape"))
)
_ints = st.integers(min_value=-(2**63), max_value=2**63 - 1)
_entries = st.tuples(st.text("abcdefghijklmnopqrstuvwxyz234567", max_size=6), _ints, _ints, _ints,
                     st.text("0123456789abcdef", max_size=40))  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(files=st.dictionaries(_names, _entries, max_size=20), skipped=st.dictionaries(
    _names, st.tuples(_ints, _ints, _ints, st.text(max_size=20)), max_size=3))  # fmt: skip
def test_what_is_written_reads_back(tmp_path_factory, files, skipped):
    directory = tmp_path_factory.mktemp("m")
    written = mf.Manifest(files,
                          {k: list(v) for k, v in skipped.items()})  # fmt: skip
    mf.write(directory, written, VERSION)
    assert mf.read(directory, VERSION) == written


def test_another_version_is_not_read(tmp_path):
    mf.write(tmp_path, mf.Manifest({"/a.txt": ("abc", 1, 2, 0, "f")}), VERSION)
    assert mf.read(tmp_path, VERSION + 1) is None


@pytest.fixture
def news(tmp_path) -> Path:
    folder = tmp_path / "news"
    for i in range(4):
        write(folder, f"part{i % 2}/story{i}.txt", article_text(f"Story {i}", topic=f"topic{i}"))
    return folder


def test_a_manifest_written_as_json_before_is_read_without_a_rebuild(news, cache_dir):
    """Upgrading dossier must not cost a rebuild of a big corpus: the JSON manifest of the
    version before is read, and the next write replaces it."""
    Corpus.open([news], cache_dir=cache_dir).close()
    (path,) = cache_dir.rglob(mf.MANIFEST)
    known = mf.read(path.parent, VERSION)
    columns = {
        "paths": list(known.files),
        **{
            name: [entry[i] for entry in known.files.values()]
            for i, name in enumerate(("ids", "mtimes", "sizes", "sidecars", "fingerprints"))
        },
    }
    old = {"version": VERSION, "layout": 2, **columns, "skipped": []}
    (path.parent / mf.OLD_MANIFEST).write_text(json.dumps(old), "utf-8")
    path.unlink()
    write(news, "part1/story1.txt", article_text("Story one, revised", topic="zeppelin"))
    corpus = Corpus.open([news], cache_dir=cache_dir)
    assert not corpus.report.rebuilt
    assert [Path(p).name for p in corpus.report.updated] == ["story1.txt"]
    assert corpus.report.unchanged == 3
    assert corpus.search("zeppelin").total == 1
    corpus.close()
    assert path.exists() and not (path.parent / mf.OLD_MANIFEST).exists()


@pytest.mark.parametrize("cut", [1, 9, 200])
def test_a_manifest_cut_short_is_rebuilt_with_a_notice(news, cache_dir, cut):
    """A disk that filled up mid-write, or a copy that stopped: rebuilt, never an error."""
    Corpus.open([news], cache_dir=cache_dir).close()
    (path,) = cache_dir.rglob(mf.MANIFEST)
    data = path.read_bytes()
    path.write_bytes(data[: max(0, len(data) - cut)])
    corpus = Corpus.open([news], cache_dir=cache_dir)
    assert corpus.report.rebuilt
    assert any(mf.MANIFEST in notice for notice in corpus.report.notices)
    assert len(corpus.articles) == 4
    corpus.close()


# --------------------------------------------------------------------------- the log


def _changes_of(corpus: Corpus) -> tuple[int, int, int, int]:
    r = corpus.report
    return len(r.added), len(r.updated), len(r.removed), r.unchanged


def test_refreshes_that_change_a_few_files_keep_the_manifest_and_log_the_rows(news, cache_dir):
    """An edit, an addition and a removal each written as a log beside the manifest (not
    the whole manifest again), and each refresh after them finds nothing more to do."""
    Corpus.open([news], cache_dir=cache_dir).close()
    (path,) = cache_dir.rglob(mf.MANIFEST)
    whole = path.read_bytes()
    steps = [
        lambda: write(news, "part0/story0.txt", article_text("Story zero, revised", topic="kelp")),
        lambda: write(news, "part1/new.txt", article_text("A new story", topic="zeppelin")),
        lambda: (news / "part1" / "story1.txt").unlink(),
    ]
    expected = [(0, 1, 0, 3), (1, 0, 0, 4), (0, 0, 1, 4)]
    for step, changes in zip(steps, expected, strict=True):
        step()
        corpus = Corpus.open([news], cache_dir=cache_dir)
        assert _changes_of(corpus) == changes
        corpus.close()
        again = Corpus.open([news], cache_dir=cache_dir)
        assert _changes_of(again)[:3] == (0, 0, 0)
        again.close()
    assert path.read_bytes() == whole  # never written again: the log holds the rows
    assert (path.parent / mf.JOURNAL).exists()
    corpus = Corpus.open([news], cache_dir=cache_dir)
    assert corpus.search("zeppelin").total == 1 and corpus.search("kelp").total == 1
    assert len(corpus.articles) == 4
    corpus.close()


def test_past_the_logs_size_the_manifest_is_written_whole(news, cache_dir, monkeypatch):
    monkeypatch.setattr(mf, "JOURNAL_ROWS", 1)
    Corpus.open([news], cache_dir=cache_dir).close()
    (path,) = cache_dir.rglob(mf.MANIFEST)
    write(news, "part0/story0.txt", article_text("Story zero, revised", topic="kelp"))
    Corpus.open([news], cache_dir=cache_dir).close()
    assert (path.parent / mf.JOURNAL).exists()
    write(news, "part1/new.txt", article_text("A new story", topic="zeppelin"))
    Corpus.open([news], cache_dir=cache_dir).close()  # two rows since: written whole
    assert not (path.parent / mf.JOURNAL).exists()
    corpus = Corpus.open([news], cache_dir=cache_dir)
    assert _changes_of(corpus) == (0, 0, 0, 5)
    corpus.close()


def test_a_log_of_an_earlier_manifest_is_not_applied(news, cache_dir, monkeypatch):
    """A log left by a write that was replaced by a whole manifest (its removal failed)
    holds rows the manifest already has, or has since changed: it is passed over."""
    Corpus.open([news], cache_dir=cache_dir).close()
    (path,) = cache_dir.rglob(mf.MANIFEST)
    log = path.parent / mf.JOURNAL
    write(news, "part1/new.txt", article_text("A new story", topic="zeppelin"))
    Corpus.open([news], cache_dir=cache_dir).close()
    stale = log.read_bytes()
    (news / "part1" / "new.txt").unlink()
    monkeypatch.setattr(mf, "JOURNAL_ROWS", 0)
    Corpus.open([news], cache_dir=cache_dir).close()
    log.write_bytes(stale)  # says new.txt is there; the manifest written since says not
    known = mf.read(path.parent, VERSION)
    assert sorted(Path(p).name for p in known.files) == [f"story{i}.txt" for i in range(4)]


@pytest.mark.parametrize("damage", [b"", b"{", b"dossier manifest log\n[]", b"\xff\xfe"])
def test_a_damaged_log_is_rebuilt_with_a_notice(news, cache_dir, damage):
    Corpus.open([news], cache_dir=cache_dir).close()
    write(news, "part1/new.txt", article_text("A new story", topic="zeppelin"))
    Corpus.open([news], cache_dir=cache_dir).close()
    (log,) = cache_dir.rglob(mf.JOURNAL)
    log.write_bytes(damage)
    corpus = Corpus.open([news], cache_dir=cache_dir)
    assert corpus.report.rebuilt
    assert any(mf.JOURNAL in notice for notice in corpus.report.notices)
    assert len(corpus.articles) == 5
    corpus.close()


@settings(max_examples=40, deadline=None)
@given(files=st.dictionaries(_names, _entries, max_size=12),
       changes=st.lists(st.tuples(_names, st.one_of(st.none(), _entries)), max_size=12),
       skipped=st.dictionaries(_names, st.tuples(_ints, _ints, _ints, st.text(max_size=20)),
                               max_size=2))  # fmt: skip
def test_rows_changed_after_a_read_read_back(tmp_path_factory, files, changes, skipped):
    """Whatever is set or removed after a read, and written as a log, reads back."""
    directory = tmp_path_factory.mktemp("m")
    mf.write(directory, mf.Manifest(files), VERSION)
    known = mf.read(directory, VERSION)
    for path, entry in changes:
        if entry is None:
            known.files.pop(path, None)
        else:
            known.files[path] = entry
    known.skipped = {k: list(v) for k, v in skipped.items()}
    mf.write(directory, known, VERSION)
    assert mf.read(directory, VERSION) == known
