import pytest
from playwright.sync_api import expect

from tests.conftest import assert_accessible, login
from tests.factories import DEFAULT_PASSWORD, NetworkFactory, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_logs_in_and_sees_own_network(page, live_server):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    NetworkFactory(name="Ander netwerk")
    person = make_member(network)

    login(page, live_server, person.email, DEFAULT_PASSWORD)

    expect(page.get_by_role("heading", name="Mijn netwerken", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Verbindend Vernieuwen")).to_be_visible()
    expect(page.get_by_text("Ander netwerk")).to_have_count(0)
    assert_accessible(page)
