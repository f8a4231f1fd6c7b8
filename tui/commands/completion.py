"""`dossier completion bash|zsh`: a shell completion script, generated from the CLI's parser.

The script is built from :func:`tui.cli.build_parser`, so every subcommand, option
and choice the CLI has is offered without this file knowing any of them. Options
whose value is a folder (metavar ``DIR``, e.g. ``--corpus``) complete folder names,
``FILE``/``PATH`` complete file names, options with ``choices`` complete those, and
free text (a query, an article id) completes nothing rather than file names.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from attrs import define

HELP = "print a shell completion script (bash or zsh)"

SHELLS = ("bash", "zsh")

EPILOG = """\
bash:  dossier completion bash > ~/.local/share/bash-completion/completions/dossier
       (or add  eval "$(dossier completion bash)"  to ~/.bashrc)
zsh:   dossier completion zsh > ~/.zfunc/_dossier
       and put  fpath=(~/.zfunc $fpath); autoload -Uz compinit; compinit  in ~/.zshrc
       (or add  source <(dossier completion zsh)  after compinit)
Open a new shell afterwards."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("shell", choices=SHELLS, help="the shell to write the script for")


def run(args: argparse.Namespace) -> int:
    from tui.cli import build_parser

    spec = describe(build_parser())
    script = bash_script(spec) if args.shell == "bash" else zsh_script(spec)
    print(script, end="")
    return 0


# -- what the parser offers ------------------------------------------------------------------

#: What a value completes to: "dir", "file", "choices" or "text" (nothing offered).
Kind = str


@define(frozen=True, slots=True)
class Option:
    strings: tuple[str, ...]
    help: str
    takes_value: bool
    kind: Kind = "text"
    choices: tuple[str, ...] = ()
    metavar: str = ""
    repeatable: bool = False
    #: --help / --version: nothing else is read after them.
    terminal: bool = False


@define(frozen=True, slots=True)
class Positional:
    name: str
    help: str
    kind: Kind
    choices: tuple[str, ...] = ()
    many: bool = False


@define(frozen=True, slots=True)
class Command:
    name: str
    help: str
    options: tuple[Option, ...]
    positionals: tuple[Positional, ...]
    subcommands: tuple[Command, ...] = ()

    @property
    def value_options(self) -> tuple[str, ...]:
        return tuple(s for o in self.options if o.takes_value for s in o.strings)


def describe(parser: argparse.ArgumentParser, name: str = "", help: str = "") -> Command:
    """The parser as plain data: options, positionals and subcommands (recursively)."""
    name = name or parser.prog
    options: list[Option] = []
    positionals: list[Positional] = []
    subcommands: list[Command] = []
    for action in parser._actions:
        if action.help == argparse.SUPPRESS:
            continue
        text = _help(parser, action)
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for sub_name, sub in action.choices.items():
                subcommands.append(describe(sub, sub_name, helps.get(sub_name, "")))
            continue
        kind, choices = _kind(action)
        if action.option_strings:
            takes_value = action.nargs != 0
            options.append(
                Option(
                    strings=tuple(action.option_strings),
                    help=text,
                    takes_value=takes_value,
                    kind=kind if takes_value else "text",
                    choices=choices,
                    metavar=_metavar(action),
                    repeatable=isinstance(action, argparse._AppendAction | argparse._CountAction),
                    terminal=isinstance(action, argparse._HelpAction | argparse._VersionAction),
                )
            )
        else:
            positionals.append(
                Positional(
                    name=_metavar(action),
                    help=text,
                    kind=kind,
                    choices=choices,
                    many=action.nargs in ("*", "+", argparse.REMAINDER),
                )
            )
    return Command(
        name=name,
        help=help,
        options=tuple(options),
        positionals=tuple(positionals),
        subcommands=tuple(subcommands),
    )


def _help(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    if not action.help:
        return ""
    try:
        text = parser._get_formatter()._expand_help(action)
    except (KeyError, TypeError, ValueError):
        text = action.help
    return " ".join(text.split())


def _metavar(action: argparse.Action) -> str:
    metavar = action.metavar
    if isinstance(metavar, tuple):
        metavar = metavar[0] if metavar else ""
    return str(metavar or action.dest or "").upper()


def _kind(action: argparse.Action) -> tuple[Kind, tuple[str, ...]]:
    if action.choices:
        return "choices", tuple(str(c) for c in action.choices)
    metavar = _metavar(action)
    if metavar in ("DIR", "FOLDER", "DIRECTORY") or metavar.endswith("_DIR"):
        return "dir", ()
    if metavar in ("FILE", "PATH") or metavar.endswith("_FILE"):
        return "file", ()
    return "text", ()


# -- bash -------------------------------------------------------------------------------------


def bash_script(root: Command) -> str:
    """A bash completion function for ``dossier`` (bash 3.2 or later; no bash-completion needed)."""
    cases = [_bash_case("", root, top=True)]
    cases += [_bash_case(c.name, c) for c in root.subcommands]
    return _BASH_TEMPLATE.format(
        top_value_options=_bash_alternatives(root.value_options),
        cases="\n".join(cases),
    )


def _bash_case(name: str, command: Command, *, top: bool = False) -> str:
    pattern = '""' if top else _bash_word(name)
    value_cases = []
    for option in command.options:
        if option.takes_value:
            value_cases.append(
                f"                {_bash_alternatives(option.strings)}) "
                f"{_bash_complete(option.kind, option.choices)}; return 0 ;;"
            )
    words = sorted(s for o in command.options for s in o.strings)
    lines = [f"        {pattern})"]
    if value_cases:
        lines += ['            case "$prev" in', *value_cases, "            esac"]
    lines.append(f"            value_options={_bash_quote(' '.join(command.value_options))}")
    lines.append('            if [[ "$cur" == -* ]]; then')
    lines.append(f"                _dossier_words {_bash_quote(' '.join(words))}")
    lines.append("                return 0")
    lines.append("            fi")
    if command.subcommands:
        lines.append(
            f"            _dossier_words {_bash_quote(' '.join(c.name for c in command.subcommands))}"
        )
    elif command.positionals:
        lines.append("            _dossier_position")
        lines.append('            case "$position" in')
        for i, positional in enumerate(command.positionals):
            last = i == len(command.positionals) - 1
            pattern_i = "*" if last and positional.many else str(i)
            lines.append(
                f"                {pattern_i}) {_bash_complete(positional.kind, positional.choices)} ;;"
            )
        lines.append("            esac")
    lines.append("            ;;")
    return "\n".join(lines)


def _bash_complete(kind: Kind, choices: Sequence[str]) -> str:
    if kind == "dir":
        return "_dossier_dirs"
    if kind == "file":
        return "_dossier_files"
    if kind == "choices":
        return f"_dossier_words {_bash_quote(' '.join(choices))}"
    return ":"  # free text: offer nothing


def _bash_alternatives(words: Sequence[str]) -> str:
    return "|".join(_bash_word(w) for w in words) if words else "__none__"


def _bash_word(word: str) -> str:
    if word and all(c.isalnum() or c in "-_+." for c in word):
        return word
    return _bash_quote(word)


def _bash_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


_BASH_TEMPLATE = """\
# bash completion for dossier. Generated by `dossier completion bash`;
# regenerate it after upgrading dossier.

# One candidate per line -> COMPREPLY (a loop, not mapfile: macOS ships bash 3.2).
_dossier_reply() {{
    local line
    COMPREPLY=()
    while IFS= read -r line; do
        COMPREPLY+=("$line")
    done
}}

_dossier_words() {{
    local IFS=$' \t\n'
    _dossier_reply < <(compgen -W "$1" -- "$cur")
}}

_dossier_dirs() {{
    compopt -o filenames 2>/dev/null
    _dossier_reply < <(compgen -d -- "$cur")
}}

_dossier_files() {{
    compopt -o filenames 2>/dev/null
    _dossier_reply < <(compgen -f -- "$cur")
}}

# Sets $position: how many positional arguments come before the cursor, after the command.
_dossier_position() {{
    local j w skip=0
    position=0
    for ((j = cmd_index + 1; j < COMP_CWORD; j++)); do
        w="${{COMP_WORDS[j]}}"
        if ((skip)); then skip=0; continue; fi
        case "$w" in
            --) ;;
            -*=*) ;;
            -*) [[ " $value_options " == *" $w "* ]] && skip=1 ;;
            =) skip=0 ;;
            *) ((position++)) ;;
        esac
    done
}}

_dossier() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="" cmd="" cmd_index=0 value_options="" position=0
    local i w
    COMPREPLY=()
    ((COMP_CWORD > 0)) && prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    # "--corpus=DIR": bash splits at "=", so look one word further back.
    if [[ "$cur" == "=" ]]; then
        cur=""
    elif [[ "$prev" == "=" && COMP_CWORD -gt 1 ]]; then
        prev="${{COMP_WORDS[COMP_CWORD-2]}}"
    fi
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="${{COMP_WORDS[i]}}"
        case "$w" in
            {top_value_options}) ((i++)) ;;
            -*) ;;
            *) cmd="$w"; cmd_index=$i; break ;;
        esac
    done
    case "$cmd" in
{cases}
        *) ;;
    esac
    return 0
}}

complete -F _dossier dossier
"""


# -- zsh --------------------------------------------------------------------------------------


def zsh_script(root: Command) -> str:
    """A zsh completion function (``#compdef``), usable from fpath or with ``source``."""
    top_specs = [*_zsh_option_specs(root), "'1: :->command'", "'*:: :->args'"]
    commands = [
        f"        {_zsh_quote(_zsh_describe_item(c.name, c.help))}" for c in root.subcommands
    ]
    cases = []
    for command in root.subcommands:
        specs = [*_zsh_option_specs(command), *_zsh_positional_specs(command)]
        body = " \\\n                ".join(specs) if specs else ""
        cases.append(
            f"        {_zsh_pattern(command.name)})\n"
            f"            _arguments -s -S \\\n                {body} && ret=0\n"
            f"            ;;"
        )
    return _ZSH_TEMPLATE.format(
        top=" \\\n        ".join(top_specs),
        commands="\n".join(commands),
        cases="\n".join(cases),
    )


def _zsh_option_specs(command: Command) -> list[str]:
    specs = []
    for option in command.options:
        description = _zsh_escape_description(option.help)
        if option.terminal:
            exclusion = "(- *)"
        elif len(option.strings) > 1 and not option.repeatable:
            exclusion = "(" + " ".join(option.strings) + ")"
        else:
            exclusion = ""
        star = "*" if option.repeatable else ""
        action = ""
        if option.takes_value:
            message = _zsh_escape_message(option.metavar or "value")
            action = f":{message}:{_zsh_action(option.kind, option.choices)}"
        for string in option.strings:
            equals = "=" if option.takes_value and string.startswith("--") else ""
            specs.append(_zsh_quote(f"{exclusion}{star}{string}{equals}[{description}]{action}"))
    return specs


def _zsh_positional_specs(command: Command) -> list[str]:
    if command.subcommands:
        names = " ".join(_zsh_escape_word(c.name) for c in command.subcommands)
        return [_zsh_quote(f"1:command:({names})")]
    specs = []
    for i, positional in enumerate(command.positionals, 1):
        message = _zsh_escape_message(positional.help or positional.name.lower())
        action = _zsh_action(positional.kind, positional.choices)
        position = "*" if positional.many else str(i)
        specs.append(_zsh_quote(f"{position}:{message}:{action}"))
    return specs


def _zsh_action(kind: Kind, choices: Sequence[str]) -> str:
    if kind == "dir":
        return "_files -/"
    if kind == "file":
        return "_files"
    if kind == "choices":
        return "(" + " ".join(_zsh_escape_word(c) for c in choices) + ")"
    return " "  # free text: show the message, offer nothing


def _zsh_describe_item(name: str, help: str) -> str:
    return f"{name.replace(':', chr(92) + ':')}:{help}"


def _zsh_escape_description(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _zsh_escape_message(text: str) -> str:
    return text.replace("\\", "\\\\").replace(":", "\\:")


def _zsh_escape_word(word: str) -> str:
    return "".join("\\" + c if not (c.isalnum() or c in "-_+.,/") else c for c in word)


def _zsh_pattern(word: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "\\" + c for c in word)


def _zsh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


_ZSH_TEMPLATE = """\
#compdef dossier
# zsh completion for dossier. Generated by `dossier completion zsh`;
# regenerate it after upgrading dossier.

_dossier() {{
    local curcontext="$curcontext" state line ret=1
    typeset -A opt_args

    _arguments -C -s -S \\
        {top} && ret=0

    case $state in
    command)
        local -a commands
        commands=(
{commands}
        )
        _describe -t commands 'dossier command' commands && ret=0
        ;;
    args)
        curcontext="${{curcontext%:*:*}}:dossier-$line[1]:"
        case $line[1] in
{cases}
        esac
        ;;
    esac
    return ret
}}

if [[ "$funcstack[1]" == "_dossier" ]]; then
    _dossier "$@"
else
    compdef _dossier dossier
fi
"""
