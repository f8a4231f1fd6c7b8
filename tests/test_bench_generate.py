"""The benchmark corpus generator: deterministic, realistic enough to ingest."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from bench import generate
from search import ingest
from search.model import Article

N = 40


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.txt"))}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[dict]]:
    data = tmp_path_factory.mktemp("bench-data")
    folder = generate.corpus(N, data=data)
    return folder, generate.manifest(N, data=data)


def test_same_seed_same_bytes(built, tmp_path):
    folder, _ = built
    again = generate.corpus(N, data=tmp_path)
    assert _files(again) == _files(folder)


def test_other_seed_other_articles(built, tmp_path):
    folder, _ = built
    other = generate.corpus(N, seed=generate.SEED + 1, data=tmp_path)
    assert _files(other) != _files(folder)


def test_smaller_corpus_is_a_prefix_of_a_larger_one(built, tmp_path):
    folder, _ = built
    small = _files(generate.corpus(N // 4, data=tmp_path))
    big = _files(folder)
    assert small and all(big[name] == raw for name, raw in small.items())


def test_cached_corpus_is_not_rewritten(built):
    folder, records = built
    first = folder / records[0]["path"]
    mtime = first.stat().st_mtime_ns
    generate.corpus(N, data=folder.parent)
    assert first.stat().st_mtime_ns == mtime


def test_manifest_lists_every_file(built):
    folder, records = built
    assert sorted(r["path"] for r in records) == sorted(_files(folder))
    assert len(records) == N


def test_every_article_ingests_with_its_text(built):
    folder, records = built
    for record in records:
        article = ingest.read_article(folder / record["path"], folder)
        assert isinstance(article, Article), f"{record['path']}: {article}"
        words = len(article.body.split())
        # about 600 words, and boilerplate removal keeps (nearly) all of it
        assert words >= 0.8 * record["words"] >= 350, record["path"]


def test_articles_look_like_scraped_news(built):
    folder, records = built
    texts = [(folder / r["path"]).read_text(encoding="utf-8") for r in records]
    every = "\n".join(texts)
    assert all(r["title"] in t for r, t in zip(records, texts, strict=True))
    assert sum(bool(re.search(r"^By [A-Z]", t, re.M)) for t in texts) > N // 2
    assert "Share on" in every or "Views:" in every  # scrape boilerplate
    assert "“" in every and "%" in every and "per cent" in every
    # dates in several of the formats users' files have
    forms = [
        r"^\w{3} \d{1,2}(st|nd|rd|th) \d{4}$",
        r"^\d{2} \w+ \d{4} \d{2}:\d{2}$",
        r"^\w+ \d{1,2}, \d{4}$",
        r"^\d{4}-\d{2}-\d{2}$",
    ]
    assert sum(bool(re.search(f, every, re.M)) for f in forms) >= 3


def test_vocabulary_is_varied_and_skewed(built):
    folder, _ = built
    words = Counter(
        w
        for p in folder.rglob("*.txt")
        for w in re.findall(r"[a-z]+", p.read_text(encoding="utf-8").lower())
    )
    assert len(words) > 2000  # several thousand distinct words at 10,000 articles
    ranked = [count for _, count in words.most_common()]
    assert ranked[0] > 20 * ranked[len(ranked) // 2]  # a Zipf-like head and long tail
