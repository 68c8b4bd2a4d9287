"""rxscoop: what is this medicine used for? Plain answers built only from FDA label text, offline.

    >>> from rxscoop import ask
    >>> answer = ask("what is dupixent used for")
    >>> [use.condition for use in answer.uses]
"""

from rxscoop.answer.model import Answer, Citation, PatientVoices, Statement
from rxscoop.api import ask, build_pack, open_pack, patient_reviews
from rxscoop.conversation import Conversation
from rxscoop.errors import (
    BadQuestion,
    BuildFailed,
    DrugNotFound,
    PackInvalid,
    PackMissing,
    RxScoopError,
    SourceError,
)
from rxscoop.pack.query import Pack
from rxscoop.version import __version__

__all__ = [
    "Answer",
    "BadQuestion",
    "BuildFailed",
    "Citation",
    "Conversation",
    "DrugNotFound",
    "Pack",
    "PackInvalid",
    "PackMissing",
    "PatientVoices",
    "RxScoopError",
    "SourceError",
    "Statement",
    "__version__",
    "ask",
    "build_pack",
    "open_pack",
    "patient_reviews",
]
