"""The article's top-level structure, built once per document and shared by the rules that read it."""

from __future__ import annotations

from claims.features.checkworthy import ArticleParts, article_parts
from verifier.rules.base import RuleContext


def parts(ctx: RuleContext) -> ArticleParts:
    """``article_parts`` of the context's document, memoized on the context."""
    return ctx.memo(("article_parts",), lambda: article_parts(ctx.document))
