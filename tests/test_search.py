"""Search: CJK bigram tokens, 繁简 folding, phrases, filters, sort, safe snippets, upsert/delete, exact recall (pure:
the tantivy index in a temporary directory, no database)."""

import random
import threading
import time
from datetime import date
from pathlib import PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.search import get_backend, reset_backend
from gongkai.search.backend import SearchDoc, SearchQuery
from gongkai.search.tantivy_backend import TantivyBackend, highlight
from gongkai.search.tokenize import BOUNDARY, index_text, normalise, query_words, tokens

B = BOUNDARY


def make_doc(n: int, title: str = "", body: str = "", **kw) -> SearchDoc:
    fields = dict(id=f"t:{n}", title=title or f"文件{n}", body=body, agency_code="fgw", agency_name="市发展和改革委员会",
                  categories=["fgw/5"], topic="综合政务\\政务公开", genre="通知", validity="effective", doc_number="",
                  index_number=f"fgw/2024-{n:05d}", published=date(2024, 1, 1), url=f"/disclosure/items/{n}/")
    fields.update(kw)
    return SearchDoc(**fields)


def ids(result) -> list[str]:
    return [h.id for h in result.hits]


@pytest.fixture
def backend(tmp_path):
    return TantivyBackend(tmp_path / "ix")


# --- tokens (pure) ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("信息公开", ["信息", "息公", "公开", "开"]),
    ("公", ["公"]),
    ("国办函〔2020〕109号", ["国办", "办函", "函", B, "2020", B, "109", B, "号"]),
    ("109号文件", ["109", B, "号文", "文件", "件"]),       # a boundary between any two runs
    ("ＰＤＦ文件", ["pdf", B, "文件", "件"]),               # width folding and lower case
    ("信息公開", ["信息", "息公", "公开", "开"]),           # Traditional folded to Simplified
    ("政府資訊", ["政府", "府资", "资讯", "讯"]),
    ("信息，公开", ["信息", "息", B, "公开", "开"]),        # punctuation is a token: no phrase across it
    ("，。开头！", ["开头", "头"]),                         # no boundary at either end
    ("a  b", ["a", B, "b"]),
    ("Web 2.0 标准", ["web", B, "2", B, "0", B, "标准", "准"]),
    ("", []),
])
def test_tokens(text, expected):
    assert tokens(text) == expected
    assert index_text(text) == " ".join(expected)


@pytest.mark.parametrize("text, expected", [
    # (surface, tokens, last character matched as a prefix)
    ("109号", [("109号", ("109", B, "号"), True)]),
    ("国办函", [("国办函", ("国办", "办函"), False)]),
    ("国办函〔2020〕109号", [("国办函 2020 109号", ("国办", "办函", "函", B, "2020", B, "109", B, "号"), True)]),
    ("公", [("公", ("公",), True)]),
    ("信息公开 年度报告", [("信息公开", ("信息", "息公", "公开"), False), ("年度报告", ("年度", "度报", "报告"), False)]),
    ('"信息 公开"', [("信息 公开", ("信息", "息", B, "公开"), False)]),
    ("“政府信息”", [("政府信息", ("政府", "府信", "信息"), False)]),
    ("公开2020", [("公开2020", ("公开", "开", B, "2020"), False)]),
    ("信息公開 信息公开", [("信息公开", ("信息", "息公", "公开"), False)]),  # same word twice counts once
    ("答覆", [("答覆", ("答覆",), False)]),  # plus the phrase-level reading 答复 (see below)
    ("  ，。 ", []),
    ("", []),
])
def test_query_words(text, expected):
    assert [(w.surface, w.tokens, w.prefix_last) for w in query_words(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("信息公开", [(0, "信息"), (2, "公开")]),                    # 息公 is implied by its neighbours
    ("市发展和改革委员会", [(0, "市发"), (2, "展和"), (4, "改革"), (6, "委员"), (7, "员会")]),
    ("国办函〔2020〕109号", [(0, "国办"), (2, "函"), (4, "2020"), (6, "109"), (8, "号")]),  # boundaries implied
    ("公开2020", [(0, "公开"), (1, "开"), (3, "2020")]),         # 开 alone says the run ends there
    ("信息", [(0, "信息")]),
])
def test_sparse_phrase_tokens(text, expected):
    assert query_words(text)[0].sparse() == expected


HAN = "信息公开政府办法通知关于印发国务院年度报告工作开展加强管理资讯開發號"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=HAN + "，。 0123abc〔〕", min_size=1, max_size=40), st.data())
def test_every_cjk_substring_is_a_token_run_of_the_text(text, data):
    """Exact recall at the token level: any CJK substring's query tokens sit at consecutive positions of the
    text's tokens (the last one as a prefix when it is a lone character)."""
    norm = normalise(text)
    runs = [(i, j) for i in range(len(norm)) for j in range(i + 1, len(norm) + 1) if all(c in HAN for c in norm[i:j])]
    if not runs:
        return
    i, j = data.draw(st.sampled_from(runs))
    (word,) = query_words(text[i:j])
    doc = tokens(text)
    k = len(word.tokens)
    found = any(doc[p:p + k - 1] == list(word.tokens[:-1]) and (
        doc[p + k - 1].startswith(word.tokens[-1]) if word.prefix_last else doc[p + k - 1] == word.tokens[-1])
        for p in range(len(doc) - k + 1))
    assert found, (text, text[i:j], doc, word)


def test_highlight_escapes_everything_but_the_marks():
    assert highlight("<b>信息公開</b> & 公开", ["信息公开"]) == "&lt;b&gt;<mark>信息公開</mark>&lt;/b&gt; &amp; 公开"
    assert highlight("国办函〔2020〕109号", ["国办函 2020 109号"]) == (
        "<mark>国办函</mark>〔<mark>2020</mark>〕<mark>109号</mark>")
    assert highlight("信息公开", ["信息", "息公"]) == "<mark>信息公</mark>开"  # overlapping matches merge


# --- the index -------------------------------------------------------------------------------------

def test_doc_number_found_by_parts_and_whole(backend):
    backend.index([
        make_doc(1, "关于印发办法的通知", doc_number="国办函〔2020〕109号"),
        make_doc(2, "其他通知", body="根据国办函〔2019〕1号文件精神，以及109号令。"),
        make_doc(3, "无关通知", body="2020年度工作总结"),
    ])
    assert set(ids(backend.search(SearchQuery("109号")))) == {"t:1", "t:2"}
    assert set(ids(backend.search(SearchQuery("国办函")))) == {"t:1", "t:2"}
    assert ids(backend.search(SearchQuery("国办函〔2020〕109号"))) == ["t:1"]
    assert ids(backend.search(SearchQuery("国办函(2020)109号"))) == ["t:1"]   # any bracket style
    assert ids(backend.search(SearchQuery("1号"))) == ["t:2"]                 # 1号 inside 1号文件 (prefix match)
    assert ids(backend.search(SearchQuery("2020年"))) == ["t:3"]
    assert backend.search(SearchQuery("〔2021〕109号")).total == 0


def test_boundaries_between_scripts(backend):
    backend.index([make_doc(1, "2020 年度报告"), make_doc(2, "第2109号"), make_doc(3, "信息2公开"),
                   make_doc(4, "第109号令")])
    assert ids(backend.search(SearchQuery("2020年"))) == ["t:1"]  # a boundary is a boundary, typed or not
    assert ids(backend.search(SearchQuery("第109号"))) == ["t:4"]  # numbers match whole
    assert backend.search(SearchQuery("信息公开")).total == 0
    assert ids(backend.search(SearchQuery("信息2公开"))) == ["t:3"]


def test_traditional_and_simplified_find_each_other(backend):
    backend.index([make_doc(1, "政府信息公开工作年度报告"), make_doc(2, "政府資訊公開條例釋義")])
    assert ids(backend.search(SearchQuery("信息公開"))) == ["t:1"]
    assert ids(backend.search(SearchQuery("资讯公开条例"))) == ["t:2"]
    hit = backend.search(SearchQuery("资讯公开")).hits[0]
    assert hit.title_html == "政府<mark>資訊公開</mark>條例釋義"  # original text kept, match marked


def test_ambiguous_traditional_characters(backend):
    """Character folding keeps substrings consistent (乾 finds 乾隆); the phrase-level reading of the query is
    added, so 答覆 (Traditional for 答复) finds 答复 while 覆盖 keeps its 覆."""
    backend.index([make_doc(1, "政府信息公开申请答复书"), make_doc(2, "乾隆年间档案"), make_doc(3, "全面覆盖"),
                   make_doc(4, "答覆函"), make_doc(5, "软件采购公告")])
    assert set(ids(backend.search(SearchQuery("答覆")))) == {"t:1", "t:4"}
    assert ids(backend.search(SearchQuery("乾隆"))) == ["t:2"]
    assert ids(backend.search(SearchQuery("乾"))) == ["t:2"]
    assert set(ids(backend.search(SearchQuery("覆")))) == {"t:3", "t:4"}
    assert ids(backend.search(SearchQuery("軟體採購"))) == ["t:5"]
    assert backend.search(SearchQuery("答覆")).hits[0].title_html.count("<mark>") == 1


def test_phrase_and_words(backend):
    backend.index([
        make_doc(1, "信息公开年度报告"),
        make_doc(2, "年度报告", body="关于信息公开的说明"),
        make_doc(3, "信息，公开"),
        make_doc(4, "信息公开工作"),
    ])
    assert set(ids(backend.search(SearchQuery("信息公开 年度报告")))) == {"t:1", "t:2"}  # all words, anywhere
    assert ids(backend.search(SearchQuery('"信息公开年度报告"'))) == ["t:1"]            # adjacent only
    assert set(ids(backend.search(SearchQuery("信息公开")))) == {"t:1", "t:2", "t:4"}   # not across punctuation
    assert ids(backend.search(SearchQuery('"信息，公开"'))) == ["t:3"]
    assert set(ids(backend.search(SearchQuery("报")))) == {"t:1", "t:2"}                # one character
    assert set(ids(backend.search(SearchQuery("开")))) == {"t:1", "t:2", "t:3", "t:4"}  # also ending a run
    assert backend.search(SearchQuery("")).total == 0
    assert backend.search(SearchQuery("  ，")).total == 0


def test_title_match_ranks_first(backend):
    backend.index([make_doc(1, "一般通知", body="其中提到营商环境。" + "其他内容。" * 30),
                   make_doc(2, "优化营商环境实施办法", body="具体条款。")])
    assert ids(backend.search(SearchQuery("营商环境"))) == ["t:2", "t:1"]


def test_filters(backend):
    backend.index([
        make_doc(1, "安全生产通知", agency_code="yjj", categories=["yjj/2", "yjj/2/7"], published=date(2023, 5, 1)),
        make_doc(2, "安全生产规定", genre="规定", validity="repealed", published=date(2024, 3, 1)),
        make_doc(3, "安全生产意见", agency_code="jyj", categories=["jyj/1"], published=date(2024, 6, 1)),
    ])
    search = backend.search
    assert set(ids(search(SearchQuery("安全生产", agency_codes=["yjj", "jyj"])))) == {"t:1", "t:3"}
    assert ids(search(SearchQuery("安全生产", category="yjj/2/7"))) == ["t:1"]
    assert ids(search(SearchQuery("安全生产", year=2023))) == ["t:1"]
    assert ids(search(SearchQuery("安全生产", validity="repealed"))) == ["t:2"]
    assert ids(search(SearchQuery("安全生产", genre="规定"))) == ["t:2"]
    assert search(SearchQuery("安全生产", year=2022)).total == 0
    assert ids(search(SearchQuery("", agency_codes=["jyj"]))) == ["t:3"]  # filters alone browse


def test_date_sort_and_paging(backend):
    backend.index([make_doc(n, f"预算公开第{n}批", published=date(2020, 1, 1 + n)) for n in range(1, 26)])
    first = backend.search(SearchQuery("预算公开", sort="date", limit=10))
    assert first.total == 25
    assert ids(first) == [f"t:{n}" for n in range(25, 15, -1)]
    assert [h.published for h in first.hits] == sorted((h.published for h in first.hits), reverse=True)
    third = backend.search(SearchQuery("预算公开", sort="date", offset=20, limit=10))
    assert ids(third) == [f"t:{n}" for n in range(5, 0, -1)]


def test_hit_fields_and_safe_snippet(backend):
    body = "前言。" * 40 + "依申请公开<script>alert('x')</script>办理流程" + "。结尾" * 40
    backend.index([make_doc(7, "依申请公开指南<b>", body=body, doc_number="示政办〔2024〕3号", url="/x/7/")])
    (hit,) = backend.search(SearchQuery("依申请公开")).hits
    assert (hit.id, hit.url, hit.doc_number, hit.index_number, hit.agency_name, hit.published) == (
        "t:7", "/x/7/", "示政办〔2024〕3号", "fgw/2024-00007", "市发展和改革委员会", date(2024, 1, 1))
    assert hit.score > 0
    assert hit.title_html == "<mark>依申请公开</mark>指南&lt;b&gt;"
    assert "<script>" not in hit.snippet_html
    assert "<mark>依申请公开</mark>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;办理流程" in hit.snippet_html
    assert hit.snippet_html.startswith("…") and hit.snippet_html.endswith("…")  # a window around the match
    assert len(hit.snippet_html) < 400


def test_upsert_replaces_and_delete_removes(backend):
    assert backend.index([make_doc(1, "旧标题"), make_doc(2, "另一份文件")]) == 2
    backend.index([make_doc(1, "新标题")])
    assert backend.count() == 2
    assert backend.search(SearchQuery("旧标题")).total == 0
    assert ids(backend.search(SearchQuery("新标题"))) == ["t:1"]
    backend.delete(["t:1", "t:missing"])
    assert backend.count() == 1
    assert backend.search(SearchQuery("新标题")).total == 0
    backend.clear()
    assert backend.count() == 0


def test_index_persists_and_writers_take_turns(tmp_path):
    one, two = TantivyBackend(tmp_path / "ix"), TantivyBackend(tmp_path / "ix")
    errors = []

    def write(b, start):
        try:
            for n in range(start, start + 5):
                b.index([make_doc(n, f"并发写入{n}")])
        except Exception as exc:  # a lock failure would surface here
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(b, s)) for b, s in ((one, 0), (two, 100))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert TantivyBackend(tmp_path / "ix").search(SearchQuery("并发写入")).total == 10


def test_open_reader_sees_another_writers_commit(tmp_path):
    """A web worker's open index picks up what another process (here: another instance) committed."""
    reader, writer = TantivyBackend(tmp_path / "ix"), TantivyBackend(tmp_path / "ix")
    assert reader.search(SearchQuery("另一进程")).total == 0
    writer.index([make_doc(1, "另一进程写入")])
    deadline = time.monotonic() + 10
    while reader.search(SearchQuery("另一进程")).total == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ids(reader.search(SearchQuery("另一进程"))) == ["t:1"]


def test_exact_recall_against_substring_scan(backend):
    """Every query's result set equals a plain substring scan over title, body and the extra text."""
    rnd = random.Random(6)
    vocab = ["信息", "公开", "政府", "条例", "年度", "报告", "预算", "决算", "安全", "生产", "通知", "办法", "資訊",
             "公開", "申请", "答复", "国办函", "号", "第", "条", "款", "市", "区", "局"]
    docs, texts = [], {}
    for n in range(300):
        def sentence():
            return "".join(rnd.choice(vocab) for _ in range(rnd.randint(2, 8))) + rnd.choice("，。；、 ")
        title = sentence().strip("，。；、 ")
        body = "".join(sentence() for _ in range(rnd.randint(1, 6)))
        d = make_doc(n, title, body, doc_number=f"国办函〔{rnd.randint(2018, 2024)}〕{rnd.randint(1, 30)}号",
                     extra_text=rnd.choice(vocab))
        docs.append(d)
        texts[d.id] = [normalise(t) for t in (d.title, d.body, " ".join([d.doc_number, d.index_number, d.extra_text]))]
    backend.index(docs)
    queries = set()
    for _ in range(150):
        src = normalise(rnd.choice(docs).body)
        a = rnd.randrange(len(src))
        q = src[a:a + rnd.randint(1, 6)]
        if q and all("\u4e00" <= c <= "\u9fff" for c in q):
            queries.add(q)
    queries |= {"信息公开", "公开信息", "号", "开政", "资讯公开", "决算报告"}
    assert len(queries) > 80
    for q in sorted(queries):
        truth = {i for i, fields in texts.items() if any(normalise(q) in f for f in fields)}
        got, offset = set(), 0
        while True:
            page = backend.search(SearchQuery(q, offset=offset, limit=100))
            got |= set(ids(page))
            offset += 100
            if offset >= page.total:
                break
        assert page.total == len(truth), q
        assert got == truth, q


# --- the process-wide backend ----------------------------------------------------------------------

def test_get_backend_from_settings(tmp_path, settings):
    settings.SEARCH_DIR = tmp_path / "elsewhere"
    reset_backend()
    b = get_backend()
    assert isinstance(b, TantivyBackend) and b.path == tmp_path / "elsewhere"
    assert get_backend() is b
    settings.SEARCH_BACKEND = "pathlib.PurePosixPath"  # any class taking the index directory
    assert get_backend() == PurePosixPath(tmp_path / "elsewhere")
    settings.SEARCH_DIR = tmp_path / "var" / "search"
    assert get_backend() == PurePosixPath(tmp_path / "var" / "search")
    reset_backend()
