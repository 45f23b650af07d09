"""Every module-level compiled regex in the packages, scanned for the shapes that backtrack badly.

Issue #18 found an exponential author-year regex, a cubic Markdown-heading regex and several
quadratic ones. Each came from one of three shapes, which this test finds in the parsed pattern
(``re._parser``, the tree the regex engine compiles):

* ``nested``: an unbounded repeat inside an unbounded repeat, the inner one able to end an
  iteration and to match what starts the next (``(?:a+)*``, ``(?:,?\\w+)*``): exponential;
* ``adjacent``: two unbounded repeats in a row, only optional items between them, that can
  match a common character (``\\s+(?:x)?\\s*``, ``.*?\\s*#*\\s*$``): quadratic or cubic on a long run
  of that character when the match then fails;
* ``alternation``: an unbounded repeat over alternatives, one opening with an unbounded repeat
  that another alternative can start with (``(?:\\w+|\\d\\.)*``): exponential when both match.

Possessive repeats (``*+``) and atomic groups (``(?>...)``) never backtrack and are not flagged.
A flagged pattern must be rewritten or listed in ``ALLOWED`` with the reason it is safe (a bound
on its input, a separator the repeat cannot match); a new risky pattern fails this test.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from collections.abc import Iterator
from re import _constants as C  # noqa: N812 - the regex engine's opcode names
from re import _parser

import pytest

PACKAGES = ("claims", "references", "verifier", "reports")
UNBOUNDED = C.MAXREPEAT
# Characters each single-character item is tested on: enough to tell classes apart.
ALPHABET = string.printable + "\u00a0\u2009éÀø–—’“ſ\u2028"

# "module.NAME: shape" -> why it is safe.
ALLOWED: dict[str, str] = {
    "claims.boilerplate._VOTES: adjacent": "anchored at a line start and tried on single lines; the \\b after "
    "the digits ends their run, so '.*' runs once per line",
    "claims.markers.author_year._AUTHORS_BEFORE: adjacent": "matched only inside the WINDOW (200 characters) "
    "before an anchor, from at most that many starts (_NamesBefore.candidates)",
    "claims.markers.author_year._NAMES_BEFORE_YEAR: adjacent": "matched only inside the WINDOW (200 characters) "
    "before a year, from at most that many starts (_NamesBefore.candidates)",
    "claims.markers.author_year._GROUP_RE: adjacent": "fullmatch on one ';'-part of a parenthetical, at most "
    "MAX_GROUP (300) characters",
    "references.evidence.sample_size._COUNT_RE: alternation": "the alternatives are spellings of one number, "
    "tried once per start; '(?:,\\d{3})+' needs a comma per iteration, so a string matches one way",
}


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    for package in PACKAGES:
        root = importlib.import_module(package)
        names = [package] + [m.name for m in pkgutil.walk_packages(root.__path__, package + ".")]
        for name in names:
            if name.endswith("__main__"):
                continue
            module = importlib.import_module(name)
            for attr, value in vars(module).items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    if getattr(module, "__name__", "") == name:
                        yield f"{name}.{attr}", value


def _matches_char(op: object, av: object, ch: str, flags: int) -> bool:
    """Whether one single-character item matches ``ch``."""
    if op is C.LITERAL:
        return _eq(av, ch, flags)  # type: ignore[arg-type]
    if op is C.NOT_LITERAL:
        return not _eq(av, ch, flags)  # type: ignore[arg-type]
    if op is C.ANY:
        return ch != "\n" or bool(flags & re.DOTALL)
    if op is C.CATEGORY:
        return _category(av, ch)
    if op is C.IN:
        negate = False
        hit = False
        for sub_op, sub_av in av:  # type: ignore[attr-defined]
            if sub_op is C.NEGATE:
                negate = True
            elif sub_op is C.RANGE:
                lo, hi = sub_av
                hit |= lo <= ord(ch) <= hi or (
                    bool(flags & re.IGNORECASE) and (lo <= ord(ch.lower()) <= hi or lo <= ord(ch.upper()) <= hi)
                )
            elif sub_op is C.CATEGORY:
                hit |= _category(sub_av, ch)
            elif sub_op is C.LITERAL:
                hit |= _eq(sub_av, ch, flags)
        return hit != negate
    return True  # anything else: assume it may match


def _eq(code: int, ch: str, flags: int) -> bool:
    if flags & re.IGNORECASE:
        return chr(code).lower() == ch.lower()
    return chr(code) == ch


def _category(cat: object, ch: str) -> bool:
    tests = {
        C.CATEGORY_DIGIT: ch.isdecimal(),
        C.CATEGORY_NOT_DIGIT: not ch.isdecimal(),
        C.CATEGORY_SPACE: ch.isspace(),
        C.CATEGORY_NOT_SPACE: not ch.isspace(),
        C.CATEGORY_WORD: ch.isalnum() or ch == "_",
        C.CATEGORY_NOT_WORD: not (ch.isalnum() or ch == "_"),
    }
    return tests.get(cat, True)  # type: ignore[call-overload]


SINGLE = (C.LITERAL, C.NOT_LITERAL, C.ANY, C.CATEGORY, C.IN)
REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)


def _first(items: list[tuple[object, object]], flags: int) -> set[str]:
    """Characters a sequence can start with (sampled on ``ALPHABET``)."""
    out: set[str] = set()
    for op, av in items:
        out |= _first_item(op, av, flags)
        if not _nullable(op, av):
            break
    return out


def _first_item(op: object, av: object, flags: int) -> set[str]:
    if op in SINGLE:
        return {ch for ch in ALPHABET if _matches_char(op, av, ch, flags)}
    if op in (*REPEATS, C.POSSESSIVE_REPEAT):
        return _first(list(av[2]), flags)  # type: ignore[index]
    if op is C.SUBPATTERN:
        return _first(list(av[3]), (flags | av[1]) & ~av[2])  # type: ignore[index]
    if op is C.ATOMIC_GROUP:
        return _first(list(av), flags)  # type: ignore[call-overload]
    if op is C.BRANCH:
        return set().union(*(_first(list(b), flags) for b in av[1]))  # type: ignore[index]
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return set()
    return set(ALPHABET)


def _nullable(op: object, av: object) -> bool:
    if op in (*REPEATS, C.POSSESSIVE_REPEAT):
        return av[0] == 0 or all(_nullable(o, a) for o, a in av[2])  # type: ignore[index]
    if op is C.SUBPATTERN:
        return all(_nullable(o, a) for o, a in av[3])  # type: ignore[index]
    if op is C.ATOMIC_GROUP:
        return all(_nullable(o, a) for o, a in av)  # type: ignore[attr-defined]
    if op is C.BRANCH:
        return any(all(_nullable(o, a) for o, a in b) for b in av[1])  # type: ignore[index]
    return op in (C.AT, C.ASSERT, C.ASSERT_NOT)


def _single_body(av: object) -> tuple[object, object] | None:
    body = list(av[2])  # type: ignore[index]
    return body[0] if len(body) == 1 and body[0][0] in SINGLE else None


def _shapes(items: list[tuple[object, object]], flags: int) -> Iterator[str]:
    """The risky shapes in a parsed sequence (see the module docstring)."""
    for index, (op, av) in enumerate(items):
        if op in REPEATS:
            body = list(av[2])  # type: ignore[index]
            if av[1] == UNBOUNDED:  # type: ignore[index]
                if _ambiguous_iterations(body, flags):
                    yield "nested"
                if _overlapping_branches(body, flags):
                    yield "alternation"
                yield from _adjacent(items, index, flags)
            yield from _shapes(body, flags)
        elif op is C.SUBPATTERN:
            yield from _shapes(list(av[3]), (flags | av[1]) & ~av[2])  # type: ignore[index]
        elif op is C.BRANCH:
            for branch in av[1]:  # type: ignore[index]
                yield from _shapes(list(branch), flags)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from _shapes(list(av[1]), flags)  # type: ignore[index]
        # possessive repeats and atomic groups do not backtrack: not searched


def _chars(item: tuple[object, object], flags: int) -> set[str]:
    return {ch for ch in ALPHABET if _matches_char(*item, ch, flags)}


def _ambiguous_iterations(body: list[tuple[object, object]], flags: int) -> bool:
    """``(?:x a+)*`` where the next iteration may start with an ``a``: the characters between two
    iterations can be split in many ways. Looks at unbounded single-character repeats that can
    end an iteration (only nullable items after them), also inside groups of the body."""
    starts = _first(body, flags)
    for tail in _iteration_ends(body):
        if tail[0] in REPEATS and tail[1][1] == UNBOUNDED:  # type: ignore[index]
            single = _single_body(tail[1])
            if single is not None and _chars(single, flags) & starts:
                return True
    return False


def _iteration_ends(items: list[tuple[object, object]]) -> Iterator[tuple[object, object]]:
    """Items that can be the last to consume characters in ``items``."""
    for op, av in reversed(items):
        if op is C.SUBPATTERN:
            yield from _iteration_ends(list(av[3]))  # type: ignore[index]
        elif op is C.BRANCH:
            for branch in av[1]:  # type: ignore[index]
                yield from _iteration_ends(list(branch))
        else:
            yield op, av
        if not _nullable(op, av):
            return


def _overlapping_branches(body: list[tuple[object, object]], flags: int) -> bool:
    """``(?:a+|ab)*``: a branch opening with an unbounded repeat whose characters another branch
    of the same alternation can start with."""
    for op, av in body:
        if op is not C.BRANCH:
            continue
        branches = [list(b) for b in av[1]]  # type: ignore[index]
        for i, branch in enumerate(branches):
            head = branch[0] if branch else None
            single = _single_body(head[1]) if head and head[0] in REPEATS and head[1][1] == UNBOUNDED else None
            if single is None:
                continue
            mine = _chars(single, flags)
            if any(mine & _first(other, flags) for j, other in enumerate(branches) if j != i):
                return True
    return False


def _adjacent(items: list[tuple[object, object]], index: int, flags: int) -> Iterator[str]:
    """An unbounded single-character repeat followed (across optional items) by another that
    can match a common character."""
    first = _single_body(items[index][1])
    if first is None:
        return
    mine = {ch for ch in ALPHABET if _matches_char(*first, ch, flags)}
    for op, av in items[index + 1 :]:
        if op in REPEATS and av[1] == UNBOUNDED:  # type: ignore[index]
            other = _first(list(av[2]), flags)  # type: ignore[index]
            if mine & other:
                yield "adjacent"
                return
        elif op in REPEATS or op is C.SUBPATTERN:
            if mine & _first_item(op, av, flags) and _nullable(op, av):
                continue  # an optional item: the next repeat may still follow directly
        if not _nullable(op, av):
            return


def findings() -> dict[str, str]:
    """``module.NAME: shape`` -> the pattern, for every risky shape found."""
    out: dict[str, str] = {}
    for name, pattern in _patterns():
        tree = _parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
        for shape in set(_shapes(list(tree), pattern.flags)):
            out[f"{name}: {shape}"] = pattern.pattern
    return out


def test_the_scan_finds_the_shapes_of_issue_18() -> None:
    """The scanner flags the patterns that were slow, in their old form, and not their fixes."""
    old = {
        "atx": r"(#{1,6})\s+(.*?)\s*#*\s*$",
        "prevalence": r"\s+(?:about|over)?\s*(?:\d|one\b)",
        "nested": r"\((?:,?\w+)*\)",
        "alternation": r"(?:\w+|\d\.)*!",
    }
    fixed = {
        "atx": r"#{1,6}(?=\s)",
        "prevalence": r"\s++(?:(?:about|over)\s*+)?(?:\d|one\b)",
        "nested": r"\((?:,\w+)*\)",
        "alternation": r"(?:[a-z]+-|\d\.)*!",
    }
    for key, source in old.items():
        assert set(_shapes(list(_parser.parse(source)), 0)), key
    for key, source in fixed.items():
        assert not set(_shapes(list(_parser.parse(source)), 0)), key


def test_every_risky_regex_is_fixed_or_allowed_with_a_reason() -> None:
    found = findings()
    new = sorted(set(found) - set(ALLOWED))
    listing = "\n".join(f"{key}  {found[key]!r}" for key in new)
    assert not new, f"{len(new)} regexes with a backtracking shape (rewrite, or allow with a reason):\n{listing}"


@pytest.mark.parametrize("key", sorted(ALLOWED))
def test_allowed_entries_still_exist(key: str) -> None:
    """An allow-list entry whose pattern was removed or fixed goes too."""
    assert key in findings()
    assert ALLOWED[key].strip()
