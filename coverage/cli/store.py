"""``erase-contacts`` and ``store``: the corrections store's retention rule, and its schema migrations.

``store status`` says where the database's schema stands (exit 1 unless current) and
``store upgrade`` runs the Alembic migrations that ship with the code; ``erase-contacts`` blanks
the contacts of suggestions decided longer ago than the retention period.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from coverage.listings.workflow.corrections import CONTACT_RETENTION_DAYS


def register(sub) -> None:
    r = sub.add_parser(
        "erase-contacts",
        help="apply the retention rule: erase contact emails (and confirmers' names and roles) of decided suggestions",
    )
    r.add_argument(
        "--days",
        type=int,
        default=CONTACT_RETENTION_DAYS,
        help=f"keep an email this many days after its suggestion is decided (default {CONTACT_RETENTION_DAYS})",
    )
    r.set_defaults(handler=run_erase_contacts)
    sm = sub.add_parser("store", help="the corrections store's schema: where it stands, or migrate it to this version")
    sm.add_argument(
        "action", choices=["status", "upgrade"], help="status: report (exit 1 unless current); upgrade: migrate"
    )
    sm.set_defaults(handler=run_store)


def run_store(args: argparse.Namespace) -> int:
    from coverage.listings.store.schema import run_command

    return run_command(args.action)


def run_erase_contacts(args: argparse.Namespace) -> int:
    from coverage.listings.store import UNAVAILABLE, Store, StoreError

    if not 0 <= args.days <= 3650:
        print("error: --days must be from 0 to 3650", file=sys.stderr)
        return 2
    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=args.days)
    try:
        erased = Store().erase_contacts(cutoff)
    except StoreError as exc:  # e.g. a schema behind this version: the message names the command to run
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except UNAVAILABLE as exc:
        print(f"error: the corrections store cannot be used ({type(exc).__name__})", file=sys.stderr)
        return 2
    print(f"erased {erased} contact email(s) of suggestions decided before {cutoff:%Y-%m-%d %H:%M} UTC")
    return 0
