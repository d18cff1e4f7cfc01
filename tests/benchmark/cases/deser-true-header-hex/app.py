# Benchmark case (true): ALB header value hex-decoded and unpickled
import pickle


def handler(event, context):
    session = pickle.loads(bytes.fromhex(event["headers"]["x-session"]))
    return {"statusCode": 200, "statusDescription": "200 OK", "body": str(session.get("user"))}
