"""The messages the explorer's parts talk in.

Workers post typed messages with what they found (as harlequin's ``ResultsFetched``),
screens post requests upward for the app to act on (as frogmouth's ``History.Goto``), and
the app tells screens what changed through its reactive ``corpus`` and messages, never by
calling into them. All are dataclasses (as toolong's), so tests can collect and compare
them with ``run_test(message_hook=...)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.message import Message

if TYPE_CHECKING:
    from search.corpus import Corpus
    from search.model import Facets, SearchResult


# -- from workers -----------------------------------------------------------------------------


@dataclass
class CorpusOpened(Message):
    """The corpus is open (or was reopened by a reindex)."""

    corpus: Corpus
    reindexed: bool = False


@dataclass
class CorpusFailed(Message):
    """The corpus could not be opened (or reindexed): ``error`` says why."""

    error: str
    reindex: bool = False


@dataclass
class ResultsFetched(Message):
    """A search finished. ``generation`` tells a stale result from the current one."""

    generation: int
    #: The hits; their facets follow in a :class:`FacetsCounted` of the same generation.
    result: SearchResult

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ResultsFetched)  # only the newest one matters


@dataclass
class SearchFailed(Message):
    """A search could not run: ``error`` is shown in the status line."""

    generation: int
    error: str


@dataclass
class FacetsCounted(Message):
    """Facets of every article a search matched (or of every article, with no query),
    counted in the background after the hits were shown."""

    generation: int
    facets: Facets


@dataclass
class ComparisonReady(Message):
    """A comparison (of two articles, or on a topic) is ready: the engine's reading, the
    store of the analysts' decisions, and the entities of the two articles (pair only)."""

    raw: Any
    store: Any
    entities: tuple = ()


@dataclass
class ComparisonFailed(Message):
    """A comparison could not be made: ``error`` says why."""

    error: str


@dataclass
class AnswersFound(Message):
    """What happened next to a concern, across the corpus, as the text to show."""

    text: Text


# -- requests, posted upward for the app ------------------------------------------------------


@dataclass
class OpenArticle(Message):
    """Open ``article_id`` in the reader with ``query``'s matches highlighted."""

    article_id: str
    query: str = ""


@dataclass
class SearchFor(Message):
    """Back to the search screen with ``query`` in the box, and run it."""

    query: str


# -- from the app to the search screen (not bubbling back) ------------------------------------


@dataclass
class ToggleMark(Message):
    """Mark ``article_id`` for compare (or unmark it, if it is the marked one)."""

    article_id: str


@dataclass
class CompareTopic(Message):
    """Compare the concerns of the query's earlier matches with its later matches."""

    query: str


@dataclass
class ShowMark(Message, bubble=False):
    """The article marked for compare is now ``article_id`` (None: none is)."""

    article_id: str | None


@dataclass
class SetQuery(Message, bubble=False):
    """Replace the query in the box and run it."""

    query: str


@dataclass
class FocusQuery(Message, bubble=False):
    """Put the cursor in the query box, its text selected."""
