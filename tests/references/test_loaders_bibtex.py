"""BibTeX loading: LaTeX decoding, name splitting, bad input reported with its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from references.errors import ReferenceParseError
from references.loaders import load_bibtex, load_reference_file

GOOD = r"""@string{jn = "J. Neurosci."}
@article{vlachos2012,
  author = {Vlachos, Andreas and M{\"u}ller-Dahlhaus, Florian and van den Berg, J. and {World Health Organization}},
  title = {Repetitive magnetic stimulation {induces} plasticity},
  journal = jn,
  year = 2012,
  doi = {https://doi.org/10.1523/JNEUROSCI.1234-12.2012},
  keywords = {randomized controlled trial; mouse},
  abstract = {We stimulated slices.},
  note = {Preclinical},
  evidence_level = {preclinical},
  pubtype = {Journal Article; Randomized Controlled Trial},
}
@online{mayo,
  author = {{Mayo Clinic}},
  title = {Transcranial magnetic stimulation},
  url = {https://example.org/tms},
  urldate = {2024-01-02},
  year = {2023},
}
"""


def test_fields_names_and_provenance() -> None:
    refs, skipped = load_bibtex(GOOD, "refs.bib")
    assert skipped == []
    first, web = refs
    assert first.key == "vlachos2012" and first.start_line == 2 and first.source_path == "refs.bib"
    assert [a.family for a in first.authors] == [
        "Vlachos",
        "Müller-Dahlhaus",
        "van den Berg",
        "World Health Organization",
    ]
    assert first.authors[0].given == "Andreas"
    assert first.venue == "J. Neurosci." and first.year == "2012"
    assert first.title == "Repetitive magnetic stimulation induces plasticity"
    assert first.doi == "10.1523/jneurosci.1234-12.2012"
    assert first.keywords == ["randomized controlled trial", "mouse"]
    assert first.publication_types == ["Journal Article", "Randomized Controlled Trial"]
    assert first.abstract == "We stimulated slices."
    assert first.extra["note"] == "Preclinical" and first.extra["evidence_level"] == "preclinical"
    assert first.raw.startswith("@article{vlachos2012") and first.source_type.value == "journal_article"
    assert web.source_type.value == "web_page" and web.authors[0].family == "Mayo Clinic"
    assert web.accessed == "2024-01-02"


def test_malformed_entry_reported_with_line_and_rest_kept() -> None:
    text = "@article{ok1, title={One}, year={2001}}\n@article{broken,\n  author = {Foo, Bar,\n  title = {x}\n@book{ok2, title={Two}, year={2002}}\n"
    refs, skipped = load_bibtex(text, "x.bib")
    assert [r.key for r in refs] == ["ok1", "ok2"]
    assert len(skipped) == 1 and skipped[0].where == "x.bib:2" and "malformed BibTeX" in skipped[0].why


def test_duplicate_key_kept_under_new_key_and_marked() -> None:
    text = "@article{a, title={First}, year={2001}}\n\n@article{a, title={Second}, year={2002}}\n"
    refs, skipped = load_bibtex(text, "d.bib")
    assert [r.key for r in refs] == ["a", "a~3"]
    assert refs[1].extra["duplicate_key_of"] == "a" and refs[1].title == "Second"
    assert "duplicate key 'a' (first at line 1)" in skipped[0].why and skipped[0].where == "d.bib:3"


def test_duplicate_field_keeps_first_value() -> None:
    refs, skipped = load_bibtex("@article{f, title={A}, title={B}, journal = {J}}\n", "f.bib")
    assert refs[0].title == "A" and "kept the first value" in skipped[0].why


def test_large_entry_loads_whole() -> None:
    # its speed is measured by benchmarks/adversarial.py, not asserted here
    text = "@article{big, author={Lee, K}, title={T}, year={2001}, abstract={" + "word " * 20000 + "}}\n"
    refs, _ = load_bibtex(text, "big.bib")
    assert len(refs[0].abstract or "") > 99000


def test_non_utf8_file_loads_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "latin.bib"
    path.write_bytes(
        "@article{m,\n author={M\u00fcller, J\u00fcrgen},\n title={\u00dcber}, year=1999}\n".encode("cp1252")
    )
    refs, skipped = load_reference_file(str(path))
    assert refs[0].authors[0].family == "Müller" and refs[0].title == "Über"
    assert skipped[0].what == "encoding" and skipped[0].where.endswith(":2")


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary\x00", b"just some words, no entries"])
def test_unreadable_files_raise_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.bib"
    path.write_bytes(content)
    with pytest.raises(ReferenceParseError) as info:
        load_reference_file(str(path))
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(ReferenceParseError):
        load_reference_file(str(tmp_path / "nope.bib"))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('@{}=,"\\ \nabtiler0123')), max_size=200))
def test_never_raises_and_lines_are_in_range(text: str) -> None:
    refs, skipped = load_bibtex(text, "h.bib")
    lines = text.count("\n") + 1
    for ref in refs:
        assert ref.start_line is None or 1 <= ref.start_line <= lines
    for item in skipped:
        assert item.where.startswith("h.bib")
