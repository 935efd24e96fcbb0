from django.db import models
from django.db.models import Q
from django.utils import timezone


class JobState(models.TextChoices):
    PENDING = "pending", "待执行"
    RUNNING = "running", "执行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class Job(models.Model):
    """One piece of slow work (后台任务), written in the transaction of the change that needs it (so it exists exactly
    when the change does) and run after commit by whichever process claims it first. See gongkai/core/jobs.py."""

    kind = models.CharField("任务类型", max_length=80, db_index=True)
    payload = models.JSONField(default=dict)
    key = models.CharField(max_length=200, blank=True)   # at most one pending job per non-empty key
    state = models.CharField("状态", max_length=10, choices=JobState.choices, default=JobState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=5)
    run_after = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    done = models.PositiveIntegerField(default=0)      # progress: units done of `total`
    total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["state", "run_after"], name="job_claimable")]
        constraints = [models.UniqueConstraint(fields=["key"], condition=Q(state="pending") & ~Q(key=""),
                                               name="job_one_pending_per_key")]

    def __str__(self):
        return f"{self.kind}#{self.pk}"
