"""Hostile input (issue 12): no single file, however made, stops, hangs or corrupts a run.

Every test builds its input in ``tmp_path``. Anything that could hang on a regression (a FIFO, a device,
quadratic HTML) runs in a subprocess with a timeout, so a regression fails the test instead of hanging the
suite.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT


def _bounded(code: str, timeout: float) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh Python from the checkout; fails the test (not the suite) when it overruns."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, check=True)


def test_html_to_text_is_linear_on_a_megabyte_of_paragraphs_and_deep_nesting():
    # BeautifulSoup's insert_before per block took ~70 s for this megabyte and never ended on the nesting.
    out = _bounded("""
        import time
        from pipeline.html_text import html_to_text
        p = "<p>Poland signed a deal for 180 K2 tanks.</p>\\n"
        pages = ["<html><body>" + p * (1_000_000 // len(p)) + "</body></html>",
                 "<div>" * 100_000 + "deep text" + "</div>" * 100_000]
        for page in pages:
            started = time.perf_counter()
            text, _ = html_to_text(page)
            print(round(time.perf_counter() - started, 2), text.count("\\n"), text[-10:].strip())
    """, timeout=60)
    (flat, lines, last), (deep, _, deep_text) = (line.split(" ", 2) for line in out.stdout.splitlines())
    assert float(flat) < 20 and int(lines) == 2 * 21_739 - 1 and last == "K2 tanks."
    assert float(deep) < 20 and deep_text == "deep text"
