import requests


def notify(url, payload):
    return requests.post(url, json=payload, timeout=5).ok
