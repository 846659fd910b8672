"""docs/store.md is executable: its Python blocks run, in order, in one namespace."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_store_doc_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Python example in docs/store.md runs against a fresh store file."""
    blocks = BLOCK.findall((REPO / "docs" / "store.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 2
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "docs_store"}
    for number, block in enumerate(blocks, start=1):
        exec(compile(block, f"docs/store.md block {number}", "exec"), namespace)
    from facts.store import EventStore

    with EventStore.open(str(tmp_path / "facts.db"), create=False) as store:
        assert store.head() == 2
