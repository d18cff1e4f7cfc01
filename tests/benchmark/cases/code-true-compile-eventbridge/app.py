# Benchmark case (true): EventBridge detail rule source compiled and executed
def handler(event, context):
    source = event["detail"]["rule"]
    code = compile(source, "<rule>", "exec")
    namespace = {"order": event["detail"].get("order", {})}
    exec(code, namespace)
    return namespace.get("result")
