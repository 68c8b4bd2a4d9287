"""Request bounds the app enforces itself, as plain ASGI: the body is counted as it streams in (so
`Transfer-Encoding: chunked` is bounded like `Content-Length`), a body that trickles in is timed out, at
most MAX_IN_FLIGHT requests run at once, HEAD is served by the GET route, and every error, the framework's
own 404 and 405 included, has the one documented shape: {"error": ..., "status": ...}.

Header size and count and the time to send headers are bounded before the app sees a request, in the
HTTP protocol (web/server.py)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

MAX_BODY_BYTES = 16_384  # the largest request body, however it is sent
BODY_SECONDS = 10.0  # the longest wait for the next piece of a body
MAX_IN_FLIGHT = 64  # requests being answered at once by one worker; more get 503
MAX_HEADER_BYTES = 16 * 1024  # names and values of all request headers together (also in web/server.py)
MAX_HEADERS = 64  # request headers, counted

Scope = dict[str, Any]
Message = dict[str, Any]

_STATUS_NAMES = {404: "not_found", 405: "method_not_allowed", 408: "timeout", 413: "too_large",
                 429: "rate_limited", 431: "too_large", 503: "busy"}

# Every request refused by a bound, by bound, since the process started (bench/hostile.py reads them).
refused: dict[str, int] = {"body bytes": 0, "body seconds": 0, "in flight": 0, "header bytes": 0,
                           "header count": 0}


class _Refused(Exception):
    def __init__(self, code: int, bound: str, message: str) -> None:
        super().__init__(message)
        self.code, self.bound, self.message = code, bound, message


def error_body(code: int, message: str) -> bytes:
    return json.dumps({"error": message, "status": _STATUS_NAMES.get(code, "error"), "suggestions": []}).encode()


class Bounds:
    def __init__(self, app: Any, max_body: int = MAX_BODY_BYTES, body_seconds: float = BODY_SECONDS,
                 max_in_flight: int = MAX_IN_FLIGHT) -> None:
        self.app = app
        self.max_body = max_body
        self.body_seconds = body_seconds
        self.max_in_flight = max_in_flight
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_in_flight:
            refused["in flight"] += 1
            await _respond(send, 503, "the server is busy; try again shortly", [(b"retry-after", b"2")])
            return
        headers = scope.get("headers") or []
        if len(headers) > MAX_HEADERS or sum(len(k) + len(v) for k, v in headers) > MAX_HEADER_BYTES:
            bound = "header count" if len(headers) > MAX_HEADERS else "header bytes"
            refused[bound] += 1
            await _respond(send, 431, "request headers too large or too many")
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = dict(scope, method="GET")
        seen = 0
        started = False
        over: _Refused | None = None  # set when a bound is broken: the app may catch the error, not hide it

        async def bounded_receive() -> Message:
            nonlocal seen, over
            if over is not None:
                raise over
            try:
                message: Message = await asyncio.wait_for(receive(), self.body_seconds)
            except TimeoutError:
                over = _Refused(408, "body seconds", "the request body came too slowly")
                raise over from None
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                over = _Refused(413, "body bytes", "request body too large")
                raise over
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if over is not None:  # the app answered an error of its own about the body: ours is the one sent
                if message["type"] == "http.response.start" and not started:
                    started = True
                    refused[over.bound] += 1
                    await _respond(send, over.code, over.message)
                return
            if message["type"] == "http.response.start":
                started = True
            elif head and message["type"] == "http.response.body":
                message = dict(message, body=b"")
            await send(message)

        self.in_flight += 1
        try:
            await self.app(scope, bounded_receive, tracked_send)
        except _Refused as exc:
            if not started:
                refused[exc.bound] += 1
                await _respond(send, exc.code, exc.message)
        finally:
            self.in_flight -= 1


async def _respond(send: Any, code: int, message: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    data = error_body(code, message)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()),
               (b"connection", b"close"), *(extra or [])]
    await send({"type": "http.response.start", "status": code, "headers": headers})
    await send({"type": "http.response.body", "body": data})


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    """The framework's own errors (no such route, method not allowed) in the documented shape."""
    assert isinstance(exc, StarletteHTTPException)
    code = exc.status_code
    message = {404: "There is no such page.", 405: "That method is not allowed here."}.get(code, str(exc.detail))
    return JSONResponse(json.loads(error_body(code, message)), code, headers=exc.headers)


def install(app: FastAPI, max_body: int = MAX_BODY_BYTES) -> None:
    """Add the bounds and the error shape to an app (call before the middleware that adds headers, so its
    headers reach these responses too)."""
    app.add_middleware(Bounds, max_body=max_body)
    app.add_exception_handler(StarletteHTTPException, _http_error)
