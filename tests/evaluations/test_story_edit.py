"""Issue 13: a value-creation story is rewritten and removed by its author only (while she is
a member); everyone else, the network's facilitator included, gets 404 and changes nothing.
Deleting asks first. What the story now says, and who may read it, is what every page shows:
a story taken off "Iedereen" or deleted is gone from the public page."""

import pytest
from django.urls import reverse
from django.utils import translation

from evaluations import services
from evaluations.enums import OutcomeVisibility, ValueCycle
from evaluations.models import ValueStep, ValueStory
from leernetwerk.concurrency import STALE_MESSAGE
from tests.factories import NetworkFactory, make_facilitator, make_member, make_staff

pytestmark = pytest.mark.django_db

TITLE = "Van intervisie naar schoolbeleid"


@pytest.fixture
def harvest():
    network = NetworkFactory(slug="samen-sturen", name="Samen Sturen")
    author = make_member(network)
    story = services.record_value_story(
        network,
        by=author,
        title=TITLE,
        visibility=OutcomeVisibility.PUBLIC,
        steps={
            ValueCycle.IMMEDIATE: "We leerden van elkaar.",
            ValueCycle.APPLIED: "Wij pasten het toe in de sectie.",
        },
    )
    return {
        "network": network,
        "author": author,
        "facilitator": make_facilitator(network),
        "colleague": make_member(network),
        "story": story,
    }


def _url(h, name):
    return reverse(f"evaluations:{name}", args=[h["network"].slug, h["story"].pk])


def _public_page(client, h) -> str:
    return client.get(
        reverse("networks:directory-detail", args=[h["network"].slug])
    ).content.decode()


def _list_page(client, h) -> str:
    return client.get(
        reverse("evaluations:outcome-list", args=[h["network"].slug])
    ).content.decode()


def _fields(**changes):
    return {
        "title": "Bildung in de schoolleiding",
        "visibility": OutcomeVisibility.NETWORK,
        ValueCycle.IMMEDIATE: "",
        ValueCycle.POTENTIAL: "Het kan ons beleid veranderen.",
        ValueCycle.APPLIED: "Wij schreven een nieuw beleidsplan.",
        **changes,
    }


def _steps(story):
    return list(
        ValueStep.objects.filter(story=story).order_by("position").values_list("cycle", "text")
    )


def test_the_author_rewrites_her_story_and_sees_it_saved(client, harvest):
    client.force_login(harvest["author"])
    page = client.get(_url(harvest, "story-update")).content.decode()
    assert "Waardecreatieverhaal wijzigen" in page
    assert TITLE in page
    assert "Wij pasten het toe in de sectie." in page

    response = client.post(_url(harvest, "story-update"), _fields(), follow=True)

    assert response.redirect_chain[-1][0] == _url(harvest, "story-detail")
    content = response.content.decode()
    assert "Het waardecreatieverhaal is opgeslagen." in content
    assert "Bildung in de schoolleiding" in content
    assert "Het kan ons beleid veranderen." in content
    # The cycle she emptied lost its step; the others replaced the earlier text.
    assert "We leerden van elkaar." not in content
    assert _steps(harvest["story"]) == [
        (ValueCycle.POTENTIAL, "Het kan ons beleid veranderen."),
        (ValueCycle.APPLIED, "Wij schreven een nieuw beleidsplan."),
    ]


def test_only_the_author_is_offered_edit_and_delete(client, harvest):
    client.force_login(harvest["author"])
    assert _url(harvest, "story-update") in _list_page(client, harvest)
    detail = client.get(_url(harvest, "story-detail")).content.decode()
    assert _url(harvest, "story-update") in detail
    assert _url(harvest, "story-delete") in detail
    for who in ("facilitator", "colleague"):
        client.force_login(harvest[who])
        listing = _list_page(client, harvest)
        assert TITLE in listing
        detail = client.get(_url(harvest, "story-detail")).content.decode()
        assert "Wij pasten het toe in de sectie." in detail
        for page in (listing, detail):
            assert _url(harvest, "story-update") not in page
            assert _url(harvest, "story-delete") not in page


@pytest.mark.parametrize("who", ["facilitator", "colleague", "staff", "other_facilitator"])
def test_others_get_404_and_change_nothing(client, harvest, who):
    person = {
        "facilitator": lambda: harvest["facilitator"],
        "colleague": lambda: harvest["colleague"],
        "staff": make_staff,
        "other_facilitator": lambda: make_facilitator(NetworkFactory()),
    }[who]()
    client.force_login(person)
    for name in ("story-update", "story-delete"):
        assert client.get(_url(harvest, name)).status_code == 404
    assert client.post(_url(harvest, "story-update"), _fields()).status_code == 404
    assert client.post(_url(harvest, "story-delete")).status_code == 404
    harvest["story"].refresh_from_db()
    assert harvest["story"].title == TITLE
    assert len(_steps(harvest["story"])) == 2


def test_a_visitor_is_sent_to_sign_in_and_changes_nothing(client, harvest):
    for name in ("story-update", "story-delete"):
        response = client.post(_url(harvest, name), _fields())
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    harvest["story"].refresh_from_db()
    assert harvest["story"].title == TITLE


def test_an_author_who_left_the_network_can_no_longer_change_it(client, harvest):
    harvest["author"].memberships.all().delete()
    client.force_login(harvest["author"])
    assert client.get(_url(harvest, "story-update")).status_code == 404
    assert client.post(_url(harvest, "story-delete")).status_code == 404
    assert ValueStory.objects.filter(pk=harvest["story"].pk).exists()


def test_a_story_without_any_cycle_is_refused_at_the_field_and_nothing_changes(client, harvest):
    client.force_login(harvest["author"])
    empty = _fields(**{ValueCycle.POTENTIAL: "", ValueCycle.APPLIED: " "})
    response = client.post(_url(harvest, "story-update"), empty)
    assert response.status_code == 200
    assert "Beschrijf minstens één waardecyclus." in response.content.decode()
    harvest["story"].refresh_from_db()
    assert (harvest["story"].title, harvest["story"].visibility) == (TITLE, "public")
    assert len(_steps(harvest["story"])) == 2


def test_a_stale_copy_does_not_overwrite_a_newer_save(client, harvest):
    client.force_login(harvest["author"])
    page = client.get(_url(harvest, "story-update")).content.decode()
    version = page.split('name="edit_version" value="')[1].split('"')[0]
    # Meanwhile she saved the story from her other device.
    services.update_value_story(
        harvest["story"],
        title="Op de telefoon",
        visibility=OutcomeVisibility.PUBLIC,
        steps={ValueCycle.IMMEDIATE: "Kort."},
    )
    response = client.post(_url(harvest, "story-update"), _fields(edit_version=version))
    with translation.override("nl"):
        assert str(STALE_MESSAGE) in response.content.decode()
    harvest["story"].refresh_from_db()
    assert harvest["story"].title == "Op de telefoon"


def test_delete_asks_first_then_removes_the_story_and_its_steps(client, harvest):
    client.force_login(harvest["author"])
    page = client.get(_url(harvest, "story-delete")).content.decode()
    assert "Waardecreatieverhaal verwijderen" in page
    assert f"Weet u zeker dat u het verhaal “{TITLE}” van Samen Sturen wilt verwijderen?" in page
    assert ValueStory.objects.filter(pk=harvest["story"].pk).exists()

    response = client.post(_url(harvest, "story-delete"), follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "evaluations:outcome-list", args=[harvest["network"].slug]
    )
    content = response.content.decode()
    assert "Het waardecreatieverhaal is verwijderd." in content
    assert TITLE not in content
    assert not ValueStory.objects.filter(pk=harvest["story"].pk).exists()
    assert not ValueStep.objects.filter(story_id=harvest["story"].pk).exists()


def test_a_deleted_story_is_gone_from_the_public_page_the_network_page_and_its_link(
    client, harvest
):
    assert TITLE in _public_page(client, harvest)
    client.force_login(harvest["author"])
    client.post(_url(harvest, "story-delete"))
    for who in ("author", "colleague", "facilitator"):
        client.force_login(harvest[who])
        assert TITLE not in _list_page(client, harvest)
        assert client.get(_url(harvest, "story-detail")).status_code == 404
    client.logout()
    public = _public_page(client, harvest)
    assert TITLE not in public
    assert "Wij pasten het toe in de sectie." not in public


@pytest.mark.parametrize("visibility", [OutcomeVisibility.NETWORK, OutcomeVisibility.ACADEMY])
def test_taken_off_everyone_the_story_leaves_the_public_page_and_stays_with_the_network(
    client, harvest, visibility
):
    client.force_login(harvest["author"])
    client.post(_url(harvest, "story-update"), _fields(title=TITLE, visibility=visibility))
    client.logout()
    public = _public_page(client, harvest)
    assert TITLE not in public
    assert "Wij schreven een nieuw beleidsplan." not in public
    client.force_login(harvest["colleague"])
    assert TITLE in _list_page(client, harvest)
    # Staff read a story shared with the academy, not one kept within the network.
    client.force_login(make_staff())
    staff_reads = client.get(_url(harvest, "story-detail")).status_code
    assert (
        staff_reads == {OutcomeVisibility.NETWORK: 404, OutcomeVisibility.ACADEMY: 200}[visibility]
    )


def test_set_to_everyone_the_story_appears_on_the_public_page(client, harvest):
    client.force_login(harvest["author"])
    client.post(_url(harvest, "story-update"), _fields(visibility=OutcomeVisibility.NETWORK))
    client.logout()
    assert "Bildung in de schoolleiding" not in _public_page(client, harvest)
    client.force_login(harvest["author"])
    client.post(_url(harvest, "story-update"), _fields(visibility=OutcomeVisibility.PUBLIC))
    client.logout()
    public = _public_page(client, harvest)
    assert "Bildung in de schoolleiding" in public
    assert "Wij schreven een nieuw beleidsplan." in public
