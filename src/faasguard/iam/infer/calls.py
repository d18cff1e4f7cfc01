"""What call discovery finds: the AWS operations a line of code sends, with the values passed.

An :class:`SdkCall` is one call site (``table.put_item(...)``, ``s3.upload_file(...)``,
``parameters.get_secret(...)``); it stands for one or more :class:`OpCall` s, the service
operations actually sent (``upload_file`` sends PutObject and the multipart operations).
Parameter values are abstract (:mod:`faasguard.iam.infer.values`) and still hold environment
variables and event fields: each deployed function resolves them against its own template.
"""

from __future__ import annotations

from dataclasses import dataclass

from faasguard.core.location import Location
from faasguard.iam.infer.values import Values


@dataclass(frozen=True, slots=True)
class Args:
    """The arguments of one call, evaluated."""

    positional: tuple[Values, ...] = ()
    keywords: tuple[tuple[str, Values], ...] = ()
    open: bool = False  # *args or **kwargs that could not be expanded

    def get(self, position: int | None, name: str | None) -> Values | None:
        """The value passed at `position` or as keyword `name`."""
        if name is not None:
            for key, values in self.keywords:
                if key == name:
                    return values
        if position is not None and position < len(self.positional):
            return self.positional[position]
        return None

    def named(self) -> dict[str, Values]:
        return dict(self.keywords)


@dataclass(frozen=True, slots=True)
class OpCall:
    service: str  # boto3 service name
    operation: str  # botocore operation name
    params: tuple[tuple[str, Values], ...] = ()
    open: bool = False  # may carry parameters the code passes in ways not followed (**kw)

    def param(self, name: str) -> Values | None:
        for key, values in self.params:
            if key == name:
                return values
        return None


@dataclass(frozen=True, slots=True)
class SdkCall:
    scope: str  # the function (or module) whose code makes the call
    location: Location
    label: str  # what the code calls, e.g. "s3.put_object", "Table.put_item"
    ops: tuple[OpCall, ...] = ()
    creds: bool = False  # the client has its own credentials: the role is not used
    problem: str = ""  # why the call could not be mapped to operations

    @property
    def line(self) -> int:
        return self.location.start_line


__all__ = ["Args", "OpCall", "SdkCall"]
