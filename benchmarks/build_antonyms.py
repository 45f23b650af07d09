"""Build ``claims/lexicons/antonyms.tsv`` from Princeton WordNet 3.0 (Debian package ``wordnet-base``).

The judge reads a claim against its source partly through antonyms ("increased" / "decreased",
"effective" / "ineffective", "present" / "absent"): WordNet's lexical antonym pointers (``!``) give
them without a hand-made list. WordNet's licence lets us copy and distribute what we derive as long as
its copyright notice and disclaimer go with it, so the file's header carries them.

Only single-word lemmas are kept (multi-word lemmas never match one token); each pair is written once,
sorted, so rebuilding gives the same file.

Run: apt-get install wordnet-base && .venv/bin/python benchmarks/build_antonyms.py
"""

from __future__ import annotations

import sys
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
OUT = Path(__file__).resolve().parents[1] / "claims" / "lexicons" / "antonyms.tsv"
POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}

HEADER = """\
# Antonym pairs (one pair a line, tab-separated, part of speech third) for the claim-vs-source judge.
# Source: derived from Princeton WordNet 3.0 lexical antonym pointers by benchmarks/build_antonyms.py
# (Debian package wordnet-base); single-word lemmas only. Licence: WordNet 3.0 licence, reproduced here:
# WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
# Permission to use, copy, modify and distribute this software and database and its documentation for
# any purpose and without fee or royalty is hereby granted, provided that you agree to comply with the
# following copyright notice and statements, including the disclaimer, and that the same appear on ALL
# copies of the software, database and documentation, including modifications that you make for
# internal use or for distribution.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR
# WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE
# USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS,
# COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
# The name of Princeton University or Princeton may not be used in advertising or publicity pertaining
# to distribution of the software and/or database.  Title to copyright in this software, database and
# any associated documentation shall at all times remain with Princeton University and LICENSEE agrees
# to preserve same.
"""


def _synsets(path: Path) -> dict[str, tuple[list[str], list[tuple[int, str, str, int]]]]:
    """offset -> (lemmas, antonym pointers as (source word number, target offset, target pos, target word))."""
    out: dict[str, tuple[list[str], list[tuple[int, str, str, int]]]] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        n_words = int(parts[3], 16)
        words = [parts[4 + 2 * i].split("(")[0].lower() for i in range(n_words)]
        i = 4 + 2 * n_words
        n_ptr = int(parts[i])
        pointers = []
        for k in range(n_ptr):
            symbol, offset, pos, st = parts[i + 1 + 4 * k : i + 5 + 4 * k]
            if symbol == "!":
                pointers.append((int(st[:2], 16), offset, pos, int(st[2:], 16)))
        out[parts[0]] = (words, pointers)
    return out


def main() -> None:
    if not WORDNET.is_dir():
        sys.exit(f"no WordNet data at {WORDNET}: apt-get install wordnet-base")
    tables = {name: _synsets(WORDNET / f"data.{name}") for name in ("noun", "verb", "adj", "adv")}
    pairs: set[tuple[str, str, str]] = set()
    for name, table in tables.items():
        for words, pointers in table.values():
            for src, offset, pos, tgt in pointers:
                target_words = tables[POS[pos]][offset][0]
                a, b = words[src - 1], target_words[tgt - 1]
                if a.isalpha() and b.isalpha() and a != b:
                    pairs.add((*sorted((a, b)), name))
    body = "".join(f"{a}\t{b}\t{pos}\n" for a, b, pos in sorted(pairs))
    OUT.write_text(HEADER + body, encoding="utf-8")
    print(f"{len(pairs)} antonym pairs written to {OUT}")


if __name__ == "__main__":
    main()
