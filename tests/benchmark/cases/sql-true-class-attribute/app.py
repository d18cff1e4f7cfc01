# Benchmark case (true): query parameter stored on an instance attribute and read back by a method
# that builds SQL
import json

from repository import OrderRepository


def handler(event, context):
    status = event["queryStringParameters"]["status"]
    repo = OrderRepository(status)
    return {"statusCode": 200, "body": json.dumps(repo.list())}
