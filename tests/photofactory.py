"""Photos as phones make them, made with Pillow: large, stored sideways with an EXIF
orientation, carrying the GPS position where they were "taken".

Used by the tests, and to make the demo campaign's honour-roll photos:

    python -m tests.photofactory      # rewrites content/images/people/*.jpg
"""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

ORIENTATION = 0x0112
GPS = 0x8825
HARARE = ((17.0, 49.0, 36.5), (31.0, 3.0, 10.2))  # where the demo's photos were "taken"


def portrait(width: int, height: int, seed: int, grain: float = 6.0) -> Image.Image:
    """An upright head-and-shoulders silhouette on a soft studio background, with sensor
    grain, so that it compresses like a real photo rather than like a drawing."""
    rnd = random.Random(seed)
    hue = [(46, 92, 140), (120, 72, 48), (40, 110, 84), (96, 60, 120)][seed % 4]
    light = tuple(min(255, c + 110) for c in hue)
    picture = ImageOps.colorize(Image.linear_gradient("L").resize((width, height)),
                                light, hue)
    draw = ImageDraw.Draw(picture)
    skin = rnd.choice([(92, 58, 40), (122, 80, 56), (70, 44, 30)])
    shirt = rnd.choice([(200, 16, 46), (11, 61, 145), (230, 230, 235), (40, 40, 48)])
    cx = width / 2 + rnd.uniform(-0.05, 0.05) * width
    draw.ellipse((cx - 0.45 * width, 0.66 * height, cx + 0.45 * width, 1.35 * height),
                 fill=shirt)
    draw.rectangle((cx - 0.08 * width, 0.52 * height, cx + 0.08 * width, 0.7 * height),
                   fill=skin)
    draw.ellipse((cx - 0.19 * width, 0.22 * height, cx + 0.19 * width, 0.6 * height),
                 fill=skin)
    picture = picture.filter(ImageFilter.GaussianBlur(width / 400))
    noise = Image.merge("RGB", [Image.effect_noise((width, height), grain) for _ in range(3)])
    return ImageChops.add(picture, noise, scale=1.0, offset=-128)


def hard_texture(width: int, height: int, seed: int = 1, mode: str = "RGB") -> Image.Image:
    """Fine texture that no encoder can make small at any size: random grain at several
    scales, from single pixels to blotches a tenth of the picture wide, like gravel, foliage
    or a sensor pushed in the dark.  Decoded copies stay detailed when scaled down, as a
    photo of a gravel path does, so every width costs many bytes."""
    rnd = random.Random(seed)
    bands = len(mode)
    picture = Image.new(mode, (width, height), (128,) * bands)
    for divisor, weight in ((40, 1.0), (12, 0.4), (3, 0.8), (1, 0.3)):
        size = (max(1, width // divisor), max(1, height // divisor))
        grain = Image.frombytes(mode, size, rnd.randbytes(size[0] * size[1] * bands))
        grain = grain.resize((width, height), Image.Resampling.BICUBIC)
        picture = Image.blend(picture, grain, weight)
    return picture


def phone_jpeg(width: int = 4000, height: int = 3000, *, seed: int = 1, orientation: int = 6,
               location: bool = True, quality: int = 92, grain: float = 6.0) -> bytes:
    """A JPEG `width`×`height` as stored; with orientation 6 the scene is upright only
    after turning it 90° clockwise (as phones held upright store their photos)."""
    upright = (height, width) if orientation in (5, 6, 7, 8) else (width, height)
    picture = portrait(*upright, seed=seed, grain=grain)
    if orientation == 6:
        picture = picture.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x010F] = "Samsung"
    exif[0x0110] = "Galaxy A54 5G"
    exif[0x0132] = "2026:09:18 10:42:13"
    exif[ORIENTATION] = orientation
    if location:
        gps = exif.get_ifd(GPS)
        gps.update({1: "S", 2: HARARE[0], 3: "E", 4: HARARE[1]})
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=quality, exif=exif)
    return buffer.getvalue()


def phone_heic(width: int = 1600, height: int = 1200, *, seed: int = 1,
               location: bool = True, quality: int = 70) -> bytes:
    """A HEIC as an iPhone held upright saves one: the scene stored sideways, `width`×`height`,
    with the turn that makes it upright in both the file's `irot` box and its EXIF
    (orientation 6), and the GPS position where it was taken.  Encoded with pillow_heif
    (libheif and x265), smaller than a phone's 4032×3024 so that a test does not wait."""
    import pillow_heif

    picture = portrait(height, width, seed=seed).transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 15"
    exif[0x0132] = "2026:09:18 10:42:13"
    exif[ORIENTATION] = 6  # (pillow_heif writes the `irot` box from it, and keeps it)
    if location:
        exif.get_ifd(GPS).update({1: "S", 2: HARARE[0], 3: "E", 4: HARARE[1]})
    buffer = io.BytesIO()
    # (x265's fastest preset: a quarter of a second, where its default takes nine)
    pillow_heif.from_pillow(picture).save(buffer, quality=quality, exif=exif.tobytes(),
                                          enc_params={"preset": "ultrafast"})
    return buffer.getvalue()


DEMO = {  # file -> seed; 4032×3024, as a 12-megapixel phone camera stores them
    "nokuthula-dube.jpg": 2,
    "tawanda-mhlanga.jpg": 3,
    "kudzai-mutasa.jpg": 5,
}


def main() -> None:
    folder = Path(__file__).resolve().parent.parent / "content" / "images" / "people"
    for name, seed in DEMO.items():
        data = phone_jpeg(4032, 3024, seed=seed, quality=85, grain=3.0)
        (folder / name).write_bytes(data)
        print(f"{name}: {len(data) / 1_000_000:.2f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
