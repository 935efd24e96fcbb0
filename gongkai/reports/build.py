"""The figures of an annual report computed from the platform's own records, in the report-data.md JSON shape
(`active`, `applications`, `reviews`, `fees_yuan`). The generator (issue 8) adds sections 一, 五, 六, checks and
renderers on top; the figures come only from here.

Counts from the platform are real zeros, not blanks. Table 二 figures the platform cannot know (行政许可, 行政处罚,
行政强制 decisions, 行政事业性收费) are left out here: staff enter them with their source.
"""

from datetime import date

from django.db.models import Sum

from gongkai.applications.models import Application, ReviewCase
from gongkai.applications.stats import table_three
from gongkai.catalog.stats import document_counts

ROUTE_GROUPS = {"review": "review", "litigation": "suit_direct", "litigation_after_review": "suit_after_review"}


def table_four(agencies, year: int) -> dict:
    """行政复议/行政诉讼 as of 31 December of the year: cases filed in the year, by route and result."""
    end = date(year, 12, 31)
    groups = {g: {"upheld": 0, "corrected": 0, "other": 0, "pending": 0} for g in ROUTE_GROUPS.values()}
    for route, result, decided in ReviewCase.objects.filter(agency__in=agencies, filed_on__year=year).values_list(
            "route", "result", "decided_on"):
        group = ROUTE_GROUPS.get(route)
        if group is None:
            continue
        key = result if result != "pending" and decided is not None and decided <= end else "pending"
        groups[group][key] += 1
    return {g: {**cells, "total": sum(cells.values())} for g, cells in groups.items()}


def report_figures(agencies, year: int, issuer: str) -> dict:
    agencies = list(agencies)
    active = {}
    for key, kind in (("regulations", "regulation"), ("normative_docs", "normative")):
        counts = document_counts(agencies, year, kind)
        active[key] = {"issued": counts.issued, "repealed": counts.repealed, "in_force": counts.in_force}
    fees = Application.objects.filter(agency__in=agencies, closed_date__year=year).aggregate(s=Sum("fee_amount"))["s"]
    return {"issuer": issuer, "year": year, "format": "2021" if year >= 2021 else "2019", "script": "hans",
            "active": active, "applications": table_three(agencies, year), "reviews": table_four(agencies, year),
            "fees_yuan": float(fees or 0)}
