"""Pure text helpers for Slack: escaping, bold highlights, trimming at sentence boundaries.

Slack's mrkdwn reads `&`, `<` and `>` as markup (`<!channel>` pings a channel, `<@U1>` a
person), so every piece of corpus or user text is escaped before it enters a message. Lengths
are measured on the escaped, formatted text because that is what Block Kit limits count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.text import Span

ELLIPSIS = " …"

# A sentence ends at terminal punctuation (optionally closed by quotes or brackets) followed
# by whitespace; a line break always ends one.
_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*(?=\s)|\n")
_SPACE = re.compile(r"\s")


def escape(text: str) -> str:
    """Escape the three characters mrkdwn treats as markup; nothing can ping anyone after this."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_USER = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_LABELLED = re.compile(r"<(?:#[A-Z0-9]+|!subteam\^[A-Z0-9]+|[a-z]+:[^|>]*)\|([^>]*)>")
_BARE_LINK = re.compile(r"<([a-z]+:[^|>]*)>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+>")
_SPECIAL = re.compile(r"<![^>]*>")


def plain_question(text: str) -> str:
    """What a person typed, from Slack's markup of it: mentions of people and @here-style
    pings dropped, links and channels as their label, and `&amp;`, `&lt;`, `&gt;` decoded
    (Slack escapes those three in the text it sends)."""
    text = _USER.sub("", text)
    text = _LABELLED.sub(lambda m: m.group(1), text)
    text = _BARE_LINK.sub(lambda m: m.group(1), text)
    text = _CHANNEL.sub("", text)
    text = _SPECIAL.sub("", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def _bold(fragment: str) -> str:
    """Bold each line of `fragment`, keeping surrounding whitespace outside the asterisks.

    Slack's `*bold*` needs non-space characters next to the asterisks and does not cross line
    breaks, so the markers go around each line's stripped core.
    """
    out: list[str] = []
    for line in fragment.split("\n"):
        core = line.strip()
        if not core:
            out.append(escape(line))
            continue
        lead = line[: len(line) - len(line.lstrip())]
        trail = line[len(line.rstrip()) :]
        out.append(f"{lead}*{escape(core)}*{trail}")
    return "\n".join(out)


def emphasise(text: str, highlights: Sequence[Span], end: int | None = None) -> str:
    """`text[:end]` escaped, with the highlighted character ranges in bold."""
    end = len(text) if end is None else end
    out: list[str] = []
    pos = 0
    for start, stop in sorted(highlights):
        start, stop = max(start, pos), min(stop, end)
        if start >= stop:
            continue
        out.append(escape(text[pos:start]))
        out.append(_bold(text[start:stop]))
        pos = stop
    if pos < end:
        out.append(escape(text[pos:end]))
    return "".join(out)


def _cut_candidates(text: str, limit: int) -> list[int]:
    """Cut positions no later than `limit`, best first: sentence ends, then word ends.

    A sentence end that would keep less than a third of the room is not worth losing the
    rest for; a word boundary further on is preferred then.
    """
    floor = limit // 3
    sentences = {m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1)}
    words = {m.start() for m in _SPACE.finditer(text, 0, limit + 1)}
    good = sorted((c for c in sentences if floor <= c <= limit), reverse=True)
    return good + sorted((c for c in words if 0 < c <= limit), reverse=True)


def trim(text: str, limit: int, highlights: Sequence[Span] = ()) -> tuple[str, bool]:
    """Render `text` (escaped, highlights in bold) within `limit` characters.

    Returns (rendered, trimmed). A trimmed text ends at the last sentence boundary that fits,
    or, when one sentence is longer than the limit, at the last word boundary; it then ends
    with " …". Only a single word longer than the whole limit is ever cut inside.
    """
    text = text.rstrip()
    rendered = emphasise(text, highlights)
    if len(rendered) <= limit:
        return rendered, False
    # Leading whitespace is not worth room in a trimmed text: kept, it could push a first
    # word that fits the limit into being cut inside.
    lead = len(text) - len(text.lstrip())
    text = text[lead:]
    highlights = [(start - lead, stop - lead) for start, stop in highlights]
    budget = limit - len(ELLIPSIS)
    for cut in _cut_candidates(text, budget):
        head = text[:cut].rstrip()
        if not head:
            continue
        candidate = emphasise(head, highlights)
        if len(candidate) <= budget:
            return candidate + ELLIPSIS, True
    return _hard_cut(text, budget) + ELLIPSIS, True


def _hard_cut(text: str, budget: int) -> str:
    """Last resort for a word longer than the budget: the longest escaped prefix that fits."""
    out = ""
    for ch in text:
        piece = escape(ch)
        if len(out) + len(piece) > budget:
            break
        out += piece
    return out


def split(text: str, limit: int) -> list[str]:
    """Escape `text` and split it into pieces of at most `limit` characters, at sentence
    boundaries where possible (word boundaries otherwise). Nothing is dropped."""
    pieces: list[str] = []
    rest = text.strip()
    while rest:
        rendered = escape(rest)
        if len(rendered) <= limit:
            pieces.append(rendered)
            break
        cut = next(
            (c for c in _cut_candidates(rest, limit) if len(escape(rest[:c].rstrip())) <= limit),
            None,
        )
        if cut is None:  # one word longer than the limit: cut inside it
            head = _hard_cut(rest, limit)
            pieces.append(head)
            rest = rest[_unescaped_length(head) :].lstrip()
        else:
            pieces.append(escape(rest[:cut].rstrip()))
            rest = rest[cut:].lstrip()
    return pieces


def _unescaped_length(rendered: str) -> int:
    return len(rendered.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))


def shorten(text: str, limit: int) -> str:
    """Escaped `text` within `limit` characters, cut at a word boundary with " …" if needed."""
    rendered, _ = trim(text, limit)
    return rendered
