"""Text normalisation shared by the privacy recognizers and the report readers (pure, no Django).

- `fold_width`: the full-width ASCII block (０-９, Ａ-Ｚ, ａ-ｚ, ，：；（）etc., full-width space) to
  half-width; CJK punctuation outside that block (〔〕。、《》) is kept. Length-preserving, so
  offsets stay 1:1 with the input.
- `to_simplified`: Traditional to Simplified characters (zhconv tables).
- `normalize`: both, same length as the input where only width folding applies.
"""

from functools import lru_cache

import zhconv

# One translation table: U+FF01..U+FF5E map to U+0021..U+007E; U+3000 (ideographic space) to " ".
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20


def fold_width(text: str) -> str:
    """Full-width letters, digits and ASCII punctuation to half-width. Length-preserving."""
    return text.translate(_WIDTH_TABLE)


@lru_cache(maxsize=4096)
def _simplify_cached(text: str) -> str:
    return zhconv.convert(text, "zh-cn")


def to_simplified(text: str) -> str:
    """Traditional → Simplified. Short strings (labels, cells) are cached."""
    if len(text) <= 64:
        return _simplify_cached(text)
    return zhconv.convert(text, "zh-cn")


def normalize(text: str) -> str:
    return to_simplified(fold_width(text))


@lru_cache(maxsize=1)
def _char_table() -> dict[int, int]:
    import zhconv.zhconv as z

    table = {ord(k): ord(v) for k, v in z.getdict("zh-cn").items() if len(k) == 1 and len(v) == 1 and k != v}
    table.update(_WIDTH_TABLE)
    return table


@lru_cache(maxsize=1)
def _fold_keys() -> frozenset:
    """Characters that make folding necessary: full-width letters and digits, Traditional characters (not the
    full-width punctuation every Chinese text has)."""
    return frozenset(chr(k) for k in _char_table() if not 0xFF01 <= k <= 0xFF0F and not 0xFF1A <= k <= 0xFF20
                     and not 0xFF3B <= k <= 0xFF40 and not 0xFF5B <= k <= 0xFF5E and k != 0x3000)


def fold_chars_if_needed(text: str) -> str:
    """fold_chars, skipped when the text holds no full-width letter/digit and no Traditional character (most
    mainland documents): full-width punctuation alone is left as it is, and patterns accept both forms."""
    return text if _fold_keys().isdisjoint(text) else fold_chars(text)


def fold_chars(text: str) -> str:
    """Width folding + character-by-character Traditional → Simplified. Length-preserving and fast (one
    str.translate), so scanners can match Simplified patterns and report offsets into the original text.
    Phrase-level conversions (e.g. 檔案→文件) are left to `to_simplified`."""
    return text.translate(_char_table())
