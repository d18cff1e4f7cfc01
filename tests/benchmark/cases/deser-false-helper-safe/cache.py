import base64
import json


def restore(blob):
    if not blob:
        return {}
    return json.loads(base64.urlsafe_b64decode(blob))
