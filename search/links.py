"""The analyst layer of compare: verdicts on concerns, pinned and dropped links.

What an analyst decides about a comparison is kept per corpus in a TOML file in the
user data dir (``<user_data_dir>/links/<corpus key>.toml``); the files of other sets of
folders are read too, so a verdict follows its articles into any corpus that holds them. A corpus folder may
also ship its own ``links.toml`` (the bundled corpus does): read-only, shared
curation that the user's own file overrides concern by concern.

Nothing an analyst wrote is ever lost:

- every change locks the file, re-reads it, applies itself and writes the whole
  file to a temporary file that then atomically replaces the old one (a crash
  leaves the old file or the new one, never half of one; two dossiers saving at
  the same instant each add to what the other saved);
- a change that cannot be written (a full disk) is kept in memory, said, and
  saved with the next change;
- a file that does not parse, or holds an entry that makes no sense, is kept
  aside as ``<name>.bad`` (numbered if one exists) and reported, never silently
  overwritten.

An entry names its concern and developments by sentence key (article id + hash of
the normalised sentence, see :func:`search.compare.sentence_key`) or, more readably
for hand-written files, by their full text, from which the key is derived.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from attrs import define, evolve

from search import locks
from search.compare import (
    AUTO_LINKED,
    AUTO_SILENT,
    VERDICTS,
    Comparison,
    Concern,
    Development,
    Evidence,
    Link,
    evidence_for,
    sentence_at,
    sentence_key,
)
from search.config import data_dir, toml_loads
from search.model import Article, Entity

FILE_VERSION = 1
FOLDER_FILE = "links.toml"
#: How long a save waits for another dossier saving to the same file (a save takes
#: milliseconds: a holder that long is stuck).
LOCK_WAIT = 10.0


@define(frozen=True, slots=True)
class Curation:
    """What analysts decided about one concern against one later article."""

    concern: str  # sentence key of the concern in the earlier article
    earlier: str  # article ids
    later: str
    text: str = ""  # the concern as it read when decided (for people reading the file)
    verdict: str | None = None
    pinned: tuple[tuple[str, str], ...] = ()  # (development key, text)
    dropped: tuple[tuple[str, str], ...] = ()
    note: str = ""
    updated: str = ""

    @property
    def ident(self) -> tuple[str, str]:
        return (self.concern, self.later)


class LinksFileError(ValueError):
    """A links file that cannot be used as written."""


# --------------------------------------------------------------------------- TOML


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\b": "\\b",
    "\f": "\\f",
}


def toml_string(value: str) -> str:
    """A TOML basic string holding exactly ``value`` (lone surrogates become U+FFFD)."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0:
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _pairs(values: Sequence[tuple[str, str]]) -> str:
    if not values:
        return "[]"
    items = [f"  {{ key = {toml_string(k)}, text = {toml_string(t)} }}," for k, t in values]
    return "[\n" + "\n".join(items) + "\n]"


def dumps(entries: Iterable[Curation]) -> str:
    """The links file for ``entries``; :func:`loads` reads it back unchanged."""
    lines = [
        "# dossier links file: analysts' verdicts on the concerns of one article as the",
        "# events of a later one bear them out, and the links they pinned or dropped.",
        "# Written by dossier; safe to edit by hand (a file that no longer parses is kept",
        f"# aside as .bad). Verdicts: {', '.join(VERDICTS)}.",
        f"version = {FILE_VERSION}",
    ]
    for e in sorted(entries, key=lambda e: (e.earlier, e.later, e.concern)):
        lines += [
            "",
            "[[link]]",
            f"concern = {toml_string(e.concern)}",
            f"earlier = {toml_string(e.earlier)}",
            f"later = {toml_string(e.later)}",
            f"text = {toml_string(e.text)}",
        ]
        if e.verdict is not None:
            lines.append(f"verdict = {toml_string(e.verdict)}")
        lines.append(f"pinned = {_pairs(e.pinned)}")
        lines.append(f"dropped = {_pairs(e.dropped)}")
        if e.note:
            lines.append(f"note = {toml_string(e.note)}")
        if e.updated:
            lines.append(f"updated = {toml_string(e.updated)}")
    return "\n".join(lines) + "\n"


def loads(text: str) -> tuple[list[Curation], list[str]]:
    """Entries of a links file, and a message for each entry that had to be skipped.

    Raises :class:`LinksFileError` if the file is not TOML at all or not a links file.
    """
    try:
        data = toml_loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise LinksFileError(f"not valid TOML: {exc}") from exc
    version = data.get("version", FILE_VERSION)
    if not isinstance(version, int) or version > FILE_VERSION:
        raise LinksFileError(f"links file version {version!r} is newer than this dossier")
    raw = data.get("link", [])
    if not isinstance(raw, list):
        raise LinksFileError("`link` must be an array of tables ([[link]])")
    entries, problems = [], []
    for n, item in enumerate(raw, 1):
        try:
            entries.append(_entry(item))
        except (LinksFileError, TypeError, KeyError) as exc:
            problems.append(f"link #{n}: {exc}")
    return entries, problems


def _entry(item: object) -> Curation:
    if not isinstance(item, dict):
        raise LinksFileError("not a table")
    earlier = _text(item, "earlier", required=True)
    later = _text(item, "later", required=True)
    text = _text(item, "text")
    concern = _text(item, "concern") or (sentence_key(earlier, text) if text else "")
    if not concern:
        raise LinksFileError("needs `concern` (a sentence key) or `text`")
    verdict = item.get("verdict")
    if verdict is not None and verdict not in VERDICTS:
        raise LinksFileError(f"unknown verdict {verdict!r}; use one of: {', '.join(VERDICTS)}")
    return Curation(
        concern=concern,
        earlier=earlier,
        later=later,
        text=text,
        verdict=verdict,
        pinned=_sentences(item.get("pinned", []), later, "pinned"),
        dropped=_sentences(item.get("dropped", []), later, "dropped"),
        note=_text(item, "note"),
        updated=_text(item, "updated"),
    )


def _text(item: dict, name: str, *, required: bool = False) -> str:
    value = item.get(name, "")
    if not isinstance(value, str):
        raise LinksFileError(f"`{name}` must be a string")
    if required and not value:
        raise LinksFileError(f"`{name}` is missing")
    return value


def _sentences(value: object, article_id: str, name: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list):
        raise LinksFileError(f"`{name}` must be a list")
    out = []
    for v in value:
        if isinstance(v, str):  # a bare key
            out.append((v, ""))
        elif isinstance(v, dict):
            text = _text(v, "text")
            key = _text(v, "key") or (sentence_key(article_id, text) if text else "")
            if not key:
                raise LinksFileError(f"an item of `{name}` needs `key` or `text`")
            out.append((key, text))
        else:
            raise LinksFileError(f"`{name}` items are sentence keys or {{key, text}} tables")
    return tuple(out)


# --------------------------------------------------------------------------- files


def default_path(corpus_key: str) -> Path:
    """Where the user's links for one corpus live."""
    return data_dir() / "links" / f"{corpus_key}.toml"


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves the old file or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:  # make the rename itself durable; not possible everywhere
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _keep_aside(path: Path, *, copy: bool) -> Path:
    """Move (or copy) a file to ``<name>.bad``, never over an earlier one."""
    target = path.with_name(path.name + ".bad")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.bad.{n}")
        n += 1
    if copy:
        target.write_bytes(path.read_bytes())
    else:
        os.replace(path, target)
    return target


class LinkStore:
    """Analysts' curation for one corpus: the user's file over the folders' files."""

    def __init__(
        self, path: Path, *, shared: Sequence[Path] = (), others: Sequence[Path] = ()
    ) -> None:
        self.path = Path(path)
        self.shared = tuple(Path(p) for p in shared)
        #: The user's files for other sets of folders: read, never written (see entries).
        self.others = tuple(Path(p) for p in others if Path(p) != self.path)
        #: Each other file's entries as last read, with its (mtime, size) then: a verdict
        #: key reads this corpus's file again, not every corpus's the user ever had.
        self._others_read: dict[Path, tuple[tuple[int, int], list[Curation]]] = {}
        self._others_key: list = []
        self._others_latest_cache: dict[tuple[str, str], tuple[str, float, Curation]] = {}
        #: One-line messages for the user (a file kept aside, an entry skipped...).
        self.notices: list[str] = []
        #: Where the user's file was copied when it had entries to skip (once per store:
        #: the file is read again on every change).
        self._kept_aside: Path | None = None
        #: Changes that could not be saved yet (a full disk), saved with the next change.
        self._pending: dict[tuple[str, str], Curation] = {}
        self._last_read: list[Curation] = []

    @property
    def _lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @classmethod
    def for_corpus(cls, corpus, *, path: Path | None = None) -> LinkStore:
        """The store for a :class:`search.corpus.Corpus` (anything with ``key`` and
        ``folders``): ``links.toml`` of each folder, under the user's own file."""
        shared = [Path(f) / FOLDER_FILE for f in corpus.folders]
        others: list[Path] = []
        if path is None:
            path = default_path(corpus.key)
            with contextlib.suppress(OSError):
                others = sorted(path.parent.glob("*.toml"))
        return cls(path, shared=[p for p in shared if p.is_file()], others=others)

    # ---------------------------------------------------------------- reading

    def _read_user(self) -> list[Curation]:
        if not self.path.exists():
            return []
        try:
            text = self.path.read_text(encoding="utf-8")
            entries, problems = loads(text)
        except (LinksFileError, UnicodeDecodeError) as exc:
            bad = _keep_aside(self.path, copy=False)
            self._notice(
                f"{self.path} could not be read ({exc}); kept it as {bad.name} "
                "and started a new one"
            )
            return []
        if problems:
            if self._kept_aside is None:
                self._kept_aside = _keep_aside(self.path, copy=True)
            for p in problems:
                self._notice(
                    f"{self.path}: skipped {p} (the file as it was is kept as {self._kept_aside.name})"
                )
        return entries

    def _read_shared(self) -> list[Curation]:
        out = []
        for path in self.shared:
            try:
                entries, problems = loads(path.read_text(encoding="utf-8"))
            except (OSError, LinksFileError, UnicodeDecodeError) as exc:
                self._notice(f"{path} ignored: {exc}")
                continue
            for p in problems:
                self._notice(f"{path}: skipped {p}")
            out += entries
        return out

    def _others_latest(self) -> dict[tuple[str, str], tuple[str, float, Curation]]:
        """What the user decided with other sets of folders open (``--corpus A`` alone,
        then ``A`` and ``B``): an article's id is made from its own folder's name and its
        path there, so the same article, compared again, finds its verdicts. Concern ->
        (when decided, when its file was written, entry), the latest of each; each file
        is read once, and again only when it changes (a verdict key would otherwise read
        every corpus's file the user ever had). A file that does not read is left to its
        own corpus to report."""
        stamps = []
        for path in self.others:
            try:
                stat = path.stat()
                stamp = (stat.st_mtime_ns, stat.st_size)
                cached = self._others_read.get(path)
                if cached is None or cached[0] != stamp:
                    cached = (stamp, loads(path.read_text(encoding="utf-8"))[0])
                    self._others_read[path] = cached
            except (OSError, LinksFileError, UnicodeDecodeError):
                continue
            stamps.append((path, stamp))
        if stamps != self._others_key:
            latest: dict[tuple[str, str], tuple[str, float, Curation]] = {}
            for path, (mtime_ns, _) in stamps:
                for e in self._others_read[path][1]:
                    timed = (e.updated, mtime_ns / 1e9, e)
                    if e.ident not in latest or timed[:2] >= latest[e.ident][:2]:
                        latest[e.ident] = timed
            self._others_key, self._others_latest_cache = stamps, latest
        return self._others_latest_cache

    def _users(self, own: Iterable[Curation]) -> dict[tuple[str, str], Curation]:
        """The user's entries, this corpus's (``own``) and other sets of folders', the
        latest decision of each concern (see :meth:`_own_wins`)."""
        latest = self._others_latest()
        out = {ident: timed[2] for ident, timed in latest.items()}
        written = self._own_written()
        for e in own:
            if self._own_wins(e, written, latest.get(e.ident)):
                out[e.ident] = e
        return out

    def _own_written(self) -> float:
        try:
            return self.path.stat().st_mtime
        except OSError:
            return float("inf")

    @staticmethod
    def _own_wins(
        mine: Curation, written: float, other: tuple[str, float, Curation] | None
    ) -> bool:
        """Is this corpus's entry the latest decision, against another set of folders'
        (when decided, when its file was written)? By the time it was decided (an entry
        written by hand, without one, counts as oldest), then by when its file was written
        (times are to the second); this corpus's file on a tie."""
        return other is None or (mine.updated, written) >= other[:2]

    def _notice(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)

    def entries(self) -> dict[tuple[str, str], Curation]:
        """(concern key, later id) -> curation; the user's own entries win over the
        folders' files, the latest decision (this corpus's file or another set of
        folders') wins among the user's, and changes not yet saved win over the files.
        A user's entry without a verdict (one cleared with ``0``, or one that only pins
        or notes) shows the folder's verdict, if its file gives one."""
        shared = {e.ident: e for e in self._read_shared()}
        merged = dict(shared)
        merged.update(self._users(self._read_user()))
        for e in self._pending.values():
            merged[e.ident] = e
        for ident, e in merged.items():
            base = shared.get(ident)
            if e.verdict is None and base is not None and base.verdict is not None:
                merged[ident] = evolve(e, verdict=base.verdict)
        return merged

    # ---------------------------------------------------------------- changing

    def _change(self, concern: Concern, earlier: Article, later: Article, change) -> Curation:
        """Apply ``change`` to the concern's entry as the file has it now, and save.

        The read, the change and the write happen under a lock on the file, so two
        dossiers saving at once each add to what the other saved. A change that cannot
        be saved (a full disk) is kept in memory, said, and saved with the next one.
        """
        ident = (concern.key, later.id)

        def updated(own: dict[tuple[str, str], Curation]) -> Curation:
            base = self._pending.get(ident) or self._users_entry(ident, own)
            base = base or self._shared_entry(ident)
            if base is None:
                base = Curation(concern.key, earlier.id, later.id, text=concern.span.text)
            return evolve(change(base), text=concern.span.text, updated=_now())

        entry = self._save(updated)
        if entry is None:  # not saved: applied to what we knew, kept until it can be
            entry = updated({e.ident: e for e in self._last_read})
            self._pending[ident] = entry
        return entry

    def _users_entry(
        self, ident: tuple[str, str], own: dict[tuple[str, str], Curation]
    ) -> Curation | None:
        """The user's latest decision on ``ident``: in this corpus's file or another's."""
        mine, other = own.get(ident), self._others_latest().get(ident)
        if mine is not None and self._own_wins(mine, self._own_written(), other):
            return mine
        return other[2] if other is not None else None

    def _shared_entry(self, ident: tuple[str, str]) -> Curation | None:
        return next((e for e in reversed(self._read_shared()) if e.ident == ident), None)

    def _save(self, updated=None) -> Curation | None:
        """Write the pending changes, and ``updated``'s entry if given, into the file as it
        is now. Returns the entry written (or None if ``updated`` is None or nothing could be
        written: then a notice says why)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with locks.exclusive(self._lock_path, wait=LOCK_WAIT) as lock:
                if not lock.acquired:
                    self._notice(
                        f"{locks.holder_text(lock.holder)} has been saving to {self.path} for "
                        f"{LOCK_WAIT:.0f} s; your change is kept here and saved with the next one"
                    )
                    return None
                own = {e.ident: e for e in self._read_user()}
                self._last_read = list(own.values())
                own.update(self._pending)
                entry = updated(own) if updated is not None else None
                if (
                    entry is not None
                    and _undecided(entry)
                    and not self._shared_entry(entry.ident)
                    and entry.ident not in self._others_latest()
                ):
                    own.pop(entry.ident, None)  # all undone: the engine's reading again
                elif entry is not None:
                    own[entry.ident] = entry
                write_atomic(self.path, dumps(own.values()))
        except OSError as exc:
            self._notice(_unsaved(self.path, exc))
            return None
        if self._pending:
            self._notice(f"saved {_count(len(self._pending))} kept in memory to {self.path}")
            self._pending.clear()
        return entry

    @property
    def unsaved(self) -> int:
        """How many changes are kept in memory because they could not be saved yet."""
        return len(self._pending)

    def save_pending(self) -> bool:
        """Try again to save what could not be saved; True when nothing is left unsaved."""
        if self._pending:
            self._save()
        return not self._pending

    def set_verdict(
        self, concern: Concern, earlier: Article, later: Article, verdict: str | None
    ) -> Curation:
        """Record the analyst's verdict (``None`` clears it back to the automatic one)."""
        if verdict is not None and verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}; use one of: {', '.join(VERDICTS)}")
        return self._change(concern, earlier, later, lambda e: evolve(e, verdict=verdict))

    def set_note(self, concern: Concern, earlier: Article, later: Article, note: str) -> Curation:
        """Record the analyst's note on a concern (one line; "" removes it)."""
        return self._change(
            concern, earlier, later, lambda e: evolve(e, note=" ".join(note.split()))
        )

    def pin(self, concern: Concern, earlier: Article, later: Article, development) -> Curation:
        """Pin a development (any :class:`~search.compare.Development` or sentence
        :class:`~search.model.Span` of ``later``) as an answer to the concern."""
        key, text = _dev(later, development)

        def change(e: Curation) -> Curation:
            pinned = tuple(p for p in e.pinned if p[0] != key) + ((key, text),)
            return evolve(e, pinned=pinned, dropped=tuple(d for d in e.dropped if d[0] != key))

        return self._change(concern, earlier, later, change)

    def drop(self, concern: Concern, earlier: Article, later: Article, development) -> Curation:
        """Drop a development the engine linked: it is not an answer to the concern."""
        key, text = _dev(later, development)

        def change(e: Curation) -> Curation:
            dropped = tuple(d for d in e.dropped if d[0] != key) + ((key, text),)
            return evolve(e, dropped=dropped, pinned=tuple(p for p in e.pinned if p[0] != key))

        return self._change(concern, earlier, later, change)

    def unset(self, concern: Concern, earlier: Article, later: Article, development) -> Curation:
        """Neither pinned nor dropped: back to what the engine says."""
        key, _ = _dev(later, development)
        return self._change(
            concern,
            earlier,
            later,
            lambda e: evolve(
                e,
                pinned=tuple(p for p in e.pinned if p[0] != key),
                dropped=tuple(d for d in e.dropped if d[0] != key),
            ),
        )


def _undecided(entry: Curation) -> bool:
    """Has an entry nothing left an analyst decided (a verdict cleared, a pin undone)?"""
    return not (entry.verdict or entry.pinned or entry.dropped or entry.note)


def _unsaved(path: Path, exc: OSError) -> str:
    """What to tell the user when their change could not be written (never the file's text)."""
    why = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "your disk quota is used up",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
    }.get(exc.errno, exc.strerror or type(exc).__name__)
    return (
        f"could not save to {path}: {why}; your change is kept in memory and saved with "
        "the next one (free some space, or quit and it is lost)"
    )


def _count(n: int) -> str:
    return f"{n} change" if n == 1 else f"{n} changes"


def _dev(later: Article, development) -> tuple[str, str]:
    span = getattr(development, "span", development)
    key = getattr(development, "key", None) or sentence_key(later.id, span.text)
    return key, span.text


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


# --------------------------------------------------------------------------- apply


def apply(
    comparison: Comparison,
    entries: dict[tuple[str, str], Curation],
    *,
    earlier_entities: Sequence[Entity] | None = None,
    later_entities: Sequence[Entity] | None = None,
) -> Comparison:
    """The comparison with analysts' verdicts, pins and drops applied.

    A link an analyst touched has origin "curated", and so does each pinned
    development. A concern an analyst curated that the engine did not detect is
    added, if its sentence is still in the earlier article. Pins whose sentence is
    no longer in the later article are reported in ``notices`` (and kept in the file).
    The entities, if given, spare recognising them again for pinned links.
    """
    ents = (earlier_entities, later_entities)
    earlier, later = comparison.earlier, comparison.later
    notices = list(comparison.notices)
    relevant = {
        e.concern: e for e in entries.values() if e.later == later.id and e.earlier == earlier.id
    }
    links: list[Link] = []
    known = set()
    for link in comparison.links:
        known.add(link.concern.key)
        entry = relevant.get(link.concern.key)
        links.append(link if entry is None else _curated(link, entry, comparison, notices, ents))
    for key, entry in relevant.items():
        if key in known:
            continue
        span = sentence_at(earlier, key)
        if span is None:
            notices.append(
                f"a curated concern is no longer in {earlier.title!r}: {_short(entry.text)}"
            )
            continue
        blank = Link(Concern(span, key, ()), (), AUTO_SILENT)
        links.append(_curated(blank, entry, comparison, notices, ents))
    links.sort(key=lambda link: link.concern.span.start)
    used = {d.key for link in links for d in link.developments}
    new = tuple(d for d in comparison.new_developments if d.key not in used)
    return evolve(comparison, links=tuple(links), new_developments=new, notices=tuple(notices))


def _curated(link: Link, entry: Curation, comparison: Comparison, notices: list[str], ents) -> Link:
    later = comparison.later
    dropped = {k for k, _ in entry.dropped}
    auto = [e for e in link.evidence if e.development.key not in dropped]
    have = {e.development.key: e for e in auto}
    pinned: list[Evidence] = []
    for key, text in entry.pinned:
        if key in have:
            pinned.append(evolve(have.pop(key), origin="curated"))
            continue
        span = sentence_at(later, key)
        if span is None:
            notices.append(
                f"a pinned development is no longer in {later.title!r}: {_short(text or key)}"
            )
            continue
        ev = evidence_for(
            comparison.earlier,
            later,
            link.concern.span,
            span,
            earlier_entities=ents[0],
            later_entities=ents[1],
        )
        pinned.append(evolve(ev, origin="curated"))
    if entry.verdict == AUTO_SILENT:
        have = {}  # "not addressed": the engine's links are not answers, pins still are
    return _decided(link, (*pinned, *(e for e in auto if e.development.key in have)), entry)


def _decided(link: Link, evidence: Sequence[Evidence], entry: Curation) -> Link:
    """``link`` as the analysts left it: their evidence, their verdict if they gave one
    (else the engine's reading of that evidence), and their note."""
    verdict = entry.verdict or (AUTO_LINKED if evidence else AUTO_SILENT)
    return evolve(
        link,
        evidence=tuple(evidence),
        verdict=verdict,
        origin="curated",
        note=entry.note,
        judged=entry.verdict is not None,
    )


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------- corpus


def comparison(
    corpus,
    earlier_id: str | None = None,
    later_id: str | None = None,
    *,
    curated: bool = True,
    store: LinkStore | None = None,
) -> tuple[Comparison, LinkStore]:
    """Compare two articles of a :class:`search.corpus.Corpus` (by default its oldest
    and newest dated ones), with analysts' curation applied unless ``curated`` is
    false. Returns the comparison and the store to record new decisions in.

    The two named are compared in date order, the earlier first, whichever was given
    first (a notice says so when they were swapped).

    Raises :class:`~search.model.CorpusError` for unknown ids, one article named twice,
    or a corpus without two dated articles.
    """
    from search.compare import compare, default_pair, in_date_order
    from search.model import CorpusError

    if (earlier_id is None) != (later_id is None):
        raise CorpusError("name both articles to compare, the earlier first, or neither")
    if earlier_id is None:
        try:
            earlier, later = default_pair(corpus.articles)
        except ValueError as exc:
            raise CorpusError(str(exc)) from exc
    else:
        first, second = corpus.get(earlier_id), corpus.get(later_id)
        if first.id == second.id:
            raise CorpusError(
                f"{first.id} is named twice: an article is not compared with itself; "
                "name two different articles"
            )
        earlier, later = in_date_order(first, second)
    notices = []
    if earlier_id is not None and earlier.id != earlier_id:
        notices.append(
            f"compared in date order, the earlier first: {earlier.id} ({earlier.published}) "
            f"before {later.id} ({later.published or 'undated'})"
        )
    ents = corpus.entities(earlier.id), corpus.entities(later.id)
    result = compare(earlier, later, earlier_entities=ents[0], later_entities=ents[1])
    store = store or LinkStore.for_corpus(corpus)
    if curated:
        result = apply(result, store.entries(), earlier_entities=ents[0], later_entities=ents[1])
        notices += store.notices
    return evolve(result, notices=tuple(notices) + result.notices), store


# --------------------------------------------------------------------------- topics


@define(frozen=True, slots=True)
class TopicSide:
    """The later side of a topic compare, as the store knows it: curation on a topic's
    links is kept under ``topic:<query>`` in place of a later article's id."""

    id: str


def topic_side(query: str) -> TopicSide:
    return TopicSide("topic:" + " ".join(query.split()).casefold())


#: At most this many matching articles take part in a topic compare.
TOPIC_LIMIT = 200


def topic_comparison(
    corpus,
    query: str,
    split: dt.date | None = None,
    *,
    curated: bool = True,
    store: LinkStore | None = None,
):
    """The concerns of every article matching ``query`` dated before ``split`` (default:
    the median date of the matches) against the developments of every later match, with
    analysts' curation applied unless ``curated`` is false.

    Raises :class:`~search.model.CorpusError` when the matches do not fall on two sides.
    """
    from search.compare import compare_topic, split_by_date
    from search.compare.topic import without_duplicates
    from search.model import CorpusError

    hits = corpus.search(query, limit=TOPIC_LIMIT).hits
    if not hits:
        raise CorpusError(f"no article matches {query!r}: try other words")
    articles, copies = without_duplicates([corpus.get(h.id) for h in hits])
    try:
        earlier, later, split = split_by_date(articles, split)
    except ValueError as exc:
        raise CorpusError(f"{query!r}: {exc}") from exc
    result = compare_topic(query, earlier, later, split, entities=lambda a: corpus.entities(a.id))
    if copies:
        result = evolve(result, notices=(_copies_notice(copies), *result.notices))
    store = store or LinkStore.for_corpus(corpus)
    if curated:
        result = apply_topic(result, store.entries())
        result = evolve(result, notices=result.notices + tuple(store.notices))
    return result, store


def _copies_notice(copies) -> str:
    """What a topic compare says of the articles it set aside as copies of others."""
    listed = ", ".join(f"{copy.id} (a copy of {kept.id})" for copy, kept in copies[:5])
    more = f" and {len(copies) - 5} more" if len(copies) > 5 else ""
    n = len(copies)
    return (
        f"{n} duplicate{'s' * (n != 1)} set aside (the same article saved twice: same "
        f"address, or same title and text): {listed}{more}"
    )


def _latest_by_concern(
    entries: dict[tuple[str, str], Curation], later_ids: set[str]
) -> dict[str, Curation]:
    """Concern key -> the latest decision on it against one of ``later_ids`` (a pair
    compare's), among entries that decided something."""
    latest: dict[str, Curation] = {}
    for e in entries.values():
        if e.later not in later_ids or not (e.verdict or e.note or e.pinned or e.dropped):
            continue
        known = latest.get(e.concern)
        if known is None or e.updated >= known.updated:
            latest[e.concern] = e
    return latest


def apply_topic(result, entries: dict[tuple[str, str], Curation]):
    """A topic comparison with analysts' verdicts, notes, pins and drops applied: those
    given in this topic's view, else the latest given in a compare of the concern's
    article with one of the topic's later articles (what the analyst decided there holds
    here too, until they decide otherwise here)."""
    later_id = topic_side(result.query).id
    notices = list(result.notices)
    in_pairs = _latest_by_concern(entries, {a.id for a in result.later})
    links = []
    for link in result.links:
        entry = entries.get((link.concern.key, later_id)) or in_pairs.get(link.concern.key)
        if entry is None:
            links.append(link)
            continue
        dropped = {k for k, _ in entry.dropped}
        auto = {e.development.key: e for e in link.evidence if e.development.key not in dropped}
        pinned = []
        for key, text in entry.pinned:
            if key in auto:
                pinned.append(evolve(auto.pop(key), origin="curated"))
                continue
            try:
                span = sentence_at(result.article_of(key), key)
            except KeyError:
                span = None
            if span is None:
                notices.append(f"a pinned development is no longer found: {_short(text or key)}")
                continue
            pinned.append(Evidence(Development(span, key), 0.0, origin="curated"))
        if entry.verdict == AUTO_SILENT:
            auto = {}
        links.append(_decided(link, (*pinned, *auto.values()), entry))
    return evolve(result, links=tuple(links), notices=tuple(notices))
