"""Regressions found by the property tests and the hand-made adversarial runs of the CLI.

Each test holds the smallest input that failed, and what must happen instead: a
complete report, or one line on stderr with exit 2 and no file written or overwritten.
"""

from __future__ import annotations

import hashlib
import os

import pytest
from helpers import count_calls

from references import dedupe
from references.dedupe import find_duplicates
from references.loaders import load_bibtex, load_reference_file
from references.models import Author, Reference
from verifier.cli import main

MANUSCRIPT = "Ketamine cures depression [1].\n"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def assert_one_line_error(code: int, err: str, *needles: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("verifier: error: "), err
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture
def manuscript(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    return path


# ---------------------------------------------------------------- reference loaders


def test_bibtex_entry_without_key_is_skipped_not_loaded_with_empty_key():
    refs, skipped = load_bibtex("@article{a, title={x}}\n@book{}", "x.bib")
    assert [r.key for r in refs] == ["a"]
    assert [(s.where, s.why) for s in skipped] == [("x.bib:2", "entry has no citation key")]


def test_bibtex_duplicate_key_hidden_by_duplicate_field_is_still_renamed():
    # bibtexparser sets the second entry aside for its duplicate field and never sees its key twice
    refs, skipped = load_bibtex("@article{a,\n\n}\n@article{a,\n  title = {},\n  title = {}\n}", "x.bib")
    assert [r.key for r in refs] == ["a", "a~4"]
    assert refs[1].extra["duplicate_key_of"] == "a"
    assert any("duplicate key 'a'" in s.why for s in skipped)


def test_near_miss_distinct_bibtex_keys_are_kept_as_written():
    refs, skipped = load_bibtex("@article{a, title={x}}\n@article{b, title={x}}", "x.bib")
    assert [r.key for r in refs] == ["a", "b"] and not skipped


def test_reference_file_of_keyless_entries_only_is_not_a_crash(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text("@book{}\n", encoding="utf-8")
    refs, skipped = load_reference_file(str(path))
    assert refs == [] and len(skipped) == 1


# ---------------------------------------------------------------- linear duplicate search


def _ref(i: int, title: str, doi: str | None = None) -> Reference:
    return Reference(key=str(i), authors=[Author(family="Smith", given="J")], year="2020", title=title, doi=doi)


def test_duplicate_search_is_linear_in_one_big_author_year_bucket(monkeypatch):
    # 1 MB reference list, every entry by the same first author in the same year: was quadratic (40 s)
    refs = [_ref(i, f"A randomized controlled trial of thing {i}", doi=f"10.1/x{i}") for i in range(4000)]
    compared = count_calls(monkeypatch, dedupe, "_same_work")
    assert find_duplicates(refs) == []
    assert compared.count <= 4000 * dedupe._MAX_PEERS, compared.count  # was 4000 * 3999 / 2


def test_duplicate_search_still_finds_a_repeat_in_a_big_bucket():
    titles = [
        " ".join(["".join(chr(97 + b % 26) for b in hashlib.md5(f"{i}/{w}".encode()).digest()[:7]) for w in range(4)])
        for i in range(300)
    ]  # four random letter words each: no two alike
    refs = [_ref(i, title) for i, title in enumerate(titles)]
    refs.append(_ref(300, titles[299].upper()))
    assert [(d.original, d.duplicate) for d in find_duplicates(refs)] == [("299", "300")]


# ---------------------------------------------------------------- CLI


def test_unknown_select_code_is_an_error_not_an_empty_report(manuscript, capsys):
    code, out, err = run(["check", str(manuscript), "--select", "NOPE"], capsys)
    assert_one_line_error(code, err, "NOPE")
    assert out == ""


def test_known_prefixes_still_select(manuscript, capsys):
    code, out, err = run(["check", str(manuscript), "--select", "OVR,CIT00", "--ignore", "SUP", "-f", "json"], capsys)
    assert code == 0 and '"OVR005"' in out and not err


def test_output_onto_the_input_is_refused_and_the_input_kept(manuscript, capsys):
    code, _, err = run(["check", str(manuscript), "-f", "json", "-o", str(manuscript)], capsys)
    assert_one_line_error(code, err, "input file")
    assert manuscript.read_text(encoding="utf-8") == MANUSCRIPT


def test_output_onto_a_reference_file_is_refused(manuscript, tmp_path, capsys):
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{a, title={x}}\n", encoding="utf-8")
    code, _, err = run(
        [
            "check",
            str(manuscript),
            "-r",
            str(bib),
            "-f",
            "json",
            "-f",
            "html",
            "-o",
            f"json={tmp_path / 'out.json'}",
            "-o",
            f"html={bib}",
        ],
        capsys,
    )
    assert_one_line_error(code, err, "input file")
    assert bib.read_text(encoding="utf-8") == "@article{a, title={x}}\n"
    assert not (tmp_path / "out.json").exists()


def test_one_missing_output_folder_writes_no_report_at_all(manuscript, tmp_path, capsys):
    code, _, err = run(
        [
            "check",
            str(manuscript),
            "-f",
            "json",
            "-f",
            "html",
            "-o",
            f"json={tmp_path / 'a.json'}",
            "-o",
            f"html={tmp_path / 'missing' / 'b.html'}",
        ],
        capsys,
    )
    assert_one_line_error(code, err, "not an existing folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.txt"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder_is_one_line(manuscript, tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, _, err = run(["check", str(manuscript), "-f", "json", "-o", str(folder / "x.json")], capsys)
    finally:
        folder.chmod(0o755)
    assert_one_line_error(code, err, "not writable")


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\xff" * 64, b"just some words\n"])
def test_retraction_list_without_records_is_an_error(manuscript, tmp_path, capsys, content):
    bad = tmp_path / "retractions.csv"
    bad.write_bytes(content)
    code, _, err = run(["check", str(manuscript), "--retractions", str(bad)], capsys)
    assert_one_line_error(code, err, "no retraction records")


def test_doi_list_retractions_still_load(manuscript, tmp_path, capsys):
    good = tmp_path / "retracted.txt"
    good.write_text("10.1016/s0140-6736(97)11096-0\n", encoding="utf-8")
    code, _, err = run(["check", str(manuscript), "--retractions", str(good)], capsys)
    assert code == 0 and not err


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda d: d, "cannot read reference file"),
        (lambda d: _write(d / "bin.bib", bytes(range(256)) * 4), "binary file"),
        (lambda d: _write(d / "empty.bib", b""), "empty reference file"),
        (lambda d: _write(d / "notes.txt", b"plain words, no entries\n"), "not a BibTeX"),
    ],
)
def test_bad_reference_files_are_one_line(manuscript, tmp_path, capsys, make, needle):
    code, _, err = run(["check", str(manuscript), "--refs", str(make(tmp_path))], capsys)
    assert_one_line_error(code, err, needle)


def test_sources_pointing_at_a_file_is_one_line(manuscript, capsys):
    code, _, err = run(["check", str(manuscript), "--sources", str(manuscript)], capsys)
    assert_one_line_error(code, err, "--sources needs a folder")


def test_text_of_only_markers_and_only_headings_gives_reports(tmp_path, capsys):
    markers = tmp_path / "markers.txt"
    markers.write_text(
        " ".join(["[1]", "(2)", "[3-5]", "¹²", "\\cite{a}", "[@k]", "(Smith et al., 2020)"] * 200), encoding="utf-8"
    )
    headings = tmp_path / "headings.md"
    headings.write_text("".join(f"# Heading {i}\n" for i in range(5000)), encoding="utf-8")
    for path in (markers, headings):
        code, out, err = run(["check", str(path), "-f", "json", "--select", "ALL", "--preview"], capsys)
        assert code == 0 and out.startswith("{") and not err


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_repeated_bibitem_key_in_the_document_stays_unique():
    from references.reflist import find_reference_list

    text = (
        "\n\\begin{thebibliography}{9}\n \\bibitem{a} A. Author, Title, Journal, 2001.\n"
        "\\bibitem{a} A. Author, Title, Journal, 2001.\n\\bibitem{ } B. Other, A title here, Journal, 2003."
    )
    entries = find_reference_list(text).entries
    assert [e.key for e in entries] == ["a", "a~4", "other2003"]
    assert entries[1].extra["duplicate_key_of"] == "a"
