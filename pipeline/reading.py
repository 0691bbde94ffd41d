"""Reading one input file with bounds: regular files only, never blocking, never more than a limit.

A corpus folder may hold anything: a FIFO (``open`` blocks until a writer comes, forever), a link to
``/dev/zero`` or ``/dev/urandom`` (``st_size`` is 0 and a read never ends), a file that grows while it is
read. So the file is checked with ``stat`` before it is opened, opened with ``O_NONBLOCK`` (a FIFO or
device swapped in between cannot block the open), checked again on the open descriptor, and read to at
most ``limit`` + 1 bytes whatever its size claims.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pipeline.errors import IngestError

_CHUNK = 1 << 20
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def os_reason(e: OSError) -> str:
    """An OSError as the few words of a failed document's reason."""
    if isinstance(e, FileNotFoundError):
        return "file vanished or is a broken link"
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, IsADirectoryError):
        return "is a directory"
    return f"cannot read ({e.strerror or e})"


def _refuse_irregular(mode: int, label: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise IngestError(f"{label}: is a directory")
    kind = next((name for test, name in _KINDS if test(mode)), "not a file")
    raise IngestError(f"{label}: not a regular file ({kind})")


def read_bounded(path: Path, label: str, *, limit: int, limit_name: str) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), refused above ``limit`` bytes.

    IngestError with a one-line reason naming ``label`` for anything else; ``limit_name`` says in the
    message where the limit comes from ("--max-bytes 20,000,000")."""
    try:
        _refuse_irregular(os.stat(path).st_mode, label)
        fd = os.open(path, _FLAGS)
    except OSError as e:
        raise IngestError(f"{label}: {os_reason(e)}") from None
    try:
        info = os.fstat(fd)
        _refuse_irregular(info.st_mode, label)  # swapped for something else since the stat
        if info.st_size > limit:
            raise IngestError(f"{label}: file too large ({info.st_size:,} bytes; the limit is {limit_name})")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise IngestError(f"{label}: file too large (over {limit:,} bytes; the limit is {limit_name})")
        return b"".join(chunks)
    except OSError as e:
        raise IngestError(f"{label}: {os_reason(e)}") from None
    finally:
        os.close(fd)


def read_optional(path: Path, label: str, *, limit: int, limit_name: str) -> bytes | None:
    """``read_bounded``, or None where no such file is (or can be: a name too long for the file system)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        if e.errno == errno.ENAMETOOLONG:
            return None
        raise IngestError(f"{label}: {os_reason(e)}") from None
    return read_bounded(path, label, limit=limit, limit_name=limit_name)
