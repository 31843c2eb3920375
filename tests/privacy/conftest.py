"""The marker crawl is built once for the whole package (tests/privacy/planting.py): a crawl
of every page as each role is the expensive part; each test only compares."""

import pytest

from tests.privacy.planting import crawl_world


@pytest.fixture(scope="package")
def crawled(django_db_setup, django_db_blocker):
    return crawl_world(django_db_blocker)
