"""The date poll tests' facilitator, Fenna Faciliteert, whose name the answer tables
show; `network` comes from tests/meetings/conftest.py."""

import pytest

from tests.factories import make_facilitator


@pytest.fixture
def facilitator(network):
    return make_facilitator(network, first_name="Fenna", last_name="Faciliteert")
