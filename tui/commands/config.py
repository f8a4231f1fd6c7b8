"""`dossier config`: where the config file is, what is in effect, and what is wrong with it."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HELP = "show where the config file is, the settings in effect and any problems"

#: Theme names the explorer accepts besides Textual's own.
THEME_ALIASES = ("dark", "light")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "Exit status 1 if the config file has problems (dossier still runs, with the "
        "defaults for whatever is wrong). $DOSSIER_CONFIG names another config file."
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.add_argument(
        "--init",
        action="store_true",
        help="write a commented template to the config file's place if there is none",
    )


def run(args: argparse.Namespace) -> int:
    from search.config import config_path
    from tui.settings import TEMPLATE, load_settings

    if args.init:
        return _init(config_path(), _template(TEMPLATE, known_bindings()))

    config = load_settings()
    report = _report(config, args)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print(report)
    return 1 if report["problems"] else 0


def _init(path: Path, template: str) -> int:
    if path.exists():  # the command was right; the file is in the way (exit 1, not 2)
        print(
            f"dossier: {path} already exists; not overwritten (edit it, or move it away "
            "and run `dossier config --init` again)",
            file=sys.stderr,
        )
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    # "x": never clobber a file that appeared since the check.
    with path.open("x", encoding="utf-8") as f:
        f.write(template)
    print(f"wrote {path}")
    return 0


def _report(config, args: argparse.Namespace) -> dict:
    from search.config import cache_dir, data_dir

    problems = list(config.problems)
    theme_problem = _theme_problem(config.theme)
    if theme_problem:
        problems.append(theme_problem)
    from tui.keymap import AMBIGUOUS, RENAMED, current_ids

    bindings = known_bindings()
    keys, ambiguous = current_ids(config.keys)
    problems += ambiguous
    if bindings:
        problems += [
            _unknown_binding(config.path, name, bindings)
            for name in config.keys
            if name not in AMBIGUOUS and RENAMED.get(name, name) not in bindings
        ]
    folders = [os.path.abspath(p) for p in (args.folders or [])]
    # Not problems (dossier works: the index is built in memory on every start), but what
    # `dossier config` is for: why every start is slow.
    notes = []
    unwritable = _index_unwritable(args.folders or [])
    if unwritable:
        notes.append(
            f"the index cannot be written ({unwritable}): it is built in memory on every "
            "start; set index_dir in the config file to a folder you can write in"
        )
    from search.index import why_unwritable

    unsavable = why_unwritable(data_dir())
    if unsavable:
        notes.append(
            f"the data folder cannot be written ({unsavable}): verdicts, notes and saved "
            "citations will not be kept; set XDG_DATA_HOME to a folder you can write in"
        )
    return {
        "config_file": str(config.path),
        "exists": config.exists,
        "corpus": folders,
        "corpus_from": _corpus_source(config, args),
        "theme": config.theme,
        # what is in effect: a name that is no binding is reported above, not listed
        "keys": {k: v for k, v in keys.items() if not bindings or k in bindings},
        "bindings": {name: keys.get(name, dflt) for name, dflt in sorted(bindings.items())},
        "index_dir": str(config.index_root),
        "index": _index_folder(args.folders or []),
        "cache_dir": str(cache_dir()),
        "data_dir": str(data_dir()),
        "problems": problems,
        "notes": notes,
    }


def _index_unwritable(folders) -> str | None:
    from search.index import index_directory, why_unwritable

    return why_unwritable(index_directory(folders))


def _index_folder(folders) -> str | None:
    """Where the index of these folders is kept (it may not be built yet)."""
    from search.index import index_directory

    return str(index_directory(folders))


def _corpus_source(config, args: argparse.Namespace) -> str:
    if getattr(args, "corpus", None):
        return "--corpus"
    if os.environ.get("DOSSIER_CORPUS", "").strip():
        return "$DOSSIER_CORPUS"
    if config.corpus:
        return "config"
    return "bundled"


_SOURCE_WORDS = {
    "--corpus": "from --corpus",
    "$DOSSIER_CORPUS": "from $DOSSIER_CORPUS",
    "config": "from the config file",
    "bundled": "the bundled corpus: set corpus in the config file for your own",
}


def _unknown_binding(path: Path, name: str, bindings: dict[str, str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, bindings, n=3)
    hint = (
        f"did you mean {' or '.join(map(repr, close))}?"
        if close
        else "`?` in the explorer lists them"
    )
    from search.config import setting_line

    line = setting_line(path, name, "keys")
    where = f"{path}, line {line}" if line else str(path)
    return f"{where}: [keys] {name!r} is not a binding of the explorer ({hint}); ignored"


def _theme_problem(theme: str) -> str | None:
    try:
        from textual.theme import BUILTIN_THEMES

        from tui.app import THEME_ALIASES, DossierApp  # noqa: F401 - registers its themes
    except Exception:  # noqa: BLE001 - checking is a courtesy; the app has the last word
        return None
    names = {*BUILTIN_THEMES, *THEME_ALIASES, *THEME_ALIASES.values()}
    if theme.strip().lower() in THEME_ALIASES or theme.strip() in names:
        return None
    known = ", ".join([*THEME_ALIASES, *sorted(BUILTIN_THEMES)])
    return f"theme {theme!r} is not a theme the explorer knows ({known}); it uses 'dark'"


def known_bindings() -> dict[str, str]:
    """Binding id -> default keys, for every binding of the explorer that has an id.

    Read from the app, its screens and widgets, so it stays right as bindings are added.
    Empty if the explorer cannot be imported (then nothing is checked).
    """
    import importlib
    import inspect
    import pkgutil

    try:
        from textual.binding import Binding

        import tui.screens
        import tui.widgets
        from tui.app import DossierApp

        classes: list[type] = [DossierApp]
        for package in (tui.screens, tui.widgets):
            for info in pkgutil.iter_modules(package.__path__):
                module = importlib.import_module(f"{package.__name__}.{info.name}")
                classes += [
                    obj
                    for _, obj in inspect.getmembers(module, inspect.isclass)
                    if obj.__module__ == module.__name__
                ]
    except Exception:  # noqa: BLE001 - a courtesy check, never a reason to fail
        return {}
    bindings: dict[str, str] = {}
    for cls in classes:
        for binding in getattr(cls, "BINDINGS", ()) or ():
            if isinstance(binding, Binding) and binding.id:
                # One id, one binding (tests/test_tui_flows.py checks): a second class
                # with the same id is the subclass that inherited it.
                bindings.setdefault(binding.id, binding.key)
    return bindings


def _toml_key(name: str) -> str:
    bare = name.replace("_", "").replace("-", "").isalnum()
    return name if bare else json.dumps(name)


def _template(template: str, bindings: dict[str, str]) -> str:
    """The template with its [keys] examples replaced by every binding and its default keys."""
    if not bindings or "[keys]" not in template:
        return template
    head = template[: template.index("[keys]")]
    lines = [f"# {_toml_key(name)} = {json.dumps(keys)}" for name, keys in sorted(bindings.items())]
    return head + "[keys]\n" + "\n".join(lines) + "\n"


def _print(report: dict) -> None:
    from rich.table import Table
    from rich.text import Text

    from ._common import console as make_console

    console = make_console(soft_wrap=False)
    if not console.is_terminal:  # to a file or a pipe: every path whole, on one line
        console = make_console(soft_wrap=False, width=10_000)
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")  # on a narrow terminal a path folds, never is cut

    state = (
        ""
        if report["exists"]
        else "  (not there: defaults apply; `dossier config --init` writes a template)"
    )
    table.add_row("config file", Text(report["config_file"] + state))
    corpus = Text("\n".join(report["corpus"]) or "(none)")
    corpus.append(f"\n  ({_SOURCE_WORDS[report['corpus_from']]})", style="dim")
    table.add_row("corpus", corpus)
    table.add_row("theme", Text(report["theme"]))
    keys = report["keys"]
    table.add_row(
        "keys",
        Text("\n".join(f"{k} = {v}" for k, v in keys.items()) if keys else "(the defaults)"),
    )
    table.add_row("index", Text(report["index"] or report["index_dir"]))
    table.add_row("data", Text(report["data_dir"]))
    if console.is_terminal:
        console.print(table)
    else:  # no padding after the last cell: lines a script or a diff can read
        with console.capture() as captured:
            console.print(table)
        sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))

    if report["notes"]:
        console.print()
        count = len(report["notes"])
        console.print(Text(f"{count} note{'' if count == 1 else 's'}:", style="bold yellow"))
        for n in report["notes"]:
            console.print(Text(f"  - {n}"))
    if report["problems"]:
        console.print()
        console.print(Text(f"{len(report['problems'])} problem(s):", style="bold red"))
        for p in report["problems"]:
            console.print(Text(f"  - {p}"))
