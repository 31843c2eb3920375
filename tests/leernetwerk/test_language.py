"""The interface is Dutch unless the person chose English with the language switch; a
browser that asks for English (Accept-Language) still gets Dutch."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_browser_asking_for_english_gets_the_dutch_interface(client):
    page = client.get(reverse("networks:directory-list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert page["Content-Language"] == "nl"
    assert '<html lang="nl">' in page.content.decode()


def test_choosing_english_with_the_switch_gives_english_until_switched_back(client):
    chosen = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert chosen.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    page = client.get(reverse("networks:directory-list"), HTTP_ACCEPT_LANGUAGE="nl")
    assert page["Content-Language"] == "en"
    assert '<html lang="en">' in page.content.decode()

    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    page = client.get(reverse("networks:directory-list"), HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "nl"


def test_an_unknown_language_in_the_cookie_falls_back_to_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"

    page = client.get(reverse("networks:directory-list"))

    assert page["Content-Language"] == "nl"
