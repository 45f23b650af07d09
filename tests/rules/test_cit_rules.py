"""CIT001–CIT007 on small hand-built documents: flagged cases, near misses, exact spans."""

from __future__ import annotations

import re

from claims.models import CitationMarker, Claim, Document, MarkerStyle
from claims.spans import LineIndex
from references.linking import link
from references.models import Author, Reference
from verifier.models import Finding
from verifier.rules.base import RuleContext
from verifier.rules.cit.cit001_dangling_citation import DanglingCitation
from verifier.rules.cit.cit002_uncited_reference import UncitedReference
from verifier.rules.cit.cit003_duplicate_reference import DuplicateReference
from verifier.rules.cit.cit004_author_mismatch import AuthorMismatch
from verifier.rules.cit.cit005_year_mismatch import YearMismatch
from verifier.rules.cit.cit006_citation_order import CitationOrder
from verifier.rules.cit.cit007_mixed_citation_style import MixedCitationStyle

NUMERIC = {"[": MarkerStyle.NUMERIC_BRACKET, "(": MarkerStyle.NUMERIC_PAREN}


def build(text: str, refs: list[Reference], *, narrative: tuple[str, ...] = (), has_list: bool = True) -> RuleContext:
    """One claim per line; [n]/(n) markers, (Name Year) author–year markers, and named narrative mentions."""
    lines = LineIndex(text)
    claims: list[Claim] = []
    offset = 0
    for i, line in enumerate(text.split("\n")):
        markers: list[CitationMarker] = []
        for m in re.finditer(r"[\[(](\d+(?:[,-]\d+)*)[\])]|\(([A-Z][^()]*? \d{4}[a-z]?)\)", line):
            s, e = offset + m.start(), offset + m.end()
            if m.group(1):
                keys: list[str] = []
                for part in m.group(1).split(","):
                    lo, _, hi = part.partition("-")
                    keys += [str(n) for n in range(int(lo), int(hi or lo) + 1)]
                markers.append(
                    CitationMarker(text=text[s:e], span=lines.span(s, e), style=NUMERIC[m.group(0)[0]], keys=keys)
                )
            else:
                markers.append(
                    CitationMarker(
                        text=text[s:e], span=lines.span(s, e), style=MarkerStyle.AUTHOR_YEAR, keys=[m.group(2)]
                    )
                )
        for name in narrative:
            for m in re.finditer(re.escape(name) + r" and colleagues", line):
                s, e = offset + m.start(), offset + m.end()
                markers.append(
                    CitationMarker(text=text[s:e], span=lines.span(s, e), style=MarkerStyle.NARRATIVE, authors=[name])
                )
        markers.sort(key=lambda mk: mk.span.start)
        claims.append(Claim(id=f"c{i + 1}", text=line, span=lines.span(offset, offset + len(line)), markers=markers))
        offset += len(line) + 1
    doc = Document(path="m.txt", text=text, sha256="x", format="txt", encoding="utf-8", claims=claims)
    return RuleContext.build(doc, refs, link(claims, refs).links, has_reference_list=has_list)


def numbered(*families: str) -> list[Reference]:
    return [
        Reference(key=str(i), number=i, authors=[Author(family=f)], year="2010", title=f"Study {i} of things")
        for i, f in enumerate(families, 1)
    ]


def run(rule: object, ctx: RuleContext) -> list[Finding]:
    found = list(rule.check(ctx))  # type: ignore[attr-defined]
    for f in found:
        assert ctx.document.text[f.span.start : f.span.end] == f.quoted
    return found


def test_cit001_dangling_and_clean() -> None:
    found = run(DanglingCitation(), build("Ketamine acts fast [1,3].\nIt lasts [2].", numbered("Berman", "Zarate")))
    assert [f.quoted for f in found] == ["[1,3]"] and "'3'" in found[0].message and found[0].severity.value == "error"
    assert run(DanglingCitation(), build("Ketamine acts fast [1,2].", numbered("Berman", "Zarate"))) == []


def test_cit001_one_info_when_there_is_no_reference_list() -> None:
    found = run(DanglingCitation(), build("A [1].\nB [2].\nC [3].", [], has_list=False))
    assert len(found) == 1 and found[0].severity.value == "info" and found[0].quoted == "[1]"


def test_cit001_ambiguous_author_year() -> None:
    refs = [Reference(key=k, authors=[Author(family="Wang")], year="2015") for k in ("wang2015", "wang2015-2")]
    found = run(DanglingCitation(), build("Effects were seen (Wang 2015).", refs))
    assert (
        len(found) == 1
        and "more than one entry" in found[0].message
        and found[0].reference_keys == ["wang2015", "wang2015-2"]
    )


def test_cit002_uncited_and_clean() -> None:
    found = run(UncitedReference(), build("A [1].", numbered("Berman", "Zarate")))
    assert [f.reference_keys for f in found] == [["2"]]
    assert run(UncitedReference(), build("A [1,2].", numbered("Berman", "Zarate"))) == []


def test_cit002_external_entry_points_at_start_and_names_file() -> None:
    refs = numbered("Berman") + [
        Reference(key="lee2019", source_path="refs.bib", start_line=12, authors=[Author(family="Lee")], year="2019")
    ]
    found = run(UncitedReference(), build("A [1].", refs))
    assert found[0].span.start == 0 and found[0].span.end == 0 and "refs.bib:12" in found[0].message


def test_cit003_duplicate_and_near_miss() -> None:
    title = "Repetitive magnetic stimulation induces functional and structural plasticity"
    refs = [
        Reference(
            key="1",
            number=1,
            authors=[Author(family="Vlachos"), Author(family="Müller-Dahlhaus")],
            year="2012",
            title=title,
        ),
        Reference(
            key="2",
            number=2,
            authors=[Author(family="Vlachos"), Author(family="Muller-Dahlhaus")],
            year="2012",
            title=title + ".",
        ),
        Reference(
            key="3", number=3, authors=[Author(family="Vlachos"), Author(family="Lenz")], year="2016", title=title
        ),
    ]
    found = run(DuplicateReference(), build("A [1,2,3].", refs))
    assert len(found) == 1 and found[0].reference_keys == ["1", "2"]


def test_cit004_author_mismatch_and_clean() -> None:
    refs = numbered("Nobler", "Murrough")
    found = run(AuthorMismatch(), build("Nobler and colleagues saw less flow [2].", refs, narrative=("Nobler",)))
    assert len(found) == 1 and found[0].quoted == "Nobler and colleagues" and "[1]" in found[0].message
    assert run(AuthorMismatch(), build("Nobler and colleagues saw less flow [1].", refs, narrative=("Nobler",))) == []
    assert run(AuthorMismatch(), build("Nobler and colleagues saw less flow.", refs, narrative=("Nobler",))) == []


def test_cit005_year_mismatch_and_clean() -> None:
    refs = [Reference(key="zarate2006", authors=[Author(family="Zarate")], year="2006", title="A trial")]
    found = run(YearMismatch(), build("Ketamine worked (Zarate 2007).", refs))
    assert len(found) == 1 and "2006" in found[0].message and found[0].quoted == "(Zarate 2007)"
    assert run(YearMismatch(), build("Ketamine worked (Zarate 2006).", refs)) == []
    assert run(DanglingCitation(), build("Ketamine worked (Zarate 2007).", refs)) == []


def test_cit006_order_and_clean() -> None:
    refs = numbered("A", "B", "C", "D", "E", "F", "G")
    found = run(CitationOrder(), build("a [1].\nb [2].\nc [3].\nd [4].\ne [6].\nf [5].\ng [7].", refs))
    assert len(found) == 1 and found[0].quoted == "[5]"
    assert run(CitationOrder(), build("a [1].\nb [2,3].\nc [1].\nd [4-7].", refs)) == []


def test_cit006_alphabetical_numbering_gives_one_info() -> None:
    found = run(
        CitationOrder(), build("a [5].\nb [2].\nc [7].\nd [1].\ne [3].", numbered("A", "B", "C", "D", "E", "F", "G"))
    )
    assert len(found) == 1 and "another way" in found[0].message


def test_cit007_mixed_and_clean() -> None:
    refs = numbered("A", "B", "C")
    found = run(MixedCitationStyle(), build("a [1].\nb [2].\nc (3).", refs))
    assert len(found) == 1 and found[0].quoted == "(3)"
    assert run(MixedCitationStyle(), build("a [1].\nb [2].\nc [3].", refs)) == []


def test_rule_metadata() -> None:
    for rule in (
        DanglingCitation,
        UncitedReference,
        DuplicateReference,
        AuthorMismatch,
        YearMismatch,
        CitationOrder,
        MixedCitationStyle,
    ):
        assert re.fullmatch(r"CIT00\d", rule.code)
        assert rule.__name__ == "".join(w.capitalize() for w in rule.name.split("-"))
        doc = rule.__doc__ or ""
        heads = [
            h
            for h in (
                "## What it flags",
                "## Why it matters",
                "## Example",
                "## Known problems",
                "## Options",
                "## References",
            )
        ]
        assert [doc.index(h) for h in heads] == sorted(doc.index(h) for h in heads)
