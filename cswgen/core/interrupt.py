"""Ctrl-C, never lost.

Python raises KeyboardInterrupt wherever the program happens to be.  Raised inside a
weakref callback or a `__del__` it is printed as "Exception ignored in: ..." and dropped,
and the build goes on to replace the output folder the user asked it to leave alone.
`watch()` installs a handler that remembers the interrupt as well as raising it, and keeps
such a dropped one out of the terminal; `check()` raises it again at the points where it
must not be lost (before a build puts its output in place)."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable

_heard = False


def _interrupted(number: int, frame: object) -> None:
    global _heard
    _heard = True
    raise KeyboardInterrupt


def _unraisable(hook: Callable[[sys.UnraisableHookArgs], object]
                ) -> Callable[[sys.UnraisableHookArgs], None]:
    def quiet(unraisable: sys.UnraisableHookArgs) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            return  # (remembered: `check` raises it where it counts)
        hook(unraisable)

    return quiet


def watch() -> None:
    """Remember Ctrl-C from now on (only where Python's own handler is in place)."""
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return
    signal.signal(signal.SIGINT, _interrupted)
    sys.unraisablehook = _unraisable(sys.unraisablehook)


class Written(KeyboardInterrupt):
    """Ctrl-C once a build had put its new output in place: what stops it then must not
    say that the output is as it was."""


def check(*, written: bool = False) -> None:
    """Raise KeyboardInterrupt if Ctrl-C was pressed, even if it was dropped on the way
    (`Written`, once the output is in place)."""
    if _heard:
        raise Written if written else KeyboardInterrupt
