"""Shared fixtures. Every test gets its own XDG dirs: a developer's own config,
index and verdicts never leak in, and tests never write to them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
ECONOMIST = SEEDS / "004_7b0804fd04b19799.txt"
CALIBER = SEEDS / "000_74d914399baf44a0.txt"


@pytest.fixture(autouse=True)
def _isolated_xdg(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("xdg")
    for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        path = home / name.split("_")[1].lower()
        path.mkdir()
        monkeypatch.setenv(name, str(path))
    monkeypatch.delenv("DOSSIER_CORPUS", raising=False)
    monkeypatch.delenv("DOSSIER_CONFIG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield home


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A writable copy of the bundled corpus."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def cache_dir(tmp_path) -> Path:
    path = tmp_path / "cache"
    path.mkdir()
    return path


@pytest.fixture
def seed_corpus(seeds_copy, cache_dir):
    from search.corpus import Corpus

    corpus = Corpus.open([seeds_copy], cache_dir=cache_dir)
    yield corpus
    corpus.close()


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def article_text(title: str, body_sentences: int = 3, topic: str = "trade") -> str:
    """A small plausible article for tests that need a few files of their own."""
    sentences = [
        f"Officials said the {topic} talks would resume next month after a pause of several weeks.",
        f"Analysts expect the {topic} dispute to weigh on growth in the region this year.",
        "The minister told reporters in the capital that no decision had yet been taken.",
        "Negotiators from both sides met on Tuesday and agreed to keep talking.",
    ]
    body = "\n\n".join(sentences[i % len(sentences)] for i in range(body_sentences))
    return f"# {title}\n\nJuly 1, 2025\n\n{body}\n"


os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


#: Topics of the unrelated articles :func:`story_among_unrelated` writes.
UNRELATED_TOPICS = (
    "fishing quota",
    "wine export",
    "rail strike",
    "satellite launch",
    "copper mine",
    "teacher pay",
    "dairy price",
    "shipping lane",
    "coal plant",
    "festival ticket",
    "vaccine trial",
    "housing permit",
    "airline merger",
    "tariff",
    "grain harvest",
)


def story_among_unrelated(folder: Path, unrelated: int) -> tuple[str, str]:
    """A corpus of one story (a pledge, and a later report of what came of it) among
    ``unrelated`` later articles on other subjects, and an undated one. Returns the titles of the pledge's
    article and of the report."""
    write(
        folder,
        "a_pledge.md",
        "# Brackenford library to reopen\n\nMarch 3, 2025\n\n"
        "Brackenford council closed the flooded Brackenford library in February.\n\n"
        "The council promised to reopen the Brackenford library by June after repairing "
        "the roof the flood damaged.\n\n"
        "Librarians moved the Brackenford archive to the town hall meanwhile.\n",
    )
    write(
        folder,
        "b_report.md",
        "# Brackenford library reopens\n\nJune 20, 2025\n\n"
        "Readers returned to the Brackenford library on Monday as it reopened, its new "
        "roof finished by builders three weeks early.\n\n"
        "Librarians brought the Brackenford archive back from the town hall.\n",
    )
    for i in range(unrelated):
        topic = UNRELATED_TOPICS[i % len(UNRELATED_TOPICS)]
        text = article_text(f"{topic.title()} news {i}", body_sentences=4, topic=topic)
        write(folder, f"c_{i:03d}.md", text.replace("July 1, 2025", f"July {1 + i % 28}, 2025"))
    write(folder, "d_undated.md", "# Undated\n\nThe Brackenford library has a long history.\n")
    return "Brackenford library to reopen", "Brackenford library reopens"
