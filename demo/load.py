"""`seed_demo`: the core demo rows, then each app's `demo.seed_demo_extras()` (see the package
docstring)."""

from __future__ import annotations

import importlib

from django.db import transaction

from .seeder import DemoSeeder, Stats
from .seeds import DEMO_LOGINS, DEMO_PASSWORD

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "run_app_extras", "seed_demo"]

EXTRA_APPS = ("networks", "meetings", "participants", "evaluations")


def run_app_extras() -> list[str]:
    """Call `seed_demo_extras()` of each app's optional `demo` module, in the agreed order."""
    ran = []
    for app in EXTRA_APPS:
        try:
            module = importlib.import_module(f"{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.demo":
                raise
            continue
        module.seed_demo_extras()
        ran.append(app)
    return ran


def seed_demo(*, extras: bool = True) -> Stats:
    """Load the demo data (see the module docstring). Safe to run any number of times."""
    with transaction.atomic():
        stats = DemoSeeder().run()
        if extras:
            stats["extras"] = run_app_extras()
    return stats
