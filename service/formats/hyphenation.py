"""Lines of a typeset page joined back into running text: hyphenation at line ends undone.

Whether 'Paki-' + 'stan' was one word or 'long-' + 'term' two is read from the document itself:
the words it writes within lines, with and without hyphens.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def vocabulary_of(lines: list[str]) -> set[str]:
    """Lower-cased words as the document writes them within lines (not across a line-end hyphen)."""
    words: set[str] = set()
    cut_before = False
    for line in lines:
        tokens = _WORD.findall(line.lower())
        cut_after = line.endswith("-")
        whole = tokens[1 if cut_before else 0 : len(tokens) - (1 if cut_after else 0)]
        words.update(whole)
        words.update(part for token in whole if "-" in token for part in token.split("-"))
        cut_before = cut_after
    return words


def join_lines(before: str, after: str, vocabulary: set[str]) -> str:
    """Join two lines of a unit, undoing a hyphenation at the line end.

    A hyphen before a capital, a digit or a compound ('intra-' 'Afghan', 'Lashkar-' 'e-Jhangvi'), or
    ending a compound with a word ('push-and-' 'pull', not 'Taliban-con-' 'trolled'), is the word's own;
    before a lower-case syllable it is kept only when the document writes the word with it elsewhere,
    or when both halves are words it uses and the joined form is not. An em dash at either end joins
    without a space, as it is set.
    """
    if before.endswith("\u2014") or after.startswith("\u2014"):
        return before + after
    if not re.search(r"\S-$", before) or before.endswith(" -"):
        return f"{before} {after}"
    head = re.match(r"[a-z]+(-[A-Za-z]+)*", after)
    tail = re.search(r"([A-Za-z]+(?:-[A-Za-z]+)*)-$", before)
    if not head or not tail:
        return before + after
    compound, second = tail.group(1).lower(), head.group(0)
    first, syllable = compound.split("-")[-1], second.split("-")[0]
    hyphenated = f"{compound}-{second}" in vocabulary or any(
        w == f"{first}-{second}" or w.endswith(f"-{first}-{second}") for w in vocabulary
    )
    joined = f"{first}{syllable}" in vocabulary
    both_words = first in vocabulary and syllable in vocabulary and len(first) > 2
    ends_compound = "-" in compound and first in vocabulary  # 'push-and-', not 'Taliban-con-'
    keep = hyphenated or (not joined and (both_words or "-" in second or ends_compound))
    return before + after if keep else before[:-1] + after
