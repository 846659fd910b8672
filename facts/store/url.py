"""Which database a store lives in: `--db`, else `$FACTS_DB`, else `./facts.db`."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from facts.errors import StoreError

DEFAULT_DB = "facts.db"
MEMORY = ":memory:"


def resolve_url(db: str | None = None) -> str:
    """A SQLAlchemy URL for `db`: a file path, `:memory:`, or a URL already.

    Paths become absolute so that error messages name the file unambiguously and a store
    opened from another working directory is still the same store. `postgresql://` without a
    driver means psycopg 3, the driver facts depends on.
    """
    if db is None or db == "":
        db = os.environ.get("FACTS_DB") or DEFAULT_DB
    if db == MEMORY:
        return "sqlite://"
    if "://" not in db:
        return "sqlite:///" + str(Path(db).expanduser().absolute())
    url = parse_url(db)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL or file path: {url!r} ({exc})") from None


def display_url(url: str) -> str:
    """The URL for messages: passwords hidden, SQLite shown as its file path."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or MEMORY
    return parsed.render_as_string(hide_password=True)
