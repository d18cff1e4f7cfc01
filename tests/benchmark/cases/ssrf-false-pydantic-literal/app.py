# Benchmark case (false): region validated as a Literal by a pydantic model before it names the
# host
from typing import Literal

import requests
from pydantic import BaseModel


class Query(BaseModel):
    region: Literal["eu", "us", "ap"]


def handler(event, context):
    query = Query.model_validate_json(event["body"])
    response = requests.get(f"https://{query.region}.api.example.com/prices", timeout=5)
    return {"statusCode": 200, "body": response.text}
