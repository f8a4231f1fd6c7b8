"""A nationality's word used as its language's name is no mention of the country.

"English", "French" or "Japanese" name a nationality (NORP), and dossier counts a
nationality as a mention of its country (``entity:France`` finds "the French
government"). The same word names a language: "written in English", "English-language
newspapers", "the French translation", "she speaks Japanese". Counted as the country,
a folder of pages "in English" all named England, and a German language course Germany.
A nationality's word is a language where the words around it say so; then it is no name.
"""

from __future__ import annotations

import re

from search.entities.spans import Span

#: After the word: a language's own nouns ("English-language", "French translation",
#: "Spanish speakers", "Japanese subtitles", "the English word for").
_LANGUAGE_AFTER = re.compile(
    r"(?:-|\s)(?:language|languages|speaking|speaker|speakers|translation|translations"
    r"|translator|translators|subtitles|subtitled|dub|dubbed|word|words|phrase|phrases"
    r"|grammar|dictionary|spelling|accent|lessons?|classes|course|courses|teachers?"
    r"|version|versions|edition|editions|text|texts|original|proficiency|fluency)\b"
)
#: Before the word: what one does with a language ("speaks", "written in", "translated
#: into", "fluent in", "learning") or "in" ending a clause ("the pages are in English.").
_LANGUAGE_BEFORE = re.compile(
    r"(?:\b(?:speaks?|spoke|spoken|speaking|learn|learns|learned|learnt|learning|teach"
    r"|teaches|taught|teaching|study|studies|studied|studying|understand|understands"
    r"|understood|read|reads|writes?|wrote|written|translated(?:\s+(?:in)?to)?|translate"
    r"|(?:in)?to|fluent(?:\s+in)?|from)\s+(?:both\s+|either\s+)?)$"
)
_IN_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)]|$|\s(?:and|or)\s+[A-Z][a-z]+(?:[.,;:!?)]|$))")


def _is_language(norm: str, start: int, end: int) -> bool:
    if _LANGUAGE_AFTER.match(norm, end):
        return True
    before = norm[max(0, start - 40) : start]
    if _LANGUAGE_BEFORE.search(before):
        # "translated into French" but not "sold to French buyers": after "to" or "from",
        # only where the clause ends with the word
        last = before.rstrip().rsplit(None, 1)[-1].lower() if before.strip() else ""
        return last not in ("to", "into", "from") or bool(_IN_CLAUSE_END.match(norm, end))
    return before.endswith(" in ") and bool(_IN_CLAUSE_END.match(norm, end))


def without_languages(fields: list[tuple[str, str, str, list[Span]]]) -> list:
    """The fields without the nationalities' words that name a language."""
    out = []
    for name, text, norm, spans in fields:
        kept = []
        language_end = -1  # where the last language named ends ("in English and French")
        for s in spans:
            if s[2] == "NORP" and (
                _is_language(norm, s[0], s[1])
                or (language_end >= 0 and _JOINED.fullmatch(norm, language_end, s[0]))
            ):
                language_end = s[1]
                continue
            kept.append(s)
        out.append((name, text, norm, kept if len(kept) < len(spans) else spans))
    return out


_JOINED = re.compile(r",?\s+(?:and|or)\s+|,\s+")
