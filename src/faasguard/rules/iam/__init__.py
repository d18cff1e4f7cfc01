"""IAM rules over the principals of an app: privilege-escalation paths (IAM001-IAM004),
`iam:PassRole` on every role (IAM005), risky single actions (IAM006, IAM007) and policies the
analysis cannot read (IAM008). The evaluation lives in :mod:`faasguard.iam`."""
