"""Text normalisation shared by the privacy recognizers and the report readers (pure, no Django).

- `fold_width`: the full-width ASCII block (０-９, Ａ-Ｚ, ａ-ｚ, ，：；（）etc., full-width space) to
  half-width; CJK punctuation outside that block (〔〕。、《》) is kept. Length-preserving, so
  offsets stay 1:1 with the input.
- `to_simplified`: Traditional to Simplified, phrase by phrase (zhconv's zh-cn tables, which also turn Taiwan and
  Hong Kong words into mainland ones: 軟體 → 软件).
- `normalize`: both, same length as the input where only width folding applies.
"""

import re
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


# Where zhconv's one-character entries lie: CJK punctuation (「」→“”), the CJK blocks and extensions, compatibility
# ideographs and the half-width forms.
_TABLE_RANGES = ((0x3000, 0x3040), (0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0xFF00, 0xFFF0),
                 (0x20000, 0x2FA20), (0x30000, 0x31350))


@lru_cache(maxsize=1)
def _char_table() -> dict[int, int]:
    """One character → one character, read through zhconv's public `convert`: every candidate on its own line, so
    no phrase can form and each converts by its one-character entry."""
    candidates = [chr(cp) for low, high in _TABLE_RANGES for cp in range(low, high)]
    converted = zhconv.convert("\n".join(candidates), "zh-cn").split("\n")
    assert len(converted) == len(candidates)
    table = {ord(k): ord(v) for k, v in zip(candidates, converted) if len(v) == 1 and k != v}
    table.update(_WIDTH_TABLE)
    return table


# Full-width letters/digits, or any of the commonest Traditional-only characters: a cheap test that a text needs
# folding at all (mainland documents almost never do; their full-width punctuation is matched as it is).
_COMMON_TRADITIONAL = ("這個們來說為國會時對發與經過開關實當還現動應電義東問題長將從後種學麼點業體進頭聯繫證號碼護戶銀"
                       "帳賬處罰請辦監舉訴書區縣鎮鄉樓門單組機資訊條")


@lru_cache(maxsize=1)
def folding_triggers() -> str:
    """The characters `fold_chars_if_needed` looks for (scanners fuse the test into their own pass)."""
    wide = "".join(map(chr, [*range(ord("０"), ord("９") + 1), *range(ord("Ａ"), ord("Ｚ") + 1),
                             *range(ord("ａ"), ord("ｚ") + 1)]))
    traditional = "".join(c for c in _COMMON_TRADITIONAL if ord(c) in _char_table())  # only characters that change
    return wide + "\u3000" + traditional


@lru_cache(maxsize=1)
def _needs_folding():
    return re.compile("[" + re.escape(folding_triggers()) + "]")


def needs_folding(text: str) -> bool:
    """Whether the text shows a full-width letter or digit, an ideographic space or one of the commonest
    Traditional characters (mainland documents almost never do)."""
    return _needs_folding().search(text) is not None


def fold_chars_if_needed(text: str) -> str:
    """fold_chars, skipped when the text shows no full-width letter or digit and none of the commonest Traditional
    characters (mainland documents): full-width punctuation alone is left as it is, and patterns accept both forms."""
    return fold_chars(text) if needs_folding(text) else text


def fold_chars(text: str) -> str:
    """Width folding + character-by-character Traditional → Simplified. Length-preserving and fast (one
    str.translate), so scanners can match Simplified patterns and report offsets into the original text.
    Phrase-level conversions (e.g. 檔案→文件) are left to `to_simplified`."""
    return text.translate(_char_table())
