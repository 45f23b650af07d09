"""The exception tree. ``VerifierError`` lives here, in the lowest package, so
every package can raise its own subclass without importing upward::

    VerifierError
    ├── InputError            (claims: unreadable, binary, empty or oversized input)
    ├── ReferenceParseError   (references: a reference file that cannot be read at all)
    └── ConfigError           (verifier: bad configuration or option)

Only the CLI maps these to exit codes (2) and one-line messages.
"""


class VerifierError(Exception):
    """Base of every error the tool reports to a user as one line."""


class InputError(VerifierError):
    """The manuscript (or another input file) cannot be read."""
