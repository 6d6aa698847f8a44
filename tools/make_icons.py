"""Draw the app icons that docs/manifest.webmanifest lists, into docs/assets/icons/.

A white calendar page with a check mark on the site's teal: a rounded square for the plain
icons; for the maskable one and Apple's, the teal fills the whole canvas (the system cuts
its own shape) and the glyph stays inside the maskable safe zone, the centred circle whose
radius is 40% of the size. Shapes are signed distance functions, so every edge is
anti-aliased, and the PNGs are written with zlib and struct alone (the venv has no image
library). Same code, same bytes: rerun it after changing the drawing and commit the result.

    python tools/make_icons.py
"""

from __future__ import annotations

import math
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parents[1] / "docs" / "assets" / "icons"

TEAL = (0x00, 0x79, 0x6B)  # the header's teal (docs/assets/accessibility.css), as on the pages
WHITE = (0xFF, 0xFF, 0xFF)
SAFE_ZONE = 0.4  # maskable icons: what lies outside this radius (of the size) may be cut off
TILE_RADIUS = 0.2  # corner radius of the plain icons' rounded square, as a share of the size


@dataclass(frozen=True)
class Icon:
    """One icon file: its pixel size, whether the teal fills the canvas, and the glyph's
    half-size as a share of the canvas."""

    size: int
    full_bleed: bool
    glyph: float


ICONS = {
    "icon-192.png": Icon(192, full_bleed=False, glyph=0.3),
    "icon-512.png": Icon(512, full_bleed=False, glyph=0.3),
    "maskable-512.png": Icon(512, full_bleed=True, glyph=0.28),
    # iOS rounds the corners itself and shows transparent ones as black.
    "apple-touch-icon.png": Icon(180, full_bleed=True, glyph=0.3),
}


def round_box(x: float, y: float, half_w: float, half_h: float, radius: float) -> float:
    """Signed distance from (x, y) to a rounded rectangle centred on the origin.

    >>> round_box(0, 0, 1, 1, 0.25), round_box(2, 0, 1, 1, 0.25)
    (-1.0, 1.0)
    """
    qx = abs(x) - (half_w - radius)
    qy = abs(y) - (half_h - radius)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - radius


def segment(x: float, y: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from (x, y) to the segment a-b (a stroke of width w is this minus w/2)."""
    ax, ay = x - a[0], y - a[1]
    bx, by = b[0] - a[0], b[1] - a[1]
    t = min(max((ax * bx + ay * by) / (bx * bx + by * by), 0.0), 1.0)
    return math.hypot(ax - bx * t, ay - by * t)


# The glyph, in units of its half-size (y grows downwards): the page, its window below the
# header band, two binder rings with a teal gap round them, and the check mark.
STROKE = 0.16
RING_X, RING_TOP, RING_BOTTOM, RING_HALF = 0.45, -0.96, -0.6, 0.09
RING_GAP = 0.08
CHECK = ((-0.4, 0.26), (-0.12, 0.54), (0.42, -0.02))
CHECK_HALF = 0.085
GLYPH_BOUNDS = 1.1  # |x| and |y| of every glyph point stay below this


def glyph_distance(x: float, y: float) -> float:
    """Signed distance (glyph units) to the white parts of the glyph."""
    page = round_box(x, y - 0.12, 0.9, 0.84, 0.2)
    window = round_box(x, y - 0.3, 0.9 - STROKE, 0.66 - STROKE, 0.08)
    rings = min(segment(x, y, (sx, RING_TOP), (sx, RING_BOTTOM)) for sx in (-RING_X, RING_X))
    rings -= RING_HALF
    check = min(segment(x, y, CHECK[0], CHECK[1]), segment(x, y, CHECK[1], CHECK[2]))
    framed = max(page, -window, -(rings - RING_GAP))
    return min(framed, rings, check - CHECK_HALF)


def coverage(distance_px: float) -> float:
    """How much of a pixel a shape covers, from the signed distance of its centre."""
    return min(max(0.5 - distance_px, 0.0), 1.0)


def draw(icon: Icon) -> bytes:
    """The icon's pixels as PNG scanlines: filter byte 0, then RGBA per pixel."""
    size, scale = icon.size, icon.size * icon.glyph
    centre = size / 2
    rows = bytearray()
    for row in range(size):
        rows.append(0)
        y = row + 0.5 - centre
        for column in range(size):
            x = column + 0.5 - centre
            tile = 1.0
            if not icon.full_bleed:
                half = centre
                tile = coverage(round_box(x, y, half, half, TILE_RADIUS * size))
            white = 0.0
            if max(abs(x), abs(y)) < GLYPH_BOUNDS * scale:
                white = coverage(glyph_distance(x / scale, y / scale) * scale)
            if white and icon.full_bleed and math.hypot(x, y) > SAFE_ZONE * size:
                raise ValueError(f"make_icons: the glyph leaves the safe zone at {column},{row}")
            colour = (round(t + (w - t) * white) for t, w in zip(TEAL, WHITE, strict=True))
            rows += bytes((*colour, round(255 * tile)))
    return bytes(rows)


def png(width: int, height: int, scanlines: bytes) -> bytes:
    """A PNG file: 8-bit RGBA, the given filtered scanlines, nothing else (no time stamp)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"IDAT", zlib.compress(scanlines, 9)),
            chunk(b"IEND", b""),
        )
    )


def render(name: str) -> bytes:
    """The PNG file for one of ICONS."""
    icon = ICONS[name]
    return png(icon.size, icon.size, draw(icon))


def main() -> None:
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    for name in ICONS:
        path = ICON_DIR / name
        data = render(name)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            print(f"wrote {path.relative_to(ICON_DIR.parents[2])} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
