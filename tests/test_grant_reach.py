"""Powers stay within reach: roles are granted only up to the granter's own reach, the holiday calendar is a
platform-level power, and the reviewer of a catalogue item is not its author (unless a one-person office allows it)."""

import pytest
from catalog_helpers import make_item
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.catalog import services as catalog
from gongkai.core import calendar_service, services
from gongkai.core.demo import DEMO_PASSWORD
from gongkai.core.models import Membership, Role, User

pytestmark = pytest.mark.django_db


def signed_in(client, username):
    assert client.post("/staff/login/", {"username": username, "password": DEMO_PASSWORD}).status_code == 302
    return client


def grant(client, agency, username, role):
    return client.post(f"/staff/agencies/{agency.code}/staff/",
                       {"form": "role", "role-username": username, "role-role": role})


@pytest.mark.parametrize("granter, agency_key, role, allowed", [
    ("fgw_admin", "fgw", Role.HANDLER, True),              # an agency admin staffs its own agency
    ("fgw_admin", "fgw", Role.OFFICE_ADMIN, False),        # … but cannot make anyone 公开办管理员, itself included
    ("county_admin", "town", Role.OFFICE_ADMIN, True),     # a county office admin reaches its towns
    ("gkb_admin", "fgw", Role.OFFICE_ADMIN, True),
])
def test_roles_are_granted_only_within_reach(client, demo_city, granter, agency_key, role, allowed):
    agency = demo_city[agency_key]
    response = grant(signed_in(client, granter), agency, "fgw_admin", role)
    created = Membership.objects.filter(user__username="fgw_admin", agency=agency, role=role).exists()
    assert created is allowed
    assert response.status_code == (302 if allowed else 400)
    if not allowed:
        assert "权限范围" in response.content.decode()


@pytest.mark.parametrize("granter, agency_key", [("fgw_admin", "city"), ("county_admin", "city")])
def test_no_role_in_agencies_above(client, demo_city, granter, agency_key):
    response = grant(signed_in(client, granter), demo_city[agency_key], granter, Role.OFFICE_ADMIN)
    assert response.status_code == 403
    assert not Membership.objects.filter(user__username=granter, agency=demo_city[agency_key]).exists()


def test_an_agency_admin_cannot_revoke_an_office_admin(demo_city):
    office = Membership.objects.get(user__username="gkb_admin")
    fgw_admin = User.objects.get(username="fgw_admin")
    services.assign_role(None, User.objects.get(username="fgw_viewer"), demo_city["fgw"], Role.OFFICE_ADMIN)
    target = Membership.objects.get(user__username="fgw_viewer", role=Role.OFFICE_ADMIN)
    with pytest.raises(ValidationError):
        services.revoke_role(fgw_admin, target)
    assert Membership.objects.filter(pk=target.pk).exists() and office


@pytest.mark.parametrize("username, allowed", [("gkb_admin", True), ("county_admin", False), ("fgw_admin", False)])
def test_the_holiday_calendar_is_a_platform_power(demo_city, username, allowed):
    from test_calendar import NOTICE_2027

    user = User.objects.get(username=username)
    if allowed:
        assert calendar_service.import_notice(user, NOTICE_2027, "测试", replace=True).year == 2027
    else:
        with pytest.raises(PermissionDenied):
            calendar_service.import_notice(user, NOTICE_2027, "测试", replace=True)


def test_the_calendar_page_refuses_a_county_office_admin(client, demo_city):
    response = signed_in(client, "county_admin").post("/staff/calendar/", {})
    assert response.status_code == 403


def test_the_author_does_not_review_own_item(demo_city, settings):
    author = User.objects.get(username="gkb_admin")          # holds every role, so only the rule can stop it
    item = catalog.submit(author, make_item(demo_city["city"], actor=author))
    with pytest.raises(ValidationError) as refused:
        catalog.review(author, item, True)
    assert "职责分离" in str(refused.value)
    assert catalog.review(User.objects.get(username="city_reviewer"), item, True).status == "reviewed"


def test_a_one_person_office_may_allow_self_review(demo_city, settings):
    settings.ALLOW_SELF_REVIEW = True
    author = User.objects.get(username="gkb_admin")
    item = catalog.submit(author, make_item(demo_city["city"], actor=author))
    assert catalog.review(author, item, True).status == "reviewed"
