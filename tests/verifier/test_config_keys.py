"""Every configuration key changes what a run does: a key that is accepted and read by
nothing (as ``extend-hedges`` once was) fails here. Each key of ``VerifierConfig`` has a
case, a base configuration and the key's value; the run with the key must differ from
the run without it (findings, claim features, skipped input, or the exit code)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from verifier.cli import main
from verifier.config import VerifierConfig
from verifier.models import Severity
from verifier.rules.base import Rule, RuleContext, Status

MANUSCRIPT = """# Introduction

Transcranial stimulation unfailingly relieves depression in patients [1].
Ketamine reputedly lifts mood within hours in adults [1].
Esketamine emphatically reduces suicidal thinking in adults [1].
<!-- verifier: ignore CIT003 -->
Ketamine cures depression in all patients [1].

# References

1. Smith J, Lee K. A case report of ketamine in one patient. J Psychiatr Res. 2019;12:1-5. doi:10.1000/ketamine.1
"""

# key -> (base configuration, the key's value): the run with the key must differ from the base run.
CASES: dict[str, tuple[dict[str, object], object]] = {
    "select": ({}, ["OVR005"]),
    "extend-select": ({"select": ["OVR005"]}, ["OVR001"]),
    "ignore": ({}, ["OVR001"]),
    "per-file-ignores": ({}, {"drafts/*.md": ["OVR001"]}),
    "preview": ({}, True),
    "fail-on": ({"select": ["OVR001"]}, "warning"),
    "severity": ({}, {"OVR001": "info"}),
    "rules": ({}, {"OVR001": {"min-evidence-level": 5}}),
    "warn-unused-ignores": ({}, True),
    "extend-hedges": ({}, ["reputedly"]),
    "extend-boosters": ({}, ["emphatically"]),
    "extend-absolutes": ({}, ["unfailingly"]),
    "retractions": ({}, "RETRACTIONS"),
    "docs-url": ({}, "https://example.org/rules/{code_lower}.html"),
    "time-limit": ({}, 1e-9),  # the document's time is up at once: its rules are listed as skipped
    # the judge is read before any rule runs: "nli" without its model, or a model file that is not there,
    # is a one-line configuration error (tests/verifier/test_judges.py runs real verdicts of each judge)
    "judge": ({}, "nli"),
    "judge-model": ({}, "/nonexistent/judge-model.json"),
}


class _PreviewProbe(Rule):
    """A preview rule that flags the first claim (only ``preview = true`` runs it)."""

    code = "SUP999"
    name = "preview-probe"
    status = Status.PREVIEW
    default_severity = Severity.INFO

    def check(self, ctx: RuleContext) -> Iterator:
        claim = ctx.claims[0]
        yield self.finding(ctx, start=claim.span.start, end=claim.span.end, message="probe", claim_id=claim.id)


def _toml(value: object) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    return json.dumps(value)


def _run(tmp_path: Path, capsys, config: dict[str, object]) -> tuple[int, object]:
    folder = tmp_path / "project"
    (folder / "drafts").mkdir(parents=True, exist_ok=True)
    paper = folder / "drafts" / "paper.md"
    paper.write_text(MANUSCRIPT, encoding="utf-8")
    retractions = folder / "retracted.txt"
    retractions.write_text("10.1000/ketamine.1\n", encoding="utf-8")
    lines = [f"{key} = {_toml(str(retractions) if value == 'RETRACTIONS' else value)}" for key, value in config.items()]
    (folder / "verifier.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # The absolute path, as `$PWD/drafts/paper.md` would give it: per-file-ignores must still match.
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(paper.resolve()), "-f", "json"])
    out, err = capsys.readouterr()
    if exit_info.value.code == 2:  # the key was read and refused (a judge that cannot start): one line
        assert len(err.strip().splitlines()) == 1, err
        return 2, {"error": err.strip()}
    assert exit_info.value.code in (0, 1), err
    report = json.loads(out)
    observed = {
        "findings": [(f["code"], f["severity"], f["quoted"]) for f in report["findings"]],
        "urls": sorted({f["url"] for f in report["findings"]}),
        "features": [
            (c["features"]["certainty"], [q["kind"] for q in c["features"]["cues"]]) for c in report["claims"]
        ],
        "skipped": report["skipped"],
    }
    return exit_info.value.code, observed


@pytest.mark.parametrize("key", sorted(CASES))
def test_every_configuration_key_changes_something(key, tmp_path: Path, capsys, monkeypatch):
    import verifier.registry as registry

    probe_rules = (*registry.RULES, _PreviewProbe)
    monkeypatch.setattr(registry, "all_rules", lambda: tuple(sorted(probe_rules, key=lambda r: r.code)))
    base, value = CASES[key]
    without = _run(tmp_path, capsys, base)
    with_key = _run(tmp_path, capsys, {**base, key: value})
    assert with_key != without, f"'{key}' changed nothing"


def test_configured_cue_words_are_cues_of_their_kind(tmp_path: Path, capsys):
    _, plain = _run(tmp_path, capsys, {})
    _, extended = _run(
        tmp_path,
        capsys,
        {"extend-hedges": ["reputedly"], "extend-boosters": ["emphatically"], "extend-absolutes": ["unfailingly"]},
    )
    assert [level for level, _ in plain["features"][:3]] == ["neutral", "neutral", "neutral"]
    assert [level for level, _ in extended["features"][:3]] == ["absolute", "hedged", "strong"]
    assert ("OVR005", "warning", "unfailingly") in extended["findings"]
    assert ("OVR001", "warning", "emphatically") in extended["findings"]


def test_per_file_ignores_match_relative_to_the_config_folder_and_cwd(tmp_path: Path, monkeypatch):
    from verifier.registry import path_forms

    config = tmp_path / "verifier.toml"
    config.write_text("", encoding="utf-8")
    paper = tmp_path / "drafts" / "x.md"
    monkeypatch.chdir(tmp_path)
    assert "drafts/x.md" in path_forms(str(paper), str(config))
    assert "drafts/x.md" in path_forms("drafts/x.md", str(config))
    assert str(paper) in path_forms("drafts/x.md", str(config))  # an absolute pattern matches a relative path
    monkeypatch.chdir(tmp_path / "..")
    assert f"{tmp_path.name}/drafts/x.md" in path_forms(str(paper), None)  # relative to the working folder


def test_findings_and_sarif_rules_carry_the_docs_url(tmp_path: Path, capsys):
    _, default = _run(tmp_path, capsys, {})
    assert default["urls"] == ["https://github.com/verifier-project/verifier/blob/main/README.md#rules"]
    _, custom = _run(tmp_path, capsys, {"docs-url": "https://example.org/rules/{code_lower}-{name}.html"})
    assert "https://example.org/rules/ovr005-absolute-language.html" in custom["urls"]
    _, none = _run(tmp_path, capsys, {"docs-url": ""})
    assert none["urls"] == [None]
    _run(tmp_path, capsys, {})  # back to the default configuration
    sarif = tmp_path / "r.sarif"
    paper = tmp_path / "project" / "drafts" / "paper.md"
    with pytest.raises(SystemExit):
        main(["check", str(paper), "-o", str(sarif)])
    capsys.readouterr()
    rules = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]["rules"]
    assert all(r["helpUri"].startswith("https://") for r in rules) and len(rules) >= 24


def test_a_docs_url_with_an_unknown_field_is_a_one_line_error(tmp_path: Path, capsys):
    code, observed = _run(tmp_path, capsys, {"docs-url": "https://example.org/{rule}"})
    assert code == 2 and "docs-url" in observed["error"]


def test_configured_hedges_are_read_in_the_source_too():
    """OVR006 compares the claim's certainty with the source's: a hedge of the user's own counts in both."""
    from helpers import document

    from verifier.pipeline import Inputs, analyze

    claim = document("Vitamin D reduces the severity of COVID-19 in adults.\n", "a.md")
    source = document("Vitamin D reputedly reduces the severity of COVID-19 in adults.\n", "meta.txt")

    def codes(**config: object) -> list[str]:
        report = analyze(
            claim, VerifierConfig.model_validate({"select": ["OVR006"], **config}), Inputs(against=[source])
        )
        return [f.code for f in report.findings]

    assert codes() == []
    assert codes(**{"extend-hedges": ["reputedly"]}) == ["OVR006"]


# ---------------------------------------------------------------- the lookup keys, against the recorded registries

LOOKUP_MANUSCRIPT = Path(__file__).resolve().parents[2] / "examples" / "manuscript-lookups.md"
ALL_REGISTRIES = ["crossref", "pubmed", "openalex", "europepmc"]
FAST = {"lookup-rates": {r: 1000 for r in ALL_REGISTRIES}, "lookup-timeout": 10.0, "lookup-backoff": 0.0}
# key -> (base configuration, the key's value); "SERVER" stands for the local server's base URLs.
LOOKUP_CASES: dict[str, tuple[dict[str, object], object]] = {
    "lookups": ({**FAST, "lookup-urls": "SERVER"}, ["crossref"]),
    "lookup-urls": ({**FAST, "lookups": ["crossref"], "lookup-urls": "SERVER"}, {"crossref": "http://127.0.0.1:9"}),
    "lookup-cache": ({**FAST, "lookups": ["crossref"], "lookup-urls": "SERVER"}, "STORE"),
    "lookup-ttl-days": ({**FAST, "lookups": ["crossref"], "lookup-urls": "SERVER"}, 1e-9),
    "lookup-timeout": ({**FAST, "lookups": ["crossref"], "lookup-urls": "SERVER", "FAULT": "timeout"}, 0.1),
    "lookup-retries": ({**FAST, "lookups": ["crossref"], "lookup-urls": "SERVER", "FAULT": "500"}, 1),
    "lookup-backoff": ({**FAST, "lookups": ["crossref"], "lookup-urls": "SERVER", "FAULT": "500"}, 0.25),
    "lookup-concurrency": ({**FAST, "lookups": ["crossref"], "lookup-urls": "SERVER"}, 1),
    "lookup-rates": ({**FAST, "lookups": ["crossref"], "lookup-urls": "SERVER"}, {"crossref": 2.0}),
    "mailto": ({**FAST, "lookups": ["crossref"], "lookup-urls": "SERVER"}, "editor@example.org"),
    "ncbi-api-key": ({**FAST, "lookups": ["pubmed"], "lookup-urls": "SERVER"}, "k3y"),
}


def test_every_configuration_key_has_a_case_here_or_among_the_lookup_keys():
    keys = {field.alias or name for name, field in VerifierConfig.model_fields.items() if not field.exclude}
    assert keys == set(CASES) | set(LOOKUP_CASES)


def _lookup_run(tmp_path: Path, capsys, monkeypatch, server, config: dict[str, object], *, twice: bool) -> object:
    """One ``check --format json`` of the lookup example (twice: the second run's view) with ``config``;
    what differs: the references' registry verdicts, the requests the server saw, their User-Agents,
    the waits the client slept, the worker threads it used and the files of the store."""
    import threading

    import references.lookup.client as client

    for name in ("VERIFIER_CACHE_DIR", "NCBI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # the platform default stays inside the test
    folder = tmp_path / "project"
    folder.mkdir(parents=True, exist_ok=True)
    config = dict(config)
    server.faults = {"crossref": str(config.pop("FAULT"))} if "FAULT" in config else {}
    server.delay = 0.5
    values = {"SERVER": server.base_urls, "STORE": str(tmp_path / "elsewhere.sqlite")}
    lines = [f"{k} = {_toml(values.get(v, v) if isinstance(v, str) else v)}" for k, v in config.items()]
    (folder / "verifier.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    paper = folder / "paper.md"
    paper.write_text(LOOKUP_MANUSCRIPT.read_text(encoding="utf-8"), encoding="utf-8")
    sleeps: list[float] = []
    threads: set[str] = set()
    import time as real_time

    class _Clock:  # the client's view of ``time``: its waits are recorded, not slept (the server still sleeps)
        def __getattr__(self, name: str) -> object:
            return getattr(real_time, name)

        @staticmethod
        def sleep(seconds: float) -> None:
            sleeps.append(round(seconds, 2))

    monkeypatch.setattr(client, "time", _Clock())
    get = client.RegistryClient.get

    def counted_get(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003 - wraps the client's get
        threads.add(threading.current_thread().name)
        return get(self, *args, **kwargs)

    monkeypatch.setattr(client.RegistryClient, "get", counted_get)
    for _ in range(2 if twice else 1):
        del server.requests[:], server.user_agents[:], sleeps[:]
        with pytest.raises(SystemExit) as exit_info:
            main(["check", str(paper), "-f", "json"])
        out, _ = capsys.readouterr()
        assert exit_info.value.code in (0, 1)
    report = json.loads(out)
    return {
        "registry": [r.get("registry") for r in report["references"]],
        "requests": sorted(server.requests),
        "agents": sorted(set(server.user_agents)),
        "sleeps": sorted(sleeps),
        "client threads": len(threads) > 1,
        "store": sorted(p.name for p in tmp_path.rglob("*.sqlite")),
    }


@pytest.mark.parametrize("key", sorted(LOOKUP_CASES))
def test_every_lookup_key_changes_something(key, registry_server, tmp_path: Path, capsys, monkeypatch):
    base, value = LOOKUP_CASES[key]
    twice = key == "lookup-ttl-days"  # the second run answers from the store unless the records expired
    without = _lookup_run(tmp_path / "a", capsys, monkeypatch, registry_server, base, twice=twice)
    with_key = _lookup_run(tmp_path / "b", capsys, monkeypatch, registry_server, {**base, key: value}, twice=twice)
    assert with_key != without, f"'{key}' changed nothing"
