"""`make bench`: the national-scale benchmark. Writes bench/results.json and bench/results.md.

Uses PostgreSQL when it answers on 127.0.0.1:5432 (databases <name>_bench_1x/_10x, dropped and
recreated; <name> is the database of DATABASE_URL, else "leernetwerk"), else SQLite files in
bench/data/. Set BENCH_DATABASE_URL_1X/_10X to override. "1x" is a tenth of the national dataset
and "10x" the national dataset itself: query counts per page must be the same on both.
Latency, throughput, the load test, task durations and memory use the 10x data.
BENCH_SCALES="0.01,0.1" runs a smaller pair (a quick check of the harness on a busy machine);
the figures then say so. Every page is measured uncached (the visitors' directory, the one
cached page, with its cache off); the cached directory is measured besides, under load, and
it is the one the throughput target for visitors applies to."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench"
TARGETS = {
    "max_queries": 25,
    "p95_ms": 50.0,
    "load_rps": 25.0,
    "load_p95_ms": 150.0,
    "directory_share_of_bare": 0.40,
    "scores_vs_group_by": 1.5,
    "paired_vs_group_by": 2.0,
    "all_rounds_s": 10.0,
    "all_networks_s": 5.0,
    "worker_peak_rss_mb": 500.0,
}
SCALES = tuple(float(x) for x in os.environ.get("BENCH_SCALES", "0.1,1.0").split(","))


def _postgres_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def _fresh_database(label: str) -> str:
    override = os.environ.get(f"BENCH_DATABASE_URL_{label.upper()}")
    if override:
        return override
    if _postgres_up():
        import psycopg2

        base = os.environ.get("DATABASE_URL", "").rsplit("/", 1)[-1] or "leernetwerk"
        if not base.replace("_", "").isalnum():
            base = "leernetwerk"
        name = f"{base}_bench_{label}"
        conn = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        conn.close()
        return f"postgres://postgres@127.0.0.1:5432/{name}"
    data = OUT / "data"
    data.mkdir(exist_ok=True)
    path = data / f"bench_{label}.sqlite3"
    path.unlink(missing_ok=True)
    return f"sqlite:///{path}"


def _phase(label: str, scale: float, full: bool) -> dict:
    url = _fresh_database(label)
    out = OUT / "data" / f"phase_{label}.json"
    out.parent.mkdir(exist_ok=True)
    env = dict(os.environ, BENCH_DATABASE_URL=url, DJANGO_SETTINGS_MODULE="bench.settings")
    env.pop("CELERY_BROKER_URL", None)
    cmd = [sys.executable, "-m", "bench.measure", "--scale", str(scale), "--out", str(out)]
    if full:
        cmd.append("--full")
    print(f"[bench] {label}: scale {scale} on {url.split('@')[-1]}", flush=True)
    subprocess.run(cmd, cwd=REPO, env=env, check=True)
    result = json.loads(out.read_text())
    result["database"] = url.split("://")[0]
    return result


def _get(data: dict | None, *keys, default=None):
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return default
        data = data[key]
    return data


def _was(previous: dict | None, *keys) -> str:
    value = _get(previous, *keys)
    return "-" if value is None else str(value)


def _verdicts(results: dict, previous: dict | None) -> list[tuple[str, str, str, str, bool | None]]:
    """(measure, figure now, figure of the previous run, target, met)."""
    rows = []
    for name, page in results["pages"].items():
        rows.append(
            (
                f"{name}: queries 1x / 10x",
                f"{page['queries_1x']} / {page['queries_10x']}",
                f"{_was(previous, 'pages', name, 'queries_1x')} / "
                f"{_was(previous, 'pages', name, 'queries_10x')}",
                f"equal, <= {TARGETS['max_queries']}",
                page["queries_1x"] == page["queries_10x"]
                and page["queries_10x"] <= TARGETS["max_queries"],
            )
        )
        rows.append(
            (
                f"{name}: p95 uncached (connection kept, as in production)",
                f"{page['p95_ms']} ms",
                f"{_was(previous, 'pages', name, 'p95_ms')} ms",
                f"<= {TARGETS['p95_ms']:.0f} ms",
                page["p95_ms"] <= TARGETS["p95_ms"],
            )
        )
        # Production keeps a worker's connection for CONN_MAX_AGE (60 s): a new one is the
        # first request of a minute, not the 95th percentile. Reported, not judged.
        rows.append(
            (
                f"{name}: cold p95 uncached (a new database connection for every request)",
                f"{page['cold_p95_ms']} ms",
                f"{_was(previous, 'pages', name, 'cold_p95_ms')} ms",
                "informational",
                None,
            )
        )
    t = results["throughput"]
    bare = t["bare_rps"] or 1
    for key in ("bare_rps", "directory_rps", "directory_cached_rps", "start_page_rps"):
        if key not in t:
            continue
        share = t[key] / bare
        visitors = key == "directory_cached_rps"
        rows.append(
            (
                f"throughput {key} (16 clients, closed loop)",
                f"{t[key]} rps ({share:.0%} of bare)",
                f"{_was(previous, 'throughput', key)} rps",
                ">= 40% of bare" if visitors else "informational",
                share >= TARGETS["directory_share_of_bare"] if visitors else None,
            )
        )
    for name, entry in results.get("load", {}).items():  # results.json keeps load at the top
        must_hold = name in ("start_page", "network")
        rows.append(
            (
                f"load {name}: {entry['rps']:.0f} rps fixed rate for {entry['requests']} requests",
                f"p95 {entry['p95_ms']} ms, {entry['errors']} errors",
                f"p95 {_was(previous, 'load', name, 'p95_ms')} ms, "
                f"{_was(previous, 'load', name, 'errors')} errors",
                f"p95 <= {TARGETS['load_p95_ms']:.0f} ms, 0 errors"
                if must_hold
                else "informational",
                (entry["errors"] == 0 and entry["p95_ms"] <= TARGETS["load_p95_ms"])
                if must_hold
                else None,
            )
        )
        rows.append(
            (
                f"load {name}: highest fixed rate with p95 <= 150 ms",
                f"{entry['highest_rps']} rps ({entry['share_of_bare']:.0%} of bare)",
                f"{_was(previous, 'load', name, 'highest_rps')} rps",
                ">= 40% of bare" if name == "directory_cached" else "informational",
                entry["share_of_bare"] >= TARGETS["directory_share_of_bare"]
                if name == "directory_cached"
                else None,
            )
        )
    s = results["scores"]
    rows.append(
        (
            "scores.all_rounds_s (median of runs, see above)",
            f"{s['all_rounds_s']} s (GROUP BY {s['group_by_s']} s)",
            f"{_was(previous, 'scores', 'all_rounds_s')} s "
            f"(GROUP BY {_was(previous, 'scores', 'group_by_s')} s)",
            f"<= {TARGETS['scores_vs_group_by']}x GROUP BY",
            s["all_rounds_s"] <= TARGETS["scores_vs_group_by"] * s["group_by_s"],
        )
    )
    if "first_run_s" in s:
        rows.append(
            (
                "scores.first_run_s (the first computation in a fresh worker process)",
                f"{s['first_run_s']} s",
                f"{_was(previous, 'scores', 'first_run_s')} s",
                "informational",
                None,
            )
        )
    if "per_round_s" in s:
        rows.append(
            (
                "scores.per_round_s (one single-round task per round)",
                f"{s['per_round_s']} s",
                f"{_was(previous, 'scores', 'per_round_s')} s",
                "informational",
                None,
            )
        )
    if "paired_s" in s:
        rows.append(
            (
                "scores.paired_s (paired change of every linked round)",
                f"{s['paired_s']} s (GROUP BY {s['paired_group_by_s']} s)",
                f"{_was(previous, 'scores', 'paired_s')} s "
                f"(GROUP BY {_was(previous, 'scores', 'paired_group_by_s')} s)",
                f"<= {TARGETS['paired_vs_group_by']:.0f}x GROUP BY",
                s["paired_s"] <= TARGETS["paired_vs_group_by"] * s["paired_group_by_s"],
            )
        )
    p = results["phase_reports"]
    rows.append(
        (
            "phase_reports.all_networks_s",
            f"{p['all_networks_s']} s",
            f"{_was(previous, 'phase_reports', 'all_networks_s')} s",
            f"<= {TARGETS['all_networks_s']:.0f} s",
            p["all_networks_s"] <= TARGETS["all_networks_s"],
        )
    )
    rss = results["worker_peak_rss_mb"]
    rows.append(
        (
            "worker_peak_rss_mb",
            f"{rss} MB",
            f"{_was(previous, 'worker_peak_rss_mb')} MB",
            "<= 500 MB",
            rss <= TARGETS["worker_peak_rss_mb"],
        )
    )
    return rows


def main() -> None:
    started = time.monotonic()
    previous_path = OUT / "results.json"
    previous = json.loads(previous_path.read_text()) if previous_path.exists() else None
    small_scale, large_scale = SCALES
    small = _phase("1x", small_scale, full=False)
    large = _phase("10x", large_scale, full=True)
    pages = {}
    for name, page in large["pages"].items():
        pages[name] = {
            "queries_1x": small["pages"][name]["queries"],
            "queries_10x": page["queries"],
            "p50_ms": page["p50_ms"],
            "p95_ms": page["p95_ms"],
            "cold_p95_ms": page["cold_p95_ms"],
            "url": page["url"],
        }
    throughput = dict(large["throughput"])
    load = throughput.pop("load", {})
    results = {
        "pages": pages,
        "throughput": throughput,
        "load": load,
        "scores": {
            **large["scores"],
            "paired_s": large["pairs"]["paired_s"],
            "paired_group_by_s": large["pairs"]["paired_group_by_s"],
            "linked_rounds": large["pairs"]["linked_rounds"],
            "pairs": large["pairs"]["pairs"],
        },
        "phase_reports": {"all_networks_s": large["phase_reports"]["all_networks_s"]},
        "worker_peak_rss_mb": max(
            large["scores"]["peak_rss_mb"],
            large["pairs"]["peak_rss_mb"],
            large["phase_reports"]["peak_rss_mb"],
        ),
        "dataset": {
            **large["dataset"],
            "database": large["database"],
            "generate_s": large["generate_s"],
            "scales": [small_scale, large_scale],
            "dataset_1x": small["dataset"],
        },
        "duration_s": round(time.monotonic() - started, 1),
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    national = SCALES == (0.1, 1.0)
    lines = [
        "# Benchmark results",
        "",
        f"Database: {results['dataset']['database']}; run took {results['duration_s']} s; "
        f"scales {small_scale} and {large_scale} of the national dataset"
        + ("." if national else " (NOT the national scale: a reduced run)."),
        "",
        "Every page is measured uncached: rendered from the database on every request (the",
        "visitors' directory, the one cached page, with its cache off; `directory` under load",
        "is that uncached page). `directory_cached` is the directory as visitors get it,",
        "from the cache; the visitors' throughput target applies to it. Query counts are",
        "taken on both scales; latency, throughput and load on the larger one. The load",
        "test sends requests at a fixed rate (open loop, latency from the moment each is due)",
        "to gunicorn with 2 workers on 127.0.0.1; signed-in pages use session cookies. The",
        "previous run's figure stands beside each (from the committed results.json).",
        "",
        "The latency target applies to `p95_ms`: the page on a kept database connection, as",
        "production serves it (`CONN_MAX_AGE` 60 s, with health checks). `cold_p95_ms` is the",
        "worst case, a new connection for every request: PostgreSQL's connect and its first",
        "reading of each table's catalog entries add some 15-25 ms, which production pays on",
        "the first request of a worker's minute. Before 2026-12-03 runs judged both.",
        "",
        "The scores of all rounds and their GROUP BY are each the median of 3 runs, taken",
        "in turns in a process set up as a worker process is; the process's first",
        "computation (imports, Django's caches) is reported apart as `first_run_s`. Before",
        "2026-12-04 each was a single run, the computation the first of its process.",
        "",
        "| measure | figure | previous run | target | met |",
        "|---|---|---|---|---|",
    ]
    for label, figure, was, target, ok in _verdicts(results, previous):
        met = "-" if ok is None else "yes" if ok else "NO"
        lines.append(f"| {label} | {figure} | {was} | {target} | {met} |")
    lines += ["", "Dataset (10x): " + ", ".join(f"{k} {v}" for k, v in large["dataset"].items())]
    (OUT / "results.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
