"""The command line: a start of the window is read without building the parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssup_desktop.cli import UsageError, WindowArgs, build_parser, window_args

WINDOW_ARGS = [
    [],
    ["--portfolio", "my.ssup"],
    ["--portfolio=my.ssup"],
    ["--exit-after-startup"],
    ["--portfolio", "my.ssup", "--exit-after-startup"],
    ["--exit-after-startup", "--portfolio", "a file.ssup"],
    ["--portfolio", "a.ssup", "--portfolio", "b.ssup"],  # the last one counts
    ["--portfolio="],
]


@pytest.mark.parametrize("args", WINDOW_ARGS)
def test_window_arguments_read_by_hand_as_the_parser_reads_them(args: list[str]) -> None:
    window = window_args(args)
    assert window is not None
    parsed = build_parser().parse_args(args)
    assert parsed.command is None
    assert window == WindowArgs(parsed.portfolio, parsed.exit_after_startup)


@pytest.mark.parametrize(
    "args",
    [
        ["framework"],
        ["check", "--portfolio", "my.ssup"],
        ["--portfolio", "my.ssup", "export", "out.pdf"],
        ["--help"],
        ["--version"],
        ["--portfolio"],  # no value: the parser says what is wrong
        ["--portfolio", "--exit-after-startup"],  # likewise
        ["--portf", "my.ssup"],  # an abbreviation: the parser knows them
        ["stray"],
    ],
)
def test_anything_else_gets_the_parser(args: list[str]) -> None:
    assert window_args(args) is None


def test_a_missing_value_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--portfolio"):
        build_parser().parse_args(["--portfolio"])


def test_the_portfolio_option_gives_a_path() -> None:
    assert window_args(["--portfolio", "x.ssup"]) == WindowArgs(Path("x.ssup"), False)
