"""How uvicorn is run: the h11 protocol with bounded headers (size, and so count), a deadline for a request's
headers to arrive (a slow client is cut off), a short keep-alive, and the protocol's own 400 and 408 in the
API's error shape with the security headers."""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from rxscoop.web.bounds import error_body

MAX_HEADER_BYTES = 16 * 1024  # request line and all headers together; bounds their count too
HEADER_SECONDS = 10.0  # from the first byte of a request to the end of its headers
KEEP_ALIVE_SECONDS = 5

# Counted by bench/hostile.py.
refused: dict[str, int] = {"header bytes or malformed": 0, "header seconds": 0}


def _security_headers() -> list[tuple[bytes, bytes]]:
    from rxscoop.web.app import SECURITY_HEADERS  # here, not at import: the app imports this module's users

    return [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


class BoundedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, with a header deadline and its own errors in the API's shape."""

    _header_timer: asyncio.TimerHandle | None = None

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and self.conn.their_state is h11.IDLE:
            self._header_timer = self.loop.call_later(HEADER_SECONDS, self._headers_too_slow)
        super().data_received(data)
        if self._header_timer is not None and self.conn.their_state is not h11.IDLE:
            self._header_timer.cancel()  # the headers are in; the app bounds the body's time
            self._header_timer = None

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        super().connection_lost(exc)

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            refused["header seconds"] += 1
            self._error(408, "the request headers came too slowly")

    def send_400_response(self, msg: str) -> None:
        refused["header bytes or malformed"] += 1
        self._error(400, "malformed request, or its headers are too large")

    def _error(self, code: int, message: str) -> None:
        body = error_body(code, message)
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close"), *_security_headers()]
        # Written by hand: the connection's h11 state may be an error, or still waiting for a request.
        reason = {400: b"Bad Request", 408: b"Request Timeout"}[code]
        lines = [b"HTTP/1.1 %d %s" % (code, reason), *(k + b": " + v for k, v in headers)]
        self.transport.write(b"\r\n".join(lines) + b"\r\n\r\n" + body)
        self.transport.close()


def uvicorn_settings() -> dict[str, Any]:
    """Keyword arguments for uvicorn.run / uvicorn.Config."""
    return {"http": BoundedH11Protocol, "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
            "timeout_keep_alive": KEEP_ALIVE_SECONDS}
