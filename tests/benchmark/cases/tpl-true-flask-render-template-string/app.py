# Benchmark case (true): Flask behind serverless-wsgi renders a template string with the query
# value in it
import serverless_wsgi
from flask import Flask, render_template_string, request

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    return render_template_string(f"<h1>Hello {name}!</h1>")


def handler(event, context):
    return serverless_wsgi.handle_request(app, event, context)
