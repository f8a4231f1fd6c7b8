"""bench.ner_seen: the dev F1 split by whether a name's text is a gold name of the train split."""

from __future__ import annotations

from bench import ner_seen
from bench.ner_dev import Document


def _doc(body: str, *names: tuple[str, str]) -> Document:
    gold = []
    for text, label in names:
        start = body.index(text)
        gold.append(("body", start, start + len(text), label))
    return Document("", body, tuple(gold))


def test_train_names_are_the_texts_of_every_gold_name_misc_too() -> None:
    train = [
        _doc(
            "Ann Lee met the Acme board in Oslo on Monday.",
            ("Ann Lee", "PER"),
            ("Acme", "ORG"),
            ("Oslo", "LOC"),
            ("Monday", "MISC"),
        )
    ]
    assert ner_seen.train_names("conll", train) == {"Ann Lee", "Acme", "Oslo", "Monday"}


def test_a_seen_name_and_an_unseen_one_are_scored_apart() -> None:
    doc = _doc(
        "Ann Lee flew from Oslo to Brnoville with Zed Quorn.",
        ("Ann Lee", "PER"),
        ("Oslo", "LOC"),
        ("Brnoville", "LOC"),
        ("Zed Quorn", "PER"),
    )
    a, b = doc.body.index("Brnoville"), doc.body.index("Zed Quorn")
    predicted = [
        [
            ("body", 0, 7, "PERSON"),  # Ann Lee, seen: right
            ("body", doc.body.index("Oslo"), doc.body.index("Oslo") + 4, "ORG"),  # seen: wrong type
            ("body", a, a + len("Brnoville"), "GPE"),  # unseen: right
            ("body", b, b + 3, "PERSON"),  # "Zed", unseen: a boundary error
        ]
    ]
    parts = ner_seen.score_parts([doc], predicted, {"Ann Lee", "Oslo"})
    seen, unseen = parts["seen"]["all"], parts["unseen"]["all"]
    assert (seen.tp, seen.fp, seen.fn) == (1, 1, 1)
    assert (unseen.tp, unseen.fp, unseen.fn) == (1, 1, 1)
    assert parts["seen"]["LOC"].fn == 1 and parts["seen"]["ORG"].fp == 1
    assert parts["unseen"]["PER"].fp == 1 and parts["unseen"]["PER"].fn == 1
    whole = ner_seen.whole(parts)["all"]
    assert (whole.tp, whole.fp, whole.fn) == (2, 2, 2)
