# Benchmark case (true): EventBridge detail subject stored on an instance and compiled by a method
from jinja2 import Template


class Notice:
    def __init__(self, detail):
        self.subject = detail["subject"]

    def render_subject(self, **values):
        return Template(self.subject).render(**values)


def handler(event, context):
    return Notice(event["detail"]).render_subject(customer="Ann")
