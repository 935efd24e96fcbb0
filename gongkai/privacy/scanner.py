"""Run every recognizer over a text (pure). Offsets refer to the original text: normalisation (width folding and
character-level 繁→简) is length-preserving."""

from gongkai.core.textnorm import fold_chars_if_needed

from .findings import Finding
from .recognizers import ALL

PRIORITY = {module.TYPE: i for i, module in enumerate(ALL)}
ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


def scan_text(text: str, source: str = "") -> list[Finding]:
    if not text:
        return []
    folded = fold_chars_if_needed(text)
    found: list[Finding] = []
    for module in ALL:
        found.extend(module.find(folded))
    # overlapping spans: keep the stronger recognizer (ID card beats bank card beats mobile …)
    found.sort(key=lambda f: (f.start, PRIORITY[f.type]))
    kept: list[Finding] = []
    for f in found:
        clash = next((k for k in kept if f.start < k.end and k.start < f.end), None)
        if clash is None:
            kept.append(f)
        elif PRIORITY[f.type] < PRIORITY[clash.type]:
            kept[kept.index(clash)] = f
    if folded is text and not source:
        return kept                          # nothing to restore: the recognizers saw the original text
    return [Finding(f.type, f.label, f.start, f.end, text[f.start:f.end], f.masked, f.confidence, f.ground, f.context,
                    source) for f in kept]


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.confidence == "high"]
