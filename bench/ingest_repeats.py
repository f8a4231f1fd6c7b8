"""Paragraphs a cleaned body repeats, on the ingest development set, by kind and by gold.

For each ``.md`` and ``.txt`` page, the paragraphs of ``read_article(...).body`` that occur
two or more times (compared normalised). Each is judged against the gold: ``with`` when a
gold ``with`` snippet is in it or it is in one, ``without`` likewise for the furniture
snippets, else ``unknown``; and against the HTML form's body (trafilatura's reading of the
same page), which says how many copies a dedicated extractor keeps. Its kind is told by
its shape: a short heading-like line, an image credit, a number, a teaser (a longer
line), a glued label ("Local NewsThe pianist"), code.

Run: ``python -m bench.ingest_repeats [-v]`` (``-v`` lists every repeated paragraph).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from bench.bench_ingest import DEV, FORMS, norm

_GLUED = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*[a-z][A-Z][a-z]")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*$")
_CODE = re.compile(r"[{}();=<>\[\]]|^\s*(?:def|import|return|class|for|if)\b")


def kind(par: str) -> str:
    words = par.split()
    if re.fullmatch(r"[\d.,#)(\s]+", par):
        return "number"
    if _CODE.search(par) and len(words) <= 12 and not _SENTENCE_END.search(par):
        return "code-like"
    if _GLUED.search(par[:60]):
        return "glued-label"
    if len(words) <= 3 and not _SENTENCE_END.search(par):
        return "label(<=3w)"
    if len(words) <= 14 and not _SENTENCE_END.search(par):
        return "headline(4-14w)"
    if len(words) <= 14:
        return "short-sentence"
    return "long-para"


def status(par: str, page: dict) -> str:
    n = norm(par)
    if any(norm(s) in n or n in norm(s) for s in page.get("with", []) if len(n) > 3):
        return "with"
    if any(norm(s) in n or n in norm(s) for s in page.get("without", []) if len(n) > 3):
        return "without"
    return "unknown"


def main(verbose: bool) -> None:
    from search.ingest import read_article
    from search.model import Article

    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))
    for form in ("md", "txt"):
        pages = repeats = 0
        by_kind: Counter[tuple[str, str]] = Counter()
        by_html: Counter[tuple[str, str]] = Counter()
        for page in gold:
            path = DEV / form / f"{page['name']}{FORMS[form]}"
            html = DEV / "html" / f"{page['name']}.html"
            article = read_article(path, path.parent)
            if not isinstance(article, Article):
                continue
            pars = [p for p in article.body.split("\n\n") if p.strip()]
            counts = Counter(norm(p) for p in pars)
            twice = {p for p, c in counts.items() if c >= 2}
            if not twice:
                continue
            pages += 1
            ref = read_article(html, html.parent) if html.is_file() else None
            ref_counts = (
                Counter(norm(p) for p in ref.body.split("\n\n"))
                if isinstance(ref, Article)
                else Counter()
            )
            ref_body = norm(ref.body) if isinstance(ref, Article) else ""
            seen: set[str] = set()
            for p in pars:
                n = norm(p)
                if n not in twice or n in seen:
                    continue
                seen.add(n)
                repeats += counts[n] - 1
                k, s = kind(p), status(p, page)
                in_html = ref_counts[n] if ref_counts[n] else (1 if n in ref_body else 0)
                h = "html0" if not in_html else ("html1" if in_html == 1 else "html2+")
                by_kind[(k, s)] += counts[n] - 1
                by_html[(k, h)] += counts[n] - 1
                if verbose:
                    print(
                        f"{form} {page['name'][:30]:30} x{counts[n]} {k:16} {s:8} {h:6} {p[:90]!r}"
                    )
        print(f"== {form}: {pages} pages with repeats, {repeats} extra copies")
        for (k, s), c in sorted(by_kind.items(), key=lambda kv: -kv[1]):
            print(f"  {k:16} gold:{s:8} {c}")
        for (k, h), c in sorted(by_html.items(), key=lambda kv: -kv[1]):
            print(f"  {k:16} {h:8} {c}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main("-v" in sys.argv)
