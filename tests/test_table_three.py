"""Table 三 from cases: each application counted exactly once; new + carried_in = outcome_total + carried_out.

The expected cells are counted here in plain Python from a hand-written list of cases (applicant type, outcome,
received and closed dates), never with the platform's own rule, and compared cell by cell with what it builds."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.applications.models import Application
from gongkai.applications.stats import COLUMNS, table_three
from gongkai.core.law import APPLICANT_TYPES, OUTCOMES

pytestmark = pytest.mark.django_db


def case(agency, n, kind, received, closed=None, outcome=""):
    return Application.objects.create(agency=agency, tracking_number=f"T{n}", applicant_type=kind, applicant_name="甲",
                                      description="x", channel="in_person", received_date=received, closed_date=closed,
                                      outcome=outcome, state="closed" if outcome else "processing")


def test_rows(demo_city):
    fgw = demo_city["fgw"]
    case(fgw, 1, "natural_person", date(2024, 12, 20), date(2025, 1, 10), "granted")        # carried in, closed
    case(fgw, 2, "commercial", date(2025, 3, 1), date(2025, 3, 20), "withheld.third_party")
    case(fgw, 3, "natural_person", date(2025, 12, 25))                                      # carried out
    case(fgw, 4, "legal_services", date(2025, 12, 28), date(2026, 1, 5), "granted")         # closed next year
    case(fgw, 5, "natural_person", date(2024, 5, 1), date(2024, 6, 1), "granted")           # other year: absent
    t = table_three([fgw], 2025)
    assert t["new"]["total"] == 3 and t["carried_in"]["natural_person"] == 1
    assert t["granted"]["natural_person"] == 1 and t["withheld.third_party"]["commercial"] == 1
    assert t["carried_out"]["total"] == 2 and t["outcome_total"]["total"] == 2
    assert t["withheld.state_secret"]["total"] == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(COLUMNS), st.integers(0, 900), st.one_of(st.none(), st.integers(0, 400)),
                          st.sampled_from([o.key for o in OUTCOMES])), max_size=30))
def test_each_application_counted_once(demo_city, cases):
    Application.objects.all().delete()
    for n, (kind, offset, duration, outcome) in enumerate(cases):
        received = date(2024, 6, 1) + timedelta(days=offset)
        closed = received + timedelta(days=duration) if duration is not None else None
        case(demo_city["fgw"], n, kind, received, closed, outcome if closed else "")
    t = table_three([demo_city["fgw"]], 2025)
    for column in [*COLUMNS, "total"]:
        assert t["new"][column] + t["carried_in"][column] == t["outcome_total"][column] + t["carried_out"][column]
        assert t["outcome_total"][column] == sum(t[o.key][column] for o in OUTCOMES)
    assert set(COLUMNS) == {k for k, _ in APPLICANT_TYPES}


YEAR = 2025
# (applicant type, received, closed or None, outcome, the rows of YEAR's table 三 the case belongs in)
CASES = [
    ("natural_person", date(2025, 2, 1), date(2025, 2, 20), "granted", ("new", "granted")),
    ("natural_person", date(2025, 3, 1), date(2025, 3, 30), "partly_granted", ("new", "partly_granted")),
    ("natural_person", date(2024, 12, 30), date(2025, 1, 15), "withheld.state_secret",
     ("carried_in", "withheld.state_secret")),
    ("natural_person", date(2024, 11, 1), None, "", ("carried_in", "carried_out")),       # open for over a year
    ("natural_person", date(2025, 12, 31), None, "", ("new", "carried_out")),
    ("natural_person", date(2025, 12, 20), date(2026, 1, 8), "granted", ("new", "carried_out")),  # closed next year
    ("natural_person", date(2024, 3, 1), date(2024, 4, 1), "granted", ()),                # closed last year: absent
    ("natural_person", date(2026, 1, 2), None, "", ()),                                   # received next year: absent
    ("commercial", date(2025, 1, 1), date(2025, 1, 1), "unavailable.not_held", ("new", "unavailable.not_held")),
    ("commercial", date(2024, 12, 31), date(2025, 12, 31), "not_processed.repeat",
     ("carried_in", "not_processed.repeat")),
    ("commercial", date(2024, 12, 31), date(2024, 12, 31), "granted", ()),                # closed on 31 Dec last year
    ("research", date(2025, 6, 1), date(2025, 6, 30), "other.no_correction", ("new", "other.no_correction")),
    ("nonprofit", date(2025, 7, 1), date(2025, 7, 9), "other.fee_unpaid", ("new", "other.fee_unpaid")),
    ("legal_services", date(2025, 8, 1), date(2025, 8, 21), "withheld.third_party", ("new", "withheld.third_party")),
    ("legal_services", date(2024, 8, 1), date(2025, 3, 3), "other.other", ("carried_in", "other.other")),
    ("other_org", date(2025, 9, 1), date(2025, 9, 2), "unavailable.needs_creation",
     ("new", "unavailable.needs_creation")),
    ("other_org", date(2025, 10, 1), None, "", ("new", "carried_out")),
]


def expected_cells(cases) -> dict[tuple[str, str], int]:
    """(row, column) → count, from the rows each case was written down with; （七）总计 is every outcome row."""
    cells: dict[tuple[str, str], int] = {}
    for kind, _, _, _, rows in cases:
        outcome_rows = [r for r in rows if r not in ("new", "carried_in", "carried_out")]
        for row in [*rows, *(["outcome_total"] if outcome_rows else [])]:
            for column in (kind, "total"):
                cells[(row, column)] = cells.get((row, column), 0) + 1
    return cells


def test_cells_match_a_hand_count(demo_city):
    fgw = demo_city["fgw"]
    for n, (kind, received, closed, outcome, _) in enumerate(CASES):
        case(fgw, n, kind, received, closed, outcome)
    built = table_three([fgw], YEAR)
    expected = expected_cells(CASES)
    rows = ["new", "carried_in", *(o.key for o in OUTCOMES), "outcome_total", "carried_out"]
    assert set(built) == set(rows)
    for row in rows:
        for column in [*COLUMNS, "total"]:
            assert built[row][column] == expected.get((row, column), 0), (row, column)
    assert expected[("new", "total")] == 10 and expected[("carried_out", "total")] == 4    # the list is what it says
