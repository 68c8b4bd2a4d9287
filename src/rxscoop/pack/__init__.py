"""The SQLite knowledge pack: built once from label sources, then opened read-only to answer."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from platformdirs import user_data_path

SCHEMA_VERSION = 9  # 9: section text compressed (pack/texts.py)
# labels.richness ranks labels sharing a name; having an indications section outweighs all else.
INDICATIONS_RANK = 100_000


def default_pack_path() -> Path:
    """`RXSCOOP_PACK` if set, else rxscoop.sqlite in the user's data folder."""
    env = os.environ.get("RXSCOOP_PACK")
    if env:
        return Path(env).expanduser()
    return user_data_path("rxscoop") / "rxscoop.sqlite"


def checksum_path(pack: Path) -> Path:
    """The checksum written beside a pack when it is built: rxscoop.sqlite → rxscoop.sqlite.sha256."""
    return pack.with_name(pack.name + ".sha256")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
