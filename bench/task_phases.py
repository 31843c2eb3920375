"""Worker-side timing: phase reports for all networks by the real task code, one process."""

import json
import os
import resource
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from evaluations.tasks import task_compute_all_phase_reports  # noqa: E402


def main() -> None:
    started = time.perf_counter()
    count = task_compute_all_phase_reports.run()
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {"all_networks_s": round(elapsed, 2), "networks": count, "peak_rss_mb": round(peak, 1)}
        )
    )


if __name__ == "__main__":
    main()
