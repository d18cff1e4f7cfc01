"""HCL parsing and Terraform loading speed, against python-hcl2 (what checkov uses) when present.

Run on demand: `.venv/bin/python benchmarks/hcl_parse.py [blocks]`. Generates a configuration
of `blocks` resources (5 lines each), then times our lexer, parser and full load, and
python-hcl2's `loads` on the same text. Nothing here is asserted; the numbers are printed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from faasguard.loaders.base import LoadContext
from faasguard.loaders.hcl import parse_hcl
from faasguard.loaders.hcl.lexer import tokenize
from faasguard.loaders.terraform import load_terraform

BLOCK = (
    'resource "aws_sqs_queue" "q{n}" {{\n'
    '  name = "queue-${{var.stage}}-{n}"\n'
    "  tags = {{ index = {n}, list = [1, 2, 3] }}\n"
    '  policy = jsonencode({{ Statement = [{{ Effect = "Allow", Resource = aws_sqs_queue.q{n}.arn'
    " }}] }})\n"
    "}}\n"
)


def best_of(runs: int, action: object) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    blocks = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    text = 'variable "stage" { default = "dev" }\n' + "".join(
        BLOCK.format(n=n) for n in range(blocks)
    )
    lines = text.count("\n")
    print(f"{lines} lines, {len(tokenize(text, 'main.tf'))} tokens")
    print(f"faasguard lex          {best_of(3, lambda: tokenize(text, 'main.tf')):.3f} s")
    print(f"faasguard lex+parse    {best_of(3, lambda: parse_hcl(text, 'main.tf')):.3f} s")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder).resolve()
        (root / "main.tf").write_text(text)
        load = lambda: load_terraform("", {"main.tf": text}, LoadContext(root))  # noqa: E731
        print(f"faasguard full load    {best_of(3, load):.3f} s")
    try:
        import hcl2  # type: ignore[import-not-found]
    except ImportError:
        print("python-hcl2 not installed: `pip install python-hcl2` to compare")
        return
    print(f"python-hcl2 loads      {best_of(1, lambda: hcl2.loads(text)):.3f} s")


if __name__ == "__main__":
    main()
