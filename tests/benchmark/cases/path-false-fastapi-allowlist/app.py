# Benchmark case (false): FastAPI behind Mangum; the file name is an Enum-validated parameter
from enum import Enum

from fastapi import FastAPI
from mangum import Mangum

app = FastAPI()


class Doc(str, Enum):
    terms = "terms.txt"
    privacy = "privacy.txt"


@app.get("/files")
def read_file(name: Doc):
    with open("/var/task/files/" + name.value) as handle:
        return {"content": handle.read()}


handler = Mangum(app)
