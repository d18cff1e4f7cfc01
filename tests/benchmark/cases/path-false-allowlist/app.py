# Benchmark case (false): page name checked against an allow-list before it is opened
PAGES = {"terms.html", "privacy.html", "imprint.html"}


def handler(event, context):
    page = event["pathParameters"]["page"]
    if page not in PAGES:
        return {"statusCode": 404}
    with open(f"/var/task/pages/{page}") as handle:
        return {"statusCode": 200, "body": handle.read()}
