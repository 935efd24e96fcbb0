"""Annual reports the platform builds: figures staff enter (table 二 items the platform cannot know), the editable
sections, acknowledgements of warnings, and the published snapshot (its data is next year's carry-over source)."""

from django.conf import settings
from django.db import models

MANUAL_KEYS = [
    ("licensing.decisions", "行政许可·本年处理决定数量"),
    ("penalty.decisions", "行政处罚·本年处理决定数量"),
    ("coercion.decisions", "行政强制·本年处理决定数量"),
    ("fees.amount_wan", "行政事业性收费·本年收费金额（万元）"),
    ("licensing.prev_items", "行政许可·上一年项目数量（2019年格式）"),
    ("licensing.change", "行政许可·本年增/减（2019年格式）"),
    ("other_services.prev_items", "其他对外管理服务事项·上一年项目数量（2019年格式）"),
    ("other_services.change", "其他对外管理服务事项·本年增/减（2019年格式）"),
    ("other_services.decisions", "其他对外管理服务事项·处理决定数量（2019年格式）"),
    ("penalty.prev_items", "行政处罚·上一年项目数量（2019年格式）"),
    ("penalty.change", "行政处罚·本年增/减（2019年格式）"),
    ("coercion.prev_items", "行政强制·上一年项目数量（2019年格式）"),
    ("coercion.change", "行政强制·本年增/减（2019年格式）"),
    ("fees.prev_items", "行政事业性收费·上一年项目数量（2019年格式）"),
    ("fees.change", "行政事业性收费·本年增/减（2019年格式）"),
    ("procurement.projects", "政府集中采购·采购项目数量（2019年格式）"),
    ("procurement.amount_wan", "政府集中采购·采购总金额（万元，2019年格式）"),
]
MANUAL_LABELS = dict(MANUAL_KEYS)


class ManualFigure(models.Model):
    """A table 二 figure from outside the platform (licensing, enforcement, finance systems), with its source."""
    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="report_figures")
    year = models.PositiveSmallIntegerField("年度")
    key = models.CharField("项目", max_length=40, choices=MANUAL_KEYS)
    value = models.DecimalField("数值", max_digits=16, decimal_places=4)
    source = models.CharField("数据来源", max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year", "key"], name="one_figure_per_key")]
        ordering = ["agency", "year", "key"]

    def __str__(self):
        return f"{self.agency} {self.year} {MANUAL_LABELS.get(self.key, self.key)} = {self.value}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class AnnualReport(models.Model):
    """One agency's report for one year: its own (本机关) or consolidated (全市/全县, the agency and its subtree)."""
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("年度")
    consolidated = models.BooleanField("汇总本级及下属", default=False)
    sections = models.JSONField("正文", default=dict, blank=True)        # {"一": template text with {{placeholders}}, …}
    acknowledgements = models.JSONField(default=list, blank=True)      # [{"rule", "where", "reason", "by", "at"}]
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    data = models.JSONField("发布时的数据", null=True, blank=True)       # report-data.md JSON, frozen when published
    published_at = models.DateTimeField(null=True, blank=True)
    catalog_item = models.ForeignKey("catalog.Item", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year", "consolidated"], name="one_report_per_year")]
        ordering = ["-year", "agency__path"]

    def __str__(self):
        return f"{self.agency}{self.year}年政府信息公开工作年度报告{'（汇总）' if self.consolidated else ''}"

    def permission_agency(self):
        return self.agency
