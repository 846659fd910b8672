"""An event as it sits in the log, and the hash chain that links each event to the one before."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from facts import codec
from facts.events import Event

GENESIS_HASH = "0" * 64
"""The `previous hash` of the first event."""

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def canonical_time(moment: datetime) -> str:
    """UTC, microseconds, fixed width: the form hashed, and stored as text on SQLite.

    Fixed width makes text order equal time order, so SQLite can compare it in an index; a naive
    datetime is taken to be UTC already.
    """
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime(_TIME_FORMAT)


def parse_time(text: str) -> datetime:
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)


def chain_hash(
    previous: str,
    position: int,
    stream_id: str,
    stream_version: int,
    type_name: str,
    version: int,
    recorded_at: str,
    payload: str,
) -> str:
    """SHA-256 over the previous event's hash and every stored field of this one.

    Fields are joined by newlines; none but the payload (which comes last) may contain one,
    so the encoding is unambiguous.
    """
    text = (
        f"{previous}\n{position}\n{stream_id}\n{stream_version}\n{type_name}\n{version}\n"
        f"{recorded_at}\n{payload}"
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_set = object.__setattr__


class RecordedEvent:
    """One row of the log: what was stored, exactly, plus lazily decoded views of it.

    `payload` is the JSON text as stored and `version` the payload version it was written at;
    `data` (plain dict) and `event` (typed) are upcast to the current version and cached.
    Immutable. Reading a million events must stay cheap, so this is a hand-written slotted class
    whose construction does nothing but store the row; `recorded_at` is parsed on first use.
    """

    __slots__ = (
        "_data",
        "_event",
        "_recorded",
        "hash",
        "payload",
        "position",
        "stream_id",
        "stream_version",
        "type",
        "version",
    )

    position: int
    stream_id: str
    stream_version: int
    type: str
    version: int
    payload: str
    hash: str
    _recorded: datetime | str
    _data: dict[str, Any] | None
    _event: Event | None

    def __init__(
        self,
        position: int,
        stream_id: str,
        stream_version: int,
        type: str,
        version: int,
        payload: str,
        recorded_at: datetime | str,
        hash: str,
    ) -> None:
        _set(self, "position", position)
        _set(self, "stream_id", stream_id)
        _set(self, "stream_version", stream_version)
        _set(self, "type", type)
        _set(self, "version", version)
        _set(self, "payload", payload)
        _set(self, "_recorded", recorded_at)
        _set(self, "hash", hash)
        _set(self, "_data", None)
        _set(self, "_event", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"RecordedEvent is immutable (tried to set {name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"RecordedEvent is immutable (tried to delete {name})")

    @property
    def recorded_at(self) -> datetime:
        """When the event was committed (UTC, aware)."""
        recorded = self._recorded
        if isinstance(recorded, str):
            recorded = parse_time(recorded)
            _set(self, "_recorded", recorded)
        elif recorded.tzinfo is not UTC:
            recorded = recorded.astimezone(UTC)
            _set(self, "_recorded", recorded)
        return recorded

    @property
    def recorded_at_text(self) -> str:
        """`recorded_at` in the canonical text form that the hash covers."""
        recorded = self._recorded
        return recorded if isinstance(recorded, str) else canonical_time(recorded)

    @property
    def data(self) -> dict[str, Any]:
        """The payload as plain data, upcast to the current version of its type."""
        data = self._data
        if data is None:
            data = codec.load_data(self.type, self.version, self.payload)
            _set(self, "_data", data)
        return data

    @property
    def event(self) -> Event:
        """The typed event (current version)."""
        event = self._event
        if event is None:
            event = codec.from_data(self.type, codec.current_version(self.type), self.data)
            _set(self, "_event", event)
        return event

    def expected_hash(self, previous: str) -> str:
        """The hash this event must carry if `previous` is the hash of the event before it."""
        return chain_hash(
            previous,
            self.position,
            self.stream_id,
            self.stream_version,
            self.type,
            self.version,
            self.recorded_at_text,
            self.payload,
        )

    def as_dict(self) -> dict[str, Any]:
        """Every stored column, for audit output (`facts log --json`)."""
        return {
            "position": self.position,
            "stream_id": self.stream_id,
            "stream_version": self.stream_version,
            "type": self.type,
            "version": self.version,
            "recorded_at": self.recorded_at.isoformat(),
            "hash": self.hash,
            "payload": self.payload,
        }

    def _key(self) -> tuple[object, ...]:
        return (
            self.position,
            self.stream_id,
            self.stream_version,
            self.type,
            self.version,
            self.payload,
            self.recorded_at,
            self.hash,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordedEvent):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.position, self.hash))

    def __repr__(self) -> str:
        return (
            f"RecordedEvent(position={self.position}, stream_id={self.stream_id!r}, "
            f"stream_version={self.stream_version}, type={self.type!r}, version={self.version}, "
            f"recorded_at={self.recorded_at.isoformat()!r}, hash={self.hash[:12]!r}...)"
        )
