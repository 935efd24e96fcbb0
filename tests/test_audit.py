"""Audit trail: written in the transaction of the change, never updated or deleted."""

import pytest
from django.db import DatabaseError, transaction

from gongkai.core import audit, services
from gongkai.core.models import AuditEvent
from gongkai.core.models.audit import AppendOnlyError
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_event_cannot_be_changed_or_deleted_through_the_orm():
    agency = AgencyFactory()
    event = AuditEvent.objects.for_object(agency).get()
    event.summary = "篡改"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="篡改")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_database_refuses_update_even_in_raw_sql():
    agency = AgencyFactory()
    event = AuditEvent.objects.for_object(agency).get()
    from django.db import connection

    with pytest.raises(DatabaseError):
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("UPDATE core_auditevent SET summary = %s WHERE id = %s", ["篡改", event.pk])
    assert AuditEvent.objects.get(pk=event.pk).summary == event.summary


def test_failed_change_leaves_no_event():
    agency = AgencyFactory()
    count = AuditEvent.objects.count()
    with pytest.raises(Exception):
        with transaction.atomic():
            services.update_agency(None, agency, office_phone="1")
            raise RuntimeError("boom after the change")
    assert AuditEvent.objects.count() == count
    agency.refresh_from_db()
    assert agency.office_phone == ""


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_a_programming_error():
    agency = AgencyFactory()
    with pytest.raises(RuntimeError):
        audit.record(None, "x", agency, "y")
