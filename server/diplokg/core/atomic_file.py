"""Write a file so that readers see the old content or the new, never a part: the bytes go to a
temporary file beside it, which is then renamed over it (``os.replace`` is atomic on one file
system), after it is flushed and fsynced, so that a crash right after the rename leaves the new
content, not an empty file. On failure the temporary file is removed and the OSError raised for
the caller to report."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
