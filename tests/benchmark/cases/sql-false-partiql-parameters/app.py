# Benchmark case (false): PartiQL statement with ? placeholders and the detail value in Parameters
import boto3

dynamodb = boto3.client("dynamodb")


def handler(event, context):
    order_id = event["detail"]["orderId"]
    result = dynamodb.execute_statement(
        Statement="SELECT * FROM orders WHERE order_id = ?",
        Parameters=[{"S": order_id}],
    )
    return result["Items"]
