"""The drill-down from a cell of table 三 to its applications lists exactly the applications the cell counts: for
every cell of a realistic year (two agencies, every applicant type and outcome, cases carried in and out), the
drill-down's count equals the cell, on one agency and on the consolidated subtree."""

import random
from datetime import date, timedelta

import pytest

from gongkai.applications.models import Application
from gongkai.applications.stats import ROWS, cell_applications, table_three
from gongkai.core.law import APPLICANT_TYPES, OUTCOMES
from gongkai.core.models import Agency

pytestmark = pytest.mark.django_db

COLUMNS = [key for key, _ in APPLICANT_TYPES] + ["total"]


def realistic_year(agencies, n: int = 160, seed: int = 3):
    rng = random.Random(seed)
    kinds = [key for key, _ in APPLICANT_TYPES]
    outcomes = [o.key for o in OUTCOMES]
    for i in range(n):
        received = date(2024, 9, 1) + timedelta(days=rng.randrange(540))       # Sep 2024 – Feb 2026
        closed = received + timedelta(days=rng.randrange(60)) if rng.random() < 0.85 else None
        Application.objects.create(
            agency=agencies[i % len(agencies)], tracking_number=f"D{i}", applicant_type=rng.choice(kinds),
            applicant_name="甲", description="x", channel="online", received_date=received, closed_date=closed,
            outcome=rng.choice(outcomes) if closed else "", state="closed" if closed else "processing")


@pytest.mark.parametrize("consolidated", [False, True])
def test_every_cell_drills_down_to_its_count(demo_city, consolidated):
    city, fgw = demo_city["city"], demo_city["fgw"]
    realistic_year([city, fgw])
    agencies = list(Agency.objects.subtree(city)) if consolidated else [fgw]
    table = table_three(agencies, 2025)
    assert table["new"]["total"] > 0 and table["carried_in"]["total"] > 0 and table["carried_out"]["total"] > 0
    for row in ROWS:
        for column in COLUMNS:
            assert cell_applications(agencies, 2025, row, column).count() == table[row][column], (row, column)


def test_the_drill_page_lists_the_cell(demo_city, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    fgw = demo_city["fgw"]
    realistic_year([fgw], n=40)
    client.force_login(get_user_model().objects.get(username="fgw_handler"))
    table = table_three([fgw], 2025)
    url = reverse("reports:drill", args=[fgw.pk, 2025, "new", "total"])
    response = client.get(url)
    assert response.status_code == 200
    assert f"共 {table['new']['total']} 件" in response.content.decode()
    assert client.get(reverse("reports:drill", args=[fgw.pk, 2025, "nonsense", "total"])).status_code == 404
