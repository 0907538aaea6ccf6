"""The long-lived heap: what the window holds, kept out of the garbage collector's full passes."""

from __future__ import annotations

import gc


def settle_heap() -> None:
    """Call once a large, long-lived structure has been built (the window's content, the
    evidence log's rows).

    Python's full collections visit every object it tracks: at 10,000 entries one took 45 to
    50 ms here, a stall at whichever keystroke happened to set it off. ``gc.freeze()`` moves
    what exists now into a generation those passes skip. A frozen object is still freed by
    reference counting when it is dropped (entries and rows hold no reference cycles); only
    cycles among frozen objects would outlive their use, and each call freezes the few made
    since the last.

    Collection then goes on as usual: start-up keeps the collector off until the window is
    filled in (``app.run_gui``), and this is where it resumes."""
    gc.freeze()
    gc.enable()
