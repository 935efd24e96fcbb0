"""The catalogue's change counter, kept in the database so that every process sees a change.

Public list pages cache per-agency figures under the agency's generation (views_public); a change bumps it in the
same transaction, so no process serves figures from before the change once it is committed."""

from django.db.models import F

from ..models import CatalogSettings, Item


def bump_generation(agency_id: int) -> None:
    """Invalidate the cached per-agency figures of the public list pages (atomic, in the caller's transaction)."""
    rows = CatalogSettings.objects.filter(agency_id=agency_id)
    if not rows.update(generation=F("generation") + 1):
        _, created = CatalogSettings.objects.get_or_create(agency_id=agency_id, defaults={"generation": 1})
        if not created:  # another transaction made the row meanwhile
            rows.update(generation=F("generation") + 1)


def current_generation(agency_id: int) -> int:
    return CatalogSettings.objects.filter(agency_id=agency_id).values_list("generation", flat=True).first() or 0


def sync_search_on_commit(item: Item) -> None:
    """The item's public face changed: bump the generation now, re-index through the job queue after commit."""
    from ..search_sync import enqueue_index

    bump_generation(item.agency_id)
    enqueue_index([item.pk])
