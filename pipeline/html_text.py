"""HTML -> its visible text and meta tags, in one pass over lxml's parse events.

The events are those BeautifulSoup builds its tree from (lxml's HTML parser, with recovery), and the
text is what ``soup.get_text()`` gave after the skipped tags were removed and a newline put around each
block: the same bytes, without the tree. Inserting a string per block into BeautifulSoup's tree was
quadratic in the number of blocks (20,000 ``<p>`` took a minute); here every event costs the same, and
nesting depth costs nothing (no recursion), so time is linear in the size of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

# Dropped with everything inside them (their tail text stays).
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head"})
# Ruby annotations: their text is left out, as BeautifulSoup's get_text() leaves it out.
_MUTED = frozenset({"rt", "rp"})
# A newline before and after each: paragraphs and the like come out one per line.
_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
                     "header", "footer", "blockquote", "figcaption", "title", "ul", "ol", "table"})
# Meta tags (property= or name=) that give the publication date, the title, the URL.
_META_KEYS = {
    "article:published_time": "published", "date": "published", "pubdate": "published", "dc.date": "published",
    "og:published_time": "published", "og:title": "title", "og:url": "url",
}
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class _Collector:
    """An lxml parser target: gathers the visible text and the meta tags as the parser reports them."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.metas: list[tuple[str, str]] = []  # (our key, value) in document order
        self.skip = 0  # depth inside a skipped element (0: outside)
        self.muted = 0  # how many ruby annotations we are inside
        self.title: list[str] | None = None  # the first <title>'s text, once its tag has opened
        self.title_open = False
        self.title_plain = True  # no tag inside the title (else BeautifulSoup's title.string is None)
        self.elements = 0  # visible elements seen: what a main-text extractor's cost grows with
        self.headline: list[str] | None = None  # the first visible <h1>'s text, once its tag has opened
        self.h1_depth = 0  # how many <h1> we are inside while gathering it

    def start(self, tag: str, attrib, nsmap=None) -> None:
        if self.title_open:
            self.title_plain = False
        if tag == "meta":
            self._meta(attrib)
        elif tag == "title" and self.title is None:
            self.title, self.title_open = [], True
        if self.skip or tag in _SKIPPED:
            self.skip += 1
            return
        self.elements += 1
        if tag == "h1" and (self.headline is None or self.h1_depth):
            self.headline = [] if self.headline is None else self.headline
            self.h1_depth += 1
        if tag in _MUTED:
            self.muted += 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def end(self, tag: str) -> None:
        if tag == "title":
            self.title_open = False
        if self.skip:
            self.skip -= 1
            return
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag in _MUTED:
            self.muted -= 1
        if tag == "h1" and self.h1_depth:
            self.h1_depth -= 1

    def data(self, text: str) -> None:
        if self.title_open:
            self.title.append(text)
        if not self.skip and not self.muted:
            self.parts.append(text)
            if self.h1_depth:
                self.headline.append(text)

    def close(self) -> None:
        return None

    def _meta(self, attrib) -> None:
        key = (attrib.get("property") or attrib.get("name") or "").lower()
        value = attrib.get("content")
        if key in _META_KEYS and value:
            self.metas.append((_META_KEYS[key], value.strip()))

    def meta(self) -> dict[str, str]:
        """The page's title (its <title>, else og:title), URL and publication date, as written."""
        found: dict[str, str] = {}
        if self.title and self.title_plain:
            found["title"] = "".join(self.title).strip()
        for key, value in self.metas:
            found.setdefault(key, value)
        return found


@dataclass(frozen=True, slots=True)
class PageScan:
    """What one pass over a page gives: its visible text, meta tags, first headline and size in elements."""

    text: str  # every visible string, one block per line (html_to_text's text)
    meta: dict[str, str]
    headline: str  # the first visible <h1>'s text on one line; "" where there is none
    elements: int  # elements outside scripts, styles and the like


def tidy_text(text: str) -> str:
    """Raw page text -> stored shape: spaces collapsed, lines stripped, blocks one blank line apart, a final newline."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\xa0", " ").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip() + "\n"


def scan_html(html: str) -> PageScan:
    """One linear pass over an HTML page: its visible text, meta tags, first headline and element count."""
    collector = _Collector()
    parser = etree.HTMLParser(target=collector, recover=True)
    parser.feed(html[1:] if html.startswith("\ufeff") else html)
    parser.close()
    headline = " ".join("".join(collector.headline or ()).split())
    return PageScan(tidy_text("".join(collector.parts)), collector.meta(), headline, collector.elements)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML page (scripts, styles dropped; one block per line) and its meta tags."""
    scan = scan_html(html)
    return scan.text, scan.meta
