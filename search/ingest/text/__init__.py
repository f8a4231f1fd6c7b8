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

from .article import parse_article
from .bylines import shown_byline
from .decode import IngestError, clean_line, decode, sanitise
from .furniture import says_furniture
from .shapes import PART_SEPARATOR
from .source import publisher_of

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
