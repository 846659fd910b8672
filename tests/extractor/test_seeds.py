"""The seed articles against their gold labels (a copy of shared/eval/seeds.gold.jsonl)."""

from __future__ import annotations

from pathlib import Path

from facts.evaluate import evaluate_files
from facts.extractor import extract

REPO = Path(__file__).resolve().parents[2]


def test_seed_scores() -> None:
    """F1, bound and period accuracy on the seeds stay at 0.9 or above."""
    report = evaluate_files(REPO / "tests" / "data" / "seeds.gold.jsonl", [REPO / "seeds"], extract)
    assert report.totals.f1 >= 0.9
    assert report.bound_accuracy is not None and report.bound_accuracy >= 0.9
    assert report.period_accuracy is not None and report.period_accuracy >= 0.9
