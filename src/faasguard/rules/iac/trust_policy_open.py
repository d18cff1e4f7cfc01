"""IAC020: a role trust policy open to anyone, to a whole other account, or to every identity
of a shared identity provider, without a condition."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.statements import RESTRICTING_KEYS, is_anyone, is_restricted, whole_account
from faasguard.model.app import App, Principal, Statement

# OIDC providers shared by many tenants, and the claim a trust policy must pin to one of them.
DEFAULT_SHARED_PROVIDERS: Mapping[str, str] = {
    "token.actions.githubusercontent.com": "sub",
    "gitlab.com": "sub",
    "app.terraform.io": "sub",
    "cognito-identity.amazonaws.com": "aud",
    "accounts.google.com": "aud",
    "graph.facebook.com": "app_id",
    "www.amazon.com": "app_id",
}
_ANY_CONDITION = "a restricting condition"


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    providers = dict(ctx.option("shared-identity-providers", DEFAULT_SHARED_PROVIDERS))
    for role in app.roles.values():
        for statement in role.trust:
            if not statement.allows:
                continue
            for principal in statement.principals or ():
                verdict = _judge(principal, statement, providers)
                if verdict is None:
                    continue
                severity, who, missing = verdict
                yield Hit(
                    message=f"trust policy of {role.kind.value} {role.id} lets {who} assume it "
                    f"without {missing}",
                    location=principal.value.loc,
                    resource=role.id,
                    severity=severity,
                    evidence=f"trust {principal.kind} {principal.value.text()}",
                )
                break


def _judge(
    principal: Principal, statement: Statement, providers: Mapping[str, str]
) -> tuple[Severity, str, str] | None:
    if is_anyone(principal):
        if is_restricted(statement) is False:
            return Severity.CRITICAL, "any AWS principal", _ANY_CONDITION
        return None
    account = whole_account(principal)
    if account is not None:
        if is_restricted(statement) is False:
            return Severity.MEDIUM, f"every principal of account {account}", _ANY_CONDITION
        return None
    if principal.kind.lower() == "federated" and principal.value.known:
        return _judge_federated(principal, statement, providers)
    return None


def _judge_federated(
    principal: Principal, statement: Statement, providers: Mapping[str, str]
) -> tuple[Severity, str, str] | None:
    provider = principal.value.text().strip().split("oidc-provider/")[-1].rstrip("/")
    claim = next((c for p, c in providers.items() if provider.lower() == p.lower()), None)
    if claim is None:
        return None
    keys = {f"{provider.lower()}:{claim}", *RESTRICTING_KEYS}
    if is_restricted(statement, keys) is not False:
        return None
    return Severity.HIGH, f"every identity of {provider}", f"a condition on {provider}:{claim}"


RULE = Rule(
    id="IAC020",
    name="trust-policy-open",
    category=Category.OVER_PRIVILEGED_IAM,
    severity=Severity.HIGH,
    summary="A role's trust policy lets anyone, a whole other account, or every user of a "
    "shared identity provider assume it without a condition.",
    cwe=(284, 863),
    confidence=Confidence.HIGH,
    remediation="Name the exact principals (role ARNs) that may assume the role and pin them with "
    "conditions: sts:ExternalId or aws:PrincipalOrgID for accounts, the `sub` claim for GitHub "
    "and other shared OIDC providers.",
    references=(
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
    ),
    options={"shared-identity-providers": DEFAULT_SHARED_PROVIDERS},
    check=check,
    doc="""
## What it does
Reports Allow statements in role trust policies (`AssumeRolePolicyDocument`,
`assume_role_policy`) whose principal is `*` (critical), a whole AWS account
(`arn:aws:iam::111122223333:root`: medium) or a multi-tenant OIDC provider such as GitHub
Actions or Cognito identity pools (high), when no condition narrows who may assume it
(`sts:ExternalId`, `aws:PrincipalOrgID`, `aws:PrincipalArn`, `aws:SourceArn`, the provider's
`sub`/`aud` claim, ...). Service principals are not reported.

## Why is this bad?
`Principal: "*"` lets any AWS customer assume the role. An account root principal delegates
the decision to every administrator of that account. A GitHub OIDC trust without a `sub`
condition lets any repository on GitHub obtain the role's credentials.

## Example
```yaml template.yaml
Resources:
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: "*"
            Action: sts:AssumeRole
```

## Use instead
```yaml template.yaml
Resources:
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:role/ci-deployer
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                sts:ExternalId: shop-deploy
```

## Known problems
Whether an account id is the project's own cannot be known from the template; a literal own
account root is reported too (medium).

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
""",
)

__all__ = ["RULE", "check"]
