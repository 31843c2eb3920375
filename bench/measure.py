"""One benchmark phase on one database: generate data at a scale, then measure.

Run by bench/run.py in a subprocess per scale:
    BENCH_DATABASE_URL=... python -m bench.measure --scale 1.0 --out file.json [--full]
--full adds latency, throughput, the fixed-rate load test, task durations and worker memory
(done on the 10x data). Every page is measured uncached: each request renders it from the
database (the visitors' directory, the one cached page, with its cache off). The
cached directory is measured besides, under load (`directory_cached`).

Only loopback is used: gunicorn listens on 127.0.0.1:$BENCH_PORT (default 8765)."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import pages as page_defs  # noqa: E402
from bench.generate import generate  # noqa: E402
from bench.urls import UNCACHED_DIRECTORY  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
LATENCY_REQUESTS = 40


def _client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def prepare_report_pages() -> None:
    """The report and dashboard pages show computed results: compute those they show."""
    from evaluations.models import EvaluationRound
    from evaluations.services import compute_phase_report, compute_round_scores
    from networks.models import Network

    for evaluation in EvaluationRound.objects.order_by("id")[:3]:
        compute_round_scores(evaluation.pk)
    interim = EvaluationRound.objects.filter(kind="interim").order_by("id").first()
    compute_round_scores(interim.pk)
    for network_id in Network.objects.order_by("name").values_list("id", flat=True)[:30]:
        compute_phase_report(network_id)


@override_settings(LEERNETWERK_DIRECTORY_CACHE_SECONDS=0)  # every page uncached
def measure_pages(full: bool) -> dict:
    prepare_report_pages()
    results = {}
    for name, resolve in page_defs.PAGES.items():
        user, url = resolve()
        client = _client_for(user)
        client.get(url)  # warm templates and connections
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{name}: {url} answered {response.status_code}")
        entry = {"url": url, "queries": len(ctx.captured_queries)}
        if full:
            timings = []
            for _ in range(LATENCY_REQUESTS):
                start = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            timings.sort()
            entry["p50_ms"] = round(statistics.median(timings), 2)
            entry["p95_ms"] = round(timings[int(len(timings) * 0.95) - 1], 2)
            # The same page on a fresh database connection each time (nothing is cached).
            cold = []
            for _ in range(LATENCY_REQUESTS // 2):
                connection.close()
                start = time.perf_counter()
                client.get(url)
                cold.append((time.perf_counter() - start) * 1000)
            cold.sort()
            entry["cold_p95_ms"] = round(cold[int(len(cold) * 0.95) - 1], 2)
        results[name] = entry
        reset_queries()
    return results


def _load(port: int, path: str, cookie: str | None, seconds: float, clients: int = 16) -> float:
    """Requests per second from `clients` keep-alive connections for `seconds`."""
    done = [0] * clients
    errors = [0] * clients
    stop_at = time.monotonic() + seconds
    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}

    def worker(i: int) -> None:
        conn = HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop_at:
            try:
                conn.request("GET", path, headers=headers)
                resp = conn.getresponse()
                resp.read()
                if resp.status == 200:
                    done[i] += 1
                else:
                    errors[i] += 1
            except OSError:
                errors[i] += 1
                conn.close()
                conn = HTTPConnection("127.0.0.1", port, timeout=10)
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    if sum(errors) > sum(done) * 0.01:
        raise SystemExit(f"{path}: {sum(errors)} errors under load")
    return round(sum(done) / elapsed, 1)


PORT = int(os.environ.get("BENCH_PORT", "8765"))
LOAD_P95_MS = 150.0


def _gunicorn() -> subprocess.Popen:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "leernetwerk.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "--keep-alive",
            "5",
        ],
        cwd=REPO,
        env=env,
    )
    for _ in range(150):
        try:
            conn = HTTPConnection("127.0.0.1", PORT, timeout=1)
            conn.request("GET", "/bench/bare/")
            conn.getresponse().read()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("gunicorn did not start")


def _fixed_rate(path: str, cookies: list[str | None], rps: float, seconds: float) -> dict:
    """Open-loop load: request i is due at start + i/rps whatever the answers before it, from
    clients taking turns (each its own session cookie). Latency counts from the due time, so
    queueing inside the server is included (no coordinated omission)."""
    total = int(rps * seconds)
    local = threading.local()
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start = time.perf_counter() + 0.2

    def one(i: int) -> None:
        due = start + i / rps
        delay = due - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        conn = getattr(local, "conn", None) or HTTPConnection("127.0.0.1", PORT, timeout=10)
        local.conn = conn
        cookie = cookies[i % len(cookies)]
        headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
        ok = False
        try:
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            resp.read()
            ok = resp.status == 200
        except OSError:
            conn.close()
            local.conn = None
        elapsed = (time.perf_counter() - due) * 1000
        with lock:
            latencies.append(elapsed)
            if not ok:
                errors[0] += 1

    workers = min(256, max(32, int(rps)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, range(total)))
    latencies.sort()
    return {
        "rps": rps,
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 1),
        "errors": errors[0],
        "requests": total,
    }


def _highest_rate(path: str, cookies: list[str | None], seconds: float) -> float:
    """The highest fixed arrival rate (doubling, then halving the step) the page holds for
    `seconds` with p95 <= 150 ms and no errors."""
    held, rate = 0.0, 25.0
    while rate <= 4000:
        result = _fixed_rate(path, cookies, rate, seconds)
        if result["errors"] or result["p95_ms"] > LOAD_P95_MS:
            break
        held, rate = rate, rate * 2
    step = held / 2 if held else 12.5
    rate = held + step
    for _ in range(3):
        step /= 2
        result = _fixed_rate(path, cookies, rate, seconds)
        if result["errors"] or result["p95_ms"] > LOAD_P95_MS:
            rate -= step
        else:
            held = max(held, rate)
            rate += step
    return round(held, 1)


def _signed_in_cookies(resolve, count: int = 20) -> tuple[list[str], str]:
    """Session cookies of up to `count` different people who see the same kind of page."""
    from networks.models import Membership

    user, url = resolve()
    people = [user]
    same_role = Membership.objects.filter(role__in=["facilitator", "participant"]).exclude(
        person=user
    )
    people += [m.person for m in same_role.select_related("person")[: count - 1]]
    cookies = []
    for person in people:
        client = _client_for(person)
        cookies.append(client.cookies["sessionid"].value)
    return cookies, url


def measure_throughput() -> dict:
    """Closed-loop throughput (16 clients as fast as they can) and the fixed-rate load test."""
    proc = _gunicorn()
    try:
        user, start_url = page_defs.facilitator_start_page()
        cookie = _client_for(user).cookies["sessionid"].value
        _, directory_url = page_defs.directory_page()
        seconds = float(os.environ.get("BENCH_LOAD_SECONDS", "8"))
        _load(PORT, "/bench/bare/", None, 1)  # warm up both workers
        throughput = {
            "bare_rps": _load(PORT, "/bench/bare/", None, seconds),
            "directory_rps": _load(PORT, UNCACHED_DIRECTORY, None, seconds),
            "directory_cached_rps": _load(PORT, directory_url, None, seconds),
            "start_page_rps": _load(PORT, start_url, cookie, seconds),
        }

        fixed_seconds = float(os.environ.get("BENCH_FIXED_SECONDS", "30"))
        step_seconds = float(os.environ.get("BENCH_STEP_SECONDS", "5"))
        start_cookies, start_url = _signed_in_cookies(page_defs.facilitator_start_page)
        network_user, network_url = page_defs.network_page()
        network_cookies = [_client_for(network_user).cookies["sessionid"].value]
        targets = {
            "start_page": (start_url, start_cookies),
            "network": (network_url, network_cookies),
            "directory": (UNCACHED_DIRECTORY, [None]),
            "directory_cached": (directory_url, [None]),
            "bare": ("/bench/bare/", [None]),
        }
        load = {}
        for name, (path, cookies) in targets.items():
            entry = {"url": path, **_fixed_rate(path, cookies, 25.0, fixed_seconds)}
            entry["highest_rps"] = _highest_rate(path, cookies, step_seconds)
            load[name] = entry
        bare = load["bare"]["highest_rps"] or 1
        for entry in load.values():
            entry["share_of_bare"] = round(entry["highest_rps"] / bare, 3)
        throughput["load"] = load
        return throughput
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def measure_tasks() -> dict:
    """Task durations and the worker's peak memory, each in a fresh worker process."""
    out = {}
    for key, module in (
        ("scores", "bench.task_scores"),
        ("pairs", "bench.task_pairs"),
        ("phase_reports", "bench.task_phases"),
    ):
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings")
        raw = subprocess.run(
            [sys.executable, "-m", module],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if raw.returncode != 0:
            raise SystemExit(f"{module} failed:\n{raw.stderr[-3000:]}")
        out[key] = json.loads(raw.stdout.strip().splitlines()[-1])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    dataset = generate(args.scale)
    generated_s = round(time.monotonic() - started, 1)
    result = {
        "scale": args.scale,
        "dataset": dataset,
        "generate_s": generated_s,
        "pages": measure_pages(args.full),
    }
    if args.full:
        result["throughput"] = measure_throughput()
        result.update(measure_tasks())
    Path(args.out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
