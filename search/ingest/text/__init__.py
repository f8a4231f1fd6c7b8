"""Text files (``.txt``, ``.md``) to clean articles: decode, sanitise, strip web boilerplate,
find the article (the densest run of prose) and its title; dates, bylines and front matter
come from :mod:`search.ingest.meta`.

Every rule here is general: it describes what web boilerplate looks like (menus,
share prompts, copyright lines, image links, UI strings in another script), never
what one particular page says. A file that cannot be read becomes a
:class:`~search.model.Skipped` with a reason a user can act on; nothing raises.

One concern a module, each building only on those above it:

- :mod:`.decode`: bytes to text, sanitising (also used by the HTML and PDF readers);
- :mod:`.shapes`: words (a CJK character is one) and the shapes of a line: a name, prose, a label;
- :mod:`.markdown`: markup and hard wraps to display lines;
- :mod:`.furniture`: the wording rules, one line at a time;
- :mod:`.bylines`: who wrote it; :mod:`.source`: who published it;
- :mod:`.chrome`: which lines are furniture, alone and in runs (menus, lists, boxes);
- :mod:`.title`: the headline; :mod:`.head`: what stands between it and the story;
- :mod:`.body`: the densest run of prose, and its paragraphs;
- :mod:`.article`: :func:`parse_article`, those steps in order.

The names other modules use are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from ...cjk import is_cjk
from ...model import Article
from ...sentences import SENTENCE_END
from ..meta import (
    _BYLINE,
    _BYLINE_START,
    _DATE_FORMS,
    _DATELINE,
    _byline_names,
    find_date,
    is_date_line,
    parse_date,
    without_dates,
)
from .decode import IngestError, clean_line, decode, sanitise
from .markdown import _IMAGE, _LINK, _lines, _normalise
from .shapes import (
    _WORD,
    PART_SEPARATOR,
    _caseless,
    _closing_sentence,
    _date_part,
    _dated_short_line,
    _has_ascii_letter,
    _is_prose,
    _labels,
    _letters_script,
    _name_line,
    _reads_as_summary,
    _runs_on,
    _words,
)

__all__ = [
    "IngestError",
    "clean_line",
    "decode",
    "parse_article",
    "sanitise",
    "PART_SEPARATOR",
    "publisher_of",
    "says_furniture",
    "shown_byline",
]


# Words a page's furniture says on a line of its own ("Print", "Related", "Loading").
_UI_WORDS = re.compile(
    r"""^(?:share|shares|tweet|print|email|e-mail|save|bookmark|comments?|search|menu|close|open
      |subscribe|register|login|log\s*in|logout|sign\s*(?:in|up|out)|newsletters?|related|loading
      |advertisement|advertising|ads?|sponsored|promoted|listen|reprints?|more|next|previous|prev
      |home|top|back|cookies?|accept|reject|toggle|skip|print\s+this|copy|copy\s+link|link\s+copied
      |read\s+(?:more|next|also)|see\s+also|most\s+(?:read|popular|viewed)
      |trending(?:\s+now)?|popular(?:\s+now)?|latest(?:\s+news)?|top\s+stories|recommended
      |(?:share|follow)\s+(?:us|this)|(?:dark|light|night)\s+(?:mode|theme)
      |back\s+to\s+top|skip\s+to\s+(?:main\s+)?content|app\s+store|google\s+play)
      \W*$""",
    re.I | re.VERBOSE,
)
# Prompts of a few words that only page furniture says.
_PROMPT = re.compile(
    r"""(?:^|[\s?!.])(?:
        (?:liked|enjoyed|like)\s+(?:the|this)\s+(?:story|article|post)
      | share\s+(?:it|this|the\s+(?:story|article))\s+(?:on|via|with)\b
      | share\s+(?:this|on\s+(?:facebook|twitter|x|whatsapp|telegram|linkedin|social\s+media))
      | follow\s+(?:us|me)\s+on\b | join\s+us\s+on\b | subscribe\s+(?:to|for|now)\b
      | sign\s+up\s+(?:for|to)\s+(?:our|the)\s+newsletter | (?:download|get)\s+(?:our|the)\s+app
      | click\s+here | read\s+the\s+full\s+(?:story|article)
      | listen\s+to\s+(?:this|the)\s+(?:story|article)\b
      | (?:this|the)\s+article\s+(?:was|is)\s+(?:originally\s+)?(?:published|updated)\b
      | (?:image|photo|picture|video)\s*(?:source|credit)?\s*: | getty\s+images\b | \bafp\s+via\b
      | we\s+use\s+cookies | (?:accept|manage)\s+(?:all\s+)?cookies
      | (?:enable|turn\s+on|activate)\s+javascript | javascript\s+(?:is\s+)?(?:disabled|required|must\s+be)
      | comments\s+powered\s+by\b
      | ^(?:read\s+(?:more|also|next)|see\s+also|related|more\s+on\s+this(?:\s+story)?|watch|listen)\s*:
      | \bphotograph(?:y)?\s*: | \b(?:image|photo|picture)\s+(?:by|courtesy\s+of)\b
    )""",
    re.I | re.VERBOSE,
)
_LIST_HEADER = re.compile(
    r"^(?:related(?:\s+(?:articles|stories|content|news|topics|coverage))?|read\s+(?:more|also|next)|see\s+also"
    r"|more\s+(?:on\s+this\s+(?:story|topic)|from\s+\w+|stories)|most\s+(?:read|popular|viewed)|you\s+may\s+also\s+like"
    r"|recommended(?:\s+for\s+you)?|trending(?:\s+now)?|top\s+stories|explore\s+more(?:\s+on\s+these\s+topics)?)\s*:?\s*$",
    re.I,
)
#: Headings of what follows an article on a page: its comments, its author's bio, links to
#: the next post, a newsletter box. Nothing of the article comes after one of them.
_END_SECTION = re.compile(
    r"""^(?:\d+\s+)?(?:
        (?:leave\s+a|post\s+a|add\s+a|write\s+a)\s+(?:reply|comment|response)
      | comments?(?:\s+\(\d+\))? | \d+\s+(?:comments?|responses?|replies)
      | (?:responses?|replies)\s+to\b.* | join\s+the\s+(?:discussion|conversation)
      | about\s+the\s+authors? | (?:advertising|affiliate)\s+disclos\w* | about\s+(?-i:[A-Z][\w.'’-]+)(?:\s+(?-i:[A-Z][\w.'’-]+)){1,2}
      | (?:share|like)\s+this | post\s+navigation
      | (?:sign\s+up\s+for|subscribe\s+to)\s+(?:our|the)\s+\w+(?:\s+\w+)?
      | (?:get|receive)\s+(?:our|the)\s+\w+\s+newsletter | newsletter
    )(?:\s+cancel\s+reply)?\W*$""",
    re.I | re.X,
)
#: Headings of teaser lists, inside a story or after it ("Related posts", "Read next").
_SECTION = re.compile(
    r"""^(?:
        related(?:\s+(?:posts?|articles?|stories|content|reading|links|news))?
      | (?:you\s+(?:may|might)\s+also\s+(?:like|enjoy)|more\s+(?:stories|articles|from\s+.{1,40}))
      | (?:latest|recent|popular|trending|most\s+(?:read|popular|viewed))\s+(?:articles|posts|stories|news)
      | explore\s+further | further\s+reading | read\s+next | up\s+next
    )\W*$""",
    re.I | re.X,
)
#: What a page says to its reader around an article, in a paragraph of its own: newsletter
#: and app sign-ups, paywalls, comment forms, affiliate and advertising disclosures,
#: licence and platform footers.
_BLURB = re.compile(
    r"""\b(?:
        (?:our|the|a|weekly|daily|monthly|free)\s+(?:\w+\s+){0,3}newsletters?\b
      | newsletters?\s+(?:sign[\s-]?up|delivered|straight|every|for\s+free)
      | (?:straight|delivered|direct(?:ly)?\s+delivered|sent)\s+(?:\w+\s+){0,2}(?:to\s+)?your\s+inbox
      | in\s+your\s+inbox | direct(?:ly)?\s+to\s+your\s+inbox | delivered\s+(?:daily|weekly|every)
      | delivers\s+(?:daily|weekly)\s+(?:updates|news|briefings?)\b
      | straight\s+to\s+your\s+(?:phone|device|mobile)
      | never\s+miss\s+(?:a|an|our|the)?\s*(?:\w+\s+){0,2}(?:stor(?:y|ies)|updates?|issues?|headlines?)\b
      | stay\s+up[\s-]to[\s-]date\s+(?:on|with)\s+(?:our|the\s+latest)\s+(?:work|news|stories|coverage|updates|headlines)\b
      | (?:daily|weekly)\s+edition\s+by\s+e-?mail
      | sign(?:ing)?\s+up\s+(?:now|today|here|(?:for|to)\s+(?:our|my)\b)
      | subscribe\s+(?:now|today|here|to\s+our\b)
      | (?:already\s+a|become\s+a|for)\s+subscribers?\b | please\s+(?:subscribe|log\s*in|sign\s+in)
      | (?:email|e-mail)\s+address\s+will\s+not\s+be\s+published | required\s+fields\s+are\s+marked
      | save\s+my\s+name | notify\s+me\b | (?:send|email)\s+me\b | reduce\s+spam
      | i\s+(?:consent|agree)\s+to\s+(?:receiv|the\s+(?:terms|privacy))
      | (?:tell|let)\s+us\s+what\s+you\s+think | hear\s+what\s+you\s+think
      | download\s+(?:the|our)\s+\w*\s*apps?\b | protected\s+by\s+recaptcha
      | affiliate\s+(?:links?|program(?:me)?|commission) | qualifying\s+purchases
      | associates?\s+program(?:me)?
      | (?:we|may)\s+(?:may\s+)?(?:receive|earn)\s+(?:a\s+)?(?:compensation|commission)
      | advertising\s+disclos | advertising\s+disclaimer | (?:sponsored|paid)\s+(?:post|content)\b
      | content\s+is\s+licen[cs]ed | licen[cs]ed\s+under\s+(?:a|the)\b
      | rely\s+on\s+(?:your|our\s+readers[’']?)\s+support
      | (?:make|give)\s+(?:your|a)\s+(?:\w+\s+)?(?:contribution|donation|gift)\s+(?:now|today)
      | support\s+(?:our|independent|local)\s+(?:\w+\s+)?(?:journalism|newsroom)
      | funded\s+by\s+(?:\w+\s+){0,3}(?:member|reader)s?\s+(?:donations|support)
      | (?:donate|become\s+a\s+(?:member|supporter))\s+(?:now|today)
    )""",
    re.I | re.X,
)
#: Every _BLURB names one of these: a cheap test first (most lines name none).
_BLURB_KEYS = (
    "newsletter",
    "inbox",
    "sign",
    "subscri",
    "mail",
    "required",
    "save my",
    "notify",
    "send me",
    "tell us",
    "let us",
    "hear what",
    "download",
    "recaptcha",
    "affiliate",
    "associate",
    "spam",
    "consent",
    "agree",
    "qualifying",
    "compensation",
    "commission",
    "disclos",
    "disclaim",
    "sponsored",
    "paid",
    "licen",
    "deliver",
    "straight to",
    "never miss",
    "stay up",
    "please",
    "sent",
    "rely",
    "contribution",
    "donat",
    "gift",
    "journalism",
    "newsroom",
    "become",
    "funded",
)
#: A cookie notice: the site saying it uses cookies, a consent box's kinds of cookies and
#: what the site needs them for (asked only of a line that says "cookie").
_COOKIE_NOTICE = re.compile(
    r"""(?:this|our)\s+(?:web)?site\s+uses\s+cookies
      | (?:necessary|essential|functional|performance|analytics?|analytical|advertising
         |advertisement|marketing|targeting)\s+cookies\s+(?:are|help|allow|enable|collect)\b
      | cookies\b[^.]{0,60}\bfor\s+the\s+(?:web)?site\s+to\s+(?:function|work)""",
    re.I | re.X,
)


#: A consent box asking the reader: "your consent", "we use", "user consent prior to".
_CONSENT = re.compile(
    r"\b(?:your\s+(?:consent|preferences|browser|device|website)|user\s+consent|we\s+(?:use|set|ask)"
    r"|by\s+continuing|opt[\s-]out|accept\s+(?:all|cookies))\b",
    re.I,
)


#: Every _COPYRIGHT names one of these.
_COPYRIGHT_KEYS = ("©", "(c)", "copyright", "rights", "reproduction", "terms", "privacy")

#: Every _PROMPT names one of these.
_PROMPT_KEYS = (
    "like",
    "enjoyed",
    "share",
    "follow",
    "join",
    "subscribe",
    "sign",
    "app",
    "click",
    "read",
    "article",
    "image",
    "photo",
    "picture",
    "video",
    "getty",
    "afp",
    "cookie",
    "see",
    "related",
    "more",
    "watch",
    "listen",
    "javascript",
    "powered",
)


def _has_key(low: str, keys: tuple[str, ...]) -> bool:
    """Does the (lower-cased) line name one of ``keys``? A cheap test before a costly rule."""
    for key in keys:  # noqa: SIM110 (a plain loop: a generator cost more than the test saved)
        if key in low:
            return True
    return False


#: Counters and sorting controls of a page: "5 min read", "2 months ago", "Sorted by".
_META_UI = re.compile(
    r"^(?:\d+\s+min(?:ute)?s?\s+read"
    # "2 months ago", "Asked 8 years, 2 months ago", "Modified 3 days ago"
    r"|(?:asked|answered|modified|edited|updated|posted|active)?\s*(?:\d+\s+(?:seconds?|minutes?|hours?"
    r"|days?|weeks?|months?|years?),?\s+)+ago"
    r"|(?:proudly\s+)?powered\s+by\b.{0,40}|social\s+share|sort(?:ed)?\s+by(?:\s*:.*)?|show\s+(?:more|less|all)|load\s+more|view\s+(?:all|more)(?:\s+\w+)?)\W*$",
    re.I,
)
#: The first words of an author's bio: a name, then what the person is or does.
_BIO = re.compile(
    r"^(?-i:[A-Z][\w.'’-]+)(?:\s+(?-i:[A-Z][\w.'’-]+)){0,3}\s+"
    r"(?:is\s+(?:a|an|the)\b|has\s+(?:worked|written|been|covered|reported)\b|was\s+(?:a|an)\b"
    r"|writes\s+(?:about|for|on)\b|covers\b|reports\s+on\b|lives\s+in\b)",
    re.I,
)
_BIO_WORDS = re.compile(
    r"\b(?:reporter|editor|writer|journalist|professor|author|correspondent|contributor|expert"
    r"|columnist|fellow|graduate|degree|university|based\s+in|books?|covers|covered)\b",
    re.I,
)


#: What a bio says of its subject right after the name ("Ann Lee is", "ANN LEE has").
_BIO_VERB = re.compile(
    r",?\s+(?:is|was|has|had|writes|wrote|covers|reports|lives|joined|serves|works)\b", re.I
)
#: How long an author's bio may run.
_BIO_WORDS_MAX = 150


def _without_authors_bio(body_lines: list[str], author: str) -> list[str]:
    """The story without its author's bio, wherever the page sets it and in whatever words:
    a paragraph that opens with the byline's name (two words or more) and says what the
    person is or does ("Ann Lee is a reporter...", "ANN LEE has done many things")."""
    if len(_words(author)) < 2:
        return body_lines
    name, size = author.casefold(), len(author)
    kept = [
        p
        for p in body_lines
        if not (
            p[:size].casefold() == name
            and _BIO_VERB.match(p, size)
            and len(_words(p)) <= _BIO_WORDS_MAX
        )
    ]
    return kept or body_lines


def _named_beside_date(lines: Sequence[tuple[str, int]], title_index: int) -> str:
    """People's names alone on a line just below the headline, with the date on the line
    right before or after (a "|" between): a byline that shows no "By" ("Ann Lee, Tom
    Ekwall" over "November 8 2023, 3:18 p.m."), unless the page says who they are (a
    profile's subject; a writer's bio at the end has named the author already)."""
    below = [
        line
        for line, _ in lines[title_index + 1 : title_index + 1 + _BYLINE_BELOW]
        if _words(line)  # not a separator's line
    ]
    for k, line in enumerate(below):
        line = line.strip(" |•·")
        if not _name_line(line) or _UI_WORDS.match(line) or _ui_words_only(line):
            continue
        neighbours = below[max(k - 1, 0) : k] + below[k + 1 : k + 2]
        if any(is_date_line(other) for other in neighbours) and not _label_words(line):
            return "" if _says_who(line, lines[title_index + 1 :]) else line
    return ""


def _named_after_date(lines: Sequence[tuple[str, int]], title_index: int) -> str:
    """The name a credit line below the headline ends on, after its date: "The Harbour
    Gazette 02/10/2020 Ann Lee" (a news aggregator's line: the publisher, the date, the
    writer). Only a person's name, as :func:`_named_beside_date` takes it."""
    for line, _ in lines[title_index + 1 : title_index + 1 + _HEADLINE_REACH]:
        if len(_words(line)) > 10 or find_date(line) is None:
            continue
        ends = [m.end() for form in _DATE_FORMS for m in form.finditer(line)]
        name = line[max(ends) :].strip(" |•·,–—-") if ends else ""
        if (
            _name_line(name)
            and not _label_words(name)
            and not _UI_WORDS.match(name)
            and not _ends_on_a_place_word(name)
        ):
            return "" if _says_who(name, lines[title_index + 1 :]) else name
    return ""


def _ends_on_a_place_word(name: str) -> bool:
    """A place the line names, not a writer: its last word an everyday one ("Kensington
    Palace", "Jackson Heights", "Victoria Station"), as :func:`_site_owner` refuses."""
    from ...entities.typer import everyday

    words = _words(name)
    return bool(words) and bool(everyday(words[-1]))


def _says_who(name: str, lines: Sequence[tuple[str, int]]) -> bool:
    """Whether the page says who ``name`` is ("Ines Vardy is a professor of ..."): a
    profile's subject, named under its headline."""
    key = name.casefold()
    for line, _ in lines:
        if line[: len(key)].casefold() == key and _BIO_VERB.match(line, len(key)):
            return True
    return False


def _label_words(line: str) -> bool:
    """No writer's name: a section's or a button's label in capitals ("Editors Pick",
    "Create LICENSE": it opens with an everyday word that is no one's given name, or holds
    a word in capitals in a line that is not all capitals), a place ("New York", the
    dateline beside the date), a name the recogniser knows (a public figure's topic tag, a
    body), or a credit to an agency or a column ("Getty Images", "Guest Column")."""
    from ...entities.gazetteer import lookup  # the recogniser's lists, read once
    from ...entities.typer import everyday, places

    words = _words(line)
    shouting = line != line.upper() and any(len(w) > 2 and w.isupper() for w in words)
    if shouting or everyday(words[0]) > 0 or _CREDIT_WORD.search(line):
        return True
    for part in re.split(r",\s*|\s+and\s+|\s+&\s+", line):
        known = lookup(part)
        if part in places() or known is not None:  # a place, a body, a public figure's tag
            return True
    return False


#: The last word of a credit that names no person.
_CREDIT_WORD = re.compile(
    r"\b(?:images|photos?|pictures|press|news|media|column|desk|agency|wire|staff|team"
    r"|reports?|editors?|city|county|state)$",
    re.I,
)


def _named_below_and_in_bio(lines: Sequence[tuple[str, int]], title_index: int, last: int) -> str:
    """A name alone on a line just below the headline, when the page ends on a bio of that
    person ("Leah C. Stokes is an assistant professor ...", at the story's end or after
    it, ``last`` being its last line): the author, whose byline lost its "By" (set apart
    as an icon, or not there at all). A profile prints its subject's name below the
    headline too, and says who they are early in the story: no author."""
    below = lines[title_index + 1 : title_index + 1 + _BYLINE_BELOW]
    names = {line.casefold(): line for line, _ in below if _name_line(line)}
    if not names:
        return ""
    for i, (line, _) in enumerate(lines[title_index + 1 :], title_index + 1):
        m = _BIO_VERB.search(line)
        if not (m and _is_bio(line) and line[: m.start()].casefold() in names):
            continue
        if i >= last or _WRITER.search(line):  # at the end, or a writer's bio anywhere
            return names[line[: m.start()].casefold()]
    return ""


#: What a writer's bio says they do.
_WRITER = re.compile(
    r"\b(?:reporter|correspondent|journalist|writer|writes|editor|columnist|contributor)\b", re.I
)


def _is_bio(line: str) -> bool:
    """A short paragraph about a person and their work, in the bio's words."""
    return len(_words(line)) <= 60 and bool(_BIO.match(line)) and bool(_BIO_WORDS.search(line))


#: Lines that are never an article's title: calls to act, site chrome.
_FURNITURE_TITLE = re.compile(
    r"^(?:sign\s+(?:up|in|out)|log\s*(?:in|out)|subscribe|skip\s+to|(?:main\s+)?menu$|search$)"
    r"|\b(?:sign\s+up|subscribe)\b.*\bnewsletters?\b|\bnewsletters?\b.*\b(?:sign\s+up|subscribe)\b"
    r"|©|all\s+rights\s+reserved|^cookies?\b",
    re.I,
)
_BREADCRUMB = re.compile(
    r"^[^\W\d_][\w'’&. -]{0,30}(?:\s*[>›»|/]\s*[^\W\d_][\w'’&. -]{0,30}){1,6}$"
)
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\s*(?:©|\(c\)|\d{4})|(?:all|some)\s+rights\s+reserved|reproduction\s+(?:is\s+)?(?:prohibited|forbidden)|^(?:terms\s+of\s+(?:use|service)|privacy\s+policy)\W*$",
    re.I,
)
#: A copyright notice that can name the publisher: "© 2024 The Wire", "Copyright 2024 ...".
_NOTICE = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\s*(?:©|\(c\)|\d{4})|\ball\s+rights\s+reserved", re.I
)
#: A paragraph that opens with the copyright notice is the site's footer, however long.
_COPYRIGHT_START = re.compile(
    r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})|(?:some|all)\s+rights\s+reserved)", re.I
)
_COUNTER = re.compile(
    r"^(?:views?|reads?|likes?|shares?|comments?)\s*[:\-]?\s*[\d,.]+[km]?$|^[\d,.]+[km]?\s+(?:views?|reads?|likes?|shares?|comments?)$",
    re.I,
)
_SOCIAL = re.compile(
    r"^(?:twitter|x|youtube|instagram|facebook|telegram|whatsapp|linkedin|tiktok|reddit|vk|vkontakte|pinterest|threads|bluesky|mastodon|rss|flipboard|messenger|viber|line|wechat|weibo)$",
    re.I,
)
#: Template and style junk a scrape leaves on a line of its own: "{{ share_count }}",
#: "{% block ad %}", a class name ("nav_toggle", "share-bar-top").
_TEMPLATE = re.compile(
    r"^(?:\{\{.*\}\}|\{%.*%\}|[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*_[a-z0-9]+|[a-z]+(?:-[a-z]+){2,})$"
)
_FONT_BUTTON = re.compile(r"^[aA][+-]$|^[+-]?[aA]{1,2}$")
#: A site's name as its domain ("Caliber.az", "corriere.it", "bbc.co.uk"): any well-formed
#: host name, but not a file's name ("report.pdf").
#: Its top-level part is written as a word is ("Axios.com", "Yahoo.Com", "BBC.CO.UK"),
#: never in an identifier's camel case ("Implicit88.GeneralName").
_DOMAIN = re.compile(
    r"\b((?:[A-Za-z][A-Za-z0-9-]{0,61}\.)+(?!(?:pdf|html?|php|aspx?|jsp|jpe?g|png|gif|svg|webp"
    r"|txt|md|js|css|docx?|xlsx?|pptx?|zip|mp[34]|mov|ya?ml|json|xml|csv|toml|ini|cfg|conf|log"
    r"|lock|exe|dll|tar|t?gz|bz2|iso|dmg|apk|ipynb)\b)(?-i:[a-z]{2,24}|[A-Z][a-z]{1,23}|[A-Z]{2,24}))\b(?![.@\w-]*@)",
    re.I,
)
#: Host names reserved for examples and tests (RFC 2606, RFC 6761): a manual's sample
#: address ("dNSName example.org"), never a publisher.
_RESERVED_HOST = re.compile(
    r"(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost|local)$"
)
#: Top-level domains a news site's name may end in besides a country's two letters.
_GENERIC_TLDS = frozenset(
    [
        "com",
        "net",
        "org",
        "edu",
        "gov",
        "mil",
        "int",
        "info",
        "biz",
        "io",
        "co",
        "app",
        "dev",
        "news",
        "blog",
        "media",
        "press",
        "tv",
        "fm",
        "ai",
        "me",
        "xyz",
        "online",
        "site",
        "live",
        "tech",
        "world",
        "today",
        "global",
        "asia",
        "africa",
        "nyc",
        "london",
        "berlin",
        "paris",
        "tokyo",
        "google",
    ]
)
#: Two letters that end a file's name more often than a site's ("__init__.py", "run.sh").
#: (A country's code too: Paraguay's "abc.com.py" has a part between; Poland's .pl,
#: Serbia's .rs and Palestine's .ps are news sites' more often than files.)
_CODE_SUFFIXES = frozenset(["py", "sh", "rb", "cs", "ts", "js", "go", "md"])
#: Services whose names any site's furniture gives (a share button, "Powered by", an image
#: host, an affiliate link): never the publisher of the story around them.
_SERVICE_HOSTS = re.compile(
    r"(?:^|\.)(?:wordpress|blogger|blogspot|disqus|gravatar|facebook|fb|twitter|x|instagram"
    r"|youtube|youtu|linkedin|pinterest|tiktok|whatsapp|telegram|reddit|redd|imgur|flickr"
    r"|giphy|google|googleapis|apple|amazon|amzn|bit|t|feedburner|addthis|sharethis"
    r"|cloudflare|jsdelivr|gstatic)\.[a-z.]+$"
)


def publisher_of(url: str) -> str:
    """The publisher a web address names, as a page's furniture writes its site
    ("https://www.caliber.az/post/x" -> "Caliber.az"): its host without "www.", when that
    could be a publisher's (:func:`_site_host`); "" for another address."""
    host = _URL_HOST.match(url.strip())
    if not host:
        return ""
    name = host.group(1).lower().rstrip(".")
    name = re.sub(r"^www\d*\.", "", name)
    if "." not in name or _RESERVED_HOST.search(name) or not _site_host(name):
        return ""
    return name[:1].upper() + name[1:]


_URL_HOST = re.compile(
    r"(?i)^(?:https?://)?(?:[^/@\s]*@)?([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::\d+)?(?:[/?#]|$)"
)


def _site_host(host: str) -> bool:
    """Whether a host name (lower case) could be a publisher's: a real top-level domain,
    not a code file's suffix, not a third-party service's."""
    tld = host.rsplit(".", 1)[-1]
    code = tld in _CODE_SUFFIXES and host.count(".") < 2
    if not (tld in _GENERIC_TLDS or (len(tld) == 2 and not code)):
        return False
    return not _SERVICE_HOSTS.search(host)


def _is_chrome(line: str, foreign: bool) -> bool:
    """Web-page furniture rather than article text."""
    words = len(_words(line))
    if words == 0:
        return True
    if _script_residue(line):
        return True
    if says_furniture(line, words):
        return True
    if words > 30 and line[0] in "©(cCsSaA" and _COPYRIGHT_START.match(line):
        return True
    if words <= 4 and (_UI_WORDS.match(line) or _COUNTER.match(line)):
        return True
    if (
        words <= 12
        and _BREADCRUMB.match(line)
        and not SENTENCE_END.search(line)
        and not _BYLINE.match(line)
    ):
        return True
    if words <= 60 and _BIO.match(line) and _BIO_WORDS.search(line):  # an author's bio
        return True
    if words <= 6 and (_SECTION.match(line) or _END_SECTION.match(line) or _META_UI.match(line)):
        return True
    if words <= 40 and line[:1] in _COMMENTS_TITLE_START and _COMMENTS_TITLE.match(line):
        return True
    if words <= 2 and _SOCIAL.match(line):
        return True
    if 2 <= words <= 8 and line[-1:] not in ".!?" and _ui_words_only(line):
        return True
    if words <= 2 and _FONT_BUTTON.match(line):
        return True
    if words <= 12 and _post_link(line):
        return True
    if words <= 12 and _TEMPLATE.match(line):
        return True
    if not line.isascii() and _cjk_menu(line):
        return True
    return foreign and words <= 12


#: What separates a menu's entries: spaces (an ideographic one among them), bars, dots.
_MENU_SEPARATOR = re.compile(r"[\s|｜・/／>＞»›]+")
#: Punctuation of Chinese and Japanese sentences, which no menu has.
_CJK_SENTENCE_MARKS = re.compile(r"[、。，！？：；「」『』（）]")


def _cjk_menu(line: str) -> bool:
    """A row of Chinese or Japanese links: these write a sentence with no space, so four
    or more short entries in those scripts set apart by spaces or bars, with no sentence's
    punctuation, are a menu ("ホーム ニュース 政治 経済", "首页 | 国内 | 国际 | 财经")."""
    parts = [part for part in _MENU_SEPARATOR.split(line) if part]
    return (
        4 <= len(parts) <= 16
        and all(is_cjk(part) and len(_words(part)) <= 6 for part in parts)
        and not _CJK_SENTENCE_MARKS.search(line)
    )


def _script_residue(line: str) -> bool:
    """A page's script or template left as text: a statement of minified JavaScript
    ("(function() { document.addEventListener(..."), a template's tags ("{{#message}}..."),
    or the fields of a JSON object ("","ShareUrlFormat":"//pinterest.com/...")."""
    if _SCRIPT.match(line) and line.count(";") + line.count("}}") >= 3:
        return True
    return sum(line.count(pair) for pair in _JSON_PAIRS) >= 3


_SCRIPT = re.compile(
    r"\(\s*function\s*\(|!function\s*\(|(?:var|let|const)\s+[\w$]+\s*="
    r"|(?:window|document)\.[\w$]+|jQuery\(|\$\(\s*(?:document|window|['\"‘“])|\{\{[#^/!>]"
)
#: A JSON field's end and the next one's start, as written and as Markdown's quotes show it.
_JSON_PAIRS = ('":"', "”:”", '","', "”,”")


def says_furniture(line: str, words: int | None = None) -> bool:
    """A paragraph that says what only a page's furniture says: a copyright notice, a
    newsletter or donation appeal, a comment form, an affiliate disclosure, a share
    prompt. The wording alone decides, not the paragraph's length or shape (``words``:
    its count of words, when the caller has it)."""
    if words is None:
        words = len(_words(line))
    if words > 45:
        # A consent box explains its kinds of cookies at length, to the reader; a news
        # story about cookies quotes such notices and speaks of readers in the third person.
        # A site's notice says so in its first words: "This website uses cookies ...".
        return (
            words <= 80
            and "cookie" in line.lower()
            and not any(q in line for q in '"“”')
            and bool(_COOKIE_NOTICE.search(line))
            and bool(_CONSENT.search(line))
        ) or (words <= 200 and bool(_SITE_NOTICE.match(line)))
    low = line.lower()
    if words <= 30 and _has_key(low, _COPYRIGHT_KEYS) and _COPYRIGHT.search(line):
        return True
    if words <= 14 and _has_key(low, _PROMPT_KEYS) and _PROMPT.search(line):
        return True
    if "cookie" in low and _COOKIE_NOTICE.search(line):
        return True
    if _has_key(low, _BLURB_KEYS) and _BLURB.search(line):
        # A story may report someone's own pitch ("the company said it would send alerts
        # direct to your inbox ..."): told in a sentence of the story, not made.
        return not (words > 20 and _REPORTED.search(low))
    return False


#: Words that report what someone said: a story's, not a box's.
_REPORTED = re.compile(r"\b(?:said|says|told|according to)\b")
#: A blog's heading of its comments, the post's title quoted in it, however long: "11
#: responses to “Title”", "5 thoughts on “Title”", "One comment on “Title”".
_COMMENTS_TITLE = re.compile(
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:thoughts?|responses?"
    r"|comments?|replies|reply|reactions?)\s+(?:on|to)\s+[“\"‘'«]",
    re.I,
)
_COMMENTS_TITLE_START = frozenset("0123456789OoTtFfSsEeNn")
#: The heading of a page's comments ("Comments", "3 Comments", "Leave a Reply").
_COMMENTS_HEADING = re.compile(
    r"^(?:[|•·]\s*)?(?:\d+\s+)?(?:comments?|responses?|replies|reader\s+comments"
    r"|(?:leave|post|add)\s+a\s+(?:comment|reply))\b",
    re.I,
)
#: A notice in the site's own voice, however long: its cookies, its affiliate links.
_SITE_NOTICE = re.compile(
    r"(?:this|our)\s+(?:web\s?)?site\s+(?:uses\s+cookies|participates\s+in|is\s+a\s+participant\s+in"
    r"|(?:may\s+)?earns?\s+(?:a\s+)?(?:commission|revenue))|we\s+use\s+cookies\b"
    r"|as\s+an\s+amazon\s+associate",
    re.I,
)


#: The words of a page's controls: a short line made of these is a row of buttons or links
#: ("Terms of Use Privacy", "Dark Mode Go Top", "Account Settings Contact Us Log Out").
_UI_VOCABULARY = frozenset(
    [
        "share",
        "sharing",
        "print",
        "email",
        "e-mail",
        "mail",
        "close",
        "open",
        "menu",
        "search",
        "home",
        "login",
        "logout",
        "log",
        "in",
        "out",
        "sign",
        "up",
        "register",
        "subscribe",
        "settings",
        "account",
        "contact",
        "us",
        "about",
        "privacy",
        "policy",
        "terms",
        "of",
        "use",
        "cookie",
        "cookies",
        "dark",
        "light",
        "mode",
        "theme",
        "go",
        "top",
        "back",
        "next",
        "previous",
        "prev",
        "more",
        "options",
        "pin",
        "it",
        "save",
        "comments",
        "comment",
        "reply",
        "follow",
        "tweet",
        "my",
        "reviews",
        "profile",
        "download",
        "upgrade",
        "edit",
        "copy",
        "link",
        "url",
        "copied",
        "extra",
        "newsletter",
        "newsletters",
        "sitemap",
        "help",
        "faq",
        "advertise",
        "careers",
        "skip",
        "to",
        "content",
        "main",
        "navigation",
        "toggle",
        "view",
        "all",
        "show",
        "hide",
        "facebook",
        "twitter",
        "instagram",
        "linkedin",
        "youtube",
        "whatsapp",
        "telegram",
        "rss",
        "feed",
        "app",
        "apps",
        "store",
        "and",
        "the",
    ]
)


def _ui_words_only(line: str) -> bool:
    words = [w.lower() for w in _words(line)]
    ui = sum(1 for w in words if w in _UI_VOCABULARY)
    # "and", "the", "of", "to" alone make no row of buttons
    content = sum(1 for w in words if w not in {"and", "the", "of", "to", "it", "in", "us"})
    return content > 0 and ui >= len(words) * 0.8 and ui - (len(words) - content) >= 2


def _mark_lists(lines: Sequence[tuple[str, int]], chrome: list[bool], start: int = 0) -> set[int]:
    """Under a "Related" or "Read more" heading, the headlines that follow are links, up to
    a sentence, a long line or the heading of the next section (a comment form's "Leave a
    reply" is no headline: it keeps its own cost in :func:`_main_run`). Returns the lines
    of those lists (the heading's own line aside)."""
    boxed: set[int] = set()
    i = start
    while i < len(lines):
        if _LIST_HEADER.match(lines[i][0]) or _SECTION.match(lines[i][0]):
            chrome[i] = True
            j = i + 1
            while j < len(lines) and (
                (
                    not SENTENCE_END.search(lines[j][0])
                    and len(_words(lines[j][0])) <= 14
                    and not _END_SECTION.match(lines[j][0])
                )
                or _teaser_before_card(lines, j)
            ):
                chrome[j] = True
                boxed.add(j)
                j += 1
            i = j
        else:
            i += 1
    return boxed


#: How long a teaser's summary under a related story's headline may be.
_TEASER_WORDS = 45


def _teaser_before_card(lines: Sequence[tuple[str, int]], j: int) -> bool:
    """A related story's summary, the next card right after it: its date, or its writer's
    name over its date ("Ann Lee", "November 14, 2019")."""
    if len(_words(lines[j][0])) > _TEASER_WORDS or j + 2 >= len(lines):
        return False
    after = lines[j + 1][0]
    return is_date_line(after) or (_name_line(after) and is_date_line(lines[j + 2][0]))


def _mark_menus(lines: Sequence[tuple[str, int]], chrome: list[bool]) -> None:
    """Three or more short lines in a row that do not end like sentences: a menu."""
    run: list[int] = []
    for i, (line, level) in enumerate([*lines, ("", 0)]):
        if (
            i < len(lines)
            and not level
            and len(_words(line)) <= 3
            and not SENTENCE_END.search(line)
            and not _BYLINE.match(line)
            and not _dashed_byline(line)
            and not is_date_line(line)
        ):
            run.append(i)
            continue
        if len(run) >= 3 and _labels(lines[j][0] for j in run):
            for j in run:
                chrome[j] = True
        run = []


def _title_like(line: str) -> bool:
    words = _words(line)
    if not 2 <= len(words) <= 30 or len(line) > 250:
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and not all(c.isupper() for c in letters)


def parse_article(
    text: str,
    *,
    id: str,
    path: str = "",
    meta: dict[str, str] | None = None,
    fingerprint: str = "",
    notes: tuple[str, ...] = (),
    markdown: bool = False,
) -> Article:
    """Clean text (already decoded) to an :class:`Article`; ``markdown`` for a ``.md``
    file (its straight quotes are rendered as typographic ones).

    ``meta`` (from a sidecar file) and any front matter override what we guess; the
    sidecar wins over the front matter (it is how a file is corrected without editing it).
    Raises :class:`IngestError` when no article text is left.
    """
    text, front = _normalise(text)
    given = {**front, **(meta or {})}
    lines, linky, numbers, items = _lines(text, markdown)
    if not lines:
        raise IngestError("no text left after removing markup")
    chrome = _mark_chrome(lines)
    running_text = [_is_prose(line) and _runs_on(line, level) for line, level in lines]
    prose = [not chrome[i] and running_text[i] for i in range(len(lines))]
    boxed: set[int] = set()
    if any(prose):  # "Related" lists inside the story (the header has its own rules)
        boxed = _mark_lists(lines, chrome, prose.index(True))
        prose = [not chrome[i] and running_text[i] for i in range(len(lines))]
    first, last = _whole_lists(_main_run(lines, chrome, prose, linky, boxed), items, chrome, linky)

    head = [(i, lines[i]) for i in range(first) if not chrome[i]]
    title, title_index = _headline_under_tagline(lines, first, head, linky)
    if title_index >= 0:  # the story begins under it, past the headline set twice
        first = title_index + 1
        while first < last and (chrome[first] or lines[first][0].casefold() == title.casefold()):
            first += 1
        head = [(i, lines[i]) for i in range(first) if not chrome[i]]
    else:
        title, title_index = _find_title(lines, head, chrome, first)
    if first <= title_index < last:  # a headline that reads like a sentence began the run
        first = title_index + 1
        while first < last and not prose[first]:
            first += 1
        head = [(i, lines[i]) for i in range(first) if not chrome[i]]
    opening = _opening_above(lines, chrome, first, title_index)
    if opening < first:
        first = opening
        head = [(i, lines[i]) for i in range(first) if not chrome[i]]
    date, author, standfirst = _head_metadata(head, title_index)
    title, run_in_date = _without_controls_and_date(title)
    date = date or run_in_date
    if date is not None and title_index >= 0 and not _dated_below(head, title_index):
        # A masthead's today or a breadcrumb's date above the headline: a date line that
        # opens the story (its byline's block, under a summary) says when it was published.
        date = _opening_date(lines, chrome, first, last) or date
    body_lines, date, author = _body(
        lines, chrome, prose, (first, last), title_index, (date, author), numbers
    )
    comments = False  # past the comments' heading, a "Posted by" is a commenter's
    for i in range(last + 1, len(lines)):
        line = lines[i][0]
        comments = comments or bool(_COMMENTS_HEADING.match(line))
        if chrome[i]:
            continue
        footer = not comments and line[:6].lower() == "posted"  # a blog's footer
        if not author and _BYLINE.match(line):
            author = _byline_names(line)
        elif not author and footer:
            author = shown_byline([line]) or _footer_author(line)
            author = "" if author.casefold() in ("anonymous", "unknown") else author
        elif date is None and is_date_line(line):
            date = find_date(line)
        if date is None and footer and _dated_short_line(line):  # "Posted on May 2, 2019 ..."
            date = find_date(line)
    if not body_lines:
        raise IngestError("no article text found (only headings, menus or links)")
    if not author and title_index >= 0:  # "Posted on May 2, 2019 by Kay", "yas! | By Cara"
        below = title_index + 1
        author = shown_byline([line for line, _ in lines[below : below + _BYLINE_BELOW]])
    if not author and "](" in text:
        author = _author_link(text)
    if not author and title_index >= 0:
        author = (
            _named_below_and_in_bio(lines, title_index, last)
            or _named_beside_date(lines, title_index)
            or _named_after_date(lines, title_index)
        )
    if not author:  # a personal site: "© 2012-2020 Ann Lee. All rights reserved."
        author = _site_owner([line for line, _ in lines[last + 1 :]])
    body_lines = _without_authors_bio(body_lines, author)
    if markdown and "’" in author and author not in text:  # the name as the file spells it
        author = author.replace("’", "'")  # "O'Callaghan", not as the story's quotes show
    if date is None:  # "CANBERRA, 3 March 2025 — The government said...": the dateline's date
        dateline = _DATELINE.match(body_lines[0])
        date = find_date(dateline.group(1)) if dateline else None
    standfirst = _summary_into_body(standfirst, head, body_lines)

    url = clean_line(given.get("url", ""))
    source = clean_line(given.get("source", "")) or _guess_source(
        lines, chrome, [line for line, _ in lines[last + 1 :]] + [line for line, _ in lines[:first]]
    )
    return Article(
        id=id,
        path=path,
        title=clean_line(given.get("title", "")) or title,
        standfirst=clean_line(given.get("standfirst", "")) or standfirst,
        author=clean_line(given.get("author", "")) or author,
        source=source or publisher_of(url),
        published=parse_date(given.get("published", "")) or date,
        url=url,
        body="\n\n".join(body_lines),
        fingerprint=fingerprint,
        notes=notes,
    )


def _opening_above(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], first: int, title_index: int
) -> int:
    """What right above the first paragraph (past images only) opens the article, as it
    would stand in it anywhere inside: its own subheading (a headline-shaped deck is the
    standfirst instead, :func:`_standfirst_like`), or a short sentence, as a story may end
    on one (:func:`_closing_sentence`). Returns the article's first line."""
    k = first - 1
    while k > title_index and not _words(lines[k][0]):
        k -= 1
    if k <= title_index or chrome[k]:
        return first
    line, level = lines[k]
    if title_index >= 0 and line.casefold() == lines[title_index][0].casefold():
        return first  # the headline set again
    if not level:
        return k if _closing_sentence(line, False) else first
    if is_date_line(line) or _is_credit(line) or _standfirst_like(line, level):
        return first
    return k


def _summary_into_body(
    standfirst: str, head: Sequence[tuple[int, tuple[str, int]]], body_lines: list[str]
) -> str:
    """A plain line that reads as a summary under the headline is the story's opening (a
    page's deck): it goes first in the body, and the standfirst is left empty. Only a
    summary set apart (a subheading, front matter) stays the standfirst."""
    if (
        standfirst
        and _reads_as_summary(standfirst)
        and any(line == standfirst and not level for _, (line, level) in head)
    ):
        body_lines.insert(0, standfirst)
        return ""
    return standfirst


def _mark_chrome(lines: Sequence[tuple[str, int]]) -> list[bool]:
    """Which lines are page furniture, judged each alone and then as runs of short lines."""
    scripts = _letters_script(" ".join(line for line, _ in lines)[:20000])
    main_script = scripts.most_common(1)[0][0] if scripts else "LATIN"

    def foreign(line: str) -> bool:
        if line.isascii() or len(_words(line)) > 12:
            # (a line of numbers, "2024/03/05 10:30", is in no script)
            return main_script != "LATIN" and line.isascii() and _has_ascii_letter(line)
        counts = _letters_script(line)
        total = sum(counts.values())
        return total > 0 and counts.get(main_script, 0) < total * 0.5

    chrome = [_is_chrome(line, foreign(line)) for line, _ in lines]
    _mark_menus(lines, chrome)
    _mark_newsletter_pitches(lines, chrome)
    _mark_author_boxes(lines, chrome)
    return chrome


_ABOUT_AUTHOR = re.compile(r"^about\s+the\s+(?:authors?|writers?|contributors?)\W*$", re.I)
#: How far below its heading an author box's bio may stand (the name, a role between).
_ABOUT_REACH = 3


def _mark_author_boxes(lines: Sequence[tuple[str, int]], chrome: list[bool]) -> None:
    """Under an "About the author" heading, the paragraph that says who the writer is
    ("Ann has worked as a reporter since 2007 ...", "Ann Lee is ..."): the author's box,
    wherever it stands, in whatever words it goes on."""
    for i, (line, _) in enumerate(lines):
        if len(line) > 30 or not _ABOUT_AUTHOR.match(line):
            continue
        for j in range(i + 1, min(len(lines), i + 1 + _ABOUT_REACH)):
            line = lines[j][0]
            if chrome[j] or (len(_words(line)) <= 4 and not SENTENCE_END.search(line)):
                continue  # the writer's name, their role
            chrome[j] = _says_who_they_are(line)
            break


def _says_who_they_are(line: str) -> bool:
    """A bio's opening: a name of one to four capitalised words, then what the person is or
    does ("Ann has worked as", "Ann Lee, is")."""
    words = line.split()
    if len(words) > _BIO_WORDS_MAX:
        return False
    for k in range(1, min(5, len(words))):
        if not words[k - 1][:1].isupper():
            return False
        if _BIO_VERB.match(" " + " ".join(words[k:])):
            return True
    return False


#: How long a newsletter box's pitch may be: a sentence.
_PITCH_WORDS = 30
#: A sentence's end with another after it.
_TWO_SENTENCES = re.compile(r"[.!?][\"”’)]?\s+\S")


def _mark_newsletter_pitches(lines: Sequence[tuple[str, int]], chrome: list[bool]) -> None:
    """A newsletter box: its heading ("Sign up for the Harbour Weekly newsletter"), one
    sentence saying what the letter brings ("The week's shipping news, every Friday."),
    then its field or button ("Email", "Sign Me Up"). The sentence between is the box's,
    wherever the box stands, even inside a story."""
    for i in range(len(lines) - 2):
        heading = lines[i][0]
        if not chrome[i] or "newsletter" not in heading.lower() or len(_words(heading)) > 10:
            continue
        j = i + 1
        pitch = lines[j][0]
        words = len(_words(pitch))
        if chrome[j] or not 0 < words <= _PITCH_WORDS or _TWO_SENTENCES.search(pitch):
            continue
        control = lines[j + 1][0]
        if 0 < len(_words(control)) <= 4 and not SENTENCE_END.search(control):
            chrome[j] = True


#: What a line adds to the article's run: prose counts its words; furniture costs.
_CHROME_COST = 5
_LINK_COST = 2
_SECTION_COST = 12
_END_COST = 60


def _main_run(
    lines: Sequence[tuple[str, int]],
    chrome: Sequence[bool],
    prose: Sequence[bool],
    linky: Sequence[bool],
    boxed: set[int] = frozenset(),  # type: ignore[assignment]
) -> tuple[int, int]:
    """The article: the densest run of prose paragraphs (a maximum-sum run, in one pass).

    A paragraph of running text adds its words; furniture, link lines and other short
    lines cost a little, and a furniture section's heading ("Related posts", "Leave a
    reply") costs much: only more article on the far side would make it worth crossing.
    """
    if not any(prose):  # short paragraphs only: everything after the title not chrome
        return 0, len(lines) - 1
    best, best_span = float("-inf"), (0, 0)
    total, start = 0.0, 0
    for i, (line, _level) in enumerate(lines):
        words = len(_words(line))
        short = words <= 8  # a section's heading is a few words
        if prose[i]:
            gain = float(words)
        elif i in boxed:  # the headlines under a "Related" heading, which paid for them
            gain = 0.0
        elif (short and _END_SECTION.match(line)) or _COMMENTS_TITLE.match(line):
            gain = -_END_COST
        elif short and (_SECTION.match(line) or _LIST_HEADER.match(line)):
            gain = -_SECTION_COST
        elif not words and i and not _words(lines[i - 1][0]):
            gain = 0.0  # a gallery of images costs as one piece of furniture, not one each
        elif chrome[i]:
            gain = -_CHROME_COST
        elif linky[i]:
            gain = -_LINK_COST
        else:  # a short line's worth: its items set apart by spaces, whatever its script
            gain = min(len(_WORD.findall(line)), 14) / 14 - 0.5
        if total <= 0:
            total, start = 0.0, i
        total += gain
        if total > best:
            best, best_span = total, (start, i)
    first, last = best_span
    while first < last and not prose[first]:
        first += 1
    while last > first and not prose[last]:
        last -= 1
    # An author's bio closing the page is not the story ("Ann Lee is a reporter at ...").
    while last > first and _is_bio(lines[last][0]):
        last -= 1
        while last > first and not prose[last]:
            last -= 1
    # A story often ends on a short sentence ("He declined to comment.").
    while last + 1 < len(lines) and _closing_sentence(lines[last + 1][0], chrome[last + 1]):
        last += 1
    return first, _introduced(lines, chrome, linky, _up_to_footer_credit(lines, chrome, last))


#: How many lines after a post's last paragraph its footer credit may stand.
_FOOTER_REACH = 8


def _up_to_footer_credit(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], last: int
) -> int:
    """A blog's footer credit ("Posted by Ann Lee at 2:33 PM") closes its post: what lies
    between the last paragraph and it, with no furniture between (a list of references, a
    postscript), is the post's. Returns the post's new last line. A teaser's "By Ann Lee"
    is no post's end."""
    for k in range(last + 1, min(len(lines), last + 1 + _FOOTER_REACH)):
        line = lines[k][0]
        if chrome[k] or _heading_of_more(line):
            break
        if line[:6].lower() == "posted" and (_is_byline(line) or shown_byline([line])):
            return k - 1
    return last


def _whole_lists(
    span: tuple[int, int], items: set[int], chrome: Sequence[bool], linky: Sequence[bool]
) -> tuple[int, int]:
    """A list the article's run begins or ends inside is the article's whole: the agenda
    whose one long item was the run's paragraph, a list of steps. Items that are furniture
    or links (a list of teasers set right after) stay out."""
    first, last = span

    def joins(i: int, j: int) -> bool:
        return i in items and 0 <= j < len(chrome) and j in items and not chrome[j] and not linky[j]

    while joins(first, first - 1):
        first -= 1
    while joins(last, last + 1):
        last += 1
    return first, last


def _introduced(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], linky: Sequence[bool], last: int
) -> int:
    """A story that ends on a sentence with a colon ("In short:", "as follows:") goes on
    with what it introduces: the code, list or quotation below, up to the page's
    furniture. Returns the story's new last line."""
    j = last + 1
    if j < len(lines) and not chrome[j] and _introduces(lines[j][0]):
        j += 1  # the introducing sentence itself, short as it may be
    if not _introduces(lines[j - 1][0]):
        return last
    while j < len(lines) and not chrome[j] and not linky[j] and not _heading_of_more(lines[j][0]):
        j += 1
    return j - 1


def _introduces(line: str) -> bool:
    words = _words(line)
    return (
        line.endswith(":")
        and len(words) >= 3
        and sum(1 for w in words if w[0].islower() or _caseless(w)) >= len(words) * 0.5
    )


def _heading_of_more(line: str) -> bool:
    """A heading of what follows a story: comments, related links, a newsletter box."""
    return len(_words(line)) <= 8 and bool(
        _END_SECTION.match(line) or _SECTION.match(line) or _LIST_HEADER.match(line)
    )


def _find_title(
    lines: Sequence[tuple[str, int]],
    head: Sequence[tuple[int, tuple[str, int]]],
    chrome: Sequence[bool],
    first: int,
) -> tuple[str, int]:
    """A level-1 heading, else the last title-like line of the header before the body."""
    # A page's masthead may be a level-1 heading too ("# KBS WORLD"): the headline is the
    # last one above the article.
    opening = lines[first][0] if first < len(lines) else ""
    headings = [
        (i, line) for i, (line, level) in head if level == 1 and _heading_title(line, opening)
    ]
    if headings:
        return headings[-1][1], headings[-1][0]
    anchored = _title_above_byline(lines, chrome, first)
    if anchored[1] >= 0:
        return anchored
    # The header is the run of lines just before the body that no page furniture
    # interrupts: headline, then perhaps a summary, a byline and a date.
    end = first
    while end > 0 and chrome[end - 1]:
        end -= 1
    start = end
    while start > 0 and not chrome[start - 1]:
        start -= 1
    candidates = [(i, line) for i, (line, _level) in head if i >= start and _title_candidate(line)]
    if not candidates:  # no clean header: the last headline-like line before the body
        candidates = [(i, line) for i, (line, _level) in head if _title_candidate(line)][-1:]
    candidates = _kicker_dropped(candidates)
    # In Markdown the headline is set as a heading: the header's highest one (the first of
    # that rank) beats the plain lines around it (a button's "Get the App", a site label),
    # unless it reads as the summary under a plain headline (a deck set as "##").
    headed = [
        (lines[i][1], n, (i, line))
        for n, (i, line) in enumerate(candidates)
        if lines[i][1] and not _reads_as_summary(line)
    ]
    if headed:
        i, line = min(headed)[2]
        return line, i
    if candidates:
        return candidates[0][1], candidates[0][0]
    return "", -1


#: A page's controls a headline may run into on one line, before its date.
_TITLE_CONTROLS = frozenset(
    (
        "share",
        "print",
        "email",
        "e-mail",
        "mail",
        "tweet",
        "save",
        "comment",
        "comments",
        "adjust",
        "bookmark",
        "listen",
        "copy",
        "link",
    )
)


def _without_controls_and_date(title: str) -> tuple[str, dt.date | None]:
    """A headline a clipper ran into its row of buttons and its date on one line ("Port
    reopens Share Print May 2, 2024"): the headline alone, and the date. Only when such
    controls stand between them: a headline may end on a date of its own.

    A button's label is capitalised, and the row is read back over the labels only (not
    over a sentence's "to", "the" or "in"): two of them at least ("Adjust Share"), or one
    after a word in small letters, a headline in sentence case, where a capital marks the
    label ("... as talks stall Share"). A headline's own words stay: "Residents have until
    Friday to comment June 30, 2025" is a deadline, "... votes to keep the link" no button."""
    words = title.split()
    if len(words) < 5 or not title[-1:].isdigit():  # most headlines: a cheap no
        return title, None
    start = -1
    for k in range(len(words) - 1, max(0, len(words) - 8), -1):
        if is_date_line(" ".join(words[k:])):
            start = k
    if start < 0:
        return title, None
    while start < len(words) - 1 and _is_control_label(words[start]):  # "Share May 2, 2024"
        start += 1
    date = find_date(" ".join(words[start:]))
    k = start
    while k > 0 and _is_control_label(words[k - 1]):
        k -= 1
    controls = start - k
    head = " ".join(words[:k])
    if controls == 1 and not words[k - 1][:1].islower():
        return title, None
    if not controls or len(_words(head)) < 3 or not _title_candidate(head):
        return title, None
    return head, date


def _is_control_label(word: str) -> bool:
    """A button's label: one of the page's controls, capitalised ("Share", "Print")."""
    return word[:1].isupper() and word.lower() in _TITLE_CONTROLS


#: A blog's tagline is a sentence or two.
_TAGLINE_WORDS = 30


def _headline_under_tagline(
    lines: Sequence[tuple[str, int]],
    first: int,
    head: Sequence[tuple[int, tuple[str, int]]],
    linky: Sequence[bool],
) -> tuple[str, int]:
    """A blog's masthead may end on its tagline, a sentence that begins the run of prose;
    right below it stand the post's date and headline ("Wednesday, October 16, 2019" /
    "Notes on ..."). A date line and a headline under the run's first, short paragraph are
    the post's header: the tagline is above the story.

    Not when the header above already has the story's headline: a level-1 heading (other
    than a masthead, which links to the site's home page or shouts in capitals) or a
    byline, which credits the headline above it. There the short paragraph is the story's
    opening, and the date and the short line under it are the story's own (a report's
    day-by-day section: "Monday, 3 March 2025" / "Talks open with a handshake")."""
    if first + 2 >= len(lines) or len(_words(lines[first][0])) > _TAGLINE_WORDS:
        return "", -1
    for i, (line, level) in head:
        if _is_byline(line) or (level == 1 and not linky[i] and not line.isupper()):
            return "", -1
    date, (line, level) = lines[first + 1][0], lines[first + 2]
    prose = _is_prose(line) and _runs_on(line, level)
    if is_date_line(date) and _title_candidate(line) and not prose:
        return line, first + 2
    return "", -1


def _heading_title(line: str, opening: str) -> bool:
    """A level-1 heading may be the headline in one word: a dictionary's or a wiki's entry
    ("micropolitics", "Photosynthesis"), which the story's first paragraph names; not a
    word in capitals (a masthead), nor a section's name ("Blog") the story never uses."""
    if " " not in line and line.isalpha():
        return (
            len(line) >= 4
            and not line.isupper()
            and line.casefold() in (w.casefold() for w in _words(opening))
        )
    return _title_candidate(line)


#: How far above the body a byline or date may stand, and how many lines above it the
#: headline may be (a summary, a photo caption or a section label can come between).
_BYLINE_REACH = 15
_HEADLINE_REACH = 4


#: How every byline _BYLINE or _CREDIT_START knows begins.
_BYLINE_OPENINGS = ("by", "written", "author", "words", "reporting", "posted", "reported")


def _is_byline(line: str) -> bool:
    """A byline, one running on into a date ("Written by Ann Lee on July 27, 2017"), or
    the bare "By" that a page sets apart from the names."""
    if not line[:10].lower().startswith(_BYLINE_OPENINGS):  # most lines: a cheap no
        return False
    return (
        line.lower() in ("by", "by:")
        or bool(_BYLINE.match(line))
        or (len(_words(line)) <= 15 and bool(_CREDIT_START.match(line)))
    )


def _is_credit(line: str) -> bool:
    """A byline, or a short line that gives a date ("The Guardian 02/10/2020 Ann Lee")."""
    return _is_byline(line) or (find_date(line) is not None and len(_words(line)) <= 10)


_CREDIT_START = re.compile(r"(?:(?:written|posted|reported|words)\s+)?by\s+\S", re.I)


def _reach_above(chrome: Sequence[bool], first: int) -> list[int]:
    """The lines a credit may stand on above the body: the last _BYLINE_REACH that are
    not furniture (a row of share buttons or an ad's slot between costs nothing)."""
    reach: list[int] = []
    i = first - 1
    while i >= 0 and len(reach) < _BYLINE_REACH:
        if not chrome[i]:
            reach.append(i)
        i -= 1
    return reach[::-1]


def _kicker_dropped(candidates: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A section label or kicker above the headline ("World News") is shorter than it."""
    if len(candidates) >= 2 and len(_words(candidates[0][1])) <= 3 < len(_words(candidates[1][1])):
        return candidates[1:]
    return candidates


def _title_above_byline(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], first: int
) -> tuple[str, int]:
    """The headline as pages set it: just above the byline, or the date when no byline.

    The credit nearest the body is the story's own (a masthead's date is further up; a
    headline that reads like a sentence may have begun the body's run). Above it, past
    share buttons, a label or a caption, the nearest headline-like line is the headline,
    unless it reads as the summary under it. A date with furniture right above it and a
    headline right below it ("April 7, 2020" / "People behind the code") is set above.
    """
    credits = [i for i in range(max(0, first - _BYLINE_REACH), first) if _is_credit(lines[i][0])]
    if not credits:  # a headline that reads like a sentence may have begun the body's run
        credits = [i for i in range(first, min(len(lines), first + 6)) if _is_credit(lines[i][0])]
    if not credits:
        credits = [i for i in _reach_above(chrome, first) if _is_credit(lines[i][0])]
    if not credits:
        return "", -1
    bylines = [i for i in credits if _is_byline(lines[i][0])]
    anchor = (bylines or credits)[0]
    while anchor > 0 and _is_credit(lines[anchor - 1][0]):
        anchor -= 1
    if not bylines and anchor > 0 and chrome[anchor - 1]:
        below = anchor + 1
        while below < first - 1 and chrome[below]:  # a link to the comments between
            below += 1
        if below < first and not chrome[below] and _title_candidate(lines[below][0]):
            return lines[below][0], below
    candidates = _lines_above(lines, chrome, anchor)
    if not candidates:
        return "", -1
    if len(candidates) >= 2 and _name_line(candidates[-1][1]):
        candidates = candidates[:-1]  # a byline without "By": "Ann Lee in Berlin"
    longer = [c for c in candidates if len(_words(c[1])) > 3] or candidates
    if len(longer) >= 2 and _reads_as_summary(longer[-1][1]):
        return longer[-2][1], longer[-2][0]
    return longer[-1][1], longer[-1][0]


def _lines_above(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], anchor: int
) -> list[tuple[int, str]]:
    """Headline-like lines among the few above ``anchor``, skipping furniture until the
    first one; furniture after it ends the header."""
    candidates: list[tuple[int, str]] = []
    seen = 0
    i = anchor - 1
    while i >= max(0, anchor - 3 * _HEADLINE_REACH) and seen < _HEADLINE_REACH:
        line = lines[i][0]
        # Right above the credit, a headline the furniture rules took for a label
        # ("VIDEO: Voting on ...") still counts when it is long enough to be one.
        if not chrome[i] or (i == anchor - 1 and len(_words(line)) >= 4):
            seen += 1
            if _headline_above(line) and not _is_credit(line):
                candidates.insert(0, (i, line))
        elif candidates:
            break
        i -= 1
    return candidates


def _headline_above(line: str) -> bool:
    """A headline candidate; in Title Case it may end on an abbreviation ("... Tues.")."""
    if line.startswith("(") and line.endswith(")"):  # a photo credit
        return False
    if _title_candidate(line):
        return True
    words = _words(line)
    return (
        line.endswith(".")
        and 4 <= len(words) <= 15
        and _title_candidate(line[:-1])
        and sum(1 for w in words if w[0].isupper()) >= len(words) * 0.6
    )


#: A Markdown link to a page about a writer ("[Evan Halper](https://www.latimes.com/people/
#: evan-halper)", "by: [Cora Neas](https://www.kxan.com/author/cora-neas/ \"Posts by\")"):
#: how a clipped page keeps its byline when the words "By" and the name were set apart.
_AUTHOR_LINK = re.compile(
    r"\[([^\[\]\n]{4,60})\]\((?:https?:)?/?/?[^()\s]*?/(?:authors?|people|profiles?|staff"
    r"|contributors?|writers?|journalists?|columnists?|reporters?|newsteam|byline)/[^()\s]+"
    r"(?:\s+\"[^\"]*\")?\)",
    re.I,
)


def _author_link(text: str) -> str:
    """The name of the first link to a writer's page whose words are a person's name, on
    a line of its own or a byline's ("By [Ann Lee](url) Staff Writer"): a link to a
    person's page inside a sentence ("shares rose after [Elon Musk](url)'s company...")
    names someone the story is about."""
    for m in _AUTHOR_LINK.finditer(text):
        name = clean_line(m.group(1))
        if not _name_line(name) or _UI_WORDS.match(name):
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        around = text[start : m.start()] + " " + text[m.end() : len(text) if end < 0 else end]
        around = _ADDRESS.sub(" ", _LINK.sub(r"\1", _IMAGE.sub(" ", around)))
        around = without_dates(around)
        if len(_words(around)) <= _BYLINE_AROUND:
            return name
    return ""


#: An address in brackets left where a link did not parse ("email protected(/cdn-cgi/l/...)").
_ADDRESS = re.compile(r"\([^()\s]*/[^()\s]*\)")
#: How many other words a line may hold around a writer's link for it to be a byline ("By",
#: "Staff Writer", a handle, a date).
_BYLINE_AROUND = 6


#: The arrows of a blog's links to the previous and the next post, or down to its
#: comments ("← Older post", "Newer post →", "Next Post: Ann's Cake »", "↓ Comments").
_ARROWS = re.compile(r"^[←↓↑]|→$|^[«‹]\s(?!.*[»›])|\s[»›]$")
#: A link's label is a few words; a list item an arrow opens ("↓ Exports fell 5% to
#: £30bn") says something, with its figures.
_LINK_LABEL_WORDS = 6
_ARROW_CHARS = frozenset("←↓↑→«‹»›")


def _post_link(line: str) -> bool:
    """A link to the previous or the next post, or down to the comments: navigation, never
    a headline. (Guillemets around a quotation are no arrows: "« Non », dit-il".)"""
    if line[:1] not in _ARROW_CHARS and line[-1:] not in _ARROW_CHARS:  # most lines
        return False
    quoted = line.startswith(("«", "‹")) and line.endswith(("»", "›"))
    if quoted or not _ARROWS.search(line):
        return False
    if line[:1] in "←↓↑" and line[-1:] not in _ARROW_CHARS:  # an arrow first, as a bullet
        return len(_words(line)) <= _LINK_LABEL_WORDS and not any(c.isdigit() for c in line)
    return True


def _title_candidate(line: str) -> bool:
    """A line that could be the headline: not a date, a byline, furniture, a photo caption,
    a reading time, nor a sentence (a headline does not end with a full stop)."""
    return (
        not _date_part(line)
        and _title_like(line)
        and not _BYLINE.match(line)
        and not _dashed_byline(line)
        and not _post_link(line)
        and not _FURNITURE_TITLE.search(line)
        and not _NOT_A_HEADLINE.search(line)
        and not _DURATION.match(line)
        and not (line.endswith(".") and not line.endswith(("...", "…")))
    )


#: A time and perhaps its label, alone: a recipe's "Total 1 hr 50 min", a "5 min read"
#: (abbreviated, as such labels write it: "Within 48 hours" is a headline).
_DURATION = re.compile(r"(?:[A-Za-z]+:?\s+)?(?:\d+\s*(?:hrs?|mins?)\b\s*)+(?:read)?$", re.I)


_NOT_A_HEADLINE = re.compile(
    r"\b(?:photo|image|picture|illustration)s?\s*(?::|by\b|courtesy\b|credit)|getty\s+images"
    r"|\((?:ap|afp|reuters)\b|/afp\b|\b(?:ap|afp|reuters)/|^\d+\s+(?:min(?:ute)?s?|words)\b"
    r"|\[email\s+protected\]|\S@\S+\.[a-z]|^(?:tags?|topics?|categor(?:y|ies)|filed\s+under)\s*:"
    r"|^(?:please|welcome|thanks|thank\s+you|already\s+have|close\s+this|copy\s+link|we\s+rely"
    r"|get\s+.{1,40}\s+(?:to|in)\s+your\s+inbox|share\s+(?:it|this))\b",
    re.I,
)


def _head_metadata(
    head: Sequence[tuple[int, tuple[str, int]]], title_index: int
) -> tuple[dt.date | None, str, str]:
    """Date, author and standfirst from the lines above the body.

    The date: a date line, else a short line that gives one ("By Ann Lee | 12 May 2024",
    "Posted on August 2, 2019 by Kay"); below the headline before above it, where a
    masthead shows today's date.
    """
    date: dt.date | None = None
    author = standfirst = ""
    for i, (line, level) in head:
        if date is None and is_date_line(line) and (i > title_index or title_index < 0):
            date = find_date(line)
        elif not author and _BYLINE.match(line):
            author = _byline_names(line)
        elif not author and _dashed_byline(line):  # "---- by Ann Lee"
            author = _byline_in(line)
        elif i > title_index >= 0 and not standfirst and _standfirst_like(line, level):
            standfirst = line
    below = [line for i, (line, _level) in head if i > title_index]
    above = [line for i, (line, _level) in head if i <= title_index]
    for lines, test in ((below, _dated_short_line), (above, _date_part)):
        for line in lines:
            if date is None and test(line):
                date = find_date(line)
    if not author:
        for line in below:
            m = _BYLINE_START.match(line)
            if m and _BYLINE.match(m.group(1)):
                author = _byline_names(m.group(1))
                break
    return date, author, standfirst


#: How many lines into the story its own date line may stand (a summary, a byline before).
_OPENING_DATE_REACH = 4


def _dated_below(head: Sequence[tuple[int, tuple[str, int]]], title_index: int) -> bool:
    """Whether a line below the headline, above the story, gives a date."""
    return any(i > title_index and _dated_short_line(line) for i, (line, _) in head)


def _opening_date(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], first: int, last: int
) -> dt.date | None:
    """The date of a date line among the story's first lines ("PUBLISHED: May 2, 2024 at
    9:30 p.m.")."""
    seen = 0
    for i in range(first, last + 1):
        if chrome[i]:
            continue
        if is_date_line(lines[i][0]):
            return find_date(lines[i][0])
        seen += 1
        if seen >= _OPENING_DATE_REACH:
            break
    return None


def _standfirst_like(line: str, level: int) -> bool:
    """A summary under the headline: a subheading, or a line that reads as a sentence;
    not a credit ("Posted on May 2, 2019 by Kay"), a caption, tags or a button's label."""
    if len(_words(line)) < 4 or is_date_line(line) or _is_credit(line):
        return False
    if _NOT_A_HEADLINE.search(line) or _FURNITURE_TITLE.search(line):
        return False
    if level >= 2:  # a subheading: a headline-shaped deck, or a summary set as a heading
        return _title_candidate(line) or _reads_as_summary(line)
    return _reads_as_summary(line)


def _body(
    lines: Sequence[tuple[str, int]],
    chrome: Sequence[bool],
    prose: Sequence[bool],
    span: tuple[int, int],
    title_index: int,
    found: tuple[dt.date | None, str],
    numbers: dict[int, str],
) -> tuple[list[str], dt.date | None, str]:
    """The article's paragraphs (an ordered list's items with their numbers), and a date
    or byline found among them."""
    date, author = found
    body_lines: list[str] = []
    run: list[int] = []  # consecutive short lines inside the body: a menu if three or more
    for i in range(span[0], span[1] + 1):
        line, level = lines[i]
        if chrome[i] or (level == 1 and i == title_index):
            continue
        if is_date_line(line):
            date = date or find_date(line)
            continue
        byline = _byline_in(line) if not prose[i] else ""
        if not byline and not prose[i] and line[:6].lower() == "posted":
            byline = _footer_author(line)  # "Posted on May 2, 2019 Author Ann Lee Categories"
        # A short "By ..." is a byline when it names a person ("by R.C. Baker"): "By Train"
        # is a travel guide's subheading. "Author: Kay" says what it is.
        named = bool(byline) and (_name_line(byline) or line[:2].lower() != "by")
        if not prose[i] and len(_words(line)) <= 4 and not SENTENCE_END.search(line) and not named:
            run.append(i)
            continue
        if len(run) < 3 or not _labels(lines[j][0] for j in run):
            body_lines.extend(numbers.get(j, "") + lines[j][0] for j in run)
        run = []
        if byline:  # the byline repeated, or one running into the date
            author = author or byline
            if date is None and _dated_short_line(line):  # "By Ann Lee Feb 8, 2020 5 min read"
                date = find_date(line)
            continue
        body_lines.append(numbers.get(i, "") + line)
    if len(run) < 3 or not _labels(lines[j][0] for j in run):
        body_lines.extend(numbers.get(j, "") + lines[j][0] for j in run)
    return body_lines, date, author


_RULE_DASHES = frozenset("-–—~*")
#: A credit to the newsroom in lower case: "By Staff and news service reports".
_STAFF_CREDIT = re.compile(r"by\s+((?:staff|editorial\s+staff)\b[\w\s&]{0,40}?)\s*$", re.I)


def _dashed_byline(line: str) -> bool:
    """A byline a rule of dashes opens ("---- by Ann Lee"), as a dictionary's entry signs it."""
    return line[:1] in _RULE_DASHES and bool(_byline_in(line))


def _byline_in(line: str) -> str:
    """The names of a byline line, alone or running on into a date or reading time; a rule
    of dashes may open it ("---- by Ann Lee")."""
    if line[:1] in _RULE_DASHES:
        line = line.lstrip("".join(_RULE_DASHES) + " ").rstrip("*_ ")  # "---- by Ann Lee**"
    if not line[:10].lower().startswith(_BYLINE_OPENINGS):  # most lines: a cheap no
        return ""
    if _BYLINE.match(line):
        return _byline_names(line)
    staff = _STAFF_CREDIT.match(line)
    if staff:
        return staff.group(1)
    m = _BYLINE_START.match(line)
    return _byline_names(m.group(1)) if m and _BYLINE.match(m.group(1)) else ""


#: Where a byline's "By" stands in a line: at its start, after a separator ("yas! | By Cara
#: Stiles | April 13, 2020"), or after "Posted on May 2, 2019" and the like; not in "©
#: Provided by The Guardian" or a photo's credit. A rule of dashes may open it ("--- by Ann Lee").
#: How many lines below the headline a byline may stand (a summary, a photo's caption,
#: share buttons between).
_BYLINE_BELOW = 12
_BY = re.compile(
    r"(?:^[-–—~*]*\s*|[|•·]\s*|\b(?:posted|written|published|reported)(?:\s+on\s+[^|]{1,40}?)?\s+)(by\b.*)",
    re.I,
)


def _names_set_apart(lines: Sequence[str]) -> str:
    """The names a "By" set apart introduces, a line each, a writer's handle or "and"
    between ("By", "Ann Lee", "@annlee", "Tom Ekwall"): the first line, and the name lines
    after it."""
    names = [lines[0]]
    joiner = ", "
    for line in lines[1:]:
        if _HANDLE.fullmatch(line):
            continue
        if line.casefold() in ("and", "&"):  # "By", "Ann Lee", "and", "Tom Ekwall"
            joiner = " and "
            continue
        if not _name_line(line) or not _name_line(names[-1]) or _label_words(line):
            break  # not "Full Bio"
        names.append(joiner + line)
        joiner = ", "
    return "".join(names)


_HANDLE = re.compile(r"@\w{2,30}")
#: How many words a line that opens with its byline may hold (names, a team's name).
_TEAM_BYLINE_WORDS = 30


def shown_byline(lines: Sequence[str]) -> str:
    """The names of the first byline among these lines (those below a headline): "By Ann
    Lee", "Posted on May 2, 2019 by Kay", "yas! | By Cara Stiles | April 13, 2020",
    "12/04/2020 by Kay", or "By" set apart from the names."""
    for i, line in enumerate(lines):
        words = len(line.split())
        # A byline that opens its line may name a team of writers and their team's name
        # ("Posted by Ann Lee, Tom Ekwall, Kay Berg and Jo Mak - Chrome Security team").
        if words > 15 and not (words <= _TEAM_BYLINE_WORDS and _CREDIT_START.match(line)):
            continue
        # A date may open it: "12/04/2020 by Kay 24 Comments".
        m = _BY.search(line) or _BY.match(without_dates(line).lstrip())
        if not m:
            continue
        words = m.group(1)
        if words.lower().rstrip(": ") == "by" and i + 1 < len(lines):
            words = "By " + _names_set_apart(lines[i + 1 :])
        shown = _byline_in("B" + words[1:])
        if shown:
            return shown
    return ""


#: A blogging platform's post footer, its labels left as words: "Posted on May 2, 2019
#: Author Ann Lee Categories News Tags port" (the theme shows its labels to screen readers).
_LABELLED_FOOTER = re.compile(
    r"^posted\s+on\s+.{6,60}?\s*(?<![^\W\d_])author:?\s+(?P<name>.+?)"
    r"(?:\s+(?:categories|tags|leave\s+a\s+comment|\d+\s+comments?|edit)\b.*)?$",
    re.I,
)


def _footer_author(line: str) -> str:
    """The writer a post's footer names under its "Author" label, if a person's name."""
    m = _LABELLED_FOOTER.match(line)
    name = m.group("name").strip() if m else ""
    return name if name and _name_line(name) and not _label_words(name) else ""


#: Whose the site is, as its footer says: "Copyright (c) 2012- Ann Lee. All rights
#: reserved.", "© 2024 Ann Lee", "2009-2020 by Ann Lee" (a year or a span of years first).
_OWNER = re.compile(
    r"(?:(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:(?:19|20)\d\d\s*(?:[-–—]\s*(?:(?:19|20)\d\d)?)?)?"
    r"|(?<![\w-])(?:19|20)\d\d\s*[-–—]\s*(?:(?:19|20)\d\d\s+)?(?=by\s))"
    r",?\s*(?:by\s+)?(?P<name>[^\W\d_][^.,|©()\d]{2,40}?)\s*(?:[.,|–—(]|\s-\s|\ball\s+rights|(?:19|20)\d\d|$)",
    re.I,
)


def _site_owner(tail: Sequence[str]) -> str:
    """The person a page's footer says the site is by ("© 2012-2020 Ann Lee"): a personal
    site's writer. Only a person's name, a known given name first and no everyday word
    last ("Grace Church", "Ann Lee Media"): a publisher, a company or a place owns the
    news sites."""
    from ...entities.gazetteer import _given_names
    from ...entities.typer import census_names, everyday

    for line in tail:
        if len(_words(line)) > 40:
            continue
        for m in _OWNER.finditer(line):
            name = m.group("name").strip()
            words = _words(name)
            if (
                _name_line(name)
                and 2 <= len(words) <= 3
                and (words[0] in _given_names() or words[0] in census_names()[0])
                and not everyday(words[-1])
                and not _label_words(name)
            ):
                return name
    return ""


def _guess_source(
    lines: Sequence[tuple[str, int]], chrome: Sequence[bool], tail: Sequence[str]
) -> str:
    """The publisher: a site name the page's furniture repeats, or a bare name line at the end."""
    seen: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = {}
    for i, (line, _) in enumerate(lines):
        if chrome[i] or len(_words(line)) <= 2:
            for m in _DOMAIN.finditer(line):
                key = m.group(1).lower()
                if _RESERVED_HOST.search(key) or not _site_host(key):
                    continue
                seen[key] += 1
                spelled.setdefault(key, Counter())[m.group(1)] += 1
    if seen:
        key, _ = seen.most_common(1)[0]
        # Prefer the spelling with a capital, as a masthead writes it.
        forms = sorted(
            spelled[key].items(), key=lambda kv: (kv[0][:1].isupper(), kv[1]), reverse=True
        )
        return forms[0][0][:1].upper() + forms[0][0][1:]
    for line in tail:
        if _NOTICE.search(line):  # a notice, not a headline about copyright
            name = re.sub(
                r"(?i)all\s+rights\s+reserved|copyright|\(c\)|©|\b(?:19|20)\d\d\b", " ", line
            )
            name = " ".join(name.replace(".", " ").replace(",", " ").split()).strip(" –—-|®™:")
            if 0 < len(name.split()) <= 5 and name[:1].isupper():
                return name
    return ""
