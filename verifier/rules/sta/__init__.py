"""Statistics rules: reported numbers that contradict each other or their wording."""

from verifier.rules.sta.sta001_p_ci_inconsistent import PCiInconsistent
from verifier.rules.sta.sta002_significance_wording import SignificanceWording
from verifier.rules.sta.sta003_recomputed_p_mismatch import RecomputedPMismatch

__all__ = ["PCiInconsistent", "RecomputedPMismatch", "SignificanceWording"]
