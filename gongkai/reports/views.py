"""Staff page: upload published annual reports, see the extracted tables next to the source text with every finding
marked on its cells, download the findings workbook."""

import json
import re
import secrets
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import audit as audit_log
from gongkai.core import permissions
from gongkai.core.models import Agency
from gongkai.core.views.staff import staff_required

from . import render as renderers
from . import sections as S
from . import services
from .audit import audit
from .export import FORMAT, SEVERITY, findings_workbook
from .model import COLUMN_LABELS, COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, ROW_LABELS, ReportData
from .models import MANUAL_KEYS, AnnualReport, ManualFigure

MAX_FILES = 300
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _folder(token: str) -> Path:
    if not TOKEN.match(token):
        raise Http404
    return Path(settings.PRIVATE_ROOT) / "report-audits" / token


@staff_required
def upload(request):
    error = ""
    if request.method == "POST":
        files = request.FILES.getlist("files")
        if not files:
            error = "请选择至少一份报告文件。"
        elif len(files) > MAX_FILES:
            error = f"一次最多上传 {MAX_FILES} 份报告，可分批上传或在命令行使用 gongkai report audit。"
        else:
            return redirect("reports:audit_result", token=_run(request.user, files))
    return render(request, "reports/audit_upload.html", {"error": error, "max_files": MAX_FILES}, status=400 if error else 200)


def _run(user, files) -> str:
    read = audit([(f.name, f.read(50 * 1024 * 1024 + 1), "") for f in files])
    token = secrets.token_urlsafe(18)
    folder = _folder(token)
    folder.mkdir(parents=True)
    payload = {"owner": user.pk, "reports": [{"name": n, "data": r.to_json(), "lines": lines[:20000]}
                                             for n, r, lines in read]}
    (folder / "audit.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    (folder / "findings.xlsx").write_bytes(findings_workbook([(n, r) for n, r, _ in read]))
    with transaction.atomic():
        audit_log.record(user, "report.audit", user, f"审核已发布的年度报告 {len(read)} 份",
                         after={"files": [n for n, _, _ in read], "token": token})
    return token


def _load(request, token) -> dict:
    path = _folder(token) / "audit.json"
    if not path.exists():
        raise Http404("没有这次审核的结果")
    payload = json.loads(path.read_text(encoding="utf-8"))
    if not permissions.can_open_audit(request.user, payload.get("owner")):
        raise PermissionDenied("只有上传者本人可以查看这次审核")
    return payload


def _marks(report: ReportData) -> dict[tuple[str, str], list[int]]:
    """(row, column) of table 三 → the numbers of the findings that concern that cell."""
    marks: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(report.findings, 1):
        parts = f.where.split(".")
        if parts[0] != "applications" or len(parts) < 2:
            continue
        rest = f.where[len("applications."):]
        cells = []
        if rest in COLUMNS:                                   # a whole column (balance)
            cells = [(row, rest) for row in ("new", "carried_in", "outcome_total", "carried_out")]
        else:
            row, _, column = rest.rpartition(".")
            if row.startswith("carried_in") or row in ROW_LABELS:
                cells = [(row, column)]
            elif rest in ROW_LABELS:
                cells = [(rest, "total")]
        for cell in cells:
            marks.setdefault(cell, []).append(i)
    return marks


def _source_marks(lines: list[str], report: ReportData) -> set[int]:
    """Source lines that hold a flagged row of table 三 (by its label) or a flagged prose figure."""
    wanted = set()
    for f in report.findings:
        rest = f.where.removeprefix("applications.")
        row = rest.rpartition(".")[0] or rest
        if row in ROW_LABELS:
            label = re.sub(r"^[（(][一二三四五六七][)）]|^\d\.|^[一二三四]、", "", ROW_LABELS[row])[:8]
            wanted.add(label)
    return {i for i, line in enumerate(lines) if any(w and w in line.replace(" ", "") for w in wanted) and "|" in line}


@staff_required
def result(request, token):
    payload = _load(request, token)
    reports = []
    for n, item in enumerate(payload["reports"], 1):
        report = ReportData.from_json(item["data"])
        marks = _marks(report)
        rows = [{"key": key, "label": ROW_LABELS[key],
                 "cells": [{"value": report.applications[key].get(c, "—"), "column": COLUMN_LABELS[c],
                            "marks": marks.get((key, c), [])} for c in COLUMNS]}
                for key in ROW_LABELS if isinstance(report.applications.get(key), dict)]
        reviews = [{"label": label, "cells": [report.reviews[g].get(c) for c in REVIEW_COLUMNS]}
                   for g, label in REVIEW_GROUPS.items() if isinstance(report.reviews.get(g), dict)]
        flagged = _source_marks(item["lines"], report)
        reports.append({"n": n, "name": item["name"], "report": report, "format": FORMAT.get(report.format, report.format),
                        "findings": [{"n": i, "f": f, "severity": SEVERITY.get(f.severity, f.severity)}
                                     for i, f in enumerate(report.findings, 1)],
                        "rows": rows, "reviews": reviews,
                        "lines": [{"n": i + 1, "text": t, "flag": i in flagged} for i, t in enumerate(item["lines"])]})
    return render(request, "reports/audit_result.html", {
        "token": token, "reports": reports, "columns": [COLUMN_LABELS[c] for c in COLUMNS],
        "review_columns": list(REVIEW_COLUMNS.values()),
        "errors": sum(1 for r in reports for f in r["report"].findings if f.severity == "error")})


@staff_required
def download_audit(request, token):
    _load(request, token)
    return FileResponse(open(_folder(token) / "findings.xlsx", "rb"), as_attachment=True,
                        filename="年度报告审核结果.xlsx")


# ------------------------------------------------------------------ the generator's pages

DUE_LABELS = {"published": "已发布", "overdue": "已逾期", "due_soon": "即将到期", "open": "未到期"}
CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "pdf": "application/pdf", "json": "application/json; charset=utf-8"}


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        return timezone.localdate().year - 1


@staff_required
def index(request):
    year = _year(request)
    agencies = list(permissions.visible_agencies(request.user).order_by("path"))
    states = services.due_states(agencies, year)
    return render(request, "reports/index.html", {"year": year, "states": states, "labels": DUE_LABELS,
                                                  "years": range(timezone.localdate().year - 1, 2007, -1)})


def _record(request, pk: int, year: int, action=permissions.VIEW):
    agency = get_object_or_404(Agency, pk=pk)
    permissions.require(request.user, action, agency)
    consolidated = request.GET.get("consolidated") == "1" or request.POST.get("consolidated") == "1"
    record = AnnualReport.objects.filter(agency=agency, year=year, consolidated=consolidated).first()
    return agency, consolidated, record


@staff_required
def report(request, pk: int, year: int):
    agency, consolidated, record = _record(request, pk, year)
    try:
        built = services.build(agency, year, consolidated, record)
    except ValidationError as exc:
        return render(request, "reports/report.html", {"agency": agency, "year": year, "error": "；".join(exc.messages)},
                      status=400)
    acknowledged = {(a["rule"], a["where"]): a for a in (record.acknowledgements if record else [])}
    templates = {**S.DEFAULTS, **((record.sections if record else None) or {})}
    figures = {f.key: f for f in ManualFigure.objects.filter(agency=agency, year=year)}
    fmt = services.report_format(year)
    keys = [] if fmt == "pre2019" else [(k, label, figures.get(k)) for k, label in MANUAL_KEYS
                                        if not ((k not in services.MANUAL_2021) if fmt == "2021" else k == "fees.amount_wan")]
    cells = _drill_cells(built.report)
    return render(request, "reports/report.html", {
        "agency": agency, "year": year, "consolidated": consolidated, "record": record, "built": built,
        "html": renderers.to_html(built.report, built.sections, level=3), "acknowledged": acknowledged,
        "findings": [{"f": f, "ack": acknowledged.get((f.rule, f.where))} for f in built.report.findings],
        "templates": [(k, S.titles(fmt)[k], templates[k]) for k in S.EDITABLE], "manual_keys": keys,
        "blocking": services.blocking(record, built) if record else services.blocking(AnnualReport(), built),
        "due": services.due_date(agency, year), "cells": cells,
        "can_edit": permissions.can(request.user, permissions.HANDLE, agency),
        "can_review": permissions.can(request.user, permissions.REVIEW, agency)})


def _drill_cells(report):
    from .model import COLUMN_LABELS, COLUMNS, ROW_LABELS
    return {"columns": [(c, COLUMN_LABELS[c]) for c in COLUMNS],
            "rows": [(key, ROW_LABELS[key], [(c, report.applications[key].get(c)) for c in COLUMNS])
                     for key in ROW_LABELS if key in report.applications]}


def _redirect(agency, year, consolidated):
    return redirect(f"/reports/agency/{agency.pk}/{year}/" + ("?consolidated=1" if consolidated else ""))


def _fail(request, exc: ValidationError):
    for message in exc.messages:
        messages.error(request, message)


def _post(action: str, needs_record: bool = True):
    """A POST on a report page: permission for `action`, the change through the service, a message, back to the page."""
    def wrap(change):
        @staff_required
        @require_POST
        def view(request, pk: int, year: int):
            agency, consolidated, record = _record(request, pk, year, action)
            if needs_record:
                record = record or services.get_or_create(request.user, agency, year, consolidated)
            try:
                messages.success(request, change(request, agency, year, record))
            except ValidationError as exc:
                _fail(request, exc)
            return _redirect(agency, year, consolidated)
        view.__name__ = change.__name__
        return view
    return wrap


@_post(permissions.HANDLE)
def save_sections(request, agency, year, record):
    services.save_sections(request.user, record, {k: request.POST.get(f"section-{k}", "") for k in S.EDITABLE})
    return "正文已保存。"


@_post(permissions.HANDLE, needs_record=False)
def save_figure(request, agency, year, record):
    services.set_manual_figure(request.user, agency, year, request.POST.get("key", ""), request.POST.get("value", ""),
                               request.POST.get("source", ""))
    return "数字已保存。"


@_post(permissions.HANDLE, needs_record=False)
def import_figures(request, agency, year, record):
    upload = request.FILES.get("file")
    if upload is None:
        raise ValidationError({"file": "请选择要导入的 XLSX 文件"})
    return f"已导入 {services.import_manual_figures(request.user, upload.read(10 * 1024 * 1024))} 项数字。"


@_post(permissions.REVIEW)
def acknowledge(request, agency, year, record):
    services.acknowledge(request.user, record, request.POST.get("rule", ""), request.POST.get("where", ""),
                         request.POST.get("reason", ""))
    return "已确认该警告。"


@_post(permissions.REVIEW)
def publish(request, agency, year, record):
    record = services.publish(request.user, record)
    return f"年度报告已发布，索引号 {record.catalog_item.index_number}。"


@staff_required
def download(request, pk: int, year: int, fmt: str):
    agency, consolidated, record = _record(request, pk, year)
    built = services.build(agency, year, consolidated, record)
    if fmt == "docx":
        payload = renderers.to_docx(built.report, built.sections)
    elif fmt == "pdf":
        payload = renderers.to_pdf(built.report, built.sections)
    elif fmt == "xlsx":
        parts = [(a.full_name, services.build(a, year).report) for a in built.agencies] if consolidated else None
        payload = renderers.to_xlsx(built.report, parts)
    elif fmt == "json":
        payload = json.dumps(built.report.to_json(), ensure_ascii=False, indent=1).encode()
    else:
        raise Http404
    name = f"{agency.full_name}{year}年政府信息公开工作年度报告{'（汇总）' if consolidated else ''}.{fmt}"
    response = HttpResponse(payload, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@staff_required
def drill(request, pk: int, year: int, row: str, column: str):
    """The applications counted in one cell of table 三."""
    from gongkai.applications.stats import cell_applications

    from .model import COLUMN_LABELS, ROW_LABELS

    agency, consolidated, _ = _record(request, pk, year)
    if row not in ROW_LABELS or column not in COLUMN_LABELS:
        raise Http404
    agencies = [a for a in services.scope(agency, consolidated) if permissions.can(request.user, permissions.VIEW, a)]
    apps = cell_applications(agencies, year, row, column).select_related("agency")
    return render(request, "reports/drill.html", {"agency": agency, "year": year, "row": ROW_LABELS[row],
                                                  "column": COLUMN_LABELS[column], "apps": apps,
                                                  "consolidated": consolidated})


