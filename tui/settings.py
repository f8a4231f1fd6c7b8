"""The explorer's own settings (theme, keys), read from the same config file as the engine's.

``search.config`` reads the file and the settings the engine needs (corpus, index_dir)
and leaves these, as parsed, in ``Config.front_end``; this module checks them. The UI
imports :func:`load_settings`, which gives both in one value.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from attrs import define, field

from search.config import Config, load_config, setting_line

DEFAULT_THEME = "dark"

#: The explorer's settings and what each must be, in words for messages.
SETTINGS: dict[str, str] = {
    "theme": 'text in quotes, e.g. theme = "light"',
    "keys": 'a [keys] table of binding = "key,key" lines',
}


def _frozen_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


@define(frozen=True, slots=True)
class Settings:
    """The engine's config and the explorer's settings in effect, with every problem."""

    config: Config
    #: "dark", "light" or the name of any Textual theme; the app checks the name.
    theme: str = DEFAULT_THEME
    #: Binding id -> comma-separated keys, e.g. ``{"app.search": "ctrl+f,slash"}``.
    keys: Mapping[str, str] = field(factory=dict, converter=_frozen_mapping)
    #: The engine's problems, then the explorer's.
    problems: tuple[str, ...] = ()

    # The engine's settings, as the explorer reads them.
    path = property(lambda self: self.config.path)
    exists = property(lambda self: self.config.exists)
    corpus = property(lambda self: self.config.corpus)
    index_dir = property(lambda self: self.config.index_dir)
    index_root = property(lambda self: self.config.index_root)


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file; never raises for a bad file (see search.config.load_config)."""
    config = load_config(path)
    problems: list[str] = []

    def problem(key: str, what: str, *, in_table: str | None = None) -> None:
        line = setting_line(config.path, key, in_table)
        where = f"{config.path}, line {line}" if line else f"{config.path}"
        problems.append(f"{where}: {what}")

    theme = DEFAULT_THEME
    value = config.front_end.get("theme")
    if value is not None:
        if isinstance(value, str) and value.strip():
            theme = value.strip()
        else:
            problem("theme", f"theme must be {SETTINGS['theme']}; using {DEFAULT_THEME!r}")
    keys: dict[str, str] = {}
    table = config.front_end.get("keys")
    if table is not None and not isinstance(table, dict):
        problem("keys", f"keys must be {SETTINGS['keys']}; using the default keys")
    elif table is not None:
        for binding, spec in _flatten(table):
            parsed = _key_spec(spec)
            if parsed is None:
                problem(
                    binding,
                    f"keys.{binding} must be key names in quotes, e.g. "
                    f'{binding} = "ctrl+k" or "ctrl+k,f2"; this line is ignored',
                    in_table="keys",
                )
                continue
            keys[binding] = parsed
    return Settings(config, theme, keys, (*config.problems, *problems))


def _flatten(table: Mapping[str, object], prefix: str = "") -> list[tuple[str, object]]:
    """``{"compare": {"next": "j"}}`` -> ``[("compare.next", "j")]``: binding ids have dots,
    and TOML reads an unquoted ``compare.next = "j"`` as a table."""
    items: list[tuple[str, object]] = []
    for name, value in table.items():
        if isinstance(value, dict):
            items += _flatten(value, f"{prefix}{name}.")
        else:
            items.append((f"{prefix}{name}", value))
    return items


def _key_spec(spec: object) -> str | None:
    """``"a, b"`` or ``["a", "b"]`` -> ``"a,b"``; None if it is neither or has no key."""
    if isinstance(spec, str):
        parts = spec.split(",")
    elif isinstance(spec, list) and all(isinstance(s, str) for s in spec):
        parts = spec
    else:
        return None
    keys = [p.strip() for p in parts if p.strip()]
    if not keys or any(" " in k for k in keys):
        return None
    return ",".join(keys)


#: What ``dossier config --init`` writes: every setting, commented out, so it changes nothing.
TEMPLATE = """\
# dossier configuration (TOML). Every setting is optional: remove the leading '#'
# from a line to use it. `dossier config` shows what is in effect and any problems.

# Folders of articles to open when no --corpus is given (default: the bundled corpus).
# ~ is your home folder; a relative path is taken from this file's folder.
# corpus = ["~/news", "~/Documents/analyses"]

# Colour theme: "dark", "light", or any Textual theme name (e.g. "nord", "gruvbox").
# theme = "dark"

# Where to keep the search index (default: the cache folder `dossier config` shows).
# The index is rebuilt from the articles whenever it is missing.
# index_dir = "~/.cache/dossier"

# Key remaps: binding id = "key" or "key1,key2". `?` in the explorer lists the bindings.
# Quote an id that has a dot in it: "compare.next" = "j,down".
[keys]
# "app.search" = "slash,f3"
# "app.quit" = "q"
"""
