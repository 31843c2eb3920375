"""Helpers of the review tests (also used by the amounts, criteria-display, mail and
unmet-explanation tests): the two staff-only criteria judged in favour, the review page's URL
and its form as the browser posts it."""

from django.urls import reverse

# The two criteria only staff can judge; a grant needs them judged in favour.
IN_FAVOUR = {
    "field_initiative": ("met", "Acht schoolleiders vroegen er zelf om."),
    "professionalisation_focus": ("met", "Competenties staan centraal."),
}


def _review_url(application):
    return reverse("networks:review-detail", args=[application.pk])


def _form_data(action="save", **fields):
    """The review form as the browser posts it: every criterion without judgement, plus
    `fields` (`<code>-verdict`, `<code>-motivation`, `decision-*`)."""
    from networks.eligibility import CRITERIA

    data = {"action": action}
    for code in CRITERIA:
        data[f"{code}-verdict"] = ""
        data[f"{code}-motivation"] = ""
    data.update(fields)
    return data
