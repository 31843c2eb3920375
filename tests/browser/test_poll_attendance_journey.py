"""In Chromium (issue 13, items 2 and 4): the facilitator opens a date poll with four dates
and a deadline; one member answers from the mail link, another from /mijn/ with the keyboard
only; the facilitator sees everyone's answers and the best date, is told when all have
answered, picks the date, and exactly one invitation per member goes out. When the meeting
has begun she registers everyone present in one click, changes the exceptions and downloads
the attendance. axe-core finds no violation on the way."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from meetings.models import Attendance, DatePoll, Meeting, PollAnswer
from tests.conftest import assert_accessible, login
from tests.factories import DEFAULT_PASSWORD, NetworkFactory, make_facilitator, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page):
    page.context.clear_cookies()


def _legend(start: datetime.datetime) -> str:
    with translation.override("nl"):
        return formats.date_format(timezone.localtime(start), "l j F Y H:i")


def test_poll_from_mail_and_mijn_to_one_invitation_then_attendance(page, live_server):
    network = NetworkFactory(name="Verbindend Vernieuwen", slug="verbindend-vernieuwen")
    fenna = make_facilitator(network, first_name="Fenna", last_name="Facilitator")
    anna = make_member(network, first_name="Anna", last_name="Aalbers")
    bert = make_member(network, first_name="Bert", last_name="Bakker")
    days = [timezone.localdate() + datetime.timedelta(days=d) for d in (21, 28, 35, 42)]
    deadline = timezone.localtime() + datetime.timedelta(days=14)

    # The facilitator opens a poll: three rows to start with, a fourth added.
    login(page, live_server, fenna.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/bijeenkomsten/netwerk/{network.slug}/")
    page.get_by_role("link", name="Nieuwe datumprikker").click()
    expect(page.get_by_role("heading", name="Nieuwe datumprikker", level=1)).to_be_visible()
    page.get_by_label("Titel").fill("Voorjaarsbijeenkomst")
    for number, day in enumerate(days[:3], start=1):
        page.get_by_label(f"Datum {number}", exact=True).fill(day.isoformat())
    page.get_by_role("button", name="Datum toevoegen").click()
    fourth = page.get_by_label("Datum 4", exact=True)
    expect(fourth).to_be_focused()  # the new row is where the keyboard is
    expect(page.get_by_label("Datum 1", exact=True)).to_have_value(days[0].isoformat())
    fourth.fill(days[3].isoformat())
    page.get_by_label("Antwoorden vóór").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    assert_accessible(page)
    page.get_by_role("button", name="Datumprikker openen").click()
    expect(
        page.get_by_text("De datumprikker is geopend; de deelnemers krijgen bericht.")
    ).to_be_visible()
    poll = DatePoll.objects.get()
    options = list(poll.options.all())
    assert len(options) == 4

    # Every member is told, once.
    opened = [m for m in mail.outbox if m.subject.startswith("Welke datums passen u?")]
    assert sorted(m.to[0] for m in opened) == sorted([fenna.email, anna.email, bert.email])

    # The facilitator answers herself: the first two dates suit her.
    for option, label in zip(options, ("Ja", "Ja", "Nee", "Nee"), strict=True):
        page.get_by_role("group", name=_legend(option.starts_at)).get_by_label(label).check()
    page.get_by_role("button", name="Antwoorden opslaan").click()
    expect(page.get_by_text("Dank u, uw antwoorden zijn opgeslagen.")).to_be_visible()

    # Anna follows the link in her mail, signs in and lands on the poll.
    _logout(page)
    [anna_mail] = [m for m in opened if m.to == [anna.email]]
    link = re.search(r"https?://\S+/bijeenkomsten/prikken/\d+/", anna_mail.body).group(0)
    page.goto(live_server.url + "/bijeenkomsten/" + link.split("/bijeenkomsten/", 1)[1])
    page.get_by_label("E-mailadres").fill(anna.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Voorjaarsbijeenkomst", level=1)).to_be_visible()
    for option, label in zip(options, ("Desnoods", "Ja", "Nee", "Nee"), strict=True):
        page.get_by_role("group", name=_legend(option.starts_at)).get_by_label(label).check()
    page.get_by_role("button", name="Antwoorden opslaan").click()
    expect(page.get_by_text("Dank u, uw antwoorden zijn opgeslagen.")).to_be_visible()
    assert not [m for m in mail.outbox if m.subject.startswith("Iedereen heeft geantwoord")]

    # Bert finds the poll on /mijn/ and answers with the keyboard only.
    _logout(page)
    login(page, live_server, bert.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/mijn/")
    waiting = page.get_by_role("region", name="Datumprikkers die op uw antwoord wachten")
    expect(waiting.get_by_text("Nog niet gereageerd")).to_be_visible()
    waiting.get_by_role("link", name="Voorjaarsbijeenkomst").click()
    assert_accessible(page)
    groups = [page.get_by_role("group", name=_legend(o.starts_at)) for o in options]
    groups[0].get_by_label("Ja").focus()
    page.keyboard.press("Space")  # Ja on the first date
    page.keyboard.press("Tab")  # to the second date's group
    page.keyboard.press("Space")  # Ja
    page.keyboard.press("ArrowRight")  # Desnoods
    page.keyboard.press("ArrowRight")  # Nee: Bert cannot on the second date
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # Desnoods on the third
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # Nee on the fourth
    page.keyboard.press("Tab")  # to "Antwoorden opslaan"
    expect(page.get_by_role("button", name="Antwoorden opslaan")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Dank u, uw antwoorden zijn opgeslagen.")).to_be_visible()
    assert dict(
        PollAnswer.objects.filter(person=bert).values_list("option__starts_at", "answer")
    ) == {
        options[0].starts_at: "yes",
        options[1].starts_at: "no",
        options[2].starts_at: "if_need_be",
        options[3].starts_at: "no",
    }

    # Everyone has answered: the facilitator is told, once.
    told = [
        m for m in mail.outbox if m.subject == "Iedereen heeft geantwoord: Voorjaarsbijeenkomst"
    ]
    assert [m.to for m in told] == [[fenna.email]]

    # Bert sees everyone's answers and the best date: the first (2 yes, 1 if need be) beats
    # the second (2 yes, 1 no); nobody can come on the fourth.
    table = page.get_by_role("region", name="Antwoorden per deelnemer en datum")
    expect(table).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("Anna Aalbers"))).to_contain_text("Desnoods")
    expect(page.locator("#best-date")).to_contain_text(_legend(options[0].starts_at))
    expect(page.get_by_text("Ja: Bert Bakker, Fenna Facilitator")).to_be_visible()
    expect(page.get_by_text("Nee: Anna Aalbers, Bert Bakker, Fenna Facilitator")).to_have_count(1)

    # The facilitator picks the best date; the meeting form comes filled in.
    _logout(page)
    mail.outbox.clear()
    login(page, live_server, fenna.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}{poll.get_absolute_url()}")
    assert_accessible(page)
    page.get_by_role("link", name=f"Plannen op {_legend(options[0].starts_at)}").click()
    page.get_by_label("Locatie", exact=False).fill("Utrecht")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_text("De bijeenkomst is gepland en de deelnemers zijn uitgenodigd.")
    ).to_be_visible()
    meeting = Meeting.objects.get()
    assert meeting.starts_at == options[0].starts_at
    # Exactly one mail per member: the invitation with the details.
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        (p.email, "Uitnodiging: Voorjaarsbijeenkomst (Verbindend Vernieuwen)")
        for p in (fenna, anna, bert)
    )

    # Before the start the attendance screen says when it opens.
    page.get_by_role("link", name="Aanwezigheid registreren").click()
    expect(page.get_by_text("Aanwezigheid kunt u registreren vanaf het begin")).to_be_visible()
    expect(page.get_by_role("button", name="Iedereen aanwezig")).to_have_count(0)

    # The day has come: the meeting began an hour ago.
    start = timezone.now() - datetime.timedelta(hours=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    page.reload()
    page.get_by_role("button", name="Iedereen aanwezig").click()
    expect(page.get_by_text("Iedereen is als aanwezig geregistreerd")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("radiogroup", name="Bert Bakker").get_by_label("Te laat").check()
    page.get_by_role("radiogroup", name="Anna Aalbers").get_by_label(
        "Afwezig zonder bericht"
    ).check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_text("De aanwezigheid is vastgelegd.")).to_be_visible()
    assert dict(
        Attendance.objects.filter(meeting=meeting).values_list("person__email", "status")
    ) == {fenna.email: "present", anna.email: "absent", bert.email: "late"}

    # The rates page and the export.
    page.goto(f"{live_server.url}/bijeenkomsten/netwerk/{network.slug}/aanwezigheid/")
    assert_accessible(page)
    expect(page.locator("#network-rate")).to_contain_text("67% aanwezig")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Downloaden als CSV").click()
    download = download_info.value
    assert download.suggested_filename == "aanwezigheid-verbindend-vernieuwen.csv"
    text = open(download.path(), encoding="utf-8-sig").read()
    lines = text.splitlines()
    assert lines[0] == "Datum;Bijeenkomst;Deelnemer;E-mailadres;Aanwezigheid"
    assert sorted(line.split(";", 2)[2] for line in lines[1:]) == sorted(
        [
            f"Anna Aalbers;{anna.email};Afwezig zonder bericht",
            f"Bert Bakker;{bert.email};Te laat",
            f"Fenna Facilitator;{fenna.email};Aanwezig",
        ]
    )


def test_facilitator_removes_a_date_row_with_the_keyboard_and_keeps_the_others(page, live_server):
    network = NetworkFactory(name="Verbindend Vernieuwen", slug="verbindend-vernieuwen")
    fenna = make_facilitator(network, first_name="Fenna", last_name="Facilitator")
    days = [timezone.localdate() + datetime.timedelta(days=d) for d in (21, 28, 35)]

    login(page, live_server, fenna.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/bijeenkomsten/netwerk/{network.slug}/prikken/nieuw/")
    page.get_by_label("Titel").fill("Voorjaarsbijeenkomst")
    for number, day in enumerate(days, start=1):
        page.get_by_label(f"Datum {number}", exact=True).fill(day.isoformat())
    # The second date no longer suits: its own button, named after its row, by keyboard.
    remove_second = page.get_by_role("button", name="Verwijderen: Datum 2", exact=True)
    remove_second.focus()
    page.keyboard.press("Enter")

    expect(page.get_by_label("Datum 3", exact=True)).to_have_count(0)
    expect(page.get_by_label("Datum 1", exact=True)).to_have_value(days[0].isoformat())
    second = page.get_by_label("Datum 2", exact=True)
    expect(second).to_have_value(days[2].isoformat())  # the third date moved up
    expect(second).to_be_focused()
    expect(page.get_by_label("Titel")).to_have_value("Voorjaarsbijeenkomst")
    assert_accessible(page)

    page.get_by_role("button", name="Datumprikker openen").click()
    expect(
        page.get_by_text("De datumprikker is geopend; de deelnemers krijgen bericht.")
    ).to_be_visible()
    with translation.override("nl"):
        shown = [
            formats.date_format(
                timezone.make_aware(datetime.datetime.combine(day, datetime.time(16))),
                "l j F Y H:i",
            )
            for day in days
        ]
    expect(page.get_by_role("group", name=shown[0])).to_be_visible()
    expect(page.get_by_role("group", name=shown[2])).to_be_visible()
    expect(page.get_by_role("group", name=shown[1])).to_have_count(0)
    poll = DatePoll.objects.get()
    assert [timezone.localtime(o.starts_at).date() for o in poll.options.all()] == [
        days[0],
        days[2],
    ]
