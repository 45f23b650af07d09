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
