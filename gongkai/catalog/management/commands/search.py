"""gongkai search reindex | gongkai search reconcile | gongkai search query TEXT"""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm


class Command(BaseCommand):
    help = "全文检索索引：重建（reindex）或检索（query）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("reindex", help="按数据库中已发布的主动公开信息重建索引")
        sub.add_parser("reconcile", help="补齐索引落后于数据库的信息（如进程在提交后、索引前中断），可随时运行")
        q = sub.add_parser("query", help="检索并打印结果")
        q.add_argument("text")
        q.add_argument("--limit", type=int, default=10)

    def handle(self, *args, action, **opts):
        from gongkai.catalog.search_sync import behind, indexable, reconcile, reindex

        if action == "reconcile":
            with tqdm(total=behind().count(), desc="补齐索引", unit="条", file=sys.stderr, disable=None) as bar:
                n = reconcile(progress=bar.update)
            self.stdout.write(f"已补齐 {n} 条信息的索引。")
            return
        if action == "reindex":
            total = indexable().count()
            with tqdm(total=total, desc="重建索引", unit="条", file=sys.stderr, disable=None) as bar:
                n = reindex(progress=bar.update)
            self.stdout.write(f"已索引 {n} 条信息。")
            return
        from gongkai.search import get_backend
        from gongkai.search.backend import SearchQuery

        result = get_backend().search(SearchQuery(text=opts["text"], limit=opts["limit"]))
        self.stdout.write(f"共 {result.total} 条（{result.took_ms:.1f} 毫秒）")
        for hit in result.hits:
            self.stdout.write(f"{hit.index_number}\t{hit.published}\t{hit.title}")
