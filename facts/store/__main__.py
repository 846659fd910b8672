"""`python -m facts.store --write-ddl schema`: render the DDL that `schema/*.sql` must equal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from facts.store.schema import write_ddl


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m facts.store", description=__doc__)
    parser.add_argument("--write-ddl", metavar="DIR", type=Path, required=True, help="e.g. schema")
    args = parser.parse_args(argv)
    for path in write_ddl(args.write_ddl):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
