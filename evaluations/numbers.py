"""The one rounding of every evaluation figure, on every page, PDF and CSV: half away from
zero (2,345 -> 2,35; 0,125 -> 0,13; -0,125 -> -0,13), Dutch decimal comma. Pure: no database,
no locale lookups, so HTML, PDF and CSV cannot disagree."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

EMPTY = "—"


def rounded(value: float, digits: int = 2) -> Decimal:
    """The value rounded half away from zero to `digits` decimals. Goes through the float's
    shortest decimal form (repr), so 2.345 counts as 2,345 and not as 2,34499999..."""
    step = Decimal(1).scaleb(-digits)
    return Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP)


def decimal(value: float | None, digits: int = 2, empty: str = EMPTY) -> str:
    """3.8 -> "3,80"; None -> `empty`."""
    if value is None:
        return empty
    text = f"{rounded(value, digits):.{digits}f}".replace(".", ",")
    return "0" + text[2:] if text.startswith("-0") and set(text[1:]) <= set("0,") else text


def signed(value: float | None, digits: int = 2, empty: str = EMPTY) -> str:
    """A change: "+0,50", "-0,25", "0,00"."""
    if value is None:
        return empty
    text = decimal(value, digits)
    return f"+{text}" if rounded(value, digits) > 0 else text


def percent(share: float | None, empty: str = EMPTY) -> str:
    """0.125 -> "13%"."""
    if share is None:
        return empty
    return f"{rounded(share * 100, 0):.0f}%"
