"""IAC040-IAC054 on hand-built models: unknown values, exposure, options."""

from __future__ import annotations

from faasguard.core.enums import Severity
from faasguard.model import (
    Api,
    ApiKind,
    AuthKind,
    ResourceKind,
    Stage,
    Throttle,
    TriggerKind,
    Unresolved,
    V,
)
from faasguard.rules.iac import (
    api_without_throttling,
    async_or_queue_without_dead_letter,
    bucket_without_tls_only_policy,
    execution_logging_off,
    function_without_tracing,
    log_group_without_retention,
    public_api_without_waf,
    public_function_without_reserved_concurrency,
    stage_without_access_logs,
    timeout_beyond_api_limit,
    weak_tls_on_domain_or_cloudfront,
)
from tests.rules.iac.builders import (
    app,
    at,
    event,
    function,
    hits,
    http,
    lines,
    resource,
    statement,
    v,
)

IAC040 = bucket_without_tls_only_policy.RULE
IAC041 = weak_tls_on_domain_or_cloudfront.RULE
IAC045 = stage_without_access_logs.RULE
IAC046 = function_without_tracing.RULE
IAC047 = log_group_without_retention.RULE
IAC048 = execution_logging_off.RULE
IAC050 = public_function_without_reserved_concurrency.RULE
IAC051 = api_without_throttling.RULE
IAC052 = timeout_beyond_api_limit.RULE
IAC053 = public_api_without_waf.RULE
IAC054 = async_or_queue_without_dead_letter.RULE


def tls_deny(actions: list[str], secure: object = "false") -> object:
    deny = statement(actions, ["arn:aws:s3:::b/*"], effect="Deny", principals=[("*", "*")])
    deny.conditions = {"Bool": {"aws:SecureTransport": [V(secure, at(45))]}}
    return deny


def test_tls_only_policy_variants() -> None:
    full = resource("Full", ResourceKind.BUCKET, policy=[tls_deny(["s3:*"])])
    narrow = resource("Narrow", ResourceKind.BUCKET, policy=[tls_deny(["s3:PutObject"])])
    wrong = resource("Wrong", ResourceKind.BUCKET, policy=[tls_deny(["s3:*"], "true")])
    unreadable = statement(["s3:*"], ["*"], effect="Deny")
    unreadable.conditions_unresolved = True
    unknown = resource("Unknown", ResourceKind.BUCKET, policy=[unreadable])
    website = resource("Site", ResourceKind.BUCKET, extra={"website": v(True)})
    model = app(resources={r.id: r for r in (full, narrow, wrong, unknown, website)})
    assert {h.resource for h in hits(IAC040, model)} == {"Narrow", "Wrong"}


def test_weak_tls_policies() -> None:
    model = app(
        resources={
            "Old": resource("Old", ResourceKind.DOMAIN, tls_policy=v("TLS_1_0", 3)),
            "New": resource("New", ResourceKind.DOMAIN, tls_policy=v("TLS_1_2", 4)),
            "Cf": resource("Cf", ResourceKind.DISTRIBUTION, tls_policy=v("TLSv1.1_2016", 5)),
            "Cf2": resource("Cf2", ResourceKind.DISTRIBUTION, tls_policy=v("TLSv1.2_2021", 6)),
            "Lb": resource("Lb", ResourceKind.OTHER, tls_policy=v("ELBSecurityPolicy-2016-08", 7)),
            "Lb2": resource(
                "Lb2", ResourceKind.OTHER, tls_policy=v("ELBSecurityPolicy-TLS13-1-2-2021-06", 8)
            ),
            "Unknown": resource(
                "Unknown", ResourceKind.DOMAIN, tls_policy=V(Unresolved("${Policy}"), at(9))
            ),
        }
    )
    assert lines(hits(IAC041, model)) == [3, 5, 7]


def api(
    api_id: str, kind: ApiKind = ApiKind.REST, *stages: Stage, endpoint: str | None = None
) -> Api:
    result = Api(api_id, kind, at(70), stages=list(stages))
    result.endpoint_type = v(endpoint, 71) if endpoint else None
    return result


def test_access_logs_and_execution_logging() -> None:
    logged = Stage("prod", at(10), access_log=v("arn:aws:logs:x"), execution_logging=v("ERROR"))
    unknown = Stage("beta", at(20), access_log=V(Unresolved("${Arn}"), at(21)))
    bare = Stage("dev", at(30))
    off = Stage("off", at(40), access_log=v("arn"), execution_logging=v("OFF", 41))
    model = app(
        apis={
            "Rest": api("Rest", ApiKind.REST, logged, unknown, bare, off),
            "Private": api("Private", ApiKind.REST, Stage("p", at(50)), endpoint="PRIVATE"),
            "Http": api("Http", ApiKind.HTTP, Stage("$default", at(60))),
        }
    )
    access = {h.location.start_line: h.severity for h in hits(IAC045, model)}
    assert access == {30: Severity.MEDIUM, 50: Severity.LOW, 60: Severity.MEDIUM}
    assert lines(hits(IAC048, model)) == [20, 30, 41, 50]


def test_tracing_severity_follows_exposure() -> None:
    public = function("Public", http(auth=AuthKind.NONE), line=1)
    internal = function("Internal", event(TriggerKind.SQS), line=2)
    traced = function("Traced", line=3)
    traced.tracing = v("Active")
    unknown = function("Unknown", line=4)
    unknown.tracing = V(Unresolved("${Mode}"), at(5))
    model = app(functions={f.id: f for f in (public, internal, traced, unknown)})
    found = {h.function: h.severity for h in hits(IAC046, model)}
    assert found == {"Public": Severity.MEDIUM, "Internal": Severity.INFO}


def test_retention_zero_is_forever_and_unknown_is_skipped() -> None:
    model = app(
        resources={
            "None": resource("None", ResourceKind.LOG_GROUP),
            "Zero": resource("Zero", ResourceKind.LOG_GROUP, retention_days=v(0, 61)),
            "Set": resource("Set", ResourceKind.LOG_GROUP, retention_days=v(30)),
            "Unknown": resource(
                "Unknown", ResourceKind.LOG_GROUP, retention_days=V(Unresolved("${D}"), at(62))
            ),
        }
    )
    assert {h.resource for h in hits(IAC047, model)} == {"None", "Zero"}


def test_reserved_concurrency_only_for_public_functions() -> None:
    open_fn = function("Open", http(auth=AuthKind.NONE))
    authed = function("Authed", http(auth=AuthKind.JWT))
    capped = function("Capped", http(auth=AuthKind.NONE))
    capped.reserved_concurrency = V(Unresolved("${Cap}"), at(3))
    internal = function("Internal", event(TriggerKind.SQS))
    model = app(functions={f.id: f for f in (open_fn, authed, capped, internal)})
    found = {h.function: h.severity for h in hits(IAC050, model)}
    assert found == {"Open": Severity.HIGH, "Authed": Severity.MEDIUM}


def test_throttling_anywhere_counts() -> None:
    staged = api(
        "Staged", ApiKind.REST, Stage("prod", at(1), throttle=Throttle(at(2), burst=v(10)))
    )
    planned = api("Planned", ApiKind.REST, Stage("prod", at(3)))
    planned.usage_plan_throttle = Throttle(at(4), rate=v(5.0))
    routed = api("Routed", ApiKind.HTTP, Stage("$default", at(5)))
    route = http(api="Routed")
    route.throttle = Throttle(at(6), burst=V(Unresolved("${Burst}"), at(6)))
    empty = api("Empty", ApiKind.HTTP, Stage("$default", at(7), throttle=Throttle(at(8))))
    private = api("Private", ApiKind.REST, Stage("prod", at(9)), endpoint="PRIVATE")
    model = app(apis={a.id: a for a in (staged, planned, routed, empty, private)}, triggers=[route])
    found = {h.resource: h.severity for h in hits(IAC051, model)}
    assert found == {"Empty": Severity.MEDIUM, "Private": Severity.LOW}


def test_timeout_limits_and_option() -> None:
    rest = function("Rest", http(TriggerKind.REST_API))
    rest.timeout = v(60, 11)
    http_fn = function("Http", http(TriggerKind.HTTP_API))
    http_fn.timeout = v(30, 12)
    url = function("Url", http(TriggerKind.FUNCTION_URL))
    url.timeout = v(900, 13)
    unknown = function("Unknown", http(TriggerKind.REST_API))
    unknown.timeout = V(Unresolved("${T}"), at(14))
    model = app(functions={f.id: f for f in (rest, http_fn, url, unknown)})
    assert lines(hits(IAC052, model)) == [11]
    assert hits(IAC052, model, **{"rest-api-timeout": 120}) == []


def test_waf_only_for_public_rest_apis_and_albs() -> None:
    bare = api("Bare", ApiKind.REST, Stage("prod", at(1)))
    guarded = api("Guarded", ApiKind.REST, Stage("prod", at(2), waf=["Acl"]))
    private = api("Private", ApiKind.REST, endpoint="PRIVATE")
    http_api = api("HttpApi", ApiKind.HTTP)
    alb_route = http(TriggerKind.ALB, api=None)
    balancer = resource("Lb", ResourceKind.LOAD_BALANCER, extra={"internal": v(False)})
    inner = resource("Inner", ResourceKind.LOAD_BALANCER, extra={"internal": v(True)})
    default = resource("Default", ResourceKind.LOAD_BALANCER)  # no scheme: internet-facing
    network = resource("Nlb", ResourceKind.LOAD_BALANCER, extra={"type": v("network")})
    unknown = resource(
        "Unknown", ResourceKind.LOAD_BALANCER, extra={"internal": V(Unresolved("${Scheme}"), at(9))}
    )
    balancers = (balancer, inner, default, network, unknown)
    model = app(
        apis={a.id: a for a in (bare, guarded, private, http_api)},
        resources={lb.id: lb for lb in balancers},
        triggers=[http(TriggerKind.REST_API, api="Bare"), alb_route],
    )
    found = {h.resource: h.severity for h in hits(IAC053, model)}
    assert found == {"Bare": Severity.MEDIUM, "Lb": Severity.MEDIUM, "Default": Severity.MEDIUM}


def test_async_triggers_and_consumed_queues() -> None:
    s3 = function("Thumbs", event(TriggerKind.S3, function="Thumbs"))
    kept = function("Kept", event(TriggerKind.SNS, function="Kept"))
    kept.on_failure = V(Unresolved("${Dlq}"), at(3))
    poll = event(TriggerKind.SQS, source=V(Unresolved("${Q.Arn}", ("Jobs",)), at(30)), function="W")
    worker = function("W", poll)
    queue = resource("Jobs", ResourceKind.QUEUE)
    redriven = resource("Done", ResourceKind.QUEUE, dead_letter=v("arn:aws:sqs:x"))
    model = app(
        functions={f.id: f for f in (s3, kept, worker)},
        resources={"Jobs": queue, "Done": redriven},
    )
    found = {h.resource: h.severity for h in hits(IAC054, model)}
    assert found == {"Thumbs": Severity.LOW, "Jobs": None}
