"""Process colour: the layout's colours in CMYK, other RGB through the output profile.

The layout names each colour's CMYK (black text as 100 % K); an RGB value in
a page that is none of the layout's colours, and every RGB image, goes through
a colour-managed conversion (LittleCMS via Pillow's ImageCms, sRGB -> the
output profile, relative colorimetric with black point compensation).
Neutral greys become K only, so no grey line prints in four inks.
"""
from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageCms

from ..errors import LeafletError
from ..layout import Layout
from . import profiles

CMYK = tuple[float, float, float, float]  # 0..1 each


@lru_cache(maxsize=None)
def _transform(profile: str):
    output = ImageCms.getOpenProfile(str(profiles.get(profile).path))
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), output, "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def convert_rgb(rgb: tuple[int, int, int], profile: str) -> CMYK:
    """One sRGB colour (0..255) in the profile's CMYK."""
    r, g, b = rgb
    if r == g == b:
        return (0.0, 0.0, 0.0, round(1 - r / 255, 4))
    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), _transform(profile)).getpixel((0, 0))
    return tuple(round(v / 255, 4) for v in pixel)


def convert_image(image: Image.Image, profile: str) -> Image.Image:
    """An RGB (or palette/grey+alpha) image in the profile's CMYK; alpha is the caller's (SMask)."""
    if image.mode != "RGB":
        image = image.convert("RGB")
    return ImageCms.applyTransform(image, _transform(profile))


class Palette:
    """RGB as drawn in the pages -> CMYK: the layout's own colours first."""

    def __init__(self, layout: Layout):
        self.profile = layout.press.profile
        try:
            limit = profiles.get(self.profile).max_ink
        except LeafletError as exc:  # the layout named it: say where
            raise LeafletError(f"press.profile: {exc}", layout.source, layout.press.lines.get("profile")) from None
        self.named: dict[tuple[int, int, int], CMYK] = {}
        for name, hex_colour in layout.colours.items():
            rgb = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
            given = layout.press.cmyk.get(name)
            if given is not None and sum(given) > limit:
                raise LeafletError(f"press.cmyk.{name}: {sum(given):g} % ink is more than the "
                                   f"{self.profile} profile's {limit:g} %", layout.source,
                                   layout.press.lines.get(name))
            # two layout colours with one RGB: the first one named decides
            self.named.setdefault(rgb, tuple(v / 100 for v in given) if given else convert_rgb(rgb, self.profile))

    def cmyk(self, rgb01: tuple[float, float, float]) -> CMYK:
        rgb = tuple(max(0, min(255, round(v * 255))) for v in rgb01)
        if rgb in self.named:
            return self.named[rgb]
        return convert_rgb(rgb, self.profile)
