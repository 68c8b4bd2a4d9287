"""Named errors, each with its message written once here or where it is raised, and the exit code (CLI)
and HTTP status (web) it maps to. The shells apply these in one place each; nothing else reads messages."""

from __future__ import annotations

from collections.abc import Sequence

# What a user of an installed rxscoop can run to get a pack.
BUILD_COMMANDS = "rxscoop build --download (or rxscoop build LABEL-FILES…)"
BUILD_HINT = f"build one with: {BUILD_COMMANDS}"
REBUILD_HINT = f"rebuild it with: {BUILD_COMMANDS}"


class RxScoopError(Exception):
    """Base class: every error rxscoop raises on purpose."""

    exit_code = 1
    http_status = 500
    status = "error"  # the machine-readable word in the HTTP error body


class PackMissing(RxScoopError):
    """No pack file where one was expected."""

    http_status = 503
    status = "no_pack"


class PackInvalid(RxScoopError):
    """The file is not a pack rxscoop can read (damaged, or built by another schema version)."""

    http_status = 503
    status = "bad_pack"


class SourceError(RxScoopError):
    """A label source could not be read (missing, corrupt, wrong format)."""

    http_status = 400
    status = "bad_source"


class BuildFailed(RxScoopError):
    """The build produced no usable pack; any previous pack is untouched."""

    status = "build_failed"


class BadQuestion(RxScoopError):
    """The question cannot be answered as typed (empty, not text)."""

    exit_code = 2
    http_status = 422
    status = "bad_question"


class QuestionTooLong(BadQuestion):
    """The question is longer than rxscoop reads."""

    http_status = 413
    status = "too_large"


class DrugNotFound(RxScoopError):
    """The pack knows no drug by that name (or several, and the name does not say which)."""

    http_status = 404
    status = "not_found"

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        hint = f" Did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no drug named “{name}” in the pack.{hint}")


class SectionNotFound(RxScoopError):
    """The label has no section by that name (or the pack no label with that set id)."""

    http_status = 404
    status = "not_found"


class LabelNotFound(RxScoopError):
    """The pack has no label with that set id."""

    http_status = 404
    status = "not_found"
