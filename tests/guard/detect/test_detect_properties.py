"""Properties: detect never raises, returns well-formed results, and stays linear.

Hypothesis feeds random text (with the characters attacks are made of over-represented); the
64 KiB adversarial strings are shapes that make backtracking matchers explode. No timing is
asserted: each only has to finish within pytest's ordinary run.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faasguard.guard.detect import FRAGMENT_MAX, MAX_SCAN, Detection, DetectionKind, detect
from faasguard.guard.detect.log4shell import resolve

_ALPHABET = st.sampled_from(
    list("'\"`;|&$(){}[]<>=%#*/\\-+.,:!?@ \t\n\x00") + list("aAeEiIoOsSuUnN019xX") + ["é", "\uff1c"]
)
_WORDS = st.sampled_from(
    ["union", "select", " or ", "and", "--", "/*", "*/", "${", "jndi:", "<script", "onerror=",
     "javascript:", "../", "%2e", "%25", "&#x3c;", "http://", "127.0.0.1", "{{", "}}", "$ne",
     "sleep(", "`id`", "; cat ", "0x7f", "@@"]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_ALPHABET, _WORDS), max_size=200).map("".join)

_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_TEXT | st.text(max_size=300), st.booleans())
def test_never_raises_and_results_are_well_formed(text: str, b64: bool) -> None:
    found = detect(text, base64=b64)
    assert isinstance(found, list)
    assert len({d.kind for d in found}) == len(found)
    for detection in found:
        assert isinstance(detection, Detection)
        assert isinstance(detection.kind, DetectionKind)
        assert detection.rule and "." in detection.rule
        assert len(detection.fragment) <= FRAGMENT_MAX


@_SETTINGS
@given(_TEXT, st.sets(st.sampled_from(list(DetectionKind))))
def test_kinds_filter_is_a_subset(text: str, kinds: set[DetectionKind]) -> None:
    everything = detect(text)
    chosen = detect(text, kinds=frozenset(kinds))
    assert chosen == [d for d in everything if d.kind in kinds]


@_SETTINGS
@given(_TEXT)
def test_log4j_resolution_never_grows_past_input(text: str) -> None:
    assert len(resolve(text)) <= len(text) + 2 * text.count("${")


_UNIT = 64 * 1024


@pytest.mark.parametrize(
    "text",
    [
        "'" * _UNIT,
        "\"'" * (_UNIT // 2),
        "/*" * (_UNIT // 2),
        "(" * _UNIT,
        "1 or " * (_UNIT // 5),
        "union " * (_UNIT // 6),
        "<a " * (_UNIT // 3),
        "<" * _UNIT,
        "${" * (_UNIT // 2),
        "${lower:" * (_UNIT // 8),
        "{{" * (_UNIT // 2),
        "%25" * (_UNIT // 3),
        "&amp;" * (_UNIT // 5),
        "../" * (_UNIT // 3),
        "http://" * (_UNIT // 7),
        "; id " * (_UNIT // 5),
        "a/" * (_UNIT // 2),
        "x" * (_UNIT - 1) + "'",
        "\\" * _UNIT,
        " " * _UNIT + "select",
        "0x" * (_UNIT // 2),
        "javascript:" * (_UNIT // 11),
        "onerror=" * (_UNIT // 8),
        "$ne" * (_UNIT // 3),
        "%" * _UNIT,
        "é" * _UNIT,
        # shapes aimed at the rules added for command injection, XSS, traversal and the lexer
        "x" + " " * (_UNIT - 1),
        "a'" * (_UNIT // 2),
        "{ls," * (_UNIT // 4),
        "/??" * (_UNIT // 3),
        "<x onload" + "!" * (_UNIT - 20) + "=",
        '<x style="' + "'" * (_UNIT - 12),
        "\\00" * (_UNIT // 3),
        "<!--" * (_UNIT // 4),
        "+ADw-" * (_UNIT // 5),
        "/" + "." * (_UNIT - 1),
        "..;/" * (_UNIT // 4),
        "%e0%80%ae" * (_UNIT // 9),
        "%c0%2e" * (_UNIT // 6),
        "\n id" * (_UNIT // 4),
        "\\n;" * (_UNIT // 3),
        "w'h" * (_UNIT // 3),
        "*/ " * (_UNIT // 3),
        "[" * (_UNIT // 2) + "]" * (_UNIT // 2),
        '{"a":' * (_UNIT // 5),
        "write(1) " * (_UNIT // 9) + ">",
        'href="x" ' * (_UNIT // 9),
    ],
    ids=lambda t: f"{t[:8]!r}x{len(t)}",
)
def test_adversarial_64k_strings_finish(text: str) -> None:
    assert len(text) <= MAX_SCAN + 8
    found = detect(text)
    assert all(isinstance(d, Detection) for d in found)
