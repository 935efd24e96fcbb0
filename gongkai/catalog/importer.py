"""Import an existing catalogue (XLSX, XLS, CSV in UTF-8 or GBK, or JSON Lines) into gongkai.

Columns (header row, exact Chinese labels; * = required):
  名称*  发布机构* (统一社会信用代码、组织机构代码或机构全称)  体裁*  索引号 (kept verbatim when given; else issued)
  文号  成文日期  形成日期 (default 成文日期, else 发布日期)  发布日期 (default today)  实施日期  废止日期
  有效性 (现行有效/已修改/已废止/已失效/不涉及; default 现行有效)  主题分类 (一级\\二级)  信息分类 (codes, ; separated)
  关键词  内容概述  正文 (HTML or text)  文件类型 (规章/行政规范性文件/其他文件)
Dates: YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日. Imported items are published catalogue items (they were public
already). Rows whose 索引号 already exists with the same 名称 are skipped as already imported, so an interrupted
import can simply be run again. All-or-nothing unless skip_invalid is set.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.models import Agency
from gongkai.documents import isolated, parse_date

from . import vocab
from .docnumber import normalize_doc_number
from .models import Category, Genre, Item, Status, Topic
from .sanitize import clean_html, html_to_text

REQUIRED = ["名称", "发布机构", "体裁"]
COLUMNS = ["索引号", "名称", "发布机构", "体裁", "文号", "成文日期", "形成日期", "发布日期", "实施日期", "废止日期", "有效性",
           "主题分类", "信息分类", "关键词", "内容概述", "正文", "文件类型"]
VALIDITY_BY_LABEL = {label: value for value, label in vocab.VALIDITY}
DOC_KIND_BY_LABEL = {label: value for value, label in vocab.DOC_KINDS}


@dataclass
class ImportReport:
    created: int = 0
    skipped_existing: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row number, column, message)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFailed(Exception):
    def __init__(self, report: ImportReport):
        super().__init__("导入失败，未保存任何数据")
        self.report = report


def _date(value, column: str, errors: list, row: int) -> date | None:
    try:
        return parse_date(value)
    except ValueError as exc:
        errors.append((row, column, str(exc)))
        return None


class _Lookups:
    def __init__(self):
        self.agencies: dict[str, Agency] = {}
        for a in Agency.objects.all():
            for key in (a.uscc, a.org_code, a.full_name):
                if key:
                    self.agencies[key] = a
        self.genres = {g.name: g for g in Genre.objects.all()}
        self.topics = {str(t): t for t in Topic.objects.select_related("parent")}
        self.categories = {(c.agency_id, c.code): c for c in Category.objects.all()}


def _build(row_no: int, raw: dict, look: _Lookups, errors: list) -> tuple[Item, list] | None:
    row = {k.strip(): (v.strip() if isinstance(v, str) else v) for k, v in raw.items() if k}
    before = len(errors)
    unknown = [k for k in row if k not in COLUMNS]
    for k in unknown:
        errors.append((row_no, k, "未知列"))
    for col in REQUIRED:
        if not row.get(col):
            errors.append((row_no, col, "必填"))
    agency = look.agencies.get(str(row.get("发布机构", "")))
    if row.get("发布机构") and agency is None:
        errors.append((row_no, "发布机构", f"没有找到机构：{row['发布机构']}"))
    genre = look.genres.get(str(row.get("体裁", "")))
    if row.get("体裁") and genre is None:
        errors.append((row_no, "体裁", f"未知体裁：{row['体裁']}"))
    topic = None
    if row.get("主题分类"):
        topic = look.topics.get(str(row["主题分类"]))
        if topic is None:
            errors.append((row_no, "主题分类", f"未知主题分类：{row['主题分类']}"))
    validity = VALIDITY_BY_LABEL.get(str(row.get("有效性") or "现行有效"))
    if validity is None:
        errors.append((row_no, "有效性", f"未知有效性：{row['有效性']}（可选：{'、'.join(VALIDITY_BY_LABEL)}）"))
    doc_kind = DOC_KIND_BY_LABEL.get(str(row.get("文件类型") or "其他文件"))
    if doc_kind is None:
        errors.append((row_no, "文件类型", f"未知文件类型：{row['文件类型']}"))
    written = _date(row.get("成文日期"), "成文日期", errors, row_no)
    published = _date(row.get("发布日期"), "发布日期", errors, row_no) or timezone.localdate()
    formed = _date(row.get("形成日期"), "形成日期", errors, row_no) or written or published
    effective = _date(row.get("实施日期"), "实施日期", errors, row_no)
    repeal = _date(row.get("废止日期"), "废止日期", errors, row_no)
    categories = []
    if agency and row.get("信息分类"):
        for code in re.split(r"[;；,，\s]+", str(row["信息分类"])):
            if not code:
                continue
            cat = look.categories.get((agency.pk, code))
            if cat is None:
                errors.append((row_no, "信息分类", f"{agency.full_name}没有分类代码 {code}"))
            categories.append(cat)
    if len(errors) > before:
        return None
    body = clean_html(str(row.get("正文") or ""))
    doc = normalize_doc_number(str(row.get("文号") or ""))
    item = Item(agency=agency, index_number=str(row.get("索引号") or "") or None, title=str(row["名称"])[:300],
                summary=str(row.get("内容概述") or ""), body=body, body_text=html_to_text(body),
                doc_number=doc.text, doc_number_regular=doc.regular, doc_kind=doc_kind, genre=genre, topic=topic,
                keywords=str(row.get("关键词") or "")[:200], written_date=written, formed_date=formed,
                published_date=published, effective_date=effective, repeal_date=repeal, validity=validity,
                status=Status.PUBLISHED, disclosure="proactive")
    return item, categories


def import_items(actor, name: str, data: bytes, skip_invalid: bool = False, progress=None) -> ImportReport:
    """Validate every row, then save in one transaction (or the valid rows only, with skip_invalid)."""
    report = ImportReport()
    try:
        rows = isolated.read_rows(name, data)
    except Exception as exc:  # a broken file is a validation error, not a crash
        report.errors.append((0, "文件", f"无法读取：{exc}"))
        raise ImportFailed(report) from exc
    look = _Lookups()
    built = []
    seen_index: dict[str, int] = {}
    seen_keys: set[str] = set()
    existing = dict(Item.objects.filter(index_number__isnull=False).values_list("index_number", "title"))
    for row_no, raw in enumerate(rows, start=2):  # row 1 is the header
        result = _build(row_no, raw, look, report.errors)
        if result is None:
            continue
        item, cats = result
        item.import_key = import_key(item)
        if item.import_key in seen_keys or (item.index_number and existing.get(item.index_number) == item.title):
            report.skipped_existing += 1        # the same row twice in the file, or already there by 索引号
            continue
        if item.index_number:
            if item.index_number in existing or item.index_number in seen_index:
                report.errors.append((row_no, "索引号", f"索引号已被其他信息使用：{item.index_number}"))
                continue
            seen_index[item.index_number] = row_no
        seen_keys.add(item.import_key)
        built.append((item, cats))
    if report.errors and not skip_invalid:
        raise ImportFailed(report)
    imported = _imported_keys([item.import_key for item, _ in built])
    report.skipped_existing += sum(item.import_key in imported for item, _ in built)
    _save(actor, [(item, cats) for item, cats in built if item.import_key not in imported], report, progress)
    return report


def import_key(item: Item) -> str:
    """A row's stable identity: the same agency, title, 文号 and dates are the same piece of information."""
    parts = [str(item.agency_id), item.title.strip(), item.doc_number.strip(), str(item.formed_date or ""),
             str(item.published_date or "")]
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def _imported_keys(keys: list[str]) -> set[str]:
    """Which of these row identities an earlier import already brought in: re-running an import (after a crash, as
    the docs advise) brings in nothing twice, with or without a 索引号."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        found |= set(Item.objects.filter(import_key__in=keys[start:start + 500]).values_list("import_key", flat=True))
    return found


def _save(actor, built: list, report: ImportReport, progress) -> None:
    """All rows in one transaction, with their audit events, the list pages' generation and the index jobs: a crash
    before commit leaves nothing; after commit the index jobs exist, whoever runs them."""
    from .search_sync import enqueue_index
    from .services import bump_generation, issue_index_number

    with transaction.atomic():
        for item, cats in built:
            if not item.index_number:
                item.index_number = issue_index_number(item.agency, item.published_date)
            item.save()
            if cats:
                item.categories.set(cats)
            audit.record(actor, "item.imported", item, f"导入：{item.title}（{item.index_number}）")
            report.created += 1
            if progress:
                progress(1)
        for agency_id in {item.agency_id for item, _ in built}:
            bump_generation(agency_id)
        enqueue_index([item.pk for item, _ in built])
