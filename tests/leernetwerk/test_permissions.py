"""The one access rule every app's views share (leernetwerk.permissions)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.views import View

from leernetwerk.permissions import PermissionOr404Mixin
from tests.factories import UserFactory, make_staff

pytestmark = pytest.mark.django_db


class StaffPage(PermissionOr404Mixin, View):
    permission_required = "participants.view_people"

    def get(self, request):
        return HttpResponse("Personen")


class ChoosingPage(StaffPage):
    """Chooses its permission while loading the object, as the evaluation reports do."""

    permission_required = "participants.view_people"

    def get_permission_object(self):
        self.permission_required = "participants.no_such_permission"
        return None


def _get(view, user, rf):
    request = rf.get("/personen/?pagina=2")
    request.user = user
    return view.as_view()(request)


def test_anonymous_goes_to_the_login_page_and_comes_back(rf):
    response = _get(StaffPage, AnonymousUser(), rf)
    assert response.status_code == 302
    assert response.url == "/account/inloggen/?next=/personen/%3Fpagina%3D2"


def test_without_the_permission_the_page_does_not_exist(rf):
    with pytest.raises(Http404):
        _get(StaffPage, UserFactory(), rf)


def test_with_the_permission_the_page_answers(rf):
    assert _get(StaffPage, make_staff(), rf).content == b"Personen"


def test_permission_chosen_while_loading_the_object_is_the_one_checked(rf):
    with pytest.raises(Http404):
        _get(ChoosingPage, make_staff(), rf)
