"""Audit progress on stderr: a rich bar on a terminal, plain lines every N papers otherwise."""

from __future__ import annotations

import io

from verifier.audit.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_every_n_papers_and_at_the_end():
    out = io.StringIO()
    progress = Progress(7, every=3, stream=out)
    for i in range(7):
        progress.advance(failed=i == 4)
    progress.close()
    lines = out.getvalue().splitlines()
    assert [line.split(" papers")[0] for line in lines] == [
        "verifier: audit: 3/7",
        "verifier: audit: 6/7",
        "verifier: audit: 7/7",
    ]
    assert "1 not checked" in lines[-1] and "papers/s" in lines[-1] and "left" not in lines[-1]
    assert "left" in lines[0]  # a time estimate while papers remain


def test_resumed_papers_count_as_done_but_not_in_the_rate():
    out = io.StringIO()
    progress = Progress(4, done=3, every=1, stream=out)
    progress.advance(failed=False)
    assert out.getvalue().startswith("verifier: audit: 4/4 papers, ")


def test_a_terminal_gets_a_bar_with_counts_and_failures():
    out = Terminal()
    progress = Progress(2, stream=out)
    progress.note("verifier: error: x.md: the input is empty")
    progress.advance(failed=True)
    progress.advance(failed=False)
    progress.close()
    text = out.getvalue()
    assert "2/2" in text and "1 failed" in text and "x.md: the input is empty" in text
