"""Private Redis servers and worker processes for the fault tests (kill, outage).

Each test gets its own `redis-server` on a free port, so stopping it or leaving killed tasks
in it disturbs nobody else (nor the shared Redis of the session's `celery_worker`)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import IN_CI, REPO, _database_url, _port_open


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A throw-away `redis-server` without persistence: stopping it loses what it held."""

    def __init__(self, log_dir: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = log_dir / f"redis-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--logfile",
                str(self.log),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while not _port_open("127.0.0.1", self.port):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"redis-server did not start; see {self.log}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None


@pytest.fixture
def private_redis(tmp_path):
    if not shutil.which("redis-server"):
        reason = "redis-server is not installed"
        pytest.fail(reason) if IN_CI else pytest.skip(reason)
    redis = PrivateRedis(tmp_path)
    redis.start()
    yield redis
    redis.stop()


def point_app_at(url: str) -> None:
    """Make this process publish to `url` (drops the cached broker connections)."""
    from kombu import pools

    from leernetwerk.celery import app

    pools.reset()  # closes every cached connection and forgets the pools keyed by them
    # Celery's conf.broker_url prefers the CELERY_BROKER_URL environment variable.
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def app_on_private_redis(private_redis, settings):
    """This process publishes to the private Redis and no longer runs tasks eagerly."""
    from leernetwerk.celery import app

    previous = (app.conf.task_always_eager, os.environ.get("CELERY_BROKER_URL", ""))
    previous_cache_url = os.environ.get("CACHE_URL")
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    point_app_at(private_redis.url)
    # The page-fragment cache lives there too (its own database), shared with the workers
    # started by `workers` (they inherit CACHE_URL): stopping Redis takes it away as well.
    cache_url = private_redis.url.rsplit("/", 1)[0] + "/1"
    os.environ["CACHE_URL"] = cache_url
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": cache_url,
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "retry_on_timeout": False,
            },
        }
    }
    yield private_redis
    app.conf.task_always_eager = previous[0]
    point_app_at(previous[1])
    if not previous[1]:
        del os.environ["CELERY_BROKER_URL"]
    if previous_cache_url is None:
        os.environ.pop("CACHE_URL", None)
    else:
        os.environ["CACHE_URL"] = previous_cache_url


class Workers:
    """Starts real `celery worker` processes (each its own process group) on a broker."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.mail_dir = log_dir / "mail"
        self.mail_dir.mkdir()
        self.running: list[subprocess.Popen] = []
        self.count = 0

    def start(self, broker_url: str, **env_extra: str) -> subprocess.Popen:
        from django.db import connection

        self.count += 1
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="leernetwerk.settings_test",
            DATABASE_URL=_database_url(connection.settings_dict),
            CELERY_BROKER_URL=broker_url,
            # Mail the worker sends lands in files here (one per message), not on SMTP.
            EMAIL_URL=f"filemail:///{self.mail_dir}",
            **env_extra,
        )
        log = open(self.log_dir / f"worker-{self.count}.log", "w")  # noqa: SIM115
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "leernetwerk",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--loglevel=info",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--hostname=reliability{self.count}@%h",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.running.append(proc)
        return proc

    def kill(self, proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
        """Signal the worker's whole process group and reap it."""
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        self.running.remove(proc)

    def mail_subjects(self) -> list[str]:
        """Subjects of the mail the workers sent (file backend)."""
        return sorted(
            line.removeprefix("Subject: ")
            for path in self.mail_dir.iterdir()
            for line in path.read_text().splitlines()
            if line.startswith("Subject: ")
        )

    def stop_all(self) -> None:
        for proc in list(self.running):
            self.kill(proc, signal.SIGTERM)


@pytest.fixture
def workers(tmp_path):
    pool = Workers(tmp_path)
    yield pool
    pool.stop_all()
