"""Single actions that are risky on their own, from ``faasguard/data/iam_risky_actions.json``
(policy_sentry's audit lists, MIT, and cloudsplaining's, BSD-3-Clause; see
``NOTICE-privesc.md``).

- credentials: actions that return credentials, tokens or passwords (policy_sentry
  `credentials_exposure`, cloudsplaining `actions_that_return_credentials`);
- secrets: read actions that return secret values and data (cloudsplaining
  `read_only_data_exfiltration_actions`);
- exposure: actions that change who may access a resource (policy_sentry `resource_exposure`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any


class Risk(str, Enum):
    CREDENTIALS = "credentials"
    SECRETS = "secrets"
    EXPOSURE = "exposure"


@dataclass(frozen=True, slots=True)
class RiskyActions:
    """Lower-case action names per risk."""

    by_risk: dict[Risk, frozenset[str]]

    def of(self, risk: Risk) -> frozenset[str]:
        return self.by_risk[risk]


@cache
def risky_actions() -> RiskyActions:
    text = (resources.files("faasguard") / "data" / "iam_risky_actions.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    sentry, splaining = data["policy_sentry"], data["cloudsplaining"]

    def lower(*lists: list[str]) -> frozenset[str]:
        return frozenset(a.lower() for items in lists for a in items)

    return RiskyActions(
        {
            Risk.CREDENTIALS: lower(
                sentry["credentials_exposure"], splaining["actions_that_return_credentials"]
            ),
            Risk.SECRETS: lower(splaining["read_only_data_exfiltration_actions"]),
            Risk.EXPOSURE: lower(sentry["resource_exposure"]),
        }
    )


__all__ = ["Risk", "RiskyActions", "risky_actions"]
