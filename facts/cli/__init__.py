"""The `facts` command line. Importing the command modules registers their commands."""

from facts.cli import commands as _commands  # noqa: F401
from facts.cli.app import main

__all__ = ["main"]
