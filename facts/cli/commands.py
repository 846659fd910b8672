"""Registers every command module on the `facts` group (one module per area)."""

from facts.cli import eval_cmds, extract_cmds, store_cmds, tracker_cmds

__all__ = ["eval_cmds", "extract_cmds", "store_cmds", "tracker_cmds"]
