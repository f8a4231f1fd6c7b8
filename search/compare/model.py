"""Compare's data model: concerns, developments, the evidence linking them, links."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import define

from search.model import Article, Span

#: Verdicts an analyst can give a concern, in the order the UI cycles through them.
VERDICTS = ("open", "borne out", "partly", "not borne out", "not addressed")
#: The automatic verdicts: the engine links, it does not judge.
AUTO_LINKED, AUTO_SILENT = "open", "not addressed"


# --------------------------------------------------------------------------- model


@define(frozen=True, slots=True)
class Concern:
    """A forward-looking worry, risk, expectation or prediction in the earlier article."""

    span: Span
    #: Stable across runs and small edits: article id + hash of the normalised text.
    key: str
    #: The words that made this sentence a concern ("may", "fears", ...), for the curious.
    cues: tuple[str, ...] = ()


@define(frozen=True, slots=True)
class Development:
    """Something the later article reports as having happened, been pledged or decided."""

    span: Span
    key: str
    cues: tuple[str, ...] = ()


@define(frozen=True, slots=True)
class Evidence:
    """One development offered as an answer to one concern, with the reasons."""

    development: Development
    score: float
    shared_entities: tuple[str, ...] = ()
    #: Surface words of the concern that the development shares (by stem).
    shared_terms: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    #: Offsets (into the earlier / later body) of the shared terms and entities.
    concern_marks: tuple[tuple[int, int], ...] = ()
    development_marks: tuple[tuple[int, int], ...] = ()
    #: "auto" (found by the engine) or "curated" (pinned by an analyst).
    origin: str = "auto"


@define(frozen=True, slots=True)
class Link:
    """A concern, the developments that answer it (best first), and a verdict."""

    concern: Concern
    evidence: tuple[Evidence, ...]
    verdict: str = AUTO_LINKED
    #: "auto" if the engine alone made it; "curated" if an analyst set the verdict or
    #: pinned or dropped a development.
    origin: str = "auto"
    note: str = ""
    #: True when the verdict is an analyst's (an analyst may have curated only the links
    #: or the note, and left the verdict to the engine).
    judged: bool = False

    @property
    def developments(self) -> tuple[Development, ...]:
        return tuple(e.development for e in self.evidence)

    @property
    def shared_entities(self) -> tuple[str, ...]:
        return _union(e.shared_entities for e in self.evidence)

    @property
    def shared_terms(self) -> tuple[str, ...]:
        return _union(e.shared_terms for e in self.evidence)

    @property
    def theme(self) -> str | None:
        for e in self.evidence:
            if e.themes:
                return e.themes[0]
        return None

    @property
    def addressed(self) -> bool:
        return bool(self.evidence)


class Linked:
    """What a comparison of two articles and one across a topic both answer: their links,
    split by whether the later side answers them."""

    __slots__ = ()
    links: tuple[Link, ...]

    @property
    def addressed(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.evidence)

    @property
    def unaddressed(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if not link.evidence)

    def link(self, concern_key: str) -> Link | None:
        return next((link for link in self.links if link.concern.key == concern_key), None)


@define(frozen=True, slots=True)
class Comparison(Linked):
    earlier: Article
    later: Article
    #: Every concern, in the earlier article's order; those with no evidence are the
    #: unaddressed ones.
    links: tuple[Link, ...]
    #: Developments that no concern anticipated, in the later article's order.
    new_developments: tuple[Development, ...]
    elapsed_ms: float = 0.0
    #: Things the user should know (e.g. a pinned development no longer in the text).
    notices: tuple[str, ...] = ()
    #: The two articles share too little to be on one story, so nothing was linked
    #: (:mod:`search.compare.story`).
    different_stories: bool = False

    def article_of(self, key: str) -> Article:
        """The article a sentence key belongs to (a key starts with the article id)."""
        return self.earlier if key.rsplit(":", 1)[0] == self.earlier.id else self.later


def _union(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for item in group:
            seen.setdefault(item, None)
    return tuple(seen)
