# Benchmark case (false): query values cast to int before they are formatted into an evaluated
# expression
def handler(event, context):
    params = event["queryStringParameters"]
    left, right = int(params["a"]), int(params["b"])
    return {"statusCode": 200, "body": str(eval(f"{left} * {right}"))}
