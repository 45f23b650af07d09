"""Claim features: certainty, causality, population, check-worthiness, continuation."""

from claims.features.causality import causality
from claims.features.certainty import certainty
from claims.features.checkworthy import checkworthiness
from claims.features.continuation import find_continuations
from claims.features.describe import describe
from claims.features.population import population

__all__ = ["causality", "certainty", "checkworthiness", "describe", "find_continuations", "population"]
