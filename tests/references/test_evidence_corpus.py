"""Evidence assessment on the reference lists of the shared corpus (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from references.evidence import assess
from references.models import EvidenceLevel, SourceType, Species, StudyDesign
from references.reflist import find_reference_list

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"


def entries(prefix: str):
    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not found:
        pytest.skip(f"shared corpus file {prefix}_*.txt not present")
    found_list = find_reference_list(found[0].read_text(encoding="utf-8"))
    assert found_list is not None
    return [assess(r) for r in found_list.entries]


def by_title(refs, words: str):
    hits = [r for r in refs if words.lower() in (r.title or r.raw).lower()]
    assert hits, words
    return hits


def test_001_web_pages_and_review():
    refs = entries("001")
    for r in refs:
        if "MayoClinic" in r.raw or "National Institute of Neurological" in r.raw:
            assert r.source_type is SourceType.WEB_PAGE and r.evidence.level is EvidenceLevel.NON_SCHOLARLY, r.raw
    review = by_title(refs, "the evidence thus far")[0]
    assert review.evidence.design is StudyDesign.NARRATIVE_REVIEW and review.source_type is SourceType.JOURNAL_ARTICLE


def test_002_preprint_preclinical_meta_analyses_case_series():
    refs = entries("002")
    biorxiv = [r for r in refs if "biorxiv" in r.raw.lower()]
    assert biorxiv and all(r.source_type is SourceType.PREPRINT and r.evidence.peer_reviewed is False for r in biorxiv)
    for words in (" rat ", "mice", "organotypic hippocampal slice cultures"):
        for r in [r for r in refs if words in f" {r.title} "]:
            assert r.evidence.level is EvidenceLevel.PRECLINICAL, r.title
    assert any(r.evidence.species is Species.IN_VITRO for r in by_title(refs, "organotypic"))
    for r in by_title(refs, "systematic review and meta-analysis"):
        assert r.evidence.level is EvidenceLevel.L1, r.title
    assert by_title(refs, "a case series")[0].evidence.level is EvidenceLevel.L4


def test_002_no_false_preclinical_or_web_page():
    refs = entries("002")
    assert not [r for r in refs if r.source_type is SourceType.WEB_PAGE]
    for r in refs:
        if r.evidence.level is EvidenceLevel.PRECLINICAL:
            assert r.evidence.species in (Species.ANIMAL, Species.IN_VITRO)
            assert "patients" not in (r.title or "").lower(), r.title
