from jinja2 import Template


def page(title):
    return Template("<html><title>" + title + "</title></html>").render()
