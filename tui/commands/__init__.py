"""Subcommands of `dossier`, one module each.

Each module defines ``HELP`` (one line), ``configure(parser)`` to add its arguments,
and ``run(args) -> int``. Modules import the engine inside ``run`` so that building
the parser stays cheap.
"""


class UsageError(Exception):
    """Bad usage: `dossier` exits with status 2 and prints the message on stderr.

    Defined here, not in tui.cli, so that `python -m tui.cli` (where that module is
    __main__) and the commands raise and catch one and the same class.
    """
