"""Cross-site scripting: markup or script that would run if the value reached a page.

:func:`scan` walks the text as an HTML tokenizer would: each ``<`` that opens a tag (also
``</x``, ``<!``, ``<?``) is read with its attributes up to the closing ``>`` (or a bounded
window, so a tag left open still counts). It reports dangerous elements (``script``, ``iframe``,
``svg``, ``math``, SMIL animations, and any element of the SVG, MathML, XSL or VML namespaces:
``<svg:x>``, ``<xsl:stylesheet>``), DTD declarations (``<!ENTITY``, ``<!ATTLIST``),
event-handler attributes (``onerror=``, also with the junk some parsers skip: ``onload!#$=``,
``onerror[c]=``; XML Events ``ev:event=``), script URLs (``javascript:`` also split by blanks,
controls, comments or entities; ``data:text/html``), and CSS that runs or loads code or breaks
out of its declaration (``expression(``, ``behavior:``, a remote ``url(``, comments, braces,
escapes, a quoted string holding a ``;``). Without a tag it looks for a break out of an
attribute (``" onmouseover=``) or of a tag (``"><svg``), the end of a tag the value was pasted
into (``write(1) autofocus>``, ``x" src="//evil/x.js" />``), a script URL used as the value,
a break out of a script string into a call (``';alert(1)//``), UTF-7 markup (``+ADw-``) and
IE data binding. Every pattern is a flat regular expression on a bounded window, with no two
adjacent repetitions that could share a character: linear in the input.
"""

from __future__ import annotations

import re

from faasguard.guard.detect._types import Hit

__all__ = ["NEEDLES", "scan"]

#: Substrings (lower case) one of which every rule needs, or an event attribute ("on...="):
#: the engine's gate.
NEEDLES = (
    "<", "script:", "vbs:", "mocha:", "data:", "document", "window", "innerhtml",
    "fromcharcode", "alert", "prompt", "confirm", "expression", "behavio", "binding",
    "@import", "eval", "settimeout", "setinterval", "execscript", "fetch", "import",
    "write", "function", "atob", "top[", "self[", "\\28", ">", "+ad", "ession", "\\00",
    "datasrc", "datafld", "dataformatas",
)  # fmt: skip

# How far after "<name" the attributes of one tag are read.
_TAG_WINDOW = 2048

_TAG_OPEN = re.compile(r"<\s*(?:/\s*)?([a-z][\w:-]*|[!?%])", re.IGNORECASE)
_DANGEROUS_TAGS = frozenset(
    "script iframe frame frameset object embed applet meta base svg math style link bgsound "
    "layer ilayer isindex xml import xss template portal animate set handler listener "
    "vmlframe xmp plaintext noembed foreignobject animatemotion animatetransform animatecolor "
    "discard mglyph maction annotation-xml".split()
)
# Namespace prefixes whose elements script or style the page: <svg:x>, <xsl:stylesheet>, <v:x>.
_DANGEROUS_PREFIXES = frozenset("svg math xsl xslt v vml".split())
_HANDLER = re.compile(r"(?:^|[\s/\"'`;,+\])])on[a-z]{3,30}\s*=", re.IGNORECASE)
# An event attribute whose name runs on past the event into junk some parsers skip:
# onload!#$%=, onerror[c]=. The event must be a DOM event name (see _EVENT_SET).
_HANDLER_JUNK = re.compile(
    r"(?:^|[\s/\"'`;,+\])])on(?P<event>[a-z]{3,30})[^\s=>]{1,40}=", re.IGNORECASE
)
# XML Events and SMIL attributes that bind a script to an event.
_XML_EVENT = re.compile(r"\bev:(?:event|handler)\s*=", re.IGNORECASE)
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
    "waiting wheel formchange forminput beforescriptexecute afterscriptexecute animationcancel "
    "transitionrun transitionstart transitioncancel gotpointercapture lostpointercapture "
    "fullscreenchange mozfullscreenchange webkitanimationend webkittransitionend scrollend "
    "beforetoggle securitypolicyviolation contextlost contextrestored pointercancel "
    "dragexit cancel loadeddata overflow underflow"
).split()
_EVENT_SET = frozenset(_EVENTS)
_PLAIN_HANDLER = re.compile(r"(?:^|[\s/+\"'`;])on(?P<event>[a-z]{3,30})\s*=", re.IGNORECASE)
_JS_URL = re.compile(
    r"(?:java|vb|live|ecma)script:|mocha:|vbs:"
    r"|data:(?:text/(?:x?html|xml|xsl|javascript|ecmascript|vbscript)|image/svg|application/)"
    r"|data:[^,]{0,40};base64",
    re.IGNORECASE,
)
_STYLE_CODE = re.compile(
    r"expression(?:\(|\\0{0,4}28)|behaviou?r:|binding:|-moz-binding|@import"
    r"|url\((?:[\"']?)(?:java|vb)script:|#default#\w",
    re.IGNORECASE,
)
# What a browser skips inside a word it reads: blanks and controls in a URL, and the comments
# that split "java<!-- -->script:" or "expr/**/ession(".
_SPLITTERS = re.compile(r"[\s\x00-\x1f]+|<!--[^<>]{0,100}-->|/\*[^*]{0,100}\*+/")
# A style attribute's value, and what in it breaks out of CSS or loads code: comments, braces,
# escapes, a remote or script-document url(), an IE behaviour, a quoted string with a ";".
_STYLE_VALUE = re.compile(
    r"(?:^|[\s/\"'`])style\s*=\s*(?:\"(?P<dq>[^\"]{0,2048})|'(?P<sq>[^']{0,2048})|(?P<bare>[^\s>]{1,2048}))",
    re.IGNORECASE,
)
_CSS_ATTACK = re.compile(
    r"/\*|[{}]|\\[0-9a-f]{1,6}|#default#|url\(\s*(?:['\"]\s*)?(?:[a-z][\w+.-]*:)?//"
    r"|url\([^)]{0,200}\.(?:svg|sct|htc|vml|xml|xsl)\b",
    re.IGNORECASE,
)
_CSS_STRING = re.compile(r"'[^']{0,200}(?:'|$)|\"[^\"]{0,200}(?:\"|$)")
_JS_URL_CALL = re.compile(
    r"(?:java|vb)script:\s*[\w.$\[\]'\"]{1,60}[(`=]|script:[\w.$]{1,40}\(", re.IGNORECASE
)
_DATA_BINDING = re.compile(r"\b(?:datasrc|dataformatas|datafld)\s*=", re.IGNORECASE)
_SPECIAL_MARKUP = re.compile(
    r"<!--\s*#|<!\[cdata\[|<!--\[if|<\?\s*(?:xml|import|php|=|[a-z]+\s*\()"
    r"|<!\s*(?:attlist|entity|element)\b|<!doctype[^>\[]{0,200}\["
    r"|</\s*(?:script|style|title|textarea|noscript|body|html|head|iframe|xmp|template|plaintext"
    r"|noembed|noframes|object|embed|applet|svg|math|xml|frameset)\b",
    re.IGNORECASE,
)
# Markup that loads a resource from elsewhere: link or image injection, form hijacking.
_REMOTE_ATTR = re.compile(
    r"(?:^|[\s/\"'])(?:href|src|action|formaction|background|lowsrc|dynsrc|poster|data|srcdoc)"
    r"\s*=\s*(?:[\"']\s*)?(?:[a-z][\w+.-]*:)?//",
    re.IGNORECASE,
)

# Outside markup: an attribute break, a script-string break, or a script URL as the value.
_ATTR_BREAK = re.compile(r"[\"'`]\s*(?:/\s*)?on[a-z]{3,30}\s*=", re.IGNORECASE)
# A quote closing an attribute, then the tag closed or a new tag opened: ">, '><x.
_TAG_BREAK = re.compile(r"[\"'`]\s*(?:/\s*)?>|[\"'`]\s*<\s*[a-z!/]", re.IGNORECASE)
_SINKS = (
    r"(?:alert|prompt|confirm|eval|settimeout|setinterval|execscript|fetch|import"
    r"|document\.write(?:ln)?|string\.fromcharcode|function|atob|top\[|window\[|self\[)"
)
_SCRIPT_BREAK = re.compile(
    r"[\"'`]\s*(?:(?:[-+*/%^|&;,)}\]]|\?\?)\s*)+(?:[({\[]\s*)*" + _SINKS + r"\s*[(`\[]",
    re.IGNORECASE,
)
# The end of a tag the value was pasted into, without its "<": a script call or a resource
# attribute, then ">" closing the tag ("write(1) autofocus>", "x\" src=\"//evil/x.js\" />").
_TAG_TAIL = re.compile(
    r"(?:^|[\s;(=\"'`])(?:alert|prompt|confirm|write(?:ln)?|eval|print)\s*"
    r"(?:\([^()<>]{0,60}\)|`[^`<>]{0,60}`)[^<>]{0,80}>\s*(?:$|<)"
    r"|(?:^|[\s\"'`])(?:href|src|action|formaction|data|srcdoc|xlink:href|poster|background"
    r"|dynsrc|lowsrc)\s*=\s*(?:\"[^\"<>]{0,300}\"|'[^'<>]{0,300}'|[^\s<>\"']{1,300})"
    r"[^<>]{0,80}/?>\s*(?:$|<)"
    r"|(?:^|[\s\"'`;])rel\s*=\s*[\"']?(?:stylesheet|import)\b[^<>]{0,80}>\s*(?:$|<)",
    re.IGNORECASE,
)
# CSS escapes padded with zeros, in a row: "background-image:\0075\0072\006C".
_CSS_ESCAPES = re.compile(r"(?:\\0{2,4}[0-9a-f]{2}){3}", re.IGNORECASE)
# UTF-7 for "<" and ">" (a page served as UTF-7 reads +ADw-script+AD4- as <script>).
_UTF7 = re.compile(r"\+AD[w4]-", re.IGNORECASE)
_DOM_TOKENS = re.compile(
    r"document\s*\.\s*(?:cookie|domain|location|write)|window\s*\.\s*location"
    r"|\.innerhtml\s*=|\.fromcharcode\s*\(|(?:^|[\s;(])(?:alert|prompt|confirm)\s*\(",
    re.IGNORECASE,
)


def _compact(fragment: str) -> str:
    """An attribute value as a browser's URL parser sees it: no blanks, controls or comments."""
    return _SPLITTERS.sub("", fragment)


def _css_attack(attrs: str) -> bool:
    """Whether a style attribute among ``attrs`` breaks out of CSS or loads code."""
    for match in _STYLE_VALUE.finditer(attrs):
        value = match.group("dq") or match.group("sq") or match.group("bare") or ""
        if _CSS_ATTACK.search(value) is not None:
            return True
        if any(";" in quoted.group() for quoted in _CSS_STRING.finditer(value)):
            return True
    return False


def _handler(attrs: str) -> re.Match[str] | None:
    handler = _HANDLER.search(attrs)
    if handler is not None:
        return handler
    for junk in _HANDLER_JUNK.finditer(attrs):
        if junk.group("event").lower() in _EVENT_SET:
            return junk
    return _XML_EVENT.search(attrs)


def _scan_tag(text: str, match: re.Match[str]) -> Hit | None:
    prefix, _, name = match.group(1).lower().rpartition(":")
    start = match.start()
    if name in _DANGEROUS_TAGS or prefix in _DANGEROUS_PREFIXES:
        return Hit("xss.tag", start, match.end())
    if "script:" in prefix + ":":
        return Hit("xss.script-url", start, match.end())
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
    handler = _handler(attrs)
    if handler is not None:
        return Hit("xss.event-handler", start, match.end() + handler.end())
    if _JS_URL.search(_compact(attrs)) is not None:
        return Hit("xss.script-url", start, end)
    if "style" in attrs.lower() and (
        _STYLE_CODE.search(_compact(attrs)) is not None or _css_attack(attrs)
    ):
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


def _has(lowered: str, needles: tuple[str, ...]) -> bool:
    return any(needle in lowered for needle in needles)


def _scan_breaks(text: str, lowered: str) -> Hit | None:
    """Outside markup: a break out of an attribute or a tag the value was pasted into."""
    if "=" in text and "on" in lowered:
        brk = _ATTR_BREAK.search(text) or next(
            (m for m in _PLAIN_HANDLER.finditer(text) if m.group("event").lower() in _EVENT_SET),
            None,
        )
        if brk is not None:
            return Hit("xss.event-handler", brk.start(), brk.end())
    if ">" not in text and "<" not in text:
        return None
    tag_break = _TAG_BREAK.search(text)
    if tag_break is not None and "<" not in text[: tag_break.start()]:
        opens_tag = _TAG_OPEN.match(text, tag_break.end() - 1) is not None
        if opens_tag or "(" in text:
            return Hit("xss.tag-break", tag_break.start(), tag_break.end())
    tail = _TAG_TAIL.search(text) if ">" in text else None
    if tail is not None and "<" not in text[: tail.start()]:
        return Hit("xss.tag-break", tail.start(), tail.end())
    return None


def _scan_script(text: str, lowered: str) -> Hit | None:
    """Outside markup: a script URL, a break out of a script string, DOM access, CSS code."""
    call = _JS_URL_CALL.search(text) if "script:" in lowered else None
    if call is not None:
        return Hit("xss.script-url", call.start(), call.end())
    if ":" in text:
        compact = _compact(text[:512])
        url = _JS_URL.search(compact)
        if url is not None and (url.start() == 0 or compact[url.start() - 1] in "\"'=(`"):
            return Hit("xss.script-url", 0, min(len(text), 40))
    brk = _SCRIPT_BREAK.search(text) if _has(text, _QUOTES) else None
    if brk is not None:
        return Hit("xss.script-break", brk.start(), brk.end())
    dom = _DOM_TOKENS.search(text) if _has(lowered, _DOM_NEEDLES) else None
    if dom is not None and any(ch in text for ch in "\"'<>;=`"):
        return Hit("xss.dom", dom.start(), dom.end())
    if _has(lowered, _STYLE_NEEDLES):
        style = _STYLE_CODE.search(text if "/*" not in text else _compact(text))
        if style is not None and style.group().lower() != "@import":
            return Hit("xss.style", 0, min(len(text), 40))
    for rule, needles, pattern in _OTHER_PLAIN:
        match = pattern.search(text) if _has(lowered, needles) else None
        if match is not None:
            return Hit(rule, match.start(), match.end())
    return None


_QUOTES = ("'", '"', "`")
_DOM_NEEDLES = ("document", "window", "innerhtml", "fromcharcode", "alert", "prompt", "confirm")
_STYLE_NEEDLES = ("expression", "ession", "behavio", "binding", "@import", "url(", "#default#")
_OTHER_PLAIN = (
    ("xss.style", ("\\00",), _CSS_ESCAPES),
    ("xss.data-binding", ("datasrc", "dataformatas", "datafld"), _DATA_BINDING),
    ("xss.utf7", ("+ad",), _UTF7),
)


def _scan_plain(text: str) -> Hit | None:
    lowered = text.lower()
    return _scan_breaks(text, lowered) or _scan_script(text, lowered)


def scan(text: str) -> Hit | None:
    """The first cross-site scripting construct found in ``text`` (already decoded), or None."""
    if "<" in text:
        hit = _scan_markup(text)
        if hit is not None:
            return hit
    return _scan_plain(text)
