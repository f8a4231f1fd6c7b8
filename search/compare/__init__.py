"""Compare two articles: the earlier one's concerns, the later one's developments.

The earlier article worries, predicts and expects; the later one reports what
happened, was pledged, signed, announced or decided. :func:`compare` finds both
kinds of sentence by general cues (never by the sentences of any one article),
links each concern to the developments that answer it, and says why: the words
and canonical entities they share and the theme of international affairs they
both touch. A concern nothing answers is a finding in itself ("no development
found"), and so is a development nothing anticipated.

Concerns are sentences that look forward (:mod:`search.compare.cues`): a worry, risk,
prediction, expectation, a plan, demand or commitment not yet carried out, an allegation
still to be tested. Any later sentence may answer one; :mod:`search.compare.score` weighs
what the concern is about (its words by their rarity in the language and in the two
articles, its entities by role, synonym rings of :file:`data/synonyms.toml`) and how much
the later sentence reports rather than restates; a link under the calibrated threshold is
silence ("no development found").

Words are stemmed, US spellings folded into British and demonyms into their places
(:file:`data/demonyms.toml`) so "French farmers" meets "France".

Analysts' verdicts, pins and drops are applied on top by :mod:`search.links`.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from search.compare.analysis import (
    Theme,
    _both_sides,
    _Sentence,
    _sentences,
    cycles_collected_after,
    load_themes,
)
from search.compare.cues import (
    CONCERN_MIN,
    CONCERN_MIN_WORDS,
    DEVELOPMENT_MIN,
    DEVELOPMENT_MIN_WORDS,
    NEW_DEVELOPMENT_MIN,
    concern_strength,
    development_strength,
)
from search.compare.model import (
    AUTO_LINKED,
    AUTO_SILENT,
    VERDICTS,
    Comparison,
    Concern,
    Development,
    Evidence,
    Link,
)
from search.compare.score import BACKGROUND_FACTOR, Scorer, development_factor, headlines
from search.compare.story import SAME_STORY_MIN, different_stories, story_overlap
from search.compare.topic import (
    TopicComparison,
    compare_topic,
    split_by_date,
    topic_to_dict,
    what_happened_next,
)
from search.model import Article, Entity, Span
from search.sentences import sentence_key, split_sentences

__all__ = [
    "AUTO_LINKED",
    "AUTO_SILENT",
    "VERDICTS",
    "Comparison",
    "Concern",
    "Development",
    "Evidence",
    "Link",
    "TopicComparison",
    "compare",
    "compare_topic",
    "default_pair",
    "evidence_for",
    "find_concerns",
    "find_developments",
    "sentence_at",
    "sentence_key",
    "split_by_date",
    "split_sentences",
    "to_dict",
    "topic_to_dict",
    "what_happened_next",
]

# --------------------------------------------------------------------------- compare


def find_concerns(article: Article) -> tuple[Concern, ...]:
    """The concerns of one article, by cues alone."""
    sentences = _sentences(article, (), ())
    found: list[Concern] = []
    told: set[str] = set()  # a repeated sentence once, where it first is
    for i, s in enumerate(sentences):
        if s.key not in told and _is_concern(s, sentences[i - 1] if i else None):
            told.add(s.key)
            found.append(Concern(s.span, s.key, s.cues.forward + s.cues.worry + s.cues.demand))
    return tuple(found)


def find_developments(article: Article) -> tuple[Development, ...]:
    return tuple(
        Development(s.span, s.key, s.cues.events + s.cues.event_nouns)
        for s in _sentences(article, (), ())
        if _is_development(s)
    )


def _content(s: _Sentence) -> int:
    return len(s.stem_set())


def _is_concern(s: _Sentence, before: _Sentence | None = None) -> bool:
    """Looks forward, and says about what: by its own words or, when it points back
    ("I may do it."), by the sentence before."""
    if concern_strength(s.cues) < CONCERN_MIN:
        return False
    return _content(s) >= CONCERN_MIN_WORDS or (
        before is not None and _content(s) + _content(before) >= CONCERN_MIN_WORDS + 2
    )


def _is_development(s: _Sentence) -> bool:
    return development_strength(s.cues) >= DEVELOPMENT_MIN and _content(s) >= DEVELOPMENT_MIN_WORDS


def compare(
    earlier: Article,
    later: Article,
    *,
    earlier_entities: Sequence[Entity] | None = None,
    later_entities: Sequence[Entity] | None = None,
    themes: Sequence[Theme] | None = None,
) -> Comparison:
    """Link the concerns of ``earlier`` to the developments of ``later``.

    Entities default to :func:`search.entities.recognise` of each article; themes to
    :func:`load_themes`.
    """
    t0 = time.perf_counter()
    with cycles_collected_after():
        themes = load_themes() if themes is None else tuple(themes)
        left, right = _both_sides(earlier, later, earlier_entities, later_entities, themes)
        overlap = story_overlap(left, right)
        one_story = overlap >= SAME_STORY_MIN
        scorer = Scorer([*left, *right], right, headlines([later])) if one_story else None
        links, new = link_sentences(left, right, scorer=scorer, linking=one_story)
    elapsed = (time.perf_counter() - t0) * 1000
    notices = () if one_story else (different_stories(overlap),)
    return Comparison(
        earlier, later, tuple(links), new, elapsed, notices, different_stories=not one_story
    )


def link_sentences(
    left: Sequence[_Sentence],
    right: Sequence[_Sentence],
    *,
    scorer: Scorer | None = None,
    used: set[str] | None = None,
    linking: bool = True,
    among: AbstractSet[str] | None = None,
) -> tuple[list[Link], tuple[Development, ...]]:
    """Each concern among ``left`` (an earlier article's sentences, in order) linked to
    the sentences of ``right`` that answer it, best first; and the developments of
    ``right`` that no concern anticipated. ``scorer`` (required when ``linking``: it
    holds the later articles' headlines, which ``right`` does not) weighs the words, over
    more articles than these two in a topic compare, of which ``among`` names the
    articles that may answer. Not ``linking`` (two articles on different stories): every
    concern is listed, none linked."""
    if not linking:
        scorer = None
    elif scorer is None:
        raise TypeError("link_sentences needs a Scorer (with the later headlines) to link")
    links = []
    if used is None:
        used = set()
        new_too = True
    else:
        new_too = False  # the caller collects them once, over every earlier article
    told: set[str] = set()  # a sentence an article repeats (a lede again at the end) is one
    for i, c in enumerate(left):
        before = left[i - 1] if i else None
        if c.key in told or not _is_concern(c, before):
            continue
        told.add(c.key)
        keep = scorer.evidence(c, before, among) if scorer is not None else []
        used.update(e.development.key for e in keep)
        concern = Concern(c.span, c.key, c.cues.forward + c.cues.worry + c.cues.demand)
        links.append(Link(concern, tuple(keep), AUTO_LINKED if keep else AUTO_SILENT))
    return links, new_developments(right, used) if new_too else ()


def new_developments(right: Sequence[_Sentence], used: set[str]) -> tuple[Development, ...]:
    """Developments of ``right`` that no concern was linked to (keys in ``used``), each
    once however often its article repeats it; not the background a report retells (a
    warning given before, a stance, work going on: :func:`~search.compare.score.
    development_factor`)."""
    told = set(used)
    return tuple(
        Development(d.span, d.key, d.cues.events + d.cues.event_nouns)
        for d in right
        if d.key not in told
        and not told.add(d.key)
        and _is_development(d)
        and development_strength(d.cues) >= NEW_DEVELOPMENT_MIN
        and development_factor(d) > BACKGROUND_FACTOR
    )


# --------------------------------------------------------------------------- pairs


def sentence_at(article: Article, key: str) -> Span | None:
    """The sentence of ``article`` with this key (see :func:`sentence_key`), if any."""
    for span in split_sentences(article.body):
        if sentence_key(article.id, span.text) == key:
            return span
    return None


def evidence_for(
    earlier: Article,
    later: Article,
    concern: Span,
    development: Span,
    *,
    earlier_entities: Sequence[Entity] | None = None,
    later_entities: Sequence[Entity] | None = None,
) -> Evidence:
    """The reasons linking two given sentences (for a link an analyst pinned)."""
    themes = load_themes()
    left, right = _both_sides(earlier, later, earlier_entities, later_entities, themes)
    c = next(s for s in left if s.span == concern)
    d = next(s for s in right if s.span == development)
    i = left.index(c)
    scorer = Scorer([*left, *right], right, headlines([later]))
    return scorer.explain(c, left[i - 1] if i else None, d)


# --------------------------------------------------------------------------- pairs


def default_pair(articles: Sequence[Article]) -> tuple[Article, Article]:
    """The oldest and the newest dated articles (ties broken by id, for stability).

    Raises ValueError when fewer than two articles carry a date.
    """
    dated = sorted((a for a in articles if a.published is not None), key=_date_order)
    if len(dated) < 2:
        raise ValueError("compare needs two dated articles; name the two to compare, earlier first")
    return dated[0], dated[-1]


def in_date_order(first: Article, second: Article) -> tuple[Article, Article]:
    """The two articles, the earlier first: swapped only when the second is dated and the
    first is not, or is dated after it (the explorer and ``dossier compare`` alike)."""
    if second.published is not None and (
        first.published is None or second.published < first.published
    ):
        return second, first
    return first, second


def _date_order(a: Article) -> tuple[dt.date, str]:
    assert a.published is not None
    return (a.published, a.id)


# --------------------------------------------------------------------------- output


def to_dict(comparison: Comparison) -> dict:
    """The comparison as plain data (the ``dossier compare --json`` contract).

    Offsets are into each article's body (what ``dossier show`` prints).
    """

    def span(s: Span) -> dict:
        return {"text": s.text, "start": s.start, "end": s.end}

    def article(a: Article) -> dict:
        return {
            "id": a.id,
            "title": a.title,
            "source": a.source or None,
            "published": a.published.isoformat() if a.published else None,
        }

    return {
        "earlier": article(comparison.earlier),
        "later": article(comparison.later),
        "links": [
            {
                "concern": span(link.concern.span),
                "developments": [
                    {**span(e.development.span), "score": round(e.score, 3), "origin": e.origin}
                    for e in link.evidence
                ],
                "shared_entities": list(link.shared_entities),
                "shared_terms": list(link.shared_terms),
                "theme": link.theme,
                "verdict": link.verdict,
                "origin": link.origin,
                "judged": link.judged,
                "note": link.note,
            }
            for link in comparison.addressed
        ],
        "unaddressed": [
            {
                **span(link.concern.span),
                "verdict": link.verdict,
                "origin": link.origin,
                "judged": link.judged,
                "note": link.note,
            }
            for link in comparison.unaddressed
        ],
        "new_developments": [span(d.span) for d in comparison.new_developments],
        "notices": list(comparison.notices),
        "different_stories": comparison.different_stories,
    }
