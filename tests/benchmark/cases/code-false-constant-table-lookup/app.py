# Benchmark case (false): query value selects one of several constant expressions; only constants
# are evaluated
import json

FORMULAS = {"vat": "price * 1.2", "net": "price", "discount": "price * 0.9"}


def handler(event, context):
    name = event["queryStringParameters"]["formula"]
    formula = FORMULAS.get(name, "price")
    value = eval(formula, {"__builtins__": {}}, {"price": 100.0})
    return {"statusCode": 200, "body": json.dumps({"value": value})}
