import os

import boto3

_client = boto3.client("dynamodb")


def items_for(customer):
    condition = "pk = " + customer
    response = _client.query(TableName=os.environ["TABLE"], KeyConditionExpression=condition)
    return response["Items"]
