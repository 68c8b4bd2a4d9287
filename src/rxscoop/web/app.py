"""The web app: the HTTP API (routes.py) and the page (page.py) over one pack, behind one guard (security
headers, body and rate limits, the log of unhandled errors) and one error policy (typed errors → statuses,
one error shape)."""

from __future__ import annotations

import gc
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse

from rxscoop import api
from rxscoop.errors import RxScoopError
from rxscoop.pack.query import Pack
from rxscoop.question.parse import MAX_QUESTION_CHARS
from rxscoop.version import __version__
from rxscoop.web import page, routes
from rxscoop.web.bounds import install as install_bounds
from rxscoop.web.cache import AnswerCache
from rxscoop.web.fast import FastAnswers
from rxscoop.web.guard import Guard
from rxscoop.web.limits import RateLimiter
from rxscoop.web.settings import Settings

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

# What a person is told when a request does not pass validation, by pydantic's error type.
INVALID = {
    "string_too_long": f"The question is too long: at most {MAX_QUESTION_CHARS:,} characters.",
    "too_long": f"The question is too long: at most {MAX_QUESTION_CHARS:,} characters.",
    "string_pattern_mismatch": "Type a question with at least one letter or number, "
                               "e.g. “what is dupixent used for”.",
    "string_too_short": "Type a question, e.g. “what is dupixent used for”.",
    "missing": "Type a question, e.g. “what is dupixent used for”.",
}
def error(message: str, status: str, code: int, suggestions: list[str] | None = None) -> JSONResponse:
    return JSONResponse(routes.ErrorBody(error=message, status=status, suggestions=suggestions or [])
                        .model_dump(mode="json", exclude_none=True), code)


def settle() -> None:
    """After warm-up, for serving: what is loaded by now (the name index, the models, the lexicon: ~70,000
    objects) lives as long as the process, so the cyclic collector stops walking it (gc.freeze), and full
    collections, which still walk what caches keep since, run a tenth as often. Before, a worker stopped for a
    full collection (110-330 ms) about every 10 s under load, stalling every connection it had (bench/tail.py).
    A composing thread gives up the GIL at each SQLite read and waits out the event loop's switch interval to
    get it back: 1 ms instead of 5 halves the time an answer takes to compose beside a busy loop."""
    gc.collect()
    gc.freeze()
    gen0, gen1, _ = gc.get_threshold()
    gc.set_threshold(gen0, gen1, 100)
    sys.setswitchinterval(0.001)


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pack = Pack(settings.pack, verify=True)  # a damaged pack stops the server at start
        app.state.answers = AnswerCache(settings.answer_cache_bytes)
        api.warm_up(app.state.pack)  # routes understand questions on the event loop (routes.py)
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.answer_threads
        settle()
        yield
        app.state.pack.close()

    app = FastAPI(title="rxscoop", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="What is this medicine used for? Answers built only from FDA label text. "
                              "Not medical advice.")
    app.add_middleware(FastAnswers)  # innermost: GET /v1/answer with an answer at hand (web/fast.py)
    install_bounds(app, settings.max_body_bytes)  # streamed body count, HEAD, 404/405 shape (web/bounds.py)
    app.add_middleware(Guard, headers=SECURITY_HEADERS, max_body=settings.max_body_bytes,
                       limiter=RateLimiter(settings.rate_per_minute))
    # Outermost: answers shrink to a seventh. Level 6, not Starlette's 9: the same size within 1 % (a 31 kB answer
    # 7.07× smaller, not 7.14×), for 0.51 ms of CPU a response instead of 0.86 ms, as much as the rest of a
    # kept answer costs the server.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)

    @app.exception_handler(RxScoopError)
    async def expected(request: Request, exc: RxScoopError) -> JSONResponse:
        return error(str(exc), exc.status, exc.http_status, getattr(exc, "suggestions", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        kind = str(first.get("type", ""))
        where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("query", "body"))
        message = INVALID.get(kind, f"The request is not valid ({where}: {first.get('msg', 'invalid')}).")
        too_long = kind in ("string_too_long", "too_long")
        return error(message, "too_large" if too_long else "bad_request", 413 if too_long else 422)

    app.include_router(routes.router)
    app.include_router(page.router)
    page.mount(app)
    return app


def app_from_env() -> FastAPI:
    """For `uvicorn --factory rxscoop.web.app:app_from_env` (a deployment's own uvicorn or gunicorn
    command): the settings from $RXSCOOP_PACK and $RXSCOOP_RATE."""
    return create_app(Settings.from_env())
