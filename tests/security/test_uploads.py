"""Uploads (issue 10, security 3; bad input 2 and 4): every upload has a size limit, an .xlsx
is refused on its unpacked size and row count before it is parsed, the error list is capped,
cells that do not fit their column are refused per row, and names that look like formulas are
announced in the preview. Nothing is stored when a file is refused."""

import io
import time
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluations import services as evaluation_services
from evaluations.models import Ballot
from networks.enums import Role
from networks.models import Membership
from participants.models import User
from tests.factories import NetworkFactory, make_facilitator, make_staff

pytestmark = pytest.mark.django_db
HEADER = "email,first_name,last_name,brin\n"


@pytest.fixture
def network(client):
    network = NetworkFactory(slug="verbindend-vernieuwen")
    client.force_login(make_facilitator(network))
    return network


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    """Upload a member file: a file refused at the field stays on the form (200); otherwise
    the background check runs (eagerly, after the commit) and this is the job page."""

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


def _participants(network) -> int:
    return Membership.objects.filter(network=network, role=Role.PARTICIPANT).count()


def _file_errors(response) -> list[str]:
    return response.context["form"].errors.get("file", [])


def _job_errors(response) -> list[str]:
    """The errors on the job page, where the background check puts what it found."""
    return response.context["job"].errors


def _xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_zip_bomb_xlsx_is_refused_quickly_before_parsing(client, network, upload):
    sheet = _xlsx([["email", "first_name", "last_name"], ["a@school.nl", "Anna", "Vries"]])
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(sheet)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in source.infolist():
            bomb.writestr(info, source.read(info))
        # 300 MB of padding that deflates to a few hundred kB.
        with bomb.open("xl/media/padding.bin", "w", force_zip64=True) as padding:
            for _ in range(300):
                padding.write(b"\0" * (1024 * 1024))
    content = buffer.getvalue()
    assert len(content) < 2 * 1024 * 1024
    client.get(reverse("participants:import", args=[network.slug]))  # the page first, as a person
    started = time.monotonic()
    response = upload(network, content, name="leden.xlsx")
    elapsed = time.monotonic() - started
    assert elapsed < 5, elapsed
    assert response.status_code == 200
    assert _file_errors(response) == [
        "Uitgepakt is dit Excel-bestand 300,0\xa0MB groot, meer dan de toegestane 20,0\xa0MB. "
        "Splits het in kleinere bestanden."
    ]
    assert _participants(network) == 0


def test_xlsx_with_more_rows_than_allowed_is_refused(client, network, upload):
    rows = [["email", "first_name", "last_name"]]
    rows += [[f"p{n}@school.nl", "Piet", f"Nummer {n}"] for n in range(5001)]
    response = upload(network, _xlsx(rows), name="leden.xlsx")
    assert _job_errors(response) == [
        "Het bestand heeft meer dan 5000 rijen. Splits het in kleinere bestanden."
    ]
    assert User.objects.filter(first_name="Piet").count() == 0


def test_csv_with_more_rows_than_allowed_is_refused(client, network, upload):
    body = HEADER + "".join(f"p{n}@x.nl,Piet,Nr{n},\n" for n in range(5001))
    response = upload(network, body.encode())
    assert _job_errors(response) == [
        "Het bestand heeft meer dan 5000 rijen. Splits het in kleinere bestanden."
    ]


def test_member_import_larger_than_the_limit_is_refused(client, network, upload):
    response = upload(network, b"x" * (2 * 1024 * 1024 + 1))
    assert _file_errors(response) == ["Het bestand is groter dan 2,0\xa0MB."]


def test_member_import_errors_are_capped_with_a_count_of_the_rest(client, network, upload):
    body = HEADER + "".join(f"geen-adres-{n},Piet,Nr{n},\n" for n in range(120))
    response = upload(network, body.encode())
    errors = _job_errors(response)
    assert len(errors) == 51
    assert errors[-1] == (
        "… en nog 70 fouten. Verbeter eerst deze en controleer het bestand opnieuw."
    )
    assert _participants(network) == 0


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("anna@school.nl,An\x00na,Vries,", "de voornaam bevat een regeleinde of een stuurteken"),
        ('anna@school.nl,"An\nna",Vries,', "de voornaam bevat een regeleinde of een stuurteken"),
        (f"anna@school.nl,{'a' * 10000},Vries,", "de voornaam is langer dan 100 tekens"),
        (f"anna@school.nl,Anna,{'b' * 151},", "de achternaam is langer dan 150 tekens"),
        (f"{'x' * 300}@school.nl,Anna,Vries,", "het e-mailadres is langer dan 254 tekens"),
        ("anna\x00@school.nl,Anna,Vries,01\x00B", "het e-mailadres bevat een regeleinde"),
    ],
)
def test_member_import_refuses_what_the_columns_cannot_hold(client, network, row, message, upload):
    response = upload(network, (HEADER + row + "\n").encode())
    assert response.status_code == 200
    errors = _job_errors(response)
    assert len(errors) == 1
    assert errors[0].startswith("Rij 2: ")
    assert message in errors[0]
    assert message in response.content.decode()
    assert _participants(network) == 0


def test_import_preview_says_formula_like_names_are_neutralised_on_export(client, network, upload):
    body = HEADER + "anna@school.nl,=HYPERLINK(1),Vries,\nbram@school.nl,Bram,Jansen,\n"
    response = upload(network, body.encode())
    content = response.content.decode()
    assert response.context["job"].status == "checked"
    assert "Sommige namen beginnen met =, +, - of @" in content
    assert [r["neutralised_on_export"] for r in response.context["rows"]] == [True, False]


def test_import_preview_without_formula_like_names_has_no_note(client, network, upload):
    response = upload(network, (HEADER + "anna@school.nl,Anna,Vries,\n").encode())
    assert "Sommige namen beginnen met" not in response.content.decode()


# --- the ballot import ------------------------------------------------------------------


@pytest.fixture
def survey(client):
    client.force_login(make_staff())
    return evaluation_services.create_survey(by=None, name="Top 3", forms=["A", "B"])


@pytest.fixture
def ballots(client, django_capture_on_commit_callbacks):
    """Upload a ballot file: a file refused at the field stays on the form (200); otherwise
    the import task runs (eagerly, after the commit) and this is the job page."""

    def post(survey, content: bytes):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("evaluations:ballot-import", args=[survey.slug]),
                {"file": SimpleUploadedFile("stemmen.csv", content)},
            )
        if response.status_code != 302:
            return response
        return client.get(response["Location"])

    return post


BALLOT_HEADER = "respondent,choice_1,choice_2,choice_3\n"


def test_ballot_import_larger_than_the_limit_is_refused(client, survey, ballots):
    content = (BALLOT_HEADER + "r,A,,\n" * 400_000).encode()
    assert len(content) > 2 * 1024 * 1024
    response = ballots(survey, content)
    assert _file_errors(response) == ["Het bestand is groter dan 2,0\xa0MB."]
    assert Ballot.objects.count() == 0


def test_ballot_import_with_a_respondent_longer_than_its_column_is_refused(client, survey, ballots):
    response = ballots(survey, (BALLOT_HEADER + "r" * 10000 + ",A,,\n").encode())
    assert _job_errors(response) == [
        "Het bestand is geweigerd; er is niets opgeslagen.",
        "regel 2: De respondent is langer dan 100 tekens.",
    ]
    assert Ballot.objects.count() == 0


def test_ballot_import_errors_are_capped(client, survey, ballots):
    body = BALLOT_HEADER + "".join(f"r{n},Onbekend,,\n" for n in range(200))
    errors = _job_errors(ballots(survey, body.encode()))
    assert len(errors) == 52  # the refusal, 50 lines, and the count of the rest
    assert errors[-1] == (
        "… en nog 150 fouten. Verbeter eerst deze en controleer het bestand opnieuw."
    )
    assert Ballot.objects.count() == 0


def test_ballot_import_with_a_line_break_in_a_cell_is_refused(client, survey, ballots):
    response = ballots(survey, (BALLOT_HEADER + '"r1\nBcc",A,,\n').encode())
    assert _job_errors(response)[1] == ("regel 2: Een cel bevat een regeleinde of een stuurteken.")
    assert Ballot.objects.count() == 0
