import pytest
from django.urls import reverse

from networks.selectors import current_memberships_of
from participants.enums import AuditAction, Function, Region, Visibility
from participants.models import AuditLog, School
from tests.factories import (
    LearningQuestionFactory,
    NetworkFactory,
    SchoolFactory,
    UserFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)

pytestmark = pytest.mark.django_db


def _profile(person, **overrides):
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "function": Function.RECTOR,
        "school": person.school_id or "",
        "region": Region.UTRECHT,
        "phone": "030-1234567",
    }
    data.update(overrides)
    return data


def test_profile_edit_saves(client):
    person = make_member(NetworkFactory())
    school = SchoolFactory(name="Het Baken", brin_code="12XY")
    client.force_login(person)

    response = client.post(
        reverse("participants:profile"), _profile(person, school=school.pk), follow=True
    )

    person.refresh_from_db()
    assert (person.function, person.school, person.phone) == (
        Function.RECTOR,
        school,
        "030-1234567",
    )
    assert "Uw profiel is opgeslagen." in response.content.decode()


def test_profile_empty_last_name_error_at_field(client):
    person = make_member(NetworkFactory())
    client.force_login(person)

    response = client.post(reverse("participants:profile"), _profile(person, last_name=""))

    assert response.context["form"].errors["last_name"] == ["Dit veld is vereist."]


def test_profile_unapproved_school_of_someone_else_refused(client):
    person = make_member(NetworkFactory())
    other = SchoolFactory(brin_code="77QQ", is_approved=False)
    client.force_login(person)

    response = client.post(reverse("participants:profile"), _profile(person, school=other.pk))

    assert "school" in response.context["form"].errors


def test_school_search_filters_options_by_brin_and_name(client):
    SchoolFactory(name="Het Baken", brin_code="12XY", town="Almere")
    SchoolFactory(name="Stedelijk Lyceum", brin_code="34ZZ", town="Enschede")
    client.force_login(UserFactory(school=None))

    by_brin = client.get(reverse("participants:school-options"), {"q": "12xy"}).content.decode()
    by_name = client.get(reverse("participants:school-options"), {"q": "lyceum"}).content.decode()

    assert "Het Baken (12XY) – Almere" in by_brin and "Stedelijk" not in by_brin
    assert "Stedelijk Lyceum (34ZZ) – Enschede" in by_name and "Baken" not in by_name


def test_profile_page_search_without_js_filters_select(client):
    SchoolFactory(name="Het Baken", brin_code="12XY", town="Almere")
    SchoolFactory(name="Stedelijk Lyceum", brin_code="34ZZ", town="Enschede")
    client.force_login(UserFactory(school=None))

    body = client.get(reverse("participants:profile"), {"q": "Baken"}).content.decode()

    assert "Het Baken (12XY)" in body and "Stedelijk Lyceum" not in body


def test_propose_school_unapproved_and_set_on_profile(client):
    person = UserFactory(school=None)
    client.force_login(person)

    response = client.post(
        reverse("participants:school-propose"),
        {"name": "Nieuwe School", "brin_code": "99aa", "town": "Zwolle"},
        follow=True,
    )

    school = School.objects.get(brin_code="99AA")
    person.refresh_from_db()
    assert (school.is_approved, person.school) == (False, school)
    assert "de school is voorgesteld" in response.content.decode()
    assert "Nieuwe School (99AA) – Zwolle" in response.content.decode()


@pytest.mark.parametrize(
    ("brin", "message"),
    [
        ("ABCD", "Een BRIN-code bestaat uit twee cijfers en twee letters, bijvoorbeeld 01AB."),
        ("12XY", "Er bestaat al een school met deze BRIN-code: zoek haar op in de lijst."),
    ],
)
def test_propose_school_bad_brin_error_at_field(client, brin, message):
    SchoolFactory(brin_code="12XY")
    client.force_login(UserFactory())
    before = School.objects.count()

    response = client.post(
        reverse("participants:school-propose"), {"name": "X", "brin_code": brin, "town": "Y"}
    )

    assert response.context["form"].errors["brin_code"] == [message]
    assert School.objects.count() == before


def test_people_list_staff_only(client):
    person = make_member(NetworkFactory())
    client.force_login(person)

    assert client.get(reverse("participants:people-list")).status_code == 404
    client.logout()
    assert client.get(reverse("participants:people-list")).status_code == 302


def test_people_list_filters(client):
    network = NetworkFactory()
    anna = make_member(network, first_name="Anna", last_name="Aalbers", function=Function.RECTOR)
    make_member(NetworkFactory(), first_name="Bert", last_name="Bosqwz")
    client.force_login(make_staff(first_name="Sam", last_name="Staf"))

    by_network = client.get(reverse("participants:people-list"), {"network": network.pk})
    by_name = client.get(reverse("participants:people-list"), {"q": "bosqw"})
    by_function = client.get(reverse("participants:people-list"), {"function": Function.RECTOR})

    assert list(by_network.context["object_list"]) == [anna]
    assert [p.last_name for p in by_name.context["object_list"]] == ["Bosqwz"]
    assert list(by_function.context["object_list"]) == [anna]


@pytest.mark.parametrize("count", [1, 30])
def test_people_list_query_count(client, django_assert_num_queries, count):
    network = NetworkFactory()
    for _ in range(count):
        make_member(network)
    client.force_login(make_staff())
    client.get(reverse("participants:people-list"))

    with django_assert_num_queries(8):
        client.get(reverse("participants:people-list"))


def test_person_detail_participant_404(client):
    person = make_member(NetworkFactory())
    client.force_login(make_member(NetworkFactory()))

    assert client.get(reverse("participants:person-detail", args=[person.pk])).status_code == 404
    assert AuditLog.objects.count() == 0


@pytest.mark.parametrize("maker", [make_facilitator, make_penvoerder])
def test_member_list_for_organisers(client, maker):
    network = NetworkFactory()
    member = make_member(network, phone="06-11112222")
    client.force_login(maker(network))

    response = client.get(reverse("participants:network-members", args=[network.slug]))

    body = response.content.decode()
    assert member.email in body and "06-11112222" in body


def test_member_list_participant_and_other_facilitator_404(client):
    network = NetworkFactory()
    for viewer in (make_member(network), make_facilitator(NetworkFactory())):
        client.force_login(viewer)
        assert (
            client.get(reverse("participants:network-members", args=[network.slug])).status_code
            == 404
        )


def test_member_list_staff_view_is_audited(client):
    network = NetworkFactory(slug="netwerk-x")
    make_member(network)
    client.force_login(make_staff())

    client.get(reverse("participants:network-members", args=[network.slug]))

    assert AuditLog.objects.get().action == AuditAction.VIEW_MEMBER_LIST


@pytest.mark.parametrize("count", [1, 20])
def test_member_list_query_count(client, django_assert_num_queries, count):
    network = NetworkFactory()
    for _ in range(count):
        make_member(network)
    facilitator = make_facilitator(network)
    client.force_login(facilitator)
    client.get(reverse("participants:network-members", args=[network.slug]))

    # 10 for the members, 2 for the waiting list and the places taken.
    with django_assert_num_queries(10):
        client.get(reverse("participants:network-members", args=[network.slug]))


def test_shared_questions_page_for_facilitator(client):
    network = NetworkFactory()
    owner = make_member(network, first_name="Olga")
    shared = LearningQuestionFactory(
        owner=owner, title="Gedeelde vraag", visibility=Visibility.FACILITATOR
    )
    private = LearningQuestionFactory(owner=owner, title="Geheime vraag")
    for q in (shared, private):
        q.networks.add(network)
    client.force_login(make_facilitator(network))

    body = client.get(
        reverse("participants:shared-questions", args=[network.slug])
    ).content.decode()

    assert "Gedeelde vraag" in body and "Geheime vraag" not in body


@pytest.mark.parametrize("count", [1, 10])
def test_shared_questions_query_count(client, django_assert_num_queries, count):
    network = NetworkFactory()
    for _ in range(count):
        q = LearningQuestionFactory(owner=make_member(network), visibility=Visibility.NETWORK)
        q.networks.add(network)
    client.force_login(make_facilitator(network))
    url = reverse("participants:shared-questions", args=[network.slug])
    client.get(url)

    with django_assert_num_queries(10):
        response = client.get(url)

    assert len(response.context["questions"]) == count


def test_shared_questions_outsider_404(client):
    network = NetworkFactory()
    client.force_login(make_member(NetworkFactory()))

    assert (
        client.get(reverse("participants:shared-questions", args=[network.slug])).status_code == 404
    )


@pytest.mark.parametrize("count", [1, 8])
def test_start_page_section_fixed_queries(client, django_assert_num_queries, count):
    network = NetworkFactory()
    person = make_member(network)
    for _ in range(count):
        LearningQuestionFactory(owner=person)
    client.force_login(person)
    client.get(reverse("networks:my-networks"))

    # 17: the start page also lists open date polls (main, one query) and the person's open
    # actions from minutes (one query).
    with django_assert_num_queries(15):
        response = client.get(reverse("networks:my-networks"))

    assert "open leervra" in response.content.decode()


@pytest.mark.parametrize("count", [1, 8])
def test_network_page_section_fixed_queries(client, django_assert_num_queries, count):
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    for _ in range(count):
        q = LearningQuestionFactory(owner=make_member(network), visibility=Visibility.FACILITATOR)
        q.networks.add(network)
    client.force_login(facilitator)
    url = reverse("networks:network-detail", args=[network.slug])
    client.get(url)

    # 22: the section also asks whether the viewer may open the shared questions page.
    # 23 since the polls merge on main (main itself answers 23 against its 22).
    with django_assert_num_queries(21):
        response = client.get(url)

    body = response.content.decode()
    assert f"{count} leervra" in body
    assert "Lid uitnodigen" in body


@pytest.mark.parametrize("count", [1, 6])
def test_shared_questions_tag_for_meeting_preparation(rf, django_assert_num_queries, count):
    from django.template import Context, Template

    network = NetworkFactory()
    owner = make_member(network)
    for n in range(count):
        q = LearningQuestionFactory(
            owner=owner, title=f"Gedeeld {n}", visibility=Visibility.FACILITATOR
        )
        q.networks.add(network)
    LearningQuestionFactory(owner=owner, title="Geheim").networks.add(network)
    request = rf.get("/")
    request.user = make_facilitator(network)
    # As on a page: the request's user carries her memberships, read once by the page's
    # permission checks (leernetwerk.middleware.ViewerMemoMiddleware).
    request.user.request_memo = {}
    current_memberships_of(request.user)
    template = Template(
        "{% load participants_slots %}{% participants_shared_questions network heading_level=3 %}"
    )

    with django_assert_num_queries(2):
        html = template.render(Context({"request": request, "network": network}))

    assert html.count("Gedeeld ") == count
    assert "Geheim" not in html
    assert "<h3" in html
