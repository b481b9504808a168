"""Loopback canaries: TCP listeners that record every connection offered to them, to prove that a
request did (or did not) make the server open a connection."""

from __future__ import annotations

import socket
import threading


class Canary:
    """Accepts connections on 127.0.0.1 and counts them. ``tarpit=True``: keeps each connection open
    without ever answering (a SERVICE endpoint that hangs), until closed. ``reply``: reads the
    request head and sends these bytes back (e.g. a redirect), then closes."""

    def __init__(self, tarpit: bool = False, reply: bytes | None = None) -> None:
        self.tarpit, self.reply = tarpit, reply
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._held: list[socket.socket] = []
        self._running = True
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _accept(self) -> None:
        while self._running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            if self.tarpit:
                self._held.append(conn)
                continue
            if self.reply is not None:
                try:
                    conn.settimeout(5)
                    head = b""
                    while b"\r\n\r\n" not in head and (data := conn.recv(65536)):
                        head += data
                    conn.sendall(self.reply)
                except OSError:
                    pass
            conn.close()

    def close(self) -> None:
        self._running = False
        self._thread.join(2)
        for conn in self._held:
            conn.close()
        self.sock.close()

    def __enter__(self) -> Canary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
