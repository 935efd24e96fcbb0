"""The report auditor's staff pages: upload published annual reports, see the extracted tables next to the source text with every finding
marked on its cells, download the findings workbook."""

import json
import re
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from gongkai.core import audit, jobs, permissions
from gongkai.core.models import Job
from gongkai.core.views.staff import staff_required

from ..auditor import check_many
from ..export import findings_workbook
from ..reportdata import COLUMN_LABELS, COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, ROW_LABELS, ReportData

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


AUDIT_JOB = "reports.audit_upload"


def _run(user, files) -> str:
    """Keep the uploads in restricted storage and enqueue their reading: the request returns at once and the result
    page follows the job's progress. The reading runs each file in the document layer's limited child process."""
    token = secrets.token_urlsafe(18)
    uploads = _folder(token) / "uploads"
    uploads.mkdir(parents=True)
    names = []
    for n, f in enumerate(files):
        (uploads / f"{n:04d}").write_bytes(f.read(50 * 1024 * 1024 + 1))
        names.append(f.name)
    (_folder(token) / "upload.json").write_text(json.dumps({"owner": user.pk, "names": names}, ensure_ascii=False),
                                                encoding="utf-8")
    with transaction.atomic():
        audit.record(user, "report.audit", user, f"审核已发布的年度报告 {len(names)} 份",
                     after={"files": names, "token": token})
        jobs.enqueue(AUDIT_JOB, {"token": token}, key=f"{AUDIT_JOB}:{token}")
    return token


def audit_job(payload: dict, job) -> None:
    """Read and check the uploaded reports of one audit, reporting progress file by file."""
    folder = _folder(payload["token"])
    upload = json.loads((folder / "upload.json").read_text(encoding="utf-8"))
    names = upload["names"]
    done = [0]

    def advance(n: int) -> None:
        done[0] += n
        jobs.progress(job, done[0], len(names))

    jobs.progress(job, 0, len(names))
    items = [(name, (folder / "uploads" / f"{n:04d}").read_bytes(), "") for n, name in enumerate(names)]
    read = check_many(items, progress=advance)
    result = {"owner": upload["owner"], "reports": [{"name": n, "data": r.to_json(), "lines": lines[:20000]}
                                                    for n, r, lines in read]}
    (folder / "findings.xlsx").write_bytes(findings_workbook([(n, r) for n, r, _ in read]))
    (folder / "audit.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    for path in (folder / "uploads").iterdir():
        path.unlink()


def _load(request, token) -> dict | None:
    """The audit's result, or None while its job is still reading; only its uploader may open it."""
    folder = _folder(token)
    started = folder / "upload.json"
    if not started.exists():
        raise Http404("没有这次审核的结果")
    owner = json.loads(started.read_text(encoding="utf-8")).get("owner")
    if not permissions.can_open_audit(request.user, owner):
        raise PermissionDenied("只有上传者本人可以查看这次审核")
    done = folder / "audit.json"
    return json.loads(done.read_text(encoding="utf-8")) if done.exists() else None


def _progress_page(request, token):
    job = Job.objects.filter(key=f"{AUDIT_JOB}:{token}").order_by("-pk").first()
    if job is None:
        job = Job.objects.filter(kind=AUDIT_JOB, payload__token=token).order_by("-pk").first()
    return render(request, "reports/audit_progress.html", {"token": token, "job": job}, status=202)


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
    if payload is None:
        return _progress_page(request, token)
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
        reports.append({"n": n, "name": item["name"], "report": report,
                        "findings": [{"n": i, "f": f} for i, f in enumerate(report.findings, 1)],
                        "rows": rows, "reviews": reviews,
                        "lines": [{"n": i + 1, "text": t, "flag": i in flagged} for i, t in enumerate(item["lines"])]})
    return render(request, "reports/audit_result.html", {
        "token": token, "reports": reports, "columns": [COLUMN_LABELS[c] for c in COLUMNS],
        "review_columns": list(REVIEW_COLUMNS.values()),
        "errors": sum(1 for r in reports for f in r["report"].findings if f.severity == "error")})


@staff_required
def download_audit(request, token):
    if _load(request, token) is None:
        raise Http404("审核尚未完成")
    return FileResponse(open(_folder(token) / "findings.xlsx", "rb"), as_attachment=True,
                        filename="年度报告审核结果.xlsx")
