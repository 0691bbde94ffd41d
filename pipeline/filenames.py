r"""File names as the database stores them: always valid text, and always giving the name back.

On POSIX a file name is bytes. Python hands a name that is not valid UTF-8 over as a str with
"surrogate escapes" (``os.fsdecode``), which neither SQLite nor PostgreSQL can store: one such name
made the bulk insert of its batch fail, and every later batch, on every re-run. A stored path is
therefore escaped: each byte that is not UTF-8 becomes ``\xHH`` (two lower-case hex digits), and a
backslash becomes ``\\``. The backslash being escaped too is what keeps the mapping one-to-one: every
backslash in a stored path starts an escape, so no real name (``m\xff.txt`` written with a backslash)
can be taken for an escaped one. Names with neither (nearly all) are stored as they are.

On Windows a name is text and the backslash is the separator, so names are stored as they are.
"""

from __future__ import annotations

import os
import re

_ESCAPES = os.sep == "/"
_ESCAPE = re.compile(r"\\(?:\\|x([0-9a-f]{2}))")
_NEEDS_ESCAPE = re.compile("[\\\\\udc80-\udcff]")  # a backslash, or a byte os.fsdecode could not decode


def _escape_char(m: re.Match) -> str:
    ch = m.group()
    return "\\\\" if ch == "\\" else f"\\x{ord(ch) - 0xDC00:02x}"


def escape_name(name: str) -> str:
    r"""A path from the file system (surrogate escapes and all) as text any database accepts.

    >>> escape_name(os.fsdecode(b"news/m\xff.txt"))
    'news/m\\xff.txt'
    >>> escape_name("a\\b.txt"), escape_name("plain/é.txt")
    ('a\\\\b.txt', 'plain/é.txt')
    """
    return _NEEDS_ESCAPE.sub(_escape_char, name) if _ESCAPES else name


def original_bytes(stored: str) -> bytes:
    r"""The file name's bytes on disk, from the path as stored (the inverse of ``escape_name``).

    >>> original_bytes("news/m\\xff.txt"), original_bytes("a\\\\b.txt")
    (b'news/m\xff.txt', b'a\\b.txt')
    """
    if not _ESCAPES:
        return os.fsencode(stored)
    out, at = bytearray(), 0
    for m in _ESCAPE.finditer(stored):
        out += stored[at:m.start()].encode("utf-8")
        out += bytes([int(m.group(1), 16)]) if m.group(1) else b"\\"
        at = m.end()
    out += stored[at:].encode("utf-8")
    return bytes(out)


def fs_name(stored: str) -> str:
    """The path as stored -> the str the file system functions take (``os.fsdecode`` of its bytes)."""
    return os.fsdecode(original_bytes(stored)) if _ESCAPES else stored
