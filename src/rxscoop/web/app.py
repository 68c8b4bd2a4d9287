"""The HTTP API and the web page: a thin FastAPI layer over the Python API. Read-only: no route writes."""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from rxscoop import __version__
from rxscoop.answer.dispatch import compose
from rxscoop.answer.model import Answer
from rxscoop.conversation import Conversation
from rxscoop.errors import BadQuestion
from rxscoop.label.names import normalize_name
from rxscoop.pack import SCHEMA_VERSION
from rxscoop.pack.query import Pack
from rxscoop.question.parse import MAX_QUESTION_CHARS, clean_question, understand
from rxscoop.question.resolve import resolve_drug
from rxscoop.render.html import render_html
from rxscoop.render.markdown import render_markdown
from rxscoop.web.cache import AnswerCache
from rxscoop.web.guard import Guard
from rxscoop.web.limits import RateLimiter

MAX_BODY_BYTES = 16_384
QUESTION_PATTERN = r"\w"  # a question holds at least one letter or digit
MAX_SESSIONS = 1_000
ANSWER_CACHE_BYTES = 32 * 1024 * 1024  # rendered answers kept per process
SESSION_SECONDS = 3_600
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class ErrorBody(BaseModel):
    error: str
    status: str
    suggestions: list[str] = Field(default_factory=list)
    answer: Answer | None = None


class ChatTurn(BaseModel):
    message: str = Field(max_length=MAX_QUESTION_CHARS, pattern=QUESTION_PATTERN,
                         description="the question or follow-up")
    session_id: str | None = Field(None, max_length=64, description="from an earlier turn; omit to start")


class ChatReply(BaseModel):
    session_id: str
    answer: Answer
    html: str | None = None


class DrugHit(BaseModel):
    name: str
    title: str
    has_uses: bool


class DrugInfo(BaseModel):
    title: str
    brand_name: str | None
    generic_name: str | None
    set_id: str
    names: list[str]
    sections: list[str]
    uses: list[str]
    reviews: int
    effective_time: str | None
    source: str


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    schema_version: int
    labels: int


class Sessions:
    """Conversations by id: bounded in number and time, oldest dropped first."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._items: OrderedDict[str, tuple[float, Conversation]] = OrderedDict()

    def get(self, session_id: str | None) -> tuple[str, Conversation]:
        now = time.monotonic()
        while self._items and next(iter(self._items.values()))[0] < now - SESSION_SECONDS:
            self._items.popitem(last=False)
        if session_id and session_id in self._items:
            _, conversation = self._items.pop(session_id)
        else:
            session_id, conversation = secrets.token_urlsafe(16), Conversation(self.pack)
        self._items[session_id] = (now, conversation)
        while len(self._items) > MAX_SESSIONS:
            self._items.popitem(last=False)
        return session_id, conversation


def _status_code(answer: Answer) -> int:
    return 404 if answer.status in ("not_found", "ambiguous") else 200


def create_app(pack_path: Path | str | None = None, rate_per_minute: int = 600) -> FastAPI:
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        state["pack"] = Pack(pack_path, verify=True)  # a damaged pack stops the server at start
        state["sessions"] = Sessions(state["pack"])
        yield
        state["pack"].close()

    app = FastAPI(title="rxscoop", version=__version__, lifespan=lifespan,
                  description="What is this medicine used for? Answers built only from FDA label text. "
                              "Not medical advice.")
    app.add_middleware(Guard, headers=SECURITY_HEADERS, max_body=MAX_BODY_BYTES,  # type: ignore[arg-type]
                       limiter=RateLimiter(rate_per_minute))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": "internal error", "status": "error"}, 500)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        too_long = any(e.get("type") in ("string_too_long", "too_long") for e in exc.errors())
        code, status = (413, "too_large") if too_long else (422, "bad_request")
        fields = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors())
        message = f"the request is too long ({fields})" if too_long else fields
        return JSONResponse({"error": message, "status": status}, code)

    @app.exception_handler(BadQuestion)
    async def bad_question(request: Request, exc: BadQuestion) -> JSONResponse:
        code = 413 if "too long" in str(exc) else 422
        return JSONResponse({"error": str(exc), "status": "bad_question"}, code)

    def render(answer: Answer, fmt: str) -> tuple[int, bytes, str]:
        code = _status_code(answer)
        if fmt == "markdown":
            return code, render_markdown(answer).encode(), "text/markdown; charset=utf-8"
        if fmt == "html":
            return code, render_html(answer).encode(), "text/html; charset=utf-8"
        if code == 404:
            body = ErrorBody(error=answer.message or "not found", status=answer.status,
                             suggestions=answer.suggestions, answer=answer)
            return 404, body.model_dump_json().encode(), "application/json"
        return 200, answer.model_dump_json().encode(), "application/json"

    cache = AnswerCache(ANSWER_CACHE_BYTES)

    def rendered_answer(question: str, fmt: str,
                        region: Literal["us", "eu", "both"] = "both") -> tuple[int, bytes, str]:
        """The pack never changes while it is open, so an answer is a pure function of the question."""
        pack: Pack = state["pack"]
        return cache.get((question, fmt, region),
                         lambda: render(compose(understand(question, pack), pack, region), fmt))

    rendered = {"text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}

    @app.get("/v1/answer", response_model=Answer, tags=["answers"],
             responses={200: {"content": rendered, "description": "The answer (JSON, or rendered by `format`)"},
                        404: {"model": ErrorBody, "content": rendered,
                              "description": "No such drug, or the name is ambiguous: suggestions included"},
                        413: {"model": ErrorBody}, 422: {"model": ErrorBody}, 429: {"model": ErrorBody}})
    async def answer(q: Annotated[str, Query(max_length=MAX_QUESTION_CHARS, pattern=QUESTION_PATTERN,
                                       description="the question")],
               format: Annotated[Literal["json", "markdown", "html"], Query()] = "json",
               region: Annotated[Literal["us", "eu", "both"], Query(
                   description="US and/or EU approvals (default both, where EU data exists)")] = "both") -> Response:
        """Answer a question about a medicine. `format=markdown|html` renders the same answer."""
        code, body, media = rendered_answer(clean_question(q), format, region)
        return Response(body, code, media_type=media)

    @app.post("/v1/chat", response_model=ChatReply, tags=["answers"],
              responses={413: {"model": ErrorBody}, 422: {"model": ErrorBody}})
    def chat(turn: Annotated[ChatTurn, Body()],
             format: Annotated[Literal["json", "html"], Query()] = "json") -> ChatReply:
        """One turn of a conversation: follow-ups ("what about asthma?") use the drug already discussed."""
        session_id, conversation = state["sessions"].get(turn.session_id)
        reply = conversation.ask(turn.message)
        return ChatReply(session_id=session_id, answer=reply, html=render_html(reply) if format == "html" else None)

    @app.get("/v1/drugs", response_model=list[DrugHit], tags=["drugs"])
    def drugs(prefix: Annotated[str, Query(min_length=1, max_length=60)],
              limit: Annotated[int, Query(ge=1, le=50)] = 10) -> list[DrugHit]:
        """Type-ahead: drugs whose name starts with the prefix, the ones with uses first."""
        key = normalize_name(prefix)
        if not key:
            return []
        pack: Pack = state["pack"]
        rows = pack.db.execute(
            "SELECT n.display, l.title, l.indications IS NOT NULL, max(l.richness) FROM names n "
            "JOIN labels l ON l.id = n.label WHERE n.name >= ? AND n.name < ? AND n.kind != 'rxcui' "
            "GROUP BY l.title ORDER BY 3 DESC, 4 DESC, l.title LIMIT ?",
            (key, key + "\uffff", limit)).fetchall()
        return [DrugHit(name=r[0], title=r[1], has_uses=bool(r[2])) for r in rows]

    @app.get("/v1/drugs/{name}", response_model=DrugInfo, tags=["drugs"], responses={404: {"model": ErrorBody}})
    def drug(name: str) -> Response:
        """What the pack knows about one drug."""
        pack: Pack = state["pack"]
        found = resolve_drug(name[:200], pack)
        if found.label is None:
            body = ErrorBody(error=f"no drug named “{name[:200]}” in the pack", status=found.status,
                             suggestions=found.suggestions)
            return JSONResponse(body.model_dump(mode="json"), 404)
        label = pack.label(found.label)
        names = sorted({r[0] for r in pack.db.execute(
            "SELECT display FROM names WHERE label = ? AND kind != 'rxcui'", (label.id,))})
        reviews = pack.db.execute("SELECT count(*) FROM reviews WHERE label = ?", (label.id,)).fetchone()[0]
        info = DrugInfo(
            title=label.title, brand_name=label.brand_name, generic_name=label.generic_name, set_id=label.set_id,
            names=names, sections=pack.section_names(label.id),
            uses=[u.condition for u in label.indications.uses] if label.indications else [], reviews=reviews,
            effective_time=label.effective_time, source=label.source)
        return JSONResponse(info.model_dump(mode="json"))

    @app.get("/healthz", response_model=Health, tags=["service"])
    def healthz() -> Health:
        pack: Pack = state["pack"]
        labels = pack.db.execute("SELECT count(*) FROM labels").fetchone()[0]
        return Health(status="ok", version=__version__, schema_version=SCHEMA_VERSION, labels=labels)

    static = resources.files("rxscoop.web").joinpath("static")

    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(static.joinpath("index.html").read_text(encoding="utf-8"))

    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app


def app_from_env() -> FastAPI:
    """For `uvicorn --factory rxscoop.web.app:app_from_env` (several workers): the pack from $RXSCOOP_PACK."""
    import os

    return create_app(os.environ.get("RXSCOOP_PACK"), int(os.environ.get("RXSCOOP_RATE", "600")))
