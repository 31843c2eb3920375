"""Fixtures shared by the meeting tests of this directory (a module that defines its own
fixture of the same name uses that one):

- `network` and its `facilitator`: the meeting page tests (test_views_*.py)."""

import pytest

from tests.factories import NetworkFactory, make_facilitator


@pytest.fixture
def network():
    return NetworkFactory(name="Verbindend Vernieuwen")


@pytest.fixture
def facilitator(network):
    return make_facilitator(network)
