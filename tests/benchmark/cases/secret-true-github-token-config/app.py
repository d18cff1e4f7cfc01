# Benchmark case (true): GitHub token committed in a JSON config file read by the function
import json

import requests

with open("config.json") as handle:
    CONFIG = json.load(handle)


def handler(event, context):
    headers = {"Authorization": f"token {CONFIG['github_token']}"}
    return requests.get("https://api.github.com/user/repos", headers=headers, timeout=5).status_code
