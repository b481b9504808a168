"""Write a file so that readers see the old content or the new, never a part: the bytes go to a
temporary file beside it, which is then renamed over it (``os.replace`` is atomic on one file
system). On failure the temporary file is removed and the OSError raised for the caller to report."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
