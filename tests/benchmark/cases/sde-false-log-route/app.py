# Benchmark case (false): route key and source IP are logged, no credentials or body
import logging

logger = logging.getLogger()


def handler(event, context):
    http = event["requestContext"]["http"]
    logger.info("%s %s from %s", http["method"], http["path"], http["sourceIp"])
    return {"statusCode": 204}
