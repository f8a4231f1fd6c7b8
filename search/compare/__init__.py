"""Compare two articles: the earlier one's concerns, the later one's developments.

The earlier article worries, predicts and expects; the later one reports what
happened, was pledged, signed, announced or decided. :func:`compare` finds both
kinds of sentence by general cues (never by the sentences of any one article),
links each concern to the developments that answer it, and says why: the words
and canonical entities they share and the theme of international affairs they
both touch. A concern nothing answers is a finding in itself ("no development
found"), and so is a development nothing anticipated.

The score of a link combines three things, each in 0..1:

- Whoosh BM25F similarity of the development to the concern's content words
  (names excluded: they count as entities), normalised by the concern's score
  against itself, with bonuses for shared adjacent word pairs ("defence spending")
  and shared synonym rings of :file:`data/synonyms.toml` ("LNG" / "liquefied
  natural gas");
- the canonical entities they share (from :mod:`search.entities`), each weighted by
  how rare it is in the two articles (the subject of either piece links nothing);
- the themes of :file:`data/themes.toml` they share, weighted by rarity in the later
  article.

Words are stemmed, US spellings folded into British and demonyms into their places
(:file:`data/demonyms.toml`) so "French farmers" meets "France".

Analysts' verdicts, pins and drops are applied on top by :mod:`search.links`.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence

from search.compare.analysis import (
    Theme,
    _both_sides,
    _Sentence,
    _sentences,
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
from search.compare.score import (
    LINK_THRESHOLD,
    MAX_DEVELOPMENTS,
    RELATIVE_CUTOFF,
    _bm25,
    _evidence,
    _link_score,
    _rarity,
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
    "compare",
    "default_pair",
    "evidence_for",
    "find_concerns",
    "find_developments",
    "sentence_at",
    "sentence_key",
    "split_sentences",
    "to_dict",
]

# --------------------------------------------------------------------------- compare


def find_concerns(article: Article) -> tuple[Concern, ...]:
    """The concerns of one article, by cues alone."""
    return tuple(
        Concern(s.span, s.key, s.cues.forward + s.cues.worry)
        for s in _sentences(article, (), ())
        if _is_concern(s)
    )


def find_developments(article: Article) -> tuple[Development, ...]:
    return tuple(
        Development(s.span, s.key, s.cues.events + s.cues.event_nouns)
        for s in _sentences(article, (), ())
        if _is_development(s)
    )


def _content(s: _Sentence) -> int:
    return len(set(s.stems))


def _is_concern(s: _Sentence) -> bool:
    return concern_strength(s.cues) >= CONCERN_MIN and _content(s) >= CONCERN_MIN_WORDS


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
    themes = load_themes() if themes is None else tuple(themes)
    left, right = _both_sides(earlier, later, earlier_entities, later_entities, themes)
    concerns = [s for s in left if _is_concern(s)]
    developments = [s for s in right if _is_development(s)]

    text_scores = _bm25(concerns, developments)
    # Names count as entities, not words (see _Sentence.words), weighted by rarity in
    # both articles: the subject of the whole piece links nothing in particular.
    entity_weight = _rarity([*left, *right], "entities")
    theme_weight = _rarity(right, "themes")
    later_entities_all = {name for s in right for name in s.entities}

    by_entity: dict[str, list[_Sentence]] = {}
    for d in developments:
        for name in d.entities:
            by_entity.setdefault(name, []).append(d)
    by_key = {d.key: d for d in developments}

    links = []
    used: set[str] = set()
    for c in concerns:
        texts = text_scores.get(c.key, {})
        candidates = {k: by_key[k] for k in texts}
        for name in c.entities:
            candidates.update((d.key, d) for d in by_entity.get(name, ()))
        scored = sorted(
            (
                (_link_score(c, d, texts.get(d.key, 0.0), entity_weight, theme_weight), d)
                for d in candidates.values()
            ),
            key=lambda pair: (-pair[0], pair[1].span.start),
        )
        # A concern about things the later article never names is less likely answered.
        absent = [n for n in c.entities if n not in later_entities_all]
        if c.entities and absent:
            factor = 1.0 - 0.35 * len(absent) / len(c.entities)
            scored = [(score * factor, d) for score, d in scored]
        keep = []
        if scored and scored[0][0] >= LINK_THRESHOLD:
            best = scored[0][0]
            keep = [
                _evidence(c, d, score, theme_weight)
                for score, d in scored[:MAX_DEVELOPMENTS]
                if score >= LINK_THRESHOLD and score >= best * RELATIVE_CUTOFF
            ]
        used.update(e.development.key for e in keep)
        concern = Concern(c.span, c.key, c.cues.forward + c.cues.worry)
        links.append(Link(concern, tuple(keep), AUTO_LINKED if keep else AUTO_SILENT))

    new = tuple(
        Development(d.span, d.key, d.cues.events + d.cues.event_nouns)
        for d in developments
        if d.key not in used and development_strength(d.cues) >= NEW_DEVELOPMENT_MIN
    )
    elapsed = (time.perf_counter() - t0) * 1000
    return Comparison(earlier, later, tuple(links), new, elapsed)


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
    text = _bm25([c], right).get(c.key, {}).get(d.key, 0.0)
    theme_weight = _rarity(right, "themes")
    entities = _rarity([*left, *right], "entities")
    return _evidence(c, d, _link_score(c, d, text, entities, theme_weight), theme_weight)


# --------------------------------------------------------------------------- pairs


def default_pair(articles: Sequence[Article]) -> tuple[Article, Article]:
    """The oldest and the newest dated articles (ties broken by id, for stability).

    Raises ValueError when fewer than two articles carry a date.
    """
    dated = sorted((a for a in articles if a.published is not None), key=_date_order)
    if len(dated) < 2:
        raise ValueError("compare needs two dated articles; name the two to compare, earlier first")
    return dated[0], dated[-1]


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
            }
            for link in comparison.addressed
        ],
        "unaddressed": [
            {**span(link.concern.span), "verdict": link.verdict, "origin": link.origin}
            for link in comparison.unaddressed
        ],
        "new_developments": [span(d.span) for d in comparison.new_developments],
        "notices": list(comparison.notices),
    }
