"""A writer killed (SIGKILL) in the middle of a batch leaves all of it or none of it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from facts.store import EventStore
from tests.store.events import article

REPO = Path(__file__).resolve().parents[2]

# The child stops inside the append transaction when it is about to hash event `stop_at`:
# the events before it have already been handed to the database (rows are hashed as the driver
# consumes them). It says so on stdout and waits for the parent to kill it or let it go on.
CHILD = textwrap.dedent(
    """
    import sys
    import facts.store.store as store_module
    from facts.store import EventStore
    from tests.store.events import claim_extracted

    url, count, stop_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    store = EventStore.open(url)
    real_hash = store_module._sha256
    calls = 0

    def pausing_hash(*args):
        global calls
        calls += 1
        if calls == stop_at:
            print("inside", flush=True)
            sys.stdin.readline()
        return real_hash(*args)

    store_module._sha256 = pausing_hash
    store.append_many([(f"claim-{i}", [claim_extracted(i)], None) for i in range(count)])
    print("done", flush=True)
    """
)

BATCH = 20_000  # about 9 MB of payloads: far more than SQLite's page cache, so it spills to disk


@pytest.fixture(
    params=["sqlite-file", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def durable_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite-file":
        yield str(tmp_path / "facts.db")
    else:
        yield request.getfixturevalue("postgres_url")


def start_child(url: str, stop_at: int) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(BATCH), str(stop_at)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    if line != "inside\n":
        child.kill()
        _, err = child.communicate()
        pytest.fail(f"child did not reach the batch: {line!r} {err}")
    return child


def wal_size(path: str) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


@pytest.mark.slow
@pytest.mark.parametrize("stop_at", [1, BATCH - 1])
def test_killed_batch_leaves_nothing(durable_url: str, stop_at: int) -> None:
    """SIGKILL inside the transaction: none of the batch is visible, the chain still verifies."""
    with EventStore.open(durable_url) as store:
        store.append_many([(f"article-{i}", [article(i)], 0) for i in range(3)])
    wal_before = wal_size(durable_url) if "://" not in durable_url else 0
    child = start_child(durable_url, stop_at)
    if "://" not in durable_url and stop_at > 1:
        # the partial batch really reached the file before the kill
        assert wal_size(durable_url) > wal_before + 1_000_000
    child.kill()
    assert child.wait(timeout=60) == -9
    with EventStore.open(durable_url) as store:
        assert store.head() == 3
        assert store.streams_exist(["claim-0", f"claim-{BATCH - 1}"]) == set()
        assert store.verify().ok
        assert store.append("article-9", [article(9)]) == [4]  # the write lock was released
        assert store.verify().ok


@pytest.mark.slow
def test_batch_let_go_is_complete(durable_url: str) -> None:
    """The same child allowed to finish commits the whole batch."""
    with EventStore.open(durable_url) as store:
        store.append("article-1", [article(1)])
    child = start_child(durable_url, BATCH // 2)
    out, err = child.communicate("go\n", timeout=300)
    assert child.returncode == 0, err
    assert out == "done\n"
    with EventStore.open(durable_url) as store:
        assert store.head() == BATCH + 1
        assert store.verify().ok
