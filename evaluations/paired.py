"""Paired change per item (issue 12.3): for the people who answered both the nulmeting and a
later round, linked by pseudonym, the mean change, its 95% confidence interval and the paired
effect size. Plain Python over plain values, no database: the database adds up, per item,
the number of pairs and the sums of the differences and of their squares (one GROUP BY), and
this module turns those into figures.

Withheld (None) below THRESHOLD pairs, like every other figure (`scoring.disclosure` decides
between views)."""

from __future__ import annotations

import functools
import hashlib
import hmac
import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from .scoring import THRESHOLD

CONFIDENCE = 0.95


def pseudonym(key: str, *, chain_id: int, network_id: int, person_id: int) -> str:
    """The pseudonym that pairs a person's responses in a nulmeting (`chain_id`) and the
    rounds linked to it, within one network: HMAC-SHA256 of the three ids with `key`
    (EVALUATION_PSEUDONYM_KEY, kept in the settings, never in the database). Without the key
    the ids in the database give no way to compute it; a person answering for two networks
    gets two unrelated pseudonyms, and a different nulmeting gives new ones."""
    if not key:
        raise ValueError("the pseudonym key is empty")
    message = f"leernetwerk.evaluations.pseudonym:{chain_id}:{network_id}:{person_id}"
    return hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class PairedChange:
    n: int  # pairs
    mean_change: float
    sd_change: float
    ci_low: float | None  # None when the differences have no spread
    ci_high: float | None
    effect_size: float | None  # Cohen's d_z: mean change / sd of the changes


@functools.cache  # a national round asks for the same few quantiles thousands of times
def t_quantile(p: float, df: int) -> float:
    """The p-quantile of Student's t with df degrees of freedom (df >= 1), by the
    Cornish-Fisher expansion around the normal quantile (Hill 1970); within 0.001 of the
    table for df >= 4, which the small-group rule guarantees (5 pairs or more)."""
    z = NormalDist().inv_cdf(p)
    v = float(df)
    return (
        z
        + (z**3 + z) / (4 * v)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
        + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * v**4)
    )


def change_of_sums(
    n: int, total: int, squares: int, threshold: int = THRESHOLD
) -> PairedChange | None:
    """The paired change from n pairs, the sum of their differences (now - baseline) and the
    sum of the squared differences; None below `threshold` pairs."""
    if n < max(threshold, 2):
        return None
    mean_change = total / n
    # n * sum of squared deviations = n * squares - total**2, exact in integers
    variance = (n * squares - total * total) / (n * (n - 1))
    sd = math.sqrt(max(variance, 0.0))
    if sd == 0:
        return PairedChange(n, mean_change, 0.0, None, None, None)
    half_width = t_quantile(1 - (1 - CONFIDENCE) / 2, n - 1) * sd / math.sqrt(n)
    return PairedChange(
        n=n,
        mean_change=mean_change,
        sd_change=sd,
        ci_low=mean_change - half_width,
        ci_high=mean_change + half_width,
        effect_size=mean_change / sd,
    )


def paired_change(
    pairs: Sequence[tuple[int, int]], threshold: int = THRESHOLD
) -> PairedChange | None:
    """`change_of_sums` over (baseline value, value now) pairs."""
    differences = [now - before for before, now in pairs]
    return change_of_sums(
        len(differences), sum(differences), sum(d * d for d in differences), threshold
    )
