"""Is this one line a web page's furniture? The wording rules, each line judged alone.

Menus' and buttons' words, share and sign-up prompts, newsletter, donation and cookie
boxes, copyright and affiliate notices, counters, breadcrumbs, author bios, comment and
"Related" headings, links to the next post, scripts left as text, a row of Chinese or
Japanese links (:func:`_is_chrome`; :func:`says_furniture` for the wording alone, which
the HTML reader uses on trafilatura's text too).

Every rule describes what boilerplate looks like on any page, never what one page says.
A costly pattern is guarded by a cheap test first (:func:`_has_key`): most lines of an
article name none of its keys. Runs of lines (menus, lists, boxes) are :mod:`.chrome`'s.
"""

from __future__ import annotations

import re

from ...cjk import is_cjk
from ...sentences import SENTENCE_END
from ..meta import _BYLINE
from .shapes import _words

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


def _is_bio(line: str) -> bool:
    """A short paragraph about a person and their work, in the bio's words."""
    return len(_words(line)) <= 60 and bool(_BIO.match(line)) and bool(_BIO_WORDS.search(line))


_BREADCRUMB = re.compile(
    r"^[^\W\d_][\w'’&. -]{0,30}(?:\s*[>›»|/]\s*[^\W\d_][\w'’&. -]{0,30}){1,6}$"
)
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\s*(?:©|\(c\)|\d{4})|(?:all|some)\s+rights\s+reserved|reproduction\s+(?:is\s+)?(?:prohibited|forbidden)|^(?:terms\s+of\s+(?:use|service)|privacy\s+policy)\W*$",
    re.I,
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
