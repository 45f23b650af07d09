"""The reference-string CRF: tokens and features, the tagger's runs, the rules + CRF merge, and the
fallback to the rules when the model is missing. Examples written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from references import entry_parser
from references.entry_parser import parse_reference, parse_rules
from references.parsing import crf_tagger
from references.parsing.crf_features import features, tokens

needs_model = pytest.mark.skipif(not crf_tagger.available(), reason="CRF model or python-crfsuite missing")


def test_tokens_split_vancouver_numbers_and_keep_offsets():
    text = "Okafor NB. Sleep. J Foo. 2014;114(2):345-53."
    toks = tokens(text)
    assert [w for w, _, _ in toks][-8:] == ["2014", ";", "114", "(", "2", ")", ":", "345-53."]
    assert all(text[s:e] == w for w, s, e in toks)


def test_features_mark_years_ranges_initials_and_hints():
    toks = tokens("Lindqvist AB (2011) Tidal mixing. Estuar Rev 12: 40-52.")
    feats = features(toks, ["pre"] * len(toks))
    by_word = dict(zip([w for w, _, _ in toks], feats))
    assert "year" in by_word["2011"]
    assert "range" in by_word["40-52."]
    assert "initials" in by_word["AB"]
    assert "r=pre" in by_word["Tidal"]
    assert "BOS" in feats[0] and "EOS" in feats[-1]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120))
def test_tokens_are_substrings_and_tag_never_raises(text):
    for word, start, end in tokens(text):
        assert text[start:end] == word and word.strip() == word
    runs = crf_tagger.tag(text)
    if runs is not None:
        assert all(text[r.start : r.end].strip() for r in runs)
        assert all(0.0 <= r.confidence <= 1.0 for r in runs)


@needs_model
def test_tagger_labels_an_apa_string():
    text = (
        "Brightwater, K. L., & Osei, M. (2019). Coastal fog and lichen growth. Journal of Damp Ecology, 14(2), 101-118."
    )
    found = crf_tagger.fields(text)
    assert text[found["title"].start : found["title"].end] == "Coastal fog and lichen growth."
    assert text[found["container"].start : found["container"].end].startswith("Journal of Damp Ecology")
    assert text[found["author"].start : found["author"].end].startswith("Brightwater")


@needs_model
def test_crf_fixes_a_title_the_rules_cut_at_a_comma():
    raw = "Halvorsen, T., Moss, R., Lattice codes for noisy channels, and their decoding, Signal Letters, 4 (2), 33-41, 1999."
    assert parse_rules(raw).title == "Lattice codes for noisy channels"
    assert parse_reference(raw).title == "Lattice codes for noisy channels, and their decoding"


@needs_model
def test_rules_title_kept_when_the_crf_reads_title_and_journal_as_one():
    ref = parse_reference("Okafor NB (2005) Ward staffing? Nursing Times 12: 1-4.")
    assert ref.title == "Ward staffing?"
    assert ref.venue == "Nursing Times"


@needs_model
def test_identifiers_and_numbers_stay_with_the_rules():
    raw = "Quist R, Amadi J. Night shifts and appetite. Sleep Med Lett. 2020;7(3):210-9. doi:10.5555/sml.2020.7"
    crf, rules = parse_reference(raw), parse_reference(raw, crf=False)
    assert (crf.doi, crf.year, crf.volume, crf.issue, crf.pages) == (
        rules.doi,
        rules.year,
        rules.volume,
        rules.issue,
        rules.pages,
    )
    assert crf.title == "Night shifts and appetite"


def test_missing_model_falls_back_to_rules(monkeypatch, tmp_path):
    raw = "Okafor NB (2005) Ward staffing? Nursing Times 12: 1-4."
    monkeypatch.setattr(crf_tagger, "MODEL_PATH", tmp_path / "absent.crfsuite")
    crf_tagger._tagger.cache_clear()
    try:
        assert crf_tagger.tag(raw) is None and not crf_tagger.available()
        assert parse_reference(raw) == entry_parser.parse_rules(raw)
    finally:
        monkeypatch.undo()
        crf_tagger._tagger.cache_clear()


@needs_model
def test_rules_title_kept_when_the_crf_would_cut_inside_brackets():
    raw = "Lund P, Varga E. Cortical GABA in late-life anxiety: insights from (1)H MR spectroscopy. Neuroimage Rep. 2021;3:44-50."
    assert parse_reference(raw).title == "Cortical GABA in late-life anxiety: insights from (1)H MR spectroscopy"


@needs_model
@pytest.mark.parametrize(
    "raw",
    [
        "Okoye B, Lund P (2010) In vivo tracing of night-shift sleep in nurses. Sleep Rep 7: 44–58.",
        "Okoye B, Lund P (2012) Consort 2010 statement: extension to shift-work trials. Sleep Rep 345.",
    ],
)
def test_crf_does_not_drop_the_titles_opening_words(raw):
    ref = parse_reference(raw)
    assert ref.title.split()[0] == raw.split(") ", 1)[1].split()[0]


@needs_model
def test_crf_title_may_not_run_on_into_the_rules_journal():
    raw = "Osei M, Lund P. Sleep statistics, 2015. CA: a sleep journal for clinicians. 2015;65(1):5–29."
    ref = parse_reference(raw)
    assert (ref.title, ref.venue) == ("Sleep statistics, 2015", "CA: a sleep journal for clinicians")


@needs_model
def test_crf_title_may_not_end_on_a_function_word():
    raw = (
        "Osei M, Lund P. Night Inequalities in Wards' Compliance With the Family Sleep Prevention Act of 2009, "
        "January 2014-July 2014. Prev Sleep Dis. 2015;12:E171."
    )
    assert parse_reference(raw).title.endswith("Act of 2009, January 2014-July 2014")


@needs_model
def test_a_quoted_title_keeps_its_quotation_marks_as_bounds():
    raw = "Robert Osei, “Hospital Networks,” in The Forbidden Night-Shifts of PreModern France (New York: Norton, 1995), 181–97"
    assert parse_reference(raw).title == "Hospital Networks"
