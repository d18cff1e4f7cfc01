# Benchmark case (false): Flask (serverless-wsgi) render_template of a file with the query value
# as context
import serverless_wsgi
from flask import Flask, render_template, request

app = Flask(__name__)


@app.route("/hello")
def hello():
    return render_template("hello.html", name=request.args.get("name", "world"))


def handler(event, context):
    return serverless_wsgi.handle_request(app, event, context)
