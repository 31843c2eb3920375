"""The enums the evaluation templates compare with, so no template spells an enum value."""

from networks.enums import Phase

from .enums import ComputationStatus


def enums(request) -> dict:
    """`ComputationStatus` and `Phase` in every template rendered with a request."""
    return {"ComputationStatus": ComputationStatus, "Phase": Phase}
