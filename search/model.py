"""The data model: small frozen values passed one way, from ingest to the UI."""

from __future__ import annotations

import datetime as dt

from attrs import define, field

from .cjk import count_words

#: Fields of an article that the reader shows and entities index into.
TEXT_FIELDS = ("title", "standfirst", "body")


@define(frozen=True, slots=True)
class Article:
    """One cleaned article. ``body`` holds paragraphs separated by blank lines."""

    id: str
    path: str
    title: str
    body: str
    standfirst: str = ""
    author: str = ""
    source: str = ""
    published: dt.date | None = None
    url: str = ""
    #: sha1 of the raw bytes: a changed file gets re-ingested, an unchanged one never.
    fingerprint: str = ""
    #: Things ingest wants the user to know about this file (e.g. "decoded as cp1252").
    notes: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        """The body's words: what spaces separate, and each Chinese or Japanese character
        (:func:`search.cjk.count_words`)."""
        return count_words(self.body)

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / 230))

    def text(self, name: str) -> str:
        """The text of one of :data:`TEXT_FIELDS`."""
        if name not in TEXT_FIELDS:
            raise ValueError(f"unknown text field {name!r}")
        return getattr(self, name)


@define(frozen=True, slots=True)
class Skipped:
    """A file that was not indexed, and why, in words a user can act on."""

    path: str
    reason: str
    #: The fault is dossier's install, not the file's (a library that will not import):
    #: not remembered, so the next exact refresh reads the file again.
    retry: bool = False


@define(frozen=True, slots=True)
class Span:
    """A run of text with offsets into one field of an article."""

    text: str
    start: int
    end: int


#: Entity types that are figures (dates, amounts) rather than names. The recogniser marks
#: both; the index, its facets and compare's links go by names alone.
FIGURE_TYPES = frozenset({"DATE", "PERCENT", "MONEY", "QUANTITY"})


@define(frozen=True, slots=True)
class Entity:
    """One mention of a named entity.

    ``start``/``end`` index into ``field`` (title, standfirst or body) of the article.
    ``guessed`` marks mentions found by the capitalised-name heuristic rather than the
    gazetteer or rules; the reader shows those more lightly.
    """

    field: str
    text: str
    type: str
    canonical: str
    start: int
    end: int
    guessed: bool = False


@define(frozen=True, slots=True)
class EntityCount:
    """One entity of an article, however often and as whatever type it was recognised:
    "China" as a country 5 times and, through "Chinese", as a nationality twice is one
    entity named 7 times. Made by :func:`search.entities.tally`."""

    canonical: str
    #: The type most of its mentions have (the first seen of those, on a tie).
    type: str
    count: int
    #: Every type it was recognised as, most mentions first.
    types: tuple[str, ...] = ()
    #: How the article wrote it besides its canonical name, in reading order.
    forms: tuple[str, ...] = ()
    #: Only guessed (no mention from the gazetteer or the rules).
    guessed: bool = False


@define(frozen=True, slots=True)
class EntityInfo:
    """A gazetteer record: who or what an entity is."""

    canonical: str
    type: str
    aliases: tuple[str, ...] = ()
    description: str = ""


@define(frozen=True, slots=True)
class Snippet:
    """A passage of a hit with the matched terms' offsets into ``text``."""

    text: str
    highlights: tuple[tuple[int, int], ...] = ()


@define(frozen=True, slots=True)
class Hit:
    id: str
    title: str
    source: str
    published: dt.date | None
    score: float
    snippets: tuple[Snippet, ...] = ()
    #: The query's terms as they appear in this document (surface forms), for the reader.
    terms: tuple[str, ...] = ()


@define(frozen=True, slots=True)
class FacetCount:
    value: str
    count: int


@define(frozen=True, slots=True)
class Facets:
    sources: tuple[FacetCount, ...] = ()
    years: tuple[FacetCount, ...] = ()
    entities: tuple[FacetCount, ...] = ()
    #: How many articles were counted (every match, exactly); None when none were.
    matched: int | None = None


@define(frozen=True, slots=True)
class SearchResult:
    query: str
    #: How many articles match; when ``total_exact`` is False, a floor: more than this match.
    total: int
    hits: tuple[Hit, ...]
    suggestion: str | None = None
    elapsed_ms: float = 0.0
    facets: Facets = field(factory=Facets)
    #: False when more than ``total`` match (counting stopped at query.COUNT_CAP; say "more than").
    total_exact: bool = True
    #: What the user should know of how the query was read (a short name standing for
    #: several: "who:Johnson matched Boris Johnson and Jennifer Johnson").
    notices: tuple[str, ...] = ()


class Cancelled(Exception):
    """A search given up part way, because the one who asked no longer wants it (the
    user typed on)."""


class QueryError(ValueError):
    """A query the user must fix; the message says what is wrong and what to do."""


class CorpusError(RuntimeError):
    """The corpus cannot be used as asked; the message says what to do."""
