"""The role of each sentence in the document's own report: methods, results, conclusions, abstract, discussion.

Why: rules that compare what a paper found with what it concludes (a non-significant
result restated as an effect, a mechanism claimed beyond the design) need to know which
sentences report results and which conclude, whether the article has headed parts
("Results", "Conclusion") or a structured abstract written in one paragraph ("Results: …
p = 0.06 … Conclusions: …"). The part comes from ``ArticleParts``; an inline label
("Methods:", "Conclusions:") at the start of a sentence sets the role of that sentence
and of the sentences after it in the same paragraph, until the next label.
"""

from __future__ import annotations

import re

from claims.features.checkworthy import ArticleParts
from claims.features.continuation import same_paragraph
from claims.models import Document, UnitKind

__all__ = [
    "ABSTRACT",
    "BACKGROUND",
    "CONCLUSIONS",
    "DISCUSSION",
    "METHODS",
    "RESULTS",
    "inline_label",
    "sentence_roles",
]

METHODS = "methods"
RESULTS = "results"
CONCLUSIONS = "conclusions"
ABSTRACT = "abstract"
BACKGROUND = "background"  # an abstract's own "Background:" / "Objective:": what was known or asked, not found
DISCUSSION = "discussion"

# Structured-abstract labels written at the start of a sentence ("Results: Within-subjects data …").
_INLINE_LABEL = re.compile(
    r"^\W*(background|introduction|objectives?|aims?|purpose|context|methods?|materials\s+and\s+methods|design|"
    r"setting|participants|patients|interventions?|measurements|main\s+outcome\s+measures?|results?|findings|"
    r"conclusions?|interpretation|discussion|implications)\s*:",
    re.IGNORECASE,
)
_LABEL_ROLE = {
    "background": BACKGROUND,
    "introduction": BACKGROUND,
    "objective": BACKGROUND,
    "aim": BACKGROUND,
    "purpose": BACKGROUND,
    "context": BACKGROUND,
    "method": METHODS,
    "materials and method": METHODS,
    "design": METHODS,
    "setting": METHODS,
    "participant": METHODS,
    "patient": METHODS,
    "intervention": METHODS,
    "measurement": METHODS,
    "main outcome measure": METHODS,
    "result": RESULTS,
    "finding": RESULTS,
    "conclusion": CONCLUSIONS,
    "interpretation": CONCLUSIONS,
    "discussion": CONCLUSIONS,  # "Discussion:" inside an abstract concludes it
    "implication": CONCLUSIONS,
}
# Top-level part headings (``ArticleParts.part``) by the role of what they hold.
_PART_ROLE = (
    (re.compile(r"background|introduction|objective|aims?\b|purpose|rationale", re.I), BACKGROUND),
    (re.compile(r"result|finding", re.I), RESULTS),
    (re.compile(r"method|experimental|study design|supplementa|supporting|appendix", re.I), METHODS),
    (re.compile(r"conclusion", re.I), CONCLUSIONS),
    (re.compile(r"discussion", re.I), DISCUSSION),
)


def inline_label(text: str) -> str | None:
    """The role named by a structured-abstract label opening ``text`` ("Results: …" -> "results"), or None."""
    m = _INLINE_LABEL.match(text)
    if m is None:
        return None
    key = " ".join(m.group(1).lower().split())
    return _LABEL_ROLE.get(key.rstrip("s"), _LABEL_ROLE.get(key))


def sentence_roles(doc: Document, parts: ArticleParts) -> dict[int, str]:
    """Sentence start offset -> role, for the prose sentences that have one (see the module docstring).

    An inline label wins over the part ("Results: …" in an Abstract part is a result); a
    part of kind "summary" or "front matter" without a label is the abstract; "Results and
    discussion" counts as results."""
    roles: dict[int, str] = {}
    label: str | None = None
    last_end: int | None = None
    for sentence in doc.sentences:
        if sentence.kind is UnitKind.HEADING:
            label, last_end = None, None
            continue
        if sentence.kind is not UnitKind.PROSE:
            continue
        start = sentence.span.start
        own = inline_label(sentence.text)
        if own is not None:
            label = own
        elif label is not None and (last_end is None or not same_paragraph(doc.text, last_end, start)):
            label = None
        last_end = sentence.span.end
        role = label or _section_role(parts, start, sentence.section) or _part_role(parts, start)
        if role is not None:
            roles[start] = role
    return roles


def _section_role(parts: ArticleParts, start: int, section: str | None) -> str | None:
    """The role named by the subsection heading of a structured abstract ("Background", "Methods and
    Findings", "Conclusions") or of a document without top-level parts; None elsewhere, where a
    subsection heading names a topic ("Association with age"), not a role."""
    if section is None or (parts.part.get(start) is not None and parts.kind.get(start) not in _ABSTRACT_KINDS):
        return None
    return _heading_role(section)


def _part_role(parts: ArticleParts, start: int) -> str | None:
    name = parts.part.get(start)
    role = _heading_role(name) if name else None
    if role is not None:
        return role
    if parts.kind.get(start) in _ABSTRACT_KINDS:
        return ABSTRACT
    return None


def _heading_role(heading: str) -> str | None:
    for pattern, role in _PART_ROLE:
        if pattern.search(heading):
            return role
    return None


_ABSTRACT_KINDS = ("summary", "front matter")
