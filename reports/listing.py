"""Listings for ``verifier claims`` and ``verifier refs``: the raw material of a
report (claims with markers and features; entries with fields, evidence and
the markers that cite them) without findings."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TextIO

from reports.safe_text import SafeWriter, escape_in_json
from verifier.models import Report


def _head(report: Report) -> dict[str, object]:
    return {
        "schema_version": report.schema_version,
        "tool": report.tool.model_dump(mode="json"),
        "input": report.input.model_dump(mode="json"),
    }


def render_claims_json(report: Report, out: TextIO) -> None:
    data = {**_head(report), "claims": [c.model_dump(mode="json") for c in report.claims]}
    out.write(escape_in_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


def render_claims_text(report: Report, out: TextIO, *, include_all: bool = False) -> None:
    out = SafeWriter(out)  # type: ignore[assignment]  # manuscript text: no terminal controls
    shown = 0
    for claim in report.claims:
        if not (claim.checkworthy or include_all):
            continue
        shown += 1
        f = claim.features
        flags = [
            "check-worthy" if claim.checkworthy else f"not check-worthy ({f.checkworthy_reason or 'n/a'})",
            f"certainty={f.certainty.value}",
            f"causality={f.causality.value}",
        ]
        if f.direction.value != "none":
            flags.append(f"direction={f.direction.value}{' (negated)' if f.negated else ''}")
        if f.population.value != "unspecified":
            flags.append(f"population={f.population.value}")
        text = " ".join(claim.text.split())
        out.write(f"{claim.id} {claim.span.line}:{claim.span.column} [{claim.section or '-'}] {text}\n")
        out.write(f"    {', '.join(flags)}\n")
        for m in claim.markers:
            keys = ", ".join(m.keys) or ", ".join(m.authors)
            out.write(f"    marker {' '.join(m.text.split())!s} ({m.style.value}) -> {keys}\n")
        if claim.continues:
            out.write(f"    continues {claim.continues}\n")
    out.write(f"{shown} of {len(report.claims)} claims shown\n")


def _cited_by(report: Report) -> dict[str, list[str]]:
    where: dict[str, list[str]] = defaultdict(list)
    for link in report.links:
        if link.reference_key is not None and link.status.value == "linked":
            where[link.reference_key].append(f"{link.claim_id}@{link.marker_span.line}:{link.marker_span.column}")
    return where


def render_refs_json(report: Report, out: TextIO) -> None:
    cited = _cited_by(report)
    refs = [{**r.model_dump(mode="json"), "cited_by": cited.get(r.key, [])} for r in report.references]
    dangling = [lk.model_dump(mode="json") for lk in report.links if lk.status.value in ("dangling", "ambiguous")]
    data = {
        **_head(report),
        "references": refs,
        "unresolved": dangling,
        "skipped": [s.model_dump(mode="json") for s in report.skipped],
    }
    out.write(escape_in_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


def render_refs_text(report: Report, out: TextIO) -> None:
    out = SafeWriter(out)  # type: ignore[assignment]  # manuscript text: no terminal controls
    cited = _cited_by(report)
    for ref in report.references:
        ev = ref.evidence
        authors = "; ".join(f"{a.family} {a.given or ''}".strip() for a in ref.authors[:3])
        if len(ref.authors) > 3:
            authors += " et al."
        out.write(
            f"[{ref.key}] {authors or '-'} ({ref.year or 'n.d.'}) {ref.title or ' '.join(ref.raw.split())[:120]}\n"
        )
        ids = ", ".join(f"{k}={v}" for k, v in (("doi", ref.doi), ("pmid", ref.pmid), ("url", ref.url)) if v)
        out.write(f"    {ref.source_type.value}; {ref.venue or '-'}{'; ' + ids if ids else ''}\n")
        n = f", n={ev.sample_size}" if ev.sample_size else ""
        review = "" if ev.peer_reviewed is None else (", peer reviewed" if ev.peer_reviewed else ", NOT peer reviewed")
        retracted = f", {ev.retraction.value.upper()}" if ev.retraction.value != "none" else ""
        out.write(
            f"    evidence: level {ev.level.value}, design {ev.design.value}, species {ev.species.value}{n}{review}{retracted}\n"
        )
        for reason in ev.reasons:
            out.write(f"      because {reason.field}: '{reason.cue}' -> {reason.conclusion}\n")
        places = cited.get(ref.key, [])
        out.write(f"    cited {len(places)}x{': ' + ', '.join(places) if places else ''}\n")
    for link in report.links:
        if link.status.value in ("dangling", "ambiguous"):
            out.write(
                f"unresolved {link.cited!r} at {link.marker_span.line}:{link.marker_span.column} ({link.status.value})\n"
            )
    for s in report.skipped:
        out.write(f"skipped {s.what} at {s.where}: {s.why}\n")
    out.write(f"{len(report.references)} references\n")
