"""The pages the plugin adds to a site: one per entry, and the listings that lead to them."""

from __future__ import annotations

from .plan import PageSpec, plan

__all__ = ["PageSpec", "plan"]
