"""Load balancers (with Lambda targets as ALB triggers), listeners, security groups, WAF web
ACLs and associations, and CloudFront distributions.

``Resource.extra`` keys filled here are listed in docs/architecture.md ("Resource.extra keys"):
load balancers ``internal``/``type``; listeners (kind OTHER) ``load_balancer``/``protocol``/
``port``, their TLS policy in `Resource.tls_policy`; security groups ``ingress``/``egress``
(no egress rule at all when none is declared: Terraform removes AWS's default one) and ``vpc``;
web ACLs ``default_action``/``rules``/``scope``; WAF associations (kind OTHER) ``web_acl``/
``resource_arn``; distributions ``viewer_protocol_policies``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faasguard.loaders.extra import linked, network_rule
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
    resource.extra["internal"] = view.boolean("internal")
    resource.extra["type"] = view.string("load_balancer_type")
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
    balancer = _balancer(state, arn)
    resource = _new(state, item, ResourceKind.OTHER, None)
    resource.extra["load_balancer"] = linked(arn, balancer.id if balancer is not None else None)
    resource.extra["protocol"] = view.string("protocol") or _default_protocol(item, balancer)
    resource.extra["port"] = view.integer("port")
    resource.tls_policy = view.string("ssl_policy")
    _alb_triggers(state, item, balancer, item.view.blocks("default_action"), None)


def _balancer(state: State, arn: V[str] | None) -> Resource | None:
    return state.resource_of(arn, "aws_lb") or state.resource_of(arn, "aws_alb")


def _default_protocol(item: Item, balancer: Resource | None) -> V[str] | None:
    """The provider's default listener protocol on an application load balancer: HTTP."""
    kind = balancer.extra.get("type") if balancer is not None else None
    if balancer is None or (kind is not None and not kind.is_("application")):
        return None
    return V("HTTP", item.block.loc)


def listener_rule(state: State, item: Item) -> None:
    balancer = None
    for target in state.targets(item.view.string("listener_arn")):
        owner = state.items.get(target)
        if owner is not None:
            balancer = _balancer(state, owner.view.string("load_balancer_arn"))
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
    resource.extra["vpc"] = item.view.string("vpc_id")


def _rule(view: View) -> dict[str, Any]:
    cidrs = view.strings("cidr_blocks") + view.strings("ipv6_cidr_blocks")
    cidrs += view.strings("cidr_ipv4") + view.strings("cidr_ipv6")
    peers = view.strings("security_groups")
    for name in ("source_security_group_id", "referenced_security_group_id"):
        peers += view.strings(name)
    return network_rule(
        view.loc,
        protocol=view.string("protocol") or view.string("ip_protocol"),
        from_port=view.integer("from_port"),
        to_port=view.integer("to_port"),
        cidrs=cidrs,
        source_groups=peers,
    )


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
    view = item.view
    acl = _new(state, item, ResourceKind.WEB_ACL)
    default = view.block("default_action")
    actions = [(a, default.block(a)) for a in ("allow", "block")] if default else []
    found = next((V(a.capitalize(), b.loc) for a, b in actions if b is not None), None)
    acl.extra["default_action"] = found
    acl.extra["rules"] = [n for rule in view.blocks("rule") if (n := rule.string("name"))]
    acl.extra["scope"] = view.string("scope")


def waf_association(state: State, item: Item) -> None:
    """Kept as a Resource of kind OTHER (``web_acl``, ``resource_arn``) whose id goes into the
    ``waf`` list of the stage, API or resource it protects."""
    association = _new(state, item, ResourceKind.OTHER, None)
    arn = item.view.string("resource_arn")
    association.extra["web_acl"] = item.view.string("web_acl_arn") or item.view.string("web_acl_id")
    association.extra["resource_arn"] = arn
    for target in state.targets(arn):
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
    behaviours = [*view.blocks("default_cache_behavior"), *view.blocks("ordered_cache_behavior")]
    policies = [b.string("viewer_protocol_policy") for b in behaviours]
    resource.extra["viewer_protocol_policies"] = [p for p in policies if p is not None]
    logging = view.block("logging_config")
    if logging is not None:
        resource.access_logging = logging.string("bucket")


PRIMARY: dict[str, Handler] = {
    "aws_lb": load_balancer,
    "aws_alb": load_balancer,
    "aws_lb_target_group": target_group,
    "aws_alb_target_group": target_group,
    "aws_security_group": security_group,
    "aws_wafv2_web_acl": web_acl,
    "aws_cloudfront_distribution": distribution,
}
LINKS: dict[str, Handler] = {
    "aws_lb_target_group_attachment": target_attachment,
    "aws_alb_target_group_attachment": target_attachment,
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
}

__all__ = ["DEPENDENTS", "LINKS", "PRIMARY"]
