"""Scannable sources: apps register how to read (and redact) their objects, the release gate and the sweep use it.

A source gives, for one object, a list of Part(source label, text, problem, handle) — `handle` identifies an
attachment or a field so `redact` can rewrite exactly that part.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass
class Part:
    source: str            # "正文", "标题", "附件：通知.pdf"
    text: str
    problem: str = ""      # extraction problem: the part was not (fully) scanned
    handle: str = ""       # "field:body", "attachment:12"


@dataclass
class Source:
    label: str                                     # "catalog.item"
    parts: Callable[[object], list[Part]]
    redact: Callable[[object, object, list[str]], None]   # (obj, actor, handles)
    published: Callable[[], Iterable]              # queryset of released objects, for the sweep
    agency_of: Callable[[object], object]
    changed_at: Callable[[object], object]         # for incremental sweeps
    withdraw: Callable[[object, object, str], None] | None = None
    changed_field: str = ""                        # the field changed_at reads: incremental sweeps then compare
                                                   # without loading unchanged objects
    parts_many: Callable[[list], dict] | None = None   # {pk: parts} for a page of objects (the sweep), when the
                                                   # source can read them faster together than one by one


SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    SOURCES[source.label] = source


def source_for(obj) -> Source:
    label = obj._meta.label_lower
    if label not in SOURCES:
        raise LookupError(f"{label} is not a registered privacy source")
    return SOURCES[label]
