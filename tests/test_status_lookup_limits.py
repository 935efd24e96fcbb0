"""The public status lookup (/apply/status/) gives nothing away: a missing number costs the same hashing work as a
real one, failures are limited per tracking number and per client address, atomically across processes, and the
client address comes from X-Forwarded-For only behind a configured number of trusted proxies."""

import threading

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import connection
from django.test import RequestFactory

from gongkai.applications.services import intake
from gongkai.core.http import client_address

CALLS = []


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"

    def encode(self, password, salt):
        CALLS.append("encode")
        return super().encode(password, salt)

    def verify(self, password, encoded):
        CALLS.append("verify")
        return super().verify(password, encoded)


@pytest.fixture
def case(demo_city):
    app, password = intake.submit_online(demo_city["fgw"], {
        "applicant_type": "natural_person", "applicant_name": "王小明", "id_kind": "居民身份证",
        "id_number": "110101199003078515", "contact_phone": "13800138000", "description": "示发改〔2026〕12号文件全文",
        "consent": True})
    return app, password


@pytest.mark.django_db
def test_a_missing_number_costs_one_hash_like_a_real_one(case, settings):
    settings.PASSWORD_HASHERS = ["test_status_lookup_limits.CountingHasher", *settings.PASSWORD_HASHERS]
    app, _ = case
    CALLS.clear()
    assert intake.check_query("YSQ00000000000000", "WRONGPASS") is None
    miss = CALLS.count("encode")         # the hashing work: verify() hashes once through encode()
    CALLS.clear()
    app.password_hash = intake.make_password("RIGHTPASS")
    app.save(update_fields=["password_hash"])
    CALLS.clear()
    assert intake.check_query(app.tracking_number, "WRONGPASS") is None
    assert miss == CALLS.count("encode") == 1


@pytest.mark.django_db
def test_failures_lock_one_number_but_not_other_applicants_behind_the_address(case):
    app, password = case
    for _ in range(intake.QUERY_LIMIT):
        assert intake.query_with_limit("10.0.0.9", app.tracking_number, "WRONG")[1] == "申请编号或查询密码不正确。"
    # the number is locked, even for its own applicant from elsewhere: one case's password cannot be guessed
    assert "过多" in intake.query_with_limit("10.0.0.8", app.tracking_number, password)[1]
    # other applicants behind the same office address still get in
    other, other_password = intake.submit_online(app.agency, {
        "applicant_type": "natural_person", "applicant_name": "李四", "id_kind": "居民身份证",
        "id_number": "110101199003078515", "contact_phone": "13800138001", "description": "另一件申请", "consent": True})
    assert intake.query_with_limit("10.0.0.9", other.tracking_number, other_password) == (other, "")


@pytest.mark.django_db
def test_many_numbers_from_one_address_are_limited(case):
    for n in range(intake.QUERY_LIMIT_PER_ADDRESS):
        intake.query_with_limit("10.0.0.7", f"YSQ{n:014d}", "WRONG")
    app, password = case
    assert "过多" in intake.query_with_limit("10.0.0.7", app.tracking_number, password)[1]
    assert intake.query_with_limit("10.0.0.6", app.tracking_number, password) == (app, "")


@pytest.mark.django_db(transaction=True)
def test_parallel_guesses_never_pass_the_limit(demo_city):
    app, _ = intake.submit_online(demo_city["fgw"], {
        "applicant_type": "natural_person", "applicant_name": "王小明", "id_kind": "居民身份证",
        "id_number": "110101199003078515", "contact_phone": "13800138000", "description": "x", "consent": True})
    answers, errors = [], []

    def guess(n):
        try:
            answers.append(intake.query_with_limit(f"10.1.{n}.1", app.tracking_number, f"GUESS{n}")[1])
        except Exception as exc:  # a crashed thread must fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    checked = [a for a in answers if a == "申请编号或查询密码不正确。"]
    assert len(checked) <= intake.QUERY_LIMIT
    assert len(answers) == 32


@pytest.mark.parametrize("proxies, forwarded, remote, expected", [
    (0, "6.6.6.6", "10.0.0.1", "10.0.0.1"),                   # no trusted proxy: the header is ignored
    (1, "6.6.6.6, 203.0.113.5", "10.0.0.1", "203.0.113.5"),   # our proxy appended the real client
    (2, "6.6.6.6, 203.0.113.5, 10.0.0.2", "10.0.0.1", "203.0.113.5"),
    (1, "", "10.0.0.1", "10.0.0.1"),
])
def test_client_address_behind_trusted_proxies(settings, proxies, forwarded, remote, expected):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
