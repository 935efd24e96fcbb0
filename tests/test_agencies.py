"""Agencies: creation, validation with Chinese messages naming the field, nothing half-saved, tree queries."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.core import services
from gongkai.core.models import Agency, AgencyKind, AuditEvent
from tests.factories import AgencyFactory, new_uscc

pytestmark = pytest.mark.django_db


def test_create_agency_sets_path_and_audits():
    city = AgencyFactory(full_name="甲市人民政府", kind=AgencyKind.GOVERNMENT)
    dept = AgencyFactory(full_name="甲市教育局", parent=city)
    assert dept.path == f"{city.path}{dept.pk}/"
    assert dept.depth == 1 and city.depth == 0
    event = AuditEvent.objects.for_object(dept).get()
    assert event.action == "agency.created" and "甲市教育局" in event.summary
    assert event.after["parent"] == "甲市人民政府"


@pytest.mark.parametrize("data, field, words", [
    ({"uscc": "11990100000000019"}, "uscc", "18位"),
    ({"uscc": "11990100000000019X"}, "uscc", "校验位"),
    ({"uscc": "", "org_code": "12345678"}, "org_code", "9位"),
    ({"uscc": "", "org_code": "123456789"}, "org_code", "校验位"),
    ({"uscc": "", "org_code": ""}, "uscc", "至少填写一项"),
    ({"kind": "委员会"}, "kind", "机构类型无效"),
    ({"division_code": "99A"}, "division_code", "行政区划代码"),
    ({"full_name": ""}, "full_name", "不能为空"),
])
def test_bad_input_names_the_field_and_saves_nothing(data, field, words):
    before_agencies, before_events = Agency.objects.count(), AuditEvent.objects.count()
    fields = {"full_name": "乙市财政局", "kind": AgencyKind.DEPARTMENT, "uscc": new_uscc(), **data}
    with pytest.raises(ValidationError) as exc:
        services.create_agency(None, **fields)
    assert words in " ".join(exc.value.message_dict[field])
    assert Agency.objects.count() == before_agencies and AuditEvent.objects.count() == before_events


def test_duplicates_are_refused():
    a = AgencyFactory(full_name="丙市公安局")
    with pytest.raises(ValidationError) as exc:
        AgencyFactory(full_name="丙市公安局")
    assert "已存在" in exc.value.message_dict["full_name"][0]
    with pytest.raises(ValidationError) as exc:
        AgencyFactory(full_name="丙市交通局", uscc=a.uscc)
    assert "已被其他机构使用" in exc.value.message_dict["uscc"][0]


def test_parent_cycle_is_refused_and_nothing_changes():
    root = AgencyFactory(kind=AgencyKind.GOVERNMENT)
    child = AgencyFactory(parent=root)
    grandchild = AgencyFactory(parent=child)
    with pytest.raises(ValidationError) as exc:
        services.update_agency(None, root, parent=grandchild)
    assert "上级机构" in exc.value.message_dict["parent"][0]
    with pytest.raises(ValidationError):
        services.update_agency(None, child, parent=child)
    root.refresh_from_db()
    assert root.parent_id is None


def test_moving_a_subtree_rewrites_descendant_paths():
    a = AgencyFactory(kind=AgencyKind.GOVERNMENT)
    b = AgencyFactory(kind=AgencyKind.GOVERNMENT)
    mid = AgencyFactory(parent=a)
    leaf = AgencyFactory(parent=mid)
    services.update_agency(None, mid, parent=b)
    leaf.refresh_from_db()
    assert leaf.path.startswith(b.path) and leaf.depth == 2
    assert set(Agency.objects.subtree(b)) == {b, services.Agency.objects.get(pk=mid.pk), leaf}
    assert list(Agency.objects.subtree(a)) == [a]


def test_update_audits_only_changed_fields():
    agency = AgencyFactory()
    services.update_agency(None, agency, office_phone="0999-1234567", short_name=agency.short_name)
    event = AuditEvent.objects.for_object(agency).filter(action="agency.updated").get()
    assert event.after == {"office_phone": "0999-1234567"} and event.before == {"office_phone": ""}
    assert "联系电话" in event.summary


def test_subtree_is_one_query(demo_city):
    with CaptureQueriesContext(connection) as ctx:
        names = [a.full_name for a in Agency.objects.subtree(demo_city["county"])]
    assert len(ctx.captured_queries) == 1
    assert names == ["示范市青山县人民政府", "青山县教育局", "青山县临江镇人民政府"]
    assert Agency.objects.subtree(demo_city["city"]).count() == Agency.objects.count()


def test_code_prefers_uscc():
    a = AgencyFactory(uscc="", org_code="D2143569X")
    assert a.code == "D2143569X" and a.uscc is None
