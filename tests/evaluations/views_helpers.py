"""The URL of each evaluations page for the `world` of conftest.py, by short name."""

from django.urls import reverse


def _urls(w):
    r, n, s = w["round"].pk, w["network"].slug, w["survey"].slug
    return {
        "round-list": reverse("evaluations:round-list"),
        "round-create": reverse("evaluations:round-create"),
        "round-detail": reverse("evaluations:round-detail", args=[r]),
        "round-rate": reverse("evaluations:round-rate", args=[r]),
        "item-create": reverse("evaluations:item-create", args=[r]),
        "round-close": reverse("evaluations:round-close", args=[r]),
        "report": reverse("evaluations:report", args=[r]),
        "report-pdf": reverse("evaluations:report-pdf", args=[r]),
        "report-csv": reverse("evaluations:report-csv", args=[r]),
        "network-report": reverse("evaluations:network-report", args=[r, n]),
        "network-report-pdf": reverse("evaluations:network-report-pdf", args=[r, n]),
        "network-report-csv": reverse("evaluations:network-report-csv", args=[r, n]),
        "survey-list": reverse("evaluations:survey-list"),
        "survey-create": reverse("evaluations:survey-create"),
        "survey-detail": reverse("evaluations:survey-detail", args=[s]),
        "form-create": reverse("evaluations:form-create", args=[s]),
        "ballot-create": reverse("evaluations:ballot-create", args=[s]),
        "merge": reverse("evaluations:merge", args=[s]),
        "ballot-import": reverse("evaluations:ballot-import", args=[s]),
        "dashboard": reverse("evaluations:dashboard"),
        "phase": reverse("evaluations:phase", args=[n]),
        "outcome-list": reverse("evaluations:outcome-list", args=[n]),
        "outcome-create": reverse("evaluations:outcome-create", args=[n]),
        "story-create": reverse("evaluations:story-create", args=[n]),
        "story-detail": reverse("evaluations:story-detail", args=[n, w["story"].pk]),
    }
