"""Import Whoosh without the two heavy modules it loads and never uses.

Import this before any ``whoosh`` module (the engine's modules that use Whoosh do, above an
``# isort: split``). It matters for the quick path: ``dossier search`` in a meeting.

- ``whoosh.compat`` imports ``urllib.request``, and with it ``http.client``, ``ssl`` and
  ``email``, to re-export ``urlretrieve``, which nothing in Whoosh calls (and dossier, which
  never goes to the network, replaces with a function that refuses).
- ``whoosh.reading`` takes ``cached_property`` from a package that imports ``asyncio`` for
  coroutine methods; Whoosh has one plain method under it, which the standard library's
  ``functools.cached_property`` caches the same way.

Together they are about a third of Whoosh's import time. Stand-ins for the two sit in
``sys.modules`` only while those two Whoosh modules run; whatever imports ``urllib.request``
or ``cached_property`` later gets the real module.
"""

from __future__ import annotations

import functools
import sys
import types


def _urlretrieve(*args: object, **kwargs: object) -> object:
    """What ``whoosh.compat.urlretrieve`` is in dossier: nothing in Whoosh calls it, and
    dossier never goes to the network (it runs on air-gapped machines)."""
    raise RuntimeError("dossier does not download anything")


def _import_lean() -> None:
    if "whoosh.reading" in sys.modules:
        return
    stand_ins: dict[str, types.ModuleType] = {}
    if "urllib.request" not in sys.modules:
        request = types.ModuleType("urllib.request", "stand-in while Whoosh imports")
        request.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
        stand_ins["urllib.request"] = request
    if "cached_property" not in sys.modules:
        package = types.ModuleType("cached_property", "stand-in while Whoosh imports")
        package.cached_property = functools.cached_property  # type: ignore[attr-defined]
        stand_ins["cached_property"] = package
    sys.modules.update(stand_ins)
    try:
        import whoosh.compat  # noqa: F401
        import whoosh.reading  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


_import_lean()
