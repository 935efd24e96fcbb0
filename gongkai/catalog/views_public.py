"""Public catalogue pages: by agency, 信息分类, 主题, year; item pages; search; feeds; gazette; sitemap.

Only published 主动公开 items appear; a withdrawn item's address shows a notice instead of the content.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.core.models import Agency
from gongkai.core.views.portal import get_agency_by_code
from gongkai.search.backend import MAX_WINDOW, SearchQuery, SearchUnavailable

from . import vocab
from .models import Attachment, Category, GazetteIssue, Item, Status, Topic
from .services.generation import current_generation

PAGE_SIZE = 20


def public_items():
    return Item.objects.filter(status=Status.PUBLISHED, disclosure="proactive")


def _list_context(request, qs):
    year = request.GET.get("year", "")
    if year.isdigit():
        qs = qs.filter(published_date__year=int(year))
    validity = request.GET.get("validity", "")
    if validity in dict(vocab.VALIDITY):
        qs = qs.filter(validity=validity)
    page = Paginator(qs.select_related("agency").order_by("-published_date", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page": page, "year": year, "validity": validity, "validities": vocab.VALIDITY}


def home(request):
    agencies = Agency.objects.annotate(n=Count("items", filter=Q(items__status=Status.PUBLISHED, items__disclosure="proactive"))).order_by("path")
    latest = public_items().select_related("agency").order_by("-published_date", "-id")[:15]
    topics = Topic.objects.filter(parent__isnull=True).prefetch_related("children")
    return render(request, "catalog/home.html", {"agencies": agencies, "latest": latest, "topics": topics,
                                                 "gazettes": GazetteIssue.objects.select_related("agency")[:5]})


def _agency_items(agency):
    """Items an agency published, plus those it co-issued (few: fetched as ids, so the main query stays indexed)."""
    co_issued = list(Item.co_issuers.through.objects.filter(agency_id=agency.pk).values_list("item_id", flat=True))
    qs = public_items()
    return qs.filter(Q(agency=agency) | Q(pk__in=co_issued)) if co_issued else qs.filter(agency=agency)


def _cached(agency, generation: int, name, compute):
    """Per-agency figures (category counts, years) cached until the agency's catalogue changes (or 5 minutes).

    `generation` is the agency's change counter, read from the database once per request: a change committed by
    any process moves every process on to fresh keys."""
    from django.core.cache import cache

    return cache.get_or_set(f"catalog:{name}:{agency.pk}:{generation}", compute, 300)


def agency_catalog(request, code, category=None):
    agency = get_agency_by_code(code)
    generation = current_generation(agency.pk)
    cats = _cached(agency, generation, "cats", lambda: list(Category.objects.filter(agency=agency).annotate(
        n=Count("items", filter=Q(items__status=Status.PUBLISHED, items__disclosure="proactive")))))
    current = None
    qs = _agency_items(agency)
    if category:
        current = next((c for c in cats if c.code == category), None)
        if current is None:
            raise Http404("没有该信息分类")
        codes = {current.code} | {c.code for c in cats if c.parent_id == current.pk}
        qs = qs.filter(categories__agency=agency, categories__code__in=codes).distinct()
    tree = [(c, [k for k in cats if k.parent_id == c.pk]) for c in cats if c.parent_id is None]
    ctx = _list_context(request, qs)
    ctx.update({"agency": agency, "tree": tree, "current": current,
                "years": _cached(agency, generation, "years", lambda: list(public_items().filter(agency=agency).dates(
                    "published_date", "year", order="DESC")))})
    return render(request, "catalog/agency.html", ctx)


def basic_catalog(request, code):
    """主动公开基本目录: the agency's catalogue tree with what each column holds."""
    agency = get_agency_by_code(code)
    cats = list(Category.objects.filter(agency=agency).annotate(
        n=Count("items", filter=Q(items__status=Status.PUBLISHED, items__disclosure="proactive"))))
    tree = [(c, [k for k in cats if k.parent_id == c.pk]) for c in cats if c.parent_id is None]
    return render(request, "catalog/basic_catalog.html", {"agency": agency, "tree": tree})


def topic_list(request, pk):
    topic = get_object_or_404(Topic, pk=pk)
    ids = [topic.pk, *topic.children.values_list("pk", flat=True)]
    ctx = _list_context(request, public_items().filter(topic_id__in=ids))
    ctx["topic"] = topic
    return render(request, "catalog/topic.html", ctx)


def annual_reports(request):
    """年度报告: every agency's published annual reports, newest first (the portal's column)."""
    ctx = _list_context(request, public_items().filter(categories__code=vocab.ANNUAL_REPORT_CATEGORY).distinct())
    return render(request, "catalog/annual_reports.html", ctx)


def item_detail(request, pk, print_view=False):
    item = get_object_or_404(Item.objects.select_related("agency", "genre", "topic", "amended_by", "repealed_by"), pk=pk)
    if item.status == Status.WITHDRAWN:
        return render(request, "catalog/withdrawn.html", {"item": item}, status=410)
    if not item.is_public:
        raise Http404("没有找到该信息")
    public = public_items()
    ctx = {
        "item": item,
        "attachments": item.attachments.defer("text"),      # the extracted text can be megabytes
        "interpretations": item.interpretations.filter(pk__in=public),
        "interprets": item.interprets.filter(pk__in=public),
        "amends": item.amends.filter(pk__in=public),
        "repeals": item.repeals.filter(pk__in=public),
        "categories": item.categories.all(),
        "co_issuers": item.co_issuers.all(),
    }
    return render(request, "catalog/item_print.html" if print_view else "catalog/item.html", ctx)


def item_print(request, pk):
    return item_detail(request, pk, print_view=True)


def attachment_download(request, pk, att):
    attachment = get_object_or_404(Attachment.objects.select_related("item").defer("text"), pk=att, item_id=pk)
    if not attachment.item.is_public or not attachment.file:
        raise Http404("没有找到该附件")
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name,
                        content_type=attachment.content_type)


MAX_SEARCH_PAGE = MAX_WINDOW // PAGE_SIZE


def _bounded(value: str, low: int, high: int) -> int | None:
    """A page number or year from the query string: an integer within bounds, or None."""
    value = (value or "").strip()
    if not value.isdigit() or len(value) > 6:
        return None
    number = int(value)
    return number if low <= number <= high else None


def search(request):
    from gongkai.search import get_backend

    text = request.GET.get("q", "").strip()
    page_no = _bounded(request.GET.get("page", "1"), 1, MAX_SEARCH_PAGE)
    year = _bounded(request.GET.get("year", ""), 1900, 2100) if request.GET.get("year") else None
    context = {"q": text, "result": None, "page_no": page_no or 1, "pages": 0, "validities": vocab.VALIDITY,
               "args": request.GET}
    if page_no is None or (request.GET.get("year") and year is None):
        context["error"] = (f"页码应为 1 到 {MAX_SEARCH_PAGE} 之间的整数" if page_no is None
                            else "年份应为 1900 到 2100 之间的四位数")
        return render(request, "catalog/search.html", context, status=400)
    if text:
        query = SearchQuery(text=text, agency_codes=[request.GET["agency"]] if request.GET.get("agency") else None,
                            year=year, validity=request.GET.get("validity") or None,
                            genre=request.GET.get("genre") or None,
                            sort="date" if request.GET.get("sort") == "date" else "relevance",
                            offset=(page_no - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        try:
            context["result"] = get_backend().search(query)
        except SearchUnavailable:
            context["error"] = "检索服务暂时不可用，请稍后重试"
            return render(request, "catalog/search.html", context, status=503)
        total = context["result"].total
        context["pages"] = min((total + PAGE_SIZE - 1) // PAGE_SIZE, MAX_SEARCH_PAGE)
    return render(request, "catalog/search.html", context)


def gazette_list(request):
    return render(request, "catalog/gazette_list.html", {"issues": GazetteIssue.objects.select_related("agency")})


def gazette_detail(request, pk):
    issue = get_object_or_404(GazetteIssue.objects.select_related("agency"), pk=pk)
    entries = issue.entries.select_related("item", "item__agency").filter(item__status=Status.PUBLISHED)
    return render(request, "catalog/gazette.html", {"issue": issue, "entries": entries})


def gazette_pdf(request, pk):
    from .gazette_pdf import render_gazette_pdf

    issue = get_object_or_404(GazetteIssue, pk=pk)
    pdf = render_gazette_pdf(issue)
    from django.http import HttpResponse

    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="gazette-{issue.year}-{issue.number}.pdf"'
    return response


class AgencyFeed(Feed):
    """Atom feed of an agency's newest published items (optionally one 信息分类)."""

    feed_type = Atom1Feed

    def get_object(self, request, code, category=None):
        agency = get_agency_by_code(code)
        cat = None
        if category:
            cat = Category.objects.filter(agency=agency, code=category).first()
            if cat is None:
                raise Http404("没有该信息分类")
        return agency, cat

    def title(self, obj):
        agency, cat = obj
        return f"{agency.full_name} 主动公开" + (f" · {cat.name}" if cat else "")

    def link(self, obj):
        agency, cat = obj
        if cat:
            return reverse("catalog:category", args=[agency.code, cat.code])
        return reverse("catalog:agency", args=[agency.code])

    def subtitle(self, obj):
        return "政府信息公开目录最新信息"

    def items(self, obj):
        agency, cat = obj
        qs = public_items().filter(agency=agency)
        if cat:
            qs = qs.filter(categories=cat)
        return qs.order_by("-published_date", "-id")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body_text[:200]

    def item_link(self, item):
        return reverse("catalog:item", args=[item.pk])

    def item_pubdate(self, item):
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(item.published_date, time(9)))


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10000

    def items(self):
        return public_items().only("pk", "updated_at").order_by("pk")

    def location(self, item):
        return reverse("catalog:item", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class AgencySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return list(Agency.objects.order_by("path"))

    def location(self, agency):
        return reverse("catalog:agency", args=[agency.code])
