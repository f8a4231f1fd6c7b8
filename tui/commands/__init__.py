"""Subcommands of `dossier`, one module each.

Each module defines ``HELP`` (one line), ``configure(parser)`` to add its arguments,
and ``run(args) -> int``. Modules import the engine inside ``run`` so that building
the parser stays cheap.
"""
