"""Pieces of the IAM call map build: the action catalogue, the conversion of iam-dataset
map entries into the shipped variant form, and the other inputs (KMS extras, transfer
helpers, Powertools). See :mod:`faasguard.tools.build_iam_calls`."""

from __future__ import annotations

import re
from typing import Any

JSON = dict[str, Any]
_PSEUDO = frozenset({"Partition", "Region", "Account"})
_VAR = re.compile(r"\$\{([^}]+)\}")
# The map's "last segment of a queue URL" also accepts a bare queue name here.
_SQS_URL = {"^.+\\/(.+?)$": "^(?:.*/)?([^/]+)$"}


class Catalogue:
    """The Service Authorization Reference: action spelling, resource types, ARN templates."""

    def __init__(self, sar: JSON) -> None:
        self.sar = sar
        self.actions = {
            prefix: {name.lower(): name for name in service["actions"]}
            for prefix, service in sar.items()
        }

    def spell(self, action: str) -> str | None:
        prefix, _, name = action.partition(":")
        found = self.actions.get(prefix.lower(), {}).get(name.lower())
        return f"{prefix.lower()}:{found}" if found else None

    def types(self, action: str) -> list[tuple[str, bool]]:
        prefix, _, name = action.partition(":")
        entry = self.sar[prefix]["actions"][name]
        return [(t.rstrip("*"), t.endswith("*")) for t in entry[1]]

    def arn(self, prefix: str, rtype: str) -> str | None:
        templates: dict[str, str] = self.sar[prefix].get("resource_types", {})
        found = templates.get(rtype)
        if found is None:  # the map spells some types in another case (statemachine)
            lowered = {k.lower(): v for k, v in templates.items()}
            found = lowered.get(rtype.lower())
        return found

    def type_name(self, prefix: str, rtype: str) -> str:
        templates: dict[str, str] = self.sar[prefix].get("resource_types", {})
        for name in templates:
            if name.lower() == rtype.lower():
                return name
        return rtype


def convert_source(template: str) -> Any:
    """An iam-dataset template (``${P}``, ``%%regex%${P}%/re/g%%``, ``%%iftruthy%...``) as a
    source spec of the shipped format, or None when it cannot be followed statically."""
    if template == "*":
        return "*"
    simple = re.fullmatch(r"\$\{([^}]+)\}", template)
    if simple:
        return simple.group(1)
    regex = re.fullmatch(r"%%regex%\$\{([^}]+)\}%/(.*)/g%%(\*?)", template, re.DOTALL)
    if regex:
        pattern = regex.group(2).replace("\\\\", "\\")
        spec: JSON = {"p": regex.group(1), "re": _SQS_URL.get(pattern, pattern)}
        if regex.group(3):
            spec["suffix"] = "*"
        return spec
    truthy = re.fullmatch(r"%%iftruthy%\$\{([^}]+)\}%\$\{([^}]+)\}%([^%]*)%%", template)
    if truthy and truthy.group(1) == truthy.group(2):
        return {"p": truthy.group(1), "default": truthy.group(3)}
    many = re.fullmatch(r"%%many%((?:\$\{[^}]+\}%?)+)%", template)
    if many:
        return {"many": _VAR.findall(many.group(1))}
    if not _VAR.search(template) and "%" not in template:
        return {"lit": template}
    return None


def convert_variant(cat: Catalogue, variant: JSON, action: str) -> JSON:
    """One map variant in the shipped form: the action, resource candidates, condition."""
    prefix = action.split(":")[0]
    out: JSON = {"a": action, "r": []}
    for template in (variant.get("resourcearn_mappings") or {}).values():
        source = convert_source(template)
        if isinstance(source, str) and source != "*":
            out["r"].append({"arn": source})
    override = variant.get("arn_override")
    mappings = {
        var: convert_source(spec["template"])
        for var, spec in (variant.get("resource_mappings") or {}).items()
        if not spec.get("conditions")
    }
    usable = {var: src for var, src in mappings.items() if src is not None}
    if override:
        tpl = re.sub(r"%%regex%\$\{([^}]+)\}%/(.*?)/g%%", r"${\1}", override["template"])
        variables = {v for v in _VAR.findall(tpl) if v not in _PSEUDO}
        out["r"].append({"tpl": tpl, "v": {v: v for v in variables}})
    elif usable:
        out["r"].extend(_typed_candidates(cat, prefix, action, usable))
    condition = variant.get("conditions")
    if condition:
        converted = _condition(condition)
        if converted is None:
            out["if"] = [["?", "unknown"]]
        else:
            out["if"] = converted
    return out


def _typed_candidates(cat: Catalogue, prefix: str, action: str, usable: JSON) -> list[JSON]:
    candidates = []
    for rtype, _required in cat.types(action):
        template = cat.arn(prefix, rtype)
        if template is None:
            continue
        wanted = {v for v in _VAR.findall(template) if v not in _PSEUDO}
        if wanted and wanted <= set(usable):
            candidates.append({"t": rtype, "v": {v: usable[v] for v in sorted(wanted)}})
    candidates.sort(key=lambda c: -len(c["v"]))  # the most specific type first
    return candidates


_OPS = {"Exists": "exists", "NotExists": "absent", "Equals": "equals", "NotEquals": "not-equals"}


def _condition(condition: JSON) -> list[list[str]] | None:
    found: list[list[str]] = []
    while condition:
        op = _OPS.get(condition.get("op", ""))
        if op is None and condition.get("op") == "IContains":
            op = "icontains"
        if op is None:
            return None
        entry = [condition["lhs"], op]
        if "rhs" in condition:
            entry.append(str(condition["rhs"]))
        found.append(entry)
        condition = condition.get("andCondition") or {}
    return found


def kms_extras(inputs: JSON) -> dict[str, list[str]]:
    extras: dict[str, list[str]] = {}
    for service, ops in inputs["fas"].items():
        for op in ops:
            kms = [
                f"kms:{f['Operation']}"
                for f in op.get("FasOperations", ())
                if f["Service"] == "kms"
            ]
            if kms:
                extras[f"{service}.{op['Name']}"] = kms
    for key, actions in inputs["corrections"]["kms"].items():
        if key != "description":
            extras[key] = list(actions)
    return {k: v for k, v in sorted(extras.items()) if v}


def helpers(inputs: JSON) -> JSON:
    """Transfer-manager methods: client methods and Bucket/Object resource methods."""
    out: JSON = {"client": {}, "resource": {}}
    for service, spec in inputs["utilities"].items():
        for method, entry in spec.get("client_methods", {}).items():
            out["client"].setdefault(service, {})[method] = {
                "ops": [o["operation"] for o in entry["operations"]],
                "args": entry["accepted_params"],
            }
        for rtype, methods in spec.get("resource_methods", {}).items():
            for method, entry in methods.items():
                if method == "load" or not entry["operations"]:
                    continue
                ids = {
                    m["target_param"]: m["constructor_arg_index"]
                    for m in entry.get("identifier_mappings", [])
                }
                out["resource"].setdefault(service, {}).setdefault(rtype, {})[method] = {
                    "ops": [o["operation"] for o in entry["operations"]],
                    "args": entry["accepted_params"],
                    "ids": ids,
                }
    # s3transfer reads the object's size first (HeadObject, authorised as s3:GetObject).
    for table in (out["client"].get("s3", {}), *out["resource"].get("s3", {}).values()):
        for method in ("download_file", "download_fileobj"):
            if method in table and "HeadObject" not in table[method]["ops"]:
                table[method]["ops"].insert(0, "HeadObject")
    transfer = dict(inputs["corrections"]["helpers"])
    transfer.pop("description", None)
    out["transfer"] = transfer
    return out


def powertools(inputs: JSON) -> JSON:
    """Powertools helpers: Autopilot's model, completed and given parameters by our table."""
    curated = dict(inputs["corrections"]["powertools"])
    curated.pop("description", None)
    functions = dict(curated["functions"])
    for pattern in inputs["powertools"]["call_patterns"]:
        name = f"{pattern['module_path']}.{pattern['function_name']}"
        functions.setdefault(
            name, [[o["service"], o["operation"], {}] for o in pattern["sdk_operations"]]
        )
    return {**curated, "functions": functions}


__all__ = [
    "Catalogue",
    "convert_source",
    "convert_variant",
    "helpers",
    "kms_extras",
    "powertools",
]
