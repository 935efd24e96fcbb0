"""Concurrent writers: public submissions never get a 500 for "database is locked"; a write that still cannot get the
database answers a Chinese 503 "请稍后重试" with Retry-After, and nothing is half-saved."""

import sqlite3
import threading

import psycopg
import pytest
from django.db import OperationalError, connection
from django.test import Client

from gongkai.applications.models import Application
from gongkai.core.middleware import BUSY, is_busy

FORM = {"applicant_type": "natural_person", "applicant_name": "王小明", "id_kind": "居民身份证",
        "id_number": "110101199003078515", "contact_phone": "13800138000", "description": "示发改〔2026〕12号文件全文",
        "form_wanted": "电子", "delivery_wanted": "电子邮件", "consent": "on"}


class Cause(Exception):
    def __init__(self, sqlstate):
        self.sqlstate = sqlstate


def busy_error(message, sqlstate=None):
    exc = OperationalError(message)
    exc.__cause__ = Cause(sqlstate) if sqlstate else None
    return exc


@pytest.mark.parametrize("exc, busy", [
    (busy_error("database is locked"), True),
    (busy_error("could not serialize access", "40001"), True),
    (busy_error("deadlock detected", "40P01"), True),
    (busy_error("canceling statement due to lock timeout", "55P03"), True),
    (busy_error("no such table: x"), False),
    (ValueError("database is locked"), False),
])
def test_which_errors_mean_try_again(exc, busy):
    assert is_busy(exc) is busy


@pytest.mark.django_db(transaction=True)
def test_concurrent_public_submissions_all_succeed(demo_city):
    results, errors = [], []

    def submit():
        try:
            results.append(Client().post("/apply/", {**FORM, "agency": demo_city["fgw"].pk}).status_code)
        except Exception as exc:  # a crash in a thread must fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and 500 not in results
    assert Application.objects.count() == results.count(200) == 24


def hold_write_lock():
    """Another process's long write: SQLite's one writer lock, or PostgreSQL's lock on the applications table."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        other = sqlite3.connect(settings["NAME"] if not settings["TEST"].get("NAME") else settings["TEST"]["NAME"])
        other.execute("BEGIN IMMEDIATE")
        connection.cursor().execute("PRAGMA busy_timeout=200")
        return other
    other = psycopg.connect(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432,
                            user=settings["USER"], password=settings["PASSWORD"] or None, dbname=connection.settings_dict["NAME"])
    other.execute("LOCK TABLE applications_application IN ACCESS EXCLUSIVE MODE")
    connection.cursor().execute("SET lock_timeout = '200ms'")
    return other


@pytest.mark.django_db(transaction=True)
def test_a_write_that_cannot_get_the_database_says_try_again(demo_city, client):
    before = Application.objects.count()
    other = hold_write_lock()
    try:
        response = client.post("/apply/", {**FORM, "agency": demo_city["fgw"].pk})
        api = client.post("/api/v1/applications", {**FORM, "agency": demo_city["fgw"].code, "consent": True},
                          content_type="application/json")
    finally:
        other.rollback()
        other.close()
    assert response.status_code == 503 and BUSY in response.content.decode() and response["Retry-After"] == "5"
    assert api.status_code == 503 and api.json()["detail"] == BUSY
    assert Application.objects.count() == before                       # nothing half-saved
