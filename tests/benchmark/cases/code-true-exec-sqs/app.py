# Benchmark case (true): SQS message body executed with exec
def handler(event, context):
    for record in event["Records"]:
        scope = {}
        exec(record["body"], scope)
