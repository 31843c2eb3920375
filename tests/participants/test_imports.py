import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from networks.enums import Access, Role
from networks.models import Membership
from participants.models import MemberImport, User
from tests.factories import NetworkFactory, SchoolFactory, make_facilitator, make_member

pytestmark = pytest.mark.django_db

GOOD = (
    "email,first_name,last_name,brin\n"
    "anna@school.nl,Anna,de Vries,01AB\n"
    "bram@school.nl,Bram,Jansen,\n"
    "carla@school.nl,Carla,Bakker,01AB\n"
)


@pytest.fixture
def setup(client):
    network = NetworkFactory(slug="verbindend-vernieuwen")
    SchoolFactory(brin_code="01AB")
    facilitator = make_facilitator(network)
    client.force_login(facilitator)
    return network


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    """Upload as the facilitator; the check runs (eagerly, after the commit) and the browser
    lands on the job page. A file refused at the field stays on the form."""

    def post(network, content: bytes, name="leden.csv"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("participants:import", args=[network.slug]),
                {"file": SimpleUploadedFile(name, content)},
            )
        if response.status_code != 302:
            return response
        return client.get(response["Location"])

    return post


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    """Press the confirm button on the latest job page of the network."""

    def post(network):
        job = MemberImport.objects.filter(network=network).latest("created_at")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(job.get_absolute_url())
        if response.status_code != 302:
            return response
        return client.get(response["Location"])

    return post


def _members(network):
    return set(
        Membership.objects.filter(network=network, role=Role.PARTICIPANT).values_list(
            "person__email", flat=True
        )
    )


def test_good_file_previews_without_saving(client, setup, upload):
    response = upload(setup, GOOD.encode())

    body = response.content.decode()
    assert "3 leden importeren" in body
    assert "anna@school.nl" in body
    assert User.objects.filter(email="anna@school.nl").count() == 0


def test_good_file_imports_every_row_after_confirm(client, setup, upload, confirm):
    upload(setup, GOOD.encode())

    response = confirm(setup)

    assert _members(setup) == {"anna@school.nl", "bram@school.nl", "carla@school.nl"}
    assert User.objects.get(email="anna@school.nl").school.brin_code == "01AB"
    assert "Er zijn 3 leden geïmporteerd." in response.content.decode()


def test_excel_file_imports(client, setup, upload, confirm):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["E-mailadres", "Voornaam", "Achternaam", "BRIN"])
    sheet.append(["dirk@school.nl", "Dirk", "Smit", "01AB"])
    buffer = io.BytesIO()
    book.save(buffer)

    upload(setup, buffer.getvalue(), name="leden.xlsx")
    confirm(setup)

    assert _members(setup) == {"dirk@school.nl"}


def test_semicolon_csv_from_dutch_excel_imports(client, setup, upload, confirm):
    upload(setup, b"voornaam;achternaam;e-mailadres\nEva;Mol;eva@school.nl\n")
    confirm(setup)

    assert _members(setup) == {"eva@school.nl"}


def test_existing_person_keeps_own_name_and_joins(client, setup, upload, confirm):
    person = make_member(NetworkFactory(), first_name="Anna", last_name="Origineel")
    upload(setup, f"email,first_name,last_name\n{person.email},X,Y\n".encode())
    confirm(setup)

    person.refresh_from_db()
    assert person.last_name == "Origineel"
    assert person.email in _members(setup)


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (
            "anna@school.nl,Anna2,Herhaald,",
            "Rij 5: het adres anna@school.nl komt dubbel voor (ook op rij 2).",
        ),
        ("dora@school.nl,Dora,Dijk,99ZZ", "Rij 5: onbekende school (BRIN 99ZZ)."),
        ("dora@school.nl,,Dijk,", "Rij 5: de naam is leeg."),
        ("geen-adres,Dora,Dijk,", "Rij 5: “geen-adres” is geen geldig e-mailadres."),
        ("lid@school.nl,Lid,Al,", "Rij 5: lid@school.nl is al lid van dit netwerk."),
    ],
)
def test_one_bad_row_imports_none_and_names_row_and_problem(
    client, setup, bad_row, message, upload, confirm
):
    make_member(setup, email="lid@school.nl")
    before = User.objects.count()

    response = upload(setup, (GOOD + bad_row + "\n").encode())
    confirm = confirm(setup)

    assert response.context["job"].errors == [message]
    assert message in response.content.decode()
    assert "Het bestand bevat fouten: er is niets geïmporteerd." in response.content.decode()
    assert User.objects.count() == before
    assert _members(setup) == {"lid@school.nl"}
    assert "Upload het bestand opnieuw." in confirm.content.decode()


def test_missing_columns_are_named(client, setup, upload):
    response = upload(setup, b"email,naam\na@b.nl,Anna\n")

    assert response.context["job"].errors == [
        "Het bestand mist de kolom(men) first_name, last_name. "
        "Gebruik: email, first_name, last_name, brin."
    ]


def test_wrong_extension_error_at_field(client, setup, upload):
    response = upload(setup, b"x", name="leden.pdf")

    assert response.context["form"].errors["file"] == ["Kies een .csv- of .xlsx-bestand."]


def test_closed_started_network_refuses_import(client, upload):
    network = NetworkFactory(access=Access.CLOSED)
    client.force_login(make_facilitator(network))

    response = upload(network, GOOD.encode())

    assert "gesloten netwerk" in response.context["job"].errors[0]
    assert _members(network) == set()


def test_import_page_404_for_participant(client):
    network = NetworkFactory()
    client.force_login(make_member(network))

    response = client.get(reverse("participants:import", args=[network.slug]))

    assert response.status_code == 404


def test_confirm_checks_again_all_or_nothing(client, setup, upload, confirm):
    upload(setup, GOOD.encode())
    # Meanwhile one of them became a member: the whole import is refused.
    make_member(setup, email="carla@school.nl")

    response = confirm(setup)

    assert "Rij 4: carla@school.nl is al lid van dit netwerk." in response.content.decode()
    assert _members(setup) == {"carla@school.nl"}
    assert User.objects.filter(email="anna@school.nl").count() == 0


def test_windows_excel_csv_encoding_imports(client, setup, upload, confirm):
    content = "email;voornaam;achternaam\nzoe@school.nl;Zoë;Ruïne\n".encode("cp1252")

    upload(setup, content)
    confirm(setup)

    assert User.objects.get(email="zoe@school.nl").first_name == "Zoë"


def test_unreadable_excel_error_at_field(client, setup, upload):
    response = upload(setup, b"not really a spreadsheet", name="leden.xlsx")

    assert response.context["form"].errors["file"] == [
        "Dit bestand is niet te lezen als CSV of Excel."
    ]


def test_imported_people_are_told_and_new_accounts_can_set_a_password(
    client, setup, django_capture_on_commit_callbacks, mailoutbox, upload, confirm
):
    person = make_member(NetworkFactory(), first_name="Anna", last_name="Bestaand")
    rows = f"email,first_name,last_name\n{person.email},X,Y\nbram@school.nl,Bram,Jansen\n"
    upload(setup, rows.encode())
    with django_capture_on_commit_callbacks(execute=True):
        confirm(setup)

    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {person.email, "bram@school.nl"}
    new = by_address["bram@school.nl"]
    assert new.subject == f"U bent toegevoegd aan het leernetwerk {setup.name}"
    assert "Kies hier uw wachtwoord:" in new.body
    link = next(line for line in new.body.splitlines() if "/account/wachtwoord-herstellen/" in line)
    existing = by_address[person.email]
    assert "wachtwoord-herstellen" not in existing.body
    assert f"/netwerken/{setup.slug}/" in existing.body

    # The link lets Bram choose a password and sign in with it.
    client.logout()
    form = client.get(link.strip().removeprefix("http://127.0.0.1:8000"), follow=True)
    assert form.status_code == 200
    client.post(
        form.redirect_chain[-1][0],
        {"password1": "Zelf-gekozen-2026", "password2": "Zelf-gekozen-2026"},
    )
    assert User.objects.get(email="bram@school.nl").check_password("Zelf-gekozen-2026")
    # Choosing the password from the mailed link proved the address: he can sign in.
    response = client.post(
        "/account/inloggen/", {"login": "bram@school.nl", "password": "Zelf-gekozen-2026"}
    )
    assert response["Location"] == "/mijn/"


def test_failed_import_mails_nobody(
    client, setup, django_capture_on_commit_callbacks, mailoutbox, upload, confirm
):
    upload(setup, (GOOD + "geen-adres,Dora,Dijk,\n").encode())
    with django_capture_on_commit_callbacks(execute=True):
        confirm(setup)
    assert mailoutbox == []
