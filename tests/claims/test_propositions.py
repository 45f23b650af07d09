from hypothesis import given, settings
from hypothesis import strategies as st

from claims.abbreviations import Abbreviations, find_definitions, normalize_term
from claims.models import Direction
from claims.propositions import PropositionIndex, conflict, propositions
from claims.spans import SentenceView

DEFS = "We used repetitive transcranial magnetic stimulation (rTMS) over the prefrontal cortex (PFC)."


def test_schwartz_hearst_definitions() -> None:
    found = dict(find_definitions(DEFS + " Healthy controls (HC) were matched (n = 20)."))
    assert found == {
        "rTMS": "repetitive transcranial magnetic stimulation",
        "PFC": "prefrontal cortex",
        "HC": "Healthy controls",
    }


def test_spelling_variants_share_a_key() -> None:
    ab = Abbreviations.of([DEFS])
    assert ab.key("r-TMS") == ab.key("rTMS") == ab.key("Repetitive transcranial magnetic stimulation") == "rtms"
    assert normalize_term("rTMS's") == "rtms"


def _props(text: str, cid: str = "c1", defs: str = DEFS):
    return propositions(SentenceView.of(text), cid, Abbreviations.of([defs]))


def test_active_and_passive_read_the_same_subject_and_outcome() -> None:
    [a] = _props("Repetitive transcranial magnetic stimulation increased cortical excitability.")
    [b] = _props("Cortical excitability was not increased by r-TMS.", "c2")
    assert a.subject == b.subject == "rtms"
    assert a.outcome == b.outcome
    assert (a.direction, b.direction, b.negated) == (Direction.INCREASE, Direction.NO_CHANGE, True)
    assert conflict(a, b) == "an effect against no change"


def test_different_subjects_never_share_a_bucket() -> None:
    index = PropositionIndex()
    for p in _props("Ketamine reduced depressive symptoms.", "c1"):
        index.add(p)
    [other] = _props("rTMS did not reduce depressive symptoms.", "c2")
    assert list(index.matches(other)) == []
    [same] = _props("Ketamine did not change depressive symptoms.", "c3")
    assert [p.claim_id for p in index.matches(same)] == ["c1"]


def test_opposite_directions_conflict_but_not_across_populations() -> None:
    from claims.models import Population

    [up] = propositions(
        SentenceView.of("Fluoxetine increased hippocampal neurogenesis."), "a", population=Population.ANIMAL
    )
    [down] = propositions(SentenceView.of("Fluoxetine decreased hippocampal neurogenesis."), "b")
    assert conflict(up, down) == "opposite directions"
    human = down.__class__(**{**down.__dict__, "population": Population.HUMAN})
    assert conflict(up, human) is None


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_definitions_and_propositions_never_crash(text: str) -> None:
    for short, long_form in find_definitions(text):
        assert short and long_form
    ab = Abbreviations.of([text])
    for p in propositions(SentenceView.of(text), "x", ab):
        assert p.subject and p.outcome
