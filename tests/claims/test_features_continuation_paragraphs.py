"""Paragraph breaks as the loaders write them: a blank line in plain text and Markdown, a PARAGRAPH
SEPARATOR (U+2029) in text rendered from markup (JATS, HTML, LaTeX), whose source line breaks are soft."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claims.features.continuation import opens_with_back_reference, same_paragraph


def test_blank_line_and_paragraph_separator_break_a_paragraph_but_a_soft_wrap_does_not():
    for text in ("One.\n\nTwo.", "One.\n \nTwo.", "One.\u2029\u2029Two.", "One.\u2029Two."):
        assert not same_paragraph(text, 4, text.index("Two")), repr(text)
    for text in ("One. Two.", "One.\nTwo.", "One.\u2028Two."):
        assert same_paragraph(text, 4, text.index("Two")), repr(text)


def test_back_reference_opens_the_sentence():
    assert opens_with_back_reference("This was judged a minor event in that trial [1].")
    assert not opens_with_back_reference("Rashes after infusion are rare [1].")


@given(st.text(alphabet=st.characters(blacklist_characters="\n\u2029"), max_size=80))
def test_text_without_line_or_paragraph_breaks_is_one_paragraph(text):
    assert same_paragraph(text, 0, len(text))
