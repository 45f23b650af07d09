"""Whether a position sits inside quotation marks: rules skip quoted words
unless they opt in (proselint's ``allow_quotes``), since a quoted claim is
the author reporting someone else's words."""

from __future__ import annotations

import re

_QUOTE = re.compile(r"[\"“”]|(?<![A-Za-z])[‘'](?=[A-Za-z])|(?<=[A-Za-z.,!?])[’'](?![A-Za-z])")


def inside_quotes(text: str, offset: int) -> bool:
    """True when an odd number of quotation marks precede ``offset`` in ``text``."""
    return len(_QUOTE.findall(text, 0, offset)) % 2 == 1
