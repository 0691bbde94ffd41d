"""Where an export or a report goes: standard output as UTF-8, or a file that appears whole or not at all
(written beside it and renamed into place, so that a failure half-way leaves what was there before)."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

from pipeline.errors import PipelineError

STDOUT = "-"


@contextmanager
def output_to(target: str, *, binary: bool = False, stdout: IO[str] | None = None,
              make_folder: bool = False) -> Iterator[IO[Any]]:
    """The stream to write ``target`` with (``-``: standard output, whatever the locale says, as UTF-8)."""
    if target == STDOUT:
        stdout = stdout or sys.stdout
        if not hasattr(stdout, "buffer"):  # a text stream of its own (StringIO): it takes str as it is
            yield stdout
            return
        stdout.flush()
        out = io.TextIOWrapper(stdout.buffer, encoding="utf-8", newline="")
        try:
            yield out
        finally:
            out.detach()  # flushed, and standard output stays open
        return
    path = Path(target)
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as e:
        raise PipelineError(f"cannot write {target}: {e.strerror or e}") from None
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as out:
            yield out
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
