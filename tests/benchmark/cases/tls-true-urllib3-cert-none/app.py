# Benchmark case (true): urllib3 PoolManager with cert_reqs='CERT_NONE'
import urllib3

http = urllib3.PoolManager(cert_reqs="CERT_NONE")


def handler(event, context):
    return http.request("GET", "https://inventory.example.com/stock").status
