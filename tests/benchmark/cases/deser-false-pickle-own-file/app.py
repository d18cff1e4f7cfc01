# Benchmark case (false): unpickles a model file shipped in the deployment package at a constant
# path
import pickle

with open("/var/task/model.pkl", "rb") as handle:
    MODEL = pickle.load(handle)


def handler(event, context):
    return {"score": MODEL.predict([[1.0, 2.0]])[0]}
