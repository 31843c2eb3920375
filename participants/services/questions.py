"""Writes for learning questions and their reflection logs, each by its owner only, and
the rule of thumb that checks how a question's goal is worded."""

from __future__ import annotations

from django.db import transaction

from leernetwerk.concurrency import claim_version

from ..models import LearningQuestion, ReflectionEntry, User


@transaction.atomic
def save_learning_question(
    *,
    owner: User,
    data: dict,
    question: LearningQuestion | None = None,
    loaded_version: int | None = None,
) -> LearningQuestion:
    """Create or update the owner's question with its competences and networks. Changing
    one with `loaded_version`: StaleEdit, nothing saved, if it was saved since (for two tabs;
    leernetwerk/concurrency.py)."""
    question = question or LearningQuestion(owner=owner)
    if question.owner_id != owner.pk:
        raise PermissionError("only the owner changes a learning question")
    if question.pk:
        claim_version(question, loaded_version)
    for field in ("title", "description", "goal", "visibility", "status"):
        if field in data:
            setattr(question, field, data[field])
    question.save()
    if "competences" in data:
        question.competences.set(data["competences"])
    if "networks" in data:
        question.networks.set(data["networks"])
    return question


def delete_learning_question(question: LearningQuestion, *, by: User) -> None:
    """Delete the question with its reflections. Only its owner (`by`); PermissionError for
    anyone else. Running it twice fails the second time (nothing left to delete)."""
    if question.owner_id != by.pk:
        raise PermissionError("only the owner deletes a learning question")
    question.delete()


def add_reflection(question: LearningQuestion, *, by: User, data: dict) -> ReflectionEntry:
    """Add a dated note to the owner's reflection log."""
    if question.owner_id != by.pk:
        raise PermissionError("only the owner writes reflections")
    return ReflectionEntry.objects.create(
        question=question, date=data["date"], note=data["note"], meeting=data.get("meeting")
    )


def goal_states_a_means(goal: str) -> bool:
    """Rule of thumb from the second source: a goal begins with "Leerlingen" (students);
    otherwise it probably talks about means."""
    goal = goal.strip().lstrip("'\"‘“").lower()
    return bool(goal) and not (goal.startswith("leerlingen") or goal.startswith("students"))
