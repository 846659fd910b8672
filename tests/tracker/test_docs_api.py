"""docs/api.md is executable: its Python blocks run, in order, in one namespace."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_api_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example in docs/api.md runs against a fresh store and the seed articles."""
    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert len(blocks) >= 8
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTS_DB", raising=False)
    namespace: dict[str, object] = {"__name__": "docs_api"}
    for number, block in enumerate(blocks, start=1):
        code = compile(block, f"docs/api.md block {number}", "exec")
        exec(code, namespace)
    assert os.path.exists(tmp_path / "facts.db")
