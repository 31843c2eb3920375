import pytest
from django.core.exceptions import ValidationError

from leernetwerk.forms import ModelMultipleChoiceField
from networks.models import Competence


@pytest.mark.django_db
@pytest.mark.parametrize("value", [str(2**63), str(2**64 + 5), "-" + str(2**63 + 1)])
def test_id_beyond_64_bits_is_an_unknown_choice_not_a_server_error(value):
    field = ModelMultipleChoiceField(queryset=Competence.objects.all())
    with pytest.raises(ValidationError) as raised:
        field.clean([value])
    assert raised.value.code == "invalid_choice"


@pytest.mark.django_db
def test_known_ids_still_clean():
    competences = list(Competence.objects.all()[:2])
    field = ModelMultipleChoiceField(queryset=Competence.objects.all())
    assert set(field.clean([str(c.pk) for c in competences])) == set(competences)
