"""Table 三 from cases: each application counted exactly once; new + carried_in = outcome_total + carried_out."""

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
