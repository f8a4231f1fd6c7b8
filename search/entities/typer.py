"""The typer: what kind of name an unknown capitalised name is, from evidence.

The guesser finds names the gazetteer does not know; this module says whether each is a
person, an organisation, a place, some other name (an event, a nationality) or no name,
from the evidence around it:

- the name's shape and parts: how many words, capitals, initials, hyphens, digits; a
  given name first; a word that ends organisations ("Party", "Bank") or places ("River");
  the endings of surnames and place names ("-ski", "-stan");
- the words around it, by class: a preposition of place before ("in", "near", "northern"),
  a verb of speech after ("said"), a title before, "-based" or "'s" after, brackets;
- what else is known: a gazetteer name inside it, the guesser's own cue;
- the document: every mention of the same name gets the type their evidence agrees on.

A multiclass linear model (averaged perceptron) weighs the evidence; its weights ship in
``data/entity_typer.json`` (trained by ``scripts/train_typer.py``). Every feature is a
class from the hand-written lists below, never a word taken from the training text, so
the weights carry no text of the data they were fitted on.
"""

# Word lists read best as one string split on spaces.
# ruff: noqa: SIM905

from __future__ import annotations

import json
import re
import struct
from collections.abc import Iterable
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from search.entities.kept import kept

WEIGHTS_PATH = Path(__file__).parents[1] / "data" / "entity_typer.json"

#: The classes the typer chooses between (MISC: a name of another kind; NONE: no name).
CLASSES: tuple[str, ...] = ("PER", "LOC", "ORG", "MISC", "NONE")

# Closed classes of context words: the vocabulary of the features, written by hand.
_WORD_CLASSES: dict[str, str] = {}
for _cls, _words in {
    "place_prep": "in at near outside inside across throughout around via into",
    "from": "from",
    "to": "to toward towards",
    "of": "of",
    "by": "by",
    "with": "with",
    "for": "for",
    "and": "and or",
    "the": "the",
    "a": "a an",
    "against": "against beat beats beating defeated drew lost versus vs vs.",
    "direction": "northern southern eastern western central north south east west"
    " northeast northwest southeast southwest north-east north-west south-east south-west"
    " neighbouring neighboring",
    "speech": "said says told say added asked stated announced declared wrote warned urged"
    " argued insisted denied confirmed reported replied",
    "person_noun": "spokesman spokeswoman spokesperson minister president leader chairman"
    " director chief secretary official officials coach striker captain manager player"
    " husband wife son daughter brother sister father mother colleague"
    " candidate senator governor mayor premier deputy",
    "org_noun": "party company firm group bank team club agency ministry government"
    " council committee union newspaper shares stake subsidiary unit board league"
    " corporation authorities maker makers giant carrier operator retailer insurer lender"
    " brewer miner producer supplier manufacturer conglomerate startup automaker carmaker"
    " chipmaker drugmaker magazine website broadcaster publisher publication outlet",
    "rival": "rival rivals",
    "market": "rose fell gained dropped slipped jumped climbed eased surged plunged tumbled"
    " shares stock",
    "place_noun": "city town village capital country province region state district"
    " border island port coast area county riding constituency electorate seat ward"
    " borough municipality division",
    "be": "is was are were has had have will would",
    "who": "who whom whose",
    "which": "which that",
    "verb_person": "met meets visited visits thanked appointed elected named succeeded"
    " replaced defeated married",
    "visit": "visit visiting travelled traveled arrived left returned flew",
    "leader": "leader head chief member members",
    "born": "born raised",
    "act": "ran won lost led became met took made held went began fought stood sat left"
    " gave wrote spent became became served joined resigned",
}.items():
    for _w in _words.split():
        _WORD_CLASSES[_w] = _cls

_COMPASS = frozenset(
    "North South East West Central Upper Lower Northern Southern Eastern Western Greater"
    " Inner Outer Mid".split()
)
#: A point of the compass alone, a country's region ("the South voted", "moved North"):
#: LOC 25 times of 28 in CoNLL's and CrossNER's gold.
REGIONS = frozenset(
    "North South East West Midwest Northeast Northwest Southeast Southwest North-East"
    " North-West South-East South-West".split()
)
_PERSON_SUFFIXES = tuple(
    "son sen ez es ov ova ev eva in ina ski ska sky vic ic ich ovich enko uk chuk escu"
    " opoulos ou akis idis ini elli etti ucci ian yan oglu er man mann stein berg".split()
)
_PLACE_SUFFIXES = tuple(
    "ia land stan burg burgh ville ton shire grad pur abad polis istan ea ey".split()
)


@lru_cache(maxsize=8192)
def shape(word: str) -> str:
    if not word.isalpha() and _RX_DIGIT.search(word):
        return "digit"
    if len(word) == 2 and word.endswith("."):
        return "initial"
    if "." in word:
        return "dotted"
    if word.isupper():
        return "caps" if len(word) <= 3 else "caps4"
    if "-" in word:
        return "hyphen"
    rest = word[1:]
    if not rest.islower() and any(c.isupper() for c in rest):  # (islower: none is)
        return "mixed"
    return "title" if word[:1].isupper() else "lower"


_RX_DIGIT = re.compile(r"\d")


def suffix_class(word: str) -> str:  # (read once per word: resolve._word_facts caches it)
    low = word.lower()
    if low.endswith(_PERSON_SUFFIXES):
        return "per"
    if low.endswith(_PLACE_SUFFIXES):
        return "loc"
    return "none"


@lru_cache(maxsize=8192)
def _word_class(word: str) -> str:
    if not word:
        return "none"
    cls = _WORD_CLASSES.get(word.lower())
    if cls:
        return cls
    if word[0].isdigit():
        return "num"
    if word.endswith("ed") and word.islower() and len(word) > 4:
        return "act"  # "campaigned", "elected"
    if len(word) == 1 and word.islower():
        return "letter"  # a scorecard's "c" and "b", a list's "(a)"
    if word[0].isupper():
        return "cap"
    if not word[0].isalnum():
        return "punct"
    return "other"


def name_features(words: list[str], guess: str, facts: list[tuple], place: bool) -> tuple[str, ...]:
    """The evidence in the name itself (the same wherever it occurs); the arguments are
    :func:`name_state`'s."""
    return name_state_features(name_state(words, guess, facts, place)) + lexical_features(words)


def name_score(words: list[str], guess: str, facts: list[tuple], place: bool) -> int:
    """The packed scores (:func:`packed`) of :func:`name_features`, summed: the part that
    is not the words themselves once per kind of name, each word's once per word."""
    get = packed().get
    score = _state_score(name_state(words, guess, facts, place))
    last = words[-1].lower()
    if len(words) == 1:  # (the common case: its one word is its last)
        return score + get(LEXICAL + last, 0) + get(LEXICAL_LAST + last, 0)
    for w in words[:4]:
        score += get(LEXICAL + w.lower(), 0)
    return score + get(LEXICAL_LAST + last, 0)


def name_state(words: list[str], guess: str, facts: list[tuple], place: bool) -> tuple:
    """What the name's features say of it but its words, as a key of plain values
    (:func:`name_state_features` spells it out). Few names differ in it.

    ``guess``: the guesser's type; ``facts``: what the lists know of each word, as
    (its cue type or None, the type of the known name it is or "", a given name, a census
    surname, a place), then its :func:`word_shape`; ``place``: the whole name is a
    town's or a country's."""
    n = len(words)
    if n == 1:  # (the common case, spelt out)
        cue, known, given, surname, _, word_shape, suffix, tier = facts[0]
        return (
            1,
            guess,
            word_shape,
            word_shape,
            suffix,
            cue or "none",
            cue or "none",
            known or "none",
            known or "none",
            "none",
            place,
            "",
            given,
            False,
            surname and not known,
            words[0] in _NAME_CONNECTORS,
            "",
            int(tier != 0),
            tier,
        )
    cue_any = cue_of = known_inside = ""  # the first cue, cue before "of", known name's type
    plain = 0  # everyday words
    for i, fact in enumerate(facts):  # (indexed: a starred unpacking makes a list)
        cue = fact[0]
        if cue:
            cue_any = cue_any or cue
            if not cue_of and i < n - 1 and words[i + 1] in {"of", "for"}:
                cue_of = cue
        if fact[1] and not known_inside:
            known_inside = fact[1]
        if fact[7]:
            plain += 1
    first, last = facts[0][5:], facts[-1][5:]
    place_part = ""
    if not place and (facts[0][4] or facts[-1][4]):  # "Galway North", "North Galway"
        place_part = "first" if facts[0][4] else "last"
    compass = ""
    if words[0] in _COMPASS or words[-1] in _COMPASS:
        compass = "first" if words[0] in _COMPASS else "last"  # "North Down"
    return (
        min(n, 4),
        guess,
        first[0],
        last[0],
        last[1],
        facts[-1][0] or "none",
        cue_any or "none",
        known_inside or "none",
        facts[-1][1] or "none",
        cue_of or "none",
        place,
        place_part,
        facts[0][2],
        facts[-1][2],
        facts[-1][3] and not facts[-1][1],
        not _NAME_CONNECTORS.isdisjoint(words),
        compass,
        min(plain, 2),
        first[2],
    )


def word_shape(word: str) -> tuple[str, str, int]:
    """A word's shape, the class of its ending and how common it is (:func:`everyday`)."""
    return shape(word), suffix_class(word), everyday(word)


@lru_cache(maxsize=8192)
def name_state_features(state: tuple) -> tuple[str, ...]:
    """The features of a :func:`name_state`: of its form, of what the lists know of its
    cue and known words, of the other facts about its words."""
    form, lists, facts = _state_parts(state)
    return (*_form_features(form), *_list_features(lists), *_fact_features(facts))


def _state_parts(state: tuple) -> tuple[tuple, tuple, tuple]:
    """A :func:`name_state` in the three parts its features read (each with the
    number of words; the facts with the first word's shape)."""
    return state[:5], (state[0], *state[5:10]), (state[0], state[2], *state[10:])


def _form_features(part: tuple) -> list[str]:
    n4, guess, first_shape, last_shape, last_suffix = part
    return [
        "bias",
        f"n={n4}",
        f"guess={guess}",
        f"first_shape={first_shape}",
        f"last_shape={last_shape}",
        f"last_suffix={last_suffix}",
    ]


def _list_features(part: tuple) -> list[str]:
    n4, cue_last, cue_any, known_inside, known_last, cue_of = part
    return [
        f"cue_last={cue_last}",
        f"cue_any={cue_any}",
        f"known_inside={known_inside}",
        f"known_last={known_last}",
        f"cue_of={cue_of}",
        f"cue_any={cue_any}&n={n4}",
    ]


def _fact_features(part: tuple) -> list[str]:
    (
        n4, first_shape, place, place_part, given, given_last, surname, connector, compass,
        common, first_tier,
    ) = part  # fmt: skip
    n3 = min(n4, 3)
    f = []
    if place:  # the whole name is a town's or a country's
        f.append(f"place&n={n3}")
    elif place_part:
        f.append(f"place_part={place_part}")
    if given:
        f.append(f"given_first&n={n3}")
    if given_last:
        f.append("given_last")
    if surname:
        f.append(f"surname_last&n={n3}")
    if connector:
        f.append("connector")
    if compass:
        f.append(f"compass={compass}")
    f.append(f"common={common}&n={n3}")
    f.append(f"first_tier={first_tier}")
    if n4 == 1:
        f.append(f"single_tier={first_tier}&shape={first_shape}")
    return f


def lexical_features(words: list[str]) -> tuple[str, ...]:
    """The words themselves: learnt from CrossNER only (scripts/train_typer.py)."""
    lower = [w.lower() for w in words]
    return (*(LEXICAL + w for w in lower[:4]), LEXICAL + "last=" + lower[-1])


@lru_cache(maxsize=4096)
def _state_score(state: tuple) -> int:
    """The packed scores of a :func:`name_state`'s features, each of its three parts
    scored once per value (few differ)."""
    form, lists, facts = _state_parts(state)
    return _form_score(form) + _list_score(lists) + _fact_score(facts)


@lru_cache(maxsize=1024)
def _form_score(part: tuple) -> int:
    return packed_score(_form_features(part))


@lru_cache(maxsize=1024)
def _list_score(part: tuple) -> int:
    return packed_score(_list_features(part))


@lru_cache(maxsize=1024)
def _fact_score(part: tuple) -> int:
    return packed_score(_fact_features(part))


_NAME_CONNECTORS = frozenset(("of", "and", "&", "the", "for"))


def context_key(
    norm: str,
    start: int,
    end: int,
    single: str,
    tier: int,
    cue: str,
    sentence_start: bool,
    headline: bool,
    lower_elsewhere: bool,
    team_line: bool = False,
    town: str = "",
    listed: str = "",
) -> tuple:
    """The evidence around the name ``norm[start:end]``, as a key of plain values
    (:func:`context_features` spells it out); ``single``: the shape of a one-word name,
    else ""; ``tier``: how common its first word is (0: not); ``town``: whether the
    document holds results, when the name is a town's, else ""; ``listed``: the type of a
    known name listed beside it ("Shas, Meretz and the Centre Party"), else ""."""
    # The words before and after, by class. (Indexed, not sliced: this runs for every
    # mention of every guessed name, mostly on contexts never seen before.)
    left = norm[max(0, start - 40) : start]
    right = norm[end : end + 40]
    before = left.rsplit(None, 2)
    after = right.split(None, 2)
    prev = before[-1] if before and left.endswith((" ", "\n")) else ""
    prev2 = before[-2] if prev and len(before) >= 2 else ""
    nxt = after[0] if after and right.startswith((" ", "\n")) else ""
    nxt_clean = nxt.rstrip(".,;:'\"")
    n2 = ""
    if nxt and len(after) > 1 and nxt == nxt_clean:
        n2 = _word_class(after[1].rstrip(".,;:"))
    # Punctuation hard against the name.
    ch_after = right[:1]
    ch_before = left[-1:]
    bracket = ""
    if ch_after == " " and right.startswith(" ("):
        inner = right[2:].split(")", 1)[0]
        bracket = "caps" if inner.isupper() else _word_class(inner)
        if bracket == "caps" and _spells(inner, norm[start:end]):
            bracket = "initials"  # "Homeland Security Investigations (HSI)"
    return (
        cue,
        sentence_start,
        headline,
        lower_elsewhere,
        single,
        tier if single and sentence_start else 0,
        _word_class(prev.strip("\"'(,")) if prev else "none",
        _word_class(prev2.strip("\"'(,")) if prev2 else "none",
        bool(nxt),
        _word_class(nxt_clean) if nxt_clean else "none",
        n2,
        ch_after if ch_after in _AFTER_CHARS else "",
        ch_before if ch_before in _BEFORE_CHARS else "",
        ch_after == "'" and right.startswith(("'s ", "' ")),
        right.startswith(("-based", " based")),
        bracket,
        ch_before == " " and left.endswith(", ") and before[-1][:1].isupper(),
        ch_after == "," and right.startswith(", ") and len(after) > 1 and after[1][:1].isupper(),
        (not ch_before or ch_before == "\n") and DATELINE.match(right) is not None,
        team_line,
        town,
        listed,
    )


def _spells(acronym: str, name: str) -> bool:
    """Do the letters of ``acronym`` spell the initials of ``name``'s words (of its
    capitalised ones, or of all but "the")?"""
    words = name.split()
    if len(words) > 2 and "." in words[0]:  # "U.S. Customs and Border Protection (CBP)"
        words = words[1:]
    letters = acronym.replace("&", "")
    return len(words) > 1 and letters in (
        "".join(w[0] for w in words if w[:1].isupper()),
        "".join(w[0].upper() for w in words if w not in {"the", "&"}),
    )


def at_dateline(key: tuple) -> bool:
    """Does the :func:`context_key` say the name opens a dateline?"""
    return key[18]


_AFTER_CHARS = frozenset(",.():;'\"-")
_BEFORE_CHARS = frozenset("(\"'-\n")


def context_features(key: tuple) -> tuple[str, ...]:
    """The features of a :func:`context_key`: of the name's own place in the text, of the
    words around it, of the marks around it."""
    return (*_own_features(key[:6]), *_word_features(key[6:11]), *_mark_features(key[11:]))


def context_scores(key: tuple) -> int:
    """The packed scores (:func:`packed`) of a :func:`context_key`'s features, each of
    its three parts scored once per value (few differ). (The whole key is not cached:
    most keys are new, and hashing 22 values to find that out cost more than the three
    lookups of its parts; the words' part, :func:`_word_score`, spelt out: this runs for
    every mention of every guessed name.)"""
    return (
        _own_score(key[:6])
        + _before_score(key[6], key[7])
        + _after_score(key[6], key[8], key[9], key[10])
        + _mark_score(key[11:])
    )


def _own_features(part: tuple) -> list[str]:
    cue, sentence_start, headline, lower_elsewhere, single, tier = part
    f = [f"cue={cue}"]
    if sentence_start:
        f.append(f"sentence_start&n={2 if not single else 1}")
    if headline:
        f.append("headline")
    if lower_elsewhere:
        f.append("lower_elsewhere")
    if single:
        f.append(f"single_shape={single}&start={sentence_start}")
        if sentence_start:
            f.append(f"start_tier={tier}")
    return f


def _word_features(part: tuple) -> list[str]:
    p1, p2, nxt, n1, n2 = part
    return _before_features(p1, p2) + _after_features(p1, nxt, n1, n2)


def _before_features(p1: str, p2: str) -> list[str]:
    return [f"prev={p1}", f"prev2={p2}", f"prev2&prev={p2}&{p1}"]


def _after_features(p1: str, nxt: bool, n1: str, n2: str) -> list[str]:
    f = [f"next={n1}"]
    if nxt:
        f.append(f"prev&next={p1}&{n1}")
        if n2:
            f.append(f"next&next2={n1}&{n2}")
    return f


def _mark_features(part: tuple) -> list[str]:
    (
        ch_after, ch_before, possessive, based, bracket, after_comma, before_comma,
        dateline, team_line, town, listed,
    ) = part  # fmt: skip
    f = []
    if ch_after:
        f.append(f"after_char={ch_after}")
    if ch_before:
        f.append(f"before_char={ch_before}")
    if possessive:
        f.append("possessive")
    if based:
        f.append("based")
    if bracket:
        f.append("bracket_after=" + bracket)
    if ch_before == "(":
        f.append("in_brackets")
    if after_comma:
        f.append("after_comma_name")  # "Leeds, England"
    if before_comma:
        f.append("before_comma_name")
    if dateline:
        f.append("dateline")  # "NICE, France 1996-08-30", "SEOUL -"
    if team_line:
        f.append("team_line")
    if town:  # a town's name in a document of results is a club's as often as not
        f.append(f"place&sport={town}")
    if listed:  # listed beside a known name of this type
        f.append(f"listed={listed}")
    return f


@lru_cache(maxsize=1024)
def _own_score(part: tuple) -> int:
    return packed_score(_own_features(part))


def _word_score(part: tuple) -> int:
    """The words before the name and those after it, each pair scored once per value."""
    p1, p2, nxt, n1, n2 = part
    return _before_score(p1, p2) + _after_score(p1, nxt, n1, n2)


@lru_cache(maxsize=4096)
def _before_score(p1: str, p2: str) -> int:
    return packed_score(_before_features(p1, p2))


@lru_cache(maxsize=8192)
def _after_score(p1: str, nxt: bool, n1: str, n2: str) -> int:
    return packed_score(_after_features(p1, nxt, n1, n2))


@lru_cache(maxsize=1024)
def _mark_score(part: tuple) -> int:
    return packed_score(_mark_features(part))


#: A date as a dateline gives it: "1996-08-30", "Aug 30", "August 30".
DATELINE_DATE = (
    r"\d{4}-\d\d-\d\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b"
)
#: After a dateline's place: "NICE, France 1996-08-30", "LONDON, Aug 30", "PARIS (AFP)",
#: "KOBE -".
DATELINE = re.compile(rf"(?:,(?: [A-Z][\w.]*)+)?,? (?:{DATELINE_DATE}|[-–—]|\(\w+\))")


NAMES_PATH = Path(__file__).parents[1] / "data" / "census_names.txt"
COMMON_PATH = Path(__file__).parents[1] / "data" / "common_words.txt"
#: The prefix of lexical features (a word itself), which only CrossNER may teach.
LEXICAL = "w="
#: The prefix of the lexical feature of a name's last word.
LEXICAL_LAST = LEXICAL + "last="


@lru_cache(maxsize=1)
@kept("common_words")
def common_words() -> dict[str, int]:
    """Everyday words -> their tier of frequency, 1 the commonest
    (``scripts/build_common_words.py``)."""
    try:
        text = COMMON_PATH.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    tiers: dict[str, int] = {}
    tier = 1
    for line in text.splitlines():
        if line.startswith("["):
            tier = int(line.strip("[]"))
        elif line and not line.startswith("#"):
            tiers[line] = tier
    return tiers


@lru_cache(maxsize=16384)
def everyday(word: str) -> int:
    """How common ``word`` is as an everyday word (1 the commonest tiers, 0 not), unless it
    is also a common given name or surname: "Banks" may be either."""
    given, surnames = census_names()
    if word in given or word in surnames:
        return 0
    return common_words().get(word.lower(), 0)


@lru_cache(maxsize=1)
@kept("census_names")
def census_names() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, surnames) of the census lists (``scripts/build_name_lists.py``)."""
    given: set[str] = set()
    surnames: set[str] = set()
    into = given
    for line in NAMES_PATH.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line:
            continue
        if line.startswith("["):
            into = surnames if line == "[surname]" else given
            continue
        into.add(line)
    return frozenset(given), frozenset(surnames)


PLACES_PATH = Path(__file__).parents[1] / "data" / "places.txt"


@lru_cache(maxsize=1)
@kept("places")
def places() -> frozenset[str]:
    """Names of countries, US states and large towns (``data/places.txt``)."""
    text = PLACES_PATH.read_text(encoding="utf-8")
    names = [line for line in text.splitlines() if line and not line.startswith("#")]
    # "The Bronx" is "the Bronx" in a sentence
    return frozenset(names + [n[4:] for n in names if n.startswith("The ")])


@lru_cache(maxsize=1)
@kept("weights")
def weights() -> dict[str, list[float]]:
    """The shipped weights: feature -> one weight per class of :data:`CLASSES`."""
    try:
        data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    if tuple(data.get("classes", ())) != CLASSES:
        raise ValueError(f"{WEIGHTS_PATH.name}: classes {data.get('classes')} != {CLASSES}")
    return data["weights"]


#: Scores are packed into one integer, a lane of bits per class (see :func:`packed`).
_LANE = 64
_SCALE = 10_000  # the weights have four decimals: in units of 1/10,000 they are integers


@lru_cache(maxsize=1)
@kept("packed")
def packed() -> dict[str, int]:
    """The weights as packed integers: feature -> the sum of its weight for class ``i``
    (in units of 1/10,000, exact) shifted to lane ``i``. Adding two packed integers adds
    their scores class by class, exactly, in one step."""
    return {f: _pack([round(x * _SCALE) for x in row]) for f, row in weights().items()}


def _pack(values: list[int]) -> int:
    return sum(v << (_LANE * i) for i, v in enumerate(values))


#: Half a lane in every lane: added to a packed score, it leaves each lane's value plus
#: half a lane, never negative, so the lanes read off with a shift and a mask.
_HALF = _pack([1 << (_LANE - 1)] * len(CLASSES))
_MASK = (1 << _LANE) - 1
_SHIFTS = tuple(_LANE * i for i in range(len(CLASSES)))


def unpack(score: int) -> list[int]:
    """A packed score's values, one per class of :data:`CLASSES`."""
    return [v - (1 << (_LANE - 1)) for v in _lanes(score)]


def _lanes(score: int) -> tuple[int, ...]:
    # Biased, every lane's value is in [0, 2**64): the lanes are the integer's base-2**64
    # digits, which one conversion to bytes and one unpacking read (a shift and a mask
    # per lane copy the whole wide integer each time).
    return _LANES.unpack((score + _HALF).to_bytes(_LANES.size, "little"))


_LANES = struct.Struct(f"<{len(CLASSES)}Q")


def best(score: int) -> str:
    """The class a packed score favours (the first of equal scores)."""
    values = _lanes(score)  # (each value plus the same half lane: the same order)
    return CLASSES[values.index(max(values))]


def packed_score(feats: Iterable[str]) -> int:
    """The packed scores of ``feats`` summed (features without a weight count 0)."""
    return sum(map(packed().get, feats, repeat(0)))


def scores(feats: list[str], table: dict[str, list[float]] | None = None) -> list[float]:
    """One score per class of :data:`CLASSES`."""
    table = weights() if table is None else table
    get = table.get
    rows = [w for w in map(get, feats) if w]
    if not rows:
        return [0.0] * len(CLASSES)
    return [sum(column) for column in zip(*rows, strict=True)]
