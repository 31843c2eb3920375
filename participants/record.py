"""The learning record (leerdossier) PDF for the Schoolleidersregister, made with WeasyPrint."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string
from django.utils import timezone

from . import selectors
from .models import BCScan, LearningQuestion, ReflectionEntry, User
from .scan_report import scan_result


def build_learning_record(
    person: User, *, questions: list[LearningQuestion], scans: list[BCScan]
) -> bytes:
    """A PDF of the meetings the person attended (dates, hours), and the learning questions
    with reflections and BC-Scan results the person chose. Only for the person themself."""
    from weasyprint import HTML  # noqa: PLC0415 - start-up cost: WeasyPrint loads only when a PDF is made

    return HTML(string=learning_record_html(person, questions=questions, scans=scans)).write_pdf()


def learning_record_html(
    person: User, *, questions: list[LearningQuestion], scans: list[BCScan]
) -> str:
    """The HTML the PDF is made from; questions and scans of anyone else are ignored."""

    attendances = list(selectors.attended_meetings(person))
    total_hours = round(sum(a.meeting.duration_hours for a in attendances), 1)
    question_ids = [q.pk for q in questions if q.owner_id == person.pk]
    chosen_questions = list(
        LearningQuestion.objects.filter(pk__in=question_ids)
        .prefetch_related("competences", "networks")
        .order_by("created_at")
    )
    reflections: dict[int, list[ReflectionEntry]] = {}
    for entry in (
        ReflectionEntry.objects.filter(question_id__in=question_ids)
        .select_related("meeting")
        .order_by("date")
    ):
        reflections.setdefault(entry.question_id, []).append(entry)
    for question in chosen_questions:
        question.reflection_list = reflections.get(question.pk, [])
    scan_results = []
    for scan in BCScan.objects.filter(owner=person, pk__in=[s.pk for s in scans]).order_by(
        "taken_at"
    ):
        result = scan_result(scan, selectors.earlier_scan(scan))
        result["scan"] = scan
        result["chart_data_uri"] = (
            "data:image/svg+xml;base64," + base64.b64encode(str(result["chart"]).encode()).decode()
        )
        scan_results.append(result)
    return render_to_string(
        "participants/learning_record_pdf.html",
        {
            "person": person,
            "attendances": attendances,
            "total_hours": total_hours,
            "questions": chosen_questions,
            "scan_results": scan_results,
            "generated_at": timezone.localtime(),
        },
    )
