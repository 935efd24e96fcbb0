"""Helpers shared by the catalogue tests: make items through the services, as clerks do."""

from datetime import date

from gongkai.catalog import services
from gongkai.catalog.models import Category, Genre, Item


def make_item(agency, actor=None, title="关于做好2026年政务公开工作的通知", genre="通知", publish=False,
              reviewer=None, categories=("wgk-jc",), published_on=None, **fields) -> Item:
    services.seed_agency_catalog(agency)
    fields.setdefault("formed_date", date(2026, 3, 2))
    fields.setdefault("body", "<p>各有关单位：现将有关事项通知如下。</p>")
    cats = list(Category.objects.filter(agency=agency, code__in=categories))
    item = services.create_item(actor, agency, title=title, genre=Genre.objects.get(name=genre), categories=cats,
                                **fields)
    if publish:
        item = services.submit(actor, item)
        item = services.review(reviewer or actor, item, True)
        item = services.publish(actor, item, on=published_on)
    return item
