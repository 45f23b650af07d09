"""CSL-JSON, RIS and metadata-JSON loading, and choosing the loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from references.errors import ReferenceParseError
from references.loaders import load_csl_json, load_metadata_json, load_reference_file, load_ris

CSL = [
    {
        "id": "berg2019",
        "type": "article-journal",
        "title": "Ketamine in <i>depression</i>",
        "author": [{"family": "Berg", "non-dropping-particle": "van den", "given": "Jan"}, {"literal": "WHO"}],
        "issued": {"date-parts": [[2019, 3]]},
        "container-title": "J Affect Disord",
        "DOI": "10.1016/j.jad.2019.01.001",
        "abstract": "<p>We randomised 40 patients.</p>",
        "keyword": "ketamine, depression",
        "genre": "Randomized Controlled Trial",
    },
    7,
    {"id": "berg2019", "title": "Same id again", "type": "webpage"},
]


def test_csl_json_items_lines_and_bad_items() -> None:
    text = json.dumps(CSL, indent=1)
    refs, skipped = load_csl_json(text, "lib.json")
    first = refs[0]
    assert first.key == "berg2019" and first.start_line == 2
    assert first.authors[0].family == "van den Berg" and first.authors[1].family == "WHO"
    assert first.year == "2019" and first.doi == "10.1016/j.jad.2019.01.001"
    assert first.abstract == "We randomised 40 patients." and first.keywords == ["ketamine", "depression"]
    assert first.publication_types == ["Randomized Controlled Trial"] and first.source_type.value == "journal_article"
    assert refs[1].key.startswith("berg2019~") and refs[1].extra["duplicate_key_of"] == "berg2019"
    assert refs[1].source_type.value == "web_page"
    assert any("not an object" in s.why and s.where.startswith("lib.json:") for s in skipped)


def test_csl_json_single_object_is_read_with_a_note() -> None:
    refs, skipped = load_csl_json('{"id": "a", "type": "book", "title": "One"}', "one.json")
    assert refs[0].key == "a" and refs[0].source_type.value == "book"
    assert "not a list" in skipped[0].why


@pytest.mark.parametrize("text", ['{"foo": 1}', '[{"id": "a",]', "42"])
def test_csl_json_unreadable_raises_with_line(text: str) -> None:
    with pytest.raises(ReferenceParseError, match=r"bad\.json(:\d+)?: "):
        load_csl_json(text, "bad.json")


RIS = """TY  - JOUR
ID  - r1
AU  - Vlachos, Andreas
AU  - Müller-Dahlhaus, F.
TI  - Repetitive magnetic stimulation induces plasticity
JO  - J Neurosci
PY  - 2012///
DO  - https://doi.org/10.1523/JNEUROSCI.1234-12.2012
AB  - An abstract.
KW  - rTMS
KW  - mouse
ER  - 
stray words
TY  - ELEC
AU  - Mayo Clinic
TI  - Depression
UR  - https://example.org/depression
TY  - BOOK
AU  - Lee, K
PY  - 2019
"""


def test_ris_records_and_broken_records() -> None:
    refs, skipped = load_ris(RIS, "x.ris")
    assert [r.key for r in refs] == ["r1", "mayoclinic", "lee2019"] and refs[1].authors[0].family == "Mayo Clinic"
    first = refs[0]
    assert first.authors[1].family == "Müller-Dahlhaus" and first.year == "2012" and first.venue == "J Neurosci"
    assert (
        first.doi == "10.1523/jneurosci.1234-12.2012" and first.keywords == ["rTMS", "mouse"] and first.start_line == 1
    )
    assert refs[1].source_type.value == "web_page" and refs[1].url == "https://example.org/depression"
    assert refs[2].start_line == 18 and refs[2].source_type.value == "book"
    wheres = [s.where for s in skipped]
    assert wheres == ["x.ris:13", "x.ris:14", "x.ris:18"]


METADATA = {
    "title": "Sham-controlled rTMS in depression",
    "authors": "Ana Lopez ,&nbsp;Wei Chen ,&nbsp;Ludwig van Beethoven",
    "doi": "10.1000/xyz.2025.1",
    "abstract": "<div><h3>Methods</h3><div>Forty patients were randomized.</div></div>",
    "journal": {"name": "Journal of Things", "volume": "12 ", "pages": "Article 7"},
    "publicationDate": "2025-03-12",
    "publicationTypes": "Journal Article",
}


def test_metadata_record() -> None:
    refs, skipped = load_metadata_json(json.dumps(METADATA), "m.json")
    ref = refs[0]
    assert skipped == [] and ref.key == "lopez2025"
    assert [a.family for a in ref.authors] == ["Lopez", "Chen", "van Beethoven"]
    assert ref.abstract == "Methods Forty patients were randomized."
    assert ref.venue == "Journal of Things" and ref.volume == "12" and ref.year == "2025"
    assert ref.publication_types == ["Journal Article"] and ref.doi == "10.1000/xyz.2025.1"


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("a.bib", "@article{k, title={T}, year={2000}}", "k"),
        ("a.ris", "TY  - JOUR\nID  - k\nTI  - T\nER  - \n", "k"),
        ("a.json", json.dumps([{"id": "k", "type": "book", "title": "T"}]), "k"),
        ("a.json", json.dumps(METADATA), "lopez2025"),
        ("a.txt", "@book{k, title={T}}", "k"),
    ],
)
def test_load_reference_file_picks_the_loader(tmp_path: Path, name: str, content: str, key: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    refs, _ = load_reference_file(str(path))
    assert refs[0].key == key and refs[0].source_path == str(path)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.sampled_from(["TY  - JOUR", "AU  - Smith, J", "PY  - 2001", "ER  - ", "TI  - x", "junk", ""]), max_size=30
    )
)
def test_ris_never_raises(lines: list[str]) -> None:
    refs, skipped = load_ris("\n".join(lines), "p.ris")
    assert all(1 <= (r.start_line or 0) <= max(len(lines), 1) for r in refs)
    assert all(s.where.startswith("p.ris:") for s in skipped)


def test_two_repeats_of_one_csl_id_on_one_line_keep_distinct_keys() -> None:
    # found by hypothesis: ['a', 'a~3', 'a~3'] — both repeats start on line 3
    text = '[\n{"id": "a", "title": "T"},\n{"id": "a", "title": "T"}, {"id": "a", "title": "T"}]'
    refs, skipped = load_csl_json(text, "refs.json")
    assert [r.key for r in refs] == ["a", "a~3", "a~3~2"]
    assert [r.extra["duplicate_key_of"] for r in refs[1:]] == ["a", "a"]
    assert [s.why for s in skipped] == ["duplicate id 'a'; kept as a~3", "duplicate id 'a'; kept as a~3~2"]


def test_a_repeat_never_takes_a_key_the_file_already_uses() -> None:
    text = "TY  - JOUR\nID  - a\nTI  - T\nER  - \nTY  - JOUR\nID  - a\nTI  - T\nER  - \n"
    refs, _ = load_ris(text + "TY  - JOUR\nID  - a~5\nTI  - T\nER  - \n", "refs.ris")
    keys = [r.key for r in refs]
    assert len(set(keys)) == 3 and keys[:2] == ["a", "a~5"]
