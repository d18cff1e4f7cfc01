# Benchmark case (false): page number cast to int before it is formatted into the path
def handler(event, context):
    page = int(event["queryStringParameters"]["page"])
    with open(f"/var/task/catalogue/page-{page}.json") as handle:
        return {"statusCode": 200, "body": handle.read()}
