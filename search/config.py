"""dossier's settings: one TOML file in the user's config folder.

This module reads the file and the settings the engine needs (``corpus``, ``index_dir``);
the explorer's own (``theme``, ``keys``) are read by ``tui.settings`` from
:attr:`Config.front_end`, the tables this module leaves to the front end.

The file is optional and every setting in it is optional. A file that cannot be
read or parsed never stops dossier: :func:`load_config` returns the defaults and
a problem saying what is wrong and on which line, for the UI to show. Settings
of the wrong type or with unknown names are left out, each with its own
problem, and the rest of the file still applies.

Where things live (platformdirs, so XDG on Linux):

- :func:`config_path` -- ``~/.config/dossier/config.toml`` (``$DOSSIER_CONFIG`` overrides)
- :func:`cache_dir` -- ``~/.cache/dossier``: the index, rebuilt from the articles if lost,
  and the entity tables as loaded (:mod:`search.entities.kept`)
- :func:`data_dir` -- ``~/.local/share/dossier``: what the user made (links, verdicts)
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import platformdirs
from attrs import define, field

APP_NAME = "dossier"
#: Environment variable naming another config file (for a second profile, or tests).
ENV_CONFIG = "DOSSIER_CONFIG"

#: The engine's top-level settings and what each must be, in words for messages.
SETTINGS: dict[str, str] = {
    "corpus": 'a list of folders in quotes, e.g. corpus = ["~/news"]',
    "index_dir": 'a folder in quotes, e.g. index_dir = "~/dossier-index"',
}
#: Settings a front end reads (tui.settings): left in Config.front_end, not "unknown".
FRONT_END_SETTINGS: tuple[str, ...] = ("theme", "keys")


def toml_loads(text: str) -> dict:
    """Parse TOML: every TOML file dossier reads comes through here. Raises ValueError
    (``TOMLDecodeError``) for a malformed one.

    The parser is imported on first use, not with this module: most users have no config
    file, and every `dossier search` would pay for it.
    """
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    return tomllib.loads(text)


def config_path() -> Path:
    """The config file dossier reads: ``$DOSSIER_CONFIG``, else the platform's config dir."""
    env = os.environ.get(ENV_CONFIG, "").strip()
    if env:
        return Path(env).expanduser()
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def data_dir() -> Path:
    """Where dossier keeps what the user made (not created here)."""
    return platformdirs.user_data_path(APP_NAME)


def cache_dir() -> Path:
    """Where dossier keeps what it can rebuild, such as the index (not created here)."""
    return platformdirs.user_cache_path(APP_NAME)


def _frozen_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


@define(frozen=True, slots=True)
class Config:
    """The settings in effect. Built by :func:`load_config`; defaults when there is no file."""

    path: Path
    #: Whether the file exists (a missing file is not a problem).
    exists: bool = False
    #: Default corpus folders, ``~`` expanded, relative paths taken from the file's folder;
    #: one that does not exist is kept (and is a problem), so that opening it fails rather
    #: than another corpus answering. Empty means "the bundled corpus".
    corpus: tuple[Path, ...] = ()
    #: The FRONT_END_SETTINGS found in the file, as parsed, for the front end to check.
    front_end: Mapping[str, object] = field(factory=dict, converter=_frozen_mapping)
    #: Where to keep the index instead of :func:`cache_dir`.
    index_dir: Path | None = None
    #: One line each: what is wrong in the file, where, and what dossier does instead.
    problems: tuple[str, ...] = ()

    @property
    def index_root(self) -> Path:
        """The folder the index goes in: ``index_dir`` if set, else :func:`cache_dir`."""
        return self.index_dir if self.index_dir is not None else cache_dir()


def load_config(path: Path | None = None) -> Config:
    """Read the config file (default: :func:`config_path`). Never raises for a bad file."""
    explicit_env = path is None and bool(os.environ.get(ENV_CONFIG, "").strip())
    path = Path(path) if path is not None else config_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems: tuple[str, ...] = ()
        if explicit_env:
            problems = (f"{ENV_CONFIG} names {path}, which does not exist; using the defaults",)
        return Config(path=path, exists=False, problems=problems)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return Config(
            path=path,
            exists=path.exists(),
            problems=(f"{path}: cannot be read ({reason}); using the defaults",),
        )

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Config(
            path=path,
            exists=True,
            problems=(
                f"{path}, line {line}: not UTF-8 text; the file is ignored and the defaults apply",
            ),
        )

    try:
        table = toml_loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError
        return Config(path=path, exists=True, problems=(_syntax_problem(path, text, exc),))

    return _from_table(path, text, table)


# -- parsing a well-formed file -------------------------------------------------------------


def _from_table(path: Path, text: str, table: Mapping[str, object]) -> Config:
    lines = text.splitlines()
    problems: list[str] = []

    def problem(key: str, what: str, *, in_table: str | None = None) -> None:
        line = _line_of(lines, key, in_table)
        where = f"{path}, line {line}" if line else f"{path}"
        problems.append(f"{where}: {what}")

    base = path.parent
    corpus: list[Path] = []
    front_end: dict[str, object] = {}
    index_dir: Path | None = None

    for key, value in table.items():
        if key == "corpus":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                problem(key, f"corpus must be {SETTINGS['corpus']}; using the bundled corpus")
                continue
            for item in items:
                if not item.strip() or "\x00" in item:
                    problem(key, f"corpus has an impossible folder name {item!r}; left out")
                    continue
                folder = _path(item, base)
                if not folder.exists():
                    # Kept: opening the corpus then fails saying so, as for --corpus. Left
                    # out, an unmounted ~/news meant results from another corpus.
                    problem(key, f"corpus folder {folder} does not exist (not mounted?)")
                    if folder not in corpus:
                        corpus.append(folder)
                elif not folder.is_dir():
                    problem(key, f"corpus folder {folder} is not a folder; left out")
                elif folder not in corpus:
                    corpus.append(folder)
        elif key in FRONT_END_SETTINGS:
            front_end[key] = value
        elif key == "index_dir":
            if not isinstance(value, str) or not value.strip() or "\x00" in value:
                problem(key, f"index_dir must be {SETTINGS['index_dir']}; using {cache_dir()}")
                continue
            index_dir = _path(value, base)
            if index_dir.exists() and not index_dir.is_dir():
                problem(key, f"index_dir {index_dir} is not a folder; using {cache_dir()}")
                index_dir = None
        else:
            known = ", ".join([*SETTINGS, *FRONT_END_SETTINGS])
            problem(key, f"unknown setting {key!r} (known: {known}); ignored")

    return Config(
        path=path,
        exists=True,
        corpus=tuple(corpus),
        front_end=front_end,
        index_dir=index_dir,
        problems=tuple(problems),
    )


def _path(value: str, base: Path) -> Path:
    """``~`` and ``$VARS`` expanded; a relative path is taken from the config file's folder."""
    p = Path(os.path.expandvars(os.path.expanduser(value.strip())))
    return p if p.is_absolute() else base / p


_HEADER = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+")


def _line_of(lines: list[str], key: str, in_table: str | None) -> int | None:
    """The line where ``key`` is set (top level, or inside ``[in_table]``), if it can be found.

    ``key`` may be dotted (``compare.next``): written bare, quoted, or under ``[keys.results]``.
    """
    current: str | None = None
    for number, line in enumerate(lines, 1):
        header = _HEADER.match(line)
        if header:
            current = re.sub(r"\s*\.\s*", ".", header.group(1).strip().strip("\"'"))
            if in_table is None and current == key:
                return number  # an unknown [table]
            continue
        if current == in_table:
            rest = key
        elif in_table and current and current.startswith(in_table + "."):
            prefix = current[len(in_table) + 1 :] + "."
            if not key.startswith(prefix):
                continue
            rest = key[len(prefix) :]
        else:
            continue
        if _key_pattern(rest).match(line):
            return number
    return None


def _key_pattern(key: str) -> re.Pattern[str]:
    bare = r"\s*\.\s*".join(re.escape(part) for part in key.split("."))
    quoted = re.escape(key)
    return re.compile(rf"""^\s*(?:{bare}|"{quoted}"|'{quoted}')\s*[=.]""")


def setting_line(path: Path, key: str, table: str | None = None) -> int | None:
    """The line of ``path`` where ``key`` (in ``[table]``) is set, for messages; None if unknown."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return _line_of(lines, key, table)


_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$|\s*\(at end of document\)\s*$")


def _syntax_problem(path: Path, text: str, exc: Exception) -> str:
    """``path, line N: what (column C): the line`` from a TOMLDecodeError.

    Python < 3.14 keeps the position only in the message, so it is read from there.
    """
    message = str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    at = _AT.search(message)
    if at:
        message = message[: at.start()]
        if line is None and at.group(1):
            line, column = int(at.group(1)), int(at.group(2))
    lines = text.splitlines()
    if line is None:  # "at end of document"
        line = max(1, len(lines))
    source = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    where = f"{path}, line {line}" + (f", column {column}" if column else "")
    what = message.strip().rstrip(".") or "not valid TOML"
    if what == "Invalid value":
        what += " (text needs quotes, lists need [ ])"
    shown = f": `{source}`" if source else ""
    return f"{where}: {what}{shown}; the whole file is ignored and the defaults apply"
