"""The HTTP API: /v1/answer, /v1/chat, /v1/drugs, /healthz. Each route is a thin call into rxscoop.api;
errors are raised, and app.py maps them to statuses in one place. Routes are plain `def`: answering reads
SQLite and does CPU work, so FastAPI runs them in its thread pool, off the event loop. /v1/answer is the
exception: an answer it has, or one kept for another wording, costs less than the hand-off to a thread, so it
is answered on the event loop, and only an answer to compose goes to the thread pool."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from rxscoop import api
from rxscoop.answer.model import Answer
from rxscoop.conversation import ChatContext
from rxscoop.pack.query import Pack
from rxscoop.question.parse import MAX_QUESTION_CHARS, clean_question
from rxscoop.render import MEDIA_TYPES, Format, render
from rxscoop.web.cache import AnswerCache, Rendered

QUESTION_PATTERN = r"\w"  # a question holds at least one letter or digit


# The dependencies are `async def`: they only read the app's state, and FastAPI runs a plain `def` dependency
# in its thread pool, a hand-off each (two of the three a request made, and most of its overhead).
async def pack_of(request: Request) -> Pack:
    pack: Pack = request.app.state.pack
    return pack


async def answers_of(request: Request) -> AnswerCache:
    cache: AnswerCache = request.app.state.answers
    return cache


PackDep = Annotated[Pack, Depends(pack_of)]
CacheDep = Annotated[AnswerCache, Depends(answers_of)]


class ErrorBody(BaseModel):
    """Every error the API answers with, the server's own included."""

    error: str = Field(description="what went wrong, in words for a person")
    status: str = Field(description="a word for programs: not_found, bad_question, too_large, rate_limited…")
    suggestions: list[str] = Field(default_factory=list)
    answer: Answer | None = None


class ChatTurn(BaseModel):
    message: str = Field(max_length=MAX_QUESTION_CHARS, pattern=QUESTION_PATTERN,
                         description="the question or follow-up")
    context: ChatContext | None = Field(None, description="`context` from the previous reply; omit to start")


class ChatReply(BaseModel):
    answer: Answer
    context: ChatContext = Field(description="send this back with the next turn")
    html: str | None = None


def status_of(answer: Answer) -> int:
    return 404 if answer.status in ("not_found", "ambiguous") else 200


def rendered_answer(question: str, fmt: Format, pack: Pack, cache: AnswerCache, region: str = "both") -> Rendered:
    """The pack never changes while it is open, so an answer is a pure function of the question."""

    def make() -> Rendered:
        answer = api.ask(question, pack, region)
        code = status_of(answer)
        if code == 404 and fmt is Format.json:
            body = ErrorBody(error=answer.message or "not found", status=answer.status,
                             suggestions=answer.suggestions, answer=answer)
            return code, body.model_dump_json().encode(), MEDIA_TYPES[fmt]
        return code, render(answer, fmt).encode(), MEDIA_TYPES[fmt]

    return cache.get((question, fmt.value, region), make)


async def rendered_answer_soon(question: str, fmt: Format, pack: Pack, cache: AnswerCache,
                               region: str = "both") -> Rendered:
    """rendered_answer, with only composing (and Markdown or HTML) off the event loop."""
    key = (question, fmt.value, region)
    found = cache.peek(key)
    if found is not None:
        return found
    if fmt is not Format.json:
        return await run_in_threadpool(rendered_answer, question, fmt, pack, cache, region)
    query, kept = api.kept_answer_json(question, pack, region)  # understanding: ~0.5 ms of CPU
    if kept is not None and kept[0] not in ("not_found", "ambiguous"):
        value: Rendered = (200, kept[1], MEDIA_TYPES[fmt])
        cache.keep(key, value)
        return value

    def make() -> Rendered:
        answer = api.answer_query(query, pack, region)
        code = status_of(answer)
        if code == 404:
            body = ErrorBody(error=answer.message or "not found", status=answer.status,
                             suggestions=answer.suggestions, answer=answer)
            return code, body.model_dump_json().encode(), MEDIA_TYPES[fmt]
        return code, render(answer, fmt).encode(), MEDIA_TYPES[fmt]

    value = await run_in_threadpool(make)
    cache.keep(key, value)
    return value


router = APIRouter()
rendered = {"text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorBody} for code in (413, 422, 429, 500)}


@router.get("/v1/answer", response_model=Answer, tags=["answers"],
            responses={200: {"content": rendered, "description": "The answer (JSON, or rendered by `format`)"},
                       404: {"model": ErrorBody, "content": rendered,
                             "description": "No such drug, or the name is ambiguous: suggestions included"},
                       **ERRORS})
async def answer(pack: PackDep, cache: CacheDep,
           q: Annotated[str, Query(max_length=MAX_QUESTION_CHARS, pattern=QUESTION_PATTERN,
                                   description="the question")],
           format: Annotated[Literal["json", "markdown", "html"], Query()] = "json",
           region: Annotated[Literal["us", "eu", "both"], Query(
               description="US and/or EU approvals (default both, where EU data exists)")] = "both") -> Response:
    """Answer a question about a medicine. `format=markdown|html` renders the same answer."""
    code, body, media = await rendered_answer_soon(clean_question(q), Format(format), pack, cache, region)
    return Response(body, code, media_type=media)


@router.post("/v1/chat", response_model=ChatReply, tags=["answers"], responses=ERRORS)
def chat(pack: PackDep, turn: Annotated[ChatTurn, Body()],
         format: Annotated[Literal["json", "html"], Query()] = "json") -> ChatReply:
    """One turn of a conversation: follow-ups ("what about asthma?") use the drug of the context sent back
    from the previous reply. The server keeps nothing between turns."""
    reply = api.chat(turn.message, turn.context, pack)
    html = render(reply.answer, Format.html) if format == "html" else None
    return ChatReply(answer=reply.answer, context=reply.context, html=html)


class DrugHit(BaseModel):
    name: str
    title: str
    has_uses: bool


@router.get("/v1/drugs", response_model=list[DrugHit], tags=["drugs"], responses=ERRORS)
def drugs(pack: PackDep, prefix: Annotated[str, Query(min_length=1, max_length=60)],
          limit: Annotated[int, Query(ge=1, le=50)] = 10) -> list[DrugHit]:
    """Type-ahead: drug names (brand and generic) that start with the prefix, the ones with uses first."""
    return [DrugHit(name=h.name, title=h.title, has_uses=h.has_uses) for h in api.drug_names(prefix, pack, limit)]


@router.get("/v1/drugs/{name}", response_model=api.DrugInfo, tags=["drugs"],
            responses={404: {"model": ErrorBody}, **ERRORS})
def drug(pack: PackDep, name: str) -> api.DrugInfo:
    """What the pack knows about one drug."""
    return api.drug_info(name, pack)


@router.get("/healthz", response_model=api.Health, tags=["service"])
def healthz(pack: PackDep) -> api.Health:
    return api.health(pack)
