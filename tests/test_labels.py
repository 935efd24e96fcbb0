"""One Chinese label map: every code a person sees has its words in gongkai.core.labels."""

import re
from pathlib import Path

import pytest

from gongkai.core import labels

PACKAGE = Path(__file__).resolve().parent.parent / "gongkai"
RECORD = re.compile(r"""audit\.record\(\s*[^,]+,\s*"([a-z_]+\.[a-z_]+)\"""")


def literal_event_kinds() -> set[str]:
    kinds = set()
    for path in PACKAGE.rglob("*.py"):
        kinds |= set(RECORD.findall(path.read_text(encoding="utf-8")))
    return kinds


def test_register_and_look_up():
    labels.register("test.ns", {"a": "甲"})
    labels.register("test.ns", [("a", "甲"), ("b", "乙")])       # the same label again is fine
    assert labels.label("test.ns", "a") == "甲"
    assert labels.label("test.ns", "zzz") == "zzz"              # unknown: shown as it is, and listed by missing()
    assert labels.missing("test.ns", ["a", "zzz"]) == ["zzz"]
    with pytest.raises(ValueError):
        labels.register("test.ns", {"a": "丙"})


def test_every_literal_audit_event_kind_has_a_label():
    kinds = literal_event_kinds()
    assert len(kinds) > 30
    assert labels.missing("event", kinds) == []


@pytest.mark.django_db
def test_every_event_of_the_demo_city_has_a_label(demo_city):
    from gongkai.core.models import AuditEvent

    kinds = set(AuditEvent.objects.values_list("action", flat=True))
    assert kinds
    assert labels.missing("event", kinds) == []
