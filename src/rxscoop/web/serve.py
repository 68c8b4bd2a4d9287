"""Run the web app under uvicorn, with one worker or several. The settings object reaches each worker as
the argument of the app factory (pickled by the process spawn), not through the environment.

Several workers on Linux each listen on a socket of their own, bound to the same address with SO_REUSEPORT,
so the kernel spreads new connections over them evenly. On uvicorn's one shared socket, the first worker to
wake accepted every connection waiting: 50 opened at once were split 15/35, 6/44 and 50/0 in three runs, and a
worker's connections wait in proportion to how many it holds (bench/tail.py reports the split)."""

from __future__ import annotations

import socket
import sys
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
    if workers == 1:
        uvicorn.Server(config).run()
        return
    shared = config.bind_socket()  # as uvicorn binds it: a port in use stops here, as it always did
    if port == 0 or not sys.platform.startswith("linux"):  # elsewhere SO_REUSEPORT does not spread connections
        Multiprocess(config, sockets=[shared]).run()
        return
    shared.close()
    OwnSockets(config).run()


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to host:port beside the other workers' (SO_REUSEPORT), for a worker to listen on."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


class OwnSockets(Multiprocess):
    """uvicorn's supervisor (restarts, signals, health checks unchanged), except that each worker it starts gets
    a new socket of its own: every place it starts one reads `self.sockets`. The supervisor's copy is closed once
    the worker has started (the spawn hands the worker a duplicate), so a dead worker's socket is not left
    holding connections nobody accepts."""

    def __init__(self, config: uvicorn.Config) -> None:
        self._handed: list[socket.socket] = []
        super().__init__(config, sockets=[])

    @property
    def sockets(self) -> list[socket.socket]:
        sock = listening_socket(self.config.host, self.config.port)
        self._handed.append(sock)
        return [sock]

    @sockets.setter
    def sockets(self, value: list[socket.socket]) -> None:
        pass  # Multiprocess.__init__ sets the shared sockets: there are none

    def _close_handed(self) -> None:
        for sock in self._handed:
            sock.close()
        self._handed.clear()

    def init_processes(self) -> None:
        super().init_processes()
        self._close_handed()

    def keep_subprocess_alive(self) -> None:
        super().keep_subprocess_alive()
        self._close_handed()

    def restart_all(self) -> None:
        super().restart_all()
        self._close_handed()

    def handle_ttin(self) -> None:
        super().handle_ttin()
        self._close_handed()
