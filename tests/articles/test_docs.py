"""The Python examples in docs/articles.md and docs/eval.md run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"```python\n(.*?)```", re.S)


@pytest.mark.parametrize("name", ["articles.md", "eval.md"])
def test_python_examples_run(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each ```python block executes from the repository root without error."""
    text = (REPO / "docs" / name).read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert blocks, f"docs/{name} has no Python example"
    monkeypatch.chdir(REPO)
    for block in blocks:
        exec(compile(block, f"docs/{name}", "exec"), {})
