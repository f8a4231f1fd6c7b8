"""How well a development answers a concern, and why."""

from __future__ import annotations

from search import _whoosh  # noqa: F401  (first: Whoosh without what it never uses)

# isort: split
import math
from collections.abc import Sequence

from whoosh.analysis import (
    SpaceSeparatedTokenizer,
)
from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.scoring import BM25F

from search.compare.analysis import Theme, _inside, _Sentence, load_rings
from search.compare.model import Development, Evidence

#: A development must score at least this to be linked to a concern at all.
LINK_THRESHOLD = 0.25
#: At most this many developments are listed for one concern.
MAX_DEVELOPMENTS = 3
#: A development below the best one by more than this factor is not listed.
RELATIVE_CUTOFF = 0.55

WEIGHT_TEXT, WEIGHT_ENTITIES, WEIGHT_THEME = 0.45, 0.35, 0.20


def _pairs(s: _Sentence) -> list[str]:
    """Adjacent word pairs ("south_korea", "defenc_spend"): names and set phrases."""
    text, base = s.span.text, s.span.start
    out = []
    tokens = s.words()
    for a, b in zip(tokens, tokens[1:], strict=False):
        gap = text[a.end - base : b.start - base]
        if gap in (" ", "-", "\u00a0"):
            out.append(f"{a.stem}_{b.stem}")
    return out


def _bm25(concerns, developments) -> dict[str, dict[str, float]]:
    """BM25F of each development for each concern's content words, adjacent word
    pairs and synonym rings (an OR of them all, over three fields), as a share of the
    score of the concern's words against its own sentence: 1.0 is as good a match as
    itself."""
    words = SpaceSeparatedTokenizer()
    # Frequencies only (no positions, nothing stored): document numbers are the order
    # of addition in this one-segment index, so ``key_of`` maps them back.
    schema = Schema(
        text=TEXT(analyzer=words, phrase=False),
        pairs=TEXT(analyzer=words, phrase=False),
        rings=TEXT(analyzer=words, phrase=False),
    )
    ix = RamStorage().create_index(schema)
    writer = ix.writer()
    key_of: list[str] = []
    terms: dict[str, list[tuple[str, str]]] = {}
    for s in (*concerns, *developments):
        if s.key not in terms:
            key_of.append(s.key)
            pairs = _pairs(s)
            stems = [t.stem for t in s.words()]
            writer.add_document(
                text=" ".join(stems), pairs=" ".join(pairs), rings=" ".join(s.rings)
            )
            terms[s.key] = (
                [("text", t) for t in set(stems)]
                + [("pairs", p) for p in set(pairs)]
                + [("rings", r) for r in s.rings]
            )
    writer.commit()
    wanted = {d.key for d in developments}
    out: dict[str, dict[str, float]] = {}
    with ix.searcher(weighting=BM25F()) as searcher:
        reader = searcher.reader()
        assert searcher.doc_count_all() == len(key_of)
        postings: dict[tuple[str, str], dict[str, float]] = {}

        def scores(term: tuple[str, str]) -> dict[str, float]:
            # What Whoosh's Or([Term(...), ...]) sums, one term at a time and cached:
            # concerns share many words, and a union matcher per query costs more.
            if term not in postings:
                found: dict[str, float] = {}
                if term in reader:
                    m = searcher.postings(*term)
                    while m.is_active():
                        found[key_of[m.id()]] = m.score()
                        m.next()
                postings[term] = found
            return postings[term]

        for c in concerns:
            total: dict[str, float] = {}
            own = 0.0
            for term in terms[c.key]:
                for key, score in scores(term).items():
                    total[key] = total.get(key, 0.0) + score
                    if key == c.key and term[0] == "text":
                        own += score
            # Normalised by the words alone: a shared pair or synonym ring is a bonus.
            if own <= 0:
                continue
            out[c.key] = {
                key: min(1.0, score / own)
                for key, score in total.items()
                if key in wanted and key != c.key
            }
    return out


def _rarity(sentences: Sequence[_Sentence], attr: str) -> dict[str, float]:
    """Entity or theme -> weight in 0..1: the rarer among ``sentences``, the more a shared
    one says (the subject of the whole piece links nothing in particular). Themes are
    weighed in the later article; entities in both, as a name both keep repeating is the
    subject of both."""
    n = max(1, len(sentences))
    df: dict[str, int] = {}
    for s in sentences:
        for name in getattr(s, attr):
            df[name] = df.get(name, 0) + 1
    return {name: math.log(1 + n / k) / math.log(1 + n) for name, k in df.items()}


def _link_score(c: _Sentence, d: _Sentence, text: float, entity_weight, theme_weight) -> float:
    """0..1: how well development ``d`` answers concern ``c``."""
    ent = min(1.0, sum(entity_weight.get(n, 0.0) for n in c.entities if n in d.entities))
    theme = max((theme_weight.get(n, 0.0) for n in c.themes if n in d.themes), default=0.0)
    # BM25F as a share of the concern's own score is small for a long concern that
    # shares one telling word; the square root spreads the low end.
    return WEIGHT_TEXT * math.sqrt(text) + WEIGHT_ENTITIES * ent + WEIGHT_THEME * theme


def _evidence(c: _Sentence, d: _Sentence, score: float, theme_weight) -> Evidence:
    """The development with the reasons for linking it: shared entities, words, themes."""
    shared_entities = [n for n in c.entities if n in d.entities]
    shared_themes = sorted(
        (name for name in c.themes if name in d.themes),
        key=lambda name: -theme_weight.get(name, 0.0),
    )
    # Surface words of the concern that the development shares, minus entity words.
    entity_chars_c = [r for n in shared_entities for r in c.entities[n]]
    entity_chars_d = [r for n in shared_entities for r in d.entities[n]]
    d_stems = {t.stem for t in d.tokens}
    terms: dict[str, None] = {}
    c_marks = list(entity_chars_c)
    shared_stems = set()
    for t in c.tokens:
        if t.stem in d_stems and not _inside(t.start, entity_chars_c):
            terms.setdefault(c.span.text[t.start - c.span.start : t.end - c.span.start], None)
            c_marks.append((t.start, t.end))
            shared_stems.add(t.stem)
    d_marks = list(entity_chars_d)
    d_marks += [
        (t.start, t.end)
        for t in d.tokens
        if t.stem in shared_stems and not _inside(t.start, entity_chars_d)
    ]
    # Synonyms: "coal / lignite", marked on both sides.
    rings = {r.name: r for r in load_rings()}
    for name in c.rings:
        if name not in d.rings:
            continue
        c_spans, d_spans = _ring_spans(c, rings[name]), _ring_spans(d, rings[name])
        if not c_spans or not d_spans:
            continue
        c_word = _surface(c, c_spans[0])
        d_word = _surface(d, d_spans[0])
        if c_word.lower() != d_word.lower():
            terms.setdefault(f"{c_word} / {d_word}", None)
            c_marks += c_spans
            d_marks += d_spans
    return Evidence(
        development=Development(d.span, d.key, d.cues.events + d.cues.event_nouns),
        score=round(score, 4),
        shared_entities=tuple(shared_entities),
        shared_terms=tuple(terms),
        themes=tuple(shared_themes),
        concern_marks=tuple(sorted(set(c_marks))),
        development_marks=tuple(sorted(set(d_marks))),
    )


def _ring_spans(s: _Sentence, ring: Theme) -> list[tuple[int, int]]:
    """Where the members of a synonym ring occur in a sentence (body offsets)."""
    stems = s.stems
    out = []
    for i in range(len(stems)):
        for term in ring.terms:
            if tuple(stems[i : i + len(term)]) == term:
                out.append((s.tokens[i].start, s.tokens[i + len(term) - 1].end))
                break
    return out


def _surface(s: _Sentence, span: tuple[int, int]) -> str:
    return s.span.text[span[0] - s.span.start : span[1] - s.span.start]
