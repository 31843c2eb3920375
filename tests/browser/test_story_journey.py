"""A participant rewrites her public value-creation story, then deletes it after confirming;
the public page follows each step."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from evaluations import services
from evaluations.enums import OutcomeVisibility, ValueCycle
from tests.conftest import assert_accessible, login
from tests.factories import DEFAULT_PASSWORD, NetworkFactory, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_author_edits_then_deletes_her_story(page, live_server):
    network = NetworkFactory(name="Moreel Beraad", slug="moreel-beraad")
    author = make_member(network, first_name="Anna", last_name="de Vries")
    story = services.record_value_story(
        network,
        by=author,
        title="Bildung in de sectie",
        visibility=OutcomeVisibility.PUBLIC,
        steps={ValueCycle.IMMEDIATE: "We leerden van elkaar."},
    )
    public_url = live_server.url + reverse("networks:directory-detail", args=[network.slug])

    login(page, live_server, author.email, DEFAULT_PASSWORD)
    page.goto(live_server.url + story.get_absolute_url())
    page.get_by_role("link", name="Bewerken").click()
    expect(
        page.get_by_role("heading", name="Waardecreatieverhaal wijzigen", level=1)
    ).to_be_visible()
    expect(page.get_by_label("Titel")).to_have_value("Bildung in de sectie")
    assert_accessible(page)

    page.get_by_label("Titel").fill("Bildung in de schoolleiding")
    page.get_by_label("Toegepaste waarde").fill("Wij schreven een nieuw beleidsplan.")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_text("Het waardecreatieverhaal is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", name="Bildung in de schoolleiding", level=1)).to_be_visible()
    expect(page.get_by_text("Wij schreven een nieuw beleidsplan.")).to_be_visible()
    assert_accessible(page)

    # Shared with everyone, the rewritten story is what the public page shows.
    page.goto(public_url)
    expect(page.get_by_role("heading", name="Bildung in de schoolleiding")).to_be_visible()
    expect(page.get_by_text("Wij schreven een nieuw beleidsplan.")).to_be_visible()
    page.goto(live_server.url + story.get_absolute_url())

    page.get_by_role("link", name="Verwijderen").click()
    expect(
        page.get_by_role("heading", name="Waardecreatieverhaal verwijderen", level=1)
    ).to_be_visible()
    expect(
        page.get_by_text("Weet u zeker dat u het verhaal “Bildung in de schoolleiding”")
    ).to_be_visible()
    assert_accessible(page)
    # Cancelling keeps it.
    page.get_by_role("link", name="Annuleren").click()
    expect(page.get_by_role("heading", name="Bildung in de schoolleiding", level=1)).to_be_visible()

    page.get_by_role("link", name="Verwijderen").click()
    page.get_by_role("button", name="Ja, verwijderen").click()

    expect(page.get_by_text("Het waardecreatieverhaal is verwijderd.")).to_be_visible()
    expect(page.get_by_role("heading", name="Opbrengsten van Moreel Beraad")).to_be_visible()
    expect(page.get_by_text("Nog geen waardecreatieverhalen.")).to_be_visible()
    assert_accessible(page)

    page.goto(public_url)
    expect(page.get_by_role("heading", name="Moreel Beraad", level=1)).to_be_visible()
    expect(page.get_by_text("Bildung in de")).to_have_count(0)
