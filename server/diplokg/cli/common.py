"""What every command shares: progress lines, the source tree and store options, URL and
credential options, and the usage error."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from diplokg.core.errors import DiplokgError
from diplokg.source.tree import SourceTree, packaged_tree

DEFAULT_STORE = Path("var/store")


class UsageError(DiplokgError):
    """A command line that cannot work as given."""

    exit_code = 2


class Progress:
    """Progress lines on stderr, with elapsed time; silent with --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet, self.start = quiet, time.monotonic()

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.monotonic() - self.start:6.2f}s] {message}", file=sys.stderr, flush=True)


def source_tree(args: argparse.Namespace) -> SourceTree:
    """The source tree of ``--source``, or the one shipped inside the package."""
    return SourceTree(Path(args.source).resolve()) if args.source else packaged_tree()


def add_common(sp: argparse.ArgumentParser, store: bool = True, source: bool = False) -> None:
    """--store, --source and --quiet, as a command needs them."""
    if store:
        sp.add_argument("--store", default=str(DEFAULT_STORE), metavar="DIR",
                        help="store directory (default: %(default)s)")
    if source:
        sp.add_argument("--source", metavar="DIR", help="source tree to read instead of the packaged data")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress messages")


def add_engine_credentials(sp: argparse.ArgumentParser) -> None:
    """The SPARQL engine's credentials, for serve --backend sparql and publish."""
    sp.add_argument("--engine-user", dest="engine_user", default=None, metavar="NAME",
                    help="user name for the engine, e.g. dba (password from DIPLOKG_ENGINE_PASSWORD or "
                    "--engine-password-file)")
    sp.add_argument("--engine-password-file", dest="engine_password_file", default=None, metavar="FILE",
                    help="file holding the engine password (first line)")
    sp.add_argument("--engine-auth", dest="engine_auth", choices=["basic", "digest"], default=None,
                    help="HTTP authentication scheme for the engine (default: basic)")


def engine_password(args: argparse.Namespace) -> str:
    """The engine password: first line of --engine-password-file, else DIPLOKG_ENGINE_PASSWORD."""
    if args.engine_password_file:
        try:
            return Path(args.engine_password_file).read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError) as e:
            raise DiplokgError(f"cannot read the engine password from {args.engine_password_file}: {e}") from None
    return os.environ.get("DIPLOKG_ENGINE_PASSWORD", "")


def http_url(value: str, option: str) -> str:
    """``value`` if it is an http(s) URL; UsageError naming ``option`` otherwise."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{option} must be an http(s) URL, got {value!r}")
    return value
