"""The CLI reference in docs/ is the commands' own --help, and every command has a page."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from facts.cli import main
from facts.cli.docgen import render

REPO = Path(__file__).resolve().parents[2]


def test_docs_cli_md_matches_the_code() -> None:
    """docs/cli.md is regenerated from --help; run `python -m facts.cli.docgen > docs/cli.md`."""
    committed = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == render(), "docs/cli.md is stale: python -m facts.cli.docgen > docs/cli.md"


def test_every_command_answers_help() -> None:
    """`--help` works on every command and says something about it."""
    runner = CliRunner()
    for name in main.list_commands(None):  # type: ignore[arg-type]
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage: " in result.output and len(result.output.splitlines()) > 3, name
