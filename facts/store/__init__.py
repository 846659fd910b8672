"""The append-only event log: `EventStore.open(db)` on SQLite or PostgreSQL (see docs/store.md)."""

from facts.store.recorded import GENESIS_HASH, RecordedEvent, canonical_time, chain_hash
from facts.store.schema import SCHEMA_VERSION
from facts.store.store import EventStore, VerifyReport
from facts.store.url import resolve_url

__all__ = [
    "GENESIS_HASH",
    "SCHEMA_VERSION",
    "EventStore",
    "RecordedEvent",
    "VerifyReport",
    "canonical_time",
    "chain_hash",
    "resolve_url",
]
