"""dossier's engine: files -> articles -> index, entities and compare.

Pure Python; never imports textual. The UI talks to :class:`search.corpus.Corpus`.
"""

__version__ = "0.1.0"
