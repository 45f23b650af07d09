"""The article's top-level structure and the role of each sentence, built once per document and shared by
the rules that read them."""

from __future__ import annotations

from claims.features.checkworthy import ArticleParts, article_parts
from claims.features.roles import sentence_roles
from verifier.rules.base import RuleContext


def parts(ctx: RuleContext) -> ArticleParts:
    """``article_parts`` of the context's document, memoized on the context."""
    return ctx.memo(("article_parts",), lambda: article_parts(ctx.document))


def roles(ctx: RuleContext) -> dict[int, str]:
    """``sentence_roles`` of the context's document (methods, results, conclusions, ...), memoized."""
    return ctx.memo(("sentence_roles",), lambda: sentence_roles(ctx.document, parts(ctx)))
