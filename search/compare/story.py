"""Whether two articles tell one story at all, before any concern is linked.

An analyst may pick any two articles to compare. Two articles on different stories (a
report on hospitals in Gaza and one on a lakeside resort in California) still have a
sentence that "stands out" for each concern by a word or two, and the linker, whose
threshold is relative to the other sentences of the later article, would link it. So the
pair is looked at as a whole first: the two articles' content words, each weighed by its
rarity in the language (wordfreq, as the linker weighs them) and counted over the whole
article, are compared by cosine. Articles on one story share their rare words (names,
places, the subject's own vocabulary) and score well apart from articles on two.

Calibrated by ``python -m bench.story_overlap``: the 17 annotated pairs of one story
(compare-dev, bench/compare_*, the seeds) score 0.34 to 0.85 whole, and 0.11 or more with
one side or both cut to its first three sentences (but the seeds cut both: 0.025; the
earlier one's first sentences are about Ukraine, the later one's about Trump's tour). Of
3,916 pairs of the unrelated real pages of ingest-dev, 5.3% score 0.06 or more (pages on
one subject among them), 2.6% 0.08. A weighted containment of the shorter article in the
longer one, and a cosine of square-rooted counts, separated the two sets less well.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from search.compare.analysis import _Sentence
from search.compare.score import language_weight

#: Under this overlap two articles are taken for different stories and nothing is linked:
#: a fifth of what the least related pair of one story shares whole, half of what it
#: shares cut to a few sentences; the pairs judged are always of one story, so the
#: threshold errs on their side.
SAME_STORY_MIN = 0.06


def story_overlap(left: Sequence[_Sentence], right: Sequence[_Sentence]) -> float:
    """0..1: the cosine of the two articles' content words weighed by their rarity."""
    return cosine(profile(left), profile(right))


class Profile(NamedTuple):
    """An article's content stems and their summed rarity weights, and the vector's length."""

    weights: dict[str, float]
    norm: float


def cosine(a: Profile, b: Profile) -> float:
    """The cosine of two :func:`profile` s (0 when either is empty)."""
    if not (a.norm and b.norm):
        return 0.0
    x, y = a.weights, b.weights
    return sum([x[stem] * y[stem] for stem in x.keys() & y.keys()]) / (a.norm * b.norm)


def different_stories(overlap: float) -> str:
    """What the user is told when :func:`story_overlap` is under :data:`SAME_STORY_MIN`."""
    return (
        f"these two articles share almost no words or names (overlap {overlap:.2f}, under "
        f"{SAME_STORY_MIN}; articles on one story score about 0.3 and up): they look like "
        "different stories, so no concern is linked; pin a development by hand if one answers"
    )


def profile(sentences: Sequence[_Sentence]) -> Profile:
    """Stem -> the summed rarity weights of its occurrences over ``sentences``."""
    weights: dict[str, float] = {}
    get = weights.get
    for sentence in sentences:
        for token in sentence.tokens:
            weight = language_weight(token.word)
            if weight:
                weights[token.stem] = get(token.stem, 0.0) + weight
    return Profile(weights, math.sqrt(sum(w * w for w in weights.values())))
