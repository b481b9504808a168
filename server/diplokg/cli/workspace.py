"""``diplokg review DRAFT.trig`` without ``--compare``: the review workspace served by uvicorn on
127.0.0.1 only, with a random token per session; the address printed carries it. The facts are
compared with the published graph once, when the workspace starts: the store or source tree named,
else the default store if it exists, else not at all (the page says so); the same graph offers the
candidates an entity value can be changed to (else the draft alone does)."""

from __future__ import annotations

import argparse
import getpass
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from diplokg.cli.common import DEFAULT_STORE, Progress, UsageError

if TYPE_CHECKING:
    import pyoxigraph as ox

Published = Callable[[argparse.Namespace, Progress], "tuple[ox.Store, list[Path]]"]


def serve_workspace(args: argparse.Namespace, draft: ox.Store, published: Published) -> int:
    import uvicorn

    from diplokg.review.compare import compare
    from diplokg.workspace.app import create_app
    from diplokg.workspace.guard import new_token
    from diplokg.workspace.session import open_session

    progress = Progress(args.quiet)
    reviewer = args.reviewer if args.reviewer is not None else _login()
    if not reviewer.strip():
        raise UsageError("--reviewer needs a name: it is saved with each decision")
    port = _port(args.port)
    comparisons, store = None, None
    if args.store or args.source or DEFAULT_STORE.is_dir():
        store, shapes = published(args, progress)
        progress("comparing the drafted facts with the published graph")
        comparisons = compare(draft, store, shapes)
    session = open_session(Path(args.draft), reviewer, comparisons, store)
    token = new_token()
    print(f"Reviewing {args.draft} as {session.reviewer}; every decision is saved at once to {session.review.path}",
          flush=True)
    print(f"Open http://127.0.0.1:{port}/?token={token}", flush=True)
    uvicorn.run(create_app(session, token, port), host="127.0.0.1", port=port, log_level="warning")
    return 0


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        raise UsageError("say who reviews: --reviewer NAME") from None


def _port(wanted: int) -> int:
    """``wanted``, or a free port on 127.0.0.1 if 0; UsageError if it cannot be had."""
    if not 0 <= wanted <= 65535:
        raise UsageError(f"--port {wanted} is not a port (0 to 65535)")
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", wanted))
        except OSError as e:
            raise UsageError(f"cannot serve on 127.0.0.1:{wanted}: {e.strerror}") from None
        return int(s.getsockname()[1])
