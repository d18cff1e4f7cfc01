# Benchmark case (false): dict holds a constant directory and the user name; only the directory
# reaches the path
def handler(event, context):
    target = {"directory": "/tmp/out", "owner": event["queryStringParameters"]["owner"]}
    with open(target["directory"] + "/index.html", "w") as handle:
        handle.write("<p>generated</p>")
    return {"statusCode": 200, "body": target["owner"]}
