"""HTML -> the article's main text: trafilatura's where it finds one within bounds, else every visible string.

A news page's navigation, share buttons, tag list, related-story list and footer are visible text too;
read as the article's, they made false mentions (a country named only in the footer). trafilatura, made
for news pages, keeps the main text. Its cost is not linear on hostile pages: it grows with the number
of elements times the length of the text (one paragraph of links: 1.7 s at 0.5 MB, 13 s at 2 MB, 39 s
at 4 MB; 19,000 links of 200 characters, 14 s; of 1,000, 110 s). So a page of more than ``MAX_ELEMENTS``
visible elements or ``MAX_TEXT_CHARS`` visible characters, or one where trafilatura finds nothing or
fails, keeps html_text's linear extraction. ``HtmlText.extractor`` says which of the two gave the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from typing import Callable

from pipeline.html_text import PageScan, scan_html, tidy_text

MAIN = "trafilatura"
FALLBACK = "html_text"
# A news page holds 1,000-10,000 elements and 5,000-50,000 visible characters. Within both bounds the
# costliest page we made (19,000 links in one paragraph, 209,000 characters) took trafilatura 2 s.
MAX_ELEMENTS = 20_000
MAX_TEXT_CHARS = 200_000
# A headline has at least this many words; a shorter <h1> is most often the site's name in its logo.
_HEADLINE_WORDS = 4
# The article's prose only: no comments, tables, link targets, image captions or markup.
_OPTIONS = {"include_comments": False, "include_tables": False, "include_links": False, "include_images": False,
            "include_formatting": False, "deduplicate": False, "with_metadata": False, "output_format": "txt"}


@dataclass(frozen=True, slots=True)
class HtmlText:
    """An HTML page's text as stored (what every offset indexes), its meta tags, and what extracted it."""

    text: str
    meta: dict[str, str]
    extractor: str  # MAIN, or FALLBACK followed by the reason in parentheses


def extractor_identity() -> str:
    """What decides an HTML document's text: trafilatura's version, its options and our bound. A change in
    any of them changes the text, so it goes into HTML documents' fingerprint (pipeline.fingerprint)."""
    try:
        version = metadata.version("trafilatura")
    except metadata.PackageNotFoundError:
        version = "not installed"
    options = ",".join(f"{k}={v}" for k, v in sorted(_OPTIONS.items()))
    return (f"{MAIN} {version} ({options}); headline {_HEADLINE_WORDS}+ words; "
            f"else {FALLBACK} above {MAX_ELEMENTS} elements or {MAX_TEXT_CHARS} characters")


def html_main_text(html: str) -> HtmlText:
    """An HTML page -> its main text (headline line, then one paragraph per block), meta tags and extractor."""
    scan = scan_html(html)
    if scan.elements > MAX_ELEMENTS:
        return _fallback(scan, f"over {MAX_ELEMENTS:,} elements")
    if len(scan.text) > MAX_TEXT_CHARS:
        return _fallback(scan, f"over {MAX_TEXT_CHARS:,} characters")
    extract = _trafilatura()  # outside the try: a missing trafilatura is a broken install, not a hostile page
    try:
        main = _trafilatura_text(extract, html)
    except Exception as e:  # noqa: BLE001 - a third party's parser on hostile input: any failure means "use ours"
        return _fallback(scan, f"trafilatura failed: {type(e).__name__}")
    if not main:
        return _fallback(scan, "no main text found")
    return HtmlText(_with_headline(main, scan.headline), scan.meta, MAIN)


def _trafilatura() -> Callable[..., str | None]:
    """trafilatura's extract(), imported when the first page needs it: it pulls in htmldate, courlan, justext."""
    from trafilatura import extract

    return extract


def _trafilatura_text(extract: Callable[..., str | None], html: str) -> str:
    """trafilatura's main text in our shape (a blank line between blocks), "" where it finds none."""
    found = extract(html[1:] if html.startswith("\ufeff") else html, **_OPTIONS)
    return tidy_text(found.replace("\n", "\n\n")) if found and found.strip() else ""


def _with_headline(text: str, headline: str) -> str:
    """``text`` led by the page's headline: trafilatura leaves out an <h1> that stands outside the article's
    container, and the headline is the first line of every stored article."""
    if len(headline.split()) < _HEADLINE_WORDS or headline in text:
        return text
    return f"{headline}\n\n{text}"


def _fallback(scan: PageScan, reason: str) -> HtmlText:
    return HtmlText(scan.text, scan.meta, f"{FALLBACK} ({reason})")
