"""The generator's staff pages: each agency's report of a year, its checks, the figures to enter, the editable
text, the preview and downloads, and the drill-down from a cell of table 三 to the applications counted in it."""

import json
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.applications.stats import cell_applications
from gongkai.core import permissions
from gongkai.core.forms import apply_validation_error
from gongkai.core.models import Agency
from gongkai.core.views.staff import staff_required

from .. import render as renderers
from .. import sections, services
from ..deadlines import due_date, due_states
from ..forms import AcknowledgeForm, FigureForm, ImportFiguresForm, PublishForm, SectionsForm
from ..generator import Built, build_report, manual_keys, scope
from ..models import AnnualReport, ManualFigure
from ..reportdata import COLUMN_LABELS, COLUMNS, ROW_LABELS

CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "pdf": "application/pdf", "json": "application/json; charset=utf-8"}
MAX_IMPORT_BYTES = 10 * 1024 * 1024


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        return timezone.localdate().year - 1


@staff_required
def index(request):
    year = _year(request)
    agencies = list(permissions.visible_agencies(request.user).order_by("path"))
    return render(request, "reports/index.html", {"year": year, "states": due_states(agencies, year),
                                                  "years": range(timezone.localdate().year - 1, 2007, -1)})


def _record(request, pk: int, year: int, action=permissions.VIEW):
    """(agency, consolidated?, the stored report or None), the agency read through permissions.fetch. The 汇总 report
    sums a government's whole subtree, department by department: that is the supervisor's (SUPERVISE) report."""
    consolidated = request.GET.get("consolidated") == "1" or request.POST.get("consolidated") == "1"
    agency = permissions.fetch(request.user, permissions.SUPERVISE if consolidated else action, Agency, pk=pk)
    record = AnnualReport.objects.filter(agency=agency, year=year, consolidated=consolidated).first()
    return agency, consolidated, record


def _drill_cells(report):
    return {"columns": [(c, COLUMN_LABELS[c]) for c in COLUMNS],
            "rows": [(key, ROW_LABELS[key], [(c, report.applications[key].get(c)) for c in COLUMNS])
                     for key in ROW_LABELS if key in report.applications]}


def _page(request, agency: Agency, year: int, consolidated: bool, record, built: Built) -> dict:
    acknowledged = {(a["rule"], a["where"]): a for a in (record.acknowledgements if record else [])}
    figures = {f.key: f for f in ManualFigure.objects.filter(agency=agency, year=year)}
    headings = built.format.headings
    return {
        "agency": agency, "year": year, "consolidated": consolidated, "record": record, "built": built,
        "html": renderers.to_html(built.report, built.sections, level=3),
        "findings": [{"f": f, "ack": acknowledged.get((f.rule, f.where)), "acknowledgeable": f.severity == "warning"}
                     for f in built.report.findings],
        "templates": [(k, headings[k], built.templates[k]) for k in sections.EDITABLE],
        "manual_keys": [(k, label, figures.get(k)) for k, label in manual_keys(built.format)],
        "blocking": services.blocking(record or AnnualReport(), built),
        "due": due_date(agency, year), "cells": _drill_cells(built.report),
        "can_edit": permissions.can(request.user, permissions.HANDLE, agency),
        "can_review": permissions.can(request.user, permissions.REVIEW, agency)}


@staff_required
def report(request, pk: int, year: int):
    agency, consolidated, record = _record(request, pk, year)
    try:
        built = build_report(agency, year, consolidated, record)
    except ValidationError as exc:
        return render(request, "reports/report.html", {"agency": agency, "year": year, "error": "；".join(exc.messages)},
                      status=400)
    return render(request, "reports/report.html", _page(request, agency, year, consolidated, record, built))


def _back(agency, year, consolidated):
    return redirect(reverse("reports:report", args=[agency.pk, year]) + ("?consolidated=1" if consolidated else ""))


def _post(action: str, form_class, needs_record: bool = True):
    """A POST on a report page: permission for `action`, the action's form, the change through the service, a
    message, back to the page. A service's ValidationError becomes the form's errors (apply_validation_error),
    shown on the page as messages."""
    def wrap(change):
        @staff_required
        @require_POST
        def view(request, pk: int, year: int):
            agency, consolidated, record = _record(request, pk, year, action)
            if needs_record:
                record = record or services.get_or_create(request.user, agency, year, consolidated)
            form = form_class(request.POST, request.FILES)
            if form.is_valid():
                try:
                    messages.success(request, change(request.user, agency, year, record, form))
                    return _back(agency, year, consolidated)
                except ValidationError as exc:
                    apply_validation_error(form, exc)
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
            return _back(agency, year, consolidated)
        view.__name__ = change.__name__
        return view
    return wrap


@_post(permissions.HANDLE, SectionsForm)
def save_sections(user, agency, year, record, form):
    services.save_sections(user, record, form.texts())
    return "正文已保存。"


@_post(permissions.HANDLE, FigureForm, needs_record=False)
def save_figure(user, agency, year, record, form):
    data = form.cleaned_data
    services.set_manual_figure(user, agency, year, data["key"], data["value"], data["source"])
    return "数字已保存。"


@_post(permissions.HANDLE, ImportFiguresForm, needs_record=False)
def import_figures(user, agency, year, record, form):
    upload = form.cleaned_data["file"]
    if upload is None:
        raise ValidationError({"file": "请选择要导入的 XLSX 文件"})
    return f"已导入 {services.import_manual_figures(user, upload.read(MAX_IMPORT_BYTES))} 项数字。"


@_post(permissions.REVIEW, AcknowledgeForm)
def acknowledge(user, agency, year, record, form):
    data = form.cleaned_data
    services.acknowledge(user, record, data["rule"], data["where"], data["reason"])
    return "已确认该警告。"


@_post(permissions.REVIEW, PublishForm)
def publish(user, agency, year, record, form):
    record = services.publish(user, record)
    return f"年度报告已发布，索引号 {record.catalog_item.index_number}。"


def _payload(built: Built, year: int, consolidated: bool, fmt: str) -> bytes:
    if fmt == "docx":
        return renderers.to_docx(built.report, built.sections)
    if fmt == "pdf":
        return renderers.to_pdf(built.report, built.sections)
    if fmt == "xlsx":
        parts = [(a.full_name, build_report(a, year).report) for a in built.agencies] if consolidated else None
        return renderers.to_xlsx(built.report, parts)
    if fmt == "json":
        return json.dumps(built.report.to_json(), ensure_ascii=False, indent=1).encode()
    raise Http404


@staff_required
def download(request, pk: int, year: int, fmt: str):
    agency, consolidated, record = _record(request, pk, year)
    if fmt not in CONTENT_TYPES:
        raise Http404
    payload = _payload(build_report(agency, year, consolidated, record), year, consolidated, fmt)
    name = f"{agency.full_name}{year}年政府信息公开工作年度报告{'（汇总）' if consolidated else ''}.{fmt}"
    response = HttpResponse(payload, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@staff_required
def drill(request, pk: int, year: int, row: str, column: str):
    """The applications counted in one cell of table 三 (the cells of the agencies this user may see)."""
    agency, consolidated, _ = _record(request, pk, year)
    if row not in ROW_LABELS or column not in COLUMN_LABELS:
        raise Http404
    agencies = [a for a in scope(agency, consolidated) if permissions.can(request.user, permissions.VIEW, a)]
    apps = cell_applications(agencies, year, row, column).select_related("agency")
    return render(request, "reports/drill.html", {"agency": agency, "year": year, "row": ROW_LABELS[row],
                                                  "column": COLUMN_LABELS[column], "apps": apps,
                                                  "consolidated": consolidated})
