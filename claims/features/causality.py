"""Causal strength of a claim in the four-way scheme of Yu, Li and Wang (2019),
"Detecting causal language use in science findings" (EMNLP):

* ``none`` - no relationship stated (descriptions, feasibility, aims);
* ``correlational`` - an association ("is associated with", "more likely"),
  also when negated or hedged ("was not associated", "may be associated");
* ``conditional_causal`` - a causal claim under a modal ("may reduce",
  "appears to increase", "a potential benefit");
* ``direct_causal`` - a causal claim stated outright ("reduces", "leads to",
  "is effective"), negated or not ("did not reduce" still claims about cause).

Cues are data: causal verbs (``causal_direct.txt``), change-of-state verbs
(``causal_change.txt``), causal nouns and adjectives (``causal_nominal.txt``),
association wording (``correlational.txt``), comparisons and observed changes
(``comparison.txt``), modals (``causal_conditional.txt``) and statements of no
finding (``no_claim.txt``).

A cue word only counts when it is the sentence's predicate, which is read
from its neighbours rather than a parser:

* a participle or gerund after an article or preposition modifies a noun
  ("associated with reduced mortality", "strategies for preventing falls");
* ``to`` + verb is a purpose ("aimed to reduce") unless a raising or ability
  word precedes it ("able to reduce", "shown to improve");
* a change verb is causal only when transitive ("X reduced blood pressure",
  "was improved by X"); intransitive or agentless passive use ("weight
  increased over time", "was reduced in both groups") reports a change, which
  Yu et al. annotate as correlational.

Decision: the first causal verb or association cue sets the relation; a
causal noun or adjective counts only when neither is present; comparisons and
observed changes (also "patients had higher X": a comparative after have/show)
are the fallback for ``correlational``.  A causal decision is
conditional when a modal governs the causal word in the same clause.  A
no-finding cue ("should", "further research is needed") before the relation,
or with none, makes the sentence ``none``; so does one anywhere in the sentence when only a comparison
or observed change was found.
"""

from __future__ import annotations

import re

from claims.features.cues import Match, scan, to_cue
from claims.models import Causality, Cue
from claims.spans import SentenceView

__all__ = ["causal_predicates", "causality", "decide", "governing_modal"]

_KINDS = {
    "causal_direct": "causal",
    "causal_change": "change",
    "causal_nominal": "nominal",
    "correlational": "correlational",
    "comparison": "comparison",
    "causal_conditional": "conditional",
    "no_claim": "no_claim",
}

# Words after which a participle or gerund modifies a noun instead of being the predicate.
_ATTRIBUTIVE = frozenset(
    "with of a an the to in for by and or their its his her than from among on at as no any this these those "
    "into against via".split()
)
# Words before "to" that make "to + verb" part of the claim rather than a purpose.
_RAISING = frozenset(
    "able unable appear appears appeared seem seems seemed likely unlikely tend tends tended shown found proven "
    "proved reported known thought believed expected help helps helped serve serves served fail fails failed "
    "continue continues continued".split()
)
_BE = frozenset("is are was were be been being".split())
# Words after an intransitive change verb: "increased over time", "decreased significantly", "improved in 40%".
_INTRANSITIVE_NEXT = frozenset(
    "in over from during after with to at among across between for within until throughout since before "
    "when while among and or but than compared relative".split()
)
# "reduced by half", "increased by 20%": an amount, not an agent.
_AMOUNT = frozenset("a an one two three half about approximately nearly almost around up more less only".split())
# Words after which a bare verb form is a noun: "a cut in", "the help of", "their drive".
_DETERMINERS = frozenset("a an the this their its his her our your no any some each every".split())
# Passive agent phrases that also describe measurement ("fat mass, determined by CT"): causal only after "be".
_PASSIVE_NEEDS_BE = frozenset("determined by|shaped by|governed by|dictated by".split("|"))
# "help" aids knowing, not an outcome, before these verbs ("scores help predict complications").
_HELP_KNOWING = frozenset(
    "predict forecast identify detect diagnose explain understand inform guide select estimate assess "
    "interpret recognise recognize distinguish".split()
)
_HELP = frozenset("help helps helped".split())
# "side effects" and "adverse effects" are outcomes, and "effect sizes" statistics, not causal claims.
_NOT_CAUSAL_BEFORE_EFFECT = frozenset("side adverse".split())
_NOT_CAUSAL_AFTER_EFFECT = frozenset("size sizes estimate estimates modifier modifiers modification".split())
# Adjectives ending in -ly, which the adverb test must not take for adverbs ("reduced daily sitting time").
_LY_ADJECTIVES = frozenset("daily weekly monthly yearly early elderly only friendly costly".split())
# "more than half", "less than 5 years": a quantity, not a comparison.
_NUMBER_WORDS = frozenset("half one two three four five six seven eight nine ten a twice".split())

# A group said to have, show or exhibit more or less of something ("patients had higher scores", "carriers
# have high levels of", "cases showed a significantly lower rate"): a comparison between groups, which Yu et
# al. annotate as correlational. Bare comparatives elsewhere ("higher than the threshold") are too often no
# claim, so they count only after these verbs (an article and one adverb may come between).
# Factored by prefix and run only when no stronger cue decided: a flat alternation over every sentence cost
# a fifth of the stage's time.
_HAS_MORE = re.compile(
    r"\b(?:ha(?:ve|s|d|ving)|show(?:s|ed)?|exhibit(?:s|ed)?|display(?:s|ed)?)\s+(?:an?\s+)?(?:[a-z]+ly\s+)?"
    r"(higher|lower|more|fewer|less|greater|high|low|increased|decreased|reduced|elevated|poorer|better|worse)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_NEXT_TOKEN = re.compile(r"\s*([A-Za-z][A-Za-z'-]*|\d|[^\w\s])?")
# A clause boundary between a modal and the causal word it would govern.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]]|,\s|\b(?:that|which|whereas|but|because|since|although|though|while)\b", re.I)
_MODAL_REACH = 8  # words between a modal and the causal word it governs ("may be especially prone to result in")
_WINDOW = 80  # characters looked at on either side of a cue; keeps every look-around constant-time


def _adverb(word: str) -> bool:
    return word.endswith("ly") and len(word) > 4 and word not in _LY_ADJECTIVES


def _quantity(text: str, m: Match) -> bool:
    """True for "than" that compares a number ("more than half", "less than 5 years")."""
    if text[m.start : m.end].lower() != "than":
        return False
    nxt = _next_tokens(text, m.end, 1)[0]
    return nxt.isdigit() or nxt in _NUMBER_WORDS


def _words_before(text: str, pos: int, skip_adverbs: bool = True) -> list[str]:
    """Lower-cased words just before ``pos`` (nearest last), stopping at punctuation other than hyphens."""
    window = text[max(0, pos - _WINDOW) : pos]
    cut = max(window.rfind(c) for c in ',;:()[]".!?')
    words = [w.lower() for w in _WORD.findall(window[cut + 1 :])]
    if skip_adverbs:
        words = [w for w in words if not _adverb(w)]
    return words


def _next_tokens(text: str, pos: int, count: int = 2) -> list[str]:
    """The next ``count`` tokens after ``pos`` (words lower-cased, a digit or a punctuation mark); '' past the end."""
    out = []
    for _ in range(count):
        m = _NEXT_TOKEN.match(text, pos, min(len(text), pos + _WINDOW))
        token = m.group(1) if m and m.group(1) else ""
        out.append(token.lower())
        if m is None or not token:
            break
        pos = m.end()
    return out


def _modifier(text: str, m: Match) -> bool:
    """True when the cue word modifies a noun or names a purpose instead of being the predicate."""
    cue = text[m.start : m.end].lower()
    if (
        m.kind == "nominal"
        and cue in ("effect", "effects")
        and _next_tokens(text, m.end, 1)[0] in _NOT_CAUSAL_AFTER_EFFECT
    ):
        return True
    before = _words_before(text, m.start)
    if cue in _PASSIVE_NEEDS_BE:
        return not before or before[-1] not in _BE
    if not before:
        return cue.endswith("ed") and " " not in cue  # sentence-initial "Increased BMI is ..."
    prev = before[-1]
    if prev == "to" and " " not in cue and not cue.endswith(("ed", "ing")):
        return len(before) < 2 or before[-2] not in _RAISING
    if prev in _ATTRIBUTIVE and cue.endswith(("ed", "ing")):
        return True
    if cue in _HELP:
        nxt = _next_tokens(text, m.end)
        return (nxt[1] if nxt[0] == "to" and len(nxt) > 1 else nxt[0]) in _HELP_KNOWING or prev in _DETERMINERS
    if prev in _DETERMINERS and m.kind == "causal" and " " not in cue and not cue.endswith(("ed", "ing")):
        return True
    if m.kind == "nominal" and cue in ("effect", "effects"):
        return prev in _NOT_CAUSAL_BEFORE_EFFECT
    return False


def _transitive(text: str, m: Match) -> bool:
    """Whether a change verb is used causatively: with an object, or passive with an agent ("improved by X")."""
    nxt = _next_tokens(text, m.end)
    passive = bool((before := _words_before(text, m.start)) and before[-1] in _BE)
    if nxt[0] == "by":
        return len(nxt) > 1 and nxt[1].isalpha() and nxt[1] not in _AMOUNT
    if passive or not nxt[0] or not nxt[0][0].isalpha():
        return False
    return nxt[0] not in _INTRANSITIVE_NEXT and not _adverb(nxt[0])


def _governing_modal(text: str, modals: list[Match], cue: Match) -> Match | None:
    """The nearest modal before ``cue`` in the same clause and within reach, if any."""
    for modal in reversed(modals):
        if modal.end > cue.start:
            continue
        gap = text[modal.end : cue.start]
        if _CLAUSE_BREAK.search(gap) or len(_WORD.findall(gap)) > _MODAL_REACH:
            return None
        return modal
    return None


def _same_clause(text: str, no_claim: Match, decided: Match) -> bool:
    """Whether a no-finding cue governs the relation: it comes first, or nothing separates them."""
    if no_claim.start < decided.start:
        return True
    return not _CLAUSE_BREAK.search(text, decided.end, no_claim.start)


def _no_finding(text: str, no_claim: Match, decided: Match) -> bool:
    """Whether a no-finding cue empties the sentence: it governs the relation (``_same_clause``), or the
    relation is only a comparison or observed change, which a recommendation anywhere in the sentence
    outweighs ("improvements in diet are needed", "greater efforts ..., and such efforts should be ...")."""
    return decided.kind in ("comparison", "change") or _same_clause(text, no_claim, decided)


def _by_kind(text: str) -> dict[str, list[Match]]:
    by_kind: dict[str, list[Match]] = {kind: [] for kind in _KINDS.values()}
    for m in scan(text, _KINDS):
        by_kind[m.kind].append(m)
    return by_kind


def _predicates(text: str, by_kind: dict[str, list[Match]]) -> tuple[list[Match], list[Match]]:
    """``(causal verbs used as the predicate, comparisons and intransitive changes)``: causal verbs that
    modify no noun, plus change verbs used transitively (kind ``causal``), in text order."""
    verbs = [m for m in by_kind["causal"] if not _modifier(text, m)]
    weak = [m for m in by_kind["comparison"] if not _quantity(text, m)]
    for m in by_kind["change"]:
        if _modifier(text, m):
            continue
        if _transitive(text, m):
            verbs.append(Match(m.start, m.end, "causal", m.negated))
        else:
            weak.append(m)
    return sorted(verbs, key=lambda m: m.start), weak


def causal_predicates(text: str) -> tuple[list[Match], list[Match]]:
    """``(causal verbs that are the predicate of their clause, the modals in text)``, local offsets:
    what ``decide`` weighs, for callers that read what the causal verb governs (``claims.features.mechanism``)."""
    by_kind = _by_kind(text)
    return _predicates(text, by_kind)[0], by_kind["conditional"]


def governing_modal(text: str, modals: list[Match], cue: Match) -> Match | None:
    """The modal that governs ``cue`` in its clause, or None (see ``decide``)."""
    return _governing_modal(text, modals, cue)


def decide(text: str) -> tuple[Causality, Match | None, Match | None]:
    """The causal strength of ``text``, the cue match that set it and, for ``conditional_causal``,
    the modal governing it: local offsets, for callers that look further around the cue."""
    by_kind = _by_kind(text)
    verbs, weak = _predicates(text, by_kind)
    nominal = [m for m in by_kind["nominal"] if not _modifier(text, m)]

    explicit = sorted(verbs + by_kind["correlational"], key=lambda m: m.start)
    if not explicit and not nominal:  # the fallback; only then is the pattern worth running
        weak.extend(Match(h.start(1), h.end(1), "comparison") for h in _HAS_MORE.finditer(text))
    decided = explicit[0] if explicit else nominal[0] if nominal else min(weak, key=lambda m: m.start, default=None)
    if decided is None or any(_no_finding(text, m, decided) for m in by_kind["no_claim"]):
        return Causality.NONE, None, None
    if decided.kind in ("comparison", "change", "correlational"):
        return Causality.CORRELATIONAL, decided, None
    modal = _governing_modal(text, by_kind["conditional"], decided)
    if modal is not None:
        return Causality.CONDITIONAL_CAUSAL, decided, modal
    return Causality.DIRECT_CAUSAL, decided, None


def causality(view: SentenceView) -> tuple[Causality, list[Cue]]:
    """The sentence's causal strength and the cues that decided it.

    Cues returned: the causal (kind ``causal``) or association cue (kind
    ``correlational``) that set the label and, for ``conditional_causal``, the
    modal governing it (kind ``conditional``).
    """
    level, decided, modal = decide(view.text)
    if decided is None:
        return level, []
    if level is Causality.CORRELATIONAL:
        return level, [to_cue(view, decided, "correlational")]
    if modal is not None:
        return level, [to_cue(view, modal), to_cue(view, decided, "causal")]
    return level, [to_cue(view, decided, "causal")]
