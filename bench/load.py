"""Latency and throughput of SPARQL endpoints over HTTP/1.1 keep-alive connections (http.client:
the lightest Python client, so the servers dominate what is measured).

Latency: sequential requests, the engines interleaved request by request, so machine noise hits
all of them alike. Throughput: N concurrent clients (threads, one connection each) for T seconds.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit


class Client:
    """One keep-alive connection to a SPARQL endpoint."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urlsplit(url)
        self.host, self.port, self.path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path
        self.timeout = timeout
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def query(self, text: str, accept: str) -> int:
        """POST the query; returns the size of the 200 response body, raises on anything else."""
        body = urlencode({"query": text})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        try:
            self.conn.request("POST", self.path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            # the server closed an idle keep-alive connection: reconnect once, as HTTP clients do
            self.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.conn.request("POST", self.path, body=body, headers=headers)
            response = self.conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {data[:300]!r}")
        return len(data)

    def close(self) -> None:
        self.conn.close()


@dataclass
class Latency:
    times_ms: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def p50(self) -> float | None:
        return statistics.median(self.times_ms) if self.times_ms else None

    @property
    def p99(self) -> float | None:
        if not self.times_ms:
            return None
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def interleaved_latency(urls: dict[str, str], text: str, accept: str, requests: int, timeout: float,
                        budget_s: float) -> dict[str, Latency]:
    """``requests`` rounds; in each round every engine answers once (order rotating). An engine that
    fails, or whose answers have used up ``budget_s`` seconds, stops taking part (recorded)."""
    clients = {name: Client(url, timeout) for name, url in urls.items()}
    out = {name: Latency() for name in urls}
    spent = dict.fromkeys(urls, 0.0)
    names = list(urls)
    try:
        for i in range(requests):
            order = names[i % len(names):] + names[: i % len(names)]
            for name in order:
                lat = out[name]
                if lat.error is not None or spent[name] > budget_s:
                    continue
                start = time.perf_counter()
                try:
                    clients[name].query(text, accept)
                except Exception as e:
                    lat.error = f"{type(e).__name__}: {e}"[:300]
                    continue
                elapsed = time.perf_counter() - start
                spent[name] += elapsed
                lat.times_ms.append(elapsed * 1000)
    finally:
        for client in clients.values():
            client.close()
    return out


@dataclass
class Throughput:
    completed: int
    errors: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.completed / self.seconds if self.seconds else 0.0


def throughput(url: str, text: str, accept: str, clients: int, seconds: float, timeout: float) -> Throughput:
    """Requests completed by ``clients`` concurrent keep-alive clients in ``seconds`` (requests
    still running at the end are waited for, and counted, so a slow engine is not flattered)."""
    stop_at = time.perf_counter() + seconds
    counts = [0] * clients
    errors = [0] * clients

    def run(i: int) -> None:
        client = Client(url, timeout)
        try:
            while time.perf_counter() < stop_at:
                try:
                    client.query(text, accept)
                    counts[i] += 1
                except Exception:
                    errors[i] += 1
                    client.close()
                    client = Client(url, timeout)
        finally:
            client.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout + seconds + 30)
    return Throughput(sum(counts), sum(errors), time.perf_counter() - start)
