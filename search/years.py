"""The one way dossier writes a year in digits, for ingest, entities and compare."""

from __future__ import annotations

#: A year as text mentions one (1500-2099): "the 1648 treaty", "by 2030".
YEAR = r"(?:1[5-9]\d\d|20\d\d)"

#: A year an article can have been published in (1900-2099): a date in a page's header
#: that names an earlier year is history the page talks about, not its own date.
PUBLISHED_YEAR = r"(?:19|20)\d\d"
