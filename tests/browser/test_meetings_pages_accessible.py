"""axe-core on the other meeting pages, filled with data, as the facilitator sees them."""

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_accessible, login
from tests.factories import (
    DEFAULT_PASSWORD,
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
)
from tests.factories.meetings import (
    BuddyGroupFactory,
    ContactMomentFactory,
    DatePollFactory,
    PollAnswerFactory,
    PollOptionFactory,
    past_meeting,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_meeting_pages_have_no_axe_violations(page, live_server):
    network = NetworkFactory(name="Ondernemend Leren", slug="ondernemend-leren")
    facilitator = make_facilitator(network)
    members = [make_member(network) for _ in range(4)]
    MeetingFactory(network=network, title="Komend")
    held = past_meeting(network, title="Gehouden")
    poll = DatePollFactory(network=network, title="Voorjaar")
    option = PollOptionFactory(poll=poll)
    PollAnswerFactory(option=option, person=members[0])
    BuddyGroupFactory(network=network, members=members[:2])
    ContactMomentFactory(network=network, participants=members[:2])

    login(page, live_server, facilitator.email, DEFAULT_PASSWORD)
    for path, heading in [
        ("/bijeenkomsten/", "Bijeenkomsten"),
        (f"/bijeenkomsten/netwerk/{network.slug}/", "Bijeenkomsten van Ondernemend Leren"),
        (network.get_absolute_url(), "Ondernemend Leren"),
        (
            f"/bijeenkomsten/netwerk/{network.slug}/jaarplanner/",
            "Jaarplanner voor Ondernemend Leren",
        ),
        (f"/bijeenkomsten/netwerk/{network.slug}/prikken/nieuw/", "Nieuwe datumprikker"),
        (f"/bijeenkomsten/prikken/{poll.pk}/", "Voorjaar"),
        (
            f"/bijeenkomsten/netwerk/{network.slug}/maatjesgroepen/",
            "Maatjesgroepen van Ondernemend Leren",
        ),
        (
            f"/bijeenkomsten/netwerk/{network.slug}/contactmomenten/",
            "Contactlogboek van Ondernemend Leren",
        ),
        (
            f"/bijeenkomsten/netwerk/{network.slug}/aanwezigheid/",
            "Aanwezigheid bij Ondernemend Leren",
        ),
        (f"/bijeenkomsten/{held.pk}/voorbereiding/", "Bijeenkomst voorbereiden"),
        (f"/bijeenkomsten/{held.pk}/annuleren/", "Bijeenkomst annuleren"),
        (f"/bijeenkomsten/{held.pk}/kopieren/", "Bijeenkomst kopiëren"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        assert_accessible(page)
