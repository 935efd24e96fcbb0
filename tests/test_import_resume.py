"""An import killed after its commit leaves nothing unsearchable, and running it again duplicates nothing — with or
without 索引号: index updates go through the job queue after commit, `gongkai search reconcile` finds whatever the
index is behind on, and every imported row has a stable identity."""

import csv
import io

import pytest
from django.core.management import call_command

from gongkai.catalog import search_sync
from gongkai.catalog.importer import COLUMNS, import_items
from gongkai.catalog.models import Item
from gongkai.core import jobs
from gongkai.core.models import Job, JobState
from gongkai.search import get_backend
from gongkai.search.backend import SearchQuery

pytestmark = pytest.mark.django_db(transaction=True)


def ledger(demo_city, n: int) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for i in range(n):
        writer.writerow({"名称": f"示范市教育局关于第{i}批学校名单的公示", "发布机构": demo_city["jyj"].full_name,
                         "体裁": "公告", "发布日期": "2025-06-01", "正文": f"<p>第{i}批公示名单全文</p>"})
    return out.getvalue().encode("utf-8-sig")


def searchable() -> int:
    return get_backend().search(SearchQuery(text="公示名单", limit=1)).total


def test_an_import_killed_after_commit_is_indexed_by_a_worker_or_reconcile(demo_city, settings):
    settings.JOBS_RUN_AFTER_COMMIT = "OFF"               # as if the process died right after its commit
    import_items(None, "ledger.csv", ledger(demo_city, 60))
    assert Item.objects.count() >= 60 and searchable() == 0
    assert Job.objects.filter(state=JobState.PENDING, kind=search_sync.INDEX_JOB).exists()
    jobs.work()
    assert searchable() == 60
    assert not search_sync.behind().filter(title__contains="公示").exists()


def test_reconcile_finds_items_the_index_is_behind_on(demo_city, settings):
    settings.JOBS_RUN_AFTER_COMMIT = "OFF"
    import_items(None, "ledger.csv", ledger(demo_city, 25))
    Job.objects.all().delete()                           # even the jobs are gone
    assert searchable() == 0
    out = io.StringIO()
    call_command("search", "reconcile", stdout=out)
    assert searchable() == 25 and "已补齐" in out.getvalue()
    call_command("search", "reconcile", stdout=out)      # nothing left behind: a second run does nothing
    assert searchable() == 25


def test_running_an_import_again_duplicates_nothing_without_index_numbers(demo_city):
    data = ledger(demo_city, 40)
    first = import_items(None, "ledger.csv", data)
    again = import_items(None, "ledger.csv", data)
    assert (first.created, again.created, again.skipped_existing) == (40, 0, 40)
    assert Item.objects.filter(title__contains="公示").count() == 40
    assert searchable() == 40
