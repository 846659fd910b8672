"""Shared fixtures: store URLs for the contract suite, and the benchmark gate."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, make_url, text

from facts.store import EventStore

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

# CI machines are shared and noisy: a property test must fail on a wrong answer, never on a
# slow example. Individual tests still set their own example counts.
settings.register_profile("facts", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("facts")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-benchmarks",
        action="store_true",
        default=False,
        help="collect tests/benchmarks (excluded from the default run)",
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # Benchmarks are slow and noisy; they run only when asked for explicitly.
    if "benchmarks" in collection_path.parts and not config.getoption("--run-benchmarks"):
        return True
    return None


# --- event store fixtures ---------------------------------------------------------------------
# `store_url` / `store` run a test against every backend: a SQLite file, SQLite in memory and
# PostgreSQL (FACTS_TEST_POSTGRES_URL). Each PostgreSQL test gets a fresh schema of its own,
# named after this run, so concurrent runs never see each other's data.

POSTGRES_ENV = "FACTS_TEST_POSTGRES_URL"
BACKENDS = ("sqlite-file", "sqlite-memory", "postgresql")


class PostgresSchemas:
    """Creates throw-away schemas on the test server and drops them again."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
        self.run = uuid.uuid4().hex[:12]
        self.created: list[str] = []

    def new_url(self) -> str:
        name = f"facts_test_{self.run}_{len(self.created)}"
        with self.engine.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        self.created.append(name)
        return self.url_for(name)

    def url_for(self, name: str) -> str:
        url = make_url(self.base_url).update_query_dict({"options": f"-csearch_path={name}"})
        return url.render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        options = make_url(url).query["options"]
        assert isinstance(options, str)
        name = options.split("=", 1)[1]
        with self.engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))

    def drop_all(self) -> None:
        with self.engine.connect() as conn:
            for name in self.created:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        self.engine.dispose()


@pytest.fixture(scope="session")
def postgres_schemas() -> Iterator[PostgresSchemas]:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests skipped: {POSTGRES_ENV} is not set")
    try:
        probe = create_engine(base, connect_args={"connect_timeout": 5})
        with probe.connect() as conn:
            conn.execute(text("SELECT 1"))
        probe.dispose()
    except Exception as exc:  # any failure to reach the server means: skip, and say why
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        pytest.skip(f"PostgreSQL tests skipped: cannot reach {POSTGRES_ENV}: {first}")
    schemas = PostgresSchemas(base)
    yield schemas
    schemas.drop_all()


def _backend_params() -> list[object]:
    return [
        pytest.param(name, marks=[pytest.mark.postgres] if name == "postgresql" else [])
        for name in BACKENDS
    ]


@pytest.fixture(params=_backend_params())
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL (or path) of a fresh, not yet created store on each backend."""
    kind: str = request.param
    if kind == "sqlite-file":
        yield str(tmp_path / "facts.db")
    elif kind == "sqlite-memory":
        yield ":memory:"
    else:
        schemas: PostgresSchemas = request.getfixturevalue("postgres_schemas")
        url = schemas.new_url()
        yield url
        schemas.drop(url)


@pytest.fixture
def store(store_url: str) -> Iterator[EventStore]:
    """A freshly created, empty store on each backend."""
    opened = EventStore.open(store_url)
    yield opened
    opened.close()


@pytest.fixture
def postgres_url(postgres_schemas: PostgresSchemas) -> Iterator[str]:
    """A fresh PostgreSQL schema's URL (tests that only make sense on PostgreSQL)."""
    url = postgres_schemas.new_url()
    yield url
    postgres_schemas.drop(url)
