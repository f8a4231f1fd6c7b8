"""The result list: one option per article or hit, rendered from engine values."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option

from search.model import Article, Hit, Snippet
from tui.widgets.lists import KeyList
from tui.widgets.text import one_line, relevance_bar, source_and_date

#: Columns of context kept before a snippet's first highlight on its one line.
LEAD = 28
#: Articles laid out at a time in the list of every article.
PAGE = 60
#: Hits laid out when a query's results come (the rest as the cursor or view nears them):
#: more than a tall terminal shows, a quarter of what laying out all fifty costs.
HIT_PAGE = 12


def snippet_line(snippet: Snippet, highlight, base="") -> Text:
    """One line of a snippet, starting shortly before its first highlight."""
    text = snippet.text
    first = min((s for s, _ in snippet.highlights), default=0)
    start = first
    cells = 0  # the lead is columns on screen: a Chinese or Japanese character takes two
    while start > 0 and cells < LEAD:
        start -= 1
        cells += cell_len(text[start])
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    while start < first and text[start].isspace():
        start += 1
    prefix = "…" if start > 0 else ""
    # Same-length replacement keeps the offsets valid.
    body = text[start:].replace("\n", " ").replace("\t", " ").replace("\r", " ")
    out = Text(prefix + body, style=base, end="")
    shift = len(prefix) - start
    for s, e in snippet.highlights:
        s, e = max(s, start), min(e, len(text))
        if s < e:
            out.stylize(highlight, s + shift, e + shift)
    return out


class ResultList(KeyList):
    """Articles or hits, newest first or best first; option ids are article ids."""

    BINDINGS = [
        # OptionList's own enter (select: the screen opens the article), named for the help.
        Binding("enter", "select", "Open", show=False, id="results.open"),
        Binding("ctrl+d", "page_down", "Half page down", show=False, id="results.half_page_down"),
        Binding("ctrl+u", "page_up", "Half page up", show=False, id="results.half_page_up"),
    ]

    COMPONENT_CLASSES = {
        "results--title",
        "results--meta",
        "results--bar",
        "results--snippet",
        "results--highlight",
    }

    #: What marks the article chosen for compare (``m``) in the list.
    MARK = "◆ marked for compare"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: dict[str, Hit] = {}
        #: The articles listed with no query, of which the first ``_loaded`` are laid out.
        self._listing: Sequence[Article] = ()
        self._loaded = 0
        #: Hits' options not laid out yet (see :data:`HIT_PAGE`).
        self._later: list[Option | None] = []
        #: The article marked for compare, shown in its entry.
        self.marked: str | None = None

    def set_marked(self, article_id: str | None) -> None:
        """Show the mark on this article (None: on none), keeping the cursor."""
        self.marked = article_id
        if self.hits:
            self.show_hits(tuple(self.hits.values()), keep=True)
        elif self._listing:
            loaded, self._loaded = self._loaded, 0
            options: list[Option | None] = []
            while self._loaded < loaded:
                options += self._article_page()
            self._replace(options, True)

    def _mark(self, prompt: Text, article_id: str, meta) -> None:
        if article_id == self.marked:
            prompt.append("  ")
            prompt.append(self.MARK, "bold reverse")

    def _styles(self):
        get = self.get_component_rich_style
        return (
            get("results--title", partial=True),
            get("results--meta", partial=True),
            get("results--bar", partial=True),
            get("results--snippet", partial=True),
            # Without colour (NO_COLOR) a highlight's background means nothing: reverse it.
            Style(reverse=True, bold=True)
            if self.app.no_color
            else get("results--highlight", partial=True),
        )

    def show_articles(self, articles: Sequence[Article], *, keep: bool = True) -> None:
        """Every article (no query): title, source and date, with the standfirst as context.

        Only a page is laid out at a time, the next as the cursor or the view nears its
        end: a corpus of 50,000 articles costs no more to show than one of a hundred, and
        a keystroke never waits behind the layout. The same list shown again (the saved
        list, then the opened index) is not laid out again.
        """
        if keep and articles is self._listing and self.option_count:
            return  # the very list on screen (the saved one, still what the index holds)
        self.hits, self._later = {}, []
        self._listing, self._loaded = articles, 0
        options = self._article_page()
        if not options:
            empty = Text(
                "No articles in this corpus: add articles (.html, .pdf, .txt, .md) to its folders "
                "and reindex (ctrl+p).",
                style="italic",
                end="",
            )
            options.append(Option(empty, disabled=True))
        self._replace(options, keep)

    def _article_page(self) -> list[Option | None]:
        """The next :data:`PAGE` articles as options (a separator after each)."""
        title, meta, _bar, snippet, _hl = self._styles()
        page = self._listing[self._loaded : self._loaded + PAGE]
        self._loaded += len(page)
        options: list[Option | None] = []
        for article in page:
            prompt = Text(end="")
            prompt.append(article.title or "Untitled", title)
            prompt.append("\n")
            prompt.append(source_and_date(article.source, article.published), meta)
            self._mark(prompt, article.id, meta)
            lead = article.standfirst or article.body[:300]
            if lead:
                prompt.append("\n")
                prompt.append(one_line(lead), snippet)
            options.extend((Option(prompt, id=article.id), None))
        return options

    def _load_more(self, upto: int | None = None) -> None:
        """Lay out further pages: one, or as many as reach article number ``upto``.

        Each page ends with a separator (the list's last one is never drawn), so a page
        is only appended: the pages above are not laid out again.
        """
        options, self._later = self._later, []  # a query's hits: the rest of them
        while self._loaded < len(self._listing) and not self.hits:
            options += self._article_page()
            if upto is None or self._loaded > upto:
                break
        if options:
            self.add_options(options)

    def _near_the_end(self) -> bool:
        return bool(self._later) or (self._loaded < len(self._listing) and not self.hits)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        near = highlighted is not None and highlighted >= self.option_count - PAGE // 4
        if near and self._near_the_end():
            self._load_more()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._near_the_end() and new_value >= self.max_scroll_y - self.size.height:
            self.call_later(self._load_more)

    def action_last(self) -> None:
        if self._near_the_end():
            self._load_more(upto=len(self._listing))
        super().action_last()

    def show_hits(self, hits: Sequence[Hit], *, keep: bool = False) -> None:
        """Search hits: title, source, date, a relevance bar and 1-3 highlighted snippets.

        The first :data:`HIT_PAGE` are laid out now (as far as the kept cursor, if
        further), the rest as the cursor or the view nears them.
        """
        title, meta, bar, snippet, hl = self._styles()
        self.hits = {hit.id: hit for hit in hits}
        self._listing, self._loaded = (), 0
        cursor = self.highlighted_option.id if keep and self.highlighted_option else None
        ids = list(self.hits)
        first = max(HIT_PAGE, ids.index(cursor) + 1 + HIT_PAGE // 2 if cursor in ids else 0)
        best = max((h.score for h in hits), default=0.0)
        options: list[Option | None] = []
        for hit in hits:
            prompt = Text(end="")
            prompt.append(hit.title or "Untitled", title)
            prompt.append("\n")
            prompt.append_text(relevance_bar(hit.score, best, style=bar))
            prompt.append(" ")
            prompt.append(source_and_date(hit.source, hit.published), meta)
            self._mark(prompt, hit.id, meta)
            for snip in hit.snippets[:3]:
                prompt.append("\n")
                prompt.append_text(snippet_line(snip, hl, snippet))
            options.extend((Option(prompt, id=hit.id), None))
        if not options:
            none = Text("No article matches.", style="italic", end="")
            options.append(Option(none, disabled=True))
        options, self._later = options[: 2 * first], options[2 * first :]
        self._replace(options, keep)

    def _replace(self, options: list[Option | None], keep_cursor: bool) -> None:
        """Show ``options``; the cursor stays on the same article if ``keep_cursor``."""
        option = self.highlighted_option
        keep = option.id if keep_cursor and option is not None else None
        if options and options[-1] is None and not self._near_the_end():
            options.pop()  # no separator after the last one (more pages end with one)
        self.set_options(options)
        if not options:
            return
        index = 0
        if keep is not None:
            try:
                index = self.get_option_index(keep)
            except Exception:  # noqa: BLE001 - OptionDoesNotExist: start at the top
                index = 0
        self.highlighted = index

    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None
