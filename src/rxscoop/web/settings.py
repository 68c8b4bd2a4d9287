"""What a web server is started with: one object, passed to the app factory (and to each worker)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rxscoop.pack import default_pack_path


@dataclass(frozen=True)
class Settings:
    pack: Path
    rate_per_minute: int = 600  # per client address; 0 = no limit
    max_body_bytes: int = 16_384  # a question is at most 1,000 characters: 16 KiB is plenty
    answer_cache_bytes: int = 32 * 1024 * 1024  # rendered answers kept per process
    # Threads a worker answers in. Answering is CPU work under one GIL: more threads than a few only trade
    # the GIL between them (at 50 connections, 40 threads cost 20 % more CPU a request than 2, and the p99
    # tripled); a few keep one slow answer from holding up the rest.
    answer_threads: int = 4

    @classmethod
    def from_env(cls) -> Settings:
        """For `uvicorn --factory rxscoop.web.app:app_from_env`: $RXSCOOP_PACK and $RXSCOOP_RATE."""
        return cls(pack=default_pack_path(), rate_per_minute=int(os.environ.get("RXSCOOP_RATE", "600")))
