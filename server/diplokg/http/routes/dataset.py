"""The dataset as a whole: the dumps (``/dumps/``), its VoID + DCAT description
(``/.well-known/void``), the predefined prefixes and the health of the endpoint."""

from __future__ import annotations

import html

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response

from diplokg import __version__
from diplokg.core.formats import HTML, JSON
from diplokg.core.namespaces import PREFIXES
from diplokg.http.chrome import PAGE_END, page_start
from diplokg.http.negotiation import choose
from diplokg.http.responses import error_response, rdf_response
from diplokg.http.site import Site
from diplokg.http.void import void_description

LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def router(site: Site) -> APIRouter:
    settings, release = site.settings, site.release
    versioned = release.version_info()
    void = void_description(settings.base_url, release.stats, release.dumps, release.built_at, versioned)
    released = {"release_iri": versioned["version_iri"]} if versioned else {}
    routes = APIRouter()

    @routes.get("/.well-known/void", summary="VoID + DCAT description of the dataset", response_class=Response)
    async def well_known_void(request: Request) -> Response:
        return rdf_response(void, request.headers.get("accept"), request.query_params.getlist("format"))

    @routes.get("/dumps/", summary="List of the downloadable dumps", response_class=Response)
    async def dumps_listing(request: Request) -> Response:
        return dumps_page(site, request.headers.get("accept"), request.query_params.getlist("format"))

    @routes.get("/dumps/{name}", summary="Download one dump", response_class=Response)
    async def dump_file(name: str, request: Request) -> Response:
        return dump_download(site, name, request.headers.get("accept"), request.headers.get("if-none-match", ""))

    @routes.get("/prefixes", summary="The predefined prefixes of the endpoint", response_class=JSONResponse)
    async def prefixes() -> JSONResponse:
        return JSONResponse(PREFIXES)

    @routes.get("/health", summary="Store loaded and workers alive", response_class=JSONResponse)
    async def health() -> JSONResponse:
        state = site.backend.health()
        ok = state["store_loaded"] and state["workers"]["alive"] > 0
        return JSONResponse({"status": "ok" if ok else "unavailable", "version": __version__,
                             "release": release.build_id, **released, **state}, 200 if ok else 503)

    return routes


def dumps_page(site: Site, accept: str | None, formats: list[str]) -> Response:
    """The dumps with sizes and checksums: JSON, or a page for browsers."""
    release = site.release
    entries = [{**{k: e[k] for k in ("file", "title", "media_type", "gzip", "bytes", "sha256")},
                "url": site.settings.base_url + "dumps/" + e["file"]} for e in release.dumps]
    if choose(accept, [JSON, HTML], formats) is HTML:
        rows = "".join(
            f"<tr><td><a href=\"{html.escape(e['file'])}\">{html.escape(e['file'])}</a></td>"
            f"<td>{html.escape(e['title'])}</td><td>{e['bytes']}</td><td><code>{e['sha256']}</code></td></tr>"
            for e in entries)
        page = (page_start("diplokg dumps", site.settings.base_url) + "<main><h1>diplokg dumps</h1>"
                f"<p>Release {html.escape(release.build_id)}, built {release.built_at}. Licence: "
                f"<a href=\"{LICENSE}\">CC BY 4.0</a>.</p>"
                f"<table><tr><th>file</th><th>content</th><th>bytes</th><th>SHA-256</th></tr>{rows}</table></main>"
                + PAGE_END)
        return Response(page, 200, {"Vary": "Accept"}, "text/html; charset=utf-8")
    return JSONResponse({"release": release.build_id, "built_at": release.built_at, "license": LICENSE,
                         "dumps": entries}, headers={"Vary": "Accept"})


def dump_download(site: Site, name: str, accept: str | None, if_none_match: str) -> Response:
    """One dump as a download (304 if the client has it: its ETag is its SHA-256)."""
    found = site.release.dump_file(name)
    if found is None:
        return error_response(404, f"no dump named {name!r}; see /dumps/", accept)
    path, entry = found
    etag = f'"{entry["sha256"]}"'
    if etag in [t.strip() for t in if_none_match.split(",")]:
        return Response(status_code=304, headers={"ETag": etag})
    media = "application/gzip" if entry["gzip"] else entry["media_type"]
    return FileResponse(path, media_type=media, filename=name, content_disposition_type="attachment",
                        headers={"ETag": etag, "Digest": f"sha-256={entry['sha256']}",
                                 "Cache-Control": "public, max-age=3600"})
