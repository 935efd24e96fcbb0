"""Numbers from the outside are bounded at the edge: a page, offset, limit or year far out of range answers a Chinese
400 (never reaches the search engine, never a 500), and an engine failure answers 503 instead of killing the worker."""

import pytest

from gongkai.search import backend as search_backend
from gongkai.search.tantivy_backend import TantivyBackend

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    "/disclosure/search/?q=信息&page=500000001",
    "/disclosure/search/?q=信息&page=0",
    "/disclosure/search/?q=信息&page=abc",
    "/disclosure/search/?q=信息&year=99999999999",
])
def test_portal_search_refuses_out_of_range_numbers(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "页码应为" in response.content.decode() or "年份应为" in response.content.decode()


@pytest.mark.parametrize("url, word", [
    ("/api/v1/catalog/search?q=信息&offset=10000000000", "offset"),
    ("/api/v1/catalog/search?q=信息&offset=9223372036854775807", "offset"),
    ("/api/v1/catalog/search?q=信息&limit=0", "limit"),
    ("/api/v1/catalog/search?q=信息&year=99999999999", "year"),
    ("/api/v1/catalog/items?offset=-1", "offset"),
    ("/api/v1/catalog/items?year=abc", "year"),
    ("/api/v1/catalog/items?limit=100000", "limit"),
])
def test_api_refuses_out_of_range_numbers_in_chinese(client, url, word):
    response = client.get(url)
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert word in detail and "参数" in detail


def test_the_deepest_allowed_page_is_answered(client):
    assert client.get(f"/api/v1/catalog/search?q=信息&offset={search_backend.MAX_WINDOW}&limit=1").status_code == 200
    from gongkai.catalog.views_public import MAX_SEARCH_PAGE

    assert client.get(f"/disclosure/search/?q=信息&page={MAX_SEARCH_PAGE}").status_code == 200
    assert client.get(f"/disclosure/search/?q=信息&page={MAX_SEARCH_PAGE + 1}").status_code == 400


def test_an_engine_panic_is_a_503_not_a_dead_worker(client, monkeypatch):
    class PanicException(BaseException):   # what tantivy raises for a Rust panic
        pass

    class PanickingSearcher:
        def search(self, *args, **kwargs):
            raise PanicException("attempt to add with overflow")

    with pytest.raises(search_backend.SearchUnavailable):
        TantivyBackend._run(PanickingSearcher(), None, "relevance", 0, 10)

    def panicking(self, q):
        raise PanicException("attempt to add with overflow")

    monkeypatch.setattr(TantivyBackend, "_query", panicking)
    assert client.get("/api/v1/catalog/search?q=信息").status_code == 503
    page = client.get("/disclosure/search/?q=信息")
    assert page.status_code == 503 and "稍后重试" in page.content.decode()


def test_the_backend_itself_never_opens_a_window_past_its_limit(tmp_path):
    engine = TantivyBackend(tmp_path / "ix")
    result = engine.search(search_backend.SearchQuery(text="信息", offset=10**12, limit=10**9))
    assert result.hits == []
