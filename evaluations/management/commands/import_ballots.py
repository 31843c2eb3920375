"""python manage.py import_ballots <file.csv> --survey <name> [--create]"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from evaluations.ranking import BallotFileError
from evaluations.services import import_ballots
from leernetwerk import uploads


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

    def _rows(self, file: str) -> list[list[str]]:
        """The file's rows, with the limits of the upload form (size, UTF-8, row count)."""
        path = Path(file)
        try:
            uploads.check_size(path.stat().st_size)  # before reading it into memory
            return uploads.utf8_csv_rows(path.read_bytes())
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error}
            ) from error
        except ValidationError as error:
            lines = [_("The file was refused; nothing has been stored."), *error.messages]
            raise CommandError("\n".join(lines)) from error

    def handle(self, *args, file, survey, create, **options):

        rows = self._rows(file)
        try:
            result, count = import_ballots(survey_name=survey, rows=rows, create=create)
        except BallotFileError as error:
            lines = [
                _("line %(line)s: %(message)s") % {"line": line, "message": message}
                if line
                else message
                for line, message in error.errors
            ]
            refused = _("The file was refused; nothing has been stored.")
            raise CommandError("\n".join([refused, *uploads.cap_errors(lines)])) from error
        self.stdout.write(
            _("%(count)s ballots imported into %(survey)s.")
            % {"count": count, "survey": result.name}
        )
