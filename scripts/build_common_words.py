"""Build ``search/data/common_words.txt``: everyday English words, by how common they are.

    pip install wordfreq==3.1.1   # build time only; dossier does not depend on it
    python scripts/build_common_words.py

The words are wordfreq's 30,000 most frequent English words (wordfreq 3.1.1; its data is
CC BY-SA 4.0, by Robyn Speer and contributors, https://github.com/rspeer/wordfreq), in
three tiers of frequency. The typer weighs them as evidence that a capitalised word is
an everyday word ("Shares said ...") rather than a name; the guesser leaves the commonest
alone at the start of a sentence, where any word is capitalised.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "search" / "data"
OUT = DATA / "common_words.txt"
TIERS = (3_000, 10_000, 30_000)


def main() -> None:
    from importlib.metadata import version

    import wordfreq

    ranked = [w for w in wordfreq.top_n_list("en", TIERS[-1]) if w.isalpha() and len(w) > 1]
    lines = [
        f"# Everyday English words in tiers of frequency, from wordfreq {version('wordfreq')}",
        "# (data CC BY-SA 4.0, Robyn Speer and contributors, github.com/rspeer/wordfreq),",
        "# Built by scripts/build_common_words.py.",
    ]
    seen: set[str] = set()
    start = 0
    for tier, end in enumerate(TIERS, 1):
        lines.append(f"[{tier}]")
        for word in ranked[start:end]:
            if word not in seen:
                seen.add(word)
                lines.append(word)
        start = end
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(seen)} words")


if __name__ == "__main__":
    main()
