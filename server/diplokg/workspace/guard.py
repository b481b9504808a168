"""Who may talk to the workspace: requests to this host and port only (``Host`` 127.0.0.1:PORT, so
a rebound DNS name is refused), carrying the session's token — in the page's address once (then a
``SameSite=Strict`` cookie), or in the ``X-Review-Token`` header; a change (POST) only with the
header and, if the browser names one, the origin of the workspace itself. Every answer carries a
Content-Security-Policy without inline script, and is never cached."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from fastapi.responses import JSONResponse

COOKIE = "diplokg_review"
HEADER = "X-Review-Token"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SAFE_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                "Cache-Control": "no-store", "X-Frame-Options": "DENY"}

Handler = Callable[[Request], Awaitable[Response]]


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Guard:
    """The checks of every request, for the workspace on ``port`` with ``token``."""

    def __init__(self, token: str, port: int) -> None:
        self.token, self.port = token, port
        self.origin = f"http://127.0.0.1:{port}"

    def refusal(self, request: Request) -> tuple[int, str] | None:
        """Why ``request`` is refused (status, reason), or None."""
        host = request.headers.get("host", "")
        if host != f"127.0.0.1:{self.port}":
            return 403, f"host {host!r} is not this workspace (127.0.0.1:{self.port})"
        origin = request.headers.get("origin")
        if origin is not None and origin != self.origin:
            return 403, f"requests from the origin {origin!r} are refused: only {self.origin} may ask"
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return 403, f"a {request.headers['sec-fetch-site']} request is refused"
        header = request.headers.get(HEADER, "")
        if request.method not in ("GET", "HEAD"):
            if not secrets.compare_digest(header.encode(), self.token.encode()):
                return 403, f"a change needs the session's token in the {HEADER} header"
            return None
        offered = [header, request.cookies.get(COOKIE, "")]
        if request.url.path == "/":
            offered.append(request.query_params.get("token", ""))
        if not any(secrets.compare_digest(o.encode(), self.token.encode()) for o in offered if o):
            return 401, "this workspace needs its session token: open the address 'diplokg review' printed"
        return None

    async def __call__(self, request: Request, call_next: Handler) -> Response:
        refused = self.refusal(request)
        response: Response
        if refused:
            response = JSONResponse({"error": refused[1]}, status_code=refused[0])
        else:
            response = await call_next(request)
        for name, value in SAFE_HEADERS.items():
            response.headers[name] = value
        return response
