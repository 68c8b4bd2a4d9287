"""The web page: one HTML page and its static files."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = resources.files("rxscoop.web").joinpath("static")

router = APIRouter(include_in_schema=False)


@router.get("/")
def index() -> HTMLResponse:
    return HTMLResponse(STATIC.joinpath("index.html").read_text(encoding="utf-8"))


def mount(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
