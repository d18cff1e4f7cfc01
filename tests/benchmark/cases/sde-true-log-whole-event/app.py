# Benchmark case (true): the whole API event (body with card data, Authorization header) logged
import json
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def handler(event, context):
    logger.info("payment request: %s", json.dumps(event))
    return {"statusCode": 202}
