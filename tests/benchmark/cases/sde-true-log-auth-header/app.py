# Benchmark case (true): Authorization header (bearer token) logged
import logging

logger = logging.getLogger()


def handler(event, context):
    token = event["headers"].get("Authorization", "")
    logger.warning("auth header received: %s", token)
    return {"statusCode": 200}
