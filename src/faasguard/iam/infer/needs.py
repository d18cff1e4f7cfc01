"""From an SDK call to the permissions it needs: actions from the call map, resources from the
call's parameters resolved through the template, and the KMS actions a customer managed key
on the target adds.

Every :class:`Need` says where it comes from (the line of code) and how sure it is: HIGH when
the resource is known (a literal name, a template resource), MEDIUM when only part of it is
(a key prefix, an e-mail identity that may be the address or its domain, a condition that
cannot be decided), LOW when the resource is unknown and the narrowest honest wildcard stands
in for it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from faasguard.core.enums import Confidence
from faasguard.core.location import Location
from faasguard.iam.infer import params
from faasguard.iam.infer.arn import STAR, Arn, Part, RefPart, fill, template_variables
from faasguard.iam.infer.callmap import CallMap, Candidate, Variant
from faasguard.iam.infer.calls import OpCall, SdkCall
from faasguard.iam.infer.keys import customer_key
from faasguard.iam.infer.resolve import Alt, AppValue, FunctionContext, Known, Missing

_RANK = {Confidence.HIGH: 2, Confidence.MEDIUM: 1, Confidence.LOW: 0}
MAX_COMBINATIONS = 8


@dataclass(frozen=True, slots=True)
class Need:
    action: str
    resource: Arn
    confidence: Confidence
    location: Location
    reason: str  # what asks for it: "dynamodb.put_item", "SQS trigger OrderQueueEvent"
    about: str | None = None  # the template resource the ARN names (or names a part of)
    whole: bool = False  # the ARN is exactly `about`'s own ARN (not an object or index of it)
    platform: bool = False  # needed by the Lambda service (logs, polling), not by the code
    extra: bool = False  # a KMS action for a customer managed key (a key policy may grant it)
    delivery: bool = False  # Lambda delivering failed events (dead-letter, on-failure target)


@dataclass(frozen=True, slots=True)
class Gap:
    """Something inference could not work out (the JSON form's ``unresolved``)."""

    message: str
    location: Location


def lowest(*found: Confidence) -> Confidence:
    return min(found, key=_RANK.__getitem__, default=Confidence.HIGH)


@dataclass(frozen=True, slots=True)
class _Wild:
    """A variable no value fills."""


_WILD = _Wild()
VarValue = Alt | _Wild


@dataclass(frozen=True, slots=True)
class _Filled:
    arn: Arn
    confidence: Confidence
    about: str | None
    gaps: tuple[str, ...] = ()
    whole: bool = False


class NeedBuilder:
    def __init__(self, cmap: CallMap, ctx: FunctionContext) -> None:
        self.cmap = cmap
        self.ctx = ctx

    def from_call(self, call: SdkCall) -> tuple[list[Need], list[Gap]]:
        where = call.location
        if call.creds:
            why = (
                f"{call.label} uses a client with its own credentials: not this role's permissions"
            )
            return [], [Gap(why, where)]
        if call.problem:
            return [], [Gap(f"{call.label}: {call.problem}", where)]
        needs: list[Need] = []
        gaps: list[Gap] = []
        for op in call.ops:
            found, missing = self._operation(op, call)
            needs.extend(found)
            gaps.extend(Gap(message, where) for message in missing)
        return needs, _unique(gaps)

    def _operation(self, op: OpCall, call: SdkCall) -> tuple[list[Need], list[str]]:
        spec = self.cmap.service(op.service)
        if spec is None:
            return [], [f"{call.label}: unknown service {op.service}"]
        if self.cmap.is_permissionless(spec, op.operation):
            return [], []
        variants = spec.variants(op.operation)
        if variants is None:
            return [], [f"{call.label}: no IAM action is known for {op.service} {op.operation}"]
        needs: list[Need] = []
        gaps: list[str] = []
        for variant in variants:
            holds = params.condition(op, variant.conditions)
            if holds is False:
                continue
            cap = Confidence.MEDIUM if holds is None or variant.naive else Confidence.HIGH
            for filled in self._resources(variant, op):
                confidence = lowest(filled.confidence, cap)
                needs.append(
                    Need(
                        variant.action,
                        filled.arn,
                        confidence,
                        call.location,
                        call.label,
                        filled.about,
                        filled.whole,
                    )
                )
                gaps.extend(f"{call.label}: {why}" for why in filled.gaps)
        needs.extend(self._kms(op, needs, call))
        return needs, gaps

    def _kms(self, op: OpCall, needs: list[Need], call: SdkCall) -> Iterator[Need]:
        extras = self.cmap.kms_extras(op.service, op.operation)
        if not extras:
            return
        for about in sorted({n.about for n in needs if n.about}):
            key = customer_key(self.ctx, about)
            if key is None:
                continue
            arn, confidence = key
            reason = f"{call.label} (customer managed key of {about})"
            for action in extras:
                yield Need(action, arn, confidence, call.location, reason, extra=True)

    # ------------------------------------------------------------------ resources
    def _resources(self, variant: Variant, op: OpCall) -> list[_Filled]:
        """The first candidate whose parameters are surely passed wins; candidates whose
        parameters may be passed (``**kwargs`` the analysis cannot see) are added to it."""
        found: list[_Filled] = []
        for candidate in variant.candidates:
            if candidate.star is not None:
                presence = params.lookup(op, candidate.star)
                if presence.present or presence.unknown:
                    found.append(_Filled(STAR, Confidence.HIGH, None))
                    if presence.present:
                        return found
                continue
            if candidate.arn is not None:
                alts, maybe = self._source(candidate.arn, op)
                if alts is None:
                    continue
                found.extend(self._whole(alt, variant) for alt in alts)
            else:
                alts_typed, maybe = self._typed(candidate, op)
                if alts_typed is None:
                    continue
                found.extend(alts_typed)
            if not maybe:
                return found
        if variant.wildcard is None:
            return [*found, _Filled(STAR, Confidence.HIGH, None)]
        return [*found, _Filled(fill(variant.wildcard, {}), Confidence.LOW, None)]

    def _typed(self, candidate: Candidate, op: OpCall) -> tuple[list[_Filled] | None, bool]:
        assert candidate.template is not None
        per_var: dict[str, list[tuple[VarValue, Any]]] = {}
        uncertain = False
        for var, source in candidate.sources:
            alts, maybe = self._source(source, op)
            if alts is None:
                return None, False  # a parameter this candidate needs is not passed
            uncertain = uncertain or maybe
            per_var[var] = [(alt, source) for alt in alts]
        names = list(per_var)
        primary = template_variables(candidate.template)[:1]
        results: list[_Filled] = []
        for combo in itertools.islice(itertools.product(*per_var.values()), MAX_COMBINATIONS):
            chosen = dict(zip(names, combo, strict=True))
            results.extend(self._combine(candidate.template, chosen, primary))
        return results, uncertain

    def _combine(
        self, template: str, chosen: dict[str, tuple[VarValue, Any]], primary: list[str]
    ) -> list[_Filled]:
        values: dict[str, list[tuple[Part, ...]]] = {}
        confidence = Confidence.HIGH
        about: str | None = None
        gaps: list[str] = []
        for var, (alt, source) in chosen.items():
            main = var in primary
            if isinstance(alt, AppValue):
                whole = self._app_whole(alt, template, var)
                if whole is not None:
                    return [_Filled(whole, Confidence.HIGH, alt.resource, whole=True)]
                parts = self._app_var(alt, var)
                if parts is None:
                    values[var] = [("*",)]
                    if main:
                        confidence = lowest(confidence, Confidence.LOW)
                        gaps.append(
                            f"{alt.via} names {alt.resource}, which is not what {var} needs"
                        )
                    continue
                if all(isinstance(p, str) for p in parts):  # a declared literal name
                    values[var] = _transform(Known(Arn.of(*parts)), source)[0]
                else:
                    values[var] = [parts]
                about = alt.resource if main or about is None else about
                continue
            found, level, why = _transform(alt, source)
            values[var] = found
            if main:  # an unknown object key or index name is the natural narrowing: not a gap
                confidence = lowest(confidence, level)
                if why:
                    gaps.append(why)
        arns = [
            fill(template, dict(zip(values, combo, strict=True)))
            for combo in itertools.islice(itertools.product(*values.values()), MAX_COMBINATIONS)
        ]
        own = self._own_template(about) if about is not None else None
        if about is not None and own == template and len(arns) == 1 and not arns[0].literal:
            ref = self.ctx.arn_part(about)  # the resource's own ARN: say so (!GetAtt X.Arn)
            names = self.ctx.name_parts(about) or ()
            if ref is not None and any(isinstance(p, RefPart) for p in names):
                return [_Filled(Arn.of(ref), confidence, about, tuple(gaps), True)]
        return [_Filled(arn, confidence, about, tuple(gaps), own == template) for arn in arns]

    def _own_template(self, resource: str) -> str | None:
        kind = self.ctx.kind(resource)
        return self.cmap.arn_template(*kind.sar) if kind is not None else None

    def _app_var(self, alt: AppValue, var: str) -> tuple[Part, ...] | None:
        kind = self.ctx.kind(alt.resource)
        if kind is None:
            return None
        own = self.cmap.arn_template(*kind.sar)
        if own is None or var not in template_variables(own):
            return None
        return self.ctx.name_parts(alt.resource)

    def _app_whole(self, alt: AppValue, template: str, var: str) -> Arn | None:
        """The resource's own ARN reference when the template is exactly its ARN and no
        expression gives the variable (a secret's name lacks its random suffix)."""
        kind = self.ctx.kind(alt.resource)
        if kind is None or self.cmap.arn_template(*kind.sar) != template:
            return None
        if self.ctx.name_parts(alt.resource) is not None:
            return None
        ref = self.ctx.arn_part(alt.resource)
        return Arn.of(ref) if ref is not None else None

    def _whole(self, alt: VarValue, variant: Variant) -> _Filled:
        if isinstance(alt, Known):
            text = alt.arn.render()
            if alt.exact and (not alt.arn.literal or text.startswith("arn:")):
                return _Filled(alt.arn, Confidence.HIGH, None)
            if not alt.exact and text.startswith("arn:"):
                return _Filled(alt.arn + Arn.of("*"), Confidence.MEDIUM, None)
        if isinstance(alt, AppValue):
            ref = self.ctx.arn_part(alt.resource)
            kind = self.ctx.kind(alt.resource)
            if ref is not None:
                return _Filled(Arn.of(ref), Confidence.HIGH, alt.resource, whole=True)
            parts = self.ctx.name_parts(alt.resource)
            own = self.cmap.arn_template(*kind.sar) if kind is not None else None
            if own is not None and parts is not None:
                var = template_variables(own)[0]
                return _Filled(fill(own, {var: parts}), Confidence.HIGH, alt.resource, whole=True)
        why = alt.reason if isinstance(alt, Missing) else "the ARN is computed"
        arn = fill(variant.wildcard, {}) if variant.wildcard else STAR
        level = Confidence.LOW if variant.wildcard else Confidence.HIGH
        return _Filled(arn, level, None, (why,))

    def _source(self, source: Any, op: OpCall) -> tuple[list[VarValue] | None, bool]:
        """The values of one source spec (None when its parameter is not passed), and whether
        the parameter may be absent after all (it is only known to be possibly passed)."""
        if source == "*":
            return [_WILD], False
        if isinstance(source, str):
            return self._path(source, op, None)
        if "lit" in source:
            return [Known(Arn.of(str(source["lit"])))], False
        if "keys" in source:
            return self._alts(params.keys(op, source["keys"]))
        if "many" in source:
            found = [self._path(p, op, None) for p in source["many"]]
            merged = [alt for alts, _ in found for alt in alts or []]
            return (merged or None), any(maybe for _, maybe in found)
        return self._path(source["p"], op, source.get("default"))

    def _path(
        self, path: str, op: OpCall, default: str | None
    ) -> tuple[list[VarValue] | None, bool]:
        found = params.lookup(op, path)
        alts, maybe = self._alts(found)
        if default is not None and (alts is None or found.unknown):
            return [*(alts or []), Known(Arn.of(default))], False
        return alts, maybe

    def _alts(self, found: params.Found) -> tuple[list[VarValue] | None, bool]:
        if not found.present:
            return ([Missing("computed at run time")], True) if found.unknown else (None, False)
        alts: list[VarValue] = []
        for values in found.leaves:
            alts.extend(self.ctx.resolve(values))
        return (alts[:MAX_COMBINATIONS] or None), False


def _transform(alt: VarValue, source: Any) -> tuple[list[tuple[Part, ...]], Confidence, str]:
    """Parts for one ARN variable from a known or missing value, with the source's transform
    (regex group, suffix, secret suffix, e-mail identity)."""
    spec: dict[str, Any] = source if isinstance(source, dict) else {}
    if isinstance(alt, _Wild):
        return [("*",)], Confidence.LOW, ""
    if isinstance(alt, Missing):
        return [("*",)], Confidence.LOW, alt.reason
    if "unknown" in spec:
        return [("*",)], Confidence.LOW, spec["unknown"]
    assert isinstance(alt, Known)
    if not alt.exact:
        return [(*alt.arn.parts, "*")], Confidence.HIGH, ""
    text = alt.arn.render() if alt.arn.literal else None
    if text is None:
        return [alt.arn.parts], Confidence.HIGH, ""
    if spec.get("re"):
        match = re.search(spec["re"], text)
        if match is None or match.group(1) is None:
            return (
                [("*",)],
                Confidence.LOW,
                f"{text!r} is not a value faasguard can place in an ARN",
            )
        text = match.group(1)
    if spec.get("secret") and not text.startswith("arn:"):
        text = f"{text}-??????"  # secret ARNs end in a random six-character suffix
    elif spec.get("secret"):
        text = text.split(":secret:", 1)[-1]
    if spec.get("email") and "@" in text:
        return [(text,), (text.rsplit("@", 1)[1],)], Confidence.MEDIUM, ""
    return [(text + spec.get("suffix", ""),)], Confidence.HIGH, ""


def _unique(gaps: list[Gap]) -> list[Gap]:
    return list(dict.fromkeys(gaps))


__all__ = ["Gap", "Need", "NeedBuilder", "lowest"]
