"""practice-exchange: good-practice exchange portals for city networks, built with MkDocs."""

from __future__ import annotations

__version__ = "0.1.0"
