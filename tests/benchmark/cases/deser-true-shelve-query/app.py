# Benchmark case (true): query value names the shelve database that is opened (and unpickled)
import shelve


def handler(event, context):
    name = event["queryStringParameters"]["profile"]
    with shelve.open("/tmp/profiles/" + name) as db:
        return {"statusCode": 200, "body": str(dict(db))}
