"""Hostile input (issue 12): no single file, however made, stops, hangs or corrupts a run.

Every test builds its input in ``tmp_path``. Anything that could hang on a regression (a FIFO, a device,
quadratic HTML) runs in a subprocess with a timeout, so a regression fails the test instead of hanging the
suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import IngestError
from pipeline.filenames import escape_name, fs_name, original_bytes
from pipeline.ingest import SIDECAR_MAX_BYTES, Source, decode, discover, load_bytes, read_article, read_sidecar
from pipeline.records import DateValue
from pipeline.run import run_corpus
from tests.conftest import ROOT
from tests.test_robustness import GOOD
from tests.test_robustness import documents as _documents


MEMORY_BOUND = 2 << 30  # address space of a bounded subprocess: a read without end fails it, not the machine


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BOUND, MEMORY_BOUND))


def _bounded(args: list[str], timeout: float, **kwargs) -> subprocess.CompletedProcess:
    """Run Python with ``args`` from the checkout; a regression that hangs or eats memory fails the test only."""
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=_limit_memory if os.name == "posix" else None, **kwargs)


def test_html_to_text_is_linear_on_a_megabyte_of_paragraphs_and_deep_nesting():
    # BeautifulSoup's insert_before per block took ~70 s for this megabyte and never ended on the nesting.
    out = _bounded(["-c", textwrap.dedent("""
        import time
        from pipeline.html_text import html_to_text
        p = "<p>Poland signed a deal for 180 K2 tanks.</p>\\n"
        pages = ["<html><body>" + p * (1_000_000 // len(p)) + "</body></html>",
                 "<div>" * 100_000 + "deep text" + "</div>" * 100_000]
        for page in pages:
            started = time.perf_counter()
            text, _ = html_to_text(page)
            print(round(time.perf_counter() - started, 2), text.count("\\n"), text[-10:].strip())
    """)], timeout=60, check=True)
    (flat, lines, last), (deep, _, deep_text) = (line.split(" ", 2) for line in out.stdout.splitlines())
    assert float(flat) < 20 and int(lines) == 2 * 21_739 - 1 and last == "K2 tanks."
    assert float(deep) < 20 and deep_text == "deep text"


@pytest.mark.skipif(not os.path.exists("/dev/urandom") or not hasattr(os, "mkfifo"), reason="needs POSIX devices")
def test_fifos_devices_and_endless_files_fail_alone_and_the_run_ends(tmp_path):
    c = tmp_path / "corpus"
    c.mkdir()
    (c / "good.txt").write_text(GOOD)
    os.mkfifo(c / "x.txt")
    for stem, target in (("fifo", None), ("zero", "/dev/zero"), ("random", "/dev/urandom"), ("loop", "loop_meta.meta.json")):
        (c / f"{stem}_meta.txt").write_text(GOOD)
        sidecar = c / f"{stem}_meta.meta.json"
        os.mkfifo(sidecar) if target is None else os.symlink(target, sidecar)
    os.symlink("/dev/zero", c / "zero.txt")
    os.symlink("/dev/urandom", c / "random.md")
    done = _bounded(["-m", "pipeline", "run", str(c), "--db", str(tmp_path / "x.db")], timeout=120)
    assert done.returncode == 1, done.stderr
    device = "not a regular file (a character device)"
    assert {p: e for p, (s, e) in _documents(tmp_path / "x.db").items()} == {
        "good.txt": None,
        "x.txt": "x.txt: not a regular file (a FIFO)",
        "zero.txt": f"zero.txt: {device}",
        "random.md": f"random.md: {device}",
        "fifo_meta.txt": "fifo_meta.meta.json: not a regular file (a FIFO)",
        "zero_meta.txt": f"zero_meta.meta.json: {device}",
        "random_meta.txt": f"random_meta.meta.json: {device}",
        "loop_meta.txt": "loop_meta.meta.json: cannot read (Too many levels of symbolic links)",
    }


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="needs /proc")
def test_a_file_is_read_to_its_limit_whatever_its_size_says(tmp_path):
    # /proc files are regular and say they are empty (st_size 0), like a file that grows while it is read.
    os.symlink("/proc/self/maps", tmp_path / "maps.txt")
    with pytest.raises(IngestError, match=r"^maps\.txt: file too large \(over 100 bytes; the limit is --max-bytes 100\)$"):
        load_bytes(Source(str(tmp_path), "maps.txt", 0), max_bytes=100)
    huge = tmp_path / "huge.meta.json"
    huge.write_bytes(b'{"title": "' + b"x" * SIDECAR_MAX_BYTES + b'"}')
    with pytest.raises(IngestError, match=r"^huge\.meta\.json: file too large \(1,000,013 bytes; the limit is 1,000,000"):
        read_sidecar(Source(str(tmp_path), "huge.txt", 0))


def test_a_name_too_long_for_its_sidecar_has_no_sidecar(tmp_path):
    c = tmp_path / "corpus"
    c.mkdir()
    name = "k" * 246 + ".txt"  # 250 bytes: its .meta.json would need 256, more than any file system allows
    (c / name).write_text(GOOD)
    summary = run_corpus([str(c)], db=str(tmp_path / "x.db"))
    assert (summary.ok, summary.failed) == (1, 0) and _documents(tmp_path / "x.db") == {name: ("ok", None)}


@pytest.mark.parametrize("sidecar,reason", [
    ("[" * 100_000 + "]" * 100_000, "invalid JSON (nested too deeply)"),
    ('{"title": "x", "n": ' + "9" * 5_000 + "}", "invalid JSON (Exceeds the limit (4300 digits) for integer string"),
    ('{"title": ' + "[" * 100_000, "invalid JSON"),
])
def test_sidecar_json_that_json_refuses_fails_its_document_in_one_line(tmp_path, rules, sidecar, reason):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "a.meta.json").write_text(sidecar)
    with pytest.raises(IngestError) as e:
        read_article(Source(str(tmp_path), "a.txt", 0), rules=rules)
    assert str(e.value).startswith(f"a.meta.json: {reason}") and "\n" not in str(e.value)


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf" + GOOD.encode() + b"\x00" + GOOD.encode(),  # UTF-8 with a BOM
    "\ufeff".encode("utf-16-le") + (GOOD + "\x00" + GOOD).encode("utf-16-le"),  # UTF-16 with a BOM
    "\ufeff".encode("utf-16-be") + (GOOD + "\x00" + GOOD).encode("utf-16-be"),
    GOOD.encode() + b"\x00",  # plain UTF-8
    ("Séoul a signé un contrat pour 180 chars K2. " * 20 + "\x00").encode("latin-1"),  # a detected encoding
])
def test_nul_is_refused_on_every_decode_path(data):
    with pytest.raises(IngestError, match=r"^a\.txt: binary file"):
        decode(data, "a.txt")


def test_nul_escaped_in_a_sidecar_string_is_refused(tmp_path, rules):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "a.meta.json").write_text('{"title": "K2\\u0000 deal"}')
    with pytest.raises(IngestError, match=r"^a\.meta\.json: 'title' contains a NUL character$"):
        read_article(Source(str(tmp_path), "a.txt", 0), rules=rules)


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_not_in_utf8_is_stored_escaped_and_skipped_on_rerun(tmp_path):
    c = Path(os.fsdecode(os.fsencode(tmp_path) + b"/corpus\xfe"))  # the folder's own name is not UTF-8 either
    (c / "sub\\dir").mkdir(parents=True)
    with open(os.path.join(os.fsencode(c), b"m\xff.txt"), "wb") as f:
        f.write(GOOD.encode())
    (c / "sub\\dir" / "plain.txt").write_text(GOOD)  # a backslash of its own: escaped, so no name can collide
    db = str(tmp_path / "x.db")
    first = run_corpus([str(c)], db=db)
    assert (first.ok, first.failed) == (2, 0), first.failures
    stored = _documents(db)
    assert stored == {"m\\xff.txt": ("ok", None), "sub\\\\dir/plain.txt": ("ok", None)}
    assert sorted(original_bytes(p) for p in stored) == [b"m\xff.txt", b"sub\\dir/plain.txt"]
    again = run_corpus([str(c)], db=db)
    assert (again.ok, again.skipped, again.failed, again.missing) == (0, 2, 0, [])


@given(st.lists(st.binary(min_size=1, max_size=12).filter(lambda b: b"\x00" not in b), min_size=2, max_size=2))
def test_escaped_names_are_valid_text_and_give_the_bytes_back(names):
    if os.name != "posix":
        return
    stored = [escape_name(os.fsdecode(b)) for b in names]
    for raw, text in zip(names, stored):
        text.encode("utf-8")  # what the database needs: no surrogate left
        assert original_bytes(text) == raw and fs_name(text) == os.fsdecode(raw)
    assert (stored[0] == stored[1]) == (names[0] == names[1])  # one-to-one: no two names share a stored path


def test_hidden_folders_are_not_walked(tmp_path):
    for p in (".git/objects/x.txt", ".cache/y.md", "sub/.hidden/z.html", "sub/a.txt", ".b.txt", "c.txt"):
        (tmp_path / p).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / p).write_text(GOOD)
    assert [s.path for s in discover([str(tmp_path)])] == ["c.txt", "sub/a.txt"]


PUBLISHED_ACCEPTED = [
    ("2024", DateValue("2024", "year")),
    ("2024-06", DateValue("2024-06", "month")),
    ("2024-06-03", DateValue("2024-06-03", "day")),
    (" 2024-06-03 ", DateValue("2024-06-03", "day")),
    ("2024-06-03T10:00", DateValue("2024-06-03", "day")),
    ("2024-06-03 10:00:59", DateValue("2024-06-03", "day")),
    ("2024-01-11T09:15:00+07:00", DateValue("2024-01-11", "day")),  # what HTML meta tags hold
    ("2024-01-11T09:15:00.000Z", DateValue("2024-01-11", "day")),
    ("2024-01-11T23:15:00-0500", DateValue("2024-01-11", "day")),
]
PUBLISHED_REFUSED = [
    ("yesterday", "is not an ISO date"),  # was read against the wall clock
    ("03/04/2024", "is not an ISO date"),  # was read the US way
    ("3 days ago", "is not an ISO date"),
    ("June 3, 2024", "is not an ISO date"),
    ("2024-06-03 yesterday", "is not an ISO date"),  # anything after the date used to pass
    ("2024-06T10:00", "is not an ISO date"),
    ("2024-06-03T25:00", "is not an ISO date"),
    ("24-06-03", "is not an ISO date"),
    ("2024-13", "is an impossible date"),
    ("2024-02-30", "is an impossible date"),
    ("0000-01-01", "is an impossible date"),
]


@pytest.mark.parametrize("value,expected", PUBLISHED_ACCEPTED)
def test_sidecar_published_accepts_absolute_iso_dates(tmp_path, rules, value, expected):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": value}))
    art = read_article(Source(str(tmp_path), "a.txt", 0), rules=rules)
    assert (art.published, art.published_source) == (expected, "meta")


@pytest.mark.parametrize("value,reason", PUBLISHED_REFUSED)
def test_sidecar_published_refuses_relative_and_ambiguous_dates(tmp_path, rules, value, reason):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": value}))
    with pytest.raises(IngestError) as e:
        read_article(Source(str(tmp_path), "a.txt", 0), rules=rules)
    assert str(e.value).startswith(f"a.meta.json: 'published' {reason}") and str(e.value).endswith(f": {value!r}")


@pytest.mark.parametrize("value,expected", [("2024-01-11T09:15:00+07:00", DateValue("2024-01-11", "day")),
                                            ("yesterday", DateValue("2025-03-05", "day"))])
def test_html_meta_published_is_read_when_iso_and_left_out_when_not(tmp_path, rules, value, expected):
    # Left out, the page is still read, and dated by its dateline.
    (tmp_path / "a.html").write_text(f'<html><head><meta property="article:published_time" content="{value}">'
                                     f"</head><body><p>SEOUL, March 5, 2025 (Yonhap) -- {GOOD}</p></body></html>")
    art = read_article(Source(str(tmp_path), "a.html", 0), rules=rules)
    assert art.published == expected and art.published_source == ("meta" if value[0] == "2" else "text")
