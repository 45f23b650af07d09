"""CIT010 reference-not-found and CIT011 metadata-mismatch on hand-built registry verdicts (the
end-to-end runs against the recorded registries are in tests/cli/test_cli_lookups.py)."""

from __future__ import annotations

from helpers import cited_context as build

from references.models import Reference, RegistryAnswer, RegistryCheck, RegistryDifference, RegistryStatus
from verifier.models import Confidence
from verifier.rules.cit.cit010_reference_not_found import ReferenceNotFound
from verifier.rules.cit.cit011_metadata_mismatch import MetadataMismatch


def answer(registry: str, outcome: str = "not_found", by: str = "title", score: float | None = None) -> RegistryAnswer:
    return RegistryAnswer(registry=registry, outcome=outcome, by=by, score=score, why="no record")


def ref(check: RegistryCheck | None, key: str = "1", doi: str | None = None) -> Reference:
    return Reference(key=key, title="A study", doi=doi, registry=check)


def not_found(*answers: RegistryAnswer) -> RegistryCheck:
    return RegistryCheck(status=RegistryStatus.NOT_FOUND, checked=list(answers), why="no record")


def run(rule, refs):
    ctx = build([("Oxytocin reverses withdrawal", [r.key for r in refs])], refs)
    return list(rule.check(ctx))


def test_cit010_flags_a_reference_no_registry_knows():
    check = not_found(answer("crossref", by="doi"), answer("pubmed", by="doi"), answer("openalex", by="doi"))
    [f] = run(ReferenceNotFound(), [ref(check, doi="10.1/x")])
    assert f.code == "CIT010" and f.confidence is Confidence.HIGH and f.reference_keys == ["1"]
    assert "DOI 10.1/x does not resolve" in f.message and "Crossref, PubMed, OpenAlex" in f.message
    assert f.quoted == "[1]" and [t.text for t in f.evidence] == [
        "crossref: not_found",
        "pubmed: not_found",
        "openalex: not_found",
    ]


def test_cit010_confidence_follows_the_answers():
    one = run(ReferenceNotFound(), [ref(not_found(answer("crossref")))])
    two = run(ReferenceNotFound(), [ref(not_found(answer("crossref"), answer("pubmed")))])
    near = run(
        ReferenceNotFound(), [ref(not_found(answer("crossref", score=82), answer("pubmed"), answer("openalex")))]
    )
    assert [f.confidence for f in (*one, *two, *near)] == [Confidence.LOW, Confidence.MEDIUM, Confidence.LOW]


def test_cit010_clean_when_matched_not_checked_or_lookups_off():
    refs = [
        ref(RegistryCheck(status=RegistryStatus.MATCHED, source="pubmed", id="1"), key="1"),
        ref(RegistryCheck(status=RegistryStatus.NOT_CHECKED, why="pubmed: timeout"), key="2"),
        ref(None, key="3"),
    ]
    assert run(ReferenceNotFound(), refs) == []
    assert run(MetadataMismatch(), refs) == []


def test_cit011_shows_both_values():
    check = RegistryCheck(
        status=RegistryStatus.MISMATCH,
        source="crossref",
        id="10.1/y",
        differences=[RegistryDifference(field="year", reference="2015", registry="2012")],
        checked=[answer("crossref", "found", "doi", 90)],
    )
    [f] = run(MetadataMismatch(), [ref(check, doi="10.1/y")])
    assert f.code == "CIT011" and f.confidence is Confidence.MEDIUM
    assert "Crossref record 10.1/y" in f.message and "year '2015' in the entry vs '2012' in the record" in f.message
    assert f.evidence[0].text == "year: entry '2015' / registry '2012'"


def test_cit011_another_works_doi_is_high_confidence():
    check = RegistryCheck(
        status=RegistryStatus.MISMATCH,
        source="crossref",
        id="10.1/z",
        differences=[RegistryDifference(field="doi", reference="DOI 10.1/z", registry="Another paper (Lee, 2012)")],
    )
    [f] = run(MetadataMismatch(), [ref(check, doi="10.1/z")])
    assert f.confidence is Confidence.HIGH and "belongs to another work, Another paper (Lee, 2012)" in f.message
