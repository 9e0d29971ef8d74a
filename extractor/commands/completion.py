"""``extractor completion SHELL``: a tab-completion script for bash, zsh or tcsh (made by shtab)."""

from __future__ import annotations

import sys

SHELLS = ("bash", "zsh", "tcsh")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh, tcsh)",
        description="Print a tab-completion script for the shell. Commands, options and file names complete.",
    )
    p.add_argument("shell", choices=SHELLS, help="the shell to complete for")
    p.set_defaults(run=run)


def run(args) -> int:
    import shtab

    from extractor.cli import build_parser

    sys.stdout.write(shtab.complete(build_parser(), shell=args.shell))
    return 0
