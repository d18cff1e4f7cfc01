# Benchmark case (false): a non-sensitive body field (order id) is logged
import json
import logging

logger = logging.getLogger()


def handler(event, context):
    order = json.loads(event["body"])
    logger.info("order %s received with %d lines", order["order_id"], len(order["lines"]))
    return {"statusCode": 202}
