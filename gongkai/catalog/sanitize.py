"""Rich-text bodies: keep document structure, drop scripts, styles and event handlers (nh3 / ammonia)."""

import html

import nh3
import regex

ALLOWED_TAGS = {"p", "br", "h2", "h3", "h4", "h5", "strong", "b", "em", "i", "u", "ol", "ul", "li", "table", "thead",
                "tbody", "tr", "th", "td", "caption", "blockquote", "a", "span", "sub", "sup", "hr", "pre", "code", "img"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
                      "img": {"src", "alt", "width", "height"}}

_CELL_END = regex.compile(r"</t[dh]>", regex.I)
_BLOCK_END = regex.compile(r"</(p|h\d|li|tr|table|blockquote|pre|div)>|<br\s*/?>", regex.I)
_TAG = regex.compile(r"<[^>]+>")


def _same_site_images(element: str, attribute: str, value: str) -> str | None:
    """An image in a body is shown only from this site (an uploaded attachment, a path like /media/…): an external
    image would tell a third party who reads government information, and when — and the CSP refuses it anyway."""
    if element == "img" and attribute == "src":
        return value if value.startswith("/") and not value.startswith("//") else None
    return value


def clean_html(raw: str) -> str:
    return nh3.clean(raw or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer", attribute_filter=_same_site_images)


def html_to_text(markup: str) -> str:
    """Plain text with line breaks at block ends (for search and privacy scanning)."""
    text = _BLOCK_END.sub("\n", _CELL_END.sub("\t", markup or ""))
    text = html.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
