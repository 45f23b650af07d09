"""The claims stage as one call: a loaded ``Document`` in, sentences and claims out.

``analyze_document`` normalizes the text (``claims.normalize``), finds the
citation markers (``claims.markers``) and the units (``claims.segment``) in
the normalized copy, and maps everything back through the offset map, so
every ``Sentence``, ``Claim`` and ``CitationMarker`` span indexes
``doc.text`` and its ``text`` is exactly ``doc.text[span.start:span.end]``.
Ranges listed in ``exclude`` (the reference list, found by ``references``)
are not normalized or searched for markers: each of their lines becomes a
REFERENCE unit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claims.gcpause import paused_gc
from claims.markers import MarkerMatch, find_markers
from claims.models import (
    Causality,
    Certainty,
    CitationMarker,
    Claim,
    ClaimFeatures,
    Direction,
    Document,
    FieldCitation,
    MarkerStyle,
    Population,
    Sentence,
    UnitKind,
)
from claims.normalize import normalize
from claims.segment import segment
from claims.spans import LineIndex, OffsetMap, build_valid, with_updates

__all__ = ["analyze_document"]


def analyze_document(doc: Document, *, exclude: Sequence[tuple[int, int]] = ()) -> Document:
    """A copy of ``doc`` with ``sentences`` (every unit) and ``claims`` (one per prose sentence).

    Claims are numbered ``c1``, ``c2``, ... in document order and are all
    check-worthy for now; features stay at their defaults for
    ``claims.features`` to fill. ``exclude`` holds original-offset ranges
    whose lines become REFERENCE units without markers or claims.
    """
    with paused_gc():
        return _analyze(doc, exclude)


def _analyze(doc: Document, exclude: Sequence[tuple[int, int]]) -> Document:
    text = doc.text
    lines = LineIndex(text)
    sentences: list[Sentence] = []
    section: str | None = None
    for start, end, excluded in _regions(len(text), exclude):
        if excluded:
            sentences.extend(_reference_lines(text, start, end, lines, section))
            continue
        region, section = _analyze_region(text, start, end, lines, section)
        sentences.extend(region)
    # A claim shares its sentence's (frozen) Span and its CitationMarker objects: building
    # models dominates this stage's run time, so nothing is built twice, and every model here
    # is built from values valid by construction, without re-validation (``build_valid``).
    if doc.fields:
        sentences = _with_field_markers(text, sentences, doc.fields, lines)
    claims = [_claim(f"c{n}", s) for n, s in enumerate((s for s in sentences if _is_claim(s, doc.format)), start=1)]
    return doc.model_copy(update={"sentences": sentences, "claims": claims})


def _is_claim(s: Sentence, fmt: str) -> bool:
    """Prose sentences are claims; in JATS a caption or table cell that cites is one too (never
    check-worthy), so its citations link and count: a reference cited only in Table 2 is cited."""
    return s.kind is UnitKind.PROSE or (fmt == "jats" and s.kind is UnitKind.METADATA and bool(s.markers))


_CLAIM_FIELDS_SET = frozenset({"id", "text", "span", "section", "checkworthy", "markers"})


def _claim(claim_id: str, s: Sentence) -> Claim:
    """``Claim(id=..., text=..., span=..., section=..., checkworthy=True, markers=[...])``, unvalidated."""
    features = build_valid(
        ClaimFeatures,
        {
            "certainty": Certainty.NEUTRAL,
            "causality": Causality.NONE,
            "direction": Direction.NONE,
            "negated": False,
            "population": Population.UNSPECIFIED,
            "cues": [],
            "quantities": [],
            "checkworthy_reason": None,
        },
        set(),
    )
    return build_valid(
        Claim,
        {
            "id": claim_id,
            "text": s.text,
            "span": s.span,
            "section": s.section,
            "checkworthy": True,
            "markers": list(s.markers),
            "features": features,
            "continues": None,
        },
        set(_CLAIM_FIELDS_SET),
    )


def _sentence(
    text: str, s: int, e: int, lines: LineIndex, kind: UnitKind, section: str | None, markers: list[CitationMarker]
) -> Sentence:
    return build_valid(
        Sentence, {"text": text[s:e], "span": lines.span(s, e), "kind": kind, "section": section, "markers": markers}
    )


def _with_field_markers(
    text: str, sentences: list[Sentence], fields: Sequence[FieldCitation], lines: LineIndex
) -> list[Sentence]:
    """A DOCX citation field is one ``field`` marker citing its items' ids, on the sentence it starts in;
    markers read from the field's shown text (``(Smith et al., 2013)``, ``¹,²``) give way to it."""
    cites = [f for f in fields if not f.bibliography and f.items]
    if not cites:
        return sentences
    sentences = _join_across_fields(text, sentences, cites, lines)
    out: list[Sentence] = []
    k = 0
    for sentence in sentences:
        start, end = sentence.span.start, sentence.span.end
        while k < len(cites) and cites[k].start < start:
            k += 1
        j = k
        own: list[CitationMarker] = []
        while j < len(cites) and cites[j].start < end:
            f = cites[j]
            stop = min(f.end, end)
            own.append(
                build_valid(
                    CitationMarker,
                    {
                        "text": text[f.start : stop],
                        "span": lines.span(f.start, stop),
                        "style": MarkerStyle.FIELD,
                        "keys": list(dict.fromkeys(str(item.get("id")) for item in f.items)),
                        "authors": [],
                        "year": None,
                    },
                )
            )
            j += 1
        if not own or sentence.kind is not UnitKind.PROSE:
            out.append(sentence)
            continue
        ranges = [(m.span.start, m.span.end) for m in own]
        kept = [m for m in sentence.markers if not any(m.span.start < e and s < m.span.end for s, e in ranges)]
        markers = sorted([*kept, *own], key=lambda m: m.span.start)
        out.append(with_updates(sentence, {"markers": markers}))
    return out


def _join_across_fields(
    text: str, sentences: list[Sentence], cites: Sequence[FieldCitation], lines: LineIndex
) -> list[Sentence]:
    """A field is one citation: a sentence end found inside it (``(see Ce 2010, Abb. 13)``) is no end,
    so the sentences it spans become one."""
    ends = sorted((f.start, f.end) for f in cites)
    out: list[Sentence] = []
    k = 0
    for sentence in sentences:
        prev = out[-1] if out else None
        while k < len(ends) and ends[k][1] <= sentence.span.start:
            k += 1
        crossing = prev is not None and any(
            s < sentence.span.start and e > sentence.span.start and s < prev.span.end
            for s, e in ends[max(0, k - 2) : k + 2]
        )
        if crossing and prev is not None and prev.kind is UnitKind.PROSE and sentence.kind is UnitKind.PROSE:
            start, end = prev.span.start, sentence.span.end
            out[-1] = _sentence(text, start, end, lines, prev.kind, prev.section, [*prev.markers, *sentence.markers])
            continue
        out.append(sentence)
    return out


def _regions(length: int, exclude: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int, bool]]:
    """The text cut into alternating ``(start, end, excluded)`` pieces; ``exclude`` merged and clipped."""
    merged: list[list[int]] = []
    for s, e in sorted((max(0, s), min(length, e)) for s, e in exclude):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    pos = 0
    for s, e in merged:
        if s > pos:
            yield pos, s, False
        yield s, e, True
        pos = e
    if pos < length:
        yield pos, length, False


def _analyze_region(
    text: str, start: int, end: int, lines: LineIndex, section: str | None
) -> tuple[list[Sentence], str | None]:
    omap = normalize(text[start:end])
    norm = omap.normalized
    markers = find_markers(norm)
    units = segment(norm, [(m.start, m.end) for m in markers], section=section)
    out: list[Sentence] = []
    mi = 0
    for unit in units:
        while mi < len(markers) and markers[mi].start < unit.start:
            mi += 1  # a marker between units (e.g. on a skipped Markdown rule line)
        attached: list[CitationMarker] = []
        while mi < len(markers) and markers[mi].start < unit.end:
            attached.append(_citation(text, markers[mi], omap, start, lines))
            mi += 1
        s, e = _original_range(text, omap, start, unit.start, unit.end)
        if s == e:
            continue
        out.append(_sentence(text, s, e, lines, unit.kind, unit.section, attached))
    if units:
        section = units[-1].section
    return out, section


def _original_range(text: str, omap: OffsetMap, offset: int, i: int, j: int) -> tuple[int, int]:
    s, e = omap.range(i, j)
    s += offset
    e += offset
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _citation(text: str, m: MarkerMatch, omap: OffsetMap, offset: int, lines: LineIndex) -> CitationMarker:
    s, e = _original_range(text, omap, offset, m.start, m.end)
    return build_valid(
        CitationMarker,
        {
            "text": text[s:e],
            "span": lines.span(s, e),
            "style": m.style,
            "keys": list(m.keys),
            "authors": list(m.authors),
            "year": m.year,
        },
    )


def _reference_lines(text: str, start: int, end: int, lines: LineIndex, section: str | None) -> Iterator[Sentence]:
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        s, e = pos, stop
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            yield _sentence(text, s, e, lines, UnitKind.REFERENCE, section, [])
        pos = stop + 1
