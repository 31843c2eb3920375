from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """Written by the Celery worker: shows staff that background work is being processed."""

    worker = models.CharField(_("worker"), max_length=200)
    seen_at = models.DateTimeField(_("seen at"))

    class Meta:
        ordering = ["-seen_at"]
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker} @ {self.seen_at:%Y-%m-%d %H:%M}"


class OutboxTask(models.Model):
    """A background task not yet handed to the broker (see leernetwerk.dispatch)."""

    task_name = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("queued task")
        verbose_name_plural = _("queued tasks")

    def __str__(self) -> str:
        return self.task_name


class JobStatus(models.TextChoices):
    """Where an uploaded file is on its way through the background task."""

    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being processed")
    CHECKED = "checked", _("Checked: waiting for your confirmation")
    DONE = "done", _("Done")
    FAILED = "failed", _("Refused")


class UploadJob(models.Model):
    """An uploaded file that a background task reads (leernetwerk.uploads): who uploaded it,
    how far the task is and what came out. The upload view checks only what is cheap (size,
    type, unpacked size); the rows are read by the task, never in the web request. Each import
    has its own concrete job with a link to what the file is for."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(_("file type"), max_length=10)
    # The file itself, in the database so that a worker on another machine can read it;
    # emptied once the job is finished (it holds personal data).
    content = models.BinaryField(_("content"), default=bytes, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in total"), null=True, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_working(self) -> bool:
        """Whether the task has yet to finish this step (the page then refreshes itself)."""
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def is_failed(self) -> bool:
        return self.status == JobStatus.FAILED

    @property
    def is_checked(self) -> bool:
        """Checked and waiting for the uploader's confirmation (an import with a preview)."""
        return self.status == JobStatus.CHECKED

    @property
    def percent_done(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)
