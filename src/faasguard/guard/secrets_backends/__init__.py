"""Secret providers for :class:`faasguard.guard.secrets.Secrets`.

Each provider has a ``name`` and ``fetch(name) -> (value, version)``. Clients are passed in (for
tests and for callers who already hold one) or created lazily on the first fetch.
"""

from __future__ import annotations

from faasguard.guard.secrets_backends.aws import SecretsManagerProvider, SsmProvider
from faasguard.guard.secrets_backends.env import EnvProvider
from faasguard.guard.secrets_backends.vault import VaultProvider

__all__ = ["EnvProvider", "SecretsManagerProvider", "SsmProvider", "VaultProvider"]
