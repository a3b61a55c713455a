"""``hash-password``: a reviewer account line (name and salted hash) for the app's secrets.

The password is read without echo from a terminal, or as one line from standard input (for
scripts); only the salted hash is printed, in the form the ``[review.accounts]`` section takes.
"""

from __future__ import annotations

import argparse
import sys


def register(sub) -> None:
    h = sub.add_parser(
        "hash-password", help="print a reviewer account line (name and salted hash) for the app's secrets"
    )
    h.add_argument("--name", required=True, help="the reviewer's name, as the audit trail will record it")
    h.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import getpass

    from coverage.listings.accounts.auth import hash_password

    name = args.name.strip()
    if not name or len(name) > 120 or any(c in name for c in '"\\\n\r'):
        print("error: give a name of 1 to 120 characters without quotes or backslashes", file=sys.stderr)
        return 2
    password = getpass.getpass("Reviewer password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if len(password) < 12:
        print("error: use at least 12 characters", file=sys.stderr)
        return 2
    print(f'[review.accounts]\n"{name}" = "{hash_password(password)}"')
    return 0
