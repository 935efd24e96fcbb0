"""Embedded full-text index on tantivy with pre-expanded CJK bigrams (see tokenize.py).

One writer at a time (a file lock across processes); readers reload after each commit.
"""

import fcntl
import html
import os
import threading
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import regex
import tantivy

from gongkai.core.textnorm import fold_chars

from .backend import SearchDoc, SearchHit, SearchQuery, SearchResult
from .tokenize import index_text, query_terms

TEXT_FIELDS = ("title", "body", "extra")
BOOST = {"title": 3.0, "extra": 1.5, "body": 1.0}
SNIPPET_CHARS = 120
STORED_BODY_CHARS = 4000


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in TEXT_FIELDS:
        b.add_text_field(name, tokenizer_name="gk_ws", index_option="position")
    for name in ("title_raw", "body_raw", "url", "agency_name", "doc_number", "index_number"):
        b.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    for name in ("agency_code", "category", "validity", "genre"):
        b.add_text_field(name, tokenizer_name="raw", index_option="basic")
    b.add_integer_field("year", indexed=True, fast=True)
    b.add_integer_field("published", stored=True, indexed=True, fast=True)  # ordinal day, for date sort
    return b.build()


class TantivyBackend:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self._ix = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        self._ix.register_tokenizer("gk_ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
        self._lock = threading.Lock()

    # --- writing -----------------------------------------------------------------------------------

    def _writer(self):
        lock = open(self.path / "gongkai-writer.lock", "w")
        fcntl.flock(lock, fcntl.LOCK_EX)  # one writer across processes
        return lock, self._ix.writer(heap_size=128_000_000, num_threads=1)

    def _to_doc(self, d: SearchDoc) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_text("id", d.id)
        doc.add_text("title", index_text(d.title))
        doc.add_text("body", index_text(d.body))
        doc.add_text("extra", index_text(" ".join([d.doc_number, d.index_number, d.extra_text])))
        doc.add_text("title_raw", d.title)
        doc.add_text("body_raw", d.body[:STORED_BODY_CHARS])
        for name in ("url", "agency_name", "doc_number", "index_number", "agency_code", "validity", "genre"):
            doc.add_text(name, getattr(d, name) or "")
        for cat in d.categories:
            doc.add_text("category", cat)
        doc.add_integer("year", d.published.year)
        doc.add_integer("published", d.published.toordinal())
        return doc

    def index(self, docs: Iterable[SearchDoc]) -> int:
        with self._lock:
            lock, writer = self._writer()
            n = 0
            try:
                for d in docs:
                    writer.delete_documents_by_term("id", d.id)
                    writer.add_document(self._to_doc(d))
                    n += 1
                writer.commit()
                writer.wait_merging_threads()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
                lock.close()
        self._ix.reload()
        return n

    def delete(self, ids: Iterable[str]) -> None:
        with self._lock:
            lock, writer = self._writer()
            try:
                for i in ids:
                    writer.delete_documents_by_term("id", i)
                writer.commit()
                writer.wait_merging_threads()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
                lock.close()
        self._ix.reload()

    def clear(self) -> None:
        with self._lock:
            lock, writer = self._writer()
            try:
                writer.delete_all_documents()
                writer.commit()
                writer.wait_merging_threads()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
                lock.close()
        self._ix.reload()

    def count(self) -> int:
        self._ix.reload()
        return self._ix.searcher().num_docs

    # --- reading -----------------------------------------------------------------------------------

    def _text_query(self, single: bool, toks: list[str]) -> tantivy.Query:
        per_field = []
        for name in TEXT_FIELDS:
            if single:
                q = tantivy.Query.regex_query(self.schema, name, f".*{regex.escape(toks[0])}.*")
            elif len(toks) == 1:
                q = tantivy.Query.term_query(self.schema, name, toks[0])
            else:
                q = tantivy.Query.phrase_query(self.schema, name, toks)
            per_field.append((tantivy.Occur.Should, tantivy.Query.boost_query(q, BOOST[name])))
        return tantivy.Query.boolean_query(per_field)

    def _query(self, q: SearchQuery) -> tantivy.Query | None:
        terms = query_terms(q.text)
        if not terms:
            return None
        clauses = [(tantivy.Occur.Must, self._text_query(single, toks)) for single, toks in terms]
        if q.agency_codes:
            clauses.append((tantivy.Occur.Must, tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "agency_code", c)) for c in q.agency_codes])))
        for name, value in (("category", q.category), ("validity", q.validity), ("genre", q.genre)):
            if value:
                clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(self.schema, name, value)))
        if q.year:
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "year", q.year)))
        return tantivy.Query.boolean_query(clauses)

    def search(self, q: SearchQuery) -> SearchResult:
        began = time.perf_counter()
        query = self._query(q)
        if query is None:
            return SearchResult(0, [], 0.0)
        searcher = self._ix.searcher()
        limit = max(1, min(q.limit, 100))
        if q.sort == "date":
            result = searcher.search(query, limit=limit, offset=max(0, q.offset), order_by_field="published",
                                     order=tantivy.Order.Desc)
        else:
            result = searcher.search(query, limit=limit, offset=max(0, q.offset))
        words = [w for _, toks in query_terms(q.text) for w in [_surface(toks)]]
        hits = []
        for score, address in result.hits:
            doc = searcher.doc(address)
            title = doc.get_first("title_raw") or ""
            body = doc.get_first("body_raw") or ""
            hits.append(SearchHit(
                id=doc.get_first("id"), title=title, url=doc.get_first("url") or "",
                published=date.fromordinal(doc.get_first("published")), agency_name=doc.get_first("agency_name") or "",
                index_number=doc.get_first("index_number") or "", doc_number=doc.get_first("doc_number") or "",
                score=float(score) if q.sort != "date" else 0.0, title_html=highlight(title, words),
                snippet_html=highlight(_window(body, words), words)))
        return SearchResult(result.count or 0, hits, (time.perf_counter() - began) * 1000)


def _surface(toks: list[str]) -> str:
    """Rebuild the normalised surface form of a query word from its tokens (bigrams overlap by one char)."""
    out = ""
    for t in toks:
        if t == "\u2016":
            out += " "
        elif out and len(t) == 2 and regex.match(r"\p{Han}{2}", t) and out.endswith(t[0]):
            out += t[1]
        else:
            out += t
    return out


def _window(body: str, words: list[str]) -> str:
    folded = fold_chars(body).lower()
    positions = [folded.find(w) for w in words if w and folded.find(w) >= 0]
    start = max(0, min(positions) - 30) if positions else 0
    text = body[start:start + SNIPPET_CHARS].replace("\n", " ")
    return ("…" if start else "") + text + ("…" if start + SNIPPET_CHARS < len(body) else "")


def highlight(text: str, words: list[str]) -> str:
    """HTML-escaped text with <mark> around every match (matching on normalised text, same offsets)."""
    folded = fold_chars(text).lower()
    spans = []
    for w in words:
        w = w.strip()
        if not w:
            continue
        start = folded.find(w)
        while start >= 0:
            spans.append((start, start + len(w)))
            start = folded.find(w, start + len(w))
    spans.sort()
    out, last = [], 0
    for s, e in spans:
        if s < last:
            continue
        out.append(html.escape(text[last:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        last = e
    out.append(html.escape(text[last:]))
    return "".join(out)



