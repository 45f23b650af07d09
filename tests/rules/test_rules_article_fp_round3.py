"""The last false alarms of SUP001 and OVR003 on published research articles, each fixed at
its cause: a flagged and a near-miss case per fix, with sentences written for this test (no article
text)."""

from __future__ import annotations

from helpers import ARTICLE_REFS as REFS
from helpers import codes

from claims.features.lexicon import matcher
from claims.features.population import population
from claims.models import Population
from claims.spans import SentenceView


def research_article(discussion: str) -> str:
    """A small research article in Markdown whose Discussion is ``discussion``."""
    return (
        "# Ketamine and sleep in adults\n\n"
        "# Introduction\n\nSleep is poor in depression [1].\n\n"
        "# Methods\n\nThe infusion lasted 40 minutes in 24 adults.\n\n"
        "# Results\n\nSleep time rose by 35 minutes after the infusion.\n\n"
        "# Discussion\n\n" + discussion + REFS
    )


# ---------------------------------------------------------------- SUP001: who reports what


def test_an_evidence_noun_that_modifies_another_noun_is_not_the_subject():
    assert codes("In the 1970s, clinical trials established that lithium prevents relapse.\n", ["SUP001"]) == ["SUP001"]
    assert codes("Survey data show that most adults sleep badly after a loss.\n", ["SUP001"]) == ["SUP001"]
    for clean in (
        "In the 1970s, clinical trial procedures were established by national agencies.\n",
        "The key/data storage model has proven easy to scale across many machines.\n",
    ):
        assert codes(clean, ["SUP001"]) == [], clean


def test_a_participle_before_a_finite_verb_is_not_the_reporting_verb():
    assert codes("The literature identified ketamine as a rapid antidepressant.\n", ["SUP001"]) == ["SUP001"]
    assert codes("The literature identified does not address dosing in children.\n", ["SUP001"]) == []


def test_a_report_in_an_opening_clause_of_time_or_condition_is_a_premise():
    assert codes("After two decades of infusions, ketamine has been shown to lift mood in adults.\n", ["SUP001"]) == [
        "SUP001"
    ]
    for clean in (
        "Once a response has been demonstrated in a pilot, it remains to test the dose.\n",
        "After binding has been shown in the plasmid, one must still test the site itself.\n",
    ):
        assert codes(clean, ["SUP001"]) == [], clean


# ---------------------------------------------------------------- SUP001: the citation next door


def test_a_cited_next_sentence_that_points_back_supports_the_claim():
    clean = (
        "The STONE trial reported one adult who developed a rash. "
        "This was judged a minor event in that trial [1]. Dizziness was the most common complaint.\n" + REFS
    )
    assert codes(clean, ["SUP001"]) == []
    flagged = (
        "The STONE trial reported one adult who developed a rash. "
        "Rashes after infusion are rare [1]. Dizziness was the most common complaint.\n" + REFS
    )
    assert codes(flagged, ["SUP001"]) == ["SUP001"]
    # the next sentence points back, but sits in the next paragraph
    split = (
        "The STONE trial reported one adult who developed a rash.\n\n"
        "This was judged a minor event in that trial [1]. Dizziness was the most common complaint.\n" + REFS
    )
    assert codes(split, ["SUP001"]) == ["SUP001"]


def test_a_sentence_pointing_back_to_the_cited_method_before_it_is_supported():
    clean = (
        "Expression plasmids were built for the assay [1]. "
        "A transfection efficiency of 10% was obtained with this method. Later work changed the vector.\n" + REFS
    )
    assert codes(clean, ["SUP001"]) == []
    flagged = (
        "Expression plasmids were built for the assay [1]. "
        "A transfection efficiency of 10% is typical of lipid reagents. Later work changed the vector.\n" + REFS
    )
    assert codes(flagged, ["SUP001"]) == ["SUP001"]


def test_a_number_restated_from_a_sourced_sentence_just_before_needs_no_second_source():
    source = "The maker states that 80% of men respond (https://example.org/claims). "
    assert (
        codes(source + "The 80% response rate that the maker quotes is hard to check. Nobody audits it.\n", ["SUP001"])
        == []
    )
    assert codes(source + "The 65% response rate in older men is hard to check. Nobody audits it.\n", ["SUP001"]) == [
        "SUP001"
    ]


# ---------------------------------------------------------------- SUP001: the authors' own results


def test_an_analysis_restated_after_the_authors_we_found_in_the_discussion_is_their_own():
    clean = research_article(
        "We found that sleep time rose after one infusion. "
        "The actigraphy analysis of these adults also found that naps became shorter."
    )
    assert codes(clean, ["SUP001"]) == []
    for flagged in (
        # someone else's work, named as such
        "We found that sleep time rose after one infusion. Previous analyses of older adults found that naps became shorter.",
        # the present perfect speaks of the literature
        "We found that sleep time rose after one infusion. Analyses have shown that naps become shorter.",
        # no "we" before it in the paragraph
        "Sleep matters for mood.\n\nThe actigraphy analysis of older adults found that naps became shorter.",
    ):
        assert codes(research_article(flagged), ["SUP001"]) == ["SUP001"], flagged


def test_a_reviews_own_included_studies_are_its_own_work():
    assert (
        codes(
            research_article("All of the controlled trials included showed a benefit of ketamine on sleep."), ["SUP001"]
        )
        == []
    )
    assert codes(research_article("Controlled trials showed a benefit of ketamine on sleep."), ["SUP001"]) == ["SUP001"]


# ---------------------------------------------------------------- OVR003: people named by their role in care


def test_donors_and_transplant_recipients_are_people_but_molecules_are_not():
    def who(sentence: str) -> Population:
        return population(SentenceView.of(sentence))[0]

    assert who("Healthy blood donors carried antibodies to the virus.") is Population.HUMAN
    assert who("Kidney transplant recipients lost graft function within a year.") is Population.HUMAN
    assert who("The electron donor reduced the copper complex.") is Population.UNSPECIFIED
    assert who("Recipient cells took up the plasmid.") is Population.UNSPECIFIED
    assert who("Transplant recipient mice rejected the graft.") is Population.ANIMAL


# ---------------------------------------------------------------- OVR005: word lists are data


def test_absolute_word_lists_load_from_lexicons():
    assert matcher("absolute_outcomes").fullmatch("100% safe")
    assert matcher("absolute_outcomes").fullmatch("guaranteed")
    assert not matcher("absolute_outcomes").fullmatch("always")
    assert matcher("absolute_mechanism_outcomes").fullmatch("eradicates")
    assert matcher("absolute_effect_words").search("TMS always works")
    assert matcher("absolute_gain_words").search("patients always benefit")
    assert codes("Ketamine is a so-called miracle cure for depression.\n", ["OVR005"]) == []
    assert "OVR005" in codes("Ketamine is a miracle cure for depression.\n", ["OVR005"])


def test_sup001_leaves_the_discussions_own_analysis_in_the_present_and_ovr003_a_continuing_comment():
    """From the 68-article benchmark (fourth round): a Discussion's "this analysis … finds" is the
    article's own result; "This is a surprising finding because … in transplant recipients …"
    continues a cited animal study without extrapolating from it."""
    from helpers import analyze_text

    article = "# Methods\n\nWe sequenced 40 genomes.\n\n# Discussion\n\n"
    own = article + "BDZ trans analysis of a prokaryotic gene set finds the opposite transition behavior in flanks.\n"
    assert [f.code for f in analyze_text(own, ["SUP001"]).findings] == []
    others = article + "Earlier work on a prokaryotic gene set has found the opposite transition behavior.\n"
    assert [f.code for f in analyze_text(others, ["SUP001"]).findings] == ["SUP001"]
    refs = "\n\nReferences\n\n1. Hale C. Graft tolerance after B-cell transfer in mice. Immunity. 2015;3:1-9.\n"
    text = (
        "Patients differ. Many patients relapse. Adults vary.\n"
        "Transitional B cells prevented graft rejection in transplanted mice [1]. "
        "This is a surprising finding because antibodies in transplant recipients are often associated "
        "with decreased graft function.\n" + refs
    )
    assert [f.code for f in analyze_text(text, ["OVR003"]).findings] == []
