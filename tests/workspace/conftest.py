"""The review workspace under test: a draft made by the real drafter (``diplokg ingest``) from a
short page of our own (one sentence hostile: markup and a script in the text), and ``diplokg
review DRAFT.trig`` started as a real process on a free loopback port; the address it prints
carries the token. The browser fixtures are those of tests/conftest.py (support.browsers: Debian's chromium)."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from support.cli_runner import REPO, run_cli
from support.server_process import free_port

HOSTILE = "The Embassy of Romania <b>in</b> Astana <script>alert('pwned')</script> was opened on 3 March 2004."
PAGE = f"""Diplomatic relations between Tajikistan and Romania were established on 7 July 1992.
{HOSTILE}
Ambassador of Romania to Tajikistan is Ms. Madalina Lupu.
"""


@pytest.fixture(scope="session")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One draft per session, written by ``diplokg ingest`` from PAGE."""
    folder = tmp_path_factory.mktemp("drafted")
    (folder / "page.txt").write_text(PAGE, encoding="utf-8")
    run_cli("ingest", str(folder / "page.txt"), "--source", str(REPO), "--name", "workspace-test", "-o",
            str(folder / "workspace-test.trig"), "--url", "https://example.org/page", "--retrieved", "2026-12-06",
            check=True)
    return folder / "workspace-test.trig"


@pytest.fixture
def draft(drafted: Path, tmp_path: Path) -> Path:
    """A copy of the draft of its own for each test (its review file is beside it)."""
    return Path(shutil.copy(drafted, tmp_path / drafted.name))


class Workspace:
    """``diplokg review DRAFT --reviewer tester --source TREE`` as a process; ``url`` carries the token."""

    def __init__(self, draft: Path, source: Path = REPO) -> None:
        self.draft, self.source, self.port = draft, source, free_port()
        self.review_file = draft.with_name(draft.name.removesuffix(".trig") + ".review.yaml")
        self.origin = f"http://127.0.0.1:{self.port}"
        self.url = self.token = ""
        self.proc: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 60.0) -> Workspace:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "diplokg.cli", "review", str(self.draft), "--reviewer", "tester", "--port",
             str(self.port), "--source", str(self.source), "--quiet"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning"})
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda out: [lines.put(line) for line in out], args=(self.proc.stdout,),
                         daemon=True).start()
        deadline, seen = time.monotonic() + timeout, []
        while not self.url and time.monotonic() < deadline and self.proc.poll() is None:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            seen.append(line)
            if line.startswith("Open http://127.0.0.1:"):
                self.url = line.split()[1]
                self.token = self.url.split("token=")[1]
        if not self.url:
            self.stop()
            raise AssertionError("diplokg review printed no address:\n" + "".join(seen))
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.origin + "/api/state", headers=self.headers()).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError("the workspace did not answer")

    def headers(self, **extra: str) -> dict[str, str]:
        return {"X-Review-Token": self.token, **extra}

    def decisions(self) -> dict[str, dict[str, object]]:
        """The review file as saved: fact → its entry."""
        data = yaml.safe_load(self.review_file.read_text(encoding="utf-8"))
        return {f["fact"]: f for f in data["facts"]}

    def kill(self) -> None:
        """Killed at once (SIGKILL), as by a crash: nothing is flushed on the way out."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()


@pytest.fixture
def workspace(draft: Path) -> Iterator[Workspace]:
    ws = Workspace(draft).start()
    yield ws
    ws.stop()
