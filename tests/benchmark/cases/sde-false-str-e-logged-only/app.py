# Benchmark case (false): exception text goes to the log; the client gets a fixed message
import logging

logger = logging.getLogger()


def handler(event, context):
    try:
        return {"statusCode": 200, "body": str(1 / int(event["queryStringParameters"]["n"]))}
    except Exception as e:
        logger.error("division failed: %s", e)
        return {"statusCode": 400, "body": "bad request"}
