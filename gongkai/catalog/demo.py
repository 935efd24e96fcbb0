"""Demo catalogue for 示范市: a few hundred realistic items across agencies and 信息分类, policy documents with
their 政策解读, an amended and a repealed document, and one 政府公报 issue. Idempotent; deterministic."""

import random
from datetime import date, timedelta

from django.db import transaction

from gongkai.core import audit
from gongkai.core.models import Agency

from . import services
from .docnumber import normalize_doc_number
from .models import Category, GazetteIssue, Genre, Item, Status, Topic
from .sanitize import clean_html, html_to_text

# (title template, genre, category code, topic "一级\二级", doc kind, doc-number prefix or "")
TEMPLATES = [
    ("关于印发{city}{year}年{subject}工作要点的通知", "通知", "wgk-jc", "综合政务\\政务公开", "normative", "{short}发"),
    ("关于进一步加强{subject}管理的实施意见", "意见", "20-01", "综合政务\\其他", "normative", "{short}规"),
    ("{city}{subject}管理办法", "命令（令）", "20-01", "综合政务\\其他", "regulation", ""),
    ("{year}年{subject}专项资金分配结果公示", "公告", "zdly-czzj", "财政、金融、审计\\财政", "other", ""),
    ("{year}年第{q}季度{subject}行政处罚决定信息公开", "公告", "20-06", "市场监管、安全生产监管\\市场监管", "other", ""),
    ("{year}年{month}月行政许可办理结果公示", "公告", "20-05", "综合政务\\其他", "other", ""),
    ("{dept}{year}年部门预算公开", "其他", "20-07", "财政、金融、审计\\财政", "other", ""),
    ("{dept}{year}年部门决算公开", "其他", "20-07", "财政、金融、审计\\财政", "other", ""),
    ("{year}年{month}月{subject}统计数据", "统计信息", "20-04", "国民经济管理、国有资产监管\\经济运行", "other", ""),
    ("关于{subject}重大建设项目批准情况的公告", "公告", "zdly-zdxm", "城乡建设、环境保护\\城市规划", "other", ""),
    ("{city}{year}年公开招聘事业单位工作人员公告", "公告", "20-14", "劳动、人事、监察\\人事工作", "other", ""),
    ("{city}{subject}突发事件应急预案", "通知", "20-12", "综合政务\\应急管理", "normative", "{short}办发"),
    ("关于开展{year}年{subject}监督检查情况的通报", "通报", "20-13", "市场监管、安全生产监管\\安全生产", "other", "{short}通"),
    ("{dept}{year}年政府信息公开工作年度报告", "年度报告", "gknb", "综合政务\\政务公开", "other", ""),
    ("{dept}主要职责和内设机构", "其他", "jgzn", "综合政务\\其他", "other", ""),
]
SUBJECTS = {
    "fgw": ["重点项目建设", "价格监测", "粮食储备", "节能降碳"], "jyj": ["义务教育招生", "学前教育", "校园安全", "教师招聘"],
    "gaj": ["道路交通安全", "户籍管理", "出入境服务"], "czj": ["政府采购", "预算绩效", "惠民惠农补贴"],
    "zrzyj": ["国土空间规划", "不动产登记", "耕地保护"], "sthjj": ["大气污染防治", "水环境治理", "建设项目环评"],
    "zjj": ["保障性住房", "建筑施工安全", "城镇老旧小区改造"], "jtj": ["公共交通", "农村公路", "网约车管理"],
    "wjw": ["基本公共卫生服务", "医疗机构监管", "疫苗接种"], "scjgj": ["食品安全", "特种设备安全", "价格监督检查"],
    "city": ["政务公开", "优化营商环境", "城市更新", "民生实事"], "county": ["乡村振兴", "政务公开", "防汛抗旱"],
    "county_jyj": ["义务教育", "教育资助"], "town": ["农村土地承包经营权流转", "宅基地审核", "社会救助"],
    "dcjd": ["社区服务", "老旧小区改造", "社会救助"],
}
BODY = ("<p>为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步做好{subject}相关工作，结合本地实际，现将有关事项通知如下。</p>"
        "<p>一、总体要求。坚持以公开为常态、不公开为例外，围绕{subject}工作，推进决策、执行、管理、服务、结果公开。</p>"
        "<p>二、主要任务。（一）健全工作机制，明确责任分工；（二）加强信息发布、政策解读和回应关切；（三）强化监督检查，"
        "{year}年内开展专项检查不少于{n}次。</p><p>三、保障措施。各单位要加强组织领导，确保各项任务落实到位。</p>"
        "<p>联系单位：{dept}办公室，联系电话：{phone}。</p>")


def _pick_date(rng: random.Random, year: int) -> date:
    start = date(year, 1, 5)
    end = min(date(year, 12, 20), date(2026, 11, 15))
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


@transaction.atomic
def load_catalog_demo(per_agency: int = 20) -> int:
    """Returns the number of items created (0 when the demo catalogue is already there)."""
    from gongkai.core.demo import AGENCIES

    services.seed_vocabularies()
    genres = {g.name: g for g in Genre.objects.all()}
    topics = {str(t): t for t in Topic.objects.select_related("parent")}
    created = 0
    policies: list[Item] = []
    for key, full_name, short, *_ in AGENCIES:
        agency = Agency.objects.filter(full_name=full_name).first()
        if agency is None:
            continue
        services.seed_agency_catalog(agency)
        if Item.objects.filter(agency=agency).exists():
            continue
        rng = random.Random(f"gongkai-demo-{key}")
        cats = {c.code: c for c in Category.objects.filter(agency=agency)}
        doc_seq = 0
        for n in range(per_agency):
            title_t, genre, cat_code, topic, kind, prefix = TEMPLATES[n % len(TEMPLATES)]
            year = 2024 + n % 3
            subject = rng.choice(SUBJECTS.get(key, ["政务公开"]))
            written = _pick_date(rng, year)
            published = written + timedelta(days=rng.randrange(1, 15))
            fields = dict(city="示范市", year=year, subject=subject, dept=full_name, q=rng.randrange(1, 5),
                          month=written.month, short=short[:3].replace("市", "示"), n=rng.randrange(2, 6),
                          phone=agency.office_phone)
            doc_number = ""
            if prefix:
                doc_seq += 1
                doc_number = normalize_doc_number(f"{prefix.format(**fields)}〔{year}〕{doc_seq}号").text
            body = clean_html(BODY.format(**fields))
            item = Item(agency=agency, title=title_t.format(**fields), summary=f"{full_name}关于{subject}的信息。",
                        body=body, body_text=html_to_text(body), doc_number=doc_number, doc_kind=kind,
                        genre=genres[genre], topic=topics.get(topic), keywords=subject, written_date=written,
                        formed_date=written, published_date=published,
                        effective_date=published + timedelta(days=30) if kind != "other" else None,
                        status=Status.PUBLISHED, disclosure="proactive", channels=["政府网站"],
                        validity="effective" if kind != "other" else "not_applicable")
            item.index_number = services.issue_index_number(agency, published, cat_code)
            item.save()
            item.categories.set([c for c in (cats.get(cat_code), cats.get("wgk-jg" if kind == "other" else "wgk-jc")) if c])
            audit.record(None, "item.demo_loaded", item, f"演示数据：{item.title}")
            created += 1
            if kind in ("normative", "regulation"):
                policies.append(item)
    if created:
        _interpretations(policies, genres, topics)
        _supersede_examples(policies)
        _gazette()
    return created


def _interpretations(policies, genres, topics):
    for policy in policies[::2]:
        body = clean_html(f"<p>一、制定背景。为贯彻落实上级部署，{policy.agency.full_name}制定了《{policy.title}》。</p>"
                          "<p>二、主要内容。文件明确了工作目标、主要任务和保障措施。</p><p>三、适用范围。本文件适用于全市相关单位。</p>")
        item = Item(agency=policy.agency, title=f"《{policy.title}》政策解读", body=body, body_text=html_to_text(body),
                    genre=genres["政策解读"], topic=policy.topic, interpretation_form="text",
                    written_date=policy.written_date, formed_date=policy.written_date, published_date=policy.published_date,
                    status=Status.PUBLISHED, disclosure="proactive", validity="not_applicable", channels=["政府网站"])
        item.index_number = services.issue_index_number(policy.agency, policy.published_date, "zcjd")
        item.save()
        item.categories.set(Category.objects.filter(agency=policy.agency, code="zcjd"))
        item.interprets.add(policy)
        audit.record(None, "item.demo_loaded", item, f"演示数据：{item.title}")


def _supersede_examples(policies):
    by_agency: dict[int, list[Item]] = {}
    for p in policies:
        by_agency.setdefault(p.agency_id, []).append(p)
    for items in by_agency.values():
        items.sort(key=lambda i: i.published_date)
        if len(items) >= 3:
            services.mark_amended(None, items[0], items[-1])
            services.mark_repealed(None, items[1], items[-1])


def _gazette():
    city = Agency.objects.filter(full_name="示范市人民政府").first()
    if city is None or GazetteIssue.objects.filter(agency=city).exists():
        return
    items = list(Item.objects.filter(agency__path__startswith=city.path, doc_kind__in=["regulation", "normative"],
                                     published_date__year=2025).order_by("published_date")[:8])
    if items:
        services.create_gazette_issue(None, city, 2025, 1, items, published_date=items[-1].published_date)
