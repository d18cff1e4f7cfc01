# Benchmark case (true): login handler logs the submitted password
import json
import logging

logger = logging.getLogger(__name__)


def handler(event, context):
    body = json.loads(event["body"])
    logger.info("login attempt user=%s password=%s", body["username"], body["password"])
    return {"statusCode": 401}
