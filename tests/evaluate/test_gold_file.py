"""Reading gold files: every malformed line is refused with its file and line."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from facts.evaluate import GoldFileError, read_gold

from .helpers import GOLD

GOOD = {
    "doc": "a.txt",
    "quote": "Umsatz von 5 Mio. Euro",
    "figure": "5 Mio. Euro",
    "entity": "A",
    "segment": None,
    "metric": "revenue",
    "value": 5000000,
    "unit": "EUR",
    "bound": "exact",
    "period": None,
    "counterparty": None,
    "note": "",
}


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8"))
    return path


def test_seed_gold_file_reads() -> None:
    """Values are exact Decimals (33.33 stays 33.33); quotes become sentences."""
    claims = read_gold(GOLD)
    awareness = next(c for c in claims if c.metric == "awareness")
    assert awareness.value == Decimal("33.33")
    assert awareness.figure == "jeder dritte Deutsche"
    assert awareness.line == 11
    assert {c.doc for c in claims} == {
        "000_939af62ebaabacfc.txt",
        "002_5920eb897d0448a1.txt",
        "003_67d0faa70610624f.txt",
        "004_25e601413d01a998.txt",
    }


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{oops", "invalid JSON: Expecting property name enclosed in double quotes"),
        ("[1, 2]", "expected a JSON object, got list"),
        (json.dumps({**GOOD, "entity": None}), "missing 'entity'"),
        (
            json.dumps({k: v for k, v in GOOD.items() if k not in ("doc", "unit")}),
            "missing 'doc', 'unit'",
        ),
        (json.dumps({**GOOD, "bound": "roughly"}), "bound 'roughly' is not one of exact, approx"),
        (json.dumps({**GOOD, "value": "five"}), "'value' 'five' is not a number"),
        (json.dumps({**GOOD, "value": True}), "'value' must be a number, got bool"),
        (json.dumps({**GOOD, "period": 2016}), "'period' must be a string, got Decimal"),
        (json.dumps({**GOOD, "metric": " "}), "'metric' is empty"),
        (json.dumps({**GOOD, "bound": "range"}), "'low' must be a number, got missing"),
        (json.dumps({**GOOD, "value": float("nan")}), "'value' must be a finite number"),
        (json.dumps({**GOOD, "low": "-Infinity", "bound": "range"}), "'low' must be a finite"),
    ],
)
def test_malformed_line(tmp_path: Path, line: str, message: str) -> None:
    """The error names the file and the (1-based) line, after blank lines too."""
    path = write(tmp_path, json.dumps(GOOD), "", line)
    with pytest.raises(GoldFileError) as caught:
        read_gold(path)
    assert str(caught.value).startswith(f"{path}:3: {message}")
    assert caught.value.line == 3


def test_not_utf8(tmp_path: Path) -> None:
    """A Latin-1 line is refused at its line."""
    path = tmp_path / "gold.jsonl"
    path.write_bytes(
        json.dumps(GOOD).encode()
        + b"\n"
        + json.dumps({**GOOD, "entity": "Ä"}, ensure_ascii=False).encode("latin-1")
    )
    with pytest.raises(GoldFileError, match=r":2: not UTF-8: byte 0xC4"):
        read_gold(path)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    """An empty gold file would score anything as perfect recall; it is refused."""
    with pytest.raises(GoldFileError, match="no gold claims in the file"):
        read_gold(write(tmp_path, "", "  "))
    with pytest.raises(GoldFileError, match="cannot read: No such file or directory"):
        read_gold(tmp_path / "missing.jsonl")
