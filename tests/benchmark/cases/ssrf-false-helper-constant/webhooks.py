import requests

HOOK = "https://hooks.example.com/orders"


def notify(payload):
    return requests.post(HOOK, json=payload, timeout=5).ok
