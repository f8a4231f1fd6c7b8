"""How much of the ner-dev F1 rests on names the train split holds (issue 11's test margin).

The judge scores the held-apart TEST splits, which hold more names the train splits do not
than the dev splits do. Whatever is learnt from train (the typer's weights, its word
features learnt from CrossNER's train split: ``scripts/train_typer.py``) may flatter a dev
name it has seen. This module scores the dev splits as ``bench/ner_dev.py`` does, each
mention put in one of two parts:

- ``seen``: the exact name string (a gold name's text, or a predicted name's) is the text
  of some gold name (of any type, MISC too) in the set's train split;
- ``unseen``: it is not.

A gold name and a prediction of the same span have the same text, so each part is scored
on its own: P/R/F1 per type (PER, LOC, ORG) and over all, exact span and type.

    python -m bench.ner_seen                 # dev splits, seen / unseen, per type
    python -m bench.ner_seen --kfold 5       # and a simulated test (below; ~25 min)

``--kfold K`` simulates test conditions: the train splits' documents are cut into K folds;
for each fold the typer is trained (as ``scripts/train_typer.py`` trains it, fewer runs) on
the other K-1 folds' evidence only, then scores the held-out fold (as a test split: names
"seen" are those of the other folds) and the dev split (names "seen" those of the K-1
folds). The figures are pooled over the folds. The evidence is collected once, with the
shipped weights (as the training script collects it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from bench import ner_dev
from bench.ner_dev import GOLD, OURS, SCORED, Document, Predicted, Score

PARTS = ("seen", "unseen")


def train_names(name: str, docs: Iterable[Document] | None = None) -> set[str]:
    """The text of every gold name (any type) of ``docs``, by default the set's train split."""
    if docs is None:
        docs = ner_dev.documents(name, ner_dev.TRAIN)
    out: set[str] = set()
    for doc in docs:
        for field, a, b, _t in doc.gold:
            out.add(_text(doc, field)[a:b])
    return out


def _text(doc: Document, field: str) -> str:
    return doc.title if field == "title" else doc.body


def score_parts(
    docs: Iterable[Document], predicted: Iterable[list[Predicted]], seen: set[str]
) -> dict[str, dict[str, Score]]:
    """Exact P/R/F1 per type and ``all``, for mentions whose text is in ``seen`` and the rest."""
    out = {p: {t: Score() for t in (*SCORED, "all")} for p in PARTS}
    for doc, pred in zip(docs, predicted, strict=True):
        gold = {(f, a, b, GOLD[t]) for f, a, b, t in doc.gold if t in GOLD}
        ours = {(f, a, b, OURS[t]) for f, a, b, t in pred if t in OURS}
        hits = gold & ours
        for kind, items in (("gold", gold), ("ours", ours)):
            for m in items:
                part = "seen" if _text(doc, m[0])[m[1] : m[2]] in seen else "unseen"
                for key in (m[3], "all"):
                    s = out[part][key]
                    if m in hits:
                        if kind == "gold":
                            s.tp += 1
                    elif kind == "gold":
                        s.fn += 1
                    else:
                        s.fp += 1
    return out


def add(into: dict[str, dict[str, Score]], more: dict[str, dict[str, Score]]) -> None:
    for part, by_type in more.items():
        for t, s in by_type.items():
            into[part][t].tp += s.tp
            into[part][t].fp += s.fp
            into[part][t].fn += s.fn


def whole(parts: dict[str, dict[str, Score]]) -> dict[str, Score]:
    return {
        t: Score(
            sum(parts[p][t].tp for p in PARTS),
            sum(parts[p][t].fp for p in PARTS),
            sum(parts[p][t].fn for p in PARTS),
        )
        for t in (*SCORED, "all")
    }


def show(title: str, parts: dict[str, dict[str, Score]]) -> None:
    print(f"{title}")
    rows = {"whole": whole(parts), **parts}
    for part, by_type in rows.items():
        n = by_type["all"].tp + by_type["all"].fn
        cells = "  ".join(f"{t} {s.p:.3f}/{s.r:.3f}/{s.f1:.4f}" for t, s in by_type.items())
        print(f"  {part:<7} gold {n:>5}  {cells}")


def seen_unseen(name: str) -> dict[str, dict[str, Score]]:
    docs = ner_dev.documents(name)
    predicted = [ner_dev.predict(doc) for doc in docs]
    return score_parts(docs, predicted, train_names(name))


# ---------------------------------------------------------------------------------------
# The simulated test: K folds of the train splits.


def _trainer():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import train_typer

    return train_typer


def install(weights: dict[str, list[float]], folder: Path) -> None:
    """Make the typer use ``weights`` (written to ``folder``) in this process."""
    from search.entities import resolve, typer

    os.environ["DOSSIER_KEEP_TABLES"] = "0"  # the kept tables do not know this file
    path = folder / "weights.json"
    path.write_text(
        json.dumps({"classes": list(typer.CLASSES), "weights": weights}), encoding="utf-8"
    )
    typer.WEIGHTS_PATH = path
    for module in (typer, resolve):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def kfold(k: int, runs: int, epochs: int) -> dict[str, dict[str, dict[str, Score]]]:
    """Pooled seen/unseen scores of the held-out folds (``fold:NAME``) and of the dev
    splits scored by each fold's typer (``dev:NAME``)."""
    trainer = _trainer()
    train = {name: ner_dev.documents(name, ner_dev.TRAIN) for name in ner_dev.TRAIN}
    dev = {name: ner_dev.documents(name) for name in ner_dev.SETS}
    examples = {
        name: [trainer.document_examples(name, doc) for doc in docs] for name, docs in train.items()
    }
    pooled = {
        f"{side}:{name}": {p: {t: Score() for t in (*SCORED, "all")} for p in PARTS}
        for side in ("fold", "dev")
        for name in train
    }
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(k):
            data = [
                ex
                for name in train
                for i, doc_ex in enumerate(examples[name])
                if i % k != fold
                for ex in doc_ex
            ]
            weights = trainer._mean(
                [trainer.train(list(data), epochs, seed) for seed in range(11, 11 + runs)]
            )
            install(weights, Path(tmp))
            for name, docs in train.items():
                held = [d for i, d in enumerate(docs) if i % k == fold]
                kept = [d for i, d in enumerate(docs) if i % k != fold]
                seen = train_names(name, kept)
                add(
                    pooled[f"fold:{name}"],
                    score_parts(held, [ner_dev.predict(d) for d in held], seen),
                )
                add(
                    pooled[f"dev:{name}"],
                    score_parts(dev[name], [ner_dev.predict(d) for d in dev[name]], seen),
                )
            print(f"fold {fold + 1}/{k} done", file=sys.stderr)
    return pooled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kfold", type=int, default=0, help="simulate a test split, K folds")
    parser.add_argument("--runs", type=int, default=3, help="training runs averaged per fold")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--no-dev", action="store_true", help="only the k-fold figures")
    args = parser.parse_args(argv)
    if not args.no_dev:
        for name in ner_dev.SETS:
            show(f"{name} dev (shipped weights)", seen_unseen(name))
    if args.kfold:
        for key, parts in kfold(args.kfold, args.runs, args.epochs).items():
            show(f"{key} ({args.kfold}-fold, typer trained on the other folds)", parts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
