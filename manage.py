#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leernetwerk.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - Django's manage.py: settings are chosen first

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
