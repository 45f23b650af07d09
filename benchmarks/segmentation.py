"""Sentence-boundary accuracy and speed: our rules (claims.segment) against pysbd and syntok.

The labeled set below is written for this project (no corpus text copied): each case is a list
of gold sentences joined by one space, so the gold boundaries are the starts of sentences 2..n.
It targets what breaks segmenters on scientific prose: et al., e.g., i.e., vs., Fig., Dr.,
initials, decimals, p-values, confidence intervals, numeric and author-year markers after the
full stop, and sentences glued to the next one. Run: .venv/bin/python benchmarks/segmentation.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.markers import find_markers  # noqa: E402
from claims.segment import split_sentences  # noqa: E402

CASES: list[list[str]] = [
    ["Smith et al. reported a 12% reduction in relapse.", "The effect persisted at 6 months."],
    ["Several drugs (e.g. sertraline and fluoxetine) were tested.", "None was superior."],
    ["The primary outcome, i.e. remission, was rare.", "Secondary outcomes improved."],
    ["Active vs. sham stimulation differed by 3.2 points.", "This was expected."],
    ["As shown in Fig. 2, uptake doubled.", "Fig. 3 shows the controls."],
    ["Dr. Lee enrolled 40 patients.", "All completed the trial."],
    ["Patients received 0.5 mg/kg ketamine over 40 min.", "Blood pressure rose transiently."],
    ["The difference was not significant (p = 0.06).", "Larger samples are needed."],
    ["Mean change was 4.1 (95% CI 2.3 to 5.9).", "Responders were younger."],
    ["Depression is common and disabling. [1,2]", "Treatment fails in a third of patients. [3]"],
    ["Symptoms include low mood and anhedonia.(1)", "They last at least two weeks.(2)"],
    ["Relapse is frequent (Smith et al., 2020).", "Maintenance therapy lowers it (Lee & Kim, 2019)."],
    ["Moreno-Agostino D, Wu YT and colleagues pooled 68 surveys.", "Prevalence rose over time."],
    ["The review by J. R. Smith covered 12 trials.", "Most were small."],
    ["Effects were larger in adolescents, cf. Table 2.", "Adults responded less."],
    ["Ketamine acts within hours.", "Conventional antidepressants take weeks.", "Why the difference?"],
    ["Is rTMS effective?", "Several meta-analyses suggest so."],
    ["The sample was small (n = 24).", "Power was therefore limited."],
    ["Response rates were 45.2% and 31.8%, respectively.", "The gap narrowed later."],
    ["Rats were housed at 22 °C.", "Mice were kept separately."],
    ["Levels of GABA, glutamate, etc. were measured.", "Glutamate rose."],
    ["The trial ran in the U.S. and Canada.", "Recruitment took 2 years."],
    ["Dosing followed the protocol of Murrough et al. [64]", "Response was maintained."],
    ["Singh et al. (2016) used twice-weekly infusions.", "Thrice-weekly dosing added nothing."],
    ["Effect sizes were small (d = 0.15).", "Heterogeneity was high (I2 = 78%)."],
    ["Two sites took part, i.e., Boston and Toronto.", "Each enrolled 30 patients."],
    ["We followed PRISMA guidelines.", "Data were pooled with a random-effects model."],
    ["Remission was defined as a score below 10.", "10 patients remitted."],
    ["No. 5 of the series reported the same.", "It was retracted later."],
    ["Participants were aged 18-65 yrs.", "Women made up 60%."],
    ["Ketamine (approx. 0.5 mg/kg) was infused.", "Dissociation was mild."],
    ["Pain relief lasted about 2 hrs.", "It returned by the next day."],
    ["Outcomes improved (see Fig. 4B).", "Adverse events were rare."],
    ["This was confirmed by Prof. Adams in a second cohort.", "Replication is pending."],
    ["Brozoski and colleagues showed this in monkeys.[13]", "Human data are scarce."],
    ["The odds ratio was 1.8 (95% CI: 1.2-2.7; p < .01).", "Adjustment did not change it."],
    ["Treatment lasted 3 wk.", "Patients were then followed up."],
    ["St. John's wort was compared with placebo.", "It was not better."],
    ["Ten studies met the criteria, e.g., Chen et al. and Peng et al.", "Most used 10 Hz."],
    ["Stimulation targeted the left DLPFC.", "The right side was the control."],
]


def _gold(case: list[str]) -> tuple[str, set[int]]:
    text = " ".join(case)
    bounds, pos = set(), 0
    for sentence in case[:-1]:
        pos += len(sentence) + 1
        bounds.add(pos)
    return text, bounds


def _ours(text: str) -> list[int]:
    markers = [(m.start, m.end) for m in find_markers(text)]
    return [s for s, _ in split_sentences(text, 0, len(text), markers)[1:]]


def _pysbd():
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: [span.start for span in seg.segment(text)[1:]]


def _syntok():
    from syntok import segmenter

    def run(text: str) -> list[int]:
        starts = [sentence[0].offset for paragraph in segmenter.analyze(text) for sentence in paragraph]
        return starts[1:]

    return run


def _starts(text: str, found: list[int]) -> set[int]:
    """Normalise a found boundary to the first non-space character of the next sentence."""
    out = set()
    for s in found:
        while s < len(text) and text[s].isspace():
            s += 1
        out.add(s)
    return out


def main() -> None:
    candidates = {"claims.segment (rules)": _ours, "pysbd 0.3.4": _pysbd(), "syntok": _syntok()}
    corpus = [_gold(case) for case in CASES]
    print(f"labeled set: {len(CASES)} passages, {sum(len(g) for _, g in corpus)} gold boundaries")
    print(f"{'segmenter':26} {'P':>6} {'R':>6} {'F1':>6} {'exact':>7} {'KB/s':>8}")
    for name, run in candidates.items():
        tp = fp = fn = exact = 0
        for text, gold in corpus:
            found = _starts(text, run(text))
            tp += len(found & gold)
            fp += len(found - gold)
            fn += len(gold - found)
            exact += found == gold
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        blob = " ".join(" ".join(c) for c in CASES) * 20
        t0 = time.perf_counter()
        run(blob)
        speed = len(blob) / 1000 / (time.perf_counter() - t0)
        print(f"{name:26} {p:6.3f} {r:6.3f} {f1:6.3f} {exact:4d}/{len(CASES):<2} {speed:8.0f}")


if __name__ == "__main__":
    main()
