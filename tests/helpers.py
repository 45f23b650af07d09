"""Shared test helpers (importable as ``helpers``: pytest puts tests/ on the path)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCHEMA_FILE = ROOT / "reports" / "schema" / "report.schema.json"


def corpus_file(prefix: str) -> Path:
    """A file of the shared corpus by its number prefix ('000'), or skip the test."""
    folder = SHARED / "corpus" / "seeds"
    found = sorted(folder.glob(f"{prefix}_*.txt")) if folder.is_dir() else []
    if not found:
        pytest.skip(f"shared corpus file {prefix}_*.txt not present")
    return found[0]


def document(text: str, path: str = "case.md"):
    """A decoded in-memory manuscript (format from the suffix, no file)."""
    from claims.models import Document

    return Document(path=path, text=text, sha256="0" * 64, format=Path(path).suffix.lstrip("."), encoding="utf-8")


def analyze_text(text: str, select: list[str], *, sources: dict[str, str] | None = None, **config: object):
    """Run the whole pipeline on ``text`` with only ``select`` rules; returns the report."""
    from claims.models import Document
    from verifier.config import VerifierConfig
    from verifier.pipeline import Inputs, analyze

    doc = Document(path="case.md", text=text, sha256="0" * 64, format="md", encoding="utf-8")
    cfg = VerifierConfig.model_validate({"select": select, "preview": True, **config})
    return analyze(doc, cfg, Inputs(sources=sources or {}))


# A reference list of one trial in adults, one rat study and one narrative review, for rule tests
# that need cited sentences inside a small article.
ARTICLE_REFS = (
    "\n\nReferences\n\n"
    "1. Stone A, Reed B. Ketamine infusion and depressive symptoms in adults: a randomized controlled trial. "
    "J Psychiatr Res. 2019;12:1-9.\n"
    "2. Hale C. Dendritic spine loss after chronic stress in rats. Neuron. 2018;40:10-20.\n"
    "3. Moss D. Antidepressant drugs: a narrative review. Drugs. 2017;5:3-9.\n"
)


def codes(text: str, select: list[str]) -> list[str]:
    """The codes of the findings the ``select`` rules make on ``text``."""
    return [f.code for f in analyze_text(text, select).findings]


class CallCounter:
    count = 0


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> CallCounter:
    """Wrap ``owner.name`` so a test can assert how much work ran (timing lives in benchmarks/)."""
    counter = CallCounter()
    original = getattr(owner, name)

    def counted(*args: object, **kwargs: object) -> object:
        counter.count += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return counter


def cited_context(sentences: list[tuple[str, list[str]]], refs: list, *, checkworthy: bool = True):
    """A rule context of one sentence per line, each citing the given keys with a marker '[k,...]' at its end."""
    from claims.models import Claim, Document
    from claims.spans import LineIndex
    from references.models import Link
    from verifier.rules.base import RuleContext

    text, claims, links = "", [], []
    for i, (sentence, keys) in enumerate(sentences, 1):
        marker = f"[{','.join(keys)}]" if keys else ""
        line = f"{sentence} {marker}.".replace(" .", ".") if marker else sentence
        start = len(text)
        text += line + "\n"
        lines = LineIndex(text)
        claim = Claim(id=f"c{i}", text=line, span=lines.span(start, start + len(line)), checkworthy=checkworthy)
        claims.append(claim)
        if marker:
            m_start = start + line.index(marker)
            for k in keys:
                links.append(
                    Link(
                        claim_id=claim.id,
                        marker_text=marker,
                        marker_span=lines.span(m_start, m_start + len(marker)),
                        cited=k,
                        reference_key=k,
                    )
                )
    doc = Document(path="t.md", text=text, sha256="0" * 64, format="md", encoding="utf-8", claims=claims)
    return RuleContext.build(doc, refs, links, has_reference_list=True)


def run_cli(argv: list[str], capsys) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    from verifier.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err
