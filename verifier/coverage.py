"""Which check-worthy claims no rule examined, and why.

A claim without a finding is not a claim found sound: in a document with no
reference list its citations were never followed, and with ``--select CIT``
no rule looked at claims at all. The HTML report shows such claims as "not
checked" instead of "checked, nothing found"; this is where that is decided.
"""

from __future__ import annotations

from collections.abc import Sequence

from claims.models import Claim
from references.models import Link, LinkStatus
from verifier.models import UncheckedClaim
from verifier.rules.base import Rule, Scope

NO_REFERENCE_LIST = "its citations were not followed: no reference list was found or given"
NO_ENTRY = "none of its citations matches a reference entry"
NO_CLAIM_RULE = "no selected rule examines claims"


def unchecked_claims(
    claims: Sequence[Claim], links: Sequence[Link], ran: Sequence[Rule], *, has_references: bool
) -> list[UncheckedClaim]:
    """The check-worthy claims that citing rules could not follow, or that no claim rule looked at."""
    claim_rules = [r for r in ran if r.scope in (Scope.CLAIM, Scope.PAIR)]
    resolved = {
        lk.claim_id
        for lk in links
        if lk.reference_key is not None and lk.status in (LinkStatus.LINKED, LinkStatus.CONTINUATION)
    }
    out: list[UncheckedClaim] = []
    for claim in claims:
        if not claim.checkworthy:
            continue
        cites = any(m.cites for m in claim.markers)
        if cites and claim.id not in resolved:
            why = NO_ENTRY if has_references else NO_REFERENCE_LIST
        elif not claim_rules:
            why = NO_CLAIM_RULE
        else:
            continue
        out.append(UncheckedClaim(claim_id=claim.id, why=why))
    return out
