"""CIT rules: broken citations (dangling, uncited, duplicate, author/year mismatch, order, mixed styles)."""

from verifier.rules.cit.cit001_dangling_citation import DanglingCitation
from verifier.rules.cit.cit002_uncited_reference import UncitedReference
from verifier.rules.cit.cit003_duplicate_reference import DuplicateReference
from verifier.rules.cit.cit004_author_mismatch import AuthorMismatch
from verifier.rules.cit.cit005_year_mismatch import YearMismatch
from verifier.rules.cit.cit006_citation_order import CitationOrder
from verifier.rules.cit.cit007_mixed_citation_style import MixedCitationStyle

__all__ = [
    "AuthorMismatch",
    "CitationOrder",
    "DanglingCitation",
    "DuplicateReference",
    "MixedCitationStyle",
    "UncitedReference",
    "YearMismatch",
]
