"""Run the installed ``diplokg`` command as a subprocess, exactly as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str, input: str | None = None, cwd: Path | None = None, check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the installed ``diplokg`` command (as a subprocess, exactly as a user would)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    proc = subprocess.run(
        [sys.executable, "-m", "diplokg.cli", *args],
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"diplokg {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc
