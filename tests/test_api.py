"""The public Python API: what `import rxscoop` offers is pinned, so a change to it is a decision."""

from __future__ import annotations

import rxscoop


def test_public_api() -> None:
    assert rxscoop.__all__ == [
        "Answer", "BadQuestion", "BuildFailed", "Citation", "Conversation", "DrugNotFound", "Pack", "PackInvalid",
        "PackMissing", "PatientVoices", "RxScoopError", "SourceError", "Statement", "__version__", "ask",
        "build_pack", "open_pack", "patient_reviews",
    ]
    for name in rxscoop.__all__:
        assert hasattr(rxscoop, name), name
