"""Run the installed ``diplokg`` command as a subprocess, exactly as a user would."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str, input: str | None = None, cwd: Path | None = None, check: bool = False,
            max_file_bytes: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``diplokg`` command (as a subprocess, exactly as a user would).
    ``max_file_bytes``: no file it writes may grow beyond this (RLIMIT_FSIZE: writes past it fail
    with EFBIG, as on a full disk)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    proc = subprocess.run(
        [sys.executable, "-m", "diplokg.cli", *args],
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
        preexec_fn=None if max_file_bytes is None else lambda: resource.setrlimit(
            resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes)),
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"diplokg {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc
