"""The search backend interface (pure, no Django). The embedded tantivy index implements it; a cluster engine
(Elasticsearch/OpenSearch with a CJK bigram analyzer) can replace it at provincial scale (docs/search.md)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

# How deep results can be paged (offset + limit), as cluster engines cap it: nobody reads past it, and an engine
# asked for a deeper window allocates for all of it (one request could exhaust the machine).
MAX_WINDOW = 10_000
MAX_LIMIT = 100


class SearchUnavailable(Exception):
    """The engine failed (or panicked) answering a query. Callers answer 503; the process carries on."""


@dataclass
class SearchDoc:
    id: str
    title: str
    body: str
    agency_code: str
    agency_name: str
    categories: list[str]
    topic: str
    genre: str
    validity: str
    doc_number: str
    index_number: str
    published: date
    url: str
    extra_text: str = ""


@dataclass
class SearchQuery:
    text: str
    agency_codes: list[str] | None = None
    category: str | None = None
    year: int | None = None
    validity: str | None = None
    genre: str | None = None
    sort: str = "relevance"   # or "date"
    offset: int = 0
    limit: int = 20


@dataclass
class SearchHit:
    id: str
    title: str
    url: str
    published: date
    agency_name: str
    index_number: str
    doc_number: str
    score: float
    title_html: str
    snippet_html: str


@dataclass
class SearchResult:
    total: int
    hits: list[SearchHit] = field(default_factory=list)
    took_ms: float = 0.0


class SearchBackend(Protocol):
    def index(self, docs: Iterable[SearchDoc]) -> int: ...
    def delete(self, ids: Iterable[str]) -> None: ...
    def search(self, q: SearchQuery) -> SearchResult: ...
    def clear(self) -> None: ...
    def count(self) -> int: ...
