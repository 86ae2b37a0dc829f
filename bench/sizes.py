"""How long cswgen takes, and how much memory, on huge input: the same builds as
tests/test_size.py, which asserts only what happens (and the memory), never the time.

    python bench/sizes.py

Each case is a fresh `cswgen build` process in a throwaway site; it prints the exit status,
the seconds (start-up included) and the peak memory.  It never fails on a slow machine: it
prints numbers.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.helpers import write_site  # noqa: E402
from tests.test_size import HUGE, cswgen_build  # noqa: E402


def main() -> None:
    print(f"{'input':36} {'exit':>4} {'seconds':>8} {'peak MB':>8}")
    for name, files in HUGE.items():
        with tempfile.TemporaryDirectory() as folder:
            built = cswgen_build(write_site(Path(folder) / "site", files()))
        print(f"{name:36} {built.status:>4} {built.seconds:>8.1f} {built.peak_mb:>8}",
              flush=True)


if __name__ == "__main__":
    main()
