"""Errors raised by the references package (see ``claims.errors`` for the tree)."""

from claims.errors import VerifierError


class ReferenceParseError(VerifierError):
    """A reference file cannot be read at all (a bad record is skipped, not raised)."""
