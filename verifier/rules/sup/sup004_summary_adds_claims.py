"""SUP004 summary-adds-claims."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from claims.abbreviations import Abbreviations
from claims.features.lexicon import LEXICON_DIR, entries
from claims.lexicon_files import data_lines
from claims.models import Claim, UnitKind
from claims.propositions import stems
from claims.spans import SentenceView
from verifier.models import Confidence, Finding, Severity, Trigger
from verifier.rules._parts import parts
from verifier.rules.base import Rule, RuleContext, Scope
from verifier.rules.con import document_abbreviations

_OPENER = re.compile(
    r"^\W*(?:in\s+summary|in\s+conclusion|to\s+summari[sz]e|taken\s+together|in\s+short|in\s+sum|overall|"
    r"collectively|altogether|all\s+in\s+all)\b[\s,]*",
    re.IGNORECASE,
)
# A reporting frame before the summary's content ("biochemical and neuroimaging findings suggest, …"):
# it names the kind of evidence, not a claim; the content starts after it.
_FRAME = re.compile(
    r".{0,80}?\b(?:findings|studies|data|evidence|results|observations|reports|trials)\s+"
    r"(?:\w+\s+)?(?:suggest|show|indicate|demonstrate|reveal|confirm|support)s?\b(?:\s*,|\s+that\b)?\s*",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"(?<![\w-])(?:we|our|us)(?![\w-])", re.IGNORECASE)
# Items of a summary: coordinated phrases and clauses.
_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|;\s*|\s+(?:and|or|as\s+well\s+as)\s+", re.IGNORECASE)
# Stems that say how a summary links its items, not what it claims: hedges, "properties", and the verbs of
# effect and change of the causality and direction lexicons ("enhances", "elevates", "promotes").
_LINKING_WORDS = (
    "have has had may might can could seem seems appear appears property properties effect effects action "
    "actions role roles level levels suggest suggests show shows indicate indicates also both including several "
    "various potential possible possibly partly likely important importantly significant significantly"
)
_EFFECT_LEXICONS = ("causal_direct", "causal_change", "direction_increase", "direction_decrease", "direction_change")


@cache
def _linking() -> frozenset[str]:
    words = [_LINKING_WORDS] + [e.rstrip("*") for name in _EFFECT_LEXICONS for e in entries(name)]
    return frozenset(stems(" ".join(words)))


# A word that modifies a head shared with the next item ("serotonergic and opioid transmission").
_MODIFIER = re.compile(r"(?:ergic|al|ic|ive|ous|ary|ar)$", re.IGNORECASE)
_MIN_SECTION = 3  # other prose sentences the section must have for "nowhere else" to mean anything
_MIN_STEM = 5  # a stem this long also counts as stated inside a compound ("transmiss" in "neurotransmiss")


@cache
def _concepts() -> dict[str, frozenset[str]]:
    """Stem -> the stems of its concept group (``claims/lexicons/summary_concepts.txt``)."""
    out: dict[str, frozenset[str]] = {}
    for line in data_lines(LEXICON_DIR / "summary_concepts.txt"):
        group = stems(line.replace("-", " "))
        for stem in group:
            out[stem] = out.get(stem, frozenset()) | group
    return out


@dataclass(frozen=True)
class _Item:
    start: int  # local offsets into the summary's view
    end: int
    new: tuple[str, ...]  # the item's terms that its section never states


class SummaryAddsClaims(Rule):
    """A summary sentence asserts something that no sentence of its section states.

    ## What it flags
    A sentence that sums up its section ("In summary, …", "Taken together, …", "In
    conclusion, …", "Overall, …") and carries no citation, in a section that reviews cited
    work, whose items (its coordinated phrases: "enhances dopaminergic, serotonergic and
    opioid transmission" holds three) include one whose distinctive content words appear
    nowhere else in the section. The finding names those words.

    ## Why it matters
    A reader takes a summary as the sum of what was just shown, with the citations of the
    section behind it. A term slipped into the summary alone ("opioid transmission" after
    a section on ECT that never mentions opioids) carries no source at all, yet reads as
    established.

    ## Example
    ```
    # Exercise and mood

    Exercise lowers depressive symptoms in adults [1].

    Exercise raises serum BDNF in older adults [1].

    Regular exercise improves sleep quality [1].

    In summary, exercise lowers depressive symptoms, raises BDNF and restores dopamine signalling.

    References

    1. Stone A. Exercise and depression: a randomized controlled trial. J Psychiatr Res. 2019;12:1-9.
    ```
    Use instead:
    ```
    # Exercise and mood

    Exercise lowers depressive symptoms in adults [1].

    Exercise raises serum BDNF in older adults [1].

    Regular exercise improves sleep quality [1].

    In summary, exercise lowers depressive symptoms and raises BDNF.

    References

    1. Stone A. Exercise and depression: a randomized controlled trial. J Psychiatr Res. 2019;12:1-9.
    ```

    ## Known problems
    Terms are compared by Snowball stems through the document's abbreviations ("ECT" meets
    "electroconvulsive therapy"), inside compounds ("transmission" is stated by
    "neurotransmission") and through a small concept lexicon ("analgesia" restates "pain
    relief"); other paraphrases ("mood elevation" for "fewer depressive symptoms" is caught,
    "cardiac" for "heart" is not) can be flagged. An item counts as new only when every one of
    its distinctive words is new ("serum endorphins" after "plasma endorphin levels" is not
    flagged), and in a coordination of modifiers ("dopaminergic, serotonergic and opioid
    transmission") the shared head is left to the items. A summary in the authors' own voice
    ("In summary, our results show …", "we propose") sums up the paper or proposes, and is
    skipped, as are Methods, Results and captions; so is a section with fewer than three
    other sentences or none cited (it reviews no cited work).

    ## Options
    None; the concept groups are `claims/lexicons/summary_concepts.txt`.

    ## References
    Boutron I, Ravaud P (2018), "Misrepresentation and distortion of research in biomedical
    literature", PNAS 115: 2613-2619; Porter MF (1980), "An algorithm for suffix stripping".
    """

    code = "SUP004"
    name = "summary-adds-claims"
    default_severity = Severity.WARNING
    scope = Scope.CLAIM
    since = "0.2.0"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        structure = parts(ctx)
        abbreviations: Abbreviations | None = None
        sections = _sections(ctx)
        for claim in ctx.claims:
            opener = _OPENER.match(claim.text)
            if opener is None or claim.markers or not claim.checkworthy:
                continue
            if structure.describes_procedure(claim.span.start) or structure.says_own_work(claim.text):
                continue
            if _FIRST_PERSON.search(claim.text):
                continue  # "In summary, our results show …": the authors' own finding or proposal
            others = [c for c in sections.get(claim.span.start, []) if c.id != claim.id]
            if len(others) < _MIN_SECTION or not any(c.markers for c in others):
                continue  # too short to judge, or not a section that reviews cited work
            abbreviations = abbreviations or document_abbreviations(ctx)
            known = _known_stems(ctx, others, claim.section, abbreviations)
            topic = set(stems(_split_hyphens(claim.section or ""), abbreviations))
            view = ctx.view(claim)
            new_items = [item for item in _items(view.text, abbreviations, known, topic) if item.new]
            for group in _adjacent(new_items):
                yield self._finding(ctx, claim, view, group)

    def _finding(self, ctx: RuleContext, claim: Claim, view: SentenceView, group: list[_Item]) -> Finding:
        start, end = view.original_range(group[0].start, group[-1].end)
        terms = list(dict.fromkeys(t for item in group for t in item.new))
        quoted = " ".join(view.quote(group[0].start, group[-1].end).split())
        section = f"'{claim.section}'" if claim.section else "its section"
        evidence = [Trigger(kind="cue", text=t, span=None, detail=f"stated nowhere else in {section}") for t in terms]
        return self.finding(
            ctx,
            start=start,
            end=end,
            message=f"The summary adds '{quoted}': {', '.join(repr(t) for t in terms)} "
            f"{'appears' if len(terms) == 1 else 'appear'} nowhere else in {section}, so no cited sentence supports it.",
            claim_id=claim.id,
            evidence=evidence,
            suggestion=f"state and cite '{quoted}' in the body of the section, or drop it from the summary",
            confidence=Confidence.MEDIUM,
        )


def _sections(ctx: RuleContext) -> dict[int, list[Claim]]:
    """Claim start -> the prose claims of its section: the run between two headings."""
    claims_at = {c.span.start: c for c in ctx.claims}
    out: dict[int, list[Claim]] = {}
    run: list[Claim] = []

    def close() -> None:
        for c in run:
            out[c.span.start] = run

    for sentence in ctx.document.sentences:
        if sentence.kind is UnitKind.HEADING:
            close()
            run = []
        elif sentence.span.start in claims_at:
            run.append(claims_at[sentence.span.start])
    close()
    return out


def _known_stems(ctx: RuleContext, others: list[Claim], heading: str | None, abbreviations: Abbreviations) -> set[str]:
    """Every stem the section states (and the heading), with the concept groups they belong to."""
    known: set[str] = set(stems(_split_hyphens(heading or ""), abbreviations))
    for c in others:
        known |= stems(_split_hyphens(ctx.view(c).text), abbreviations)
    concepts = _concepts()
    for stem in list(known):
        known |= concepts.get(stem, frozenset())
    return known


def _items(text: str, abbreviations: Abbreviations, known: set[str], topic: set[str]) -> list[_Item]:
    """The summary's items with the distinctive terms each adds (see the class docstring); the section's
    topic (its heading's words: "ECT" under "Electroconvulsive therapy (ECT)") is the subject, not an item."""
    opener = _OPENER.match(text)
    body_start = opener.end() if opener else 0
    frame = _FRAME.match(text, body_start)
    if frame:
        body_start = frame.end()
    body_end = len(text.rstrip().rstrip(".!"))
    pieces: list[tuple[int, int]] = []
    pos = body_start
    for m in _SPLIT.finditer(text, body_start, body_end):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, body_end))
    items: list[_Item] = []
    for k, (s, e) in enumerate(pieces):
        words = text[s:e].split()
        if not words:
            continue
        # "dopaminergic, serotonergic and opioid transmission": the last head is shared by the modifiers before it.
        distinctive = text[s:e]
        before = text[pieces[k - 1][0] : pieces[k - 1][1]].split() if k > 0 else []
        if len(words) > 1 and before and (len(before) == 1 or _MODIFIER.search(before[-1])):
            distinctive = " ".join(words[:-1])
        terms = [(word, stem) for word, stem in _terms(distinctive, abbreviations) if stem not in topic]
        new = tuple(word for word, stem in terms if not _stated(stem, known))
        all_new = bool(terms) and len(new) == len(terms)
        items.append(_Item(s, e, new if all_new else ()))
    return items


def _terms(text: str, abbreviations: Abbreviations) -> list[tuple[str, str]]:
    """``(word, stem)`` for each content word of ``text`` that is not a linking word."""
    out = []
    for word in re.findall(r"[A-Za-z][\w'\u2019-]*", _split_hyphens(text)):
        for stem in stems(word, abbreviations):
            if stem not in _linking():
                out.append((word, stem))
    return out


def _stated(stem: str, known: set[str]) -> bool:
    if stem in known:
        return True
    if len(stem) < _MIN_STEM:
        return False
    return any(k.endswith(stem) or k.startswith(stem) or (len(k) >= _MIN_STEM and stem.startswith(k)) for k in known)


def _adjacent(items: list[_Item]) -> list[list[_Item]]:
    """New items that follow each other in the summary, as one group ("activates opioid and dopamine receptors")."""
    groups: list[list[_Item]] = []
    for item in items:
        if groups and _next_to(groups[-1][-1], item):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _next_to(a: _Item, b: _Item) -> bool:
    return 0 <= b.start - a.end <= 6


def _split_hyphens(text: str) -> str:
    return re.sub(r"(?<=\w)-(?=\w)", " ", text)
