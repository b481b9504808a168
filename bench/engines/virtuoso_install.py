"""Debian's Virtuoso Open Source (package ``virtuoso-opensource``): find it, or install it with
apt-get (through sudo when not root) and make sure the package left no system instance running on
its default ports (1111 SQL, 8890 HTTP): the benchmark runs its own instances on free ports.

What ``apt-get install --no-install-recommends virtuoso-opensource`` pulls in on Debian 12:
virtuoso-opensource-7, -7-bin (virtuoso-t, isql-vt), -7-common, libvirtodbc0, libwbxml2-1,
odbcinst, libodbcinst2, unixodbc-common, libltdl7, libpcre3. Its init script tries to start a
server (through invoke-rc.d; denied where policy-rc.d forbids services, as in containers).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "virtuoso-opensource"
INIT_SCRIPT = Path("/etc/init.d/virtuoso-opensource-7")


@dataclass(frozen=True)
class VirtuosoBinaries:
    server: str  # virtuoso-t
    isql: str  # isql-vt

    def version(self) -> str:
        out = subprocess.run([self.server, "-?"], capture_output=True, text=True, timeout=30)
        lines = (out.stdout + out.stderr).splitlines()
        return next((line.strip() for line in lines if line.startswith("Version")), "unknown")


def find() -> VirtuosoBinaries | None:
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    return VirtuosoBinaries(server, isql) if server and isql else None


def ensure_installed(install: bool = True) -> VirtuosoBinaries:
    """The Virtuoso binaries, installing Debian's package first if they are missing (and
    ``install``). Raises RuntimeError naming the reason when that is not possible."""
    found = find()
    if found is None:
        if not install:
            raise RuntimeError(f"Virtuoso is not installed (Debian package {PACKAGE}: virtuoso-t, isql-vt)")
        _apt_install()
        found = find()
        if found is None:
            raise RuntimeError(f"apt-get installed {PACKAGE} but virtuoso-t/isql-vt are still not on PATH")
    stop_system_instance()
    return found


def _apt_install() -> None:
    if shutil.which("apt-get") is None:
        raise RuntimeError(f"Virtuoso is not installed and there is no apt-get to install {PACKAGE}")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for argv in ([*sudo, "apt-get", "update", "-qq"],
                 [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", PACKAGE]):
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=1800)
        if proc.returncode != 0:
            raise RuntimeError(f"could not install Virtuoso: {' '.join(argv)} exited {proc.returncode}:\n"
                               f"{(proc.stdout + proc.stderr)[-2000:]}")


def stop_system_instance() -> None:
    """Stop the package's own service if its init script says it runs (it would hold 1111/8890
    and memory; the benchmark never uses it)."""
    if not INIT_SCRIPT.exists():
        return
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    status = subprocess.run([*sudo, str(INIT_SCRIPT), "status"], capture_output=True, timeout=60)
    if status.returncode == 0:
        subprocess.run([*sudo, str(INIT_SCRIPT), "stop"], capture_output=True, timeout=120)
