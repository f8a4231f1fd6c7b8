"""Resolution within an article, and the typer's verdict on guessed names.

A surname after a full mention ("Ms Brannagh" after "Ottilie Brannagh"), an acronym
introduced in brackets, a weak alias after a title; then every guessed name is typed by
the evidence for it, agreed across the document. A mention links to a gazetteer record
only when its whole name (or a known alias) matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import ahocorasick

from search.entities import typer
from search.entities.gazetteer import _SUFFIXES, _Gazetteer, _given_names, _key, gazetteer
from search.entities.guess import (
    _CAP_CORE,
    _CUE_TYPES,
    _NAME_PARTICLES,
    _PERSON_TITLES,
    REALMS,
    _cue_type,
    _is_sentence_start,
    _is_title_case,
    _occurs_lowercase,
    compass_place,
    cued_person,
    plural_noun,
    saint_place,
    street,
    technique,
)
from search.entities.spans import DEFINED, LENGTHENED, SPELT, Span, _select
from search.entities.teams import _as_team, _sport_prose, _sporting

_TITLED_NAME = re.compile(
    r"(?:Mrs|Mr|Ms|Dr|Prof|President|Premier|Chancellor|Minister|Secretary|Senator|General"
    r"|Governor|Ambassador|Chairman|Speaker|Justice|Judge|King|Queen|Prince|Sheikh)\.? "
    rf"(?P<name>{_CAP_CORE})(?!\w)"
)
_RX_ACRONYM = re.compile(r" \(([A-Z][A-Z0-9&]{1,7})\)")


#: Guessed types the typer judges, and what its classes become.
_TYPED = {"PERSON", "ORG", "GPE", "LOC", "NORP"}
_FROM_CLASS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
#: When set (by scripts/train_typer.py), the evidence for each guess is collected here
#: instead of typing it: (field, start, end, features).
_COLLECT: list | None = None


def _retype(
    g: _Gazetteer, fields: list[tuple[str, str, str, list[Span]]]
) -> list[tuple[str, str, str, list[Span]]]:
    """Type guessed names by the evidence for them, agreed across the document.

    Each guess is scored on its own evidence (:mod:`search.entities.typer`); every
    mention of the same name then takes the type the sum of their scores favours. A name
    judged to be no name, or a name of another kind, is dropped unless the guesser typed
    it as an event, law or group.
    """
    table = typer.weights()
    if not table and _COLLECT is None:
        return fields
    totals: dict[str, int] = {}  # name -> its packed scores (typer.packed)
    head_totals: dict[str, int] = {}  # the same, of mentions in Title-Cased Headlines
    keyed: list[tuple[int, int, str]] = []  # field index, span index, key
    echoes: list[tuple[int, int, str]] = []  # short forms of names: their type
    placed: set[str] = set()  # names some mention of which the words around call a place
    personal: set[str] = set()  # names some mention of which has a relative or an age
    cued: set[str] = set()  # names ending in a pub's or law's word that are someone's
    models: set[str] = set()  # names some mention of which follows a product's name
    employers: set[str] = set()  # names some mention of which follows a job and "at"
    sources: set[str] = set()  # names some mention of which follows "Learn more at"
    firms: set[str] = set()  # first words of companies named with their legal form
    posts: set[str] = set()  # jobs' titles before "at" or "for" and where the job is
    lives: set[str] = set()  # names some mention of which is born, marries, resigns, dies
    venues: set[str] = set()  # names some mention of which a business's noun follows
    inside: set[str] = set()  # names some mention of which follows "in"
    located: set[str] = set()  # names some mention of which is where one lives, or near
    acting: set[str] = set()  # names some mention of which speaks or trades as a body does
    sport: bool | str | None = None  # does the document hold results? (asked when needed)
    places = typer.places()
    for fi, (name, _text, norm, spans) in enumerate(fields):
        lower: dict[str, bool] = {}  # first word -> occurs in lower case in this field
        title_case = len(norm) < 300 and _is_title_case(norm)
        headline = name == "title" or title_case
        for si, span in enumerate(spans):
            start, end, type_, canonical, guessed, prio = span
            if not guessed or type_ not in _TYPED or prio == DEFINED:
                continue
            text = norm[start:end]
            if (" for " in text or " at " in text) and (cut := _RX_JOB_LEAD.match(text)):
                start += cut.end()  # "Software Engineer for SpaceX": SpaceX, where she works
                text = norm[start:end]
                spans[si] = (start, end, type_, canonical, guessed, prio)
            if text.endswith(_LEGAL_FORM_ENDS) and text.rsplit(" ", 1)[-1] in _LEGAL_FORMS:
                firms.add(text.split(" ", 1)[0].rstrip(","))  # "Brinkfold Global, Inc."
            town = ""
            if text in places:
                if sport is None:
                    sport = any(_sporting(f[2]) for f in fields)
                    if not sport and any(_sport_prose(f[2]) for f in fields):
                        sport = "prose"  # a match report: its towns' clubs
                town = str(sport)
            listed = _listed_with(norm, spans, si)
            context = _context_evidence(norm, start, end, headline, lower, town, listed)
            if _COLLECT is not None:
                _COLLECT.append(
                    (
                        name,
                        start,
                        end,
                        [
                            *_name_evidence(norm[start:end], type_),
                            *typer.context_features(context),
                        ],
                    )
                )
                continue
            key = canonical or text
            if typer.at_dateline(context):  # "NEW YORK 1996-08-30": the place, whatever
                key = "\0" + key  # else the document calls it (its team's results)
            # the name's own evidence is scored once per name; its context per mention
            score = typer.context_scores(context) + _name_score(text, type_)
            if (
                " " not in text
                and start > 2
                and norm[start - 1] == " "
                and _RX_MODEL_BEFORE.search(norm, max(0, start - 30), start)
            ):
                models.add(key)  # "the iPhone XR": a product's model, no name
            elif (
                text.isupper()
                or (text[-1] == "s" and text[-2:-1].isupper())  # "ICOs"
                or norm.startswith(_PRODUCT_STARTS, end)
                or (start and norm[start - 1] in _QUOTES)
            ) and _no_name_here(norm, start, end, text):
                models.add(key)  # "in USD", "0.01 ETH,", "the Authenticator app", "“Barracuda”"
            elif (
                norm.startswith(_PRODUCT_AFTER_STARTS, end)
                or norm.endswith(_PRODUCT_BEFORE_ENDS, 0, start)
            ) and _product_in_apposition(norm, start, end):
                models.add(key)  # "a trojan called Monokle", "Their machine, RiskCardio,"
            elif (
                " " not in text
                and end + 3 < len(norm)
                and norm[end] == " "
                and norm[end + 1 : end + 3].lstrip("v")[:1].isdigit()
                and (
                    _RX_RELEASE_AFTER.match(norm, end)
                    or (
                        norm.endswith(("the ", "a ", "an ", "its ", "The ", "’s ", "'s "), 0, start)
                        and _RX_MODEL_NUMBER_AFTER.match(norm, end)
                    )
                )
            ):
                models.add(key)  # "Quillwork 5.2 was released": software, by its version
            elif (
                norm.startswith(_LANGUAGE_STARTS, end)
                and _RX_LANGUAGE_AFTER.match(norm, end)
                and not _is_given(text.split(" ", 1)[0])
            ):
                models.add(key)  # "choose Quellcode as an implementation language"
            elif text.rstrip(".") in _DEGREES and norm.endswith(", ", 0, start):
                models.add(key)  # "Ann Bell, Ph.D., of": her degree, no place after a comma
            if norm.startswith(_ACTING_STARTS, end) and _RX_ACTING_AFTER.match(norm, end):
                acting.add(key)  # "ARM said", "Okta shares fell": no product, no term
            if norm.startswith((" at ", " for "), end) and _RX_JOB_TITLE.fullmatch(text):
                posts.add(key)  # "Director of Engineering at CloudBees": a post, no name
            if norm.endswith((" at ", " for "), 0, start) and _employer(norm, start):
                employers.add(key)  # "Software Engineer at Quillpost": where someone works
            elif norm.endswith(" more at ", 0, start) and _RX_MORE_AT.search(
                norm, max(0, start - 20), start
            ):
                sources.add(key)  # "Learn more at Emerj.": a site, a paper, a body
            elif norm.endswith("(via ", 0, start) and norm.startswith(")", end):
                sources.add(key)  # "(via Geeks Are Sexy)": the site a post was found on
            elif (
                norm.endswith(" in ", 0, start)
                and not norm.startswith(("'s", "’s"), end)  # "a column in Avdiivka's paper"
                and text not in places
                and _RX_ARTICLE_IN.search(norm, max(0, start - 40), start)
            ):
                sources.add(key)  # "an article in Quillpost", "an editorial in the Annals"
            elif norm.startswith(_PAPER_STARTS, end) and _RX_PAPER_AFTER.match(norm, end):
                sources.add(key)  # "Harpers magazine", "the Kyiv Post newspaper"
            elif norm.endswith("At ", 0, start) and _RX_WE_AFTER.match(norm, end):
                sources.add(key)  # "At Appen, we provide": a body speaking for itself
            elif (
                norm.startswith((", the ", ", a ", ", an "), end)
                or (
                    start > 4
                    and norm[start - 2].islower()
                    and norm[norm.rfind(" ", 0, start - 1) + 1 : start - 1] in _BODY_LAST_WORDS
                )
            ) and _body_in_apposition(norm, start, end, key):
                sources.add(key)  # "watchdog group Nashi Groshi", "Kraken, a US exchange,"
            elif (
                norm.startswith(_FOUNDED_STARTS, end)
                and " " not in key
                and _RX_FOUNDED_AFTER.match(norm, end)
            ):
                employers.add(key)  # "Shabka was founded in 2013": no one is founded
            if norm.startswith(_VENUE_STARTS, end) and _RX_VENUE_AFTER.match(norm, end):
                venues.add(key)  # "the Mezcal restaurant", "the Canadaland network": a business
            if norm.endswith((" in ", "In "), 0, start):
                inside.add(key)  # "queued in Kilbrack": a place one is in
            if _placed(norm, start, end):
                placed.add(key)
            elif norm.endswith(_LIVED_ENDS, 0, start) and _RX_LIVED_BEFORE.search(
                norm, max(0, start - 30), start
            ):
                located.add(key)  # "radiation near Chernobyl", "lives in Kyrenia": a place
            elif norm.startswith(("'s ", "’s ", "' ", "’ "), end) and _RX_KIN_AFTER.match(
                norm, end
            ):
                personal.add(key)  # "Mekhi's older brother": someone's
            elif norm.startswith(", ", end) and _RX_AGE_AFTER.match(norm, end) and " " in text:
                personal.add(key)  # "Chad Hull, 37, Bulpitt": someone of that age
            elif " " in text and cued_person(norm, start, end):  # (of two words only)
                cued.add(key)  # "Ronen Bar", "writer Ann Rule": no pub's or law's
            if norm.startswith(_LIFE_STARTS, end) and _RX_LIFE_AFTER.match(norm, end):
                lives.add(key)  # "Timbrell was born", "Kirchhof resigned": only someone does
            own = _short_form(text, key)
            if own:  # a short form of a name of that type by its own word
                echoes.append((fi, si, own))
                continue
            if title_case and " " in text:  # a Title-Cased Headline's words say little
                head_totals[key] = head_totals.get(key, 0) + score
            else:
                totals[key] = totals.get(key, 0) + score
            keyed.append((fi, si, key))
    for key, score in head_totals.items():  # a name the prose names goes by the prose
        totals.setdefault(key, score)
    if not keyed and not echoes:
        return fields
    firms = {w for w in firms if _firm_word(w)}
    return _verdicts(
        fields,
        keyed,
        totals,
        echoes,
        placed,
        personal,
        models - acting,  # "Nokia 3310 was released ... Nokia said": the company's
        cued,
        employers - located,  # "a worker at Chernobyl ... near Chernobyl": the town
        sources,
        firms,
        venues - located - inside,
        posts,
        lives,
    )


def _firm_word(word: str) -> bool:
    """May the article call a company named in full with its legal form by ``word``, its
    first word ("Brinkfold" for Brinkfold Global, Inc.)? Not a place's, a given name, an
    everyday word ("American Widgets Inc." is not "American")."""
    return (
        word[:1].isupper()
        and word not in typer.places()
        and not _is_given(word)
        and not typer.everyday(word)
        and _cue_type(word) is None
    )


#: A product's name in one word with a capital inside after a small letter ("iPhone",
#: "iPad", "eReader"), right before a name: the name is its model ("iPhone XR").
_RX_MODEL_BEFORE = re.compile(r"(?:^|[\s(\"'‘“])[a-z]{1,3}[A-Z][A-Za-z]+ $")

#: Words before a name that say it is a place: "the district of Wedding", "the islands of
#: Bonaire", "in northern Bavaria".
_RX_PLACE_BEFORE = re.compile(
    r"\b(?:(?:islands?|people|residents|town|city|village|district|region|province|county"
    r"|suburb|neighbou?rhood|outskirts) of(?: the)?|(?:in|of|across) (?:north|south|east"
    r"|west)?(?:ern|-eastern|-western)|(?:in|of|across) (?:central|rural|downtown)) $"
)
#: A person's name and age before a name: "Dana Hull, 37, " (of) Bulpitt.
_RX_AGE_BEFORE = re.compile(r"[A-Z][\w'’-]*[a-z], \d{1,3}, (?:of )?$")
#: A place and a comma before a name: "from Radstock, " (Somerset), "in Tamale, " (Ghana).
_RX_TOWN_BEFORE = re.compile(r"\b(?:in|from|near|outside) [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?, $")
#: Words after a name that say it is a place: "Throgs Neck resident", "Paris-born".
_RX_PLACE_AFTER = re.compile(r"(?:-born| residents?| natives?| police)\b")


#: A relative after a name's possessive: "Mekhi's older brother", "Vell's late wife".
_RX_KIN_AFTER = re.compile(
    r"(?:'s|’s|'|’) (?:(?:older|younger|elder|eldest|youngest|twin|late|estranged|adopted)"
    r" )?(?:wife|husband|son|sons|daughter|daughters|mother|father|brother|brothers|sister"
    r"|sisters|parents|grandmother|grandfather|widow|widower|girlfriend|boyfriend|fiancée"
    r"|fiancé|fiancee|fiance|mom|dad|mum|uncle|aunt|nephew|niece|stepfather|stepmother)\b"
)


#: An age after a name of two words or more: "Chad Hull, 37, Bulpitt", "Dana Hull, 37, of".
_RX_AGE_AFTER = re.compile(r", \d{1,3}, (?:of |from )?[A-Z]")


#: A job before "at" or "for" and a name: the name is where the job is ("Software Engineer
#: at Quillpost", "a professor at Pellworth", "columnist for the Herald"); "for" only after
#: a job done for a firm or a paper ("minister for Europe", "director for Asia" are remits).
_RX_JOB_AT = re.compile(
    r"(?i:\b(?:engineer|developer|programmer|scientist|researcher|professor|lecturer|manager"
    r"|director|consultant|analyst|executive|officer|founder|co-founder|partner|employee"
    r"|intern|designer|architect|editor|reporter|columnist|correspondent|producer|strategist"
    r"|fellow|economist|lead|leader|head|president|chairman|chairwoman|ceo|cto|cfo|coo"
    r"|spokesman|spokeswoman|spokesperson|worker|staffer|student|coach)s?)"
    r"(?: of(?: (?:[A-Z][\w&-]*|and|&))+)? at (?:the )?$"  # "Director of Engineering at"
    r"|(?i:\b(?:engineer|developer|programmer|designer|editor|reporter|columnist|writer"
    r"|correspondent|producer|contributor)s?) for (?:the )?$"
)


#: A job's title in Title Case, alone or with its remit: "Software Engineer", "Senior
#: Reporter", "Director of Engineering", "Head of Product".
_JOB_TITLE = (
    r"(?:(?:Senior|Junior|Lead|Principal|Staff|Chief|Deputy|Associate|Assistant|Executive"
    r"|Managing|Contributing|Founding|Features|News|Sports|Political|Technical|Creative"
    r"|Software|Data|Product|Research|Marketing|Sales|Communications|Program|Programme"
    r"|Project|General) )*"
    r"(?:Engineer|Developer|Programmer|Editor|Reporter|Writer|Director|Manager|Officer"
    r"|Designer|Scientist|Analyst|Correspondent|Producer|Founder|Co-Founder|Head|Lead"
    r"|Architect|Strategist|Consultant|Researcher|Columnist)"
    r"(?: of (?:[A-Z][\w&-]*)(?: (?:and|&|[A-Z][\w&-]*))*)?"
)
_RX_JOB_TITLE = re.compile(_JOB_TITLE)
#: A job's title run into the name of where the job is: "Software Engineer for SpaceX".
_RX_JOB_LEAD = re.compile(rf"{_JOB_TITLE} (?:for|at) (?:the )?(?=[A-Z])")


#: A roundup's pointer to its source: "Learn more at", "Read more at".
_RX_MORE_AT = re.compile(r"\b(?:[Ll]earn|[Rr]ead|[Ff]ind out|[Ss]ee) more at $")
#: A body speaking for itself after "At" and its name: "At Appen, we provide", "At
#: Quillpost, our engineers": what a company says of itself, not what anyone does at a
#: place ("At Kirkwall, we waited", "At Sandringham, our hosts").
_RX_WE_AFTER = re.compile(
    r", (?:we (?:are (?:committed|dedicated|proud|passionate)|believe|provide|offer|build"
    r"|help|make|develop|design|create|deliver|serve|strive|aim|pride|speciali[sz]e|focus"
    r"|empower|enable|care)"
    r"|our (?:mission|team|customers|clients|engineers|employees|people|goal|purpose"
    r"|company|products?|platform|services?)s?)\b"
)
#: Nouns for a body, the head of an apposition: "the watchdog group Nashi Groshi",
#: "Kraken, a US exchange,".
_BODY_NOUNS = (
    r"(?:company|firm|group|band|startup|start-up|charity|nonprofit|non-profit|network"
    r"|agency|exchange|publisher|broadcaster|retailer|lender|insurer|airline|choir|orchestra"
    r"|organi[sz]ation|think tank|watchdog|website|podcast|label|conglomerate|carmaker"
    r"|automaker|manufacturer|maker|chain|cooperative|co-op|collective|consultancy|journal"
    r"|magazine|newspaper|tabloid)"
)
#: The last words of :data:`_BODY_NOUNS`, looked up before the pattern is tried.
_BODY_LAST_WORDS = frozenset(
    _BODY_NOUNS.strip("(?:)")
    .replace("organi[sz]ation", "organisation|organization")
    .replace("think tank", "tank")
    .split("|")
)
_RX_BODY_AFTER = re.compile(
    # the body noun heads the apposition: its modifiers are no "at"/"for" phrase ("Ann
    # Okafor, an analyst at the firm," is a person at a firm)
    r", (?:the|a|an) (?:(?!(?:at|for|of|in|on|with|from|by|to|the|a|an|and|or)\b)[\w-]+ ){0,3}"
    rf"{_BODY_NOUNS}(?=[,.;:)]| (?:that|which|whose|led|based"
    r"|founded|run|owned|behind|known|with|from)\b)"
)
#: A paper's kind after its name: "Harpers magazine", "Quillpost newspaper".
_RX_PAPER_AFTER = re.compile(r" (?:magazine|newspaper|tabloid|news agency|news site)\b")
#: A piece of writing "in" a name: the name is where it was published, a paper, a
#: journal or a site ("an article in Quillpost", "a 2013 editorial in the Annals of
#: Medicine"); not "a study in" or "a report in", which are as often done in a place.
_RX_ARTICLE_IN = re.compile(
    r"\b(?:article|articles|editorial|op-ed|column|essay|commentary|opinion piece)"
    r" (?:published )?in (?:the )?$"
)
#: How the words :data:`_RX_PAPER_AFTER` finds start (checked first: mostly none do).
_PAPER_STARTS = (" magazine", " newspaper", " tabloid", " news ")
#: After a name, words that say it is a body: it was founded, it has founders,
#: employees, shareholders, headquarters ("Quenvira was founded in 2013", "Quenvira's
#: co-founder"); no person is founded, nor has a headquarters.
_RX_FOUNDED_AFTER = re.compile(
    r"(?: (?:was|were|has been|had been) (?:founded|established|incorporated|co-founded)\b"
    r"|(?:'s|’s) (?:co-?founders?|founders?|employees|shareholders|headquarters|subsidiary"
    r"|chief executive|CEO)\b)"
)
#: How the words :data:`_RX_FOUNDED_AFTER` finds start.
_FOUNDED_STARTS = (" was ", " were ", " has been ", " had been ", "'s ", "’s ")


#: A business's noun after a name: "the Mezcal restaurant", "Iyers cafe", "the Canadaland
#: network" (the name is the business's; a town's restaurant is one the lists know).
_RX_VENUE_AFTER = re.compile(
    r" (?:restaurants?|cafe|café|pub|bakery|brewery|distillery|winery|boutique|salon|hotel"
    r"|gallery|studios?|label|network|podcast|brand|chain|franchise)\b"
)


#: Nouns for a thing made, not a body: a product's, a program's, a machine's. Not
#: "platform", "service", "exchange", "network": a company is called so too.
_PRODUCT_NOUNS = (
    r"(?:app|application|software|program|programme|tool|device|machine|gadget|phone"
    r"|smartphone|handset|laptop|tablet|console|camera|robot|chatbot|algorithm|trojan"
    r"|malware|ransomware|virus|spyware|drug|vaccine|pill|wallet|browser|game|video game"
    r"|database|framework|library|language|model|prototype|feature|product|probe"
    r"|satellite|rocket|spacecraft|drone|vehicle|car|truck|aircraft|jet)"
)
#: A product's noun right before a name, as its apposition: "an access trojan for Android
#: called Monokle", "Their machine, RiskCardio,".
_RX_PRODUCT_BEFORE = re.compile(
    rf"\b{_PRODUCT_NOUNS}(?: [\w.-]+){{0,3}} (?:called|named|dubbed) $"
    rf"|\b(?:[Tt]heir|[Ii]ts|[Hh]is|[Hh]er|[Oo]ur|[Mm]y|[Yy]our) (?:[\w-]+ ){{0,2}}{_PRODUCT_NOUNS}, $"
)
#: A product's noun after a name, as its apposition or predicate: "Coinbase Wallet is a
#: secure digital wallet that", "Quillo, a budgeting app,".
_RX_PRODUCT_AFTER_NAME = re.compile(
    r"(?:, (?:a|an|the)| (?:is|was) (?:a|an)) (?:(?!(?:of|for|at|by|from|and|or)\b)[\w-]+ ){0,3}"
    rf"{_PRODUCT_NOUNS}(?=[,.;:)]| (?:that|which|for|to|used|designed|developed|built|made"
    r"|launched|released|from|by|with)\b)"
)


#: A version number after a name and a word for its release: "Quillwork 5.2 was released",
#: "the Quillwork 3.0 release", "Quillwork 2 beta"; or a model number and a craft's or a
#: device's noun: "the Quenmark 1 space probe". Software and machines are no body nor
#: person: the name is a product's, everywhere in the article. (A bare number after a name
#: is a score, a price or a figure: "Arsenal 2", "Siemens 75.30".)
_RX_RELEASE_AFTER = re.compile(
    r" v?\d+(?:\.\d+)*(?: (?:was|is|has been|had been|will be|were))?"
    r" (?:released|release|releases|version|update|beta|alpha|build|branch)\b"
)
#: A craft or a device by its model number, after "the", "a" or a possessive: "the
#: Quenmark 1 space probe", "NASA's Quenmark 1 probe" (not "Lufthansa 12 aircraft were
#: grounded": a count of a company's craft).
_RX_MODEL_NUMBER_AFTER = re.compile(
    r" \d+ (?:[a-z-]+ )?(?:probe|rocket|spacecraft|satellite|lander|rover|telescope|phone"
    r"|smartphone|handset|laptop|tablet|console|drone|aircraft|airliner|helicopter)\b"
)
#: After a name, what a body does and no product or term does: it speaks, trades, reports
#: ("ARM said", "Okta shares fell", "Nokia, which announced").
_RX_ACTING_AFTER = re.compile(
    r"(?:,? (?:said|says|told|announced|reported|confirmed|declined|denied|added|has said"
    r"|shares|stock|spokes(?:man|woman|person))\b|(?:'s|’s) (?:shares|spokes\w+|chief"
    r"|executives?|CEO|board)\b)"
)
#: How the words :data:`_RX_ACTING_AFTER` finds start.
_ACTING_STARTS = (" ", ", ", "'s ", "’s ")


#: After a name, what makes it a programming language or a program: "(choose) Quellcode as
#: an implementation language", "Quellcode code", "the Quellcode compiler": a program's
#: nouns only ("as a model", "as a tool" are said of people too).
_RX_LANGUAGE_AFTER = re.compile(
    r" as (?:a|an|the|my|our|its|their) (?:[\w-]+ ){0,2}(?:programming |scripting )?"
    r"(?:language|database|framework|library|compiler|interpreter|runtime)\b"
    r"| (?:compiler|interpreter|bindings|toolchain)\b(?!-)"
)
#: How the words :data:`_RX_LANGUAGE_AFTER` finds start. (Not "X code": "hackers stole
#: Okta code" is a company's.)
_LANGUAGE_STARTS = (" as ", " compiler", " interpreter", " bindings", " toolchain")


#: Degrees and post-nominal letters written after a name and a comma ("Ann Bell, Ph.D.,"),
#: which a name after a comma would otherwise make the region of a town. Not "MD",
#: Maryland's code ("Baltimore, MD").
_DEGREES = frozenset(
    "Ph.D PhD M.D MBA M.B.A J.D Ed.D EdD Psy.D PsyD DPhil D.Phil LL.M LL.B LLM"  # noqa: SIM905
    " D.D.S DDS D.M.D DMD MPH M.P.H R.N DNP PharmD Pharm.D FRCP FRCS FACS MSc M.Sc BSc"
    " B.Sc M.Phil MPhil D.Sc DSc M.S.W MSW CPA".split()
)


#: How the words :data:`_RX_PRODUCT_AFTER_NAME` finds start, and those
#: :data:`_RX_PRODUCT_BEFORE` finds end (looked up first: mostly none is there).
_PRODUCT_AFTER_STARTS = (", a", ", the", " is a", " was a")
_PRODUCT_BEFORE_ENDS = (" called ", " named ", " dubbed ", ", ")


def _product_in_apposition(norm: str, start: int, end: int) -> bool:
    """Does a noun for a thing made stand in apposition to the name ("a trojan called
    Monokle", "Their machine, RiskCardio,", "Coinbase Wallet is a secure digital wallet
    that")? Then it is a product's name, no body's; not after a phrase of time or place
    ("In the first game, Ryne Sandberg": only a possessive's noun is in apposition),
    nor a name that opens with a given name (a person's)."""
    if norm.startswith(_PRODUCT_AFTER_STARTS, end) and _RX_PRODUCT_AFTER_NAME.match(norm, end):
        return not _is_given(norm[start:end].split(" ", 1)[0])
    return (
        norm.endswith(_PRODUCT_BEFORE_ENDS, 0, start)
        and _RX_PRODUCT_BEFORE.search(norm, max(0, start - 60), start) is not None
        and not _is_given(norm[start:end].split(" ", 1)[0])  # "a robot named Sophia"
    )


#: A possessive before an acronym, with at most one word in lower case between: "his
#: new EP", "their EP", "a patient's ECG" (what someone has is no body: a body is "the
#: FBI", "his FBI file" a body's file).
_RX_OWNED_BEFORE = re.compile(
    r"(?:\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Mm]y|[Yy]our|[Oo]ur)|[a-z]'s) (?:[a-z-]+ )?$"
)


#: What only a person does, right after a name: is born, married, elected to a seat,
#: resigns, retires, dies ("Kirchhof resigned", "Timbrell was born in"); a body is founded,
#: merges, is dissolved, never born or married (it "retired the product": an object after
#: the verb is a body's doing).
_RX_LIFE_AFTER = re.compile(
    r" (?:was|is|had been|has been) (?:born|married|re-?elected|sworn in|knighted"
    r"|assassinated|buried|widowed)\b"
    r"| (?:married|divorced)\b| (?:resigned|retired|died)\b(?! (?:the|its|their|a|an)\b)"
)


#: How the words :data:`_RX_VENUE_AFTER` and :data:`_RX_LIFE_AFTER` find start.
_VENUE_STARTS = tuple(
    " " + w
    for w in [
        "restaurant",
        "cafe",
        "café",
        "pub",
        "bakery",
        "brewery",
        "distillery",
        "winery",
        "boutique",
        "salon",
        "hotel",
        "gallery",
        "studio",
        "label",
        "network",
        "podcast",
        "brand",
        "chain",
        "franchise",
    ]
)
_LIFE_STARTS = (
    " was ",
    " is ",
    " had ",
    " has ",
    " married",
    " divorced",
    " resigned",
    " retired",
    " died",
)


#: Codes of currencies (ISO 4217) that copy writes as words: "in USD", "0.15 EUR".
_CURRENCY_CODES = frozenset(
    "USD EUR GBP JPY CNY RMB CHF CAD AUD NZD HKD SGD INR RUB BRL MXN ZAR KRW SEK NOK DKK PLN"  # noqa: SIM905
    " TRY ILS AED SAR THB IDR MYR PHP VND NGN KES EGP PKR BDT UAH CZK HUF RON ARS CLP"
    " PEN TWD".split()  # not COP: in the news, the climate summit
)
#: Words after an acronym that make it a technical or medical term's, no body's: "POSIX
#: platforms", "a CI system", "PNG files", "UV exposure", "GERD symptoms", "ASCII safe".
_RX_TECHNICAL_AFTER = re.compile(
    r"(?:-(?:defined|compliant|compatible|encoded|enabled)\b| (?:platforms?|systems?"
    r"|functions?|files?|formats?|protocols?|filesystems?|symptoms|exposure|rays|radiation"
    r"|signals?|encoding|chips?|cables?|interfaces?|pipelines?|safe|production|deficiency"
    r"|levels)\b)"
)
#: Words after a name that make it a product's: "the Google Authenticator app".
_RX_PRODUCT_AFTER = re.compile(r" (?:app|apps|browser|plug-?in|extension)\b")
#: How the words :data:`_RX_PRODUCT_AFTER` finds start.
_PRODUCT_STARTS = (" app", " browser", " plug", " extension")
#: A unit's code after an amount: "0.01 ETH,", "0.1 LTC." (a ticker, no name).
_RX_AMOUNT_BEFORE = re.compile(r"(?:^|[\s(])\d[\d,]*(?:\.\d+)? $")
#: Quotation marks that open and close a title ("“Barracuda,”", '"Magic Man"').
_QUOTES = {"“": "”", '"': '"', "‘": "’"}


def _no_name_here(norm: str, start: int, end: int, text: str) -> bool:
    """Do the name's own letters or the words right around it say it is no name of a
    person, place or body: an acronym's plural ("ICOs"), a currency's code, a ticker after
    an amount ("0.01 ETH,"), a product before "app", the whole of a quoted title ("his
    song “Barracuda”")?"""
    if text[-1] == "s" and len(text) > 2 and text[:-1].isupper() and text[:-1].isalpha():
        return True  # "Initial Coin Offerings (ICOs)", "NGOs": a plural, of no one body
    if text.isupper():
        if text in _CURRENCY_CODES:
            return True
        if end < len(norm) and norm[end] in " -" and _RX_TECHNICAL_AFTER.match(norm, end):
            return True  # "POSIX platforms", "UV exposure", "GERD symptoms": a term's
        if (
            start > 4
            and norm[start - 1] == " "
            and _ends_clause(norm, end)
            and _RX_OWNED_BEFORE.search(norm, max(0, start - 20), start)
        ):
            return True  # "his new EP.", "a patient's ECG,": a thing someone has, no body
        if (
            start > 1
            and norm[start - 1] == " "
            and norm[start - 2].isdigit()
            and _ends_clause(norm, end)
            and _RX_AMOUNT_BEFORE.search(norm, max(0, start - 20), start)
        ):
            return True
    if norm.startswith(_PRODUCT_STARTS, end) and _RX_PRODUCT_AFTER.match(norm, end):
        return True
    close = _QUOTES.get(norm[start - 1]) if start else None
    if close is not None:
        after = norm[end : end + 2]
        return after[:1] == close or (after[:1] in ",." and after[1:] == close)
    return False


#: Words before a name that say it is where someone lives or what something is near,
#: which no company is: "near Chernobyl", "outside Brzeg", "lives in Kyrenia".
_RX_LIVED_BEFORE = re.compile(
    r"\b(?:near|outside|(?:lives?|lived|living|born|raised|settled|grew up) in) $"
)
#: How the words :data:`_RX_LIVED_BEFORE` finds end.
_LIVED_ENDS = ("near ", "outside ", " in ")


def _body_in_apposition(norm: str, start: int, end: int, name: str) -> bool:
    """Does a noun for a body stand in apposition to the name ("the watchdog group Nashi
    Groshi", "Kraken, a US exchange,")? Not of a name that opens with a given name, a
    person's ("the group Ann founded", "Ann Lee, a spokeswoman for the agency,")."""
    after = (
        norm.startswith((", the ", ", a ", ", an "), end)
        and _RX_BODY_AFTER.match(norm, end) is not None
    )
    if not after and not _body_noun_before(norm, start):
        return False
    return not _is_given(name.split(" ", 1)[0])  # (the name in full: "Lee" of Ann Lee)


def _body_noun_before(norm: str, start: int) -> bool:
    """Does a noun for a body, after a word in lower case, stand right before
    ``norm[start:]`` ("the group ", "watchdog group ", "a think tank ")?"""
    if start < 5 or norm[start - 1] != " " or not norm[start - 2].islower():
        return False
    at = norm.rfind(" ", 0, start - 1) + 1
    noun = norm[at : start - 1]
    if noun not in _BODY_LAST_WORDS or at < 2:
        return False
    before = norm[norm.rfind(" ", 0, at - 1) + 1 : at - 1]
    return before == "think" if noun == "tank" else before.isalpha() and before.islower()


def _employer(norm: str, start: int) -> bool:
    """Does a job and "at" (or "for") stand right before ``norm[start:]``?"""
    return _RX_JOB_AT.search(norm, max(0, start - 40), start) is not None


def _placed(norm: str, start: int, end: int) -> bool:
    """Do the words right around ``norm[start:end]`` say it is a place?"""
    if norm.startswith(("-born", " resid", " nativ", " police"), end) and _RX_PLACE_AFTER.match(
        norm, end
    ):
        return True
    # (the 30 characters before it are sliced only when a pattern may match: mostly not)
    at = max(0, start - 30)
    if norm.endswith((", ", ", of "), at, start):
        before = norm[at:start]
        if _RX_AGE_BEFORE.search(before):
            return True  # "Dana Hull, 37, Bulpitt": where someone of that age lives
        if before.endswith(", ") and _RX_TOWN_BEFORE.search(before) and _ends_clause(norm, end):
            return True  # "from Radstock, Somerset,": the region a town is in
    return norm.endswith(_PLACE_BEFORE_ENDS, at, start) and (
        _RX_PLACE_BEFORE.search(norm[at:start]) is not None
    )


#: How the words :data:`_RX_PLACE_BEFORE` finds end.
_PLACE_BEFORE_ENDS = ("of ", "of the ", "ern ", "central ", "rural ", "downtown ")


def _ends_clause(norm: str, end: int) -> bool:
    """Does a clause or a list end right after ``norm[:end]`` ("," "." ";" ":" " and", or
    the text's end)?"""
    return end == len(norm) or norm[end] in ",.;:)" or norm.startswith(" and ", end)


def _short_form(text: str, name: str) -> str:
    """The type of ``name`` by its own word when ``text`` is its short form: "BVI" for the
    British Virgin Islands (a place by "Islands"), "Amazon" for Amazon.com Inc (a company
    by its legal form); else "". Their contexts are no evidence against it (an acronym
    looks like an organisation's name, "Amazon" like the river)."""
    if text == name:
        return ""
    if (
        text == _company(name)
        or (text == name.partition(" ")[0] and text == _headword(gazetteer(), name))
        or text == _nickname(gazetteer(), name)  # "the Celtics"
    ):
        return "ORG"
    cue = _cue_type(name.rsplit(" ", 1)[-1])
    return cue if cue in {"LOC", "GPE"} and text == _initials(name) else ""


def _verdicts(
    fields: list[tuple[str, str, str, list[Span]]],
    keyed: list[tuple[int, int, str]],
    totals: dict[str, int],
    echoes: list[tuple[int, int, str]],
    placed: set[str],
    personal: frozenset[str] | set[str] = frozenset(),
    models: frozenset[str] | set[str] = frozenset(),
    cued: frozenset[str] | set[str] = frozenset(),
    employers: frozenset[str] | set[str] = frozenset(),
    sources: frozenset[str] | set[str] = frozenset(),
    firms: frozenset[str] | set[str] = frozenset(),
    venues: frozenset[str] | set[str] = frozenset(),
    posts: frozenset[str] | set[str] = frozenset(),
    lives: frozenset[str] | set[str] = frozenset(),
) -> list[tuple[str, str, str, list[Span]]]:
    """Each guess (field index, span index, name's key) typed as its name's summed scores
    say, or dropped (see :func:`_retype`); each short form (field index, span index,
    type) typed as its name."""
    out = [(name, text, norm, list(spans)) for name, text, norm, spans in fields]
    for fi, si, type_ in echoes:
        span = out[fi][3][si]
        out[fi][3][si] = (span[0], span[1], type_, *span[3:])
    dropped: dict[int, set[int]] = {}  # field index -> span indices
    labels = {key: typer.best(total) for key, total in totals.items()}
    for key in models | posts:  # a product's model ("the iPhone XR", then "the XR"): no name
        if key in labels:
            labels[key] = "MISC"
    for fi, si, key in keyed:  # a name an acronym spells out is a name
        if out[fi][3][si][5] != SPELT:
            continue
        if technique(key):  # "Heat Assisted Magnetic Recording (HAMR)": a technique's
            labels[key] = "MISC"
        elif labels[key] in {"NONE", "MISC"}:
            labels[key] = "ORG"
    sport: bool | None = None  # does the document hold results? (asked when needed)
    surnames: set[str] | None = None  # last words of the document's people (when needed)
    given = {  # given names of the people the document names in full
        k.split(" ", 1)[0] for k, label in labels.items() if label == "PER" and " " in k
    }
    for fi, si, key in keyed:
        label = labels[key]  # the first of equal scores
        spans = out[fi][3]
        start, end, type_, canonical, guessed, prio = spans[si]
        new = _FROM_CLASS.get(label)
        if (
            new is None
            and prio == LENGTHENED
            and type_ in _FROM_CLASS.values()
            and key not in models
        ):
            new = type_  # a known name inside it: a name, if of no type the typer knows
        text = out[fi][2][start:end]
        if new in {None, "GPE"} and _institutional(text) and key not in posts:
            new = "ORG"  # "Stop the War Coalition", "at Duke University": by its own cue word
        own = _by_own_words(text)
        if own:
            new = own
        elif new in {"ORG", None} and saint_place(text):
            if sport is None:
                sport = _results_or_report(fields)
            if not sport:  # "St Eustatius"; not "St Paul wrote", nor "St Mirren 2 Celtic 1"
                new = "GPE"
        elif new != "GPE" and _site(text):
            if sport is None:
                sport = _results_or_report(fields)
            if not sport:  # "Port Arlen", "Mount Kenya"; not "Port Vale 2 Oxford 0"
                new = _SITE_OPENERS[text.partition(" ")[0]]
        elif key in personal and new in {"ORG", "GPE", None} and label != "MISC":
            new = "PERSON"  # "Mekhi's older brother", "Chad Hull, 37,": a person
        elif key in lives and new == "ORG" and label != "MISC":
            new = "PERSON"  # "Timbrell was born in", "Kirchhof resigned": someone
        elif key in cued and new in {"ORG", "GPE", None}:
            new = "PERSON"  # "Shin Bet chief Ronen Bar", "writer Ann Rule": no pub, no law
        elif key in sources and new in {"GPE", "LOC", "PERSON", None} and label != "MISC":
            new = "ORG"  # "Learn more at Emerj.": where the story came from
        elif key in firms and new in {"GPE", "LOC", "PERSON"}:
            new = "ORG"  # "Brinkfold" after "Brinkfold Global, Inc.": the company
        elif (
            key in venues
            and new in {"GPE", "LOC", "PERSON", None}
            and label != "MISC"
            and key not in placed
            and key not in personal
            and text not in typer.places()
            and not _known_place(text)
            and not _is_given(text.split(" ", 1)[0])
            and not (" " not in text and typer.everyday(text))
        ):
            new = "ORG"  # "Detroit's Mezcal restaurant", "the Canadaland network": a business
            # (not an everyday word: "Distraught pub and hotel groups" is no pub's name)
        elif new in {"GPE", "ORG"} and key in given and key not in placed and _is_given(key):
            new = "PERSON"  # "Ann" after "Ann Wilson": her, not a town of that name
        elif (
            key in employers
            and (new in {"GPE", "PERSON"} or (new is None and label != "MISC"))
            and key not in placed
            and text not in typer.places()
        ):
            new = "ORG"  # "Product Leader at Vantrell", "engineer for Quillpost": a body
            # (not a town the lists know: "a student at Berkeley", "a worker at Oxford")
        elif key in placed and (new in {"ORG", None} or (new == "PERSON" and " " not in key)):
            new = "GPE"  # "Throgs Neck resident", "the district of Wedding", "Kincaid police"
        if new == "PERSON" and text.count(" ") == 1 and _titled_plural(text.split(" ")):
            new = None  # "How Major Hospitals are Using AI": a phrase, no one
        if (
            new is None
            and label == "NONE"
            and text in typer.REGIONS
            and out[fi][2].endswith(("the ", "The "), 0, start)
        ):
            new = "LOC"  # "The North's abandonment": the region, capitalised after "the"
        if new is None:
            if label == "NONE" or type_ not in {"EVENT", "LAW", "NORP"}:
                dropped.setdefault(fi, set()).add(si)
            continue
        if new is not None and text in typer.REGIONS:
            if surnames is None:
                surnames = _surnames(out, keyed, labels)
            if text not in surnames:  # "Oliver North ... North said": him, no region
                new = "LOC"  # "the South", "the Midwest": a region, whatever its contexts say
        if new == "GPE" and type_ == "LOC":
            new = "LOC"
        spans[si] = (start, end, new, canonical, guessed, prio)
    for fi, gone in dropped.items():
        name, text, norm, spans = out[fi]
        out[fi] = (name, text, norm, [s for si, s in enumerate(spans) if si not in gone])
    return out


def _results_or_report(fields: list[tuple[str, str, str, list[Span]]]) -> bool:
    """Does the document hold results or read as a match report ("Port Vale manager ...
    praised his striker after the goal": a club, no port)?"""
    return any(_sporting(f[2]) for f in fields) or any(_sport_prose(f[2]) for f in fields)


def _surnames(
    fields: list[tuple[str, str, str, list[Span]]],
    keyed: list[tuple[int, int, str]],
    labels: dict[str, str],
) -> set[str]:
    """The last words of the names of people in ``fields``: known as people, or guessed
    names the typer calls people ("Oliver North", so that "North" is no region)."""
    names = {key for _fi, _si, key in keyed if labels[key] == "PER"}
    for _name, _text, norm, spans in fields:
        names.update(norm[s[0] : s[1]] for s in spans if s[2] == "PERSON")
    return {n.rsplit(" ", 1)[-1] for n in names if " " in n}


@lru_cache(maxsize=8192)
def _by_own_words(text: str) -> str:
    """The type a guessed name's own words give it, whatever the typer says, else ""."""
    if _realm(text):
        return "GPE"  # "Principality of Guria", "British Empire"
    if street(text):
        return "LOC"  # "Bruckner Boulevard", "Petersallee"
    if compass_place(text):
        return "GPE"  # "East Bronx"
    if text.startswith("Air ") and _known_place(text[4:]):
        return "ORG"  # "Air France", "Air New Zealand": an airline
    if " " in text and text.rsplit(" ", 1)[-1] in _LEGAL_FORMS:
        return "ORG"  # "Quillpost.com Inc.", "Kloof Gold Mining Co": a company, whatever its words
    if " & " in text:  # "Douglas & Lomason": a firm, whatever its partners' names; but
        # "St. Kitts & Nevis", "Trinidad & Tobago" join places
        parts = text.split(" & ")
        if (
            any(p in typer.places() or saint_place(p) or _known_place(p) for p in parts)
            and all(p.count(" ") < 2 for p in parts)
            and not any(_cue_type(w) == "ORG" for w in text.split())
        ):
            return "GPE"
        return "ORG"
    if text.endswith((" Day", " Eve")) and not _is_given(text.split(" ", 1)[0]):
        return "EVENT"  # "Labor Day", "Boxing Day", "New Year's Eve": a day; not "Doris Day"
    if (
        ". " in text  # (before the regex: an initial and a space, the rare case)
        and _RX_MIDDLE_INITIAL.fullmatch(text)
        and not _cue_type(text.rsplit(" ", 1)[-1])
    ):
        return "PERSON"  # "Jayden F. Snow", "George W. Bush": no firm nor place is named so
    return ""


#: First words of places' names: a town ("Port Arlen", "Fort Worth") or a site ("Mount
#: Kenya", "Cape Horn", "Lake Chad"), whatever given name follows.
_SITE_OPENERS = {"Port": "GPE", "Fort": "GPE", "Mount": "LOC", "Cape": "LOC", "Lake": "LOC"}


def _site(text: str) -> bool:
    """Is the guessed name a place's by its first word (:data:`_SITE_OPENERS`), with one
    or two words after it and no cue word of another kind last?"""
    first, _, rest = text.partition(" ")
    return (
        first in _SITE_OPENERS
        and rest != ""
        and rest.count(" ") < 2
        and not _cue_type(rest.rsplit(" ", 1)[-1])
    )


#: A given name, a middle initial and a surname.
_RX_MIDDLE_INITIAL = re.compile(r"[A-Z][\w'’-]*[a-z] [A-Z]\. [A-Z][\w'’-]*[a-z]")


def _no_ones(norm: str, start: int, parts: list[str]) -> bool:
    """Is the guessed person's name ``parts`` (two words at ``start``) no one's: an
    everyday word and no given name after "the" ("the Salon Shabka", a format's name), or
    a title or an everyday word before a noun's plural ("Major Hospitals")?"""
    if (
        norm.endswith(("the ", "The "), 0, start)
        or _after_capital(norm, start)  # "Who Should Use Coinbase": a heading's verb
    ) and _everyday_not_given(parts[0]):
        return True
    return _titled_plural(parts)


def _after_capital(norm: str, start: int) -> bool:
    """Does a capitalised word of a line's words stand right before ``norm[start:]``
    ("Should " in "Who Should Use Coinbase")?"""
    if start < 3 or norm[start - 1] != " " or not norm[start - 2].isalpha():
        return False
    word = norm[max(norm.rfind(" ", 0, start - 1), norm.rfind("\n", 0, start - 1)) + 1 : start - 1]
    return word[:1].isupper() and word.isalpha()


def _titled_plural(parts: list[str]) -> bool:
    """A title or an everyday word, then an everyday noun's plural: "Major Hospitals"."""
    return plural_noun(parts[1]) and (parts[0] in _PERSON_TITLES or _everyday_not_given(parts[0]))


def _everyday_not_given(word: str) -> bool:
    """Is ``word`` an everyday word ("Salon", "Popular") and no given name?"""
    return typer.everyday(word) > 0 and not _is_given(word)


def _is_given(word: str) -> bool:
    """Is ``word`` a given name (of the gazetteer's people or the census's)?"""
    return word in _given_names() or word in typer.census_names()[0]


def _known_place(name: str) -> bool:
    """Is ``name`` a place the gazetteer knows?"""
    g = gazetteer()
    known = g.by_alias.get(_key(name))
    return bool(known) and g.records[known].type in {"GPE", "LOC"}


def _realm(text: str) -> bool:
    """A realm's name by its own word: "Kingdom of Italy", "Russian Empire"."""
    words = text.split()
    return len(words) > 1 and (
        words[-1] in REALMS or (words[0] in REALMS and words[1] in {"of", "for"})
    )


@lru_cache(maxsize=8192)
def _institutional(text: str) -> bool:
    """A name of several words with an organisation's cue word ("... Coalition")."""
    words = text.split()
    return (
        len(words) > 1
        and (
            any(_cue_type(w) == "ORG" for w in words[1:])
            or (words[1] == "of" and _cue_type(words[0]) == "ORG")  # "Friends of the Earth"
            or "&" in words[1:-1]  # "Douglas & Lomason"
        )
    )


def _listed_with(norm: str, spans: list[Span], si: int) -> str:
    """The type of a known name listed beside the guess ``spans[si]`` ("Shas, Meretz and
    the Centre Party": names in one list are mostly of one kind), else ""."""
    start, end = spans[si][:2]
    if (si == 0 or start - spans[si - 1][1] > _LONGEST_GAP) and (
        si + 1 == len(spans) or spans[si + 1][0] - end > _LONGEST_GAP
    ):
        return ""  # (the common case: no name hard by on either side)
    for step in (-1, 1):
        j, (start, end) = si + step, spans[si][:2]
        while 0 <= j < len(spans) and abs(j - si) <= _FARTHEST:
            other = spans[j]
            a, b = (other[1], start) if step < 0 else (end, other[0])
            if b - a > _LONGEST_GAP or norm[a:b] not in _LIST_GAPS:
                break  # (a long gap, the common case, is not sliced)
            text = norm[other[0] : other[1]]
            if not other[4] or other[5] == LENGTHENED or _institutional(text):
                return other[2]
            own = _by_own_words(text) or ("GPE" if saint_place(text) else "")
            if own:  # "Bonaire, St Eustatius and Saba": a place by its own words
                return own
            start, end = other[0], other[1]  # a guess of its own: the list goes on past it
            j += step
    return ""


#: How many names away along a list a known one may type a guess.
_FARTHEST = 3


_LIST_GAPS = frozenset(
    [", ", " and ", ", and ", " or ", ", the ", " and the ", ", and the ", " / ", "; "]
)
_LONGEST_GAP = max(map(len, _LIST_GAPS))


def _context_evidence(
    norm: str, start: int, end: int, headline: bool, lower: dict, town: str, listed: str
) -> tuple:
    """The typer's evidence around the guess ``norm[start:end]``, as a key
    (:func:`search.entities.typer.context_key`; ``lower``: a cache)."""
    text = norm[start:end]
    first = text.partition(" ")[0]
    if first not in lower:
        lower[first] = _occurs_lowercase(norm, first)
    cue = "none"
    after_word = False  # a word and a space before it: it starts no sentence (mostly so)
    if start > 1 and norm[start - 1] == " ":
        prev = norm[norm.rfind(" ", max(0, start - 30), start - 1) + 1 : start - 1]
        if prev in _PERSON_TITLES:
            cue = "PERSON"
        after_word = norm[start - 2].isalnum()
    single = "" if " " in text else typer.shape(text)
    sentence_start = not after_word and _is_sentence_start(norm, start)
    # (a name in prose, the common case, is on no line of results: asked before _as_team)
    team_line = (
        start == 0
        or norm.endswith(_TEAM_BEFORE, max(0, start - 4), start)
        or (norm.startswith(" ", end) and norm[end + 1 : end + 2].isdigit())
    ) and _as_team(norm, start, end)
    return typer.context_key(
        norm,
        start,
        end,
        single,
        typer.everyday(first) if single and sentence_start else 0,  # (read only then)
        cue,
        sentence_start,
        headline,
        lower[first],
        team_line,
        town,
        listed,
    )


#: What ends the text before a name on a line of results (see :func:`_as_team`).
_TEAM_BEFORE = ("\n", " at ", " AT ", " v ", "vs ", "s. ")


@lru_cache(maxsize=8192)
def _name_score(text: str, type_: str) -> int:
    """The packed scores of :func:`_name_evidence` (:func:`search.entities.typer.packed`)."""
    words = text.split()
    facts = list(map(_word_facts, words))
    return typer.name_score(words, type_, facts, text in typer.places())


def _name_evidence(text: str, type_: str) -> tuple[str, ...]:
    """The typer's evidence in the guessed name ``text`` itself."""
    words = text.split()
    facts = [_word_facts(w) for w in words]
    return typer.name_features(words, type_, facts, text in typer.places())


@lru_cache(maxsize=16384)
def _word_facts(word: str) -> tuple[str | None, str, bool, bool, bool, str, str, int]:
    """What the lists know of one word of a name: its cue type, the type of the known name
    it is, whether it is a given name, a census surname, a place; then its shape, the
    class of its ending and how common it is (:func:`search.entities.typer.word_shape`)."""
    g = gazetteer()
    # (a word of a name holds no space: in ASCII its key is its lower case)
    known = g.by_alias.get(word.lower() if word.isascii() else _key(word))
    census_given, census_surnames = typer.census_names()
    return (
        _CUE_TYPES.get(word),  # (_cue_type, inlined: once per new word of a name)
        g.records[known].type if known else "",
        word in _given_names() or word in census_given,
        word in census_surnames,
        word in typer.places(),
        typer.shape(word),
        typer.suffix_class(word),
        typer.everyday(word),
    )


def _register(
    g: _Gazetteer,
    norm: str,
    spans: list[Span],
    registry: dict[str, tuple[str, str]],
    singles: dict[str, tuple[str, str]],
    headline_names: dict[str, tuple[str, str]] | None = None,
    givens: dict[str, str] | None = None,
) -> None:
    """Note the names an article introduces, for :func:`_second_pass`.

    ``registry``: surnames of people named in full, acronyms given in brackets.
    ``singles``: one-word names guessed mid-sentence (the same word at a sentence start is
    the same name); they give way to ``registry``. ``headline_names``: names of several
    words guessed in prose, for a Title-Cased Headline (which guesses few itself).
    ``givens``: the given name of each person named in full -> that person's name, or ""
    when two people of the document share it (see :func:`given_names`).
    """
    prose = headline_names is not None and (len(norm) >= 300 or not _is_title_case(norm))
    for start, end, type_, canonical, guessed, _ in spans:
        text = norm[start:end]
        if guessed and " " not in text:
            singles.setdefault(text, (type_, canonical or text))
        elif guessed and prose and type_ in _NAMED_AGAIN:
            headline_names.setdefault(text, (type_, canonical or text))
        if type_ != "PERSON":
            continue
        name = canonical if canonical in g.records else text
        parts = [p for p in name.split() if p.rstrip(".") not in _SUFFIXES]
        if len(parts) < 2:
            continue
        if len(parts) == 2 and guessed and _no_ones(norm, start, parts):
            continue  # "the Salon Shabka", "Major Hospitals": no surname to call it by
        registry.setdefault(parts[-1], ("PERSON", name))
        if givens is not None:
            had = givens.get(parts[0])
            if had is None:
                if _may_go_by(parts[0]):
                    givens[parts[0]] = name
            elif had != name:
                givens[parts[0]] = ""  # two people of that given name: neither by it alone
        for middle in parts[1:-1]:  # "Etienne" of Camille Etienne Gbedey
            if middle[1:].islower() and len(middle) > 2 and middle not in _NAME_PARTICLES:
                registry.setdefault(middle, ("PERSON", name))
        for weak in g.weak_of.get(name, ()):
            registry[weak] = ("PERSON", name)
    # acronym in brackets right after any mention: "Coastal Resilience Fund (CRF)"
    for start, end, type_, canonical, _guessed, _ in spans if " (" in norm else ():
        if not norm.startswith(" (", end):
            continue
        m = _RX_ACRONYM.match(norm, end)
        if m and type_ not in {"DATE", "PERCENT", "MONEY", "QUANTITY"}:
            if type_ in {"GPE", "LOC"} and " " not in norm[start:end]:
                continue  # "... Cooperation in Europe (OSCE)": the place ends a longer name
            if norm[start] != m[1][0]:
                continue  # "AUSTIN (KXAN) -": a dateline's agency, no acronym of the name
            registry.setdefault(m[1], (type_, canonical or norm[start:end]))
    # Short forms the field goes on to use (each looked for first: a short form the text
    # never uses would cost every field a search for it).
    for start, end, type_, canonical, _guessed, _ in spans:
        if type_ not in _INITIALLED or (
            norm.find(" ", start, end) < 0 and norm.find(".", start, end) < 0
        ):
            continue
        name = norm[start:end]
        initials = _initials(name)
        if initials:  # "BVI" for the British Virgin Islands
            registry.setdefault(initials, (type_, canonical or name))
        if type_ == "ORG":
            nickname = _nickname(g, name)
            if nickname and norm.count(nickname) > 1:  # "the Celtics" of the Boston Celtics
                registry.setdefault(nickname, (type_, canonical or name))
            short = _company(name) or _headword(g, name)
            if short and norm.count(short) > 1:  # "Amazon" for Amazon.com; "Wikimedia"
                registry.setdefault(short, (type_, canonical or name))
            first = _firm_first(g, short) if short and " " in short else ""
            if first and norm.count(first) > 1:  # "Mercantile" of Mercantile Bancorp Inc.
                registry.setdefault(first, (type_, canonical or name))


@lru_cache(maxsize=8192)
def _may_go_by(word: str) -> bool:
    """Can a person named in full be called by ``word``, their first word, alone: a given
    name of the lists ("Rick" of Rick Moranis), not an initial nor a title?"""
    return len(word) > 2 and word[1:].islower() and word not in _PERSON_TITLES and _is_given(word)


def given_names(givens: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The given names an article's people go by alone ("Rick: I think", "Lena said"):
    each of exactly one person of the document; a name two people share stays as it is."""
    return {word: ("PERSON", name) for word, name in givens.items() if name}


@lru_cache(maxsize=4096)
def _nickname(g: _Gazetteer, name: str) -> str:
    """What an organisation named for its town is called without it: "Celtics" for the
    Boston Celtics, "Maple Leafs" for the Toronto Maple Leafs; else "". Only capitalised
    words that are neither a place's nor an institution's cue ("Police Department")."""
    first, _, rest = name.partition(" ")
    if not rest or first not in typer.places() or rest in typer.places():
        return ""
    words = rest.split()
    if not all(w[:1].isupper() and w[1:].islower() for w in words) or any(
        _cue_type(w) for w in words
    ):
        return ""
    return rest


#: A verb only a person's subject takes, after a given name opening a sentence: "Matt knew
#: that", "Mark said" (by Matt Mackall, Mark Carney), where "Mark my words" is no one.
_RX_PERSON_VERB_AFTER = re.compile(
    r" (?:said|says|knew|knows|told|tells|wrote|thought|thinks|believed|believes|argued"
    r"|added|asked|replied|recalled|explained|insisted|admitted|laughed|smiled|nodded)\b"
)

#: Types of guessed names found again wherever the article uses them.
_NAMED_AGAIN = frozenset(("PERSON", "ORG", "GPE", "LOC"))

#: Types of names an article may go on to call by their initials.
_INITIALLED = frozenset(("ORG", "GPE", "LOC"))


@lru_cache(maxsize=8192)
def _initials(name: str) -> str:
    """The initials of a name of two to six capitalised words (connectors aside), else ""."""
    words = [w for w in name.split() if w not in {"of", "the", "and", "for", "&"}]
    if not 2 <= len(words) <= 6 or not all(w[:1].isupper() for w in words):
        return ""
    # a dotted abbreviation gives all its letters: "USVI" for the U.S. Virgin Islands
    return "".join(w.replace(".", "") if _RX_DOTTED.fullmatch(w) else w[0] for w in words)


_RX_DOTTED = re.compile(r"(?:[A-Z]\.){2,3}")


#: Known names' types a company the article names in full takes its short name from.
_KNOWN_OTHERWISE = frozenset(("GPE", "LOC", "PERSON", "NORP"))
#: A company's legal form, which the article leaves off after naming it in full.
_LEGAL_FORMS = frozenset(
    [
        "Inc",
        "Inc.",
        "Corp",
        "Corp.",
        "Co",
        "Co.",
        "Ltd",
        "Ltd.",
        "LLC",
        "LLP",
        "PLC",
        "Plc",
        "AG",
        "SA",
        "S.A.",
        "GmbH",
        "N.V.",
        "K.K.",
        "S.p.A.",
    ]
)
#: The last letters of :data:`_LEGAL_FORMS`, looked up before a name is split.
_LEGAL_FORM_ENDS = tuple(sorted({f[-2:] for f in _LEGAL_FORMS}))
_RX_DOMAIN = re.compile(r"\.(?:com|net|org|co\.uk)$")


@lru_cache(maxsize=8192)
def _company(name: str) -> str:
    """A company's name without its legal form and web domain, "" if it has neither:
    "Amazon.com Inc" -> "Amazon", "Chevron Corp" -> "Chevron", "Amazon.com" -> "Amazon"."""
    words = name.split()
    if len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words = words[:-1]
    elif len(words) > 1 or "." not in name:
        return ""
    short = _RX_DOMAIN.sub("", " ".join(words))
    return short if short[:1].isupper() and short != name else ""


@lru_cache(maxsize=4096)
def _firm_first(g: _Gazetteer, short: str) -> str:
    """The first word of a company's name of several words, named in full with its legal
    form, that the article may call it by alone ("Mercantile" for Mercantile Bancorp Inc.,
    "Roosevelt" for Roosevelt Financial Group Inc), else "": a capitalised word that is
    no place's or other known name, no cue word, no title and none of the commonest words
    ("General" of General Motors Corp., "First" of First Chicago Corp. are no one's)."""
    first = short.split(" ", 1)[0]
    if (
        len(first) < 3
        or not first[0].isupper()
        or not first[1:].islower()
        or not first.isalpha()
        or first in typer.places()
        or _cue_type(first) is not None
        or first in _PERSON_TITLES
        or typer.common_words().get(first.lower(), 0) == 1
    ):
        return ""
    known = g.by_alias.get(_key(first))
    if known and g.records[known].type != "ORG":
        return ""
    return first


def _headword(g: _Gazetteer, name: str) -> str:
    """The one word before an organisation's cue word that the article may call it by,
    when that word names nothing else ("Wikimedia" for the Wikimedia Foundation; not
    "Texas" for the Texas Retired Teachers Association), else ""."""
    first, _, rest = name.partition(" ")
    if not rest or " " in rest or _cue_type(rest) != "ORG" or not first[:1].isupper():
        return ""
    if _key(first) in g.by_alias or first in typer.places() or typer.everyday(first):
        return ""
    return first


#: A text shorter than this is searched for many words one by one rather than with an
#: automaton built for them.
_SHORT = 400


def _finder(words: Iterable[str]) -> ahocorasick.Automaton:
    """An automaton that finds each of ``words`` (for :func:`_whole_words`)."""
    finder = ahocorasick.Automaton()
    for word in words:
        finder.add_word(word, word)
    finder.make_automaton()
    return finder


def _second_pass(
    g: _Gazetteer,
    norm: str,
    spans: list[Span],
    registry: dict[str, tuple[str, str]],
    finder: ahocorasick.Automaton | None = None,
) -> list[Span]:
    """Surnames after full mentions, weak aliases after titles, acronyms in brackets
    (``finder``: :func:`_finder` of the registry, built once for an article's fields)."""
    extra: list[Span] = []
    resolved: list[Span] = []
    for span in spans:
        start, end, type_, _, guessed, prio = span
        text = norm[start:end]
        known = registry.get(text)
        if guessed and text.isupper() and _speaker(norm, start, end):
            person = registry.get(text.title())  # "RICK:" of Rick Moranis (below)
            if person is not None and person[0] == "PERSON":
                known = person
        if known is not None and (
            guessed  # "Ms Brannagh" guessed on its own; the registry knows the full name
            # "Bloomberg" after "Michael R. Bloomberg": the person, not the firm
            or (type_ == "ORG" and known[0] == "PERSON")
            # "Amazon" after "Amazon.com Inc": the company, not the river
            or (type_ in _KNOWN_OTHERWISE and known[0] == "ORG" and _company(known[1]) == text)
        ):
            t, c = known
            resolved.append((start, end, t, c, c not in g.records, prio))
        else:
            resolved.append(span)
    spans = resolved
    occupied = bytearray(len(norm) + 1)
    for s in spans:
        occupied[s[0] : s[1]] = b"\1" * (s[1] - s[0])
    # Names the article already introduced: a surname, a one-word name, an acronym.
    for i, j, word in _whole_words(norm, registry, finder):
        if 1 not in occupied[i:j]:
            type_, canonical = registry[word]
            if (
                canonical in ("", word)  # a name of one word, not a surname ("Pay says")
                and canonical not in g.records
                and " " not in word
                and _is_sentence_start(norm, i)
                and _written_lowercase(norm, word)
            ):
                continue  # "Mezcal is huge" below "Mezcal restaurant", where "mezcal" is a drink
            if (
                canonical.startswith(word)
                and canonical[len(word) : len(word) + 1] == " "
                and _is_sentence_start(norm, i)
                and not norm.startswith(":", j)
                and typer.common_words().get(word.lower(), 0)
                and not (type_ == "PERSON" and _RX_PERSON_VERB_AFTER.match(norm, j))
            ):
                continue  # "Mark my words" by Mark Carney; "Rick:", "Matt knew" are him
            extra.append((i, j, type_, canonical, canonical not in g.records, 1))
    # A transcript's speaker in capitals at a line's start: "RICK:", "MORANIS:" for a
    # person the article names in full (one of that given name; "Q:", "A:" are no one's).
    if ":" in norm:
        for start, end in _labels(norm):
            if not norm[start + 1 : end].isupper():
                continue
            known = registry.get(norm[start:end].title())
            if known is not None and known[0] == "PERSON" and 1 not in occupied[start:end]:
                extra.append((start, end, "PERSON", known[1], known[1] not in g.records, 1))
    # A weak alias after a title: "Mr Kim" when only one Kim is known.
    for m in _TITLED_NAME.finditer(norm):
        start, end = m.span("name")
        owners = g.weak.get(m["name"])
        if owners and len(owners) == 1 and 1 not in occupied[start:end]:
            extra.append((start, end, "PERSON", owners[0], False, 1))
    if extra:  # (they overlap no span here, only one another: chosen among themselves)
        spans = sorted(spans + _select(extra))
    return spans


def speakers(norms: Iterable[str]) -> dict[str, tuple[str, str]]:
    """The people a transcript labels its lines by, by given name alone ("Marissa:",
    "DEVON:" opening two lines or more): each a person, whoever the article names in
    full. A word of the prose ("Note:", "Update:", "Will:") is no one's label."""
    counts: dict[str, int] = {}
    for norm in norms:
        if ":" not in norm:
            continue
        for start, end in _labels(norm):
            word = norm[start:end].title()
            counts[word] = counts.get(word, 0) + 1
    return {
        word: ("PERSON", word)
        for word, n in counts.items()
        if n > 1 and _is_given(word) and not typer.common_words().get(word.lower(), 0)
    }


def _labels(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each capitalised word ("Rick", "RICK") that opens a line of ``norm``
    before a colon: a speaker's label in a transcript."""
    found = [m.span(1) for m in _RX_LABEL.finditer(norm)]  # (after a line break: fast)
    first = _RX_FIRST_LABEL.match(norm)
    return [first.span(1), *found] if first else found


_RX_LABEL = re.compile(r"\n[ \t]*([A-Z][a-z]+|[A-Z]{2,}):")
_RX_FIRST_LABEL = re.compile(r"[ \t]*([A-Z][a-z]+|[A-Z]{2,}):")


def _speaker(norm: str, start: int, end: int) -> bool:
    """Is ``norm[start:end]`` a speaker's label, opening a line before a colon?"""
    if not norm.startswith(":", end):
        return False
    line = norm.rfind("\n", 0, start) + 1
    return not norm[line:start].strip(" \t")


def _written_lowercase(norm: str, word: str) -> bool:
    """Is ``word`` written in lower case in ``norm`` as a word of the prose, not of a site's
    address ("luboku.com") or a handle?"""
    low = word.lower()
    if low == word:
        return False
    if len(norm) >= _WORD_RUNS_FROM and _RX_WORD_RUN.fullmatch(low):
        if low not in _word_runs(norm):
            return False  # (all word characters: written as a word, it is one of the runs)
    elif low not in norm:
        return False
    return re.search(rf"(?<![\w@/.]){re.escape(low)}(?![\w]|\.\w)", norm) is not None


#: How long a text is before :func:`_written_lowercase` reads its runs of word characters
#: into a set, rather than searching all of it for each word it is not written in.
_WORD_RUNS_FROM = 10_000
_RX_WORD_RUN = re.compile(r"\w+")


@lru_cache(maxsize=4)
def _word_runs(norm: str) -> frozenset[str]:
    """The runs of word characters of a long text (for the few texts of one article)."""
    return frozenset(_RX_WORD_RUN.findall(norm))


def _whole_words(
    norm: str, words: Iterable[str], finder: ahocorasick.Automaton | None = None
) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each of ``words`` in ``norm`` as a whole word (not inside
    "Kimberley", nor after a hyphen); ``finder``: :func:`_finder` of the words, if built."""
    words = list(words)
    if len(words) <= 8:  # a few words: str.find is faster than building an automaton
        found = []
        for word in words:
            i = norm.find(word)
            while i >= 0:
                found.append((i + len(word) - 1, word))
                i = norm.find(word, i + len(word))
    elif finder is None and len(norm) < _SHORT:  # a headline: every place each word is
        found = []
        for word in words:
            i = norm.find(word)
            while i >= 0:
                found.append((i + len(word) - 1, word))
                i = norm.find(word, i + 1)
    else:
        found = list((finder or _finder(words)).iter(norm))
    n = len(norm)
    for last, word in found:
        j = last + 1
        i = j - len(word)
        if (i == 0 or not (norm[i - 1].isalnum() or norm[i - 1] in "_-")) and (
            j >= n or not norm[j].isalnum()
        ):
            yield i, j, word
