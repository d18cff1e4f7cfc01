"""IAM: roles, users and groups with their trust, inline and attached policies.

Customer managed policies (`aws_iam_policy`) attached by reference are expanded into the
statements of each role they are attached to (their origin names the policy); ARNs of policies
outside the project (AWS managed, or named by a value the scan cannot resolve) are kept in
`Role.managed_policies` as written. Each `aws_iam_policy` is also a Resource of kind OTHER whose
``extra["statements"]`` holds its statements, so that unattached policies can be checked.
"""

from __future__ import annotations

from collections.abc import Callable

from faasguard.loaders.terraform.document import statements
from faasguard.loaders.terraform.state import Item, State, address_name
from faasguard.model.app import Resource, ResourceKind, Role, RoleKind

Handler = Callable[[State, Item], None]
_KINDS = {
    "aws_iam_role": RoleKind.ROLE,
    "aws_iam_user": RoleKind.USER,
    "aws_iam_group": RoleKind.GROUP,
}


def principal(state: State, item: Item) -> None:
    view = item.view
    role = Role(item.address, item.block.loc, _KINDS[item.type], name=view.string("name"))
    if item.type == "aws_iam_role":
        role.trust = statements(view, "assume_role_policy", "trust policy")
        role.managed_policies = view.strings("managed_policy_arns")
        for inline in view.blocks("inline_policy"):
            name = inline.string("name")
            origin = f"inline policy {name.text() if name else address_name(item.address)}"
            role.statements.extend(statements(inline, "policy", origin))
    role.permissions_boundary = view.string("permissions_boundary")
    state.app.roles[item.address] = role


def policy(state: State, item: Item) -> None:
    view = item.view
    found = statements(view, "policy", f"managed policy {item.address}")
    state.policies[item.address] = found
    resource = Resource(
        item.address, item.type, ResourceKind.OTHER, item.block.loc, name=view.string("name")
    )
    resource.extra["statements"] = found
    state.app.resources[item.address] = resource


def inline_policy(state: State, item: Item) -> None:
    """aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy."""
    view = item.view
    owner = _owner_field(item.type)
    role_id = state.role_of(view.string(owner))
    if role_id is None:
        return
    name = view.string("name")
    origin = f"inline policy {name.text() if name else address_name(item.address)}"
    state.app.roles[role_id].statements.extend(statements(view, "policy", origin))


def attachment(state: State, item: Item) -> None:
    """aws_iam_{role,user,group}_policy_attachment and aws_iam_policy_attachment."""
    view = item.view
    policy_arn = view.string("policy_arn")
    if policy_arn is None:
        return
    if item.type == "aws_iam_policy_attachment":
        owners = [*view.strings("roles"), *view.strings("users"), *view.strings("groups")]
    else:
        owner = view.string(_owner_field(item.type))
        owners = [owner] if owner is not None else []
    policy_id = state.find(policy_arn, state.policies)
    for owner_value in owners:
        role_id = state.role_of(owner_value)
        if role_id is None:
            continue
        role = state.app.roles[role_id]
        if policy_id is not None:
            role.statements.extend(state.policies[policy_id])
        else:
            role.managed_policies.append(policy_arn)


def link_functions(state: State) -> None:
    """Each function's execution role, by reference or by name/ARN."""
    for fn in state.app.functions.values():
        role_id = state.role_of(fn.role_value)
        if role_id is None:
            continue
        fn.role = role_id
        role = state.app.roles[role_id]
        if fn.id not in role.functions:
            role.functions.append(fn.id)


def _owner_field(type_: str) -> str:
    for owner in ("role", "user", "group"):
        if type_.startswith(f"aws_iam_{owner}_"):
            return owner
    return "role"


PRIMARY: dict[str, Handler] = {
    "aws_iam_role": principal,
    "aws_iam_user": principal,
    "aws_iam_group": principal,
    "aws_iam_policy": policy,
}
LINKS: dict[str, Handler] = {
    "aws_iam_role_policy": inline_policy,
    "aws_iam_user_policy": inline_policy,
    "aws_iam_group_policy": inline_policy,
    "aws_iam_role_policy_attachment": attachment,
    "aws_iam_user_policy_attachment": attachment,
    "aws_iam_group_policy_attachment": attachment,
    "aws_iam_policy_attachment": attachment,
}

__all__ = ["LINKS", "PRIMARY", "link_functions"]
