"""faasguard.guard: the runtime guard for serverless handlers.

    from faasguard.guard import guard, JWTAuth, InjectionCheck, RateLimit

    @guard(JWTAuth(...), InjectionCheck(), RateLimit(...), schema=ORDER_SCHEMA)
    def handler(event, context): ...

The core (decorator, request normalisation, responses, logging) is imported eagerly and needs only
the standard library. Limits, validation, authentication, integrity, rate limiting, injection
detection, stores, secrets, behaviour policies and the platform adapters load on first attribute
access, so ``import faasguard.guard`` stays fast and pulls in nothing of the scanner.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from faasguard.guard._request import Check, EventKind, Mode, Request, normalize
from faasguard.guard.decorator import (
    Decision,
    Guard,
    OnReject,
    current_request,
    current_requests,
    guard,
)
from faasguard.guard.errors import GuardConfigError, GuardRejected, GuardViolation
from faasguard.guard.logging import AllowLog, Outcome, Redactor, SecurityLogger, redact

if TYPE_CHECKING:
    from faasguard.guard.adapters.azure import azure_guard
    from faasguard.guard.adapters.gcp import gcp_guard
    from faasguard.guard.auth import ApiKeyAuth, JWTAuth, Rbac, cognito_jwt
    from faasguard.guard.behaviour import BehaviourPolicy, BehaviourViolation
    from faasguard.guard.detect import Detection, DetectionKind, InjectionCheck, detect
    from faasguard.guard.integrity import HmacSignature, ReplayProtection, SnsSignature
    from faasguard.guard.limits import BodyLimit, FieldLimits, TimeBudget
    from faasguard.guard.powertools import (
        handler_middleware,
        powertools_decorator,
        resolver_middleware,
    )
    from faasguard.guard.ratelimit import RateLimit
    from faasguard.guard.secrets import Secrets, SecretUnavailable, SecretValue
    from faasguard.guard.secrets_backends import (
        EnvProvider,
        SecretsManagerProvider,
        SsmProvider,
        VaultProvider,
    )
    from faasguard.guard.stores import DynamoDBStore, MemoryStore, RedisStore
    from faasguard.guard.validation import ContentType, ModelCheck, SchemaCheck

_LAZY: dict[str, str] = {
    "azure_guard": "faasguard.guard.adapters.azure",
    "gcp_guard": "faasguard.guard.adapters.gcp",
    "ApiKeyAuth": "faasguard.guard.auth",
    "JWTAuth": "faasguard.guard.auth",
    "Rbac": "faasguard.guard.auth",
    "cognito_jwt": "faasguard.guard.auth",
    "BehaviourPolicy": "faasguard.guard.behaviour",
    "BehaviourViolation": "faasguard.guard.behaviour",
    "Detection": "faasguard.guard.detect",
    "DetectionKind": "faasguard.guard.detect",
    "InjectionCheck": "faasguard.guard.detect",
    "HmacSignature": "faasguard.guard.integrity",
    "ReplayProtection": "faasguard.guard.integrity",
    "SnsSignature": "faasguard.guard.integrity",
    "handler_middleware": "faasguard.guard.powertools",
    "powertools_decorator": "faasguard.guard.powertools",
    "resolver_middleware": "faasguard.guard.powertools",
    "RateLimit": "faasguard.guard.ratelimit",
    "BodyLimit": "faasguard.guard.limits",
    "FieldLimits": "faasguard.guard.limits",
    "TimeBudget": "faasguard.guard.limits",
    "ContentType": "faasguard.guard.validation",
    "ModelCheck": "faasguard.guard.validation",
    "SchemaCheck": "faasguard.guard.validation",
    "SecretUnavailable": "faasguard.guard.secrets",
    "SecretValue": "faasguard.guard.secrets",
    "Secrets": "faasguard.guard.secrets",
    "EnvProvider": "faasguard.guard.secrets_backends",
    "SecretsManagerProvider": "faasguard.guard.secrets_backends",
    "SsmProvider": "faasguard.guard.secrets_backends",
    "VaultProvider": "faasguard.guard.secrets_backends",
    "DynamoDBStore": "faasguard.guard.stores",
    "MemoryStore": "faasguard.guard.stores",
    "RedisStore": "faasguard.guard.stores",
}

__all__ = [
    "AllowLog",
    "ApiKeyAuth",
    "BehaviourPolicy",
    "BehaviourViolation",
    "BodyLimit",
    "Check",
    "ContentType",
    "Decision",
    "Detection",
    "DetectionKind",
    "DynamoDBStore",
    "EnvProvider",
    "EventKind",
    "FieldLimits",
    "Guard",
    "GuardConfigError",
    "GuardRejected",
    "GuardViolation",
    "HmacSignature",
    "InjectionCheck",
    "JWTAuth",
    "MemoryStore",
    "Mode",
    "ModelCheck",
    "OnReject",
    "Outcome",
    "RateLimit",
    "Rbac",
    "Redactor",
    "RedisStore",
    "ReplayProtection",
    "Request",
    "SchemaCheck",
    "SecretUnavailable",
    "SecretValue",
    "Secrets",
    "SecretsManagerProvider",
    "SecurityLogger",
    "SnsSignature",
    "SsmProvider",
    "TimeBudget",
    "VaultProvider",
    "azure_guard",
    "cognito_jwt",
    "current_request",
    "current_requests",
    "detect",
    "gcp_guard",
    "guard",
    "handler_middleware",
    "normalize",
    "powertools_decorator",
    "redact",
    "resolver_middleware",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


class _CallableModule(types.ModuleType):
    """``faasguard.guard.detect`` is a package and the function ``detect(text)`` at once."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.detect(*args, **kwargs)


class _GuardModule(types.ModuleType):
    """The class of this package's module object.

    Importing the subpackage ``faasguard.guard.detect`` makes the import system set the
    attribute ``detect`` of this package to the subpackage, hiding the function of the same name.
    This property always answers the subpackage made callable, so ``faasguard.guard.detect(s)``,
    ``from faasguard.guard import detect`` and ``from faasguard.guard.detect import X`` all work,
    in any import order.
    """

    @property
    def detect(self) -> Any:
        module = importlib.import_module("faasguard.guard.detect")
        if not callable(module):
            module.__class__ = _CallableModule
        return module

    @detect.setter
    def detect(self, value: Any) -> None:
        """Set by the import system to the subpackage; the getter finds it in sys.modules."""


sys.modules[__name__].__class__ = _GuardModule
