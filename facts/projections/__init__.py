"""Projections: tables folded from the event log, caught up on open and rebuildable at will.

See docs/projections.md for the figures projection, its two time axes and its guarantees.
"""

from facts.projections.base import Projection, RawEvent
from facts.projections.figures import FiguresProjection
from facts.projections.runner import ProjectionRunner

__all__ = ["FiguresProjection", "Projection", "ProjectionRunner", "RawEvent"]
