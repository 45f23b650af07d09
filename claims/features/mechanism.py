"""Mechanism wording: a sentence that says *how* a cause brings about its effect.

A mechanism claim is read from syntax, not from a list of sentences: a means phrase
(*by* + gerund or action noun, *through* / *via* + noun phrase) attached to the causal
predicate of its clause ("rTMS produces antidepressant effects **by enhancing** structural
plasticity", "reduces symptoms **by altering** communication", "lowers pressure **through**
vasodilation"); a verb of functioning with its means ("works by", "acts through", "operates
via"); or a cause named as the mechanism ("is mediated by", "underlies"). The causal predicate
comes from ``claims.features.causality`` (a causal verb that modifies no noun, or a change
verb used transitively), so "patients treated by ..." or "a drug acting by ..." as a
modifier do not count.

Not mechanism wording: a passive causal verb with *by* ("was reduced by ketamine" names who
acts, "can be cured by taking antibiotics" the treatment, not how it works; "is mediated by"
is the one passive that names a mechanism); an amount or a time ("reduced by 20%", "by half", "by week
6", "through 12 months"); a manner of comparison ("by contrast", "by chance", "by design");
anything more than ``_REACH`` words or a clause boundary away from its verb. A modal that
governs the verb ("may act by", "could reduce ... by") hedges the claim; the caller decides
what to do with it (``Mechanism.hedge``). A negated verb ("does not act through") asserts no
mechanism and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claims.features.causality import causal_predicates, governing_modal
from claims.features.cues import Match
from claims.features.lexicon import entries

__all__ = ["Mechanism", "mechanisms"]

_REACH = 10  # words allowed between the causal verb and its means phrase ("produces antidepressant effects by")
_CONNECTOR = re.compile(r"(?<![\w-])(by|through|via)\s+", re.IGNORECASE)
# Verbs of functioning whose means phrase states the mechanism ("works by", "acts through").
_FUNCTIONING = re.compile(
    r"(?<![\w-])(?:works?|worked|acts?|acted|operates?|operated|functions?|functioned)(?![\w-])", re.IGNORECASE
)
# A cause named as the mechanism: "is mediated by", "are mediated through", "underlies".
_MEDIATED = re.compile(
    r"(?<![\w-])(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(?P<verb>mediated)\s+(?=by|through|via)"
    r"|(?<![\w-])(?P<under>underlies|underlie|underlay)(?![\w-])\s*",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[;:()\[\]]|,\s+(?:which|who|and|but|while|whereas)\b|\b(?:that|which|whereas|but)\b", re.I)
_WORD = re.compile(r"[\w'\u2019-]+")
_PASSIVE = re.compile(r"(?<![\w-])(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# What follows "by" in a manner, amount or time, not a means: "by contrast", "by 20%", "by week 6".
_NOT_MEANS = re.compile(
    r"(?:\d|[~≈<>±]|(?:a|an|the)?\s*(?:factor|half|third|quarter|fold|percent|per\s+cent|contrast|comparison|"
    r"chance|design|definition|default|far|then|now|themselves|itself|day|days|week|weeks|month|months|year|years|"
    r"age|end|time|visit|follow-?up|baseline|one|two|three|four|five|six|ten|approximately|about|around|nearly|"
    r"almost|up\s+to|more|less|over|only|as\s+much|as\s+many|roughly|some)(?![\w-]))",
    re.IGNORECASE,
)
# Possessive: it is only ever matched on its own, so giving back words could never help a later part.
_DETERMINER = re.compile(r"(?:(?:a|an|the|its|their|this|these|his|her|our|[\w-]+ly)\s++)*+", re.IGNORECASE)
# An action noun as the means after "by" ("by inhibition of", "by blockade of", "by enhancement").
_ACTION_NOUN = re.compile(r"[\w-]+(?:tion|sion|ment|ance|ence|ade|ysis|osis)s?(?![\w-])", re.IGNORECASE)
_GERUND = re.compile(r"(?<![\w-])[A-Za-z]{3,}ing(?![\w-])", re.IGNORECASE)  # not "ESBL-producing"
_MEANS_STOP = re.compile(r"[;:.!?()\[\]]|,\s|\b(?:and\s+that|which|whereas|but|while)\b", re.IGNORECASE)
_MEANS_WORDS = 8
_OTHER_PREDICATE = re.compile(
    r"(?<![\w-])(?:is|are|was|were|be|been|being|can|could|may|might|will|would|should|must)(?![\w-])", re.I
)
_HEDGE_ADVERB = re.compile(
    r"(?<![\w-])(?:possibly|perhaps|probably|presumably|likely|potentially|putatively|conceivably)\W*$", re.I
)
# Before a functioning verb, words that make its subject a person: "to work through", "we act by", "makers".
_AGENT_BEFORE = frozenset({"to", "we", "they", "you", "i", "he", "she", "makers", "clinicians", "doctors", "staff"})
_NEGATIONS = frozenset(
    {"not", "never", "n't", "cannot", "doesn't", "don't", "didn't"}
)  # words of the means phrase quoted in a finding


@cache
def _people() -> frozenset[str]:
    """Person nouns of ``claims/lexicons/species_human.txt`` ("patients", "participants", "women")."""
    words = [e.rstrip("*") for e in entries("species_human") if " " not in e]
    return frozenset(words + [w + "s" for w in words])


@dataclass(frozen=True, slots=True)
class Mechanism:
    """One mechanism statement, local offsets into the text it was read from.

    ``verb``: the causal or functioning verb ("produces", "works", "is mediated");
    ``connector``: "by" / "through" / "via" (``None`` for "underlies");
    ``means``: the means phrase after the connector, up to its clause end (a few words);
    ``hedge``: the modal governing the verb, if any.
    """

    verb: Match
    connector: Match | None
    means_start: int
    means_end: int
    hedge: Match | None


def mechanisms(text: str) -> list[Mechanism]:
    """The mechanism statements of one sentence, in text order (see the module docstring)."""
    verbs, modals = causal_predicates(text)
    heads = [v for v in verbs if not v.negated and not _negated(text, v.start)]
    heads += [Match(m.start(), m.end(), "functioning") for m in _FUNCTIONING.finditer(text) if _finite(text, m.start())]
    heads.sort(key=lambda m: m.start)
    out: list[Mechanism] = []
    for m in _MEDIATED.finditer(text):
        group = "verb" if m.group("verb") else "under"
        mediated = Match(m.start(group), m.end(group), "mediated")
        connector = _CONNECTOR.match(text, m.end())
        means_from = connector.end() if connector else m.end()
        end = _means_end(text, means_from)
        if end > means_from:
            link = Match(connector.start(1), connector.end(1), "connector") if connector else None
            out.append(Mechanism(mediated, link, means_from, end, governing_modal(text, modals, mediated)))
    for conn in _CONNECTOR.finditer(text):
        verb = _governing_verb(text, heads, conn.start())
        if verb is None or any(mech.verb.start <= conn.start() < mech.means_end for mech in out):
            continue
        if verb.kind != "functioning" and _PASSIVE.search(text, 0, verb.start):
            continue  # "can be cured by taking antibiotics", "was reduced by ketamine": a treatment or an agent
        if (
            conn.group(1).lower() == "by"
            and verb.end == conn.start() - 1
            and text[verb.start : verb.end].endswith("ed")
        ):
            continue  # "infections caused by bacteria": a participle with its agent
        if not _means(text, conn.end(), conn.group(1).lower()):
            continue
        end = _means_end(text, conn.end())
        if end <= conn.end():
            continue
        hedge = governing_modal(text, modals, verb) or _hedge_before(text, conn.start(), verb.end)
        out.append(Mechanism(verb, Match(conn.start(1), conn.end(1), "connector"), conn.end(), end, hedge))
    return sorted(out, key=lambda mech: mech.verb.start)


def _negated(text: str, start: int) -> bool:
    """A negation among the two words before a verb ("will not reduce", "never acts")."""
    before = [w.lower() for w in _WORD.findall(text[max(0, start - 30) : start])]
    return any(w in _NEGATIONS for w in before[-2:])


def _hedge_before(text: str, connector_start: int, verb_end: int) -> Match | None:
    """A hedging adverb right before the means phrase ("…, possibly through reducing …")."""
    m = _HEDGE_ADVERB.search(text, verb_end, connector_start)
    return Match(m.start(), m.end(), "conditional") if m else None


def _finite(text: str, start: int) -> bool:
    """A functioning verb used as an asserted predicate: not negated, and not after an article or
    preposition ("the works of", "in acts of"), which makes it a noun."""
    before = [w.lower() for w in _WORD.findall(text[max(0, start - 40) : start])]
    if _negated(text, start):
        return False  # "does not act through": no mechanism asserted
    if before and (before[-1] in _AGENT_BEFORE or any(w in _people() for w in before[-3:])):
        return False  # "policy makers need to work through the options": people working, not a drug acting
    return not before or before[-1] not in {"the", "a", "an", "of", "in", "these", "his", "her", "their"}


def _governing_verb(text: str, heads: list[Match], pos: int) -> Match | None:
    """The nearest causal or functioning verb before ``pos`` in the same clause and within reach."""
    for verb in reversed(heads):
        if verb.end > pos:
            continue
        gap = text[verb.end : pos]
        if _CLAUSE_BREAK.search(gap) or _OTHER_PREDICATE.search(gap) or len(_WORD.findall(gap)) > _REACH:
            return None  # another predicate holds the means ("Increase … can be obtained through", "is through")
        return verb
    return None


def _means(text: str, start: int, connector: str) -> bool:
    """Whether the words at ``start`` state a means: a gerund ("by enhancing") or an action noun ("by
    inhibition of"); after "through"/"via" any noun phrase that is not an amount or a time."""
    if _NOT_MEANS.match(text, start):
        return False
    head = _DETERMINER.match(text, start)
    pos = head.end() if head else start
    if _GERUND.match(text, start):
        return True
    if connector != "by":
        return bool(_WORD.match(text, pos))
    return bool(_ACTION_NOUN.match(text, pos))


def _means_end(text: str, start: int) -> int:
    """End of the means phrase: its clause end, at most ``_MEANS_WORDS`` words."""
    stop = _MEANS_STOP.search(text, start)
    limit = stop.start() if stop else len(text)
    words = list(_WORD.finditer(text, start, limit))
    if not words:
        return start
    return words[min(len(words), _MEANS_WORDS) - 1].end()
