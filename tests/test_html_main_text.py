"""HTML pages: the article's main text (trafilatura), its linear fallback, and re-runs when the extractor changes."""

from __future__ import annotations

import time

import pytest

from pipeline import fingerprint, html_main
from pipeline.analyse import analyse
from pipeline.html_main import FALLBACK, MAIN, MAX_ELEMENTS, MAX_TEXT_CHARS, html_main_text
from pipeline.html_text import html_to_text
from pipeline.ingest import Source, read_article
from pipeline.run import run_corpus

HEADLINE = "Chile orders 12 coastal patrol boats from Spain"
ARTICLE = [
    "SANTIAGO &mdash; Chile has signed a contract with Spanish shipbuilder Navantia for 12 coastal patrol boats "
    "worth $310 million, the Chilean navy said on Monday.",
    "The first of the boats will be delivered in 2027, and the remaining vessels will follow over four years. The "
    "navy said the vessels would replace ageing craft that guard the country's long southern coastline.",
    "Navantia will build the hulls in Ferrol and fit them out at a yard in Talcahuano, where Chilean workers are to "
    "be trained to maintain the fleet for its service life.",
]
# Every piece of a news page's chrome, each naming a country the article does not.
CHROME = {
    "nav": '<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/land">Land</a></li>'
           '<li><a href="/naval">Naval</a></li><li><a href="/region/norway">Norway</a></li></ul></nav></header>',
    "share": '<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a> <a href="#">Email</a>'
             " <button>A+</button><button>A-</button></div>",
    "tags": '<div class="tags">Tags: <a href="/t/vietnam">Vietnam</a>, <a href="/t/k2">K2 tanks</a>,'
            ' <a href="/t/frigates">Frigates</a></div>',
    "related": '<aside class="related"><h3>Related stories</h3><ul>'
               '<li><a href="/a1">Thailand buys four Gripen fighters from Sweden for $600 million</a></li>'
               '<li><a href="/a2">Egypt signs for 30 more Rafale jets</a></li>'
               '<li><a href="/a3">Finland picks an Israeli air defence system</a></li></ul></aside>',
    "footer": "<footer><p>Harbour Defence Weekly, 12 Quay Street, Wellington, New Zealand.</p>"
              '<p>&copy; 2025 All rights reserved. <a href="/privacy">Privacy</a> <a href="/c">Cookie settings</a></p></footer>',
}
CHROME_WORDS = ["Home", "Norway", "Share on Facebook", "Tweet", "A+", "Tags", "Vietnam", "Related stories", "Thailand",
                "Gripen", "Egypt", "Finland", "Wellington", "New Zealand", "Cookie"]
CHROME_COUNTRIES = {"NOR", "VNM", "THA", "SWE", "EGY", "FIN", "ISR", "NZL"}


def news_page(*, headline_inside: bool = True) -> str:
    """A news page: its chrome around a three-paragraph article, the headline inside the article or above it."""
    h1 = f"<h1>{HEADLINE}</h1>"
    body = "".join(f"<p>{p}</p>\n" for p in ARTICLE)
    article = f"<main><article>{h1 if headline_inside else ''}\n{body}</article></main>"
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{HEADLINE} | Harbour Defence Weekly</title>"
            '<meta property="article:published_time" content="2025-04-08T10:00:00Z">'
            "<script>var ad = 'Peru buys 99 tanks';</script></head><body>"
            f"{CHROME['nav']}{CHROME['share']}{'' if headline_inside else h1}{article}"
            f"{CHROME['tags']}{CHROME['related']}{CHROME['footer']}</body></html>")


def _read(tmp_path, rules, name: str, html: str):
    (tmp_path / name).write_text(html, encoding="utf-8")
    return read_article(Source(str(tmp_path), name, 0), rules=rules)


def test_html_main_text_keeps_headline_then_paragraphs_and_drops_the_chrome():
    page = html_main_text(news_page())
    lines = page.text.rstrip("\n").split("\n\n")
    assert page.extractor == MAIN and lines[0] == HEADLINE and len(lines) == 4
    assert lines[1].startswith("SANTIAGO — Chile has signed") and lines[3].endswith("service life.")
    assert [w for w in CHROME_WORDS if w in page.text] == []
    assert page.meta == {"title": f"{HEADLINE} | Harbour Defence Weekly", "published": "2025-04-08T10:00:00Z"}
    visible, _ = html_to_text(news_page())  # what reached the text before: every piece of the chrome
    assert all(w in visible for w in CHROME_WORDS)


def test_html_main_text_puts_a_headline_outside_the_article_first():
    page = html_main_text(news_page(headline_inside=False))
    assert page.extractor == MAIN and page.text.startswith(HEADLINE + "\n\nSANTIAGO")
    assert page.text.count(HEADLINE) == 1


def test_news_page_chrome_makes_no_mention_and_the_article_deal_is_found(tmp_path, rules, kit):
    art = _read(tmp_path, rules, "chile.html", news_page())
    assert art.text_extractor == MAIN and art.published is not None and art.published.value == "2025-04-08"
    result = analyse([art], kit)[0]
    found = {c.code for c in result.mentions.countries}
    assert {"CHL", "ESP"} <= found and not found & CHROME_COUNTRIES
    for c in result.mentions.countries:  # the stored text is what the offsets index
        assert art.text[c.start:c.end] == c.text
    deal = next(d for d in result.deals if (d.buyer, d.supplier) == ("CHL", "ESP"))
    assert deal.value is not None and deal.quantity is not None and deal.sentence.text in art.text
    assert not {c for d in result.deals for c in (d.buyer, d.supplier)} & CHROME_COUNTRIES


def test_a_fragment_where_trafilatura_finds_nothing_keeps_the_visible_text(tmp_path, rules):
    fragment = "<p>Peru signed a contract for 20 K808 armoured vehicles.</p>"
    art = _read(tmp_path, rules, "frag.html", fragment)
    assert art.text == "Peru signed a contract for 20 K808 armoured vehicles.\n"
    assert art.text_extractor == f"{FALLBACK} (no main text found)"


def test_trafilatura_failing_falls_back_to_the_visible_text(monkeypatch):
    def broken(extract, html: str) -> str:
        raise ValueError("hostile page")

    monkeypatch.setattr(html_main, "_trafilatura_text", broken)
    page = html_main_text(news_page())
    assert page.extractor == f"{FALLBACK} (trafilatura failed: ValueError)"
    assert page.text == html_to_text(news_page())[0] and "New Zealand" in page.text


@pytest.mark.parametrize("page, reason", [
    ("<html><body><p>" + '<a href="/x">Poland tanks</a> ' * (MAX_ELEMENTS + 10) + "</p></body></html>",
     f"over {MAX_ELEMENTS:,} elements"),
    ("<html><body>" + ("<p>" + "Poland signed a deal for 180 K2 tanks. " * 200 + "</p>") * (MAX_TEXT_CHARS // 7800 + 2)
     + "</body></html>", f"over {MAX_TEXT_CHARS:,} characters"),
    ("<html><body>" + "<p>Poland signed a deal for 180 K2 tanks.</p>\n" * 21_739 + "</body></html>",
     f"over {MAX_ELEMENTS:,} elements"),  # tests/test_hostile_input.py's megabyte of paragraphs
    ("<div>" * 100_000 + "deep text" + "</div>" * 100_000, f"over {MAX_ELEMENTS:,} elements"),  # and its nesting
], ids=["links", "characters", "megabyte", "nesting"])
def test_a_page_past_the_bounds_is_not_given_to_trafilatura_and_ends_fast(page, reason):
    # trafilatura took 39 s on 4 MB of links in one paragraph; html_text is linear (tests/test_hostile_input.py)
    started = time.perf_counter()
    result = html_main_text(page)
    assert result.extractor == f"{FALLBACK} ({reason})" and result.text == html_to_text(page)[0]
    assert time.perf_counter() - started < 5


def test_html_pages_are_redone_when_the_extractor_changes_and_text_files_are_not(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "chile.html").write_text(news_page(), encoding="utf-8")
    (corpus / "plain.txt").write_text("Peru signed a contract for 20 K808 armoured vehicles from South Korea.\n")
    db = str(tmp_path / "x.db")
    assert run_corpus([str(corpus)], db=db, progress=False).ok == 2
    assert run_corpus([str(corpus)], db=db, progress=False).skipped == 2
    monkeypatch.setattr(fingerprint, "extractor_identity", lambda: "trafilatura 99.0 (other options)")
    again = run_corpus([str(corpus)], db=db, progress=False)
    assert (again.ok, again.skipped) == (1, 1)
    assert run_corpus([str(corpus)], db=db, progress=False).skipped == 2
