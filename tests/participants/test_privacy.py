import json

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Count
from django.urls import reverse

from meetings.models import Attendance
from networks.models import Membership
from participants.enums import ERASED_NAME, AuditAction, Visibility
from participants.models import AuditLog, BCScan, Invitation, LearningQuestion, User
from tests.factories import (
    DEFAULT_PASSWORD,
    AttendanceFactory,
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_staff,
)
from tests.factories.participants import BCScanFactory, InvitationFactory, ReflectionFactory

pytestmark = pytest.mark.django_db

NAME_FIRST, NAME_LAST = "Xylofina", "Qwertyzoon"
EMAIL = "wilhelmina.zeldzaam@school.example.nl"


@pytest.fixture
def person():
    network = NetworkFactory(slug="netwerk-a")
    person = make_member(
        network, first_name=NAME_FIRST, last_name=NAME_LAST, email=EMAIL, phone="0612345678"
    )
    question = LearningQuestionFactory(owner=person, title="Vraag van Wilhelmina")
    question.networks.add(network)
    ReflectionFactory(question=question)
    BCScanFactory(owner=person)
    InvitationFactory(email=EMAIL, network=NetworkFactory())
    meeting = MeetingFactory(network=network)
    AttendanceFactory(meeting=meeting, person=person)
    AttendanceFactory(meeting=meeting, person=make_member(network))
    return person


def test_privacy_page_is_public(client):
    response = client.get(reverse("participants:privacy"))

    assert response.status_code == 200
    assert "<h1>Privacyverklaring</h1>" in response.content.decode()


def test_export_holds_everything_and_is_audited(client, person):
    client.force_login(person)

    response = client.get(reverse("participants:data-export"))

    data = response.json()
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    assert data["participants"]["profile"]["email"] == EMAIL
    assert data["participants"]["profile"]["phone"] == "0612345678"
    assert [q["title"] for q in data["participants"]["learning_questions"]] == [
        "Vraag van Wilhelmina"
    ]
    assert len(data["participants"]["learning_questions"][0]["reflections"]) == 1
    assert len(data["participants"]["bc_scans"]) == 1
    assert len(data["participants"]["invitations"]) == 1
    assert (
        AuditLog.objects.filter(action=AuditAction.EXPORT_DATA, subject_id=person.pk).count() == 1
    )


def test_export_names_the_networks_a_scan_is_shared_with(client, person):
    network = person.memberships.get().network
    BCScanFactory(owner=person, visibility=Visibility.FACILITATOR, networks=[network])
    client.force_login(person)

    data = client.get(reverse("participants:data-export")).json()

    assert sorted(
        (scan["visibility"], scan["networks"]) for scan in data["participants"]["bc_scans"]
    ) == [("facilitator", [network.name]), ("private", [])]


def test_export_anonymous_redirects_to_login(client):
    response = client.get(reverse("participants:data-export"))

    assert response.status_code == 302


def _erase(client, person):
    client.force_login(person)
    return client.post(
        reverse("participants:erase-account"),
        {"confirm": "on", "password": DEFAULT_PASSWORD},
        follow=True,
    )


def _aggregates():
    return {
        "attendance": Attendance.objects.count(),
        "present_per_meeting": list(
            Attendance.objects.values("meeting").annotate(n=Count("pk")).values_list("meeting", "n")
        ),
        "memberships": Membership.objects.count(),
    }


def _all_text_in_tables(models) -> str:
    chunks = []
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
            chunks.extend(str(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_erasure_leaves_no_name_or_address_and_keeps_aggregates(client, person):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.create(
        user=make_staff(),
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message=f"Changed {EMAIL}",
    )
    before = _aggregates()
    person_id = person.pk

    response = _erase(client, person)

    assert "Uw account en persoonsgegevens zijn verwijderd." in response.content.decode()
    assert _aggregates() == before
    from django.contrib.admin.models import LogEntry as AdminLog

    tables = [*apps.get_app_config("participants").get_models(), AdminLog]
    text = _all_text_in_tables(tables)
    for needle in (NAME_FIRST, NAME_LAST, EMAIL, "0612345678", "Vraag van Wilhelmina"):
        assert needle not in text
    erased = User.objects.get(pk=person_id)
    assert erased.full_name == ERASED_NAME
    assert not erased.is_active
    assert not erased.has_usable_password()
    assert LearningQuestion.objects.filter(owner_id=person_id).count() == 0
    assert BCScan.objects.filter(owner_id=person_id).count() == 0
    assert Invitation.objects.filter(email=EMAIL).count() == 0
    assert (
        AuditLog.objects.filter(action=AuditAction.ERASE_PERSON, subject_id=person_id).count() == 1
    )


def test_erasure_no_page_or_export_shows_the_person(client, person):
    network = person.memberships.first().network
    facilitator = make_facilitator(network)
    staff = make_staff()
    person_id = person.pk
    _erase(client, person)

    pages = []
    for viewer in (facilitator, staff):
        client.force_login(viewer)
        for url in (
            reverse("networks:network-detail", args=[network.slug]),
            reverse("participants:network-members", args=[network.slug]),
            reverse("participants:people-list"),
            reverse("participants:person-detail", args=[person_id]),
            reverse("participants:audit-log"),
            reverse("participants:data-export"),
        ):
            response = client.get(url)
            pages.append(response.content.decode())
    text = "\n".join(pages)
    assert NAME_FIRST not in text and NAME_LAST not in text and EMAIL not in text
    assert ERASED_NAME in text


def test_erasure_removes_the_address_and_authenticators_kept_for_signing_in(client, person):
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={"secret": "A"})
    person_id = person.pk
    _erase(client, person)
    assert EmailAddress.objects.filter(email__iexact=EMAIL).count() == 0
    assert EmailAddress.objects.filter(user_id=person_id).count() == 0
    assert Authenticator.objects.filter(user_id=person_id).count() == 0


def test_erased_person_cannot_log_in(client, person):
    _erase(client, person)
    client.logout()

    response = client.post(reverse("account_login"), {"login": EMAIL, "password": DEFAULT_PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_erase_wrong_password_error_at_field_nothing_erased(client, person):
    client.force_login(person)

    response = client.post(
        reverse("participants:erase-account"), {"confirm": "on", "password": "fout"}
    )

    assert response.context["form"].errors["password"] == ["Dit wachtwoord klopt niet."]
    person.refresh_from_db()
    assert person.email == EMAIL


def test_erase_without_confirmation_error_at_field(client, person):
    client.force_login(person)

    response = client.post(reverse("participants:erase-account"), {"password": DEFAULT_PASSWORD})

    assert response.context["form"].errors["confirm"] == ["Dit veld is vereist."]
    person.refresh_from_db()
    assert person.is_active


def test_staff_view_of_person_is_audited(client, person):
    staff = make_staff()
    client.force_login(staff)

    response = client.get(reverse("participants:person-detail", args=[person.pk]))

    assert EMAIL in response.content.decode()
    entry = AuditLog.objects.get(action=AuditAction.VIEW_PERSON)
    assert (entry.actor, entry.subject_id, entry.subject_pseudonym) == (
        staff,
        person.pk,
        f"persoon #{person.pk}",
    )


def test_audit_log_page_staff_only(client, person):
    staff = make_staff()
    client.force_login(staff)
    client.get(reverse("participants:person-detail", args=[person.pk]))

    response = client.get(reverse("participants:audit-log"))

    assert "Gegevens van een persoon bekeken" in response.content.decode()
    client.force_login(person)
    assert client.get(reverse("participants:audit-log")).status_code == 404


@pytest.mark.parametrize("count", [1, 30])
def test_audit_log_query_count(client, django_assert_num_queries, count):
    staff = make_staff()
    AuditLog.objects.bulk_create(
        [AuditLog(actor=staff, action=AuditAction.VIEW_PERSON, subject_id=i) for i in range(count)]
    )
    client.force_login(staff)
    client.get(reverse("participants:audit-log"))  # warm caches

    with django_assert_num_queries(7):
        client.get(reverse("participants:audit-log"))


def test_learning_record_pdf_for_owner(client, person):
    client.force_login(person)
    question = person.learning_questions.get()
    scan = person.bc_scans.get()

    response = client.post(
        reverse("participants:learning-record"), {"questions": [question.pk], "scans": [scan.pk]}
    )

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_learning_record_refuses_someone_elses_question(client, person):
    other = make_member(NetworkFactory())
    client.force_login(other)
    question = person.learning_questions.get()

    response = client.post(reverse("participants:learning-record"), {"questions": [question.pk]})

    assert response.status_code == 200
    assert "questions" in response.context["form"].errors


def test_learning_record_html_lists_attended_meetings(person):
    from participants import selectors

    attended = list(selectors.attended_meetings(person))

    assert [a.person_id for a in attended] == [person.pk]


def test_export_json_is_valid_for_other_apps_missing(person):
    from participants.services import export_person_data

    data = export_person_data(person, by=person)

    assert json.loads(json.dumps(data, default=str))["participants"]["profile"]["email"] == EMAIL


def test_learning_record_html_holds_chosen_items_only(person):
    from participants.record import learning_record_html

    chosen = person.learning_questions.get()
    LearningQuestionFactory(owner=person, title="Niet gekozen vraag")
    foreign = LearningQuestionFactory(title="Vraag van een ander")
    meeting = person.attendances.get().meeting

    html = learning_record_html(person, questions=[chosen, foreign], scans=[])

    assert "Vraag van Wilhelmina" in html
    assert "Ik heb geleerd om eerst vragen te stellen." in html
    assert "Niet gekozen vraag" not in html and "Vraag van een ander" not in html
    assert meeting.title in html
    assert "<td>3,0</td>" in html
    assert "BC-Scan-uitslagen" not in html


def test_learning_record_html_includes_chosen_scan_chart(person):
    from participants.record import learning_record_html

    html = learning_record_html(person, questions=[], scans=[person.bc_scans.get()])

    assert "BC-Scan-uitslagen" in html
    assert 'src="data:image/svg+xml;base64,' in html


def test_erasure_ends_the_persons_other_sessions(client, person):
    from django.test import Client

    other_device = Client()
    other_device.force_login(person)
    _erase(client, person)

    response = other_device.get(reverse("participants:question-list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_admin_view_of_person_is_audited(client, person):
    admin = make_staff(is_staff=True, is_superuser=True)
    client.force_login(admin)

    response = client.get(f"/beheer/participants/user/{person.pk}/change/")

    assert response.status_code == 200
    entry = AuditLog.objects.get(action=AuditAction.VIEW_PERSON)
    assert (entry.actor, entry.subject_id, entry.detail) == (admin, person.pk, "beheer")
