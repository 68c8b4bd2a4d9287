"""A real rxscoop server on localhost, in a background thread, for tests that talk HTTP or drive a browser."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from helpers import web_app
from rxscoop.web.server import uvicorn_settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(pack: Path, rate_per_minute: int = 0) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(web_app(pack, rate_per_minute), host="127.0.0.1", port=port, log_level="warning",
                            **uvicorn_settings())
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.05)
    else:
        raise RuntimeError("the test server did not start")
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)
