"""dossier's terminal front end: the Textual explorer and the `dossier` command line.

Thin by design: it renders what :mod:`search` returns and holds no analysis logic.
Nothing here is imported eagerly; `dossier search` must never load Textual.
"""
