"""Reading the log for projections: pages of events with their payloads parsed and upcast.

Projections need the plain data, not typed events, so this skips the attrs structuring that
`RecordedEvent.event` does; that alone roughly halves the cost of a rebuild.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facts import codec
from facts.projections.base import RawEvent

if TYPE_CHECKING:
    from facts.store import EventStore


def read_page(store: EventStore, after: int, limit: int) -> list[RawEvent]:
    """Up to `limit` events after position `after`, in log order."""
    load = codec.load_data
    return [
        RawEvent(
            r.position,
            r.stream_id,
            r.stream_version,
            r.type,
            load(r.type, r.version, r.payload),
        )
        for r in store.read(after=after, limit=limit)
    ]
