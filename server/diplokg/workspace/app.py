"""The workspace's routes: the page (``/``: with ``?token=`` it sets the session cookie and sends
the browser on to ``/``, so the token leaves the address bar), its script and style, the state as
JSON (``/api/state``) and the actions (``/api/decide``, ``/api/undo`` of a fact, ``/api/undo-last``
action, ``/api/sentence``), each
saved at once and answered with the whole state as saved. Refusals carry their reason."""

from __future__ import annotations

import html
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from diplokg.workspace.guard import COOKIE, Guard
from diplokg.workspace.session import RequestError, Session
from diplokg.workspace.views import state

STATIC = {"workspace.js": "text/javascript; charset=utf-8", "workspace.css": "text/css; charset=utf-8"}


def _static(name: str) -> str:
    return resources.files("diplokg.workspace").joinpath("static", name).read_text(encoding="utf-8")


def create_app(session: Session, token: str, port: int) -> FastAPI:
    """The workspace of ``session`` on 127.0.0.1:``port``, guarded by ``token``."""
    app = FastAPI(title="diplokg review", docs_url=None, redoc_url=None, openapi_url=None)
    app.middleware("http")(Guard(token, port))
    page = _static("workspace.html").replace("{{token}}", html.escape(token))

    @app.get("/", response_model=None)
    def index(request: Request) -> Response:
        if "token" in request.query_params:
            moved = RedirectResponse("/", status_code=303)
            moved.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
            return moved
        return HTMLResponse(page)

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in STATIC:
            return JSONResponse({"error": f"no file {name}"}, status_code=404)
        return Response(_static(name), media_type=STATIC[name])

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)  # no icon: and no 404 in the browser's console

    @app.get("/api/state")
    def current() -> dict[str, Any]:
        return state(session)

    def act(action: str) -> Any:
        async def handle(request: Request) -> Response:
            try:
                body = await request.json()
            except ValueError:
                return JSONResponse({"error": "the request body is not JSON"}, status_code=400)
            try:
                getattr(session, action)(body)
            except RequestError as e:
                return JSONResponse({"error": e.reason, "problems": e.problems}, status_code=e.status)
            return JSONResponse(state(session))
        return handle

    app.post("/api/decide")(act("decide"))
    app.post("/api/undo")(act("undo"))
    app.post("/api/sentence")(act("decide_sentence"))
    app.post("/api/undo-last")(act("undo_last"))
    return app
