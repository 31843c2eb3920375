"""Each answer of a round linked to a nulmeting carries the same person's nulmeting value
(services.scores.pairing); the answers given before this column existed get theirs here."""

from django.db import migrations, models


def copy_baseline_values(apps, schema_editor):
    EvaluationRound = apps.get_model("evaluations", "EvaluationRound")
    Answer = apps.get_model("evaluations", "Answer")
    for round_id, baseline_id in EvaluationRound.objects.filter(
        baseline_round__isnull=False
    ).values_list("pk", "baseline_round_id"):
        values: dict[str, dict[str, int]] = {}
        for pseudonym, code, value in (
            Answer.objects.filter(
                response__round_id=baseline_id,
                response__is_sent=True,
                response__pseudonym__isnull=False,
                value__isnull=False,
            )
            .exclude(item__code="")
            .values_list("response__pseudonym", "item__code", "value")
        ):
            values.setdefault(pseudonym, {})[code] = value
        changed = []
        for pk, pseudonym, code in (
            Answer.objects.filter(
                response__round_id=round_id,
                response__pseudonym__isnull=False,
                value__isnull=False,
            )
            .exclude(item__code="")
            .values_list("pk", "response__pseudonym", "item__code")
        ):
            value = values.get(pseudonym, {}).get(code)
            if value is not None:
                changed.append(Answer(pk=pk, baseline_value=value))
        Answer.objects.bulk_update(changed, ["baseline_value"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0010_paired_withheld_anonymous"),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="baseline_value",
            field=models.PositiveSmallIntegerField(
                blank=True, editable=False, null=True, verbose_name="baseline value"
            ),
        ),
        migrations.AddConstraint(
            model_name="answer",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("baseline_value__isnull", True),
                    models.Q(
                        ("baseline_value__gte", 1),
                        ("baseline_value__lte", 5),
                        ("value__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="answer_baseline_value_pairs_a_value",
            ),
        ),
        migrations.RunPython(copy_baseline_values, migrations.RunPython.noop),
    ]
