"""Reading a page as a person does: the text of one element, whitespace collapsed."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area"}


class _ElementText(HTMLParser):
    def __init__(self, element_id: str):
        super().__init__()
        self.element_id = element_id
        self.depth = 0
        self.found = False
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            if tag not in VOID:
                self.depth += 1
            return
        if dict(attrs).get("id") == self.element_id and not self.found:
            self.found = True
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def text_of(response, element_id: str) -> str:
    """The visible text inside the element with `element_id` (None-safe: '' if absent)."""
    parser = _ElementText(element_id)
    parser.feed(response.content.decode())
    return " ".join("".join(parser.parts).split())


def page_text(response) -> str:
    """All text of the page's main content, whitespace collapsed."""
    return text_of(response, "main")
