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

#: Nationalities' words that are also their languages' names ("Mexican", "Israeli",
#: "American" name no language: they always stay).
LANGUAGES = frozenset(
    [
        "English",
        "French",
        "German",
        "Spanish",
        "Italian",
        "Portuguese",
        "Dutch",
        "Flemish",
        "Russian",
        "Ukrainian",
        "Polish",
        "Czech",
        "Slovak",
        "Hungarian",
        "Romanian",
        "Bulgarian",
        "Serbian",
        "Croatian",
        "Bosnian",
        "Slovenian",
        "Greek",
        "Turkish",
        "Arabic",
        "Hebrew",
        "Persian",
        "Farsi",
        "Kurdish",
        "Armenian",
        "Georgian",
        "Chinese",
        "Mandarin",
        "Cantonese",
        "Japanese",
        "Korean",
        "Vietnamese",
        "Thai",
        "Burmese",
        "Khmer",
        "Lao",
        "Indonesian",
        "Malay",
        "Tagalog",
        "Filipino",
        "Hindi",
        "Urdu",
        "Bengali",
        "Punjabi",
        "Tamil",
        "Nepali",
        "Swahili",
        "Amharic",
        "Somali",
        "Hausa",
        "Yoruba",
        "Zulu",
        "Swedish",
        "Norwegian",
        "Danish",
        "Finnish",
        "Icelandic",
        "Estonian",
        "Latvian",
        "Lithuanian",
        "Welsh",
        "Irish",
        "Gaelic",
        "Catalan",
        "Basque",
        "Galician",
        "Albanian",
        "Macedonian",
        "Mongolian",
        "Pashto",
        "Dari",
        "Uzbek",
        "Kazakh",
        "Afrikaans",
        "Latin",
    ]
)
#: After the word: what only a language has ("English-language", "French-speaking", "the
#: French translation", "Japanese subtitles", "a German accent", "Spanish lessons").
_LANGUAGE_AFTER = re.compile(
    r"(?:-|\s)(?:language|languages|speaking|translation|translations|translator|translators"
    r"|subtitles|subtitled|dubbed|grammar|dictionary|dictionaries|spelling|accent|lessons"
    r"|proficiency|fluency)\b"
)
#: Before the word: what one does with a language ("speaks", "written in", "translated
#: into", "fluent in"); then the word ends its phrase (:data:`_SPOKEN_END`).
_LANGUAGE_VERB = re.compile(
    r"\b(?:speaks?|spoke|spoken|speaking|learn|learns|learned|learnt|learning|teach|teaches"
    r"|taught|teaching|translated|translate|translates|fluent|written|write|writes|wrote"
    r"|published|dubbed|subtitled)\s+(?:both\s+|either\s+|in\s+|into\s+|from\s+)?$"
)
#: Where a language named after such a verb ends its phrase: punctuation, the end, "and"
#: or "or" and another capitalised word, or a word that goes on with the clause ("speaks
#: Spanish at home", "speaks Japanese fluently"), not a noun ("taught American students").
_SPOKEN_END = re.compile(
    r"\s*(?:[.,;:!?)]|$|\s(?:and|or)\s+[A-Z]|\s(?:at|with|as|to|for|in|on|but|well|fluently"
    r"|too|instead|only)\b)"
)
#: "in", "into" or "from" alone before the word: a language only where it ends the clause,
#: alone or in a list of languages ("the pages are in English.", "in English and French.");
#: "aid from Chinese and Russian banks" names peoples.
_IN = re.compile(r"\b(?:in|into|from)\s+$")
_LIST_NEXT = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)([A-Z][a-z]+)")
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)]|$)")


def _ends_a_list_of_languages(norm: str, end: int) -> bool:
    while True:
        m = _LIST_NEXT.match(norm, end)
        if m is None or m.group(1) not in LANGUAGES:
            return bool(_CLAUSE_END.match(norm, end)) and not (m and m.group(1))
        end = m.end()


def _is_language(norm: str, start: int, end: int) -> bool:
    if norm[start:end] not in LANGUAGES:
        return False
    if _LANGUAGE_AFTER.match(norm, end):
        return True
    before = max(0, start - 40)
    if _LANGUAGE_VERB.search(norm, before, start):
        return bool(_SPOKEN_END.match(norm, end))
    return bool(_IN.search(norm, before, start)) and _ends_a_list_of_languages(norm, end)


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
