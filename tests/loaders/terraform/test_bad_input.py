"""Bad input: every problem is reported at its place and the rest still loads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from faasguard.loaders.base import LoadContext
from faasguard.loaders.errors import ParseError
from faasguard.loaders.terraform import load_terraform
from faasguard.model import ResourceKind

from .helpers import load, messages


def test_a_broken_file_is_reported_and_the_others_load(tmp_path: Path) -> None:
    files = {
        "good.tf": 'resource "aws_sqs_queue" "q" {}\n',
        "bad.tf": 'resource "aws_sqs_queue" "r" {\n  name = \n}\n',
    }
    app, ctx = load(tmp_path, files)  # type: ignore[arg-type]
    assert list(app.resources) == ["aws_sqs_queue.q"]
    (problem,) = ctx.problems
    assert problem.location.path == "bad.tf" and problem.location.start_line == 2
    assert "expected an expression" in problem.message


def test_nothing_parses_raises_the_first_error(tmp_path: Path) -> None:
    ctx = LoadContext(tmp_path.resolve())
    files = {"a.tf": "x = [", "b.tf": "y = }"}
    with pytest.raises(ParseError) as caught:
        load_terraform("", files, ctx)
    assert caught.value.location.path == "a.tf"
    assert [p.location.path for p in ctx.problems] == ["b.tf"]


def test_deeply_nested_input_is_an_error_not_a_crash(tmp_path: Path) -> None:
    deep = "locals {\n  x = " + "[" * 180 + "]" * 180 + "\n}\n"
    app, ctx = load(tmp_path, {"deep.tf": deep, "ok.tf": 'resource "aws_sqs_queue" "q" {}\n'})
    assert "aws_sqs_queue.q" in app.resources
    assert any("nested deeper" in m for m in messages(ctx))


def test_binary_and_oversized_module_files_are_refused(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "main.tf": 'module "m" {\n  source = "./m"\n}\n',
        "m/ok.tf": 'resource "aws_sqs_queue" "q" {}\n',
        "m/blob.tf": b"\x00\x01binary",
        "m/huge.tf": "# " + "x" * 200 + "\n",
    }
    from .helpers import write

    write(tmp_path, files)
    ctx = LoadContext(tmp_path.resolve(), max_bytes=100)
    texts = {"main.tf": (tmp_path / "main.tf").read_text()}
    app = load_terraform("", texts, ctx)
    assert "module.m.aws_sqs_queue.q" in app.resources
    problems = {p.location.path: p.message for p in ctx.problems}
    assert "binary" in problems["m/blob.tf"]
    assert "larger than" in problems["m/huge.tf"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinked_module_out_of_the_root_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "main.tf").write_text('resource "aws_sqs_queue" "secret" {}\n')
    root = tmp_path / "root"
    root.mkdir()
    (root / "link").symlink_to(outside, target_is_directory=True)
    app, ctx = load(root, {"main.tf": 'module "m" {\n  source = "./link"\n}\n'})
    assert not any("secret" in key for key in app.resources)
    assert any("outside the scanned root" in m for m in messages(ctx))


def test_duplicate_declarations_are_reported(tmp_path: Path) -> None:
    text = (
        'resource "aws_sqs_queue" "q" {\n  name = "a"\n}\n'
        'resource "aws_sqs_queue" "q" {\n  name = "b"\n}\n'
        "locals {\n  x = 1\n}\nlocals {\n  x = 2\n}\n"
    )
    app, ctx = load(tmp_path, {"main.tf": text})
    name = app.resources["aws_sqs_queue.q"].name
    assert name is not None and name.value == "a"
    lines = sorted(p.location.start_line for p in ctx.problems)
    assert lines == [4, 11]


def test_unknown_resource_types_are_kept(tmp_path: Path) -> None:
    text = (
        'resource "google_storage_bucket" "b" {\n  name = "x"\n}\nresource "aws_glue_job" "j" {}\n'
    )
    app, _ = load(tmp_path, {"main.tf": text})
    kinds = {key: (r.kind, r.type) for key, r in app.resources.items()}
    assert kinds == {
        "google_storage_bucket.b": (ResourceKind.OTHER, "google_storage_bucket"),
        "aws_glue_job.j": (ResourceKind.OTHER, "aws_glue_job"),
    }


def test_self_referencing_and_runaway_expressions_terminate(tmp_path: Path) -> None:
    chain = "\n".join(f"  l{n} = local.l{n + 1}" for n in range(200)) + "\n  l200 = 1"
    text = (
        "locals {\n" + chain + "\n  a = local.b\n  b = local.a\n}\n"
        'resource "aws_sqs_queue" "q" {\n  name = local.l0\n  delay_seconds = local.a\n}\n'
    )
    app, _ = load(tmp_path, {"main.tf": text})
    queue = app.resources["aws_sqs_queue.q"]
    assert queue.name is not None and not queue.name.known  # too deep: unknown, not a crash


def test_unreadable_policy_file_is_reported_at_the_call(tmp_path: Path) -> None:
    text = 'resource "aws_iam_policy" "p" {\n  policy = file("missing.json")\n}\n'
    app, ctx = load(tmp_path, {"main.tf": text})
    (statement,) = app.resources["aws_iam_policy.p"].extra["statements"]
    assert not statement.effect.known
    (problem,) = ctx.problems
    assert "cannot read missing.json" in problem.message
    assert (problem.location.start_line, problem.location.start_column) == (2, 12)
