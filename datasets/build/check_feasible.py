#!/usr/bin/env python3
"""Re-run the dataset and planning-feasibility checks of derive_cycle.py on a written
dataset folder, without rebuilding it.

Usage (from the repository root):
    python3 datasets/build/check_feasible.py [DATASET]      # default datasets/cycle-2023

The planning constraints checked are those that derive_cycle.py writes into model.yaml
(derive_cycle.PLANNING); eligibility follows SPEC section 5: a State visited less than
cooldown_years before as_of, or whose consent is not in planning.consent, is ineligible;
its visit type is follow-up iff followup-due is 1 and its last visit is not older than
comprehensive_after_years. Exit status 0 when every check passes, 1 otherwise.
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import derive_cycle  # noqa: E402

if __name__ == "__main__":
    folder = sys.argv[1] if len(sys.argv) > 1 else derive_cycle.OUT
    sys.exit(0 if derive_cycle.run_checks(folder) else 1)
