"""rxscoop: what is this medicine used for? Plain answers built only from FDA label text, offline.

    >>> from rxscoop import ask
    >>> answer = ask("what is dupixent used for")
    >>> [use.condition for use in answer.uses]
"""

__version__ = "0.1.0"

from rxscoop.answer.model import Answer, Citation, Statement
from rxscoop.api import ask, build_pack, open_pack
from rxscoop.errors import (
    BadQuestion,
    BuildFailed,
    PackInvalid,
    PackMissing,
    RxScoopError,
    SourceError,
)
from rxscoop.pack.query import Pack

__all__ = [
    "Answer",
    "BadQuestion",
    "BuildFailed",
    "Citation",
    "Pack",
    "PackInvalid",
    "PackMissing",
    "RxScoopError",
    "SourceError",
    "Statement",
    "__version__",
    "ask",
    "build_pack",
    "open_pack",
]
