from django.db import models


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    DISPATCHED = "dispatched", "派出机构"
    TOWNSHIP = "township", "乡镇人民政府"
    STREET_OFFICE = "street_office", "街道办事处"
    AUTHORISED_ORG = "authorised_org", "法律法规授权组织"


class AgencyQuerySet(models.QuerySet):
    def subtree(self, agency: "Agency") -> "AgencyQuerySet":
        """The agency and everything under it: one indexed prefix query on the materialised path."""
        return self.filter(path__startswith=agency.path)

    def by_code(self, code: str) -> "AgencyQuerySet":
        """The agency a script or URL names by code: its 统一社会信用代码 or 组织机构代码 (18 and 9 characters,
        so one code never matches two agencies)."""
        return self.filter(models.Q(uscc=code) | models.Q(org_code=code))

    def governments(self) -> "AgencyQuerySet":
        return self.filter(kind__in=[AgencyKind.GOVERNMENT, AgencyKind.TOWNSHIP, AgencyKind.STREET_OFFICE])


class Agency(models.Model):
    """机构: a government, department or other body with a duty to disclose."""

    full_name = models.CharField("机构全称", max_length=200, unique=True)
    short_name = models.CharField("简称", max_length=50, blank=True)
    kind = models.CharField("机构类型", max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey("self", verbose_name="上级机构", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    # Materialised path "/<id>/<id>/…/" kept by services.save_agency: subtree queries are one prefix scan.
    path = models.CharField(max_length=500, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True, null=True, blank=True)
    org_code = models.CharField("组织机构代码", max_length=9, unique=True, null=True, blank=True)
    division_code = models.CharField("行政区划代码", max_length=12, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    # 政府信息公开工作机构 — the details the 公开指南 must give.
    office_name = models.CharField("公开工作机构名称", max_length=200, blank=True)
    office_address = models.CharField("办公地址", max_length=300, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    office_phone = models.CharField("联系电话", max_length=100, blank=True)
    office_fax = models.CharField("传真", max_length=100, blank=True)
    office_postcode = models.CharField("邮政编码", max_length=10, blank=True)
    office_online = models.CharField("互联网联系方式", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "机构"
        ordering = ["path", "sort_order"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(uscc__isnull=False) | models.Q(org_code__isnull=False),
                name="agency_has_code",
                violation_error_message="统一社会信用代码和组织机构代码至少填写一项",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def code(self) -> str:
        """The code scripts address the agency by: its 统一社会信用代码, else its 组织机构代码."""
        return self.uscc or self.org_code or ""

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p][:-1]

    def is_within(self, other: "Agency") -> bool:
        """True when this agency is `other` or lies under it."""
        return bool(other.path) and self.path.startswith(other.path)
