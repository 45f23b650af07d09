"""A self-contained HTML report for editors and reviewers.

One file, no network requests: the stylesheet and the one small script are
inlined and allowed by a Content-Security-Policy that lists their SHA-256
hashes and nothing else, so any script smuggled into the manuscript cannot
run even if escaping failed. Every piece of manuscript or reference text goes
through ``_esc``. The page reads without JavaScript: filters are checkboxes
that CSS ``:has()`` applies; the script only counts what is shown.
"""

from __future__ import annotations

import base64
import hashlib
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import TextIO
from urllib.parse import quote

from claims.models import Claim, Span
from references.models import EvidenceLevel, LinkStatus, Reference
from references.plain_words import cue_words, design_words, level_value_words, reason_words, species_words
from reports.options import RenderOptions
from reports.safe_text import UNSAFE
from reports.verdicts import (
    ICONS,
    LABELS,
    SEVERITY_ORDER,
    Verdict,
    by_severity,
    claim_verdicts,
    document_level,
    marker_counts,
)
from verifier.models import Finding, Report, Severity, Trigger

# C0 controls (except tab, LF, CR), DEL and lone surrogates cannot be written as
# UTF-8 or are not allowed in HTML; each becomes U+FFFD, one for one.
# The controls and bidi overrides no report may carry (reports.safe_text: a manuscript's U+202E must not
# reorder how a quoted sentence reads), plus lone surrogates, which no HTML page can hold.
_UNSAFE = {**UNSAFE, **{c: "\ufffd" for c in range(0xD800, 0xE000)}}
_UNSAFE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _UNSAFE) + "]")

LEVEL_ORDER: tuple[EvidenceLevel, ...] = tuple(EvidenceLevel)
LEVEL_LABELS: dict[EvidenceLevel, str] = {
    **{lvl: f"Level {lvl.value}" for lvl in LEVEL_ORDER[:5]},
    EvidenceLevel.PRECLINICAL: "Preclinical",
    EvidenceLevel.NON_SCHOLARLY: "Non-scholarly",
    EvidenceLevel.UNKNOWN: "Unknown",
}
LEVEL_COLOURS: dict[EvidenceLevel, str] = {
    EvidenceLevel.L1: "#1a7f37",
    EvidenceLevel.L2: "#2da44e",
    EvidenceLevel.L3: "#6b9e2a",
    EvidenceLevel.L4: "#bf8700",
    EvidenceLevel.L5: "#d1602a",
    EvidenceLevel.PRECLINICAL: "#8250df",
    EvidenceLevel.NON_SCHOLARLY: "#cf222e",
    EvidenceLevel.UNKNOWN: "#8c959f",
}
# Input formats whose masked copy holds tags and front matter as spaces (claims/markup.py).
MARKUP_FORMATS = frozenset({"html", "htm", "xml", "nxml", "jats", "tex"})
EVIDENCE_SHOWN = 10  # a finding lists its first evidence items; the rest fold into "and N more"

SEVERITY_COLOURS = {Severity.ERROR: "#a40e26", Severity.WARNING: "#9a6700", Severity.INFO: "#0a4f8a"}


def _esc(text: str) -> str:
    """``html.escape(text, quote=True)`` after the ``_UNSAFE`` replacements (replace() is
    C-speed per character; translate() only runs on the rare text that needs it)."""
    if _UNSAFE_RE.search(text):
        text = text.translate(_UNSAFE)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    folder = resources.files("reports") / "assets"
    return (folder / "report.css").read_text(encoding="utf-8"), (folder / "report.js").read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _css_ident(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", value)


def reference_anchors(references: Iterable[Reference]) -> dict[str, str]:
    """``ref-KEY`` element ids, made safe for ids and URL fragments and unique."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for ref in references:
        if ref.key in anchors:
            continue
        base = "ref-" + re.sub(r"[^A-Za-z0-9_.-]", "_", ref.key)
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        anchors[ref.key] = anchor
    return anchors


class _Page:
    """What the render pass needs about the report, indexed once."""

    def __init__(self, report: Report, options: RenderOptions) -> None:
        self.report = report
        self.options = options
        self.verdicts = claim_verdicts(report)
        self.anchors = reference_anchors(report.references)
        self.findings = sorted(report.findings, key=lambda f: (f.span.start, f.span.end, f.code))
        self.finding_ids = {id(f): f"finding-{i}" for i, f in enumerate(self.findings, 1)}
        self.claim_findings: dict[str, list[Finding]] = {}
        for f in self.findings:
            for claim_id in dict.fromkeys([*([f.claim_id] if f.claim_id else []), *f.related_claim_ids]):
                self.claim_findings.setdefault(claim_id, []).append(f)
        self.marker_refs: dict[tuple[int, int], list[str]] = {}
        self.ref_claims: dict[str, list[Claim]] = {}
        claims_by_id = {c.id: c for c in report.claims}
        seen: set[tuple[str, str]] = set()
        for link in report.links:
            if link.reference_key is None or link.status not in (LinkStatus.LINKED, LinkStatus.AMBIGUOUS):
                continue
            keys = self.marker_refs.setdefault((link.marker_span.start, link.marker_span.end), [])
            if link.reference_key not in keys:
                keys.append(link.reference_key)
            claim = claims_by_id.get(link.claim_id)
            if link.status is LinkStatus.LINKED and claim is not None and (link.reference_key, claim.id) not in seen:
                seen.add((link.reference_key, claim.id))
                self.ref_claims.setdefault(link.reference_key, []).append(claim)
        self.rendered_claims: set[str] = set()
        self.claims_by_id = claims_by_id
        self.unchecked = {u.claim_id: u.why for u in report.unchecked_claims}
        # Markup formats leave runs of spaces where tags and front matter were; the view collapses them.
        self.collapse_spaces = report.input.format in MARKUP_FORMATS

    def ref_href(self, key: str) -> str | None:
        anchor = self.anchors.get(key)
        return f"#{anchor}" if anchor else None


def _claim_open(page: _Page, claim: Claim) -> str:
    verdict = page.verdicts.get(claim.id, Verdict.SUPPORTED)
    label = LABELS[verdict]
    if verdict is Verdict.NOT_CHECKED:
        label = f"{label}: {page.unchecked.get(claim.id, '')}".rstrip(": ")
    parts = [f'<mark class="claim v-{verdict.value}" id="claim-{_esc(claim.id)}" title="{_esc(label)}">']
    findings = page.claim_findings.get(claim.id)
    if findings:
        first = findings[0]
        codes = ", ".join(dict.fromkeys(f.code for f in findings))
        aria = f"{label}: {len(findings)} finding(s), {codes}"
        parts.append(
            f'<a class="verdict v-{verdict.value}" href="#{page.finding_ids[id(first)]}" '
            f'aria-label="{_esc(aria)}">{ICONS[verdict]}</a>'
        )
    return "".join(parts)


def _marker_html(page: _Page, cited: Sequence[str], keys: Sequence[str]) -> tuple[str, str]:
    """Opening and closing HTML of a marker: ``cited`` are the keys as written, ``keys`` the
    entries they resolved to."""
    hrefs = [(k, h) for k in keys if (h := page.ref_href(k))]
    if not cited:  # a narrative mention ("Nobler and colleagues") names authors, it cites nothing itself
        return '<span class="marker mention" title="author mention">', "</span>"
    if not page.report.references:  # the problem is the document's (no list): one banner says it, not every marker
        return '<span class="marker unresolved" title="not checked: no reference list">', "</span>"
    if not hrefs:
        return (
            '<span class="marker dangling" title="no matching reference entry">',
            '<span class="missing" aria-label="no matching reference entry">?</span></span>',
        )
    first_key, first_href = hrefs[0]
    opening = f'<a class="marker" href="{first_href}" title="reference {_esc(first_key)}">'
    closing = "</a>"
    if len(hrefs) > 1:
        extra = " ".join(f'<a href="{h}">+{_esc(k)}</a>' for k, h in hrefs[1:])
        closing += f'<span class="more-refs" aria-label="also cites">{extra}</span>'
    return opening, closing


def _flag(page: _Page, finding: Finding) -> str:
    verdict = Verdict(finding.severity.value)
    fid = page.finding_ids[id(finding)]
    aria = f"{finding.severity.value}: {finding.code} {finding.name}"
    return (
        f'<a class="flag sev-{finding.severity.value}" id="at-{fid}" href="#{fid}" '
        f'aria-label="{_esc(aria)}">{ICONS[verdict]}</a>'
    )


def drawable_claims(claims: Iterable[Claim], base: int, end_of_text: int) -> list[Claim]:
    """Claims inside ``[base, end_of_text)`` in order, leaving out any that overlaps an
    earlier one: they are shown as plain text rather than as broken nesting."""
    drawn: list[Claim] = []
    last_end = base
    for claim in sorted(claims, key=lambda c: (c.span.start, c.span.end)):
        start, end = claim.span.start, claim.span.end
        if start >= last_end and base <= start < end <= end_of_text:
            drawn.append(claim)
            last_end = end
    return drawn


def _manuscript_segment(page: _Page, text: str, base: int, claims: Sequence[Claim], flags: Sequence[Finding]) -> str:
    """``text`` (which starts at original offset ``base``) with the drawable ``claims``,
    their markers and the ``flags`` of findings without a drawn claim inserted.

    Events are sorted once, so the cost is linear in text plus n log n in
    annotations. Markers outside their claim or overlapping another are left plain.
    """
    end_of_text = base + len(text)
    events: list[tuple[int, int, str]] = []
    marker_ranges: list[tuple[int, int]] = []
    for claim in claims:
        start, end = claim.span.start, claim.span.end
        events.append((start, 3, _claim_open(page, claim)))
        events.append((end, 1, "</mark>"))
        inner_end = start
        for marker in sorted(claim.markers, key=lambda m: m.span.start):
            m_start, m_end = marker.span.start, marker.span.end
            if m_start < inner_end or m_end > end or m_end <= m_start:
                continue
            inner_end = m_end
            keys = page.marker_refs.get((m_start, m_end), [])
            opening, closing = _marker_html(page, marker.keys, keys)
            events.append((m_start, 4, opening))
            events.append((m_end, 0, closing))
            marker_ranges.append((m_start, m_end))
    marker_ranges.sort()
    starts = [r[0] for r in marker_ranges]
    for finding in flags:
        pos = min(max(finding.span.start, base), end_of_text)
        i = bisect_right(starts, pos) - 1
        if i >= 0 and marker_ranges[i][0] < pos < marker_ranges[i][1]:
            pos = marker_ranges[i][0]
        events.append((pos, 2, _flag(page, finding)))
    events.sort(key=lambda e: (e[0], e[1]))
    out: list[str] = []
    cursor = base
    for pos, _, markup in events:
        if pos > cursor:
            out.append(_esc(_shown(page, text[cursor - base : pos - base])))
            cursor = pos
        out.append(markup)
    out.append(_esc(_shown(page, text[cursor - base :])))
    return "".join(out)


_SPACE_RUN = re.compile(r"\s{2,}")  # \s covers the U+2029 paragraph separators the masked copy uses


def _squeezed(match: re.Match[str]) -> str:
    """A run of whitespace as one blank line, one line break or one space, by the breaks it holds."""
    breaks = sum(match.group().count(c) for c in "\n\u2028\u2029")
    return "\n\n" if breaks >= 2 else "\n" if breaks else " "


def _shown(page: _Page, text: str) -> str:
    """Manuscript text as the view shows it. Plain text and Markdown exactly as written; the masked copy
    of a markup format (HTML, JATS, LaTeX: tags and front matter become spaces of the same length) with
    each run of whitespace made one blank line, one line break or one space, so a JATS article no longer
    opens on a screen of nothing. Offsets are unaffected: annotations are placed before this."""
    if not page.collapse_spaces:
        return text
    return _SPACE_RUN.sub(_squeezed, text)


def _manuscript(page: _Page) -> str:
    report, source = page.report, page.options.source_text
    if source is not None:
        drawn = drawable_claims(report.claims, 0, len(source))
        page.rendered_claims.update(c.id for c in drawn)
        orphan = [f for f in page.findings if f.claim_id not in page.rendered_claims]
        body = _manuscript_segment(page, source, 0, drawn, orphan)
        body = body.strip() if page.collapse_spaces else body
        note = ""
    else:
        pieces = []
        for claim in sorted(report.claims, key=lambda c: c.span.start):
            start = claim.span.start
            drawn = drawable_claims([claim], start, start + len(claim.text))
            page.rendered_claims.update(c.id for c in drawn)
            pieces.append(_manuscript_segment(page, claim.text, start, drawn, []))
        body = "\n\n".join(pieces)
        note = '<p class="empty">The manuscript text was not supplied; its claims are shown one by one.</p>'
    return (
        '<section id="manuscript" aria-labelledby="manuscript-h"><h2 id="manuscript-h">Manuscript</h2>'
        f'{note}<div class="manuscript" tabindex="0" role="region" aria-label="Manuscript text">{body}</div></section>'
    )


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, int, str]]) -> str:
    """A labelled horizontal bar chart as inline SVG: every bar carries its name and count in text."""
    label_w, bar_w, row_h, pad = 120, 200, 22, 4
    width = label_w + bar_w + 50
    height = max(1, len(rows)) * row_h + pad * 2
    peak = max((count for _, count, _ in rows), default=0) or 1
    desc = "; ".join(f"{label}: {count}" for label, count, _ in rows) or "no data"
    parts = [
        f'<svg id="{chart_id}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{_esc(title)}</title><desc id="{chart_id}-d">{_esc(desc)}</desc>',
    ]
    if not rows:
        parts.append(f'<text x="4" y="{row_h - 6}">No data</text>')
    for i, (label, count, colour) in enumerate(rows):
        y = pad + i * row_h
        w = max(2, round(bar_w * count / peak)) if count else 0
        parts.append(f'<text x="{label_w - 6}" y="{y + row_h - 7}" text-anchor="end">{_esc(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" fill="{colour}" rx="2"></rect>')
        parts.append(f'<text x="{label_w + w + 6}" y="{y + row_h - 7}">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _charts(page: _Page) -> str:
    cited = {k for k in page.ref_claims}
    refs = [r for r in page.report.references if r.key in cited] or page.report.references
    which = "cited works" if cited else "listed works (none linked)"
    levels = Counter(r.evidence.level for r in refs)
    level_rows = [(LEVEL_LABELS[lvl], levels[lvl], LEVEL_COLOURS[lvl]) for lvl in LEVEL_ORDER if levels[lvl]]
    worst: dict[str, Severity] = {}
    codes: Counter[str] = Counter()
    for f in page.findings:
        codes[f.code] += 1
        if f.code not in worst or f.severity.rank > worst[f.code].rank:
            worst[f.code] = f.severity
    rule_rows = [
        (code, n, SEVERITY_COLOURS[worst[code]]) for code, n in sorted(codes.items(), key=lambda x: (-x[1], x[0]))
    ]
    return (
        '<figure class="chart"><figcaption>Evidence level of '
        f"{which} ({len(refs)})</figcaption>{bar_chart('chart-levels', f'Evidence level of {which}', level_rows)}</figure>"
        f'<figure class="chart"><figcaption>Findings by rule ({len(page.findings)})</figcaption>'
        f"{bar_chart('chart-rules', 'Findings by rule', rule_rows)}</figure>"
    )


def _overview(page: _Page) -> str:
    s = page.report.summary
    counts = Counter(f.severity for f in page.findings)
    cited, mentions = marker_counts(s)
    not_checked = sum(1 for v in page.verdicts.values() if v is Verdict.NOT_CHECKED)
    stats = [
        ("Claims", s.claims),
        ("Check-worthy", s.checkworthy_claims),
        ("Not checked", not_checked),
        ("Citation markers", cited),
        ("Author mentions", mentions),
        ("References", s.references),
        ("Errors", counts[Severity.ERROR]),
        ("Warnings", counts[Severity.WARNING]),
        ("Info", counts[Severity.INFO]),
    ]
    dl = "".join(f"<dt>{_esc(k)}</dt><dd>{v}</dd>" for k, v in stats)
    legend = "".join(f'<li><mark class="claim v-{v.value}">{ICONS[v]} {LABELS[v]}</mark></li>' for v in Verdict)
    return (
        '<section id="overview" aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2>'
        f'<div class="overview"><dl class="stats">{dl}</dl>{_charts(page)}</div>'
        "<p>Claims are highlighted by their worst finding; a claim is \u201cnot checked\u201d when no rule could "
        "examine it (for instance, its citations lead to no reference entry):</p>"
        f'<ul class="legend" aria-label="Legend">{legend}</ul></section>'
    )


def _banner(page: _Page) -> str:
    """Problems of the whole document, first on the page: findings that name no claim and no
    reference ("60 citation markers, but no reference list"), and input that was skipped."""
    items = []
    for f in page.findings:
        if document_level(f):
            fix = f" {_esc(f.suggestion.title[:1].upper() + f.suggestion.title[1:])}." if f.suggestion else ""
            items.append(
                f'<li class="sev-{f.severity.value}"><span class="badge">{ICONS[Verdict(f.severity.value)]} '
                f"{_esc(f.severity.value.capitalize())}</span> {_esc(_sentence_case(f.message))}.{fix} "
                f'<a href="#{page.finding_ids[id(f)]}">{_esc(f.code)} details</a></li>'
            )
    items += [
        f'<li class="sev-warning"><span class="badge">Skipped</span> {_esc(x.what)} ({_esc(x.where)}): {_esc(x.why)}</li>'
        for x in page.report.skipped
    ]
    if not items:
        return ""
    return (
        '<section id="document-problems" class="banner" role="region" aria-labelledby="document-problems-h">'
        f'<h2 id="document-problems-h">About the whole document</h2><ul>{"".join(items)}</ul></section>'
    )


def _sentence_case(message: str) -> str:
    message = message.rstrip(".")
    return message[:1].upper() + message[1:]


def _finding_item(page: _Page, finding: Finding) -> str:
    fid = page.finding_ids[id(finding)]
    sev = finding.severity.value
    verdict = Verdict(sev)
    info = page.options.rule(finding.code)
    span = finding.span
    if finding.claim_id and finding.claim_id in page.rendered_claims:
        where = f'<a href="#claim-{_esc(finding.claim_id)}">Show in text</a>'
    elif page.options.source_text is not None:
        where = f'<a href="#at-{fid}">Show in text</a>'
    else:
        where = ""
    parts = [
        f'<li class="finding sev-{sev} rule-{_css_ident(finding.code)}" id="{fid}" tabindex="-1">',
        f'<h3><span class="badge" aria-hidden="true">{ICONS[verdict]}</span> '
        f'<span class="badge">{sev.capitalize()}</span> <span class="code">{_esc(finding.code)}</span> '
        f"{_esc(finding.name)}</h3>",
        f"<p>{_esc(finding.message)}</p>",
        f'<p class="loc">{_location(span)}; confidence {finding.confidence.value}. {where}</p>',
    ]
    quote = _quote(page, finding)
    if quote:
        parts.append(f"<blockquote>{quote}</blockquote>")
    if finding.evidence:
        items = [_evidence_item(page, t) for t in finding.evidence]
        shown = f'<ul aria-label="Evidence">{"".join(items[:EVIDENCE_SHOWN])}</ul>'
        if len(items) > EVIDENCE_SHOWN:
            rest = len(items) - EVIDENCE_SHOWN
            shown += f"<details><summary>and {rest} more</summary><ul>{''.join(items[EVIDENCE_SHOWN:])}</ul></details>"
        parts.append(shown)
    if finding.suggestion is not None:
        fix = _esc(finding.suggestion.title)
        if finding.suggestion.replacement:
            fix += f" \u2192 \u201c{_esc(finding.suggestion.replacement)}\u201d"
        parts.append(f'<p class="fix"><strong>Suggested fix:</strong> {fix}</p>')
    if info is not None and (info.why or info.help or info.summary):
        body = "".join(f"<p>{_esc(t)}</p>" for t in (info.summary, info.why, info.help) if t)
        parts.append(f"<details><summary>About {_esc(info.code)} {_esc(info.name)}</summary>{body}</details>")
    parts.append("</li>")
    return "".join(parts)


def _quote(page: _Page, finding: Finding) -> str:
    """The finding's sentence with its words marked ("… in their <mark>2015</mark> trial …"), so a card
    that flags one word still shows what it was said in; the quoted words alone without a claim."""
    claim = page.claims_by_id.get(finding.claim_id or "")
    start, end = finding.span.start, finding.span.end
    if claim is None or not (claim.span.start <= start <= end <= claim.span.end) or claim.text == finding.quoted:
        return _esc(finding.quoted)
    a, b = start - claim.span.start, end - claim.span.start
    return f"{_esc(claim.text[:a])}<mark>{_esc(claim.text[a:b])}</mark>{_esc(claim.text[b:])}"


def _evidence_item(page: _Page, t: Trigger) -> str:
    """One evidence line in words: 'Cited work: [5] Mayo Clinic page, non-scholarly (web page, …)'."""
    text = _esc(t.text)
    href = page.ref_href(t.reference_key) if t.reference_key else None
    if href:
        text = f'<a href="{href}">{text}</a>'
    level = f", {_esc(level_value_words(t.evidence_level))}" if t.evidence_level else ""
    detail = ""
    if t.detail:
        detail = f" ({_esc(cue_words(t.detail) if t.kind == 'cue' else t.detail)})"
    kind = cue_words(t.kind)
    return f"<li>{_esc(kind[:1].upper() + kind[1:])}: {text}{level}{detail}</li>"


def _filters(page: _Page) -> tuple[str, str]:
    """The filter checkboxes, and the CSS that hides unticked kinds."""
    sev_counts = Counter(f.severity for f in page.findings)
    code_counts = Counter(f.code for f in page.findings)
    boxes = [
        f'<label><input type="checkbox" id="flt-sev-{sev.value}" checked> '
        f'<span aria-hidden="true">{ICONS[Verdict(sev.value)]}</span> {sev.value} ({sev_counts[sev]})</label>'
        for sev in SEVERITY_ORDER
    ]
    rule_boxes = [
        f'<label><input type="checkbox" id="flt-rule-{_css_ident(code)}" checked> {_esc(code)} ({n})</label>'
        for code, n in sorted(code_counts.items())
    ]
    css = [
        f"body:has(#flt-sev-{sev.value}:not(:checked)) .finding.sev-{sev.value} {{ display: none; }}"
        for sev in SEVERITY_ORDER
    ]
    css += [
        f"body:has(#flt-rule-{_css_ident(c)}:not(:checked)) .finding.rule-{_css_ident(c)} {{ display: none; }}"
        for c in sorted(code_counts)
    ]
    markup = (
        '<div id="filters" role="group" aria-label="Filter findings">'
        f"<fieldset><legend>Severity</legend>{''.join(boxes)}</fieldset>"
        f"<fieldset><legend>Rule</legend>{''.join(rule_boxes) or '<span class=empty>none</span>'}</fieldset></div>"
    )
    return markup, "\n".join(css)


def _findings(page: _Page, filters: str) -> str:
    if page.findings:
        body = "".join(_finding_item(page, f) for _, group in by_severity(page.findings) for f in group)
        listing = f'<ol class="findings">{body}</ol>'
    else:
        listing = '<p class="empty">No findings.</p>'
    return (
        '<aside id="findings-panel" aria-labelledby="findings" tabindex="0">'
        f'<h2 id="findings">Findings</h2>{filters}'
        f'<p id="shown-count" aria-live="polite">{len(page.findings)} findings</p>{listing}</aside>'
    )


def _reference_item(page: _Page, ref: Reference, findings_by_key: dict[str, list[Finding]]) -> str:
    ev = ref.evidence
    anchor = page.anchors[ref.key]
    text = ref.raw.strip() or ", ".join(
        x for x in (", ".join(a.family for a in ref.authors), ref.year or "", ref.title or "", ref.venue or "") if x
    )
    level = LEVEL_LABELS[ev.level]
    flags = [f'<span class="level">{_esc(level)} \u00b7 {_esc(design_words(ev.design))}</span>']
    if ev.species.value != "unknown":
        flags.append(f'<span class="level">{_esc(species_words(ev.species))}</span>')
    if ev.peer_reviewed is False:
        flags.append('<span class="level">not peer reviewed</span>')
    if ev.retracted or ev.retraction.value != "none":
        flags.append(f'<span class="retracted">\u26a0 {_esc(ev.retraction.value.replace("_", " "))}</span>')
    links = []
    if ref.doi:
        links.append(
            f'<a href="https://doi.org/{_esc(_quote_doi(ref.doi))}" rel="noopener noreferrer">doi:{_esc(ref.doi)}</a>'
        )
    if ref.url and re.match(r"https?://", ref.url, re.IGNORECASE):
        links.append(f'<a href="{_esc(ref.url)}" rel="noopener noreferrer">{_esc(ref.url)}</a>')
    cited = page.ref_claims.get(ref.key, [])
    if cited:
        backs = ", ".join(f'<a href="#claim-{_esc(c.id)}">{_page(c.span)}line {c.span.line}</a>' for c in cited)
        cited_html = f"Cited by {len(cited)} claim(s): {backs}."
    else:
        cited_html = "Not cited in the text."
    related = findings_by_key.get(ref.key, [])
    if related:
        items = ", ".join(f'<a href="#{page.finding_ids[id(f)]}">{_esc(f.code)}</a>' for f in related)
        cited_html += f" Findings: {items}."
    cited_html = f'<p class="cited">{cited_html}</p>'
    reasons = ""
    if ev.reasons:
        items = "".join(
            f"<li>{_esc(reason_words(r.field))}: \u201c{_esc(r.cue)}\u201d \u2192 {_esc(reason_words(r.conclusion))}</li>"
            for r in ev.reasons
        )
        reasons = f"<details><summary>Why {_esc(level.lower())} (confidence {ev.confidence:.2f})</summary><ul>{items}</ul></details>"
    return (
        f'<li class="ref" id="{anchor}" tabindex="-1"><span class="ref-key">[{_esc(ref.key)}]</span>{_esc(text)} '
        f"{''.join(flags)} {' '.join(links)}{cited_html}{reasons}</li>"
    )


def _quote_doi(doi: str) -> str:
    return quote(doi, safe="/:;()._-")


def _references(page: _Page) -> str:
    findings_by_key: dict[str, list[Finding]] = {}
    for f in page.findings:
        for key in dict.fromkeys(f.reference_keys):
            findings_by_key.setdefault(key, []).append(f)
    seen: set[str] = set()
    items = []
    for ref in page.report.references:
        if ref.key not in seen:
            seen.add(ref.key)
            items.append(_reference_item(page, ref, findings_by_key))
    body = f'<ul class="refs">{"".join(items)}</ul>' if items else '<p class="empty">No reference entries found.</p>'
    return (
        f'<section id="references" aria-labelledby="references-h"><h2 id="references-h">References</h2>{body}</section>'
    )


def render(report: Report, out: TextIO, *, options: RenderOptions) -> None:
    """Write the whole report as one HTML document."""
    page = _Page(report, options)
    base_css, script = _assets()
    filters, filter_css = _filters(page)
    manuscript = _manuscript(page)  # first: it records which claims were drawn
    css = base_css + filter_css
    csp = (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(script)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    title = f"Claim verification: {report.input.path}"
    out.write(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#findings">Skip to findings</a>\n'
        '<header class="top"><h1>Claim verification report</h1>'
        f'<p class="meta">{_esc(report.input.path)} \u00b7 {_esc(report.input.format)} \u00b7 '
        f"sha256 {_esc(report.input.sha256[:16])}\u2026 \u00b7 {_esc(report.tool.name)} {_esc(report.tool.version)}</p>"
        '<nav aria-label="Sections"><ul><li><a href="#overview">Overview</a></li><li><a href="#manuscript">Manuscript</a>'
        '</li><li><a href="#findings">Findings</a></li><li><a href="#references">References</a></li></ul></nav></header>\n'
        f"<main>\n{_banner(page)}{_overview(page)}\n"
        f'<div class="columns">{manuscript}\n{_findings(page, filters)}</div>\n'
        f"{_references(page)}\n</main>\n<script>{script}</script>\n</body>\n</html>\n"
    )


def _page(span: Span) -> str:
    """``p. 4, `` before a location in a paged input (PDF), nothing otherwise."""
    return f"p. {span.page}, " if span.page is not None else ""


def _location(span: Span) -> str:
    """``Line 12, column 3``, or ``p. 4, line 12, column 3`` in a paged input."""
    line = f"line {span.line}, column {span.column}"
    return _page(span) + line if span.page is not None else line.capitalize()
