"""Registers every command module on the `facts` group (one module per area)."""
