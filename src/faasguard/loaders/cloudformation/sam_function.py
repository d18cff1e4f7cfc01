"""``AWS::Serverless::Function`` (with ``Globals.Function`` already merged) and the pieces SAM
generates for it: the execution role, the Function URL and its public permission."""

from __future__ import annotations

from functools import partial

from faasguard.loaders.cloudformation.build import Build, Item, Props
from faasguard.loaders.cloudformation.functions import base_function, code_directory, s3_uri
from faasguard.loaders.cloudformation.http import auth_kind, cors
from faasguard.loaders.cloudformation.sam_events import load_events
from faasguard.loaders.cloudformation.sam_policies import generated_role
from faasguard.model.app import (
    Auth,
    AuthKind,
    Function,
    FunctionUrl,
    Permission,
    Trigger,
    TriggerKind,
)
from faasguard.model.values import Ref, V

URL_AUTH = {"NONE": AuthKind.NONE, "AWS_IAM": AuthKind.IAM}


def load_sam_function(b: Build, item: Item) -> None:
    p = item.props
    fn = base_function(b, item)
    _code(b, fn, p)
    fn.tracing = p.str("Tracing")
    dead_letter = p.map("DeadLetterQueue")
    fn.dead_letter = dead_letter.str("TargetArn") if dead_letter is not None else None
    invoke = p.map("EventInvokeConfig")
    if invoke is not None:
        fn.max_retry_attempts = invoke.int("MaximumRetryAttempts")
        destinations = invoke.map("DestinationConfig")
        failure = destinations.map("OnFailure") if destinations is not None else None
        if failure is not None:
            fn.on_failure = failure.str("Destination") or failure.str("Type")
    alias = p.text("AutoPublishAlias")
    if alias:
        b.logical_ids.setdefault(f"{item.id}Alias{alias}", item.id)
    if p.has("Role"):
        fn.role_value = p.str("Role")
    else:
        generated_role(b, item, fn, f"Policies of {item.id}")
    url = p.map("FunctionUrlConfig")
    if url is not None:
        function_url(b, fn, url, f"{item.id}Url")
        if fn.url is not None:
            url_permission(b, fn, fn.url, f"{item.id}Url")
    b.deferred.append(partial(load_events, b, fn, p))


def _code(b: Build, fn: Function, p: Props) -> None:
    if p.has("ImageUri") or fn.image:
        fn.image = True
        fn.code_uri = p.str("ImageUri")
        return
    if p.has("InlineCode"):
        return
    code = p.map("CodeUri") if p.is_map("CodeUri") else None
    if code is not None:
        fn.code_uri = s3_uri(code.value("Bucket"), code.value("Key"), code.loc)
        return
    fn.code_uri = p.str("CodeUri")
    fn.code_dir = code_directory(b, fn.code_uri)


def function_url(b: Build, fn: Function, url: Props, url_id: str) -> None:
    """A Function URL (SAM FunctionUrlConfig or AWS::Lambda::Url) on `fn`: the url settings,
    a public FUNCTION_URL trigger, and for SAM the permission SAM adds when AuthType is NONE."""
    auth_type = url.str("AuthType")
    if auth_type is None:
        b.report(f"the Function URL of {fn.id} has no AuthType", url.loc)
    block = url.map("Cors")
    url_cors = cors(block, "AllowOrigins", "AllowCredentials") if block is not None else None
    fn.url = FunctionUrl(url.loc, auth_type, url_cors)
    fn.url.invoke_mode = url.str("InvokeMode")
    kind = auth_kind(auth_type, URL_AUTH) if auth_type is not None else AuthKind.UNKNOWN
    auth = Auth(kind, auth_type.loc if auth_type is not None else url.loc)
    trigger = Trigger(TriggerKind.FUNCTION_URL, url.loc, url_id, fn.id, auth=auth, public=True)
    trigger.cors = fn.url.cors
    trigger.raw = url.node
    b.add_trigger(trigger)


def url_permission(b: Build, fn: Function, url: FunctionUrl, url_id: str) -> None:
    """The resource policy SAM writes for a Function URL with AuthType NONE."""
    if url.auth_type is None or not url.auth_type.is_("NONE"):
        return
    at = url.auth_type.loc
    permission = Permission(f"{url_id}PublicPermissions", at, V(Ref(fn.id), at), V("*", at))
    permission.action = V("lambda:InvokeFunctionUrl", at)
    permission.function_url_auth_type = url.auth_type
    permission.generated = True
    b.app.permissions.append(permission)


__all__ = ["function_url", "load_sam_function", "url_permission"]
