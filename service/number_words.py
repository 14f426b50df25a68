"""English numbers written as words, one to ninety-nine: "seven", "twenty-one", "forty one"
(cardinals) and "twelfth", "twenty-first" (ordinals), for questions that name a note by its
number in words ("What does footnote seven say?", "the twelfth footnote": service.note_answer).

A table, not a library: the one maintained parser (text2num) is a compiled extension for whole
texts in eight languages, and the question reader needs the words as a pattern anyway, to find
where a number is. Past ninety-nine a reader writes digits ("footnote 112").
"""

from __future__ import annotations

import re

_UNITS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_UNITS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()

_VALUES: dict[str, int] = {
    **{word: value for value, word in enumerate(_UNITS, start=1)},
    **{word: value for value, word in enumerate(_ORDINAL_UNITS, start=1)},
    **{word: 10 * value for value, word in enumerate(_TENS, start=2)},
    **{word: 10 * value for value, word in enumerate(_ORDINAL_TENS, start=2)},
}


def _either(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # "seventeen" before "seven"


# "forty-one", "forty one", "forty", "seven"; "twenty-first", "twentieth", "twelfth". Each ends at
# a word's end, so that "seven" is not read in "seventeen" nor "one" in "ones".
CARDINAL = rf"(?:(?:{_either(_TENS)})(?:[-\s](?:{_either(_UNITS[:9])}))?|{_either(_UNITS)})(?![\w-])"
ORDINAL = (
    rf"(?:(?:{_either(_TENS)})[-\s](?:{_either(_ORDINAL_UNITS[:9])})|{_either(_ORDINAL_TENS)}"
    rf"|{_either(_ORDINAL_UNITS)})(?![\w-])"
)


def word_number(text: str) -> int | None:
    """The value of a number `text` writes in words ("forty-one", "Twelfth": 41, 12), or of its
    digits ("12", "12th"); None for anything else."""
    words = text.strip().lower()
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", words)
    if digits:
        return int(digits.group(1))
    parts = re.split(r"[-\s]+", words)
    if not 1 <= len(parts) <= 2 or any(p not in _VALUES for p in parts):
        return None
    if len(parts) == 2 and not (parts[0] in _TENS and _VALUES[parts[1]] < 10):
        return None
    return sum(_VALUES[p] for p in parts)
