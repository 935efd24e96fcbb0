"""Figures the annual report takes from the catalogue (table 二 （一）: 规章 and 行政规范性文件).

For an agency and year: 本年制发 = published in the year (issued), 本年废止 = repealed in the year (by 废止日期),
现行有效 = published by 31 December and not repealed or expired by then. Counting is by the publishing agency.
"""

from datetime import date
from typing import NamedTuple

from django.db.models import Count, Q

from .models import Item, Status


class DocumentCounts(NamedTuple):
    issued: int      # 本年制发件数
    repealed: int    # 本年废止件数
    in_force: int    # 现行有效件数


def document_counts(agencies, year: int, doc_kind: str) -> DocumentCounts:
    """`agencies`: an Agency queryset or list (one agency, or a government and its subtree for 全市 figures).
    One aggregate query over the (doc_kind, agency) index."""
    end = date(year, 12, 31)
    qs = Item.objects.filter(agency__in=agencies, doc_kind=doc_kind, status__in=[Status.PUBLISHED, Status.WITHDRAWN])
    published = Q(status=Status.PUBLISHED)
    gone = Q(repeal_date__lte=end) | Q(validity__in=["repealed", "expired"], repeal_date__isnull=True)
    counts = qs.aggregate(
        issued=Count("pk", filter=published & Q(published_date__year=year)),
        repealed=Count("pk", filter=Q(repeal_date__year=year)),
        in_force=Count("pk", filter=published & Q(published_date__lte=end) & ~gone))
    return DocumentCounts(counts["issued"], counts["repealed"], counts["in_force"])
