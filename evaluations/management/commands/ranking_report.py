"""python manage.py ranking_report --survey <name> [--json] [--top N]"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from evaluations.models import RankingSurvey
from evaluations.selectors import ranking_for_survey


class Command(BaseCommand):
    help = "Print the Leer-top 3 ranking of a survey (points 3/2/1; ties by first places)."

    def add_arguments(self, parser):
        parser.add_argument("--survey", required=True)
        parser.add_argument("--json", action="store_true", help="Print JSON")
        parser.add_argument("--top", type=int, default=None, help="Only the first N forms")

    def handle(self, *args, survey, json: bool = False, top=None, **options):
        found = RankingSurvey.objects.filter(name=survey).first()
        if found is None:
            raise CommandError(_("There is no survey named %(name)s.") % {"name": survey})
        rows = ranking_for_survey(found)
        if top is not None:
            rows = rows[:top]
        if json:
            self.stdout.write(_dumps([row.as_dict() for row in rows]))
            return
        for row in rows:
            self.stdout.write(
                f"{row.rank:>3}. {row.learning_form}  {row.points}  ({row.first_places}×1)"
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
