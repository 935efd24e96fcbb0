"""依申请公开: applications, their clock events and the 复议/诉讼 records linked to them.

Applicants' personal data lives only here and is shown only to the applicant (tracking number + password) and to
staff of the agency; never on public pages, feeds, search or public exports."""

from django.conf import settings
from django.db import models

from gongkai.core import law
from gongkai.core.law import APPLICANT_TYPES, OUTCOME_CHOICES


class State(models.TextChoices):
    AWAITING_CONFIRMATION = "awaiting", "待确认收到"   # online/fax, before both sides confirm (art. 31)
    PROCESSING = "processing", "办理中"
    AWAITING_CORRECTION = "correction", "待补正"
    PAUSED = "paused", "暂停计时"
    CLOSED = "closed", "已办结"


# 收到渠道, from the law's vocabulary (Channel.ONLINE == "online").
Channel = models.TextChoices("Channel", [(code.upper(), (code, label)) for code, label in law.APPLICATION_CHANNELS])


class Application(models.Model):
    agency = models.ForeignKey("core.Agency", verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications")
    tracking_number = models.CharField("申请编号", max_length=30, unique=True)
    password_hash = models.CharField(max_length=128, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="parts")  # 一事一申请
    applicant_type = models.CharField("申请人类型", max_length=20, choices=APPLICANT_TYPES)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    id_kind = models.CharField("证件类型", max_length=30, blank=True)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    contact_phone = models.CharField("联系电话", max_length=40, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)
    contact_address = models.CharField("通信地址", max_length=200, blank=True)
    description = models.TextField("所需信息的名称、文号或特征描述")
    id_proof_path = models.CharField(max_length=300, blank=True, editable=False)  # restricted storage, never a URL
    form_wanted = models.CharField("获取信息的形式", max_length=30, blank=True)
    delivery_wanted = models.CharField("获取信息的方式", max_length=30, blank=True)
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    received_date = models.DateField("收到申请之日", null=True, blank=True)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.AWAITING_CONFIRMATION, db_index=True)
    due_date = models.DateField("答复期限", null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(default=False)
    outcome = models.CharField("办理结果", max_length=40, choices=OUTCOME_CHOICES, blank=True)
    closed_date = models.DateField("办结日期", null=True, blank=True)
    fee_amount = models.PositiveIntegerField("信息处理费（元）", default=0)
    imported = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=0)  # optimistic lock against lost updates
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["agency", "state", "due_date"])]
        verbose_name = verbose_name_plural = "政府信息公开申请"

    def __str__(self):
        return f"{self.tracking_number}"


class ClockEvent(models.Model):
    """A typed event of gongkai.core.clock, stored in order; the due date is recomputed from all of them."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40)
    date = models.DateField()
    data = models.JSONField(default=dict, blank=True)   # channel, party, days, approver, reason, due
    note = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def permission_agency(self):
        return self.application.agency


class Letter(models.Model):
    """A letter sent to the applicant (告知书), numbered per agency and year; DOCX and PDF rendered from its text."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField("类型", max_length=20)
    title = models.CharField("标题", max_length=50)
    number = models.CharField("文号", max_length=60, unique=True)
    date = models.DateField("日期")
    paragraphs = models.JSONField(default=list)
    delivery = models.CharField("送达方式", max_length=30, blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def permission_agency(self):
        return self.application.agency


class LetterCounter(models.Model):
    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="lettercounter_unique")]


class ReplyAttachment(models.Model):
    """Information provided with the reply. Passes the privacy gate; a redacted copy replaces the original, which
    moves to restricted storage."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("文件名", max_length=200)
    file = models.FileField(upload_to="replies/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    text = models.TextField(blank=True, editable=False)
    scan_problem = models.CharField(max_length=200, blank=True, editable=False)
    redacted = models.BooleanField("已脱敏", default=False)
    private_path = models.CharField(max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def permission_agency(self):
        return self.application.agency


class ReviewCase(models.Model):
    """行政复议 / 行政诉讼 / 举报投诉 linked to an application (table 四 of the annual report)."""

    ROUTES = law.REVIEW_ROUTES
    RESULTS = law.REVIEW_RESULTS

    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.PROTECT, related_name="reviews")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="review_cases")
    route = models.CharField("途径", max_length=30, choices=ROUTES)
    case_number = models.CharField("案号", max_length=60)
    body = models.CharField("复议机关或法院", max_length=100)
    filed_on = models.DateField("受理日期")
    result = models.CharField("结果", max_length=20, choices=RESULTS, default="pending")
    decided_on = models.DateField("审结日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "case_number"], name="reviewcase_unique")]

    def __str__(self):
        return f"{self.get_route_display()} {self.case_number}"


class LetterTemplate(models.Model):
    """An agency's own wording for a kind of letter (one paragraph per line, placeholders like {申请人})."""

    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="letter_templates")
    kind = models.CharField("告知书类型", max_length=20)
    text = models.TextField("正文模板")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="lettertemplate_unique")]

    def permission_agency(self):
        return self.agency
