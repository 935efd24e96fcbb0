"""Seed vocabularies and per-agency catalogue settings; the 索引号 pattern and counter."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.core import audit, permissions
from gongkai.core.models import Agency

from .. import indexnumber, vocab
from ..models import CatalogSettings, Category, Genre, IndexCounter, Topic
from .common import require


@transaction.atomic
def seed_vocabularies() -> None:
    for i, name in enumerate(vocab.GENRES):
        Genre.objects.get_or_create(name=name, defaults={"sort_order": i})
    for i, (top, children) in enumerate(vocab.TOPICS.items()):
        parent, _ = Topic.objects.get_or_create(name=top, parent=None, defaults={"sort_order": i})
        for j, child in enumerate(children):
            Topic.objects.get_or_create(name=child, parent=parent, defaults={"sort_order": j})


@transaction.atomic
def seed_agency_catalog(agency: Agency) -> None:
    """CatalogSettings and the seed 信息分类 tree for an agency (idempotent)."""
    CatalogSettings.objects.get_or_create(agency=agency)
    for i, (code, name, children) in enumerate(vocab.CATEGORY_TREE):
        parent, _ = Category.objects.get_or_create(agency=agency, code=code, defaults={"name": name, "sort_order": i})
        for j, (child_code, child_name) in enumerate(children):
            Category.objects.get_or_create(agency=agency, code=child_code,
                                           defaults={"name": child_name, "parent": parent, "sort_order": j})


@transaction.atomic
def set_index_pattern(actor, agency: Agency, pattern: str) -> None:
    require(actor, permissions.MANAGE, agency)
    if msg := indexnumber.pattern_error(pattern):
        raise ValidationError({"index_pattern": msg})
    settings_row, _ = CatalogSettings.objects.get_or_create(agency=agency)
    before = settings_row.index_pattern
    settings_row.index_pattern = pattern
    settings_row.save(update_fields=["index_pattern"])
    audit.record(actor, "catalog.index_pattern", agency, f"索引号模式改为 {pattern}（只影响此后发布的信息）",
                 before={"index_pattern": before}, after={"index_pattern": pattern})


def issue_index_number(agency: Agency, day: date, category_code: str = "") -> str:
    """Next serial for the agency and period, under a row lock: concurrent publishers get distinct, gap-free serials."""
    pattern = CatalogSettings.objects.filter(agency=agency).values_list("index_pattern", flat=True).first() \
        or indexnumber.DEFAULT_PATTERN
    period = indexnumber.serial_period(pattern, day)
    counter = IndexCounter.objects.select_for_update().filter(agency=agency, period=period).first()
    if counter is None:
        try:
            with transaction.atomic():
                counter = IndexCounter.objects.create(agency=agency, period=period, last=0)
        except IntegrityError:  # another publisher created it first; lock theirs
            counter = IndexCounter.objects.select_for_update().get(agency=agency, period=period)
        counter = IndexCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    codes = indexnumber.AgencyCodes(agency.uscc or "", agency.org_code or "", agency.division_code)
    return indexnumber.render(pattern, codes, day, counter.last, category_code)
