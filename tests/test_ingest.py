"""Ingest: finding files, decoding, HTML and Markdown, metadata, publication dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.errors import IngestError, PipelineError
from pipeline.ingest import decode, discover, read_article
from pipeline.records import DateValue

TEXT = "SEOUL -- Poland signed a deal for 180 K2 tanks, the ministry said.\n"


def _one(tmp_path: Path, name: str, data: bytes | str, rules, meta: dict | str | None = None):
    f = tmp_path / name
    f.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    if meta is not None:
        stem = name.rsplit(".", 1)[0]
        (tmp_path / f"{stem}.meta.json").write_text(meta if isinstance(meta, str) else json.dumps(meta))
    src = next(s for s in discover([str(tmp_path)]) if s.path == name)
    return read_article(src, rules=rules)


def test_discover_walks_subfolders_in_order_and_keeps_relative_paths(tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    for p in ("z.txt", "b/a.md", "b/c/x.html", "b/ignored.json", "b/c/y.meta.json", ".hidden.txt"):
        (tmp_path / p).write_text("x")
    assert [s.path for s in discover([str(tmp_path)])] == ["z.txt", "b/a.md", "b/c/x.html"]


def test_discover_missing_folder_is_a_usage_error(tmp_path):
    with pytest.raises(PipelineError, match="not found"):
        list(discover([str(tmp_path / "nope")]))


@pytest.mark.parametrize("encoding", ["latin-1", "cp949", "utf-16", "utf-8-sig"])
def test_decode_detects_encodings(encoding):
    text = "Le ministre a signé un accord pour 180 chars à Séoul, la semaine dernière. " * 5
    if encoding == "cp949":
        text = "한국 방위사업청은 폴란드와 K2 전차 계약을 체결했다고 밝혔다. " * 5
    assert decode(text.encode(encoding), "x.txt") == text


def test_decode_refuses_binary():
    with pytest.raises(IngestError, match=r"x\.bin: binary file"):
        decode(b"\x00\x01\x02PNG\x00\x00" * 100, "x.bin")


def test_article_keeps_sha256_and_text(tmp_path, rules):
    art = _one(tmp_path, "a.txt", TEXT, rules)
    assert art.text == TEXT and len(art.sha256) == 64 and art.path == "a.txt"


def test_html_drops_scripts_and_styles_and_decodes_entities(tmp_path, rules):
    html = ("<html><head><title>K2 deal</title><style>p{color:red}</style><script>var deal='fake';</script></head>"
            "<body><p>Poland&#8217;s K2 deal &amp; more</p><script>alert(1)</script><p>Second paragraph.</p></body></html>")
    art = _one(tmp_path, "a.html", html, rules)
    assert "Poland’s K2 deal & more" in art.text and "Second paragraph." in art.text
    assert "fake" not in art.text and "color" not in art.text and "alert" not in art.text
    assert art.title == "K2 deal"


def test_markdown_markup_is_removed(tmp_path, rules):
    art = _one(tmp_path, "a.md", "# Title\n\n*Posted 12 February 2025*\n\nThe **K9** [deal](http://x) was signed.\n", rules)
    assert "The K9 deal was signed." in art.text and "**" not in art.text
    assert art.published == DateValue("2025-02-12", "day") and art.published_source == "text"


def test_meta_sidecar_gives_publication_date(tmp_path, rules):
    art = _one(tmp_path, "a.txt", TEXT, rules, meta={"url": "https://x.org/a", "published": "2025-01-21", "title": "T"})
    assert art.published == DateValue("2025-01-21", "day") and art.published_source == "meta"
    assert art.url == "https://x.org/a" and art.title == "T"


@pytest.mark.parametrize("first_line,value", [
    ("Monday, June 3, 2024", "2024-06-03"),
    ("29-07-2025", "2025-07-29"),
    ("Published : Dec 13, 2021", "2021-12-13"),
    ("SEOUL, March 5, 2025 (Yonhap) -- Poland signed", "2025-03-05"),
    ("Posted 12 February 2025", "2025-02-12"),
])
def test_dateline_near_the_top(tmp_path, rules, first_line, value):
    art = _one(tmp_path, "a.txt", first_line + "\n\n" + TEXT, rules)
    assert art.published == DateValue(value, "day") and art.published_source == "text"


def test_no_date_anywhere_leaves_published_empty(tmp_path, rules):
    art = _one(tmp_path, "a.txt", TEXT, rules)
    assert art.published is None and art.published_source is None


@pytest.mark.parametrize("url,value,precision", [
    ("https://news.example/2024/06/03/k2-deal", "2024-06-03", "day"),
    ("https://news.example/story/2024-06-03/k2-deal", "2024-06-03", "day"),
    ("https://news.example/news/2024-06-03-poland-signs-k2-deal", "2024-06-03", "day"),
    ("https://news.example/www/nation/2024/06/205_123456.html", "2024-06", "month"),
    ("https://news.example/view.php?ud=20240603050041", "2024-06-03", "day"),
    ("https://news.example/report/k2/20240603.htm?print=true", "2024-06-03", "day"),
    ("https://news.example/v/20240603194518256", "2024-06-03", "day"),
])
def test_date_in_the_url_is_inferred(tmp_path, rules, url, value, precision):
    art = _one(tmp_path, "a.txt", TEXT, rules, meta={"url": url})
    assert art.published == DateValue(value, precision) and art.published_source == "inferred"


@pytest.mark.parametrize("url", [
    "https://news.example/articleView.html?idxno=207070",    # an article number
    "https://news.example/k2-deal-143538802.html",
    "https://news.example/a/2024061234",                     # a date's digits, then no time of day
    "https://news.example/2024/13/k2-deal",                  # no month 13
    "https://news.example/2024/02/30/k2-deal",               # no February 30
])
def test_numbers_in_the_url_that_are_no_date(tmp_path, rules, url):
    assert _one(tmp_path, "a.txt", TEXT, rules, meta={"url": url}).published is None


@pytest.mark.parametrize("meta,message", [
    ('{"published": "2025-01-21",', r"a\.meta\.json: invalid JSON"),
    ({"published": 20250121}, r"a\.meta\.json: 'published' must be a string"),
    ({"published": "2025-02-30"}, r"a\.meta\.json: 'published' is an impossible date"),
    ([1, 2], r"a\.meta\.json: expected a JSON object"),
])
def test_broken_metadata_is_a_one_line_error_naming_the_file(tmp_path, rules, meta, message):
    with pytest.raises(IngestError, match=message) as e:
        _one(tmp_path, "a.txt", TEXT, rules, meta=meta)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("data", [b"", b"   \n\t\n"])
def test_empty_file_is_refused(tmp_path, rules, data):
    with pytest.raises(IngestError, match=r"a\.txt: empty file"):
        _one(tmp_path, "a.txt", data, rules)


def test_dateline_without_a_year_dates_nothing_but_is_marked(rules):
    from pipeline.ingest import find_dateline

    assert find_dateline("ANKARA, Oct 28 - Turkey has signed a deal.", rules) == (None, 17)
    assert find_dateline("BERLIN (AP) — Germany will send tanks.", rules) == (None, 14)
    assert find_dateline("Germany will send tanks.", rules) is None
