"""CLI commands: see the module docstring of the library functions they call."""
