"""The Qt-free core (domain, storage, services, content, paths, cli, export) never loads PySide6."""

from __future__ import annotations

import ast
import importlib.util
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

# Packages whose every module must stay free of Qt.
QT_FREE_PACKAGES = {"domain": "ssup_desktop.domain", "storage": "ssup_desktop.storage"}
# Single modules that must stay free of Qt, grouped so each group costs one subprocess.
QT_FREE_MODULES = {
    "core": [
        "ssup_desktop.services",
        "ssup_desktop.progress_service",
        "ssup_desktop.content",
        "ssup_desktop.paths",
        "ssup_desktop.cli",
    ],
    "export": ["ssup_desktop.export.report", "ssup_desktop.export.interchange"],
}
# cli may import Qt lazily inside a command that needs it; only its module level must stay Qt-free.
MODULE_LEVEL_ONLY = {"ssup_desktop.cli"}
GROUPS = sorted([*QT_FREE_PACKAGES, *QT_FREE_MODULES])

_PROBE = """
import importlib, json, sys
culprits = {}
for name in sys.argv[1:]:
    importlib.import_module(name)
    if any(m == "PySide6" or m.startswith("PySide6.") for m in sys.modules):
        culprits[name] = sorted(m for m in sys.modules if m.startswith("PySide6"))[:3]
        break
print(json.dumps(culprits))
"""


def _exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _package_modules(package: str) -> list[str]:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.submodule_search_locations is None:
        return []
    found = [package]
    for info in pkgutil.walk_packages(list(spec.submodule_search_locations), prefix=f"{package}."):
        found.append(info.name)
    return sorted(found)


def _group_modules(group: str) -> list[str]:
    if group in QT_FREE_PACKAGES:
        return _package_modules(QT_FREE_PACKAGES[group])
    return [name for name in QT_FREE_MODULES[group] if _exists(name)]


def _source_file(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None
    return Path(spec.origin)


def _qt_imports(tree: ast.Module, module_level_only: bool) -> list[int]:
    """Line numbers of every `import PySide6...` / `from PySide6... import` in the tree."""
    nodes = tree.body if module_level_only else list(ast.walk(tree))
    lines = []
    for node in nodes:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(n == "PySide6" or n.startswith("PySide6.") for n in names):
            lines.append(node.lineno)
    return lines


def test_the_core_groups_exist() -> None:
    assert _group_modules("domain"), "ssup_desktop.domain has no modules"
    assert "ssup_desktop.domain.sfia" in _group_modules("domain")
    assert "ssup_desktop.content" in _group_modules("core")


@pytest.mark.parametrize("group", GROUPS)
def test_importing_the_core_does_not_load_qt(group: str) -> None:
    modules = _group_modules(group)
    if not modules:
        pytest.skip(f"no {group} modules exist yet")
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *modules],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"importing {modules} failed:\n{result.stderr}"
    culprits = json.loads(result.stdout)
    assert culprits == {}, f"importing these modules loaded PySide6: {culprits}"


@pytest.mark.parametrize("group", GROUPS)
def test_no_core_source_file_imports_qt(group: str) -> None:
    modules = _group_modules(group)
    if not modules:
        pytest.skip(f"no {group} modules exist yet")
    offenders = []
    for name in modules:
        path = _source_file(name)
        if path is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line in _qt_imports(tree, module_level_only=name in MODULE_LEVEL_ONLY):
            offenders.append(f"{path}:{line}")
    assert offenders == [], "PySide6 imported in the Qt-free core: " + ", ".join(offenders)


def test_the_scan_catches_a_qt_import() -> None:
    tree = ast.parse("import os\n\ndef f():\n    from PySide6.QtCore import QObject\n")
    assert _qt_imports(tree, module_level_only=False) == [4]
    assert _qt_imports(tree, module_level_only=True) == []
    assert _qt_imports(ast.parse("import PySide6"), module_level_only=True) == [1]
