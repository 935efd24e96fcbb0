"""Tokens for Chinese search (pure): normalise, then CJK bigrams with positions.

Normalise: width folding and character-level 繁→简 (`textnorm.fold_chars`, length-preserving so highlight offsets
stay valid) and lower case; so 信息公開 finds 信息公开 and ＰＤＦ finds pdf.

Index tokens, one per character position of a CJK run, so positions line up for phrase queries:
- a CJK run c0 c1 … cn gives the overlapping bigrams c0c1, c1c2, … and the last character alone (cn), so every
  character starts exactly one token;
- a run of other letters/digits gives one lower-case word (2020, 109, pdf);
- between two runs there is always exactly one boundary token ‖: for punctuation and spaces, and also where CJK meets
  letters/digits directly (2020年 → 2020 ‖ 年). So a phrase never matches across punctuation, and since a boundary
  always follows the end of a run, a query never needs to read the (huge) boundary posting list: it is implied.
  The price: 2020年 also matches 2020 年 and 2020，年 (harmless for 文号 and dates, often wanted).

Bigrams keep recall exact for every substring of two or more CJK characters (word segmentation loses fragments users
paste: 文号, names, half-phrases). For queries see `query_words`: the last character of a query may continue in a
document (`109号` inside `109号文`), so a lone last character matches as a prefix (`号.*`).
"""

from dataclasses import dataclass

import regex

from gongkai.core.textnorm import fold_chars, to_simplified

BOUNDARY = "\u2016"  # ‖ the token between any two runs (punctuation, space, or CJK next to letters/digits)
_RUNS = regex.compile(r"(\p{Han}+)|([^\W_\p{Han}]+)|([\W_]+)")
_HAN = regex.compile(r"\p{Han}")


def normalise(text: str) -> str:
    """fold_chars + lower case, keeping the length (one char in, one char out)."""
    folded = fold_chars(text or "")
    low = folded.lower()
    if len(low) != len(folded):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return low


def _runs(text: str) -> list[tuple[str, str]]:
    """[(kind, text)] with kind "han", "word" or "sep", over normalised text."""
    out = []
    for han, word, sep in _RUNS.findall(normalise(text)):
        if han:
            out.append(("han", han))
        elif word:
            out.append(("word", word))
        else:
            out.append(("sep", sep))
    return out


def _han_tokens(run: str) -> list[str]:
    return [run[i:i + 2] for i in range(len(run) - 1)] + [run[-1]]


_INDEX_RUNS = regex.compile(r"(\p{Han}+)|([^\W_\p{Han}]+)|[\W_]+")


def index_text(text: str) -> str:
    """The field value handed to tantivy's whitespace tokenizer (tokens joined by spaces; no leading or trailing
    boundary). Written for speed: every indexed item goes through it."""
    out = []
    add = str.__add__
    for han, word in _INDEX_RUNS.findall(normalise(text)):
        if out and out[-1] != BOUNDARY:
            out.append(BOUNDARY)  # one boundary between any two runs
        if han:
            if len(han) > 1:
                out.append(" ".join(map(add, han, han[1:])))
            out.append(han[-1])
        elif word:
            out.append(word)
    if out and out[-1] == BOUNDARY:
        out.pop()
    return " ".join(out)


def tokens(text: str) -> list[str]:
    """Index tokens of a text (see module docstring)."""
    return index_text(text).split()


@dataclass(frozen=True)
class QueryWord:
    """One word (bare) or phrase ("quoted") of a query.

    tokens: the phrase to match at consecutive positions; prefix_last: the last token is a single CJK character
    that may be the start of a longer run in the document (match it as a prefix); surface: normalised text, for
    highlighting."""
    surface: str
    tokens: tuple[str, ...]
    prefix_last: bool
    alternatives: tuple["QueryWord", ...] = ()  # also accepted: the phrase-level 繁→简 reading (答覆 → 答复)

    def sparse(self) -> list[tuple[int, str]]:
        """The tokens a phrase query needs, with their offsets. Inside a CJK run every other bigram is implied by
        its neighbours (each position holds the token starting at that character, so 信息@0 and 公开@2 can only be
        信息公开), so only every second bigram and the run's last token are kept: fewer posting lists to read.
        Boundaries are left out too: a run's end is always followed by one (the documents' tokens have no other
        way), so the positions alone say where it is."""
        out, run = [], 0  # run: how many CJK tokens in a row precede this one
        toks = self.tokens
        for i, tok in enumerate(toks):
            han = is_han(tok[0])
            nxt_han = i + 1 < len(toks) and is_han(toks[i + 1][0])
            if tok != BOUNDARY and not (han and run % 2 == 1 and nxt_han):
                out.append((i, tok))
            run = run + 1 if han else 0
        return out


def _word(text: str) -> QueryWord | None:
    runs = _runs(text)
    while runs and runs[0][0] == "sep":
        runs.pop(0)
    while runs and runs[-1][0] == "sep":
        runs.pop()
    if not runs:
        return None
    toks: list[str] = []
    for i, (kind, run) in enumerate(runs):
        last = i == len(runs) - 1
        if toks and toks[-1] != BOUNDARY:
            toks.append(BOUNDARY)  # as in index_text: one boundary between any two runs
        if kind == "han":
            han = _han_tokens(run)
            # The final run of a query may continue in the document: drop its trailing single character when a
            # bigram already covers it; a run of one character stays as a prefix.
            toks.extend(han[:-1] if last and len(run) > 1 else han)
        elif kind == "word":
            toks.append(run)
    prefix_last = runs[-1][0] == "han" and len(runs[-1][1]) == 1
    surface = "".join(" " if kind == "sep" else run for kind, run in runs)
    return QueryWord(surface, tuple(toks), prefix_last)


def query_words(text: str) -> list[QueryWord]:
    """User input → words that must all match (AND). "double quotes" (or “ ”) keep a phrase with its spaces and
    punctuation as boundaries; unquoted text is split at spaces."""
    words = []
    for quoted, quoted_cn, bare in regex.findall(r'"([^"]+)"|“([^”]+)”|(\S+)', text or ""):
        raw = quoted or quoted_cn or bare
        word = _word(raw)
        if word is None or word in words:
            continue
        # Character folding keeps every substring consistent with its text (exact recall), but a few Traditional
        # characters have two Simplified readings (覆 → 覆/复). zhconv's phrase-level reading of the query is added
        # as an alternative when it differs, so 答覆 also finds 答复 and 軟體 finds 软件.
        reading = _word(to_simplified(raw))
        if reading is not None and reading.tokens != word.tokens:
            word = QueryWord(word.surface, word.tokens, word.prefix_last, (reading,))
        words.append(word)
    return words


def is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))
