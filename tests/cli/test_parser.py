"""The command line: a start of the window parses without building the subcommands."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssup_desktop.cli import UsageError, build_parser, window_only

WINDOW_ARGS = [
    [],
    ["--portfolio", "my.ssup"],
    ["--portfolio=my.ssup"],
    ["--exit-after-startup"],
    ["--portfolio", "my.ssup", "--exit-after-startup"],
    ["--exit-after-startup", "--portfolio", "a file.ssup"],
]


@pytest.mark.parametrize("args", WINDOW_ARGS)
def test_window_arguments_parse_the_same_without_the_subcommands(args: list[str]) -> None:
    assert window_only(args)
    light = build_parser(commands=False).parse_args(args)
    full = build_parser().parse_args(args)
    assert vars(light) == vars(full)
    assert light.command is None


@pytest.mark.parametrize(
    "args",
    [
        ["framework"],
        ["check", "--portfolio", "my.ssup"],
        ["--portfolio", "my.ssup", "export", "out.pdf"],
        ["--help"],
        ["--version"],
        ["--portfolio"],  # no value: the full parser says what is wrong
        ["stray"],
    ],
)
def test_anything_else_gets_the_full_parser(args: list[str]) -> None:
    assert not window_only(args)


def test_a_missing_value_is_a_usage_error_either_way() -> None:
    for parser in (build_parser(commands=False), build_parser()):
        with pytest.raises(UsageError, match="--portfolio"):
            parser.parse_args(["--portfolio"])


def test_the_portfolio_option_gives_a_path() -> None:
    args = build_parser(commands=False).parse_args(["--portfolio", "x.ssup"])
    assert args.portfolio == Path("x.ssup") and args.exit_after_startup is False
