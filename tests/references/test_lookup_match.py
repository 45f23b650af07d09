"""Scored matching: identifiers that resolve to another work, typing errors, search acceptance, ambiguity."""

from __future__ import annotations

from references.lookup.match import best_match, compare, title_score
from references.lookup.records import WorkRecord
from references.models import Author, Reference

RECORD = WorkRecord(
    source="pubmed",
    id="29768149",
    doi="10.1056/nejmoa1715274",
    title="Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.",
    authors=["O'Byrne", "FitzGerald", "Bateman"],
    year=2018,
    venue="The New England journal of medicine",
    venue_short="N Engl J Med",
)


def ref(**fields: object) -> Reference:
    base = {
        "key": "1",
        "title": "Inhaled combined budesonide-formoterol as needed in mild asthma",
        "authors": [Author(family="O'Byrne", given="PM")],
        "year": "2018",
        "venue": "N Engl J Med",
        "doi": "10.1056/NEJMoa1715274",
    }
    return Reference.model_validate({**base, **fields})


def test_same_work_by_doi_matches():
    m = compare(ref(), RECORD, by_identifier=True)
    assert m.decision == "match" and m.differences == [] and m.score == 100.0


def test_typing_errors_and_an_online_first_year_still_match():
    m = compare(
        ref(title="Inhaled combined budesonide formoterol as-needed in mild asthma", year="2019", venue="NEJM"),
        RECORD,
        by_identifier=True,
    )
    assert m.decision in ("match", "mismatch")
    assert not [d for d in m.differences if d.field in ("title", "year")]


def test_wrong_year_is_a_mismatch_with_both_values():
    m = compare(ref(year="2014"), RECORD, by_identifier=True)
    assert m.decision == "mismatch"
    [diff] = m.differences
    assert (diff.field, diff.reference, diff.registry) == ("year", "2014", "2018")


def test_doi_of_another_work():
    other = ref(title="Thyroid storm in pediatrics: a systematic review", authors=[Author(family="Abisad")])
    m = compare(other, RECORD, by_identifier=True)
    assert m.decision == "other_work"
    assert m.differences[0].field == "doi" and "Budesonide" in m.differences[0].registry


def test_venue_abbreviations_agree():
    for venue in ("N Engl J Med", "New England Journal of Medicine", "The New England journal of medicine"):
        assert not [d for d in compare(ref(venue=venue), RECORD, by_identifier=True).differences if d.field == "venue"]
    assert compare(ref(venue="Lancet Respir Med"), RECORD, by_identifier=True).differences[0].field == "venue"


def test_search_needs_a_close_title():
    near = compare(ref(doi=None), RECORD, by_identifier=False)
    assert near.decision == "match"
    far = compare(ref(doi=None, title="Budesonide maintenance in severe asthma"), RECORD, by_identifier=False)
    assert far.decision == "no_match"


def test_subtitle_dropped_scores_high():
    assert title_score("Thyroid storm in pediatrics", "Thyroid storm in pediatrics: a systematic review") >= 95


def test_two_works_that_fit_equally_are_ambiguous():
    twin = RECORD.model_copy(update={"id": "99999999", "doi": "10.1056/other", "source": "pubmed"})
    best, rivals = best_match(ref(doi=None), [RECORD, twin], by_identifier=False)
    assert best is not None and [r.record.id for r in rivals] == ["99999999"]
    alone, none = best_match(ref(doi=None), [RECORD], by_identifier=False)
    assert alone is not None and none == []


def test_no_accepted_candidate_still_reports_the_closest():
    far = ref(doi=None, title="Budesonide maintenance in severe asthma")
    closest, _ = best_match(far, [RECORD], by_identifier=False)
    assert closest is not None and closest.decision == "no_match" and 0 < closest.score < 100
    assert best_match(far, [], by_identifier=False) == (None, [])
