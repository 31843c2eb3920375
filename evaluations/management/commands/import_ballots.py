"""python manage.py import_ballots <file.csv> --survey <name> [--create]"""

import csv

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from evaluations.ranking import BallotFileError


class Command(BaseCommand):
    help = "Import Leer-top 3 ballots (respondent,choice_1,choice_2,choice_3); all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--survey", required=True, help="Name of the survey")
        parser.add_argument(
            "--create",
            action="store_true",
            help="Create the survey and the learning forms the file names",
        )

    def handle(self, *args, file, survey, create, **options):
        from evaluations.services import import_ballots

        try:
            with open(file, newline="", encoding="utf-8-sig") as handle:
                rows = list(csv.reader(handle))
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error}
            ) from error
        try:
            result, count = import_ballots(survey_name=survey, rows=rows, create=create)
        except BallotFileError as error:
            lines = [_("The file was refused; nothing has been stored.")]
            for line, message in error.errors:
                lines.append(
                    _("line %(line)s: %(message)s") % {"line": line, "message": message}
                    if line
                    else message
                )
            raise CommandError("\n".join(lines)) from error
        self.stdout.write(
            _("%(count)s ballots imported into %(survey)s.")
            % {"count": count, "survey": result.name}
        )
