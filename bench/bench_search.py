"""Full-text search speed: the embedded tantivy index (through `get_backend().search`) and SQLite FTS5 over the same
bigram text, same synthetic corpus, same queries, side by side.

Run: .venv/bin/python bench/bench_search.py [--n 1000000] [--queries 300] [--dir /tmp/gk-bench-search]
Targets, at 1,000,000 items on a 2-core machine: indexing ≥ 5,000 items/s, term-query p95 ≤ 10 ms,
phrase p95 ≤ 50 ms (through the search API layer: query parsing, filters, count, top 20, highlighted snippets).
The index directories are deleted at the end unless --keep.
"""

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.search.backend import SearchDoc, SearchQuery  # noqa: E402
from gongkai.search.tokenize import BOUNDARY, index_text, is_han, query_words  # noqa: E402

AGENCIES = [
    ("fgw", "市发展和改革委员会", "发改"), ("jyj", "市教育局", "教"), ("kjj", "市科学技术局", "科"),
    ("gxj", "市工业和信息化局", "工信"), ("gaj", "市公安局", "公"), ("mzj", "市民政局", "民"),
    ("sfj", "市司法局", "司"), ("czj", "市财政局", "财"), ("rsj", "市人力资源和社会保障局", "人社"),
    ("zrzy", "市自然资源和规划局", "自然资源"), ("sthj", "市生态环境局", "环"), ("zjj", "市住房和城乡建设局", "建"),
    ("jtj", "市交通运输局", "交"), ("slj", "市水利局", "水"), ("nyj", "市农业农村局", "农"), ("swj", "市商务局", "商"),
    ("wlj", "市文化广电旅游局", "文旅"), ("wjw", "市卫生健康委员会", "卫健"), ("yjj", "市应急管理局", "应急"),
    ("sjj", "市审计局", "审"), ("scj", "市市场监督管理局", "市监"), ("tjj", "市统计局", "统"),
    ("ybj", "市医疗保障局", "医保"), ("zfb", "市人民政府办公室", "政办"), ("tyj", "市体育局", "体"),
    ("xzsp", "市行政审批服务局", "审批"), ("cgj", "市城市管理局", "城管"), ("dag", "市档案馆", "档"),
]
GENRES = ["通知", "决定", "意见", "办法", "规定", "公告", "通告", "批复", "报告", "函", "方案", "规划", "细则"]
VALIDITY = ["effective"] * 8 + ["amended", "repealed"]
SUBJECTS = [
    "信息公开", "政务公开", "营商环境", "安全生产", "消防安全", "食品安全", "药品监管", "义务教育", "职业教育",
    "养老服务", "医疗保障", "城乡居民", "最低生活保障", "就业创业", "人才引进", "科技创新", "高新技术企业",
    "专项资金", "财政预算", "政府采购", "招标投标", "国有资产", "土地征收", "房屋征收", "城市更新", "老旧小区改造",
    "生态环境保护", "大气污染防治", "水污染防治", "河长制", "农田水利", "乡村振兴", "农村集体经济", "防汛抗旱",
    "道路交通", "公共交通", "文化旅游", "非物质文化遗产", "体育设施", "疫情防控", "突发事件应对", "行政审批",
    "行政处罚", "行政许可", "双随机一公开", "统计调查", "审计整改", "档案管理", "市场监管", "价格监测",
    "住房保障", "公积金", "数字政府", "一网通办", "放管服改革", "优化服务", "社会信用体系", "知识产权",
]
VERBS = ["印发", "公布", "开展", "加强", "做好", "进一步推进", "调整", "废止", "修订", "实施", "规范", "落实"]
TAILS = ["的通知", "的决定", "的实施意见", "管理办法", "工作方案", "暂行规定", "的公告", "的批复", "的报告"]
SENTENCES = [
    "为贯彻落实{s}工作部署，结合本市实际，制定本{g}。",
    "各区人民政府、市政府各部门要高度重视{s}，切实加强组织领导，明确责任分工。",
    "本{g}自{y}年{m}月{d}日起施行，有效期{k}年。",
    "根据《中华人民共和国政府信息公开条例》和{a}有关规定，现就{s}有关事项通知如下。",
    "请各单位于{y}年{m}月{d}日前将{s}落实情况报送{a}。",
    "联系人：{name}，联系电话：{tel}。",
    "{a}将会同有关部门对{s}开展监督检查，对工作不力的单位予以通报。",
    "申请人可以通过政府门户网站、信函或者当面提交等方式提出申请。",
    "对{s}中发现的问题，应当依法依规及时处理，并将处理结果向社会公开。",
    "附件：{y}年度{s}资金分配表（共{k}页）",
    "经研究，同意{a}关于{s}的请示，原《{s}{t}》（{ab}〔{y0}〕{n0}号）同时废止。",
    "第{k}条 {s}应当遵循公开、公平、公正的原则，坚持便民高效。",
    "各地要进一步完善{s}长效机制，推动{s2}与{s}协同发展。",
    "本市共完成{s}项目{n0}个，总投资{k}.{m}亿元，同比增长{d}.{k}%。",
    "{y}年，{a}共受理{s}相关申请{n0}件，办结率{d}%。",
    "对{s}违法行为，由{a}责令限期改正，处{k}万元以下罚款。",
    "{s}所需经费列入同级财政预算，实行专款专用。",
    "鼓励社会力量参与{s}，形成政府主导、社会协同的工作格局。",
    "公示期间，如有异议，请以书面形式向{a}反映。",
    "{a}负责本{g}的解释工作，{s2}另有规定的，从其规定。",
    "各级各部门应当建立健全{s}工作台账，做到底数清、情况明。",
    "经第{k}次常务会议审议通过，现予公布。",
    "{s}情况纳入年度绩效考核，考核结果作为评先评优的重要依据。",
    "拟确定{name}等{k}人为{s}先进个人，现予以公示。",
    "一、总体要求；二、主要任务；三、保障措施。",
    "推进{s}标准化规范化建设，提升群众满意度和获得感。",
    "本次抽查共检查企业{n0}家，发现问题{k}个，已全部整改到位。",
    "{y}年{m}月{d}日，{a}召开{s}工作推进会。",
    "申请材料不齐全或者不符合法定形式的，应当当场或者在{k}日内一次告知申请人需要补正的全部内容。",
    "{s}资金由{a}按照规定程序拨付，任何单位和个人不得截留、挤占、挪用。",
]
BOILERPLATE = ["根据《中华人民共和国政府信息公开条例》", "切实加强组织领导", "公开、公平、公正的原则",
               "并将处理结果向社会公开", "申请人可以通过政府门户网站", "实行专款专用", "请以书面形式"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华文辉志红玉兰晓东海燕"


class Corpus:
    def __init__(self, seed: int = 6):
        self.rnd = random.Random(seed)

    def item(self, i: int) -> SearchDoc:
        r = self.rnd
        code, agency, abbr = r.choice(AGENCIES)
        s = r.choice(SUBJECTS)
        genre = r.choice(GENRES)
        published = date(2008, 1, 1) + timedelta(days=r.randrange(6500))
        y = published.year
        doc_number = f"{abbr}{r.choice(['发', '办发', '函', '规'])}〔{y}〕{r.randint(1, 300)}号"
        title = f"{agency}关于{r.choice(VERBS)}{s}{r.choice(TAILS)}"
        body = []
        for _ in range(r.randint(4, 12)):
            body.append(r.choice(SENTENCES).format(
                s=r.choice(SUBJECTS) if r.random() < 0.4 else s, s2=r.choice(SUBJECTS), g=genre, a=agency,
                y=y, m=r.randint(1, 12), d=r.randint(1, 28), k=r.randint(1, 9), y0=y - r.randint(1, 8),
                n0=r.randint(1, 300), ab=abbr, t=r.choice(TAILS),
                name=r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.randint(1, 2))),
                tel=f"0{r.randint(10, 999)}-{r.randint(2000000, 89999999)}"))
        return SearchDoc(
            id=f"bench:{i}", title=title, body="".join(body), agency_code=code, agency_name=agency,
            categories=[f"{code}/{r.randint(1, 9)}"], topic="综合政务\\政务公开", genre=genre,
            validity=r.choice(VALIDITY), doc_number=doc_number, index_number=f"{code}/{y}-{i:06d}", published=published,
            url=f"/disclosure/items/{i}/", extra_text=s)

    def items(self, start: int, n: int) -> list[SearchDoc]:
        return [self.item(i) for i in range(start, start + n)]


def queries(n: int, corpus_size: int, seed: int = 7) -> dict[str, list[str]]:
    """Term queries are one index token (a 2-character word, a number); phrase queries are 3–8 character
    substrings of titles, agency names and bodies of indexed items, and their 文号 (several tokens at consecutive
    positions); AND is two subject words. "boilerplate" phrases come from stock sentences found in a quarter to a
    half of all items: the worst case, since a phrase's cost grows with the number of items it matches."""
    r = random.Random(seed)
    corpus = Corpus()
    samples = corpus.items(0, min(corpus_size, 5000))
    samples = [r.choice(samples) for _ in range(n)]
    words2 = sorted({w for s in SUBJECTS for w in (s[i:i + 2] for i in range(len(s) - 1))})
    term = [r.choice(words2) if r.random() < 0.8 else r.choice(["2020", "2015", "109", "12"]) for _ in range(n)]
    phrase = []
    for d in samples:
        kind = r.random()
        if kind < 0.4:
            s = r.choice(SUBJECTS + [d.agency_name, d.title])
            a = r.randrange(max(1, len(s) - 3))
            phrase.append(s[a:a + r.randint(3, 8)])
        elif kind < 0.7:
            phrase.append(d.doc_number)
        else:
            a = r.randrange(max(1, len(d.body) - 10))
            while a and not is_han(d.body[a]):  # ASCII words and numbers match whole, not from their middle
                a -= 1
            b = a + r.randint(4, 8)
            while b < len(d.body) and d.body[b].isalnum() and not is_han(d.body[b]):
                b += 1
            phrase.append('"' + d.body[a:b] + '"')
    and2 = [f"{r.choice(SUBJECTS)} {r.choice(SUBJECTS)}" for _ in range(n)]
    boiler = []
    for _ in range(n):
        s = r.choice(BOILERPLATE)
        a = r.randrange(len(s) - 4)
        boiler.append('"' + s[a:a + r.randint(4, 10)] + '"')
    return {"term": term, "and2": and2, "phrase": phrase, "boilerplate": boiler}


def p95(ms: list[float]) -> float:
    return statistics.quantiles(ms, n=20)[-1] if len(ms) >= 20 else max(ms)


def fts5_match(text: str) -> str | None:
    parts = []
    for w in query_words(text):
        toks = [t for t in w.tokens]
        quoted = '"' + " ".join(toks) + '"'
        parts.append(quoted + ("*" if w.prefix_last else ""))
    return " AND ".join(parts) if parts else None


def bench_fts5(path: Path, n: int, batch: int, qs: dict[str, list[str]]) -> dict:
    if path.exists():
        path.unlink()
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(title, body, extra, tokenize=\"unicode61 tokenchars '{BOUNDARY}'\", "
               "prefix='1')")
    corpus, spent = Corpus(), 0.0
    for start in range(0, n, batch):
        docs = corpus.items(start, min(batch, n - start))
        began = time.perf_counter()
        db.executemany("INSERT INTO t(rowid, title, body, extra) VALUES (?, ?, ?, ?)", [
            (start + k, index_text(d.title), index_text(d.body),
             index_text(" ".join([d.doc_number, d.index_number, d.extra_text]))) for k, d in enumerate(docs)])
        db.commit()
        spent += time.perf_counter() - began
    out = {"index_rate": n / spent, "size_mb": path.stat().st_size / 1e6}
    for kind, texts in qs.items():
        ms = []
        for text in texts:
            m = fts5_match(text)
            began = time.perf_counter()
            db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (m,)).fetchone()
            db.execute("SELECT rowid, title FROM t WHERE t MATCH ? ORDER BY rank LIMIT 20", (m,)).fetchall()
            ms.append((time.perf_counter() - began) * 1000)
        out[kind] = p95(ms)
    db.close()
    return out


def bench_backend(n: int, batch: int, qs: dict[str, list[str]]) -> dict:
    from gongkai.search import get_backend

    backend = get_backend()
    backend.clear()
    corpus, spent = Corpus(), 0.0
    for start in range(0, n, batch):
        docs = corpus.items(start, min(batch, n - start))
        began = time.perf_counter()
        backend.index(docs)
        spent += time.perf_counter() - began
        print(f"  tantivy: {start + len(docs):,} indexed, {(start + len(docs)) / spent:,.0f} items/s", flush=True)
    assert backend.count() == n, backend.count()
    out = {"index_rate": n / spent}
    for text in qs["term"][:20]:
        backend.search(SearchQuery(text=text))  # warm the page cache
    hits, totals = {}, []
    for kind, texts in qs.items():
        ms, found = [], 0
        for text in texts:
            began = time.perf_counter()
            result = backend.search(SearchQuery(text=text))
            ms.append((time.perf_counter() - began) * 1000)
            found += result.total > 0
            totals.append(result.total)
        out[kind] = p95(ms)
        hits[kind] = round(found / len(texts), 3)
        out[kind + " matches"] = statistics.median(totals) / n
        totals.clear()
    ms = []
    for text in qs["term"]:
        began = time.perf_counter()
        backend.search(SearchQuery(text=text, sort="date", agency_codes=["fgw", "jyj"], year=2020))
        ms.append((time.perf_counter() - began) * 1000)
    out["term+filters, date sort"] = p95(ms)
    ms = []
    for k in range(20):  # publishing one item: upsert + commit + reload, on the full index
        doc = corpus.item(k)
        began = time.perf_counter()
        backend.index([doc])
        ms.append((time.perf_counter() - began) * 1000)
    out["single upsert"] = p95(ms)
    out["found"] = hits
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--dir", default="/tmp/gk-bench-search")
    parser.add_argument("--skip-fts5", action="store_true")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    root = Path(args.dir)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    os.environ["GONGKAI_SEARCH_DIR"] = str(root / "tantivy")
    os.environ.pop("GONGKAI_SEARCH_BACKEND", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")  # get_backend reads django.conf.settings
    qs = queries(args.queries, args.n)
    began = time.perf_counter()
    sample = Corpus().items(0, 2000)
    gen_rate = 2000 / (time.perf_counter() - began)
    chars = sum(len(d.title) + len(d.body) for d in sample) / len(sample)
    print(f"{args.n:,} synthetic items, {chars:.0f} characters each on average (generator {gen_rate:,.0f} items/s, "
          f"not counted); {args.queries} queries of each kind")
    t = bench_backend(args.n, args.batch, qs)
    t["size_mb"] = sum(f.stat().st_size for f in (root / "tantivy").rglob("*") if f.is_file()) / 1e6
    print(f"  share of queries with ≥ 1 hit: {t['found']}")
    print("  median share of items matched: " + ", ".join(f"{k} {t[k + ' matches']:.1%}" for k in qs))
    print("  tantivy p95 ms: " + ", ".join(f"{k} {t[k]:.2f}" for k in qs), flush=True)
    f = None if args.skip_fts5 else bench_fts5(root / "fts5.db", args.n, args.batch, qs)
    rows = [("indexing, items/s", "index_rate", "{:,.0f}"), ("index size, MB", "size_mb", "{:,.0f}"),
            ("term p95, ms", "term", "{:.2f}"), ("2-word AND p95, ms", "and2", "{:.2f}"),
            ("phrase p95, ms", "phrase", "{:.2f}"), ("boilerplate phrase p95, ms", "boilerplate", "{:.2f}"),
            ("term + filters, date sort p95, ms", "term+filters, date sort",
                                                     "{:.2f}"),
            ("one-item upsert (publish) p95, ms", "single upsert", "{:.1f}")]
    print(f"\n{'':38}{'tantivy (API)':>16}{'SQLite FTS5':>16}{'FTS5 / tantivy':>16}")
    for label, key, fmt in rows:
        a = fmt.format(t[key])
        b = fmt.format(f[key]) if f and key in f else "-"
        ratio = f"{f[key] / t[key]:.1f}×" if f and key in f and t[key] else "-"
        print(f"{label:38}{a:>16}{b:>16}{ratio:>16}")
    print("targets at 1M: indexing ≥ 5,000 items/s, term p95 ≤ 10 ms, phrase p95 ≤ 50 ms")
    if not args.keep:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
