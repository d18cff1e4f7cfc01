"""Writing a small Terraform project to a temporary root and loading it."""

from __future__ import annotations

import posixpath
from pathlib import Path

from faasguard.loaders.base import LoadContext
from faasguard.loaders.terraform import load_terraform
from faasguard.model import App

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "loaders" / "terraform"


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content)


def load(root: Path, files: dict[str, str | bytes], directory: str = "") -> tuple[App, LoadContext]:
    """Write `files` under `root` and load the root module in `directory`."""
    write(root, files)
    return load_dir(root, directory)


def load_dir(root: Path, directory: str = "") -> tuple[App, LoadContext]:
    root = root.resolve()
    base = root / directory if directory else root
    texts = {
        posixpath.join(directory, p.name) if directory else p.name: p.read_text()
        for p in sorted(base.iterdir())
        if p.is_file() and p.name.endswith((".tf", ".tf.json"))
    }
    ctx = LoadContext(root)
    return load_terraform(directory, texts, ctx), ctx


def messages(ctx: LoadContext) -> list[str]:
    return [problem.message for problem in ctx.problems]
