"""Decoding a registry's JSON body into a dict, with a one-phrase reason when it is not one."""

from __future__ import annotations

import json
from typing import Any

from references.lookup.client import FetchError


def load_object(body: bytes, registry: str) -> dict[str, Any]:
    """The JSON object in ``body``; ``FetchError("malformed JSON from crossref")`` otherwise."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise FetchError(f"malformed JSON from {registry}") from None
    if not isinstance(data, dict):
        raise FetchError(f"unexpected JSON from {registry} (not an object)")
    return data


def first_text(value: Any) -> str | None:
    """Crossref's one-element lists (``"title": ["..."]``) and plain strings alike."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None
