"""Keep the search index in step with the catalogue: published public items in, everything else out."""

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.search import get_backend
from gongkai.search.backend import SearchDoc

from .models import Item, Status


def doc_id(pk: int) -> str:
    return f"catalog.item:{pk}"


def to_doc(item: Item) -> SearchDoc:
    return SearchDoc(
        id=doc_id(item.pk), title=item.title, body=item.body_text, agency_code=item.agency.code,
        agency_name=item.agency.full_name,
        categories=[f"{c.agency_id}/{c.code}" for c in item.categories.all()],
        topic=str(item.topic) if item.topic_id else "", genre=item.genre.name, validity=item.validity,
        doc_number=item.doc_number, index_number=item.index_number or "", published=item.published_date,
        url=reverse("catalog:item", args=[item.pk]),
        extra_text=" ".join(filter(None, [item.summary, item.keywords, *(a.text for a in item.attachments.all())])),
    )


def indexable():
    return (Item.objects.filter(status=Status.PUBLISHED, disclosure="proactive")
            .select_related("agency", "genre", "topic__parent").prefetch_related("categories", "attachments"))


INDEX_JOB = "catalog.index_items"
JOB_BATCH = 500


def sync_item(pk: int) -> None:
    sync_items([pk])


def sync_items(pks: list[int]) -> None:
    """Bring the index in step with these items (published public ones in, all others out) and mark them indexed."""
    started = timezone.now()
    items = list(indexable().filter(pk__in=pks))
    backend = get_backend()
    if items:
        backend.index([to_doc(i) for i in items])
    gone = set(pks) - {i.pk for i in items}
    if gone:
        backend.delete([doc_id(pk) for pk in gone])
    Item.objects.filter(pk__in=pks).update(indexed_at=started)   # update(): leaves updated_at alone


def index_job(payload: dict, job) -> None:
    sync_items(payload["ids"])


def enqueue_index(pks) -> None:
    """Index these items once the caller's change commits, through the job queue: if the process dies before, the
    job is still there for a worker, and `reconcile` finds anything else behind."""
    from gongkai.core import jobs

    pks = sorted(set(pks))
    for start in range(0, len(pks), JOB_BATCH):
        chunk = pks[start:start + JOB_BATCH]
        key = f"{INDEX_JOB}:{chunk[0]}" if len(chunk) == 1 else ""
        jobs.enqueue(INDEX_JOB, {"ids": chunk}, key=key)


def behind():
    """Items whose index entry is missing or older than their last change."""
    return Item.objects.filter(Q(indexed_at__isnull=True) | Q(indexed_at__lt=F("updated_at")))


def reconcile(batch: int = JOB_BATCH, progress=None) -> int:
    """Index every item the index is behind on; returns how many. Safe to run at any time, as often as wanted."""
    done = 0
    last = 0
    while True:
        pks = list(behind().filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch])
        if not pks:
            return done
        sync_items(pks)
        done += len(pks)
        last = pks[-1]
        if progress:
            progress(len(pks))


def reindex(batch: int = 2000, progress=None) -> int:
    """Rebuild the index from the database; returns the number of items indexed."""
    backend = get_backend()
    backend.clear()
    total = 0
    qs = indexable().order_by("pk")
    last = 0
    while True:
        chunk = list(qs.filter(pk__gt=last)[:batch])
        if not chunk:
            return total
        total += backend.index(to_doc(i) for i in chunk)
        Item.objects.filter(pk__in=[i.pk for i in chunk]).update(indexed_at=timezone.now())
        last = chunk[-1].pk
        if progress:
            progress(len(chunk))
