"""Finding messages say what the sentence says: OVR003 names the people a claim is about
instead of saying it "does not name a species"."""

from __future__ import annotations

from helpers import ARTICLE_REFS, analyze_text


def _message(text: str, code: str) -> str:
    found = [f for f in analyze_text(text + ARTICLE_REFS, [code]).findings if f.code == code]
    assert len(found) == 1, found
    return found[0].message


def test_ovr003_on_a_claim_about_patients_names_them():
    message = _message("Ketamine restores dendritic spines in patients with depression [2].", "OVR003")
    assert "does not name a species" not in message
    assert message.startswith("Claim is about people ('in patients')") and "animal" in message


def test_ovr003_on_a_claim_naming_no_species_says_so():
    text = "Depression is treated in adults [1]. Ketamine restores dendritic spines within a day [2]."
    message = _message(text, "OVR003")
    assert message.startswith("Claim does not name a species")


def test_a_narrative_opening_no_longer_hides_a_weak_source():
    """As in the example manuscript turned into DOCX text (paragraphs on one line): the sentence resting on
    a web page [3] opened with "Nobler and colleagues" and was glued to the one before, which cites a
    meta-analysis [2], so SUP002 saw a scholarly source and stayed silent."""
    refs = (
        "\n\nReferences\n\n"
        "1. Stone A, Reed B. Ketamine in adults: a randomized controlled trial. J Psychiatr Res. 2019;12:1-9.\n"
        "2. Hale C, Moss D. Prevalence of depression in adults: a systematic review and meta-analysis. "
        "Psychol Med. 2016;44(2):225-239.\n"
        "3. Transcranial Magnetic Stimulation. MayoClinic. Published November 27, 2018. Accessed June 22, 2022.\n"
    )
    text = (
        "Depression is common in adults [2]. Nobler and colleagues reported that TMS is a safe and effective "
        "treatment for depression [3].\n"
    )
    found = [f for f in analyze_text(text + refs, ["SUP002"]).findings]
    assert [f.quoted.startswith("Nobler and colleagues") for f in found] == [True]
