from jinja2 import Template

PAGE = Template("<html><title>{{ title }}</title></html>", autoescape=True)


def page(title):
    return PAGE.render(title=title)
