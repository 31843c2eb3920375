"""Writing helpers of the demo seeder: upsert by natural key, seeded generators."""

from __future__ import annotations

import random
import zlib

from faker import Faker


class Stats(dict):
    def bump(self, key: str) -> None:
        self[key] = self.get(key, 0) + 1


def _upsert(model, lookup: dict, values: dict, stats: Stats):
    """Create the row, or update it only where a value differs (no needless saves)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        stats.bump(f"{model._meta.model_name} created")
        return obj
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for key in changed:
            setattr(obj, key, values[key])
        obj.save(update_fields=changed)
        stats.bump(f"{model._meta.model_name} updated")
    return obj


def _rng(*parts) -> random.Random:
    return random.Random(zlib.crc32("/".join(map(str, parts)).encode()))


def _faker(*parts) -> Faker:
    fake = Faker("nl_NL")
    fake.seed_instance(zlib.crc32("/".join(map(str, parts)).encode()))
    return fake


def _brin(index: int) -> str:
    """Invented BRIN-style codes (two digits, two letters), unique per index."""
    return f"{90 + index // 676:02d}{chr(65 + index // 26 % 26)}{chr(65 + index % 26)}"
