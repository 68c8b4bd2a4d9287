"""The SQLite knowledge pack: built once from label sources, then opened read-only to answer."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

SCHEMA_VERSION = 5
# labels.richness ranks labels sharing a name; having an indications section outweighs all else.
INDICATIONS_RANK = 100_000


def default_pack_path() -> Path:
    """`RXSCOOP_PACK` if set, else rxscoop.sqlite in the user's data folder."""
    env = os.environ.get("RXSCOOP_PACK")
    if env:
        return Path(env).expanduser()
    return user_data_path("rxscoop") / "rxscoop.sqlite"
