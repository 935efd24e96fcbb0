"""主动公开目录: items with their metadata, 信息分类 trees, vocabularies, 索引号 counters, 政府公报."""

from django.conf import settings
from django.db import models

from gongkai.core import law

from . import vocab, workflow
from .indexnumber import DEFAULT_PATTERN


class CatalogSettings(models.Model):
    """Per-agency catalogue settings: the 索引号 pattern (changing it affects new items only)."""

    agency = models.OneToOneField("core.Agency", on_delete=models.CASCADE, related_name="catalog_settings")
    index_pattern = models.CharField("索引号模式", max_length=100, default=DEFAULT_PATTERN)
    # Bumped (atomic F() update) with every change to the agency's public catalogue; the public pages' cached
    # figures are keyed on it. In the database, so every process sees a change (services/generation.py).
    generation = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "目录设置"


class IndexCounter(models.Model):
    """Last serial issued per agency and period ('2026' or '202611'). Locked row → gap-free, never reused."""

    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=8)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "period"], name="indexcounter_unique")]


class Genre(models.Model):
    """体裁 (data: the 15 法定文种 + others)."""

    name = models.CharField("体裁", max_length=30, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "体裁"

    def __str__(self):
        return self.name


class Topic(models.Model):
    """主题分类, two levels."""

    name = models.CharField("主题", max_length=50)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="topic_unique")]
        verbose_name = verbose_name_plural = "主题分类"

    def __str__(self):
        return f"{self.parent.name}\\{self.name}" if self.parent_id else self.name


class Category(models.Model):
    """信息分类: one agency's own catalogue tree (seeded with art. 20, 五公开, 重点领域 columns)."""

    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="categories")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    code = models.CharField("分类代码", max_length=30)
    name = models.CharField("分类名称", max_length=100)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="category_unique")]
        verbose_name = verbose_name_plural = "信息分类"

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    """The item's workflow states; which action leads where is the table in workflow.py."""

    DRAFT = "draft", workflow.STATE_LABELS["draft"]
    SUBMITTED = "submitted", workflow.STATE_LABELS["submitted"]
    REVIEWED = "reviewed", workflow.STATE_LABELS["reviewed"]
    PUBLISHED = "published", workflow.STATE_LABELS["published"]
    WITHDRAWN = "withdrawn", workflow.STATE_LABELS["withdrawn"]


class Item(models.Model):
    """One piece of government information in the catalogue (政府信息)."""

    agency = models.ForeignKey("core.Agency", verbose_name="发布机构", on_delete=models.PROTECT, related_name="items")
    co_issuers = models.ManyToManyField("core.Agency", verbose_name="联合发布机构", blank=True, related_name="co_items")
    index_number = models.CharField("索引号", max_length=100, unique=True, null=True, blank=True)
    title = models.CharField("名称", max_length=300)
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True)          # sanitised HTML
    body_text = models.TextField(blank=True, editable=False)  # plain text for search and privacy scanning
    doc_number = models.CharField("文号", max_length=100, blank=True, db_index=True)
    doc_number_regular = models.BooleanField(default=True, editable=False)
    doc_kind = models.CharField("文件类型", max_length=20, choices=vocab.DOC_KINDS, default="other")
    genre = models.ForeignKey(Genre, verbose_name="体裁", on_delete=models.PROTECT, related_name="items")
    topic = models.ForeignKey(Topic, verbose_name="主题分类", null=True, blank=True, on_delete=models.PROTECT)
    categories = models.ManyToManyField(Category, verbose_name="信息分类", blank=True, related_name="items")
    keywords = models.CharField("关键词", max_length=200, blank=True)
    written_date = models.DateField("成文日期", null=True, blank=True)
    formed_date = models.DateField("形成/变更日期")  # starts the art. 26 clock
    published_date = models.DateField("发布日期", null=True, blank=True, db_index=True)
    effective_date = models.DateField("实施日期", null=True, blank=True)
    repeal_date = models.DateField("废止日期", null=True, blank=True)
    validity = models.CharField("有效性", max_length=20, choices=vocab.VALIDITY, default="effective")
    amended_by = models.ForeignKey("self", verbose_name="修改文件", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="amends")
    repealed_by = models.ForeignKey("self", verbose_name="废止文件", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="repeals")
    disclosure = models.CharField("公开属性", max_length=20, choices=law.DISCLOSURE, default="proactive")
    withholding_ground = models.CharField("不公开理由", max_length=30, choices=law.WITHHOLDING_GROUNDS, blank=True)
    withholding_reason = models.TextField("不公开理由说明", blank=True)
    next_review_date = models.DateField("下次复审日期", null=True, blank=True, db_index=True)
    channels = models.JSONField("公开方式", default=list, blank=True)
    interpretation_form = models.CharField("解读形式", max_length=20, choices=vocab.INTERPRETATION_FORMS, blank=True)
    interprets = models.ManyToManyField("self", verbose_name="解读的政策文件", symmetrical=False, blank=True,
                                        related_name="interpretations")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    publish_due = models.DateField("公开时限", null=True, blank=True)  # art. 26: 20 工作日 from formed_date
    publish_due_provisional = models.BooleanField(default=False)
    secrecy_reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="保密审查人", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    secrecy_reviewed_at = models.DateTimeField("保密审查时间", null=True, blank=True)
    withdrawn_reason = models.TextField("撤回原因", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the search index last took this item's state (null: never). Behind updated_at: the index is owed a
    # refresh — what `gongkai search reconcile` finds after a process died between commit and indexing.
    indexed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # An imported row's stable identity (hash of agency, title, 文号 and dates) so that re-running an import skips
    # the rows it already brought in, with or without a 索引号.
    import_key = models.CharField(max_length=40, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息"
        ordering = ["-published_date", "-id"]
        # list pages filter by agency, status and 公开属性 and order by date: covering indexes keep them fast at 1M rows
        indexes = [models.Index(fields=["agency", "status", "disclosure", "-published_date", "-id"]),
                   models.Index(fields=["status", "disclosure", "-published_date", "-id"]),
                   # the annual report counts 规章 / 规范性文件 (a few % of items) per agency
                   models.Index(fields=["doc_kind", "agency", "status"], name="catalog_item_kind_agency")]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.disclosure == "proactive"

    @property
    def is_interpretation(self) -> bool:
        return self.genre.name == "政策解读"


class Attachment(models.Model):
    """附件. A redacted copy is public; its original moves to restricted storage (private_path)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("文件名", max_length=200)
    file = models.FileField(upload_to="catalog/%Y/%m/", blank=True)
    private_path = models.CharField(max_length=300, blank=True, editable=False)  # the original after redaction
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    text = models.TextField(blank=True, editable=False)
    scan_problem = models.CharField(max_length=200, blank=True, editable=False)  # why it could not be scanned
    redacted = models.BooleanField("已脱敏", default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = verbose_name_plural = "附件"

    def __str__(self):
        return self.name

    def permission_agency(self):
        return self.item.agency


class GazetteIssue(models.Model):
    """政府公报: one issue (year, number) whose contents are catalogue items in order."""

    agency = models.ForeignKey("core.Agency", verbose_name="编印机构", on_delete=models.PROTECT, related_name="gazettes")
    year = models.PositiveSmallIntegerField("年份")
    number = models.PositiveSmallIntegerField("期号")
    title = models.CharField("标题", max_length=100, blank=True)
    published_date = models.DateField("出版日期", null=True, blank=True)
    items = models.ManyToManyField(Item, through="GazetteEntry", related_name="gazettes")

    class Meta:
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "number"], name="gazette_unique")]
        verbose_name = verbose_name_plural = "政府公报"

    def __str__(self):
        return self.title or f"{self.agency.full_name}公报 {self.year}年第{self.number}期"


class GazetteEntry(models.Model):
    issue = models.ForeignKey(GazetteIssue, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(Item, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["issue", "item"], name="gazette_entry_unique")]
