"""Population: human, animal, in vitro, unspecified."""

from __future__ import annotations

import pytest

from claims.features.population import population
from claims.models import Population
from claims.spans import SentenceView


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The drug lowered anxiety in 40 patients.", Population.HUMAN),
        ("Healthy volunteers slept better after the intervention.", Population.HUMAN),
        ("Ketamine reversed stress-induced deficits in mice.", Population.ANIMAL),
        ("In a rat model, the lesion impaired memory.", Population.ANIMAL),
        ("The compound killed tumour cells in vitro.", Population.IN_VITRO),
        ("Cultured neurons grew longer axons.", Population.IN_VITRO),
        ("The compound binds the receptor with high affinity.", Population.UNSPECIFIED),
    ],
)
def test_population(sentence: str, expected: Population) -> None:
    assert population(SentenceView.of(sentence))[0] is expected


def test_first_named_population_wins_and_all_cues_reported() -> None:
    text = "In mice, the drug reduced anxiety, but patients did not respond."
    who, cues = population(SentenceView.of(text))
    assert who is Population.ANIMAL
    assert [c.text for c in cues] == ["mice", "patients"]
    assert {c.kind for c in cues} == {"species"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Infection of pregnant animals harms the newborn lambs.", Population.ANIMAL),
        ("The virus was cloned from a human lymphoblastoid cell line.", Population.IN_VITRO),
        ("In patients and in mice, the drug lifts mood.", Population.HUMAN),
        ("Pregnant women were enrolled at two sites.", Population.HUMAN),
    ],
)
def test_a_human_word_modifying_an_animal_or_cell_noun_does_not_decide(sentence, expected):
    assert population(SentenceView.of(sentence))[0] is expected
