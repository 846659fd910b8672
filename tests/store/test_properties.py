"""Property-based tests of the store's invariants, on every backend."""

from __future__ import annotations

import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facts import codec
from facts.events import Event
from facts.store import EventStore
from tests.store.events import events

batches = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c"]), st.lists(events, max_size=4)),
    min_size=1,
    max_size=5,
)

store_settings = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@store_settings
@given(batch=batches)
def test_appended_is_read_back_byte_for_byte(
    store: EventStore, batch: list[tuple[str, list[Event]]]
) -> None:
    """Positions continue the log strictly increasing, stream versions are gap-free, and every
    payload reads back exactly as the codec wrote it (Decimals, unicode and all)."""
    prefix = uuid.uuid4().hex[:8]  # examples share the store; each uses its own streams
    head = store.head()
    positions = store.append_many([(f"{prefix}-{s}", evs, None) for s, evs in batch])
    written = [(f"{prefix}-{s}", e) for s, evs in batch for e in evs]
    assert positions == list(range(head + 1, head + 1 + len(written)))
    assert store.head() == head + len(written)

    recorded = store.read(after=head, limit=len(written) + 1)
    assert [r.position for r in recorded] == positions
    assert [r.stream_id for r in recorded] == [s for s, _ in written]
    assert [r.payload for r in recorded] == [codec.encode(e)[2] for _, e in written]
    assert [r.event for r in recorded] == [e for _, e in written]

    for stream in {s for s, _ in written}:
        versions = [r.stream_version for r in store.read_stream(stream)]
        assert versions == list(range(1, len(versions) + 1))
        assert store.stream_version(stream) == len(versions)


@store_settings
@given(sizes=st.lists(st.integers(0, 6), min_size=1, max_size=6), data=st.data())
def test_positions_strictly_increase_across_appends(
    store: EventStore, sizes: list[int], data: st.DataObject
) -> None:
    """Successive appends never reuse or skip a position, and the chain stays intact."""
    prefix = uuid.uuid4().hex[:8]
    last = store.head()
    for size in sizes:
        evs = data.draw(st.lists(events, min_size=size, max_size=size))
        positions = store.append(f"{prefix}-s", evs)
        assert positions == list(range(last + 1, last + 1 + size))
        last += size
    all_positions = [r.position for r in store.iter_all(page_size=7)]
    assert all_positions == list(range(1, last + 1))
    assert store.verify(page_size=5).ok
