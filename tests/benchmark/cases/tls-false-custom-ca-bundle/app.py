# Benchmark case (false): httpx.Client verifying against a shipped CA bundle
import httpx

client = httpx.Client(verify="/var/task/certs/internal-ca.pem", timeout=5)


def handler(event, context):
    return client.get("https://partner.example.com/feed").json()
