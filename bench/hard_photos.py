"""Print the copies cswgen makes of photos that are hard to compress, and their bytes
against the budget every copy must stay under.

    python bench/hard_photos.py

Two pictures are made with `tests.photofactory.hard_texture`: a 4000×3000 JPEG of fine
texture (like gravel or foliage) and an 1800×1200 see-through PNG (whose fallback is a
PNG).  Each copy is listed with its pixels, its bytes and the time the whole picture took;
it never fails on the numbers.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PIL import Image  # noqa: E402

from cswgen.model import images  # noqa: E402
from cswgen.model.photocache import BUDGET, WIDTHS  # noqa: E402
from tests.photofactory import hard_texture  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        gravel, screen = Path(folder) / "gravel.jpg", Path(folder) / "screen.png"
        hard_texture(4000, 3000, seed=4).save(gravel, "JPEG", quality=92)
        hard_texture(1800, 1200, seed=5, mode="RGBA").save(screen, "PNG")
        for source in (gravel, screen):
            started = time.perf_counter()
            copies = images.render_photo(source, WIDTHS, BUDGET)
            took = time.perf_counter() - started
            print(f"{source.name}: {source.stat().st_size / 1e6:.1f} MB, copies made in "
                  f"{took:.1f} s (budget {BUDGET:,} bytes each)")
            for copy in copies:
                with Image.open(io.BytesIO(copy.data)) as decoded:
                    real = "x".join(map(str, decoded.size))
                flag = "" if len(copy.data) <= BUDGET else "  OVER BUDGET"
                print(f"  {copy.width:>5}w {copy.suffix:<4} {real:>9} {len(copy.data):>9,} B{flag}")


if __name__ == "__main__":
    main()
