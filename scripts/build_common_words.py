"""Build ``search/data/common_words.txt``: everyday English words, by how common they are.

    pip install wordfreq==3.1.1
    apt-get install wamerican wbritish   # build time only: SCOWL's word lists
    python scripts/build_common_words.py

The words are wordfreq's 30,000 most frequent English words (wordfreq 3.1.1; its data is
CC BY-SA 4.0, by Robyn Speer and contributors, https://github.com/rspeer/wordfreq), in
three tiers of frequency. The typer weighs them as evidence that a capitalised word is
an everyday word ("Shares said ...") rather than a name; the guesser leaves the commonest
alone at the start of a sentence, where any word is capitalised.

wordfreq counts words case-blind, so its frequent words hold names as well ("hitler",
"espn", "obama", "miami"): a word is kept only where a dictionary of English writes it in
lower case, SCOWL's American and British lists as Debian ships them (wamerican and
wbritish, ``/usr/share/dict``). A name the dictionary writes only capitalised ("Hitler",
"Miami") or does not know at all ("NFL", "ESPN") is no everyday word.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "search" / "data"
OUT = DATA / "common_words.txt"
TIERS = (3_000, 10_000, 30_000)
#: SCOWL's lists as Debian installs them (wamerican, wbritish).
DICTIONARIES = (Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english"))


def lower_case_words() -> set[str]:
    """The words a dictionary writes in lower case ("earth", not "Hitler"), possessives
    dropped."""
    words: set[str] = set()
    for path in DICTIONARIES:
        for line in path.read_text(encoding="utf-8").split():
            if not line[:1].isupper():
                words.add(line.removesuffix("'s").lower())
    return words


def main() -> None:
    from importlib.metadata import version

    import wordfreq

    lower = lower_case_words()
    ranked = [
        w for w in wordfreq.top_n_list("en", TIERS[-1]) if w.isalpha() and len(w) > 1 and w in lower
    ]
    lines = [
        f"# Everyday English words in tiers of frequency, from wordfreq {version('wordfreq')}",
        "# (data CC BY-SA 4.0, Robyn Speer and contributors, github.com/rspeer/wordfreq),",
        "# kept where SCOWL's dictionary (Debian's wamerican, wbritish) writes them in lower",
        "# case. Built by scripts/build_common_words.py.",
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
