"""Draw the integration's brand images into custom_components/qbittorrent_multi/brand/.

Home Assistant (2026.3 and newer) serves a custom integration's own icon and
logo from that folder. The mark is three stacked servers with a transfer badge;
the logo adds the name, in a light variant for dark themes. Run it again after
changing the drawing; scripts/validate.py checks sizes and transparency.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

BRAND = (
    Path(__file__).resolve().parent.parent
    / "custom_components"
    / "qbittorrent_multi"
    / "brand"
)

# Everything is drawn on a large canvas and scaled down, for smooth edges.
CANVAS = 2048
SLABS = ("#60a5fa", "#3b82f6", "#2563eb")
LED = "#4ade80"
BADGE = "#16a34a"
WHITE = "#ffffff"
NAME_LIGHT = ("#1f2937", "#2563eb")
NAME_DARK = ("#f3f4f6", "#93c5fd")


def _mark() -> Image.Image:
    """The square mark on a transparent CANVAS x CANVAS image."""
    image = Image.new("RGBA", (CANVAS, CANVAS), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    left, right, height, gap = 120, 1680, 440, 90
    for index, colour in enumerate(SLABS):
        top = 120 + index * (height + gap)
        draw.rounded_rectangle(
            (left, top, right, top + height), radius=110, fill=colour
        )
        middle = top + height // 2
        for vent in range(3):
            x = left + 150 + vent * 130
            draw.rounded_rectangle(
                (x, middle - 120, x + 60, middle + 120),
                radius=30,
                fill=(255, 255, 255, 150),
            )
        for led in range(2):
            x = right - 170 - led * 170
            draw.ellipse((x - 55, middle - 55, x + 55, middle + 55), fill=LED)
    # The badge sits in a transparent ring cut out of the servers.
    centre, radius, ring = (1540, 1540), 430, 70
    cut = Image.new("L", image.size, 0)
    ImageDraw.Draw(cut).ellipse(_circle(centre, radius + ring), fill=255)
    image.putalpha(ImageChops.subtract(image.getchannel("A"), cut))
    draw = ImageDraw.Draw(image)
    draw.ellipse(_circle(centre, radius), fill=BADGE)
    _arrow(draw, (centre[0] - 140, centre[1]), down=True)
    _arrow(draw, (centre[0] + 140, centre[1]), down=False)
    return image


def _circle(centre: tuple[int, int], radius: int) -> tuple[int, int, int, int]:
    x, y = centre
    return (x - radius, y - radius, x + radius, y + radius)


def _arrow(draw: ImageDraw.ImageDraw, centre: tuple[int, int], *, down: bool) -> None:
    """A thick arrow, pointing down (download) or up (upload)."""
    x, y = centre
    sign = 1 if down else -1
    shaft, head, length = 55, 150, 250
    tail, base, tip = y - sign * length, y + sign * 20, y + sign * length
    draw.rectangle((x - shaft, min(tail, base), x + shaft, max(tail, base)), fill=WHITE)
    draw.polygon([(x - head, base), (x + head, base), (x, tip)], fill=WHITE)


def _trim(image: Image.Image) -> Image.Image:
    """Crop to the drawing, with even sides so that halving is exact."""
    left, top, right, bottom = image.getchannel("A").getbbox() or (0, 0, *image.size)
    right += (right - left) % 2
    bottom += (bottom - top) % 2
    return image.crop((left, top, right, bottom))


def _logo(colours: tuple[str, str]) -> Image.Image:
    """The mark with the name beside it, 512 pixels high."""
    mark = _trim(_mark())
    mark = mark.resize((mark.width * 512 // mark.height, 512), Image.Resampling.LANCZOS)
    font_size = 190
    font = ImageFont.load_default(size=font_size)
    lines = ("qBittorrent", "Multi-Server")
    width = max(int(font.getlength(line)) for line in lines) + 40
    image = Image.new("RGBA", (mark.width + 90 + width, 512), (0, 0, 0, 0))
    image.alpha_composite(mark)
    draw = ImageDraw.Draw(image)
    for index, (line, colour) in enumerate(zip(lines, colours, strict=True)):
        draw.text(
            (mark.width + 90, 40 + index * 230),
            line,
            font=font,
            fill=colour,
            stroke_width=1,
            stroke_fill=colour,
        )
    return _trim(image)


def _save(image: Image.Image, name: str) -> None:
    image.save(BRAND / name, optimize=True)


def main() -> None:
    """Write the icon and the logos, each at 1x and 2x."""
    BRAND.mkdir(exist_ok=True)
    icon = _trim(_mark())
    side = max(icon.size)
    square = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    square.alpha_composite(icon, ((side - icon.width) // 2, (side - icon.height) // 2))
    _save(square.resize((512, 512), Image.Resampling.LANCZOS), "icon@2x.png")
    _save(square.resize((256, 256), Image.Resampling.LANCZOS), "icon.png")
    for prefix, colours in (("", NAME_LIGHT), ("dark_", NAME_DARK)):
        logo = _logo(colours)
        _save(logo, f"{prefix}logo@2x.png")
        _save(
            logo.resize((logo.width // 2, logo.height // 2), Image.Resampling.LANCZOS),
            f"{prefix}logo.png",
        )


if __name__ == "__main__":
    main()
