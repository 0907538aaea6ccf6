"""PySide6, imported with the bytecode of its embedded support modules kept between starts.

As it loads, PySide6 runs a package of Python modules of its own (``shibokensupport``:
signatures, enums, features). The wheel embeds their source in libshiboken and compiles it
with ``compile()`` on every import: 14 modules, a sixth of what loading Qt costs a bare PySide6
window (30 ms of each start on the reference machine; 100 M instructions). ``import_qt`` keeps
what those calls return in the app's cache folder, as Python's own imports keep ``.pyc`` files,
and hands it back on later starts.

An entry is used only when it was made by this very Python at the same optimisation level
(``-O``: both read from the entry's header before anything is unmarshalled), for this very
source (compared whole) and the same compiler flags, and its checksum holds; anything else, a
damaged or unreadable file among them, is compiled afresh and rewritten. Entries are written
as ``.pyc`` files are: not when Python is told not to (``PYTHONDONTWRITEBYTECODE``). The cache is
only ever a cache: a full disk or a read-only folder costs the time it would save, never the
start.

No ``from __future__ import annotations`` here: ``compile`` inherits the future flags of the
code that calls it, and the caller has to be PySide6's loader, whose flags are passed on."""

import __future__

import builtins
import contextlib
import marshal
import os
import sys
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any

# the file names PySide6's embedded loader compiles under: its bootstrap and its package
SUPPORT_BOOTSTRAP = "signature_bootstrap.py"
SUPPORT_PACKAGE = "shibokensupport/"
MAGIC = b"SSUP-QT-CODE-2\n"
CACHE_FOLDER = "qt-support"
# the compiler flags of the ``from __future__`` features, which ``compile`` inherits
FUTURE_FLAGS = 0
for _feature in __future__.all_feature_names:
    FUTURE_FLAGS |= getattr(__future__, _feature).compiler_flag
FUTURE_FLAGS &= ~__future__.nested_scopes.compiler_flag  # always on: no flag for compile()

PARTIAL_SUFFIX = ".part"
STALE_PARTIAL_S = 60.0  # a half-written entry this old was left by a start that was killed

Compile = Callable[..., Any]
_importing = threading.Lock()  # one import_qt at a time: each restores what it replaced


def entry_header() -> bytes:
    """What an entry starts with: the format, this Python and its optimisation level."""
    return MAGIC + f"{sys.version}\0{sys.flags.optimize}\n".encode()


def import_qt(cache_dir: Path) -> None:
    """Import PySide6's QtCore, QtGui and QtWidgets, the bytecode of PySide6's support modules
    read from (and, where missing, written to) ``cache_dir``. Once PySide6 is loaded, nothing
    is compiled again and this does nothing more than the import."""
    with _importing:
        real = builtins.compile
        caching = None
        if "shiboken6" not in sys.modules:  # loaded already: its support modules ran then
            caching = builtins.compile = caching_compile(real, cache_dir / CACHE_FOLDER)
        try:
            import PySide6.QtWidgets  # noqa: F401
        finally:
            if caching is not None and builtins.compile is caching:  # not if replaced since
                builtins.compile = real


def is_support_module(filename: object) -> bool:
    """Whether ``filename`` (as given to ``compile``) is one of PySide6's embedded modules."""
    return isinstance(filename, str) and (
        filename == SUPPORT_BOOTSTRAP or filename.startswith(SUPPORT_PACKAGE)
    )


def caching_compile(real: Compile, folder: Path) -> Compile:
    """A stand-in for ``compile`` (``real``) that keeps the code of PySide6's support modules
    in ``folder`` and passes every other call to ``real`` unchanged."""

    def compile_(
        source: Any,
        filename: Any,
        mode: str,
        flags: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
        **kwargs: Any,
    ) -> Any:
        if not dont_inherit:  # what ``real`` would have inherited from our caller
            flags |= sys._getframe(1).f_code.co_flags & FUTURE_FLAGS
        if (
            mode != "exec"
            or kwargs
            or optimize != -1
            or not isinstance(source, bytes)
            or not is_support_module(filename)
        ):
            return real(source, filename, mode, flags, True, optimize, **kwargs)
        return cached_code(real, folder, source, filename, flags)

    return compile_


def entry_path(folder: Path, filename: str) -> Path:
    return folder / (filename.replace("/", "-") + ".code")


def cached_code(real: Compile, folder: Path, source: bytes, filename: str, flags: int) -> CodeType:
    """The code of ``source`` compiled as ``filename`` with ``flags``: from ``folder`` when it
    holds it, else compiled by ``real`` and kept there for next time."""
    path = entry_path(folder, filename)
    code = read_entry(path, source, filename, flags)
    if code is None:
        code = real(source, filename, "exec", flags, True)
        write_entry(path, source, filename, flags, code)
    return code


def read_entry(path: Path, source: bytes, filename: str, flags: int) -> CodeType | None:
    """The code kept in ``path`` if it was made from ``source`` as ``filename`` with ``flags``
    by this Python and is whole; None otherwise (missing, damaged, stale, unreadable)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = entry_header()
    head = len(header) + 4
    if len(data) <= head or not data.startswith(header):  # another format, Python or -O
        return None
    payload = data[head:]
    if zlib.crc32(payload) != int.from_bytes(data[len(header) : head], "big"):
        return None
    try:
        kept = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if (
        isinstance(kept, tuple)
        and len(kept) == 4
        and kept[:3] == (filename, flags, source)
        and isinstance(kept[3], CodeType)
    ):
        return kept[3]
    return None


def write_entry(path: Path, source: bytes, filename: str, flags: int, code: CodeType) -> None:
    """Keep ``code`` in ``path`` (written whole or not at all), unless Python writes no
    bytecode; any failure to write is ignored: the next start compiles again."""
    if sys.dont_write_bytecode:
        return
    payload = marshal.dumps((filename, flags, source, code))
    data = entry_header() + zlib.crc32(payload).to_bytes(4, "big") + payload
    partial = path.with_name(f"{path.name}.{os.getpid()}{PARTIAL_SUFFIX}")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _remove_stale_partials(path.parent)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _remove_stale_partials(folder: Path) -> None:
    """Delete half-written entries of starts that were killed while writing (another start
    writing now has a younger one)."""
    now = time.time()
    for leftover in folder.glob(f"*{PARTIAL_SUFFIX}"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_PARTIAL_S:
                leftover.unlink()
