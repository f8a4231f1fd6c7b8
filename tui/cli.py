"""The `dossier` command line.

Subcommands live in :mod:`tui.commands`, imported only when used, so the quick
lookup path (`dossier search`) never pays for Textual.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from search import __version__
from tui.commands import UsageError

if TYPE_CHECKING:
    import argparse

#: name -> module under tui.commands. Order is the order shown in --help.
COMMANDS: dict[str, str] = {
    "search": "search",
    "docs": "docs",
    "show": "show",
    "export": "export",
    "index": "index",
    "entities": "entities",
    "entity": "entity",
    "compare": "compare",
    "config": "config",
    "completion": "completion",
}

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _folder(value: str) -> Path:
    """A --corpus folder: an empty one would silently mean the current folder."""
    if not value.strip():
        import argparse

        raise argparse.ArgumentTypeError(
            "an empty folder name; name a folder of articles (--corpus . for this one)"
        )
    return Path(value)


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    import argparse

    # Given on the top level or after a subcommand; SUPPRESS keeps one from clobbering the other.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--corpus",
        action="append",
        metavar="DIR",
        type=_folder,
        default=default,
        help="folder of articles (repeatable; default: $DOSSIER_CORPUS or the bundled corpus)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="show tracebacks on errors",
    )


def build_parser(commands: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser, or one with only ``commands`` (building each imports its module)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="dossier",
        description="Explore a corpus of news articles from the terminal. "
        "With no command, opens the explorer.",
    )
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    _common(parser, top=True)
    wanted = COMMANDS if commands is None else {n: COMMANDS[n] for n in commands}
    if not wanted:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in wanted.items():
        module = _command_module(module_name)
        if module is None:
            continue
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        _common(p, top=False)
        module.configure(p)
    return parser


def _command_module(module_name: str):
    try:
        return importlib.import_module(f"tui.commands.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"tui.commands.{module_name}":
            return None  # a command still being written; not offered
        raise


def corpus_folders(args: argparse.Namespace, *, check: bool = True) -> list[Path]:
    """Folders from --corpus, else $DOSSIER_CORPUS, else the configured or bundled corpus.
    ``check``: a folder named in $DOSSIER_CORPUS that is not there is an error."""
    if getattr(args, "corpus", None):
        return list(args.corpus)
    env = os.environ.get("DOSSIER_CORPUS", "")
    folders = [Path(p).expanduser() for p in env.split(os.pathsep) if p.strip()]
    missing = [str(f) for f in folders if check and not f.exists()]
    if missing:  # said here, so the user knows where the name came from
        from search.model import CorpusError

        raise CorpusError(
            f"no such folder: {', '.join(missing)} (named in $DOSSIER_CORPUS); "
            "correct or unset the variable, or give --corpus FOLDER"
        )
    if folders:
        return folders
    from search.files import default_folders  # not search.corpus: Whoosh can load later

    return default_folders()


def _warn_config_problems() -> None:
    from tui.settings import load_settings

    for problem in load_settings().problems:
        print(f"dossier: config: {problem}", file=sys.stderr)


def _named_command(argv: Sequence[str]) -> list[str] | None:
    """Which commands the parser needs for ``argv``: none for the bare explorer, one when
    a command is named, all (None) for --help or anything unexpected."""
    takes_value = {"--corpus"}
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token in takes_value:
            skip = True
        elif token in ("-h", "--help"):
            return None
        elif not token.startswith("-"):
            return [token] if token in COMMANDS else None
    return []


def _explorer_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """What the parser would make of ``argv`` when it only opens the explorer on folders
    (``--corpus DIR`` repeated, ``--debug``), spelt out so the explorer, whose start-up
    is timed to its first frame, does not import argparse; None for anything else (the
    parser then says what is wrong, or what ``--corpus=DIR`` means)."""
    corpus: list[Path] = []
    debug = False
    tokens = iter(argv)
    for token in tokens:
        if token == "--debug":
            debug = True
        elif token == "--corpus":
            value = next(tokens, None)
            if value is None or not value.strip() or value.startswith("-"):
                return None
            corpus.append(Path(value))
        else:
            return None
    return SimpleNamespace(corpus=corpus or None, debug=debug, command=None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _explorer_args(argv)
    if args is None:
        # Build only what this call needs: a named command imports its module alone.
        parser = build_parser(_named_command(argv))
        args = parser.parse_args(argv)
    args.folders = None
    try:
        if args.command not in (None, "config", "completion"):  # the explorer shows its own
            _warn_config_problems()
        # config shows (and completion never needs) the corpus: a folder named in
        # $DOSSIER_CORPUS that is gone must not stop the command that diagnoses it
        args.folders = corpus_folders(args, check=args.command not in ("config", "completion"))
        if args.command is None:
            from tui.commands import explore

            return explore.run(args)
        module = _command_module(COMMANDS[args.command])
        return module.run(args)
    except UsageError as exc:
        print(f"dossier: {_printable(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `dossier docs | head`: the reader went away; that is not an error. What is left
        # in stdout's buffer goes nowhere (flushing it at exit would fail again).
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # the last line of defence: a message, not a traceback
        if getattr(args, "debug", False):
            raise
        from search.model import CorpusError, QueryError

        if isinstance(exc, QueryError):
            print(f"dossier: {_printable(exc)}", file=sys.stderr)
            return EXIT_USAGE
        kind = "" if isinstance(exc, CorpusError) else f"{type(exc).__name__}: "
        print(f"dossier: {kind}{_printable(exc)}", file=sys.stderr)
        if not isinstance(exc, CorpusError):
            print("dossier: run again with --debug for the full traceback.", file=sys.stderr)
        return EXIT_ERROR


def _printable(message: object) -> str:
    """An error message as it may reach the terminal: a control character in what the
    user typed (a query, a folder's name) shown as ``\\x1b``, never sent as one."""
    import re  # an error's path only: start-up imports as little as it can

    control = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
    return re.sub(control, lambda m: f"\\x{ord(m.group()):02x}", str(message))


if __name__ == "__main__":
    sys.exit(main())
