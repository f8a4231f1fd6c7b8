"""The ner-dev scorer of ``/work/shared/data/ner-dev/README.md``, as the judge runs it.

- Rebuild each document's running text from its tokens: a space between tokens, none
  before closing punctuation or after an opening bracket. A CoNLL-2003 document's first
  sentence is its title, the rest its body, one sentence a line; each CrossNER sentence
  is a document of its own.
- Recognise the whole document, keep names, map types (PERSON -> PER; GPE, LOC -> LOC;
  ORG -> ORG) and score exact span and type, micro P/R/F1 over PER, LOC and ORG; the
  lenient score counts overlapping spans of the same type, one to one.

The data is not in the repository (CoNLL-2003 may not ship): set ``DOSSIER_NER_DEV`` or
keep it at ``/work/shared/data/ner-dev``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from attrs import define

NER_DEV = Path(os.environ.get("DOSSIER_NER_DEV", "/work/shared/data/ner-dev"))
SETS = {
    "conll": ("conll2003", "valid.txt"),
    "crossner": ("crossner-politics", "dev.txt"),
}
TRAIN = {
    "conll": ("conll2003", "train.txt"),
    "crossner": ("crossner-politics", "train.txt"),
}
SCORED = ("PER", "LOC", "ORG")
#: Our types -> the scored ones.
OURS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
#: Gold labels -> the scored ones (the rest is MISC, not scored).
GOLD = {
    "PER": "PER",
    "LOC": "LOC",
    "ORG": "ORG",
    "person": "PER",
    "politician": "PER",
    "organisation": "ORG",
    "politicalparty": "ORG",
    "country": "LOC",
    "location": "LOC",
}
_CLOSING = set(".,;:!?)]}%")
_OPENING = set("([{")

Gold = tuple[str, int, int, str]  # field, start, end, label (unmapped)


@define(frozen=True)
class Document:
    title: str
    body: str
    gold: tuple[Gold, ...]

    @property
    def words(self) -> int:
        return len(self.title.split()) + len(self.body.split())


def _sentences(path: Path) -> Iterator[list[tuple[str, str]] | None]:
    """Sentences as (token, tag) lists; ``None`` marks a CoNLL ``-DOCSTART-``."""
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sentence:
                yield sentence
                sentence = []
            continue
        if parts[0] == "-DOCSTART-":
            if sentence:
                yield sentence
                sentence = []
            yield None
            continue
        sentence.append((parts[0], parts[-1]))
    if sentence:
        yield sentence


def _join(sentence: list[tuple[str, str]], offset: int, field: str, gold: list[Gold]) -> str:
    """The sentence's text; its gold spans (shifted by ``offset``) go to ``gold``."""
    out: list[str] = []
    pos = offset
    open_: tuple[int, str] | None = None
    last_end = offset
    prev = ""
    for token, tag in sentence:
        if out and not (set(token) <= _CLOSING) and prev not in _OPENING:
            out.append(" ")
            pos += 1
        start = pos
        out.append(token)
        pos += len(token)
        prev = token
        label = tag[2:] if len(tag) > 2 and tag[1] == "-" else ""
        if open_ and (tag == "O" or tag.startswith("B-") or label != open_[1]):
            gold.append((field, open_[0], last_end, open_[1]))
            open_ = None
        if label and open_ is None:
            open_ = (start, label)
        last_end = pos
    if open_:
        gold.append((field, open_[0], last_end, open_[1]))
    return "".join(out)


def documents(name: str, split: dict = SETS) -> list[Document]:
    """The documents of one set (``conll`` or ``crossner``) of ``split``."""
    folder, file = split[name]
    path = NER_DEV / folder / file
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: set DOSSIER_NER_DEV to the ner-dev folder")
    docs: list[Document] = []
    if name == "crossner":
        for sentence in _sentences(path):
            if sentence:
                gold: list[Gold] = []
                body = _join(sentence, 0, "body", gold)
                docs.append(Document("", body, tuple(gold)))
        return docs
    current: list[list[tuple[str, str]]] = []

    def flush() -> None:
        if not current:
            return
        gold: list[Gold] = []
        title = _join(current[0], 0, "title", gold)
        lines: list[str] = []
        offset = 0
        for sentence in current[1:]:
            lines.append(_join(sentence, offset, "body", gold))
            offset += len(lines[-1]) + 1
        docs.append(Document(title, "\n".join(lines), tuple(gold)))
        current.clear()

    for sentence in _sentences(path):
        if sentence is None:
            flush()
        else:
            current.append(sentence)
    flush()
    return docs


Predicted = tuple[str, int, int, str]  # field, start, end, type (ours)


def predict(doc: Document) -> list[Predicted]:
    """dossier's names in ``doc``, as the judge runs it: the whole document at once."""
    from search.entities import recognise
    from search.model import Article

    article = Article(id="ner-dev", path="", title=doc.title, body=doc.body)
    return [(e.field, e.start, e.end, e.type) for e in recognise(article)]


@define
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def score(
    docs: Iterable[Document],
    predicted: Iterable[list[Predicted]],
    *,
    lenient: bool = False,
) -> dict[str, Score]:
    """Micro scores per scored type and ``all``."""
    scores = {t: Score() for t in (*SCORED, "all")}
    for doc, pred in zip(docs, predicted, strict=True):
        gold = {(f, a, b, GOLD[t]) for f, a, b, t in doc.gold if t in GOLD}
        ours = {(f, a, b, OURS[t]) for f, a, b, t in pred if t in OURS}
        hits = _overlaps(gold, ours) if lenient else gold & ours
        for t in SCORED:
            tp = sum(1 for h in hits if h[3] == t)
            for key in (t, "all"):
                scores[key].tp += tp
                scores[key].fp += sum(1 for o in ours if o[3] == t) - tp
                scores[key].fn += sum(1 for g in gold if g[3] == t) - tp
    return scores


def _overlaps(gold: set, ours: set) -> set:
    """Gold spans matched one to one by an overlapping predicted span of the same type."""
    used: set = set()
    hits: set = set()
    for g in sorted(gold):
        for o in sorted(ours):
            if o in used or o[0] != g[0] or o[3] != g[3]:
                continue
            if o[1] < g[2] and g[1] < o[2]:
                used.add(o)
                hits.add(g)
                break
    return hits


def evaluate(name: str, run: Callable[[Document], list[Predicted]] = predict) -> dict:
    docs = documents(name)
    predicted = [run(doc) for doc in docs]
    return {"exact": score(docs, predicted), "lenient": score(docs, predicted, lenient=True)}
