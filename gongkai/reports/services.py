"""The annual report's state changes: create, edit the sections, enter table 二 figures, acknowledge warnings,
publish into the catalogue. Every one is one transaction with an audit event. Building the report (a read) is
generator.build_report; due dates are in deadlines.py."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, permissions
from gongkai.core.models import Agency

from . import sections
from .generator import Built, build_report
from .models import MANUAL_KEYS, MANUAL_LABELS, AnnualReport, ManualFigure, ReportStatus


def _require(actor, action, obj):
    if actor is not None:
        permissions.require(actor, action, obj)


@transaction.atomic
def get_or_create(actor, agency: Agency, year: int, consolidated: bool = False) -> AnnualReport:
    _require(actor, permissions.VIEW, agency)
    report, created = AnnualReport.objects.get_or_create(agency=agency, year=year, consolidated=consolidated)
    if created:
        audit.record(actor, "report.created", report, f"新建{year}年度报告")
    return report


@transaction.atomic
def save_sections(actor, record: AnnualReport, texts: dict[str, str]) -> AnnualReport:
    record = AnnualReport.objects.select_for_update().get(pk=record.pk)
    _require(actor, permissions.HANDLE, record)
    if record.status == ReportStatus.PUBLISHED:
        raise ValidationError({"sections": "已发布的年度报告不能修改"})
    unknown = set(texts) - set(sections.EDITABLE)
    if unknown:
        raise ValidationError({"sections": f"只能编辑第一、五、六部分（收到：{'、'.join(sorted(unknown))}）"})
    built = build_report(record.agency, record.year, record.consolidated)
    errors = {}
    for key, text in texts.items():
        if not text.strip():
            errors[key] = f"第{key}部分不能为空"
        elif bad := sections.validate(text, built.placeholders):
            errors[key] = f"第{key}部分有无法识别的数据占位符：{'、'.join(bad)}"
    if errors:
        raise ValidationError(errors)
    before = dict(record.sections)
    record.sections = {**record.sections, **texts}
    record.acknowledgements = []          # the text changed: warnings must be looked at again
    record.save(update_fields=["sections", "acknowledgements", "updated_at"])
    audit.record(actor, "report.sections_saved", record, "修改年度报告正文", before=before, after=record.sections)
    return record


def _decimal(value) -> Decimal:
    try:
        return Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError({"value": f"数值格式不正确：{value}"}) from None


def _validate_figure(key: str, value, source: str) -> Decimal:
    if key not in MANUAL_LABELS:
        raise ValidationError({"key": f"未知的项目：{key}"})
    number = _decimal(value)
    if not key.endswith(".change") and number < 0:
        raise ValidationError({"value": f"{MANUAL_LABELS[key]}不能为负数"})
    if not key.endswith("amount_wan") and number != number.to_integral_value():
        raise ValidationError({"value": f"{MANUAL_LABELS[key]}应为整数"})
    if not (source or "").strip():
        raise ValidationError({"source": "请注明数据来源（如：行政许可系统导出、财务决算表）"})
    return number


@transaction.atomic
def set_manual_figure(actor, agency: Agency, year: int, key: str, value, source: str) -> ManualFigure:
    _require(actor, permissions.HANDLE, agency)
    number = _validate_figure(key, value, source)
    figure = ManualFigure.objects.select_for_update().filter(agency=agency, year=year, key=key).first()
    before = {"value": str(figure.value), "source": figure.source} if figure else None
    figure = figure or ManualFigure(agency=agency, year=year, key=key)
    figure.value, figure.source = number, source.strip()
    figure.entered_by = actor if getattr(actor, "pk", None) else None
    figure.save()
    audit.record(actor, "report.figure_set", figure, f"{year}年 {MANUAL_LABELS[key]}：{number}（来源：{source.strip()}）",
                 before=before, after={"value": str(number), "source": figure.source}, agency=agency)
    return figure


IMPORT_HEADER = ["机构", "年度", "项目", "数值", "数据来源"]


def import_manual_figures(actor, data: bytes) -> int:
    """XLSX with columns 机构 (全称或统一社会信用代码) · 年度 · 项目 (key or label) · 数值 · 数据来源. All or nothing."""
    from gongkai.documents import UnreadableFile, isolated

    try:
        rows = isolated.read_sheet("figures.xlsx", data)
    except UnreadableFile as exc:
        limit = str(exc).startswith(("文件过于复杂", "文件过大", "文件处理"))
        raise ValidationError({"file": str(exc) if limit else "无法读取该文件，请上传 XLSX 格式的表格"}) from None
    except Exception:  # noqa: BLE001 - any unreadable workbook is the same problem for the user
        raise ValidationError({"file": "无法读取该文件，请上传 XLSX 格式的表格"}) from None
    if not rows or [str(c or "").strip() for c in rows[0][:5]] != IMPORT_HEADER:
        raise ValidationError({"file": f"第1行应为表头：{' | '.join(IMPORT_HEADER)}"})
    by_label = {label: key for key, label in MANUAL_KEYS}
    parsed, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        who, year, item, value, source = (list(row) + [None] * 5)[:5]
        agency = Agency.objects.filter(full_name=str(who or "").strip()).first() or \
            Agency.objects.filter(uscc=str(who or "").strip()).first()
        key = item if item in MANUAL_LABELS else by_label.get(str(item or "").strip())
        try:
            if agency is None:
                raise ValidationError(f"找不到机构“{who}”")
            if not str(year or "").strip().isdigit():
                raise ValidationError(f"年度“{year}”不是年份")
            if key is None:
                raise ValidationError(f"未知的项目“{item}”")
            _validate_figure(key, value, str(source or ""))
            if actor is not None and not permissions.can(actor, permissions.HANDLE, agency):
                raise ValidationError(f"无权填报{agency.full_name}的数据")
        except ValidationError as exc:
            errors.append(f"第{number}行：{'；'.join(exc.messages)}")
            continue
        parsed.append((agency, int(str(year).strip()), key, value, str(source)))
    if errors:
        raise ValidationError({"file": errors})
    with transaction.atomic():
        for agency, year, key, value, source in parsed:
            set_manual_figure(actor, agency, year, key, value, source)
    return len(parsed)


@transaction.atomic
def acknowledge(actor, record: AnnualReport, rule: str, where: str, reason: str) -> AnnualReport:
    record = AnnualReport.objects.select_for_update().get(pk=record.pk)
    _require(actor, permissions.REVIEW, record)
    if not reason.strip():
        raise ValidationError({"reason": "请说明为什么这条警告可以接受"})
    built = build_report(record.agency, record.year, record.consolidated, record)
    if not any(f.rule == rule and f.where == where and f.severity == "warning" for f in built.report.findings):
        raise ValidationError({"rule": "当前报告没有这条警告（数据可能已经更新）"})
    entry = {"rule": rule, "where": where, "reason": reason.strip(), "by": getattr(actor, "username", "系统"),
             "at": timezone.now().isoformat(timespec="seconds")}
    record.acknowledgements = [a for a in record.acknowledgements if (a["rule"], a["where"]) != (rule, where)] + [entry]
    record.save(update_fields=["acknowledgements", "updated_at"])
    audit.record(actor, "report.warning_acknowledged", record, f"确认警告 {rule}（{where}）：{reason.strip()}", after=entry)
    return record


def blocking(record: AnnualReport, built: Built) -> list[str]:
    """Why the report cannot be published yet (empty: it can)."""
    reasons = [f"错误：{f.message}" for f in built.errors]
    acknowledged = {(a["rule"], a["where"]) for a in record.acknowledgements}
    reasons += [f"未确认的警告：{f.message}" for f in built.warnings if (f.rule, f.where) not in acknowledged]
    return reasons


@transaction.atomic
def publish(actor, record: AnnualReport, on: date | None = None) -> AnnualReport:
    """Freeze the data, publish the HTML into the catalogue under 政府信息公开年报 with its own 索引号."""
    from gongkai.catalog import services as catalog
    from gongkai.catalog import vocab
    from gongkai.catalog.models import Category, Genre

    from .render import to_html

    record = AnnualReport.objects.select_for_update().select_related("agency").get(pk=record.pk)
    _require(actor, permissions.REVIEW, record)      # the reviewer signs the report off; the platform files it
    if record.status == ReportStatus.PUBLISHED:
        raise ValidationError({"status": "该年度报告已经发布"})
    built = build_report(record.agency, record.year, record.consolidated, record)
    if reasons := blocking(record, built):
        raise ValidationError({"status": ["不能发布：", *reasons]})
    on = on or timezone.localdate()
    catalog.seed_agency_catalog(record.agency)
    genre, _ = Genre.objects.get_or_create(name="年度报告")
    category = Category.objects.get(agency=record.agency, code=vocab.ANNUAL_REPORT_CATEGORY)
    title = f"{record.agency.full_name}{record.year}年政府信息公开工作年度报告" + ("（汇总）" if record.consolidated else "")
    item = catalog.create_item(None, record.agency, categories=[category], title=title, genre=genre,
                               body=to_html(built.report, built.sections, level=2), formed_date=on, written_date=on,
                               summary=f"{record.year}年度政府信息公开工作年度报告")
    catalog.submit(None, item)
    catalog.review(actor, item, approve=True, note="年度报告经审核发布")
    item = catalog.publish(None, item, on)
    record.status, record.published_at, record.catalog_item = ReportStatus.PUBLISHED, timezone.now(), item
    record.data = built.report.to_json()
    record.save()
    audit.record(actor, "report.published", record, f"发布年度报告，索引号 {item.index_number}",
                 after={"index_number": item.index_number, "findings": len(built.report.findings)})
    return record
