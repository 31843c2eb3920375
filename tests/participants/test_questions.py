import datetime

import pytest
from django.urls import reverse

from participants.enums import QuestionStatus, Visibility
from participants.models import LearningQuestion, ReflectionEntry
from tests.factories import (
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    competence,
    make_facilitator,
    make_member,
)

pytestmark = pytest.mark.django_db


def _data(network=None, **overrides):
    data = {
        "title": "Hoe geef ik ruimte binnen kaders?",
        "description": "",
        "goal": "Leerlingen werken zelfstandig.",
        "competences": [competence(2).pk],
        "networks": [network.pk] if network else [],
        "visibility": Visibility.PRIVATE,
        "status": QuestionStatus.OPEN,
    }
    data.update(overrides)
    return data


def test_create_question_defaults_private(client):
    network = NetworkFactory()
    person = make_member(network)
    client.force_login(person)

    response = client.get(reverse("participants:question-create"))

    assert response.context["form"]["visibility"].value() == Visibility.PRIVATE


def test_create_question_with_links(client):
    network = NetworkFactory()
    person = make_member(network)
    client.force_login(person)

    response = client.post(reverse("participants:question-create"), _data(network), follow=True)

    question = LearningQuestion.objects.get()
    assert question.owner == person
    assert list(question.networks.all()) == [network]
    assert list(question.competences.all()) == [competence(2)]
    body = response.content.decode()
    assert "Uw leervraag is opgeslagen." in body
    assert "beschrijft dus misschien een middel" not in body


def test_goal_without_leerlingen_gives_hint_but_saves(client):
    person = make_member(NetworkFactory())
    client.force_login(person)

    response = client.post(
        reverse("participants:question-create"),
        _data(goal="De klassencomputers effectief gebruiken in de dagelijkse lessen."),
        follow=True,
    )

    assert LearningQuestion.objects.count() == 1
    body = response.content.decode()
    assert "Uw doel begint niet met “Leerlingen”" in body
    assert "beschrijft dus misschien een middel" in body


def test_cannot_link_network_of_which_not_member(client):
    person = make_member(NetworkFactory())
    client.force_login(person)

    response = client.post(reverse("participants:question-create"), _data(NetworkFactory()))

    assert "networks" in response.context["form"].errors
    assert LearningQuestion.objects.count() == 0


def test_sharing_without_network_error_at_field(client):
    person = make_member(NetworkFactory())
    client.force_login(person)

    response = client.post(
        reverse("participants:question-create"), _data(visibility=Visibility.FACILITATOR)
    )

    assert response.context["form"].errors["networks"] == [
        "Koppel de leervraag aan minstens één netwerk om haar te delen."
    ]
    assert LearningQuestion.objects.count() == 0


def test_empty_title_error_at_field(client):
    person = make_member(NetworkFactory())
    client.force_login(person)

    response = client.post(reverse("participants:question-create"), _data(title=""))

    assert response.context["form"].errors["title"] == ["Dit veld is vereist."]
    assert LearningQuestion.objects.count() == 0


def test_update_by_other_is_404(client):
    question = LearningQuestionFactory()
    client.force_login(make_member(NetworkFactory()))

    response = client.post(
        reverse("participants:question-update", args=[question.pk]), _data(title="Gekaapt")
    )

    assert response.status_code == 404
    question.refresh_from_db()
    assert question.title != "Gekaapt"


def test_facilitator_cannot_edit_shared_question(client):
    network = NetworkFactory()
    question = LearningQuestionFactory(
        owner=make_member(network), visibility=Visibility.FACILITATOR
    )
    question.networks.add(network)
    client.force_login(make_facilitator(network))

    assert (
        client.get(reverse("participants:question-detail", args=[question.pk])).status_code == 200
    )
    assert (
        client.get(reverse("participants:question-update", args=[question.pk])).status_code == 404
    )


def test_delete_asks_confirmation_then_deletes(client):
    question = LearningQuestionFactory()
    client.force_login(question.owner)
    url = reverse("participants:question-delete", args=[question.pk])

    page = client.get(url)
    response = client.post(url, follow=True)

    assert "Wilt u" in page.content.decode()
    assert LearningQuestion.objects.count() == 0
    assert "Uw leervraag is verwijderd." in response.content.decode()


def test_reflection_tied_to_meeting_of_linked_network(client):
    network = NetworkFactory()
    person = make_member(network)
    question = LearningQuestionFactory(owner=person)
    question.networks.add(network)
    meeting = MeetingFactory(network=network)
    client.force_login(person)

    response = client.post(
        reverse("participants:reflection-create", args=[question.pk]),
        {"date": "2026-11-01", "note": "Mooie casus besproken.", "meeting": meeting.pk},
        follow=True,
    )

    entry = ReflectionEntry.objects.get()
    assert (entry.date, entry.meeting) == (datetime.date(2026, 11, 1), meeting)
    assert "Mooie casus besproken." in response.content.decode()


def test_reflection_meeting_of_other_network_refused(client):
    person = make_member(NetworkFactory())
    question = LearningQuestionFactory(owner=person)
    client.force_login(person)

    response = client.post(
        reverse("participants:reflection-create", args=[question.pk]),
        {"date": "2026-11-01", "note": "x", "meeting": MeetingFactory().pk},
    )

    assert "meeting" in response.context["form"].errors
    assert ReflectionEntry.objects.count() == 0


def test_reflection_empty_note_error_at_field(client):
    question = LearningQuestionFactory()
    client.force_login(question.owner)

    response = client.post(
        reverse("participants:reflection-create", args=[question.pk]),
        {"date": "2026-11-01", "note": ""},
    )

    assert response.context["form"].errors["note"] == ["Dit veld is vereist."]


def test_question_list_anonymous_redirects(client):
    response = client.get(reverse("participants:question-list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("count", [1, 12])
def test_question_list_query_count(client, django_assert_num_queries, count):
    network = NetworkFactory()
    person = make_member(network)
    for _ in range(count):
        LearningQuestionFactory(owner=person).networks.add(network)
    client.force_login(person)
    client.get(reverse("participants:question-list"))

    with django_assert_num_queries(9):
        response = client.get(reverse("participants:question-list"))

    assert len(response.context["object_list"]) == count


def test_visible_to_and_predicate_agree():
    network = NetworkFactory()
    owner = make_member(network)
    viewers = [
        owner,
        make_member(network),
        make_facilitator(network),
        make_member(NetworkFactory()),
    ]
    questions = []
    for visibility in Visibility.values:
        q = LearningQuestionFactory(owner=owner, visibility=visibility)
        q.networks.add(network)
        questions.append(q)
    for viewer in viewers:
        via_queryset = set(LearningQuestion.objects.visible_to(viewer))
        via_rule = {
            q for q in questions if viewer.has_perm("participants.view_learningquestion", q)
        }
        assert via_queryset == via_rule


@pytest.mark.parametrize(
    ("goal", "hinted"),
    [
        ("De klassencomputers effectief gebruiken.", True),
        ("Leerlingen kunnen zelfstandig oefenen.", False),
        ("", False),
    ],
)
def test_goal_hint_endpoint(client, goal, hinted):
    client.force_login(make_member(NetworkFactory()))

    response = client.post(reverse("participants:goal-hint"), {"goal": goal})

    assert ("beschrijft dus misschien een middel" in response.content.decode()) is hinted


def test_form_rerendered_with_errors_shows_goal_hint_next_to_goal(client):
    client.force_login(make_member(NetworkFactory()))

    response = client.post(
        reverse("participants:question-create"), _data(title="", goal="Meer computers.")
    )

    body = response.content.decode()
    assert body.index('id="id_goal"') < body.index("beschrijft dus misschien een middel")
    assert body.index("beschrijft dus misschien een middel") < body.index('id="id_competences')
    assert LearningQuestion.objects.count() == 0


def test_goal_hint_is_not_an_error(client):
    client.force_login(make_member(NetworkFactory()))

    response = client.post(reverse("participants:question-create"), _data(goal="Meer computers."))

    assert response.status_code == 302
    assert LearningQuestion.objects.get().goal == "Meer computers."
