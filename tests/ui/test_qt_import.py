"""PySide6's support modules compiled once and kept: the same code, and only ever a cache."""

from __future__ import annotations

import builtins
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path
from types import CodeType
from typing import Any

import pytest

from ssup_desktop.ui import qt_import
from ssup_desktop.ui.qt_import import caching_compile, entry_path


@pytest.fixture(autouse=True)
def _bytecode_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries are written as .pyc files are; CI tells Python not to (PYTHONDONTWRITEBYTECODE)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


SOURCE = b"from typing import Any\ndef f(x: Any) -> int:\n    return 1\nVALUE = 42\n"
NAME = "shibokensupport/example.py"


class CountingCompile:
    """``compile``, counting the calls that reach it."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(str(filename))
        return builtins.compile(source, filename, mode, *args, **kwargs)


def run(code: CodeType) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    return namespace


def test_a_support_module_is_compiled_once_then_read_back(tmp_path: Path) -> None:
    real = CountingCompile()
    first = caching_compile(real, tmp_path)(SOURCE, NAME, "exec")
    assert real.calls == [NAME]
    assert entry_path(tmp_path, NAME).is_file()
    again = caching_compile(real, tmp_path)(SOURCE, NAME, "exec")  # as on the next start
    assert real.calls == [NAME]
    assert again == first
    assert run(again)["VALUE"] == 42


def test_the_code_is_what_compile_itself_makes_with_the_callers_future_flags(
    tmp_path: Path,
) -> None:
    # this module has ``from __future__ import annotations``, which compile() inherits
    direct = compile(SOURCE, NAME, "exec")
    assert direct.co_flags & qt_import.FUTURE_FLAGS  # the flag is there to inherit
    compile_ = caching_compile(builtins.compile, tmp_path)
    assert compile_(SOURCE, NAME, "exec") == direct
    assert compile_(SOURCE, NAME, "exec") == direct  # kept one
    plain = compile(SOURCE, NAME, "exec", dont_inherit=True)
    other = caching_compile(builtins.compile, tmp_path / "other")
    assert other(SOURCE, NAME, "exec", 0, True) == plain
    # an entry made with other flags is not handed out for these
    assert other(SOURCE, NAME, "exec") == direct
    f = run(other(SOURCE, NAME, "exec"))["f"]
    assert f.__annotations__ == {"x": "Any", "return": "int"}


def test_other_compiles_pass_through_unchanged(tmp_path: Path) -> None:
    real = CountingCompile()
    compile_ = caching_compile(real, tmp_path / "cache")
    assert run(compile_(SOURCE, "mine.py", "exec"))["VALUE"] == 42
    assert compile_("1 + 1", NAME, "eval") is not None
    assert compile_(SOURCE.decode(), NAME, "exec") is not None  # text, not the loader's bytes
    assert real.calls == ["mine.py", NAME, NAME]
    assert not (tmp_path / "cache").exists()


def test_a_changed_source_is_compiled_afresh(tmp_path: Path) -> None:
    real = CountingCompile()
    caching_compile(real, tmp_path)(SOURCE, NAME, "exec")
    changed = SOURCE.replace(b"42", b"43")
    assert run(caching_compile(real, tmp_path)(changed, NAME, "exec"))["VALUE"] == 43
    assert real.calls == [NAME, NAME]
    caching_compile(real, tmp_path)(changed, NAME, "exec")
    assert real.calls == [NAME, NAME]  # the entry now holds the new source's code


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:40] + bytes([data[40] ^ 0xFF]) + data[41:],  # a byte changed
        lambda data: b"",  # emptied
        lambda data: b"garbage" * 10,  # not an entry at all
    ],
)
def test_a_damaged_entry_is_compiled_afresh_and_rewritten(tmp_path: Path, damage: Any) -> None:
    real = CountingCompile()
    caching_compile(real, tmp_path)(SOURCE, NAME, "exec")
    path = entry_path(tmp_path, NAME)
    path.write_bytes(damage(path.read_bytes()))
    code = caching_compile(real, tmp_path)(SOURCE, NAME, "exec")
    assert run(code)["VALUE"] == 42
    assert real.calls == [NAME, NAME]
    caching_compile(real, tmp_path)(SOURCE, NAME, "exec")
    assert real.calls == [NAME, NAME]  # rewritten whole


def test_an_entry_from_another_python_is_not_even_unmarshalled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = CountingCompile()
    with monkeypatch.context() as other:
        other.setattr(sys, "version", "3.99.0 (another Python)")
        caching_compile(real, tmp_path)(SOURCE, NAME, "exec")
    assert entry_path(tmp_path, NAME).read_bytes().startswith(qt_import.MAGIC + b"3.99.0")
    unmarshalled: list[bytes] = []
    monkeypatch.setattr(marshal, "loads", lambda data: unmarshalled.append(data))
    caching_compile(real, tmp_path)(SOURCE, NAME, "exec")
    assert real.calls == [NAME, NAME] and unmarshalled == []


def test_nothing_is_written_when_python_writes_no_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    real = CountingCompile()
    assert run(caching_compile(real, tmp_path / "cache")(SOURCE, NAME, "exec"))["VALUE"] == 42
    assert not (tmp_path / "cache").exists()


def test_half_written_entries_of_killed_starts_are_cleared(tmp_path: Path) -> None:
    old = tmp_path / f"{entry_path(Path(), NAME).name}.99999{qt_import.PARTIAL_SUFFIX}"
    young = tmp_path / f"other.code.99998{qt_import.PARTIAL_SUFFIX}"
    for leftover in (old, young):
        leftover.write_bytes(b"half")
    os.utime(old, (0, 0))
    caching_compile(CountingCompile(), tmp_path)(SOURCE, NAME, "exec")
    assert not old.exists()
    assert young.exists()  # may be another start's, writing now
    assert entry_path(tmp_path, NAME).is_file()


def test_a_cache_that_cannot_be_written_costs_only_the_time(tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("in the way", encoding="utf-8")
    real = CountingCompile()
    code = caching_compile(real, blocked / "cache")(SOURCE, NAME, "exec")
    assert run(code)["VALUE"] == 42
    assert real.calls == [NAME]
    assert blocked.read_text(encoding="utf-8") == "in the way"


# PySide6 loaded in a fresh interpreter, with the cache (argv[1] its folder) or without ("-"):
# which of its support modules reached the compiler (the audit hook sees every compile), and
# the code of every function those modules define
LOAD_AND_REPORT = """
import json, sys, types
from pathlib import Path
compiled = []
def hook(event, args):
    if event == "compile" and isinstance(args[1], str):
        compiled.append(args[1])
sys.addaudithook(hook)
if sys.argv[1] == "-":
    import PySide6.QtWidgets
else:
    from ssup_desktop.ui.qt_import import import_qt
    import_qt(Path(sys.argv[1]))
def describe(code):
    consts = [describe(c) if isinstance(c, types.CodeType) else repr(c) for c in code.co_consts]
    return [code.co_code.hex(), code.co_flags, code.co_names, code.co_varnames, consts,
            code.co_linetable.hex(), code.co_qualname, code.co_firstlineno]
codes = {}
for name, module in list(sys.modules.items()):
    if name.startswith("shibokensupport"):
        for value in list(vars(module).values()):
            found = [value] if isinstance(value, types.FunctionType) else []
            if isinstance(value, type):
                found = [v for v in vars(value).values() if isinstance(v, types.FunctionType)]
            for function in found:
                if function.__module__ == name:
                    codes[f"{name}.{function.__qualname__}"] = describe(function.__code__)
print(json.dumps({"compiled": compiled, "codes": codes}))
"""


def _load(cache: str, *options: str) -> tuple[list[str], dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, *options, "-c", LOAD_AND_REPORT, cache],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(done.stdout.splitlines()[-1])
    support = [name for name in report["compiled"] if qt_import.is_support_module(name)]
    return support, report["codes"]


def test_pyside6_loads_its_support_modules_from_the_cache_on_the_next_start(
    tmp_path: Path,
) -> None:
    compiled, _ = _load(str(tmp_path))
    assert len(compiled) >= 10  # PySide6 compiled its support modules, through the cache
    kept = sorted(path.name for path in (tmp_path / qt_import.CACHE_FOLDER).iterdir())
    assert kept == sorted(entry_path(Path(), name).name for name in compiled)
    compiled_again, cached = _load(str(tmp_path))
    assert compiled_again == []
    # the code kept is the very code PySide6 compiles for itself (future flags and all)
    compiled_plain, plain = _load("-")
    assert sorted(compiled_plain) == sorted(compiled)
    assert len(plain) > 100
    assert cached == plain


def test_code_kept_at_one_optimisation_level_is_not_used_at_another(tmp_path: Path) -> None:
    compiled, _ = _load(str(tmp_path), "-O")  # asserts and __debug__ code compiled out
    assert len(compiled) >= 10
    assert len(_load(str(tmp_path))[0]) == len(compiled)  # compiled afresh, with them
    assert _load(str(tmp_path))[0] == []  # and kept for this level from then on
