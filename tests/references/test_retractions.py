"""Retraction lists: Retraction Watch CSV and DOI lists, DOI and fuzzy title matching, apply()."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from references.errors import ReferenceParseError
from references.models import Author, Reference, RetractionStatus
from references.retractions import RetractionIndex, apply, normalize_doi

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def index() -> RetractionIndex:
    return RetractionIndex.load(DATA / "retraction_watch_sample.csv")


def ref(key="1", **kw) -> Reference:
    return Reference(key=key, **kw)


def test_csv_loads_every_row_including_multiline_notes(index):
    assert len(index) == 7


def test_doi_match_is_exact_and_case_insensitive(index):
    found = index.match(ref(doi="https://doi.org/10.1016/s0140-6736(97)11096-0"))
    assert found is not None
    assert found.status is RetractionStatus.RETRACTED
    assert (found.method, found.record_id, found.score) == ("doi", "90001", 100.0)
    assert "Retraction Watch record 90001" in found.describe()


def test_nature_distinguishes_concern_and_correction(index):
    assert index.match(ref(doi="10.5555/eoc.paper")).status is RetractionStatus.EXPRESSION_OF_CONCERN
    assert index.match(ref(doi="10.5555/corr.paper")).status is RetractionStatus.CORRECTION


def test_later_reinstatement_cancels_the_retraction(index):
    assert index.match(ref(doi="10.5555/rein.paper")) is None


def test_unknown_doi_does_not_fall_back_to_a_wrong_title(index):
    assert (
        index.match(ref(doi="10.5555/unrelated", title="Something else", authors=[Author(family="Wakefield")])) is None
    )


def test_fuzzy_title_author_year_match(index):
    r = ref(
        title="Ileal lymphoid nodular hyperplasia, non specific colitis and pervasive developmental disorder in children.",
        authors=[Author(family="Wakefield", given="AJ")],
        year="1998",
    )
    found = index.match(r)
    assert found is not None and found.method == "title" and found.score >= 92


@pytest.mark.parametrize(
    "title, family, year",
    [
        ("Ileal-lymphoid-nodular hyperplasia in adults: a different paper", "Wakefield", "1998"),  # title differs
        (
            "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children",
            "Smith",
            "1998",
        ),
        (
            "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children",
            "Wakefield",
            "2005",
        ),
    ],
)
def test_fuzzy_near_misses_do_not_match(index, title, family, year):
    assert index.match(ref(title=title, authors=[Author(family=family)], year=year)) is None


def test_title_match_without_doi_in_the_list(index):
    r = ref(
        title="Gut microbiota transplantation reverses anxiety in mice without a DOI on record",
        authors=[Author(family="Tanaka", given="H")],
        year="2021",
    )
    assert index.match(r).record_id == "90007"


def test_accented_author_names_fold(index):
    r = ref(
        title="An expression-of-concern test paper about glutamate and rTMS",
        authors=[Author(family="Muller")],
        year="2019",
    )
    assert index.match(r).status is RetractionStatus.EXPRESSION_OF_CONCERN


def test_plain_doi_list(tmp_path):
    idx = RetractionIndex.load(DATA / "retracted_dois.txt")
    assert len(idx) == 2
    assert idx.match(ref(doi="10.1016/S0140-6736(20)31180-6")).status is RetractionStatus.RETRACTED


def test_apply_marks_copies_and_keeps_others(index):
    refs = [
        ref("1", doi="10.1016/S0140-6736(97)11096-0"),
        ref("2", doi="10.5555/corr.paper"),
        ref("3", doi="10.1/none"),
    ]
    out = apply(refs, index)
    assert out[0].evidence.retracted and out[0].evidence.retraction is RetractionStatus.RETRACTED
    assert out[0].evidence.retraction_source.startswith("Retraction Watch record 90001")
    assert not out[1].evidence.retracted and out[1].evidence.retraction is RetractionStatus.CORRECTION
    assert out[2] is refs[2]
    assert not refs[0].evidence.retracted  # inputs untouched


def test_assess_keeps_a_status_set_by_apply(index):
    from references.evidence import assess

    out = assess(apply([ref("1", doi="10.1016/S0140-6736(97)11096-0", title="Some title")], index)[0])
    assert out.evidence.retracted
    assert any(r.field == "retraction_list" for r in out.evidence.reasons)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ReferenceParseError, match="cannot read"):
        RetractionIndex.load(tmp_path / "absent.csv")


@given(st.text(max_size=60))
def test_normalize_doi_never_crashes_and_is_lowercase(text):
    out = normalize_doi(text)
    assert out is None or (out.startswith("10.") and out == out.lower())
