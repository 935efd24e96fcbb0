"""Catalogue list pages at scale: p50/p95 of the public agency list, a 信息分类 list and the API list.

Run: .venv/bin/python bench/bench_catalog.py [--n 1000000] [--requests 60]
Makes a throwaway SQLite database (or uses GONGKAI_DATABASE_URL) with the demo city and N synthetic published items.
Target: list page p95 ≤ 50 ms at 1,000,000 items.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchdb import demo_database  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    demo_database()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client

    from gongkai.catalog import services
    from gongkai.catalog.models import Category, Genre, Item
    from gongkai.core.models import Agency

    settings.ALLOWED_HOSTS = ["testserver"]
    agencies = list(Agency.objects.all())
    for a in agencies:
        services.seed_agency_catalog(a)
    genres = list(Genre.objects.all())
    cats = {a.pk: [c for c in Category.objects.filter(agency=a, parent__isnull=False)] for a in agencies}
    rng = random.Random(1)
    began = time.perf_counter()
    batch = 5000
    through = Item.categories.through
    for start in range(0, args.n, batch):
        rows = []
        for i in range(start, min(args.n, start + batch)):
            a = agencies[i % len(agencies)]
            d = date(2016, 1, 1) + timedelta(days=rng.randrange(3900))
            rows.append(Item(agency=a, index_number=f"{a.code}/B-{i:08d}", title=f"关于第{i}号事项的通知",
                             body_text="正文" * 50, genre=rng.choice(genres), formed_date=d, published_date=d,
                             status="published", disclosure="proactive"))
        with transaction.atomic():
            Item.objects.bulk_create(rows, batch_size=batch)
            made = Item.objects.filter(index_number__in=[r.index_number for r in rows]).values_list("pk", "agency_id")
            through.objects.bulk_create([through(item_id=pk, category_id=rng.choice(cats[aid]).pk) for pk, aid in made],
                                        batch_size=batch)
    load_s = time.perf_counter() - began
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("ANALYZE")
    client = Client()
    agency = agencies[1]
    category = cats[agency.pk][0]
    urls = {"agency list": f"/disclosure/{agency.code}/", "agency list, page 50": f"/disclosure/{agency.code}/?page=50",
            "信息分类 list": f"/disclosure/{agency.code}/c/{category.code}/",
            "API list": f"/api/v1/catalog/items?agency={agency.code}&limit=20"}
    print(f"{args.n:,} items loaded in {load_s:.0f} s ({args.n / load_s:,.0f} items/s), database: {connection.vendor}")
    for name, url in urls.items():
        client.get(url)  # warm
        times = []
        for _ in range(args.requests):
            t = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{name:<22} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   (target p95 ≤ 50 ms: "
              f"{'met' if p95 <= 50 else 'NOT met'})")


if __name__ == "__main__":
    main()
