"""Numbers a claim reports, as ``Quantity`` objects with spans into the original input.

Kinds: ``statistic`` (t, F, χ², r, z, Q, H with df), ``p``, ``ci``,
``effect_size`` (d, g, OR, RR, HR, β, η² …), ``percent``, ``n`` (sample
sizes: ``n = 128``, ``224 patients``), ``count`` (``k = 22`` effects),
``dose`` (a number with a dose, exposure or stimulation unit) and ``number``
(a duration such as ``4 weeks``). Bare numbers without a unit or label are not
reported: years, page numbers and reference-list debris would drown the rest.

Test results, p-values and intervals come from ``claims.statistics``; this
module adds the simple kinds and turns local offsets into original spans
(``view.quote(i, j)`` is always the quantity's ``text``). Units are data in
``claims/lexicons/stats_*.txt``.
"""

from __future__ import annotations

import re
from functools import cache

from claims.features import lexicon
from claims.models import Quantity, Span
from claims.occupied import Occupied
from claims.spans import SentenceView, build_valid
from claims.statistics import find_intervals, find_p_values, find_test_results, parse_number

__all__ = ["find_quantities"]

_MINUS = "-\u2212\u2013"
_NUM = rf"(?:[{_MINUS}]\s?)?(?:\d+(?:[.·]\d+)?|[.·]\d+)"
_END = r"(?![\w·]|[.]\d)"

_PERCENT_RE = re.compile(rf"(?<![\w.·])(?P<num>{_NUM})\s?%")
_N_RE = re.compile(r"(?<![\w.])(?P<name>[nNk])\s?=\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+)" + _END)
# "d = 0.43", "η² = .12"; a ratio may drop the sign ("OR 1.8"), nothing else may ("vitamin B 12").
_EFFECT_RE = re.compile(
    r"(?<![\w'’])(?:(?P<name>Cohen['’]s d|Hedges['’] g|partial η2|partial η²|η2|η²|ηp2|ηp²|ω2|ω²|R2|R²|"
    r"OR|RR|HR|IRR|aOR|AOR|aHR|SMD|MD|d|g|r|β|B)(?![\w'’])\s?[=:]\s?"
    r"|(?P<ratio>OR|RR|HR|IRR|aOR|AOR|aHR)\s(?=\d))"
    rf"(?P<num>{_NUM}){_END}"
)


# A number and the word after it; the word decides the kind through the unit lexicons. Starting with a
# digit (no look-behind) lets the regex engine skip to digits quickly.
_NUMBER_WORD_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:[.·]\d+)?")
_UNIT_AFTER_RE = re.compile(r"\s?(?:-\s?)?(?P<unit>[A-Za-zµμ]+(?:/[A-Za-z]+)*)(?![\w/-])")
_RATIO_HINT_RE = re.compile(r"(?:OR|RR|HR) \d")
_UNIT_KINDS = (("stats_dose_units", "dose"), ("stats_time_units", "number"), ("stats_sample_nouns", "n"))


@cache
def _unit_kind() -> dict[str, str]:
    """Lower-cased unit or noun -> quantity kind, from the ``stats_*`` lexicons."""
    return {u: kind for name, kind in _UNIT_KINDS for u in lexicon.entries(name)}


_OPTIONAL = {"value": float, "low": float, "high": float, "unit": str, "name": str, "comparator": str}


def _make(view: SentenceView, kind: str, i: int, j: int, **fields: object) -> Quantity:
    """The quantity, built without re-validation when every field already has its declared type
    (``build_valid``: a claim stage builds thousands); through the validating constructor otherwise.
    Every field is given (``None`` where none was found), so all quantities share one fields-set."""
    given = {"kind": kind, "text": view.quote(i, j), "span": view.span(i, j), **fields}
    values = {name: given.get(name) for name in Quantity.model_fields}
    df = values["df"] = fields.get("df", [])
    if (
        type(values["span"]) is Span
        and all(k in _OPTIONAL and (v is None or type(v) is _OPTIONAL[k]) for k, v in fields.items() if k != "df")
        and type(df) is list
        and all(type(d) is float for d in df)  # type: ignore[attr-defined]
    ):
        return build_valid(Quantity, values)
    return Quantity(**values)  # type: ignore[arg-type]


def find_quantities(view: SentenceView) -> list[Quantity]:
    """Every quantity in the sentence, in text order, never two over the same characters
    (except an interval's estimate and its ``ci``, which sit side by side)."""
    text = view.text
    out: list[tuple[int, Quantity]] = []
    if not _DIGIT_RE.search(text):
        return []
    taken = Occupied(len(text))

    def add(kind: str, i: int, j: int, **fields: object) -> None:
        out.append((i, _make(view, kind, i, j, **fields)))
        taken.take(i, j)

    for r in find_test_results(view):
        df = [d for d in (r.df1, r.df2) if d is not None]
        add("statistic", r.start, r.end, name=r.test, value=r.value, comparator=r.comparator, df=df)
    for iv in find_intervals(view):
        if not taken.free(iv.start, iv.end):
            continue
        if iv.estimate_start is not None:
            est_end = iv.estimate_start + len(_num_at(text, iv.estimate_start))
            add("effect_size", iv.start, est_end, name=iv.name, value=iv.estimate)
        add("ci", iv.ci_start, iv.ci_end, name=iv.name, value=iv.level, unit="%", low=iv.low, high=iv.high)
    for p in find_p_values(view):
        if taken.free(p.start, p.end):
            add("p", p.start, p.end, name="p", value=p.value, comparator=p.comparator)
    has_sign = "=" in text or ":" in text
    for m in _EFFECT_RE.finditer(text) if has_sign or _RATIO_HINT_RE.search(text) else ():
        if taken.free(m.start(), m.end()):
            name = m.group("name") or m.group("ratio")
            add("effect_size", m.start(), m.end(), name=name, value=parse_number(m.group("num"))[0])
    for m in _N_RE.finditer(text) if "=" in text else ():
        if taken.free(m.start(), m.end()):
            kind = "count" if m.group("name") == "k" else "n"
            add(kind, m.start(), m.end(), name=m.group("name"), value=float(m.group("num").replace(",", "")))
    for m in _PERCENT_RE.finditer(text) if "%" in text else ():
        if taken.free(m.start(), m.end()):
            add("percent", m.start(), m.end(), value=parse_number(m.group("num"))[0], unit="%")
    units = _unit_kind()
    for m in _NUMBER_WORD_RE.finditer(text):
        i = m.start()
        if i and (text[i - 1] in ".·,/" or text[i - 1].isalnum() or _ends_name(text, i)):
            continue  # part of a name or a fraction: "C57BL/6 mice", "COVID-19 patients", "3/12 rats"
        after = _UNIT_AFTER_RE.match(text, m.end())
        if after is None:
            continue
        unit = after.group("unit")
        unit_kind = units.get(unit.lower())
        if unit_kind is None or (len(unit) == 1 and unit != unit.lower()):  # "1H-MRS" is a nucleus, "1 W" a week
            continue
        if taken.free(i, after.end()):
            add(unit_kind, i, after.end(), value=float(m.group(0).replace(",", "").replace("·", ".")), unit=unit)
    out.sort(key=lambda x: x[0])
    return [q for _, q in out]


def _ends_name(text: str, i: int) -> bool:
    """A hyphen between a letter and the number ("IL-6", "COVID-19"): the number ends a name."""
    return i >= 2 and text[i - 1] == "-" and text[i - 2].isalpha()


_NUM_AT_RE = re.compile(_NUM)
_DIGIT_RE = re.compile(r"\d")


def _num_at(text: str, i: int) -> str:
    m = _NUM_AT_RE.match(text, i)
    return m.group(0) if m else ""
