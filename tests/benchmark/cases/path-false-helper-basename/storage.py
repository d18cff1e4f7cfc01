import os

REPORT_DIR = "/mnt/reports"


def read_report(name):
    with open(os.path.join(REPORT_DIR, os.path.basename(name)), encoding="utf-8") as handle:
        return handle.read()
