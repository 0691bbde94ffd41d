"""Plain-text tables that fit the terminal: whole cells on a pipe, fitted widths on a terminal."""

from __future__ import annotations

import os
import shutil
from typing import Sequence, TextIO

GAP = 2  # spaces between columns
LEAST = 8  # a column is never cut narrower than this (or than its widest cell, if that is less)


def table_width(out: TextIO) -> int | None:
    """The width a table must fit: the terminal's (COLUMNS honoured), or COLUMNS where it is set on a
    pipe, as rich does; None on a plain pipe or file, where a reader or a program wants whole cells."""
    if os.environ.get("COLUMNS", "").isdigit() or (hasattr(out, "isatty") and out.isatty()):
        return shutil.get_terminal_size().columns
    return None


def fit_widths(natural: Sequence[int], width: int, *, gap: int = GAP, least: int = LEAST,
               floors: Sequence[int] | None = None) -> list[int]:
    """Column widths that fit ``width``: the widest columns shrink first, none below its floor (``least``,
    or less if the column is narrower); the columns on the right that cannot fit even so are left out
    (the list is shorter).

    >>> fit_widths([4, 30, 10], 40)
    [4, 22, 10]
    >>> fit_widths([20, 20, 20], 20)
    [9, 9]
    """
    floors = [min(w, max(least, f)) for w, f in zip(natural, floors or [0] * len(natural))]
    shown = len(natural)
    while shown > 1 and sum(floors[:shown]) + gap * (shown - 1) > width:
        shown -= 1
    cols, room = list(natural[:shown]), width - gap * (shown - 1)
    if sum(cols) <= room:
        return cols
    cap = max(least, 1)
    while sum(min(w, max(cap + 1, f)) for w, f in zip(cols, floors)) <= room:
        cap += 1  # the widest cap under which everything still fits
    fitted = [min(w, max(cap, f)) for w, f in zip(cols, floors)]
    spare = room - sum(fitted)
    for i, w in enumerate(cols):  # what is left over widens the cut columns, left to right
        if spare <= 0:
            break
        if fitted[i] < w:
            fitted[i] += 1
            spare -= 1
    return fitted


def cut(text: str, width: int, more: str = "…") -> str:
    """``text`` in at most ``width`` characters, ending in ``more`` where it was cut.

    >>> cut("K9 Thunder howitzer", 10)
    'K9 Thunde…'
    """
    return text if len(text) <= width else text[: max(width - len(more), 0)] + more[:width]


def _numeric(cells: Sequence[Sequence[str]], i: int) -> bool:
    """Does column ``i`` hold only numbers (and blanks)?"""
    return all(not r[i] or r[i].lstrip("-").replace(".", "", 1).isdigit() for r in cells)


def table_lines(columns: Sequence[str], rows: Sequence[Sequence[object]], *, width: int | None,
                more: str = "…") -> list[str]:
    """A header, one line per row and the "(N rows)" footer; with ``width``, fitted to it."""
    cells = [["" if v is None else str(v).replace("\n", " ").replace("\t", " ") for v in r] for r in rows]
    natural = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    whole = [max([min(len(c), LEAST)] + [len(r[i]) for r in cells]) if _numeric(cells, i) else 0
             for i, c in enumerate(columns)]  # an id or a number cut is no use: such columns are never cut
    widths = natural if width is None else fit_widths(natural, width, floors=whole)
    lines = ["  ".join(cut(v, w, more).ljust(w) for v, w in zip(line, widths)).rstrip()
             for line in [list(columns), *cells]]
    hidden = len(columns) - len(widths)
    footer = f"({len(rows)} rows)" if not hidden else (  # --format csv or a wider terminal shows them
        f"({len(rows)} rows; {hidden} more columns from {columns[len(widths)]})")
    return [*lines, footer]
