"""A deterministic generator of realistic scraped news articles for the benchmarks.

``corpus(n)`` returns ``bench/.data/corpus-<n>``, generating it only when missing. Each
article is about 600 words of international-affairs prose: a headline, usually a standfirst,
a date line in one of many formats, usually a byline, paragraphs with people, countries,
organisations, figures and quotes, and, as in a real scrape, some web boilerplate (menus,
share buttons, view counts, copyright lines, UI strings in other languages). Words are drawn
from Zipf-weighted vocabularies with a per-article topic, so the index sees a realistic term
distribution: a few thousand distinct words, a long tail, and bursty topical terms.

Article ``i`` depends only on the seed and ``i``, so ``corpus-1000`` is a prefix of
``corpus-10000``. Run ``python -m bench.generate N`` to build one by hand.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
import json
import random
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import DATA

#: Bump when the output changes, so cached corpora are regenerated.
VERSION = 4
SEED = 20240409

# --------------------------------------------------------------------------- vocabulary
# Lists are written roughly most-common first and drawn with Zipf weights (rank^-s).

NOUNS = """
alliance treaty summit tariff sanction election minister ministry parliament government
coalition opposition deterrence submarine missile warship frigate destroyer drone satellite
border frontier ceasefire truce negotiation agreement accord pact framework partnership
investment economy inflation recession currency budget deficit debt bond market export import
shipment port harbour pipeline refinery reactor grid subsidy loan donor refugee migrant
protest protester strike union court judge verdict constitution referendum campaign candidate
voter ballot poll survey analyst diplomat envoy ambassador embassy consulate official
spokesman spokeswoman adviser general admiral commander soldier brigade battalion regiment
base garrison exercise drill patrol incursion airspace strait island reef archipelago
coastline peninsula region province district capital city village town farmer harvest drought
flood famine earthquake typhoon cyclone wildfire emission climate carbon energy oil gas coal
battery semiconductor chip factory manufacturer company firm conglomerate shipyard contractor
startup bank lender regulator watchdog investor shareholder stake merger acquisition profit
revenue loss output productivity wage pension tax levy quota embargo blockade corridor route
railway highway bridge airport terminal cargo container vessel tanker fleet navy army militia
insurgent rebel faction militant hostage prisoner detainee journalist newspaper broadcaster
editor censor cyberattack hacker spy surveillance loophole regulation directive law bill
amendment statute charter mandate resolution veto council assembly committee commission
delegation secretariat forum bloc partner ally rival adversary neighbour superpower hegemony
annexation occupation invasion offensive retreat casualty civilian hospital school university
student teacher scholar researcher scientist vaccine pandemic outbreak virus epidemic
commitment pledge promise threat risk tension rivalry competition dialogue strategy doctrine
posture capability arsenal warhead stockpile inspector inspection violation breach provocation
escalation mediator broker guarantee guarantor assurance umbrella burden procurement contract
tender deal bargain concession compromise demand ultimatum deadline timetable roadmap
milestone setback breakthrough stalemate deadlock impasse leader president premier chancellor
monarch dynasty regime junta cabinet portfolio reshuffle scandal inquiry probe allegation
lawsuit tribunal sentence appeal prosecutor lawyer activist dissident exile diaspora
pilgrimage shrine monument memorial anniversary ceremony parade speech address interview
statement communique memo report dossier briefing leak document cable archive map census
population generation youth pensioner worker employer household consumer shopper tourist
visitor passenger commuter driver pilot sailor crew captain warden guard officer detective
police crime gang smuggler trafficker cartel drug weapon rifle artillery shell rocket
interceptor radar sensor jet bomber fighter helicopter carrier cruiser corvette icebreaker
mine minefield trench bunker fortress outpost checkpoint wall fence barrier dam canal river
lake sea ocean desert mountain valley forest glacier island coast delta plain steppe plateau
harvest crop grain wheat rice maize soybean fertiliser livestock fishery fisherman tuna
mineral lithium cobalt nickel copper gold silver rare-earth steel aluminium cement timber
fuel diesel petrol electricity turbine panel plant station substation network cable fibre
platform app algorithm software database server cloud datacentre robot automation
manufacturing assembly supplier customer brand franchise retailer wholesaler exporter importer
shipper logistics warehouse inventory backlog shortage surplus glut price cost fee premium
discount subsidy rebate incentive grant fund reserve treasury mint bourse index share stock
dividend yield rate mortgage rent landlord tenant developer property housing construction
infrastructure project scheme initiative programme reform overhaul transition recovery boom
bust bubble crash slump rally surge plunge rebound downturn upturn outlook forecast estimate
projection scenario assumption consensus majority minority quorum vote motion debate hearing
testimony witness ballot turnout constituency district mayor governor senator congressman
lawmaker legislator speaker chairman secretary deputy undersecretary aide staffer lobbyist
donor sponsor patron client proxy surrogate ally
crisis|crises analysis|analyses thesis|theses basis|bases criterion|criteria
phenomenon|phenomena index|indices
"""

ABSTRACT_NOUNS = """
sovereignty autonomy independence diplomacy statecraft cooperation uncertainty leverage
security stability prosperity legitimacy credibility resilience vulnerability dependence
interdependence integration fragmentation polarisation nationalism populism protectionism
isolationism multilateralism unilateralism deterrence containment engagement rapprochement
detente hostility mistrust suspicion goodwill solidarity unity cohesion disunity volatility
transparency accountability corruption impunity governance oversight scrutiny momentum
ambiguity restraint pragmatism brinkmanship coercion influence prestige
"""

ADJECTIVES = """
strategic military economic diplomatic political regional bilateral multilateral trilateral
nuclear maritime naval territorial sovereign fragile robust tentative uncertain unpredictable
assertive cautious pragmatic hawkish dovish conservative liberal populist nationalist
authoritarian democratic federal provincial municipal domestic foreign international global
local national rural urban coastal northern southern eastern western central remote crucial
key major minor significant modest sharp steep gradual rapid sudden unexpected historic
unprecedented controversial contentious divisive fierce bitter tense fraught delicate
sensitive confidential classified public private commercial industrial agricultural financial
fiscal monetary technological digital defensive hostile friendly neutral independent joint
collective mutual reciprocal comprehensive ambitious costly expensive cheap affordable
sustainable renewable green clean volatile stable unstable resilient vulnerable exposed
dependent reliant wary sceptical optimistic pessimistic hopeful anxious worried confident
determined reluctant willing eager quiet vocal outspoken senior junior former incoming
outgoing acting interim new old long-running short-term long-term annual quarterly monthly
weekly recent latest previous upcoming forthcoming official unofficial informal formal legal
illegal constitutional electoral parliamentary presidential ministerial judicial legislative
executive administrative bureaucratic humanitarian civilian ethnic religious cultural
historical demographic geopolitical strained lukewarm muted cordial frosty warm cool tough
hard soft firm loose broad narrow deep shallow wide limited partial full total complete
modern ageing obsolete advanced sophisticated crude rudimentary lethal deadly peaceful violent
bloody chaotic orderly orderly disciplined loyal disloyal rebellious defiant compliant
ambivalent decisive indecisive credible implausible plausible likely unlikely possible
impossible inevitable imminent distant looming persistent chronic acute severe mild
"""

ADVERBS = """
sharply largely broadly quietly openly publicly privately reportedly allegedly apparently
increasingly gradually rapidly swiftly slowly firmly narrowly widely closely directly
indirectly jointly formally informally officially effectively eventually initially
previously recently particularly especially notably significantly modestly roughly nearly
almost barely hardly still already again also repeatedly frequently rarely seldom briefly
temporarily permanently unexpectedly predictably inevitably arguably clearly plainly
"""

# base or base|3sg|past|ing for irregular forms
VERBS = """
say|says|said|saying announce meet|meets|met|meeting warn sign lead|leads|led|leading
tell|tells|told|telling build|builds|built|building sell|sells|sold|selling
buy|buys|bought|buying pledge warn urge insist argue claim deny reject accept approve endorse oppose
criticise condemn welcome praise support back fund finance invest boost bolster strengthen
weaken undermine erode threaten deter defend protect secure expand extend reduce raise
increase decrease double halve impose lift ease tighten loosen relax restrict block delay
postpone suspend resume launch deploy station withdraw evacuate negotiate mediate
broker host visit attend convene chair head join resign appoint elect nominate dismiss
replace succeed fail collapse recover rebound slump soar surge plunge export import produce
manufacture construct develop design test intercept seize capture detain arrest release free
charge convict acquit investigate review assess estimate forecast predict expect anticipate
fear worry hope aim try attempt manage struggle refuse agree disagree decide conclude confirm
reveal disclose publish report add note stress emphasise acknowledge concede suggest
propose recommend demand call ask request offer provide supply deliver transfer purchase
acquire lease lend borrow owe repay save allocate earmark redirect divert reform overhaul
revise amend update modernise upgrade retire scrap dismantle destroy damage attack bomb raid
invade occupy annex liberate retake recapture patrol monitor track watch observe hint
indicate show demonstrate prove underscore highlight illustrate reflect mirror complicate
stabilise destabilise reassure alarm anger frustrate disappoint surprise shock court woo
pressure lobby sanction embargo boycott tout shore hedge balance counter contain engage
spend|spends|spent|spending fall|falls|fell|falling rise|rises|rose|rising
grow|grows|grew|growing shrink|shrinks|shrank|shrinking leave|leaves|left|leaving
seek|seeks|sought|seeking cut|cuts|cut|cutting quit|quits|quit|quitting
ship|ships|shipped|shipping plan|plans|planned|planning ban|bans|banned|banning
pay|pays|paid|paying strike|strikes|struck|striking hold|holds|held|holding
win|wins|won|winning lose|loses|lost|losing keep|keeps|kept|keeping
bring|brings|brought|bringing send|sends|sent|sending set|sets|set|setting
stop|stops|stopped|stopping admit|admits|admitted|admitting commit|commits|committed|committing
transfer|transfers|transferred|transferring cancel|cancels|cancelled|cancelling
signal|signals|signalled|signalling
"""

FIRST_NAMES = """
James John Robert Michael William David Richard Joseph Thomas Charles Mary Patricia Jennifer
Linda Elizabeth Barbara Susan Jessica Sarah Karen Emmanuel Olaf Giorgia Pedro Ursula Antony
Kamala Rishi Keir Anthony Penny Fumio Shigeru Sanae Yoshihide Taro Yoko Kenji Hiroshi Akira
Haruki Yuki Min-jun Seo-yeon Ji-ho Yoon Jae-myung Kyung-wha Jinping Qiang Wang Yi Liu Zhang
Wei Mei Jun Lin Narendra Subrahmanyam Rahul Priya Arjun Anjali Vikram Ferdinand Rodrigo Leni
Sara Enrique Joko Prabowo Retno Anwar Lee Lawrence Vivian Hun Anutin Paetongtarn Srettha
Pham Nguyen Tran Minh Thi Hun Sergei Vladimir Dmitry Maria Olena Volodymyr Dmytro Andrzej
Donald Recep Hakan Mohammed Abdullah Fatima Aisha Omar Ali Hassan Hossein Ebrahim Benjamin
Yair Isaac Luiz Javier Claudia Andres Gustavo Cyril Bola Abiy William Ruto Samia Paul Kagame
Nana Akufo Macky Bassirou Jacinda Chris Anthony Penny Justin Chrystia Mark Melanie Pete
Marco Rubio Tulsi Kristi Scott Howard Jake Lloyd Gina Janet Rahm Kurt Ely Victor Isabel
Ingrid Lars Magnus Henrik Sanna Petteri Kaja Gabrielius Edgars Krisjanis Ana Carlos Luis
Sofia Elena Irina Natalia Oksana Katarzyna Tomasz Jakub Petr Viktor Robert Zoran Aleksandar
"""

SURNAMES = """
Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson
Martin Thompson White Harris Clark Lewis Walker Hall Allen Young King Wright Scott Green
Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner Torres Parker
Kishida Ishiba Takaichi Suga Abe Kono Motegi Hayashi Kamikawa Iwaya Nakatani Tanaka Suzuki
Watanabe Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Matsumoto Inoue Kimura Shimizu
Kim Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Jeon Hong
Xi Li Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng
Modi Jaishankar Gandhi Singh Sharma Patel Gupta Kumar Rao Reddy Nair Iyer Menon Das Bose
Marcos Duterte Robredo Manalo Teodoro Widodo Subianto Marsudi Sugiono Ibrahim Loong Wong
Balakrishnan Shinawatra Chan-ocha Chinnawat Sihasak Hun Manet Vuong Chinh Son Lam
Putin Lavrov Shoigu Belousov Medvedev Peskov Zelensky Kuleba Sybiha Yermak Umerov Duda Tusk
Sikorski Erdogan Fidan Netanyahu Gallant Katz Herzog Lula Milei Sheinbaum Petro Boric
Ramaphosa Tinubu Ruto Kagame Hassan Mahama Faye Ardern Hipkins Luxon Albanese Marles Wong
Dutton Trudeau Carney Joly Biden Harris Trump Vance Blinken Rubio Austin Hegseth Sullivan
Waltz Gabbard Yellen Bessent Raimondo Lutnick Emanuel Campbell Ratner Macron Barnier Bayrou
Scholz Merz Baerbock Wadephul Pistorius Meloni Tajani Sanchez Albares Costa Rutte Stoltenberg
Leyen Kallas Borrell Michel Guterres Georgieva Banga Grossi Tedros Okonjo-Iweala Starmer
Sunak Lammy Cameron Healey Reeves Johnson Truss Wallace Shapps Frederiksen Store Kristersson
Orpo Stubb Tsahkna Nauseda Rinkevics Sandu Vucic Fico Orban Babis Fiala Nehammer Zoran
"""

SYLLABLES = """
ka ri to na mo se lu va de ne ko ha shi ya ru mi ta ga ba zu lo pe ar en ol um ir es an
ov ich sky ez ra el in ow ak ut is ek am
"""

COUNTRIES = """
United States|American; China|Chinese; Japan|Japanese; South Korea|South Korean;
North Korea|North Korean; India|Indian; Australia|Australian; New Zealand|New Zealand;
Philippines|Philippine; Indonesia|Indonesian; Malaysia|Malaysian; Singapore|Singaporean;
Thailand|Thai; Vietnam|Vietnamese; Cambodia|Cambodian; Laos|Lao; Myanmar|Burmese;
Bangladesh|Bangladeshi; Pakistan|Pakistani; Afghanistan|Afghan; Sri Lanka|Sri Lankan;
Nepal|Nepalese; Bhutan|Bhutanese; Mongolia|Mongolian; Taiwan|Taiwanese; Russia|Russian;
Ukraine|Ukrainian; Belarus|Belarusian; Kazakhstan|Kazakh; Uzbekistan|Uzbek;
Kyrgyzstan|Kyrgyz; Tajikistan|Tajik; Turkmenistan|Turkmen; Azerbaijan|Azerbaijani;
Armenia|Armenian; Georgia|Georgian; Turkey|Turkish; Iran|Iranian; Iraq|Iraqi; Syria|Syrian;
Lebanon|Lebanese; Israel|Israeli; Jordan|Jordanian; Saudi Arabia|Saudi; Qatar|Qatari;
Kuwait|Kuwaiti; Bahrain|Bahraini; Oman|Omani; Yemen|Yemeni; United Arab Emirates|Emirati;
Egypt|Egyptian; Libya|Libyan; Tunisia|Tunisian; Algeria|Algerian; Morocco|Moroccan;
Sudan|Sudanese; Ethiopia|Ethiopian; Eritrea|Eritrean; Somalia|Somali; Kenya|Kenyan;
Uganda|Ugandan; Tanzania|Tanzanian; Rwanda|Rwandan; Nigeria|Nigerian; Ghana|Ghanaian;
Senegal|Senegalese; Mali|Malian; Niger|Nigerien; Chad|Chadian; Cameroon|Cameroonian;
Congo|Congolese; Angola|Angolan; Zambia|Zambian; Zimbabwe|Zimbabwean; Mozambique|Mozambican;
South Africa|South African; Namibia|Namibian; Botswana|Botswanan; Madagascar|Malagasy;
Britain|British; France|French; Germany|German; Italy|Italian; Spain|Spanish;
Portugal|Portuguese; Netherlands|Dutch; Belgium|Belgian; Switzerland|Swiss; Austria|Austrian;
Poland|Polish; Czech Republic|Czech; Slovakia|Slovak; Hungary|Hungarian; Romania|Romanian;
Bulgaria|Bulgarian; Greece|Greek; Serbia|Serbian; Croatia|Croatian; Bosnia|Bosnian;
Albania|Albanian; Moldova|Moldovan; Estonia|Estonian; Latvia|Latvian; Lithuania|Lithuanian;
Finland|Finnish; Sweden|Swedish; Norway|Norwegian; Denmark|Danish; Iceland|Icelandic;
Ireland|Irish; Canada|Canadian; Mexico|Mexican; Brazil|Brazilian; Argentina|Argentine;
Chile|Chilean; Peru|Peruvian; Colombia|Colombian; Venezuela|Venezuelan; Ecuador|Ecuadorean;
Bolivia|Bolivian; Paraguay|Paraguayan; Uruguay|Uruguayan; Cuba|Cuban; Haiti|Haitian;
Papua New Guinea|Papua New Guinean; Fiji|Fijian; Solomon Islands|Solomon Islands;
Tonga|Tongan; Samoa|Samoan; Vanuatu|Vanuatuan
"""

CITIES = """
Washington Beijing Tokyo Seoul Pyongyang New Delhi Canberra Wellington Manila Jakarta
Kuala Lumpur Singapore Bangkok Hanoi Phnom Penh Vientiane Naypyidaw Dhaka Islamabad Kabul
Colombo Kathmandu Ulaanbaatar Taipei Moscow Kyiv Minsk Astana Tashkent Baku Yerevan Tbilisi
Ankara Istanbul Tehran Baghdad Damascus Beirut Jerusalem Tel Aviv Amman Riyadh Doha Kuwait
Muscat Sanaa Abu Dhabi Dubai Cairo Tripoli Tunis Algiers Rabat Khartoum Addis Ababa Nairobi
Kampala Dodoma Kigali Abuja Lagos Accra Dakar Bamako Niamey Kinshasa Luanda Lusaka Harare
Maputo Pretoria Johannesburg Cape Town London Paris Berlin Rome Madrid Lisbon Amsterdam
Brussels Geneva Vienna Warsaw Prague Bratislava Budapest Bucharest Sofia Athens Belgrade
Zagreb Tirana Chisinau Tallinn Riga Vilnius Helsinki Stockholm Oslo Copenhagen Reykjavik
Dublin Ottawa Mexico City Brasilia Buenos Aires Santiago Lima Bogota Caracas Quito Havana
Shanghai Shenzhen Hong Kong Guangzhou Osaka Busan Gyeongju Mumbai Chennai Bengaluru Karachi
Lahore Ho Chi Minh City Davao Cebu Surabaya Penang Darwin Perth Sydney Melbourne Auckland
Honolulu Guam Okinawa Yokosuka Sasebo Hiroshima Nagasaki Vladivostok Murmansk Sevastopol
Odesa Kharkiv Gdansk Hamburg Munich Milan Naples Barcelona Marseille Lyon Rotterdam Antwerp
Davos Munich Halifax Brisbane Adelaide Port Moresby Suva Honiara Nuku'alofa Apia Port Vila
"""

ORGS = """
United Nations; UN Security Council; NATO; ASEAN; APEC; the European Union; the G7; the G20;
the World Trade Organisation; the International Monetary Fund; the World Bank;
the Asian Development Bank; the World Health Organisation; the International Atomic Energy Agency;
the Quad; AUKUS; the Shanghai Cooperation Organisation; BRICS; the African Union;
the Organisation of American States; the OSCE; the Pacific Islands Forum; the Arctic Council;
the Five Eyes; the International Criminal Court; the International Court of Justice;
Chatham House; the Brookings Institution; the RAND Corporation;
the Centre for Strategic and International Studies; the Lowy Institute;
the International Institute for Strategic Studies; the Carnegie Endowment for International Peace;
the Council on Foreign Relations; the Heritage Foundation; the Atlantic Council;
the Stockholm International Peace Research Institute; the Royal United Services Institute;
the Peterson Institute for International Economics; the Crisis Group; Human Rights Watch;
Amnesty International; the Red Cross; Medecins Sans Frontieres; the Pentagon; the Kremlin;
the White House; the State Department; the Kantei; the Blue House; the Diet; the Bundestag;
the European Commission; the European Parliament; Congress; the Senate; the National Assembly;
the Federal Reserve; the European Central Bank; the Bank of Japan; the People's Bank of China;
OPEC; the International Energy Agency; the Financial Action Task Force; Interpol; Europol
"""

INSTITUTE_PARTS = """
Institute Centre Foundation Council Forum Observatory Academy Initiative Programme Network
"""

INSTITUTE_TOPICS = """
Security Defence Strategy Peace Development Trade Energy Maritime Asian Pacific Eurasian
Atlantic Global Regional Policy Economic Nuclear Climate Democracy Governance Cyber Arctic
"""

COMPANY_SUFFIXES = """
Ocean Heavy Industries Aerospace Energy Motors Holdings Group Systems Shipbuilding Defence
Electronics Semiconductor Steel Logistics Capital Resources Mining Petroleum Telecom Dynamics
"""

SOURCES = """
The Meridian Post; Harbour Times; Caspian Wire; Pacific Ledger; The Northern Courier;
Global Affairs Weekly; Asia Observer; The Continental; Eastern Dispatch; Strategy Review;
The Daily Compass; Monsoon Herald; Atlas News; The Frontier Journal; Capital Chronicle;
Straits Bulletin; Baltic Monitor; The Sentinel; World Brief; Horizon Report;
meridian.news; caspianwire.az; asiaobserver.com; strategyreview.org; atlasnews.net
"""

COLLOCATIONS = """
defence spending; prime minister; foreign minister; trade war; nuclear weapons;
security alliance; supply chains; interest rates; free trade; climate change; human rights;
rule of law; joint exercises; peace talks; arms sales; economic growth; territorial disputes;
missile defence; naval base; state visit; election campaign; foreign policy; energy prices;
export controls; critical minerals; national security; armed forces; central bank;
trade deficit; defence budget; border dispute; nuclear programme; military aid;
diplomatic relations; public opinion; opposition party; ruling party; civil war;
humanitarian aid; refugee crisis; coast guard; air defence; sea lanes; balance of power
"""

SECTIONS = """
World; Asia; Europe; Americas; Middle East; Africa; Politics; Business; Economy; Opinion;
Analysis; Defence; Diplomacy; Briefing; Indo-Pacific statecraft; International Security;
Trade; Energy
"""

MENU = """
Home; News; World; Politics; Business; Opinion; Sport; Culture; Video; Podcasts; Subscribe;
Sign in; Log in; Register; Search; Menu; twitter; facebook; telegram; youtube; instagram;
linkedin; whatsapp; mastodon; app store; google play; dark mode; nav_toggle; en; fr; de;
Newsletters; Latest; Most read; Contact us; About us; Advertise; Archive; A+; A-; Print
"""

TRAILERS = """
Share on Facebook; Share on X; Share on Telegram; Share on WhatsApp; Share; Tweet; Email;
Copy link; Print this article; Related articles; Read more; Most popular; Comments;
Subscribe to our newsletter; Follow us on Telegram; Advertisement; Back to top;
Поделиться; Читать также; Комментарии; Paylaş; Oxşar xəbərlər; Teilen; Partager; Compartir
"""

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = list(calendar.month_name)[1:]  # English: nothing here sets a locale
MODALS = ["will", "would", "could", "may", "might", "must", "should", "can", "cannot"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen"]

# --------------------------------------------------------------------------- grammar
# {NAME} expands from GRAMMAR (a template chosen at random, recursively) or from a
# terminal drawn by the article's Vocab. Weights follow each template after "@".

GRAMMAR: dict[str, list[str]] = {
    "S": [
        "{CL}.@20",
        "{CL}, {CONJ} {CL}.@12",
        "{OPEN}, {CL}.@10",
        "“{QCL},” said {PR}, {ROLE}.@6",
        "“{QCL},” {PR} told {SRC} {PP}.@3",
        '"{QCL}," {PR} said.@2',
        "{PR}, {ROLE}, {VD} that {CL}.@6",
        "{CA} {NS} {VD} {PCT} in {YEAR}, {CMP}.@5",
        "The {N} is worth {MONEY}, according to {ORG}.@3",
        "{C} has {VN} {QTY} to {CITY}, {ADV} {VG} {NPO}.@3",
        "Some {QTY} are {ADV} expected to {V} {NPO} by {YEAR}.@2",
        "The {COLL} {VD} {ADV} after {PR} {VD} {NPO}.@4",
        "Will {C} {V} {NPO}?@1",
        "{ORG} {VS} that {CL}, and that {CL}.@3",
        "In {MONTH} {YEAR} {PR} {VD} {NPO} {PP}, a move {NP} {VD} as {A}.@3",
        "{NP} {ADV} {VD} the {COLL} ({ORGA}) {PP}.@2",
        "That {VS} {NP}, which {VD} {NPO} {PP}.@4",
    ],
    "CL": [
        "{NP} {VD} {NPO}@5",
        "{NP} {MODAL} {V} {NPO}@4",
        "{NP} {VS} {NPO} {PP}@4",
        "{C} {VD} {NPO} {PP}@3",
        "{PR} {VD} that {NP} {MODAL} {V} {NPO}@2",
        "{NP} has {ADV} {VN} {NPO}@2",
        "the {COLL} {VS} {ADV} {A}@2",
        "{NP} {VD} {NPO} to {V} the {COLL}@2",
    ],
    "QCL": [
        "We {MODAL} {V} {NPO}@3",
        "This is a {A} {N} for {C}@2",
        "{NP} {VS} {NPO}@2",
        "Nobody {VS} {NPO} {PP}@1",
        "It is {A} that {CL}@2",
        "The {COLL} is {ADV} {A}@2",
        "Our {NS} {MODAL} {V} the {N} of {C}@1",
    ],
    "NP": [
        "the {N}@4",
        "the {A} {N}@4",
        "{CA} {NS}@3",
        "{ORG}@3",
        "{C}@4",
        "{PR}@2",
        "the {COLL}@2",
        "{A} {NS}@2",
        "the {N} of {AN}@2",
        "{CP} {N}@2",
    ],
    "NPO": [
        "the {A} {N}@4",
        "{NUM} {NS}@2",
        "{A} {NS}@3",
        "the {COLL}@2",
        "a {A} {N} with {C}@2",
        "its {N}@2",
        "{CP} {A} {N}@2",
        "{ORG}’s {N}@1",
        "the {N} of {NS} in {CITY}@2",
        "{MONEY} in {NS}@1",
        "the {AN} of the {N}@2",
    ],
    "PP": [
        "in {CITY}@3",
        "on {WEEKDAY}@3",
        "by {YEAR}@2",
        "in {MONTH}@2",
        "with {C}@2",
        "over the {A} {N}@2",
        "amid {A} {NS}@2",
        "despite {NS}@1",
        "after {NUM} {NS}@1",
        "during the {COLL}@1",
        "ahead of {ORGA} summit@1",
    ],
    "OPEN": [
        "However@3",
        "Meanwhile@3",
        "In {MONTH}@2",
        "Last year@2",
        "On {WEEKDAY}@2",
        "Since {YEAR}@2",
        "According to {ORG}@3",
        "For {C}@2",
        "In {CITY}@2",
        "Even so@1",
        "Looking ahead@1",
        "At the same time@1",
    ],
    "CONJ": ["but@4", "while@3", "although@2", "as@2", "and@4", "yet@1"],
    "CMP": [
        "up from {PCT} a year earlier@3",
        "compared with {PCT} in {YEAR}@3",
        "according to {ORG}@3",
        "the fastest pace since {YEAR}@1",
        "well short of the {PCT} target@1",
    ],
    "ROLE": [
        "{CA} prime minister@3",
        "{C}’s foreign minister@3",
        "{C}'s defence minister@2",
        "the president of {C}@2",
        "a spokesman for {ORG}@2",
        "a senior fellow at {ORG}@3",
        "an analyst at {ORG}@3",
        "chief executive of {CO}@2",
        "{C}’s ambassador to {C}@2",
        "who heads {ORG}@1",
        "a former {N} official@1",
        "director of the {INST}@2",
    ],
    "QTY": [
        "{BIGNUM} troops@3",
        "{BIGNUM} tonnes@2",
        "{BIGNUM} barrels a day@1",
        "{BIGNUM} people@3",
        "{NUM} vessels@2",
        "{BIGNUM} kilometres@1",
        "{NUM} battalions@1",
    ],
    "HEAD": [
        "{C}’s {A} {N} {VS} {NPO}@3",
        "Why {C} {VS} {NPO}@2",
        "{SUR} {VS} the {COLL}@3",
        "{CA} {NS} {V} {NPO} as {NP} {VS}@2",
        "The {A} {N} of {C}@2",
        "{ORG} {VS} {NPO}@2",
        "{CP} {N}: {A} {NS} and the {COLL}@2",
        "{C} and {C} {V} {A} {N}@2",
        "How {CP} {COLL} {VD} {NPO}@1",
        "{SUR}’s {N} {VS} {CP} {NS}@2",
    ],
}


def _weighted(templates: list[str]) -> tuple[list[str], list[float]]:
    texts, cum, total = [], [], 0.0
    for t in templates:
        text, _, weight = t.rpartition("@")
        texts.append(text)
        total += float(weight)
        cum.append(total)
    return texts, cum


_GRAMMAR = {name: _weighted(templates) for name, templates in GRAMMAR.items()}
_SLOT = re.compile(r"\{([A-Z]+)\}")


# --------------------------------------------------------------------------- inflection


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _verb_forms(verb: str) -> tuple[str, str, str, str]:
    if "|" in verb:
        base, s, d, g = verb.split("|")
        return base, s, d, g
    v = verb
    s = _plural(v)
    if v.endswith("e"):
        d, g = v + "d", (v if v.endswith("ee") else v[:-1]) + "ing"
    elif v.endswith("y") and v[-2] not in "aeiou":
        d, g = v[:-1] + "ied", v + "ing"
    else:
        d, g = v + "ed", v + "ing"
    return v, s, d, g


def _words(text: str) -> list[str]:
    return list(dict.fromkeys(text.split()))


def _items(text: str) -> list[str]:
    return list(dict.fromkeys(p.strip() for p in text.split(";") if p.strip()))


def _ranked(name: str, items: Sequence, seed: int) -> list:
    # Lists are written roughly most-common first; a light seeded jitter keeps the ranks
    # from being exactly the typing order while the head stays plausible.
    rng = random.Random(f"{seed}-rank-{name}")
    keyed = sorted(enumerate(items), key=lambda p: p[0] * rng.uniform(0.7, 1.3))
    return [item for _, item in keyed]


class Zipf:
    """Draws from a ranked list with weights rank^-s."""

    def __init__(self, items: Sequence, s: float = 0.9) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(len(self.items))))
        self.total = self.cum[-1]

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.total)]

    def sample(self, rng: random.Random, k: int) -> list:
        out: list = []
        for _ in range(k * 20):
            item = self.draw(rng)
            if item not in out:
                out.append(item)
                if len(out) == k:
                    break
        return out


class Lexicon:
    """Every vocabulary of the generator, ranked and Zipf-weighted (built once per seed)."""

    def __init__(self, seed: int = SEED) -> None:
        rng = random.Random(f"{seed}-lexicon")
        nouns = []
        for entry in _words(NOUNS):
            sg, _, pl = entry.partition("|")
            nouns.append((sg, pl or _plural(sg)))
        self.nouns = Zipf(_ranked("nouns", nouns, seed))
        self.abstract = Zipf(_ranked("abstract", _words(ABSTRACT_NOUNS), seed))
        self.adjectives = Zipf(_ranked("adj", _words(ADJECTIVES), seed))
        self.adverbs = Zipf(_ranked("adv", _words(ADVERBS), seed))
        self.verbs = Zipf(_ranked("verbs", [_verb_forms(v) for v in _words(VERBS)], seed))
        self.countries = Zipf(
            _ranked("countries", [tuple(c.split("|")) for c in _items(COUNTRIES)], seed), 0.9
        )
        self.cities = Zipf(_ranked("cities", _city_list(), seed), 0.9)
        self.collocations = Zipf(_ranked("coll", _items(COLLOCATIONS), seed), 0.8)
        self.sources = _ranked("sources", _items(SOURCES), seed)
        self.source_pick = Zipf(self.sources, 0.7)

        # People: real-looking first and last names, plus a long tail of invented surnames
        # (syllable compounds) so rare names behave like the unseen names of a real corpus.
        syll = _words(SYLLABLES)
        invented = []
        while len(invented) < 900:
            name = "".join(rng.choice(syll) for _ in range(rng.randint(2, 3)))
            if len(name) > 3:
                invented.append(name.capitalize())
        firsts = _words(FIRST_NAMES)
        lasts = _words(SURNAMES) + list(dict.fromkeys(invented))
        people = list(dict.fromkeys((rng.choice(firsts), rng.choice(lasts)) for _ in range(4000)))
        self.people = Zipf(people, 1.0)

        orgs = _items(ORGS)
        parts, topics = _words(INSTITUTE_PARTS), _words(INSTITUTE_TOPICS)
        institutes = list(
            dict.fromkeys(
                f"{rng.choice(topics)} {rng.choice(parts)} of {rng.choice(self.cities.items)}"
                if rng.random() < 0.4
                else f"{rng.choice(parts)} for {rng.choice(topics)} Studies"
                for _ in range(200)
            )
        )
        self.institutes = Zipf(institutes, 1.0)
        self.orgs = Zipf(_ranked("orgs", orgs, seed) + [f"the {i}" for i in institutes], 1.0)
        suffixes = _words(COMPANY_SUFFIXES)
        self.companies = Zipf(
            list(
                dict.fromkeys(f"{rng.choice(invented)} {rng.choice(suffixes)}" for _ in range(400))
            ),
            1.0,
        )
        self.acronyms = Zipf(["NATO", "ASEAN", "APEC", "the G7", "the G20", "the Quad", "BRICS"])

    def phrases(self) -> list[str]:
        return list(self.collocations.items)


def _city_list() -> list[str]:
    # CITIES is space-separated but some names have spaces: join known multi-word names.
    multi = [
        "New Delhi", "Kuala Lumpur", "Phnom Penh", "Tel Aviv", "Abu Dhabi", "Addis Ababa",
        "Cape Town", "Mexico City", "Buenos Aires", "Hong Kong", "Ho Chi Minh City",
        "Port Moresby", "Port Vila",
    ]  # fmt: skip
    text = " ".join(CITIES.split())
    for name in multi:
        text = text.replace(name, name.replace(" ", "_"))
    return list(dict.fromkeys(w.replace("_", " ") for w in text.split()))


# --------------------------------------------------------------------------- one article


class _Article:
    """Generates one article from its own Random; topic words recur (burstiness)."""

    def __init__(self, lex: Lexicon, rng: random.Random) -> None:
        self.lex, self.rng = lex, rng
        self.topic_nouns = lex.nouns.sample(rng, 6)
        self.topic_countries = lex.countries.sample(rng, 3)
        self.topic_people = lex.people.sample(rng, 3)
        self.topic_orgs = lex.orgs.sample(rng, 2)
        self.mentioned: set[tuple[str, str]] = set()
        self.terminals: dict[str, Callable[[], str]] = {
            "N": lambda: self._noun()[0],
            "NS": lambda: self._noun()[1],
            "AN": lambda: lex.abstract.draw(rng),
            "A": lambda: lex.adjectives.draw(rng),
            "ADV": lambda: lex.adverbs.draw(rng),
            "V": lambda: lex.verbs.draw(rng)[0],
            "VS": lambda: lex.verbs.draw(rng)[1],
            "VD": lambda: lex.verbs.draw(rng)[2],
            "VN": lambda: lex.verbs.draw(rng)[2],
            "VG": lambda: lex.verbs.draw(rng)[3],
            "MODAL": lambda: rng.choice(MODALS),
            "C": lambda: self._country()[0],
            "CA": lambda: self._country()[1],
            "CP": lambda: self._country_possessive(),
            "CITY": lambda: lex.cities.draw(rng),
            "ORG": lambda: self._org(),
            "ORGA": lambda: lex.acronyms.draw(rng),
            "INST": lambda: lex.institutes.draw(rng),
            "CO": lambda: lex.companies.draw(rng),
            "PR": lambda: self._person_ref(),
            "SUR": lambda: self._person()[1],
            "SRC": lambda: lex.source_pick.draw(rng),
            "COLL": lambda: lex.collocations.draw(rng),
            "NUM": lambda: self._num(),
            "BIGNUM": lambda: f"{rng.randint(1, 99) * rng.choice((100, 500, 1000)):,}",
            "PCT": lambda: self._pct(),
            "MONEY": lambda: self._money(),
            "YEAR": lambda: str(rng.randint(1990, 2030)),
            "MONTH": lambda: rng.choice(MONTHS),
            "WEEKDAY": lambda: rng.choice(WEEKDAYS),
        }

    # terminals ------------------------------------------------------------------
    def _noun(self) -> tuple[str, str]:
        if self.rng.random() < 0.35:
            return self.rng.choice(self.topic_nouns)
        return self.lex.nouns.draw(self.rng)

    def _country(self) -> tuple[str, str]:
        if self.rng.random() < 0.5:
            return self.rng.choice(self.topic_countries)
        return self.lex.countries.draw(self.rng)

    def _country_possessive(self) -> str:
        name = self._country()[0]
        return name + self.rng.choice(("’s", "’s", "'s"))

    def _org(self) -> str:
        if self.rng.random() < 0.4:
            return self.rng.choice(self.topic_orgs)
        return self.lex.orgs.draw(self.rng)

    def _person(self) -> tuple[str, str]:
        if self.rng.random() < 0.55:
            return self.rng.choice(self.topic_people)
        return self.lex.people.draw(self.rng)

    def _person_ref(self) -> str:
        first, last = self._person()
        if (first, last) in self.mentioned and self.rng.random() < 0.7:
            return self.rng.choice(("Mr", "Ms", "Mr", "Dr")) + " " + last
        self.mentioned.add((first, last))
        return f"{first} {last}"

    def _num(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self.rng.choice(NUMBER_WORDS)
        if r < 0.7:
            return str(self.rng.randint(11, 99))
        return f"{self.rng.randint(100, 9999):,}"

    def _pct(self) -> str:
        value = self.rng.choice(
            (str(self.rng.randint(1, 95)), f"{self.rng.randint(0, 20)}.{self.rng.randint(1, 9)}")
        )
        form = self.rng.choice(("{} per cent", "{}%", "{} per cent", "over {}%", "nearly {}%"))
        tail = " of GDP" if self.rng.random() < 0.15 else ""
        return form.format(value) + tail

    def _money(self) -> str:
        cur = self.rng.choice(("$", "$", "£", "€", "¥", "US$"))
        amount = self.rng.choice(
            (
                f"{self.rng.randint(1, 99)}.{self.rng.randint(1, 9)}bn",
                f"{self.rng.randint(2, 900)}m",
                f"{self.rng.randint(100, 999)},000",
                f"{self.rng.randint(1, 9)}.{self.rng.randint(0, 9)}trn",
            )
        )
        return cur + amount

    # grammar --------------------------------------------------------------------
    def expand(self, symbol: str) -> str:
        texts, cum = _GRAMMAR[symbol]
        template = texts[bisect.bisect_left(cum, self.rng.random() * cum[-1])]
        return _SLOT.sub(self._fill, template)

    def _fill(self, match: re.Match) -> str:
        name = match.group(1)
        terminal = self.terminals.get(name)
        return terminal() if terminal is not None else self.expand(name)

    def sentence(self) -> str:
        return _tidy(self.expand("S"))

    def headline(self) -> str:
        return _tidy(self.expand("HEAD"))


_ARTICLE = re.compile(r"\b([Aa]) (?=[aeiouAEIOU])")
_QUOTE_START = re.compile(r"([“\"])([a-z])")


def _tidy(text: str) -> str:
    text = _ARTICLE.sub(r"\1n ", text)
    text = _QUOTE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    return text[0].upper() + text[1:]


def _date_line(rng: random.Random, date: dt.date) -> str:
    day, month, year = date.day, MONTHS[date.month - 1], date.year
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    hh, mm = rng.randint(0, 23), rng.randint(0, 59)
    forms = (
        f"{month[:3]} {day}{suffix} {year}",  # Apr 9th 2024
        f"> {month[:3]} {day}{suffix} {year}",
        f"{day:02d} {month} {year} {hh:02d}:{mm:02d}",  # 06 November 2025 07:32
        f"{month} {day}, {year}",  # July 1, 2025
        date.isoformat(),  # 2025-07-01
        f"Updated {month} {day}, {year}",
        f"Published: {day} {month} {year}",
        f"{WEEKDAYS[date.weekday()][:3]} {day} {month[:3]} {year} {hh:02d}.{mm:02d} GMT",
        f"{month} {day}, {year} at {(hh % 12) or 12}:{mm:02d} {'pm' if hh >= 12 else 'am'}",
    )
    return rng.choice(forms)


def _slug(text: str, words: int = 6) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words]) or "article"


def article(i: int, lex: Lexicon, seed: int = SEED) -> tuple[str, dict]:
    """The raw text of article ``i`` and its manifest record (title, source, date, words)."""
    rng = random.Random(f"{seed}-article-{i}")
    gen = _Article(lex, rng)
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 4198))  # to mid-2026
    source = lex.source_pick.draw(rng)
    title = gen.headline()
    standfirst = gen.sentence() if rng.random() < 0.8 else ""
    authors = [" ".join(lex.people.draw(rng)) for _ in range(rng.choice((1, 1, 1, 2)))]
    byline = (
        "By "
        + " and ".join(authors)
        + (f" in {lex.cities.draw(rng)}" if rng.random() < 0.2 else "")
        if rng.random() < 0.75
        else ""
    )

    # body: paragraphs of 2-6 sentences until the word budget is spent
    budget = rng.randint(480, 720)
    paragraphs: list[str] = []
    words = 0
    while words < budget:
        para = " ".join(gen.sentence() for _ in range(rng.randint(2, 6)))
        words += len(para.split())
        paragraphs.append(para)
    if rng.random() < 0.3:
        paragraphs[0] = f"{lex.cities.draw(rng).upper()} — {paragraphs[0]}"

    lines: list[str] = []
    front_matter = rng.random() < 0.12
    if front_matter:
        lines += [
            "---",
            f"title: {title}",
            f"source: {source}",
            *([f"author: {authors[0]}"] if byline else []),
            f"published: {date.isoformat()}",
            f"url: https://{_slug(source, 3)}.example/{date.year}/{_slug(title)}",
            "---",
            "",
        ]
    elif rng.random() < 0.6:
        menu = _items(MENU)
        lines += rng.sample(menu, rng.randint(4, 14))
        lines += [""] * rng.randint(0, 4)
        if rng.random() < 0.5:
            lines.append(f"Reprints need the written consent of {source}")
            lines.append(f"© {date.year} {source}")
        lines.append("")
    if rng.random() < 0.3:
        section = rng.choice(_items(SECTIONS))
        lines.append(rng.choice((f"###### {section}", section.upper())))
    md = rng.random() < 0.35
    lines.append(f"# {title}" if md else title)
    if standfirst:
        lines.append(rng.choice((f"##### {standfirst}", f"> {standfirst}", standfirst)))
    if rng.random() < 0.25:
        lines.append(f"![image](images/{date:%Y%m%d}_{rng.randint(100, 999)}.jpg)")
    meta = [_date_line(rng, date)] + ([byline] if byline else [])
    rng.shuffle(meta)
    lines += meta
    lines.append("")

    tight = rng.random() < 0.3  # some scrapes lose blank lines between paragraphs
    for n, para in enumerate(paragraphs):
        lines.append(para + (" " if tight else ""))
        if not tight:
            lines.append("")
        if n == len(paragraphs) // 2 and rng.random() < 0.2:
            lines.append(rng.choice(("Advertisement", "Read more: " + gen.headline())))
            if not tight:
                lines.append("")
    if rng.random() < 0.7:
        lines += rng.sample(_items(TRAILERS), rng.randint(2, 6))
        lines.append(f"Views: {rng.randint(3, 9999)}")
        if rng.random() < 0.5:
            lines.append(f"Copyright © {date.year} {source}. All rights reserved.")
    text = "\n".join(lines).rstrip() + "\n"

    record = {
        "path": f"{_slug(source, 3)}/{i:05d}_{_slug(title)}.txt",
        "title": title,
        "source": source,
        "published": date.isoformat(),
        "words": words,
        "body": "\n\n".join(paragraphs),
    }
    return text, record


# --------------------------------------------------------------------------- corpus


def write_corpus(folder: Path, n: int, seed: int = SEED) -> list[dict]:
    """Write ``n`` articles under ``folder`` (replaced) and return the manifest records."""
    lex = Lexicon(seed)
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    records = []
    for i in range(n):
        text, record = article(i, lex, seed)
        path = tmp / record["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        del record["body"]
        records.append(record)
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return records


def _stamp(n: int, seed: int) -> str:
    return json.dumps({"version": VERSION, "n": n, "seed": seed})


def corpus(n: int, *, seed: int = SEED, data: Path = DATA) -> Path:
    """The folder of ``n`` generated articles, generating it only if missing or stale."""
    folder = data / f"corpus-{n}"
    stamp = data / f"corpus-{n}.stamp"
    manifest_path = data / f"corpus-{n}.manifest.json"
    if folder.is_dir() and stamp.exists() and stamp.read_text() == _stamp(n, seed):
        return folder
    data.mkdir(parents=True, exist_ok=True)
    records = write_corpus(folder, n, seed)
    manifest_path.write_text(json.dumps(records, ensure_ascii=False))
    stamp.write_text(_stamp(n, seed))
    return folder


def manifest(n: int, *, seed: int = SEED, data: Path = DATA) -> list[dict]:
    """Records of ``corpus(n)``: path (relative to the folder), title, source, published, words."""
    corpus(n, seed=seed, data=data)
    return json.loads((data / f"corpus-{n}.manifest.json").read_text())


def main(argv: Sequence[str] | None = None) -> int:
    import argparse
    import time

    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--show", type=int, metavar="I", help="print article I and exit")
    args = parser.parse_args(argv)
    if args.show is not None:
        sys.stdout.write(article(args.show, Lexicon(args.seed), args.seed)[0])
        return 0
    start = time.perf_counter()
    folder = corpus(args.n, seed=args.seed)
    print(f"{folder} ({args.n} articles, {time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
