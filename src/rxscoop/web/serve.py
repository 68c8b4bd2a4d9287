"""Run the web app under uvicorn, with one worker or several. The settings object reaches each worker as
the argument of the app factory (pickled by the process spawn), not through the environment."""

from __future__ import annotations

from functools import partial

import uvicorn
from uvicorn.supervisors import Multiprocess

from rxscoop.web.app import create_app
from rxscoop.web.settings import Settings

# Bounds on what a client may send before the app sees it (uvicorn's own parser).
MAX_HEADER_BYTES = 16_384
KEEP_ALIVE_SECONDS = 5


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    config = uvicorn.Config(partial(create_app, settings), factory=True, host=host, port=port, workers=workers,
                            log_level="warning", h11_max_incomplete_event_size=MAX_HEADER_BYTES,
                            timeout_keep_alive=KEEP_ALIVE_SECONDS, server_header=False)
    if workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()
