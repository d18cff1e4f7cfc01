# Benchmark case (true): Powertools route path parameter evaluated
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver

app = APIGatewayHttpResolver()


@app.get("/convert/<expression>")
def convert(expression: str):
    return {"result": eval(expression)}


def handler(event, context):
    return app.resolve(event, context)
