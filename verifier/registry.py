"""The one table of built-in rules, plus third-party rules from entry points.

Built-in rules are listed explicitly (ruff's ``codes.rs``): no import-time
discovery, so the table is the documentation. Third-party rules register under
the entry-point group ``verifier.rules`` and are loaded lazily, once.
"""

from __future__ import annotations

import os
from fnmatch import fnmatch
from functools import cache
from importlib.metadata import entry_points

from pydantic import BaseModel, ValidationError

from verifier.config import ConfigError, VerifierConfig, docs_url, is_selected
from verifier.rule_redirects import REDIRECTS
from verifier.rules.base import Rule, Status
from verifier.rules.cit.cit001_dangling_citation import DanglingCitation
from verifier.rules.cit.cit002_uncited_reference import UncitedReference
from verifier.rules.cit.cit003_duplicate_reference import DuplicateReference
from verifier.rules.cit.cit004_author_mismatch import AuthorMismatch
from verifier.rules.cit.cit005_year_mismatch import YearMismatch
from verifier.rules.cit.cit006_citation_order import CitationOrder
from verifier.rules.cit.cit007_mixed_citation_style import MixedCitationStyle
from verifier.rules.cit.cit008_retracted_reference import RetractedReference
from verifier.rules.cit.cit009_non_peer_reviewed_source import NonPeerReviewedSource
from verifier.rules.cit.cit010_reference_not_found import ReferenceNotFound
from verifier.rules.cit.cit011_metadata_mismatch import MetadataMismatch
from verifier.rules.con.con001_internal_contradiction import InternalContradiction
from verifier.rules.con.con002_contradicts_source import ContradictsSource
from verifier.rules.con.con003_number_mismatch import NumberMismatch
from verifier.rules.ovr.ovr001_certainty_exceeds_evidence import CertaintyExceedsEvidence
from verifier.rules.ovr.ovr002_causal_from_correlational import CausalFromCorrelational
from verifier.rules.ovr.ovr003_species_extrapolation import SpeciesExtrapolation
from verifier.rules.ovr.ovr004_nonsignificant_as_effect import NonsignificantAsEffect
from verifier.rules.ovr.ovr005_absolute_language import AbsoluteLanguage
from verifier.rules.ovr.ovr006_hedge_dropped import HedgeDropped
from verifier.rules.ovr.ovr007_mechanism_beyond_design import MechanismBeyondDesign
from verifier.rules.sta.sta001_p_ci_inconsistent import PCiInconsistent
from verifier.rules.sta.sta002_significance_wording import SignificanceWording
from verifier.rules.sta.sta003_recomputed_p_mismatch import RecomputedPMismatch
from verifier.rules.sup.sup001_unsupported_claim import UnsupportedClaim
from verifier.rules.sup.sup002_weak_source import WeakSource
from verifier.rules.sup.sup003_plural_claim_single_source import PluralClaimSingleSource
from verifier.rules.sup.sup004_summary_adds_claims import SummaryAddsClaims

RULES: tuple[type[Rule], ...] = (
    DanglingCitation,
    UncitedReference,
    DuplicateReference,
    AuthorMismatch,
    YearMismatch,
    CitationOrder,
    MixedCitationStyle,
    RetractedReference,
    NonPeerReviewedSource,
    ReferenceNotFound,
    MetadataMismatch,
    InternalContradiction,
    ContradictsSource,
    NumberMismatch,
    CertaintyExceedsEvidence,
    CausalFromCorrelational,
    SpeciesExtrapolation,
    NonsignificantAsEffect,
    AbsoluteLanguage,
    HedgeDropped,
    MechanismBeyondDesign,
    PCiInconsistent,
    SignificanceWording,
    RecomputedPMismatch,
    UnsupportedClaim,
    WeakSource,
    PluralClaimSingleSource,
    SummaryAddsClaims,
)


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Built-in rules and those from the ``verifier.rules`` entry points, sorted by code."""
    found: dict[str, type[Rule]] = {r.code: r for r in RULES}
    for ep in entry_points(group="verifier.rules"):
        try:
            rule = ep.load()
        except Exception as err:  # a broken plugin must not take the tool down
            raise ConfigError(f"cannot load rule plugin '{ep.name}': {err}") from None
        if not (isinstance(rule, type) and issubclass(rule, Rule)):
            raise ConfigError(f"rule plugin '{ep.name}' is not a verifier Rule subclass")
        if rule.code in found:
            raise ConfigError(f"rule plugin '{ep.name}' reuses code {rule.code}")
        found[rule.code] = rule
    return tuple(sorted(found.values(), key=lambda r: r.code))


def rule_by_code(code: str) -> type[Rule] | None:
    """A rule by code or kebab-case name, following redirects of retired codes."""
    wanted = REDIRECTS.get(code.upper(), code.upper())
    for rule in all_rules():
        if rule.code == wanted or rule.name.upper() == wanted:
            return rule
    return None


def _options(rule: type[Rule], raw: dict[str, object], source: str | None) -> BaseModel:
    data = {k.replace("-", "_"): v for k, v in raw.items()}
    try:
        return rule.options_model.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        key = ".".join(str(x) for x in first["loc"]).replace("_", "-")
        where = source or "configuration"
        if first["type"] == "extra_forbidden":
            raise ConfigError(f"{where}: unknown option '{key}' for rule {rule.code}") from None
        raise ConfigError(f"{where}: bad value for {rule.code} option '{key}': {first['msg']}") from None


def path_forms(path: str, config_source: str | None) -> list[str]:
    """The names a ``per-file-ignores`` pattern may match ``path`` by: as typed, absolute, and relative to
    the config file's folder and to the working folder (when below them), with ``/`` separators. So
    ``"drafts/*.md"`` ignores ``drafts/x.md`` and ``$PWD/drafts/x.md`` alike, and an absolute pattern
    matches however the path was typed."""
    absolute = os.path.abspath(path)
    forms = [path, absolute]
    folders = [os.getcwd()]
    if config_source and os.path.isfile(config_source):
        folders.insert(0, os.path.dirname(os.path.abspath(config_source)))
    for folder in folders:
        relative = os.path.relpath(absolute, folder)
        if not relative.startswith(os.pardir):
            forms.append(relative)
    return list(dict.fromkeys(os.path.normpath(f).replace(os.sep, "/") for f in forms))


def active_rules(config: VerifierConfig, path: str | None = None) -> list[Rule]:
    """Instantiate the rules the configuration selects, with their options and severities."""
    known = {r.code for r in all_rules()}
    for code in [*config.rules, *config.severity]:
        if REDIRECTS.get(code, code) not in known:
            raise ConfigError(f"{config.source or 'configuration'}: unknown rule code '{code}'")
    select = [*config.select, *config.extend_select]
    ignore = list(config.ignore)
    selectable = known | set(REDIRECTS)
    for pattern in [*select, *ignore, *(c for codes in config.per_file_ignores.values() for c in codes)]:
        p = pattern.upper()
        if p != "ALL" and not any(code.startswith(p) for code in selectable):  # a typo must not turn rules off
            raise ConfigError(f"{config.source or 'configuration'}: unknown rule code or prefix '{pattern}'")
    if path is not None:
        forms = path_forms(path, config.source)
        for pattern, codes in config.per_file_ignores.items():
            if any(fnmatch(form, pattern.replace("\\", "/")) for form in forms):
                ignore.extend(codes)
    rules: list[Rule] = []
    for rule in all_rules():
        if rule.status is Status.REMOVED:
            continue
        if rule.status is Status.PREVIEW and not config.preview:
            continue
        if not is_selected(rule.code, select, ignore):
            continue
        raw = config.rules.get(rule.code, {})
        instance = rule(_options(rule, raw, config.source), config.severity.get(rule.code))
        instance.url = docs_url(config.docs_url, rule.code, rule.name)
        rules.append(instance)
    return rules
