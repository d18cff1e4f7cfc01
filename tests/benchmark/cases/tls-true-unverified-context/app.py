# Benchmark case (true): urllib with ssl._create_unverified_context()
import ssl
import urllib.request


def handler(event, context):
    ctx = ssl._create_unverified_context()
    with urllib.request.urlopen("https://status.example.com/api", context=ctx) as response:
        return response.status
