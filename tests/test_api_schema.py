"""/api/v1 against its own OpenAPI schema: every operation, generated valid and invalid requests, no server error,
every response a declared status with a body of the declared shape."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from gongkai.core import services as core_services
from gongkai.core.models import User
from gongkai.wsgi import application

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def connection_kept(db):
    """Requests run inside the test's transaction: the handler's end-of-request connection closing is held off, as
    Django's own test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_headers(demo_city, connection_kept):
    _, key = core_services.issue_api_token(None, User.objects.get(username="fgw_handler"), "schema")
    return {"Authorization": f"Bearer {key}"}


# The schema as the WSGI application serves it, fetched in-process (the schema view needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.parametrize()
@settings(max_examples=40, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])
def test_operation(case, staff_headers):
    case.call_and_validate(headers=staff_headers, checks=CHECKS)


def test_out_of_range_values_are_chinese_400s(client, demo_city):
    """The values the fuzzer found: a NUL character (PostgreSQL text cannot hold one), a 64-bit id, a far year."""
    nul = client.post("/api/v1/applications", {"agency": demo_city["fgw"].code, "applicant_type": "natural_person",
                                               "applicant_name": "王\x00", "id_number": "110101199003078515",
                                               "description": "某文件", "consent": True},
                      content_type="application/json")
    assert nul.status_code == 400 and nul.json()["detail"] == "参数 payload.applicant_name 不能包含空字符（\\0）"
    assert client.get("/api/v1/agencies", {"under": "a\x00"}).status_code == 400
    huge = client.get(f"/api/v1/catalog/items/{2**40}")
    assert huge.status_code == 400 and "item_id" in huge.json()["detail"]
    far = client.get("/api/v1/workdays/add", {"start": "9999-12-31", "n": 1000})
    assert far.status_code == 422 and "1900" in far.json()["detail"]
    assert client.get("/api/v1/me").json()["detail"].startswith("需要有效的 API 令牌")
