"""Loading and validating a portal's content; needs no MkDocs."""

from __future__ import annotations

from .portal import Portal, Sources, load

__all__ = ["Portal", "Sources", "load"]
