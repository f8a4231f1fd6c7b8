"""Every entity the recogniser gives on the bench texts, one line each, to check that a
change meant only for speed leaves its output byte for byte as it was.

The texts, fed as the benches feed them:

- ``conll``, ``crossner``: the ner-dev development splits, each document through
  ``recognise`` as ``bench/ner_dev.py`` runs it (skipped when the data is absent);
- ``pages``: the 27 hand-annotated real pages of ``bench/ner_pages.py``;
- ``seeds``: the bundled articles (``seeds/``), through ``recognise``;
- ``generated``: the 200 generated article bodies of ``bench/bench_entities.py``,
  through ``recognise_text``;
- ``long``: the CoNLL documents end to end as one text, through ``recognise_text`` (a
  long text, where what grows faster than its length shows).

Each line is ``set<TAB>document<TAB>field<TAB>start<TAB>end<TAB>type<TAB>guessed<TAB>
text<TAB>canonical``. Write a dump before a change and one after, and compare them::

    python -m bench.entities_dump > /tmp/before.tsv
    python -m bench.entities_dump > /tmp/after.tsv && cmp /tmp/before.tsv /tmp/after.tsv

``--sha`` prints only each set's line count and SHA-256, and that of the whole dump.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator


def _line(set_: str, doc: str, e) -> str:
    fields = (
        set_,
        doc,
        e.field,
        str(e.start),
        str(e.end),
        e.type,
        "1" if e.guessed else "0",
        e.text,
        e.canonical,
    )
    return "\t".join(
        f.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n") for f in fields
    )


def lines() -> Iterator[tuple[str, str]]:
    """(set, line) for every entity of every bench text, in a fixed order."""
    from bench import ner_dev, ner_pages
    from bench.bench_entities import _generated, _seeds
    from search.entities import recognise, recognise_text
    from search.model import Article

    for name in ner_dev.SETS:
        try:
            docs = ner_dev.documents(name)
        except FileNotFoundError as exc:
            print(f"skipped {name}: {exc}", file=sys.stderr)
            continue
        for i, doc in enumerate(docs):
            article = Article(id="ner-dev", path="", title=doc.title, body=doc.body)
            for e in recognise(article):
                yield name, _line(name, str(i), e)
    if ner_pages.DATA.exists():
        for page in (*ner_pages.DEV, *ner_pages.HELD_OUT):
            for e in recognise(ner_pages.article(page)):
                yield "pages", _line("pages", page, e)
    else:
        print(f"skipped pages: {ner_pages.DATA} not found", file=sys.stderr)
    for article in _seeds():
        for e in recognise(article):
            yield "seeds", _line("seeds", article.id, e)
    for i, text in enumerate(_generated()):
        for e in recognise_text(text):
            yield "generated", _line("generated", str(i), e)
    # one long text: the CoNLL documents end to end (what costs more with length shows)
    try:
        long = "\n".join(f"{d.title}\n{d.body}" for d in ner_dev.documents("conll"))
    except FileNotFoundError:
        return
    for e in recognise_text(long):
        yield "long", _line("long", "conll", e)


def main(argv: list[str]) -> int:
    if "--sha" in argv:
        total = hashlib.sha256()
        per: dict[str, tuple[int, hashlib._Hash]] = {}
        for set_, line in lines():
            data = (line + "\n").encode()
            total.update(data)
            n, h = per.get(set_) or (0, hashlib.sha256())
            h.update(data)
            per[set_] = (n + 1, h)
        for set_, (n, h) in per.items():
            print(f"{set_:10} {n:7} {h.hexdigest()[:16]}")
        print(f"{'all':10} {sum(n for n, _ in per.values()):7} {total.hexdigest()[:16]}")
        return 0
    out = sys.stdout
    for _, line in lines():
        out.write(line + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
