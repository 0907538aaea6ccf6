"""Command line: start the window, or run framework, sample, import, export or check."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from ssup_desktop import __version__
from ssup_desktop.domain.record import as_dict
from ssup_desktop.domain.sfia import DEFAULT_EDITION, Edition, Skill
from ssup_desktop.paths import PORTFOLIO_SUFFIX

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input from the user: printed as one line on stderr, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _edition(value: str) -> Edition:
    try:
        return Edition(value.strip().lower())
    except ValueError:
        valid = ", ".join(e.value for e in Edition)
        raise UsageError(f"unknown edition {value!r}; valid editions: {valid}") from None


class WindowArgs(NamedTuple):
    portfolio: Path | None
    exit_after_startup: bool


def window_args(args: Sequence[str]) -> WindowArgs | None:
    """``args`` read by hand when they hold nothing but the window's own options
    (``--portfolio FILE``, ``--exit-after-startup``), how the app is started nearly every time:
    what ``build_parser`` makes of them (tests/cli/test_parser.py), without building it (its
    subcommands, and the translations of its messages looked up on disk, cost start-up
    milliseconds). None for anything else, which the parser reads."""
    portfolio: Path | None = None
    exit_after_startup = False
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--portfolio" and rest and not rest[0].startswith("-"):
            portfolio = Path(rest.pop(0))
        elif arg.startswith("--portfolio="):
            portfolio = Path(arg.partition("=")[2])
        elif arg == "--exit-after-startup":
            exit_after_startup = True
        else:
            return None
    return WindowArgs(portfolio, exit_after_startup)


def build_parser() -> argparse.ArgumentParser:
    """The command line: the window's options and the subcommands."""
    parser = _Parser(
        prog="ssup-desktop", description="SSUP Desktop: plan your career in SFIA Sales support."
    )
    parser.add_argument("--version", action="version", version=f"ssup-desktop {__version__}")
    parser.add_argument("--portfolio", type=Path, help="open this portfolio file (.ssup)")
    parser.add_argument(
        "--exit-after-startup",
        action="store_true",
        help="exit 0 once the main window has been painted",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    fw = sub.add_parser("framework", help="print the SSUP skill in one SFIA edition")
    fw.add_argument(
        "--edition", default=DEFAULT_EDITION.value, help="sfia9 (default), sfia8 or sfia7"
    )
    fw.add_argument("--json", action="store_true", help="print JSON instead of text")

    sample = sub.add_parser("sample", help="write a demo portfolio to FILE")
    sample.add_argument("file", type=Path)

    exp = sub.add_parser("export", help="export the portfolio to FILE.json or FILE.pdf")
    exp.add_argument("file", type=Path)
    exp.add_argument("--portfolio", dest="sub_portfolio", type=Path)
    exp.add_argument("--level", type=int, choices=range(1, 8), help="PDF: only this level")

    imp = sub.add_parser("import", help="import FILE.json into the portfolio")
    imp.add_argument("file", type=Path)
    imp.add_argument("--portfolio", dest="sub_portfolio", type=Path)

    chk = sub.add_parser("check", help="check the portfolio file for damage")
    chk.add_argument("--portfolio", dest="sub_portfolio", type=Path)
    return parser


def skill_to_json(skill: Skill) -> dict[str, object]:
    """The `framework --json` document: levels, statements, guidance and related skills."""
    doc: dict[str, object] = as_dict(skill)  # edition is a str enum: JSON writes it as its value
    doc["levels"] = [
        {
            "level": lv.level,
            "name": lv.name,
            "essence": lv.essence,
            "defined": lv.defined,
            "not_defined_reason": lv.not_defined_reason,
            "statements": [
                {
                    "id": st.id,
                    "text": st.text,
                    **({"corresponds_to": list(st.corresponds_to)} if st.corresponds_to else {}),
                }
                for st in lv.statements
            ],
        }
        for lv in skill.levels
    ]
    return doc


def skill_to_text(skill: Skill) -> str:
    """A readable plain-text rendering of the skill for the terminal."""
    out = [f"{skill.name} ({skill.code}) - {skill.edition_label}", "", skill.description, ""]
    if skill.guidance_notes:
        out += ["Guidance notes:", *(f"  {p}" for p in skill.guidance_notes), ""]
    if skill.activities:
        out += ["Activities may include:", *(f"  - {a}" for a in skill.activities), ""]
    for lv in reversed(skill.levels):
        out.append(
            f"Level {lv.level} - {lv.name}"
            + ("" if lv.defined else " (not defined for this skill)")
        )
        out.append(f"  Essence: {lv.essence}")
        if not lv.defined and lv.not_defined_reason:
            out.append(f"  {lv.not_defined_reason}")
        out += [f"  [{st.id}] {st.text}" for st in lv.statements]
        out.append("")
    if skill.related_skills:
        out += ["Related skills:", *(f"  - {r.name}" for r in skill.related_skills), ""]
    out.append(skill.attribution)
    return "\n".join(out) + "\n"


def _framework(args: argparse.Namespace) -> int:
    from ssup_desktop.content import load_skill

    skill = load_skill(_edition(args.edition))
    if args.json:
        sys.stdout.write(json.dumps(skill_to_json(skill), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(skill_to_text(skill))
    return EXIT_OK


def opened_file_args(argv: Sequence[str]) -> list[str]:
    """``ssup-desktop FILE.ssup`` (how the .desktop file and file managers open a portfolio)
    means ``ssup-desktop --portfolio FILE.ssup``."""
    args = list(argv)
    if len(args) == 1 and args[0].lower().endswith(PORTFOLIO_SUFFIX):
        return ["--portfolio", args[0]]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    try:
        given = opened_file_args(sys.argv[1:] if argv is None else argv)
        window = window_args(given)
        if window is not None:
            from ssup_desktop.app import run_gui

            return run_gui(window.portfolio, window.exit_after_startup)
        args = build_parser().parse_args(given)
        if args.command == "framework":
            return _framework(args)
        if args.command in ("sample", "export", "import", "check"):
            from ssup_desktop import cli_portfolio

            return cli_portfolio.run(args)
        from ssup_desktop.app import run_gui

        return run_gui(portfolio=args.portfolio, exit_after_startup=args.exit_after_startup)
    except UsageError as exc:
        print(f"ssup-desktop: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
