"""The HTML report without a browser: structure, escaping, links, CSP and size."""

from __future__ import annotations

import base64
import hashlib
import io
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.models import Claim
from claims.spans import LineIndex
from reports import html as html_report
from reports.options import RenderOptions
from verifier.models import InputInfo, Report, Summary, ToolInfo

VOID = {"meta", "input", "br", "img", "link", "hr", "wbr"}


class Page(HTMLParser):
    """Collects ids, fragment links, scripts and the manuscript's text, and checks nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.csp = ""
        self.manuscript: list[str] = []
        self._in_manuscript = 0
        self._skip = 0
        self.attrs_seen: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs_seen.extend(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if "href" in a:
            self.hrefs.append(a["href"])
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a["content"]
        if tag in VOID:
            return
        self.stack.append(tag)
        classes = (a.get("class") or "").split()
        if "manuscript" in classes:
            self._in_manuscript = len(self.stack)
        if self._in_manuscript and {"verdict", "flag", "more-refs", "missing"} & set(classes) and not self._skip:
            self._skip = len(self.stack)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        if self._skip == len(self.stack):
            self._skip = 0
        if self._in_manuscript == len(self.stack):
            self._in_manuscript = 0
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "script":
            self.scripts.append(data)
        elif self.stack and self.stack[-1] == "style":
            self.styles.append(data)
        elif self._in_manuscript and not self._skip:
            self.manuscript.append(data)


def render(report: Report, source: str | None, rules=()) -> str:
    buf = io.StringIO()
    html_report.render(report, buf, options=RenderOptions(source_text=source, rules=rules))
    return buf.getvalue()


def parse(markup: str) -> Page:
    page = Page()
    page.feed(markup)
    page.close()
    assert page.stack == []
    return page


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_structure_links_and_csp(sample, rules):
    markup = render(sample.report, sample.text, rules)
    page = parse(markup)
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    for href in page.hrefs:
        if href.startswith("#"):
            assert href[1:] in page.ids, f"broken link {href}"
        else:
            assert href.startswith("https://"), href  # only doi.org and http(s) URLs from the entries
    assert page.tags.count("script") == 1 and page.tags.count("style") == 1
    assert "img" not in page.tags and "iframe" not in page.tags
    assert not any(name.startswith("on") for name, _ in page.attrs_seen)
    assert not any(name == "style" for name, _ in page.attrs_seen), "inline style attributes break the CSP"
    assert "default-src 'none'" in page.csp
    assert _hash(page.scripts[0]) in page.csp and _hash(page.styles[0]) in page.csp
    assert "unsafe-inline" not in page.csp
    assert "javascript:" not in " ".join(page.hrefs)


def test_manuscript_text_is_shown_exactly(sample):
    page = parse(render(sample.report, sample.text))
    assert "".join(page.manuscript) == sample.text


def test_claims_and_markers_are_annotated(sample, rules):
    markup = render(sample.report, sample.text, rules)
    assert '<mark class="claim v-warning" id="claim-c1"' in markup
    assert '<mark class="claim v-error" id="claim-c2"' in markup  # CIT001 error beats SUP003 warning
    assert '<mark class="claim v-not-checkworthy" id="claim-c6"' in markup
    assert '<a class="marker" href="#ref-1" title="reference 1">[1]</a>' in markup
    assert '<span class="marker dangling"' in markup  # Smith et al. 2020 has no entry
    assert '<span class="more-refs" aria-label="also cites"><a href="#ref-3">+3</a></span>' in markup
    assert 'id="at-finding-' in markup  # CIT002 has no claim: a flag sits in the reference list
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in markup
    assert "onerror=&quot;window.__pwned=2&quot;" in markup
    assert '<svg id="chart-levels"' in markup and '<svg id="chart-rules"' in markup
    assert "Level 4: 1" in markup  # the chart's text description


def test_without_source_text_claims_are_listed(sample):
    markup = render(sample.report, None)
    page = parse(markup)
    text = "".join(page.manuscript)
    for claim in sample.report.claims:
        assert claim.text in text
    assert "was not supplied" in markup


def test_reference_anchors_are_unique_and_safe():
    from references.models import Reference

    refs = [Reference(key=k) for k in ("a b", "a_b", 'x"><script>', "12")]
    anchors = html_report.reference_anchors(refs)
    assert anchors == {"a b": "ref-a_b", "a_b": "ref-a_b-2", 'x"><script>': "ref-x___script_", "12": "ref-12"}


def test_overlapping_claims_are_drawn_once():
    text = "Alpha beta gamma."
    lines = LineIndex(text)
    claims = [
        Claim(id="a", text=text[0:10], span=lines.span(0, 10)),
        Claim(id="b", text=text[6:17], span=lines.span(6, 17)),
        Claim(id="c", text="x", span=lines.span(16, 17)),
    ]
    drawn = html_report.drawable_claims(claims, 0, len(text))
    assert [c.id for c in drawn] == ["a", "c"]


def _random_report(draw):
    alphabet = st.characters(blacklist_categories=("Cs",)) | st.sampled_from("<>&\"'\n\r\t\x00/=")
    text = draw(st.text(alphabet, min_size=1, max_size=200))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    lines = LineIndex(text)
    claims = [
        Claim(id=f"c{i}", text=text[a:b], span=lines.span(a, b), checkworthy=bool(i % 2))
        for i, (a, b) in enumerate(zip(cuts[::2], cuts[1::2]))
        if b > a
    ]
    report = Report(
        tool=ToolInfo(name="verifier", version="0"),
        input=InputInfo(path="x.txt", sha256="0" * 64, format="txt", encoding="utf-8", size=len(text)),
        claims=claims,
        summary=Summary(claims=len(claims), checkworthy_claims=0, markers=0, references=0),
    )
    return report, text


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_text_round_trips_through_the_page(data):
    report, text = _random_report(data.draw)
    page = parse(render(report, text))
    assert "".join(page.manuscript) == text.translate(html_report._UNSAFE)
    assert page.tags.count("script") == 1
    assert len(page.ids) == len(set(page.ids))


def test_no_external_resources(sample):
    page = parse(render(sample.report, sample.text))
    assert not any(name in {"src", "srcset", "action", "formaction", "poster"} for name, _ in page.attrs_seen)
    css = page.styles[0]
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_narrative_mention_is_not_shown_as_a_broken_citation():
    from reports.html import _marker_html

    opening, closing = _marker_html(None, (), [])  # type: ignore[arg-type]  # the page is not consulted
    assert "mention" in opening and "missing" not in closing


def test_bidi_overrides_and_terminal_controls_never_reach_the_html_report():
    # "Trojan Source": a right-to-left override in a manuscript must not reorder a quoted sentence
    import io

    from helpers import analyze_text

    from reports.html import render
    from reports.options import RenderOptions

    text = "Ketamine cures depression in all patients \u202ereversed\u202c today.\x1b[2J\n"
    out = io.StringIO()
    render(analyze_text(text, ["OVR005"]), out, options=RenderOptions(source_text=text))
    page = out.getvalue()
    assert "cures" in page and "reversed" in page
    assert not any(ch in page for ch in "\u202e\u202c\x1b")
