# Benchmark case (true): FastAPI behind Mangum; query parameter joined into an opened path
from fastapi import FastAPI
from mangum import Mangum

app = FastAPI()


@app.get("/files")
def read_file(name: str):
    with open("/var/task/files/" + name) as handle:
        return {"content": handle.read()}


handler = Mangum(app)
