"""Who published it: a site name the page's furniture repeats ("Caliber.az", a masthead's
domain), else the name in its copyright notice; :func:`publisher_of` for a web address.
Only a host that could be a publisher's counts: a real top-level domain, not a file's
name, a reserved example host or a third-party service's (a share button's, an image
host's).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .shapes import _words

#: A copyright notice that can name the publisher: "© 2024 The Wire", "Copyright 2024 ...".
_NOTICE = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\s*(?:©|\(c\)|\d{4})|\ball\s+rights\s+reserved", re.I
)
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
