"""In Chromium: the facilitator adds a guest speaker and sends the briefing as an invitation;
the speaker opens the link from the mail without an account, sees the briefing with only
what members share with the network, and accepts; the facilitator sees the answer."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from participants.enums import Visibility
from tests.conftest import assert_accessible, login
from tests.factories import (
    DEFAULT_PASSWORD,
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_facilitator_invites_a_speaker_who_accepts_from_the_mail(page, live_server, browser):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    facilitator = make_facilitator(network)
    owner = make_member(network)
    for title, visibility in (
        ("Hoe deel ik leiderschap?", Visibility.NETWORK),
        ("Alleen voor de begeleider", Visibility.FACILITATOR),
    ):
        LearningQuestionFactory(owner=owner, title=title, visibility=visibility).networks.add(
            network
        )
    meeting = MeetingFactory(network=network, title="Samen leren")

    login(page, live_server, facilitator.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Gastspreker toevoegen").click()
    page.get_by_label("Naam", exact=False).first.fill("Dr. Anne Jansen")
    page.get_by_label("E-mailadres").fill("anne@uu.test")
    page.get_by_label("Onderwerp").fill("Gedeeld leiderschap")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De gastspreker is toegevoegd.")).to_be_visible()
    page.get_by_role("button", name="Briefing als uitnodiging naar Dr. Anne Jansen sturen").click()
    expect(
        page.get_by_text("De uitnodiging met de briefing is verstuurd naar anne@uu.test.")
    ).to_be_visible()
    expect(page.get_by_text("Antwoord: Nog geen antwoord")).to_be_visible()
    assert_accessible(page)

    [invitation] = [m for m in mail.outbox if m.to == ["anne@uu.test"]]
    assert "Hoe deel ik leiderschap?" in invitation.body
    assert "Alleen voor de begeleider" not in invitation.body
    link = re.search(r"https?://\S+/gastspreker/antwoord/\S+/", invitation.body).group(0)
    path = link.split("/bijeenkomsten/", 1)[1]

    speaker_context = browser.new_context(locale="nl-NL")  # no account, no session
    speaker_page = speaker_context.new_page()
    speaker_page.goto(f"{live_server.url}/bijeenkomsten/{path}")
    expect(speaker_page.get_by_role("heading", name="Uitnodiging als gastspreker")).to_be_visible()
    expect(speaker_page.get_by_text("Hoe deel ik leiderschap?")).to_be_visible()
    expect(speaker_page.get_by_text("Alleen voor de begeleider")).to_have_count(0)
    assert_accessible(speaker_page)
    speaker_page.get_by_role("button", name="Ik neem de uitnodiging aan").click()
    expect(speaker_page.get_by_text("Dank u, uw antwoord is doorgegeven.")).to_be_visible()
    expect(speaker_page.get_by_text("Uw antwoord: Geaccepteerd.")).to_be_visible()
    speaker_context.close()

    page.reload()
    expect(page.get_by_text("Antwoord: Geaccepteerd")).to_be_visible()
