# Benchmark case (true): Flask app served through Mangum (asgiref WsgiToAsgi); request.args value
# in a shell command
import subprocess

from asgiref.wsgi import WsgiToAsgi
from flask import Flask, request
from mangum import Mangum

app = Flask(__name__)


@app.route("/dig")
def dig():
    host = request.args.get("host", "example.com")
    return subprocess.check_output(f"dig +short {host}", shell=True).decode()


handler = Mangum(WsgiToAsgi(app))
