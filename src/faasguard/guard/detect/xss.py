"""Cross-site scripting: markup or script that would run if the value reached a page.

:func:`scan` walks the text as an HTML tokenizer would: each ``<`` that opens a tag (also
``</x``, ``<!``, ``<?``) is read with its attributes up to the closing ``>`` (or a bounded
window). It reports dangerous elements (``script``, ``iframe``, ``svg``...), event-handler
attributes (``onerror=``), script URLs (``javascript:`` also split by tabs, newlines or
entities, ``data:text/html``) and style expressions. Without a tag it looks for a break out of an
attribute (``" onmouseover=``), a script URL used as the whole value, and a break out of a
script string into a call (``';alert(1)//``). Every pattern is a flat regular expression on a
bounded window: linear in the input.
"""

from __future__ import annotations

import re

from faasguard.guard.detect._types import Hit

__all__ = ["NEEDLES", "scan"]

#: Substrings (lower case) one of which every rule needs, or "on" with "=": the engine's gate.
NEEDLES = (
    "<", "script:", "vbs:", "mocha:", "data:", "document", "window", "innerhtml",
    "fromcharcode", "alert", "prompt", "confirm", "expression", "behavio", "binding",
    "@import", "eval", "settimeout", "setinterval", "execscript", "fetch", "import",
    "write", "function", "atob", "top[", "self[", "\\28", ">",
)  # fmt: skip

# How far after "<name" the attributes of one tag are read.
_TAG_WINDOW = 2048

_TAG_OPEN = re.compile(r"<\s*/?\s*([a-z][\w:-]*|[!?%])", re.IGNORECASE)
_DANGEROUS_TAGS = frozenset(
    "script iframe frame frameset object embed applet meta base svg math style link bgsound "
    "layer ilayer isindex xml import xss template portal animate set handler listener "
    "vmlframe xmp plaintext noembed".split()
)
_HANDLER = re.compile(r"(?:^|[\s/\"'`;,+])on[a-z]{3,30}\s*=", re.IGNORECASE)
# DOM event names, for handlers outside a tag ("x onerror=alert(1)").
_EVENTS = (
    "abort activate afterprint animationend animationiteration animationstart auxclick "
    "beforeactivate beforecopy beforecut beforedeactivate beforeinput beforepaste beforeprint "
    "beforeunload begin blur bounce canplay canplaythrough change click close contextmenu copy "
    "cuechange cut dblclick deactivate drag dragend dragenter dragleave dragover dragstart drop "
    "durationchange end ended error filterchange finish focus focusin focusout formdata "
    "hashchange help input invalid keydown keypress keyup load loadeddata loadedmetadata "
    "loadend loadstart message mousedown mouseenter mouseleave mousemove mouseout mouseover "
    "mouseup mousewheel move offline online pagehide pageshow paste pause play playing "
    "pointerdown pointerenter pointerleave pointermove pointerout pointerover pointerup "
    "popstate progress propertychange readystatechange repeat reset resize scroll search "
    "seeked seeking select selectionchange selectstart show start storage submit timer "
    "timeupdate toggle touchend touchmove touchstart transitionend unload volumechange "
    "waiting wheel"
).split()
_EVENT_SET = frozenset(_EVENTS)
_PLAIN_HANDLER = re.compile(r"(?:^|[\s/+\"'`;])on(?P<event>[a-z]{3,30})\s*=", re.IGNORECASE)
_JS_URL = re.compile(
    r"(?:java|vb|live|ecma)script:|mocha:|vbs:|data:(?:text/html|image/svg|application/)"
    r"|data:[^,]{0,40};base64",
    re.IGNORECASE,
)
_STYLE_CODE = re.compile(
    r"expression(?:\(|\\0{0,4}28)|behaviou?r:|binding:|-moz-binding|@import"
    r"|url\((?:[\"']?)(?:java|vb)script:",
    re.IGNORECASE,
)
_SPACING = re.compile(r"[\s\x00-\x1f]+")
_JS_URL_CALL = re.compile(
    r"(?:java|vb)script:\s*[\w.$\[\]'\"]{1,60}[(`=]|script:[\w.$]{1,40}\(", re.IGNORECASE
)
_DATA_BINDING = re.compile(r"\b(?:datasrc|dataformatas|datafld)\s*=", re.IGNORECASE)
_SPECIAL_MARKUP = re.compile(
    r"<!--\s*#|<!\[cdata\[|<!--\[if|<\?\s*(?:xml|import|php|=|[a-z]+\s*\()"
    r"|</\s*(?:script|style|title|textarea|noscript|body|html|head|iframe|xmp|template|plaintext"
    r"|noembed|noframes)\b",
    re.IGNORECASE,
)
# Markup that loads a resource from elsewhere: link or image injection, form hijacking.
_REMOTE_ATTR = re.compile(
    r"(?:^|[\s/\"'])(?:href|src|action|formaction|background|lowsrc|dynsrc|poster|data|srcdoc)"
    r"\s*=\s*[\"']?\s*(?:[a-z][\w+.-]*:)?//",
    re.IGNORECASE,
)

# Outside markup: an attribute break, a script-string break, or a script URL as the value.
_ATTR_BREAK = re.compile(r"[\"'`]\s*/?\s*on[a-z]{3,30}\s*=", re.IGNORECASE)
# A quote closing an attribute, then the tag closed or a new tag opened: ">, '><x.
_TAG_BREAK = re.compile(r"[\"'`]\s*/?\s*>|[\"'`]\s*<\s*[a-z!/]", re.IGNORECASE)
_SINKS = (
    r"(?:alert|prompt|confirm|eval|settimeout|setinterval|execscript|fetch|import"
    r"|document\.write(?:ln)?|string\.fromcharcode|function|atob|top\[|window\[|self\[)"
)
_SCRIPT_BREAK = re.compile(
    r"[\"'`]\s*(?:[-+*/%^|&;,)}\]]|\?\?|&&|\|\|)+\s*[({\[]*\s*" + _SINKS + r"\s*[(`\[]",
    re.IGNORECASE,
)
_DOM_TOKENS = re.compile(
    r"document\s*\.\s*(?:cookie|domain|location|write)|window\s*\.\s*location"
    r"|\.innerhtml\s*=|\.fromcharcode\s*\(|(?:^|[\s;(])(?:alert|prompt|confirm)\s*\(",
    re.IGNORECASE,
)


def _compact(fragment: str) -> str:
    """An attribute value as a browser's URL parser sees it: no spaces, controls or slashes."""
    return _SPACING.sub("", fragment)


def _scan_tag(text: str, match: re.Match[str]) -> Hit | None:
    name = match.group(1).lower().rpartition(":")[2]
    start = match.start()
    if name in _DANGEROUS_TAGS:
        return Hit("xss.tag", start, match.end())
    # The attributes run to ">" or to the next "<", so each character belongs to one tag at most
    # and the whole scan stays linear.
    limit = text.find("<", match.end(), match.end() + _TAG_WINDOW)
    if limit < 0:
        limit = min(len(text), match.end() + _TAG_WINDOW)
    stop = text.find(">", match.end(), limit)
    end = stop if stop >= 0 else limit
    attrs = text[match.end() : end]
    if not attrs:
        return None
    handler = _HANDLER.search(attrs)
    if handler is not None:
        return Hit("xss.event-handler", start, match.end() + handler.end())
    if _JS_URL.search(_compact(attrs)) is not None:
        return Hit("xss.script-url", start, end)
    if "style" in attrs.lower() and _STYLE_CODE.search(_compact(attrs)) is not None:
        return Hit("xss.style", start, end)
    if _DATA_BINDING.search(attrs) is not None:
        return Hit("xss.data-binding", start, end)
    if _REMOTE_ATTR.search(attrs) is not None:
        return Hit("xss.html-injection", start, end)
    return None


def _scan_markup(text: str) -> Hit | None:
    for match in _TAG_OPEN.finditer(text):
        hit = _scan_tag(text, match)
        if hit is not None:
            return hit
    special = _SPECIAL_MARKUP.search(text)
    if special is not None:
        return Hit("xss.markup", special.start(), special.end())
    return None


def _scan_plain(text: str) -> Hit | None:
    brk = _ATTR_BREAK.search(text) or next(
        (m for m in _PLAIN_HANDLER.finditer(text) if m.group("event").lower() in _EVENT_SET), None
    )
    if brk is not None:
        return Hit("xss.event-handler", brk.start(), brk.end())
    tag_break = _TAG_BREAK.search(text)
    if tag_break is not None and "<" not in text[: tag_break.start()]:
        opens_tag = _TAG_OPEN.match(text, tag_break.end() - 1) is not None
        if opens_tag or "(" in text:
            return Hit("xss.tag-break", tag_break.start(), tag_break.end())
    call = _JS_URL_CALL.search(text)
    if call is not None:
        return Hit("xss.script-url", call.start(), call.end())
    compact = _compact(text[:256]).lower()
    if _JS_URL.match(compact) is not None:
        return Hit("xss.script-url", 0, min(len(text), 40))
    url = _JS_URL.search(text)
    if url is not None and url.start() > 0 and text[url.start() - 1] in "\"'=(`":
        return Hit("xss.script-url", url.start() - 1, url.end())
    brk = _SCRIPT_BREAK.search(text)
    if brk is not None:
        return Hit("xss.script-break", brk.start(), brk.end())
    dom = _DOM_TOKENS.search(text)
    if dom is not None and any(ch in text for ch in "\"'<>;=`"):
        return Hit("xss.dom", dom.start(), dom.end())
    if "style" in text.lower() or ":" in text:
        style = _STYLE_CODE.search(text)
        if style is not None and style.group().lower() != "@import":
            return Hit("xss.style", style.start(), style.end())
    return None


def scan(text: str) -> Hit | None:
    """The first cross-site scripting construct found in ``text`` (already decoded), or None."""
    if "<" in text:
        hit = _scan_markup(text)
        if hit is not None:
            return hit
    return _scan_plain(text)
