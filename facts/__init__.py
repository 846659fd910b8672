"""facts: an event-sourced tracker of the quantitative claims news articles make about companies.

import facts
for article in facts.load_articles(["seeds/"]):   # Article, or ArticleError for a bad file
    claims = facts.extract(article)               # pure, no store needed
with facts.open() as tracker:            # ./facts.db, or a path / SQLAlchemy URL
    tracker.ingest(["seeds/"])
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from facts.articles import load_articles
from facts.errors import (
    ArticleError,
    ConcurrencyError,
    FactsError,
    IntegrityError,
    NotAStoreError,
    SchemaVersionError,
    StoreError,
    UsageError,
)
from facts.extractor import EXTRACTOR_VERSION, extract
from facts.model import Article, Claim, Quantity, Source
from facts.tracker import History, Statement, StatementSource, Tracker, open

try:
    __version__ = version("facts")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

__all__ = [
    "EXTRACTOR_VERSION",
    "Article",
    "ArticleError",
    "Claim",
    "ConcurrencyError",
    "FactsError",
    "History",
    "IntegrityError",
    "NotAStoreError",
    "Quantity",
    "SchemaVersionError",
    "Source",
    "Statement",
    "StatementSource",
    "StoreError",
    "Tracker",
    "UsageError",
    "__version__",
    "extract",
    "load_articles",
    "open",
]
