"""Keep the search index in step with the catalogue: published public items in, everything else out."""

from django.urls import reverse

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


def sync_item(pk: int) -> None:
    item = indexable().filter(pk=pk).first()
    backend = get_backend()
    if item is None:
        backend.delete([doc_id(pk)])
    else:
        backend.index([to_doc(item)])


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
        last = chunk[-1].pk
        if progress:
            progress(len(chunk))
