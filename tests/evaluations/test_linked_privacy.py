"""The pseudonym of a linked round names nobody (issue 12.3): it cannot be derived from
the database alone; a forged link, an answer after closing and two devices sending at once
store nothing more than one response and one pair."""

import hashlib
import hmac
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from evaluations import services
from evaluations.models import Invitation, Response
from evaluations.paired import pseudonym
from tests.evaluations.linked_helpers import PAIRS, _answer, _linked_pair, _network
from tests.factories.evaluations import close

pytestmark = pytest.mark.django_db


def _all_rows_as_text() -> str:
    """Every row of every table, as a database administrator could read them."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the database
            parts.extend(f"{table}: {row!r}" for row in cursor.fetchall())
    return "\n".join(parts)


def test_pseudonym_cannot_be_derived_from_the_database_alone():
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    stored = set(Response.objects.values_list("pseudonym", flat=True))
    assert len(stored) == 5  # one per person, shared by her two responses
    assert Response.objects.filter(pseudonym__isnull=False).count() == 10

    dump = _all_rows_as_text()
    assert settings.EVALUATION_PSEUDONYM_KEY not in dump
    # No table maps people to pseudonyms: each one occurs only in the two response rows.
    for value in stored:
        lines = [line for line in dump.splitlines() if value in line]
        assert len(lines) == 2
        assert all(line.startswith("evaluations_response:") for line in lines)

    # Whatever the database offers as ids, without the key no computation gives a match.
    user_ids = set(type(people[0]).objects.values_list("pk", flat=True))
    round_ids = {baseline.pk, follow_up.pk}
    candidates = {
        f"leernetwerk.evaluations.pseudonym:{r}:{network.pk}:{u}".encode()
        for r in round_ids
        for u in user_ids
    }
    wrong_keys = [b"", b"wrong key", settings.EVALUATION_RESPONSE_KEY.encode()]
    guesses = {hashlib.sha256(message).hexdigest() for message in candidates}
    guesses |= {
        hmac.new(key, message, hashlib.sha256).hexdigest()
        for key in wrong_keys
        for message in candidates
    }
    assert guesses & stored == set()
    # With the key (which only the application holds) each pseudonym is one person's.
    with_key = {
        pseudonym(
            settings.EVALUATION_PSEUDONYM_KEY,
            chain_id=baseline.pk,
            network_id=network.pk,
            person_id=person.pk,
        )
        for person in people
    }
    assert with_key == stored


def test_forged_link_stores_nothing():
    network, _ = _network(1)
    _, follow_up = _linked_pair([network])
    item = follow_up.items.first()
    with pytest.raises(ValidationError) as error:
        services.save_response("vervalst-" + "x" * 30, answers={item.pk: 3})
    assert error.value.messages == ["Deze link is niet geldig."]
    assert not Response.objects.exists()


def test_answer_after_close_is_refused_and_pairs_nothing():
    network, people = _network(1)
    baseline, follow_up = _linked_pair([network])
    close(follow_up)
    invitation = Invitation.objects.get(round=follow_up, person=people[0])
    with pytest.raises(ValidationError) as error:
        services.save_response(invitation.token, answers={follow_up.items.first().pk: 3})
    assert error.value.code == "closed"
    assert not Response.objects.filter(round=follow_up).exists()


# Two connections writing at the same moment: PostgreSQL's row locks decide, as in
# production (SQLite's in-memory test database refuses the second writer outright).
@pytest.mark.realstack
@pytest.mark.django_db(transaction=True)
def test_two_devices_sending_at_once_give_one_response_and_one_pair():
    network, people = _network(1)
    _, follow_up = _linked_pair([network])
    token = Invitation.objects.get(round=follow_up, person=people[0]).token
    scale = [item for item in follow_up.items.all() if item.is_scale]
    barrier = threading.Barrier(2)
    outcomes = []

    def send(value):
        try:
            barrier.wait()
            services.save_response(token, answers={item.pk: value for item in scale})
            outcomes.append("sent")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(value,)) for value in (2, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Both loaded the empty form: the second is told the other device saved meanwhile.
    assert sorted(outcomes) == ["sent", "stale"]
    response = Response.objects.get(round=follow_up)
    assert response.pseudonym is not None
    assert len(set(response.answers.values_list("value", flat=True))) == 1
    assert response.answers.count() == len(scale)
    assert Invitation.objects.get(token=token).is_used is True
