from jinja2 import Template


def render(**fields):
    layout = fields.pop("layout", "{{ title }}")
    return Template(layout).render(**fields)
