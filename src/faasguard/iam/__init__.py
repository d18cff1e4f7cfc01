"""IAM over the application model: the action catalogue, a policy evaluator, privilege
escalation paths (and, from the policy-inference work, the least-privilege policy of a
function's code).

The evaluator answers "does this principal's policy allow action A on resource R, and under
which conditions" with wildcards, NotAction/NotResource, Deny, conditions and permissions
boundaries, and says UNKNOWN where the project does not tell:

    from faasguard.iam import Request, Target, evaluate, policy_of, arn_resolver
    decision = evaluate(policy_of(app, role), Request("s3:PutObject", Target(arn)),
                        arn_resolver(app))
"""

from faasguard.iam.evaluate import (
    Decision,
    Grant,
    PolicySet,
    Request,
    Target,
    evaluate,
    is_administrator,
)
from faasguard.iam.identity import arn_resolver, broader, policy_of
from faasguard.iam.patterns import Answer
from faasguard.iam.privesc import Path, Step, privesc_paths

__all__ = [
    "Answer",
    "Decision",
    "Grant",
    "Path",
    "PolicySet",
    "Request",
    "Step",
    "Target",
    "arn_resolver",
    "broader",
    "evaluate",
    "is_administrator",
    "policy_of",
    "privesc_paths",
]
