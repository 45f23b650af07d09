"""Train the reference-string CRF (``references/data/refstring.crfsuite``) with python-crfsuite.

Training data (read by ``refdata`` from ../shared/bench, never copied into the project): the entries
``refdata`` does not hold out of
- reference_strings/anystyle_core.xml (AnyStyle, BSD-2-Clause): 80% of the strings,
- reference_strings/grobid/corpus/*.xml (GROBID citation corpus, Apache-2.0): 80% of the strings,
- with ``--plos`` only: fulltext_citations/jats_plos/*.xml (PLOS articles, CC-BY), the <mixed-citation>
  strings of the trained half of the articles, less those with no markup at all (they would teach "no
  fields"). Measured not to pay (held-out title and venue F1 a little lower on AnyStyle and on PLOS
  itself: the rules already read PLOS style well, and the CRF is only asked where they are unsure), so
  the shipped model is trained without them and references/data/NOTICE names no PLOS data.
``benchmarks/refparse.py`` measures on the rest. Both splits are CRC32 hashes (of the string, of the
PLOS file name), so they are deterministic; training is deterministic too (L-BFGS, fixed data order).

Each word takes the label of most of its letters and digits (``refdata`` gives one label per character).

Run: .venv/bin/python benchmarks/train_refparse.py [--plos]   (about a minute)
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from refdata import BENCH, Entry, load_anystyle, load_grobid, load_jats, untagged  # noqa: E402

from references.entry_parser import parse_rules  # noqa: E402
from references.parsing.crf_features import features, tokens  # noqa: E402
from references.parsing.crf_tagger import rule_hints  # noqa: E402

MODEL = ROOT / "references" / "data" / "refstring.crfsuite"


def token_labels(raw: str, char_labels: list[str]) -> list[str]:
    """Each word's label: the most frequent label over its letters and digits (its characters if none)."""
    out = []
    for _word, start, end in tokens(raw):
        counts = Counter(char_labels[k] for k in range(start, end) if raw[k].isalnum())
        if not counts:
            counts = Counter(char_labels[start:end])
        out.append(counts.most_common(1)[0][0])
    return out


def training_entries(plos: bool = False) -> list[Entry]:
    """Every entry the benchmark does not measure on (PLOS ones only when asked), in a fixed order."""
    data = load_anystyle() + load_grobid() + ([e for e in load_jats() if not untagged(e)] if plos else [])
    return [e for e in data if not e.held_out]


def main() -> None:
    import pycrfsuite

    train = training_entries(plos="--plos" in sys.argv[1:])
    if not train:
        print("no training data under", BENCH.resolve())
        return
    trainer = pycrfsuite.Trainer(verbose=False)
    for e in train:
        rules = parse_rules(e.raw)
        toks = tokens(e.raw)
        trainer.append(features(toks, rule_hints(e.raw, toks, rules.title, rules.venue)), token_labels(e.raw, e.labels))
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True})
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    trainer.train(str(MODEL))
    sources = Counter("plos" if e.source.endswith(".xml") else e.source for e in train)
    print(
        f"trained on {len(train)} strings ({', '.join(f'{k} {v}' for k, v in sources.items())}) in "
        f"{time.perf_counter() - t0:.1f} s -> {MODEL.relative_to(ROOT)} ({MODEL.stat().st_size / 1e6:.2f} MB)"
    )


if __name__ == "__main__":
    main()
