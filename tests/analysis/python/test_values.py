"""The abstract values: joins, field paths, steps, sanitised categories, substitution."""

from __future__ import annotations

from faasguard.analysis.python.values import (
    ALL,
    CLEAN,
    MAX_LABELS,
    MAX_STEPS,
    Label,
    Origin,
    OriginKind,
    Value,
    all_labels,
    cleared,
    constant,
    get_item,
    join,
    labelled,
    map_labels,
    path_text,
    with_field,
    with_step,
)
from faasguard.core.finding import TraceStep
from faasguard.core.location import Location

EVENT = Origin(OriginKind.EVENT, "root")


def step(line: int) -> TraceStep:
    return TraceStep(Location("app.py", line, 1), f"line {line}")


def test_reading_a_key_extends_the_source_path() -> None:
    event = labelled(EVENT)
    body = get_item(get_item(event, "body"), "discount")
    assert [label.origin.path for label in body.labels] == [("body", "discount")]


def test_a_constant_key_reads_back_what_was_stored_under_it() -> None:
    stored = with_field(CLEAN, "cmd", labelled(EVENT))
    stored = with_field(stored, "tool", constant("convert"))
    assert get_item(stored, "cmd").tainted
    assert not get_item(stored, "tool").tainted
    assert get_item(stored, None).tainted  # an unknown key may be any of them


def test_join_keeps_taint_of_either_side_and_only_common_constants() -> None:
    left, right = constant("a"), labelled(EVENT)
    joined = join(left, right)
    assert joined.tainted and not joined.known
    assert join(constant("x"), constant("x")).const == "x"
    assert join(constant(1), constant(True)).known is False  # 1 == True, but not the same


def test_labels_per_value_are_bounded() -> None:
    value = CLEAN
    for index in range(MAX_LABELS + 4):
        value = join(value, labelled(Origin(OriginKind.EVENT, f"r{index}")))
    assert len(value.labels) == MAX_LABELS


def test_one_step_per_line_and_traces_are_capped() -> None:
    value = labelled(EVENT, step(1))
    value = with_step(with_step(value, step(2)), step(2))
    assert [s.location.start_line for s in value.labels[0].steps] == [1, 2]
    for line in range(3, 100):
        value = with_step(value, step(line))
    steps = value.labels[0].steps
    assert len(steps) == MAX_STEPS
    assert steps[0].location.start_line == 1 and steps[-1].location.start_line == 99


def test_cleared_for_some_categories_or_for_all() -> None:
    value = labelled(EVENT)
    quoted = cleared(value, frozenset({"injection-command"}))
    assert quoted.labels[0].safe_for("injection-command")
    assert not quoted.labels[0].safe_for("injection-sql")
    assert not cleared(value, frozenset({ALL})).tainted


def test_map_labels_substitutes_parameters_inside_fields() -> None:
    param = Label(Origin(OriginKind.PARAM, "x", ("name",)))
    value = Value(fields={"cmd": Value((param,))})

    def substitute(label: Label) -> tuple[Label, ...]:
        return (Label(Origin(OriginKind.EVENT, "root", label.origin.path)),)

    result = map_labels(value, substitute)
    assert [lb.origin for lb in all_labels(result)] == [Origin(OriginKind.EVENT, "root", ("name",))]


def test_path_text_reads_like_code() -> None:
    path = ("Records", "[]", "s3", "#0", ".args")
    assert path_text("event", path) == "event['Records'][*]['s3'][0].args"
