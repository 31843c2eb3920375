"""Writing minutes (issue 13 item 5): the facilitator, penvoerder or preparation group
write them once the meeting has started, with actions for members (owner and due date checked
at the field); attendees suggest corrections for a week after the draft is shared."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mails.models import Mail
from meetings.enums import MinutesStatus
from meetings.models import ActionItem, Minutes, MinutesCorrection
from meetings.services import add_action_item, share_minutes, suggest_correction
from tests.factories import AttendanceFactory, MeetingFactory, make_member
from tests.meetings.minutes_helpers import ACTION, SUMMARY, _client, _minutes_page, _write


@pytest.mark.parametrize("role", ["facilitator", "penvoerder", "preparer"])
def test_organisers_and_the_preparation_group_write_the_minutes(client, world, role):
    response = _client(client, world[role]).post(
        reverse("meetings:minutes-edit", args=[world["meeting"].pk]),
        {"summary": SUMMARY, "decisions": "We starten maatjesgroepen"},
    )

    minutes = Minutes.objects.get(meeting=world["meeting"])
    assert (response.status_code, minutes.summary, minutes.decision_list, minutes.status) == (
        302,
        SUMMARY,
        ["We starten maatjesgroepen"],
        MinutesStatus.DRAFT,
    )


@pytest.mark.parametrize("role", ["attendee", "absentee", "outsider", "staff"])
def test_others_cannot_open_the_writing_page(client, world, role):
    response = _client(client, world[role]).get(
        reverse("meetings:minutes-edit", args=[world["meeting"].pk])
    )
    assert response.status_code == 404


def test_minutes_wait_until_the_meeting_has_started(client, world):
    future = MeetingFactory(network=world["network"])

    response = _client(client, world["facilitator"]).post(
        reverse("meetings:minutes-edit", args=[future.pk]), {"summary": SUMMARY}
    )

    assert response.status_code == 200
    assert "zodra de bijeenkomst is begonnen" in response.content.decode()
    assert Minutes.objects.count() == 0


def test_an_action_for_someone_outside_the_network_is_refused_at_the_field(client, world):
    _write(world, with_action=False)
    response = _client(client, world["facilitator"]).post(
        reverse("meetings:action-create", args=[world["meeting"].pk]),
        {
            "description": ACTION,
            "owner": world["outsider"].pk,
            "due_date": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"owner": ["Kies een lid van dit netwerk."]}
    assert ActionItem.objects.count() == 0


def test_the_service_refuses_an_owner_outside_the_network_too(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        add_action_item(
            world["meeting"],
            by=world["facilitator"],
            description=ACTION,
            owner=world["outsider"],
            due_date=timezone.localdate(),
        )

    assert error.value.message_dict == {"owner": ["Wie dit doet, moet lid zijn van dit netwerk."]}
    assert (Minutes.objects.count(), ActionItem.objects.count()) == (0, 0)


@pytest.mark.parametrize("days", [-3, 400])
def test_a_due_date_out_of_range_is_refused_at_the_field(client, world, days):
    """Before the meeting's day, or more than a year after it."""
    _write(world, with_action=False)
    meeting_day = timezone.localtime(world["meeting"].starts_at).date()
    response = _client(client, world["facilitator"]).post(
        reverse("meetings:action-create", args=[world["meeting"].pk]),
        {
            "description": ACTION,
            "owner": world["attendee"].pk,
            "due_date": (meeting_day + datetime.timedelta(days=days)).isoformat(),
        },
    )

    errors = response.context["form"].errors
    assert (response.status_code, list(errors)) == (200, ["due_date"])
    assert errors["due_date"][0].startswith("Kies een uiterste datum tussen ")
    assert ActionItem.objects.count() == 0


def test_removing_an_action_asks_first_and_then_removes_it(client, world):
    _write(world)
    action = ActionItem.objects.get()
    client = _client(client, world["facilitator"])
    url = reverse("meetings:action-delete", args=[action.pk])

    confirmation = client.get(url)
    assert ActionItem.objects.count() == 1
    response = client.post(url)

    assert "Wilt u het actiepunt" in confirmation.content.decode()
    assert response.status_code == 302
    assert ActionItem.objects.count() == 0


def test_an_attendee_suggests_a_correction_and_the_writers_read_it(client, world):
    minutes = _write(world)
    share_minutes(minutes, by=world["facilitator"])

    response = _client(client, world["attendee"]).post(
        reverse("meetings:minutes-correction", args=[world["meeting"].pk]),
        {"text": "Het was de gesprekscyclus, niet de gesprekkencyclus."},
    )

    assert response.status_code == 302
    writer_page = _minutes_page(client, world, "facilitator").content.decode()
    co_writer_page = _minutes_page(client, world, "penvoerder").content.decode()
    assert "niet de gesprekkencyclus" in writer_page
    assert "niet de gesprekkencyclus" in co_writer_page  # the penvoerder writes too
    assert (
        Mail.objects.filter(
            recipient=world["facilitator"], key__startswith="minutes-correction:"
        ).count()
        == 1
    )


def test_a_member_who_did_not_attend_cannot_suggest_a_correction(client, world):
    minutes = _write(world)
    share_minutes(minutes, by=world["facilitator"])

    response = _client(client, world["absentee"]).post(
        reverse("meetings:minutes-correction", args=[world["meeting"].pk]), {"text": "Onjuist"}
    )

    assert response.context["form"].errors == {
        "text": ["Alleen wie bij de bijeenkomst aanwezig was, kan correcties voorstellen."]
    }
    assert MinutesCorrection.objects.count() == 0


def test_corrections_close_a_week_after_sharing(world):
    from django.core.exceptions import ValidationError

    minutes = _write(world)
    shared = timezone.now()
    share_minutes(minutes, by=world["facilitator"], now=shared)

    suggest_correction(world["meeting"], by=world["attendee"], text="Binnen de week", now=shared)
    with pytest.raises(ValidationError) as error:
        suggest_correction(
            world["meeting"],
            by=world["attendee"],
            text="Te laat",
            now=shared + datetime.timedelta(days=7, minutes=1),
        )

    assert error.value.message_dict == {
        "text": ["Correcties konden een week lang worden voorgesteld; die week is voorbij."]
    }
    assert list(MinutesCorrection.objects.values_list("text", flat=True)) == ["Binnen de week"]


def test_an_attendee_sees_her_own_suggestion_but_not_another_ones(client, world):
    minutes = _write(world)
    other_attendee = make_member(world["network"])
    AttendanceFactory(meeting=world["meeting"], person=other_attendee, status="present")
    share_minutes(minutes, by=world["facilitator"])
    suggest_correction(world["meeting"], by=world["attendee"], text="Mijn eigen voorstel")
    suggest_correction(world["meeting"], by=other_attendee, text="Voorstel van een ander")

    page = _minutes_page(client, world, "attendee").content.decode()

    assert ("Mijn eigen voorstel" in page, "Voorstel van een ander" in page) == (True, False)


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("meetings:minutes-edit", "Verslag schrijven"),
        ("meetings:action-create", "Actiepunt toevoegen"),
    ],
)
def test_the_writing_pages_say_what_they_are_for(client, world, url_name, heading):
    page = _client(client, world["facilitator"]).get(reverse(url_name, args=[world["meeting"].pk]))
    html = page.content.decode()
    assert f"<h1>{heading}</h1>" in html
    title = " ".join(html[html.index("<title>") + 7 : html.index("</title>")].split())
    assert title == f"{heading} · Leernetwerk VO-academie"
