"""The per-document time limit (``time-limit``): past it the rest is skipped and listed, never a hang.

A fake clock that advances one second per reading makes the test deterministic."""

from __future__ import annotations

import itertools

import pytest

from claims.models import Document
from verifier import deadline as deadline_module
from verifier.config import VerifierConfig
from verifier.deadline import Deadline
from verifier.pipeline import TIME_LIMIT_REASON, analyze

TEXT = "\n\n".join(
    f"Ketamine always cures depression in all patients [{i}]. It proves that the drug works." for i in range(1, 40)
)


def _doc() -> Document:
    return Document(path="paper.txt", text=TEXT, sha256="0" * 64, format="txt", encoding="utf-8")


@pytest.fixture
def ticking_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = itertools.count()
    monkeypatch.setattr(deadline_module.time, "monotonic", lambda: float(next(ticks)))


def test_no_limit_never_expires() -> None:
    assert not Deadline(0, clock=lambda: 1e12).expired()


def test_past_the_limit_the_rest_is_skipped_and_listed(ticking_clock: None) -> None:
    report = analyze(_doc(), VerifierConfig.model_validate({"time-limit": 5}))
    skipped = [s for s in report.skipped if "time limit" in s.why]
    assert [s.what for s in skipped][0] == "claim features from here on"
    assert any(s.what.startswith("rules ") for s in skipped)
    unchecked = [c for c in report.claims if c.features.checkworthy_reason == TIME_LIMIT_REASON]
    assert unchecked and not any(c.checkworthy for c in unchecked)
    assert len(report.claims) == 78  # every claim is still in the report, described or not


def test_within_the_limit_nothing_is_skipped() -> None:
    report = analyze(_doc(), VerifierConfig())
    assert not [s for s in report.skipped if "time limit" in s.why]
    assert report.findings
