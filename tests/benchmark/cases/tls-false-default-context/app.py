# Benchmark case (false): urllib with ssl.create_default_context()
import ssl
import urllib.request


def handler(event, context):
    ctx = ssl.create_default_context()
    with urllib.request.urlopen("https://status.example.com/api", context=ctx) as response:
        return response.status
