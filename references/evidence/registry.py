"""What a matched registry record changes in a reference's evidence assessment.

The record's publication types (PubMed's ``PublicationTypeList``, the MeSH
check tags ``Humans`` / ``Animals``, Crossref and OpenAlex types mapped to the
lexicon's names) and its abstract are given to the ordinary assessment
(``assess``) as if the entry carried them, so the same lexicon decides the
design, level and species. Precedence (DESIGN.md): the entry's explicit
metadata (an ``evidence_level`` field, its own publication types) beats the
registry record, which beats title cues. When two of them disagree both are
kept in the reasons and the one not used says so:

- the entry's own metadata decided: the registry's design is added as a reason
  "... (registry record; the entry's own metadata kept)";
- the title decided before and the record decides otherwise: the title's
  design is added as "... (title cue; the registry record preferred)".

Reasons that came from the record name it: ``registry:pubmed`` for types and
tags, ``registry:pubmed:abstract`` for cues in a registry abstract. Notices in
the records (retraction, expression of concern, correction) set the
retraction status when they are more severe than what is already known.
"""

from __future__ import annotations

from references.evidence import assess
from references.evidence.source_type import type_conclusions
from references.lookup.records import WorkRecord
from references.models import EvidenceReason, Reference, RetractionStatus, StudyDesign
from references.retractions import NOTICE_SEVERITY

__all__ = ["with_records"]

# The registry whose types are trusted first: PubMed indexers assign designs; the others only broad types.
_ORDER = {"pubmed": 0, "europepmc": 1, "openalex": 2, "crossref": 3}


def _own_design_metadata(ref: Reference) -> bool:
    explicit = (ref.extra.get("evidence_level") or ref.extra.get("evidence-level") or "").strip()
    return bool(explicit) or any(key == "design" for _, key, _ in type_conclusions(ref))


def _deciding_reason(ref: Reference) -> EvidenceReason | None:
    design = ref.evidence.design.value
    return next((r for r in ref.evidence.reasons if r.conclusion.startswith(f"design={design}")), None)


def _registry_types(records: list[WorkRecord], own: set[str]) -> dict[str, str]:
    """Type name -> the registry that gave it, in trust order, without the entry's own types."""
    out: dict[str, str] = {}
    for rec in sorted(records, key=lambda r: _ORDER.get(r.source, 9)):
        for name in rec.types:
            if name not in own:
                out.setdefault(name, rec.source)
    return out


def _relabel(reasons: list[EvidenceReason], types: dict[str, str], abstract_from: str | None) -> list[EvidenceReason]:
    tags = {"species=human": types.get("Humans"), "species=animal": types.get("Animals")}
    out = []
    for r in reasons:
        if r.field == "publication_type" and tags.get(r.conclusion):  # a MeSH check tag: cue is the species
            r = r.model_copy(update={"field": f"registry:{tags[r.conclusion]}", "cue": f"MeSH {r.cue}"})
        elif r.field == "publication_type" and r.cue in types:
            r = r.model_copy(update={"field": f"registry:{types[r.cue]}"})
        elif r.field == "abstract" and abstract_from:
            r = r.model_copy(update={"field": f"registry:{abstract_from}:abstract"})
        out.append(r)
    return out


def _notices(assessed: Reference, records: list[WorkRecord]) -> Reference:
    ev = assessed.evidence
    best = None
    for rec in records:
        for notice in rec.notices:
            if NOTICE_SEVERITY[notice.status] > NOTICE_SEVERITY[best[1].status if best else ev.retraction]:
                best = (rec, notice)
    if best is None:
        return assessed
    rec, notice = best
    reason = EvidenceReason(
        field=f"registry:{rec.source}", cue=notice.detail, conclusion=f"retraction={notice.status.value}"
    )
    evidence = ev.model_copy(
        update={
            "retraction": notice.status,
            "retracted": notice.status is RetractionStatus.RETRACTED,
            "retraction_source": f"{rec.label()}: {notice.detail}",
            "reasons": [*ev.reasons, reason],
        }
    )
    return assessed.model_copy(update={"evidence": evidence})


def with_records(ref: Reference, records: list[WorkRecord]) -> Reference:
    """``ref`` re-assessed with what the matched ``records`` know (see module docstring).

    ``ref`` is an assessed entry (``assess`` already ran); the returned copy keeps the
    entry's own fields and adds the record's types to ``publication_types`` and its
    abstract when the entry had none."""
    if not records:
        return ref
    own_types = set(ref.publication_types)
    types = _registry_types(records, own_types)
    own_metadata = _own_design_metadata(ref)
    if own_metadata:  # the entry's metadata decides the design: take only species tags and source types
        table = {
            name: key for name, key, _ in type_conclusions(ref.model_copy(update={"publication_types": list(types)}))
        }
        added = [t for t in types if table.get(t) in ("species", "source")]
    else:
        added = list(types)
    abstract_rec = None if ref.abstract else next((r for r in records if r.abstract), None)
    enriched = ref.model_copy(
        update={
            "publication_types": [*ref.publication_types, *added],
            "abstract": ref.abstract or (abstract_rec.abstract if abstract_rec else None),
        }
    )
    assessed = assess(enriched)
    reasons = _relabel(
        assessed.evidence.reasons, {t: types[t] for t in added}, abstract_rec.source if abstract_rec else None
    )
    before = ref.evidence.design
    after = assessed.evidence.design
    if own_metadata:
        alone = assess(ref.model_copy(update={"publication_types": list(types), "extra": {}, "title": None}))
        if alone.evidence.design not in (StudyDesign.UNKNOWN, after):
            cue = next((r.cue for r in alone.evidence.reasons if r.field == "publication_type"), "")
            source = types.get(cue, records[0].source)
            reasons.append(
                EvidenceReason(
                    field=f"registry:{source}",
                    cue=cue,
                    conclusion=f"design={alone.evidence.design.value} (registry record; the entry's own metadata kept)",
                )
            )
    elif before is not StudyDesign.UNKNOWN and before is not after:
        old = _deciding_reason(ref)
        if old is not None:
            reasons.append(
                old.model_copy(
                    update={"conclusion": f"{old.conclusion} ({old.field} cue; the registry record preferred)"}
                )
            )
    assessed = assessed.model_copy(update={"evidence": assessed.evidence.model_copy(update={"reasons": reasons})})
    return _notices(assessed, records)
