"""GET /v1/answer in JSON, answered below FastAPI's routing: the request whose answer is at hand (an answer
kept for another wording, or this question asked before) costs less than the framework's routing, parameter
checks and exception layers around it. Anything this does not handle plainly (another format, a parameter
repeated or unknown, a value the route would refuse, an error) goes on to the FastAPI route, which answers it
as always; the answer and its headers are the route's own (tests/test_web.py compares them).

It sits inside the app's bounds and guard (web/bounds.py, web/guard.py), so the security headers, rate
limit, in-flight bound and HEAD handling are the same for both paths."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qsl

from pydantic import StringConstraints, TypeAdapter, ValidationError

from rxscoop.errors import RxScoopError
from rxscoop.question.parse import MAX_QUESTION_CHARS, clean_question
from rxscoop.render import Format
from rxscoop.web.routes import QUESTION_PATTERN, rendered_answer_soon

PATH = "/v1/answer"
REGIONS = frozenset({"us", "eu", "both"})
# The route's own constraints on q (routes.answer), checked by the same validator FastAPI builds from them.
_QUESTION = TypeAdapter(Annotated[str, StringConstraints(max_length=MAX_QUESTION_CHARS, pattern=QUESTION_PATTERN)])

Scope = dict[str, Any]


class FastAnswers:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        params = _plain(scope) if scope["type"] == "http" and scope["path"] == PATH else None
        if params is not None:
            state = scope["app"].state
            try:
                code, body, media = await rendered_answer_soon(clean_question(params["q"]), Format.json,
                                                               state.pack, state.answers, params["region"])
            except RxScoopError:  # the route says what went wrong, in the API's one error shape
                pass
            else:
                # The headers starlette's Response writes for this body and media type, in its order.
                headers = [(b"content-length", str(len(body)).encode()), (b"content-type", media.encode())]
                await send({"type": "http.response.start", "status": code, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def _plain(scope: Scope) -> dict[str, str] | None:
    """q and region of a GET asking for JSON with each parameter once and every value one the route accepts;
    else None."""
    if scope["method"] != "GET":
        return None
    pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)  # as starlette reads it
    params = dict(pairs)
    if len(params) != len(pairs) or not params.keys() <= {"q", "format", "region"} or "q" not in params:
        return None
    if params.setdefault("format", "json") != "json" or params.setdefault("region", "both") not in REGIONS:
        return None
    try:
        _QUESTION.validate_python(params["q"])
    except ValidationError:
        return None
    return params
