import requests


def call(method="GET", **options):
    return requests.request(method, options["url"], timeout=5)
