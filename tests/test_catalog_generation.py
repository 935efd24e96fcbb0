"""The public pages' cached figures follow a change made by any process: the generation lives in the database."""

import re

import pytest
from django.db.models import F

from gongkai.catalog import services
from gongkai.catalog.models import CatalogSettings, Item, Status
from gongkai.core.models import User
from tests.catalog_helpers import make_item

pytestmark = pytest.mark.django_db


def decision_count(client, agency) -> int:
    html = client.get(f"/disclosure/{agency.code}/").content.decode()
    return int(re.search(r'决策公开</a> <span class="muted">（(\d+)）', html).group(1))


@pytest.fixture
def people(demo_city):
    return User.objects.get(username="fgw_handler"), User.objects.get(username="fgw_reviewer")


def test_a_bump_by_another_process_shows_fresh_figures_without_clearing_the_cache(client, demo_city, people):
    fgw = demo_city["fgw"]
    item = make_item(fgw, people[0], publish=True, reviewer=people[1])
    before = decision_count(client, fgw)
    # Another process withdraws the item: the row changes, this process's cache is untouched …
    Item.objects.filter(pk=item.pk).update(status=Status.WITHDRAWN)
    assert decision_count(client, fgw) == before          # … so the cached figure is still served
    # … until that process bumps the generation in the database, as its service does in the same transaction.
    CatalogSettings.objects.filter(agency=fgw).update(generation=F("generation") + 1)
    assert decision_count(client, fgw) == before - 1


@pytest.mark.parametrize("change", ["publish", "withdraw", "repeal"])
def test_each_public_change_bumps_the_generation_once(demo_city, people, change):
    fgw = demo_city["fgw"]
    h, r = people
    item = make_item(fgw, h, publish=change != "publish", reviewer=r)
    if change == "publish":
        item = services.review(r, services.submit(h, item), True)
    start = services.current_generation(fgw.pk)
    {"publish": lambda: services.publish(h, item),
     "withdraw": lambda: services.withdraw(r, item, "内容有误"),
     "repeal": lambda: services.mark_repealed(h, item, None)}[change]()
    assert services.current_generation(fgw.pk) == start + 1


def test_bump_creates_the_settings_row_when_missing(demo_city):
    agency = demo_city["jyj"]
    CatalogSettings.objects.filter(agency=agency).delete()
    assert services.current_generation(agency.pk) == 0
    services.bump_generation(agency.pk)
    services.bump_generation(agency.pk)
    assert services.current_generation(agency.pk) == 2
