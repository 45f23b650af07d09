"""The document's own design: what kind of text it is, and how its own study was done.

A pipeline stage (stages compute, rules read): rules that judge a paper's own conclusions
(OVR007: a mechanism claimed beyond the design) read the result from ``RuleContext.design``
and the report shows it with the words that decided.

* Genre. ``research`` when the document reports its own study: it has a Methods or Results
  part (``ArticleParts.research_article``) or a structured abstract labelled inline
  ("Methods: …", "Results: …"). ``news`` when it is not, cites next to nothing (fewer than
  ``_NEWS_MAX_MARKERS`` markers) and its lede, the first ``_LEDE`` prose sentences, reports a
  study ("A new brain imaging study reveals …", "researchers found …"). Else ``other``
  (a review, a web page): it has no study of its own and the design stays unknown.
* What is read: the document's own-work sentences only, never one that carries a citation
  (which describes someone else's work): the abstract, Methods, Results and Conclusions of a
  research article (``claims.features.roles``); every uncited prose sentence of a news text.
* Design: the study-design cues of ``lexicons/study_design_cues.txt`` weighed as in an
  abstract (``design_from_cues``): "randomized", "double-blind, sham-controlled trial",
  "cross-sectional", "meta-analysis" with its synthesis cue; read outside the Results, where
  designs are not stated and which would take most of the stage's time.
* Analyses: ``lexicons/own_analysis_cues.txt``: ``correlational`` ("correlated with",
  "spatial correlations") and ``imaging`` ("fMRI", "grey matter volume") observe a mechanism;
  ``mediation`` ("mediation analysis") and ``manipulation`` ("knockout", "antagonist",
  "optogenetic") test one.
* Population and sample size: from the claims' own features (species cues, "n = 36").
"""

from __future__ import annotations

import re
from collections import Counter

from claims.features.checkworthy import article_parts
from claims.features.roles import ABSTRACT, CONCLUSIONS, METHODS, RESULTS, sentence_roles
from claims.models import Claim, Document, Population
from claims.spans import LineIndex
from references.evidence._lexicon import Cue, matcher
from references.evidence.design import design_from_cues
from references.models import DesignCue, DocumentDesign, Genre, Species

__all__ = ["document_design"]

_LEDE = 5
_NEWS_MAX_MARKERS = 3
# A lede that reports a study: "a new (brain imaging) study", "the latest research", "researchers found".
_STUDY_REPORT = re.compile(
    r"(?<![\w-])(?:a|an|the|this)\s+(?:new|recent|latest|newly\s+published|just[\s-]published)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:study|research|trial|analysis|paper|report|experiment)(?![\w-])"
    r"|(?<![\w-])(?:researchers|scientists|investigators)\s+(?:have\s+|had\s+)?"
    r"(?:found|used|observed|discovered|showed|shown|reported|identified|measured|tested)(?![\w-])",
    re.IGNORECASE,
)
_OWN_ROLES = frozenset({ABSTRACT, METHODS, RESULTS, CONCLUSIONS})
_POPULATION = {
    Population.HUMAN: Species.HUMAN,
    Population.ANIMAL: Species.ANIMAL,
    Population.IN_VITRO: Species.IN_VITRO,
}
_DESIGN_LEXICONS = ("study_design_cues.txt", "named_cohorts.txt")


def document_design(doc: Document) -> DocumentDesign:
    """The design of ``doc``'s own study (see the module docstring); ``doc`` has its claims described."""
    lines = LineIndex(doc.text)
    parts = article_parts(doc)
    roles = sentence_roles(doc, parts)
    research = parts.research_article or any(r in (METHODS, RESULTS) for r in roles.values())
    if research:
        own = [(c, _part_name(parts.part.get(c.span.start), roles.get(c.span.start))) for c in doc.claims]
        own = [(c, part) for c, part in own if roles.get(c.span.start) in _OWN_ROLES and not c.markers]
        genre, genre_cues = Genre.RESEARCH, []
    else:
        lede = _news_lede(doc, lines)
        if lede is None:
            return DocumentDesign(genre=Genre.OTHER)
        genre, genre_cues = Genre.NEWS, [lede]
        own = [(c, "news text") for c in doc.claims if not c.markers]
    cues: list[DesignCue] = list(genre_cues)
    # The design is stated in the abstract and Methods; the Results, most of a long article, only cost time.
    design_read = [(c, part) for c, part in own if genre is Genre.NEWS or roles.get(c.span.start) != RESULTS]
    found = [
        (_shift(cue, claim), part)
        for claim, part in design_read
        for cue in matcher(*_DESIGN_LEXICONS).find(claim.text, in_title=False)
    ]
    decided = design_from_cues([cue for cue, _ in found], "own text", abstract=True)
    for reason in decided.reasons:
        hit = next(((cue, part) for cue, part in found if cue.text == reason.cue), None)
        if hit is not None:
            cues.append(_design_cue("design", decided.label or decided.design.value, hit[0], lines, hit[1]))
    analyses: list[str] = []
    for claim, part in own:
        for cue in matcher("own_analysis_cues.txt").find(claim.text, in_title=False):
            if cue.label == "none" or cue.label in analyses:
                continue
            analyses.append(cue.label)
            cues.append(_design_cue("analysis", cue.label, _shift(cue, claim), lines, part))
    population, population_cue = _population(own)
    if population_cue is not None:
        cues.append(population_cue)
    sample = _sample_size(own)
    return DocumentDesign(
        genre=genre,
        design=decided.design,
        analyses=analyses,
        population=population,
        sample_size=sample,
        cues=cues,
    )


def _news_lede(doc: Document, lines: LineIndex) -> DesignCue | None:
    """The words by which a news text's lede reports a study, or None when it is not such a text."""
    if sum(len(c.markers) for c in doc.claims) >= _NEWS_MAX_MARKERS:
        return None
    lede = [c for c in doc.claims if c.checkworthy][:_LEDE]
    for claim in lede:
        m = _STUDY_REPORT.search(claim.text)
        if m:
            start = claim.span.start + m.start()
            return DesignCue(
                kind="genre",
                label=Genre.NEWS.value,
                text=m.group(0),
                span=lines.span(start, start + len(m.group(0))),
                part="lede",
            )
    return None


def _part_name(part: str | None, role: str | None) -> str:
    """Where a cue was read, for the reader: the part heading, or the inline label's role."""
    return part or (f"{role} (inline label)" if role else "text")


def _shift(cue: Cue, claim: Claim) -> Cue:
    return Cue(cue.label, cue.text, cue.start + claim.span.start, cue.end + claim.span.start)


def _design_cue(kind: str, label: str, cue: Cue, lines: LineIndex, part: str | None) -> DesignCue:
    return DesignCue(kind=kind, label=label, text=cue.text, span=lines.span(cue.start, cue.end), part=part)


def _population(own: list[tuple[Claim, str]]) -> tuple[Species, DesignCue | None]:
    """The population most own-work sentences name, with the first species cue that names it."""
    counts = Counter(c.features.population for c, _ in own if c.features.population in _POPULATION)
    if not counts:
        return Species.UNKNOWN, None
    population = counts.most_common(1)[0][0]
    for claim, part in own:
        if claim.features.population is population:
            cue = next((q for q in claim.features.cues if q.kind == "species"), None)
            if cue is not None:
                return _POPULATION[population], DesignCue(
                    kind="population", label=_POPULATION[population].value, text=cue.text, span=cue.span, part=part
                )
    return _POPULATION[population], None


def _sample_size(own: list[tuple[Claim, str]]) -> int | None:
    """The first sample size the own-work sentences report ("n = 36", "36 patients")."""
    for claim, _ in own:
        for q in claim.features.quantities:
            if q.kind == "n" and q.value is not None and q.value >= 1:
                return int(q.value)
    return None
