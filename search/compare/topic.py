"""Compare across the corpus: the concerns of every earlier article on a topic against
the developments of every later one, and "what happened next" for one concern.

Each sentence keeps its article (a sentence key starts with the article id), so every
concern and development cites where and when it was written. Words and entities are
weighed over all the articles compared, as in a pair: what every article repeats is the
topic itself and links nothing in particular.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import time
from collections.abc import Callable, Sequence

from attrs import define

from search.compare.analysis import (
    Theme,
    _entities,
    _Sentence,
    _sentences,
    cycles_collected_after,
    load_themes,
)
from search.compare.model import Development, Evidence, Link, Linked
from search.compare.score import Scorer, headlines
from search.model import Article, Entity


@define(frozen=True, slots=True)
class TopicComparison(Linked):
    """Concerns of ``earlier`` articles linked to sentences of ``later`` ones."""

    query: str
    #: Articles dated before ``split`` are earlier; the rest are later.
    split: dt.date
    earlier: tuple[Article, ...]
    later: tuple[Article, ...]
    links: tuple[Link, ...]
    new_developments: tuple[Development, ...] = ()
    elapsed_ms: float = 0.0
    notices: tuple[str, ...] = ()

    def article_of(self, key: str) -> Article:
        """The article a sentence key belongs to."""
        return _article_of(key, (*self.earlier, *self.later))


def _article_of(key: str, articles: Sequence[Article]) -> Article:
    ident = key.rsplit(":", 1)[0]
    for a in articles:
        if a.id == ident:
            return a
    raise KeyError(key)


def split_by_date(
    articles: Sequence[Article], split: dt.date | None = None
) -> tuple[tuple[Article, ...], tuple[Article, ...], dt.date]:
    """Dated articles before ``split`` and from it on, oldest first (undated ones are
    left out). ``split`` defaults to the median date, so both sides have articles
    whenever the articles have at least two dates.

    Raises ValueError when there is nothing on one side.
    """
    dated = sorted((a for a in articles if a.published), key=lambda a: (a.published, a.id))
    if split is None:
        days = sorted({a.published for a in dated})
        if len(days) < 2:
            raise ValueError("a topic compare needs matching articles on at least two dates")
        split = statistics.median_high(days) if len(days) % 2 == 0 else _after_median(days)
    earlier = tuple(a for a in dated if a.published < split)
    later = tuple(a for a in dated if a.published >= split)
    if not earlier or not later:
        raise ValueError(
            f"no matching article {'before' if not earlier else 'on or after'} {split}: "
            "choose another --split date"
        )
    return earlier, later, split


#: A copy keeps at least this share of the shorter text's runs of five words: the same
#: page saved twice (as a web page and as a clipper's markdown) differs in furniture only.
SAME_TEXT = 0.8
_RX_WORD = re.compile(r"[^\W_]+")


def without_duplicates(
    articles: Sequence[Article],
) -> tuple[tuple[Article, ...], tuple[tuple[Article, Article], ...]]:
    """``articles`` with each one saved twice kept once (the first by id), and the copies
    set aside as (copy, the article kept). A copy has the same address, or the same title
    (case, punctuation and spacing aside) and nearly the same text."""
    kept: list[Article] = []
    copies: list[tuple[Article, Article]] = []
    by_title: dict[str, list[tuple[Article, frozenset]]] = {}
    by_url: dict[str, Article] = {}
    for a in sorted(articles, key=lambda a: a.id):
        url = a.url.strip().rstrip("/").casefold()
        title = " ".join(_RX_WORD.findall(a.title.casefold()))
        same = by_url.get(url) if url else None
        runs = _runs(a)
        if same is None and title:
            same = next(
                (k for k, k_runs in by_title.get(title, ()) if _same_text(runs, k_runs)), None
            )
        if same is not None:
            copies.append((a, same))
            continue
        kept.append(a)
        if url:
            by_url[url] = a
        if title:
            by_title.setdefault(title, []).append((a, runs))
    order = {a.id: n for n, a in enumerate(articles)}
    return tuple(sorted(kept, key=lambda a: order[a.id])), tuple(copies)


def _runs(article: Article) -> frozenset:
    words = _RX_WORD.findall(f"{article.standfirst} {article.body}".casefold())
    return frozenset(zip(*(words[i:] for i in range(5)), strict=False)) or frozenset(words)


def _same_text(a: frozenset, b: frozenset) -> bool:
    shorter = min(len(a), len(b))
    return shorter > 0 and len(a & b) >= SAME_TEXT * shorter


def _after_median(days: list[dt.date]) -> dt.date:
    """With an odd number of dates the median date itself goes to the later side."""
    return days[len(days) // 2]


def _sides(
    articles: Sequence[Article],
    entities: Callable[[Article], Sequence[Entity]] | None,
    themes: Sequence[Theme],
) -> list[list[_Sentence]]:
    get = entities or _entities
    return [_sentences(a, get(a), themes) for a in articles]


def compare_topic(
    query: str,
    earlier: Sequence[Article],
    later: Sequence[Article],
    split: dt.date,
    *,
    entities: Callable[[Article], Sequence[Entity]] | None = None,
) -> TopicComparison:
    """Link the concerns of every ``earlier`` article to the sentences of every ``later``
    one. ``entities`` gives an article's entities (default: recognise them)."""
    from search.compare import link_sentences, new_developments
    from search.compare.story import SAME_STORY_MIN, cosine, profile

    t0 = time.perf_counter()
    with cycles_collected_after():
        themes = load_themes()
        lefts = _sides(earlier, entities, themes)
        rights = _sides(later, entities, themes)
        right = [s for side in rights for s in side]
        scorer = Scorer([*(s for side in lefts for s in side), *right], right, headlines(later))
        stories = [(a.id, profile(side)) for a, side in zip(later, rights, strict=True)]
        links: list[Link] = []
        used: set[str] = set()
        for left in lefts:
            # Only the later articles on this one's story answer its concerns: a query
            # matches articles of many stories, and a word in common is not one.
            mine = profile(left)
            among = {i for i, theirs in stories if cosine(mine, theirs) >= SAME_STORY_MIN}
            if len(among) == len(stories):
                among = None  # all of them (the usual case): nothing to leave out
            links += link_sentences(left, right, scorer=scorer, used=used, among=among)[0]
        new = new_developments(right, used)
    elapsed = (time.perf_counter() - t0) * 1000
    return TopicComparison(query, split, tuple(earlier), tuple(later), tuple(links), new, elapsed)


def what_happened_next(
    article: Article,
    concern_key: str,
    later: Sequence[Article],
    *,
    entities: Callable[[Article], Sequence[Entity]] | None = None,
    limit: int = 10,
    given_up: Callable[[], bool] | None = None,
) -> tuple[Evidence, ...]:
    """The sentences of ``later`` articles that answer one concern of ``article``, best
    first (at most ``limit``, none under the link threshold). Only articles on the
    concern's story answer it (:mod:`search.compare.story`): across a corpus of many
    stories, a word in common is not one.

    Every article of ``later`` is analysed: across a corpus, pass the few the index finds
    most like the concern's article (:meth:`search.corpus.Corpus.what_happened_next`), not
    every later one. Raises :class:`~search.model.Cancelled` once ``given_up()`` is true
    (asked before each article is analysed)."""
    from search.compare.score import LINK_THRESHOLD, _evidence
    from search.compare.story import SAME_STORY_MIN, cosine, profile
    from search.model import Cancelled

    get = entities or _entities
    with cycles_collected_after():
        themes = load_themes()
        (left,) = _sides([article], entities, themes)
        i = next((i for i, s in enumerate(left) if s.key == concern_key), None)
        if i is None:
            return ()
        others = [a for a in later if a.id != article.id]
        story = profile(left)
        right: list = []
        for other in others:
            # Only the articles on the story are kept: the rest are dropped as soon as
            # they are read, so memory holds the story's sentences, not the corpus's.
            if given_up is not None and given_up():
                raise Cancelled
            side = _sentences(other, get(other), themes)
            if cosine(story, profile(side)) >= SAME_STORY_MIN:
                right += side
        scorer = Scorer([*left, *right], right, headlines(others))
        ranked = scorer.ranked(left[i], left[i - 1] if i else None, limit)
    return tuple(
        _evidence(left[i], d, score, scorer.theme_weight)
        for score, d in ranked[:limit]
        if score >= LINK_THRESHOLD
    )


def topic_to_dict(result: TopicComparison) -> dict:
    """A topic comparison as plain data (``dossier compare --topic Q --json``): each
    concern and development cites its article (offsets are into that article's body)."""

    def cite(key: str) -> dict:
        a = result.article_of(key)
        return {
            "id": a.id,
            "title": a.title,
            "source": a.source or None,
            "published": a.published.isoformat() if a.published else None,
        }

    def sentence(key: str, span) -> dict:
        return {"text": span.text, "start": span.start, "end": span.end, "article": cite(key)}

    return {
        "query": result.query,
        "split": result.split.isoformat(),
        "earlier": [cite(f"{a.id}:") for a in result.earlier],
        "later": [cite(f"{a.id}:") for a in result.later],
        "links": [
            {
                "concern": sentence(link.concern.key, link.concern.span),
                "developments": [
                    {
                        **sentence(e.development.key, e.development.span),
                        "score": round(e.score, 3),
                        "origin": e.origin,
                    }
                    for e in link.evidence
                ],
                "verdict": link.verdict,
                "origin": link.origin,
                "judged": link.judged,
                "note": link.note,
            }
            for link in result.links
        ],
        "notices": list(result.notices),
    }
