"""The one Chinese label map: every code shown to a person (audit event kinds, states, rule ids, confidences,
roles, actions …) is turned into words here, never in a template or a view.

Pure (no Django import). Each app registers its namespaces in its `AppConfig.ready()`:

    labels.register("event", {"item.published": "发布"})

and templates print `{{ event.kind|label:"event" }}` (core/templatetags/labels.py). A code without a label
is shown as it is, and `missing()` lists such codes so a test can insist that none is left.
"""

_MAPS: dict[str, dict[str, str]] = {}


def register(namespace: str, mapping) -> None:
    """Add labels to a namespace; `mapping` is a dict or (code, label) pairs. Re-registering the same label is a
    no-op; giving one code two different labels is a bug and raises."""
    table = _MAPS.setdefault(namespace, {})
    for code, text in dict(mapping).items():
        code = str(code)
        if table.get(code, text) != text:
            raise ValueError(f"label {namespace}:{code} registered twice: {table[code]!r} / {text!r}")
        table[code] = text


def label(namespace: str, code, default: str | None = None) -> str:
    if code is None or code == "":
        return ""
    found = _MAPS.get(namespace, {}).get(str(code))
    if found is not None:
        return found
    return default if default is not None else str(code)


def has(namespace: str, code) -> bool:
    return str(code) in _MAPS.get(namespace, {})


def namespace(name: str) -> dict[str, str]:
    """A copy of one namespace (for choices and tests)."""
    return dict(_MAPS.get(name, {}))


def missing(namespace_name: str, codes) -> list[str]:
    return sorted({str(c) for c in codes if not has(namespace_name, c)})
