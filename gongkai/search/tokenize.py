"""Tokens for Chinese search (pure): normalise, then CJK bigrams with positions.

- Normalise: width folding and character-level 繁→简 (length-preserving), lower case; so 信息公開 finds 信息公开.
- A run of CJK characters gives overlapping bigrams (一个字 runs give the character itself); ASCII letters and digit
  runs give whole words; punctuation and spaces give a boundary token so phrases never match across them.
Bigrams keep recall exact for any substring of two or more characters (word segmentation loses fragments users
paste: 文号, names, half-phrases).
"""

import regex

from gongkai.core.textnorm import fold_chars

BOUNDARY = "\u2016"  # ‖ a token of its own between runs separated by punctuation
_RUNS = regex.compile(r"(\p{Han}+)|([a-z0-9]+)|([^\p{Han}a-z0-9]+)")


def normalise(text: str) -> str:
    return fold_chars(text).lower()


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for han, word, other in _RUNS.findall(normalise(text)):
        if han:
            out.extend([han] if len(han) == 1 else [han[i:i + 2] for i in range(len(han) - 1)])
        elif word:
            out.append(word)
        elif out and out[-1] != BOUNDARY:
            out.append(BOUNDARY)
    return out


def index_text(text: str) -> str:
    """The field value handed to the whitespace tokenizer."""
    return " ".join(tokens(text))


def query_terms(text: str) -> list[tuple[bool, list[str]]]:
    """User input → [(is_single_char, tokens)] per word. "double quotes" keep a phrase (spaces inside kept as
    boundaries); unquoted words separated by spaces must all match (AND)."""
    parts = regex.findall(r'"([^"]+)"|“([^”]+)”|(\S+)', text or "")
    terms = []
    for quoted, quoted_cn, bare in parts:
        word = quoted or quoted_cn or bare
        toks = tokens(word)
        while toks and toks[0] == BOUNDARY:
            toks.pop(0)
        while toks and toks[-1] == BOUNDARY:
            toks.pop()
        if toks:
            single = len(toks) == 1 and len(toks[0]) == 1 and bool(regex.match(r"\p{Han}", toks[0]))
            terms.append((single, toks))
    return terms
