"""Bytes to clean text: decoding and sanitising, the first steps of every format.

:func:`decode` reads UTF-8, UTF-16/32 with a byte-order mark and UTF-16 without one, and
falls back to cp1252 with a note; it refuses empty and binary files with an :class:`IngestError`
whose message a user can act on. :func:`sanitise` removes what must never reach a screen
(terminal escapes, control and bidi characters) and composes accents (NFC);
:func:`clean_line` makes one line of display text. The HTML and PDF readers use them too.
"""

from __future__ import annotations

import codecs
import re
import unicodedata


class IngestError(Exception):
    """A file that is not an article; the message says why, in a user's words."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(raw: bytes) -> tuple[str, str | None]:
    """Bytes to text, and a note when we had to guess the encoding.

    UTF-8 (with or without BOM) and UTF-16/32 with BOM are read as such, and so is
    UTF-16 without one (told by where its NULs fall); anything else falls back to cp1252. Raises :class:`IngestError` for empty or binary files.
    """
    if not raw.strip():
        raise IngestError("empty file")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), None
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}"
                ) from None
    utf16 = _utf16_without_bom(raw)
    if utf16:
        try:
            return raw.decode(utf16), None
        except UnicodeDecodeError:
            pass  # NULs in a pattern, yet not UTF-16: binary after all
    if _looks_binary(raw):
        raise IngestError("binary file, not text (a .txt or .md file must hold text)")
    raw = raw.replace(b"\x00", b"")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "not valid UTF-8; decoded as cp1252"


#: Control bytes that never occur in text (tab, newlines, form feed and escape do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _utf16_without_bom(raw: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for UTF-16 text that lacks its byte-order mark: Latin
    text in UTF-16 has a NUL in nearly every other byte, on one side only."""
    sample = raw[:8192]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    nul_even, nul_odd = even.count(0), odd.count(0)
    if nul_odd >= half * 0.6 and nul_even <= half * 0.05:
        return "utf-16-le"
    if nul_even >= half * 0.6 and nul_odd <= half * 0.05:
        return "utf-16-be"
    return None


def _looks_binary(raw: bytes) -> bool:
    """Binary data (or UTF-16 without its mark): NUL bytes in more than 1% of the first 8 KB,
    or control bytes in more than 10%. A few stray NULs in text are only damage."""
    sample = raw[:8192]
    if sample.count(0) > max(1, len(sample) // 100):
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return control > len(sample) * 0.1


_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]              # CSI: colours, cursor moves
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?   # OSC: titles, hyperlinks, clipboard
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?        # DCS, SOS, PM, APC strings
  | \x1b[ -/]*[0-~]?                     # any other escape
  | \x9b[0-?]*[ -/]*[@-~]                # 8-bit CSI
    """,
    re.VERBOSE,
)
# C0 (but tab and newline), DEL, C1, and the bidi controls that can reorder a line.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def sanitise(text: str) -> str:
    """Remove terminal escape sequences and control characters; unify newlines; compose
    accents with their letters (NFC: macOS and some PDFs write "é" as "e" and a combining
    accent, which would split the word for search and for the screen)."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\ufeff", "")
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def clean_line(text: str) -> str:
    """One line of display text: no controls, runs of spaces folded."""
    return _SPACES.sub(" ", sanitise(text).replace("\n", " ")).strip()
