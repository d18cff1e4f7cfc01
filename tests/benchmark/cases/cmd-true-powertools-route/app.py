# Benchmark case (true): Powertools REST resolver route reads the JSON body and runs a shell
# command
import subprocess

from aws_lambda_powertools.event_handler import APIGatewayRestResolver

app = APIGatewayRestResolver()


@app.post("/backup")
def backup():
    body = app.current_event.json_body
    subprocess.run("pg_dump " + body["database"] + " > /tmp/dump.sql", shell=True, check=True)
    return {"ok": True}


def lambda_handler(event, context):
    return app.resolve(event, context)
