"""The ``@guard(...)`` decorator and the :class:`Guard` engine behind it.

Checks run in order on each normalised :class:`Request`. A :class:`GuardViolation` rejects; any
other exception inside a check also rejects (fail closed, rule ``guard.internal``). HTTP events
are answered with a neutral error response; SQS, Kinesis and DynamoDB stream batches get a partial
batch response naming only the rejected records, and the handler sees the event without them; SNS
and S3 records are filtered the same way (no partial batch response exists for them); other events
are dropped or raise :class:`GuardRejected`, as ``on_reject`` says.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from faasguard.guard._request import EventKind, Mode, Request, check_name
from faasguard.guard.adapters.aws import RECORD_BUILDERS, build_record, build_single, detect_kind
from faasguard.guard.errors import GuardConfigError, GuardRejected, GuardViolation
from faasguard.guard.logging import Outcome, SecurityLogger
from faasguard.guard.responses import batch_response, http_response

__all__ = [
    "CheckFn",
    "Decision",
    "Guard",
    "OnReject",
    "current_request",
    "current_requests",
    "guard",
]

CheckFn = Callable[[Request], None]
Handler = Callable[[Any, Any], Any]

_CURRENT: ContextVar[tuple[Request, ...]] = ContextVar("faasguard_guard_requests", default=())


def current_request() -> Request | None:
    """The accepted request of the invocation being handled (``None`` for record events)."""
    requests = _CURRENT.get()
    return requests[0] if len(requests) == 1 and requests[0].record_id is None else None


def current_requests() -> tuple[Request, ...]:
    """The accepted requests, in the order of the records the handler receives."""
    return _CURRENT.get()


class OnReject(enum.Enum):
    """What to do with a rejected event that has no HTTP answer and no partial batch response."""

    DROP = "drop"  # log it, do not call the handler, return None (no retry)
    RAISE = "raise"  # raise GuardRejected: the platform retries, then dead-letters


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of running the checks on one request."""

    outcome: Outcome
    rule: str
    check: str | None = None
    violation: GuardViolation | None = None

    @property
    def allowed(self) -> bool:
        return self.outcome is not Outcome.BLOCK


_ALLOW = "guard.allow"
_ALLOWED = Decision(Outcome.ALLOW, _ALLOW)  # frozen: one instance serves every allowed request
_ID_KEYS = {
    EventKind.SQS: ("messageId",),
    EventKind.KINESIS: ("kinesis", "sequenceNumber"),
    EventKind.DYNAMODB_STREAM: ("dynamodb", "SequenceNumber"),
}


def _raw_record_id(kind: EventKind, record: Any) -> str | None:
    value: Any = record
    for key in _ID_KEYS.get(kind, ()):
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, str) and value else None


class Guard:
    """A compiled list of checks with a logger; ``wrap`` turns it into a handler decorator."""

    def __init__(
        self,
        checks: Sequence[CheckFn],
        *,
        logger: SecurityLogger | None = None,
        internal_status: int = 403,
        on_reject: OnReject | None = None,
        behaviour: Any = None,
    ) -> None:
        for check in checks:
            if not callable(check):
                raise GuardConfigError(f"not a check (not callable): {check!r}")
        if internal_status not in (400, 403):
            raise GuardConfigError("internal_status must be 400 or 403")
        self.checks: tuple[tuple[CheckFn, str], ...] = tuple((c, check_name(c)) for c in checks)
        self.logger = logger or SecurityLogger()
        self.internal_status = internal_status
        self.on_reject = on_reject
        self.behaviour = behaviour

    # -- evaluation -------------------------------------------------------------------------
    def evaluate(self, request: Request) -> Decision:
        """Run every check on ``request``, log the decision and its alerts, return it."""
        logged_alerts = 0
        for check, name in self.checks:
            try:
                check(request)
            except GuardViolation as violation:
                self._log_alerts(request, name, logged_alerts)
                return self._block(request, violation, name)
            except Exception as exc:  # fail closed: a broken check rejects
                self._log_alerts(request, name, logged_alerts)
                internal = GuardViolation(
                    self.internal_status, "guard.internal", f"{type(exc).__name__}: {exc}"
                )
                return self._block(request, internal, name)
            if len(request.alerts) > logged_alerts:
                logged_alerts = self._log_alerts(request, name, logged_alerts)
        self.logger.decision(request, Outcome.ALLOW, _ALLOW)
        return _ALLOWED

    def reject(self, request: Request, violation: GuardViolation, check: str | None) -> Decision:
        """Log and return a block decision made outside the checks (e.g. a malformed event)."""
        return self._block(request, violation, check)

    def _block(self, request: Request, violation: GuardViolation, check: str | None) -> Decision:
        self.logger.decision(
            request,
            Outcome.BLOCK,
            violation.rule,
            status=violation.status,
            check=check,
            detail=violation.detail,
        )
        return Decision(Outcome.BLOCK, violation.rule, check, violation)

    def _log_alerts(self, request: Request, check: str, already: int) -> int:
        alerts = request.alerts
        for violation in alerts[already:]:
            self.logger.decision(
                request,
                Outcome.ALERT,
                violation.rule,
                status=violation.status,
                check=check,
                detail=violation.detail,
            )
        return len(alerts)

    # -- invocation ---------------------------------------------------------------------------
    def handle(self, handler: Handler, event: Any, context: Any) -> Any:
        """Run the checks on ``event`` and call ``handler`` with what passed."""
        kind = detect_kind(event)
        if kind in RECORD_BUILDERS:
            return self._handle_records(kind, handler, event, context)
        try:
            request = build_single(kind, event, context)
        except GuardViolation as violation:
            stub = Request(kind=kind, raw=event, context=context)
            decision = self.reject(stub, violation, "normalize")
            return self._answer(kind, decision, event)
        decision = self.evaluate(request)
        if not decision.allowed:
            return self._answer(kind, decision, event)
        return self.call(handler, (request,), event, context)

    def call(
        self, handler: Callable[..., Any], accepted: Sequence[Request], *args: Any, **kwargs: Any
    ) -> Any:
        """Call ``handler`` with ``accepted`` as the current requests and the policy active."""
        token = _CURRENT.set(tuple(accepted))
        try:
            if self.behaviour is None:
                return handler(*args, **kwargs)
            from faasguard.guard.behaviour import activate

            with activate(self.behaviour, self.logger):
                return handler(*args, **kwargs)
        finally:
            _CURRENT.reset(token)

    async def acall(
        self, handler: Callable[..., Any], accepted: Sequence[Request], *args: Any, **kwargs: Any
    ) -> Any:
        """:meth:`call` for a coroutine function: awaits it inside the same scope."""
        token = _CURRENT.set(tuple(accepted))
        try:
            if self.behaviour is None:
                return await handler(*args, **kwargs)
            from faasguard.guard.behaviour import activate

            with activate(self.behaviour, self.logger):
                return await handler(*args, **kwargs)
        finally:
            _CURRENT.reset(token)

    def _answer(self, kind: EventKind, decision: Decision, event: Any) -> Any:
        violation = decision.violation or GuardViolation(403, decision.rule)
        if kind.is_http:
            return http_response(kind, violation, event)
        mode = self.on_reject or (OnReject.RAISE if kind is EventKind.UNKNOWN else OnReject.DROP)
        if mode is OnReject.RAISE:
            raise GuardRejected(violation.status)
        return None

    def _handle_records(
        self, kind: EventKind, handler: Handler, event: dict[str, Any], context: Any
    ) -> Any:
        kept: list[Any] = []
        accepted: list[Request] = []
        failed: list[str] = []
        first_violation: GuardViolation | None = None
        for record in event["Records"]:
            request, decision = self._record_decision(kind, record, context)
            if decision.allowed:
                kept.append(record)
                accepted.append(request)
                continue
            first_violation = first_violation or decision.violation
            record_id = request.record_id or _raw_record_id(kind, record)
            if kind.is_batch and record_id is None:
                raise GuardRejected(400)  # cannot name it: fail the whole batch
            failed.append(record_id or "")
        if first_violation is not None and not kind.is_batch and self.on_reject is OnReject.RAISE:
            raise GuardRejected(first_violation.status)
        if not kept:
            return batch_response(failed) if kind.is_batch else None
        filtered = event if not failed else {**event, "Records": kept}
        result = self.call(handler, accepted, filtered, context)
        return batch_response(failed, result) if kind.is_batch else result

    def _record_decision(
        self, kind: EventKind, record: Any, context: Any
    ) -> tuple[Request, Decision]:
        try:
            request = build_record(kind, record, context)
        except GuardViolation as violation:
            stub = Request(kind=kind, raw=record, context=context)
            stub.record_id = _raw_record_id(kind, record)
            return stub, self.reject(stub, violation, "normalize")
        return request, self.evaluate(request)

    def wrap(self, handler: Handler) -> Handler:
        """Decorate a Lambda handler ``(event, context)``."""

        @functools.wraps(handler)
        def guarded(event: Any, context: Any = None) -> Any:
            return self.handle(handler, event, context)

        guarded.__faasguard__ = self  # type: ignore[attr-defined]
        return guarded

    __call__ = wrap


def build_checks(
    checks: Iterable[CheckFn],
    *,
    schema: Any = None,
    model: Any = None,
    part: Any = "body",
    max_body_bytes: int | None = None,
    field_limits: bool | dict[str, Any] = False,
    content_types: Iterable[str] | None = None,
    min_remaining_ms: int | None = None,
    budget_mode: Mode = Mode.BLOCK,
) -> list[CheckFn]:
    """The check list for the keyword sugar of :func:`guard`, in its fixed order.

    Time budget, body size, content type and field limits run first (cheap, and they bound the
    work of later checks); then the positional checks in the order given; then schema or model
    validation.
    """
    from faasguard.guard import limits, validation

    if schema is not None and model is not None:
        raise GuardConfigError("pass schema= or model=, not both")
    out: list[CheckFn] = []
    if min_remaining_ms is not None:
        out.append(limits.TimeBudget(min_remaining_ms, mode=budget_mode))
    if max_body_bytes is not None:
        out.append(limits.BodyLimit(max_body_bytes))
    if content_types is not None:
        out.append(validation.ContentType(content_types))
    if field_limits:
        options = field_limits if isinstance(field_limits, dict) else {}
        out.append(limits.FieldLimits(**options))
    out.extend(checks)
    if schema is not None:
        out.append(validation.SchemaCheck(schema, part=part))
    if model is not None:
        out.append(validation.ModelCheck(model, part=part))
    return out


def guard(
    *checks: CheckFn,
    schema: Any = None,
    model: Any = None,
    part: Any = "body",
    max_body_bytes: int | None = None,
    field_limits: bool | dict[str, Any] = False,
    content_types: Iterable[str] | None = None,
    min_remaining_ms: int | None = None,
    budget_mode: Mode = Mode.BLOCK,
    logger: SecurityLogger | None = None,
    behaviour: Any = None,
    on_reject: OnReject | None = None,
    internal_status: int = 403,
) -> Guard:
    """Build a :class:`Guard`; use it as a decorator: ``@guard(JWTAuth(...), schema=S)``.

    Everything is compiled here, at decoration (cold start); a misconfiguration raises
    :class:`GuardConfigError` then, not on the first request.
    """
    built = build_checks(
        checks,
        schema=schema,
        model=model,
        part=part,
        max_body_bytes=max_body_bytes,
        field_limits=field_limits,
        content_types=content_types,
        min_remaining_ms=min_remaining_ms,
        budget_mode=budget_mode,
    )
    return Guard(
        built,
        logger=logger,
        internal_status=internal_status,
        on_reject=on_reject,
        behaviour=behaviour,
    )
