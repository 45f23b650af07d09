"""The ``nli`` judge's real loading and inference code, on a tiny cross-encoder this test builds.

No weights are downloaded: a two-layer BERT with a word-level tokenizer is created from a config,
its classifier bias set so that one label wins, saved with ``save_pretrained`` and loaded back by
``NliJudge`` from that folder. Skipped when the ``nli`` extra (torch, transformers) is not installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.abbreviations import Abbreviations
from claims.spans import SentenceView
from verifier.config import ConfigError
from verifier.judges import Label
from verifier.judges.nli import NliJudge, label_map
from verifier.source_match import SourceIndex

SOURCE = ["Ketamine did not reduce suicidal ideation compared with midazolam.", "Remission was achieved by 32%."]
CLAIM = "Ketamine reduced suicidal ideation in the trial."


def tiny_model(folder: Path, winner: int) -> Path:
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from tokenizers import Tokenizer, models, pre_tokenizers

    words = sorted({w.lower().strip(".,%") for s in [*SOURCE, CLAIM] for w in s.split()})
    vocab = {t: i for i, t in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", *words])}
    core = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    core.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer = transformers.PreTrainedTokenizerFast(
        tokenizer_object=core, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]"
    )
    config = transformers.BertConfig(
        vocab_size=len(vocab),
        hidden_size=16,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        num_labels=3,
        id2label={0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"},
        label2id={"ENTAILMENT": 0, "NEUTRAL": 1, "CONTRADICTION": 2},
    )
    torch.manual_seed(0)
    model = transformers.BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor([0.0, 0.0, 0.0]))
        model.classifier.bias[winner] = 5.0
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def judged(judge: NliJudge):
    index = SourceIndex(SOURCE, Abbreviations())
    return judge.judge(SentenceView.of(CLAIM), index.best(CLAIM, k=3), Abbreviations())


def test_nli_judge_loads_a_saved_model_and_maps_its_labels(tmp_path: Path) -> None:
    v = judged(NliJudge(str(tiny_model(tmp_path / "contra", winner=2))))
    assert v.label is Label.CONTRADICTS and v.judge == "nli"
    assert v.passage is not None and v.passage.sentence == SOURCE[0]
    assert sum(v.probabilities.values()) == pytest.approx(1.0) and v.score > 0.9
    assert any(d.kind == "direction" for d in v.disagreements)  # the rule-level reading, for OVR006/CON003


def test_nli_judge_supports_and_not_enough_info(tmp_path: Path) -> None:
    assert judged(NliJudge(str(tiny_model(tmp_path / "yes", winner=0)))).label is Label.SUPPORTS
    assert judged(NliJudge(str(tiny_model(tmp_path / "meh", winner=1)))).label is Label.NOT_ENOUGH_INFO


def test_nli_judge_missing_model_is_a_config_error(tmp_path: Path) -> None:
    pytest.importorskip("transformers")
    with pytest.raises(ConfigError, match="cannot load model"):
        judged(NliJudge(str(tmp_path / "absent")))


def test_nli_needs_a_model_name(monkeypatch) -> None:
    monkeypatch.delenv("VERIFIER_JUDGE_MODEL", raising=False)
    with pytest.raises(ConfigError, match="needs a model"):
        NliJudge.from_environment()


def test_label_names_are_mapped_or_refused() -> None:
    assert label_map({0: "contradiction", 1: "entailment", 2: "neutral"})[0] is Label.CONTRADICTS
    assert label_map({0: "SUPPORTS", 1: "REFUTES", 2: "NOT ENOUGH INFO"})[1] is Label.CONTRADICTS
    with pytest.raises(ConfigError, match="LABEL_0"):
        label_map({0: "LABEL_0", 1: "LABEL_1"})


def test_nli_missing_model_folder_is_refused_before_any_run(tmp_path: Path) -> None:
    pytest.importorskip("transformers")
    with pytest.raises(ConfigError, match="no model folder"):
        NliJudge.from_environment(str(tmp_path / "absent"))
