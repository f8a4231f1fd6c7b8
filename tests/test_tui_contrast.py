"""Highlights readable in a meeting room: every highlight at least 4.5:1 (WCAG AA) against
its background, in both themes, in true colour and in 256 colours, and still visible
(reversed or underlined) with NO_COLOR.

The ratios come from what the real widgets render: the segments of their rendered lines,
with the styles Textual resolved from the stylesheet and the theme.
"""

from __future__ import annotations

import asyncio

import pytest
from rich.color import ColorSystem
from rich.segment import Segment
from tui_corpus import StableCorpus, write_corpus

from search.corpus import Corpus
from tui.app import DossierApp
from tui.screens.reader import ReaderScreen
from tui.widgets.entities import EntityPanel
from tui.widgets.results import ResultList

AA = 4.5
WORD = "harbour"  # in titles, snippets and the reader's text of the test corpus


@pytest.fixture
def corpus(tmp_path):
    real = Corpus.open([write_corpus(tmp_path / "articles")], cache_dir=tmp_path / "cache")
    yield StableCorpus(real)
    real.close()


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def rgb(color, system: ColorSystem) -> tuple[int, int, int]:
    """The colour a terminal of ``system`` shows (256 colours: Rich's own downgrade)."""
    if system is ColorSystem.EIGHT_BIT:
        color = color.downgrade(ColorSystem.EIGHT_BIT)
    t = color.get_truecolor()
    return (t.red, t.green, t.blue)


def colours(segment: Segment, system: ColorSystem) -> tuple[tuple, tuple]:
    style = segment.style
    assert style is not None and style.color is not None and style.bgcolor is not None, (
        f"{segment.text!r} has no resolved colours: {style}"
    )
    fg, bg = rgb(style.color, system), rgb(style.bgcolor, system)
    return (bg, fg) if style.reverse else (fg, bg)


def segments(widget) -> list[Segment]:
    out: list[Segment] = []
    for y in range(widget.size.height):
        out += [s for s in widget.render_line(y) if s.text.strip() and not s.control]
    return out


def check(found: list[Segment], what: str) -> list[str]:
    bad = []
    for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT):
        for seg in found:
            fg, bg = colours(seg, system)
            ratio = contrast(fg, bg)
            if ratio < AA:
                bad.append(f"{what} {seg.text!r} {system.name}: {ratio:.2f}:1 ({fg} on {bg})")
    return bad


async def _render_highlights(app) -> dict[str, list[Segment]]:
    """Snippet highlights in the results; hits, the current hit, entities, the chosen
    entity and its current mention in the reader: each as rendered."""
    found: dict[str, list[Segment]] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.search_screen
        screen.query_one("#query").value = WORD
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)  # the debounce timer, then the search worker
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = screen.query_one(ResultList)
        found["result snippets"] = [s for s in segments(results) if WORD in s.text.lower()]
        await pilot.press("enter")
        while not isinstance(app.screen, ReaderScreen):
            await pilot.pause(0.02)
        reader = app.screen
        await pilot.pause()
        assert len(reader.hits) > 1
        blocks = lambda: [s for b in reader.query(".block") for s in segments(b)]  # noqa: E731
        found["hits"] = [s for s in blocks() if WORD in s.text.lower()]
        names = {e.text for e in reader.entities}
        found["entities"] = [s for s in blocks() if s.text in names]
        found["reader text"] = blocks()
        await pilot.press("e")
        panel = reader.query_one(EntityPanel)
        person = next(o.id for o in panel.options if o.id == "Mara Lind")
        panel.highlighted = next(i for i, o in enumerate(panel.options) if o.id == person)
        await pilot.press("enter", "escape", "n")
        await pilot.pause()
        assert reader.selected == "Mara Lind" and reader.marks
        found["chosen entity"] = [s for s in blocks() if s.text == "Mara Lind"]
    assert all(found.values()), {k: len(v) for k, v in found.items()}
    return found


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_every_highlight_reads_at_least_4_5_to_1(corpus, theme):
    app = DossierApp(corpus, theme=theme)
    found = asyncio.run(_render_highlights(app))
    bad = [line for what, segs in found.items() for line in check(segs, what)]
    assert not bad, "\n".join(bad)
    # Highlights differ from the text around them (else there is nothing to see).
    text_bg = {colours(s, ColorSystem.TRUECOLOR)[1] for s in found["reader text"]}
    assert any(colours(s, ColorSystem.TRUECOLOR)[1] not in text_bg for s in found["hits"]) or (
        len(text_bg) > 1
    )


def test_with_no_color_highlights_are_reversed_or_underlined(corpus, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = DossierApp(corpus)
    found = asyncio.run(_render_highlights(app))
    for what in ("result snippets", "hits", "chosen entity"):
        marked = [s for s in found[what] if s.style.reverse or s.style.underline]
        assert marked, f"{what}: nothing reversed or underlined with NO_COLOR"
