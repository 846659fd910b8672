"""Two `facts ingest` processes on the same store and the same files: nothing forks."""

from __future__ import annotations

import collections
import os
import subprocess
import sys
from pathlib import Path

import pytest

from facts.store import EventStore

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_two_ingesters_record_each_article_once(store_url: str, tmp_path: Path) -> None:
    """Both processes succeed; every article and claim stream holds exactly one event."""
    if store_url == ":memory:":
        pytest.skip("an in-memory store cannot be shared between processes")
    EventStore.open(store_url).close()  # create it up front, so the race is about appends
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(60):
        (articles / f"{i:03d}.txt").write_text(
            f" date 2017-{1 + i % 12:02d} Meldung {i}\n\n"
            f"Der Onlinehändler Amazon steigerte seinen Umsatz um {i + 1} Prozent auf "
            f"{100 + i} Milliarden Dollar. Alibaba beschäftigt {1000 + i} Mitarbeiter.",
            encoding="utf-8",
        )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "facts", "ingest", str(articles), "--db", store_url, "--json"]
    runs = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
    with EventStore.open(store_url) as store:
        events = list(store.iter_all())
        per_stream = collections.Counter(e.stream_id for e in events)
        assert all(count == 1 for count in per_stream.values()), per_stream.most_common(3)
        ingested = [e for e in events if e.type == "ArticleIngested"]
        assert len(ingested) == 60
        assert store.verify().ok
    new = sum(out.count('"outcome": "new"') for out, _ in outputs)
    duplicate = sum(out.count('"outcome": "duplicate"') for out, _ in outputs)
    assert (new, duplicate) == (60, 60)
