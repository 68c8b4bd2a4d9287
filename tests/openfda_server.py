"""A local openFDA stand-in on loopback: /download.json and drug-label partitions made from snapshot records.

It honours Range requests, and can cut a response short once (to test resumed downloads)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Served:
    base: str
    folder: Path
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # (path, Range header)
    cut_once: set[str] = field(default_factory=set)  # file names whose next response stops half way

    @property
    def manifest_url(self) -> str:
        return f"{self.base}/download.json"

    def publish(self, files: list[Path], size_mb: dict[str, float] | None = None) -> None:
        """Write a download.json listing these partitions (already in the folder)."""
        parts = [{"display_name": f"drug label {i}", "file": f"{self.base}/drug/label/{f.name}",
                  "size_mb": f"{(size_mb or {}).get(f.name, f.stat().st_size / 1e6):.2f}", "records": 0}
                 for i, f in enumerate(files, start=1)]
        doc = {"meta": {"last_updated": "2026-11-01"},
               "results": {"drug": {"label": {"export_date": "2026-11-01", "partitions": parts,
                                              "total_records": 0}}}}
        (self.folder / "download.json").write_text(json.dumps(doc))


@contextmanager
def openfda_server(folder: Path) -> Iterator[Served]:
    served: Served

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            served.requests.append((self.path, self.headers.get("Range")))
            name = self.path.rsplit("/", 1)[-1]
            path = served.folder / name
            if not path.is_file():
                self.send_error(404)
                return
            data = path.read_bytes()
            start = 0
            if self.headers.get("Range", "").startswith("bytes="):
                start = int(self.headers["Range"][6:].split("-")[0])
                if start >= len(data):
                    self.send_response(416)
                    self.end_headers()
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            else:
                self.send_response(200)
            body = data[start:]
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if name in served.cut_once:
                served.cut_once.discard(name)
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.connection.shutdown(2)  # the connection drops mid-download
                return
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served = Served(base=f"http://127.0.0.1:{server.server_address[1]}", folder=folder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
