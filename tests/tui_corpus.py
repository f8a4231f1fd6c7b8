"""A small corpus of our own for the explorer's tests, and a deterministic wrapper.

The articles are written for these tests (not the seeds), with fixed dates, two
sources, paragraphs enough to scroll, and one title that looks like markup so the
tests can show document text is never read as markup.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from attrs import evolve

from search.model import Entity, FacetCount

ARTICLES: dict[str, str] = {
    "harbour.md": """---
title: Port workers weigh a new harbour deal
source: The Coastal Ledger
author: Mara Lind
date: 2023-03-14
standfirst: A tentative agreement in Ostrava Bay would end a month of stoppages
---

Negotiators for the dock workers and the harbour authority reached a tentative agreement late on Monday, ending a stoppage that had idled cranes for a month.

The deal raises wages by four per cent this year and promises a review of night shifts. Union leaders in Ostrava Bay said members would vote on it next week.

Shipping firms warned that the backlog of containers would take weeks to clear. Freight rates on the northern route rose sharply during the dispute.

Mara Lind, who chairs the harbour authority, said the agreement was fair to both sides and would keep the port competitive with its neighbours.

Economists expect the settlement to ease pressure on prices in the region. Several retailers had reported shortages of imported goods.

The vote is scheduled for Thursday. If members reject the deal, the union says the stoppage will resume the following Monday.
""",
    "grain.md": """---
title: Grain exporters brace for a dry season
source: Farm & Market Weekly
author: Tomas Reyes
date: 2024-07-02
standfirst: Forecasters see the driest summer in a decade across the southern plains
---

Forecasters at the national weather office said rainfall across the southern plains had fallen to its lowest level in ten years.

Grain exporters said yields could drop by a fifth if the dry spell lasts into August. Futures prices climbed on the news.

Farmers in Valdera have begun rationing water for irrigation. The regional council is weighing emergency grants for those worst affected.

Tomas Reyes, an agronomist, said the harbour at Ostrava Bay would handle less grain this autumn, hurting the shipping firms that depend on it.

Officials said they would publish a drought plan within a fortnight.
""",
    "summit.md": """---
title: Leaders pledge closer ties at the river summit
source: The Coastal Ledger
author: Ines Okafor
date: 2025-05-20
standfirst: Three governments agreed to share data on floods and harbour traffic
---

Leaders of three neighbouring states met in Valdera on Tuesday and agreed to share data on floods, harbour traffic and grain stocks.

The agreement sets up a joint office that will publish weekly figures. Officials said the first report would appear in the autumn.

Critics said the pledge lacked money. Ines Okafor, a policy analyst, said the summit would be judged by whether the office is funded next year.

The leaders also discussed the dock workers' wage deal in Ostrava Bay, which several delegates praised as a model for settling disputes.

A second summit is planned for next spring.
""",
    "markup.md": """---
title: "[bold]Brackets[/bold] in a headline stay literal"
source: Farm & Market Weekly
date: 2022-11-08
---

This short note exists so a title written like [red]markup[/red] is shown as written.

It says nothing else of note about harbours or grain.
""",
}

#: Names the stub recogniser marks, with their OntoNotes labels.
ENTITIES: tuple[tuple[str, str], ...] = (
    ("Ostrava Bay", "GPE"),
    ("Valdera", "GPE"),
    ("Mara Lind", "PERSON"),
    ("Tomas Reyes", "PERSON"),
    ("Ines Okafor", "PERSON"),
    ("four per cent", "PERCENT"),
    ("Thursday", "DATE"),
)


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


class StableCorpus:
    """A real Corpus with a fixed query time and a fixed, stub entity recogniser.

    The explorer's tests and snapshots then depend on the explorer, not on how fast the
    machine is or how the entity recogniser (another module, with its own tests) evolves.
    """

    def __init__(self, corpus) -> None:
        self._corpus = corpus

    def __getattr__(self, name):
        return getattr(self._corpus, name)

    def search(
        self, query: str, *, limit: int = 20, filters=None, facets: bool = False, given_up=None
    ):
        result = self._corpus.search(
            query, limit=limit, filters=filters, facets=facets, given_up=given_up
        )
        if facets:  # entity facets from the stub recogniser too, so they stay fixed
            every = self._corpus.search(query, limit=10_000, filters=filters).hits
            counts = Counter(n for h in every for n in {e.canonical for e in self.entities(h.id)})
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            entities = tuple(FacetCount(name, n) for name, n in ranked[:15])
            result = evolve(result, facets=evolve(result.facets, entities=entities))
        return evolve(result, elapsed_ms=1.0)

    def facets(self, query: str, *, filters=None, given_up=None):
        """What the explorer asks once the hits are shown: the stub's entity facets too."""
        return self.search(query, limit=1, filters=filters, facets=True, given_up=given_up).facets

    def entities(self, article_id: str, *, upto: int | None = None) -> tuple[Entity, ...]:
        article = self._corpus.get(article_id)
        found: list[Entity] = []
        for field in ("title", "standfirst", "body"):
            text = article.text(field)
            for name, label in ENTITIES:
                for m in re.finditer(re.escape(name), text):
                    found.append(Entity(field, name, label, name, m.start(), m.end()))
        return tuple(sorted(found, key=lambda e: (e.field, e.start)))
