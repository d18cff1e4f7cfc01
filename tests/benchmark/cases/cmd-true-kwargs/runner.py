import os


def run_tool(tool, **options):
    flags = " ".join(f"-{name} {value}" for name, value in options.items())
    os.system(f"{tool} {flags} /tmp/image.png")
