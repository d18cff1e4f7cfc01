"""Generate a tree of Lambda handler code for the code-scan benchmark (benchmarks/code_scan.py).

    python benchmarks/gen_handlers.py OUT [--files 2000] [--seed 3] [--no-template]

Writes OUT/services/<service>/ folders, each a function code root with handler modules (API,
queue, bucket and schedule handlers with routes, parsing, validation and responses) and helper
modules (a repository over DynamoDB/SQL, outbound clients, models, formatting), plus a SAM
template.yaml naming every handler. Most code is benign; about one handler module in twelve
carries a vulnerable flow (SQL or shell built from the event, eval, unpickling, a fetched
URL, a path from an S3 key, ...), some of them through a helper module. With the defaults:
2,000 files, about 150,000 lines. Deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Callable
from pathlib import Path

ENTITIES = [
    "order", "customer", "invoice", "product", "shipment", "payment", "refund", "coupon",
    "review", "basket", "supplier", "warehouse", "ticket", "booking", "device", "report",
]  # fmt: skip
HANDLERS_PER_SERVICE = 6
HELPERS = ("repository", "clients", "models", "formatting")
FILES_PER_SERVICE = HANDLERS_PER_SERVICE + len(HELPERS)
TRIGGERS = ("api", "api", "api", "sqs", "s3", "schedule")

Lines = list[str]


def _imports(extra: list[str]) -> Lines:
    std = sorted({"json", "logging", "os", *[e for e in extra if "." not in e and " " not in e]})
    lines = [f"import {name}" for name in std]
    lines += [e for e in extra if " " in e]
    return [*lines, ""]


# ---------------------------------------------------------------- helper modules
def repository(rng: random.Random, entity: str, unsafe: bool) -> Lines:
    cls = entity.capitalize() + "Repository"
    out = _imports(
        ["from decimal import Decimal", "import boto3", "from boto3.dynamodb.conditions import Key"]
    )
    out += ["", f'TABLE = os.environ.get("{entity.upper()}_TABLE", "{entity}s")', ""]
    out += [
        "", f"class {cls}:",
        "    def __init__(self, table=None):",
        '        self.table = table or boto3.resource("dynamodb").Table(TABLE)',
        "",
        "    def get(self, key):",
        '        response = self.table.get_item(Key={"pk": key})',
        '        return response.get("Item")',
        "",
        "    def put(self, item):",
        '        item = {**item, "updated": Decimal(str(item.get("version", 0))) + 1}',
        "        self.table.put_item(Item=item)",
        "        return item",
        "",
        "    def by_owner(self, owner, limit=25):",
        "        response = self.table.query(",
        '            IndexName="by-owner",',
        '            KeyConditionExpression=Key("owner").eq(owner),',
        "            Limit=limit,",
        "        )",
        '        return response.get("Items", [])',
        "",
        "    def delete(self, key):",
        '        self.table.delete_item(Key={"pk": key})',
    ]  # fmt: skip
    for n in range(rng.randint(2, 4)):
        out += [
            "",
            f"    def count_{n}(self, status):",
            "        total = 0",
            '        kwargs = {"FilterExpression": "#s = :s",'
            ' "ExpressionAttributeNames": {"#s": "status"}}',
            '        kwargs["ExpressionAttributeValues"] = {":s": status}',
            "        while True:",
            "            page = self.table.scan(**kwargs)",
            '            total += page.get("Count", 0)',
            '            if "LastEvaluatedKey" not in page:',
            "                return total",
            '            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]',
        ]
    if unsafe:
        out += [
            "",
            "",
            "def search_raw(cursor, term):",
            f'    sql = "SELECT * FROM {entity}s WHERE name LIKE \'%" + term + "%\'"',
            "    cursor.execute(sql)",
            "    return cursor.fetchall()",
        ]
    return out


def clients(rng: random.Random, entity: str, unsafe: bool) -> Lines:
    out = _imports(["time", "import requests"])
    out += [
        "",
        f'BASE_URL = os.environ.get("{entity.upper()}_API", "https://{entity}.example.com")',
    ]
    out += ["TIMEOUT = 5", "logger = logging.getLogger(__name__)", ""]
    for verb in ("get", "post", "delete")[: rng.randint(2, 3)]:
        out += [
            "",
            f"def {verb}_resource(path, payload=None, retries=3):",
            "    for attempt in range(retries):",
            "        try:",
            f"            response = requests.{verb}(",
            '                BASE_URL + "/" + path.lstrip("/"),',
            "                json=payload,",
            "                timeout=TIMEOUT,",
            "            )",
            "            response.raise_for_status()",
            "            return response.json()",
            "        except requests.RequestException:",
            '            logger.warning("attempt %d failed", attempt + 1)',
            "            time.sleep(0.1 * 2**attempt)",
            '    raise RuntimeError("upstream unavailable")',
        ]
    if unsafe:
        out += ["", "", "def notify(url, payload):"]
        out += ["    return requests.post(url, json=payload, timeout=TIMEOUT).ok"]
    return out


def models(rng: random.Random, entity: str, unsafe: bool) -> Lines:
    cls = entity.capitalize()
    fields = rng.sample(["name", "status", "owner", "currency", "notes", "region", "channel"], 4)
    out = _imports(["from dataclasses import dataclass, field", "from decimal import Decimal"])
    out += ["", 'STATUSES = ("NEW", "OPEN", "CLOSED", "CANCELLED")', "", "", "@dataclass"]
    out += [f"class {cls}:", "    pk: str"]
    out += [f'    {name}: str = ""' for name in fields]
    out += [
        '    amount: Decimal = Decimal("0")',
        "    tags: list = field(default_factory=list)",
        "",
    ]
    out += [
        "    @classmethod",
        "    def from_dict(cls, data):",
        "        return cls(",
        '            pk=str(data["pk"]),',
        *[f'            {name}=str(data.get("{name}", "")),' for name in fields],
        '            amount=Decimal(str(data.get("amount", "0"))),',
        '            tags=[str(t) for t in data.get("tags", [])][:20],',
        "        )",
        "",
        "    def validate(self):",
        "        errors = []",
        "        if not self.pk:",
        '            errors.append("pk is required")',
        "        if self.amount < 0:",
        '            errors.append("amount must not be negative")',
        "        if len(self.tags) > 10:",
        '            errors.append("too many tags")',
        "        return errors",
        "",
        "    def to_item(self):",
        "        return {",
        '            "pk": self.pk,',
        *[f'            "{name}": self.{name},' for name in fields],
        '            "amount": self.amount,',
        '            "tags": self.tags,',
        "        }",
    ]
    return out


def formatting(rng: random.Random, entity: str, unsafe: bool) -> Lines:
    out = _imports(["datetime", "from decimal import Decimal, ROUND_HALF_UP"])
    out += [
        "",
        'def money(value, currency="EUR"):',
        '    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)',
        '    return f"{amount} {currency}"',
        "",
        "",
        "def iso(ts):",
        "    return datetime.datetime.fromtimestamp(ts, tz=datetime.timezone.utc).isoformat()",
        "",
        "",
        "def response(status, body, headers=None):",
        "    return {",
        '        "statusCode": status,',
        '        "headers": {"content-type": "application/json", **(headers or {})},',
        '        "body": json.dumps(body, default=str),',
        "    }",
    ]
    for n in range(rng.randint(3, 6)):
        out += [
            "",
            "",
            f'def summary_{n}(items, key="amount"):',
            "    totals = {}",
            "    for item in items:",
            f'        bucket = item.get("{rng.choice(["status", "region", "owner"])}", "unknown")',
            "        totals[bucket] = totals.get(bucket, 0) + float(item.get(key, 0))",
            "    return sorted(totals.items(), key=lambda kv: kv[1], reverse=True)",
        ]
    return out


HELPER_WRITERS: dict[str, Callable[[random.Random, str, bool], Lines]] = {
    "repository": repository, "clients": clients, "models": models, "formatting": formatting,
}  # fmt: skip

# ---------------------------------------------------------------- vulnerable snippets
VULNS = {
    "api": [
        ['    os.system("convert /tmp/in.png " + params.get("size", "64"))'],
        ['    value = eval(body.get("expression", "0"))', '    logger.info("value %s", value)'],
        [
            '    with open("/var/task/static/" + params.get("file", "index.html")) as f:',
            "        f.read()",
        ],
        ['    requests.get(body.get("callback", "https://example.com"), timeout=3)'],
        ['    pickle.loads(base64.b64decode(body.get("state", "")))'],
        ['    yaml.load(event.get("body") or "", Loader=yaml.Loader)'],
        ['    clients.notify(body.get("webhook", ""), {"ok": True})'],
        ['    repository.search_raw(CURSOR, params.get("q", ""))'],
    ],
    "sqs": [['        subprocess.run("tar xf /tmp/" + message.get("archive", ""), shell=True)']],
    "s3": [['        open("/tmp/" + key, "wb").close()']],
    "schedule": [],
}


# ---------------------------------------------------------------- handler modules
def handler_module(rng: random.Random, entity: str, trigger: str, vuln: Lines | None) -> Lines:
    cls = entity.capitalize()
    imports = ["base64", "pickle", "subprocess", "import requests", "import yaml"] if vuln else []
    out = _imports([*imports, "import boto3"])
    out += ["import clients", "import formatting", "import models", "import repository", ""]
    out += ["logger = logging.getLogger()", 'logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))']
    out += [f"REPO = repository.{cls}Repository()", 'EVENTS = boto3.client("events")']
    out += ["CURSOR = None", ""] if vuln else [""]
    body = {"api": _api, "sqs": _sqs, "s3": _s3, "schedule": _schedule}[trigger]
    out += body(rng, entity, vuln)
    for n in range(rng.randint(2, 5)):
        out += rng.choice(HELPER_FNS)(rng, entity, n)
    return out


def _api(rng: random.Random, entity: str, vuln: Lines | None) -> Lines:
    cls = entity.capitalize()
    return [
        "", "def handler(event, context):",
        '    route = event.get("routeKey", "")',
        '    params = event.get("queryStringParameters") or {}',
        '    body = json.loads(event.get("body") or "{}")',
        *(vuln or []),
        f'    if route == "GET /{entity}s/{{id}}":',
        '        return get_one(event["pathParameters"]["id"])',
        f'    if route == "POST /{entity}s":',
        "        return create(body)",
        f'    if route == "GET /{entity}s":',
        '        return listing(params.get("owner", ""), int(params.get("limit", "25")))',
        '    return formatting.response(404, {"message": "not found"})',
        "", "",
        "def get_one(key):",
        "    item = REPO.get(key)",
        "    if item is None:",
        '        return formatting.response(404, {"message": "not found"})',
        f"    return formatting.response(200, models.{cls}.from_dict(item).to_item())",
        "", "",
        "def create(data):",
        f"    record = models.{cls}.from_dict(data)",
        "    errors = record.validate()",
        "    if errors:",
        '        return formatting.response(400, {"errors": errors})',
        "    REPO.put(record.to_item())",
        "    EVENTS.put_events(",
        f'        Entries=[{{"Source": "shop.{entity}", "DetailType": "created",'
        ' "Detail": json.dumps({"pk": record.pk})}]',
        "    )",
        '    return formatting.response(201, {"pk": record.pk})',
        "", "",
        "def listing(owner, limit):",
        "    items = REPO.by_owner(owner, limit=min(limit, 100))",
        '    summary = formatting.summary_0(items)',
        '    return formatting.response(200, {"items": items, "summary": summary})',
    ]  # fmt: skip


def _sqs(rng: random.Random, entity: str, vuln: Lines | None) -> Lines:
    cls = entity.capitalize()
    return [
        "", "def handler(event, context):",
        "    failures = []",
        '    for record in event["Records"]:',
        "        try:",
        '            message = json.loads(record["body"])',
        *(["    " + line for line in vuln] if vuln else []),
        f"            item = models.{cls}.from_dict(message)",
        "            if item.validate():",
        '                raise ValueError("invalid message")',
        "            REPO.put(item.to_item())",
        "        except (ValueError, KeyError):",
        '            logger.warning("bad message %s", record["messageId"])',
        '            failures.append({"itemIdentifier": record["messageId"]})',
        '    return {"batchItemFailures": failures}',
    ]  # fmt: skip


def _s3(rng: random.Random, entity: str, vuln: Lines | None) -> Lines:
    return [
        "", "def handler(event, context):",
        '    s3 = boto3.client("s3")',
        "    sizes = []",
        '    for record in event["Records"]:',
        '        bucket = record["s3"]["bucket"]["name"]',
        '        key = record["s3"]["object"]["key"]',
        *(vuln or []),
        "        head = s3.head_object(Bucket=bucket, Key=key)",
        '        sizes.append(head["ContentLength"])',
        '    logger.info("processed %d objects", len(sizes))',
        '    return {"total": sum(sizes)}',
    ]  # fmt: skip


def _schedule(rng: random.Random, entity: str, vuln: Lines | None) -> Lines:
    return [
        "", "def handler(event, context):",
        f'    stale = REPO.count_0("{rng.choice(["OPEN", "NEW"])}")',
        '    report = {"stale": stale, "at": formatting.iso(0)}',
        '    clients.post_resource("reports", report)',
        "    return report",
    ]  # fmt: skip


def _helper_fn(rng: random.Random, entity: str, n: int) -> Lines:
    field = rng.choice(["status", "owner", "region", "channel"])
    return [
        "", "",
        f"def enrich_{n}(items, lookup=None):",
        "    lookup = lookup or {}",
        "    enriched = []",
        "    for item in items:",
        "        extra = lookup.get(item.get(\"pk\"), {})",
        f'        if item.get("{field}") in ("", None):',
        "            continue",
        f'        enriched.append({{**item, **extra, "{field}": str(item["{field}"]).upper()}})',
        "    enriched.sort(key=lambda i: i.get(\"pk\", \"\"))",
        "    return enriched",
    ]  # fmt: skip


def _chunks_fn(rng: random.Random, entity: str, n: int) -> Lines:
    size = rng.choice([10, 25, 50])
    return [
        "", "",
        f"def write_batch_{n}(items):",
        "    written = 0",
        f"    for start in range(0, len(items), {size}):",
        f"        chunk = items[start : start + {size}]",
        "        with REPO.table.batch_writer() as batch:",
        "            for item in chunk:",
        "                batch.put_item(Item=item)",
        "                written += 1",
        f'        logger.debug("wrote %d {entity}s", len(chunk))',
        "    return written",
    ]  # fmt: skip


def _redact_fn(rng: random.Random, entity: str, n: int) -> Lines:
    keys = rng.sample(["email", "phone", "address", "iban", "birthdate", "ip"], 3)
    return [
        "", "",
        f"def redact_{n}(record):",
        f"    hidden = {{{', '.join(repr(k) for k in keys)}}}",
        "    clean = {}",
        "    for name, value in record.items():",
        "        if name in hidden and value:",
        '            clean[name] = str(value)[:2] + "***"',
        "        elif isinstance(value, dict):",
        f"            clean[name] = redact_{n}(value)",
        "        else:",
        "            clean[name] = value",
        "    return clean",
    ]  # fmt: skip


def _page_fn(rng: random.Random, entity: str, n: int) -> Lines:
    return [
        "", "",
        f"def page_token_{n}(last_key):",
        "    if not last_key:",
        "        return None",
        '    raw = json.dumps(last_key, sort_keys=True, default=str).encode()',
        '    return raw.hex()',
        "", "",
        f"def parse_page_token_{n}(token):",
        "    if not token:",
        "        return None",
        "    try:",
        "        return json.loads(bytes.fromhex(token))",
        "    except ValueError:",
        '        logger.info("ignoring bad page token")',
        "        return None",
    ]  # fmt: skip


HELPER_FNS: list[Callable[[random.Random, str, int], Lines]] = [
    _helper_fn, _chunks_fn, _redact_fn, _page_fn,
]  # fmt: skip


# ---------------------------------------------------------------- the tree
def generate(out: Path, files: int, seed: int = 3, template: bool = True) -> Path:
    """Write the tree (replacing OUT) and return OUT."""
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(seed)
    services = max(1, files // FILES_PER_SERVICE)
    functions: list[tuple[str, str, str]] = []
    for s in range(services):
        entity = ENTITIES[s % len(ENTITIES)]
        folder = out / "services" / f"{entity}-svc{s:03d}"
        folder.mkdir(parents=True)
        unsafe_helpers = s % 4 == 0
        for helper in HELPERS:
            text = HELPER_WRITERS[helper](rng, entity, unsafe_helpers)
            (folder / f"{helper}.py").write_text("\n".join(text) + "\n")
        for h in range(HANDLERS_PER_SERVICE):
            trigger = rng.choice(TRIGGERS)
            choices = VULNS[trigger] if unsafe_helpers or trigger != "api" else VULNS["api"][:6]
            vuln = rng.choice(choices) if choices and rng.random() < 1 / 12 else None
            name = f"{trigger}_{h}"
            text = handler_module(rng, entity, trigger, vuln)
            (folder / f"{name}.py").write_text("\n".join(text) + "\n")
            functions.append((f"Fn{s:03d}x{h}", f"services/{folder.name}/", f"{name}.handler"))
    if template:
        (out / "template.yaml").write_text(_template(functions))
    return out


def _template(functions: list[tuple[str, str, str]]) -> str:
    out = [
        "AWSTemplateFormatVersion: '2010-09-09'",
        "Transform: AWS::Serverless-2016-10-31",
        "Globals:",
        "  Function:",
        "    Runtime: python3.12",
        "    Timeout: 10",
        "Resources:",
    ]
    for logical, code_uri, handler in functions:
        out += [
            f"  {logical}:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            f"      CodeUri: {code_uri}",
            f"      Handler: {handler}",
        ]
        if handler.startswith("api_"):
            path = logical.lower()
            out += [
                "      Events:",
                "        Http:",
                "          Type: HttpApi",
                "          Properties:",
                f"            Path: /{path}/{{proxy+}}",
                "            Method: ANY",
            ]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--no-template", action="store_true")
    args = parser.parse_args()
    out = generate(args.out, args.files, args.seed, template=not args.no_template)
    py = list(out.rglob("*.py"))
    lines = sum(p.read_text().count("\n") for p in py)
    print(f"{out}: {len(py)} Python files, {lines} lines")


if __name__ == "__main__":
    main()
