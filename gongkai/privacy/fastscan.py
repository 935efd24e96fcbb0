"""The scanner's first look at a text: which trigger words occur (and where the USCC codes after them are), which
digit runs may be numbers a recognizer wants, whether an "@" occurs, and whether the text must be folded first.

Three regex passes: the trigger words' `gate` (one alternation, each word's tail a group), common.run_marks (the
digit runs) and uscc.code_spans. `read` returns None when the text needs folding (unless `check_folding` is false),
else (gate, runs, codes, has_at):
- gate: [trigger index, end, ...], the non-overlapping matches of the trigger words (indices into `words`);
- runs: common.run_marks' [start, end, digits_start, ...];
- codes: uscc.code_spans' [start, end, ...] after every USCC trigger word;
- has_at: "@" in text.

A C version of this pass was measured and dropped: it halved the scanner's own time, but the sweep's pace is set by
its main process (database and reports), so end to end it gained little (docs/privacy.md).
"""

import re

from gongkai.core.textnorm import folding_triggers, needs_folding

from .recognizers import common, uscc

LITERAL, SPACED, PLATE = 0, 1, 2      # the kinds of trigger word


class Reader:
    """Trigger words in the scanner's order: (word, kind, is a USCC trigger). SPACED words allow whitespace after
    their first character (姓 名); a PLATE word is a province followed by any plate letter [A-HJ-NP-Z]."""

    def __init__(self, triggers: list[tuple[str, int, bool]]):
        folding = set(folding_triggers())
        for word, _, _ in triggers:
            if not word or word[0].isdigit() or word[0] == "@" or folding & set(word):
                raise ValueError(f"触发词不可用：{word!r}（不得为空、以数字或 @ 开头，或含需要折叠的字符）")
        self.words = [w for w, _, _ in triggers]
        self.kinds = [k for _, k, _ in triggers]
        self.uscc = [u for _, _, u in triggers]
        tails: dict[str, list[str]] = {}     # one alternative per first character, words in the given order
        for word, kind, _ in triggers:
            tail = {LITERAL: re.escape(word[1:]), SPACED: r"\s*" + re.escape(word[1:]), PLATE: "[A-HJ-NP-Z]"}[kind]
            tails.setdefault(word[0], []).append(tail)
        # every alternative starts with a literal character: the regex engine then skips, in C, characters that
        # start no word, and tries few alternatives where one does. Each word's tail is a group, so a match's
        # lastindex says which word it was.
        self.gate = re.compile("|".join(re.escape(first) + "(?:" + "|".join(f"({t})" for t in tail) + ")"
                                        for first, tail in tails.items()))
        order = [i for first in tails for i, (word, _, _) in enumerate(triggers) if word[0] == first]
        self._by_group = [-1, *order]        # group number → trigger index

    def read(self, text: str, check_folding: bool = True):
        if check_folding and needs_folding(text):
            return None
        gate, uscc_ends = [], []
        for m in self.gate.finditer(text):
            i = self._by_group[m.lastindex]
            gate += (i, m.end())
            if self.uscc[i]:
                uscc_ends.append(m.end())
        return gate, common.run_marks(text), uscc.code_spans(text, uscc_ends), "@" in text
