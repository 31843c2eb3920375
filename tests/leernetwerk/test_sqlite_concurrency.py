"""The embedded default (SQLite, `make run`) serves requests at once: two requests that each
read and then write (a save while the live criteria check runs) both succeed, the second
waiting its turn, instead of one failing with "database is locked" (a 500 page)."""

import subprocess
import sys
import textwrap

from tests.conftest import REPO

SCRIPT = textwrap.dedent(
    """
    import os, sys, threading, time
    os.environ["DATABASE_URL"] = "sqlite:///" + sys.argv[1]
    os.environ["DJANGO_SETTINGS_MODULE"] = "leernetwerk.settings"
    os.environ["DJANGO_DEBUG"] = "true"
    import django
    django.setup()
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n integer)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    errors = []

    def request():
        try:
            with transaction.atomic():  # as ATOMIC_REQUESTS wraps every request
                with connection.cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    n = cursor.fetchone()[0]
                    time.sleep(0.3)  # the other request reads meanwhile
                    cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        print(errors, cursor.fetchone()[0])
    """
)


def test_two_requests_that_read_then_write_both_succeed(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "db.sqlite3")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    # No request failed, and neither write is lost (a counter read by both would say 1).
    assert result.stdout.strip() == "[] 2"
