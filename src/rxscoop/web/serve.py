"""Run the web app under uvicorn, with one worker or several. The settings object reaches each worker as
the argument of the app factory (pickled by the process spawn), not through the environment."""

from __future__ import annotations

from functools import partial

import uvicorn
from uvicorn.supervisors import Multiprocess

from rxscoop.web.app import create_app
from rxscoop.web.server import uvicorn_settings
from rxscoop.web.settings import Settings


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    # The protocol's own bounds (header size and time, keep-alive) come from web/server.py.
    config = uvicorn.Config(partial(create_app, settings), factory=True, host=host, port=port, workers=workers,
                            log_level="warning", server_header=False, **uvicorn_settings())
    if workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()
