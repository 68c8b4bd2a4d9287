"""The web page: `/` (with `?q=` the answer is rendered on the server, so the page works without
JavaScript and every answer has a link to share), the API docs at `/docs` from local files, and the static
files under versioned URLs that browsers may cache for a year."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated

import fastapi_offline
from fastapi import APIRouter, FastAPI, Query
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.responses import Response
from starlette.types import Scope

from rxscoop.errors import BadQuestion, RxScoopError
from rxscoop.question.parse import MAX_QUESTION_CHARS, clean_question
from rxscoop.render import Format
from rxscoop.web.routes import QUESTION_PATTERN, CacheDep, PackDep, rendered_answer

STATIC: Traversable = resources.files("rxscoop.web").joinpath("static")
DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"
YEAR = "public, max-age=31536000, immutable"

router = APIRouter(include_in_schema=False)


@cache
def _env() -> Environment:
    return Environment(loader=PackageLoader("rxscoop", "web/templates"), autoescape=select_autoescape(default=True))


@cache
def asset_version() -> str:
    """A digest of the static files: their URLs change whenever their content does."""
    digest = hashlib.sha256()
    for name in sorted(f.name for f in STATIC.iterdir()):
        digest.update(STATIC.joinpath(name).read_bytes())
    return digest.hexdigest()[:12]


@router.api_route("/", methods=["GET", "HEAD"])
def index(pack: PackDep, cache: CacheDep,
          q: Annotated[str | None, Query(max_length=10 * MAX_QUESTION_CHARS)] = None) -> HTMLResponse:
    answer, error, code = "", "", 200
    if q is not None and q.strip():
        try:
            if not re.search(QUESTION_PATTERN, q):
                raise BadQuestion("Type a question with at least one letter or number, e.g. “what is dupixent used "
                                  "for”.")
            code, body, _ = rendered_answer(clean_question(q), Format.html, pack, cache)
            answer = body.decode()
        except RxScoopError as exc:
            error, code = str(exc)[:1].upper() + str(exc)[1:], exc.http_status
    page = _env().get_template("page.html").render(
        question=(q or "")[:MAX_QUESTION_CHARS], answer=Markup(answer), error=error, assets=asset_version(),
        max_chars=MAX_QUESTION_CHARS)
    return HTMLResponse(page, code)


@router.get("/docs")
def docs() -> HTMLResponse:
    return HTMLResponse(_env().get_template("docs.html").render(assets=asset_version()))


class VersionedStatic(StaticFiles):
    """Static files; a request naming the current version (`?v=…`) may be cached for a year."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200 and b"v=" in scope.get("query_string", b""):
            response.headers["Cache-Control"] = YEAR
        return response


def mount(app: FastAPI) -> None:
    app.mount("/static", VersionedStatic(directory=str(STATIC)), name="static")
    app.mount("/static-docs", VersionedStatic(directory=str(DOCS_ASSETS)), name="static-docs")
