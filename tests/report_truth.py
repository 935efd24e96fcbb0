"""Comparing the auditor's JSON with a corpus truth file: every field the truth gives must match."""

import math

IGNORED = {"findings_expected", "notes", "findings"}


def differences(truth, ours, path=""):
    """Yield (path, truth value, our value) for every truth field we do not match."""
    if isinstance(truth, dict):
        if not isinstance(ours, dict):
            yield path, truth, ours
            return
        for key, value in truth.items():
            if not path and key in IGNORED:
                continue
            if key not in ours:
                yield f"{path}.{key}".lstrip("."), value, "<absent>"
            else:
                yield from differences(value, ours[key], f"{path}.{key}".lstrip("."))
    elif isinstance(truth, list):
        theirs = sorted(map(repr, truth))
        mine = sorted(map(repr, ours)) if isinstance(ours, list) else None
        if mine is None or any(t not in mine for t in theirs):
            yield path, [t for t in theirs if mine is None or t not in mine], ours
    elif isinstance(truth, (int, float)) and not isinstance(truth, bool):
        if not isinstance(ours, (int, float)) or isinstance(ours, bool) or not math.isclose(truth, ours, abs_tol=1e-6):
            yield path, truth, ours
    elif truth != ours:
        yield path, truth, ours
