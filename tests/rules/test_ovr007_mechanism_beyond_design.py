"""OVR007 mechanism-beyond-design and the stage it reads (the document's own design), on texts written
for these tests: a mechanism claimed in a paper's own conclusion or a news text is flagged only when
the document's design cannot show it."""

from __future__ import annotations

import pytest
from helpers import analyze_text

from claims.features.mechanism import mechanisms

METHODS_RCT = "Forty adults were randomized to exercise or a waiting list; serum BDNF was measured before and after."
RESULTS_CORR = "Mood improved with exercise, and the change was correlated with the rise in serum BDNF."


def paper(conclusion: str, *, results: str = RESULTS_CORR, methods: str = METHODS_RCT, discussion: str = "") -> str:
    extra = f"# Discussion\n\n{discussion}\n\n" if discussion else ""
    return f"# Methods\n\n{methods}\n\n# Results\n\n{results}\n\n{extra}# Conclusion\n\n{conclusion}\n"


def ovr007(text: str) -> list[str]:
    report = analyze_text(text, ["OVR007"])
    for f in report.findings:
        assert text[f.span.start : f.span.end] == f.quoted
    return [f.quoted for f in report.findings]


def test_mechanism_in_the_conclusion_of_a_trial_whose_mechanism_is_only_correlated_is_flagged():
    text = paper("Exercise improves mood by increasing BDNF in the hippocampus.")
    report = analyze_text(text, ["OVR007"])
    [finding] = report.findings
    assert finding.quoted == "improves mood by increasing BDNF in the hippocampus"
    assert "randomized trial" in finding.message and "correlational" in finding.message
    details = [t.detail for t in finding.evidence if t.kind == "design"]
    assert "design=rct, read in Methods" in details
    assert any(d.startswith("analysis=correlational, read in Results") for d in details)
    assert finding.suggestion is not None and "possibly by increasing BDNF" in finding.suggestion.title
    assert report.design is not None and report.design.design.value == "rct"
    for cue in report.design.cues:
        assert text[cue.span.start : cue.span.end] == cue.text


@pytest.mark.parametrize(
    "conclusion",
    [
        "Exercise may improve mood by increasing BDNF.",  # hedged mechanism
        "Exercise improved mood, and the improvement was accompanied by a rise in BDNF.",  # observed, not causal
        "Exercise improves mood by increasing BDNF [1].\n\nReferences\n\n1. Lee A. BDNF and mood. J Neuro. 2010;1:1-9.",
        "We tested whether exercise improves mood by increasing BDNF.",  # an aim
        "Mood scores were reduced by exercise in most adults.",  # a passive agent, not a means
    ],
)
def test_hedged_observed_cited_aims_and_agents_are_not_flagged(conclusion):
    assert ovr007(paper(conclusion)) == []


def test_a_tested_mechanism_is_not_flagged():
    results = RESULTS_CORR + " A mediation analysis showed that BDNF carried 40% of the effect on mood."
    assert ovr007(paper("Exercise improves mood by increasing BDNF.", results=results)) == []


def test_methods_and_results_sentences_are_the_procedure_not_a_claim():
    results = RESULTS_CORR + " Exercise improved mood by increasing BDNF in the responders."
    assert ovr007(paper("Exercise was followed by better mood.", results=results)) == []


def test_a_discussion_summary_counts_but_background_in_the_discussion_does_not():
    discussion = (
        "Antidepressants act by blocking serotonin reuptake. Taken together, exercise improves mood by increasing BDNF."
    )
    assert ovr007(paper("Exercise was followed by better mood.", discussion=discussion)) == [
        "improves mood by increasing BDNF"
    ]


def test_a_review_without_a_study_of_its_own_is_left_alone():
    text = (
        "# Ketamine and mood\n\nKetamine reduces depressive symptoms by blocking NMDA receptors.\n\n"
        "Exercise improves mood by increasing BDNF.\n"
    )
    report = analyze_text(text, ["OVR007"])
    assert report.findings == [] and report.design is not None and report.design.genre.value == "other"


NEWS = (
    "Scan Study Shows How Drug Lifts Mood\n\n"
    "A new brain imaging study reveals how the drug can rapidly reduce anxiety by altering communication between "
    "brain regions.\n\n"
    "Scientists used fMRI to compare brain activity before and after treatment.\n\n"
    "Unlike older drugs, the drug works through different pathways.\n\n"
    "Experts stress that it should only be used under strict medical supervision.\n"
)


def test_a_news_lede_claiming_a_mechanism_from_an_imaging_study_is_flagged():
    report = analyze_text(NEWS, ["OVR007"])
    assert [f.quoted for f in report.findings] == ["reduce anxiety by altering communication between brain regions"]
    assert report.design is not None and report.design.genre.value == "news"
    assert "imaging" in report.design.analyses
    assert "the study this news text reports" in report.findings[0].message


def test_news_sentences_not_attributed_to_the_study_are_not_flagged():
    text = NEWS.replace("A new brain imaging study reveals how the drug can rapidly reduce", "The drug can reduce")
    text = text.replace("Scientists used fMRI", "A new study used fMRI")
    assert ovr007(text) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Exercise improves mood by increasing serotonin.", ("improves", "by", "increasing serotonin")),
        (
            "Ketamine lowers pain through inhibition of NMDA receptors.",
            ("lowers", "through", "inhibition of NMDA receptors"),
        ),
        ("The effect of exercise on mood is mediated by sleep quality.", ("mediated", "by", "sleep quality")),
        ("The drug works by blocking receptors.", ("works", "by", "blocking receptors")),
    ],
)
def test_mechanism_wording_is_a_means_phrase_attached_to_a_causal_verb(sentence, expected):
    [m] = mechanisms(sentence)
    assert m.hedge is None and m.connector is not None
    got = (sentence[m.verb.start : m.verb.end], sentence[m.connector.start : m.connector.end])
    assert (*got, sentence[m.means_start : m.means_end]) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Ketamine reduced symptoms by 20% by week 6.",
        "Symptoms were reduced by ketamine in most patients.",
        "Participants were recruited through advertisements.",
        "Samples were analyzed by mass spectrometry.",
        "Tuberculosis can be cured by taking several antibiotics.",
        "By contrast, placebo reduced symptoms.",
        "The drug does not act through opioid receptors.",
        "Policy makers need to work through all the pros and cons of different options.",  # people, not a drug
        "Patients acted through their advocates.",
    ],
)
def test_amounts_times_agents_procedures_and_negations_are_not_mechanisms(sentence):
    assert [m for m in mechanisms(sentence) if m.hedge is None] == []


def test_a_modal_governing_the_verb_is_returned_as_a_hedge():
    [m] = mechanisms("The drug may act by blocking NMDA receptors.")
    assert m.hedge is not None


def _design(text: str):
    from claims.document import analyze_document
    from claims.models import Document
    from references.own_design import document_design
    from verifier.pipeline import describe_claims

    doc = Document(path="case.md", text=text, sha256="0" * 64, format="md", encoding="utf-8")
    return document_design(describe_claims(analyze_document(doc))), text


def test_the_design_stage_reads_a_structured_abstract_and_says_where():
    design, text = _design(
        "Background: Mood falls in winter. Methods: In this cross-sectional study, 120 adults (n = 120) "
        "had an fMRI scan. Results: Mood was correlated with daylight. Conclusions: Daylight lifts mood."
    )
    assert (design.genre.value, design.design.value, design.population.value) == (
        "research",
        "cross_sectional",
        "human",
    )
    assert design.sample_size == 120 and "imaging" in design.analyses and not design.mechanism_tested
    assert {c.part for c in design.cues if c.kind == "design"} == {"methods (inline label)"}
    for cue in design.cues:
        assert text[cue.span.start : cue.span.end] == cue.text


def test_a_cited_sentence_never_decides_the_design_and_a_text_citing_much_is_not_news():
    design, _ = _design(
        "# Methods\n\nAdults were interviewed once.\n\nA randomized trial found the same [1].\n\n# Results\n\nMood was low.\n"
    )
    assert design.design.value == "unknown"
    cited, _ = _design("A new study shows that mood falls [1]. Others agree [2]. More agree [3].\n")
    assert cited.genre.value == "other"


def test_a_review_design_alone_does_not_limit_its_mechanism_claims():
    methods = "We searched three databases and pooled twelve trials in a meta-analysis following PRISMA."
    results = "Exercise improved mood across trials (d = 0.4)."
    assert ovr007(paper("Exercise improves mood by increasing BDNF.", methods=methods, results=results)) == []
    results_corr = results + " Effects were correlated with BDNF change."
    assert ovr007(paper("Exercise improves mood by increasing BDNF.", methods=methods, results=results_corr)) == [
        "improves mood by increasing BDNF"
    ]
