"""Offline: no network connection, ever. The CLI and the app run with networking booby-trapped
(a sitecustomize.py that records and refuses every connect and name lookup; local AF_UNIX
sockets, which Qt may use for local IPC, are allowed), and the package imports no HTTP client."""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

import ssup_desktop

TRAP = """
import os, socket

_LOG = os.environ["SSUP_NET_LOG"]


def _record(what):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(what + "\\n")


def _refuse(what):
    _record(what)
    raise OSError("network access is forbidden in SSUP Desktop tests: " + what)


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def connect(self, address):
    if self.family == getattr(socket, "AF_UNIX", None):
        return _connect(self, address)
    _refuse(f"connect {address!r}")


def connect_ex(self, address):
    if self.family == getattr(socket, "AF_UNIX", None):
        return _connect_ex(self, address)
    _refuse(f"connect_ex {address!r}")


def sendto(self, *args):
    if self.family == getattr(socket, "AF_UNIX", None):
        return socket.socket.__dict__["_ssup_sendto"](self, *args)
    _refuse(f"sendto {args[-1]!r}")


socket.socket._ssup_sendto = socket.socket.sendto
socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.socket.sendto = sendto
socket.create_connection = lambda address, *a, **k: _refuse(f"create_connection {address!r}")
socket.getaddrinfo = lambda host, *a, **k: _refuse(f"getaddrinfo {host!r}")
socket.gethostbyname = lambda host: _refuse(f"gethostbyname {host!r}")
_record("trap loaded")
"""


@pytest.fixture
def trapped_env(tmp_path: Path) -> dict[str, str]:
    trap_dir = tmp_path / "trap"
    trap_dir.mkdir()
    (trap_dir / "sitecustomize.py").write_text(TRAP)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(trap_dir), str(Path(ssup_desktop.__file__).parents[1]), env.get("PYTHONPATH", "")]
    )
    env["SSUP_NET_LOG"] = str(tmp_path / "network.log")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _log(env: dict[str, str]) -> list[str]:
    return Path(env["SSUP_NET_LOG"]).read_text().splitlines()


def _run(env: dict[str, str], *args: str, timeout: int = 60) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ssup_desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, (args, done.stderr[-2000:])


def test_the_trap_really_catches_a_connection(trapped_env: dict[str, str]) -> None:
    code = (
        "import urllib.request\n"
        "try:\n"
        "    urllib.request.urlopen('http://example.com', timeout=2)\n"
        "except Exception:\n"
        "    pass\n"
    )
    subprocess.run([sys.executable, "-c", code], env=trapped_env, timeout=30, check=True)
    log = _log(trapped_env)
    assert log[0] == "trap loaded" and len(log) > 1


def test_cli_commands_open_no_connection(tmp_path: Path, trapped_env: dict[str, str]) -> None:
    sample = tmp_path / "s.ssup"
    export = tmp_path / "s.json"
    _run(trapped_env, "framework", "--json")
    _run(trapped_env, "sample", str(sample))
    _run(trapped_env, "export", str(export), "--portfolio", str(sample))
    _run(trapped_env, "import", str(export))
    _run(trapped_env, "check", "--portfolio", str(sample))
    log = _log(trapped_env)
    assert log.count("trap loaded") == 5
    assert [line for line in log if line != "trap loaded"] == []


@pytest.mark.skipif(
    importlib.util.find_spec("ssup_desktop.app") is None,
    reason="ssup_desktop/app.py (the window) does not exist yet",
)
def test_the_app_opens_no_connection(tmp_path: Path, trapped_env: dict[str, str]) -> None:
    sample = tmp_path / "s.ssup"
    _run(trapped_env, "sample", str(sample))
    _run(trapped_env, "--portfolio", str(sample), "--exit-after-startup", timeout=120)
    log = _log(trapped_env)
    assert [line for line in log if line != "trap loaded"] == []


FORBIDDEN = {
    "urllib.request",
    "http.client",
    "http.server",
    "requests",
    "httpx",
    "urllib3",
    "aiohttp",
    "socket",
    "ftplib",
    "smtplib",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
}


def test_the_package_imports_no_network_code() -> None:
    package = Path(ssup_desktop.__file__).parent
    found = []
    for source in sorted(package.rglob("*.py")):
        text = source.read_text("utf-8")
        for node in ast.walk(ast.parse(text)):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found += [f"{source.name}: {n}" for n in names if n in FORBIDDEN]
        for word in ("QNetworkAccessManager", "QTcpSocket", "QUdpSocket", "QWebEngineView"):
            if word in text:
                found.append(f"{source.name}: {word}")
    assert found == []
