"""Shared fixtures: store URLs for the contract suite, and the benchmark gate."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-benchmarks",
        action="store_true",
        default=False,
        help="collect tests/benchmarks (excluded from the default run)",
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # Benchmarks are slow and noisy; they run only when asked for explicitly.
    if "benchmarks" in collection_path.parts and not config.getoption("--run-benchmarks"):
        return True
    return None
