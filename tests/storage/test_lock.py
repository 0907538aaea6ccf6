"""One writer per portfolio: a second open (same or other process) is refused; crashes heal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ssup_desktop.cli import main
from ssup_desktop.content import load_all
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage import PortfolioInUseError, PortfolioStore
from ssup_desktop.storage.lock import PortfolioLock, lock_path_for

HOLDER = """
import sys
from pathlib import Path
from ssup_desktop.storage import PortfolioStore
store = PortfolioStore.open(Path(sys.argv[1]))
print("holding", flush=True)
sys.stdin.read()
"""


def _hold(path: Path) -> subprocess.Popen[str]:
    """Another process that opens ``path`` and keeps it open until killed."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "holding"
    return holder


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    path = tmp_path / "p.ssup"
    PortfolioStore.create(path).close()
    return path


def test_second_open_in_the_same_process_is_refused(portfolio: Path) -> None:
    first = PortfolioStore.open(portfolio)
    with pytest.raises(PortfolioInUseError) as caught:
        PortfolioStore.open(portfolio)
    assert str(caught.value) == (
        f"{portfolio}: already open in another SSUP Desktop window (process {os.getpid()})"
    )
    first.close()
    PortfolioStore.open(portfolio).close()  # closing let the next one in
    assert not lock_path_for(portfolio).exists()


def test_open_in_another_process_is_refused_then_recovered_after_sigkill(
    portfolio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = _hold(portfolio)
    try:
        with pytest.raises(PortfolioInUseError) as caught:
            PortfolioService.open(portfolio, load_all())
        assert str(caught.value) == (
            f"{portfolio}: already open in another SSUP Desktop window (process {holder.pid})"
        )
        # The command line respects the same lock: exit 2, one line.
        assert main(["check", "--portfolio", str(portfolio)]) == 2
        err = capsys.readouterr().err
        assert err.strip() == (
            f"ssup-desktop: {portfolio}: already open in another SSUP Desktop window "
            f"(process {holder.pid})"
        )
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate()
    assert lock_path_for(portfolio).exists()  # left behind by the crash ...
    service = PortfolioService.open(portfolio, load_all())  # ... and taken over
    service.close()


def test_stale_lock_file_with_a_dead_pid_is_ignored(portfolio: Path) -> None:
    lock_path_for(portfolio).write_text("999999 somewhere\n")
    store = PortfolioStore.open(portfolio)
    assert lock_path_for(portfolio).read_text().split()[0] == str(os.getpid())
    store.close()


def test_lock_file_is_owner_only(portfolio: Path) -> None:
    lock = PortfolioLock.acquire(portfolio)
    try:
        if os.name == "posix":
            assert lock.path.stat().st_mode & 0o777 == 0o600
    finally:
        lock.release()
    lock.release()  # twice is harmless
    assert not lock.held


def test_failed_open_releases_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "bad.ssup"
    path.write_bytes(b"not a portfolio")
    for _ in range(2):
        with pytest.raises(Exception, match="not an SSUP Desktop portfolio"):
            PortfolioStore.open(path)
    assert not lock_path_for(path).exists()
