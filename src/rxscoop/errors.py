"""Named errors. The CLI turns each into a clear message and exit code; the HTTP layer into a status."""

from __future__ import annotations


class RxScoopError(Exception):
    """Base class: every error rxscoop raises on purpose."""

    exit_code = 1


class PackMissing(RxScoopError):
    """No pack file where one was expected."""


class PackInvalid(RxScoopError):
    """The file is not a pack rxscoop can read (damaged, or built by another schema version)."""


class SourceError(RxScoopError):
    """A label source could not be read (missing, corrupt, wrong format)."""


class BuildFailed(RxScoopError):
    """The build produced no usable pack; any previous pack is untouched."""


class BadQuestion(RxScoopError):
    """The question cannot be answered as typed (empty, too long)."""

    exit_code = 2


class DrugNotFound(RxScoopError):
    """The pack knows no drug by that name (or several, and the name does not say which)."""


class SectionNotFound(RxScoopError):
    """The label has no section by that name (or the pack no label with that set id)."""
