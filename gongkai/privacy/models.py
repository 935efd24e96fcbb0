"""Findings stored for review. The matched text itself is NOT stored (only a masked preview and a hash)."""

from django.conf import settings
from django.db import models


class FindingStatus(models.TextChoices):
    OPEN = "open", "待处理"
    REDACTED = "redacted", "已脱敏"
    OVERRIDDEN = "overridden", "确认可公开"
    NOT_PERSONAL = "not_personal", "不属于个人信息"
    WITHDRAWN = "withdrawn", "已撤回信息"


class StoredFinding(models.Model):
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    object_label = models.CharField("信息", max_length=300)
    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="privacy_findings")
    source = models.CharField("位置", max_length=200)
    handle = models.CharField(max_length=60)
    type = models.CharField("类型", max_length=20)
    label = models.CharField("类型", max_length=30)
    confidence = models.CharField("可信度", max_length=10)
    masked = models.CharField("内容（已遮盖）", max_length=200)
    context = models.CharField("上下文（已遮盖）", max_length=300, blank=True)
    ground = models.CharField("依据", max_length=100)
    text_hash = models.CharField(max_length=64)
    status = models.CharField("状态", max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField("处理说明", blank=True)
    found_at = models.DateTimeField(auto_now_add=True)
    sweep = models.ForeignKey("SweepRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="findings")

    class Meta:
        ordering = ["-found_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"]), models.Index(fields=["agency", "status"])]
        constraints = [models.UniqueConstraint(fields=["object_type", "object_id", "handle", "type", "text_hash"],
                                               name="finding_unique")]
        verbose_name = verbose_name_plural = "个人信息检查结果"

    def __str__(self):
        return f"{self.label} {self.masked}（{self.source}）"

    def permission_agency(self):
        return self.agency


class SweepRun(models.Model):
    """One sweep over published information; resumable (last object handled is kept)."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    agency_code = models.CharField(max_length=18, blank=True)
    since = models.DateField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    last_key = models.CharField(max_length=60, blank=True)   # resume point: "<source>:<pk>"
    findings_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = verbose_name_plural = "个人信息排查"


class ScanMark(models.Model):
    """When an object was last scanned, so incremental sweeps re-check only what changed."""

    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    scanned_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["object_type", "object_id"], name="scanmark_unique")]
