"""Table 三 of the annual report from the platform's own cases (keys of report-data.md).

Each application counts exactly once per year in its applicant-type column: in `new` if received in the year, or in
`carried_in` if received earlier and still open on 1 January; then in its outcome row if closed in the year, or in
`carried_out` if still open on 31 December. So new + carried_in = outcome_total + carried_out, per column.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q

from gongkai.core.law import APPLICANT_TYPES, OUTCOMES

from .models import Application

COLUMNS = [key for key, _ in APPLICANT_TYPES]


def table_three(agencies, year: int) -> dict[str, dict[str, int]]:
    """Counted in the database (two grouped queries), so a city's 100k applications take milliseconds: carried_out
    is every counted application that was not closed with an outcome in the year."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows: dict[str, dict[str, int]] = defaultdict(lambda: {c: 0 for c in COLUMNS})
    for key in ["new", "carried_in", *(o.key for o in OUTCOMES), "outcome_total", "carried_out"]:
        rows[key]  # every row present, zeros included: these are counted, not unknown
    qs = Application.objects.filter(agency__in=agencies, received_date__isnull=False, received_date__lte=end).filter(
        Q(closed_date__isnull=True) | Q(closed_date__gte=start))
    counted = qs.values("applicant_type").annotate(new=Count("pk", filter=Q(received_date__gte=start)),
                                                   carried_in=Count("pk", filter=Q(received_date__lt=start)))
    for row in counted:
        rows["new"][row["applicant_type"]] += row["new"]
        rows["carried_in"][row["applicant_type"]] += row["carried_in"]
    closed = qs.filter(closed_date__isnull=False, closed_date__lte=end).exclude(outcome="").values(
        "applicant_type", "outcome").annotate(n=Count("pk"))
    for row in closed:
        rows[row["outcome"]][row["applicant_type"]] += row["n"]
        rows["outcome_total"][row["applicant_type"]] += row["n"]
    for column in COLUMNS:
        rows["carried_out"][column] = rows["new"][column] + rows["carried_in"][column] - rows["outcome_total"][column]
    return {key: {**cells, "total": sum(cells.values())} for key, cells in rows.items()}


def cell_applications(agencies, year: int, row: str, column: str):
    """The applications counted in one cell of table 三 (drill-down): the same rules as `table_three`."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    qs = Application.objects.filter(agency__in=agencies, received_date__isnull=False, received_date__lte=end).filter(
        Q(closed_date__isnull=True) | Q(closed_date__gte=start))
    if column != "total":
        qs = qs.filter(applicant_type=column)
    closed_in_year = Q(closed_date__isnull=False, closed_date__lte=end) & ~Q(outcome="")
    if row == "new":
        qs = qs.filter(received_date__gte=start)
    elif row == "carried_in":
        qs = qs.filter(received_date__lt=start)
    elif row == "outcome_total":
        qs = qs.filter(closed_in_year)
    elif row == "carried_out":
        qs = qs.exclude(closed_in_year)
    else:
        qs = qs.filter(closed_in_year, outcome=row)
    return qs.order_by("received_date", "pk")
