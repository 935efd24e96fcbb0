"""Public portal: home, agency directory, each agency's 政府信息公开指南. No personal data here."""

from dataclasses import dataclass

from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render

from ..models import Agency, AgencyKind


@dataclass(frozen=True)
class Section:
    slug: str          # the column's path on the portal
    title: str
    description: str
    url_name: str      # where the home page card links


# The portal's columns, each served by its own app. A column is listed only once its app serves it: the public never
# meets a "coming soon" page.
SECTIONS = [
    Section("disclosure", "主动公开", "政府信息公开目录、政策文件、政策解读和政府公报。", "catalog:home"),
    Section("apply", "依申请公开", "在线提交政府信息公开申请，查询办理进度。", "applications:apply"),
    Section("annual-reports", "年度报告", "各机构政府信息公开工作年度报告。", "catalog:annual_reports"),
]


def get_agency_by_code(code: str) -> Agency:
    agency = Agency.objects.by_code(code).first()
    if agency is None:
        raise Http404("没有找到该机构")
    return agency


def home(request):
    roots = Agency.objects.filter(parent__isnull=True).order_by("sort_order", "id")
    agencies = Agency.objects.select_related("parent").order_by("path")
    return render(request, "portal/home.html", {"roots": roots, "agencies": agencies, "sections": SECTIONS})


def directory(request):
    agencies = list(Agency.objects.order_by("path"))
    groups = []
    for kind in AgencyKind:
        members = [a for a in agencies if a.kind == kind]
        if members:
            groups.append((kind.label, members))
    return render(request, "portal/directory.html", {"agencies": agencies, "groups": groups})


def agency_detail(request, code):
    agency = get_agency_by_code(code)
    children = agency.children.order_by("sort_order", "id")
    return render(request, "portal/agency.html", {"agency": agency, "children": children})


def guide(request, code):
    """政府信息公开指南, generated from the agency's data (条例 art. 23)."""
    agency = get_agency_by_code(code)
    return render(request, "portal/guide.html", {"agency": agency})


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # report, don't crash: monitoring needs the answer
        return JsonResponse({"status": "error", "database": str(exc)[:200]}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def forbidden(request, exception=None):
    return render(request, "403.html", {"reason": str(exception) if exception else ""}, status=403)
