# Benchmark case (false): only the request id and route are logged
import logging

logger = logging.getLogger()


def handler(event, context):
    logger.info("request %s %s", context.aws_request_id, event["resource"])
    return {"statusCode": 202}
