"""The engine's one pause of the cycle collector (search.collector), shared by the index's
manifest and compare, across threads."""

import gc
import threading

from search.collector import paused_gc, set_aside


def test_overlapping_pauses_turn_the_collector_on_only_when_the_last_ends():
    # A topic compare in one thread, "what happened next" in another: the first to end
    # must not turn the collector on under the other.
    assert gc.isenabled()
    first_in, second_done = threading.Event(), threading.Event()
    seen = []

    def other():
        with paused_gc():
            first_in.set()
            second_done.wait(5)
            seen.append(gc.isenabled())

    thread = threading.Thread(target=other)
    thread.start()
    first_in.wait(5)
    with paused_gc():
        assert not gc.isenabled()
    seen.append(gc.isenabled())  # this one ended; the other thread's pause goes on
    second_done.set()
    thread.join(5)
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_pause_leaves_the_collector_off_when_it_was_off():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_pause_ends_even_when_its_block_raises():
    try:
        with paused_gc():
            raise ValueError("a bad file")
    except ValueError:
        pass
    assert gc.isenabled()


def test_what_a_pause_made_inside_set_aside_is_frozen_until_the_block_ends():
    with set_aside():
        with paused_gc():
            made = [[i] for i in range(1000)]
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    del made
