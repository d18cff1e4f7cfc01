# Benchmark case (false): exec of a constant snippet from the module; the event only provides data
SETUP = "import decimal\ncontext = decimal.getcontext()\ncontext.prec = 6\n"


def handler(event, context):
    namespace = {}
    exec(SETUP, namespace)
    return {"amount": str(event["detail"]["amount"]), "precision": namespace["context"].prec}
