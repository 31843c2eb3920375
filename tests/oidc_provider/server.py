"""Start the test OpenID Connect provider as a real server process on 127.0.0.1."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


@dataclass
class Provider:
    url: str  # the issuer base, e.g. http://127.0.0.1:51234/o
    client_id: str
    client_secret: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rsa_private_key_pem() -> str:
    """A fresh RS256 signing key for this run only."""
    from jwcrypto import jwk

    return (
        jwk.JWK.generate(kty="RSA", size=2048)
        .export_to_pem(private_key=True, password=None)
        .decode()
    )


def start_provider(workdir: Path, *, redirect_uri: str, people: list[tuple]) -> Provider:
    """Bootstrap a fresh provider database in workdir and serve it until stop().

    people: (username, password, first name, last name, e-mail) per school account."""
    port = _free_port()
    client_id, client_secret = secrets.token_hex(8), secrets.token_hex(16)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_PROVIDER_DB": str(workdir / "provider.sqlite3"),
        "OIDC_PROVIDER_RSA_KEY": _rsa_private_key_pem(),
        "OIDC_PROVIDER_PEOPLE": ";".join(":".join(person) for person in people),
        "OIDC_PROVIDER_CLIENT_ID": client_id,
        "OIDC_PROVIDER_CLIENT_SECRET": client_secret,
        "OIDC_PROVIDER_REDIRECT_URI": redirect_uri,
    }
    for key in ("DATABASE_URL", "CELERY_BROKER_URL"):
        env.pop(key, None)
    subprocess.run(
        [sys.executable, "-m", "tests.oidc_provider.bootstrap"], cwd=REPO, env=env, check=True
    )
    log = open(workdir / "provider.log", "w")  # noqa: SIM115 -- closed with the process
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "django",
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
            "--skip-checks",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/o"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the OIDC provider exited; see {workdir / 'provider.log'}")
        try:
            with urllib.request.urlopen(f"{base}/.well-known/openid-configuration", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("the OIDC provider did not answer within 60 s") from None
            time.sleep(0.3)
    return Provider(url=base, client_id=client_id, client_secret=client_secret, process=process)
