"""The one view base: a service's ValidationError lands at the field it names, nothing else
happens; a result becomes the success message and a redirect."""

from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from leernetwerk.views import ServiceFormView, call_service


class TitleForm(forms.Form):
    title = forms.CharField()


class TitleView(ServiceFormView):
    form_class = TitleForm
    template_name = "base.html"
    success_url = "/klaar/"
    calls: list = []

    def perform(self, form):
        if form.cleaned_data["title"] == "bezet":
            raise ValidationError({"title": "Deze titel is al in gebruik."})
        if form.cleaned_data["title"] == "algemeen":
            raise ValidationError("Er ging iets mis.")
        self.calls.append(form.cleaned_data["title"])
        return form.cleaned_data["title"]

    def get_success_message(self, result):
        return f"{result} is opgeslagen."


def _post(title):
    request = RequestFactory().post("/", {"title": title})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request, TitleView.as_view()(request)


def test_a_field_error_from_the_service_lands_at_that_field():
    TitleView.calls = []
    request, response = _post("bezet")
    assert response.status_code == 200
    form = response.context_data["form"]
    assert form.errors["title"] == ["Deze titel is al in gebruik."]
    assert TitleView.calls == []
    assert [str(m) for m in request._messages] == []


def test_an_error_without_a_field_lands_above_the_form():
    request, response = _post("algemeen")
    assert response.context_data["form"].non_field_errors() == ["Er ging iets mis."]


def test_a_result_becomes_the_message_and_the_redirect():
    TitleView.calls = []
    request, response = _post("Voorjaar")
    assert response.status_code == 302
    assert response["Location"] == "/klaar/"
    assert TitleView.calls == ["Voorjaar"]
    assert [str(m) for m in request._messages] == ["Voorjaar is opgeslagen."]


class PlaceForm(forms.Form):
    place = forms.CharField()


class PlaceView(ServiceFormView):
    """An error without a field of its own belongs at `error_field` (the address, the file)."""

    form_class = PlaceForm
    template_name = "base.html"
    success_url = "/klaar/"
    error_field = "place"

    def perform(self, form):
        raise ValidationError("Dit adres kan niet.")


def test_an_error_without_a_field_lands_at_the_error_field_when_the_view_names_one():
    request = RequestFactory().post("/", {"place": "Zwolle"})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = PlaceView.as_view()(request)
    form = response.context_data["form"]
    assert form.errors["place"] == ["Dit adres kan niet."]
    assert form.non_field_errors() == []


def _button_request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_a_button_service_that_refuses_shows_each_message_and_reports_not_ok():
    request = _button_request()

    def refuse(network, *, by):
        raise ValidationError(["Dit netwerk is gesloten.", "Er is al een uitnodiging."])

    call = call_service(request, refuse, "netwerk", by="penvoerder")
    assert call.ok is False
    assert call.result is None
    assert [(m.level_tag, str(m)) for m in request._messages] == [
        ("error", "Dit netwerk is gesloten."),
        ("error", "Er is al een uitnodiging."),
    ]


def test_a_button_service_that_succeeds_gives_its_result_and_no_message():
    request = _button_request()
    seen = []

    def accept(network, *, by):
        seen.append((network, by))
        return 3

    call = call_service(request, accept, "netwerk", by="penvoerder")
    assert call.ok is True
    assert call.result == 3
    assert seen == [("netwerk", "penvoerder")]
    assert list(request._messages) == []
