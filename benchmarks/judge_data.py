"""The labelled claim-vs-source sets, read the same way by ``train_judge.py`` and ``claim_vs_source.py``.

- Citation-Integrity (MIT, ``../shared/bench/claim_vs_source/citation_integrity/``): a citing sentence
  against the ~5 sentences retrieved from the cited paper; SUPPORT -> supports, REFUTE -> contradicts,
  no label -> not_enough_info. Placeholders such as ``[<|multi_cit|>]`` are removed from the claim.
  Only the train split is trained on, the dev split tunes and calibrates; a test split, if one is ever
  put beside them, is read only by the benchmark, for a figure printed once.
- HealthVer (licence unstated: measured on, never trained or tuned on): claim against its evidence
  passage, Supports / Refutes / Neutral.

``read_items`` turns each item into the judge's feature vector the way the rules do: the source's
sentences are ranked by ``SourceIndex`` and the top ``TOP_K`` passages are read.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.abbreviations import Abbreviations  # noqa: E402
from claims.spans import SentenceView  # noqa: E402
from verifier.judges import Label  # noqa: E402
from verifier.rules.con import TOP_K  # noqa: E402
from verifier.source_match import Match, SourceIndex, source_sentences  # noqa: E402

DATA = REPO / ".." / "shared" / "bench" / "claim_vs_source"
PLACEHOLDER = re.compile(r"\s*\[?\(?<\|[a-z_]+\|>\]?\)?")
CI_LABELS = {"SUPPORT": Label.SUPPORTS, "REFUTE": Label.CONTRADICTS}
HV_LABELS = {"Supports": Label.SUPPORTS, "Refutes": Label.CONTRADICTS, "Neutral": Label.NOT_ENOUGH_INFO}


@dataclass(frozen=True)
class Item:
    claim: str
    gold: Label
    sentences: list[str]


def citation_integrity(split: str) -> list[Item] | None:
    """The split's (claim, label, cited sentences) items; ``None`` when the split is not on disk."""
    folder = DATA / "citation_integrity"
    path = folder / f"claims_{split}.jsonl"
    if not path.exists():
        return None
    corpus: dict[str, list[str]] = {}
    with open(folder / "corpus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            corpus[str(doc["doc_id"])] = doc["abstract"]
    items: list[Item] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            claim = PLACEHOLDER.sub("", row["claim"]).strip()
            for doc_id in row["cited_doc_ids"]:
                evidence = row["evidence"].get(str(doc_id), [])
                labels = {CI_LABELS[e["label"]] for e in evidence}
                gold = (
                    Label.CONTRADICTS
                    if Label.CONTRADICTS in labels
                    else (labels.pop() if labels else Label.NOT_ENOUGH_INFO)
                )
                items.append(Item(claim, gold, corpus.get(str(doc_id), [])))
    return items


def healthver(split: str = "dev") -> list[Item] | None:
    path = DATA / "healthver" / f"healthver_{split}.csv"
    if not path.exists():
        return None
    with open(path, encoding="utf-8", newline="") as fh:
        return [Item(r["claim"], HV_LABELS[r["label"]], source_sentences(r["evidence"])) for r in csv.DictReader(fh)]


def passages(claim: str, sentences: list[str]) -> tuple[SentenceView, list[Match], Abbreviations]:
    """(claim view, top passages, abbreviations) as the shared rule loop retrieves them."""
    index = SourceIndex(sentences, Abbreviations.of([claim, *sentences]))
    return SentenceView.of(claim), index.best(claim, k=TOP_K), index.abbreviations
