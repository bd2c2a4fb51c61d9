"""The network picture: who visited whom, as an SVG drawn at build time.

Cities stand on a circle in name order, so every pair has a clear line of
sight; an arrow runs from visitor to host, thicker for more visits, and bends
aside when the two cities visited each other. A layout library would add
nothing for a ring of a few dozen nodes, and graphviz would need a system
binary; the drawing is a few lines of geometry.
"""

from __future__ import annotations

import math
from html import escape

from babel.support import NullTranslations

from ..findings import Findings

WIDTH, HEIGHT = 720, 520
RADIUS = 190
NODE = 7


def _position(at: int, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * at / max(count, 1)
    return WIDTH / 2 + RADIUS * math.cos(angle), HEIGHT / 2 + RADIUS * math.sin(angle)


def _label(x: float, y: float, name: str, radius: float) -> str:
    dx, dy = x - WIDTH / 2, y - HEIGHT / 2
    length = math.hypot(dx, dy) or 1
    lx, ly = x + dx / length * (radius + 10), y + dy / length * (radius + 10) + 5
    anchor = "middle" if abs(dx) < 20 else ("start" if dx > 0 else "end")
    return (f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" fill="currentColor">'
            f"{escape(name, quote=False)}</text>")


def _radius(received: int) -> float:
    """A city's dot grows with the visits it received."""
    return NODE + 3 * received


def _arrow(start: tuple[float, float], end: tuple[float, float], count: int, bend: bool,
           radii: tuple[float, float]) -> str:
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1
    ux, uy = dx / length, dy / length
    # Stop short of the nodes so the arrowhead stays visible.
    sx, sy = x1 + ux * (radii[0] + 2), y1 + uy * (radii[0] + 2)
    ex, ey = x2 - ux * (radii[1] + 4), y2 - uy * (radii[1] + 4)
    offset = 28 if bend else 0
    cx, cy = (sx + ex) / 2 - uy * offset, (sy + ey) / 2 + ux * offset
    width = 1.5 + 1.5 * (count - 1)
    path = f'<path d="M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}" stroke-width="{width:.1f}"/>'
    if count > 1:
        path += (f'<text class="px-graph__count" x="{cx:.1f}" y="{cy - 4:.1f}" text-anchor="middle"'
                 f' fill="currentColor" stroke="none" font-size="13">{count}</text>')
    return path


def network_svg(findings: Findings, words: NullTranslations | None = None) -> str:
    """The picture of who visited whom, with a title and description for screen readers, in the
    portal's language (`words`, its translations)."""
    words = words if words is not None else NullTranslations()
    positions = {c.id: _position(at, len(findings.cities)) for at, c in enumerate(findings.cities)}
    names = {c.id: c.name for c in findings.cities}
    received = {h.city.id: len(h.visits) for h in findings.hosts}
    radii = {city: _radius(received.get(city, 0)) for city in positions}
    arrows = [
        _arrow(positions[visitor], positions[host], len(visits), (host, visitor) in findings.pairs,
               (radii[visitor], radii[host]))
        for (visitor, host), visits in findings.pairs.items()
    ]
    nodes = [
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radii[city]:.0f}"/>' + _label(x, y, names[city], radii[city])
        for city, (x, y) in positions.items()
    ]
    described = "; ".join(
        (words.ngettext("%(visitor)s to %(host)s (%(num)d visit)", "%(visitor)s to %(host)s (%(num)d visits)",
                        len(visits)) if len(visits) > 1 else words.gettext("%(visitor)s to %(host)s"))
        % {"visitor": names[v], "host": names[h], "num": len(visits)}
        for (v, h), visits in findings.pairs.items()
    )
    title = words.gettext("Who visited whom in %(network)s") % {"network": findings.network}
    count = len(findings.schedule)
    description = words.ngettext(
        "%(num)d visit between the partner cities; an arrow leads from the visitor to the host, and a larger"
        " dot marks a city that received more visits: %(pairs)s.",
        "%(num)d visits between the partner cities; an arrow leads from the visitor to the host, and a larger"
        " dot marks a city that received more visits: %(pairs)s.", count) % {"num": count, "pairs": described} \
        if count else words.gettext("No visit is documented yet.")  # not "…received more visits: ." (a review)
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="px-graph" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' role="img" aria-labelledby="px-graph-title px-graph-desc">',
        f'<title id="px-graph-title">{escape(title, quote=False)}</title>',
        f'<desc id="px-graph-desc">{escape(description, quote=False)}</desc>',
        '<defs><marker id="px-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7"'
        ' orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#3f51b5"/></marker></defs>',
        '<g class="px-graph__arrows" fill="none" stroke="#3f51b5" stroke-opacity="0.75"'
        ' marker-end="url(#px-arrow)">',
        *arrows,
        "</g>",
        '<g class="px-graph__nodes" fill="#c62828" font-family="sans-serif" font-size="16">',
        *nodes,
        "</g>",
        "</svg>",
    ])
