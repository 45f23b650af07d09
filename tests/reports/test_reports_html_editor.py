"""The HTML report as an editor reads it (issue 17): nothing looks verified that was not checked,
document-level problems come first, plain words, no inner scroll boxes, a JATS article opens on
its text, and a card quotes the sentence it flags a word of."""

from __future__ import annotations

import io
import re

from helpers import ARTICLE_REFS, analyze_text

from claims.loading import load_document
from reports import html as html_report
from reports.options import RenderOptions
from verifier.config import VerifierConfig
from verifier.models import Trigger
from verifier.pipeline import analyze

NO_LIST = (
    "Ketamine lifts mood within hours in adults [1]. Relapse follows within a month in most patients [2].\n"
    "Studies have shown that depression doubles the risk of heart disease.\n"
)


def _html(report, text: str) -> str:
    out = io.StringIO()
    html_report.render(report, out, options=RenderOptions(source_text=text))
    return out.getvalue()


def _mark_class(markup: str, claim_id: str) -> tuple[str, str]:
    m = re.search(rf'<mark class="claim ([^"]+)" id="claim-{claim_id}" title="([^"]*)"', markup)
    assert m, claim_id
    return m.group(1), m.group(2)


def test_claims_whose_citations_were_not_followed_are_not_checked_not_green():
    report = analyze_text(NO_LIST, ["ALL"])
    markup = _html(report, NO_LIST)
    assert "no finding" not in markup and "\u2713" not in markup
    cls, title = _mark_class(markup, "c1")
    assert cls == "v-not-checked" and "no reference list" in title
    assert "--ok-bg" not in re.search(r"mark\.v-supported \{[^}]*\}", markup).group()


def test_a_claim_a_rule_examined_reads_checked_nothing_found():
    text = "Ketamine reduced depressive symptoms in adults in a randomized trial [1]." + ARTICLE_REFS
    report = analyze_text(text, ["ALL"])
    assert report.unchecked_claims == []
    assert _mark_class(_html(report, text), "c1") == ("v-supported", "checked, nothing found")


def test_no_rule_for_claims_means_not_checked():
    text = "Ketamine reduced depressive symptoms in adults in a randomized trial [1]." + ARTICLE_REFS
    report = analyze_text(text, ["CIT002"])
    assert [u.why for u in report.unchecked_claims] == ["no selected rule examines claims"]


def test_document_level_problems_come_first_and_markers_are_quiet():
    report = analyze_text(NO_LIST, ["ALL"])
    markup = _html(report, NO_LIST)
    banner = markup.index('id="document-problems"')
    assert banner < markup.index('id="overview"')
    assert "2 citation markers, but no reference list" in markup[banner : markup.index('id="overview"')]
    assert 'class="marker dangling"' not in markup and 'class="missing"' not in markup
    assert markup.count('class="marker unresolved"') == 2


def test_no_banner_without_document_level_problems():
    text = "Ketamine reduced depressive symptoms in adults in a randomized trial [1]." + ARTICLE_REFS
    assert 'id="document-problems"' not in _html(analyze_text(text, ["ALL"]), text)


def test_messages_and_cards_use_plain_words():
    text = "TMS is a safe and effective treatment for depression [1].\n\nReferences\n\n" + (
        "1. Transcranial Magnetic Stimulation. MayoClinic. Published November 27, 2018. Accessed June 22, 2022.\n"
    )
    report = analyze_text(text, ["SUP002", "OVR001"])
    markup = _html(report, text)
    messages = " ".join(f.message for f in report.findings)
    assert report.findings and "non_scholarly" not in messages and "web_page" not in messages
    assert "non-scholarly (web page)" in messages
    cards = markup[markup.index('id="findings-panel"') :]
    for internal in ("non_scholarly", "web_page", "no_change", "design_unknown"):
        assert internal not in cards, internal


def test_a_cue_card_names_the_kind_of_word():
    report = analyze_text(NO_LIST, ["CIT001"])
    finding = report.findings[0]
    boosted = finding.model_copy(update={"evidence": [Trigger(kind="cue", text="clearly", detail="booster")]})
    markup = _html(report.model_copy(update={"findings": [boosted]}), NO_LIST)
    assert "Cue word: clearly (word of certainty)" in markup and "booster" not in markup.split("<main>")[1]


def test_no_fixed_height_inner_scroll_boxes():
    css = html_report._assets()[0]
    for selector in (".manuscript", "#findings-panel"):
        for rule in re.findall(rf"{re.escape(selector)} \{{([^}}]*)\}}", css):
            assert "max-height" not in rule and "overflow: auto" not in rule, (selector, rule)


def test_a_jats_article_opens_on_its_title_not_blank_space(tmp_path):
    article = tmp_path / "article.xml"
    front = "\n".join(f"    <contrib><name><surname>Author{i}</surname></name></contrib>" for i in range(40))
    article.write_text(
        '<?xml version="1.0"?>\n<article><front><article-meta><title-group><article-title>Ketamine and mood'
        f"</article-title></title-group><contrib-group>\n{front}\n</contrib-group></article-meta></front>\n"
        "<body><sec><title>Introduction</title><p>Ketamine lifts mood within hours in adults.</p></sec></body>"
        "</article>\n",
        encoding="utf-8",
    )
    doc = load_document(str(article))
    markup = _html(analyze(doc, VerifierConfig()), doc.text)
    view = markup[markup.index('aria-label="Manuscript text">') + len('aria-label="Manuscript text">') :]
    assert view.startswith("# Ketamine and mood")
    shown = re.sub(r"<[^>]+>", "", view[: view.index("</div>")])
    assert "\n\n\n" not in shown and "   " not in shown


def test_a_year_mismatch_card_quotes_its_sentence():
    text = "In their 2015 trial, Stone and colleagues measured suicidal ideation [1]." + ARTICLE_REFS
    report = analyze_text(text, ["CIT005"])
    assert [f.quoted for f in report.findings] == ["2015"]
    markup = _html(report, text)
    assert "<blockquote>In their <mark>2015</mark> trial, Stone and colleagues measured" in markup


def test_a_long_evidence_list_folds_after_ten():
    text = "Ketamine lifts mood within hours in adults [1]." + ARTICLE_REFS
    report = analyze_text(text, ["SUP001"])
    base = analyze_text(NO_LIST, ["CIT001"]).findings[0]
    many = base.model_copy(update={"evidence": [Trigger(kind="reference", text=f"[{i}]") for i in range(25)]})
    markup = _html(report.model_copy(update={"findings": [many]}), text)
    assert "<summary>and 15 more</summary>" in markup


def test_text_and_markdown_evidence_lines_use_plain_words():
    from reports import render

    text = "TMS is a safe and effective treatment for depression [1].\n\nReferences\n\n" + (
        "1. Transcranial Magnetic Stimulation. MayoClinic. Published November 27, 2018. Accessed June 22, 2022.\n"
    )
    report = analyze_text(text, ["SUP002"])
    for fmt in ("text", "markdown"):
        out = io.StringIO()
        render(fmt, report, out, RenderOptions(source_text=text))
        assert "non_scholarly" not in out.getvalue() and "(non-scholarly)" in out.getvalue(), fmt
