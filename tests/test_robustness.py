"""Bad input, crashes and concurrent runs: nothing stored is lost, and one bad file stops nothing."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import run as run_module
from pipeline.cli import main
from pipeline.errors import StoreError
from pipeline.run import run_corpus
from tests.conftest import ROOT

GOOD = "Poland signed a $2.6 billion contract for 180 K2 tanks from South Korea on Monday.\n"
ARMSLEDGER = [sys.executable, "-m", "pipeline"]


def documents(db) -> dict[str, tuple[str, str | None]]:
    con = sqlite3.connect(db)
    try:
        return {p: (s, e) for p, s, e in con.execute("SELECT path, status, error FROM documents")}
    finally:
        con.close()


def test_bad_input_fails_alone_with_a_one_line_reason(tmp_path, capsys):
    c = tmp_path / "corpus"
    c.mkdir()
    (c / "good.txt").write_text(GOOD)
    (c / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (c / "latin1.txt").write_bytes(("Séoul et Varsovie ont signé un accord pour des chars K2. " * 3).encode("latin-1"))
    (c / "cp949.txt").write_bytes(("폴란드는 K2 전차를 구매하기로 한국과 계약을 체결했다. " * 3).encode("cp949"))
    (c / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    (c / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    (c / "empty.txt").write_bytes(b"")
    (c / "blank.md").write_text("   \n\t\n")
    (c / "page.html").write_text("<html><head><script>var x='$9 trillion won';</script><style>p{}</style></head>"
                                 "<body><p>Poland&#8217;s &amp; Korea&#8217;s deal: " + GOOD + "</p></body></html>")
    (c / "badjson.txt").write_text(GOOD)
    (c / "badjson.meta.json").write_text('{"published": "2024-')
    (c / "badtype.txt").write_text(GOOD)
    (c / "badtype.meta.json").write_text('{"published": 20240601, "title": ["x"]}')
    (c / "baddate.txt").write_text(GOOD)
    (c / "baddate.meta.json").write_text('{"published": "2024-02-31"}')
    os.symlink("loop_b.txt", c / "loop_a.txt")
    os.symlink("loop_a.txt", c / "loop_b.txt")
    (c / "sub").mkdir()
    os.symlink("..", c / "sub" / "up")  # a folder loop: never followed
    db = tmp_path / "bad.db"
    code = main(["run", str(c), "--db", str(db)])
    out = capsys.readouterr().out
    assert code == 1
    docs = documents(db)
    ok = {p for p, (s, _) in docs.items() if s == "ok"}
    assert ok == {"good.txt", "latin1.txt", "cp949.txt", "utf16.txt", "bom.txt", "page.html"}
    failed = {p: e for p, (s, e) in docs.items() if s == "failed"}
    assert failed.pop("badjson.txt").startswith("badjson.meta.json: invalid JSON at line 1 column ")
    assert failed == {
        "binary.txt": "binary.txt: binary file (contains NUL bytes)",
        "empty.txt": "empty.txt: empty file (no text)",
        "blank.md": "blank.md: empty file (no text)",
        "badtype.txt": "badtype.meta.json: 'published' must be a string, not int",
        "baddate.txt": "baddate.meta.json: 'published' is an impossible date: '2024-02-31'",
        "loop_a.txt": "loop_a.txt: cannot read (Too many levels of symbolic links)",
        "loop_b.txt": "loop_b.txt: cannot read (Too many levels of symbolic links)",
    }
    assert all("\n" not in e for e in failed.values())
    for error in failed.values():
        assert f"  failed: {error}" in out
    assert "6 ok, 0 skipped, 8 failed" in out
    con = sqlite3.connect(db)
    html = con.execute("SELECT text FROM money_mentions WHERE path = 'page.html'").fetchall()
    assert html == [("$2.6 billion",)]  # the script's amount is not text


def test_unreadable_file(tmp_path, monkeypatch):
    c = tmp_path / "corpus"
    c.mkdir()
    (c / "good.txt").write_text(GOOD)
    locked = c / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail the way a locked file does
        real = os.open
        monkeypatch.setattr(os, "open", lambda path, *a, **k: (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
                            if str(path).endswith("locked.txt") else real(path, *a, **k))
    summary = run_corpus([str(c)], db=str(tmp_path / "u.db"), progress=False)
    assert (summary.ok, summary.failed) == (1, 1)
    assert summary.failures == ["locked.txt: permission denied"]


def test_file_that_vanishes_mid_run(tmp_path, monkeypatch):
    c = tmp_path / "corpus"
    c.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (c / name).write_text(GOOD)
    real = run_module.load_bytes

    def vanish(src, **kw):  # b.txt is deleted between the listing of the folder and its reading
        if src.path == "b.txt":
            (c / "b.txt").unlink()
        return real(src, **kw)

    monkeypatch.setattr(run_module, "load_bytes", vanish)
    summary = run_corpus([str(c)], db=str(tmp_path / "v.db"), progress=False)
    assert (summary.ok, summary.failed, summary.failures) == (2, 1, ["b.txt: file vanished or is a broken link"])


def test_huge_file_is_refused_above_max_bytes(tmp_path):
    c = tmp_path / "corpus"
    c.mkdir()
    (c / "good.txt").write_text(GOOD)
    with open(c / "huge.txt", "wb") as f:
        f.write((GOOD * 700_000)[:50_000_000].encode())
    summary = run_corpus([str(c)], db=str(tmp_path / "h.db"), progress=False)
    assert (summary.ok, summary.failed) == (1, 1)
    assert summary.failures == ["huge.txt: file too large (50,000,000 bytes; the limit is --max-bytes 20,000,000)"]


def test_a_line_of_a_million_characters(tmp_path):
    c = tmp_path / "corpus"
    c.mkdir()
    filler = "The weather stayed mild along the coast for most of the day. " * 8_200  # twice this: a million characters
    (c / "long.txt").write_text(filler + GOOD.strip() + " " + filler)
    summary = run_corpus([str(c)], db=str(tmp_path / "l.db"), progress=False)
    assert (summary.ok, summary.failed, summary.deals) == (1, 0, 1)
    con = sqlite3.connect(tmp_path / "l.db")
    (start, end, text), = con.execute("SELECT start_char, end_char, text FROM money_mentions").fetchall()
    assert (c / "long.txt").read_text()[start:end] == text == "$2.6 billion"


def _corpus(folder: Path, copies: int) -> Path:
    """``copies`` renamed copies of the sample corpus: a corpus that takes a while."""
    folder.mkdir()
    sources = sorted(p for p in (ROOT / "corpus").iterdir() if p.suffix in (".txt", ".md", ".html"))
    for i in range(copies):
        for p in sources:
            shutil.copy(p, folder / f"{i:02d}_{p.name}")
            meta = p.with_name(p.name.rsplit(".", 1)[0] + ".meta.json")
            if meta.exists():
                shutil.copy(meta, folder / f"{i:02d}_{meta.name}")
    return folder


def _content(db) -> dict[str, list]:
    """Every document's rows through the views, keyed by path: ids and times left out."""
    con = sqlite3.connect(db)
    try:
        out = {}
        for (path,) in con.execute("SELECT path FROM documents WHERE status = 'ok'"):
            out[path] = [
                sorted(con.execute("SELECT supplier, buyer, quantity_low, value_low, date, status, rule FROM deals WHERE path = ?",
                                   (path,)), key=repr),
                sorted(con.execute("SELECT date, location, rule FROM meetings WHERE path = ?", (path,)), key=repr),
                sorted(con.execute("SELECT text, start_char, value_low, currency FROM money_mentions WHERE path = ?", (path,)),
                       key=repr),
                sorted(con.execute("SELECT name, start_char FROM officials WHERE path = ?", (path,)), key=repr),
            ]
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("big")
    corpus = _corpus(base / "corpus", 6)
    reference = base / "reference.db"
    run_corpus([str(corpus)], db=str(reference), progress=False)
    return corpus, _content(reference)


def test_sigkill_mid_run_leaves_only_whole_documents(tmp_path, big_corpus):
    corpus, reference = big_corpus
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([*ARMSLEDGER, "run", str(corpus), "--db", str(db), "--batch-size", "4"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                stored = len(documents(db))
            except sqlite3.Error:
                continue
            if stored >= 8:
                break
    assert proc.poll() is None, "the run ended before it could be killed: make the corpus larger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    partial = _content(db)
    assert 8 <= len(partial) < len(reference)
    for path, rows in partial.items():
        assert rows == reference[path], path  # every stored document is whole
    again = run_corpus([str(corpus)], db=str(db), progress=False)
    assert again.failed == 0 and again.skipped == len(partial)
    assert _content(db) == reference


def test_two_runs_at_once_on_one_database(tmp_path, big_corpus):
    corpus, reference = big_corpus
    db = tmp_path / "shared.db"
    procs = [subprocess.Popen([*ARMSLEDGER, "run", str(corpus), "--db", str(db), "--batch-size", "4"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM documents").fetchone() == (len(reference), len(reference))
    con.close()
    assert _content(db) == reference


def test_unchanged_input_twice_gives_identical_content(tmp_path):
    corpus = _corpus(tmp_path / "c", 1)
    db = tmp_path / "twice.db"
    run_corpus([str(corpus)], db=str(db), progress=False)
    before = _full(db)
    run_corpus([str(corpus)], db=str(db), progress=False)
    assert _full(db) == before


def _full(db, immutable: bool = False) -> list:
    """Every row of every table, ingestion times included (``immutable``: on a read-only disk)."""
    con = sqlite3.connect(f"file:{db}?immutable=1", uri=True) if immutable else sqlite3.connect(db)
    try:
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [(t, sorted(con.execute(f"SELECT * FROM {t}"), key=repr)) for t in tables]
    finally:
        con.close()


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True)


def test_read_only_disk_is_a_one_line_error_and_keeps_what_is_stored(tmp_path, capsys):
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "20m"):
        pytest.skip("this machine does not let tests mount a file system")
    try:
        corpus = _corpus(tmp_path / "c", 1)
        db = disk / "ro.db"
        run_corpus([str(corpus)], db=str(db), progress=False)
        before = _full(db)
        (corpus / "new.txt").write_text(GOOD)
        assert subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode == 0
        code = main(["run", str(corpus), "--db", str(db)])
        err = capsys.readouterr().err.strip()
        assert code == 2 and len(err.splitlines()) == 1 and "ro.db" in err and "read-only file system" in err
        assert _full(db, immutable=True) == before
    finally:
        _umount(disk)


def test_full_disk_is_a_one_line_error_and_leaves_whole_documents(tmp_path, capsys, big_corpus):
    corpus, reference = big_corpus
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "600k"):
        pytest.skip("this machine does not let tests mount a file system")
    try:
        db = disk / "full.db"
        code = main(["run", str(corpus), "--db", str(db)])
        err = capsys.readouterr().err.strip()
        assert code == 2 and len(err.splitlines()) == 1 and "full" in err
        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        con.close()
        stored = _content(db)
        assert stored and all(rows == reference[path] for path, rows in stored.items())
    finally:
        _umount(disk)


def test_run_into_a_file_that_is_not_a_database(tmp_path, capsys):
    c = tmp_path / "corpus"
    c.mkdir()
    (c / "good.txt").write_text(GOOD)
    bad = tmp_path / "notes.db"
    bad.write_text("shopping list: tanks, howitzers\n" * 100)
    assert main(["run", str(c), "--db", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "notes.db" in err and "not a database" in err
    assert bad.read_text() == "shopping list: tanks, howitzers\n" * 100
