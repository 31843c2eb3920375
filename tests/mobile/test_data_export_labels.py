"""The data download (JSON) holds beside each code its Dutch label (issue 15, item 6)."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.urls import reverse

from participants.enums import Function, QuestionStatus, Visibility
from tests.factories import (
    AttendanceFactory,
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    make_member,
)
from tests.factories.participants import BCScanFactory

pytestmark = pytest.mark.django_db

# Keys whose values are free text a person wrote or a name, never a code.
FREE_TEXT = {"title", "description", "goal", "note", "detail", "text", "name", "message", "email"}


def choice_codes() -> set[str]:
    """Every code of every choice field of the project's models."""
    codes = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for code, _label in getattr(field, "flatchoices", None) or ():
                if isinstance(code, str) and code:
                    codes.add(code)
    return codes


def codes_without_label(value, codes: set[str], path: str = "") -> list[str]:
    """Paths in the export where a code stands without its `<key>_label` beside it."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}"
            if (
                isinstance(item, str)
                and item in codes
                and key not in FREE_TEXT
                and not key.endswith("_label")
                and f"{key}_label" not in value
            ):
                found.append(f"{here}={item}")
            found += codes_without_label(item, codes, here)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += codes_without_label(item, codes, f"{path}[{index}]")
    return found


@pytest.fixture
def person():
    network = NetworkFactory()
    person = make_member(network, email="lid@school.example.nl")
    person.function = Function.DEPARTMENT_HEAD
    person.save()
    LearningQuestionFactory(
        owner=person, status=QuestionStatus.IN_PROGRESS, visibility=Visibility.PRIVATE
    )
    BCScanFactory(owner=person, visibility=Visibility.PRIVATE)
    AttendanceFactory(meeting=MeetingFactory(network=network), person=person, status="present")
    return person


def download(client, person) -> dict:
    client.force_login(person)
    answer = client.get(reverse("participants:data-export"), HTTP_ACCEPT_LANGUAGE="nl")
    assert answer.status_code == 200
    return json.loads(answer.content)


def test_data_download_shows_dutch_labels_beside_the_codes(client, person):
    data = download(client, person)

    profile = data["participants"]["profile"]
    question = data["participants"]["learning_questions"][0]
    attendance = data["meetings"]["attendance"][0]
    scan = data["participants"]["bc_scans"][0]
    assert (profile["function"], profile["function_label"]) == (
        "department_head",
        "Afdelingsleider",
    )
    assert (question["status"], question["status_label"]) == ("in_progress", "Mee bezig")
    assert (question["visibility"], question["visibility_label"]) == ("private", "Alleen ik")
    assert (scan["visibility"], scan["visibility_label"]) == ("private", "Alleen ik")
    assert (attendance["status"], attendance["status_label"]) == ("present", "Aanwezig")


def test_data_download_has_no_code_without_its_label(client, person):
    data = download(client, person)

    assert codes_without_label(data, choice_codes()) == []
