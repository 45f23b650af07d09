"""Flagged and clean cases for the SUP and OVR rules and CIT005's numbered form, run
through the whole pipeline (sqlfluff's YAML case tables, as a Python table)."""

from __future__ import annotations

import pytest
from helpers import analyze_text

REFS = """
References

1. Smith J. Remission after ketamine in one patient with refractory depression: a case report. Case Rep Psychiatry. 2018;2018:1-3.
2. Berlim MT, Van den Eynde F, Tovar-Perdomo S, Daskalakis ZJ. Response, remission and drop-out rates following rTMS for depression: a systematic review and meta-analysis of randomized, double-blind and sham-controlled trials. Psychol Med. 2014;44(2):225-239.
3. Rat A, Mouse B. Ketamine restores dendritic spines in the prefrontal cortex of stressed rats. J Neurosci Res. 2016;94(5):400-410.
4. Survey F, Poll G. Screen time and depressive symptoms in 10,000 adolescents: a cross-sectional study. J Adolesc Health. 2020;66(2):200-207.
5. Transcranial Magnetic Stimulation. MayoClinic. Published November 27, 2018. Accessed June 22, 2022.
6. Murrough JW, Iosifescu DV, Chang LC, et al. Antidepressant efficacy of ketamine in treatment-resistant major depression: a two-site randomized controlled trial. Am J Psychiatry. 2013;170(10):1134-1142.
7. Other K, Author L. Ketamine and suicidal ideation: a randomized controlled trial in 200 outpatients. J Affect Disord. 2019;250:10-15.
"""

CASES = [
    # (code, text, flagged?)
    ("SUP001", "Studies have shown that depression doubles the risk of heart disease.", True),
    ("SUP001", "About 35% of patients fail to respond to drug therapy.", True),
    ("SUP001", "It has been demonstrated that rTMS raises serum endorphins.", True),
    ("SUP001", "Studies have shown that depression doubles the risk of heart disease [6].", False),
    ("SUP001", "Serotonin is released and reabsorbed by brain cells.", False),  # textbook, no research report
    # a hedged report of research still needs a source (issue #12); a hedged statement does not
    ("SUP001", "Ketamine may reduce suicidal ideation, as some studies suggest.", True),
    ("SUP001", "Researchers found that ketamine appears to reset brain networks.", True),
    ("SUP001", "Ketamine may reduce suicidal ideation within hours.", False),
    ("SUP001", "Its effect on sleep remains unclear. These results suggest that ketamine may help.", False),
    ("SUP001", "In summary, studies have shown that rTMS relieves pain.", False),
    ("SUP001", "Ketamine should only be used under medical supervision.", False),
    ("SUP001", "Results: 35% of patients responded (p = 0.01).", False),  # the authors' own results
    ("SUP002", "TMS is a safe and effective treatment for depression [5].", True),
    ("SUP002", "TMS is a safe and effective treatment for depression [2].", False),
    ("SUP002", "TMS was first described in 1985 [5].", False),  # not a clinical claim
    ("SUP002", "TMS therapy uses magnetic pulses to stimulate brain cells [5].", False),  # how it works, not whether
    ("SUP003", "Several studies have shown that ketamine works within hours [6].", True),
    ("SUP003", "Studies show that rTMS is effective [1, 5].", True),  # a web page is not a study
    ("SUP003", "Several studies have shown that ketamine works within hours [6, 7].", False),
    ("SUP003", "Several trials have shown that rTMS is effective [2].", False),  # a meta-analysis speaks for many
    ("OVR001", "This work clearly demonstrated that ketamine reverses depression [1].", True),
    ("OVR001", "This trial demonstrated that ketamine relieves depression [6].", False),
    ("OVR001", "This report suggested that ketamine may relieve depression [1].", False),
    ("OVR001", "This report showed that ketamine relieved depression in one patient [1].", False),  # reporting verb
    ("OVR002", "Screen time causes depression in adolescents [4].", True),
    ("OVR002", "Screen time is associated with depression in adolescents [4].", False),
    ("OVR002", "Ketamine reduced depressive symptoms in a randomized trial [6].", False),
    ("OVR003", "Ketamine restores dendritic spines in patients with depression [3].", True),
    ("OVR003", "In rats, ketamine restores dendritic spines in the prefrontal cortex [3].", False),
    ("OVR003", "Ketamine relieves depression within hours [6].", False),
    ("OVR005", "TMS cures depression in all patients.", True),
    ("OVR005", "Ketamine is 100% safe.", True),
    ("OVR005", "Not all patients respond to ketamine.", False),
    ("OVR005", "Diverse pathways almost always converge on prefrontal dysfunction [6].", False),  # approximated
    ("OVR005", 'Patients described the drug as "a cure that always works" [6].', False),  # quoted
    ("CIT005", "In their 2015 trial, Murrough and colleagues measured suicidal ideation [6].", True),
    ("CIT005", "In their 2013 trial, Murrough and colleagues measured suicidal ideation [6].", False),
    ("CIT005", "Between 2010 and 2015, ketamine was studied widely [6].", False),
]


def test_author_bio_under_a_person_heading_is_not_checked():
    text = "Dr. Jane Roe\n\nDr. Roe has always combined evidence-based medicine with psychotherapy in all patients.\n"
    report = analyze_text(text, ["OVR005", "SUP001"])
    assert report.findings == []
    assert report.claims[0].features.checkworthy_reason == "author bio"


@pytest.mark.parametrize(("code", "text", "flagged"), CASES, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(CASES)])
def test_case(code: str, text: str, flagged: bool):
    document = f"{text}\n{REFS}"
    report = analyze_text(document, [code])
    found = [f for f in report.findings if f.code == code]
    assert bool(found) is flagged, [f.message for f in found] or f"{code} not flagged"
    for finding in found:
        assert document[finding.span.start : finding.span.end] == finding.quoted
        assert finding.suggestion is not None and finding.message


def test_ovr002_causal_restatement_of_the_paragraphs_own_correlation():
    refs = "\n\nReferences\n\n1. Lee K. Brain networks and mood. Neuroimage. 2015;3:1-9.\n"
    flagged = (
        "Studies have found symptoms of depression to be correlated with irregularities in neural networks. "
        "Dysfunction in these networks produces the symptoms of depression [1].\n" + refs
    )
    assert [f.code for f in analyze_text(flagged, ["OVR002"]).findings] == ["OVR002"]
    other_subject = (
        "Studies have found sleep loss to be correlated with irregular meals. "
        "Dysfunction in these networks produces the symptoms of depression [1].\n" + refs
    )
    assert analyze_text(other_subject, ["OVR002"]).findings == []
