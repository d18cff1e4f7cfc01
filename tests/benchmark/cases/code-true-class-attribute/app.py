# Benchmark case (true): rule condition from the body stored on an instance and evaluated per item
import json


class DiscountRule:
    def __init__(self, condition, percent):
        self.condition = condition
        self.percent = percent

    def applies(self, item):
        return eval(self.condition, {}, dict(item))


def handler(event, context):
    body = json.loads(event["body"])
    rule = DiscountRule(body["condition"], body["percent"])
    hits = [item for item in body["items"] if rule.applies(item)]
    return {"statusCode": 200, "body": json.dumps(hits)}
