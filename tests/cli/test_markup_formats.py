"""``verifier check`` on small HTML, JATS and LaTeX files: markup masked, spans into the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verifier.cli import main

HTML = """<!DOCTYPE html>
<html><head><title>Sleep research news</title>
<script>
var msg = "This proves that caffeine causes cancer in all patients.";
</script></head>
<body>
<h1>Caffeine and sleep</h1>
<p>Caffeine delays sleep onset in adults [1].</p>
<h2>References</h2>
<ol><li>1. Lee K, Park J. Caffeine and sleep. Sleep Med. 2019;12:1-5.</li></ol>
</body></html>
"""

JATS = """<?xml version="1.0" encoding="UTF-8"?>
<article><front><article-meta><title-group><article-title>Caffeine and sleep</article-title></title-group></article-meta></front>
<body><sec><title>Introduction</title>
<p>Caffeine delays sleep onset in healthy adults <xref ref-type="bibr" rid="r1">[1]</xref>.</p>
</sec></body>
<back><ref-list><title>References</title>
<ref id="r1"><label>1</label><element-citation><person-group><name><surname>Lee</surname><given-names>K</given-names></name></person-group><year>2019</year><article-title>Caffeine and sleep</article-title><source>Sleep Med</source></element-citation></ref>
<ref id="r2"><label>2</label><element-citation><person-group><name><surname>Park</surname><given-names>J</given-names></name></person-group><year>2020</year><article-title>Naps</article-title><source>Sleep Res</source></element-citation></ref>
</ref-list></back></article>
"""

LATEX = r"""\documentclass{article}
\begin{document}
\section{Introduction}
Caffeine delays sleep onset in healthy adults \citep{lee2019}.
% This proves caffeine always cures insomnia.
\begin{thebibliography}{9}
\bibitem{lee2019} K.~Lee. \newblock Caffeine and sleep. \newblock \emph{Sleep Med}, 2019.
\end{thebibliography}
\end{document}
"""


def check(tmp_path: Path, name: str, content: str, capsys) -> dict:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["check", str(path), "-f", "json"])
    out, _ = capsys.readouterr()
    return json.loads(out)


def assert_spans_point_into_the_file(report: dict, content: str) -> None:
    lines = content.split("\n")
    for claim in report["claims"]:
        span = claim["span"]
        assert len(claim["text"]) == span["end"] - span["start"]
        first_word = claim["text"].split()[0]
        assert content[span["start"] : span["start"] + len(first_word)] == first_word
        assert lines[span["line"] - 1][span["column"] - 1 :].startswith(first_word)


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [("page.html", HTML, "html"), ("article.xml", JATS, "jats"), ("paper.tex", LATEX, "tex")],
)
def test_markup_is_masked_and_the_cited_claim_links(tmp_path, capsys, report_validator, name, content, fmt):
    report = check(tmp_path, name, content, capsys)
    report_validator.validate(report)
    assert report["input"]["format"] == fmt
    assert report["input"]["size"] == len(content)
    texts = [c["text"] for c in report["claims"]]
    assert not any("<" in t or "\\" in t.replace("\\citep", "") for t in texts), texts
    assert not any("cancer" in t or "insomnia" in t for t in texts)
    assert not any(f["code"] == "SUP001" and "cancer" in f["message"] for f in report["findings"])
    assert_spans_point_into_the_file(report, content)
    linked = [lk for lk in report["links"] if lk["status"] == "linked"]
    assert len(linked) == 1 and linked[0]["reference_key"] in ("1", "lee2019")
    marker = linked[0]["marker_span"]
    assert content[marker["start"] : marker["end"]] == linked[0]["marker_text"]


def test_heading_units_do_not_become_claims(tmp_path, capsys):
    for name, content in (("page.html", HTML), ("article.xml", JATS), ("paper.tex", LATEX)):
        report = check(tmp_path, name, content, capsys)
        assert not any("Introduction" in c["text"] or c["text"].startswith("#") for c in report["claims"])
