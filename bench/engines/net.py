"""Loopback networking for the engines: a free port, a SPARQL protocol request (POST, form-encoded,
standard library only), and waiting until a freshly started server answers its first query."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

#: The query that proves a server is up: it must read the data, not just accept a connection.
PROBE_QUERY = "ASK { ?s ?p ?o }"
HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    """True if nothing listens on 127.0.0.1:port (a bind would succeed)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


def sparql_post(url: str, query: str, accept: str = "application/sparql-results+json",
                timeout: float = 300) -> Response:
    """One SPARQL protocol query by POST (application/x-www-form-urlencoded) on a new connection."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("POST", parts.path or "/", body=urlencode({"query": query}),
                     headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        response = conn.getresponse()
        body = response.read()
        content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        return Response(response.status, content_type, body)
    finally:
        conn.close()


def wait_until_answering(url: str, proc: subprocess.Popen[bytes], started: float, timeout: float,
                         describe: str) -> float:
    """Poll ``url`` with PROBE_QUERY until it answers 200 with a true/false result; return the
    seconds since ``started`` (a time.perf_counter() value). Raises RuntimeError if the process
    exits or the deadline passes."""
    deadline = started + timeout
    last = "no answer"
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{describe} exited with {proc.returncode} before answering ({last})")
        try:
            r = sparql_post(url, PROBE_QUERY, timeout=max(1.0, deadline - time.perf_counter()))
            if r.status == 200 and isinstance(json.loads(r.body).get("boolean"), bool):
                return time.perf_counter() - started
            last = f"HTTP {r.status}: {r.body[:200]!r}"
        except (OSError, http.client.HTTPException, ValueError) as e:
            last = f"{type(e).__name__}: {e}"
        time.sleep(0.02)
    raise RuntimeError(f"{describe} did not answer {PROBE_QUERY!r} within {timeout:g} s ({last})")
