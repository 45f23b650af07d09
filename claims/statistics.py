"""Reported statistics in a sentence: p-values, test results with degrees of
freedom, and estimates with confidence intervals.

This is the parsing half of a statcheck-style check (Nuijten et al. 2016,
statcheck's ``R/regex.R``), widened to the forms seen outside APA journals:
``t₂₃ = 2.1``, ``t = 2.1, df = 23``, ``χ2(1, N = 90)``, ``H(2) = 7.1``,
``P<0·05``, ``p-value of 0.03``, ``p = 2.3 × 10⁻⁵``, Unicode minus signs, and
intervals such as ``d = 0.15 [95% CI: −0.01, 0.30]`` or ``OR 1.8, 95% CI 1.2–2.7``.
Nothing here judges a number; ``verifier.stats`` does the arithmetic.

Every pattern is a flat alternation without nested quantifiers, so matching is
linear in the sentence length. Offsets are local to ``view.text``; callers turn
them into original spans with ``view.span``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from claims.spans import SentenceView

__all__ = [
    "Interval",
    "PValue",
    "TestResult",
    "find_intervals",
    "find_p_values",
    "find_test_results",
    "mentions_one_tailed",
    "parse_number",
]

_MINUS = "-\u2212\u2012\u2013\u2010\u2011\ufe63\uff0d"  # hyphen-minus, minus, figure/en dash, hyphens
# A minus sign or en dash whose UTF-8 bytes were decoded as Windows-1252 (a PDF or web page read with the
# wrong encoding): "âˆ’" is U+2212, "â€“" U+2013.
_MOJIBAKE_MINUS = ("\u00e2\u02c6\u2019", "\u00e2\u20ac\u201c")
_SIGN = rf"(?:[{_MINUS}]|{'|'.join(_MOJIBAKE_MINUS)})"
_SUBSCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")

# An unsigned decimal: 12, 12.5, .05, 0·05 (Lancet's middle dot).
_UNUM = r"(?:\d+(?:[.·]\d+)?|[.·]\d+)"
# A signed decimal; the sign may be any dash a PDF turns a minus into.
_SNUM = rf"(?:{_SIGN}\s?)?{_UNUM}"
# A test statistic's value may carry thousands separators: "2,000.20" is 2000.20, not 2.
_STAT_NUM = rf"(?:{_SIGN}\s?)?(?:\d{{1,3}}(?:,\d{{3}})+(?:[.·]\d+)?|{_UNUM})"
# A p-value's number; a space may follow a leading point ("p < . 001", "p <. 001": typeset or extracted text).
_P_NUM = r"(?:\d+(?:[.·]\d+)?|[.·]\s?\d+)"
# Scientific notation after a mantissa: e-5, × 10−5, x10^-5, ×10⁻⁵.
_EXP = rf"(?:[eE][{_MINUS}+]?\d+|\s?[×x*]\s?10\s?(?:\^\s?)?(?:[{_MINUS}]\s?\d+|[⁻][⁰¹²³⁴⁵⁶⁷⁸⁹]+))"
# A number ends where no digit, letter or decimal part follows (a sentence's full stop may).
_NUM_END = r"(?![\w·]|[.]\d)"
_COMPARATOR = r"(?:<=|>=|=<|=>|≤|≥|⩽|⩾|<|>|=|less than|greater than|below|:)"
# Word comparators ("p-value of 0.03", "p value was 0.03") only after a spelled-out p-value.

_P_RE = re.compile(
    rf"(?<![\w.])(?P<label>[pP](?:\s?[-‐]?\s?values?)?"
    rf"(?:\s?[(_]?\s?(?P<tail>one|two|1|2)[- ]?(?:tailed|sided)\s?\)?)?)"
    rf"\s?(?:(?:was|were|is)\s)?(?P<cmp>{_COMPARATOR}|(?<=value )(?:of|was|is)|(?<=values )(?:of|were|are))"
    rf"\s?(?P<num>{_P_NUM}(?:{_EXP})?){_NUM_END}"
)
_NS_RE = re.compile(r"(?<![\w.])(?:n\.s\.|ns)(?![\w])")

# Test heads. df inside parentheses, as subscripts, or after the value (non-APA).
_DF_PAREN1 = r"\(\s?(?P<df1>\d+(?:\.\d+)?)\s?\)"
_DF_SUB1 = r"(?P<sub1>[₀-₉]+(?:[.][₀-₉]+)?)"
_DF_PAREN2 = r"\(\s?(?P<df1>\d+(?:\.\d+)?|[Il])\s?[,;/]\s?(?P<df2>\d+(?:\.\d+)?)\s?\)"
_DF_SUB2 = r"(?P<sub1>[₀-₉]+)\s?,\s?(?P<sub2>[₀-₉]+(?:[.][₀-₉]+)?)"
_DF_CHI = r"\(\s?(?P<df1>\d+)\s?(?:[,;]\s?[Nn]\s?=\s?(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s?)?\)"
_CHI_NAME = r"(?:χ|Χ|[Cc]hi|CHI)\s?(?:[-‐]?\s?squared?|_?\^?\s?2|²)?|[Xx]\s?(?:\^\s?2|2|²)"
# Non-APA df in square or curly brackets: "t[28] = 2.2", "F{2, 28} = 2.2".
_DF_BRACKET1 = r"[\[{]\s?(?P<df1>\d+(?:\.\d+)?)\s?[\]}]"
_DF_BRACKET2 = r"[\[{]\s?(?P<df1>\d+(?:\.\d+)?|[Il])\s?[,;]\s?(?P<df2>\d+(?:\.\d+)?)\s?[\]}]"

# (test, head pattern, read only when a p-value follows). The last ones are forms that could be something else
# without a p: df in brackets, and a χ² whose Greek letter was lost in extraction, "(2(1) = 0.03, p = .86", which
# is read only straight after an opening bracket (never "Fig. 2(3)" or "Table 2(1)").
_HEADS: tuple[tuple[str, str, bool], ...] = (
    ("t", rf"(?<![\w.])t\s?(?:{_DF_PAREN1}|{_DF_SUB1})?", False),
    ("F", rf"(?<![\w.])F[12]?\s?(?:{_DF_PAREN2}|{_DF_SUB2})?", False),
    ("chi2", rf"(?<![\w.])(?:{_CHI_NAME})\s?(?:{_DF_CHI}|{_DF_SUB1})?", False),
    ("r", rf"(?<![\w.])r\s?(?:{_DF_PAREN1}|{_DF_SUB1})", False),
    ("z", r"(?<![\w.])[zZ]", False),
    ("Q", rf"(?<![\w.])Q\s?(?:[-‐]?\s?(?:[Ww]ithin|[Bb]etween|[wWbB]))?\s?(?:{_DF_PAREN1}|{_DF_SUB1})", False),
    ("H", rf"(?<![\w.])H\s?(?:\(\s?(?P<df1>\d+)\s?(?:,\s?[Nn]\s?=\s?\d+\s?)?\)|{_DF_SUB1})", False),
    ("t", rf"(?<![\w.])t\s?{_DF_BRACKET1}", True),
    ("F", rf"(?<![\w.])F[12]?\s?{_DF_BRACKET2}", True),
    ("chi2", rf"(?<=[(\[])2\s?{_DF_CHI}", True),
)
_STAT_RE = re.compile(
    "|".join(
        f"(?P<h{i}>{head.replace('(?P<', f'(?P<h{i}_')})"
        rf"\s?(?P<h{i}_cmp>[=<>≤≥])\s?(?P<h{i}_val>{_STAT_NUM}){_NUM_END}"
        for i, (_, head, _needs_p) in enumerate(_HEADS)
    )
)
# Non-APA degrees of freedom after the value: "t = 2.1, df = 23", "F = 3.2 (2, 45)", "χ2 = 4.2, d.f. = 1".
_TRAILING_DF_RE = re.compile(
    r"\s?[,;]?\s?\(?\s?(?:df|d\.f\.)\s?[=:]?\s?(?P<a>\d+(?:\.\d+)?)(?:\s?(?:,|/|and)\s?(?P<b>\d+(?:\.\d+)?))?\s?\)?"
    r"|\s?\(\s?(?P<pa>\d+)\s?,\s?(?P<pb>\d+(?:\.\d+)?)\s?\)"
)
# Between a statistic and its p: other results of the same test ("MSE = 2.3, d = 0.43, ηp2 = .12").
_BETWEEN_RE = re.compile(
    rf"(?:\s?[,;|]\s?|\s)(?:(?![pP]\s?[=<>])(?:[A-Za-zηωβ]{{1,3}}[p²2]?|Cohen's d|partial η2)\s?[=<>]\s?{_SNUM}\s?[,;]\s?){{0,3}}\s?"
)

_CI_NAME = r"(?:confidence interval|credible interval|C\.I\.|CI|CrI)"
_RATIO_NAMES = (
    r"adjusted odds ratio|odds ratio|risk ratio|relative risk|hazard ratio|rate ratio|incidence rate ratio|"
    r"prevalence ratio|aOR|AOR|aHR|aRR|IRR|OR|RR|HR|PR"
)
_DIFF_NAMES = (
    r"standardi[sz]ed mean difference|mean difference|difference|Cohen's d|Cohen’s d|Hedges' g|Hedges’ g|"
    r"SMD|WMD|MD|ES|d|g|β|B|b|Δ"
)
_INTERVAL_RE = re.compile(
    rf"(?:(?<![\w'’])(?P<name>{_RATIO_NAMES}|{_DIFF_NAMES})(?![\w'’])"
    rf"\s?(?:\(\s?(?:{_RATIO_NAMES}|{_DIFF_NAMES})\s?\)\s?)?(?:[=:,]|of|was|is)?\s?(?P<est>{_SNUM})"
    rf"(?:\s?[A-Za-z%/]{{1,6}}(?![\w]))?\s?[,;]?\s?[(\[]?\s?)?"
    rf"(?P<ci>(?:(?P<level>\d{{2}}(?:\.\d+)?)\s?%\s?{_CI_NAME}(?:\s?\(CI\))?|{_CI_NAME}\s?(?P<level2>\d{{2}}(?:\.\d+)?)\s?%|{_CI_NAME})"
    rf"\s?(?:[:=,]|of|was)?\s?[(\[]?\s?(?P<low>{_SNUM})\s?(?P<sep>to|,|;|[{_MINUS}—]|\.\.)\s?(?P<high>{_SNUM}))\s?[)\]]?"
)
# A ratio with a bare parenthesised interval, the medical habit: "HR 0.75 (0.60–0.94)".
_BARE_RATIO_RE = re.compile(
    rf"(?<![\w'’])(?P<name>{_RATIO_NAMES})(?![\w'’])\s?(?:[=:,]|of|was)?\s?(?P<est>{_UNUM})"
    rf"\s?(?P<ci>\(\s?(?P<low>{_UNUM})\s?(?P<sep>to|,|[{_MINUS}—])\s?(?P<high>{_UNUM})\s?\))"
)
_RATIO_SET = frozenset(x.lower() for x in _RATIO_NAMES.split("|"))
# Cheap tests that let most sentences skip the full patterns.
_HAS_COMPARATOR_RE = re.compile(r"[=<>≤≥]")
_INTERVAL_HINT_RE = re.compile(r"CI\b|C\.I\.|CrI|interval|(?:OR|RR|HR|PR|ratio)\b[^()]{0,12}\(")
# A bare "directional" counts, as in statcheck's OneTailedInTxt; "non-directional", "bidirectional" do not.
_ONE_TAILED_RE = re.compile(r"\b(?:one|1)[- ]?(?:tailed|sided)\b|(?<![-\w])(?<!non )directional\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PValue:
    """A reported p-value: ``p < .001`` is comparator "<", value 0.001, 3 decimals.

    ``comparator`` is one of ``= < > <= >=`` or ``ns`` (statcheck's "n.s.",
    read as ``p > alpha``). ``decimals`` is how precisely the value was
    written, which bounds its rounding error. ``tail`` is "one" or "two"
    when the label says so (``p (one-tailed) = .03``), else ``None``.
    """

    comparator: str
    value: float
    decimals: int
    start: int
    end: int
    tail: str | None = None


@dataclass(frozen=True, slots=True)
class TestResult:
    """A null-hypothesis test as reported: ``t(23) = 2.10, p = .047``.

    ``test`` is one of t, F, chi2, r, z, Q, H. ``df1``/``df2`` follow
    statcheck: t, r carry their df in ``df2``; F has both; chi2, Q and H use
    ``df1``; z has none. ``value_decimals`` is the statistic's reported
    precision (statcheck's ``test_dec``). ``p`` is ``None`` when no p-value
    follows the statistic. ``start``/``end`` cover the statistic and its df,
    not the p-value, which has its own offsets.
    """

    test: str
    value: float
    comparator: str
    value_decimals: int
    df1: float | None
    df2: float | None
    start: int
    end: int
    p: PValue | None
    n: int | None = None


@dataclass(frozen=True, slots=True)
class Interval:
    """A confidence interval, with the estimate it belongs to when named.

    ``name`` is the estimate as written ("OR", "d", "mean difference") or
    ``None`` for an interval with no named estimate; ``ratio`` is true for
    odds, risk, hazard and rate ratios, whose null value is 1, not 0.
    ``low_decimals``/``high_decimals`` give each bound's rounding.
    ``p`` is the p-value reported right after the interval, if any.
    ``start``/``end`` cover estimate and interval; ``ci_start`` is where the
    interval itself ("95% CI …" or the bare parenthesis) begins, ``ci_end``
    where it ends (before a closing bracket that opened earlier).
    """

    name: str | None
    estimate: float | None
    level: float
    low: float
    high: float
    low_decimals: int
    high_decimals: int
    ratio: bool
    start: int
    end: int
    estimate_start: int | None
    ci_start: int
    ci_end: int
    p: PValue | None = None

    @property
    def null(self) -> float:
        return 1.0 if self.ratio else 0.0


def parse_number(text: str) -> tuple[float, int]:
    """``(value, decimals)`` of a reported number, any minus sign or decimal mark.

    ``"−0.30"`` -> (-0.3, 2); ``".000"`` -> (0.0, 3); ``"2.3 × 10−5"`` ->
    (2.3e-05, 6). Decimals of a number in scientific notation count the places
    of its expanded form, so rounding bounds stay honest.
    """
    s = "".join(text.translate(_SUPERSCRIPT).replace("·", ".").replace(",", "").split())  # "−\r0", "2,000.20"
    for ch in (*_MINUS[1:], *_MOJIBAKE_MINUS):
        s = s.replace(ch, "-")
    exponent = 0
    m = re.search(r"(?:[eE]|[×x*]10\^?)([-+]?\d+)$", s)
    if m:
        exponent = int(m.group(1))
        s = s[: m.start()]
    mantissa_decimals = len(s.split(".", 1)[1]) if "." in s else 0
    value = float(s) * (10.0**exponent)
    return value, max(0, mantissa_decimals - exponent)


_CMP_NORMAL = {
    "=": "=",
    ":": "=",
    "of": "=",
    "was": "=",
    "is": "=",
    "were": "=",
    "are": "=",
    "<": "<",
    "less than": "<",
    "below": "<",
    ">": ">",
    "greater than": ">",
    "<=": "<=",
    "=<": "<=",
    "≤": "<=",
    "⩽": "<=",
    ">=": ">=",
    "=>": ">=",
    "≥": ">=",
    "⩾": ">=",
}


def _p_from_match(m: re.Match[str]) -> PValue | None:
    value, decimals = parse_number(m.group("num"))
    if value > 1:
        return None
    tail = m.group("tail")
    tail_word = None if tail is None else ("one" if tail in ("one", "1") else "two")
    return PValue(_CMP_NORMAL[m.group("cmp").lower()], value, decimals, m.start(), m.end(), tail_word)


def _p_hint(text: str) -> bool:
    return any(c in text for c in "=<>≤≥⩽⩾") or "value" in text or "less than" in text or "greater than" in text


def find_p_values(view: SentenceView) -> list[PValue]:
    """Every p-value written in the sentence, in order (``p = .000``, ``P<0.05``, ``p-value of 0.03``)."""
    return list(_p_values(view.text))


@lru_cache(maxsize=4096)
def _p_values(text: str) -> tuple[PValue, ...]:
    """Memoized per sentence text (so are the tests and intervals below): the feature stage and
    several rules read the same sentence's statistics, and the results are immutable."""
    squeezed, back = _squeeze(text)
    if back is not None:
        return tuple(_p_back(p, back) for p in _p_values(squeezed))
    if not _p_hint(text):
        return ()
    return tuple(p for p in map(_p_from_match, _P_RE.finditer(text)) if p is not None)


def _df(raw: str | None) -> float | None:
    if raw is None:
        return None
    if raw in ("I", "l"):  # statcheck: a typeset df1 of 1 often arrives as I or l
        return 1.0
    return float(raw.translate(_SUBSCRIPT_DIGITS))


def _p_after(text: str, pos: int) -> PValue | None:
    """The p-value (or n.s.) that directly follows position ``pos``, past other reported values."""
    gap = _BETWEEN_RE.match(text, pos)
    at = gap.end() if gap else pos
    m = _P_RE.match(text, at)
    if m:
        return _p_from_match(m)
    ns = _NS_RE.match(text, at)
    if ns:
        return PValue("ns", 0.05, 2, ns.start(), ns.end())
    return None


def find_test_results(view: SentenceView) -> list[TestResult]:
    """Every test statistic (t, F, χ², r, z, Q, H) with its df and the p-value that follows it.

    A t, F, χ², Q or H without any degrees of freedom is skipped (nothing
    could be recomputed); so is an r beyond ±1.
    """
    return list(_test_results(view.text))


@lru_cache(maxsize=4096)
def _test_results(text: str) -> tuple[TestResult, ...]:
    squeezed, back = _squeeze(text)
    if back is not None:
        return tuple(
            replace(r, start=back[r.start], end=back[r.end - 1] + 1, p=r.p and _p_back(r.p, back))
            for r in _test_results(squeezed)
        )
    out: list[TestResult] = []
    if not _HAS_COMPARATOR_RE.search(text):  # every result has one; most sentences have none
        return ()
    for m in _STAT_RE.finditer(text):
        i = next(k for k in range(len(_HEADS)) if m.group(f"h{k}") is not None)
        test, _, needs_p = _HEADS[i]
        g = m.groupdict()

        def grp(name: str, _i: int = i, _g: dict[str, str | None] = g) -> str | None:
            return _g.get(f"h{_i}_{name}")

        value, decimals = parse_number(grp("val") or "")
        cmp = {"≤": "<", "≥": ">"}.get(grp("cmp") or "=", grp("cmp") or "=")
        end = m.end()
        df1 = _df(grp("df1") or grp("sub1"))
        df2 = _df(grp("df2") or grp("sub2"))
        if test in ("t", "r"):
            df1, df2 = None, df1
        if test != "z" and df1 is None and df2 is None:
            trail = _TRAILING_DF_RE.match(text, end)
            if trail:
                a = trail.group("a") or trail.group("pa")
                b = trail.group("b") or trail.group("pb")
                if test == "F" and b is not None:
                    df1, df2 = _df(a), _df(b)
                elif test in ("t", "r") and b is None:
                    df2 = _df(a)
                elif test in ("chi2", "Q", "H") and b is None:
                    df1 = _df(a)
                if df1 is not None or df2 is not None:
                    end = trail.end()
        if test == "F" and (df1 is None or df2 is None):
            continue
        if test in ("t", "r") and df2 is None:
            continue
        if test in ("chi2", "Q", "H") and df1 is None:
            continue
        if test == "r" and abs(value) > 1:
            continue
        n_raw = grp("n")
        p = _p_after(text, end)
        if needs_p and p is None:
            continue
        out.append(
            TestResult(
                test=test,
                value=value,
                comparator=cmp,
                value_decimals=decimals,
                df1=df1,
                df2=df2,
                start=m.start(),
                end=end,
                p=p,
                n=int(n_raw.replace(",", "")) if n_raw else None,
            )
        )
    return tuple(out)


def _is_ratio(name: str | None) -> bool:
    return name is not None and name.lower() in _RATIO_SET


def _interval(m: re.Match[str], level: float, text: str) -> Interval | None:
    low, low_dec = parse_number(m.group("low"))
    high, high_dec = parse_number(m.group("high"))
    if low > high:
        return None
    name = m.group("name")
    est_raw = m.group("est")
    estimate = parse_number(est_raw)[0] if est_raw else None
    ratio = _is_ratio(name)
    if ratio and (low <= 0 or (estimate is not None and estimate <= 0)):
        return None
    start, end = m.start(), m.end()
    p = _p_after(text, end)
    if p is None and text[end : end + 1] in ")]":
        p = _p_after(text, end + 1)
    return Interval(
        name=name,
        estimate=estimate,
        level=level,
        low=low,
        high=high,
        low_decimals=low_dec,
        high_decimals=high_dec,
        ratio=ratio,
        start=start,
        end=end,
        estimate_start=m.start("est") if est_raw else None,
        ci_start=m.start("ci"),
        ci_end=m.end("ci"),
        p=p,
    )


def find_intervals(view: SentenceView) -> list[Interval]:
    """Confidence intervals with their estimate and the p-value reported right after them.

    Bounds in the wrong order, or a ratio with a non-positive bound, are
    read as a misparse and skipped rather than reported.
    """
    return list(_intervals(view.text))


@lru_cache(maxsize=4096)
def _intervals(text: str) -> tuple[Interval, ...]:
    squeezed, back = _squeeze(text)
    if back is not None:
        return tuple(
            replace(
                iv,
                start=back[iv.start],
                end=back[iv.end - 1] + 1,
                estimate_start=None if iv.estimate_start is None else back[iv.estimate_start],
                ci_start=back[iv.ci_start],
                ci_end=back[iv.ci_end - 1] + 1,
                p=iv.p and _p_back(iv.p, back),
            )
            for iv in _intervals(squeezed)
        )
    out: list[Interval] = []
    taken: list[tuple[int, int]] = []
    if not _INTERVAL_HINT_RE.search(text):
        return ()
    for m in _INTERVAL_RE.finditer(text):
        level = float(m.group("level") or m.group("level2") or 95.0)  # an unlabelled CI is 95% by convention
        if not 50 <= level < 100:
            continue
        iv = _interval(m, level, text)
        if iv is not None:
            out.append(iv)
            taken.append((iv.start, iv.end))
    for m in _BARE_RATIO_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        iv = _interval(m, 95.0, text)
        if iv is not None:
            out.append(iv)
    out.sort(key=lambda iv: iv.start)
    return tuple(out)


_SPACE_RUN_RE = re.compile(r"\s{2,}")


def _squeeze(text: str) -> tuple[str, list[int] | None]:
    """``text`` with every run of whitespace cut to its first character, and for each character of
    that copy its index in ``text`` (``None`` when there was no run: the copy is ``text``).

    Why: HTML and PDF text spaces out italic letters ("t    (37) = −4.93,    p     <   .001"), and the
    patterns above allow one space between tokens; a wider "any spaces" between optional parts would
    backtrack quadratically on long blank runs. Results found in the copy are mapped back, so their
    offsets index ``text``.
    """
    if _SPACE_RUN_RE.search(text) is None:
        return text, None
    back: list[int] = []
    parts: list[str] = []
    pos = 0
    for m in _SPACE_RUN_RE.finditer(text):
        parts.append(text[pos : m.start() + 1])
        back.extend(range(pos, m.start() + 1))
        pos = m.end()
    parts.append(text[pos:])
    back.extend(range(pos, len(text)))
    return "".join(parts), back


def _p_back(p: PValue, back: list[int]) -> PValue:
    return replace(p, start=back[p.start], end=back[p.end - 1] + 1)


def mentions_one_tailed(text: str) -> bool:
    """Whether the text says a test was one-tailed, one-sided or directional (statcheck's OneTailedInTxt)."""
    return _ONE_TAILED_RE.search(text) is not None
