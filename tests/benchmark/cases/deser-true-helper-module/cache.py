import base64
import pickle


def restore(blob):
    if not blob:
        return {}
    return pickle.loads(base64.urlsafe_b64decode(blob))
