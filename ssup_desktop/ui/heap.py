"""The long-lived heap: what the window holds, kept out of the garbage collector's full passes."""

from __future__ import annotations

import gc


def settle_heap(*, collect: bool = True) -> None:
    """Call once a large, long-lived structure has been built (the window's content, the
    evidence log's rows).

    Python's full collections visit every object it tracks: at 10,000 entries one took 45 to
    50 ms here, a stall at whichever keystroke happened to set it off. ``gc.freeze()`` moves
    what exists now into a generation those passes skip. A frozen object is still freed by
    reference counting when it is dropped (entries and rows hold no reference cycles); only
    cycles among frozen objects would outlive their use until ``release_heap``.

    ``collect``: collect first, so that garbage left by what came before (a portfolio just
    closed) is freed rather than frozen with the rest. Start-up leaves almost none (about 500
    objects) and passes False: a full pass over all it made would add 60 to 70 ms to filling
    in the window at 10,000 entries. Collection then goes on as usual: start-up keeps the
    collector off until the window is filled in (``app.run_gui``), and this is where it
    resumes."""
    if collect:
        gc.collect()
    gc.freeze()
    gc.enable()


def release_heap() -> None:
    """Give everything settled so far back to the collector: call when it is let go (another
    portfolio replaces the window's content), else it would never be freed."""
    gc.unfreeze()
