"""Command palette: the app's own commands, and every article by title.

Article titles and sources are document text, so hits are built as plain ``Content``
with the fuzzy match styled by offset (``Matcher.highlight`` would parse a title as markup).
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.messages import OpenArticle
from tui.widgets.text import source_and_date


def _plain_highlight(matcher, candidate: str) -> Content:
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    style = matcher.match_style
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


class ArticleProvider(Provider):
    """ "Open: <title>" for each article of the corpus."""

    def _articles(self):
        corpus = getattr(self.app, "corpus", None)
        return corpus.articles if corpus is not None else getattr(self.app, "preview", ())

    def _help(self, article) -> Content:
        # Content, not str: Textual reads a str help line as markup, and a source is data.
        return Content(source_and_date(article.source, article.published))

    async def discover(self) -> Hits:
        for article in self._articles()[:30]:
            yield DiscoveryHit(
                Content("Open: ") + Content(article.title or "Untitled"),
                partial(self.app.post_message, OpenArticle(article.id)),
                text=f"Open: {article.title}",
                help=self._help(article),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for article in self._articles():
            candidate = f"Open: {article.title or 'Untitled'}"
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(
                    score,
                    _plain_highlight(matcher, candidate),
                    partial(self.app.post_message, OpenArticle(article.id)),
                    text=candidate,
                    help=self._help(article),
                )


class CompareWithProvider(ArticleProvider):
    """ "Compare with: <title>" for each other article: the palette's "Compare with…"
    (the first article is the marked one, else the one open or highlighted). The articles
    most like it come first, as the corpus ranks them: in a corpus of many stories, the
    ones on its story."""

    PREFIX = "Compare with: "
    _ordered: tuple = ()

    async def startup(self) -> None:
        """The articles in order, ranked off the UI thread (a search of the corpus)."""
        import asyncio

        self._ordered = await asyncio.to_thread(self._ranked)

    def _ranked(self) -> tuple:
        anchor = getattr(self.app, "compare_anchor", None)
        others = [a for a in super()._articles() if a.id != anchor]
        corpus = getattr(self.app, "corpus", None)
        try:
            alike = corpus.more_like(anchor) if corpus is not None and anchor else ()
        except Exception:  # noqa: BLE001 - a stale anchor: the list as it stands
            alike = ()
        rank = {article_id: n for n, article_id in enumerate(alike)}
        return tuple(sorted(others, key=lambda a: rank.get(a.id, len(rank))))

    def _articles(self):
        return self._ordered

    def _choose(self, article_id: str):
        return partial(self.app.compare_articles, self.app.compare_anchor, article_id)

    async def discover(self) -> Hits:
        for article in self._articles()[:30]:
            yield DiscoveryHit(
                Content(self.PREFIX) + Content(article.title or "Untitled"),
                self._choose(article.id),
                text=f"{self.PREFIX}{article.title}",
                help=self._help(article),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for article in self._articles():
            candidate = f"{self.PREFIX}{article.title or 'Untitled'}"
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(
                    score,
                    _plain_highlight(matcher, candidate),
                    self._choose(article.id),
                    text=candidate,
                    help=self._help(article),
                )
