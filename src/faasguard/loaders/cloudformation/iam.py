"""IAM principals and policies: roles, users and groups with their inline policies, managed
policy ARNs and boundaries; ``AWS::IAM::Policy``/``ManagedPolicy`` attached through their
``Roles``/``Users``/``Groups`` lists (by reference or by literal name), and managed policies of
the template expanded into the roles that list them in ``ManagedPolicyArns``. Each
``ManagedPolicy`` is also a Resource of kind OTHER whose ``extra["statements"]`` holds its
statements, as Terraform's ``aws_iam_policy``, so that unattached policies can be checked."""

from __future__ import annotations

from faasguard.loaders.cloudformation.build import Build, Item, Props, literal
from faasguard.model.app import ResourceKind, Role, RoleKind, Statement
from faasguard.model.values import V

PRINCIPAL_KINDS = {
    "AWS::IAM::Role": RoleKind.ROLE,
    "AWS::IAM::User": RoleKind.USER,
    "AWS::IAM::Group": RoleKind.GROUP,
}
_NAME_KEYS = {RoleKind.ROLE: "RoleName", RoleKind.USER: "UserName", RoleKind.GROUP: "GroupName"}
_LISTS = {"Roles": RoleKind.ROLE, "Users": RoleKind.USER, "Groups": RoleKind.GROUP}


def load_principal(b: Build, item: Item) -> None:
    p = item.props
    kind = PRINCIPAL_KINDS[item.type]
    role = Role(item.id, item.loc, kind, name=p.str(_NAME_KEYS[kind]))
    trust = p.get("AssumeRolePolicyDocument")
    if trust is not None:
        role.trust = b.document(trust, "AssumeRolePolicyDocument")
    role.statements = inline_policies(b, p)
    role.managed_policies = p.strs("ManagedPolicyArns")
    role.permissions_boundary = p.str("PermissionsBoundary")
    b.app.roles[item.id] = role


def inline_policies(b: Build, p: Props) -> list[Statement]:
    statements: list[Statement] = []
    for policy in p.maps("Policies"):
        name = policy.text("PolicyName") or "?"
        document = policy.get("PolicyDocument")
        if document is None:
            b.report(f"inline policy {name} has no PolicyDocument", policy.loc)
            continue
        statements.extend(b.document(document, f"inline policy {name}"))
    return statements


def load_policy(b: Build, item: Item) -> None:
    """``AWS::IAM::Policy`` and ``AWS::IAM::ManagedPolicy``."""
    p = item.props
    document = p.get("PolicyDocument")
    if document is None:
        b.report(f"{item.id} has no PolicyDocument", item.loc)
        return
    kind = "managed policy" if item.type.endswith("ManagedPolicy") else "policy"
    name = p.text("PolicyName") or p.text("ManagedPolicyName") or item.id
    statements = b.document(document, f"{kind} {name}")
    if item.type.endswith("ManagedPolicy"):
        b.managed_docs[item.id] = statements
        policy = b.add_resource(item, ResourceKind.OTHER, "ManagedPolicyName")
        policy.extra["statements"] = statements
    for key, principal_kind in _LISTS.items():
        for value in p.strs(key):
            role = _principal(b, value, principal_kind)
            if role is None:
                continue
            role.statements.extend(statements)
            b.attached.add((role.id, item.id))


def _principal(b: Build, value: V[str], kind: RoleKind) -> Role | None:
    found = b.target(value, b.app.roles)
    if found is not None:
        return b.app.roles[found]
    name = literal(value)
    for role in b.app.roles.values():
        if role.kind is kind and name is not None and literal(role.name) == name:
            return role
    return None


def expand_managed_policies(b: Build) -> None:
    """Statements of the template's own managed policies, into every role listing them."""
    for role in b.app.roles.values():
        for arn in role.managed_policies:
            policy = b.target(arn, b.managed_docs)
            if policy is None or (role.id, policy) in b.attached:
                continue
            role.statements.extend(b.managed_docs[policy])
            b.attached.add((role.id, policy))


__all__ = [
    "PRINCIPAL_KINDS",
    "expand_managed_policies",
    "inline_policies",
    "load_policy",
    "load_principal",
]
