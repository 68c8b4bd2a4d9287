"""An ASGI middleware for every response: security headers, body-size and rate limits, and no stack trace
ever sent (an unhandled error is logged here, and answered in the API's one error shape). Plain ASGI, not
Starlette's BaseHTTPMiddleware, which costs much more per request."""

from __future__ import annotations

import logging
from typing import Any

from rxscoop.web.bounds import error_body
from rxscoop.web.limits import RateLimiter

log = logging.getLogger("rxscoop.web")
Scope = dict[str, Any]
Message = dict[str, Any]


class Guard:
    def __init__(self, app: Any, headers: dict[str, str], max_body: int, limiter: RateLimiter) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
        self.max_body = max_body
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length", b"")
        client = (scope.get("client") or ("?",))[0]
        if length and (not length.isdigit() or int(length) > self.max_body):
            await self._json(send, 413, "The request is too large.")
            return
        if not self.limiter.allow(client):
            await self._json(send, 429, "Too many requests: please wait a little and try again.",
                             [(b"retry-after", b"10")])
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                # A response that chose its own caching (versioned static files) keeps it.
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in self.headers if h[0] not in have)]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:  # never a stack trace in a response; always one in the log
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await self._json(send, 500, "Something went wrong on our side; please try again.")

    async def _json(self, send: Any, code: int, message: str,
                    extra: list[tuple[bytes, bytes]] | None = None) -> None:
        data = error_body(code, message)  # the API's one error shape (web/bounds.py)
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()),
                   *(extra or []), *self.headers]
        await send({"type": "http.response.start", "status": code, "headers": headers})
        await send({"type": "http.response.body", "body": data})
