"""Embedded full-text index on tantivy with pre-expanded CJK bigrams (see tokenize.py).

One writer at a time: a file lock across processes plus a thread lock; each index/delete/clear call commits, and
readers pick up commits (this process reloads at once, other processes on tantivy's commit watch).
The index lives in `<dir>/index-v<SCHEMA_VERSION>`; a schema change starts an empty directory (run
`gongkai search reindex`).
"""

import fcntl
import html
import json
import os
import threading
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import tantivy

from .backend import MAX_LIMIT, MAX_WINDOW, SearchDoc, SearchHit, SearchQuery, SearchResult, SearchUnavailable
from .tokenize import QueryWord, index_text, normalise, query_words

SCHEMA_VERSION = 3  # bump when fields or tokens change
TEXT_FIELDS = ("title", "body", "extra")
BOOST = {"title": 3.0, "extra": 1.5, "body": 1.0}
SNIPPET_CHARS = 120
STORED_BODY_CHARS = 10_000  # snippets come from the first part of the body
WRITER_HEAP = 256_000_000


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    for name in TEXT_FIELDS:  # bigram text, positions for phrases
        b.add_text_field(name, tokenizer_name="gk_ws", index_option="position")
    for name in ("agency_code", "category", "validity", "genre"):  # filters
        b.add_text_field(name, tokenizer_name="raw", index_option="basic")
    b.add_integer_field("year", indexed=True)
    b.add_integer_field("published", stored=True, indexed=True, fast=True)  # ordinal day, for date sort
    b.add_bytes_field("hit", stored=True)  # JSON of what a hit shows; stored only
    return b.build()


class TantivyBackend:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        index_dir = self.path / f"index-v{SCHEMA_VERSION}"
        index_dir.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self._ix = tantivy.Index(self.schema, path=str(index_dir), reuse=True)
        self._ix.register_tokenizer("gk_ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
        self._ix.config_reader(reload_policy="OnCommit")  # readers see commits made by other processes
        self._lock = threading.Lock()

    # --- writing -----------------------------------------------------------------------------------

    def _writer(self):
        lock = open(self.path / "writer.lock", "w")
        fcntl.flock(lock, fcntl.LOCK_EX)  # one writer across processes; tantivy's own lock would fail instead
        return lock, self._ix.writer(heap_size=WRITER_HEAP, num_threads=1)

    def _to_doc(self, d: SearchDoc) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_text("id", d.id)
        doc.add_text("title", index_text(d.title))
        doc.add_text("body", index_text(d.body))
        doc.add_text("extra", index_text(" ".join([d.doc_number, d.index_number, d.extra_text])))
        for name in ("agency_code", "validity", "genre"):
            doc.add_text(name, getattr(d, name) or "")
        for cat in d.categories:
            doc.add_text("category", cat)
        doc.add_integer("year", d.published.year)
        doc.add_integer("published", d.published.toordinal())
        doc.add_bytes("hit", json.dumps(
            [d.title, d.body[:STORED_BODY_CHARS], d.url, d.agency_name, d.doc_number, d.index_number],
            ensure_ascii=False).encode())
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

    def _text_query(self, word: QueryWord) -> tantivy.Query:
        if word.alternatives:
            return tantivy.Query.boolean_query([(tantivy.Occur.Should, self._word_query(w))
                                                for w in (word, *word.alternatives)])
        return self._word_query(word)

    def _word_query(self, word: QueryWord) -> tantivy.Query:
        toks = word.sparse()
        if word.prefix_last:  # the lone last character starts a token (`号` matches 号 and 号文)
            toks[-1] = (toks[-1][0], toks[-1][1] + ".*")  # tokens are letters, digits, CJK or ‖: nothing to escape
        per_field = []
        for name in TEXT_FIELDS:
            if len(toks) == 1:
                q = (tantivy.Query.regex_query(self.schema, name, toks[0][1]) if word.prefix_last
                     else tantivy.Query.term_query(self.schema, name, toks[0][1]))
            elif word.prefix_last:
                q = tantivy.Query.regex_phrase_query(self.schema, name, toks)
            else:
                q = tantivy.Query.phrase_query(self.schema, name, toks)
            per_field.append((tantivy.Occur.Should, tantivy.Query.boost_query(q, BOOST[name])))
        return tantivy.Query.boolean_query(per_field)

    def _query(self, q: SearchQuery) -> tantivy.Query | None:
        clauses = [(tantivy.Occur.Must, self._text_query(w)) for w in query_words(q.text)]
        text_clauses = len(clauses)
        filters = []
        if q.agency_codes:
            filters.append(tantivy.Query.term_set_query(self.schema, "agency_code", list(q.agency_codes)))
        for name, value in (("category", q.category), ("validity", q.validity), ("genre", q.genre)):
            if value:
                filters.append(tantivy.Query.term_query(self.schema, name, value))
        if q.year:
            filters.append(tantivy.Query.term_query(self.schema, "year", q.year))
        # filters narrow the set without changing relevance
        clauses += [(tantivy.Occur.Must, tantivy.Query.const_score_query(f, 0.0)) for f in filters]
        if not clauses:
            return None  # nothing asked: no results rather than the whole index
        if not text_clauses:
            clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))  # filters only: browse
        return tantivy.Query.boolean_query(clauses)

    @staticmethod
    def _run(searcher, query, sort: str, offset: int, limit: int):
        """The engine call, with its failures turned into SearchUnavailable: tantivy reports a Rust panic as
        PanicException, a BaseException that would otherwise kill the worker thread with the request unanswered."""
        try:
            if sort == "date":
                return searcher.search(query, limit=limit, offset=offset, order_by_field="published",
                                       order=tantivy.Order.Desc)
            return searcher.search(query, limit=limit, offset=offset)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 — PanicException derives from BaseException
            raise SearchUnavailable(str(exc)) from exc

    def search(self, q: SearchQuery) -> SearchResult:
        began = time.perf_counter()
        try:
            query = self._query(q)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 — a value the engine cannot take (e.g. a year past i64)
            raise SearchUnavailable(str(exc)) from exc
        if query is None:
            return SearchResult(0, [], 0.0)
        searcher = self._ix.searcher()
        offset = min(max(0, q.offset), MAX_WINDOW)
        limit = max(1, min(q.limit, MAX_LIMIT, MAX_WINDOW - offset)) if offset < MAX_WINDOW else 1
        result = self._run(searcher, query, q.sort, offset if offset < MAX_WINDOW else 0, limit)
        if offset >= MAX_WINDOW:
            return SearchResult(result.count or 0, [], (time.perf_counter() - began) * 1000)
        words = [a.surface for w in query_words(q.text) for a in (w, *w.alternatives)]
        hits = []
        for key, address in result.hits:
            doc = searcher.doc(address)
            title, body, url, agency_name, doc_number, index_number = json.loads(doc.get_first("hit"))
            hits.append(SearchHit(
                id=doc.get_first("id"), title=title, url=url, published=date.fromordinal(doc.get_first("published")),
                agency_name=agency_name, index_number=index_number, doc_number=doc_number,
                score=float(key) if q.sort != "date" else 0.0, title_html=highlight(title, words),
                snippet_html=highlight(_window(body, words), words)))
        return SearchResult(result.count or 0, hits, (time.perf_counter() - began) * 1000)


def _needles(words: list[str]) -> list[str]:
    """What to mark for each query word: the word itself, and (for phrases with spaces or punctuation, which match
    any punctuation in the text) each piece of it."""
    out = []
    for w in words:
        pieces = [p for p in w.split(" ") if p]
        for n in ([w] if len(pieces) <= 1 else [w, *pieces]):
            if n and n not in out:
                out.append(n)
    return out


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    folded = normalise(text)  # same length as text, so offsets carry over
    spans = []
    for w in _needles(words):
        start = folded.find(w)
        while start >= 0:
            spans.append((start, start + len(w)))
            start = folded.find(w, start + len(w))
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _window(body: str, words: list[str]) -> str:
    spans = _spans(body, words)
    start = max(0, spans[0][0] - 30) if spans else 0
    text = body[start:start + SNIPPET_CHARS]
    return ("…" if start else "") + text + ("…" if start + SNIPPET_CHARS < len(body) else "")


def highlight(text: str, words: list[str]) -> str:
    """HTML-escaped text with <mark> around every match of a query word (matched on normalised text: 繁/简, width
    and case folded)."""
    text = " ".join(text.split()) if "\n" in text else text
    out, last = [], 0
    for s, e in _spans(text, words):
        out.append(html.escape(text[last:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        last = e
    out.append(html.escape(text[last:]))
    return "".join(out)
