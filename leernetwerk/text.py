"""Plain-text rules shared by forms, imports and output (pure Python, no Django)."""

from __future__ import annotations

import re

# C0 and C1 control characters (line breaks, tab, NUL...), DEL, and the Unicode line and
# paragraph separators: none belongs in a one-line text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def contains_control_characters(value: str) -> bool:
    """True if the text holds a line break, tab or other control character."""
    return bool(CONTROL_CHARACTERS.search(value))


def one_line(value: str) -> str:
    """The text on one line: every run of line breaks and control characters becomes one
    space. For output (mail headers, calendar fields) built from text stored earlier."""
    return re.sub(r"\s+", " ", CONTROL_CHARACTERS.sub(" ", value)).strip()


def plain_text(value: str) -> str:
    """Multi-line text for output: line breaks kept (as \\n), every other control character
    dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL_CHARACTERS.sub(lambda m: "\n" if m.group() == "\n" else "", value)
