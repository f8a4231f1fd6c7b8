"""bench.entities_stages: each stage's share of entity recognition, per kind of text."""

from __future__ import annotations

import search.entities as E
from bench import entities_stages


def test_stages_of_the_seeds_add_up_and_leave_recognition_as_it_was():
    before = {name: getattr(E, name) for name in entities_stages.STAGES if hasattr(E, name)}
    found = entities_stages.stages(("seeds",))
    assert list(found) == ["seeds"]
    seeds = found["seeds"]
    # the first pass holds the guesser; no stage takes longer than the whole
    assert 0 < seeds["_guess"] < seeds["_first_pass"] <= seeds["total"]
    assert all(0 <= ms <= seeds["total"] for ms in seeds.values())
    assert {"_retype", "_register", "_second_pass"} <= seeds.keys()
    # the timing wrappers are gone: recognition runs its own functions again
    assert {name: getattr(E, name) for name in before} == before
