"""CloudFormation and SAM templates (YAML with short tags, JSON, CDK output) into the model.

Entry points the engine calls: :func:`is_template`, :func:`load_template`; the serverless.yml
loader reuses :func:`load_resources` for its ``resources.Resources`` with a resolver built on
:class:`CfnResolver`.
"""

from __future__ import annotations

from collections.abc import Mapping

from faasguard.loaders.base import LoadContext, Resolve
from faasguard.loaders.cloudformation.loader import load_into
from faasguard.loaders.cloudformation.resolver import CfnResolver
from faasguard.loaders.cloudformation.template import is_template, load_template
from faasguard.loaders.nodes import MapNode
from faasguard.model.app import App


def load_resources(
    app: App,
    resources: MapNode,
    path: str,
    ctx: LoadContext,
    resolve: Resolve,
    *,
    logical_ids: Mapping[str, str] | None = None,
) -> None:
    """Adds the resources of a CloudFormation ``Resources`` map (plain and ``AWS::Serverless``
    types) to `app`, resolving leaf values with `resolve`.

    `logical_ids` maps CloudFormation logical ids of objects the caller created to their model
    ids (serverless.yml: ``OrdersLambdaFunction`` -> ``orders``), so that a ``!GetAtt
    OrdersLambdaFunction.Arn`` in these resources finds the function.
    """
    load_into(app, resources, path, ctx, resolve, logical_ids=logical_ids)


__all__ = ["CfnResolver", "is_template", "load_resources", "load_template"]
