import subprocess


class ExportJob:
    def __init__(self, spec):
        self.target = spec["target"]

    def run(self):
        subprocess.call("zip -r /tmp/export.zip " + self.target, shell=True)
