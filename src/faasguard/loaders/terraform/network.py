"""Load balancers (with Lambda targets as ALB triggers), security groups, WAF associations,
CloudFront distributions and Cognito user pools.

`extra` keys set here: load balancers ``internal`` (V[bool]) and ``load_balancer_type``;
security groups ``ingress`` and ``egress``, each a list of dicts with ``protocol``,
``from_port``, ``to_port`` (V values), ``cidr_blocks`` (list of V[str], IPv4 and IPv6) and
``loc``; distributions ``viewer_protocol_policy``; user pools ``schema_attributes`` (list of dicts with
``name``, ``attribute_data_type``, ``mutable``, ``developer_only`` and ``loc``),
``admin_create_user_only``, ``mfa_configuration``; user pool clients ``user_pool`` (its
resource id), and, only when set, ``write_attributes``/``read_attributes`` (lists of V[str]),
``generate_secret``, ``explicit_auth_flows``; user pool groups ``user_pool``, ``precedence``,
``role_arn``; listeners (Resources of kind OTHER) ``load_balancer`` (its id, or the ARN value),
``protocol``, ``ssl_policy``; distributions also ``viewer_protocol_policies`` (ordered cache
behaviours).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faasguard.loaders.terraform.lambdas import add_trigger
from faasguard.loaders.terraform.reader import View
from faasguard.loaders.terraform.state import Item, State
from faasguard.model.app import Auth, AuthKind, Resource, ResourceKind, Trigger, TriggerKind
from faasguard.model.values import V

Handler = Callable[[State, Item], None]
_AUTH_ACTIONS = {"authenticate-cognito": AuthKind.COGNITO, "authenticate-oidc": AuthKind.JWT}


def _new(state: State, item: Item, kind: ResourceKind, name_field: str | None = "name") -> Resource:
    name = item.view.string(name_field) if name_field else None
    resource = Resource(item.address, item.type, kind, item.block.loc, name=name)
    state.app.resources[item.address] = resource
    return resource


def load_balancer(state: State, item: Item) -> None:
    view = item.view
    resource = _new(state, item, ResourceKind.LOAD_BALANCER)
    internal = view.boolean("internal")
    if internal is not None:
        resource.extra["internal"] = internal
    resource.extra["load_balancer_type"] = view.string("load_balancer_type")
    logs = view.block("access_logs")
    if logs is not None and _flag(logs.boolean("enabled")) is not False:
        resource.access_logging = logs.string("bucket")


def target_group(state: State, item: Item) -> None:
    state.target_groups.setdefault(item.address, [])


def target_attachment(state: State, item: Item) -> None:
    group = state.find(item.view.string("target_group_arn"), state.target_groups)
    fn_id = state.function_of(item.view.string("target_id"))
    if group is not None and fn_id is not None:
        state.target_groups[group].append(fn_id)


def listener(state: State, item: Item) -> None:
    view = item.view
    arn = view.string("load_balancer_arn")
    balancer = state.resource_of(arn, "aws_lb") or state.resource_of(arn, "aws_alb")
    policy = view.string("ssl_policy")
    if balancer is not None and policy is not None:
        balancer.tls_policy = policy
    resource = _new(state, item, ResourceKind.OTHER, None)
    resource.extra["load_balancer"] = balancer.id if balancer is not None else arn
    resource.extra["protocol"] = view.string("protocol")
    resource.extra["ssl_policy"] = policy
    resource.tls_policy = policy
    _alb_triggers(state, item, balancer, item.view.blocks("default_action"), None)


def listener_rule(state: State, item: Item) -> None:
    balancer = None
    for target in state.targets(item.view.string("listener_arn")):
        owner = state.items.get(target)
        if owner is not None:
            arn = owner.view.string("load_balancer_arn")
            balancer = state.resource_of(arn, "aws_lb") or state.resource_of(arn, "aws_alb")
    path = None
    for condition in item.view.blocks("condition"):
        pattern = condition.block("path_pattern")
        values = pattern.strings("values") if pattern else []
        if values and values[0].known:
            path = values[0].text()
    _alb_triggers(state, item, balancer, item.view.blocks("action"), path)


def _alb_triggers(
    state: State, item: Item, balancer: Resource | None, actions: list[View], path: str | None
) -> None:
    kind, auth_loc = AuthKind.NONE, item.block.loc
    groups: list[str] = []
    for action in actions:
        action_type = action.string("type")
        text = action_type.text().lower() if action_type is not None and action_type.known else ""
        if text in _AUTH_ACTIONS:
            kind, auth_loc = _AUTH_ACTIONS[text], action.loc
        found = state.find(action.string("target_group_arn"), state.target_groups)
        groups.extend([found] if found else [])
        forward = action.block("forward")
        for reference in forward.blocks("target_group") if forward else []:
            found = state.find(reference.string("arn"), state.target_groups)
            groups.extend([found] if found else [])
    internal = balancer.extra.get("internal") if balancer is not None else None
    public: bool | None = None
    if balancer is not None:  # an ALB without `internal` is internet-facing
        public = True if internal is None else _not(_flag(internal))
    for group in groups:
        for fn_id in state.target_groups[group]:
            trigger = Trigger(
                TriggerKind.ALB,
                item.block.loc,
                item.address,
                function=fn_id,
                path=path,
                auth=Auth(kind, auth_loc),
                public=public,
            )
            add_trigger(state, trigger)


def _flag(value: V[bool] | None) -> bool | None:
    return value.value if value is not None and isinstance(value.value, bool) else None


def _not(flag: bool | None) -> bool | None:
    return None if flag is None else not flag


def security_group(state: State, item: Item) -> None:
    resource = _new(state, item, ResourceKind.SECURITY_GROUP)
    for direction in ("ingress", "egress"):
        resource.extra[direction] = [_rule(view) for view in item.view.blocks(direction)]


def _rule(view: View) -> dict[str, Any]:
    cidrs = view.strings("cidr_blocks") + view.strings("ipv6_cidr_blocks")
    cidrs += view.strings("cidr_ipv4") + view.strings("cidr_ipv6")
    return {
        "protocol": view.string("protocol") or view.string("ip_protocol"),
        "from_port": view.integer("from_port"),
        "to_port": view.integer("to_port"),
        "cidr_blocks": cidrs,
        "loc": view.loc,
    }


def security_group_rule(state: State, item: Item) -> None:
    target = state.resource_of(item.view.string("security_group_id"), "aws_security_group")
    if target is None:
        return
    if item.type == "aws_security_group_rule":
        direction = item.view.string("type")
        key = "egress" if direction is not None and direction.is_("egress") else "ingress"
    else:
        key = "egress" if item.type.endswith("egress_rule") else "ingress"
    target.extra.setdefault(key, []).append(_rule(item.view))


def web_acl(state: State, item: Item) -> None:
    _new(state, item, ResourceKind.WEB_ACL)


def waf_association(state: State, item: Item) -> None:
    for target in state.targets(item.view.string("resource_arn")):
        if target in state.stages:
            state.stages[target][1].waf.append(item.address)
        elif target in state.app.apis:
            state.app.apis[target].waf.append(item.address)
        elif target in state.app.resources:
            state.app.resources[target].waf.append(item.address)


def distribution(state: State, item: Item) -> None:
    view = item.view
    resource = _new(state, item, ResourceKind.DISTRIBUTION, None)
    certificate = view.block("viewer_certificate")
    if certificate is not None:
        resource.tls_policy = certificate.string("minimum_protocol_version")
    acl = view.string("web_acl_id")
    if acl is not None:
        targets = state.targets(acl)
        resource.waf.append(targets[0] if targets else acl.text())
    behavior = view.block("default_cache_behavior")
    if behavior is not None:
        resource.extra["viewer_protocol_policy"] = behavior.string("viewer_protocol_policy")
    ordered = [b.string("viewer_protocol_policy") for b in view.blocks("ordered_cache_behavior")]
    resource.extra["viewer_protocol_policies"] = [p for p in ordered if p is not None]
    logging = view.block("logging_config")
    if logging is not None:
        resource.access_logging = logging.string("bucket")


def user_pool(state: State, item: Item) -> None:
    view = item.view
    resource = _new(state, item, ResourceKind.USER_POOL)
    resource.extra["schema_attributes"] = [
        {
            "name": schema.string("name"),
            "attribute_data_type": schema.string("attribute_data_type"),
            "mutable": schema.boolean("mutable"),
            "developer_only": schema.boolean("developer_only_attribute"),
            "loc": schema.loc,
        }
        for schema in view.blocks("schema")
    ]
    admin = view.block("admin_create_user_config")
    if admin is not None:
        resource.extra["admin_create_user_only"] = admin.boolean(
            "allow_admin_create_user_only"
        )
    resource.extra["mfa_configuration"] = view.string("mfa_configuration")


def user_pool_triggers(state: State, item: Item) -> None:
    config = item.view.block("lambda_config")
    if config is None:
        return
    for name in config.body.attributes:
        value = config.string(name)
        fn_id = state.function_of(value)
        if fn_id is None:
            continue
        trigger = Trigger(
            TriggerKind.COGNITO,
            config.loc_of(name),
            f"{item.address}.{name}",
            function=fn_id,
            public=False,
            source=V(item.address, item.block.loc),
        )
        add_trigger(state, trigger)


def user_pool_group(state: State, item: Item) -> None:
    view = item.view
    resource = _new(state, item, ResourceKind.USER_POOL_GROUP)
    pool_value = view.string("user_pool_id")
    pool = state.resource_of(pool_value, "aws_cognito_user_pool")
    resource.extra["user_pool"] = pool.id if pool else pool_value
    resource.extra["precedence"] = view.integer("precedence")
    resource.extra["role_arn"] = view.string("role_arn")


def user_pool_client(state: State, item: Item) -> None:
    view = item.view
    resource = _new(state, item, ResourceKind.USER_POOL_CLIENT)
    pool = state.resource_of(view.string("user_pool_id"), "aws_cognito_user_pool")
    resource.extra["user_pool"] = pool.id if pool else view.string("user_pool_id")
    for field in ("write_attributes", "read_attributes", "explicit_auth_flows"):
        if view.has(field):
            resource.extra[field] = view.strings(field)
    if view.has("generate_secret"):
        resource.extra["generate_secret"] = view.boolean("generate_secret")


PRIMARY: dict[str, Handler] = {
    "aws_lb": load_balancer,
    "aws_alb": load_balancer,
    "aws_lb_target_group": target_group,
    "aws_alb_target_group": target_group,
    "aws_security_group": security_group,
    "aws_wafv2_web_acl": web_acl,
    "aws_cloudfront_distribution": distribution,
    "aws_cognito_user_pool": user_pool,
}
LINKS: dict[str, Handler] = {
    "aws_lb_target_group_attachment": target_attachment,
    "aws_alb_target_group_attachment": target_attachment,
    "aws_cognito_user_pool_client": user_pool_client,
    "aws_cognito_user_group": user_pool_group,
}
DEPENDENTS: dict[str, Handler] = {
    "aws_lb_listener": listener,
    "aws_alb_listener": listener,
    "aws_lb_listener_rule": listener_rule,
    "aws_alb_listener_rule": listener_rule,
    "aws_security_group_rule": security_group_rule,
    "aws_vpc_security_group_ingress_rule": security_group_rule,
    "aws_vpc_security_group_egress_rule": security_group_rule,
    "aws_wafv2_web_acl_association": waf_association,
    "aws_wafregional_web_acl_association": waf_association,
    "aws_cognito_user_pool": user_pool_triggers,
}

__all__ = ["DEPENDENTS", "LINKS", "PRIMARY"]
