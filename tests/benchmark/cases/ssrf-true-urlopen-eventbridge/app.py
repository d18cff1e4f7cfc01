# Benchmark case (true): EventBridge detail URL opened with urllib.request.urlopen
import urllib.request


def handler(event, context):
    with urllib.request.urlopen(event["detail"]["feed_url"], timeout=5) as response:
        return {"bytes": len(response.read())}
