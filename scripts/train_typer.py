"""Train the entity typer's weights (``search/data/entity_typer.json``).

    python scripts/train_typer.py [--epochs 10]

Runs the recogniser on the train splits of ``/work/shared/data/ner-dev`` (CoNLL-2003 and
CrossNER politics; ``DOSSIER_NER_DEV`` points elsewhere), collects the evidence for every
guessed name (``search.resolve._COLLECT``), labels each with the gold type of exactly
that span (PER, LOC, ORG; MISC for a gold name of another kind; NONE when no gold name
has that span) and fits an averaged perceptron.

What ships is one weight per (feature, class). The features learnt from CoNLL-2003 are
the hand-written classes of :mod:`search.entities.typer` (shapes, word classes, cue
classes, list memberships), never a word of its text: CoNLL-2003 may not ship, word for
word. Features that are words themselves (``w=...``) are learnt from CrossNER (MIT) only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import ner_dev  # noqa: E402
from search.entities import resolve, typer  # noqa: E402


def examples(split: dict) -> list[tuple[list[str], int]]:
    return [
        example
        for name in split
        for doc in ner_dev.documents(name, split)
        for example in document_examples(name, doc)
    ]


def document_examples(name: str, doc: ner_dev.Document) -> list[tuple[list[str], int]]:
    """The typer's examples of one document: each guessed name's evidence and the gold
    type of exactly its span ("NONE" where the gold has no name there)."""
    resolve._COLLECT = []
    try:
        ner_dev.predict(doc)
        found = resolve._COLLECT
    finally:
        resolve._COLLECT = None
    gold = {(f, a, b): t for f, a, b, t in doc.gold}
    out = []
    for field, start, end, feats in found:
        label = gold.get((field, start, end))
        cls = "NONE" if label is None else ner_dev.GOLD.get(label, "MISC")
        if name != "crossner":  # CoNLL-2003 may teach no word itself
            feats = [f for f in feats if not f.startswith(typer.LEXICAL)]
        out.append((feats, typer.CLASSES.index(cls)))
    return out


def train(data: list[tuple[list[str], int]], epochs: int, seed: int = 11) -> dict[str, list[float]]:
    k = len(typer.CLASSES)
    w: dict[str, list[float]] = {}
    total: dict[str, list[float]] = {}
    stamp: dict[str, list[int]] = {}
    step = 0
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(data)
        errors = 0
        for feats, gold in data:
            step += 1
            s = typer.scores(feats, w)
            guess = max(range(k), key=s.__getitem__)
            if guess == gold:
                continue
            errors += 1
            for f in feats:
                ws = w.setdefault(f, [0.0] * k)
                ts = total.setdefault(f, [0.0] * k)
                st = stamp.setdefault(f, [0] * k)
                for c, delta in ((gold, 1.0), (guess, -1.0)):
                    ts[c] += (step - st[c]) * ws[c]
                    st[c] = step
                    ws[c] += delta
        print(f"epoch {epoch + 1}: {errors} errors of {len(data)}", file=sys.stderr)
    averaged: dict[str, list[float]] = {}
    for f, ws in w.items():
        ts, st = total[f], stamp[f]
        avg = [(ts[c] + (step - st[c]) * ws[c]) / step for c in range(k)]
        if any(abs(x) > 1e-4 for x in avg):
            averaged[f] = [round(x, 4) for x in avg]
    return averaged


#: The perceptron's weights depend on the order it sees the examples in (a run in
#: another order moves the dev F1 by about a point); the mean of several runs does not.
RUNS = 20


def _mean(runs: list[dict[str, list[float]]]) -> dict[str, list[float]]:
    k = len(typer.CLASSES)
    out: dict[str, list[float]] = {}
    for weights in runs:
        for f, ws in weights.items():
            acc = out.setdefault(f, [0.0] * k)
            for c in range(k):
                acc[c] += ws[c] / len(runs)
    return {f: [round(x, 4) for x in ws] for f, ws in out.items() if any(abs(x) > 1e-4 for x in ws)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument(
        "--runs",
        type=int,
        default=RUNS,
        help="runs over differently shuffled data, their weights averaged",
    )
    args = parser.parse_args(argv)
    typer.weights.cache_clear()
    data = examples(ner_dev.TRAIN)
    print(f"{len(data)} guesses to learn from", file=sys.stderr)
    weights = _mean([train(list(data), args.epochs, seed) for seed in range(11, 11 + args.runs)])
    payload = {
        "about": "entity typer weights: scripts/train_typer.py; features are hand-written "
        "classes (search/entities/typer.py), no word of the training text",
        "classes": list(typer.CLASSES),
        "weights": dict(sorted(weights.items())),
    }
    typer.WEIGHTS_PATH.write_text(json.dumps(payload, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {typer.WEIGHTS_PATH}: {len(weights)} features", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
