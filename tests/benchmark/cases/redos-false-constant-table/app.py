# Benchmark case (false): query value selects one of several constant linear patterns
import re

PATTERNS = {"zip": r"\d{5}", "phone": r"\+?[0-9 ]{6,15}", "sku": r"[A-Z]{3}-\d{4}"}


def handler(event, context):
    params = event["queryStringParameters"]
    pattern = PATTERNS.get(params["kind"], r"\d{5}")
    return {"statusCode": 200, "body": str(bool(re.fullmatch(pattern, params["value"])))}
