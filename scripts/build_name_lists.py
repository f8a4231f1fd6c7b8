"""Build ``search/data/census_names.txt`` from the US Census 1990 name frequency files.

The files ship in the ``names`` package on PyPI (MIT; the Census Bureau's lists are in the
public domain). Run once when updating the list, with the package unpacked or installed:

    python scripts/build_name_lists.py PATH/TO/names/   # the folder holding dist.*.first

Keeps the given names that cover most people (every male name, the commonest female ones)
and the commonest surnames, title-cased: features for the typer, not a gazetteer.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "search" / "data" / "census_names.txt"
GIVEN_FEMALE = 1500
SURNAMES = 5000


def _names(path: Path, limit: int) -> list[str]:
    out = []
    for line in path.read_text(encoding="ascii").splitlines()[:limit]:
        name = line.split()[0]
        out.append(name[:1] + name[1:].lower())
    return out


def main(folder: str) -> None:
    root = Path(folder)
    given = sorted(
        set(_names(root / "dist.male.first", 10_000))
        | set(_names(root / "dist.female.first", GIVEN_FEMALE))
    )
    surnames = sorted(set(_names(root / "dist.all.last", SURNAMES)))
    lines = [
        "# Given names and surnames from the US Census 1990 name frequency files (public",
        "# domain; via the `names` package, MIT). Built by scripts/build_name_lists.py.",
        "[given]",
        *given,
        "[surname]",
        *surnames,
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(given)} given names, {len(surnames)} surnames")


if __name__ == "__main__":
    main(sys.argv[1])
