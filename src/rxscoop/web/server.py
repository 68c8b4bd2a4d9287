"""How uvicorn is run: the httptools protocol (C; h11, pure Python, cost a fifth of a cached answer's CPU) with
bounded headers (size, and so count), a deadline for a request's headers to arrive (a slow client is cut off),
a short keep-alive, and the protocol's own 400 and 408 in the API's error shape with the security headers."""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from rxscoop.web.bounds import error_body

MAX_HEADER_BYTES = 16 * 1024  # request line and all headers together; bounds their count too
HEADER_SECONDS = 10.0  # from the first byte of a request to the end of its headers
KEEP_ALIVE_SECONDS = 5

# Counted by bench/hostile.py.
refused: dict[str, int] = {"header bytes or malformed": 0, "header seconds": 0}


def _security_headers() -> list[tuple[bytes, bytes]]:
    from rxscoop.web.app import SECURITY_HEADERS  # here, not at import: the app imports this module's users

    return [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with bounds: a request whose headers are still
    incomplete after MAX_HEADER_BYTES is refused (as h11 refuses an incomplete event over its bound: complete
    headers that large reach the app, which answers 431), and its headers have HEADER_SECONDS to arrive."""

    _header_timer: asyncio.TimerHandle | None = None
    _in_head = False  # between a request's first byte and the end of its headers
    _head_bytes = 0

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._in_head and not self.transport.is_closing():
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEADER_BYTES:
                self.send_400_response("headers too large")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head, self._head_bytes = True, 0
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(HEADER_SECONDS, self._headers_too_slow)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._cancel_timer()  # the headers are in; the app bounds the body's time
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._cancel_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_timer()
        super().connection_lost(exc)

    def _cancel_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self._in_head and not self.transport.is_closing():
            refused["header seconds"] += 1
            _write_error(self.transport, 408, "the request headers came too slowly")

    def send_400_response(self, msg: str) -> None:
        refused["header bytes or malformed"] += 1
        _write_error(self.transport, 400, "malformed request, or its headers are too large")


def _write_error(transport: asyncio.Transport, code: int, message: str) -> None:
    body = error_body(code, message)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close"), *_security_headers()]
    reason = {400: b"Bad Request", 408: b"Request Timeout"}[code]
    lines = [b"HTTP/1.1 %d %s" % (code, reason), *(k + b": " + v for k, v in headers)]
    transport.write(b"\r\n".join(lines) + b"\r\n\r\n" + body)
    transport.close()


def uvicorn_settings() -> dict[str, Any]:
    """Keyword arguments for uvicorn.run / uvicorn.Config."""
    return {"http": BoundedHttpToolsProtocol, "timeout_keep_alive": KEEP_ALIVE_SECONDS}
