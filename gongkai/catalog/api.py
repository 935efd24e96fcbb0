"""/api/v1/catalog: public list, filter, detail and search; staff create and update (token auth)."""

from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError

from gongkai.core import law, permissions
from gongkai.core.api import AGENCY_CODE, MAX_ID, Day, Text, errors, token_auth
from gongkai.core.models import Agency
from gongkai.search.backend import MAX_LIMIT, MAX_WINDOW, SearchQuery, SearchUnavailable

from . import services, vocab
from .access import fetch_item
from .models import Genre, Item, Topic
from .views_public import public_items

router = Router(tags=["主动公开"])

Validity = Literal[tuple(code for code, _ in vocab.VALIDITY)]
ItemId = Path(..., ge=1, le=MAX_ID)


class ItemOut(Schema):
    id: int
    index_number: str | None
    title: str
    doc_number: str
    agency: str
    agency_name: str
    genre: str
    topic: str | None
    published_date: date | None
    written_date: date | None
    validity: str
    url: str


class ItemDetailOut(ItemOut):
    summary: str
    body: str
    keywords: str
    effective_date: date | None
    repeal_date: date | None
    categories: list[str]
    interpretations: list[int]
    interprets: list[int]
    amended_by: int | None
    repealed_by: int | None
    attachments: list[dict]


class Page(Schema):
    total: int
    offset: int
    limit: int
    items: list[ItemOut]


def item_out(i: Item) -> dict:
    return {"id": i.pk, "index_number": i.index_number, "title": i.title, "doc_number": i.doc_number,
            "agency": i.agency.code, "agency_name": i.agency.full_name, "genre": i.genre.name,
            "topic": str(i.topic) if i.topic_id else None, "published_date": i.published_date,
            "written_date": i.written_date, "validity": i.validity, "url": reverse("catalog:item", args=[i.pk])}


class ListFilters(Schema):
    agency: Text | None = Field(None, max_length=AGENCY_CODE)
    year: int | None = Field(None, ge=1900, le=2100)
    validity: Validity | None = None
    genre: Text | None = Field(None, max_length=30)
    doc_number: Text | None = Field(None, max_length=100)
    offset: int = Field(0, ge=0, le=MAX_WINDOW)
    limit: int = Field(20, ge=1, le=MAX_LIMIT)


@router.get("/catalog/items", response={200: Page, **errors(400)}, summary="主动公开信息列表（分页、筛选）")
def list_items(request, filters: Query[ListFilters]):
    qs = public_items().select_related("agency", "genre", "topic__parent")
    if filters.agency:
        agency = Agency.objects.filter(uscc=filters.agency).first() or Agency.objects.filter(org_code=filters.agency).first()
        qs = qs.filter(agency=agency) if agency else qs.none()
    if filters.year:
        qs = qs.filter(published_date__year=filters.year)
    if filters.validity:
        qs = qs.filter(validity=filters.validity)
    if filters.genre:
        qs = qs.filter(genre__name=filters.genre)
    if filters.doc_number:
        from .docnumber import normalize_doc_number

        qs = qs.filter(doc_number=normalize_doc_number(filters.doc_number).text)
    limit = max(1, min(filters.limit, MAX_LIMIT))
    offset = max(0, filters.offset)
    qs = qs.order_by("-published_date", "-id")
    return {"total": qs.count(), "offset": offset, "limit": limit,
            "items": [item_out(i) for i in qs[offset:offset + limit]]}


@router.get("/catalog/items/{item_id}", response={200: ItemDetailOut, **errors(400, 404)}, summary="主动公开信息详情")
def item_detail(request, item_id: int = ItemId):
    item = get_object_or_404(public_items().select_related("agency", "genre", "topic__parent"), pk=item_id)
    public = public_items()
    data = item_out(item)
    data.update({
        "summary": item.summary, "body": item.body, "keywords": item.keywords, "effective_date": item.effective_date,
        "repeal_date": item.repeal_date, "categories": [c.name for c in item.categories.all()],
        "interpretations": list(item.interpretations.filter(pk__in=public).values_list("pk", flat=True)),
        "interprets": list(item.interprets.filter(pk__in=public).values_list("pk", flat=True)),
        "amended_by": item.amended_by_id, "repealed_by": item.repealed_by_id,
        "attachments": [{"name": a.name, "size": a.size, "url": reverse("catalog:attachment", args=[item.pk, a.pk])}
                        for a in item.attachments.all()],
    })
    return data


class SearchOut(Schema):
    total: int
    took_ms: float
    hits: list[dict]


@router.get("/catalog/search", response={200: SearchOut, **errors(400, 503)}, summary="全文检索（CJK 二元分词，繁简通检）")
def search(request, q: Text = Query(..., min_length=1, max_length=200), agency: Text | None = Query(None, max_length=AGENCY_CODE),
           year: int | None = Query(None, ge=1900, le=2100), validity: Validity | None = None,
           genre: Text | None = Query(None, max_length=30), sort: Text = Query("relevance", pattern="^(relevance|date)$"),
           offset: int = Query(0, ge=0, le=MAX_WINDOW), limit: int = Query(20, ge=1, le=MAX_LIMIT)):
    from gongkai.search import get_backend

    try:
        result = get_backend().search(SearchQuery(text=q, agency_codes=[agency] if agency else None, year=year,
                                                  validity=validity, genre=genre, sort=sort, offset=offset,
                                                  limit=min(limit, MAX_WINDOW - offset) or 1))
    except SearchUnavailable:
        raise HttpError(503, "检索服务暂时不可用，请稍后重试") from None
    return {"total": result.total, "took_ms": result.took_ms,
            "hits": [{"id": h.id, "title": h.title, "url": h.url, "published": h.published.isoformat(),
                      "agency_name": h.agency_name, "index_number": h.index_number, "doc_number": h.doc_number,
                      "title_html": h.title_html, "snippet_html": h.snippet_html} for h in result.hits]}


SUMMARY, BODY = 2000, 200_000      # characters (a longer body is an import, not an API call)


class ItemIn(Schema):
    agency: Text = Field(..., max_length=AGENCY_CODE)
    title: Text = Field(..., max_length=300)
    genre: Text = Field(..., max_length=30)
    formed_date: date | None = Day()
    written_date: date | None = Day()
    effective_date: date | None = Day()
    doc_number: Text = Field("", max_length=100)
    doc_kind: Literal[tuple(code for code, _ in vocab.DOC_KINDS)] = "other"
    summary: Text = Field("", max_length=SUMMARY)
    body: Text = Field("", max_length=BODY)
    keywords: Text = Field("", max_length=200)
    topic: Text | None = Field(None, max_length=101, description="一级\\二级")
    disclosure: Literal[tuple(code for code, _ in law.DISCLOSURE)] = "proactive"


class ItemPatch(Schema):
    title: Text | None = Field(None, max_length=300)
    summary: Text | None = Field(None, max_length=SUMMARY)
    body: Text | None = Field(None, max_length=BODY)
    keywords: Text | None = Field(None, max_length=200)
    doc_number: Text | None = Field(None, max_length=100)
    formed_date: date | None = Day()


class StaffItemOut(Schema):
    id: int
    status: str
    title: str
    doc_number: str
    publish_due: date | None
    publish_due_provisional: bool


def _errors(exc: ValidationError):
    raise HttpError(422, "；".join(f"{k}：{'；'.join(v)}" for k, v in exc.message_dict.items()))


def _topic(label: str | None):
    if not label:
        return None
    top, _, child = label.partition("\\")
    topic = Topic.objects.filter(name=child or top, parent__name=top if child else None).first() if child else \
        Topic.objects.filter(name=top, parent=None).first()
    if topic is None:
        raise HttpError(422, f"topic：未知主题分类 {label}")
    return topic


@router.post("/catalog/items", response={201: StaffItemOut, **errors(400, 401, 403, 413, 422)}, auth=token_auth, summary="新建草稿（工作人员）")
def create_item(request, payload: ItemIn):
    agency = Agency.objects.filter(uscc=payload.agency).first() or Agency.objects.filter(org_code=payload.agency).first()
    if agency is None:
        raise HttpError(422, f"agency：没有找到机构 {payload.agency}")
    genre = Genre.objects.filter(name=payload.genre).first()
    if genre is None:
        raise HttpError(422, f"genre：未知体裁 {payload.genre}")
    data = payload.dict(exclude={"agency", "genre", "topic"})
    try:
        item = services.create_item(request.auth, agency, genre=genre, topic=_topic(payload.topic), **data)
    except ValidationError as exc:
        _errors(exc)
    return HttpStatus(201, item)


@router.patch("/catalog/items/{item_id}", response={200: StaffItemOut, **errors(400, 401, 403, 404, 413, 422)},
              auth=token_auth, summary="修改草稿（工作人员）")
def update_item(request, payload: ItemPatch, item_id: int = ItemId):
    item = fetch_item(request.auth, permissions.HANDLE, item_id)
    data = {k: v for k, v in payload.dict().items() if v is not None}
    try:
        return services.update_item(request.auth, item, **data)
    except ValidationError as exc:
        _errors(exc)


@router.get("/catalog/staff/items/{item_id}", response={200: StaffItemOut, **errors(400, 401, 403, 404)},
            auth=token_auth, summary="草稿状态（工作人员）")
def staff_item(request, item_id: int = ItemId):
    return fetch_item(request.auth, permissions.VIEW, item_id)
