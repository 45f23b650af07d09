"""Claim propositions: who or what (subject) changes which outcome, in which direction.

A proposition is read around each direction cue of a sentence
(``claims.direction``): in the active voice the subject stands before the cue
and the outcome after it ("ECT reduced cerebral metabolism"); in the passive
the outcome stands before ("BDNF was increased after ECT") and the subject
follows *by / after / following / with*; after a noun cue the outcome follows
*in / of* ("no changes in hypofrontalism"). Terms are keyed through the
document's own abbreviations (``claims.abbreviations``), so
"electroconvulsive therapy", "ECT" and "E-C-T" meet, and outcome words are
stemmed (Snowball) and rewritten through ``outcome_concepts.txt``.

The subject key prefers named entities: defined abbreviations and acronyms.
Only when the subject has none are its content words used, so "ketamine" and
"ECT" never share a key. ``PropositionIndex`` buckets propositions by
(subject key, outcome stem); candidates for a comparison come from the
buckets, never from an all-pairs scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

import snowballstemmer

from claims.abbreviations import Abbreviations, normalize_term
from claims.direction import DirectionCue, direction_cues
from claims.features.lexicon import LEXICON_DIR, entries
from claims.lexicon_files import data_lines
from claims.models import Direction, Population, Quantity
from claims.spans import SentenceView

__all__ = ["Proposition", "PropositionIndex", "conflict", "outcome_overlap", "propositions", "stems"]

_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\d+(?:\.\d+)?")
_ACRONYM = re.compile(r"^(?:[a-z]?[A-Z][A-Za-z0-9-]*[A-Z0-9][a-z]?s?|[A-Z]{2,}s?)$")
_BREAK = re.compile(r"[;:()\[\]]|,\s|\s[-\u2013\u2014]\s|\bthat\b|\bwhereas\b|\bwhile\b|\bbut\b", re.I)
_PASSIVE_AUX = re.compile(r"\b(?:is|are|was|were|be|been|being|remained|became)\s+(?:not\s+)?(?:\w+ly\s+)?$", re.I)
_AGENT = re.compile(r"\b(?:by|after|following|with|in response to|during)\s", re.I)
_RELATION = re.compile(r"associat|correlat|link", re.I)
_NOUN_OPENER = re.compile(r"^\s*(?:in|of)\s", re.I)
_OUTCOME_STOP = re.compile(
    r"[;:()\[\]]|,\s|\s[-\u2013\u2014]\s|\b(?:in|among|after|following|during|compared|than|versus|vs|when|"
    r"with|by|at|within|across|associated|related|linked|that|which|who|and|but|whereas|while|because|"
    r"relative|from|for)\b",
    re.I,
)
_LEADING = re.compile(r"^\s*(?:(?:in|of|the|a|an|any|its|their|to|on)\s+)*", re.I)
_MAX_OUTCOME_WORDS = 6
# A direction word after a determiner, preposition or conjunction qualifies the noun after it ("an elevated
# frequency of", "and decreased radial organization", "due to the increased motility"): it names a
# condition, not an effect of whatever stands before it.
_ATTRIBUTIVE_BEFORE = re.compile(
    r"(?:^|[:;(\[,]|(?<![\w-])(?:a|an|the|of|with|by|to|and|or|in|for|from|at|on|its|their|whose))\s*$", re.I
)
# The verb has no object: the subject is what changes ("CO2 increased rapidly", "does not rise as fast").
_INTRANSITIVE = re.compile(r"^\s*(?:[a-z]+ly|as|than)(?![\w-])", re.I)
# The subject is the absence or fall of something ("X depletion", "a low amount of X", "loss of X"): its
# effect is the opposite of X's, and the proposition would be keyed on X.
_ABSENCE = re.compile(
    r"(?<![\w-])(?:depletion|deficien\w+|deficit|knock-?down|knock-?out|loss|lack|absence|low|"
    r"missing|null|silenc\w+|ablation|deletion)(?![\w-])",
    re.I,
)
_PRONOUN = re.compile(r"^\s*(?:it|they|this|these|those|that|which|he|she|we|one)\s*$", re.I)
# A clause-long left side is not a subject: fall back to it only when it is short.
_MAX_SUBJECT_WORDS = 12

_stemmer = snowballstemmer.stemmer("english")


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(entries("proposition_stopwords"))


@cache
def _concepts() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in data_lines(LEXICON_DIR / "outcome_concepts.txt"):
        if "\t" in line:
            term, words = line.split("\t", 1)
            out[term.strip().lower()] = tuple(words.lower().split())
    return out


def stems(text: str, abbreviations: Abbreviations | None = None) -> frozenset[str]:
    """Content-word stems of ``text``: stop words dropped, concepts rewritten, known long forms and
    acronyms replaced by their abbreviation key."""
    abbreviations = abbreviations or Abbreviations()
    words = _TOKEN.findall(text)
    out: set[str] = set()
    i = 0
    while i < len(words):
        hit = abbreviations.long_form_at(words, i)
        if hit is not None:
            out.add(hit[0])
            i += hit[1]
            continue
        word = words[i]
        i += 1
        if _ACRONYM.match(word):
            out.add(_acronym_key(word))
            continue
        out.update(_word_stems(word.lower().strip("'’-")))
    return frozenset(out)


@lru_cache(maxsize=1 << 16)
def _word_stems(low: str) -> tuple[str, ...]:
    """The stems one lower-cased word contributes (none for stop words, short words and numbers).

    Cached per word: the Snowball stemmer is pure Python and a document repeats its
    vocabulary, so without the cache stemming was most of the cost of ``propositions``.
    """
    stop = _stopwords()
    if low in stop or len(low) < 3 or low[0].isdigit():
        return ()
    return tuple(_stemmer.stemWord(part) for part in _concepts().get(low, (low,)) if part not in stop)


def _acronym_key(word: str) -> str:
    if len(word) > 2 and word.endswith("s") and word[-2].isupper():
        word = word[:-1]
    return normalize_term(word)


def _entities(text: str, abbreviations: Abbreviations) -> list[str]:
    """Defined abbreviations (by long or short form) and acronyms in ``text``, as keys, in order."""
    words = _TOKEN.findall(text)
    out: list[str] = []
    i = 0
    while i < len(words):
        hit = abbreviations.long_form_at(words, i)
        if hit is not None:
            out.append(hit[0])
            i += hit[1]
            continue
        if _ACRONYM.match(words[i]) or normalize_term(words[i]) in abbreviations.short_keys:
            out.append(_acronym_key(words[i]))
        i += 1
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Proposition:
    """One (subject, outcome, direction) statement read from a claim.

    ``direction`` is asserted after negation (``no_change`` for "did not
    reduce"); ``effect`` is True when the sentence asserts a change of any kind
    (a direction, or an undirected "alters"). ``cue_start``/``cue_end`` are
    local offsets of the direction cue in the view the proposition came from.
    """

    claim_id: str
    subject: str
    subject_text: str
    outcome: frozenset[str]
    outcome_text: str
    direction: Direction
    negated: bool
    effect: bool
    cue_start: int
    cue_end: int
    population: Population = Population.UNSPECIFIED
    quantities: tuple[Quantity, ...] = field(default_factory=tuple)


def propositions(
    view: SentenceView,
    claim_id: str,
    abbreviations: Abbreviations | None = None,
    *,
    population: Population = Population.UNSPECIFIED,
    quantities: Iterable[Quantity] = (),
) -> list[Proposition]:
    """The propositions of one sentence, one per direction cue that has both a subject and an outcome."""
    abbreviations = abbreviations or Abbreviations()
    text = view.text
    out: list[Proposition] = []
    qs = tuple(quantities)
    cues = direction_cues(text)
    for k, cue in enumerate(cues):
        stop = cues[k + 1].start if k + 1 < len(cues) else len(text)
        next_negation = cues[k + 1].negation if cues[k + 1 :] else None
        if next_negation is not None:
            stop = min(stop, next_negation.start)
        read = _read(text, cue, abbreviations, stop)
        if read is None:
            continue
        subject, subject_text, outcome, outcome_text = read
        direction = cue.asserted or Direction.NONE
        out.append(
            Proposition(
                claim_id=claim_id,
                subject=subject,
                subject_text=subject_text,
                outcome=outcome,
                outcome_text=outcome_text,
                direction=direction,
                negated=cue.negation is not None,
                effect=direction in (Direction.INCREASE, Direction.DECREASE)
                or (cue.kind == "change" and cue.negation is None),
                cue_start=cue.start,
                cue_end=cue.end,
                population=population,
                quantities=qs,
            )
        )
    return out


def _read(
    text: str, cue: DirectionCue, abbreviations: Abbreviations, stop: int
) -> tuple[str, str, frozenset[str], str] | None:
    """(subject key, subject words, outcome stems, outcome words) around one cue; ``stop`` ends the
    right-hand side at the next cue, which speaks for itself."""
    left = text[: cue.negation.start if cue.negation is not None else cue.start]
    right = text[cue.end : max(cue.end, stop)]
    passive = _PASSIVE_AUX.search(text[: cue.start]) is not None
    if cue.kind == "change" and cue.negation is None and _RELATION.match(text, cue.start) and not passive:
        return None  # "hypofrontalism associated with depression": a description, not a claimed effect
    if (
        cue.kind in ("increase", "decrease")
        and cue.negation is None
        and not _NOUN_OPENER.match(right)
        and _ATTRIBUTIVE_BEFORE.search(text, max(0, cue.start - 12), cue.start)
    ):
        return None
    if _INTRANSITIVE.match(right):
        return None
    if passive and cue.kind != "change":
        agent = _AGENT.search(right)
        if agent is None or "than" in right[: agent.start()].lower().split():
            return None  # "was lower than expected by chance": a comparison, "by" names no agent
        subject_text = _clause(right[agent.end() :])
        outcome_text = _last_clause(left, abbreviations, want_entities=False)
    else:
        subject_text = _last_clause(left, abbreviations, want_entities=True)
        opened = _NOUN_OPENER.match(right)
        if cue.kind == "change" and not opened and cue.negation is None and not _is_verbal(text, cue):
            return None
        outcome_text = _clause(right)
    subject_text = _AUX_TAIL.sub("", subject_text)
    if _PRONOUN.match(subject_text) or _ABSENCE.search(subject_text) or _has_decrease(subject_text):
        return None
    subject = _subject_key(subject_text, abbreviations)
    outcome = stems(outcome_text, abbreviations) - {subject}
    if not subject or not outcome:
        return None
    return subject, subject_text.strip(), outcome, outcome_text.strip()


# Auxiliaries left between a subject and its negated verb ("ketamine did | not change").
_AUX_TAIL = re.compile(
    r"(?:\s+(?:did|does|do|was|were|is|are|has|have|had|could|can|may|might|will|would|also|then))+\s*$",
    re.IGNORECASE,
)


def _is_verbal(text: str, cue: DirectionCue) -> bool:
    """An undirected change cue used as a verb ("alters", "affected", "associated with")."""
    word = text[cue.start : cue.end].lower()
    return word.endswith(("s", "ed", "with", "to")) and not word.endswith(("ences", "ations", "effects", "changes"))


def _clause(text: str) -> str:
    """The outcome words at the start of ``text``: up to the first stop word, at most a few words."""
    text = text[_LEADING.match(text).end() :]  # type: ignore[union-attr]
    stop = _OUTCOME_STOP.search(text)
    head = text[: stop.start()] if stop else text
    words = head.split()
    return " ".join(words[:_MAX_OUTCOME_WORDS])


def _last_clause(left: str, abbreviations: Abbreviations, *, want_entities: bool) -> str:
    """The words before a cue that belong to its clause; the whole left side if that clause names
    nothing and the left side is short ("ECT, a common treatment, reduced ..."). A clause-long left
    side is not one subject: any abbreviation somewhere in it would key the proposition; nor is the
    left side when the clause's subject is a pronoun ("LDH is a mutant: it enhances ...")."""
    breaks = list(_BREAK.finditer(left))
    tail = left[breaks[-1].end() :] if breaks else left
    found = _entities(tail, abbreviations) if want_entities else stems(tail, abbreviations)
    return tail if found or _PRONOUN.match(tail) or len(left.split()) > _MAX_SUBJECT_WORDS else left


def _has_decrease(subject_text: str) -> bool:
    """The subject itself is said to fall ("reduced frequencies of B cells"), so its effect reads reversed."""
    return any(cue.kind == "decrease" and cue.negation is None for cue in direction_cues(subject_text))


def _subject_key(text: str, abbreviations: Abbreviations) -> str:
    """Entities when the subject names any (sorted, '+'-joined); else its content stems; '' when empty."""
    ents = _entities(text, abbreviations)
    if ents:
        return "+".join(sorted(ents))
    words = stems(text, abbreviations)
    return "+".join(sorted(words)) if 0 < len(words) <= 3 else ""


def conflict(a: Proposition, b: Proposition) -> str | None:
    """Why two propositions about the same subject and outcome cannot both hold, or None.

    Opposite directions conflict; so does an asserted effect against no change.
    Propositions about different populations (human against animal) never do.
    """
    known = (Population.UNSPECIFIED,)
    if a.population not in known and b.population not in known and a.population != b.population:
        return None
    pair = {a.direction, b.direction}
    if pair == {Direction.INCREASE, Direction.DECREASE}:
        return "opposite directions"
    if Direction.NO_CHANGE in pair and (a.effect or b.effect):
        return "an effect against no change"
    return None


def outcome_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared stems over the smaller outcome's size (0..1)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


class PropositionIndex:
    """Propositions bucketed by (subject key, outcome stem) for candidate lookup without all pairs.

    A bucket keeps only the first ``max_bucket`` propositions put in it, so one lookup
    examines at most ``max_bucket`` candidates per outcome stem and the whole document costs
    linear time however often it repeats one subject and outcome. The earliest statements
    are the ones kept: a later claim is checked against how the document first put it.
    Real manuscripts stay far below the cap (the largest bucket in the shared corpus holds
    two propositions); only text that states one finding dozens of times reaches it.
    """

    def __init__(self, min_overlap: float = 0.5, max_bucket: int = 8) -> None:
        self.min_overlap = min_overlap
        self.max_bucket = max_bucket
        self._buckets: dict[tuple[str, str], list[Proposition]] = {}

    def add(self, prop: Proposition) -> None:
        for stem in prop.outcome:
            bucket = self._buckets.setdefault((prop.subject, stem), [])
            if len(bucket) < self.max_bucket:
                bucket.append(prop)

    def matches(self, prop: Proposition) -> Iterator[Proposition]:
        """Indexed propositions about the same subject and (overlapping) outcome, from other claims."""
        seen: set[int] = set()
        for stem in sorted(prop.outcome):  # sorted: the same order whatever the string hash seed
            for other in self._buckets.get((prop.subject, stem), ()):
                if id(other) in seen or other.claim_id == prop.claim_id:
                    continue
                seen.add(id(other))
                if outcome_overlap(prop.outcome, other.outcome) >= self.min_overlap:
                    yield other
