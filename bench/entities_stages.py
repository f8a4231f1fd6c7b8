"""Where entity recognition spends its time: the CPU share of each stage of
``search.entities.recognise``, per kind of text, to tell which stage a speed-up must
change (the profile of any one function is flat: a stage's share is what counts).

The kinds are those of ``bench/bench_entities.py``: ``news`` (the generated bodies),
``seeds``, ``conll`` and ``crossner`` (the ner-dev development splits, skipped when
absent). Each stage is timed by a wrapper around the name ``search.entities`` calls it
by, so a stage inside another (``_guess`` inside ``_first_pass``) counts in both; the
wrappers cost about a microsecond a call, so the total runs a little above the bench's.

    python -m bench.entities_stages            # every kind
    python -m bench.entities_stages conll      # one kind
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable

#: The stages, by the names ``search.entities`` calls them by (a missing one is skipped).
STAGES = (
    "_first_pass",
    "_gazetteer_mentions",
    "_rule_mentions",
    "_select",
    "_guess",
    "_merge",
    "_widen",
    "datelines",
    "acronym_names",
    "numbered_roads",
    "post_offices",
    "sites",
    "titled_people",
    "_register",
    "_finder",
    "_second_pass",
    "_retype",
    "_teams",
    "party_houses",
    "campuses",
    "short_bodies",
    "people_who",
    "without_languages",
    "_in_capitals",
)


KINDS = ("news", "seeds", "conll", "crossner")


def _kinds(wanted: tuple[str, ...]) -> dict[str, tuple[Callable, list, int]]:
    """kind -> (the function the bench runs, its inputs, their words), of those wanted."""
    from bench import ner_dev
    from bench.bench_entities import _generated, _seeds
    from search import entities
    from search.model import Article

    out = {}
    if "news" in wanted:
        news = _generated()
        out["news"] = (entities.recognise_text, news, sum(len(t.split()) for t in news))
    if "seeds" in wanted:
        seeds = _seeds()
        words = sum(len(" ".join((a.title, a.standfirst, a.body)).split()) for a in seeds)
        out["seeds"] = (entities.recognise, seeds, words)
    for name in ner_dev.SETS:
        if name not in wanted:
            continue
        try:
            docs = ner_dev.documents(name)
        except FileNotFoundError as exc:
            print(f"skipped {name}: {exc}", file=sys.stderr)
            continue
        articles = [Article(id="ner-dev", path="", title=d.title, body=d.body) for d in docs]
        out[name] = (entities.recognise, articles, sum(d.words for d in docs))
    return out


def stages(kinds: tuple[str, ...] = KINDS) -> dict[str, dict[str, float]]:
    """kind -> stage -> CPU ms per 1,000 words (``total``: the whole of ``recognise``)."""
    import search.entities as E

    E.warm_up()
    spent: Counter[str] = Counter()
    originals = {name: getattr(E, name) for name in STAGES if hasattr(E, name)}

    def timed(name: str, fn: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - t0

        return wrapper

    out: dict[str, dict[str, float]] = {}
    try:
        for name, fn in originals.items():
            setattr(E, name, timed(name, fn))
        for kind, (fn, items, words) in _kinds(kinds).items():
            spent.clear()
            t0 = time.process_time()
            for item in items:
                fn(item)
            total = time.process_time() - t0
            per = 1e6 / words  # seconds -> ms per 1,000 words
            out[kind] = {"total": total * per, **{k: v * per for k, v in spent.most_common()}}
    finally:
        for name, fn in originals.items():
            setattr(E, name, fn)
    return out


def main(argv: list[str]) -> int:
    for kind, figures in stages(tuple(argv) or KINDS).items():
        total = figures["total"]
        print(f"{kind}: {total:.2f} ms per 1,000 words")
        for stage, ms in figures.items():
            if stage != "total":
                print(f"  {stage:<20} {ms:6.2f}  {ms / total:6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
