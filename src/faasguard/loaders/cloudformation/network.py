"""Network front doors and filters: security groups, Application Load Balancers forwarding to
Lambda (ALB triggers), CloudFront distributions and WAF web ACLs and their associations.

``Resource.extra`` keys filled here are listed in docs/architecture.md ("Resource.extra keys"):
security groups ``ingress``/``egress``/``vpc``, load balancers ``internal``/``type``, listeners
``load_balancer``/``protocol``/``port``, distributions ``viewer_protocol_policies``, web ACLs
``default_action``/``rules``/``scope``, WAF associations ``web_acl``/``resource_arn``.
"""

from __future__ import annotations

import re
from typing import Any

from faasguard.loaders.cloudformation.build import Build, Item, Props
from faasguard.loaders.extra import default_egress, linked, network_rule
from faasguard.model.app import Auth, AuthKind, ResourceKind, Trigger, TriggerKind
from faasguard.model.values import Ref, Unresolved, V

LISTENER = "AWS::ElasticLoadBalancingV2::Listener"
TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup"
_ALB_AUTH = {"authenticate-cognito": AuthKind.COGNITO, "authenticate-oidc": AuthKind.JWT}
_STAGE_IN_ARN = re.compile(r"/stages/([^/$]+)")


def load_security_group(b: Build, item: Item) -> None:
    p = item.props
    group = b.add_resource(item, ResourceKind.SECURITY_GROUP, "GroupName")
    group.extra["ingress"] = [_rule(r) for r in p.maps("SecurityGroupIngress")]
    egress = [_rule(r) for r in p.maps("SecurityGroupEgress")]
    # Without egress rules of its own the group gets AWS's allow-all rule.
    group.extra["egress"] = egress if p.has("SecurityGroupEgress") else [default_egress(item.loc)]
    group.extra["vpc"] = p.str("VpcId")


def _rule(p: Props) -> dict[str, Any]:
    cidrs = [c for c in (p.str("CidrIp"), p.str("CidrIpv6")) if c is not None]
    peers = (p.str("SourceSecurityGroupId"), p.str("DestinationSecurityGroupId"))
    return network_rule(
        p.loc,
        protocol=p.str("IpProtocol"),
        from_port=p.int("FromPort"),
        to_port=p.int("ToPort"),
        cidrs=cidrs,
        source_groups=[g for g in peers if g is not None],
    )


def load_security_group_rule(b: Build, item: Item) -> None:
    """Standalone ``SecurityGroupIngress``/``SecurityGroupEgress`` added to their group (an
    egress resource does not remove the default allow-all rule: only the group's own
    ``SecurityGroupEgress`` property does)."""
    p = item.props
    group = b.app.resources.get(b.target(p.value("GroupId"), b.app.resources) or "")
    if group is None or group.kind is not ResourceKind.SECURITY_GROUP:
        b.add_resource(item, ResourceKind.OTHER)
        return
    key = "egress" if item.type.endswith("Egress") else "ingress"
    rules = group.extra.get(key)
    group.extra[key] = [*(rules or []), _rule(p)]


def load_load_balancer(b: Build, item: Item) -> None:
    p = item.props
    balancer = b.add_resource(item, ResourceKind.LOAD_BALANCER, "Name")
    balancer.extra["internal"] = _internal(p.str("Scheme"))
    balancer.extra["type"] = p.str("Type")


def _internal(scheme: V[str] | None) -> V[bool] | None:
    """``Scheme`` as ``internal`` (V[bool]); absent means internet-facing."""
    if scheme is None:
        return None
    value = scheme.value
    if isinstance(value, Ref | Unresolved):  # unknown stays unknown
        unknown: V[bool] = V(value, scheme.loc)
        return unknown
    return V(scheme.is_("internal"), scheme.loc)


def load_listener(b: Build, item: Item) -> None:
    p = item.props
    listener = b.add_resource(item, ResourceKind.OTHER)
    arn = p.str("LoadBalancerArn")
    balancer = b.target(arn, b.app.resources)
    listener.extra["load_balancer"] = linked(arn, balancer)
    listener.extra["protocol"] = p.str("Protocol")
    listener.extra["port"] = p.int("Port")
    listener.tls_policy = p.str("SslPolicy")
    _alb_triggers(b, item.id, p.maps("DefaultActions"), balancer, None)


def load_listener_rule(b: Build, item: Item) -> None:
    p = item.props
    listener = b.app.resources.get(b.target(p.value("ListenerArn"), b.app.resources) or "")
    link = listener.extra.get("load_balancer") if listener is not None else None
    balancer = link.value.target if isinstance(link, V) and isinstance(link.value, Ref) else None
    path = None
    for condition in p.maps("Conditions"):
        if condition.text("Field") == "path-pattern":
            values = condition.strs("Values") or _nested(condition, "PathPatternConfig")
            path = ",".join(v.text() for v in values) or None
    _alb_triggers(b, item.id, p.maps("Actions"), balancer, path)


def _nested(p: Props, key: str) -> list[V[str]]:
    block = p.map(key)
    return block.strs("Values") if block is not None else []


def _alb_triggers(
    b: Build, name: str, actions: list[Props], balancer: str | None, path: str | None
) -> None:
    auth_kind, auth_at = AuthKind.NONE, actions[0].loc if actions else None
    for action in sorted(actions, key=_order):
        type_ = (action.text("Type") or "").lower()
        if type_ in _ALB_AUTH:
            auth_kind, auth_at = _ALB_AUTH[type_], action.loc
        if type_ != "forward":
            continue
        for group in _target_groups(action):
            for function in _group_functions(b, group):
                at = action.loc
                auth = Auth(auth_kind, auth_at or at)
                trigger = Trigger(TriggerKind.ALB, at, name, function, path=path, auth=auth)
                trigger.public = _alb_public(b, balancer)
                b.add_trigger(trigger)


def _order(action: Props) -> int:
    order = action.int("Order")
    return order.get(0) if order is not None else 0


def _target_groups(action: Props) -> list[V[Any]]:
    groups = [g for g in [action.value("TargetGroupArn")] if g is not None]
    forward = action.map("ForwardConfig")
    for entry in forward.maps("TargetGroups") if forward is not None else []:
        arn = entry.value("TargetGroupArn")
        if arn is not None:
            groups.append(arn)
    return groups


def _group_functions(b: Build, group: V[Any]) -> list[str]:
    functions: list[str] = []
    for ref in b.refs(group):
        node = b.nodes.get(ref)
        properties = node.map("Properties") if node is not None else None
        if b.types.get(ref) != TARGET_GROUP or properties is None:
            continue
        for target in b.props(properties).maps("Targets"):
            function = b.function_of(target.value("Id"))
            if function is not None:
                functions.append(function)
    return functions


def _alb_public(b: Build, balancer: str | None) -> bool | None:
    resource = b.app.resources.get(balancer or "")
    if resource is None:
        return None
    internal = resource.extra.get("internal")
    if internal is None:
        return True  # the default scheme is internet-facing
    if not isinstance(internal, V) or not internal.known:
        return None
    return internal.value is not True


def load_distribution(b: Build, item: Item) -> None:
    distribution = b.add_resource(item, ResourceKind.DISTRIBUTION)
    config = item.props.map("DistributionConfig")
    if config is None:
        return
    behaviours = [config.map("DefaultCacheBehavior"), *config.maps("CacheBehaviors")]
    policies = [x.str("ViewerProtocolPolicy") for x in behaviours if x is not None]
    distribution.extra["viewer_protocol_policies"] = [x for x in policies if x is not None]
    certificate = config.map("ViewerCertificate")
    if certificate is not None:
        distribution.tls_policy = certificate.str("MinimumProtocolVersion")
    acl = config.str("WebACLId")
    if acl is not None:
        distribution.waf = list(b.refs(acl)) or [acl.text()]
    logging = config.map("Logging")
    distribution.access_logging = logging.str("Bucket") if logging is not None else None


def load_web_acl(b: Build, item: Item) -> None:
    p = item.props
    acl = b.add_resource(item, ResourceKind.WEB_ACL, "Name")
    default = p.map("DefaultAction")
    action = next(iter(default.node), None) if default is not None else None
    where = default.key_loc(action) if default is not None and action is not None else None
    acl.extra["default_action"] = V(action, where) if action and where else None
    acl.extra["rules"] = [name for r in p.maps("Rules") if (name := r.str("Name")) is not None]
    acl.extra["scope"] = p.str("Scope")


def load_waf_association(b: Build, item: Item) -> None:
    """``AWS::WAFv2::WebACLAssociation``: its id goes into the ``waf`` list of the stage, API
    or resource its ResourceArn names."""
    p = item.props
    association = b.add_resource(item, ResourceKind.OTHER)
    target = p.str("ResourceArn")
    association.extra["web_acl"] = p.str("WebACLArn")
    association.extra["resource_arn"] = target
    refs = b.refs(target)
    stage = next((ref for ref in refs if ref in b.stages), None)
    if stage is not None:
        b.stages[stage][1].waf.append(item.id)
        return
    api = next((b.app.apis[ref] for ref in refs if ref in b.app.apis), None)
    if api is not None:
        match = _STAGE_IN_ARN.search(target.text() if target is not None else "")
        stages = [s for s in api.stages if match is not None and s.name == match.group(1)]
        for named in stages:
            named.waf.append(item.id)
        if not stages:
            api.waf.append(item.id)
        return
    for ref in refs:
        resource = b.app.resources.get(ref)
        if resource is not None:
            resource.waf.append(item.id)
            return


__all__ = [
    "load_distribution",
    "load_listener",
    "load_listener_rule",
    "load_load_balancer",
    "load_security_group",
    "load_security_group_rule",
    "load_waf_association",
    "load_web_acl",
]
