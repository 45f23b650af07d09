"""False alarms found on published research articles, each fixed at its cause: a flagged and a clean
case per fix, with sentences written for this test (no article text)."""

from __future__ import annotations

from helpers import ARTICLE_REFS as REFS
from helpers import analyze_text, codes
from hypothesis import given
from hypothesis import strategies as st

from claims.features.checkworthy import article_parts, own_work
from claims.models import Document
from claims.quantities import find_quantities
from claims.spans import SentenceView


def article(intro: str, results: str, discussion: str = "Nothing further was tested here.") -> str:
    """A small research article in Markdown: Introduction, Methods with a subsection, Results with a
    subsection and a figure caption, Discussion."""
    return (
        "# Ketamine and mood in adults\n\n"
        "Depression is common in adults [1].\n\n"
        "# Introduction\n\n" + intro + "\n\n"
        "# Methods\n\n## Infusion protocol\n\nThe infusion lasted 40 minutes in 24 adults.\n\n"
        "# Results\n\n## Mood scores after one week\n\n" + results + "\n\n"
        "Figure 2\n\nMood Scores by Dose\n\nScores fell by 35% at the higher dose.\n\n"
        "# Discussion\n\n" + discussion + REFS
    )


# ---------------------------------------------------------------- SUP001: the article's own work


def test_subsection_of_results_is_own_work_but_introduction_is_not():
    text = article(
        "Studies have shown that ketamine lifts mood within hours.",
        "Mood scores fell by 42% in the ketamine group (n = 24, p = 0.01).",
    )
    report = analyze_text(text, ["SUP001"])
    flagged = [f.quoted for f in report.findings]
    assert flagged == ["Studies have shown that ketamine lifts mood within hours."]


def test_a_number_alone_in_the_discussion_of_a_research_article_is_the_authors_own():
    discussion = (
        "Nine (38%) participants reported transient dizziness.\n\n"
        "Dissociation after ketamine has been reported in older adults."
    )
    text = article("Mood disorders are common.", "Mood scores fell in the ketamine group.", discussion)
    flagged = [f.quoted for f in analyze_text(text, ["SUP001"]).findings]
    assert flagged == ["Dissociation after ketamine has been reported in older adults."]


def test_a_number_alone_in_an_introduction_still_needs_a_source():
    text = article("About 15% of adults with depression do not respond to two antidepressants.", "Scores fell.")
    flagged = [f.quoted for f in analyze_text(text, ["SUP001"]).findings]
    assert flagged == ["About 15% of adults with depression do not respond to two antidepressants."]


def _document(text: str) -> Document:
    from claims.document import analyze_document

    return analyze_document(Document(path="case.md", text=text, sha256="0" * 64, format="md", encoding="utf-8"))


def test_caption_and_front_matter_are_own_work_and_introduction_is_not():
    doc = _document(article("Mood is measured by scales.", "Scores fell."))
    parts = article_parts(doc)
    assert parts.research_article
    by_text = {s.text.strip(): s.span.start for s in doc.sentences}
    assert parts.kind[by_text["Depression is common in adults [1]."]] == "front matter"
    assert by_text["Scores fell by 35% at the higher dose."] in parts.captions
    assert not parts.reports_own_work(by_text["Mood is measured by scales."])
    assert parts.part[by_text["The infusion lasted 40 minutes in 24 adults."]] == "Methods"


def test_own_results_in_the_discussion_need_no_citation():
    clean = article(
        "Mood is measured by rating scales [1].",
        "Response rates reached 61.5% in the ketamine group.",
        "We found that ketamine lifted mood (Fig 2). These data show a fast response. "
        "Response reached 61.5% in our sample. The present study has 24 adults.",
    )
    assert codes(clean, ["SUP001"]) == []
    flagged = article(
        "Mood is measured by rating scales [1].",
        "Scores fell.",
        "Earlier trials have reported response rates of 70% after one infusion.",
    )
    assert codes(flagged, ["SUP001"]) == ["SUP001"]


def test_we_counts_as_own_work_only_in_a_research_article():
    assert own_work("We found that mood improved in 80% of clients.", research_article=True) == "We"
    assert own_work("We found that mood improved in 80% of clients.", research_article=False) is None
    assert own_work("Scores were lower in the second cohort (S2 Table).", research_article=False) == "S2 Table"
    assert own_work("(B) Mood scores at one week.", research_article=False) is not None
    assert own_work("Response rates reached 60% in adults.", research_article=True) is None
    # a web page with "we" is still checked
    assert codes("We know that 80% of clients improve after one session.\n", ["SUP001"]) == ["SUP001"]


def test_reporting_verbs_are_finite_verbs_only():
    flagged = "Clinical trials identified a response in most adults.\n"
    assert codes(flagged, ["SUP001"]) == ["SUP001"]
    for clean in (
        "Data objects are matched by unique identifiers in most databases.\n",
        "Studies of linkage disequilibrium use dense marker panels.\n",
        "Researchers have relied on manipulative experiments to identify pest thresholds.\n",
        "Publication bias and study reporting bias distort pooled estimates.\n",
    ):
        assert codes(clean, ["SUP001"]) == [], clean


def test_premise_inline_source_and_future_work_are_not_unsupported_measurements():
    assert codes("Emissions fall 30% by 2040 in the central scenario.\n", ["SUP001"]) == ["SUP001"]
    assert codes("If emissions fall 6% a year, warming stays below 2 degrees.\n", ["SUP001"]) == []
    assert codes("The maker claims that 80% of men respond (https://example.org/claims).\n", ["SUP001"]) == []
    assert codes("Larger studies will be needed to identify the causal variants.\n", ["SUP001"]) == []


def test_absolute_wording_alone_is_left_to_ovr005():
    assert codes("Resistance always comes from somewhere.\n", ["SUP001"]) == []


# ---------------------------------------------------------------- quantities


def test_strain_and_disease_names_are_not_sample_sizes():
    def kinds(sentence: str) -> list[tuple[str, str]]:
        return [(q.kind, q.text) for q in find_quantities(SentenceView.of(sentence))]

    assert kinds("Cells from C57BL/6 mice were infected.") == []
    assert kinds("Most COVID-19 patients recovered.") == []
    assert kinds("We enrolled 19 patients.") == [("n", "19 patients")]


# ---------------------------------------------------------------- OVR003


def test_species_extrapolation_needs_a_document_about_people():
    worm_paper = (
        "# Worm immunity\n\n# Introduction\n\n"
        "The p38 pathway is required for resistance to infection [2].\n"
        "Worms infected with fungi induce antimicrobial peptides in mice and worms.\n"
        "In nematodes, wounding induces the same genes.\n" + REFS
    )
    assert codes(worm_paper, ["OVR003"]) == []
    clinical = "Ketamine restores dendritic spines in patients with depression [2].\n" + REFS
    assert codes(clinical, ["OVR003"]) == ["OVR003"]


def test_species_extrapolation_skips_methods():
    text = article(
        "Adults with depression respond to ketamine [1].",
        "Mood fell in patients.",
    ).replace("The infusion lasted 40 minutes in 24 adults.", "Spine density was counted as described [2].")
    assert "OVR003" not in codes(text, ["OVR003"])


# ---------------------------------------------------------------- OVR001


def test_discourse_markers_are_not_certainty_about_evidence():
    assert codes("Ketamine clearly reverses depression in adults [3].\n" + REFS, ["OVR001"]) == ["OVR001"]
    for clean in ("Indeed, ketamine lifts mood in adults [3].\n", "In fact, ketamine lifts mood in adults [3].\n"):
        assert codes(clean + REFS, ["OVR001"]) == [], clean


def test_preclinical_work_is_weak_only_for_a_claim_about_people():
    assert codes("Stress clearly destroys dendritic spines in adults [2].\n" + REFS, ["OVR001"]) == ["OVR001"]
    for clean in (
        "Chronic stress has demonstrated spine loss in vitro [2].\n",
        "Chronic stress clearly destroys dendritic spines in rats [2].\n",
    ):
        assert codes(clean + REFS, ["OVR001"]) == [], clean


def test_own_results_stated_firmly_next_to_a_citation_are_not_flagged():
    flagged = article("A review clearly demonstrated that ketamine lifts mood in adults [3].", "Scores fell.")
    assert codes(flagged, ["OVR001"]) == ["OVR001"]
    clean = article(
        "Mood is measured by scales [1].",
        "Scores fell.",
        "Like an earlier review [3], our results demonstrate that ketamine lifts mood in adults.",
    )
    assert codes(clean, ["OVR001"]) == []


# ---------------------------------------------------------------- OVR002

COHORT = "\n\nReferences\n\n1. Lane E. Screen time and sleep in adolescents: a prospective cohort study. Sleep Med. 2020;3:1-9.\n"


def test_causal_wording_needs_a_stated_cause():
    assert codes("Screen time causes insomnia in adolescents [1].\n" + COHORT, ["OVR002"]) == ["OVR002"]
    assert codes("Melatonin mediated the effect of screen time on sleep [1].\n" + COHORT, ["OVR002"]) == ["OVR002"]
    for clean in (
        "Lane et al. reported a significant decrease of sleep duration over the school year [1].\n",
        "Rejections in these adolescents were mostly antibody mediated (AMR) [1].\n",
        "Because of its possible links to insomnia, it would be useful to determine whether screen time is a cause [1].\n",
    ):
        assert codes(clean + COHORT, ["OVR002"]) == [], clean


def test_causal_verb_describing_the_procedure_in_methods_is_not_flagged():
    methods = "Weighting by age leads to over-sampling of older adults, as described [1]."
    text = article("Mood is measured by scales [1].", "Scores fell.").replace(
        "The infusion lasted 40 minutes in 24 adults.", methods
    )
    assert codes(text.replace(REFS, COHORT), ["OVR002"]) == []
    intro = article("Weighting by age leads to over-sampling of older adults [1].", "Scores fell.")
    assert codes(intro.replace(REFS, COHORT), ["OVR002"]) == ["OVR002"]


# ---------------------------------------------------------------- OVR005


def test_absolute_quantifier_needs_a_claim_about_an_effect():
    assert codes("Ketamine always relieves depression.\n", ["OVR005"]) == ["OVR005"]
    assert codes("TMS works in every case.\n", ["OVR005"]) == ["OVR005"]
    for clean in (
        "The matrix product is always positive for symmetric matrices.\n",
        "Preeclampsia may never result in symptoms in many women.\n",
        "Familial cases account for 9% of all cases of early disease.\n",
        "The supposed miracle cures created false hope.\n",
        "Tuberculosis can be cured with several antibiotics.\n",
        "Outcomes (cure, failure, relapse and death) were compared.\n",
    ):
        assert codes(clean, ["OVR005"]) == [], clean


def test_absolute_in_methods_or_own_work_is_not_flagged():
    text = article(
        "Mood is measured by scales [1].", "In all cases, we repeated the infusion and mood always improved."
    )
    assert codes(text, ["OVR005"]) == []


def test_absolute_must_be_attached_to_an_effect_on_people():
    assert codes("Adults with depression invariably benefit from ketamine.\n", ["OVR005"]) == ["OVR005"]
    assert codes("Ketamine is never harmful in adults.\n", ["OVR005"]) == ["OVR005"]
    for clean in (
        "Junior analysts will invariably benefit from shared code libraries.\n",  # gain, but not of people
        "There is always room to refine a model and improve it.\n",  # the effect word is not what "always" says
        "Earlier models have never examined how dosing affects mood.\n",  # "never" qualifies "examined"
        "Archived datasets stay permanently available to any reader.\n",
    ):
        assert codes(clean, ["OVR005"]) == [], clean


def test_eliminates_in_a_research_article_is_a_promise_only_about_people():
    flagged = article("Mood is measured by scales [1]. The new regimen eliminates relapse in patients.", "Scores fell.")
    assert codes(flagged, ["OVR005"]) == ["OVR005"]
    clean = article(
        "Mood is measured by scales [1]. Autophagy eliminates damaged mitochondria in dendrites.", "Scores fell."
    )
    assert codes(clean, ["OVR005"]) == []


# ---------------------------------------------------------------- SUP003


def test_plural_claim_needs_plural_study_nouns():
    assert codes("Several trials have shown that ketamine lifts mood [1].\n" + REFS, ["SUP003"]) == ["SUP003"]
    for clean in (
        "The authors found that ketamine lifts mood [1].\n",
        "Experiments suggest that ketamine lifts mood [1].\n",
        "Evidence suggests that ketamine lifts mood [1].\n",
        "In her early infusion studies, she found that ketamine lifts mood [1].\n",
        "Many studies have shown that antidepressants lift mood (reviewed in [3]).\n",
    ):
        assert codes(clean + REFS, ["SUP003"]) == [], clean


# ---------------------------------------------------------------- CON001


def test_results_sentences_are_not_compared_with_each_other():
    text = article(
        "Mood is measured by scales [1].",
        "Ketamine increased glutamate levels at one hour. Ketamine decreased glutamate levels at one week.",
    )
    assert codes(text, ["CON001"]) == []
    flagged = article(
        "Ketamine increased glutamate levels in adults [1].",
        "Scores fell.",
        "Ketamine decreased glutamate levels in adults [2].",
    )
    assert codes(flagged, ["CON001"]) == ["CON001"]


KET_EARLIER = "Ketamine (KET) raised BDNF levels in adults [1]. "


def test_contradiction_needs_a_subject_that_acts_on_the_outcome():
    assert codes(KET_EARLIER + "KET lowered BDNF levels in adults [2].\n" + REFS, ["CON001"]) == ["CON001"]
    for later in (
        # a clause-long left side is not a subject: "KET" sits in a relative clause
        (
            "In contrast, older adults, who had taken KET for years and reported poor sleep, had slower recovery "
            "and decreased BDNF levels [2]."
        ),
        # an attributive direction word names a condition, not an effect
        "KET exposure and decreased BDNF levels were both seen in adults [2].",
        # the subject is the absence or fall of KET: its effect reads reversed
        "Low KET exposure lowered BDNF levels in adults [2].",
        "KET depletion lowered BDNF levels in adults [2].",
        "Reduced KET exposure lowered BDNF levels in adults [2].",
    ):
        assert codes(KET_EARLIER + later + "\n" + REFS, ["CON001"]) == [], later


def test_intransitive_change_has_no_outcome_to_contradict():
    earlier = "Use of KET in adults increased rapidly over the decade [1]. "
    assert (
        codes(earlier + "KET use in adults did not increase as rapidly as other drugs [2].\n" + REFS, ["CON001"]) == []
    )


# ---------------------------------------------------------------- STA001


def test_unnamed_interval_around_one_may_be_a_ratio():
    assert codes("The pooled effect was 1.11 (95% CI 0.99-1.24, p = 0.07).\n", ["STA001"]) == []
    assert codes("The mean difference was 2.1 (95% CI 0.9-3.3, p = 0.40).\n", ["STA001"]) == ["STA001"]


# ---------------------------------------------------------------- structure, as a property


_HEADINGS = st.sampled_from(
    ["Introduction", "Methods", "Results", "Discussion", "Cell culture", "Figure 3", "Abstract"]
)


@given(
    st.lists(st.tuples(_HEADINGS, st.sampled_from(["Mood fell.", "We measured mood.", "Mood fell [1]."])), max_size=8)
)
def test_every_sentence_gets_a_part_and_own_kinds_follow_the_part(sections):
    text = "".join(f"# {h}\n\n{s}\n\n" for h, s in sections) or "Mood fell.\n"
    doc = _document(text)
    parts = article_parts(doc)
    assert set(parts.part) == {s.span.start for s in doc.sentences}
    for sentence in doc.sentences:
        part = parts.part[sentence.span.start]
        if part in ("Methods", "Results") and sentence.span.start not in parts.captions:
            assert parts.reports_own_work(sentence.span.start)
