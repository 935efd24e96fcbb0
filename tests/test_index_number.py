"""索引号: patterns, per-period serials, gap-free and unique under concurrent publishers."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from gongkai.catalog import services
from gongkai.catalog.indexnumber import AgencyCodes, pattern_error, render, serial_period
from gongkai.catalog.models import IndexCounter
from tests.factories import AgencyFactory

USCC = "11990100000000019F"
CODES = AgencyCodes(uscc=USCC, org_code="", division_code="990100")


@pytest.mark.parametrize("pattern, expected", [
    ("{机构代码}/{YYYY}-{流水号:05d}", "11990100000000019F/2026-00042"),
    ("{机构代码}/{YYYYMM}-{流水号:05d}", "11990100000000019F/202611-00042"),
    ("{组织机构代码}/{YYYY}-{流水号:05d}", "000000019/2026-00042"),
    ("{orgCode}-{YYYY}-{seq:06d}", "11990100000000019F-2026-000042"),
    ("{行政区划代码}-{分类}-{YYYYMMDD}-{流水号:03d}", "990100-20-01-20261123-042"),
])
def test_render(pattern, expected):
    assert render(pattern, CODES, date(2026, 11, 23), 42, "20-01") == expected
    assert pattern_error(pattern) is None


def test_national_format_is_twenty_characters():
    number = render("{组织机构代码}/{YYYY}-{流水号:05d}", AgencyCodes(org_code="000014349"), date(2018, 5, 1), 222)
    assert number == "000014349/2018-00222" and len(number) == 20


@pytest.mark.parametrize("pattern, words", [
    ("{机构代码}/{YYYY}", "流水号"),
    ("{机构代码}-{流水号:05d}", "年份"),
    ("{机构}/{YYYY}-{流水号:05d}", "未知字段"),
])
def test_bad_patterns(pattern, words):
    assert words in pattern_error(pattern)


def test_serial_period():
    d = date(2026, 11, 23)
    assert serial_period("{机构代码}/{YYYY}-{流水号:05d}", d) == "2026"
    assert serial_period("{机构代码}/{YYYYMM}-{流水号:05d}", d) == "202611"
    assert serial_period("{YYYYMMDD}{流水号:03d}", d) == "20261123"


@pytest.mark.django_db
def test_serials_run_per_agency_and_year_and_pattern_changes_affect_new_numbers_only():
    a, b = AgencyFactory(), AgencyFactory()
    with transaction.atomic():
        first = [services.issue_index_number(a, date(2026, 3, 1)) for _ in range(3)]
        other = services.issue_index_number(b, date(2026, 3, 1))
        next_year = services.issue_index_number(a, date(2027, 1, 4))
    assert [n[-5:] for n in first] == ["00001", "00002", "00003"]
    assert other.endswith("/2026-00001") and next_year.endswith("/2027-00001")
    services.set_index_pattern(None, a, "{机构代码}/{YYYYMM}-{流水号:05d}")
    with transaction.atomic():
        monthly = services.issue_index_number(a, date(2026, 3, 2))
    assert monthly == f"{a.uscc}/202603-00001"
    with pytest.raises(ValidationError):
        services.set_index_pattern(None, a, "{YYYY}")


@pytest.mark.django_db(transaction=True)
def test_parallel_publishers_get_gap_free_unique_serials():
    agency = AgencyFactory()
    per_thread, threads = 15, 4
    issued, errors = [], []
    lock = threading.Lock()

    def publisher():
        try:
            for _ in range(per_thread):
                with transaction.atomic():
                    number = services.issue_index_number(agency, date(2026, 6, 1))
                with lock:
                    issued.append(number)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=publisher) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert not errors, errors
    serials = sorted(int(n.rsplit("-", 1)[1]) for n in issued)
    assert serials == list(range(1, per_thread * threads + 1))
    assert IndexCounter.objects.get(agency=agency, period="2026").last == per_thread * threads


@pytest.mark.django_db
def test_a_rolled_back_publication_does_not_consume_a_serial():
    agency = AgencyFactory()
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            services.issue_index_number(agency, date(2026, 6, 1))
            raise RuntimeError("publication failed")
    with transaction.atomic():
        assert services.issue_index_number(agency, date(2026, 6, 1)).endswith("-00001")
