"""The guesser: capitalised names the gazetteer does not know, and their boundaries.

Runs of capitalised words are split at titles ("Prime Minister") and connectors,
institutional names are taken whole up to their cue word ("... Council"), and a known
name inside a longer capitalised name gives way to the longer name. Each guess gets a
first type from cue words; :mod:`search.entities.typer` has the last word on it.
"""

# Word lists read best as one string split on spaces.
# ruff: noqa: SIM905

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from attrs import define

from search.entities import typer
from search.entities.gazetteer import _Gazetteer, _given_names
from search.entities.rules import _MONTH_FULL, _YEAR
from search.entities.spans import LENGTHENED, Span, _select
from search.model import FIGURE_TYPES

# The guesser's vocabulary

#: Titles that on their own say the next name is a person (unlike "Foreign" or "State").
_PERSON_TITLES = set(
    """Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sir Dame Lord Lady President
    Premier Chancellor Minister Secretary Senator Sen. Rep. Representative Congressman
    Congresswoman Governor Gov. Mayor King Queen Prince Princess Emperor Sheikh Emir Pope
    Cardinal Archbishop Bishop Rev. General Gen. Admiral Adm. Colonel Col. Captain Capt.
    Lieutenant Lt. Major Maj. Sergeant Commander Marshal Ambassador Judge Justice Chairman
    Chairwoman Speaker Sultan Ayatollah Imam Rabbi CEO Leader Member MP MPP MLA MEP MSP MNA
    MHA TD Councilmember Councilman Councilwoman Councillor Councilor Alderman Alderwoman
    Assemblyman Assemblywoman Assemblymember Commissioner Honourable Honorable Hon.
    Co-founder Cofounder Founder Executive Author Honour Honor QC KC OBE CBE MBE KBE Taoiseach
    Tánaiste Tanaiste""".split()
)
_ORG_CUES = set(
    """Wire Courier Dispatch Weekly Daily Monitor Observer Chronicle Review Standard Express
    Globe Bulletin Insider Ledger Telegraph Magazine Radio Television Broadcasting Watch
    International Studies Observatory Labs Pictures Records Airline Motor Pharma Foods
    Inc Inc. Corp Corp. Corporation Co Co. Ltd Ltd. Limited LLC PLC Plc AG SA S.A. NV GmbH
    SpA AB ASA Group Holdings Holding Industries Motors Airlines Airways Bank Bancorp
    Capital Partners Ventures Securities Investments Energy Oil Gas Petroleum Steel Electric
    Electronics Technologies Technology Systems Aerospace Defence Defense Shipbuilding Heavy
    Ocean Pharmaceuticals Telecom Communications Media Press News Times Post Journal Herald
    Gazette Tribune University College School Academy Institute Institution Foundation
    Centre Center Council Commission Committee Agency Authority Bureau Office Department
    Ministry Board Service Services Force Forces Army Navy Guard Command Party Front
    Movement Alliance Union League Federation Association Organisation Organization Society
    Court Tribunal Parliament Assembly Congress Senate Cabinet Administration Exchange Fund
    Trust Club Church Pact Coalition Secretariat Police Brigade Brigades Corps Network Labs
    Laboratory Hospital Mission Programme Program Initiative Forum Reserve Treasury
    Management Dal Fleet Ministries Logistics Shipping Solutions Resources Mining Insurance
    Construction Engineering Consulting Software Studios Networks Brands Retail Railways
    Rail Utilities Chemicals Materials Beverages Hotels Resorts Enterprises Ventures
    Finance Financial Investment Trading Cooperative Syndicate Consortium Conglomerate
    Brewery Breweries Petroleum Refining Semiconductor Semiconductors Biotech Therapeutics
    Pharma Healthcare Entertainment Publishing Broadcasting Newspapers Friends System
    Company Museum Library Orchestra Philharmonic Choir Archives Gallery Sentinel Inquirer
    Enquirer Examiner Courant Advertiser Caucus Collective Partnership Conservancy Charity Guild
    Seminary Clinic Hotel Restaurant Cafe Brewing Distillery Winery Theatre Theater
    Ensemble Bar Pub Tavern Inn Bistro Diner Team Unit Panel""".split()
)
_EVENT_CUES = set(
    """Summit War Olympics Games Cup Conference Crisis Revolution Uprising Massacre Earthquake
    Election Elections Festival Expo Dialogue Talks Offensive Invasion Open Championship
    Championships Tournament Trophy Classic Marathon Prix Rally Campaign Rebellion Mutiny
    Siege Battle Massacre Affair Scandal Riots""".split()
)
_LAW_CUES = set(
    """Act Treaty Accord Accords Agreement Convention Charter Protocol Declaration Law Bill
    Constitution Doctrine Strategy Resolution Directive Regulation Code Amendment Rule""".split()
)
_LOC_CUES = set(
    """Sea Strait Straits Gulf Bay River Lake Mountains Mountain Mount Island Islands Peninsula
    Valley Desert Coast Basin Canal Shrine Square Bridge Airport Port Harbour Harbor Reef
    Shoal Atoll Delta Plateau Highlands Region""".split()
)
#: Words that name a street or a quarter of a town: "Bruckner Boulevard", "Manga-Bell-Platz".
STREETS = frozenset(
    """Street Avenue Boulevard Road Lane Drive Parkway Highway Expressway Freeway Plaza Park
    Quarter Village Strasse Straße Allee Platz Gasse""".split()
)
_LOC_CUES |= STREETS
#: How a street's name in one word ends, in German: "Lüderitzstrasse", "Petersallee".
STREET_ENDINGS = ("strasse", "straße", "allee", "platz", "gasse")
#: Words that name a realm: "Principality of Guria", "Russian Empire" are places by them.
REALMS = frozenset(
    """Principality Duchy Kingdom Empire Colony Emirate Sultanate Khanate Caliphate Dominion
    Protectorate Reich""".split()
)
_GPE_CUES = set("""City Province Prefecture County State District Oblast Republic""".split())
_GPE_CUES |= REALMS
_CONNECTORS = set(
    """of for on and de du des la le del della di da do dos das van von der den bin bint ibn al
    el & the""".split()
)
_NAME_PARTICLES = set(
    """de da do dos das del della di du van von der den bin bint ibn al el le la""".split()
)
#: Capitalised words that start sentences or headings and are never names on their own.
_STOP = set(
    """A An The This That These Those There Then Their They Them We Our Us You Your He His
    Him She Her It Its I Me My In On At By For From With Without Within Into Onto Upon Of
    Off Over Under Above Below After Before Since Until Till During While When Whenever
    Where Wherever Why How What Whatever Which Who Whom Whose If Unless Although Though
    Even Yet But And Or Nor So As Because Also Still Just Only Now Meanwhile However
    Moreover Furthermore Indeed Instead Otherwise Thus Hence Therefore Nevertheless
    Nonetheless Besides Despite Among Amid Amongst Between Beyond Through Throughout Across
    Along Around Against Toward Towards Behind Beside Near Inside Outside Per Via Like
    Unlike Some Many Most More Much Few Fewer Several All Both Each Every Either Neither
    No Not None Nothing Any Another Other Such Same One Two Three Four Five Six Seven Eight
    Nine Ten First Second Third Last Next New Old Here Today Tomorrow Yesterday Once Twice
    Ever Never Always Often Sometimes Perhaps Maybe Probably Certainly Clearly Already
    Again Ultimately Finally Eventually Overall Shortly Recently Later Earlier Soon Please
    Read Share Follow Subscribe Click Sign Log Print Copy Email Comment Comments Reply
    Advertisement Related Photo Image Video Source Sources Note Update Updated Published
    Posted Editor Editing Reporting Writing Additional Yes Oh OK Okay Well Let Do Does
    Did Is Are Was Were Be Been Being Has Have Had Will Would Shall Should Can Could May
    Might Must Ought Mrs Mr Ms Dr Analysts Officials Critics Experts Diplomats Politicians
    Sceptics Skeptics Observers Economists Investors Supporters Residents Others People
    Everyone Someone Anyone Nobody Nor Whether Whatever Looking According Speaking Asked
    Talking Writing Having Given Following Including Regarding Concerning Considering
    During Another Keywords Tags Topics Subjects Categories Category Permalink Feedback
    Filed""".split()
)

# Capitals of the Latin, Greek and Cyrillic scripts. (The ranges hold a few small letters
# too; a run is kept only if its first letter is a capital. A class of every capital in
# Unicode makes the scan several times slower.)
_UPPER_CLASS = "[A-Z\u00c0-\u00de\u0100-\u024f\u0370-\u03ff\u0400-\u042f\u1e00-\u1eff]"
# (An opening bracket starts no sentence: "talks (Britain said) ended".)
_SENTENCE_END = re.compile(r"""(?:^|[.!?:;"\]]\s*|\s[-]\s|\n)\s*["'(\[]?\s*$""")


def _is_sentence_start(norm: str, start: int) -> bool:
    if start > 1 and norm[start - 1] == " " and norm[start - 2].isalnum():
        return False  # (the common case: a word after a word)
    return start == 0 or _ends_sentence(norm[max(0, start - 6) : start])


@lru_cache(maxsize=4096)
def _ends_sentence(before: str) -> bool:
    """Do the few characters ``before`` a word end a sentence (or hold only spaces)?"""
    return not before.strip() or _SENTENCE_END.search(before) is not None


# The guesser

#: Words that are titles only when a person title follows: "Foreign Minister", "Prime Minister".
_TITLE_MODIFIERS = set(
    """Prime Deputy Vice Foreign Defence Defense Finance Trade Interior Home State Chief
    Executive Crown Acting Former Opposition Senior Supreme Grand Attorney Attorney-General
    Economy Health Education Energy Justice Industry Commerce Security Treasury Labour Labor
    Culture Transport Agriculture Environment Unification Communications National General
    Army Navy Air Force of the for""".split()
)


_TITLE_WORDS = _TITLE_MODIFIERS | _PERSON_TITLES

#: Titles that are also surnames: after a given name they are the name ("John Major").
_SURNAME_TITLES = {"Major", "King", "Bishop", "Marshal", "Judge", "General", "Prince"}

_CAP_CORE = rf"{_UPPER_CLASS}\w*(?:'{_UPPER_CLASS}\w+)?(?:\.(?=\w)\w+)*(?:-{_UPPER_CLASS}\w*)*"  # (with "O'Brien")
#: A word of a run may go on in lower case after a hyphen ("Kim Dae-jung",
#: "Inzamam-ul-Haq"); :func:`_runs` cuts an everyday word off ("Washington-based").
_RUN_CORE = _CAP_CORE + rf"(?:-(?:[a-z]+|{_UPPER_CLASS}\w*))*"
_TOKEN = (
    r"(?:(?:[A-Z]\.){2,}|[A-Z]\.(?= [A-Z])|(?:Mrs|Mr|Ms|Dr|Prof|Gen|Col|Lt|Capt|Adm|Maj|Sen"
    rf"|Rep|Gov|Rev|St|Jr|Sr)\.|{_RUN_CORE})"
)
_TOKEN_RX = re.compile(_TOKEN)
#: A run of capitalised words joined by single spaces or lowercase connectors
#: (and Arabic names' "al-": "Loujain al-Hathloul").
_RUN_RX = re.compile(
    rf"(?={_UPPER_CLASS}){_TOKEN}(?:(?: | (?:van der|van den|van de|von der|von dem|de la|de las"
    rf"|de los|de le) | (?:of|for|on|and|de|du|des|la|le|del|della|di|da|do|dos|das|van|von"
    rf"|der|den|bin|bint|ibn|al|el|&|the) | (?:al|el|ad|ash|as|ar|an)-){_TOKEN})*"
)


def _runs(norm: str, start: int, end: int) -> list[list[tuple[int, int, str]]]:
    """The words of a run, as one run or several: a word that goes on in an everyday word
    after a hyphen ("Washington-based") ends its run there, without that word."""
    text = norm[start:end]
    if " " not in text and "-" not in text:
        return [[(start, end, text)]]  # the common case: one word
    if "-" not in text:  # no compound to cut it: one run
        words = [(at, at + len(word), word) for at, word in _run_words(text, start)]
        return [words] if words else []
    runs: list[list[tuple[int, int, str]]] = [[]]
    for at, word in _run_words(text, start):
        cut = _compound_cut(word) if "-" in word else -1
        if cut < 0:
            runs[-1].append((at, at + len(word), word))
            continue
        runs[-1].append((at, at + cut, word[:cut]))
        runs.append([])
    return [run for run in runs if run]


def _run_words(run: str, start: int) -> list[tuple[int, str]]:
    """(offset, word) of each capitalised word of a run ``run`` matched by ``_RUN_RX`` at
    ``start``: between the connectors its pattern joins them with, every piece between
    spaces is one word (what ``_TOKEN_RX`` finds there), after "al-" in "al-Hathloul"."""
    out = []
    at = start
    for piece in run.split(" "):
        if piece not in _RUN_CONNECTORS:
            if "-" in piece and piece.startswith(_HYPHEN_CONNECTORS):
                cut = piece.index("-") + 1
                out.append((at + cut, piece[cut:]))
            else:
                out.append((at, piece))
        at += len(piece) + 1
    return out


#: The words and prefixes ``_RUN_RX`` joins a run's words with (none is a capitalised word).
_RUN_CONNECTORS = frozenset(
    "of for on and de du des la le del della di da do dos das van von der den bin bint ibn al"
    " el & the".split()
)
_HYPHEN_CONNECTORS = ("al-", "el-", "ad-", "ash-", "as-", "ar-", "an-")


def _compound_cut(word: str) -> int:
    """Where an everyday word after a hyphen starts, less one ("Soviet-era": 6), or -1."""
    pos = word.find("-")
    while pos > 0:
        nxt = word.find("-", pos + 1)
        part = word[pos + 1 : nxt if nxt > 0 else len(word)]
        if part.islower() and (
            typer.common_words().get(part, 0) == 1 or part.endswith(_COMPOUND_ENDINGS)
        ):
            return pos
        pos = nxt
    return -1


_COMPOUND_ENDINGS = ("ed", "ing", "er", "ers", "ist", "ists", "style", "wide", "like", "free")


def _split_titles(run):
    """Split a run at titles; yield (part, cue) with cue "PERSON" after a person title."""
    parts = []
    cur: list = []
    cue = None
    i = 0
    n = len(run)
    while i < n:
        j = i
        while j < n and run[j][2] in _TITLE_MODIFIERS:
            if (
                j > i
                and run[j][2] in _PERSON_TITLES
                and (j + 1 == n or run[j + 1][2] not in _TITLE_WORDS)
            ):
                break  # "Chief Executive Satya Nadella": the modifier ends the title
            j += 1
        if (
            j < n
            and run[j][2] in _PERSON_TITLES
            and (j == i or run[i][2] in _TITLE_MODIFIERS)
            and not (j == i and cur and run[j][2] in _SURNAME_TITLES)
        ):
            # run[i..j] is a title ("Prime Minister", "Defence Secretary", "Mr")
            if cur:
                parts.append((cur, cue))
                cur = []
            cue = "PERSON"
            i = j + 1
            continue
        cur.append(run[i])
        i += 1
    if cur:
        parts.append((cur, cue))
    return parts


def plural_noun(word: str) -> bool:
    """Is ``word`` an everyday noun's plural ("Hospitals", "Roads"), which is no one's
    surname (a census surname, "Banks", "Woods", is not everyday)?"""
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith("ss")
        and typer.everyday(word) > 0
        and typer.everyday(word[:-1]) > 0
    )


def _guess(g: _Gazetteer, norm: str, chosen: list[Span]) -> list[Span]:
    """Unknown capitalised names, typed by cues; cautious at sentence starts."""
    names = _given_names()
    # Per character: 0 free, 1 in a mention, 2 in a date or figure.
    occupied = bytearray(len(norm) + 1)
    by_end: dict[int, int] = {}  # end -> start of each mention
    for s in chosen:
        occupied[s[0] : s[1]] = (b"\2" if s[2] in FIGURE_TYPES else b"\1") * (s[1] - s[0])
        by_end[s[1]] = s[0]
    view = _Occupancy(occupied, by_end)

    def inside(start: int, end: int) -> bool:
        """Does a recognised mention overlap [start, end)?"""
        return occupied.count(0, start, end) < end - start

    out: list[Span] = []
    lowercase_seen: dict[str, bool] = {}
    skip = _TRIVIAL
    # A Title-Cased Headline capitalises ordinary words: guess only what a cue supports.
    title_case = len(norm) < 300 and _is_title_case(norm)
    # A field in capitals: its names are those the rest of the article names (see
    # search.entities._in_capitals); a word in capitals there is no evidence of a name.
    shouting = mostly_capitals(norm)
    for run_start, run_end in _pieces(norm):
        text = norm[run_start:run_end]
        if " " not in text:
            if occupied[run_start] or text in _STOP:
                continue  # the common case: "America", "The"
        else:
            # "Mr Macron", "New Zealand", "Chile and New Zealand": nothing left to guess
            pos = run_start
            for word in text.split(" "):
                if not (occupied[pos] or word in skip):
                    break
                pos += len(word) + 1
            else:
                continue
        if run_start and (norm[run_start - 1].isalnum() or norm[run_start - 1] in "_'-#@"):
            continue
        if not norm[run_start].isupper():
            continue
        if " " not in text and "-" not in text:
            # One word (the common case): what _runs, _split_titles and _type_part come to.
            if (text in _PERSON_TITLES and text not in _TITLE_MODIFIERS) or inside(
                run_start, run_end
            ):
                continue  # a title alone, or a word inside a mention
            typed = _type_stretch(norm, [(run_start, run_end, text)], None, names)
            found = [(typed, None)] if typed else []
        elif "-" not in text and (run := _plain_run(text, run_start)):
            found = [
                (typed, None)
                for stretch in _plain_stretches(run, inside, norm)
                if (typed := _type_stretch(norm, stretch, None, names))
            ]
        else:
            found = [
                (guess, cue)
                for run in _runs(norm, run_start, run_end)
                for part, cue in _split_titles(run)
                for guess in _type_part(norm, part, cue, names, inside, view)
            ]
        for (start, end, type_), cue in found:
            text = norm[start:end]
            if title_case and cue is None and not _cue_type(text.rsplit(" ", 1)[-1]):
                continue
            if title_case and cue == "PERSON" and " " in text:
                end = _headline_person(norm, start, end)
                if end == start:
                    continue
                text = norm[start:end]
            if shouting and text.isupper():
                continue
            if text in _CAPITAL_LINKS:
                continue  # "SEATTLE AT BOSTON", "KANSAS CITY V DETROIT": no name between
            if " " not in text and cue is None:
                if text not in lowercase_seen:
                    lowercase_seen[text] = _occurs_lowercase(norm, text)
                if lowercase_seen[text]:
                    continue
            # priority 0 marks a guess that overlaps known mentions (it swallows them)
            out.append((start, end, type_, "", True, 0 if inside(start, end) else 1))
    return out


#: Little words written in capitals between names ("SEATTLE AT BOSTON", "ENGLAND V
#: INDIA"): none is a name of its own (not "US", "IT", "OR" or "IN": a country, a trade, states).
_CAPITAL_LINKS = frozenset("AT V VS VS. OF THE AND FROM WITH BY ON AGAINST".split())


def _pieces(norm: str) -> list[tuple[int, int]]:
    """Each run of capitalised words as (start, end), cut where one name ends and the next
    begins with no punctuation between, as a list flattened from a table reads ("Kim
    Ghattas Malcolm Gladwell", "Yale University Michelle Goldberg"): before a given name
    that opens a name of two words or more, after a person's name that opened with a
    given name or after an organisation's cue word, when no cue word follows ("Columbia
    University Irving Medical Center" stays whole)."""
    out = [m.span() for m in _RUN_RX.finditer(norm)]
    if " AT " in norm or " V " in norm or " VS" in norm:
        out = [p for a, b in out for p in _unlinked(norm, a, b)]
    if not any(norm.count(" ", a, b) > 2 for a, b in out):
        return out  # (the common case: no run of four words or more)
    cut: list[tuple[int, int]] = []
    for a, b in out:
        if norm.count(" ", a, b) > 2:
            cut.extend(_cut_run(norm, a, b))
        else:
            cut.append((a, b))
    return cut


_RX_CAPITAL_LINK = re.compile(r" (?:AT|V|VS\.?) ")


def _unlinked(norm: str, a: int, b: int) -> list[tuple[int, int]]:
    """A run of capitals cut at the little words that join two names in a fixture:
    "KANSAS CITY AT DETROIT", "ENGLAND V INDIA" (:data:`_CAPITAL_LINKS`)."""
    out = []
    for m in _RX_CAPITAL_LINK.finditer(norm, a, b):
        if m.start() > a:
            out.append((a, m.start()))
        a = m.end()
    out.append((a, b))
    return out


#: Last words of the institutions a list of people gives as their affiliations.
_AFFILIATIONS = frozenset(
    "University College School Institute Academy Foundation Center Centre Museum Library"
    " Hospital Society Seminary Conservatory".split()
)


def _cut_run(norm: str, run_start: int, run_end: int) -> list[tuple[int, int]]:
    """The pieces of one run of four words or more (see :func:`_pieces`)."""
    words = norm[run_start:run_end].split(" ")
    at = run_start
    starts = []
    for w in words:
        starts.append(at)
        at += len(w) + 1
    pieces = []
    first = 0
    for i in range(2, len(words) - 1):
        word, before = words[i], words[i - 1]
        if not _given_name(word) and not (
            # "Harvard Law School Kian Tajbakhsh": a body's cue word, then the last two
            # words, a person's name whose given name the lists lack
            i + 2 == len(words)
            and before in _AFFILIATIONS
            and _capital_word(word)
            and word.isalpha()
            and word.lower() not in _NAME_PARTICLES
            and words[i + 1].isalpha()
            and not typer.everyday(word)
            and not typer.everyday(words[i + 1])
        ):
            continue
        if i - first < 2 or not _capital_word(words[i + 1]):
            continue
        if not (
            _CUE_TYPES.get(before) == "ORG"
            or (
                _given_name(words[first])
                and not _given_name(before)
                and _capital_word(before)
                and not before.endswith(".")
            )
            # "University of Wisconsin Jonathan Rauch": a body's name, then a person's
            or (i + 2 == len(words) and any(_CUE_TYPES.get(w) == "ORG" for w in words[first:i]))
        ):
            continue
        last = len(words) - 1
        if any(
            _CUE_TYPES.get(w)
            for k, w in enumerate(words[i:], i)
            # (a cue word that ends the run after a given name is a surname: "Mia Bay")
            if not (k == last and k > i and _given_name(words[k - 1]))
        ):
            continue
        pieces.append((starts[first], starts[i] - 1))
        first = i
    if len(words) - first == 4 and _two_names(words[first:]):
        # "Elliot Ackerman Saladin Ambar": a given name the lists lack opens the second
        pieces.append((starts[first], starts[first + 2] - 1))
        first += 2
    pieces.append((starts[first], run_end))
    return pieces


def _two_names(words: list[str]) -> bool:
    """Are four capitalised words two people's names back to back, the second's given
    name one the lists lack ("Elliot Ackerman Saladin Ambar", "Lea Carpenter Noam
    Chomsky")? A given name first, then three words that are no given name (a double
    given name, as "José Luis Rodríguez Zapatero", is one person), no initial, no cue."""
    return (
        _given_name(words[0])
        and not any(_given_name(w) for w in words[1:])
        and all(
            _capital_word(w)
            and w.isalpha()
            and w.lower() not in _NAME_PARTICLES  # "Giuseppe De Felice Giuffrida"
            and not _CUE_TYPES.get(w)
            for w in words
        )
    )


def _capital_word(word: str) -> bool:
    """A capitalised word that is no joining word, title or stop word."""
    return (
        word[:1].isupper()
        and word not in _RUN_CONNECTORS
        and word not in _PERSON_TITLES
        and word not in _STOP
    )


def _headline_person(norm: str, start: int, end: int) -> int:
    """Where a person's name after a title ends in a Title-Cased Headline: before the
    first everyday word that is no name ("Premier Fahie Arrested in USA")."""
    at = start - 1
    while at < end:
        nxt = norm.find(" ", at + 1, end)
        nxt = end if nxt < 0 else nxt
        word = norm[at + 1 : nxt]
        if typer.everyday(word) and not _given_name(word) and word not in typer.census_names()[1]:
            return max(at, start)  # (at the first word: no name at all)
        at = nxt
    return end


def _plain_run(text: str, start: int) -> list[tuple[int, int, str]] | None:
    """The words of a run ``text`` at ``start`` of plain capitalised words (the common
    case: "Phil Simmons"): no connector, title or cue word, so that _runs, _split_titles
    and _type_part make of it what :func:`_plain_stretches` does; else None. (The caller
    asks that no hyphen cuts it.)"""
    words = text.split(" ")
    if not _NOT_PLAIN.isdisjoint(words):
        return None
    run = []
    for word in words:
        run.append((start, start + len(word), word))
        start += len(word) + 1
    return run


def _plain_stretches(run: list, inside, norm: str) -> list[list]:
    """The stretches of a :func:`_plain_run` to type, as :func:`_type_part` finds them:
    after its leading stop words, all of it, unless known names cut it."""
    while run and run[0][2] in _STOP and not inside(run[0][0], run[0][1]):
        run = run[1:]
    if not run:
        return []
    if not inside(run[0][0], run[-1][1]):
        return [run]  # (the common case)
    return _stretches(norm, run, inside)


@define(frozen=True, slots=True)
class _Occupancy:
    occupied: bytearray
    by_end: dict[int, int]


def mostly_capitals(norm: str) -> bool:
    """Is the text (its first 400 characters) written in capitals, as a headline may be?"""
    # (all of it: a dateline in capitals before prose is no headline)
    sample = norm[:400]
    return sample == sample.upper() and sum(map(str.isupper, sample[:40])) >= 4


@lru_cache(maxsize=64)
def _is_title_case(text: str) -> bool:
    """ "How Kenya Plans To Outrun Its Debts": capitals, and no lower-case word of any length
    (prose has some: "Kishida Fumio meets Joe Biden")."""
    capitals = 0
    for w in text.split():
        first = w[0]
        if first.isupper():
            capitals += first.isalpha()
        elif first.islower() and len(w) > 4 and first.isalpha():
            return False  # (prose: the common case, found in the first few words)
    return capitals >= 4


def _occurs_lowercase(norm: str, word: str) -> bool:
    """Does ``word`` also occur in lower case as a whole word ("Working" / "working")?"""
    low = word.lower()
    if low == word:
        return False
    if low.isalnum() and len(norm) >= _WORD_SET_FROM:
        # (as a whole word, all letters and digits, it is one of the text's words: a set
        # read once per text, where a search through all of it for each word made a long
        # text's cost grow with the square of its length)
        return low in _words(norm)
    i = norm.find(low)
    while i >= 0:
        j = i + len(low)
        if (i == 0 or not norm[i - 1].isalnum()) and (j >= len(norm) or not norm[j].isalnum()):
            return True
        i = norm.find(low, i + 1)
    return False


#: How long a text is before :func:`_occurs_lowercase` reads its words into a set rather
#: than searching it for each word.
_WORD_SET_FROM = 10_000
#: A word: a run of letters and digits (``str.isalnum``: ``\w`` but the underscore).
_RX_ALNUM_RUN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=8)
def _words(norm: str) -> frozenset[str]:
    """The words of ``norm`` (runs of letters and digits), for the few texts of the
    article being recognised (the cache is small: texts are long)."""
    return frozenset(_RX_ALNUM_RUN.findall(norm))


def _cue_type(word: str) -> str | None:
    """The type a name's cue word says it is ("Party": ORG, "River": LOC), else None."""
    return _CUE_TYPES.get(word)


#: Cue words -> types; a word in several lists takes the first of ORG, LAW, EVENT, LOC, GPE.
_CUE_TYPES: dict[str, str] = {
    word: type_
    for type_, cues in (
        ("GPE", _GPE_CUES),
        ("LOC", _LOC_CUES),
        ("EVENT", _EVENT_CUES),
        ("LAW", _LAW_CUES),
        ("ORG", _ORG_CUES),
    )
    for word in cues
}

#: Words that keep a run from being plain words (:func:`_plain_run`).
_NOT_PLAIN = frozenset(_RUN_CONNECTORS | _PERSON_TITLES | _CUE_TYPES.keys())


#: Stop words that open organisations' names ending in a cue word: "New Israel Fund",
#: "First Albany Corp.", "All India Trinamool Congress".
_ORG_OPENERS = frozenset(("New", "First", "All"))


def _type_part(norm, part, cue, names, inside, spans) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    # (the words of the part from ``at`` on are what is left of it: a run that splits at
    # an "and" goes on with its rest, read from the same list, not a copy of it each time)
    at, n = 0, len(part)
    ands: _Ands | None = None  # read at the first split asked for
    while True:  # a run that splits at an "and" goes on with its rest (no recursion deep
        # as a list is long: "A and B and C ..." of a thousand names)
        # Leading stop words ("In", "The") never belong to a name, unless a known name
        # starts with them ("New Zealand National Party").
        while at < n and part[at][2] in _STOP and not inside(part[at][0], part[at][1]):
            if part[at][2] in _ORG_OPENERS and n - at > 1 and _cue_type(part[-1][2]) == "ORG":
                break  # "New Renaissance Party", "New Israel Fund"
            at += 1
        if at == n:
            return out
        if cue is None and n - at >= 2:
            # "the Socialist Party and Federation of the Greens" are two institutions,
            # "Whitestone Bridge and Bruckner Boulevard" two places
            if ands is None:
                ands = _and_facts(norm, part, inside)
            k = (_two_institutions(ands, at) or _two_places(ands, at)) if ands.gaps else 0
            k = k or _person_for_body(norm, part, at)
            if k:
                out += _type_part(norm, part[at : at + k], cue, names, inside, spans)
                at, cue = at + k, None
                continue
            institution = _institution(norm, part[at:], inside, spans)
            if institution:
                out.append(institution)
                if norm.startswith(" on ", institution[1]):  # "... Bistro on Tallis St"
                    k = next((k for k in range(at, n) if part[k][0] > institution[1]), n)
                    if k < n:
                        at, cue = k, None
                        continue
                return out
        rest = part[at:]
        for s in _stretches(norm, rest, inside):
            typed = _type_stretch(
                norm, s, cue if s[0] is rest[0] or s[0] == rest[0] else None, names
            )
            if typed:
                out.append(typed)
        return out


def _person_for_body(norm, part, at: int = 0) -> int:
    """Where the run ``part`` from word ``at`` on, a person's name, "for" or "of", and an
    organisation's name, splits ("Photo by Orla Penhallow for The Pellworth Times", "Tal
    Ostrow of the Pellworth Gazette"): after the person's two words (or three, with a
    middle initial); 0 if it does not split."""
    for k in (2, 3):
        if len(part) - at <= k + 1:
            return 0
        gap = norm[part[at + k - 1][1] : part[at + k][0]]
        if gap not in (" for ", " of "):
            continue
        words = [t[2] for t in part[at : at + k]]
        if k == 3 and not (len(words[1]) == 2 and words[1].endswith(".")):
            continue
        if (
            (words[0] in typer.census_names()[0] or words[0] in _given_names())
            and words[0][1:].islower()
            and words[-1][1:].islower()
            and not _cue_type(words[-1])
            and any(_cue_type(t[2]) == "ORG" for t in part[at + k :])
        ):
            return k
    return 0


@define(frozen=True, slots=True)
class _Ands:
    """The "and"s of a run of words and what :func:`_two_institutions` and
    :func:`_two_places` ask of the words around them, read once for the whole run: a list
    of names joined by "and" splits at each, and each split asks it of the rest of the run
    (the rest from word ``at`` on; a list of 5,000 places once took 30 s)."""

    gaps: list[int]  # k: " and " between words k and k + 1
    free: list[int]  # those of them no recognised mention covers
    last_org: int  # the last word that is an organisation's cue word, or -1
    last_place: int  # the last word that is a place's cue word, or -1
    # For each word i, the first word from i on of each kind (len(part) if none):
    next_org: list[int]  # an organisation's cue word
    next_not_upper: list[int]  # no acronym
    next_unknown: list[int]  # a word no dictionary has
    next_inside: list[int]  # a word inside a recognised mention
    next_place: list[int]  # a place's cue word


def _and_facts(norm, part, inside) -> _Ands:
    """The :class:`_Ands` of the run ``part`` (its lists empty when no "and" joins it)."""
    if norm.find(" and ", part[0][1], part[-1][0]) < 0:
        return _NO_ANDS  # (the common case)
    n = len(part)
    gaps = [k for k in range(n - 1) if norm[part[k][1] : part[k + 1][0]] == " and "]
    if not gaps:
        return _NO_ANDS
    free = [k for k in gaps if not inside(part[k][1], part[k + 1][0])]
    words = [t[2] for t in part]
    cues = [_cue_type(w) for w in words]
    org = [cue == "ORG" for cue in cues]
    place = [cue in {"LOC", "GPE"} for cue in cues]
    return _Ands(
        gaps,
        free,
        max((i for i in range(n) if org[i]), default=-1),
        max((i for i in range(n) if place[i]), default=-1),
        _next_true(org),
        _next_true([not (w.isupper() and len(w) > 1) for w in words]),
        _next_true([not typer.everyday(w) for w in words]),
        _next_true([inside(t[0], t[1]) for t in part]),
        _next_true(place),
    )


_NO_ANDS = _Ands([], [], -1, -1, [], [], [], [], [])


def _next_true(flags: list[bool]) -> list[int]:
    """For each index, the first index from it on of a true flag, else ``len(flags)``."""
    out = [0] * len(flags)
    nxt = len(flags)
    for i in range(len(flags) - 1, -1, -1):
        if flags[i]:
            nxt = i
        out[i] = nxt
    return out


def _two_institutions(ands: _Ands, at: int) -> int:
    """Where the rest of a run (from word ``at``) holding two institutions joined by "and"
    splits ("the Socialist Party and Federation of the Greens", "the LSSP and Communist
    Party of Sri Lanka"), counted from ``at``: an organisation's cue word after the "and",
    and before it a cue word, an acronym, a known name or a word no dictionary has; 0 if
    it does not split ("Social Democratic and Labour Party": everyday words before)."""
    # The first free "and" from ``at`` on (word k) with an organisation's cue word after
    # it splits, if a cue word, a word no dictionary has or a known name is among the
    # words from ``at`` to k (the first of them: ``first``), or all of those are acronyms.
    free = ands.free
    i = bisect_left(free, at)
    if i == len(free) or free[i] + 1 > ands.last_org:
        return 0  # (no later "and" has one after it either)
    first = min(ands.next_org[at], ands.next_unknown[at], ands.next_inside[at])
    if free[i] >= first or ands.next_not_upper[at] > free[i]:
        return free[i] - at + 1
    i = bisect_left(free, first, i)  # (past an everyday word: only from ``first`` on)
    if i == len(free) or free[i] + 1 > ands.last_org:
        return 0
    return free[i] - at + 1


def _two_places(ands: _Ands, at: int) -> int:
    """Where the rest of a run (from word ``at``) holding two places joined by "and"
    splits, each a place by its own word ("Principality of Svaneti and Principality of
    Abkhazia"; not "Turks and Caicos Islands"), counted from ``at``; else 0: at the first
    "and" after its first place word, if a place word follows it."""
    first = ands.next_place[at]
    i = bisect_left(ands.gaps, first)
    if i == len(ands.gaps) or ands.gaps[i] + 1 > ands.last_place:
        return 0  # (no place word in the rest, or none after an "and" after it)
    return ands.gaps[i] + 1 - at


def _institution(norm, part, inside, spans) -> tuple[int, int, str] | None:
    """An institutional name, which may swallow known names: "Ghana Cocoa Marketing
    Board", "Bank of Canada", "Chilean Mining Council"."""
    if len(part) > 1 and _common_head(norm, part):
        part = part[1:]  # "Members of Congress", "Shares of Douglas & Lomason Co"
    words = [t[2] for t in part]
    start, end = part[0][0], part[-1][1]
    # (a cue word inside a longer known name, "Port" in "Port Louis", is no cue)
    cued = [
        i
        for i, w in enumerate(words)
        if w in _CUE_TYPES
        and (not inside(part[i][0], part[i][1]) or spans.by_end.get(part[i][1]) == part[i][0])
        and (i or w not in _given_names() or _RX_OF.match(norm, part[0][1]))
    ]  # (a given name first is a person's: "Bill Gates", but "Bill of Rights")
    if not cued:
        return None
    i = cued[-1]
    if (
        len(part) == 2
        and i == 1
        and norm[part[0][1] : part[1][0]] == " "
        and cued_person(norm, start, end)
    ):
        return None  # "Ronen Bar", "Tom Diner, 45,", "writer Ann Rule": someone's name
    type_ = _cue_type(words[i])
    if cued[0] == 0 and _cue_type(words[0]) == "ORG" and norm.startswith(" of ", part[0][1]):
        type_ = "ORG"  # "Friends of Pelham Parkway", "Bank of East Asia": a body of a place
    # the name runs to the cue word, or on through "of ..." after it, but never
    # into a date or figure ("Parliament on March 3rd")
    tail_end = part[i][1]
    # "Harbour Bank Asset Management": free capitalised words after the cue
    j = i + 1
    while (
        j < len(part)
        and norm[part[j - 1][1] : part[j][0]] == " "
        and not inside(part[j][0], part[j][1])
        and part[j][2] not in _STOP
        and not _given_name(part[j][2])  # "Ontario Liberal Party Joe Dickson": a person
        and not (len(part[j][2]) == 1 and _RX_DASH_DIGIT.match(norm, part[j][1]))  # "K-9"
    ):
        j += 1
    if j > i + 1:
        i, tail_end = j - 1, part[j - 1][1]
    if (
        i < len(part) - 1
        and _RX_OF.match(norm, tail_end, end)
        and 2 not in spans.occupied[part[i + 1][0] : end]
        and not (norm.startswith(" on ", tail_end) and street(norm[part[i + 1][0] : end]))
    ):  # (but "Quill Bistro on Tallis St" is a business and the street it is on)
        tail_end = end
    known_start = spans.by_end.get(tail_end)
    # "US Freedom of Information Act": the known name is the name; but "University
    # of Port Louis" is a name ending in a known one.
    known = (
        known_start is not None
        and start < known_start
        and " " in norm[known_start:tail_end]
        and norm[:known_start].rstrip().rsplit(" ", 1)[-1] not in _CONNECTORS
    )
    covered = spans.occupied[start:tail_end].strip(b"\0")
    whole = len(covered) == tail_end - start and (
        spans.by_end.get(tail_end, -1) <= start and 0 not in spans.occupied[start:tail_end]
    )
    if (i > 0 or tail_end > part[i][1]) and not known and not whole:
        return (start, tail_end, type_)
    return None


def _common_head(norm, part) -> bool:
    """Is the first word of ``part`` an everyday word capitalised only for starting a
    sentence, before "of" ("Members of Congress", "Shares of Douglas & Lomason Co",
    "Residents of Throgs Neck"): no cue word, title or given name?"""
    first = part[0][2]
    return (
        norm.startswith((" of ", " for "), part[0][1])
        and not _cue_type(first)
        and first not in _TITLE_WORDS
        and first not in _STOP  # (those left are names' openers: "First of Michigan")
        and typer.everyday(first) > 0
        and not _given_name(first)
        and _is_sentence_start(norm, part[0][0])
    )


def _stretches(norm, part, inside) -> list[list]:
    """The stretches of words nothing else recognised, split at connectors that are not
    name particles ("Smith and Jones" are two)."""
    stretch: list = []
    stretches = []
    prev_end = None
    for t in part:
        if inside(t[0], t[1]):
            if stretch:
                stretches.append(stretch)
            stretch = []
            prev_end = t[1]
            continue
        if stretch and prev_end is not None:
            gap = norm[prev_end : t[0]].strip()
            if gap and gap != "&" and not _NAME_PARTICLES.issuperset(gap.rstrip("-").split()):
                stretches.append(stretch)  # ("Douglas & Lomason" is one firm)
                stretch = []
        stretch.append(t)
        prev_end = t[1]
    if stretch:
        stretches.append(stretch)
    return stretches


def _type_stretch(norm, stretch, cue, names):
    while stretch and stretch[0][2] in _STOP:
        stretch = stretch[1:]
        cue = None
    while len(stretch) > 1 and stretch[-1][2] in _NEVER_LAST:
        stretch = stretch[:-1]  # "... for Outkick The Coverage She is": a full stop left out
    if len(stretch) > 1 and len(stretch[-1][2]) == 1 and _RX_DASH_DIGIT.match(norm, stretch[-1][1]):
        stretch = stretch[:-1]  # "Police Department K-9", "Lockheed Martin F-35": a model's letter
    if not stretch:
        return None
    words = [t[2] for t in stretch]
    start, end = stretch[0][0], stretch[-1][1]
    if (
        len(words) > 1
        and words[0].isupper()
        and all(w.isupper() for w in words)
        and any(len(w) > 3 for w in words)
        and cue is None
    ):
        return None  # headings and shouting: "SIGN UP TODAY"; not "FIFA"
    single = len(words) == 1
    if not single and " & " in norm[start:end]:
        return start, end, "ORG"  # "Douglas & Lomason", "Marks & Spencer": a firm
    sentence_start = _is_sentence_start(norm, start)
    if (
        sentence_start
        and len(words) == 2
        and cue is None
        and words[0][1:].islower()
        and len(words[0]) > 5
        and words[0].lower().endswith(_ADJECTIVE_ENDINGS)
        and typer.everyday(words[0])
        and not _given_name(words[0])
        and words[0] not in typer._COMPASS
        and not _cue_type(words[1])
        and norm.count(words[1]) > 1
    ):  # "Popular Kilbrack spot", "Iconic Ossory pub": an adjective starts the sentence,
        # before a name the text writes elsewhere too ("Mystic Meg" alone is her name)
        return _type_stretch(norm, stretch[1:], None, names)
    before = norm[max(0, start - 25) : start]
    after = norm[end : end + 30]
    if cue == "PERSON":
        # "Minister of Education Kay McConney": the rest of the title is no name
        while len(stretch) > 2 and stretch[0][2] in _TITLE_MODIFIERS and stretch[0][2] not in names:
            stretch = stretch[1:]
        return stretch[0][0], end, "PERSON"
    if single and (
        len(words[0]) < 2
        or words[0] in _NOT_NAMES
        or (sentence_start and _ordinary(words[0]))
        or doctrine(words[0])
    ):
        return None
    if not single and before.rstrip().endswith(("by", "By")) and _RX_BY.search(before):
        return start, end, "PERSON"  # a byline
    type_ = _cue_type(words[-1])
    if (
        type_
        and len(words) == 2
        and norm[stretch[0][1] : stretch[1][0]] == " "
        and cued_person(norm, start, end)
    ):
        return start, end, "PERSON"  # "Ronen Bar", "Tom Diner, 45,", "writer Ann Rule"
    if type_ and not single:
        return start, end, type_
    if single and street(words[0]):
        return start, end, "LOC"
    if type_ == "ORG" and single:
        return None  # a lone "Council"
    wh = after.startswith((" wh", ", wh"))  # (before "who", "which": the common case, no)
    if wh and _RX_WHO.match(after):
        return start, end, "PERSON"
    if words[0] in names and not single:
        return start, end, "PERSON"
    if (
        len(words) == 3
        and words[1] in names
        and words[2][1:].islower()
        and _role_word(words[0])
        and not _cue_type(words[2])
    ):
        return stretch[1][0], end, "PERSON"  # "Democrat Jon Tester", "former Sixer Jrue Holiday"
    if _role_then_person(words):
        return (
            stretch[1][0],
            end,
            "PERSON",
        )  # "Actress Meryl Streep", "General Dwight D. Eisenhower"
    if after.startswith(", ") and _RX_COMMA_PLACE.match(after) and _RX_IN_BEFORE.search(before):
        return start, end, "GPE"  # "in Tamale, Ghana"
    place = _RX_PLACE_NOUN_AFTER.match(after)
    if place:  # "the Atacama region", "Kerala state"
        return start, end, "GPE" if place[1] in _GPE_NOUNS else "LOC"
    if (
        single
        and before.rstrip().endswith(_IN_ONLY)  # (before the regex: the common case, no)
        and _RX_IN_ONLY_BEFORE.search(before)
        and not _RX_STAKE_BEFORE.search(before)
    ):
        return start, end, "GPE"  # "in Tamale"; not "shares in Vodafone"
    if wh and _RX_WHICH.match(after):
        return start, end, "ORG"
    if sentence_start and words[0].lower() in _COMMON_STARTERS:
        return None
    if (
        not single
        and len(words) <= 3
        and min(map(len, words)) > 2
        and not any(map(str.isupper, words))
        and words[0] not in typer._COMPASS  # "East Bronx" is no one's name
    ):
        return start, end, "PERSON"
    return start, end, "ORG"


_COMMON_STARTERS = {w.lower() for w in _STOP}
#: Stop words that end no name, so a run that ends in one goes on past a missing full
#: stop ("... The Coverage She is gorgeous", "Undelivered Goods How $1.8 billion"); not
#: "I" ("Charles I"), "Who" ("Doctor Who"), "May" ("Theresa May"), "Will", "Can".
_NEVER_LAST = frozenset(
    """He She It They We You His Her Its Their Our How Why What When Where Is Was Are Were
    Has Have Had Would Could Should Might Must Does Did Do""".split()
)
#: Endings of everyday words that start sentences ("Negotiators", "Building", "Rarely").
_ORDINARY_ENDINGS = tuple(
    "ers ors ists ians ing ings ed ly tion tions sion sions ment ments ness ity ities ies"
    " ism isms ive ives ous ful less able ible ance ence ants ents".split()
)


#: Endings of adjectives: "Popular", "Iconic", "Beloved", "Historic", "Famous".
_ADJECTIVE_ENDINGS = ("ar", "ic", "ous", "ful", "ed", "ive", "able", "ible", "al", "ent", "ant")


#: Cue words that are surnames too: "Bar", "Inn", "Rule" end a pub's or a law's name,
#: and someone's ("Ronen Bar", "Ann Rule"); see :func:`cued_person`.
SURNAME_CUES = frozenset("Bar Inn Tavern Diner Guild Pub Bistro Rule".split())
#: Words that say who someone is, written in lower case before their name: "Shin Bet chief
#: Ronen Bar", "crime writer Ann Rule".
_ROLES_BEFORE = frozenset(
    """chief head boss director manager owner founder chairman chairwoman spokesman
    spokeswoman spokesperson minister president secretary leader writer author novelist
    journalist reporter columnist actor actress singer rapper musician comedian artist star
    player striker captain coach lawyer judge officer professor economist analyst""".split()
)
_RX_AGE_AFTER = re.compile(r", \d{1,3},")
_RX_SAID_AFTER = re.compile(r" (?:said|says|told|added|wrote|sang)\b")


def cued_person(norm: str, start: int, end: int) -> bool:
    """Is the two-word name ``norm[start:end]`` ending in one of :data:`SURNAME_CUES`
    someone's: a given name first ("Tom Diner", "Ann Rule"), an age after ("Kehoe Bar,
    45,"), what someone is before it ("Shin Bet chief Ronen Bar"), or, for a law's word, a
    speaker ("Ja Rule said": a rule says nothing)? Not "Gorman Bar says", "Brannock Rule",
    "Dan's Bar" (a business by its owner's name)."""
    first, _, last = norm[start:end].partition(" ")
    if last not in SURNAME_CUES or not first[:1].isupper():
        return False
    after = norm[end : end + 30]
    if _given_name(first) or _RX_AGE_AFTER.match(after):
        return True
    before = norm[max(0, start - 25) : start]
    role = before.rstrip().rsplit(" ", 1)[-1]
    if before.endswith(" ") and (
        role in _ROLES_BEFORE or (role[:1].isupper() and role in _TITLE_WORDS)
    ):
        return True
    return last == "Rule" and _RX_SAID_AFTER.match(after) is not None  # "Ja Rule said"


def _role_word(word: str) -> bool:
    """Can ``word`` be what someone is, said before their name ("Democrat", "Coach",
    "Sixer"), rather than their own first name? Not a given name, a surname, a place."""
    given, surnames = typer.census_names()
    return (
        word[1:].islower()
        and word not in given
        and word not in surnames
        and word not in _given_names()
        and word not in typer.places()
        and word not in typer._COMPASS
        and word not in _STOP
    )


def _role_then_person(words: list[str]) -> bool:
    """Is a run what someone is, then a census given name, a middle initial or none and a
    surname: "Actress Meryl Streep", "Rapper Kelvin Ashdown", "General Douglas MacArthur"?
    (The role word, capitalised at a sentence's start or as a title, is no part of the name.)"""
    if len(words) not in (3, 4) or not words[0][1:].islower():
        return False
    if len(words) == 4 and not (len(words[2]) == 2 and words[2].endswith(".")):
        return False
    last = words[-1]
    return (
        words[1] in typer.census_names()[0]
        and words[1][1:].islower()
        and last[:1].isupper()
        and not last.isupper()
        and not _cue_type(last)
        and (typer.everyday(words[0]) > 0 or words[0] in _PERSON_TITLES)
        and _role_word(words[0])
    )


_RX_DASH_DIGIT = re.compile(r"-\d")


def compass_place(name: str) -> bool:
    """Is ``name`` part of a place by a point of the compass ("East Bronx", "Western
    Sydney"): the rest of it a place the lists know?"""
    first, _, rest = name.partition(" ")
    return first in typer._COMPASS and bool(rest) and rest in typer.places()


@lru_cache(maxsize=4096)
def saint_place(name: str) -> bool:
    """Is ``name`` a place by its saint ("St Eustatius", "St. Louis Park", "Saint-Denis")?"""
    first = name.split(" ", 1)[0].split("-", 1)[0]
    return first in _SAINTS and len(name) > len(first) + 2


_SAINTS = frozenset(("St", "St.", "Saint", "Ste", "Ste.", "Sainte", "Sankt"))


def street(name: str) -> bool:
    """Is ``name`` a street's or a quarter's by its own last word ("Bruckner Boulevard",
    "Manga-Bell-Platz", "Lüderitzstrasse"), not a person's ("Nathan Lane")?"""
    words = name.split()
    last = words[-1].rsplit("-", 1)[-1]
    if _cue_type(words[0]) == "ORG":
        return False  # "Friends of Pelham Parkway"
    if last in STREETS:
        if len(words) == 2:
            return not _given_name(words[0])  # "Lois Lane", "Grace Park"
        return len(words) > 1 or "-" in words[0]
    if len(words) > 1 and last in _STREET_SHORT:
        # "Baxter St", "Fennel Rd"; not "Tara St" (a given name first: someone's)
        return not (len(words) == 2 and _given_name(words[0]))
    if len(words) == 2 and last in _SITE_ENDS:
        first = words[0]  # "Stackard Head", "Pellow Quay"; not "John Head", "Matthew Quay"
        return not _given_name(first) and not typer.everyday(first) and first[1:].islower()
    low = last.lower()
    return len(words) == 1 and low.endswith(STREET_ENDINGS) and len(low) > 8


def doctrine(word: str) -> bool:
    """Is ``word`` a creed, a policy or a programme named by its own ending, no one's and
    nowhere's name: an "-ism" ("Gaullism", "Marxism-Leninism") or a coined "-care" scheme
    named after its author ("Medicare", "Romneycare"; not "UnitedHealthcare", a firm)?"""
    low = word.lower()
    if len(word) < 6 or not word[:1].isupper() or word.isupper():
        return False
    if low.endswith(("ism", "isms")):
        return True
    return low.endswith("care") and len(word) > 7 and word[1:].islower()


def technique(name: str) -> bool:
    """Is ``name`` a technique's or a process's name, no body's: words of everyday English
    only, none an organisation's cue word, the last a verb's "-ing" form ("Heat Assisted
    Magnetic Recording", "Magnetic Resonance Imaging")? An acronym may spell it out, as it
    spells out an agency's name, but a body's name has a body's word ("... Team", "...
    Service") or is no everyday phrase."""
    words = name.split()
    if len(words) < 2 or not words[-1].endswith("ing") or len(words[-1]) < 6:
        return False
    capitals = [w for w in words if w not in _RUN_CONNECTORS]
    return all(
        w[:1].isupper()
        and not w.isupper()
        and _CUE_TYPES.get(w) is None
        and w not in typer.places()
        and typer.everyday(w) > 0
        for w in capitals
    )


#: A street's word shortened: "Baxter St", "Fennel Rd".
_STREET_SHORT = frozenset("St St. Rd Rd. Ave Ave. Blvd Blvd.".split())
#: Last words of a headland's, a wharf's or a pier's name ("Stackard Head", "Pellow
#: Quay"), after a word that is no given name nor everyday word ("Deputy Head" is a role).
_SITE_ENDS = frozenset("Head Point Quay Pier Wharf".split())


def _ordinary(word: str) -> bool:
    """Does a capitalised word at a sentence start look like an everyday word?"""
    if word.isupper():
        return False  # an acronym: "FIFA said"
    low = word.lower()
    tier = typer.common_words().get(low, 0)
    if tier == 2 and word in typer.places():
        return False  # "Birmingham", "Brighton": a town's name, common in print
    return low.endswith(_ORDINARY_ENDINGS) or 0 < tier <= 2


_RX_OF = re.compile(r" (?:of|for|on|de|du) ")
_RX_BY = re.compile(r"(?:^|\s)[Bb]y\s+$")
_RX_WHO = re.compile(r",? (?:who|whose)\b")
_RX_COMMA_PLACE = re.compile(r", (?:[A-Z]\w+ )?[A-Z]\w+(?:[,.;:]| and)")
_RX_IN_BEFORE = re.compile(r"\b(?:in|of|from|near|at|to)\s+$")
_RX_IN_ONLY_BEFORE = re.compile(r"\b(?:in|near|outside)\s+$")
_IN_ONLY = ("in", "near", "outside")
_RX_STAKE_BEFORE = re.compile(
    r"\b(?:shares?|stakes?|holdings?|interest|investments?|invest(?:ed|s|ing)?|jobs|work(?:s|ed)?"
    r"|role|seat|post|deal|deals|talks|team) in\s+$",
    re.IGNORECASE,
)
_RX_PLACE_NOUN_AFTER = re.compile(
    r" (region|province|state|county|district|prefecture|oblast|valley|basin|coast|island"
    r"|islands|peninsula|river|sea|mountains|desert|plateau|delta)\b"
)
_GPE_NOUNS = {"province", "state", "county", "district", "prefecture", "oblast"}
_RX_WHICH = re.compile(r",? (?:which|whose shares)\b")
#: Words that, with recognised names, make a run with nothing left to guess.
_TRIVIAL = (_STOP | _PERSON_TITLES | _CONNECTORS) - {"General", "Major", "Chief"}
#: Capitalised abbreviations that are ordinary words, not names.
_NOT_NAMES = set(
    """GDP GNP GNI CPI PPI PMI CEO CFO COO CTO AI AGI EV EVs IPO ETF LNG LGBT LGBTQ OK TV PC IT
    HQ PR VAT FX ESG API DNA RNA NGO NGOs UAV UAVs ICBM ICBMs SLBM FDI SME SMEs PhD MP MPs
    PM VP GOP? CO2 AM FM GMT UTC BC AD CE BCE DIY FAQ URL USB WiFi COVID ETA VIP
    Christmas Easter Thanksgiving Halloween Hanukkah Ramadan Diwali Passover Kwanzaa
    SMS MMS PDF JPEG JPG PNG GIF PPT DOC DOCX XLS CSV XML JSON HTML HTTP HTTPS SSL TLS DNS
    VPN GPS SIM RAM CPU GPU SSD LED LCD OLED HD HDMI NFC QR APK SDK OS MP3 MP4 ZIP RAR
    LTE 4G 5G Wi-Fi Bitcoin Ethereum QC KC OBE CBE MBE KBE GP CMO""".split()
)


#: A capitalised word that may lengthen a known name ("Real" Madrid, West "Indies").
_RX_CAP_WORD_BEFORE = re.compile(rf"(?:^|(?<=[\s(\"]))({_CAP_CORE}(?:'s?)?) $")
_RX_CAP_WORD_AFTER = re.compile(rf" ({_CAP_CORE})(?!\w)")
_RX_OF_PLACE = re.compile(r" (?:of|for) (?:the )?")
_RX_ELECTION = re.compile(rf"(?:(?:{_MONTH_FULL}) )?{_YEAR} $")
_RX_ELECTION_AFTER = re.compile(
    r"(?: (?:general|presidential|federal|parliamentary|provincial|state|legislative"
    r"|municipal|local|regional|Senate|gubernatorial|leadership|mayoral|special|by-))?"
    r"(?:[ -]?elections?| primar(?:y|ies)| referendums?| summit)\b"
)
_WIDENED = {"ORG", "GPE", "LOC", "NORP"}


def _widen(norm: str, spans: list[Span]) -> list[Span]:
    """Known names inside longer ones: the longer name is the name.

    A known name with free capitalised words hard against it is part of a longer name
    ("Real Madrid", "West Indies", "Kurdistan Workers' Party", "Liberal Democrat"), and so
    is an organisation's name with "of <Place>" after it ("Conservative Party of
    Canada"). The longer name is guessed, so it links to no gazetteer record for a mere
    overlap of words; the typer types it. A place named in an election's name ("the 2001
    United Kingdom general election") is part of the event.
    """
    if len(norm) < 300 and _is_title_case(norm):
        return _legal_forms(norm, spans)
    known = bytearray(len(norm) + 1)  # 1 inside a known name
    for s in spans:
        if not s[4]:
            known[s[0] : s[1]] = b"\1" * (s[1] - s[0])
    taken = (known, {s[0]: s for s in spans})
    out: list[Span] = []
    changed = False
    for span in spans:
        longer = None
        if not span[4] and span[2] in _WIDENED:
            longer = (
                span[2] == "ORG"
                and norm[span[0] - 2 : span[0] - 1] in _INITIAL_ENDS  # "R. Bloomberg"
                and _person_named(norm, span, known)
            ) or _longer_name(norm, span, *taken)
        elif not span[4] and span[2] == "PERSON":
            longer = _namesake(norm, span, known) or _named_after(norm, span, known)
        elif span[2] == "ORG":  # a guessed name: "Social Democratic Party" of Croatia
            end = _of_place(norm, span[0], span[1], taken[1])
            longer = (span[0], end, *span[2:5], LENGTHENED) if end > span[1] else None
            longer = longer or _election(norm, span, taken[1])
        if longer and longer[2] != "EVENT":  # "the 1954 United States House ... elections"
            longer = _election(norm, longer, taken[1]) or longer
        current = longer or span
        if current[2] == "ORG":
            start = _possessor(norm, current[0], current[1], taken[0])
            if (
                start == current[0]
                and norm[start - 3 : start - 1] in _ORDINAL_ENDS
                and any(_cue_type(w) == "ORG" for w in norm[start : current[1]].split()[1:])
            ):
                start = _ordinal(norm, start, taken[0])
            if start < current[0]:
                longer = current = (start, current[1], "ORG", "", True, LENGTHENED)
        out.append(current)
        changed = changed or longer is not None
    out = _select(out) if changed else spans
    return _legal_forms(norm, _demonym_firms(norm, out) if changed else out)


def _demonym_firms(norm: str, spans: list[Span]) -> list[Span]:
    """A demonym before an organisation's name this pass lengthened belongs to it, as it
    does to one the text names outright ("Italian Socialist Party"): "German East Africa
    Company", "Dutch East India Company"."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if (
            prev
            and prev[2] == "NORP"
            and not prev[4]
            and span[2] == "ORG"
            and span[5] == LENGTHENED
            and span[0] == prev[1] + 1
            and norm[prev[1]] == " "
            and _cue_type(norm[span[0] : span[1]].rsplit(" ", 1)[-1]) == "ORG"
        ):
            out[-1] = (prev[0], span[1], "ORG", "", True, LENGTHENED)
            continue
        out.append(span)
    return out


#: A company's legal form, abbreviated: its full stop is part of the name.
_ABBREVIATED_FORMS = ("Inc", "Corp", "Co", "Ltd", "Bros", "Cos")
#: What follows a full stop that ends no sentence ("Corp. said", "Inc., the").
_RX_NOT_SENTENCE_END = re.compile(r"[,;:)]| [a-z(]")


#: A company's legal form after a comma: ", Inc." ends the company's name ("Brinkfold
#: Global, Inc. owns", "Acme Widgets, LLC"), whatever the words before it look like.
_RX_COMMA_FORM = re.compile(
    r", (?:Inc\.|Inc\b|LLC\b|L\.L\.C\.|Ltd\.|Ltd\b|LLP\b|PLC\b|plc\b|GmbH\b)"
)


#: How the words :data:`_RX_COMMA_FORM` finds start.
_COMMA_FORM_STARTS = (", Inc", ", LLC", ", L.L.C.", ", Ltd", ", LLP", ", PLC", ", plc", ", GmbH")


def _legal_forms(norm: str, spans: list[Span]) -> list[Span]:
    """An organisation's name ending in an abbreviated legal form takes its full stop
    ("Albany Corp. said", "Amazon.com Inc., the"), unless it ends the sentence too; a
    name with a comma and a legal form after it is a company's, and takes them
    ("Brinkfold Global, Inc. owns"; a guessed name of any type, as "Global" says nothing)."""
    out = spans
    for i, s in enumerate(spans):
        end = s[1]
        if s[4] and norm.startswith(_COMMA_FORM_STARTS, end):
            m = _RX_COMMA_FORM.match(norm, end)
            if m and (m.end() == len(norm) or not norm[m.end()].isalnum()):
                form_end = m.end()
                if (
                    norm[form_end - 1] != "."
                    and norm.startswith(".", form_end)
                    and (_RX_NOT_SENTENCE_END.match(norm, form_end + 1))
                ):
                    form_end += 1  # "Acme, Inc., the maker"
                if out is spans:
                    out = list(spans)
                out[i] = (s[0], form_end, "ORG", s[3], s[4], s[5])
                continue
        if (
            norm.startswith(".", end)
            and s[2] == "ORG"
            and norm[s[0] : end].rsplit(" ", 1)[-1] in _ABBREVIATED_FORMS
            and _RX_NOT_SENTENCE_END.match(norm, end + 1)
        ):
            if out is spans:
                out = list(spans)
            out[i] = (s[0], end + 1, *s[2:])
    return out


def _namesake(norm: str, span: Span, known: bytearray) -> Span | None:
    """Another person of a known person's surname: "Ivanka Trump", "Eric Trump" (the
    known alias is the surname, and a given name before it is no part of the known name)."""
    start = span[0]
    if start < 2 or norm[start - 1] != " " or not norm[start - 2].isalpha():
        return None  # (the common case: no word right before)
    word_start = max(norm.rfind(" ", 0, start - 1), norm.rfind("\n", 0, start - 1)) + 1
    if not norm[word_start + (norm[word_start] in '("') : start].istitle():
        return None  # (the common case: "said Trump")
    m = _RX_CAP_WORD_BEFORE.search(norm, max(0, start - 40), start)
    if not m or 1 in known[m.start(1) : m.end(1)] or "'" in m[1]:
        return None
    word = m[1]
    if word in _STOP or word in _TITLE_WORDS or word in _NOT_NAMES or word.isupper():
        return None
    if not (_given_name(word) or not typer.everyday(word)) or (
        _is_sentence_start(norm, m.start(1)) and _ordinary(word)
    ):
        return None  # "Will Trump win?"; a given name, or a word no dictionary has
    return (m.start(1), span[1], "PERSON", "", True, LENGTHENED)


def _person_named(norm: str, span: Span, known: bytearray) -> Span | None:
    """A person whose surname is a known one-word name of a firm: "Michael R. Bloomberg",
    "Tom Ford" (a given name, and maybe an initial, right before it)."""
    start = span[0]
    if (
        start < 3
        or norm[start - 1] != " "
        or not (norm[start - 2].isalpha() or norm[start - 2] == ".")
    ):
        return None  # (the common case: no word right before)
    word = norm.rfind(" ", max(0, start - 30), start - 1) + 1
    if not norm[word].isupper() or " " in norm[start : span[1]]:
        return None  # (the common case: "in France")
    m = _RX_GIVEN_BEFORE.search(norm, max(0, start - 30), start)
    if not m or 1 in known[m.start() : start] or not norm[start : span[1]].istitle():
        return None
    if not (_given_name(m["given"]) and m["given"] not in _TITLE_WORDS):
        return None
    if _is_sentence_start(norm, m.start("given")) and _ordinary(m["given"]):
        return None  # "Will Ford ..."
    return (m.start("given"), span[1], "PERSON", "", True, LENGTHENED)


#: What ends a given name's middle initial ("Michael R. Bloomberg"; "Michael Bloomberg" is
#: :func:`_longer_name`'s).
_INITIAL_ENDS = frozenset(".")
#: A given name, and maybe a middle initial, right before a name.
_RX_GIVEN_BEFORE = re.compile(r"(?<![\w.'’-])(?P<given>[A-Z][a-z]+)(?: [A-Z]\.)? $")


def _named_after(norm: str, span: Span, known: bytearray) -> Span | None:
    """A place or body named after a known person: "Trump Golf Links Ferry Point",
    "Obama Presidential Center": free capitalised words after the name, two or more or
    ending in a cue word."""
    end = new_end = span[1]
    if not (norm.startswith(" ", end) and norm[end + 1 : end + 2].isupper()):
        return None  # (the common case)
    words = []
    while (m := _RX_CAP_WORD_AFTER.match(norm, new_end)) and 1 not in known[m.start(1) : m.end(1)]:
        if not _may_lengthen(m[1], "PERSON") or _given_name(m[1]) or m[1] in _SUFFIX_WORDS:
            break
        words.append(m[1])
        new_end = m.end()
    if len(words) < 2 and not (words and _cue_type(words[-1])):
        return None
    return (span[0], new_end, _cue_type(words[-1]) or "ORG", "", True, LENGTHENED)


_SUFFIX_WORDS = frozenset(("Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"))


def _longer_name(norm: str, span: Span, known: bytearray, by_start: dict) -> Span | None:
    """The longer name the known name ``span`` is part of, if any (see :func:`_widen`).

    ``known`` marks the characters inside known names: a word of another known name never
    lengthens this one ("Russia Ukraine" are two)."""
    start, end, type_, _, _, prio = span
    new_start, new_end = start, end
    merged = -1  # where a known organisation's name after a demonym ends
    # free capitalised words before it, then after it
    while new_start > 1 and norm[new_start - 1] == " " and norm[new_start - 2] != " ":
        word = norm.rfind(" ", 0, new_start - 1) + 1
        if norm[word] in '("':
            word += 1
        if not norm[word].isupper() and not _scored_at_line_start(norm, word, new_start, end):
            break  # (the common case, checked before the regex)
        m = _RX_CAP_WORD_BEFORE.search(norm, max(0, new_start - 40), new_start)
        if not m or 1 in known[m.start(1) : m.end(1)]:
            break
        if not _may_lengthen(m[1], type_) and not _club_initials(norm, m, start, end, type_):
            break
        if _is_sentence_start(norm, m.start(1)) and _ordinary(m[1]) and m[1] != "Air":
            break  # "Total" at a sentence start is capitalised by position ("Air India" is a name)
        if m[1].endswith(("'", "'s")) and not typer.everyday(m[1].rstrip("'s")):
            break  # "Obama's Democratic Party" is the party
        if type_ == "NORP" and m[1] in typer.places() and not norm.endswith("s", start, end):
            break  # "Bronx Republican chair": a place's partisan; but "Cleveland Indians"
        new_start = m.start(1)
    if new_start == start and type_ == "ORG":
        new_start = _and_before(norm, start, end, known)
    while norm.startswith(" ", new_end) and norm[new_end + 1 : new_end + 2].isupper():
        org = by_start.get(new_end + 1)
        if org and org[2] == "ORG" and type_ in {"GPE", "LOC"}:
            new_end = org[1]  # "California Democratic Party": a place's own party
            break
        if (
            org
            and org[2] == "ORG"
            and type_ == "NORP"
            and _institution_named(norm[org[0] : org[1]])
        ):
            new_end = merged = org[1]  # "Italian Republican Party", "Irish Nationalist Party"
            break
        m = _RX_CAP_WORD_AFTER.match(norm, new_end)
        if not m or 1 in known[m.start(1) : m.end(1)] or not _may_lengthen(m[1], type_):
            break
        if new_end == end and _given_name(m[1]):
            break  # "Governor of Maine Susan Collins": a person after the place
        new_end = m.end()
    if (
        type_ == "NORP"
        and new_end > end
        and len(norm[end:new_end].split()) == 1
        and norm[start:end] in typer.census_names()[0]
        and _surname_like(norm[end:new_end].strip())
    ):
        return (start, new_end, "PERSON", "", True, LENGTHENED)  # "Christian Bruch said"
    if (
        type_ == "NORP"
        and new_end > end
        and _cue_type(norm[start:new_end].rsplit(" ", 1)[-1]) not in {"ORG", "GPE"}
        and new_end != merged
        and not _members(norm[end:new_end].split())
    ):
        new_end = end  # "British Airways", but not "Australian Tom Moody"
    if new_end > end and type_ == "ORG" and _cue_type(norm[start:end].rsplit(" ", 1)[-1]) == "ORG":
        added = norm[end:new_end].split()
        if len(added) > 1 and not any(map(_cue_type, added)):
            new_end = end  # "Yale University Meera Nanda": a list's next name, no longer one
    if type_ == "ORG" or new_start < start or new_end > end:
        new_end = _of_place(norm, start, new_end, by_start, known=new_end == end)
    if new_start < start or new_end > end:
        new_type = _cue_type(norm[new_start:new_end].rsplit(" ", 1)[-1]) or (
            type_ if new_end == end and type_ != "NORP" else "ORG"
        )
        if new_type == "ORG" and new_end == end and norm[new_start : start - 1] in _given_names():
            new_type = "PERSON"  # "Michael Bloomberg", named as his company is
        return (new_start, new_end, new_type, "", True, LENGTHENED)
    return _election(norm, span, by_start)


def _surname_like(word: str) -> bool:
    """May ``word`` be a surname after a given name that is also a people's word
    ("Christian Bruch", "Christian Bale"): a surname of the census lists, or no everyday
    word nor a name's cue word?"""
    if _cue_type(word):
        return False
    return word in typer.census_names()[1] or not typer.everyday(word)


def _scored_at_line_start(norm: str, word: int, start: int, end: int) -> bool:
    """Does a word open the line before the town ``norm[start:end]``, the two scored as one
    name in a line of results or a table row ("...Moscow 1\nLokomotiv Moscow 2 Torpedo
    Moscow 1")? (``word`` is where the space before it leaves off, on the line before.)"""
    if not norm.startswith(" ", end) or not norm[end + 1 : end + 2].isdigit():
        return False  # (the common case: no score after the town)
    line = norm.rfind("\n", word, start)
    if line < 0 or not norm[line + 1 : line + 2].isupper():
        return False
    from search.entities.teams import _as_team  # (teams reads this module's lists)

    return _as_team(norm, line + 1, end)


def _club_initials(norm: str, m: re.Match, start: int, end: int, type_: str) -> bool:
    """Are the capitals ``m`` before the town ``norm[start:end]`` a club's initials, the
    two scored as one name in a line of results or a table row ("CSKA Moscow 4 Rotor
    Volgograd 1", "AC Milan 3 2 1 0 7 3 7"; not "UN Geneva said")?"""
    if type_ not in {"GPE", "LOC"} or m.end(1) + 1 != start:
        return False
    if not norm.startswith(" ", end) or not norm[end + 1 : end + 2].isdigit():
        return False  # (the common case: no score after the town)
    letters = m[1].replace(".", "")
    if not (2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()):
        return False
    from search.entities.teams import _as_team  # (teams reads this module's lists)

    return _as_team(norm, m.start(1), end)


def _election(norm: str, span: Span, by_start: dict) -> Span | None:
    """The election (or summit, referendum) a name is part of: "the 2009 European
    Parliament election", "the 1998 Northern Ireland Assembly election", "the 2017 BRICS
    summit"; an organisation's name needs the year before it."""
    start, end, type_, _, _, prio = span
    if type_ not in {"GPE", "LOC", "ORG", "NORP"}:
        return None
    after = _RX_ELECTION_AFTER.match(norm, end)
    if after is None:
        return None  # (the common case)
    year = _RX_ELECTION.search(norm, max(0, start - 20), start)
    if year or type_ in {"GPE", "LOC"}:
        new_start, new_end = (year.start() if year else start), after.end()
        place = by_start.get(new_end + 4) if norm.startswith(" in ", new_end) else None
        if year and place and place[2] in {"GPE", "LOC"}:
            new_end = place[1]  # "... election in Italy", a named election
        return (new_start, new_end, "EVENT", "", True, prio)
    return None


_ORDINAL_ENDS = frozenset(("st", "nd", "rd", "th"))
_RX_ORDINAL_BEFORE = re.compile(r"(?:^|(?<=[\s(\"]))\d{1,3}(?:st|nd|rd|th) $")


def _ordinal(norm: str, start: int, known: bytearray) -> int:
    """Where an organisation's name starts when an ordinal numbers it ("4th District
    Court of Appeal", "101st Airborne Division")."""
    m = _RX_ORDINAL_BEFORE.search(norm, max(0, start - 6), start)
    if m and 1 not in known[m.start() : start]:
        return m.start()
    return start


_RX_POSSESSOR = re.compile(r"(?:^|(?<=[\s(\"]))([A-Z][a-z]+) ?'s? $")


def _possessor(norm: str, start: int, end: int, known: bytearray) -> int:
    """Where an organisation's name starts when an everyday word in the possessive comes
    before it ("People's National Party", "Workers' Party", "Lord's Day Alliance"); not
    a known name's possessive ("Obama's Democratic Party")."""
    if not norm.startswith("' ", start - 2) and not norm.startswith("'s ", start - 3):
        return start
    if _cue_type(norm[start:end].rsplit(" ", 1)[-1]) != "ORG":
        return start
    m = _RX_POSSESSOR.search(norm, max(0, start - 20), start)
    if (
        m
        and typer.everyday(m[1])
        and 1 not in known[m.start(1) : m.end(1)]
        and not _is_sentence_start(norm, m.start(1))
    ):
        return m.start(1)
    return start


def _given_name(word: str) -> bool:
    return word in _given_names() or word in typer.census_names()[0]


def _members(words: list[str]) -> bool:
    """Do the words after a demonym name a party by its members ("Australian Greens",
    "Italian Democratic Socialists"): a plural everyday word last, no given name?"""
    if not words or len(words) > 2 or words[0] in _given_names():
        return False
    last = words[-1]
    return last.endswith("s") and not last.endswith("ss") and typer.everyday(last) > 0


def _institution_named(name: str) -> bool:
    """Is ``name`` an institution's own name, which a demonym before it belongs to
    ("Italian Republican Party", "Australian Senate"; not "German Bundesbank")?"""
    return " " in name or _cue_type(name) == "ORG"


_RX_AND_BEFORE = re.compile(rf"(?:^|(?<=[\s(\"]))((?:{_CAP_CORE} )?{_CAP_CORE}) and $")


def _and_before(norm: str, start: int, end: int, known: bytearray) -> int:
    """Where an organisation's name starts when everyday capitalised words and "and" come
    before the known name it ends in ("Social Democratic and Labour Party")."""
    if (
        not norm.endswith(" and ", 0, start)
        or _cue_type(norm[start:end].rsplit(" ", 1)[-1]) != "ORG"
    ):
        return start
    m = _RX_AND_BEFORE.search(norm, max(0, start - 50), start)
    if not m or 1 in known[m.start(1) : m.end(1)]:
        return start
    words = m[1].split()
    if all(w not in _STOP and typer.everyday(w) for w in words):
        return m.start(1)
    return start


def _of_place(norm: str, start: int, end: int, by_start: dict, known: bool = False) -> int:
    """Where an organisation's name ``norm[start:end]`` ends when "of <Place>" follows:
    after a place the text names right there, when its last word is an organisation's
    ("Conservative Party of Canada") or the name is the gazetteer's (``known``: "House of
    Commons of Canada")."""
    if not (known or _cue_type(norm[start:end].rsplit(" ", 1)[-1]) == "ORG"):
        return end
    m = _RX_OF_PLACE.match(norm, end)
    place = by_start.get(m.end()) if m else None
    if place and place[2] in {"GPE", "LOC"} and not place[4]:
        return place[1]
    if (
        place
        and place[4]
        and place[2] != "PERSON"
        and norm.count(" ", place[0], place[1]) < 2
        and _cue_type(norm[start:end].rsplit(" ", 1)[-1]) == "ORG"
    ):
        return place[1]  # "Progressive Conservative Party of Manitoba"
    return end


_CALENDAR = frozenset(
    _MONTH_FULL.lower().split("|")
    + "monday tuesday wednesday thursday friday saturday sunday".split()
)


#: Offices and their holders, which follow a place without being part of its name ("U.S.
#: Senators", "New York City Comptroller").
_OFFICES = frozenset(
    """Presidents Senators Representatives Congressmen Congresswomen Governors Mayors
    Ministers Secretaries Ambassadors Delegates Comptroller Councillor Councilor Alderman
    Treasurer Auditor Recorder Commissioner Commissioners Attorney Lawmakers Legislators
    Officials""".split()
)


def _may_lengthen(word: str, type_: str) -> bool:
    """May ``word`` lengthen a known name of type ``type_``?"""
    if word == "New":
        return type_ in {"ORG", "NORP"}
    if word == "Air":
        return type_ == "GPE"  # "Air France", "Air Canada": an airline (not "Air Force")
    if word in _STOP or word in _PERSON_TITLES or word in _TITLE_MODIFIERS or word in _OFFICES:
        return False
    if word.isupper() or word.lower() in _CALENDAR:
        return False  # a heading in capitals, an acronym of its own, a month or a day
    return word not in _NOT_NAMES and word not in _CONNECTORS
