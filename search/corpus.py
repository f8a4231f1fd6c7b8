"""The one object the UI talks to: a corpus of folders and its index."""

from __future__ import annotations

import contextlib
import re
import threading
import time
import weakref
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import evolve

from . import query as q
from .files import bundled_corpus, check_folders, default_folders
from .folding import fold
from .index import Index, Progress, Refresh, corpus_key, from_stored
from .model import Article, CorpusError, Entity, Facets, Hit, SearchResult, Skipped, Span

if TYPE_CHECKING:
    from whoosh.query import Query

__all__ = ["Corpus", "bundled_corpus", "default_folders"]

#: The facet table kept beside the index (see :meth:`search.query.FacetTable.save`).
FACETS = "facets.bin"
#: A short form several names share stands for the most named of them, at most this many.
SHORT_FORM_NAMES = 50
#: How much of a long article's body entity-query passages are drawn from (recognising
#: the entities of a whole 8 MB body takes seconds; a passage needs a few mentions).
MENTIONS_SCANNED = 200_000
#: How many later articles "what happened next" reads (:meth:`Corpus.later_like`): on a
#: story, a few dozen at most; the rest of a corpus of many stories is left unread.
NEXT_CANDIDATES = 50


class Corpus:
    """Articles from a set of folders, searchable. Safe to share between threads."""

    def __init__(self, folders: Sequence[Path], index: Index, report: Refresh) -> None:
        self.folders = tuple(Path(f) for f in folders)
        self.key = corpus_key(self.folders)
        self._index = index
        self.report = report
        self.skipped: tuple[Skipped, ...] = tuple(report.skipped)
        self.notices: tuple[str, ...] = tuple(report.notices)
        self._parser = q.parser(index.ix.schema)
        self._searcher = index.ix.searcher(weighting=q.Weighting())
        self._lock = threading.RLock()
        # Facets are read once from a reader of their own (the searcher's segments), under
        # a lock of their own: a search never waits for that read. Opened only when the
        # facet table kept beside the index is not this index's.
        self._facet_reader = None
        self._facets_lock = threading.Lock()
        # The index files this corpus holds open, closed by close() or, when nobody calls
        # it (the explorer swaps in a refreshed corpus while a screen may still hold this
        # one), as soon as the last reference goes: nothing here refers back to the corpus,
        # so that is the moment it is no longer used, not the next garbage collection.
        self._open: list = [self._searcher]
        self._release = weakref.finalize(self, _close_all, self._open)
        # Not at exit: a daemon thread (the explorer's first open) may still be reading,
        # and the process ending closes the files anyway.
        self._release.atexit = False
        self._entities: dict[str, tuple[Entity, ...]] = {}
        self._name_forms = None  # search.names.NameForms of the index's names, when asked
        self._vocabulary = q.Vocabulary(lambda: index.vocabulary)
        self._facets: q.FacetTable | None = None
        #: The last search's query, filters and every document it matched (when known), or
        #: how to find them from where its ranking stopped.
        self._matched: (
            tuple[str, tuple, AbstractSet[int] | Callable[[], AbstractSet[int]]] | None
        ) = None
        #: Work a user waits for: each search holds it while it runs, and a UI may hold it
        #: while the user types (``with corpus.foreground:``). The facet table, built in a
        #: thread, steps aside while it is held.
        self.foreground = q.Busy()

    @classmethod
    def open(
        cls,
        folders: Sequence[Path],
        *,
        cache_dir: Path | None = None,
        rebuild: bool = False,
        progress: Progress | None = None,
        quick: bool = False,
        wait: bool = False,
        waiting: Callable[[str], None] | None = None,
    ) -> Corpus:
        """Open the corpus of ``folders``, refreshing its index from the files first.

        ``quick`` (lookups, the explorer's first frame): trust the index when no folder
        changed since its last exact refresh, without a stat of every file.
        """
        folders = list(dict.fromkeys(Path(f).expanduser().resolve() for f in folders))
        check_folders(folders)
        index, report = Index.open(
            folders,
            cache_root=cache_dir,
            rebuild=rebuild,
            progress=progress,
            quick=quick,
            wait=wait,
            waiting=waiting,
        )
        return cls(folders, index, report)

    # ------------------------------------------------------------------ articles

    @cached_property
    def articles(self) -> tuple[Article, ...]:
        """Every article, newest first; undated ones last, by title."""
        found = []
        with self._lock:
            for n, fields in enumerate(self._searcher.all_stored_fields()):
                found.append(from_stored(fields))
                if n % 256 == 255:
                    time.sleep(0)  # read in a thread: let the UI thread have the GIL
        dated = sorted(
            (a for a in found if a.published), key=lambda a: (a.published, a.title), reverse=True
        )
        undated = sorted((a for a in found if not a.published), key=lambda a: a.title.lower())
        return tuple(dated + undated)

    def get(self, article_id: str) -> Article:
        key = article_id.strip().lower()
        if not key.isascii():  # ids are ASCII; a typed '\xff' is a surrogate Whoosh cannot encode
            fields = None
        else:
            with self._lock:
                fields = self._searcher.document(id=key)
        if fields is None:
            raise CorpusError(f"no article with id {article_id!r}; `dossier docs` lists the ids")
        return from_stored(fields)

    def __len__(self) -> int:
        return self._searcher.doc_count()

    def more_like(self, article_id: str, *, limit: int = 20) -> tuple[str, ...]:
        """Ids of the articles most like this one, best first (Whoosh's more-like-this:
        the article's most distinctive words, by Bo1, searched for in every body)."""
        article = self.get(article_id)
        # Its opening tells what it is about: a long report's whole text costs as much as
        # reading it (0.4 s for 1.5 MB), for the same few words.
        text = f"{article.title}\n{article.body[:_LIKENESS_TEXT]}"
        with self._lock:
            docnum = self._searcher.document_number(id=article.id)
            hits = self._searcher.more_like(docnum, "body", text=text, top=limit, numterms=15)
            return tuple(hit["id"] for hit in hits)

    def later_like(
        self, article: Article, text: str = "", *, limit: int | None = None
    ) -> tuple[Article, ...]:
        """The articles dated after ``article`` most like it and like ``text`` (one of
        its sentences), best first, at most ``limit`` (default :data:`NEXT_CANDIDATES`): Whoosh's key terms (Bo1) of the
        article's opening and of ``text``, searched for in every later body. None when
        ``article`` is undated."""
        if article.published is None:
            return ()
        import datetime as dt

        from whoosh.query import Or, Term
        from whoosh.util.times import datetime_to_long

        day = dt.datetime.combine(article.published, dt.time()) + dt.timedelta(days=1)
        first, last = datetime_to_long(day), datetime_to_long(dt.datetime.max)
        with self._lock:
            s = self._searcher
            # The later articles by the date column: a DateRange query expands into
            # thousands of terms (seconds at 20,000 articles), the column is read in 0.1 s.
            # Read untranslated: an undated article's value (2**64 - 1, sorted last) is no
            # date at all.
            dates = s.reader().column_reader("published", translate=False)
            later = {n for n, when in enumerate(dates) if first <= when <= last}
            terms: dict[str, float] = {}
            opening = f"{article.title}\n{article.body[:_LIKENESS_TEXT]}"
            # Few terms: each one more is a posting list of thousands read to the end.
            for source, n in ((opening, 8), (text, 4)):
                if source.strip():
                    for term, weight in s.key_terms_from_text("body", source, numterms=n):
                        terms[term] = terms.get(term, 0.0) + weight
            if not terms or not later:
                return ()
            query = Or([Term("body", t, boost=w) for t, w in terms.items()])
            hits = s.search(query, limit=limit or NEXT_CANDIDATES, filter=later)
            return tuple(from_stored(hit.fields()) for hit in hits)

    def what_happened_next(
        self,
        article: Article,
        concern_key: str,
        concern_text: str = "",
        *,
        limit: int = 10,
        given_up: Callable[[], bool] | None = None,
    ):
        """The later sentences across the corpus that answer one concern of ``article``,
        best first (:func:`search.compare.what_happened_next`), and the articles they were
        looked for in: the :data:`NEXT_CANDIDATES` later articles most like the concern
        and its article (:meth:`later_like`), not every later one (analysing all of them
        took minutes at 20,000 articles and gigabytes). Raises
        :class:`~search.model.Cancelled` once ``given_up()`` is true."""
        from search.compare import what_happened_next

        later = self.later_like(article, concern_text)
        answers = what_happened_next(
            article,
            concern_key,
            later,
            entities=lambda a: self.entities(a.id),
            limit=limit,
            given_up=given_up,
        )
        return answers, later

    def compare_partner(self, article_id: str) -> str | None:
        """The article to compare one with when no other is named: the dated article most
        like it (:meth:`more_like`), in a corpus of many stories one on its story, of
        another day (one before or after it) and no copy of it; None when there is none."""
        article = self.get(article_id)
        own = _title_words(article.title)
        for other_id in self.more_like(article_id, limit=10):
            other = self.get(other_id)
            # Not the same page saved twice (as .html and .md, or a reprint): its headline's
            # words, or the day and nearly the same words.
            if (
                other.published is not None
                and _title_words(other.title) != own
                and other.published != article.published
            ):
                return other_id
        return None

    # ------------------------------------------------------------------ search

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        filters: Mapping[str, str] | None = None,
        facets: bool = False,
        given_up: Callable[[], bool] | None = None,
    ) -> SearchResult:
        """Ranked hits with snippets; an empty query lists everything, newest first.

        Raises :class:`~search.model.QueryError` with a message for a malformed query;
        :class:`~search.model.Cancelled` once ``given_up()`` is true (asked as it goes).
        """
        table = self._facet_table() if facets else None  # outside the searcher's lock
        matched: list = []
        names: dict[str, tuple[str, ...]] = {}  # each entity as typed -> the names it stands for

        names_for = self._names_for_weakly()

        def entity(name: str) -> tuple[str, ...]:
            if name not in names:
                names[name] = names_for(name)
            return names[name]

        with self.foreground, self._lock:
            result = q.run(
                self._searcher,
                self._parser,
                query,
                limit=limit,
                filters=filters,
                facet_table=table,
                vocabulary=self._vocabulary,
                entity=entity,
                given_up=given_up,
                matched=matched,
            )
            # What the facets of this query will count, if asked next (the explorer does).
            self._matched = (result.query, _filter_key(filters), matched[0]) if matched else None
        shared = [(typed, found) for typed, found in names.items() if len(found) > 1]
        if shared:
            result = evolve(result, notices=tuple(_shared_name(t, f) for t, f in shared))
        entity_query = result.hits and q.names_entities(result.query)
        parsed = self._parse(result.query) if entity_query else None
        if parsed is not None and q.entity_names(parsed):
            # The index matched a name it keeps beside the text: passages come from
            # where the article mentions it (and any words the query also has).
            result = evolve(result, hits=tuple(self._with_mentions(h, parsed) for h in result.hits))
        return result

    def facets(
        self,
        query: str,
        *,
        filters: Mapping[str, str] | None = None,
        given_up: Callable[[], bool] | None = None,
    ) -> Facets:
        """The sources, years and entities of every article ``query`` matches (an empty
        query: of every article), as ``search(..., facets=True)`` gives them; the explorer
        asks for them once the hits are on screen (the matches of the search just run
        are counted again, not looked for again; a phrase's candidates its ranking did not
        need to look at are looked at now, and only those)."""
        table = self._facet_table()  # outside the searcher's lock
        with self._lock:
            known = self._matched
            if known is not None and known[:2] == (query.strip(), _filter_key(filters)):
                found = known[2]
                if callable(found):
                    from . import ranking

                    with ranking.unless(given_up):
                        found = found()
                    self._matched = (*known[:2], found)
                return table.count(found)
            return q.facets(
                self._searcher,
                self._parser,
                query,
                table,
                filters=filters,
                entity=self._names_for_weakly(),
                given_up=given_up,
            )

    def is_stale(self) -> bool:
        """Has the index on disk moved on since this corpus opened it (another dossier,
        a `dossier index` in another terminal, refreshed it)? False for one in memory."""
        try:
            return not self._searcher.up_to_date()
        except Exception:  # noqa: BLE001 - in memory, or closed: nothing newer to open
            return False

    def warm_up(self) -> None:
        """Pay now, in the background, what an opened index's first search pays on top of
        later ones (the query parser, the field lengths ranking reads, the stored columns
        hits come from): half a second at 50,000 articles, against 65 ms for the next.
        Searches a word of the first stored article's title."""
        with self._lock:
            first = next(iter(self._searcher.all_stored_fields()), None)
        words = re.findall(r"[^\W\d_]{3,}", (first or {}).get("title") or "")
        if words:
            with contextlib.suppress(Exception):  # a warm-up: never a reason to fail
                self.search(words[-1], limit=q.WARM_UP_HITS)

    def _with_mentions(self, hit: Hit, parsed: Query) -> Hit:
        article = self.get(hit.id)
        if len(article.body) > MENTIONS_SCANNED:  # passages need a few mentions, not all
            article = evolve(article, body=article.body[:MENTIONS_SCANNED])
        spans = [(s.start, s.end) for s in self._matches(article, parsed)["body"]]
        if not spans:
            return hit
        snippets = q.best_passages(article.body, spans)
        terms = {sn.text[a:b].lower() for sn in snippets for a, b in sn.highlights}
        return evolve(hit, snippets=tuple(snippets), terms=tuple(sorted(terms)))

    def _facet_table(self) -> q.FacetTable:
        """The facet table: the one kept beside the index when it was read from these
        segments (a load in milliseconds), else read from the index (seconds at 50,000
        articles) and kept for the next time."""
        with self._facets_lock:
            if self._facets is None:
                with self._lock:
                    key = q.FacetTable.key(self._searcher.reader())
                path = self._index.directory / FACETS if self._index.directory else None
                table = q.FacetTable.stored(path, key, busy=self.foreground) if path else None
                if table is None:
                    if self._facet_reader is None:
                        self._facet_reader = self._reader_of_searchers_segments()
                        self._open.append(self._facet_reader)
                    table = q.FacetTable(self._facet_reader, busy=self.foreground)
                    if path is not None and key:
                        with contextlib.suppress(OSError):  # a cache: never a reason to fail
                            table.save(path, key)
                self._facets = table
            return self._facets

    def _reader_of_searchers_segments(self):
        """A reader of the segments the searcher reads (never the searcher's own: a
        reader is not shared between threads), even if a refresh has committed since."""
        with self._lock:
            reader = self._searcher.reader()
            segments = [r.segment() for r, _offset in reader.leaf_readers()]
            generation = reader.generation()
        ix = self._index.ix
        if any(s is None for s in segments) or not hasattr(ix, "_reader"):
            return ix.reader()  # no segment yet (an empty index), or not Whoosh's own
        return ix._reader(ix.storage, ix.schema, segments, generation)

    def matches(
        self, article_id: str, query: str, *, upto: int | None = None
    ) -> dict[str, tuple[Span, ...]]:
        """Where ``query`` matches in each text field of one article, for the reader
        (with ``upto``, in the first ``upto`` characters of the body only)."""
        if not query.strip():
            return {name: () for name in ("title", "standfirst", "body")}
        article = self.get(article_id)
        if upto is not None and len(article.body) > upto:
            article = evolve(article, body=article.body[:upto])
        return self._matches(article, self._parse(query))

    def _parse(self, query: str) -> Query:
        return q.parse(self._parser, query, entity=self._names_for_weakly())

    def _names_for_weakly(self) -> Callable[[str], tuple[str, ...]]:
        """:meth:`names_for` through a weak reference, for the query parser: Whoosh's
        ``Query.accept`` keeps the function it is given in a reference cycle of its own
        (a wrapper that refers to itself) until the next garbage collection, and that must
        not keep the corpus, and its open index files, alive."""
        method = weakref.WeakMethod(self.names_for)
        return lambda name: method()(name)

    def _matches(self, article: Article, parsed: Query) -> dict[str, tuple[Span, ...]]:
        with self._lock:
            reader = self._searcher.reader()
            # The body field indexes the standfirst too: both show what it matched.
            found = {
                name: q.match_spans(parsed, reader, indexed, article.text(name))
                for name, indexed in (("title", "title"), ("standfirst", "body"), ("body", "body"))
            }
        names = q.entity_names(parsed)
        if not names:
            return found
        # entity:"Name" matched a field beside the text: its mentions are the matches.
        # ``article`` may be the start of a long one: its entities are those of that start.
        found_in = self.entities(article.id, upto=len(article.body))
        mentions = [e for e in found_in if fold(e.canonical).lower() in names]
        return {
            name: tuple(
                sorted(
                    {*spans, *(Span(e.text, e.start, e.end) for e in mentions if e.field == name)},
                    key=lambda s: (s.start, s.end),
                )
            )
            for name, spans in found.items()
        }

    # ------------------------------------------------------------------ entities

    def entities(self, article_id: str, *, upto: int | None = None) -> tuple[Entity, ...]:
        """Every entity mention in one article (title, standfirst and body); with ``upto``,
        in the first ``upto`` characters of the body only (what a reader shows of a very
        long one: recognising a 50 MB body takes a minute)."""
        if upto is not None and article_id not in self._entities:
            article = self.get(article_id)
            if len(article.body) > upto:
                from .entities import recognise

                return tuple(recognise(evolve(article, body=article.body[:upto])))
        if article_id not in self._entities:
            from .entities import recognise

            article = self.get(article_id)
            self._entities[article_id] = tuple(recognise(article))
        return self._entities[article_id]

    def names_for(self, name: str) -> tuple[str, ...]:
        """The names the index keeps that ``name``, as typed, stands for: a gazetteer
        alias gives its record's name; a short form of names the articles use ("Fahie",
        "Mr Fahie" for "Andrew Fahie") each name it may be, the most named first (more
        than one: the user must say which); else ``name`` itself. An alias of a record
        no article names gives way to the names the articles use ("Johnson": the
        gazetteer's Mike Johnson, the articles' Boris Johnson)."""
        from .entities import lookup

        info = lookup(name)
        with self._lock:
            reader = self._searcher.reader()
            if info is not None and reader.doc_frequency("entity_facet", info.canonical):
                return (info.canonical,)
            if self._name_forms is None:
                from .names import NameForms

                lexicon = reader.lexicon("entity_facet")
                self._name_forms = NameForms.of(t.decode("utf-8") for t in lexicon)
            found = self._name_forms.resolve(name)
            if len(found) > 1:  # the most named first, and a query of a bounded size
                # the most named first; of spellings named as often, the one with accents
                # (as the filters show it: search.query.FacetTable)
                ordered = sorted(
                    found, key=lambda n: (-reader.doc_frequency("entity_facet", n), n.isascii())
                )
                found = tuple(_unlike_when_folded(ordered))[:SHORT_FORM_NAMES]
        if not found and info is not None:
            return (info.canonical,)
        return found or (name,)

    def entity(self, name: str, *, limit: int = 50):
        """Who's who for ``name``: its record, how many articles name it, and the first
        ``limit`` of them (a :class:`search.whoswho.EntityProfile`)."""
        from .whoswho import profile

        return profile(self, name, limit=limit)

    def close(self) -> None:
        """Close the index files now (after any search or facet read in progress)."""
        with self._facets_lock, self._lock:
            self._release()


def _title_words(title: str) -> tuple[str, ...]:
    """A headline's words, whatever its quotes and punctuation ("It’s" and "It's")."""
    return tuple(re.findall(r"[^\W_]+", title.casefold().replace("’", "'")))


#: How much of an article's text :meth:`Corpus.more_like` reads for its key words.
_LIKENESS_TEXT = 20_000


def _unlike_when_folded(names: list[str]) -> list[str]:
    """``names`` less each one written as an earlier one but for its accents ("Jose
    Ribeiro" after "José Ribeiro"): the index finds the two by either, so they are one
    name to ask about, not two to choose between."""
    from .folding import fold

    seen: set[str] = set()
    out = []
    for name in names:
        key = fold(name).casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def _close_all(readers: list) -> None:
    for reader in readers:
        reader.close()


def _shared_name(typed: str, names: tuple[str, ...]) -> str:
    listed = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    matched = (
        f"{len(names)} names, all matched"
        if len(names) < SHORT_FORM_NAMES
        else f"{len(names)} or more names, the {len(names)} most named matched"
    )
    return (
        f"{typed!r} is written for {matched}: {listed}; "
        f'give one in full (entity:"{names[0]}") for that one only'
    )


def _filter_key(filters: Mapping[str, str] | None) -> tuple:
    return tuple(sorted((filters or {}).items()))
