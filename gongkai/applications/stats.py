"""Table 三 of the annual report from the platform's own cases (keys of report-data.md).

Each application counts exactly once per year in its applicant-type column: in `new` if received in the year, or in
`carried_in` if received earlier and still open on 1 January; then in its outcome row if closed in the year, or in
`carried_out` if still open on 31 December. So new + carried_in = outcome_total + carried_out, per column.

The rule lives in one place: `counted()` is the set of applications the table counts for a year, `row_condition()`
says which of them a row holds. The table (`table_three`, counted in the database) and the drill-down from a cell
to its applications (`cell_applications`) are both built from these two.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q

from gongkai.core.law import APPLICANT_TYPES, OUTCOMES

from .models import Application

COLUMNS = [key for key, _ in APPLICANT_TYPES]
OUTCOME_ROWS = [o.key for o in OUTCOMES]
ROWS = ["new", "carried_in", *OUTCOME_ROWS, "outcome_total", "carried_out"]


def counted(agencies, year: int):
    """The applications table 三 counts for the year: received by 31 December and not closed before 1 January."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return Application.objects.filter(agency__in=agencies, received_date__isnull=False, received_date__lte=end).filter(
        Q(closed_date__isnull=True) | Q(closed_date__gte=start))


def _closed_in_year(year: int) -> Q:
    return Q(closed_date__isnull=False, closed_date__lte=date(year, 12, 31)) & ~Q(outcome="")


def row_condition(row: str, year: int) -> Q:
    """Which of the counted applications a row of table 三 holds."""
    start = date(year, 1, 1)
    if row == "new":
        return Q(received_date__gte=start)
    if row == "carried_in":
        return Q(received_date__lt=start)
    if row == "outcome_total":
        return _closed_in_year(year)
    if row == "carried_out":
        return ~_closed_in_year(year)
    if row in OUTCOME_ROWS:
        return _closed_in_year(year) & Q(outcome=row)
    raise ValueError(f"not a row of table 三: {row}")


def table_three(agencies, year: int) -> dict[str, dict[str, int]]:
    """Counted in the database (two grouped queries), so a city's 100k applications take milliseconds."""
    rows: dict[str, dict[str, int]] = defaultdict(lambda: {c: 0 for c in COLUMNS})
    for key in ROWS:
        rows[key]  # every row present, zeros included: these are counted, not unknown
    qs = counted(agencies, year)
    by_column = qs.values("applicant_type").annotate(
        **{key: Count("pk", filter=row_condition(key, year)) for key in ("new", "carried_in", "carried_out")})
    for row in by_column:
        for key in ("new", "carried_in", "carried_out"):
            rows[key][row["applicant_type"]] += row[key]
    closed = qs.filter(row_condition("outcome_total", year)).values("applicant_type", "outcome").annotate(n=Count("pk"))
    for row in closed:
        rows[row["outcome"]][row["applicant_type"]] += row["n"]
        rows["outcome_total"][row["applicant_type"]] += row["n"]
    return {key: {**cells, "total": sum(cells.values())} for key, cells in rows.items()}


def cell_applications(agencies, year: int, row: str, column: str):
    """The applications counted in one cell of table 三 (drill-down): the same set and row rules as `table_three`."""
    qs = counted(agencies, year).filter(row_condition(row, year))
    if column != "total":
        qs = qs.filter(applicant_type=column)
    return qs.order_by("received_date", "pk")
