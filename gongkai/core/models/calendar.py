from django.db import models


class CalendarYear(models.Model):
    """A year whose official holiday arrangement is entered, with the State Council notice it came from."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    notice_title = models.CharField("通知标题", max_length=200)
    notice_number = models.CharField("文号", max_length=100, blank=True)
    notice_date = models.DateField("发布日期", null=True, blank=True)
    source = models.CharField("数据来源", max_length=100)  # "chinesecalendar 1.11.0" or "导入：文件名"
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = verbose_name_plural = "节假日安排年度"

    def __str__(self):
        return f"{self.year}年"


class OfficialDay(models.Model):
    """法定节假日 (day off) or 调休上班日 (weekend working day) in a covered year."""

    HOLIDAY, MAKEUP = "holiday", "makeup"
    KINDS = [(HOLIDAY, "法定节假日"), (MAKEUP, "调休上班日")]

    year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=KINDS)
    name = models.CharField("节日", max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = verbose_name_plural = "法定节假日与调休"

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}"
