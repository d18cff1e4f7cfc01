# Benchmark case (true): EventBridge detail field formatted into a DynamoDB PartiQL
# execute_statement
import boto3

dynamodb = boto3.client("dynamodb")


def handler(event, context):
    order_id = event["detail"]["orderId"]
    statement = "SELECT * FROM orders WHERE order_id = '{}'".format(order_id)
    result = dynamodb.execute_statement(Statement=statement)
    return result["Items"]
