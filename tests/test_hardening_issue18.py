"""Regression tests for the red-team findings of issues #17 and #18 (one test per finding).

Slow-input tests run a 20 kB adversarial input and assert on what was found (no wall-clock
assertion: before the fixes each of these took from tens of seconds to hours; timing lives in
``benchmarks/adversarial.py``). Output-path and special-file tests build their FIFOs, links and
files under ``tmp_path``.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import adversarial  # noqa: E402

from claims.document import analyze_document  # noqa: E402
from claims.errors import InputError  # noqa: E402
from claims.loading import decode, load_document  # noqa: E402
from claims.markers.author_year import find_author_year  # noqa: E402
from claims.markup import mask  # noqa: E402
from claims.models import Document  # noqa: E402
from claims.segment import MAX_SENTENCE_CHARS, segment  # noqa: E402
from references.errors import ReferenceParseError  # noqa: E402
from references.loaders import load_reference_file  # noqa: E402
from reports.safe_text import escape_in_json, neutralise  # noqa: E402
from reports.writer import STALE_AFTER, UnsafeTarget, target_mode, write_atomic  # noqa: E402
from verifier.cli import main  # noqa: E402
from verifier.config import VerifierConfig  # noqa: E402
from verifier.pipeline import analyze  # noqa: E402

SIZE = 20_000
MANUSCRIPT = (
    "Ketamine reduced depressive symptoms in adults [1].\n\nReferences\n\n1. Smith J. A trial. J Med. 2010;1:1-9.\n"
)


def _doc(text: str, fmt: str = "txt") -> Document:
    return Document(path=f"paper.{fmt}", text=mask(text, fmt), sha256="0" * 64, format=fmt, encoding="utf-8")


def _run(*args: str) -> tuple[int, str]:
    """The CLI's exit code and its stdout + stderr, through ``main`` (which maps errors to exit 2)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 0
    return code, out.getvalue() + err.getvalue()


# --- slow inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in adversarial.INPUTS if n != "normal"])
def test_adversarial_input_completes_with_a_full_report(name: str) -> None:
    """Every slow input of both issues, at 20 kB, gives a report with claims and no time-limit skip."""
    make, fmt = adversarial.INPUTS[name]
    report = analyze(_doc(make(SIZE), fmt), VerifierConfig())
    assert not [s for s in report.skipped if "time limit" in s.why]
    assert report.input.size > 0


def test_unclosed_author_year_groups_are_still_found_one_by_one() -> None:
    """#18: 12 "Smith et al. 200x" groups ending "; see Table 2)" (138 s for one sentence before)."""
    groups = "; ".join(f"Smith et al. {2001 + i}" for i in range(12))
    text = f"Ketamine reduced symptoms ({groups}; see Table 2) in most patients."
    cited = [m.keys for m in find_author_year(text) if m.keys]
    assert cited == [(f"Smith et al. {2001 + i}",) for i in range(12)]
    closed = f"Ketamine reduced symptoms ({groups})."
    whole = [m.keys for m in find_author_year(closed) if m.keys]
    assert len(whole) == 1 and len(whole[0]) == 12


def test_atx_heading_with_inner_spaces_keeps_its_title() -> None:
    """#18: "# Results" + 4,000 spaces + text (cubic before: 129 s for 4 kB)."""
    text = "# Results" + " " * 4000 + "and more\n\nKetamine reduced symptoms in adults [1].\n"
    doc = analyze_document(_doc(text, "md"))
    assert doc.claims and doc.claims[0].section is not None
    assert doc.claims[0].section.split() == ["Results", "and", "more"]


def test_a_sentence_longer_than_the_cap_is_read_in_pieces_with_exact_offsets() -> None:
    """#17/#18: one long line with no full stop is cut into bounded pieces, never inside a marker."""
    text = adversarial.one_long_line(3 * MAX_SENTENCE_CHARS)
    units = segment(text, [])
    assert len(units) >= 3
    assert all(u.end - u.start <= MAX_SENTENCE_CHARS for u in units)
    assert all(not text[u.start].isspace() and not text[u.end - 1].isspace() for u in units)


def test_repeated_range_beyond_the_list_is_one_dangling_link_per_marker() -> None:
    """#18: "[1-199]" repeated with a 20-entry list: 20 links + one dangling run per marker, not 199."""
    text = adversarial.range_1_199(2000)
    report = analyze(_doc(text), VerifierConfig())
    markers = sum(len(c.markers) for c in report.claims)
    assert len(report.links) == 21 * markers
    dangling = [lk for lk in report.links if lk.status.value == "dangling"]
    assert {lk.cited for lk in dangling} == {"21-199"}
    cit001 = [f for f in report.findings if f.code == "CIT001"]
    assert cit001 and "'21-199'" in cit001[0].message


# --- special input files ----------------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def test_fifo_manuscript_is_refused_without_opening_it(fifo: Path) -> None:
    with pytest.raises(InputError, match="not a regular file"):
        load_document(str(fifo))


def test_fifo_and_device_reference_files_are_refused_at_once(fifo: Path) -> None:
    for path in (str(fifo), "/dev/zero"):
        with pytest.raises(ReferenceParseError, match="not a regular file"):
            load_reference_file(path)


def test_fifo_retraction_list_and_source_are_refused(tmp_path: Path, fifo: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text(MANUSCRIPT)
    code, out = _run("check", str(paper), "--retractions", str(fifo))
    assert code == 2 and "not a regular file" in out
    sources = tmp_path / "sources"
    sources.mkdir()
    os.mkfifo(sources / "1.txt")
    code, out = _run("check", str(paper), "--sources", str(sources))
    assert code == 2 and "not a regular file" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('[{"id": "a", "title": "T", "issued": {"date-parts": [[' + "9" * 100_000 + "]]}}]", "number too long"),
    ],
)
def test_hostile_csl_json_is_one_line_naming_the_file(tmp_path: Path, content: str, message: str) -> None:
    refs = tmp_path / "refs.json"
    refs.write_text(content)
    with pytest.raises(ReferenceParseError, match=message) as err:
        load_reference_file(str(refs))
    assert str(err.value).startswith(f"{refs}:")


def test_whitespace_only_and_utf16_without_bom(tmp_path: Path) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n  ")
    with pytest.raises(InputError, match="only white space"):
        load_document(str(blank))
    text = "Ketamine reduced depressive symptoms [1].\n"
    for codec in ("utf-16-le", "utf-16-be"):
        data = text.encode(codec)
        assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        assert decode(data) == (text, "utf-16")


def test_a_heading_only_manuscript_says_nothing_was_checked() -> None:
    report = analyze(_doc("# Ketamine and depression\n", "md"), VerifierConfig())
    assert report.summary.claims == 0
    assert any("nothing was checked" in s.why for s in report.skipped)


# --- output paths -----------------------------------------------------------------------------


def test_target_mode_replaces_only_regular_files_and_new_paths(tmp_path: Path, fifo: Path) -> None:
    regular = tmp_path / "r.json"
    regular.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(regular)
    assert target_mode(tmp_path / "new.json") == "atomic"
    assert target_mode(regular) == "atomic"
    assert target_mode("/dev/null") == "through"
    assert target_mode("/dev/stdout") == "through"
    for bad, why in ((link, "symbolic link"), (fifo, "FIFO"), (tmp_path, "directory")):
        with pytest.raises(UnsafeTarget, match=why):
            target_mode(bad)
    assert link.is_symlink() and regular.read_text() == "{}"


def test_writing_to_dev_null_keeps_the_device() -> None:
    write_atomic("/dev/null", "report")
    assert Path("/dev/null").is_char_device()


def test_stale_temporaries_of_a_killed_write_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "paper.json"
    stale = tmp_path / ".paper.json.abc123.tmp"
    fresh = tmp_path / ".paper.json.def456.tmp"  # a write running right now: kept
    stale.write_text("half")
    fresh.write_text("half")
    old = stale.stat().st_mtime - STALE_AFTER - 60
    os.utime(stale, (old, old))
    write_atomic(target, "{}")
    assert target.read_text() == "{}"
    assert not stale.exists() and fresh.exists()


def test_cli_refuses_unsafe_outputs_before_any_work(tmp_path: Path, fifo: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text(MANUSCRIPT)
    config = tmp_path / "verifier.toml"
    config.write_text("select = ['ALL']\n")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "1.txt").write_text("An abstract.")
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    cases = [
        (["-o", str(fifo)], "FIFO"),
        (["-o", str(link)], "symbolic link"),
        (["-o", str(config)], "is an input file"),
        (["--sources", str(sources), "-o", str(sources / "1.txt")], "is an input file"),
        (["-f", "json", "-f", "csv", "-o", f"json={tmp_path / 'x'}", "-o", f"csv={tmp_path / 'x'}"], "both the json"),
    ]
    for extra, message in cases:
        code, out = _run("check", str(paper), *extra)
        assert code == 2 and message in out, (extra, out)
        assert len(out.strip().splitlines()) == 1
    assert config.read_text() == "select = ['ALL']\n" and (sources / "1.txt").read_text() == "An abstract."
    assert not (tmp_path / "x").exists()


def test_text_and_github_into_one_folder_get_distinct_names(tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text(MANUSCRIPT)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _ = _run("check", str(paper), "-f", "text", "-f", "github", "-o", f"{out_dir}/", "--exit-zero")
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["paper.github.txt", "paper.text.txt"]


# --- small CLI items --------------------------------------------------------------------------


def test_bad_by_and_max_bytes_are_one_line_errors(tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text(MANUSCRIPT)
    code, out = _run("check", str(paper), "-f", "csv", "--by", "foo")
    assert code == 2 and "--by expects finding or reference" in out and "internal error" not in out
    code, out = _run("check", str(paper), "--max-bytes", "-1")
    assert code == 2 and "--max-bytes must be a positive" in out


# --- terminal escapes -------------------------------------------------------------------------

HOSTILE = "Ketamine \x1b]0;pwned\x07always cures \u202eevery patient\u202c \x9b31m with depression [1]."


def test_neutralise_and_json_escape_keep_no_raw_control() -> None:
    assert neutralise(HOSTILE).count("\ufffd") == 5
    assert neutralise("a\tb\nc\r\n") == "a\tb\nc\r\n"
    escaped = escape_in_json(json.dumps(HOSTILE, ensure_ascii=False))
    assert json.loads(escaped) == HOSTILE
    assert not any(ch in escaped for ch in "\x1b\x07\u202e\u202c\x9b")


@pytest.mark.parametrize("args", [["claims"], ["claims", "-f", "json"], ["refs"], ["refs", "--format", "json"]])
def test_claims_and_refs_listings_carry_no_raw_control(tmp_path: Path, args: list[str]) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text(HOSTILE + "\n\n" + MANUSCRIPT.replace("A trial", "A \x1b[2J\u202etrial"))
    code, out = _run(args[0], str(paper), *args[1:])
    assert code == 0, out
    assert not any(ch in out for ch in "\x1b\x07\u202e\u202c\x9b"), args
    assert ("\\u001b" in out and "\\u202e" in out) if "json" in args else "\ufffd" in out, args


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "github", "json", "sarif"])
def test_report_formats_carry_no_raw_control(fmt: str) -> None:
    """A finding whose message and quote hold ESC, BEL, C1 and bidi controls, in every text format."""
    from reports import render
    from reports.options import RenderOptions

    report = analyze(_doc(HOSTILE + "\n"), VerifierConfig())
    assert report.findings
    hostile = [f.model_copy(update={"message": HOSTILE, "quoted": HOSTILE}) for f in report.findings]
    report = report.model_copy(update={"findings": hostile})
    out = io.StringIO()
    render(fmt, report, out, RenderOptions(source_text=report.claims[0].text))
    text = out.getvalue()
    assert not any(ch in text for ch in "\x1b\x07\u202e\u202c\x9b"), fmt
    assert "\\u202e" in text if fmt in ("json", "sarif") else "\ufffd" in text


def test_interrupt_exits_130_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import verifier.cli as cli

    def interrupted(**_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", interrupted)
    code, out = _run("check", "paper.md")
    assert code == 130 and out == "verifier: interrupted\n"
    with pytest.raises(SystemExit) as err, contextlib.redirect_stderr(io.StringIO()):
        cli._terminated(15, None)
    assert err.value.code == 143
